/* SPDX-License-Identifier: GPL-2.0 */
/*
 * time64.h - the kernel's own timespec and its conversions. Mirrors
 * include/linux/time64.h and the get/put_timespec64() of include/linux/time.h.
 *
 * A struct timespec64 is normalised when 0 <= tv_nsec < NSEC_PER_SEC; system
 * calls refuse others with -EINVAL (timespec64_valid()). User space passes a
 * struct __kernel_timespec: get_timespec64() and put_timespec64() copy it in
 * and out (-EFAULT for a bad pointer).
 */
#ifndef _LINUX_TIME64_H
#define _LINUX_TIME64_H

#include <linux/types.h>
#include <linux/time.h>
#include <linux/syscalls.h>
#include <uapi/linux/time.h>

typedef s64 time64_t;
typedef int clockid_t;		/* CLOCK_* of <uapi/linux/time.h> */

struct timespec64 {
	time64_t tv_sec;		/* seconds */
	long tv_nsec;			/* nanoseconds */
};

#define KTIME_MAX	((s64)~((u64)1 << 63))
#define KTIME_SEC_MAX	(KTIME_MAX / (s64)NSEC_PER_SEC)

static inline bool timespec64_valid(const struct timespec64 *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && (unsigned long)ts->tv_nsec < NSEC_PER_SEC;
}

/* timespec64_to_ns - nanoseconds, saturating at KTIME_MAX (as Linux does). */
static inline s64 timespec64_to_ns(const struct timespec64 *ts)
{
	if (ts->tv_sec >= KTIME_SEC_MAX)
		return KTIME_MAX;
	return ts->tv_sec * (s64)NSEC_PER_SEC + ts->tv_nsec;
}

/* ns_to_timespec64 - split a (non-negative) nanosecond count. */
static inline struct timespec64 ns_to_timespec64(s64 ns)
{
	struct timespec64 ts = { ns / (s64)NSEC_PER_SEC, ns % (s64)NSEC_PER_SEC };

	return ts;
}

/* kernel/posix-timers.c */
int get_timespec64(struct timespec64 *ts, const struct __kernel_timespec __user *uts);
int put_timespec64(const struct timespec64 *ts, struct __kernel_timespec __user *uts);

#endif /* _LINUX_TIME64_H */
