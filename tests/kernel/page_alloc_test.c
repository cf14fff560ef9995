// SPDX-License-Identifier: GPL-2.0
/*
 * page_alloc_test.c - ktest cases for the buddy allocator (mm/page_alloc.c):
 * every page can be allocated and the free lists come back exactly,
 * blocks never overlap or leave their zone, a split leaves the buddies
 * free at each order, __GFP_ZERO, zone limits,
 * double frees, and pageblock stealing as /proc/pagetypeinfo shows it.
 */
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/seq_file.h>
#include <linux/proc_views.h>
#include <linux/sprintf.h>
#include <linux/time.h>
#include "../../mm/internal.h"

/* One free block as a snapshot records it. */
struct free_block {
	u32 pfn;
	u16 order;
	u8 migratetype;
	u8 zone;
};				/* no padding: snapshots are compared with memcmp() */

struct snapshot {
	struct free_block *blocks;
	unsigned long nr;
	unsigned long max;
};

/* snapshot_take - every free block, in free-list order. */
static bool snapshot_take(struct snapshot *s)
{
	struct zone *zone;
	unsigned int order, mt;

	s->nr = 0;
	for_each_populated_zone(zone) {
		for_each_migratetype_order(order, mt) {
			struct page *page;

			list_for_each_entry(page, &zone->free_area[order].free_list[mt], lru) {
				if (s->nr == s->max)
					return false;
				s->blocks[s->nr++] = (struct free_block){
					page_to_pfn(page), order, mt, zone_idx(zone) };
			}
		}
	}
	return true;
}

static int cmp_pfn(const struct free_block *a, const struct free_block *b)
{
	return a->pfn < b->pfn ? -1 : a->pfn > b->pfn;
}

/* Insertion sort by pfn: snapshots are a few hundred blocks after boot. */
static void snapshot_sort(struct snapshot *s)
{
	for (unsigned long i = 1; i < s->nr; i++) {
		struct free_block b = s->blocks[i];
		unsigned long j = i;

		for (; j && cmp_pfn(&s->blocks[j - 1], &b) > 0; j--)
			s->blocks[j] = s->blocks[j - 1];
		s->blocks[j] = b;
	}
}

/* Same blocks (pfn, order, zone), ignoring list order and migratetype? */
static bool snapshot_same_blocks(struct snapshot *a, struct snapshot *b)
{
	if (a->nr != b->nr)
		return false;
	for (unsigned long i = 0; i < a->nr; i++)
		if (a->blocks[i].pfn != b->blocks[i].pfn ||
		    a->blocks[i].order != b->blocks[i].order ||
		    a->blocks[i].zone != b->blocks[i].zone)
			return false;
	return true;
}

/*
 * The cases that watch the buddy lists themselves turn the per-CPU lists
 * off (zone_pcp_disable(), as Linux's memory offlining does): otherwise
 * an order-0 page would go to or come from a per-CPU list, and refills
 * would take a batch of blocks at a time.
 */
static void pcp_disable_all(void)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		zone_pcp_disable(zone);
}

static void pcp_enable_all(void)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		zone_pcp_enable(zone);
}

/* Render a show function into a caller's buffer. */
static size_t render(seq_show_t show, char *buf, size_t size)
{
	struct seq_file m = { .buf = buf, .size = size };

	show(&m, NULL);
	return m.count;
}

static bool zone_has_free(struct zone *zone, int mt)
{
	for (unsigned int order = 0; order < MAX_ORDER; order++)
		if (!free_area_empty(&zone->free_area[order], mt))
			return true;
	return false;
}

/*
 * Allocate order-0 pages of @gfp onto @list while @zone has free pages of
 * @mt. With __GFP_MEMALLOC and @zone the highest zone @gfp allows, each
 * allocation is served from @mt's own lists: no fallback.
 */
