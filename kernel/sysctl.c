// SPDX-License-Identifier: GPL-2.0
/*
 * sysctl.c - /proc/sys/kernel: the kernel's own tunables. Mirrors the
 * kern_table of kernel/sysctl.c (the handlers are in
 * kernel/fs/proc_sysctl.c).
 *
 * pid_max: PIDs are handed out below it (kernel/pid.c), 301 to 4194304.
 * tainted: the taint flags, 0 (Pagoda loads no modules and sets none); a
 * write adds its bits, as proc_taint() does.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/pid.h>
#include <linux/sysctl.h>
#include <linux/bug.h>

static unsigned long tainted_mask;	/* Linux: kernel/panic.c */
static int pid_max_min = RESERVED_PIDS + 1, pid_max_max = PID_MAX_LIMIT;

/* proc_taint - read the taint flags; a write ORs its value into them. */
static int proc_taint(const struct ctl_table *table, int write, char *buf, size_t *lenp)
{
	unsigned long tmptaint = tainted_mask;
	struct ctl_table t = { .data = &tmptaint, .maxlen = sizeof(tmptaint) };
	int err = proc_doulongvec_minmax(&t, write, buf, lenp);

	if (!err && write)
		tainted_mask |= tmptaint;
	return err;
}

static struct ctl_table kern_table[] = {
	{ .procname = "tainted", .maxlen = sizeof(long), .mode = 0644, .proc_handler = proc_taint },
	{ .procname = "pid_max", .data = &pid_max, .maxlen = sizeof(int), .mode = 0644,
	  .proc_handler = proc_dointvec_minmax, .extra1 = &pid_max_min, .extra2 = &pid_max_max },
};

static int __init kernel_sysctl_init(void)
{
	BUG_ON(register_sysctl("kernel", kern_table, ARRAY_SIZE(kern_table)));
	return 0;
}
fs_initcall(kernel_sysctl_init);
