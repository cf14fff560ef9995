// SPDX-License-Identifier: GPL-2.0
/*
 * string_test.c - memcmp() (kernel/lib/string.c) and memcmp_pages()
 * (mm/util.c): a difference in any byte of the four-word steps, of the
 * word tail or of the byte tail gives the sign of that byte's
 * difference, whatever the alignment; equal buffers give 0; and bytes
 * past the length are never looked at.
 */
#include <linux/ktest.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>

#define LEN 75	/* two 32-byte steps, a word and 3 bytes */

static int sign(int v)
{
	return v < 0 ? -1 : v > 0;
}

KTEST(string, memcmp_sign_of_the_first_differing_byte)
{
	static unsigned char a[LEN + 16], b[LEN + 16];

	for (int off = 0; off < 8; off++) {
		for (int i = 0; i < LEN + 16; i++)
			a[i] = b[i] = i * 13 + 1;
		KTEST_EXPECT_EQ(t, memcmp(a + off, b + off, LEN), 0);
		for (int pos = 0; pos < LEN; pos++) {
			b[off + pos] = a[off + pos] + 1;	/* b > a from pos on */
			a[off + LEN - 1] ^= pos == LEN - 1 ? 0 : 0x80; /* a later, opposite difference */
			KTEST_EXPECT_EQ(t, sign(memcmp(a + off, b + off, LEN)), -1);
			KTEST_EXPECT_EQ(t, sign(memcmp(b + off, a + off, LEN)), 1);
			KTEST_EXPECT_EQ(t, memcmp(a + off, b + off, pos), 0);
			a[off + LEN - 1] ^= pos == LEN - 1 ? 0 : 0x80;
			b[off + pos] = a[off + pos];
		}
		b[off + LEN] ^= 1;	/* just past the end */
		KTEST_EXPECT_EQ(t, memcmp(a + off, b + off, LEN), 0);
	}
}

KTEST(string, memcmp_pages_orders_pages)
{
	struct page *pages = alloc_pages(GFP_KERNEL, 1);
	unsigned char *p, *q;

	KTEST_ASSERT_NOT_NULL(t, pages);
	p = page_address(pages);
	q = page_address(pages + 1);
	memset(p, 0x5a, PAGE_SIZE);
	memset(q, 0x5a, PAGE_SIZE);
	KTEST_EXPECT_EQ(t, memcmp_pages(pages, pages + 1), 0);
	KTEST_EXPECT_TRUE(t, pages_identical(pages, pages + 1));
	for (int pos = 0; pos < PAGE_SIZE; pos += 509) {
		q[pos] = 0x5b;
		KTEST_EXPECT_LT(t, memcmp_pages(pages, pages + 1), 0);
		KTEST_EXPECT_GT(t, memcmp_pages(pages + 1, pages), 0);
		q[pos] = 0x5a;
	}
	q[PAGE_SIZE - 1] = 0;
	KTEST_EXPECT_GT(t, memcmp_pages(pages, pages + 1), 0);
	KTEST_EXPECT_FALSE(t, pages_identical(pages, pages + 1));
	free_pages((unsigned long)p, 1);
}