static unsigned long drain_type(struct zone *zone, int mt, gfp_t gfp, struct list_head *list)
{
	unsigned long n = 0;

	while (zone_has_free(zone, mt)) {
		struct page *page = alloc_pages(gfp | __GFP_MEMALLOC | __GFP_NOWARN, 0);

		if (!page)
			break;
		list_add(&page->lru, list);
		n++;
	}
	return n;
}

static const gfp_t zone_gfp[MAX_NR_ZONES] = { GFP_DMA, GFP_DMA32, GFP_HIGHUSER };
static const gfp_t migratetype_gfp[MIGRATE_PCPTYPES] = { 0, __GFP_MOVABLE, __GFP_RECLAIMABLE };

/*
 * alloc_everything - allocate every free page at order 0 onto @list: each
 * zone, highest first, one migratetype at a time, so that no allocation
 * falls back and no pageblock changes its type. Returns how many.
 */
static unsigned long alloc_everything(struct list_head *list)
{
	unsigned long n = 0;

	for (int z = MAX_NR_ZONES - 1; z >= 0; z--)
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			n += drain_type(&contig_page_data.node_zones[z], mt,
					zone_gfp[z] | migratetype_gfp[mt], list);
	return n;
}

/* Free a list built by alloc_everything(), most recent first. */
static void free_list_pages(struct list_head *list, unsigned int order)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru)
		__free_pages(page, order);
	INIT_LIST_HEAD(list);
}

/*
 * Allocate every free page at order 0, free them all (most recent first),
 * and the buddy allocator must be where it was: the same free blocks (all
 * coalesced again), /proc/buddyinfo and /proc/pagetypeinfo byte for byte.
 *
 * The free lists themselves must come back byte for byte too, in the same
 * order -- from the second round on: a block stolen from another
 * migratetype without its pageblock sits on the "wrong" list until it is
 * allocated and freed once, and then returns to its pageblock's list.
 */
KTEST(buddy, alloc_every_page_and_free_restores_lists)
{
	const unsigned int buf_order = 4;
	struct page *buf = alloc_pages(GFP_KERNEL, buf_order);
	unsigned long quarter = (PAGE_SIZE << buf_order) / 4;
	struct snapshot before, after;
	char *text_before, *text_after;
	unsigned long free_before;
	LIST_HEAD(pages);

	KTEST_ASSERT_NOT_NULL(t, buf);
	before = (struct snapshot){ page_address(buf), 0, quarter / sizeof(struct free_block) };
	after = (struct snapshot){ (void *)((char *)before.blocks + quarter), 0, before.max };
	text_before = (char *)after.blocks + quarter;
	text_after = text_before + quarter;

	pcp_disable_all();
	for (int round = 0; round < 4; round++) {
		seq_show_t show = round % 2 ? pagetypeinfo_show : buddyinfo_show;
		size_t len;

		free_before = ktest_free_pages();
		KTEST_ASSERT_TRUE(t, snapshot_take(&before));
		len = render(show, text_before, quarter);

		KTEST_EXPECT_EQ(t, alloc_everything(&pages), free_before);
		KTEST_EXPECT_EQ(t, ktest_free_pages(), 0);
		KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_MEMALLOC | __GFP_NOWARN, 0));
		free_list_pages(&pages, 0);

		KTEST_EXPECT_EQ(t, ktest_free_pages(), free_before);
		KTEST_ASSERT_TRUE(t, snapshot_take(&after));
		KTEST_EXPECT_EQ(t, render(show, text_after, quarter), len);
		KTEST_EXPECT_EQ(t, memcmp(text_before, text_after, len), 0);
		KTEST_EXPECT_EQ(t, before.nr, after.nr);
		if (round)
			KTEST_EXPECT_EQ(t, memcmp(before.blocks, after.blocks,
						  before.nr * sizeof(struct free_block)), 0);
		snapshot_sort(&before);
		snapshot_sort(&after);
		KTEST_EXPECT_TRUE(t, snapshot_same_blocks(&before, &after));
	}
	pcp_enable_all();
	__free_pages(buf, buf_order);
}

