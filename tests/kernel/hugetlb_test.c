// SPDX-License-Identifier: GPL-2.0
/*
 * hugetlb_test.c - ktest suite "hugetlb": the allocator side of the pool
 * (mm/page_alloc.c, mm/hugetlb.c). __GFP_COMP makes an order-9 block one
 * large folio (PG_head, its order in the second page) and freeing it
 * leaves no trace; __GFP_RETRY_MAYFAIL allocations run until memory has
 * no 2 MiB block left and then fail quietly, and everything comes back.
 */
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/mm_verify.h>

#define HUGE_ORDER	9

/* A compound order-9 folio: its order, alignment, and a clean free. */
KTEST(hugetlb, compound_folio)
{
	unsigned long free = ktest_free_pages();
	struct folio *folio = folio_alloc(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, HUGE_ORDER);
	struct page *second;

	KTEST_ASSERT_NOT_NULL(t, folio);
	second = folio_page(folio, 1);
	KTEST_EXPECT_TRUE(t, folio_test_large(folio));
	KTEST_EXPECT_EQ(t, folio_order(folio), HUGE_ORDER);
	KTEST_EXPECT_EQ(t, folio_nr_pages(folio), 512);
	KTEST_EXPECT_EQ(t, folio_pfn(folio) % 512, 0);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free - 512);
	KTEST_EXPECT_FALSE(t, folio_test_large(page_folio(second)));	/* a plain tail page */
	folio_put(folio);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free);
	KTEST_EXPECT_FALSE(t, PageHead(&folio->page));
	KTEST_EXPECT_EQ(t, second->flags & PAGE_FLAGS_SECOND, 0);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
}

/*
 * Order-9 folios with __GFP_RETRY_MAYFAIL until one fails: they take
 * most of the free memory, the last attempt returns NULL (quietly: no
 * warning, no OOM), and freeing them all gives every page back.
 */
KTEST(hugetlb, retry_mayfail_until_none_is_left)
{
	unsigned long free = ktest_free_pages(), allocated = 0;
	LIST_HEAD(folios);
	struct folio *folio, *next;

	while ((folio = folio_alloc(GFP_HIGHUSER_MOVABLE | __GFP_RETRY_MAYFAIL | __GFP_NOWARN,
				    HUGE_ORDER))) {
		list_add(&folio->lru, &folios);
		allocated++;
	}
	KTEST_EXPECT_GE(t, allocated * 512, free / 2);
	list_for_each_entry_safe(folio, next, &folios, lru) {
		list_del(&folio->lru);
		folio_put(folio);
	}
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
}
