// SPDX-License-Identifier: GPL-2.0
/*
 * proc_array.c - /proc/PID/stat, status, cmdline, environ and limits, in
 * Linux's formats. Mirrors fs/proc/array.c (do_task_stat(),
 * proc_pid_status()) and fs/proc/base.c's proc_pid_cmdline_read(),
 * environ_read() and proc_pid_limits().
 *
 * Every process runs as root (uid and gid 0). tty_nr is the controlling
 * terminal's device: the console, 5:1 (on Linux, TIOCSCTTY on /dev/console
 * gives the underlying ttyS0, 4:64); tpgid its foreground process group.
 * Times are in clock ticks of USER_HZ = 100, as in Linux.
 */
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#include <linux/tty.h>
#include <linux/mm.h>
#include <linux/fdtable.h>
#include <linux/bug.h>
#include <linux/time.h>
#include <linux/proc_views.h>
#include "proc_internal.h"

/* task_state_name - "R (running)"...: Linux's names for R, S, D, T, Z and X. */
static const char *task_state_name(struct task_struct *task)
{
	if (task->exit_state & EXIT_DEAD)
		return "X (dead)";
	if (task->exit_state & EXIT_ZOMBIE)
		return "Z (zombie)";
	switch (task_state(task)) {
	case TASK_RUNNING:
		return "R (running)";
	case TASK_INTERRUPTIBLE:
		return "S (sleeping)";
	case TASK_STOPPED:
		return "T (stopped)";
	default:
		return "D (disk sleep)";
	}
}

static pid_t task_ppid(struct task_struct *task)
{
	return task->real_parent ? task->real_parent->tgid : 0;
}

static int get_nr_threads(struct task_struct *task)
{
	return task->signal->nr_threads;
}

/* The signals the task ignores and catches, as sigset words. */
static void collect_sigign_sigcatch(struct task_struct *task, unsigned long *ign,
				    unsigned long *catch)
{
	*ign = *catch = 0;
	for (int sig = 1; sig <= _NSIG; sig++) {
		void *handler = task->sighand->action[sig - 1].sa.sa_handler;

		if (handler == (void *)1)
			*ign |= 1UL << (sig - 1);
		else if (handler)
			*catch |= 1UL << (sig - 1);
	}
}

/* /proc/PID/stat: 52 fields on one line (do_task_stat()). */
static int proc_pid_stat(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	unsigned long vsize = 0, rss = 0, ign, catch;
	unsigned long start_code = 0, end_code = 0, start_stack = 0, start_data = 0;
	unsigned long end_data = 0, start_brk = 0, arg_start = 0, arg_end = 0;
	unsigned long env_start = 0, env_end = 0;

	if (mm) {
		vsize = mm->total_vm << PAGE_SHIFT;
		rss = get_mm_rss(mm);
		start_code = mm->start_code;
		end_code = mm->end_code;
		start_stack = mm->start_stack;
		start_data = mm->start_data;
		end_data = mm->end_data;
		start_brk = mm->start_brk;
		arg_start = mm->arg_start;
		arg_end = mm->arg_end;
		env_start = mm->env_start;
		env_end = mm->env_end;
	}
	collect_sigign_sigcatch(task, &ign, &catch);
	seq_printf(m, "%d (%s) %c %d %d %d %u %d %u %lu 0 %lu 0 %lu %lu 0 0 %d %d %d 0 %lu ",
		   task->pid, task->comm, task_state_name(task)[0], task_ppid(task),
		   task->pgrp, task->session,
		   task->tty ? new_encode_dev(task->tty->dev) : 0,
		   task->tty && task->tty->pgrp ? task->tty->pgrp : -1, task->flags, task->min_flt, task->maj_flt,
		   nsec_to_clock_t(task->utime), nsec_to_clock_t(task->stime),
		   task->static_prio - 100, task_nice(task),	/* priority (Linux: task_prio()), nice */
		   get_nr_threads(task), nsec_to_clock_t(task->start_time));
	seq_printf(m, "%lu %lu %lu %lu %lu %lu 0 0 %lu %lu %lu %lu 0 0 0 %d 0 0 0 0 0 0 ",
		   vsize, rss, task_rlimit(task, RLIMIT_RSS), start_code, end_code, start_stack,
		   task->pending.signal.sig[0], task->blocked.sig[0], ign, catch, task->exit_signal);
	seq_printf(m, "%lu %lu %lu %lu %lu %lu %lu %d\n", start_data, end_data, start_brk,
		   arg_start, arg_end, env_start, env_end, task->exit_code);
	return 0;
}

