// SPDX-License-Identifier: GPL-2.0
/*
 * pcp_test.c - ktest cases for the per-CPU page lists (mm/page_alloc.c):
 * a freed page is the next one handed out, an empty list refills with a
 * batch (twice as many the next time), a free that reaches high gives the
 * coldest pages back, drain_all_pages() empties every list, orders 1..3
 * have lists of their own and order 4 none, an isolated pageblock's page
 * bypasses the lists and a HighAtomic one goes on the movable list.
 *
 * The cases watch the zone that movable allocations come from (the highest
 * populated one), its NR_FREE_PAGES and its struct per_cpu_pages; every
 * number is computed from that zone's batch and high.
 */
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include "../../mm/internal.h"

#define PCP_GFP		GFP_HIGHUSER_MOVABLE

/* The zone PCP_GFP allocates from: the highest populated one. */
static struct zone *movable_zone(void)
{
	struct zone *zone, *last = NULL;

	for_each_populated_zone(zone)
		last = zone;
	return last;
}

static long zone_free(struct zone *zone)
{
	return zone_page_state(zone, NR_FREE_PAGES);
}

static struct list_head *pcp_list(struct zone *zone, int migratetype, unsigned int order)
{
	return &zone->per_cpu_pageset.lists[order_to_pindex(migratetype, order)];
}

/* The hottest block of a list (its head), or NULL. */
static struct page *pcp_first(struct zone *zone, int migratetype, unsigned int order)
{
	return list_first_entry_or_null(pcp_list(zone, migratetype, order), struct page, lru);
}

/* Is @page inside a free block of the buddy lists (merged or not)? */
static bool page_in_buddy(struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct page *head = pfn_to_page(pfn & ~((1UL << order) - 1));

		if (PageBuddy(head) && buddy_order(head) >= order)
			return true;
	}
	return false;
}

/* A block of @order from @zone's movable pageblocks, or NULL. */
static struct page *alloc_movable(struct ktest *t, struct zone *zone, unsigned int order)
{
	struct page *page = alloc_pages(PCP_GFP, order);

	if (!page)
		return NULL;
	if (page_zone(page) != zone || get_pageblock_migratetype(page) != MIGRATE_MOVABLE) {
		ktest_log(t, "pfn %lx: zone %s, pageblock type %d", page_to_pfn(page),
			  page_zone(page)->name, get_pageblock_migratetype(page));
		__free_pages(page, order);
		return NULL;
	}
	return page;
}

static void free_list_pages(struct list_head *list, unsigned int order)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		__free_pages(page, order);
	}
}

/*
 * set_block_type - give @page's pageblock the type @new, its free blocks
 * moved along, and NR_FREE_PAGES without them while isolated (Linux:
 * set_migratetype_isolate() / unset_migratetype_isolate()).
 */
