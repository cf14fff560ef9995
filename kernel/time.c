// SPDX-License-Identifier: GPL-2.0
/*
 * time.c - the tick and the clocks. Mirrors kernel/time/timekeeping.c,
 * kernel/time/tick-common.c and kernel/sched/clock.c.
 *
 * The PIT interrupt (HZ per second) advances jiffies and lets the
 * scheduler account the running task (scheduler_tick). Clocks read the TSC: CLOCK_MONOTONIC
 * is the time since TSC calibration, CLOCK_REALTIME adds the CMOS clock's
 * reading at boot.
 */
#include <linux/kernel.h>
#include <linux/time.h>
#include <linux/printk.h>
#include <linux/start_kernel.h>
#include <linux/sched.h>
#include <linux/profile.h>
#include <asm/timer.h>
#include <asm/irq.h>
#include <asm/processor.h>

volatile unsigned long jiffies;
static u64 boot_realtime_ns;

/*
 * timer_interrupt - IRQ 0: one tick, accounted to the running task and,
 * with profile=, sampled (tick_periodic() in tick-common.c).
 */
void timer_interrupt(int irq, void *dev_id)
{
	jiffies++;
	scheduler_tick(user_mode(get_irq_regs()));
	profile_tick(CPU_PROFILING);
}

u64 local_clock(void)
{
	if (!tsc_khz)
		return 0;
	return tsc_to_ns(rdtsc() - tsc_boot);
}

u64 ktime_get_ns(void)
{
	return local_clock();
}

u64 ktime_get_real_ns(void)
{
	return boot_realtime_ns + ktime_get_ns();
}

/* time_init - calibrate the TSC, read the wall clock, start the tick. */
void time_init(void)
{
	tsc_init();
	boot_realtime_ns = read_rtc_seconds() * NSEC_PER_SEC;
	setup_pit_timer();
	pr_info("clocksource: tsc, tick: PIT at HZ=%d\n", HZ);
}
