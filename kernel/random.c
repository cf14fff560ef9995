// SPDX-License-Identifier: GPL-2.0
/*
 * random.c - the kernel's cryptographic random number generator (CRNG) and
 * the getrandom() system call. Mirrors drivers/char/random.c.
 *
 * Linux hashes entropy (interrupt timings, RDSEED/RDRAND, device data) into
 * an input pool, and every minute extracts a fresh 32-byte key for the
 * "base_crng" from it; random bytes are then ChaCha20 key stream under that
 * key. Pagoda keeps that shape with one CPU and no input pool:
 *
 *   crng_reseed()       every CRNG_RESEED_INTERVAL (and on first use): mix
 *                       RDRAND words (if the CPU has RDRAND), the TSC and the
 *                       wall clock into the key, then run one ChaCha20 block
 *                       over it and keep the first 32 bytes as the new key.
 *   crng_fast_key_erasure()
 *                       for each request: one block under the current key;
 *                       its first 32 bytes replace the key at once (so
 *                       earlier outputs cannot be recomputed from a later
 *                       memory dump: "forward secrecy"), the other 32 are
 *                       random bytes; longer requests continue the stream
 *                       under the old key with counter 1, 2, ...
 *
 * The CRNG seeds itself on first use, so it is always "ready": getrandom()
 * never blocks and GRND_NONBLOCK never fails with -EAGAIN. Without RDRAND
 * (QEMU's qemu64 CPU) the seed is only the TSC and the clock: fine for a
 * teaching kernel, not for keys.
 */
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/time.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <crypto/chacha.h>
#include <asm/cpufeature.h>
#include <asm/processor.h>

#define CRNG_RESEED_INTERVAL	(60 * HZ)
#define RDRAND_RETRY_LOOPS	10	/* Intel: RDRAND fails ~never 10 times running */

static struct {
	u32 key[CHACHA_KEY_SIZE / sizeof(u32)];
	unsigned long birth;		/* jiffies at the last reseed */
	bool seeded;
} base_crng;

/* rdrand_long - one word from the CPU's DRBG; false if it keeps failing. */
static bool rdrand_long(unsigned long *v)
{
	for (int retry = 0; retry < RDRAND_RETRY_LOOPS; retry++) {
		bool ok;

		asm volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return true;
	}
	return false;
}

/*
 * crng_reseed - new key = first half of ChaCha20(old key ^ seed), with the
 * TSC and the wall clock as counter and nonce.
 */
static void crng_reseed(void)
{
	u32 state[CHACHA_STATE_WORDS];
	u8 block[CHACHA_BLOCK_SIZE];
	u64 now = ktime_get_real_ns();

	chacha_init_consts(state);
	memcpy(&state[4], base_crng.key, CHACHA_KEY_SIZE);
	for (int i = 4; i < 12; i += 2) {
		unsigned long seed = 0;

		if (boot_cpu_has(X86_FEATURE_RDRAND))
			rdrand_long(&seed);
		seed ^= rdtsc();
		state[i] ^= (u32)seed;
		state[i + 1] ^= (u32)(seed >> 32);
	}
	state[12] = (u32)rdtsc();
	state[13] = (u32)jiffies;
	state[14] = (u32)now;
	state[15] = (u32)(now >> 32);
	chacha20_block(state, block);
	memcpy(base_crng.key, block, CHACHA_KEY_SIZE);
	base_crng.birth = jiffies;
	base_crng.seeded = true;
	memzero_explicit(state, sizeof(state));
	memzero_explicit(block, sizeof(block));
}

/*
 * crng_fast_key_erasure - set up @chacha_state with the current key,
 * replace the key by the first 32 bytes of its first block and return up
 * to 32 more bytes of that block in @random_data.
 */
static void crng_fast_key_erasure(u32 *key, u32 chacha_state[CHACHA_STATE_WORDS],
				  u8 *random_data, size_t random_data_len)
{
	u8 first_block[CHACHA_BLOCK_SIZE];

	chacha_init_consts(chacha_state);
	memcpy(&chacha_state[4], key, CHACHA_KEY_SIZE);
	memset(&chacha_state[12], 0, sizeof(u32) * 4);
	chacha20_block(chacha_state, first_block);
	memcpy(key, first_block, CHACHA_KEY_SIZE);
	memcpy(random_data, first_block + CHACHA_KEY_SIZE, random_data_len);
	memzero_explicit(first_block, sizeof(first_block));
}