/* A tiny deterministic PRNG (xorshift64) for reproducible random tests. */
static u64 prng_state;

static u64 prng(void)
{
	prng_state ^= prng_state << 13;
	prng_state ^= prng_state >> 7;
	prng_state ^= prng_state << 17;
	return prng_state;
}

struct alloc_rec {
	struct page *page;
	unsigned int order;
};

static bool bitmap_claim(unsigned long *map, unsigned long pfn, unsigned long nr)
{
	for (unsigned long p = pfn; p < pfn + nr; p++) {
		if (map[p / 64] & (1UL << (p % 64)))
			return false;
		map[p / 64] |= 1UL << (p % 64);
	}
	return true;
}

static void bitmap_release(unsigned long *map, unsigned long pfn, unsigned long nr)
{
	for (unsigned long p = pfn; p < pfn + nr; p++)
		map[p / 64] &= ~(1UL << (p % 64));
}

static unsigned int order_for_bytes(unsigned long bytes)
{
	unsigned int order = 0;

	while ((PAGE_SIZE << order) < bytes)
		order++;
	return order;
}

KTEST(buddy, random_mixed_orders_never_overlap_or_leave_zone)
{
	static const gfp_t zones[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE, GFP_DMA32, GFP_DMA };
	unsigned int map_order = order_for_bytes(DIV_ROUND_UP(max_pfn, 64) * 8);
	struct page *map_page = alloc_pages(GFP_KERNEL | __GFP_ZERO, map_order);
	struct page *rec_page = alloc_pages(GFP_KERNEL, 2);
	unsigned long free_before, nr = 0, max_recs = (PAGE_SIZE << 2) / sizeof(struct alloc_rec);
	struct alloc_rec *recs;
	unsigned long *map;
	int overlaps = 0, outside = 0, misaligned = 0, wrong_zone = 0;

	KTEST_ASSERT_NOT_NULL(t, map_page);
	KTEST_ASSERT_NOT_NULL(t, rec_page);
	map = page_address(map_page);
	recs = page_address(rec_page);
	free_before = ktest_free_pages();
	prng_state = 0x5eed1234abcdULL;

	for (int i = 0; i < 4000; i++) {
		if (nr && (nr == max_recs || prng() % 3 == 0)) {
			unsigned long victim = prng() % nr;

			bitmap_release(map, page_to_pfn(recs[victim].page), 1UL << recs[victim].order);
			__free_pages(recs[victim].page, recs[victim].order);
			recs[victim] = recs[--nr];
		} else {
			unsigned int order = prng() % MAX_ORDER;
			gfp_t gfp = zones[prng() % ARRAY_SIZE(zones)] | __GFP_NOWARN;
			struct page *page = alloc_pages(gfp, order);
			unsigned long pfn;
			struct zone *zone;

			if (!page)
				continue;
			pfn = page_to_pfn(page);
			zone = page_zone(page);
			misaligned += !IS_ALIGNED(pfn, 1UL << order);
			outside += !zone_spans_pfn(zone, pfn) ||
				   !zone_spans_pfn(zone, pfn + (1UL << order) - 1);
			wrong_zone += zone_idx(zone) > (int)gfp_zone(gfp);
			overlaps += !bitmap_claim(map, pfn, 1UL << order);
			recs[nr++] = (struct alloc_rec){ page, order };
		}
	}
	KTEST_EXPECT_EQ(t, overlaps, 0);
	KTEST_EXPECT_EQ(t, outside, 0);
	KTEST_EXPECT_EQ(t, misaligned, 0);
	KTEST_EXPECT_EQ(t, wrong_zone, 0);
	while (nr--)
		__free_pages(recs[nr].page, recs[nr].order);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free_before);
	__free_pages(rec_page, 2);
	__free_pages(map_page, map_order);
}

