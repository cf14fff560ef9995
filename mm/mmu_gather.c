// SPDX-License-Identifier: GPL-2.0
/*
 * mmu_gather.c - batching pages (and page-table pages) unmapped from an
 * address space until the TLB has been flushed. Mirrors mm/mmu_gather.c;
 * include/asm-generic/tlb.h explains why the batching is needed.
 *
 * One CPU: the flush is local (flush_tlb_mm_range(), arch/x86_64/mm/tlb.c),
 * and nothing else can walk the page tables meanwhile, so Linux's RCU
 * table freeing is not needed.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <asm-generic/tlb.h>

/* __tlb_reset_range - nothing to flush yet (at exit the range is everything). */
static void __tlb_reset_range(struct mmu_gather *tlb)
{
	if (tlb->fullmm) {
		tlb->start = tlb->end = ~0UL;
	} else {
		tlb->start = TASK_SIZE;
		tlb->end = 0;
	}
	tlb->freed_tables = 0;
	tlb->cleared_ptes = 0;
	tlb->cleared_pmds = 0;
}

/*
 * tlb_flush - flush what was gathered: its range, or the whole address
 * space at exit (x86's, arch/x86/include/asm/tlb.h).
 */
static void tlb_flush(struct mmu_gather *tlb)
{
	unsigned long start = 0UL, end = TLB_FLUSH_ALL;

	if (!tlb->fullmm) {
		start = tlb->start;
		end = tlb->end;
	}
	flush_tlb_mm_range(tlb->mm, start, end);
}

/*
 * tlb_next_batch - make room: move to the next batch, allocating a page
 * for it if there is none. False when no page can be had, or enough pages
 * are queued already: the caller must flush.
 */
static bool tlb_next_batch(struct mmu_gather *tlb)
{
	struct mmu_gather_batch *batch = tlb->active->next;

	if (batch) {
		tlb->active = batch;
		return true;
	}
	if (tlb->batch_count == MAX_GATHER_BATCH_COUNT)
		return false;
	batch = (void *)__get_free_page(GFP_NOWAIT | __GFP_NOWARN);
	if (!batch)
		return false;
	tlb->batch_count++;
	batch->next = NULL;
	batch->nr = 0;
	batch->max = MAX_GATHER_BATCH;
	tlb->active->next = batch;
	tlb->active = batch;
	return true;
}

/* tlb_batch_pages_flush - put every queued page; the batches stay for reuse. */
static void tlb_batch_pages_flush(struct mmu_gather *tlb)
{
	for (struct mmu_gather_batch *batch = &tlb->local; batch && batch->nr;
	     batch = batch->next) {
		for (unsigned int i = 0; i < batch->nr; i++)
			put_page(batch->pages[i]);
		batch->nr = 0;
	}
	tlb->active = &tlb->local;
}

/* tlb_batch_list_free - give the extra batch pages back. */
static void tlb_batch_list_free(struct mmu_gather *tlb)
{
	struct mmu_gather_batch *batch, *next;

	for (batch = tlb->local.next; batch; batch = next) {
		next = batch->next;
		free_page((unsigned long)batch);
	}
	tlb->local.next = NULL;
}

/**
 * __tlb_remove_page - queue @page, whose PTE was cleared, to be put after the flush
 * @tlb: the gather
 * @page: a page the gather now owns one reference to
 *
 * Returns true when the queue is full and the caller must tlb_flush_mmu()
 * before queueing more (the page itself was queued).
 */
bool __tlb_remove_page(struct mmu_gather *tlb, struct page *page)
{
	struct mmu_gather_batch *batch = tlb->active;

	batch->pages[batch->nr++] = page;
	if (batch->nr == batch->max) {
		if (!tlb_next_batch(tlb))
			return true;
		batch = tlb->active;
	}
	VM_BUG_ON(batch->nr > batch->max);
	return false;
}

/*
 * tlb_flush_mmu_tlbonly - flush the TLB for what was gathered so far, if
 * anything was cleared or freed; the queued pages stay queued.
 */
static void tlb_flush_mmu_tlbonly(struct mmu_gather *tlb)
{
	if (!(tlb->freed_tables || tlb->cleared_ptes || tlb->cleared_pmds))
		return;
	tlb_flush(tlb);
	__tlb_reset_range(tlb);
}

/**
 * tlb_flush_mmu - flush the TLB, then free the queued pages
 * @tlb: the gather
 */
void tlb_flush_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu_tlbonly(tlb);
	tlb_batch_pages_flush(tlb);
}

static void __tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm, bool fullmm)
{
	tlb->mm = mm;
	tlb->fullmm = fullmm;
	tlb->local.next = NULL;
	tlb->local.nr = 0;
	tlb->local.max = ARRAY_SIZE(tlb->__pages);
	tlb->active = &tlb->local;
	tlb->batch_count = 0;
	__tlb_reset_range(tlb);
}

/**
 * tlb_gather_mmu - start gathering pages unmapped from @mm
 * @tlb: the gather (usually on the caller's stack)
 * @mm: the address space being unmapped
 */
void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	__tlb_gather_mmu(tlb, mm, false);
}

/**
 * tlb_gather_mmu_fullmm - start gathering all of @mm: it is going away (exit_mmap())
 * @tlb: the gather
 * @mm: the address space, which no one else uses any more
 *
 * The range is not kept: each flush -- at tlb_finish_mmu(), and each
 * time the batches fill -- drops every translation of @mm (TLB_FLUSH_ALL).
 */
void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct mm_struct *mm)
{
	__tlb_gather_mmu(tlb, mm, true);
}

/**
 * tlb_finish_mmu - flush, free the queued pages and the batch pages
 * @tlb: the gather started by tlb_gather_mmu() or tlb_gather_mmu_fullmm()
 */
void tlb_finish_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu(tlb);
	tlb_batch_list_free(tlb);
}
