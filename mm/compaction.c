// SPDX-License-Identifier: GPL-2.0
/*
 * compaction.c - making free blocks of high order by moving pages. Mirrors
 * mm/compaction.c.
 *
 * compact_zone() runs two scanners over a zone, pageblock by pageblock
 * (the 004_* article's picture):
 *
 *   zone start                                                  zone end
 *   | migrate scanner -->                        <-- free scanner |
 *   [ used pages are isolated ...           ... free pages are taken ]
 *
 * The migrate scanner (isolate_migratepages()) takes in-use movable folios
 * off the LRU, up to COMPACT_CLUSTER_MAX at a time; the free scanner
 * (isolate_freepages()) takes free pages from the zone's top;
 * migrate_pages() moves the first into the second (compaction_alloc()).
 * Used pages move up, free ones gather at the bottom and merge into large
 * buddies. The run ends when the scanners meet (COMPACT_COMPLETE) or, for
 * an allocation of a given order, as soon as a block of that order is
 * free (COMPACT_SUCCESS).
 *
 * Pageblocks where the migrate scanner isolated nothing get their skip
 * bit (PB_migrate_skip), so the next run passes them by; the zone
 * remembers where each scanner stopped (compact_cached_*_pfn). A run that
 * completes resets both (__reset_isolation_suitable()). After a failure
 * for an order, compaction for that order is deferred: skipped for 1, 2,
 * 4, ... 64 attempts (defer_compaction(), compaction_deferred()).
 *
 * Who runs it: writing /proc/sys/vm/compact_memory or
 * /sys/devices/system/node/node0/compact (every zone, whole, synchronous); the allocator's slow path for order > 0 (direct
 * compaction, try_to_compact_pages()); kcompactd0, woken by the
 * allocator and every 500 ms for proactive compaction while the node's
 * fragmentation score is above its watermark (compaction_proactiveness).
 *
 * Shortcuts, as 6.12: before a linear scan, each scanner searches the
 * free lists (fast_find_migrateblock(): a movable block that is already
 * partly free, to empty; fast_isolate_freepages(): free pages near the
 * top); a direct compaction captures the block it frees as soon as the
 * buddy allocator merges it (struct capture_control, compaction_capture()
 * in mm/page_alloc.c), so no other allocation takes it first.
 *
 * Pagoda's simplifications (docs/compaction.md): the free scanner keeps
 * one list of order-0 pages (Linux 6.12 keeps one per order and splits
 * on demand); no THP or hugetlb folios to skip, no per-CPU lists to
 * drain, no rescan of a block left half done (finish_pageblock), one
 * node.
 */
#include <linux/compaction.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/gfp.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sysctl.h>
#include <linux/vmstat.h>
#include <linux/printk.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/time.h>
#include "internal.h"

/* The folios isolated per migrate_pages() call (Linux: SWAP_CLUSTER_MAX). */
#define COMPACT_CLUSTER_MAX	32

int sysctl_compact_unevictable_allowed = 1;
int sysctl_extfrag_threshold = 500;
unsigned int sysctl_compaction_proactiveness = 20;
static bool compaction_trace;	/* boot word compaction_trace: log each compact_zone() */

static int __init compaction_trace_setup(char *s)
{
	compaction_trace = true;
	return 1;
}
__setup("compaction_trace", compaction_trace_setup);

/* --- pageblock skip bits and cached scanner positions --- */

static bool get_pageblock_skip(struct page *page)
{
	return get_pfnblock_flags_mask(page, page_to_pfn(page), 1UL << PB_migrate_skip);
}

static void set_pageblock_skip(struct page *page)
{
	set_pfnblock_flags_mask(page, 1UL << PB_migrate_skip, page_to_pfn(page),
				1UL << PB_migrate_skip);
}

static void clear_pageblock_skip(struct page *page)
{
	set_pfnblock_flags_mask(page, 0, page_to_pfn(page), 1UL << PB_migrate_skip);
}

/* reset_cached_positions - both scanners start from the zone's ends again. */
static void reset_cached_positions(struct zone *zone)
{
	zone->compact_cached_migrate_pfn[0] = zone->zone_start_pfn;
	zone->compact_cached_migrate_pfn[1] = zone->zone_start_pfn;
	zone->compact_cached_free_pfn = pageblock_start_pfn(zone_end_pfn(zone) - 1);
	zone->compact_init_free_pfn = zone->compact_cached_free_pfn;
}

/*
 * __reset_isolation_suitable - forget every skip bit of @zone and the
 * scanners' positions: the next run looks at every pageblock again.
 */
static void __reset_isolation_suitable(struct zone *zone)
{
	unsigned long pfn;

	for (pfn = pageblock_start_pfn(zone->zone_start_pfn); pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages)
		if (pfn_valid(pfn) && zone_spans_pfn(zone, pfn))
			clear_pageblock_skip(pfn_to_page(pfn));
	reset_cached_positions(zone);
	zone->compact_blockskip_flush = false;
}

/* --- deferral --- */

/**
 * defer_compaction - compaction for @order failed in @zone: skip the next
 * 1 << compact_defer_shift attempts (the shift grows to COMPACT_MAX_DEFER_SHIFT)
 * @zone: the zone
 * @order: the order that failed
 */
void defer_compaction(struct zone *zone, int order)
{
	zone->compact_considered = 0;
	zone->compact_defer_shift++;
	if (order < zone->compact_order_failed)
		zone->compact_order_failed = order;
	if (zone->compact_defer_shift > COMPACT_MAX_DEFER_SHIFT)
		zone->compact_defer_shift = COMPACT_MAX_DEFER_SHIFT;
}

