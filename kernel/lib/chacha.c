// SPDX-License-Identifier: GPL-2.0
/*
 * chacha.c - the ChaCha block function of RFC 7539. Mirrors
 * lib/crypto/chacha.c (chacha_permute(), chacha_block_generic()).
 *
 * A double round mixes the 4x4 word matrix first down its columns, then
 * along its diagonals, with quarter rounds of add, xor and rotate. Adding
 * the input state to the permuted one makes the function one-way.
 */
#include <crypto/chacha.h>
#include <linux/string.h>
#include <linux/bug.h>

static inline u32 rol32(u32 word, unsigned int shift)
{
	return (word << shift) | (word >> (32 - shift));
}

#define QUARTERROUND(x, a, b, c, d)				\
	do {							\
		x[a] += x[b]; x[d] = rol32(x[d] ^ x[a], 16);	\
		x[c] += x[d]; x[b] = rol32(x[b] ^ x[c], 12);	\
		x[a] += x[b]; x[d] = rol32(x[d] ^ x[a], 8);	\
		x[c] += x[d]; x[b] = rol32(x[b] ^ x[c], 7);	\
	} while (0)

static void chacha_permute(u32 *x, int nrounds)
{
	for (int i = 0; i < nrounds; i += 2) {
		/* column round */
		QUARTERROUND(x, 0, 4, 8, 12);
		QUARTERROUND(x, 1, 5, 9, 13);
		QUARTERROUND(x, 2, 6, 10, 14);
		QUARTERROUND(x, 3, 7, 11, 15);
		/* diagonal round */
		QUARTERROUND(x, 0, 5, 10, 15);
		QUARTERROUND(x, 1, 6, 11, 12);
		QUARTERROUND(x, 2, 7, 8, 13);
		QUARTERROUND(x, 3, 4, 9, 14);
	}
}

/**
 * chacha_block_generic - generate one block of key stream
 * @state: the 16-word input state; its block counter (word 12) is advanced
 * @stream: receives CHACHA_BLOCK_SIZE bytes
 * @nrounds: 20 for ChaCha20 (12 and 8 exist too)
 *
 * The words are serialised little-endian, which on x86 is memory order.
 */
void chacha_block_generic(u32 *state, u8 *stream, int nrounds)
{
	u32 x[CHACHA_STATE_WORDS];

	BUG_ON(nrounds % 2);
	memcpy(x, state, sizeof(x));
	chacha_permute(x, nrounds);
	for (unsigned int i = 0; i < CHACHA_STATE_WORDS; i++)
		x[i] += state[i];
	memcpy(stream, x, sizeof(x));
	state[12]++;
}
