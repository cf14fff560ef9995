/* SPDX-License-Identifier: GPL-2.0 */
/*
 * futex.h - fast user-space mutexes: the futex(2) operations (Linux's
 * values) and what the rest of the kernel calls. Mirrors
 * include/uapi/linux/futex.h and include/linux/futex.h.
 */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <linux/types.h>
#include <linux/syscalls.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME)

#define FUTEX_BITSET_MATCH_ANY	0xffffffff

/* The kernel's flags for an operation (kernel/futex/futex.h). */
#define FLAGS_SHARED		0x01	/* not FUTEX_PRIVATE_FLAG: other mms may share the word */
#define FLAGS_CLOCKRT		0x02	/* an absolute timeout on CLOCK_REALTIME */

void futex_init(void);
int futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset);

#endif /* _LINUX_FUTEX_H */