/**
 * compaction_deferred - should compaction for @order in @zone be skipped?
 * @zone: the zone
 * @order: the order wanted
 *
 * Counts the attempt; true (and compact_... counts nothing) while the
 * deferral lasts. Orders below the one that failed are never deferred.
 */
bool compaction_deferred(struct zone *zone, int order)
{
	unsigned long defer_limit = 1UL << zone->compact_defer_shift;

	if (order < zone->compact_order_failed)
		return false;
	if (++zone->compact_considered >= defer_limit) {
		zone->compact_considered = defer_limit;
		return false;
	}
	return true;
}

/**
 * compaction_defer_reset - an allocation of @order succeeded after compaction
 * @zone: the zone
 * @order: the order
 * @alloc_success: the allocation itself succeeded (not only compaction)
 */
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success)
{
	if (alloc_success) {
		zone->compact_considered = 0;
		zone->compact_defer_shift = 0;
	}
	if (order >= zone->compact_order_failed)
		zone->compact_order_failed = order + 1;
}

/* compaction_restarting - the deferral ran out at its maximum: start over. */
static bool compaction_restarting(struct zone *zone, int order)
{
	if (order < zone->compact_order_failed)
		return false;
	return zone->compact_defer_shift == COMPACT_MAX_DEFER_SHIFT &&
	       zone->compact_considered >= 1UL << zone->compact_defer_shift;
}

/* --- the migrate scanner --- */

/*
 * isolate_migratepages_block - isolate the movable folios of [low_pfn,
 * end_pfn) onto cc->migratepages: on an LRU list, not pinned or otherwise
 * referenced beyond their mappings (an anonymous or KSM one), mlocked only
 * if compact_unevictable_allowed. Stops after COMPACT_CLUSTER_MAX. Returns
 * the pfn where it stopped.
 */
static unsigned long isolate_migratepages_block(struct compact_control *cc,
						unsigned long low_pfn, unsigned long end_pfn)
{
	/* LAB compaction: return end_pfn; */
	for (; low_pfn < end_pfn; low_pfn++) {
		struct page *page = pfn_to_page(low_pfn);
		struct folio *folio;

		cc->total_migrate_scanned++;
		if (PageBuddy(page)) {
			low_pfn += (1UL << buddy_order(page)) - 1;
			continue;
		}
		folio = page_folio(page);
		if (!folio_test_lru(folio) || !folio_try_get(folio))
			continue;
		if ((folio_test_mlocked(folio) && !sysctl_compact_unevictable_allowed) ||
		    (!folio_mapping(folio) &&
		     folio_ref_count(folio) - 1 > folio_mapcount(folio)) ||
		    !folio_isolate_lru(folio)) {
			folio_put(folio);
			continue;
		}
		folio_put(folio);		/* the isolation holds its own */
		list_add(&folio->lru, &cc->migratepages);
		cc->nr_migratepages++;
		if (cc->nr_migratepages >= COMPACT_CLUSTER_MAX) {
			low_pfn++;
			break;
		}
	}
	return low_pfn;
	/* LAB compaction end */
}

/* suitable_migration_source - blocks the migrate scanner looks at. */
static bool suitable_migration_source(struct compact_control *cc, struct page *page)
{
	if (cc->mode != MIGRATE_ASYNC)
		return true;
	return get_pageblock_migratetype(page) == MIGRATE_MOVABLE;
}

/* --- the free-list shortcuts --- */

/*
 * freelist_scan_limit - how many free-list entries a fast search looks
 * at: COMPACT_CLUSTER_MAX + 1, halved after each search that failed.
 */
static inline unsigned int freelist_scan_limit(struct compact_control *cc)
{
	unsigned short shift = BITS_PER_LONG - 1;

	return (COMPACT_CLUSTER_MAX >> min(shift, cc->fast_search_fail)) + 1;
}

/*
 * move_freelist_head - the free scanner searched @freelist backwards to
 * @freepage: rotate it so @freepage comes first and the entries not yet
 * seen are searched first next time (Linux cuts and splices; a rotation
 * of the circular list is the same).
 */
static void move_freelist_head(struct list_head *freelist, struct page *freepage)
{
	list_rotate_to_front(&freepage->lru, freelist);
}

/* move_freelist_tail - the same for the migrate scanner's forward search: @freepage goes last. */
static void move_freelist_tail(struct list_head *freelist, struct page *freepage)
{
	if (freepage->lru.next != freelist)
		list_rotate_to_front(freepage->lru.next, freelist);
}

/* update_fast_start_pfn - remember the lowest block the fast search chose (ULONG_MAX: used up). */
static inline void update_fast_start_pfn(struct compact_control *cc, unsigned long pfn)
{
	if (cc->fast_start_pfn == ULONG_MAX)
		return;
	if (!cc->fast_start_pfn)
		cc->fast_start_pfn = pfn;
	cc->fast_start_pfn = min(cc->fast_start_pfn, pfn);
}

/* reinit_migrate_pfn - after a failed fast search, scan linearly from the lowest block it found. */
static inline unsigned long reinit_migrate_pfn(struct compact_control *cc)
{
	if (!cc->fast_start_pfn || cc->fast_start_pfn == ULONG_MAX)
		return cc->migrate_pfn;
	cc->migrate_pfn = cc->fast_start_pfn;
	cc->fast_start_pfn = ULONG_MAX;
	return cc->migrate_pfn;
}

/*
 * fast_find_migrateblock - instead of the next pageblock, start the
 * migrate scanner at a movable pageblock that already has a large free
 * block (orders cc->order - 1 down to PAGE_ALLOC_COSTLY_ORDER, from the
 * head of the free lists): fewer pages to move before it is free. Only
 * for costly orders, at a pageblock boundary, honouring skip bits, and
 * within the first half of the distance to the free scanner (an eighth
 * once the scanner has moved), so a target block does not become a
 * source. Returns the pfn to scan from; a failed search counts in
 * cc->fast_search_fail and goes on linearly.
 */
