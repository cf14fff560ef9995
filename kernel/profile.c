// SPDX-License-Identifier: GPL-2.0
/*
 * profile.c - the classic sampling profiler. Mirrors kernel/profile.c.
 *
 * profile=N on the command line turns it on: every timer tick that
 * interrupts the kernel adds one hit to the counter of the interrupted
 * instruction's address, counters being 2^N bytes of kernel text each
 * (prof_buffer[(ip - _text) >> N]). /proc/profile reads as Linux's: one
 * unsigned int with the step 2^N, then the counters (unsigned ints), the
 * format util-linux's readprofile reads; writing to it resets the counters.
 * tools/readprofile names the hottest functions (README.md "Profiling").
 *
 * Pagoda profiles CPU time only (no profile=schedule or kvm) and from
 * _text rather than _stext (the .head.text in between is a few bytes).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/profile.h>
#include <linux/proc_fs.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <asm/irq.h>
#include <asm/ptrace.h>
#include <asm/sections.h>

atomic_t *prof_buffer;
unsigned long prof_len;
unsigned short prof_shift;

int prof_on;

static int __init profile_setup(char *str)
{
	unsigned long par = simple_strtoul(str, NULL, 0);

	prof_shift = min(par, (unsigned long)BITS_PER_LONG - 1);
	prof_on = CPU_PROFILING;
	pr_info("kernel profiling enabled (shift: %u)\n", prof_shift);
	return 1;
}
__setup("profile=", profile_setup);

/**
 * profile_init - allocate the counters if profile= asked for them
 *
 * Called by start_kernel() once vmalloc works. Linux tries kzalloc(),
 * alloc_pages_exact() and vzalloc() in turn; one counter per 2^shift bytes
 * of text is hundreds of KiB at small shifts, so Pagoda takes vmalloc().
 */
int profile_init(void)
{
	unsigned long bytes;

	if (!prof_on)
		return 0;
	prof_len = (_etext - _text) >> prof_shift;
	if (!prof_len) {
		pr_warn("profiling shift: %u too large\n", prof_shift);
		prof_on = 0;
		return -EINVAL;
	}
	bytes = prof_len * sizeof(atomic_t);
	prof_buffer = vmalloc(bytes);
	if (!prof_buffer) {
		prof_on = 0;
		return -ENOMEM;
	}
	memset(prof_buffer, 0, bytes);
	return 0;
}

static void profile_hit(int type, unsigned long ip)
{
	unsigned long pc = (ip - (unsigned long)_text) >> prof_shift;

	if (prof_on == type && prof_buffer && pc < prof_len)
		atomic_inc(&prof_buffer[pc]);
}

/**
 * profile_tick - one sample, from the timer interrupt
 * @type: CPU_PROFILING
 *
 * Only kernel time is sampled: a tick that interrupted user mode counts
 * nowhere (as in Linux's "old kernel-only legacy profiling").
 */
void profile_tick(int type)
{
	struct pt_regs *regs = get_irq_regs();

	if (!user_mode(regs))
		profile_hit(type, regs->ip);
}

/* read_profile - the step, then the counters, from *ppos on (binary). */
static ssize_t read_profile(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	unsigned int sample_step = 1U << prof_shift;
	unsigned long size = (prof_len + 1) * sizeof(unsigned int);
	unsigned long p = *ppos, done = 0;

	if (p >= size)
		return 0;
	count = min(count, size - p);
	if (p < sizeof(unsigned int)) {
		done = min(count, sizeof(unsigned int) - p);
		if (copy_to_user(buf, (char *)&sample_step + p, done))
			return -EFAULT;
	}
	if (count > done &&
	    copy_to_user(buf + done, (char *)prof_buffer + p + done - sizeof(unsigned int),
			 count - done))
		return -EFAULT;
	*ppos += count;
	return count;
}

/* write_profile - any write resets the counters. */
static ssize_t write_profile(struct file *file, const char __user *buf, size_t count,
			     loff_t *ppos)
{
	memset(prof_buffer, 0, prof_len * sizeof(atomic_t));
	return count;
}

static const struct proc_ops profile_proc_ops = {
	.proc_read = read_profile,
	.proc_write = write_profile,
};

/* create_proc_profile - /proc/profile, only when profiling is on (as in Linux). */
static int __init create_proc_profile(void)
{
	if (prof_on)
		proc_create("profile", 0644, NULL, &profile_proc_ops);
	return 0;
}
subsys_initcall(create_proc_profile);
