// SPDX-License-Identifier: GPL-2.0
/*
 * tsc.c - the Time Stamp Counter as the kernel's clock. Mirrors
 * arch/x86/kernel/tsc.c.
 *
 * The TSC counts at a constant rate (tsc_khz, calibrated against the PIT).
 * Converting cycles to nanoseconds uses a 32.32 fixed-point multiplier so
 * that no division happens on the clock-reading path:
 *     ns = cycles * cyc2ns_mul >> CYC2NS_SHIFT.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/time.h>
#include <asm/timer.h>
#include <asm/processor.h>

#define CYC2NS_SHIFT 32

u64 tsc_khz;
u64 tsc_boot;			/* TSC value at calibration: time zero */
static u64 cyc2ns_mul;

/* tsc_to_ns - convert TSC cycles to nanoseconds (0 before calibration). */
u64 tsc_to_ns(u64 cycles)
{
	return (u64)(((unsigned __int128)cycles * cyc2ns_mul) >> CYC2NS_SHIFT);
}

void tsc_init(void)
{
	tsc_khz = pit_calibrate_tsc();
	cyc2ns_mul = (NSEC_PER_MSEC << CYC2NS_SHIFT) / tsc_khz;
	tsc_boot = rdtsc();
	pr_info("tsc: Detected %lu.%03lu MHz processor (calibrated against the PIT)\n",
		(unsigned long)(tsc_khz / 1000), (unsigned long)(tsc_khz % 1000));
}