static unsigned long fast_find_migrateblock(struct compact_control *cc)
{
	unsigned int limit = freelist_scan_limit(cc), nr_scanned = 0;
	unsigned long pfn = cc->migrate_pfn, distance, high_pfn;
	bool found_block = false;
	int order;

	if (cc->ignore_skip_hint)
		return pfn;
	if (pfn != cc->zone->zone_start_pfn && pfn != pageblock_start_pfn(pfn))
		return pfn;	/* the rest of a block left at COMPACT_CLUSTER_MAX */
	if (cc->order <= PAGE_ALLOC_COSTLY_ORDER)
		return pfn;
	if (cc->direct_compaction && cc->migratetype != MIGRATE_MOVABLE)
		return pfn;

	distance = (cc->free_pfn - cc->migrate_pfn) >> 1;
	if (cc->migrate_pfn != cc->zone->zone_start_pfn)
		distance >>= 2;
	high_pfn = pageblock_start_pfn(cc->migrate_pfn + distance);

	for (order = cc->order - 1;
	     order >= PAGE_ALLOC_COSTLY_ORDER && !found_block && nr_scanned < limit; order--) {
		struct free_area *area = &cc->zone->free_area[order];
		struct list_head *freelist = &area->free_list[MIGRATE_MOVABLE];
		struct page *freepage;
		unsigned long flags;

		if (!area->nr_free)
			continue;
		spin_lock_irqsave(&cc->zone->lock, flags);
		list_for_each_entry(freepage, freelist, lru) {
			unsigned long free_pfn;

			if (nr_scanned++ >= limit) {
				move_freelist_tail(freelist, freepage);
				break;
			}
			free_pfn = page_to_pfn(freepage);
			if (free_pfn >= high_pfn || get_pageblock_skip(freepage))
				continue;
			move_freelist_tail(freelist, freepage);	/* the next search looks elsewhere */
			update_fast_start_pfn(cc, free_pfn);
			pfn = max(pageblock_start_pfn(free_pfn), cc->zone->zone_start_pfn);
			cc->fast_search_fail = 0;
			found_block = true;
			break;
		}
		spin_unlock_irqrestore(&cc->zone->lock, flags);
	}
	cc->total_migrate_scanned += nr_scanned;
	if (!found_block) {
		cc->fast_search_fail++;
		pfn = reinit_migrate_pfn(cc);
	}
	return pfn;
}

/*
 * isolate_migratepages - from cc->migrate_pfn (or the block
 * fast_find_migrateblock() chose), isolate the movable folios of the next
 * pageblocks until some are isolated or the free scanner is reached. A
 * block where nothing could be taken gets its skip bit.
 */
static isolate_migrate_t isolate_migratepages(struct compact_control *cc)
{
	unsigned long low_pfn = fast_find_migrateblock(cc);
	unsigned long block_end_pfn = pageblock_end_pfn(low_pfn);
	bool fast_find_block = low_pfn != cc->migrate_pfn && !cc->fast_search_fail;

	for (; block_end_pfn <= cc->free_pfn; fast_find_block = false,
	     low_pfn = block_end_pfn, block_end_pfn += pageblock_nr_pages) {
		unsigned long block_start_pfn = max(pageblock_start_pfn(low_pfn),
						    cc->zone->zone_start_pfn);
		struct page *page = pfn_to_page(block_start_pfn);
		unsigned long end = min(block_end_pfn, zone_end_pfn(cc->zone));
		unsigned long before = cc->nr_migratepages;

		if (!cc->ignore_skip_hint && !fast_find_block && get_pageblock_skip(page))
			continue;
		if (!suitable_migration_source(cc, page))
			continue;
		low_pfn = isolate_migratepages_block(cc, low_pfn, end);
		if (cc->nr_migratepages == before && low_pfn == end)
			set_pageblock_skip(page);
		if (cc->nr_migratepages) {
			cc->migrate_pfn = low_pfn;
			return ISOLATE_SUCCESS;
		}
	}
	cc->migrate_pfn = low_pfn;
	return ISOLATE_NONE;
}

/* --- the free scanner --- */

/*
 * isolate_freepages_block - take the free buddies of [*start_pfn, end_pfn)
 * off the free lists, split into order-0 pages on cc->freepages. A whole
 * free pageblock or more is left alone: that is what compaction makes.
 * Stops once there are as many free pages as folios to move; *start_pfn
 * is set to where it stopped, so the next call goes on from there.
 */
static unsigned long isolate_freepages_block(struct compact_control *cc,
					     unsigned long *start_pfn, unsigned long end_pfn)
{
	/* LAB compaction: return 0; */
	unsigned long nr_isolated = 0, pfn, flags;
	struct zone *zone = cc->zone;

	spin_lock_irqsave(&zone->lock, flags);
	for (pfn = *start_pfn; pfn < end_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);
		unsigned int order;

		cc->total_free_scanned++;
		if (!PageBuddy(page))
			continue;
		order = buddy_order(page);
		if (order >= pageblock_order)
			break;
		if (!__isolate_free_page(page, order))
			break;		/* the zone is at its watermark */
		post_alloc_hook(page, order, __GFP_MOVABLE);
		split_page(page, order);
		for (unsigned long i = 0; i < (1UL << order); i++)
			list_add_tail(&page[i].lru, &cc->freepages);
		nr_isolated += 1UL << order;
		pfn += (1UL << order) - 1;
		if (cc->nr_freepages + nr_isolated >= cc->nr_migratepages) {
			pfn++;		/* go on after this buddy next time */
			break;
		}
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	*start_pfn = min(pfn, end_pfn);
	cc->nr_freepages += nr_isolated;
	return nr_isolated;
	/* LAB compaction end */
}

