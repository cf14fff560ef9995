// SPDX-License-Identifier: GPL-2.0
/*
 * swap.c - the LRU lists: folios join them when they come into use, move
 * to the active list when used again, and leave when freed. Mirrors the
 * LRU half of mm/swap.c (and mark_page_accessed() of mm/folio-compat.c).
 *
 *   fault, page cache  folio_add_lru() / folio_add_lru_vma() -> lru_add()
 *   second access      folio_mark_accessed() -> folio_activate()
 *   last reference     __folio_put() -> page_cache_release() -> free
 *
 * Linux collects these moves in per-CPU folio batches (cpu_fbatches) and
 * takes the lru_lock once per batch; Pagoda moves each folio at once, so
 * a folio is on its list as soon as the call returns (docs/linux-6.12.md).
 * Reclaim, which would take folios off the inactive tails, is not written
 * yet: mm/vmscan.c only isolates and puts back.
 */
#include <linux/mm.h>
#include <linux/hugetlb.h>
#include <linux/mm_inline.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include "internal.h"

/*
 * lru_add - put @folio, not on any list, on the list it belongs to: an
 * unevictable one (ramfs, mlocked) is culled to LRU_UNEVICTABLE with a
 * fresh mlock_count; one that was unevictable and no longer is, rescued.
 */
static void lru_add(struct lruvec *lruvec, struct folio *folio)
{
	bool was_unevictable = folio_test_clear_unevictable(folio);
	long nr_pages = folio_nr_pages(folio);

	VM_BUG_ON(folio_test_lru(folio));
	if (folio_evictable(folio)) {
		if (was_unevictable)
			count_vm_events(UNEVICTABLE_PGRESCUED, nr_pages);
	} else {
		folio_clear_active(folio);
		folio_set_unevictable(folio);
		folio->mlock_count = 0;
		if (!was_unevictable)
			count_vm_events(UNEVICTABLE_PGCULLED, nr_pages);
	}
	lruvec_add_folio(lruvec, folio);
	folio_set_lru(folio);
}

/**
 * folio_add_lru - add a folio to an LRU list
 * @folio: a folio in use (mapped or in the page cache), on no list
 *
 * The list follows from the folio: anon or file, active if it was marked
 * so, unevictable if it cannot be reclaimed.
 */
void folio_add_lru(struct folio *folio)
{
	unsigned long flags;
	struct lruvec *lruvec;

	VM_BUG_ON(folio_test_active(folio) && folio_test_unevictable(folio));
	lruvec = folio_lruvec_lock_irqsave(folio, &flags);
	lru_add(lruvec, folio);
	unlock_page_lruvec_irqrestore(lruvec, flags);
}

/**
 * folio_add_lru_vma - add a new folio to the LRU list right for @vma
 * @folio: a folio just mapped into @vma
 * @vma: the VMA
 *
 * A folio faulted into a VM_LOCKED VMA is mlocked on its way to the list
 * (mlock_new_folio()); any other goes through folio_add_lru().
 */
void folio_add_lru_vma(struct folio *folio, struct vm_area_struct *vma)
{
	VM_BUG_ON(folio_test_lru(folio));
	if (unlikely((vma->vm_flags & (VM_LOCKED | VM_SPECIAL)) == VM_LOCKED))
		mlock_new_folio(folio);
	else
		folio_add_lru(folio);
}

/* lru_activate - move @folio, on an inactive list, to the head of the active one. */
static void lru_activate(struct lruvec *lruvec, struct folio *folio)
{
	if (folio_test_active(folio) || folio_test_unevictable(folio))
		return;
	lruvec_del_folio(lruvec, folio);
	folio_set_active(folio);
	lruvec_add_folio(lruvec, folio);
	count_vm_events(PGACTIVATE, folio_nr_pages(folio));
}

/* folio_activate - move @folio to its active list, if it is on an LRU list at all. */
static void folio_activate(struct folio *folio)
{
	unsigned long flags;
	struct lruvec *lruvec = folio_lruvec_lock_irqsave(folio, &flags);

	if (folio_test_lru(folio))
		lru_activate(lruvec, folio);
	unlock_page_lruvec_irqrestore(lruvec, flags);
}

/**
 * folio_mark_accessed - note a use of @folio (read(), write(), a PTE found young)
 * @folio: the folio
 *
 * The first use sets PG_referenced; a second one, while the folio is
 * still referenced, activates it (inactive -> active) and clears the bit:
 *
 *   inactive,unreferenced -> inactive,referenced -> active,unreferenced
 *
 * A folio off the lists (isolated) is not activated: Linux would find it
 * in a per-CPU batch and mark it there, Pagoda has no batches. Unevictable
 * folios are never rotated.
 */
void folio_mark_accessed(struct folio *folio)
{
	if (!folio_test_referenced(folio)) {
		folio_set_referenced(folio);
	} else if (folio_test_unevictable(folio)) {
		/* LRU_UNEVICTABLE is not a list: nothing to rotate. */
	} else if (!folio_test_active(folio) && folio_test_lru(folio)) {
		folio_activate(folio);
		folio_clear_referenced(folio);
	}
}

/* mark_page_accessed - folio_mark_accessed() of @page's folio. */
void mark_page_accessed(struct page *page)
{
	folio_mark_accessed(page_folio(page));
}

/*
 * page_cache_release - take a folio whose last reference is gone off its
 * LRU list (Linux: __page_cache_release() under a relocked lruvec).
 */
static void page_cache_release(struct folio *folio)
{
	unsigned long flags;
	struct lruvec *lruvec;

	if (!folio_test_lru(folio))
		return;
	lruvec = folio_lruvec_lock_irqsave(folio, &flags);
	lruvec_del_folio(lruvec, folio);
	__folio_clear_lru_flags(folio);
	unlock_page_lruvec_irqrestore(lruvec, flags);
}

/**
 * __folio_put - the last reference to @folio is gone: free it
 * @folio: the folio (refcount 0)
 *
 * A hugetlb folio goes back to its pool (free_huge_folio()). Any other
 * leaves its LRU list first; free_pages_prepare() then accounts a folio
 * still PG_mlocked.
 */
void __folio_put(struct folio *folio)
{
	if (folio_test_hugetlb(folio)) {
		free_huge_folio(folio);
		return;
	}
	page_cache_release(folio);
	free_unref_page(&folio->page, folio_order(folio));
}
