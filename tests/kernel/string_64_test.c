// SPDX-License-Identifier: GPL-2.0
/*
 * string_64_test.c - both bodies of memcpy() and memset() (kernel/lib/
 * string.c: `rep movsb`/`rep stosb`, or memcpy_orig()/memset_orig() of
 * arch/x86_64/memcpy_64.asm, memset_64.asm), whichever this CPU picks:
 * every length from 0 to past two blocks, at every alignment, writes
 * exactly its bytes and returns the destination.
 */
#include <linux/ktest.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/string_64.h>

#define AREA	256	/* bytes of the destination buffer */
#define GUARD	0x5a

static unsigned char src[AREA], dst[AREA];

/* The bytes of dst outside [off, off + len) are still GUARD. */
static bool guards_intact(int off, int len)
{
	for (int i = 0; i < AREA; i++)
		if ((i < off || i >= off + len) && dst[i] != GUARD)
			return false;
	return true;
}

static void *memcpy_picked(void *dest, const void *from, size_t n)
{
	return memcpy(dest, from, n);
}

static void *memset_picked(void *s, int c, size_t n)
{
	return memset(s, c, n);
}

KTEST(string_64, memcpy_variants)
{
	void *(*const copy[])(void *, const void *, size_t) = { memcpy_orig, memcpy_picked };

	for (int i = 0; i < AREA; i++)
		src[i] = i * 13 + 7;
	for (unsigned int v = 0; v < ARRAY_SIZE(copy); v++)
		for (int off = 0; off < 8; off++)
			for (int len = 0; len <= 2 * 64 + 9; len++) {
				__builtin_memset(dst, GUARD, AREA);
				KTEST_ASSERT_TRUE(t, copy[v](dst + off, src + 8 - off, len) == dst + off);
				KTEST_ASSERT_EQ(t, memcmp(dst + off, src + 8 - off, len), 0);
				KTEST_ASSERT_TRUE(t, guards_intact(off, len));
			}
}

KTEST(string_64, memset_variants)
{
	void *(*const set[])(void *, int, size_t) = { memset_orig, memset_picked };

	for (unsigned int v = 0; v < ARRAY_SIZE(set); v++)
		for (int off = 0; off < 8; off++)
			for (int len = 0; len <= 2 * 64 + 9; len++) {
				__builtin_memset(dst, GUARD, AREA);
				/* Only the low byte of c counts: 0x1a5 stores 0xa5. */
				KTEST_ASSERT_TRUE(t, set[v](dst + off, 0x1a5, len) == dst + off);
				for (int i = 0; i < len; i++)
					KTEST_ASSERT_EQ(t, dst[off + i], 0xa5);
				KTEST_ASSERT_TRUE(t, guards_intact(off, len));
			}
}
