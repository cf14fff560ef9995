// SPDX-License-Identifier: GPL-2.0
/*
 * pagewalk.c - folio_walk_start(): the folio a user address maps, with the
 * page-table lock held so that it stays mapped while the caller looks.
 * Mirrors the folio_walk part of mm/pagewalk.c (KSM's break_ksm() and
 * get_mergeable_page() use it).
 */
#include <linux/pagewalk.h>
#include "internal.h"

/**
 * folio_walk_start - the folio mapped at @addr in @vma, if any
 * @fw: filled in: the page, the PTE and its value
 * @vma: the VMA (the caller holds its mmap_lock)
 * @addr: the user address
 * @flags: FW_ZEROPAGE to return the zero page's folio as well (normally
 *         it is not "mapped" in the rmap sense and is left out)
 *
 * Returns the folio with the page-table lock held (release it with
 * folio_walk_end()), or NULL, holding nothing, when no present PTE maps a
 * normal page there.
 */
struct folio *folio_walk_start(struct folio_walk *fw, struct vm_area_struct *vma,
			       unsigned long addr, folio_walk_flags_t flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pmd_t *pmd = mm_find_pmd(mm, addr);
	struct page *page;
	pte_t *ptep;
	pte_t pte;

	if (!pmd)
		return NULL;
	ptep = pte_offset_map(pmd, addr);
	spin_lock(&mm->page_table_lock);
	pte = *ptep;
	if (!pte_present(pte))
		goto not_found;
	page = vm_normal_page(vma, addr, pte);
	if (!page && (flags & FW_ZEROPAGE) && is_zero_pfn(pte_pfn(pte)))
		page = pfn_to_page(pte_pfn(pte));
	if (!page)
		goto not_found;
	fw->page = page;
	fw->level = FW_LEVEL_PTE;
	fw->ptep = ptep;
	fw->pte = pte;
	fw->vma = vma;
	fw->ptl = &mm->page_table_lock;
	return page_folio(page);

not_found:
	spin_unlock(&mm->page_table_lock);
	return NULL;
}