/* crng_make_state - a state to continue the stream with, and up to 32 bytes. */
static void crng_make_state(u32 chacha_state[CHACHA_STATE_WORDS], u8 *random_data,
			    size_t random_data_len)
{
	BUG_ON(random_data_len > CHACHA_KEY_SIZE);
	if (!base_crng.seeded || time_after(jiffies, base_crng.birth + CRNG_RESEED_INTERVAL))
		crng_reseed();
	crng_fast_key_erasure(base_crng.key, chacha_state, random_data, random_data_len);
}

/* chacha_next_block - one block of stream; the 64-bit counter is words 12-13. */
static void chacha_next_block(u32 chacha_state[CHACHA_STATE_WORDS], u8 *block)
{
	chacha20_block(chacha_state, block);
	if (unlikely(chacha_state[12] == 0))
		++chacha_state[13];
}

/**
 * get_random_bytes - fill @buf with @len cryptographically random bytes
 * @buf: kernel buffer
 * @len: any length
 */
void get_random_bytes(void *buf, size_t len)
{
	u32 chacha_state[CHACHA_STATE_WORDS];
	u8 tmp[CHACHA_BLOCK_SIZE];
	size_t first_block_len;

	if (!len)
		return;
	first_block_len = min_t(size_t, CHACHA_KEY_SIZE, len);
	crng_make_state(chacha_state, buf, first_block_len);
	len -= first_block_len;
	buf += first_block_len;
	while (len) {
		size_t n = min_t(size_t, len, CHACHA_BLOCK_SIZE);

		chacha_next_block(chacha_state, tmp);
		memcpy(buf, tmp, n);
		len -= n;
		buf += n;
	}
	memzero_explicit(tmp, sizeof(tmp));
	memzero_explicit(chacha_state, sizeof(chacha_state));
}

u32 get_random_u32(void)
{
	u32 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}

u64 get_random_u64(void)
{
	u64 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}

/*
 * get_random_bytes_user - @len random bytes to user memory: how many were
 * copied, or -EFAULT if none could be. A long request stops early (a short
 * count) when a signal arrives, checked once per page, as in Linux.
 */
static ssize_t get_random_bytes_user(u8 __user *ubuf, size_t len)
{
	u32 chacha_state[CHACHA_STATE_WORDS];
	u8 block[CHACHA_BLOCK_SIZE];
	size_t ret = 0;

	if (!len)
		return 0;
	/*
	 * Overwrite the key in the state straight away with fresh bytes, so
	 * the key that will produce the output is not the one just erased
	 * from base_crng even if copy_to_user() sleeps for long.
	 */
	crng_make_state(chacha_state, (u8 *)&chacha_state[4], CHACHA_KEY_SIZE);
	if (len <= CHACHA_KEY_SIZE) {
		ret = len - copy_to_user(ubuf, &chacha_state[4], len);
		goto out_zero_chacha;
	}
	for (;;) {
		size_t n = min_t(size_t, len - ret, CHACHA_BLOCK_SIZE);
		size_t copied;

		chacha_next_block(chacha_state, block);
		copied = n - copy_to_user(ubuf + ret, block, n);
		ret += copied;
		if (ret == len || copied != n)
			break;
		if (ret % PAGE_SIZE == 0) {
			if (signal_pending(current))
				break;
			cond_resched();
		}
	}
	memzero_explicit(block, sizeof(block));
out_zero_chacha:
	memzero_explicit(chacha_state, sizeof(chacha_state));
	return ret ? (ssize_t)ret : -EFAULT;
}

/**
 * sys_getrandom - fill a user buffer with random bytes
 * @ubuf: user buffer
 * @len: bytes wanted (at most MAX_RW_COUNT are given)
 * @flags: GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE (not with GRND_RANDOM)
 *
 * Return: the number of bytes written, -EINVAL for bad flags, -EFAULT for
 * a bad buffer.
 */
SYSCALL_DEFINE3(getrandom, char __user *, ubuf, size_t, len, unsigned int, flags)
{
	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	/* GRND_INSECURE and GRND_RANDOM contradict each other. */
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) == (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (!access_ok(ubuf, len))
		return -EFAULT;
	return get_random_bytes_user((u8 __user *)ubuf, len);
}

/*
 * /dev/random (1:8) and /dev/urandom (1:9): both read the CRNG, which is
 * always seeded, so neither blocks (as in Linux since 5.18). Writes are
 * accepted; Linux mixes them into its input pool, Pagoda has none.
 */
static ssize_t random_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	return get_random_bytes_user((u8 __user *)buf, count);
}

static ssize_t random_write(struct file *file, const char __user *buf, size_t count,
			    loff_t *ppos)
{
	return count;
}

const struct file_operations random_fops = {
	.read = random_read,
	.write = random_write,
};
