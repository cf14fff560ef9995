/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tlb.h - the mmu_gather: unmapping pages and freeing page tables safely
 * with respect to the TLB. Mirrors include/asm-generic/tlb.h; the
 * functions are in mm/mmu_gather.c.
 *
 * A page whose PTE was just cleared may still be reachable through a
 * stale TLB entry until the TLB is flushed, and a freed page-table page
 * through the paging-structure caches. So it must not go back to the page
 * allocator before the flush. zap_pte_range() therefore gathers:
 *
 *   tlb_gather_mmu(&tlb, mm);
 *   ... for each PTE: clear it, tlb_remove_tlb_entry(&tlb, pte, addr)
 *                     (widens the range to flush), folio_remove_rmap_pte(),
 *                     tlb_remove_page(&tlb, page)  (queued, not freed) ...
 *   tlb_finish_mmu(&tlb);   flush the range once, then free the pages
 *
 * unmap_region() and exit_mmap() keep one gather from unmap_vmas() through
 * free_pgtables(), so that the pages and the page tables go after one
 * last flush. The range grows over all the VMAs unmapped (x86 merges
 * them: MMU_GATHER_MERGE_VMAS, so 6.12's tlb_end_vma() flushes only a
 * VM_PFNMAP/VM_MIXEDMAP VMA's, and Pagoda has none: no tlb_end_vma()). Exit
 * gathers the whole address space (tlb_gather_mmu_fullmm()) and flushes
 * all of it, at the end and each time the batches fill (about 9700 pages).
 *
 * Pages are queued in batches: the first (MMU_GATHER_BUNDLE pages) lives
 * in the mmu_gather itself, further ones are whole pages allocated on
 * demand. When no batch can be had the gather flushes early
 * (tlb_flush_mmu()) and carries on. Page-table pages are queued the same
 * way (tlb_remove_table()), as on x86 without RCU table freeing.
 */
#ifndef _ASM_GENERIC__TLB_H
#define _ASM_GENERIC__TLB_H

#include <linux/mm.h>

struct mmu_gather_batch {
	struct mmu_gather_batch *next;
	unsigned int nr;		/* pages queued */
	unsigned int max;		/* room in pages[] */
	struct page *pages[];
};

#define MAX_GATHER_BATCH \
	((PAGE_SIZE - sizeof(struct mmu_gather_batch)) / sizeof(void *))
/* Limit of extra batch pages: about 10000 pages queued before a flush. */
#define MAX_GATHER_BATCH_COUNT	(10000UL / MAX_GATHER_BATCH)
#define MMU_GATHER_BUNDLE	8

struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start;		/* [start, end): virtual range to flush */
	unsigned long end;
	unsigned int fullmm : 1;	/* the whole address space goes (exit) */
	unsigned int freed_tables : 1;	/* page-table pages are queued too */
	unsigned int cleared_ptes : 1;	/* PTEs were cleared: there is something to flush */
	unsigned int cleared_pmds : 1;	/* PMD entries (huge pages) were cleared */
	unsigned int batch_count;	/* extra batch pages allocated */
	struct mmu_gather_batch *active;
	struct mmu_gather_batch local;
	struct page *__pages[MMU_GATHER_BUNDLE];	/* local's pages[] */
};

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm);
void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct mm_struct *mm);
void tlb_finish_mmu(struct mmu_gather *tlb);
void tlb_flush_mmu(struct mmu_gather *tlb);
bool __tlb_remove_page(struct mmu_gather *tlb, struct page *page);

/* __tlb_adjust_range - widen the range to flush to cover [address, address + range_size). */
static inline void __tlb_adjust_range(struct mmu_gather *tlb, unsigned long address,
				      unsigned int range_size)
{
	tlb->start = min(tlb->start, address);
	tlb->end = max(tlb->end, address + range_size);
}

/* tlb_flush_pte_range - PTEs of [address, address + size) were cleared. */
static inline void tlb_flush_pte_range(struct mmu_gather *tlb, unsigned long address,
				       unsigned long size)
{
	__tlb_adjust_range(tlb, address, size);
	tlb->cleared_ptes = 1;
}

/* tlb_flush_pmd_range - PMD entries of [address, address + size) were cleared. */
static inline void tlb_flush_pmd_range(struct mmu_gather *tlb, unsigned long address,
				       unsigned long size)
{
	__tlb_adjust_range(tlb, address, size);
	tlb->cleared_pmds = 1;
}

/* tlb_remove_tlb_entry - the PTE of @address was cleared: flush it later. */
static inline void tlb_remove_tlb_entry(struct mmu_gather *tlb, pte_t *ptep,
					unsigned long address)
{
	tlb_flush_pte_range(tlb, address, PAGE_SIZE);
}

/* tlb_remove_huge_tlb_entry - the huge page entry of @address was cleared (one size: a PMD). */
#define tlb_remove_huge_tlb_entry(h, tlb, ptep, address)		\
	tlb_flush_pmd_range(tlb, address, huge_page_size(h))

/* tlb_remove_page - queue @page to be put after the flush; flush now if the queue is full. */
static inline void tlb_remove_page(struct mmu_gather *tlb, struct page *page)
{
	if (__tlb_remove_page(tlb, page))
		tlb_flush_mmu(tlb);
}

/* tlb_remove_table - queue a page-table page (x86 frees them like pages). */
static inline void tlb_remove_table(struct mmu_gather *tlb, void *table)
{
	tlb_remove_page(tlb, virt_to_page(table));
}

#endif /* _ASM_GENERIC__TLB_H */
