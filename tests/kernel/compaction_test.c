// SPDX-License-Identifier: GPL-2.0
/*
 * compaction_test.c - ktest suite "compaction" (mm/compaction.c): the
 * deferral arithmetic, and compact_node() over a fragmented anonymous
 * mapping: every page moves or stays with its data, the mapping's frames
 * change, free order-9 blocks do not get fewer, mm_verify() stays clean.
 */
#include "mm_test.h"
#include <linux/ktest.h>
#include <linux/compaction.h>
#include <linux/mm_verify.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <linux/gfp.h>

#define BASE		0x400000UL
#define NPAGES		2048		/* 8 MiB, every other page freed */

/* Deferral: 1, 2, 4 ... attempts skipped; orders below the failed one never. */
KTEST(compaction, deferral)
{
	struct zone z = { .compact_order_failed = 0 };

	compaction_defer_reset(&z, 3, true);
	KTEST_EXPECT_EQ(t, z.compact_order_failed, 4);
	defer_compaction(&z, 5);
	KTEST_EXPECT_EQ(t, z.compact_defer_shift, 1);
	KTEST_EXPECT_EQ(t, z.compact_order_failed, 4);
	KTEST_EXPECT_FALSE(t, compaction_deferred(&z, 3));	/* below the failed order */
	KTEST_EXPECT_TRUE(t, compaction_deferred(&z, 5));	/* 1 of 2 */
	KTEST_EXPECT_FALSE(t, compaction_deferred(&z, 5));	/* 2 of 2: try again */
	for (int i = 0; i < 10; i++)
		defer_compaction(&z, 2);
	KTEST_EXPECT_EQ(t, z.compact_defer_shift, COMPACT_MAX_DEFER_SHIFT);
	KTEST_EXPECT_EQ(t, z.compact_order_failed, 2);
	compaction_defer_reset(&z, 2, true);
	KTEST_EXPECT_EQ(t, z.compact_defer_shift, 0);
	KTEST_EXPECT_EQ(t, z.compact_order_failed, 3);
}

static unsigned long addr(int i)
{
	return BASE + i * PAGE_SIZE;
}

/* zone_free_blocks - @zone's free blocks of @min_order or more, in @min_order units. */
static unsigned long zone_free_blocks(struct zone *zone, unsigned int min_order)
{
	unsigned long n = 0;

	for (unsigned int o = min_order; o < MAX_ORDER; o++)
		n += zone->free_area[o].nr_free << (o - min_order);
	return n;
}

static unsigned long free_blocks(unsigned int min_order)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		n += zone_free_blocks(zone, min_order);
	return n;
}

/* The fragmentation index of an order with a free block is -1000. */
KTEST(compaction, fragmentation_index_free_block)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		if (zone->free_area[MAX_ORDER - 1].nr_free)
			KTEST_EXPECT_EQ(t, fragmentation_index(zone, 9), -1000);
}

KTEST(compaction, compact_node_moves_pages)
{
	unsigned long moved_before = vm_event_states[PGMIGRATE_SUCCESS];
	unsigned long scanned_before = vm_event_states[COMPACTMIGRATE_SCANNED];
	static unsigned long pfns[NPAGES];
	unsigned long blocks_before, changed = 0;
	struct mm_struct *mm;

	mm = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mm);
	for (int i = 0; i < NPAGES; i++) {
		struct page *page;

		KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, addr(i), true)));
		page = mm_test_page(mm, addr(i));
		memset(page_address(page), i & 0xff, PAGE_SIZE);
		((int *)page_address(page))[0] = i;
		pfns[i] = page_to_pfn(page);
	}
	for (int i = 0; i < NPAGES; i += 2)
		zap_page_range(find_vma(mm, BASE), addr(i), PAGE_SIZE);
	blocks_before = free_blocks(9);

	compact_node(NODE_DATA(0));

	for (int i = 1; i < NPAGES; i += 2) {
		struct page *page = mm_test_page(mm, addr(i));
		unsigned char *p;

		KTEST_ASSERT_NOT_NULL(t, page);
		p = page_address(page);
		KTEST_ASSERT_EQ(t, ((int *)p)[0], i);
		KTEST_ASSERT_EQ(t, p[PAGE_SIZE - 1], i & 0xff);
		changed += page_to_pfn(page) != pfns[i];
	}
	ktest_log(t, "moved %lu of %d pages; free order-9 blocks %lu -> %lu", changed,
		  NPAGES / 2, blocks_before, free_blocks(9));
	KTEST_EXPECT_GT(t, changed, 0);
	KTEST_EXPECT_GE(t, vm_event_states[PGMIGRATE_SUCCESS] - moved_before, changed);
	KTEST_EXPECT_GT(t, vm_event_states[COMPACTMIGRATE_SCANNED], scanned_before);
	KTEST_EXPECT_GE(t, free_blocks(9), blocks_before);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	mmput(mm);
}

