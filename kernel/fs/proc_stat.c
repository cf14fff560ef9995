// SPDX-License-Identifier: GPL-2.0
/*
 * proc_stat.c - /proc/stat: where the CPU's time went, interrupts,
 * context switches, forks and the boot time. Mirrors fs/proc/stat.c.
 *
 * One CPU: the "cpu" and "cpu0" lines are the same kcpustat, in USER_HZ
 * ticks (user nice system idle iowait irq softirq steal guest guest_nice).
 * "intr" is the total and then one count per line of the 8259 PIC (Linux
 * lists every IRQ number it has); Pagoda has no softirqs and no I/O
 * waits, so "softirq" and procs_blocked are 0.
 */
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#include <linux/time.h>
#include <linux/init.h>
#include <linux/kernel_stat.h>
#include <asm/irq.h>
#include <asm/traps.h>

/* The order of the times on a "cpu" line (not enum cpu_usage_stat's). */
static const enum cpu_usage_stat cpu_line_order[NR_STATS] = {
	CPUTIME_USER, CPUTIME_NICE, CPUTIME_SYSTEM, CPUTIME_IDLE, CPUTIME_IOWAIT,
	CPUTIME_IRQ, CPUTIME_SOFTIRQ, CPUTIME_STEAL, CPUTIME_GUEST, CPUTIME_GUEST_NICE,
};

/* show_cpu - one "cpu" line: @name and the ten times in clock ticks. */
static void show_cpu(struct seq_file *p, const char *name)
{
	seq_puts(p, name);
	for (int i = 0; i < NR_STATS; i++)
		seq_printf(p, " %lu", nsec_to_clock_t(kcpustat.cpustat[cpu_line_order[i]]));
	seq_putc(p, '\n');
}

static int show_stat(struct seq_file *p, void *v)
{
	unsigned long sum = 0;
	u64 boot_ns = ktime_get_real_ns() - ktime_get_ns();

	show_cpu(p, "cpu ");
	show_cpu(p, "cpu0");
	for (int i = 0; i < NR_LEGACY_IRQS; i++)
		sum += irq_counts[i];
	seq_printf(p, "intr %lu", sum);
	for (int i = 0; i < NR_LEGACY_IRQS; i++)
		seq_printf(p, " %lu", irq_counts[i]);
	seq_printf(p, "\nctxt %lu\nbtime %llu\nprocesses %lu\nprocs_running %u\nprocs_blocked 0\n",
		   nr_context_switches, (unsigned long long)(boot_ns / NSEC_PER_SEC), total_forks,
		   nr_running());
	seq_puts(p, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
	return 0;
}

static int __init proc_stat_init(void)
{
	proc_create_single("stat", 0444, NULL, show_stat);
	return 0;
}
fs_initcall(proc_stat_init);