/*
 * suitable_migration_target - blocks the free scanner takes pages from:
 * movable ones that do not start with a free block of the order wanted
 * (a pageblock for a whole-zone run).
 */
static bool suitable_migration_target(struct compact_control *cc, struct page *page)
{
	if (PageBuddy(page)) {
		unsigned int order = cc->order > 0 ? cc->order : pageblock_order;

		if (buddy_order(page) >= order)
			return false;
	}
	return get_pageblock_migratetype(page) == MIGRATE_MOVABLE;
}

/*
 * fast_isolate_around - the free-list search found a page at @pfn: take
 * the other free pages of its pageblock too (not for async direct
 * compaction, which scans as little as it can).
 */
static void fast_isolate_around(struct compact_control *cc, unsigned long pfn)
{
	unsigned long start_pfn = max(pageblock_start_pfn(pfn), cc->zone->zone_start_pfn);
	unsigned long end_pfn = min(pageblock_end_pfn(pfn), zone_end_pfn(cc->zone));

	if (cc->nr_freepages >= cc->nr_migratepages)
		return;
	if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC)
		return;
	isolate_freepages_block(cc, &start_pfn, end_pfn);
}

/* next_search_order - the orders below cc->order round-robin from cc->search_order; -1 when done. */
static int next_search_order(struct compact_control *cc, int order)
{
	order--;
	if (order < 0)
		order = cc->order - 1;
	if (order == cc->search_order) {	/* wrapped around */
		cc->search_order--;
		if (cc->search_order < 0)
			cc->search_order = cc->order - 1;
		return -1;
	}
	return order;
}

/*
 * fast_isolate_freepages - before a linear scan, search the MIGRATE_MOVABLE
 * free lists below cc->order (from the tail: the oldest entries) for a
 * free block in the top quarter of the space between the scanners, or
 * the top half if that is all there is; take it and the rest of its
 * pageblock. A search that finds nothing counts in cc->fast_search_fail,
 * and on a fresh start moves cc->free_pfn down to the highest free page
 * seen (direct compaction: to the middle), skipping blocks with none.
 * Whole-zone runs (order -1) do not search.
 */
static void fast_isolate_freepages(struct compact_control *cc)
{
	unsigned int limit = max(1U, freelist_scan_limit(cc) >> 1), nr_scanned = 0;
	unsigned long low_pfn, min_pfn, highest = 0, distance;
	struct page *page = NULL;
	bool scan_start = false;
	int order;

	if (cc->order <= 0)
		return;
	if (cc->free_pfn >= cc->zone->compact_init_free_pfn) {
		limit = pageblock_nr_pages >> 1;	/* a fresh start: search deeper */
		scan_start = true;
	}
	distance = cc->free_pfn - cc->migrate_pfn;
	low_pfn = pageblock_start_pfn(cc->free_pfn - (distance >> 2));
	min_pfn = pageblock_start_pfn(cc->free_pfn - (distance >> 1));

	cc->search_order = min_t(unsigned int, cc->order - 1, cc->search_order);
	for (order = cc->search_order; !page && order >= 0;
	     order = next_search_order(cc, order)) {
		struct free_area *area = &cc->zone->free_area[order];
		struct list_head *freelist = &area->free_list[MIGRATE_MOVABLE];
		unsigned int order_scanned = 0;
		unsigned long high_pfn = 0, flags;
		struct page *freepage;

		if (!area->nr_free)
			continue;
		spin_lock_irqsave(&cc->zone->lock, flags);
		list_for_each_entry_reverse(freepage, freelist, lru) {
			unsigned long pfn = page_to_pfn(freepage);

			order_scanned++;
			nr_scanned++;
			if (pfn >= highest)
				highest = max(pageblock_start_pfn(pfn), cc->zone->zone_start_pfn);
			if (pfn >= low_pfn) {
				cc->fast_search_fail = 0;
				cc->search_order = order;
				page = freepage;
				break;
			}
			if (pfn >= min_pfn && pfn > high_pfn) {
				high_pfn = pfn;
				limit >>= 1;	/* a candidate: shorten the search */
			}
			if (order_scanned >= limit)
				break;
		}
		if (!page && high_pfn)
			freepage = page = pfn_to_page(high_pfn);
		if (&freepage->lru != freelist)
			move_freelist_head(freelist, freepage);
		if (page) {
			if (__isolate_free_page(page, order)) {
				/* As order-0 pages, like isolate_freepages_block()'s. */
				post_alloc_hook(page, order, __GFP_MOVABLE);
				split_page(page, order);
				for (unsigned long i = 0; i < (1UL << order); i++)
					list_add_tail(&page[i].lru, &cc->freepages);
				cc->nr_freepages += 1U << order;
				nr_scanned += (1U << order) - 1;
			} else {
				order = cc->search_order + 1;	/* at the watermark: stop */
				page = NULL;
			}
		}
		spin_unlock_irqrestore(&cc->zone->lock, flags);
		if (cc->nr_freepages >= cc->nr_migratepages)
			break;
		if (order_scanned >= limit)
			limit = max(1U, limit >> 1);
	}

	if (!page) {
		cc->fast_search_fail++;
		if (scan_start) {
			if (highest >= min_pfn) {
				page = pfn_to_page(highest);
				cc->free_pfn = highest;
			} else if (cc->direct_compaction && pfn_valid(min_pfn)) {
				page = pfn_to_page(min_pfn);
				if (!suitable_migration_target(cc, page))
					page = NULL;
				cc->free_pfn = min_pfn;
			}
		}
	}
	if (highest && highest >= cc->zone->compact_cached_free_pfn) {
		highest -= pageblock_nr_pages;
		cc->zone->compact_cached_free_pfn = highest;
	}
	cc->total_free_scanned += nr_scanned;
	if (page)
		fast_isolate_around(cc, page_to_pfn(page));
}

