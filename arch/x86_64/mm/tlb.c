// SPDX-License-Identifier: GPL-2.0
/*
 * tlb.c - flushing the TLB after page-table changes. Mirrors
 * arch/x86/mm/tlb.c, for one CPU.
 *
 * The TLB caches translations; after a PTE is cleared, write-protected or
 * pointed elsewhere, the old translation must be flushed before the page is
 * reused. Two ways on x86-64:
 *
 *   invlpg addr      drops the entries of one page (and every cached
 *                    upper-level paging structure)
 *   reloading CR3    drops every non-global entry: all user translations
 *                    (kernel mappings are _PAGE_GLOBAL and survive)
 *
 * invlpg costs about as much per page as the refills after a full flush
 * cost in total at ~33 pages, so longer ranges are flushed whole
 * (Linux's tlb_single_page_flush_ceiling). Only the loaded address space
 * has TLB entries on this CPU: a change to another mm needs no flush (with
 * no PCIDs, switch_mm()'s CR3 load flushes everything).
 */
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>
#include <asm/irqflags.h>

/* Ranges longer than this many pages are flushed by a full flush instead. */
static unsigned long tlb_single_page_flush_ceiling = 33;

/* mm_is_loaded - is @mm's PGD the one in CR3 (its TLB entries may be live)? */
static bool mm_is_loaded(struct mm_struct *mm)
{
	return (read_cr3() & PTE_PFN_MASK) == __pa(mm->pgd);
}

/**
 * flush_tlb_mm_range - flush @mm's translations of [start, end)
 * @mm: the address space whose page tables changed
 * @start: first address (page aligned)
 * @end: end address (exclusive), or TLB_FLUSH_ALL for the whole address space
 */
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	if (!mm_is_loaded(mm) || start >= end)
		return;
	if (end == TLB_FLUSH_ALL || (end - start) >> PAGE_SHIFT > tlb_single_page_flush_ceiling) {
		__flush_tlb_local();
		count_vm_tlb_event(NR_TLB_LOCAL_FLUSH_ALL);
		return;
	}
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE)
		__flush_tlb_one(addr);
	count_vm_tlb_events(NR_TLB_LOCAL_FLUSH_ONE, (end - start) >> PAGE_SHIFT);
}

/**
 * flush_tlb_page - flush one user page's translation
 * @vma: the VMA the page is mapped in
 * @addr: its address
 */
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	flush_tlb_mm_range(vma->vm_mm, addr & PAGE_MASK, (addr & PAGE_MASK) + PAGE_SIZE);
}

/* __flush_tlb_global - drop every entry, global ones too: toggle CR4.PGE. */
static void __flush_tlb_global(void)
{
	unsigned long cr4 = read_cr4(), flags;

	if (!(cr4 & X86_CR4_PGE)) {
		__flush_tlb_local();
		return;
	}
	local_irq_save(flags);
	write_cr4(cr4 & ~X86_CR4_PGE);
	write_cr4(cr4);
	local_irq_restore(flags);
}

/**
 * flush_tlb_kernel_range - flush kernel translations of [start, end)
 * @start: first address (page aligned)
 * @end: end address (exclusive)
 *
 * Kernel mappings (vmalloc) are global and in every address space, so a
 * CR3 reload would not drop them: long ranges toggle CR4.PGE instead.
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	if ((end - start) >> PAGE_SHIFT > tlb_single_page_flush_ceiling) {
		count_vm_tlb_event(NR_TLB_REMOTE_FLUSH_RECEIVED);	/* Linux's do_flush_tlb_all() */
		__flush_tlb_global();
		return;
	}
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		count_vm_tlb_event(NR_TLB_LOCAL_FLUSH_ONE);	/* flush_tlb_one_kernel() */
		__flush_tlb_one(addr);
	}
}