/* --- direct compaction: the free-list shortcuts and capture --- */

#define HOLD_MAX	4096		/* order-9 blocks held (8 GiB) */
#define CHOSEN		16		/* blocks given back to be fragmented */
#define FAULTED		(12 * 512)	/* pages faulted into them (after the leftovers) */

static struct page *held[HOLD_MAX];

/* hold_free_blocks - allocate every free order-9 block there is, without compacting. */
static int hold_free_blocks(int n)
{
	const gfp_t gfp = (GFP_HIGHUSER_MOVABLE & ~__GFP_DIRECT_RECLAIM) | __GFP_NOWARN;
	struct page *page;

	while (n < HOLD_MAX && (page = alloc_pages(gfp, pageblock_order)))
		held[n++] = page;
	return n;
}

/* movable_free_below - free pages of @zone's MIGRATE_MOVABLE lists below pageblock order. */
static unsigned long movable_free_below(struct zone *zone)
{
	unsigned long n = 0;

	for (unsigned int o = 0; o < pageblock_order; o++)
		n += list_count_nodes(&zone->free_area[o].free_list[MIGRATE_MOVABLE]) << o;
	return n;
}

/* sort_pfns - insertion sort of @n pfns. */
static void sort_pfns(unsigned long *pfn, int n)
{
	for (int i = 1; i < n; i++) {
		unsigned long x = pfn[i];
		int j = i;

		for (; j > 0 && pfn[j - 1] > x; j--)
			pfn[j] = pfn[j - 1];
		pfn[j] = x;
	}
}

/*
 * Every free order-9 block is held; sixteen from 40% up the zone are
 * given back and filled by a process (after the free leftovers, which it
 * keeps: nothing is free above), the full ones get every odd page freed,
 * the lowest of them its upper half too (a free order-8 block). Direct compaction for order 9 (sync-light,
 * from a task that is not a kernel thread) must then:
 * fast_find_migrateblock() -- start the migrate scanner at that block, so
 * it scans fewer pages than lie below it; fast_isolate_freepages() --
 * find free pages without scanning the held blocks above them page by
 * page; capture -- hand the emptied block back (COMPACT_SUCCESS, the
 * block not on any free list). The process's data is intact.
 */
