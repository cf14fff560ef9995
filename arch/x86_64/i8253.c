// SPDX-License-Identifier: GPL-2.0
/*
 * i8253.c - the Programmable Interval Timer. Mirrors
 * drivers/clocksource/i8253.c and arch/x86/kernel/tsc.c's PIT calibration.
 *
 * Channel 0 interrupts on IRQ 0 at HZ (100 times a second): the periodic
 * tick that advances jiffies and drives the scheduler. Channel 2, whose
 * output can be read in port 0x61, measures a known interval once at boot
 * to calibrate the TSC.
 */
#include <linux/kernel.h>
#include <linux/time.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/timer.h>
#include <asm/processor.h>

#define PIT_CH0		0x40
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PIT_GATE	0x61	/* bit 0: ch2 gate, bit 1: speaker, bit 5: ch2 out */
#define PIT_LATCH	((PIT_TICK_RATE + HZ / 2) / HZ)

/* setup_pit_timer - channel 0, mode 2 (rate generator), HZ interrupts/s. */
void setup_pit_timer(void)
{
	outb(0x34, PIT_MODE);			/* ch0, lo/hi byte, mode 2 */
	outb(PIT_LATCH & 0xff, PIT_CH0);
	outb(PIT_LATCH >> 8, PIT_CH0);
	request_irq(TIMER_IRQ, timer_interrupt, "timer", NULL);
}

/**
 * pit_calibrate_tsc - measure the TSC frequency against PIT channel 2
 *
 * Channel 2 counts down CAL_MS milliseconds in mode 0 with the speaker off;
 * its output (port 0x61 bit 5) rises when it reaches zero. The TSC ticks
 * counted meanwhile give the frequency. Returns kHz.
 */
u64 pit_calibrate_tsc(void)
{
	const unsigned long cal_ms = 20;
	const unsigned long latch = PIT_TICK_RATE * cal_ms / 1000;
	u64 t1, t2;

	outb((inb(PIT_GATE) & ~0x02) | 0x01, PIT_GATE);	/* gate on, speaker off */
	outb(0xb0, PIT_MODE);			/* ch2, lo/hi byte, mode 0 */
	outb(latch & 0xff, PIT_CH2);
	outb(latch >> 8, PIT_CH2);

	t1 = rdtsc_ordered();
	while (!(inb(PIT_GATE) & 0x20))
		cpu_relax();
	t2 = rdtsc_ordered();
	outb(inb(PIT_GATE) & ~0x01, PIT_GATE);	/* gate off */
	return (t2 - t1) / cal_ms;
}
