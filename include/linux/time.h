/* SPDX-License-Identifier: GPL-2.0 */
/*
 * time.h - kernel time: jiffies, the monotonic clock and wall time.
 * Mirrors include/linux/jiffies.h, timekeeping.h and sched/clock.h.
 *
 * HZ = 100: the PIT interrupts every 10 ms (jiffies). Finer time comes from
 * the TSC, calibrated against the PIT at boot (arch/x86_64/tsc.c).
 */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include <linux/types.h>
#include <linux/kernel.h>

#define HZ 100
#define NSEC_PER_USEC 1000UL
#define NSEC_PER_MSEC 1000000UL
#define NSEC_PER_SEC 1000000000UL
#define USEC_PER_SEC 1000000UL
#define MSEC_PER_SEC 1000UL
#define USER_HZ 100	/* the clock_t tick of times(), /proc/PID/stat, si_utime */
#define TICK_NSEC (NSEC_PER_SEC / HZ)

extern volatile unsigned long jiffies;

u64 local_clock(void);		/* ns since boot (0 before TSC calibration) */
u64 ktime_get_ns(void);		/* CLOCK_MONOTONIC in ns */
u64 ktime_get_real_ns(void);	/* CLOCK_REALTIME in ns */

/* nsec_to_clock_t - @ns in clock_t ticks of USER_HZ, as user space counts time. */
static inline unsigned long nsec_to_clock_t(u64 ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

/* jiffies_until - whole ticks covering @ns, rounded up: never wake early. */
static inline long jiffies_until(s64 ns)
{
	return DIV_ROUND_UP((u64)ns, TICK_NSEC);
}

static inline unsigned long msecs_to_jiffies(unsigned long ms)
{
	return (ms * HZ + MSEC_PER_SEC - 1) / MSEC_PER_SEC;
}

static inline unsigned long jiffies_to_msecs(unsigned long j)
{
	return j * (MSEC_PER_SEC / HZ);
}

#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)

#endif /* _LINUX_TIME_H */
