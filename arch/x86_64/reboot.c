// SPDX-License-Identifier: GPL-2.0
/*
 * reboot.c - powering the (virtual) machine off. Mirrors
 * arch/x86/kernel/reboot.c and drivers/acpi/sleep.c's S5 entry.
 *
 * Status 0 enters ACPI S5 by writing SLP_TYP=0|SLP_EN to the PM1a control
 * register, where QEMU's chipsets put it (q35/ICH9: 0x604; i440fx/PIIX4
 * with SeaBIOS: 0xb004); QEMU then exits with status 0 (if that has not
 * happened after a second, isa-debug-exit reports status 0 as 1). A non-zero status
 * goes to QEMU's isa-debug-exit device (port 0xf4), which makes QEMU exit
 * with (status << 1) | 1 -- so tests see panics and failures. If neither
 * device exists (real hardware), the CPU halts forever.
 */
#include <linux/kernel.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/timer.h>

#define ISA_DEBUG_EXIT_PORT	0xf4
#define ACPI_SLP_EN		(1 << 13)

static const u16 acpi_pm1a_cnt_ports[] = { 0x604, 0xb004 };

void machine_power_off(int status)
{
	local_irq_disable();
	if (status == 0) {
		u64 deadline;

		for (unsigned int i = 0; i < ARRAY_SIZE(acpi_pm1a_cnt_ports); i++)
			outw(ACPI_SLP_EN, acpi_pm1a_cnt_ports[i]);
		/*
		 * QEMU handles the ACPI request asynchronously, while
		 * isa-debug-exit exits at once: give the power-off a second.
		 */
		deadline = rdtsc() + (tsc_khz ? tsc_khz : 1000000) * 1000;
		while (rdtsc() < deadline)
			cpu_relax();
	}
	outl(status, ISA_DEBUG_EXIT_PORT);
	for (;;)
		native_halt();
}
