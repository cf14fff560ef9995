// SPDX-License-Identifier: GPL-2.0
/*
 * vsprintf_test.c - ktest cases for kernel/lib/vsprintf.c and
 * kernel/lib/string.c: exact output of every supported conversion; and
 * memcmp() (its 64-byte blocks, words and bytes) with memcmp_pages(): a
 * difference in any byte, at any alignment, gives the sign of that
 * byte's difference, equal buffers 0, and bytes past the length are
 * never looked at.
 */
#include <linux/ktest.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/kernel.h>

#define EXPECT_FMT(t, expected, fmt, ...)				\
	do {								\
		char __buf[128];					\
		int __n = snprintf(__buf, sizeof(__buf), fmt, ##__VA_ARGS__); \
		KTEST_EXPECT_STREQ(t, __buf, expected);			\
		KTEST_EXPECT_EQ(t, __n, (int)strlen(expected));		\
	} while (0)

KTEST(vsprintf, integers)
{
	EXPECT_FMT(t, "42 -42 4294967254", "%d %i %u", 42, -42, -42);
	EXPECT_FMT(t, "ff FF 0xff 377", "%x %X %#x %o", 255, 255, 255, 255);
	EXPECT_FMT(t, "-9223372036854775808", "%ld", (long)(1UL << 63));
	EXPECT_FMT(t, "18446744073709551615", "%lu", ~0UL);
	EXPECT_FMT(t, "ffffffffffffffff", "%llx", ~0ULL);
	EXPECT_FMT(t, "123456789012", "%zu", (size_t)123456789012UL);
	EXPECT_FMT(t, "-1 255 -1 65535", "%hhd %hhu %hd %hu", 255, 255, 65535, 65535);
}

KTEST(vsprintf, width_and_padding)
{
	EXPECT_FMT(t, "[   42]", "[%5d]", 42);
	EXPECT_FMT(t, "[42   ]", "[%-5d]", 42);
	EXPECT_FMT(t, "[00042]", "[%05d]", 42);
	EXPECT_FMT(t, "[-0042]", "[%05d]", -42);
	EXPECT_FMT(t, "[+42]", "[%+d]", 42);
	EXPECT_FMT(t, "[ 42]", "[% d]", 42);
	EXPECT_FMT(t, "[0000002a]", "[%08x]", 42);
	EXPECT_FMT(t, "[   2a]", "[%*x]", 5, 42);
	EXPECT_FMT(t, "[007]", "[%.3d]", 7);
	EXPECT_FMT(t, "0x0000000000000000", "%#018llx", 0ULL);
	EXPECT_FMT(t, "0x000000000009fbff", "%#018llx", 0x9fbffULL);
}

KTEST(vsprintf, strings_chars_pointers)
{
	EXPECT_FMT(t, "[abc]", "[%s]", "abc");
	EXPECT_FMT(t, "[  abc]", "[%5s]", "abc");
	EXPECT_FMT(t, "[abc  ]", "[%-5s]", "abc");
	EXPECT_FMT(t, "[ab]", "[%.2s]", "abc");
	{
		const char *null_str = NULL;

		OPTIMIZER_HIDE_VAR(null_str);
		EXPECT_FMT(t, "[(null)]", "[%s]", null_str);
	}
	EXPECT_FMT(t, "[x]", "[%c]", 'x');
	EXPECT_FMT(t, "100%", "100%%");
	EXPECT_FMT(t, "ffff888000001000", "%p", (void *)0xffff888000001000UL);
	EXPECT_FMT(t, "0000000000001000", "%px", (void *)0x1000UL);
}

KTEST(vsprintf, symbols)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "%pS", (void *)((unsigned long)snprintf + 4));
	KTEST_EXPECT_TRUE(t, str_has_prefix(buf, "snprintf+0x4/0x"));
	snprintf(buf, sizeof(buf), "%ps", (void *)snprintf);
	KTEST_EXPECT_STREQ(t, buf, "snprintf");
}

KTEST(vsprintf, truncation)
{
	char buf[8];
	int n = snprintf(buf, sizeof(buf), "%s", "0123456789");

	KTEST_EXPECT_EQ(t, n, 10);
	KTEST_EXPECT_STREQ(t, buf, "0123456");
	KTEST_EXPECT_EQ(t, scnprintf(buf, sizeof(buf), "%s", "0123456789"), 7);
	KTEST_EXPECT_EQ(t, snprintf(NULL, 0, "%d", 12345), 5);
}

KTEST(string, kstrtoul)
{
	unsigned long v = 0;
	long l = 0;

	KTEST_EXPECT_EQ(t, kstrtoul("1234", 10, &v), 0);
	KTEST_EXPECT_EQ(t, v, 1234);
	KTEST_EXPECT_EQ(t, kstrtoul("0x1f\n", 0, &v), 0);
	KTEST_EXPECT_EQ(t, v, 31);
	KTEST_EXPECT_EQ(t, kstrtoul("017", 0, &v), 0);
	KTEST_EXPECT_EQ(t, v, 15);
	KTEST_EXPECT_EQ(t, kstrtoul("12a", 10, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("", 10, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, kstrtoul("99999999999999999999", 10, &v), -ERANGE);
	KTEST_EXPECT_EQ(t, kstrtol("-17", 10, &l), 0);
	KTEST_EXPECT_EQ(t, l, -17);
}

KTEST(string, memory_functions)
{
	char a[16] = "hello", b[16];

	memset(b, 'x', sizeof(b));
	memcpy(b, a, 6);
	KTEST_EXPECT_STREQ(t, b, "hello");
	memmove(a + 1, a, 5);
	KTEST_EXPECT_EQ(t, memcmp(a, "hhello", 6), 0);
	KTEST_EXPECT_NULL(t, memchr_inv(b + 6, 'x', 10));
	KTEST_EXPECT_TRUE(t, memchr_inv(b, 'h', 6) == b + 1);
	KTEST_EXPECT_EQ(t, strscpy(b, "toolongstring", 5), -E2BIG);
	KTEST_EXPECT_STREQ(t, b, "tool");
	KTEST_EXPECT_TRUE(t, strstr("pagoda kernel", "kern") != NULL);
	KTEST_EXPECT_EQ(t, strrchr("a/b/c", '/')[1], 'c');
}

#define LEN 139	/* two 64-byte blocks, a word and 3 bytes */

static int sign(int v)
{
	return v < 0 ? -1 : v > 0;
}

KTEST(string, memcmp_sign_of_the_first_differing_byte)
{
	static unsigned char a[LEN + 16], b[LEN + 16];

	for (int off = 0; off < 8; off++) {
		for (int i = 0; i < LEN + 16; i++)
			a[i] = b[i] = i + 1;	/* below 0xff: +1 stays greater */
		KTEST_EXPECT_EQ(t, memcmp(a + off, b + off, LEN), 0);
		for (int pos = 0; pos < LEN; pos++) {
			int last = off + LEN - 1;

			b[off + pos] = a[off + pos] + 1;	/* b > a at pos */
			if (pos < LEN - 1)
				a[last] = b[last] + 1;	/* and a > b later */
			KTEST_EXPECT_EQ(t, sign(memcmp(a + off, b + off, LEN)), -1);
			KTEST_EXPECT_EQ(t, sign(memcmp(b + off, a + off, LEN)), 1);
			KTEST_EXPECT_EQ(t, memcmp(a + off, b + off, pos), 0);
			a[last] = b[last];
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