KTEST(buddy, gfp_zero_gives_zeroed_pages)
{
	for (unsigned int order = 0; order <= 3; order += 3) {
		struct page *page = alloc_pages(GFP_KERNEL, order);
		unsigned long bytes = PAGE_SIZE << order;

		KTEST_ASSERT_NOT_NULL(t, page);
		memset(page_address(page), 0xaa, bytes);
		__free_pages(page, order);
		page = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
		KTEST_ASSERT_NOT_NULL(t, page);
		KTEST_EXPECT_NULL(t, memchr_inv(page_address(page), 0, bytes));
		KTEST_EXPECT_EQ(t, page_count(page), 1);
		KTEST_EXPECT_EQ(t, page_mapcount(page), 0);
		__free_pages(page, order);
	}
}

KTEST(buddy, dma_and_dma32_requests_stay_below_limits)
{
	struct page *pages[2][32];

	for (int i = 0; i < 32; i++) {
		pages[0][i] = alloc_pages(GFP_DMA, i % 3);
		pages[1][i] = alloc_pages(GFP_DMA32, i % 3);
		KTEST_ASSERT_NOT_NULL(t, pages[0][i]);
		KTEST_ASSERT_NOT_NULL(t, pages[1][i]);
		KTEST_EXPECT_LE(t, page_to_pfn(pages[0][i]) + (1UL << (i % 3)), MAX_DMA_PFN);
		KTEST_EXPECT_EQ(t, page_zonenum(pages[0][i]), ZONE_DMA);
		KTEST_EXPECT_LE(t, page_to_pfn(pages[1][i]) + (1UL << (i % 3)), MAX_DMA32_PFN);
		KTEST_EXPECT_NE(t, page_zonenum(pages[1][i]), ZONE_NORMAL);
	}
	for (int i = 0; i < 32; i++) {
		__free_pages(pages[0][i], i % 3);
		__free_pages(pages[1][i], i % 3);
	}
}

KTEST(buddy, double_free_is_caught)
{
	unsigned long reports = bad_page_count, free_before;
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	KTEST_ASSERT_NOT_NULL(t, page);
	__free_pages(page, 0);
	free_before = ktest_free_pages();
	__free_pages(page, 0);
	KTEST_EXPECT_EQ(t, bad_page_count, reports + 1);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free_before);
}

/* The free block containing @pfn: its head and order, or false if @pfn is not free. */
static bool find_free_block(unsigned long pfn, unsigned long *head, unsigned int *order)
{
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		struct page *page = pfn_to_page(ALIGN_DOWN(pfn, 1UL << o));

		if (PageBuddy(page) && buddy_order(page) >= o) {
			*head = page_to_pfn(page);
			*order = buddy_order(page);
			return true;
		}
	}
	return false;
}

KTEST(buddy, split_and_merge_with_buddy)
{
	unsigned long pfn, head;
	unsigned int order;
	struct page *big;

	pcp_disable_all();	/* from here on frees go straight to __free_one_page() */
	big = alloc_pages(GFP_KERNEL, 3);
	KTEST_ASSERT_NOT_NULL(t, big);
	pfn = page_to_pfn(big);
	KTEST_EXPECT_TRUE(t, IS_ALIGNED(pfn, 8));
	/* Free the upper half alone: its buddy (the lower half) is in use. */
	set_page_count(big + 4, 1);
	__free_pages(big + 4, 2);
	KTEST_EXPECT_TRUE(t, PageBuddy(big + 4));
	KTEST_EXPECT_EQ(t, buddy_order(big + 4), 2);
	KTEST_EXPECT_FALSE(t, find_free_block(pfn, &head, &order));
	/* Freeing the lower half merges the two into (at least) an order-3 block. */
	__free_pages(big, 2);
	KTEST_EXPECT_FALSE(t, PageBuddy(big + 4) && buddy_order(big + 4) == 2);
	KTEST_ASSERT_TRUE(t, find_free_block(pfn, &head, &order));
	KTEST_EXPECT_GE(t, order, 3);
	KTEST_EXPECT_LE(t, head, pfn);
	KTEST_EXPECT_GE(t, head + (1UL << order), pfn + 8);
	pcp_enable_all();
}