/* /proc/PID/status: "Name:\tvalue" lines (proc_pid_status()). */
static int proc_pid_status(struct seq_file *m, struct task_struct *task)
{
	const struct cred *cred = &task->cred;
	unsigned long ign, catch;

	seq_printf(m, "Name:\t%s\n", task->comm);
	seq_printf(m, "Umask:\t%04o\n", task->fs ? task->fs->umask : 0022);
	seq_printf(m, "State:\t%s\n", task_state_name(task));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		   task->tgid, task->pid, task_ppid(task));
	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", cred->uid, cred->euid,
		   cred->suid, cred->fsuid, cred->gid, cred->egid, cred->sgid, cred->fsgid);
	seq_printf(m, "FDSize:\t%u\nGroups:\t", task->files ? task->files->fdt->max_fds : 0);
	for (int i = 0; i < cred->group_info->ngroups; i++)
		seq_printf(m, "%u ", cred->group_info->gid[i]);
	seq_puts(m, "\n");
	if (task->mm)
		task_mem(m, task->mm);	/* the Vm* lines: mm/proc_task_mmu.c */
	collect_sigign_sigcatch(task, &ign, &catch);
	seq_printf(m, "Threads:\t%d\n", get_nr_threads(task));
	seq_printf(m, "SigQ:\t0/%lu\n", task_rlimit(task, RLIMIT_SIGPENDING));
	seq_printf(m, "SigPnd:\t%016lx\nShdPnd:\t%016lx\n", task->pending.signal.sig[0],
		   task->signal->shared_pending.signal.sig[0]);
	seq_printf(m, "SigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
		   task->blocked.sig[0], ign, catch);
	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\nCapBnd:\t%016llx\n"
		   "CapAmb:\t%016llx\n", (unsigned long long)cred->cap_inheritable,
		   (unsigned long long)cred->cap_permitted, (unsigned long long)cred->cap_effective,
		   CAP_FULL_SET, 0ULL);
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		   task->nvcsw, task->nivcsw);
	return 0;
}

/* show_user_range - the bytes [@pos, @end) of @task's memory, as far as they can be read. */
static int show_user_range(struct seq_file *m, struct task_struct *task, unsigned long pos,
			   unsigned long end)
{
	char chunk[256];

	while (pos < end) {
		int n = min_t(unsigned long, sizeof(chunk), end - pos);
		int got = access_process_vm(task, pos, chunk, n, 0);

		if (got <= 0)
			break;
		seq_write(m, chunk, got);
		pos += got;
	}
	return 0;
}

/*
 * /proc/PID/cmdline: the argument strings as they are in the process's
 * memory, NUL-separated (empty for kernel threads and zombies).
 */
static int proc_pid_cmdline(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;

	return mm ? show_user_range(m, task, mm->arg_start, mm->arg_end) : 0;
}

/* /proc/PID/environ: the environment strings, the same way (mode 0400). */
static int proc_pid_environ(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;

	return mm ? show_user_range(m, task, mm->env_start, mm->env_end) : 0;
}

static const struct {
	const char *name, *unit;
} lnames[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { "Max cpu time", "seconds" },
	[RLIMIT_FSIZE] = { "Max file size", "bytes" },
	[RLIMIT_DATA] = { "Max data size", "bytes" },
	[RLIMIT_STACK] = { "Max stack size", "bytes" },
	[RLIMIT_CORE] = { "Max core file size", "bytes" },
	[RLIMIT_RSS] = { "Max resident set", "bytes" },
	[RLIMIT_NPROC] = { "Max processes", "processes" },
	[RLIMIT_NOFILE] = { "Max open files", "files" },
	[RLIMIT_MEMLOCK] = { "Max locked memory", "bytes" },
	[RLIMIT_AS] = { "Max address space", "bytes" },
	[RLIMIT_LOCKS] = { "Max file locks", "locks" },
	[RLIMIT_SIGPENDING] = { "Max pending signals", "signals" },
	[RLIMIT_MSGQUEUE] = { "Max msgqueue size", "bytes" },
	[RLIMIT_NICE] = { "Max nice priority", NULL },
	[RLIMIT_RTPRIO] = { "Max realtime priority", NULL },
	[RLIMIT_RTTIME] = { "Max realtime timeout", "us" },
};

/* show_limit - one column of /proc/PID/limits: the value or "unlimited". */
static void show_limit(struct seq_file *m, unsigned long value)
{
	if (value == RLIM_INFINITY)
		seq_printf(m, "%-20s ", "unlimited");
	else
		seq_printf(m, "%-20lu ", value);
}

/* /proc/PID/limits: a table of the soft and hard resource limits. */
static int proc_pid_limits(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		seq_printf(m, "%-25s ", lnames[i].name);
		show_limit(m, task->rlim[i].rlim_cur);
		show_limit(m, task->rlim[i].rlim_max);
		if (lnames[i].unit)
			seq_printf(m, "%-10s\n", lnames[i].unit);
		else
			seq_putc(m, '\n');
	}
	return 0;
}

/* proc_array_init - the first three files of every /proc/PID. */
void proc_array_init(void)
{
	BUG_ON(proc_pid_register("stat", 0444, proc_pid_stat));
	BUG_ON(proc_pid_register("status", 0444, proc_pid_status));
	BUG_ON(proc_pid_register("cmdline", 0444, proc_pid_cmdline));
	BUG_ON(proc_pid_register("environ", 0400, proc_pid_environ));
	BUG_ON(proc_pid_register("limits", 0444, proc_pid_limits));
}