/*
 * isolate_freepages - first the free-list search; if it found nothing,
 * walk down from cc->free_pfn, a pageblock at a time and never below the
 * migrate scanner's block, until as many free pages are isolated as
 * there are folios to move. cc->free_pfn keeps the exact pfn where the
 * block scan stopped: the next call goes on there instead of scanning the
 * block from its start again.
 */
static void isolate_freepages(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned long block_start_pfn, block_end_pfn, isolate_start_pfn, low_pfn;

	fast_isolate_freepages(cc);
	if (cc->nr_freepages)
		return;
	isolate_start_pfn = cc->free_pfn;
	block_start_pfn = pageblock_start_pfn(isolate_start_pfn);
	block_end_pfn = min(block_start_pfn + pageblock_nr_pages, zone_end_pfn(zone));
	low_pfn = pageblock_end_pfn(cc->migrate_pfn);	/* at least one block: no wrap below */

	for (; block_start_pfn >= low_pfn; block_end_pfn = block_start_pfn,
	     block_start_pfn -= pageblock_nr_pages, isolate_start_pfn = block_start_pfn) {
		struct page *page = pfn_to_page(max(block_start_pfn, zone->zone_start_pfn));

		if (!suitable_migration_target(cc, page))
			continue;
		isolate_start_pfn = max(isolate_start_pfn, zone->zone_start_pfn);
		isolate_freepages_block(cc, &isolate_start_pfn, block_end_pfn);
		if (cc->nr_freepages >= cc->nr_migratepages) {
			if (isolate_start_pfn >= block_end_pfn)	/* block done: the next one down */
				isolate_start_pfn = block_start_pfn - pageblock_nr_pages;
			break;
		}
		if (isolate_start_pfn < block_end_pfn)
			break;		/* stopped early (the watermark): do not go on */
	}
	cc->free_pfn = isolate_start_pfn;	/* below the migrate scanner's block: they met */
}

/* compaction_alloc - migrate_pages()'s get_new_folio: a page from the free scanner. */
static struct folio *compaction_alloc(struct folio *src, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;
	struct page *page;

	if (list_empty(&cc->freepages))
		isolate_freepages(cc);
	if (list_empty(&cc->freepages))
		return NULL;
	page = list_first_entry(&cc->freepages, struct page, lru);
	list_del(&page->lru);
	cc->nr_freepages--;
	return page_folio(page);
}

/* compaction_free - migrate_pages()'s put_new_folio: an unused page goes back on the list. */
static void compaction_free(struct folio *dst, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;

	list_add(&dst->lru, &cc->freepages);
	cc->nr_freepages++;
}

/* release_freepages - the pages the free scanner took but nobody used go back. */
static void release_freepages(struct list_head *freelist)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, freelist, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

/* --- when to stop, and whether to start --- */

/* compact_scanners_met - the free scanner is at or below the migrate scanner's pageblock. */
static bool compact_scanners_met(struct compact_control *cc)
{
	return (cc->free_pfn >> pageblock_order) <= (cc->migrate_pfn >> pageblock_order);
}

/*
 * __compact_finished - the scanners met (COMPACT_COMPLETE: the cached
 * positions start over); or, for an allocation of cc->order, a free
 * block of that order or more is there (COMPACT_SUCCESS); or proactive
 * compaction brought the score down. Else COMPACT_CONTINUE.
 */
static enum compact_result __compact_finished(struct compact_control *cc)
{
	struct zone *zone = cc->zone;

	if (compact_scanners_met(cc)) {
		reset_cached_positions(zone);
		if (!cc->no_set_skip_hint)
			zone->compact_blockskip_flush = true;
		return COMPACT_COMPLETE;
	}
	if (cc->proactive_compaction) {
		if (fragmentation_score_zone(zone) <= fragmentation_score_wmark(true))
			return COMPACT_SUCCESS;
		return COMPACT_CONTINUE;
	}
	if (is_via_compact_memory(cc->order))
		return COMPACT_CONTINUE;
	for (unsigned int order = cc->order; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];

		if (!free_area_empty(area, cc->migratetype))
			return COMPACT_SUCCESS;
		if (order >= pageblock_order && area->nr_free)
			return COMPACT_SUCCESS;	/* a whole block can be stolen */
	}
	return COMPACT_CONTINUE;
}

static enum compact_result compact_finished(struct compact_control *cc)
{
	enum compact_result ret = __compact_finished(cc);

	if (ret == COMPACT_NO_SUITABLE_PAGE)
		ret = COMPACT_CONTINUE;
	return ret;
}

/*
 * __compaction_suitable - enough free pages (above the min watermark plus
 * twice the request) for the migration targets?
 */
static bool __compaction_suitable(struct zone *zone, int order, int highest_zoneidx,
				  unsigned long wmark_target)
{
	unsigned long watermark = min_wmark_pages(zone) + (2UL << order);

	return zone_page_state(zone, NR_FREE_PAGES) >= watermark + zone->lowmem_reserve[highest_zoneidx] &&
	       wmark_target >= watermark;
}

/**
 * compaction_suitable - could compaction for @order in @zone work at all?
 * @zone: the zone
 * @order: the order wanted
 * @highest_zoneidx: the highest zone the allocation may use
 *
 * Not if too few pages are free; nor, for a costly order, if the failure
 * is for lack of memory rather than fragmentation (fragmentation_index()
 * at or below extfrag_threshold).
 */
