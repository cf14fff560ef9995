/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xxhash.h - the xxHash64 non-cryptographic hash. Mirrors
 * include/linux/xxhash.h (xxh64() and xxhash(); Pagoda has no 32-bit
 * build, so xxhash() is always xxh64(), as on Linux/x86-64). KSM's
 * calc_checksum() uses it to tell whether a page changed between scans.
 */
#ifndef _LINUX_XXHASH_H
#define _LINUX_XXHASH_H

#include <linux/types.h>

u64 xxh64(const void *input, size_t length, u64 seed);

/* xxhash - the hash of the machine's word size: xxh64() on x86-64. */
static inline unsigned long xxhash(const void *input, size_t length, u64 seed)
{
	return xxh64(input, length, seed);
}

#endif /* _LINUX_XXHASH_H */
