/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bitops.h - single bits of a bitmap of unsigned longs: page->flags, fd
 * sets. Mirrors include/linux/bitops.h and asm-generic/bitops.
 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>

#define BITS_PER_LONG		64
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_MASK(nr)		(1UL << ((nr) % BITS_PER_LONG))
#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)

/* test_bit - bit @nr of the bitmap at @addr (any length). */
static inline bool test_bit(int nr, const unsigned long *addr)
{
	return (((const volatile unsigned long *)addr)[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1;
}

/* The atomic ones (one CPU here, but flags are changed from interrupts too). */
static inline void set_bit(int nr, unsigned long *addr)
{
	__atomic_or_fetch(addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(int nr, unsigned long *addr)
{
	__atomic_and_fetch(addr + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_SEQ_CST);
}

static inline bool test_and_set_bit(int nr, unsigned long *addr)
{
	return __atomic_fetch_or(addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline bool test_and_clear_bit(int nr, unsigned long *addr)
{
	return __atomic_fetch_and(addr + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_SEQ_CST) &
	       BIT_MASK(nr);
}

/* __set_bit, __clear_bit, __assign_bit - non-atomic, for bitmaps nobody else touches. */
static inline void __set_bit(int nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(int nr, unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline void __assign_bit(int nr, unsigned long *addr, bool value)
{
	if (value)
		__set_bit(nr, addr);
	else
		__clear_bit(nr, addr);
}

#endif /* _LINUX_BITOPS_H */
