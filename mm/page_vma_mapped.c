// SPDX-License-Identifier: GPL-2.0
/*
 * page_vma_mapped.c - does this VMA map these pages, and where? Mirrors
 * mm/page_vma_mapped.c.
 *
 * rmap_walk() knows only that a VMA *may* map a folio (its interval tree
 * covers the folio's index); page_vma_mapped_walk() looks at the PTEs: a
 * fork child may have replaced the page by its own copy, or munmap()
 * and madvise() may have cleared the PTE. Used as Linux uses it:
 *
 *	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, address, 0);
 *	while (page_vma_mapped_walk(&pvmw)) {
 *		... pvmw.pte maps a page of the folio at pvmw.address,
 *		    pvmw.ptl is held ...
 *	}
 *
 * Each true return holds the page-table lock; the next call drops it and
 * goes on after that PTE. Leave the loop early with
 * page_vma_mapped_walk_done(). With PVMW_MIGRATION the walk finds the
 * migration entries of the pages instead (remove_migration_ptes()).
 * Linux also finds PMD-mapped THPs and hugetlb entries; Pagoda has none
 * of those yet, and one mm-wide page-table lock.
 */
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/swapops.h>
#include "internal.h"

static bool not_found(struct page_vma_mapped_walk *pvmw)
{
	page_vma_mapped_walk_done(pvmw);
	pvmw->ptl = NULL;
	pvmw->pte = NULL;
	return false;
}

/*
 * check_pte - does pvmw->pte map one of the pages [pvmw->pfn, pvmw->pfn +
 * nr_pages) -- or, with PVMW_MIGRATION, hold a migration entry of one?
 */
static bool check_pte(struct page_vma_mapped_walk *pvmw)
{
	pte_t ptent = *pvmw->pte;
	unsigned long pfn;

	if (pvmw->flags & PVMW_MIGRATION) {
		swp_entry_t entry;

		if (!is_swap_pte(ptent))
			return false;
		entry = pte_to_swp_entry(ptent);
		if (!is_migration_entry(entry))
			return false;
		pfn = swp_offset_pfn(entry);
	} else {
		if (!pte_present(ptent))
			return false;
		pfn = pte_pfn(ptent);
	}
	return pfn >= pvmw->pfn && pfn - pvmw->pfn < pvmw->nr_pages;
}

/**
 * page_vma_mapped_walk - the next PTE in pvmw->vma that maps a page of the range
 * @pvmw: the pages (pfn, nr_pages, pgoff), the VMA and the address of the
 *        first page in it (vma_address()); pmd, pte and ptl start NULL
 *
 * Returns true with pvmw->address, ->pmd and ->pte set and ->ptl held, or
 * false (nothing held) when no further PTE of the range maps one of the
 * pages.
 */
bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw)
{
	struct mm_struct *mm = pvmw->vma->vm_mm;
	unsigned long end = vma_address_end(pvmw);

	if (pvmw->pte) {		/* the last call found one: go on after it */
		not_found(pvmw);
		pvmw->address += PAGE_SIZE;
	}
	for (; pvmw->address < end; pvmw->address += PAGE_SIZE) {
		pvmw->pmd = mm_find_pmd(mm, pvmw->address);
		if (!pvmw->pmd)
			continue;
		pvmw->pte = pte_offset_map_lock(mm, pvmw->pmd, pvmw->address, &pvmw->ptl);
		if (check_pte(pvmw))
			return true;
		not_found(pvmw);
	}
	return false;
}