/* Has @zone a free block of @mt of an order in [@low, @high]? */
static bool has_free_block(struct zone *zone, int mt, unsigned int low, unsigned int high)
{
	for (unsigned int o = low; o <= high; o++)
		if (!list_empty(&zone->free_area[o].free_list[mt]))
			return true;
	return false;
}

/*
 * expand(): once the zone has no free unmovable block of order 0..2, an
 * order-0 request takes a larger block and splits it: the page returned
 * is the lowest of an aligned group of 8, and its buddies at orders 0, 1
 * and 2 are free blocks of exactly those orders, one on each list.
 */
KTEST(buddy, expand_splits_into_buddies)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	unsigned long free_before, pfn;
	struct zone *zone;
	LIST_HEAD(held);
	int n = 0;

	KTEST_ASSERT_NOT_NULL(t, page);
	__free_pages(page, 0);
	zone = page_zone(page);
	pcp_disable_all();
	free_before = ktest_free_pages();
	while (has_free_block(zone, MIGRATE_UNMOVABLE, 0, 2) && n++ < 4096) {
		page = alloc_pages(GFP_KERNEL, 0);
		KTEST_ASSERT_NOT_NULL(t, page);
		list_add(&page->lru, &held);
	}
	KTEST_EXPECT_FALSE(t, has_free_block(zone, MIGRATE_UNMOVABLE, 0, 2));
	KTEST_EXPECT_TRUE(t, has_free_block(zone, MIGRATE_UNMOVABLE, 3, MAX_ORDER - 1));

	page = alloc_pages(GFP_KERNEL, 0);
	KTEST_ASSERT_NOT_NULL(t, page);
	list_add(&page->lru, &held);
	pfn = page_to_pfn(page);
	KTEST_EXPECT_TRUE(t, page_zone(page) == zone);
	KTEST_EXPECT_TRUE(t, IS_ALIGNED(pfn, 8));
	for (unsigned int o = 0; o < 3; o++) {
		struct page *buddy = pfn_to_page(pfn ^ (1UL << o));

		KTEST_EXPECT_TRUE(t, PageBuddy(buddy));
		KTEST_EXPECT_EQ(t, buddy_order(buddy), o);
		KTEST_EXPECT_EQ(t, list_count_nodes(&zone->free_area[o].free_list[MIGRATE_UNMOVABLE]), 1);
	}
	free_list_pages(&held, 0);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free_before);
	pcp_enable_all();
}

static unsigned long parse_number(char **p)
{
	while (**p == ' ')
		(*p)++;
	return simple_strtoul(*p, p, 10);
}

/* "Number of blocks type" counts of @zone_name from /proc/pagetypeinfo. */
static bool pageblock_counts(const char *zone_name, unsigned long counts[MIGRATE_TYPES])
{
	static char buf[8192];
	char key[32];
	size_t len = render(pagetypeinfo_show, buf, sizeof(buf) - 1);
	char *section, *line;

	buf[len] = '\0';
	section = strstr(buf, "Number of blocks type");
	snprintf(key, sizeof(key), "Node 0, zone %8s ", zone_name);
	line = section ? strstr(section, key) : NULL;
	if (!line)
		return false;
	line += strlen(key);
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		counts[mt] = parse_number(&line);
	return true;
}

/*
 * With no unmovable (or reclaimable) free pages left in ZONE_DMA, an
 * unmovable allocation falls back to the movable lists and claims a whole
 * pageblock; with no movable pages left, a movable allocation falls back
 * and claims an unmovable pageblock back. /proc/pagetypeinfo shows both.
 */
