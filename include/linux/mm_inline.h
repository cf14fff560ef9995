/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm_inline.h - putting folios on and taking them off their node's LRU
 * lists. Mirrors include/linux/mm_inline.h (and, for folio_lruvec() and
 * its lock, the !CONFIG_MEMCG half of include/linux/memcontrol.h: one
 * lruvec per node, no memory cgroups).
 *
 * A folio's list follows from its flags (folio_lru_list()): unevictable,
 * else anon or file by PG_swapbacked, active or inactive by PG_active.
 * Every change of list is del, change the flags, add, so the per-list
 * counters (NR_LRU_BASE + lru per node, NR_ZONE_LRU_BASE + lru per zone)
 * always match what the lists hold. LRU_UNEVICTABLE has no list: its
 * folios are only counted, and their lru field holds mlock_count.
 */
#ifndef _LINUX_MM_INLINE_H
#define _LINUX_MM_INLINE_H

#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/page-flags.h>
#include <linux/vmstat.h>

/*
 * folio_is_file_lru - should the folio be on a file LRU or an anon one?
 * Swap-backed folios (anonymous and shmem) age on the anon lists, the
 * other page-cache folios on the file lists.
 */
static inline int folio_is_file_lru(struct folio *folio)
{
	return !folio_test_swapbacked(folio);
}

/* folio_lruvec - the lruvec of @folio's node (Linux: of its memory cgroup there). */
static inline struct lruvec *folio_lruvec(struct folio *folio)
{
	return &folio_pgdat(folio)->__lruvec;
}

/* lruvec_pgdat - the node of @lruvec. */
static inline struct pglist_data *lruvec_pgdat(struct lruvec *lruvec)
{
	return container_of(lruvec, struct pglist_data, __lruvec);
}

/*
 * folio_lruvec_lock_irqsave - @folio's lruvec, its lru_lock taken with
 * interrupts off (the caller's state is kept in *@flagsp: folios are freed
 * from many contexts).
 */
static inline struct lruvec *folio_lruvec_lock_irqsave(struct folio *folio, unsigned long *flagsp)
{
	struct lruvec *lruvec = folio_lruvec(folio);

	spin_lock_irqsave(&lruvec->lru_lock, *flagsp);
	return lruvec;
}

static inline void unlock_page_lruvec_irqrestore(struct lruvec *lruvec, unsigned long flags)
{
	spin_unlock_irqrestore(&lruvec->lru_lock, flags);
}

/*
 * update_lru_size - @nr_pages more (or fewer) pages on list @lru of
 * @lruvec, counted in zone @zid and in the node.
 */
static inline void update_lru_size(struct lruvec *lruvec, enum lru_list lru,
				   enum zone_type zid, long nr_pages)
{
	struct pglist_data *pgdat = lruvec_pgdat(lruvec);

	mod_node_page_state(pgdat, NR_LRU_BASE + lru, nr_pages);
	mod_zone_page_state(&pgdat->node_zones[zid], NR_ZONE_LRU_BASE + lru, nr_pages);
}

/**
 * __folio_clear_lru_flags - forget the LRU state of a folio leaving it for good
 * @folio: a folio just taken off its list, about to be freed
 */
static __always_inline void __folio_clear_lru_flags(struct folio *folio)
{
	VM_BUG_ON(!folio_test_lru(folio));
	__folio_clear_lru(folio);
	/* this shouldn't happen, so leave the flags to bad_page() */
	if (folio_test_active(folio) && folio_test_unevictable(folio))
		return;
	__folio_clear_active(folio);
	__folio_clear_unevictable(folio);
}

/**
 * folio_lru_list - which LRU list should a folio be on?
 * @folio: the folio
 */
static __always_inline enum lru_list folio_lru_list(struct folio *folio)
{
	enum lru_list lru;

	VM_BUG_ON(folio_test_active(folio) && folio_test_unevictable(folio));
	if (folio_test_unevictable(folio))
		return LRU_UNEVICTABLE;
	lru = folio_is_file_lru(folio) ? LRU_INACTIVE_FILE : LRU_INACTIVE_ANON;
	if (folio_test_active(folio))
		lru += LRU_ACTIVE;
	return lru;
}

/* lruvec_add_folio - count @folio on the list its flags name; at the head (most recent). */
static __always_inline void lruvec_add_folio(struct lruvec *lruvec, struct folio *folio)
{
	enum lru_list lru = folio_lru_list(folio);

	update_lru_size(lruvec, lru, folio_zonenum(folio), folio_nr_pages(folio));
	if (lru != LRU_UNEVICTABLE)
		list_add(&folio->lru, &lruvec->lists[lru]);
}

/* lruvec_del_folio - take @folio off the list its flags name. */
static __always_inline void lruvec_del_folio(struct lruvec *lruvec, struct folio *folio)
{
	enum lru_list lru = folio_lru_list(folio);

	if (lru != LRU_UNEVICTABLE)
		list_del(&folio->lru);
	update_lru_size(lruvec, lru, folio_zonenum(folio), -folio_nr_pages(folio));
}

#endif /* _LINUX_MM_INLINE_H */
