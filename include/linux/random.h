/* SPDX-License-Identifier: GPL-2.0 */
/*
 * random.h - the kernel's random number generator. Mirrors
 * include/linux/random.h and include/uapi/linux/random.h (GRND_* flags).
 *
 * get_random_bytes() and getrandom() draw from one ChaCha20-based CRNG
 * (kernel/random.c), seeded from RDRAND when the CPU has it, the TSC and
 * the wall clock. exec uses it for the 16 AT_RANDOM bytes.
 */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/types.h>

/* getrandom() flags */
#define GRND_NONBLOCK	0x0001	/* fail with -EAGAIN rather than wait for seeding */
#define GRND_RANDOM	0x0002	/* the old "blocking pool": the same CRNG today */
#define GRND_INSECURE	0x0004	/* never wait, even if unseeded */

void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);
u64 get_random_u64(void);

extern const struct file_operations random_fops;	/* /dev/random, /dev/urandom */

#endif /* _LINUX_RANDOM_H */
