/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel_stat.h - where the CPU's time went, for /proc/stat and
 * /proc/uptime. Mirrors include/linux/kernel_stat.h (one CPU: one
 * kernel_cpustat instead of a per-CPU one).
 *
 * scheduler_tick() charges each tick (TICK_NSEC) to one of: user (a task
 * at nice <= 0 in user mode), nice (at nice > 0), system (in the kernel),
 * idle (the idle task). Pagoda has no softirqs, no guests and no I/O
 * waits: those stay 0.
 */
#ifndef _LINUX_KERNEL_STAT_H
#define _LINUX_KERNEL_STAT_H

#include <linux/types.h>

enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_NICE,
	CPUTIME_SYSTEM,
	CPUTIME_SOFTIRQ,
	CPUTIME_IRQ,
	CPUTIME_IDLE,
	CPUTIME_IOWAIT,
	CPUTIME_STEAL,
	CPUTIME_GUEST,
	CPUTIME_GUEST_NICE,
	NR_STATS,
};

struct kernel_cpustat {
	u64 cpustat[NR_STATS];		/* ns */
};

extern struct kernel_cpustat kcpustat;

/* kernel/loadavg.c: the load averages of /proc/loadavg, fixed point */
#define FSHIFT		11		/* bits of precision */
#define FIXED_1		(1 << FSHIFT)	/* 1.0 */
#define LOAD_INT(x)	((x) >> FSHIFT)
#define LOAD_FRAC(x)	LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

extern unsigned long avenrun[3];
void calc_global_load(void);

/* kernel/sched.c */
unsigned int nr_running(void);

#endif /* _LINUX_KERNEL_STAT_H */
