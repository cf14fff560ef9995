/* SPDX-License-Identifier: GPL-2.0 */
/*
 * chacha.h - the ChaCha20 stream cipher's block function (RFC 7539), as the
 * random number generator uses it. Mirrors include/crypto/chacha.h.
 *
 * The state is 16 32-bit words: 4 constants ("expand 32-byte k"), an 8-word
 * key, a block counter (word 12) and a 3-word nonce. One block function
 * call turns the state into 64 bytes of key stream and advances the counter.
 */
#ifndef _CRYPTO_CHACHA_H
#define _CRYPTO_CHACHA_H

#include <linux/types.h>

#define CHACHA_KEY_SIZE		32
#define CHACHA_BLOCK_SIZE	64
#define CHACHA_STATE_WORDS	(CHACHA_BLOCK_SIZE / sizeof(u32))

/* kernel/lib/chacha.c */
void chacha_block_generic(u32 *state, u8 *stream, int nrounds);

static inline void chacha20_block(u32 *state, u8 *stream)
{
	chacha_block_generic(state, stream, 20);
}

/* chacha_init_consts - words 0-3: "expand 32-byte k" in little-endian. */
static inline void chacha_init_consts(u32 *state)
{
	state[0] = 0x61707865;
	state[1] = 0x3320646e;
	state[2] = 0x79622d32;
	state[3] = 0x6b206574;
}

#endif /* _CRYPTO_CHACHA_H */