KTEST(pageblock, fallback_steals_pageblocks)
{
	struct zone *dma = &contig_page_data.node_zones[ZONE_DMA];
	unsigned long before[MIGRATE_TYPES], mid[MIGRATE_TYPES], after[MIGRATE_TYPES];
	unsigned long free_before;
	struct page *page;
	LIST_HEAD(pages);

	KTEST_ASSERT_TRUE(t, populated_zone(dma));
	pcp_disable_all();
	free_before = ktest_free_pages();
	drain_type(dma, MIGRATE_UNMOVABLE, GFP_DMA, &pages);
	drain_type(dma, MIGRATE_RECLAIMABLE, GFP_DMA | __GFP_RECLAIMABLE, &pages);
	KTEST_ASSERT_TRUE(t, pageblock_counts("DMA", before));
	KTEST_ASSERT_TRUE(t, zone_has_free(dma, MIGRATE_MOVABLE));

	page = alloc_pages(GFP_DMA | __GFP_MEMALLOC, 0);	/* unmovable: must fall back */
	KTEST_ASSERT_NOT_NULL(t, page);
	list_add(&page->lru, &pages);
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(page), MIGRATE_UNMOVABLE);
	KTEST_ASSERT_TRUE(t, pageblock_counts("DMA", mid));
	KTEST_EXPECT_GT(t, mid[MIGRATE_UNMOVABLE], before[MIGRATE_UNMOVABLE]);
	KTEST_EXPECT_EQ(t, before[MIGRATE_MOVABLE] - mid[MIGRATE_MOVABLE],
			mid[MIGRATE_UNMOVABLE] - before[MIGRATE_UNMOVABLE]);

	drain_type(dma, MIGRATE_MOVABLE, GFP_DMA | __GFP_MOVABLE, &pages);
	KTEST_ASSERT_TRUE(t, zone_has_free(dma, MIGRATE_UNMOVABLE));
	page = alloc_pages(GFP_DMA | __GFP_MOVABLE | __GFP_MEMALLOC, 0);	/* movable: falls back */
	KTEST_ASSERT_NOT_NULL(t, page);
	list_add(&page->lru, &pages);
	KTEST_EXPECT_EQ(t, get_pageblock_migratetype(page), MIGRATE_MOVABLE);
	KTEST_ASSERT_TRUE(t, pageblock_counts("DMA", after));
	KTEST_EXPECT_GT(t, after[MIGRATE_MOVABLE], mid[MIGRATE_MOVABLE]);
	KTEST_EXPECT_LT(t, after[MIGRATE_UNMOVABLE], mid[MIGRATE_UNMOVABLE]);

	free_list_pages(&pages, 0);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free_before);
	pcp_enable_all();
}

KTEST(pageblock, migratetype_bits_round_trip)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	int old;

	KTEST_ASSERT_NOT_NULL(t, page);
	old = get_pageblock_migratetype(page);
	for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
		set_pageblock_migratetype(page, mt);
		KTEST_EXPECT_EQ(t, get_pageblock_migratetype(page), mt);
		/* The pageblock's first page sees the same type. */
		KTEST_EXPECT_EQ(t, get_pageblock_migratetype(pfn_to_page(
			ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages))), mt);
	}
	set_pageblock_migratetype(page, old);
	__free_pages(page, 0);
}

/* bench.page_alloc: order-0 and order-9 alloc+free cost, for `make bench`. */
KTEST_EXPLICIT(bench, page_alloc)
{
	static const unsigned int orders[] = { 0, 9 };

	/* Round -1 warms up (see userland/bench/mm.c); 5 rounds are logged. */
	for (unsigned int i = 0; i < ARRAY_SIZE(orders); i++) {
		const unsigned long loops = orders[i] ? 2000 : 20000;

		for (int round = -1; round < 5; round++) {
			u64 start = ktime_get_ns(), ns;

			for (unsigned long n = 0; n < loops; n++) {
				struct page *page = alloc_pages(GFP_KERNEL, orders[i]);

				KTEST_ASSERT_NOT_NULL(t, page);
				__free_pages(page, orders[i]);
			}
			ns = ktime_get_ns() - start;
			if (round >= 0)
				ktest_log(t, "bench page_alloc order=%u alloc+free %lu ns", orders[i],
					  (unsigned long)(ns / loops));
		}
	}
}
