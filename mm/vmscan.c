// SPDX-License-Identifier: GPL-2.0
/*
 * vmscan.c - taking folios off the LRU lists and putting them back.
 * Mirrors mm/vmscan.c's folio_isolate_lru() and folio_putback_lru();
 * the reclaim scanner that will isolate folios from the inactive tails
 * (shrink_lruvec()) is not written yet.
 *
 * Isolation clears PG_lru and takes a reference: an isolated folio is on
 * no list, and nobody else can move it on or off one, until
 * folio_putback_lru() adds it again and drops that reference. Compaction
 * and migration will isolate the folios they move.
 */
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/swap.h>
#include "internal.h"

/**
 * folio_isolate_lru - take a folio off its LRU list
 * @folio: a folio the caller holds a reference to
 *
 * Returns true if it was on a list and is now isolated, with an extra
 * reference; false if it was on none (already isolated, or not yet added).
 */
bool folio_isolate_lru(struct folio *folio)
{
	unsigned long flags;
	struct lruvec *lruvec;

	VM_BUG_ON(!folio_ref_count(folio));
	if (!folio_test_clear_lru(folio))
		return false;
	folio_get(folio);
	lruvec = folio_lruvec_lock_irqsave(folio, &flags);
	lruvec_del_folio(lruvec, folio);
	unlock_page_lruvec_irqrestore(lruvec, flags);
	return true;
}

/**
 * folio_putback_lru - put an isolated folio back on the LRU list it belongs to
 * @folio: a folio folio_isolate_lru() isolated
 *
 * The list is chosen afresh (an mlock or munlock meanwhile is honoured),
 * and the isolation's reference is dropped.
 */
void folio_putback_lru(struct folio *folio)
{
	folio_add_lru(folio);
	folio_put(folio);
}
