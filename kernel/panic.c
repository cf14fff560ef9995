// SPDX-License-Identifier: GPL-2.0
/*
 * panic.c - panic(), BUG() and WARN(). Mirrors kernel/panic.c.
 *
 * A panic prints its reason and a backtrace (unless an oops already printed
 * one), then powers the machine off with PANIC_EXIT_STATUS so that QEMU
 * exits non-zero instead of hanging.
 */
#include <linux/panic.h>
#include <linux/bug.h>
#include <linux/printk.h>
#include <linux/sprintf.h>
#include <asm/irqflags.h>

int oops_in_progress;
unsigned long warn_count;

void panic(const char *fmt, ...)
{
	static char buf[256];
	va_list args;

	local_irq_disable();
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	if (!oops_in_progress)
		dump_stack();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	machine_power_off(PANIC_EXIT_STATUS);
}

void __bug(const char *file, int line, const char *func)
{
	local_irq_disable();
	pr_emerg("------------[ cut here ]------------\n");
	pr_emerg("kernel BUG at %s:%d! (in %s)\n", file, line, func);
	dump_stack();
	oops_in_progress = 1;
	panic("BUG at %s:%d", file, line);
}

void __warn(const char *file, int line, const char *func, const char *fmt, ...)
{
	warn_count++;
	pr_warn("------------[ cut here ]------------\n");
	pr_warn("WARNING: %s:%d %s\n", file, line, func);
	if (fmt) {
		va_list args;

		va_start(args, fmt);
		vprintk(fmt, args);
		va_end(args);
	}
	dump_stack();
	pr_warn("---[ end trace ]---\n");
}
