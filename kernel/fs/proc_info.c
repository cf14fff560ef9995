// SPDX-License-Identifier: GPL-2.0
/*
 * proc_info.c - the small system files of /proc: uptime, loadavg, version
 * and cpuinfo. Mirrors fs/proc/uptime.c, loadavg.c, version.c and
 * arch/x86/kernel/cpu/proc.c.
 *
 * cpuinfo describes the one CPU from what arch/x86_64/cpu.c read with
 * CPUID; its flags are the features Pagoda looks at (Linux names a few
 * hundred), and it has no microcode, cache size or bugs lines.
 */
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#include <linux/time.h>
#include <linux/init.h>
#include <linux/utsname.h>
#include <linux/kernel_stat.h>
#include <asm/cpufeature.h>
#include <asm/timer.h>

extern pid_t last_pid;		/* kernel/pid.c */

/* /proc/uptime: seconds since boot and seconds idle, to hundredths. */
static int uptime_proc_show(struct seq_file *m, void *v)
{
	u64 up = ktime_get_ns(), idle = kcpustat.cpustat[CPUTIME_IDLE];

	seq_printf(m, "%lu.%02lu %lu.%02lu\n", (unsigned long)(up / NSEC_PER_SEC),
		   (unsigned long)(up % NSEC_PER_SEC / (NSEC_PER_SEC / 100)),
		   (unsigned long)(idle / NSEC_PER_SEC),
		   (unsigned long)(idle % NSEC_PER_SEC / (NSEC_PER_SEC / 100)));
	return 0;
}

/* /proc/loadavg: the three averages, running/all tasks, the last pid given out. */
static int loadavg_proc_show(struct seq_file *m, void *v)
{
	struct task_struct *p;
	int threads = 0;

	for_each_process(p)
		threads += p->pid != 0;
	for (int i = 0; i < 3; i++) {
		unsigned long avg = avenrun[i] + FIXED_1 / 200;	/* rounded to hundredths */

		seq_printf(m, "%lu.%02lu ", LOAD_INT(avg), LOAD_FRAC(avg));
	}
	seq_printf(m, "%u/%d %d\n", nr_running(), threads, last_pid);
	return 0;
}

/* /proc/version: the banner, from the system's names. */
static int version_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s version %s (gcc version " __VERSION__ ") %s\n", utsname()->sysname,
		   utsname()->release, utsname()->version);
	return 0;
}

/* /proc/cpuinfo: the fields of Linux's show_cpuinfo() that Pagoda knows. */
static int cpuinfo_proc_show(struct seq_file *m, void *v)
{
	const struct cpuinfo_x86 *c = &boot_cpu_data;

	seq_printf(m, "processor\t: 0\nvendor_id\t: %s\ncpu family\t: %u\nmodel\t\t: %u\n"
		   "model name\t: %s\nstepping\t: %u\n", c->vendor_id, c->family, c->model,
		   c->model_id[0] ? c->model_id : "unknown", c->stepping);
	seq_printf(m, "cpu MHz\t\t: %lu.%03lu\n", tsc_khz / 1000, tsc_khz % 1000);
	seq_puts(m, "physical id\t: 0\nsiblings\t: 1\ncore id\t\t: 0\ncpu cores\t: 1\n"
		 "apicid\t\t: 0\ninitial apicid\t: 0\nfpu\t\t: yes\nfpu_exception\t: yes\n");
	seq_printf(m, "cpuid level\t: %u\nwp\t\t: yes\nflags\t\t:", c->max_leaf);
	for (int f = 0; f < NR_X86_FEATURES; f++)
		if (boot_cpu_has(f))
			seq_printf(m, " %s", x86_feature_names[f]);
	seq_printf(m, "\nbogomips\t: %lu.%02lu\n", tsc_khz * 2 / 1000, tsc_khz * 2 / 10 % 100);
	seq_printf(m, "clflush size\t: 64\ncache_alignment\t: 64\n"
		   "address sizes\t: %u bits physical, %u bits virtual\npower management:\n\n",
		   c->phys_bits, c->virt_bits);
	return 0;
}

static int __init proc_info_init(void)
{
	proc_create_single("uptime", 0444, NULL, uptime_proc_show);
	proc_create_single("loadavg", 0444, NULL, loadavg_proc_show);
	proc_create_single("version", 0444, NULL, version_proc_show);
	proc_create_single("cpuinfo", 0444, NULL, cpuinfo_proc_show);
	return 0;
}
fs_initcall(proc_info_init);
