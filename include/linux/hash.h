/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hash.h - fast hashing of integers and pointers into a few bits.
 * Mirrors include/linux/hash.h: multiply by a 64-bit constant derived
 * from the golden ratio and keep the top @bits bits, which mix every bit
 * of the key.
 */
#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H

#include <linux/types.h>

#define GOLDEN_RATIO_64 0x61C8864680B583EBull

static inline u32 hash_64(u64 val, unsigned int bits)
{
	return val * GOLDEN_RATIO_64 >> (64 - bits);
}

#define hash_long(val, bits) hash_64(val, bits)

static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_long((unsigned long)ptr, bits);
}

#endif /* _LINUX_HASH_H */
