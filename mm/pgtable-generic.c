// SPDX-License-Identifier: GPL-2.0
/*
 * pgtable-generic.c - changing one user PTE together with the TLB entry
 * that caches it. Mirrors mm/pgtable-generic.c (the generic versions an
 * architecture without its own uses; x86 has its own
 * ptep_clear_flush_young(), with the same effect on one CPU).
 *
 * The caller holds the page-table lock.
 */
#include <linux/mm.h>

/**
 * ptep_clear_flush_young - test and clear the accessed bit of a PTE
 * @vma: the VMA of the PTE
 * @address: its user address
 * @ptep: the PTE
 *
 * Returns nonzero if the page was accessed since the bit was last
 * cleared; then the TLB entry is flushed too, so that the next access
 * sets the bit again.
 */
int ptep_clear_flush_young(struct vm_area_struct *vma, unsigned long address, pte_t *ptep)
{
	int young = ptep_test_and_clear_young(vma, address, ptep);

	if (young)
		flush_tlb_page(vma, address);
	return young;
}

/**
 * ptep_clear_flush - clear a PTE and flush its TLB entry
 * @vma: the VMA of the PTE
 * @address: its user address
 * @ptep: the PTE
 *
 * Returns the PTE's last value (with the accessed and dirty bits the CPU
 * set until the flush).
 */
pte_t ptep_clear_flush(struct vm_area_struct *vma, unsigned long address, pte_t *ptep)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t pte = ptep_get_and_clear(mm, address, ptep);

	flush_tlb_page(vma, address);
	return pte;
}
