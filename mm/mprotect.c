// SPDX-License-Identifier: GPL-2.0
/*
 * mprotect.c - changing the protection of a range: the mprotect system
 * call. Mirrors mm/mprotect.c.
 *
 * Two layers change. The VMAs: the range gets its own VMA(s) with the new
 * flags, merging with a neighbour that then matches or splitting out of
 * the VMA it was part of (vma_modify_flags in mm/vma.c). The page tables:
 * every present PTE of the range takes the new protection
 * (change_protection). Private writable VMAs have read-only vm_page_prot
 * (copy-on-write starts at the first write fault), so a PTE is made
 * writable directly only when the write fault would do exactly that
 * without copying: an anonymous page this process has exclusively
 * (PageAnonExclusive, can_change_pte_writable). A page still shared with
 * a fork parent or child, or the zero page, stays read-only and is copied
 * on the next write.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/hugetlb.h>
#include <linux/swapops.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/syscalls.h>
#include <uapi/linux/mman.h>
#include "internal.h"

/* Try to make PTEs writable where that needs no write fault (Linux's MM_CP_TRY_CHANGE_WRITABLE). */
#define MM_CP_TRY_CHANGE_WRITABLE	(1UL << 0)

/*
 * can_change_pte_writable - may @pte of a VM_WRITE private @vma become
 * writable now? Only if it maps an exclusive anonymous page: the write
 * fault would reuse it rather than copy.
 */
static bool can_change_pte_writable(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	struct page *page;

	if (WARN_ON_ONCE(!(vma->vm_flags & VM_WRITE)))
		return false;
	if (vma->vm_flags & VM_SHARED)
		return pte_dirty(pte);
	page = vm_normal_page(vma, addr, pte);
	return page && PageAnon(page) && PageAnonExclusive(page);
}

/*
 * change_nonpresent_pte - a migration entry keeps no protection bits, only
 * whether the page was writable: make a writable one readable (exclusive
 * for an anonymous page, which stays this process's alone), so that the
 * restored PTE faults before a write the new protection may forbid.
 * Returns the number of entries changed.
 */
static unsigned long change_nonpresent_pte(pte_t *pte, pte_t oldpte)
{
	swp_entry_t entry = pte_to_swp_entry(oldpte);

	if (!is_writable_migration_entry(entry))
		return 0;
	if (folio_test_anon(pfn_swap_entry_folio(entry)))
		entry = make_readable_exclusive_migration_entry(swp_offset(entry));
	else
		entry = make_readable_migration_entry(swp_offset(entry));
	set_pte(pte, swp_entry_to_pte(entry));
	return 1;
}

static unsigned long change_pte_range(struct vm_area_struct *vma, pmd_t *pmd,
				      unsigned long addr, unsigned long end, pgprot_t newprot,
				      unsigned long cp_flags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long pages = 0;
	pte_t *pte;

	spin_lock(&mm->page_table_lock);		/* pte_offset_map_lock() */
	pte = pte_offset_map(pmd, addr);
	do {
		pte_t oldpte = *pte, ptent;

		if (!pte_present(oldpte)) {
			pages += change_nonpresent_pte(pte, oldpte);
			continue;
		}
		ptent = pte_modify(oldpte, newprot);
		if ((cp_flags & MM_CP_TRY_CHANGE_WRITABLE) && !pte_write(ptent) &&
		    can_change_pte_writable(vma, addr, ptent))
			ptent = pte_mkwrite(ptent);
		set_pte(pte, ptent);
		pages++;
	} while (pte++, addr += PAGE_SIZE, addr != end);
	spin_unlock(&mm->page_table_lock);
	return pages;
}

static unsigned long change_pmd_range(struct vm_area_struct *vma, pud_t *pud,
				      unsigned long addr, unsigned long end, pgprot_t newprot,
				      unsigned long cp_flags)
{
	pmd_t *pmd = pmd_offset(pud, addr);
	unsigned long next, pages = 0;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd))
			continue;
		pages += change_pte_range(vma, pmd, addr, next, newprot, cp_flags);
	} while (pmd++, addr = next, addr != end);
	return pages;
}

static unsigned long change_pud_range(struct vm_area_struct *vma, pgd_t *pgd,
				      unsigned long addr, unsigned long end, pgprot_t newprot,
				      unsigned long cp_flags)
{
	pud_t *pud = pud_offset(pgd, addr);
	unsigned long next, pages = 0;

	do {
		next = pud_addr_end(addr, end);
		if (pud_none(*pud))
			continue;
		pages += change_pmd_range(vma, pud, addr, next, newprot, cp_flags);
	} while (pud++, addr = next, addr != end);
	return pages;
}

/*
 * change_protection - give every present PTE of [start, end) of @vma the
 * protection @newprot (the frame and the accessed/dirty bits stay), then
 * flush the TLB for the range. Returns the number of PTEs changed (0 for
 * a hugetlb VMA, whose huge PMDs hugetlb_change_protection() changes).
 */
static unsigned long change_protection(struct vm_area_struct *vma, unsigned long start,
				       unsigned long end, pgprot_t newprot, unsigned long cp_flags)
{
	struct mm_struct *mm = vma->vm_mm;
	pgd_t *pgd = pgd_offset(mm, start);
	unsigned long next, pages = 0, addr = start;

	if (is_vm_hugetlb_page(vma)) {
		hugetlb_change_protection(vma, start, end);
		return 0;
	}
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		pages += change_pud_range(vma, pgd, addr, next, newprot, cp_flags);
	} while (pgd++, addr = next, addr != end);

	if (pages)
		flush_tlb_mm_range(mm, start, end);
	return pages;
}

