// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - start_kernel(): the architecture-independent boot sequence.
 * Mirrors init/main.c.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/init.h>
#include <linux/ktest.h>
#include <linux/panic.h>
#include <linux/multiboot2.h>
#include <linux/start_kernel.h>
#include <linux/mm.h>
#include <linux/proc_views.h>
#include <asm/cpufeature.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/serial.h>

const char linux_banner[] =
	"Pagoda version " PAGODA_VERSION " (gcc version " __VERSION__ ") #1 " __DATE__ " " __TIME__ "\n";

/* run_ktests - the ktest= boot: run the selected cases, then power off. */
static __noreturn void run_ktests(void)
{
	int failed = ktest_run_selected();

	machine_power_off(failed ? 1 : 0);
}

void start_kernel(unsigned long mbi_phys)
{
	parse_multiboot2(mbi_phys);
	parse_early_param();
	printk(KERN_NOTICE "%s", linux_banner);
	pr_notice("Command line: %s\n", boot_command_line);
	pr_info("Boot loader: %s\n", boot_loader_name);
	cpu_init_features();
	setup_arch();
	parse_args();
	mm_core_init();
	init_IRQ();
	time_init();
	serial_enable_rx_irq();
	local_irq_enable();
	proc_show_at_boot();

	if (ktest_selected())
		run_ktests();
	pr_notice("Pagoda: nothing more to run yet; halting.\n");
	for (;;)
		safe_halt();
}
