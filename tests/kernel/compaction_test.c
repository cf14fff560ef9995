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

static unsigned long free_blocks(unsigned int min_order)
{
	unsigned long n = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		for (unsigned int o = min_order; o < MAX_ORDER; o++)
			n += zone->free_area[o].nr_free << (o - min_order);
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