/* vma_wants_manual_pte_write_upgrade - may change_protection() make PTEs writable itself? */
static bool vma_wants_manual_pte_write_upgrade(struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_WRITE;
}

/*
 * mprotect_fixup - give [start, end) of @vma the flags @newflags. *@pprev
 * is the VMA before @start (or @vma, if @start is inside it) and becomes
 * the VMA that now covers the range; @vmi stands on it afterwards. Making
 * private memory writable charges it (VM_ACCOUNT), as its pages may all
 * become private copies; making a never-written anonymous VMA read-only
 * gives the charge back. Linux also passes an mmu_gather; Pagoda's
 * change_protection() flushes the TLB itself.
 */
static int mprotect_fixup(struct vma_iterator *vmi, struct vm_area_struct *vma,
			  struct vm_area_struct **pprev, unsigned long start, unsigned long end,
			  unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	long nrpages = (end - start) >> PAGE_SHIFT;
	unsigned long charged = 0;

	if (newflags == oldflags) {
		*pprev = vma;
		return 0;
	}

	if (newflags & VM_WRITE) {
		/* Check space limits when the area turns into data. */
		if (!may_expand_vm(mm, newflags, nrpages) && may_expand_vm(mm, oldflags, nrpages))
			return -ENOMEM;
		if (!(oldflags & (VM_ACCOUNT | VM_WRITE | VM_HUGETLB | VM_SHARED | VM_NORESERVE))) {
			charged = nrpages;
			if (security_vm_enough_memory_mm(mm, charged))
				return -ENOMEM;
			newflags |= VM_ACCOUNT;
		}
	} else if ((oldflags & VM_ACCOUNT) && vma_is_anonymous(vma) && !vma->anon_vma) {
		/* Never written, read-only now: nothing to charge for. */
		newflags &= ~VM_ACCOUNT;
	}

	vma = vma_modify_flags(vmi, *pprev, vma, start, end, newflags);
	if (IS_ERR(vma)) {
		vm_unacct_memory(charged);
		return PTR_ERR(vma);
	}
	*pprev = vma;
	if ((oldflags & VM_ACCOUNT) && !(newflags & VM_ACCOUNT))
		vm_unacct_memory(nrpages);

	vma->vm_flags = newflags;
	vma_set_page_prot(vma);
	change_protection(vma, start, end, vma->vm_page_prot,
			  vma_wants_manual_pte_write_upgrade(vma) ? MM_CP_TRY_CHANGE_WRITABLE : 0);

	vm_stat_account(mm, oldflags, -nrpages);
	vm_stat_account(mm, newflags, nrpages);
	return 0;
}

/* arch_validate_prot - only PROT_READ/WRITE/EXEC/SEM may be asked for. */
static bool arch_validate_prot(unsigned long prot)
{
	return !(prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM));
}

/*
 * mprotect - set the protection of [start, start + len). Errors as Linux:
 * -EINVAL for an unaligned start or unknown bits, -ENOMEM if part of the
 * range is unmapped (the mapped part before the hole has been changed),
 * -EACCES if a VMA may not get the protection (VM_MAY* missing).
 * PROT_GROWSDOWN extends the change down to the start of a stack VMA.
 */
SYSCALL_DEFINE3(mprotect, unsigned long, start, size_t, len, unsigned long, prot)
{
	const unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	unsigned long nstart, end, tmp;
	struct vma_iterator vmi;
	int error;

	prot &= ~(PROT_GROWSDOWN | PROT_GROWSUP);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (offset_in_page(start))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (!arch_validate_prot(prot))
		return -EINVAL;

	mmap_write_lock(mm);
	vma_iter_init(&vmi, mm, start);
	vma = vma_find(&vmi, end);
	error = -ENOMEM;
	if (!vma)
		goto out;

	if (grows & PROT_GROWSDOWN) {
		if (vma->vm_start >= end)
			goto out;
		start = vma->vm_start;
		error = -EINVAL;
		if (!(vma->vm_flags & VM_GROWSDOWN))
			goto out;
	} else {
		if (vma->vm_start > start)
			goto out;
		error = -EINVAL;
		if (grows & PROT_GROWSUP)	/* no VM_GROWSUP stacks on x86 */
			goto out;
	}
	prev = vma_prev(&vmi);
	if (start > vma->vm_start)
		prev = vma;

	nstart = start;
	tmp = vma->vm_start;
	for_each_vma_range(vmi, vma, end) {
		unsigned long newflags;

		if (vma->vm_start != tmp) {	/* a hole */
			error = -ENOMEM;
			break;
		}
		newflags = (prot & PROT_READ ? VM_READ : 0) | (prot & PROT_WRITE ? VM_WRITE : 0) |
			   (prot & PROT_EXEC ? VM_EXEC : 0);
		newflags |= vma->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC);

		/* newflags >> 4 puts VM_MAY* where VM_* are. */
		if ((newflags & ~(newflags >> 4)) & VM_ACCESS_FLAGS) {
			error = -EACCES;
			break;
		}

		tmp = min(vma->vm_end, end);
		error = mprotect_fixup(&vmi, vma, &prev, nstart, tmp, newflags);
		if (error)
			break;
		tmp = vma_iter_end(&vmi);
		nstart = tmp;
	}
	if (!error && tmp < end)
		error = -ENOMEM;
out:
	mmap_write_unlock(mm);
	return error;
}