bool compaction_suitable(struct zone *zone, int order, int highest_zoneidx)
{
	int fragindex;

	if (!__compaction_suitable(zone, order, highest_zoneidx,
				   zone_page_state(zone, NR_FREE_PAGES)))
		return false;
	if (order > PAGE_ALLOC_COSTLY_ORDER) {
		fragindex = fragmentation_index(zone, order);
		if (fragindex >= 0 && fragindex <= sysctl_extfrag_threshold)
			return false;
	}
	return true;
}

/* --- the run --- */

static void trace_compact_zone(struct compact_control *cc, const char *what,
			       enum compact_result ret, unsigned long start_migrate,
			       unsigned long start_free, unsigned long migrated,
			       unsigned long failed)
{
	if (!compaction_trace)
		return;
	pr_info("compact_zone: %s zone=%s order=%d mode=%d migrate_pfn=%#lx->%#lx free_pfn=%#lx->%#lx "
		"migrate_scanned=%lu free_scanned=%lu isolated=%lu migrated=%lu failed=%lu result=%d\n",
		what, cc->zone->name, cc->order, cc->mode, start_migrate, cc->migrate_pfn,
		start_free, cc->free_pfn, cc->total_migrate_scanned, cc->total_free_scanned,
		cc->nr_isolated, migrated, failed, ret);
}

/**
 * compact_zone - run the two scanners over cc->zone
 * @cc: the zone, order (-1: the whole zone), mode and hints
 * @capc: direct compaction's capture_control, or NULL
 *
 * Returns COMPACT_COMPLETE (the scanners met), COMPACT_SUCCESS (a block of
 * cc->order is free, or captured in @capc->page), COMPACT_SKIPPED
 * (compaction_suitable() said no) or COMPACT_CONTENDED.
 */
enum compact_result compact_zone(struct compact_control *cc, struct capture_control *capc)
{
	struct zone *zone = cc->zone;
	unsigned long start_pfn = zone->zone_start_pfn, end_pfn = zone_end_pfn(zone);
	unsigned long start_migrate, start_free, migrated = 0, failed = 0;
	const bool sync = cc->mode != MIGRATE_ASYNC;
	enum compact_result ret;

	INIT_LIST_HEAD(&cc->freepages);
	INIT_LIST_HEAD(&cc->migratepages);
	cc->migratetype = gfp_migratetype(cc->gfp_mask);
	if (!is_via_compact_memory(cc->order) &&
	    !compaction_suitable(zone, cc->order, cc->highest_zoneidx))
		return COMPACT_SKIPPED;
	if (compaction_restarting(zone, cc->order))
		__reset_isolation_suitable(zone);
	if (zone->compact_blockskip_flush && !cc->proactive_compaction)
		__reset_isolation_suitable(zone);

	if (cc->whole_zone) {
		cc->migrate_pfn = start_pfn;
		cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
	} else {
		cc->migrate_pfn = zone->compact_cached_migrate_pfn[sync];
		cc->free_pfn = zone->compact_cached_free_pfn;
		if (cc->free_pfn < start_pfn || cc->free_pfn >= end_pfn)
			cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
		if (cc->migrate_pfn < start_pfn || cc->migrate_pfn >= end_pfn)
			cc->migrate_pfn = start_pfn;
	}
	start_migrate = cc->migrate_pfn;
	start_free = cc->free_pfn;

	while ((ret = compact_finished(cc)) == COMPACT_CONTINUE) {
		unsigned int nr_succeeded = 0;
		int err;

		if (isolate_migratepages(cc) == ISOLATE_NONE)
			continue;	/* the migrate scanner reached the free one */
		cc->nr_isolated += cc->nr_migratepages;
		err = migrate_pages(&cc->migratepages, compaction_alloc, compaction_free,
				    (unsigned long)cc, cc->mode, MR_COMPACTION, &nr_succeeded);
		migrated += nr_succeeded;
		cc->nr_migratepages = 0;
		if (cc->order > 0 && nr_succeeded)	/* the sources merge (and may be captured) */
			drain_local_pages(zone);
		if (err) {
			failed += list_count_nodes(&cc->migratepages);
			putback_movable_pages(&cc->migratepages);
			/* No free page left above the migrate scanner: done unless they met. */
			if (err == -ENOMEM && !compact_scanners_met(cc)) {
				ret = COMPACT_CONTENDED;
				break;
			}
		}
		if (capc && capc->page) {	/* a freed block was captured: done */
			ret = COMPACT_SUCCESS;
			break;
		}
		cond_resched();
	}

	release_freepages(&cc->freepages);
	cc->nr_freepages = 0;
	if (ret != COMPACT_COMPLETE && !cc->whole_zone) {
		zone->compact_cached_migrate_pfn[sync] = cc->migrate_pfn;
		zone->compact_cached_free_pfn = cc->free_pfn;
	}
	count_compact_events(COMPACTMIGRATE_SCANNED, cc->total_migrate_scanned);
	count_compact_events(COMPACTFREE_SCANNED, cc->total_free_scanned);
	count_compact_events(COMPACTISOLATED, cc->nr_isolated);
	if (current_is_kcompactd()) {
		count_compact_events(KCOMPACTD_MIGRATE_SCANNED, cc->total_migrate_scanned);
		count_compact_events(KCOMPACTD_FREE_SCANNED, cc->total_free_scanned);
	}
	trace_compact_zone(cc, current_is_kcompactd() ? "kcompactd" : "run", ret, start_migrate,
			   start_free, migrated, failed);
	return ret;
}

/* --- direct compaction --- */