KTEST(compaction, direct_compaction_fast_paths_and_capture)
{
	static unsigned long pfns[CHOSEN], owned[CHOSEN], sorted[HOLD_MAX];
	unsigned long scanned_m, scanned_f, chunk_pfn = 0, top_pfn = 0, above = 0;
	unsigned int proactiveness = sysctl_compaction_proactiveness, flags;
	unsigned long nfault = 0, nzone = 0, nfull = 0, bad = 0;
	struct mm_struct *mm = NULL;
	struct page *capture = NULL;
	enum compact_result rc;
	struct zone *zone;
	int n, k = 0;

	sysctl_compaction_proactiveness = 0;	/* kcompactd keeps still */
	memset(owned, 0, sizeof(owned));
	n = hold_free_blocks(0);
	zone = n ? page_zone(held[0]) : NULL;
	for (int i = 0; i < n; i++)
		if (page_zone(held[i]) == zone)
			sorted[k++] = page_to_pfn(held[i]);
	if (k < 4 * CHOSEN || n == HOLD_MAX) {
		ktest_skip(t, "fewer than 64 free order-9 blocks in the zone, or over 8 GiB free");
		goto out;
	}
	/* The zone's blocks by pfn; give back CHOSEN from 40% up. */
	sort_pfns(sorted, k);
	for (int c = 0; c < CHOSEN; c++)
		pfns[c] = sorted[k * 4 / 10 + c];
	above = k - k * 4 / 10 - CHOSEN;	/* held, movable, above the chosen ones */
	nzone = k;
	for (int i = 0; i < n; i++)
		for (int c = 0; c < CHOSEN; c++)
			if (held[i] && page_to_pfn(held[i]) == pfns[c]) {
				__free_pages(held[i], pageblock_order);
				held[i] = NULL;
			}

	nfault = movable_free_below(zone) + FAULTED;
	mm = mm_test_new_mm(BASE, nfault);
	KTEST_EXPECT_NOT_NULL(t, mm);
	if (!mm)
		goto out;
	for (unsigned long i = 0; i < nfault; i++) {
		struct page *page;
		unsigned long pfn;

		if (!pte_present(mm_test_fault(mm, addr(i), true))) {
			KTEST_EXPECT_TRUE(t, false);	/* a fault failed */
			goto out;
		}
		page = mm_test_page(mm, addr(i));
		pfn = page_to_pfn(page);
		((unsigned long *)page_address(page))[0] = i;
		for (int c = 0; c < CHOSEN; c++)
			owned[c] += pageblock_start_pfn(pfn) == pfns[c];
	}
	for (int c = 0; c < CHOSEN; c++) {
		if (owned[c] != pageblock_nr_pages)
			continue;
		nfull++;
		if (!chunk_pfn)
			chunk_pfn = pfns[c];
		top_pfn = pfns[c];
	}
	ktest_log(t, "%d blocks held, %lu in %s; %lu pages faulted; %lu of %d chosen blocks full",
		  n, nzone, zone->name, nfault, nfull, CHOSEN);
	KTEST_EXPECT_GE(t, nfull, 8);
	if (nfull < 8)
		goto out;
	for (unsigned long i = 0; i < nfault; i++) {
		unsigned long pfn = page_to_pfn(mm_test_page(mm, addr(i)));
		bool full = false;

		for (int c = 0; c < CHOSEN; c++)
			full |= pageblock_start_pfn(pfn) == pfns[c] && owned[c] == pageblock_nr_pages;
		if (full && ((pfn & 1) ||
			     (pageblock_start_pfn(pfn) == chunk_pfn && (pfn & (pageblock_nr_pages / 2)))))
			zap_page_range(find_vma(mm, BASE), addr(i), PAGE_SIZE);
	}
	n = hold_free_blocks(n);	/* whatever merged back to order 9 */
	KTEST_EXPECT_EQ(t, zone_free_blocks(zone, pageblock_order), 0);

	zone->compact_blockskip_flush = true;	/* the run starts from scratch */
	compaction_defer_reset(zone, pageblock_order, true);
	scanned_m = vm_event_states[COMPACTMIGRATE_SCANNED];
	scanned_f = vm_event_states[COMPACTFREE_SCANNED];
	flags = current->flags;
	current->flags &= ~PF_KTHREAD;		/* capture is for user tasks' allocations */
	rc = try_to_compact_pages(GFP_HIGHUSER_MOVABLE, pageblock_order, WMARK_MIN,
				  gfp_zone(GFP_HIGHUSER_MOVABLE), COMPACT_PRIO_SYNC_LIGHT, &capture);
	current->flags = flags;
	scanned_m = vm_event_states[COMPACTMIGRATE_SCANNED] - scanned_m;
	scanned_f = vm_event_states[COMPACTFREE_SCANNED] - scanned_f;
	ktest_log(t, "result %d, captured pfn %lx (order-8 block at %lx); scanned: migrate %lu "
		  "(%lu below it), free %lu (%lu in the held blocks above)", rc,
		  capture ? page_to_pfn(capture) : 0, chunk_pfn, scanned_m,
		  chunk_pfn - zone->zone_start_pfn, scanned_f, above * pageblock_nr_pages);

	KTEST_EXPECT_EQ(t, rc, COMPACT_SUCCESS);
	KTEST_EXPECT_NOT_NULL(t, capture);
	if (capture) {
		KTEST_EXPECT_TRUE(t, page_zone(capture) == zone);
		KTEST_EXPECT_EQ(t, page_to_pfn(capture) % pageblock_nr_pages, 0);
		KTEST_EXPECT_FALSE(t, PageBuddy(capture));
		KTEST_EXPECT_GE(t, page_to_pfn(capture), chunk_pfn);
		KTEST_EXPECT_LE(t, page_to_pfn(capture), top_pfn);
	}
	KTEST_EXPECT_EQ(t, zone_free_blocks(zone, pageblock_order), 0);	/* captured, not freed */
	KTEST_EXPECT_LT(t, scanned_m, chunk_pfn - zone->zone_start_pfn);
	KTEST_EXPECT_LT(t, scanned_f, above * pageblock_nr_pages);
	for (unsigned long i = 0; i < nfault; i++) {
		struct page *page = mm_test_page(mm, addr(i));

		if (page)
			bad += ((unsigned long *)page_address(page))[0] != i;
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	if (capture) {
		post_alloc_hook(capture, pageblock_order, GFP_HIGHUSER_MOVABLE);
		__free_pages(capture, pageblock_order);
	}
out:
	if (mm)
		mmput(mm);
	for (int i = 0; i < n; i++)
		if (held[i])
			__free_pages(held[i], pageblock_order);
	sysctl_compaction_proactiveness = proactiveness;
}
