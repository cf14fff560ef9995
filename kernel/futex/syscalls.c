// SPDX-License-Identifier: GPL-2.0
/*
 * syscalls.c - futex(2) and set_robust_list(2). Mirrors
 * kernel/futex/syscalls.c.
 *
 * futex() decodes the operation: FUTEX_PRIVATE_FLAG keys the word by the
 * caller's address space only; FUTEX_WAIT takes a relative timeout on
 * CLOCK_MONOTONIC, FUTEX_WAIT_BITSET an absolute one (on CLOCK_REALTIME
 * with FUTEX_CLOCK_REALTIME); the requeue operations take their count in
 * the timeout argument. The PI and FUTEX_WAKE_OP operations are -ENOSYS.
 * Robust futex lists are accepted and never walked (a thread dying with a
 * robust mutex held does not mark it EOWNERDEAD).
 */
#include <linux/kernel.h>
#include <linux/time.h>
#include <linux/time64.h>
#include <linux/errno.h>
#include "futex.h"

/* futex_deadline - the CLOCK_MONOTONIC ns when @cmd's wait with timeout @t ends. */
static s64 futex_deadline(int cmd, unsigned int flags, const struct timespec64 *t)
{
	s64 ns = timespec64_to_ns(t), now = ktime_get_ns();

	if (cmd == FUTEX_WAIT)				/* relative */
		return min(now, KTIME_MAX - ns) + ns;
	if (flags & FLAGS_CLOCKRT)
		return ns - (s64)ktime_get_real_ns() + now;
	return ns;
}

static long do_futex(u32 __user *uaddr, int cmd, unsigned int flags, u32 val, s64 deadline,
		     u32 __user *uaddr2, u32 val2, u32 val3)
{
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		fallthrough;
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, flags, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		fallthrough;
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, flags, val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, val, val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, flags, uaddr2, val, val2, &val3);
	}
	return -ENOSYS;
}

SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		const struct __kernel_timespec __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	unsigned int flags = (op & FUTEX_PRIVATE_FLAG) ? 0 : FLAGS_SHARED;
	s64 deadline = KTIME_MAX;
	struct timespec64 t;

	if (op & FUTEX_CLOCK_REALTIME) {
		flags |= FLAGS_CLOCKRT;
		if (cmd != FUTEX_WAIT_BITSET)
			return -ENOSYS;
	}
	if (utime && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET)) {
		if (get_timespec64(&t, utime))
			return -EFAULT;
		if (!timespec64_valid(&t))
			return -EINVAL;
		deadline = futex_deadline(cmd, flags, &t);
	}
	return do_futex(uaddr, cmd, flags, val, deadline, uaddr2, (unsigned long)utime, val3);
}

/* struct robust_list_head: the list, the futex offset, the pending entry (24 bytes). */
#define ROBUST_LIST_HEAD_SIZE	24

SYSCALL_DEFINE2(set_robust_list, void __user *, head, size_t, len)
{
	return len == ROBUST_LIST_HEAD_SIZE ? 0 : -EINVAL;
}
