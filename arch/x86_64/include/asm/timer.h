/* SPDX-License-Identifier: GPL-2.0 */
/*
 * timer.h - the PIT (8253/8254) and the TSC. Mirrors
 * arch/x86/include/asm/i8253.h, tsc.h and mc146818rtc.h.
 */
#ifndef _ASM_X86_TIMER_H
#define _ASM_X86_TIMER_H

#include <linux/types.h>

#define PIT_TICK_RATE 1193182UL		/* the PIT's input clock in Hz */

void setup_pit_timer(void);
u64 pit_calibrate_tsc(void);		/* returns the TSC rate in kHz */
void tsc_init(void);
u64 tsc_to_ns(u64 cycles);
extern u64 tsc_khz;
extern u64 tsc_boot;
u64 read_rtc_seconds(void);		/* CMOS clock as seconds since 1970 */
void timer_interrupt(int irq, void *dev_id);	/* kernel/time.c */

#endif /* _ASM_X86_TIMER_H */
