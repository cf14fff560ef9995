// SPDX-License-Identifier: GPL-2.0
/*
 * clear_copy_page_test.c - every body of clear_page() and copy_page()
 * (arch/x86_64/clear_page_64.asm, copy_page_64.asm), whichever this CPU
 * picks: each writes exactly its one page, and __GFP_ZERO gives zeroes.
 */
#include <linux/ktest.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>

/* Two pages: the first filled with a pattern, the second a guard of 0x5a. */
static unsigned char *patterned_pair(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);
	unsigned char *p;

	if (!page)
		return NULL;
	p = page_address(page);
	for (int i = 0; i < PAGE_SIZE; i++)
		p[i] = i * 7 + 1;
	memset(p + PAGE_SIZE, 0x5a, PAGE_SIZE);
	return p;
}

static bool all_bytes(const unsigned char *p, unsigned char value, int len)
{
	for (int i = 0; i < len; i++)
		if (p[i] != value)
			return false;
	return true;
}

KTEST(page_64, clear_page_variants)
{
	void (*const clear[])(void *) = { clear_page_orig, clear_page_rep, clear_page_erms,
					  clear_page };

	for (unsigned int v = 0; v < ARRAY_SIZE(clear); v++) {
		unsigned char *p = patterned_pair();

		KTEST_ASSERT_NOT_NULL(t, p);
		clear[v](p);
		KTEST_EXPECT_TRUE(t, all_bytes(p, 0, PAGE_SIZE));
		KTEST_EXPECT_TRUE(t, all_bytes(p + PAGE_SIZE, 0x5a, PAGE_SIZE));
		free_pages((unsigned long)p, 1);
	}
}

KTEST(page_64, copy_page_variants)
{
	void (*const copy[])(void *, void *) = { copy_page_regs, copy_page_rep, copy_page };

	for (unsigned int v = 0; v < ARRAY_SIZE(copy); v++) {
		unsigned char *from = patterned_pair(), *to = patterned_pair();

		KTEST_ASSERT_NOT_NULL(t, from);
		KTEST_ASSERT_NOT_NULL(t, to);
		memset(to, 0, PAGE_SIZE);
		copy[v](to, from);
		KTEST_EXPECT_EQ(t, memcmp(to, from, PAGE_SIZE), 0);
		KTEST_EXPECT_TRUE(t, all_bytes(to + PAGE_SIZE, 0x5a, PAGE_SIZE));
		free_pages((unsigned long)from, 1);
		free_pages((unsigned long)to, 1);
	}
}

KTEST(page_64, gfp_zero_clears_every_page_of_the_block)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	unsigned char *p;

	KTEST_ASSERT_NOT_NULL(t, page);
	p = page_address(page);
	memset(p, 0xa5, 4 * PAGE_SIZE);
	__free_pages(page, 2);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, all_bytes(page_address(page), 0, 4 * PAGE_SIZE));
	__free_pages(page, 2);
}