/*
 * compact_zone_order - direct compaction of @zone for an allocation of
 * @order, with a capture_control on current: a block of @order the run
 * frees comes back in *@capture (COMPACT_SUCCESS).
 */
static enum compact_result compact_zone_order(struct zone *zone, int order, gfp_t gfp_mask,
					      enum compact_priority prio,
					      unsigned int alloc_flags, int highest_zoneidx,
					      struct page **capture)
{
	struct compact_control cc = {
		.order = order,
		.search_order = order,
		.gfp_mask = gfp_mask,
		.zone = zone,
		.mode = prio == COMPACT_PRIO_ASYNC ? MIGRATE_ASYNC : MIGRATE_SYNC_LIGHT,
		.alloc_flags = alloc_flags,
		.highest_zoneidx = highest_zoneidx,
		.direct_compaction = true,
		.whole_zone = prio == MIN_COMPACT_PRIORITY,
		.ignore_skip_hint = prio == MIN_COMPACT_PRIORITY,
	};
	struct capture_control capc = {
		.cc = &cc,
		.page = NULL,
	};
	enum compact_result ret;

	barrier();		/* capc is set up before an interrupt's free can see it */
	WRITE_ONCE(current->capture_control, &capc);
	ret = compact_zone(&cc, &capc);
	WRITE_ONCE(current->capture_control, NULL);	/* hidden before it is read */
	*capture = READ_ONCE(capc.page);
	if (*capture)
		ret = COMPACT_SUCCESS;
	return ret;
}

/**
 * try_to_compact_pages - direct compaction for an allocation of @order
 * @gfp_mask: the allocation's GFP flags
 * @order: its order
 * @alloc_flags: its ALLOC_* flags
 * @highest_zoneidx: the highest zone it may use
 * @prio: COMPACT_PRIO_ASYNC or COMPACT_PRIO_SYNC_LIGHT
 * @capture: set to a block of @order the compaction captured, if any
 *
 * Compacts each allowed zone (highest first) that is not deferred, until
 * one has (or gave) a free block of @order. Returns the best result.
 */
enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order,
					 unsigned int alloc_flags, int highest_zoneidx,
					 enum compact_priority prio, struct page **capture)
{
	enum compact_result rc = COMPACT_SKIPPED;
	struct zoneref *z;

	for (z = contig_page_data.node_zonelists[0]._zonerefs; z->zone; z++) {
		struct zone *zone = z->zone;
		enum compact_result status;

		if (z->zone_idx > highest_zoneidx || !populated_zone(zone))
			continue;
		if (prio > MIN_COMPACT_PRIORITY && compaction_deferred(zone, order)) {
			rc = max_t(enum compact_result, COMPACT_DEFERRED, rc);
			continue;
		}
		status = compact_zone_order(zone, order, gfp_mask, prio, alloc_flags,
					    highest_zoneidx, capture);
		rc = max(status, rc);
		if (status == COMPACT_SUCCESS) {
			compaction_defer_reset(zone, order, false);
			break;
		}
		if (prio != COMPACT_PRIO_ASYNC && status == COMPACT_COMPLETE)
			defer_compaction(zone, order);
	}
	return rc;
}

/* --- manual compaction: /proc/sys/vm/compact_memory, node0/compact --- */

/* compact_node - compact every zone of the node, whole and synchronously. */
void compact_node(pg_data_t *pgdat)
{
	for (int zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];
		struct compact_control cc = {
			.order = -1,
			.mode = MIGRATE_SYNC,
			.ignore_skip_hint = true,
			.whole_zone = true,
			.gfp_mask = GFP_KERNEL,
			.zone = zone,
		};

		if (!populated_zone(zone))
			continue;
		compact_zone(&cc, NULL);
	}
}

static int sysctl_compact_memory;

/* compaction_sysctl_handler - any write to compact_memory compacts everything. */
static int compaction_sysctl_handler(const struct ctl_table *table, int write, char *buf,
				     size_t *lenp)
{
	int ret = proc_dointvec(table, write, buf, lenp);

	if (ret)
		return ret;
	if (sysctl_compact_memory != 1)
		return -EINVAL;
	if (write)
		compact_node(NODE_DATA(0));
	return 0;
}

/*
 * compact_store - /sys/devices/system/node/node0/compact: any write
 * compacts the node (Linux: a device attribute of drivers/base/node.c's
 * node device, defined here).
 */
static ssize_t compact_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	compact_node(NODE_DATA(0));
	return count;
}
static struct kobj_attribute compact_attr = __ATTR_WO(compact);

/*
 * node_compact_init - /sys/devices/system/node/node0/ with its compact
 * file. Pagoda has no driver core: the directories are plain kobjects
 * where Linux has the node subsystem's devices.
 */
static int __init node_compact_init(void)
{
	struct kobject *devices = kobject_create_and_add("devices", NULL);
	struct kobject *system = devices ? kobject_create_and_add("system", devices) : NULL;
	struct kobject *node = system ? kobject_create_and_add("node", system) : NULL;
	struct kobject *node0 = node ? kobject_create_and_add("node0", node) : NULL;

	if (!node0 || sysfs_create_file(node0, &compact_attr.attr))
		pr_err("compaction: cannot create /sys/devices/system/node/node0/compact\n");
	return 0;
}
late_initcall(node_compact_init);

/* --- proactive compaction and kcompactd --- */

/*
 * fragmentation_score_zone - how fragmented @zone is, 0..100, weighted by
 * its share of the node: the extfrag index of a huge page's order
 * (extfrag_for_order(): the share of free memory in blocks too small).
 */
unsigned int fragmentation_score_zone(struct zone *zone)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	unsigned long score = extfrag_for_order(zone, COMPACTION_HPAGE_ORDER);

	score *= zone->present_pages;
	return div_u64(score, pgdat->node_present_pages + 1);
}

