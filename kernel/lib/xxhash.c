// SPDX-License-Identifier: GPL-2.0
/*
 * xxhash.c - xxHash64 (Yann Collet's algorithm). Mirrors lib/xxhash.c.
 *
 * Four 64-bit lanes each absorb 8 bytes at a time (multiply, rotate,
 * multiply) over 32-byte stripes; the lanes are then folded into one
 * value, the tail (8, 4, then 1 byte at a time) mixed in, and the result
 * avalanched so that every input bit affects every output bit. The
 * values must equal every other xxh64 implementation's: KSM's zero_checksum
 * and the host test compare them with the reference vectors.
 */
#include <linux/xxhash.h>

#define PRIME64_1 0x9E3779B185EBCA87ULL
#define PRIME64_2 0xC2B2AE3D27D4EB4FULL
#define PRIME64_3 0x165667B19E3779F9ULL
#define PRIME64_4 0x85EBCA77C2B2AE63ULL
#define PRIME64_5 0x27D4EB2F165667C5ULL

static inline u64 xxh_rotl64(u64 x, int r)
{
	return (x << r) | (x >> (64 - r));
}

/*
 * Little-endian loads at any alignment (Linux: get_unaligned_le64/32). A
 * __builtin_memcpy of a constant size is one mov; the kernel is built
 * -ffreestanding, where a plain memcpy() would be a call per word.
 */
static inline u64 xxh_get64(const u8 *p)
{
	u64 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline u32 xxh_get32(const u8 *p)
{
	u32 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

/* xxh64_absorb - a round without its last step, the multiply by PRIME64_1. */
static inline u64 xxh64_absorb(u64 acc, u64 input)
{
	acc += input * PRIME64_2;
	return xxh_rotl64(acc, 31);
}

/* xxh64_round - one lane absorbs one 8-byte word. */
static u64 xxh64_round(u64 acc, u64 input)
{
	return xxh64_absorb(acc, input) * PRIME64_1;
}

/* xxh64_merge_round - fold one lane into the accumulated hash. */
static u64 xxh64_merge_round(u64 acc, u64 val)
{
	acc ^= xxh64_round(0, val);
	return acc * PRIME64_1 + PRIME64_4;
}

/**
 * xxh64 - the 64-bit xxHash of a buffer
 * @input: the data
 * @len: its length in bytes
 * @seed: a seed (0 for the plain hash)
 */
u64 xxh64(const void *input, size_t len, u64 seed)
{
	const u8 *p = input;
	const u8 *const end = p + len;
	u64 h64;

	if (len >= 32) {
		const u8 *const limit = end - 32;
		u64 v1 = seed + PRIME64_1 + PRIME64_2;
		u64 v2 = seed + PRIME64_2;
		u64 v3 = seed;
		u64 v4 = seed - PRIME64_1;

		/*
		 * One xxh64_round() per lane and stripe, with each round's last
		 * step -- the multiply by PRIME64_1 -- done at the top of the
		 * next stripe, and after the last one: the same values, but GCC
		 * then keeps each lane in one register instead of copying it
		 * every stripe (23 instructions per 32 bytes, not 27; KSM hashes
		 * every page it scans).
		 */
		for (;;) {
			v1 = xxh64_absorb(v1, xxh_get64(p));
			v2 = xxh64_absorb(v2, xxh_get64(p + 8));
			v3 = xxh64_absorb(v3, xxh_get64(p + 16));
			v4 = xxh64_absorb(v4, xxh_get64(p + 24));
			p += 32;
			if (p > limit)
				break;
			v1 *= PRIME64_1;
			v2 *= PRIME64_1;
			v3 *= PRIME64_1;
			v4 *= PRIME64_1;
		}
		v1 *= PRIME64_1;
		v2 *= PRIME64_1;
		v3 *= PRIME64_1;
		v4 *= PRIME64_1;

		h64 = xxh_rotl64(v1, 1) + xxh_rotl64(v2, 7) + xxh_rotl64(v3, 12) +
		      xxh_rotl64(v4, 18);
		h64 = xxh64_merge_round(h64, v1);
		h64 = xxh64_merge_round(h64, v2);
		h64 = xxh64_merge_round(h64, v3);
		h64 = xxh64_merge_round(h64, v4);
	} else {
		h64 = seed + PRIME64_5;
	}
	h64 += (u64)len;

	for (; p + 8 <= end; p += 8)
		h64 = xxh_rotl64(h64 ^ xxh64_round(0, xxh_get64(p)), 27) * PRIME64_1 + PRIME64_4;
	if (p + 4 <= end) {
		h64 = xxh_rotl64(h64 ^ ((u64)xxh_get32(p) * PRIME64_1), 23) * PRIME64_2 + PRIME64_3;
		p += 4;
	}
	for (; p < end; p++)
		h64 = xxh_rotl64(h64 ^ (*p * PRIME64_5), 11) * PRIME64_1;

	/* The avalanche. */
	h64 ^= h64 >> 33;
	h64 *= PRIME64_2;
	h64 ^= h64 >> 29;
	h64 *= PRIME64_3;
	h64 ^= h64 >> 32;
	return h64;
}
