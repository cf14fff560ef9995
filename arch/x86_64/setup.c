// SPDX-License-Identifier: GPL-2.0
/*
 * setup.c - setup_arch(): the machine-specific part of boot. Mirrors
 * arch/x86/kernel/setup.c.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/multiboot2.h>
#include <linux/start_kernel.h>
#include <asm/e820.h>

void setup_arch(void)
{
	e820__print_table("BIOS-e820");
	for (int i = 0; i < nr_boot_modules; i++)
		pr_info("multiboot2: module %d [mem %#018lx-%#018lx] %s\n", i,
			boot_modules[i].start, boot_modules[i].end - 1,
			boot_modules[i].cmdline);
}