static unsigned int fragmentation_score_node(pg_data_t *pgdat)
{
	unsigned int score = 0;

	for (int zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (populated_zone(zone))
			score += fragmentation_score_zone(zone);
	}
	return score;
}

/* fragmentation_score_wmark - proactive compaction runs from @low's watermark down. */
unsigned int fragmentation_score_wmark(bool low)
{
	unsigned int wmark_low = max(100U - sysctl_compaction_proactiveness, 5U);

	return low ? wmark_low : min(wmark_low + 10, 100U);
}

static bool should_proactive_compact_node(pg_data_t *pgdat)
{
	if (!sysctl_compaction_proactiveness)
		return false;
	return fragmentation_score_node(pgdat) > fragmentation_score_wmark(false);
}

static struct task_struct *kcompactd;
static DECLARE_WAIT_QUEUE_HEAD(kcompactd_wait);
static int kcompactd_max_order = -1;
static int kcompactd_highest_zoneidx;

bool current_is_kcompactd(void)
{
	return kcompactd && current == kcompactd;
}

/* proactive_compact_node - compact each zone until its score is below the low watermark. */
static void proactive_compact_node(pg_data_t *pgdat)
{
	for (int zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];
		struct compact_control cc = {
			.order = -1,
			.mode = MIGRATE_SYNC_LIGHT,
			.ignore_skip_hint = true,
			.whole_zone = true,
			.gfp_mask = GFP_KERNEL,
			.proactive_compaction = true,
			.zone = zone,
		};

		if (!populated_zone(zone))
			continue;
		compact_zone(&cc, NULL);
	}
}

/* kcompactd_do_work - compaction for the order the allocator asked kcompactd for. */
static void kcompactd_do_work(pg_data_t *pgdat)
{
	int order = kcompactd_max_order;

	count_compact_event(KCOMPACTD_WAKE);
	for (int zoneid = 0; zoneid <= kcompactd_highest_zoneidx; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];
		struct compact_control cc = {
			.order = order,
			.mode = MIGRATE_SYNC_LIGHT,
			.ignore_skip_hint = true,
			.gfp_mask = GFP_KERNEL,
			.highest_zoneidx = kcompactd_highest_zoneidx,
			.zone = zone,
		};
		enum compact_result status;

		if (!populated_zone(zone) || compaction_deferred(zone, order))
			continue;
		if (!compaction_suitable(zone, order, zoneid))
			continue;
		status = compact_zone(&cc, NULL);
		if (status == COMPACT_SUCCESS)
			compaction_defer_reset(zone, order, false);
		else if (status == COMPACT_COMPLETE) {
			drain_all_pages(zone);	/* pages stranded on the per-CPU lists */
			defer_compaction(zone, order);
		}
	}
	kcompactd_max_order = -1;
	kcompactd_highest_zoneidx = 0;
}

/**
 * wakeup_kcompactd - the allocator could not find a block of @order
 * @pgdat: the node
 * @order: the order
 * @highest_zoneidx: the highest zone the allocation may use
 */
void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	if (!order || !kcompactd)
		return;
	if (kcompactd_max_order < order)
		kcompactd_max_order = order;
	if (kcompactd_highest_zoneidx < highest_zoneidx)
		kcompactd_highest_zoneidx = highest_zoneidx;
	wake_up_interruptible(&kcompactd_wait);
}

/*
 * kcompactd - the compaction daemon of node 0: compacts for the order the
 * allocator asked for when woken, and every HPAGE_FRAG_CHECK_INTERVAL_MSEC
 * proactively while the fragmentation score is above its watermark.
 */
static int kcompactd_fn(void *p)
{
	pg_data_t *pgdat = p;

	while (!kthread_should_stop()) {
		long timeout = msecs_to_jiffies(HPAGE_FRAG_CHECK_INTERVAL_MSEC);

		wait_event_interruptible_timeout(kcompactd_wait,
						 kcompactd_max_order > 0 || kthread_should_stop(),
						 timeout);
		if (kcompactd_max_order > 0) {
			kcompactd_do_work(pgdat);
			continue;
		}
		if (should_proactive_compact_node(pgdat))
			proactive_compact_node(pgdat);
	}
	return 0;
}

static struct ctl_table vm_compaction[] = {
	{
		.procname	= "compact_memory",
		.data		= &sysctl_compact_memory,
		.maxlen		= sizeof(int),
		.mode		= 0200,
		.proc_handler	= compaction_sysctl_handler,
	},
	{
		.procname	= "compaction_proactiveness",
		.data		= &sysctl_compaction_proactiveness,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &(int){ 0 },
		.extra2		= &(int){ 100 },
	},
	{
		.procname	= "extfrag_threshold",
		.data		= &sysctl_extfrag_threshold,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &(int){ 0 },
		.extra2		= &(int){ 1000 },
	},
	{
		.procname	= "compact_unevictable_allowed",
		.data		= &sysctl_compact_unevictable_allowed,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &(int){ 0 },
		.extra2		= &(int){ 1 },
	},
};

static int __init kcompactd_init(void)
{
	struct task_struct *k;

	for (int zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++)
		reset_cached_positions(&NODE_DATA(0)->node_zones[zoneid]);
	BUG_ON(register_sysctl("vm", vm_compaction, ARRAY_SIZE(vm_compaction)));
	k = kthread_run(kcompactd_fn, NODE_DATA(0), "kcompactd0");
	if (IS_ERR(k))
		pr_err("Failed to start kcompactd0\n");
	else
		kcompactd = k;
	return 0;
}
subsys_initcall(kcompactd_init);
