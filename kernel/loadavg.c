// SPDX-License-Identifier: GPL-2.0
/*
 * loadavg.c - the load averages: the number of runnable tasks, averaged
 * exponentially over 1, 5 and 15 minutes. Mirrors kernel/sched/loadavg.c.
 *
 * Every LOAD_FREQ (5 s and one tick) the tick samples the tasks that are
 * running or runnable and folds them into avenrun[], in fixed point with
 * FSHIFT bits: load = load * e + active * (1 - e), e = exp(-5 s / period).
 * Linux also counts tasks in uninterruptible sleep (disk waits); Pagoda's
 * such sleeps are short kernel waits on memory, so it counts only the
 * runnable ones.
 */
#include <linux/kernel.h>
#include <linux/time.h>
#include <linux/kernel_stat.h>

#define LOAD_FREQ	(5 * HZ + 1)	/* 5 s intervals */
#define EXP_1		1884		/* 1/exp(5s/1min) in fixed point */
#define EXP_5		2014		/* 1/exp(5s/5min) */
#define EXP_15		2037		/* 1/exp(5s/15min) */

unsigned long avenrun[3];
static unsigned long calc_load_update = LOAD_FREQ;	/* jiffies of the next sample */

/* calc_load - one step: @load decays by @exp towards @active (rounded up when rising). */
static unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

/* calc_global_load - at each tick: every LOAD_FREQ, fold the runnable count in. */
void calc_global_load(void)
{
	unsigned long active;

	if (time_before(jiffies, calc_load_update))
		return;
	active = nr_running() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
	calc_load_update += LOAD_FREQ;
}