static void set_block_type(struct zone *zone, struct page *page, int old, int new)
{
	unsigned long flags, moved, movable;

	spin_lock_irqsave(&zone->lock, flags);
	set_pageblock_migratetype(page, new);
	moved = move_freepages_block(zone, page, new, &movable);
	if (old == MIGRATE_ISOLATE)
		mod_zone_page_state(zone, NR_FREE_PAGES, moved);
	if (new == MIGRATE_ISOLATE)
		mod_zone_page_state(zone, NR_FREE_PAGES, -(long)moved);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* Is @page's pageblock entirely inside @zone (move_freepages_block() works)? */
static bool block_in_zone(struct zone *zone, struct page *page)
{
	unsigned long start = pageblock_start_pfn(page_to_pfn(page));

	return zone_spans_pfn(zone, start) && zone_spans_pfn(zone, start + pageblock_nr_pages - 1);
}

/*
 * A page of a movable pageblock that lies wholly inside @zone (the zone's
 * last, partial pageblock is often the first served), the zone's lists
 * drained so that no page of the block is left on them, and the block
 * given the type @migratetype; NULL if there is none.
 */
static struct page *page_of_block_made(struct ktest *t, struct zone *zone, int migratetype)
{
	struct page *page = NULL;
	LIST_HEAD(skipped);

	for (unsigned long i = 0; i < 4 * pageblock_nr_pages; i++) {
		page = alloc_movable(t, zone, 0);
		if (!page || block_in_zone(zone, page))
			break;
		list_add(&page->lru, &skipped);
		page = NULL;
	}
	free_list_pages(&skipped, 0);
	if (page) {
		drain_all_pages(zone);
		set_block_type(zone, page, MIGRATE_MOVABLE, migratetype);
	}
	return page;
}

KTEST(pcp, freed_page_is_next_allocated)
{
	struct zone *zone = movable_zone();
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset;
	struct page *page, *again;
	long free;
	int count;

	drain_all_pages(zone);		/* the refill below leaves the list below high */
	page = alloc_movable(t, zone, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	count = pcp->count;
	free = zone_free(zone);

	__free_pages(page, 0);
	KTEST_EXPECT_EQ(t, pcp->count, count + 1);
	KTEST_EXPECT_EQ(t, zone_free(zone), free);
	KTEST_EXPECT_TRUE(t, pcp_first(zone, MIGRATE_MOVABLE, 0) == page);
	KTEST_EXPECT_FALSE(t, PageBuddy(page));

	again = alloc_pages(PCP_GFP, 0);
	KTEST_ASSERT_NOT_NULL(t, again);
	KTEST_EXPECT_TRUE(t, again == page);
	KTEST_EXPECT_EQ(t, pcp->count, count);
	KTEST_EXPECT_EQ(t, zone_free(zone), free);
	__free_pages(again, 0);
}

KTEST(pcp, refill_takes_a_batch_then_twice_as_many)
{
	struct zone *zone = movable_zone();
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset;
	int batch = pcp->batch, first, second;
	unsigned long flags;
	struct page *page;
	LIST_HEAD(pages);
	long free;

	/* high >= 4 batches: refills of batch << alloc_factor are not cut short. */
	KTEST_ASSERT_GE(t, pcp->high, 4 * batch);
	drain_all_pages(zone);
	spin_lock_irqsave(&pcp->lock, flags);
	pcp->alloc_factor = 0;		/* as after a few frees: each halves it */
	spin_unlock_irqrestore(&pcp->lock, flags);

	free = zone_free(zone);
	page = alloc_movable(t, zone, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	list_add_tail(&page->lru, &pages);
	first = free - zone_free(zone);
	KTEST_EXPECT_EQ(t, first, batch);
	KTEST_EXPECT_EQ(t, pcp->count, first - 1);
	KTEST_EXPECT_EQ(t, pcp->alloc_factor, 1);

	/* The rest of the refill comes off the list: the zone's count stays. */
	free = zone_free(zone);
	for (int i = 1; i < first; i++) {
		page = alloc_pages(PCP_GFP, 0);
		KTEST_ASSERT_NOT_NULL(t, page);
		list_add_tail(&page->lru, &pages);
	}
	KTEST_EXPECT_EQ(t, zone_free(zone), free);
	KTEST_EXPECT_EQ(t, pcp->count, 0);

	/* No free in between: the next refill is twice as large. */
	page = alloc_pages(PCP_GFP, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	list_add_tail(&page->lru, &pages);
	second = free - zone_free(zone);
	KTEST_EXPECT_EQ(t, second, 2 * batch);
	KTEST_EXPECT_EQ(t, pcp->count, second - 1);
	KTEST_EXPECT_EQ(t, pcp->alloc_factor, 2);

	/* A free halves alloc_factor. */
	page = list_first_entry(&pages, struct page, lru);
	list_del(&page->lru);
	__free_pages(page, 0);
	KTEST_EXPECT_EQ(t, pcp->alloc_factor, 1);
	free_list_pages(&pages, 0);
}

KTEST(pcp, free_at_high_gives_back_the_coldest)
{
	struct zone *zone = movable_zone();
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset;
	int high = pcp->high, batch = pcp->batch, n = 0, nr;
	struct page **pages = kmalloc(high * sizeof(*pages), GFP_KERNEL);
	LIST_HEAD(other);
	long free;

	KTEST_ASSERT_NOT_NULL(t, pages);
	while (n < high) {		/* high pages of movable pageblocks */
		struct page *page = alloc_pages(PCP_GFP, 0);

		if (!page)
			break;
		if (get_pageblock_migratetype(page) != MIGRATE_MOVABLE)
			list_add(&page->lru, &other);
		else
			pages[n++] = page;
	}
	KTEST_EXPECT_EQ(t, n, high);
	if (n < high)
		goto out;
	drain_all_pages(zone);
	free = zone_free(zone);

	/* Up to high - 1 pages stay on the list, the zone's count unchanged. */
	for (int i = 0; i < high - 1; i++)
		__free_pages(pages[i], 0);
	KTEST_EXPECT_EQ(t, pcp->count, high - 1);
	KTEST_EXPECT_EQ(t, zone_free(zone), free);

	/*
	 * The free that reaches high gives back the pages freed in a row
	 * (free_count), at least a batch and at most all but one batch: the
	 * coldest, which are the first freed.
	 */
	__free_pages(pages[high - 1], 0);
	/* free_count: high frees in a row, up to batch << CONFIG_PCP_BATCH_SCALE_MAX (5). */
	KTEST_EXPECT_EQ(t, pcp->free_count, min(high, batch << 5));
	nr = clamp((int)pcp->free_count, batch, high - batch);
	KTEST_EXPECT_EQ(t, zone_free(zone) - free, nr);
	KTEST_EXPECT_EQ(t, pcp->count, high - nr);
	for (int i = 0; i < high; i++) {
		if (page_in_buddy(pages[i]) != (i < nr)) {
			KTEST_EXPECT_EQ(t, page_in_buddy(pages[i]), i < nr);
			ktest_log(t, "the %dth page freed (pfn %lx)", i, page_to_pfn(pages[i]));
			break;
		}
	}
	KTEST_EXPECT_TRUE(t, pcp_first(zone, MIGRATE_MOVABLE, 0) == pages[high - 1]);
	KTEST_EXPECT_TRUE(t, list_last_entry(pcp_list(zone, MIGRATE_MOVABLE, 0), struct page, lru) ==
			  pages[nr]);
	n = 0;
out:
	while (n > 0)
		__free_pages(pages[--n], 0);
	free_list_pages(&other, 0);
	kfree(pages);
}

KTEST(pcp, drain_all_pages_empties_every_list)
{
	struct zone *zone;
	struct page *page;
	long free = 0, count = 0;

	/* Blocks of every pcp order in the movable zone, and a page of the lowest zone. */
	for (unsigned int order = 0; order <= PAGE_ALLOC_COSTLY_ORDER; order++) {
		page = alloc_pages(PCP_GFP, order);
		KTEST_ASSERT_NOT_NULL(t, page);
		__free_pages(page, order);
	}
	page = alloc_pages(GFP_DMA, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	__free_pages(page, 0);

	for_each_populated_zone(zone) {
		free += zone_free(zone);
		count += zone->per_cpu_pageset.count;
	}
	KTEST_ASSERT_GT(t, count, 0);
	drain_all_pages(NULL);
	for_each_populated_zone(zone) {
		KTEST_EXPECT_EQ(t, zone->per_cpu_pageset.count, 0);
		for (int pindex = 0; pindex < NR_PCP_LISTS; pindex++)
			KTEST_EXPECT_TRUE(t, list_empty(&zone->per_cpu_pageset.lists[pindex]));
		free -= zone_free(zone);
	}
	KTEST_EXPECT_EQ(t, -free, count);
}

KTEST(pcp, orders_up_to_costly_have_their_own_lists)
{
	struct zone *zone = movable_zone();
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset;
	int batch = pcp->batch;
	struct page *page;
	long free;

	for (unsigned int order = 1; order <= PAGE_ALLOC_COSTLY_ORDER; order++) {
		/* A refill of a higher order: batch >> order blocks, at least 2. */
		int n = batch > 1 ? max(batch >> order, 2) : 1;

		drain_all_pages(zone);
		free = zone_free(zone);
		page = alloc_movable(t, zone, order);
		KTEST_ASSERT_NOT_NULL(t, page);
		KTEST_EXPECT_EQ(t, free - zone_free(zone), n << order);
		KTEST_EXPECT_EQ(t, pcp->count, (n - 1) << order);
		KTEST_EXPECT_TRUE(t, list_empty(pcp_list(zone, MIGRATE_MOVABLE, 0)));

		free = zone_free(zone);
		__free_pages(page, order);
		KTEST_EXPECT_TRUE(t, pcp_first(zone, MIGRATE_MOVABLE, order) == page);
		KTEST_EXPECT_EQ(t, pcp->count, n << order);
		KTEST_EXPECT_EQ(t, zone_free(zone), free);
	}

	/* Above PAGE_ALLOC_COSTLY_ORDER: the buddy lists, both ways. */
	drain_all_pages(zone);
	free = zone_free(zone);
	page = alloc_movable(t, zone, PAGE_ALLOC_COSTLY_ORDER + 1);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, free - zone_free(zone), 1L << (PAGE_ALLOC_COSTLY_ORDER + 1));
	KTEST_EXPECT_EQ(t, pcp->count, 0);
	__free_pages(page, PAGE_ALLOC_COSTLY_ORDER + 1);
	KTEST_EXPECT_EQ(t, zone_free(zone), free);
	KTEST_EXPECT_EQ(t, pcp->count, 0);
	KTEST_EXPECT_TRUE(t, page_in_buddy(page));
}

KTEST(pcp, isolated_pageblock_bypasses_lists)
{
	struct zone *zone = movable_zone();
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset;
	struct page *page = page_of_block_made(t, zone, MIGRATE_ISOLATE);
	long free;
	int count;

	KTEST_ASSERT_NOT_NULL(t, page);
	count = pcp->count;
	free = zone_free(zone);

	__free_pages(page, 0);
	KTEST_EXPECT_EQ(t, pcp->count, count);
	KTEST_EXPECT_EQ(t, zone_free(zone), free);	/* isolated: not counted free */
	KTEST_EXPECT_TRUE(t, page_in_buddy(page));

	set_block_type(zone, page, MIGRATE_ISOLATE, MIGRATE_MOVABLE);
	KTEST_EXPECT_GT(t, zone_free(zone), free);
}

KTEST(pcp, highatomic_page_goes_on_movable_list)
{
	struct zone *zone = movable_zone();
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset;
	struct page *page = page_of_block_made(t, zone, MIGRATE_HIGHATOMIC);
	long free;
	int count;

	KTEST_ASSERT_NOT_NULL(t, page);
	count = pcp->count;
	free = zone_free(zone);

	__free_pages(page, 0);
	KTEST_EXPECT_EQ(t, pcp->count, count + 1);
	KTEST_EXPECT_EQ(t, zone_free(zone), free);
	KTEST_EXPECT_TRUE(t, pcp_first(zone, MIGRATE_MOVABLE, 0) == page);
	KTEST_EXPECT_FALSE(t, PageBuddy(page));

	set_block_type(zone, page, MIGRATE_HIGHATOMIC, MIGRATE_MOVABLE);
	drain_all_pages(zone);
	KTEST_EXPECT_TRUE(t, page_in_buddy(page));
}
