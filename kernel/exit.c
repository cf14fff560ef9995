// SPDX-License-Identifier: GPL-2.0
/*
 * exit.c - how tasks end and are reaped. Mirrors kernel/exit.c.
 *
 * do_exit() releases what the task holds (address space, files, fs),
 * hands its children to init, and becomes a zombie that keeps only its
 * task_struct, PID and exit code, then schedules away for the last time.
 * The parent collects the code with wait4(), which releases the zombie
 * (release_task). A parent that ignores SIGCHLD (kthreadd does) never
 * waits: its children are released at once ("autoreap").
 *
 * Exit status encoding, as wait4() reports it: (code << 8) for exit(code),
 * the signal number for a death by signal.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched_task.h>
#include <linux/mm.h>
#include <linux/mm_verify.h>
#include <linux/mmu_context.h>
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/pid.h>
#include <linux/signal.h>
#include <linux/tty.h>
#include <linux/completion.h>
#include <linux/uaccess.h>
#include <linux/resource.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/errno.h>

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WCONTINUED	0x00000008
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

/* exit_mm - let go of the address space; keep it as active_mm until the switch. */
static void exit_mm(void)
{
	struct mm_struct *mm = current->mm;

	if (!mm)
		return;
	setmax_mm_hiwater_rss(&current->maxrss, mm);
	mm_release(current, mm);
	mmgrab(mm);			/* dropped by finish_task_switch() */
	current->mm = NULL;
	mmput(mm);
}

/* forget_original_parent - init adopts the exiting task's children. */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *p, *n;
	bool zombies = false;

	list_for_each_entry_safe(p, n, &father->children, sibling) {
		if (p->pdeath_signal && !p->exit_state)
			send_sig(p->pdeath_signal, p, 0);	/* prctl(PR_SET_PDEATHSIG) */
		p->real_parent = child_reaper;
		list_move_tail(&p->sibling, &child_reaper->children);
		zombies |= p->exit_state == EXIT_ZOMBIE;
	}
	if (zombies)
		wake_up_interruptible(&child_reaper->wait_chldexit);
}

/* release_task - the zombie is gone: free its PID and task_struct. */
static void release_task(struct task_struct *p)
{
	p->exit_state = EXIT_DEAD;
	flush_sigqueue(&p->pending);
	free_pid(p);
	list_del_init(&p->tasks);
	list_del_init(&p->sibling);
	put_task_struct(p);
}

static bool parent_ignores_sigchld(struct task_struct *parent)
{
	return parent->sighand[SIGCHLD - 1].sa.sa_handler == SIG_IGN;
}

/*
 * exit_notify - become a zombie and tell the parent, or be reaped at once.
 * Either way the parent is woken (Linux's do_notify_parent()): one
 * sleeping in wait4() for a child that is reaped at once sees -ECHILD.
 */
static void exit_notify(struct task_struct *tsk)
{
	struct task_struct *parent = tsk->real_parent;

	forget_original_parent(tsk);
	if (tsk->exit_signal < 0 || parent_ignores_sigchld(parent)) {
		release_task(tsk);	/* the scheduler still holds a reference */
	} else {
		tsk->exit_state = EXIT_ZOMBIE;
		if (tsk->exit_signal)
			do_notify_parent(tsk, tsk->exit_signal);
	}
	wake_up_interruptible(&parent->wait_chldexit);
}

/* init_exited - PID 1 ended: report its status and stop the machine. */
static __noreturn void init_exited(long code)
{
	int status = (code >> 8) & 0xff, sig = code & 0x7f;

	if (sig)
		pr_emerg("Kernel panic - not syncing: Attempted to kill init! exitcode=0x%08lx\n",
			 code);
	else
		pr_notice("init exited with status %d: powering off\n", status);
	machine_power_off(sig ? 128 + sig : status);
}

/**
 * do_exit - end the current task
 * @code: its wait status (see the file comment)
 */
void do_exit(long code)
{
	struct task_struct *tsk = current;

	BUG_ON(tsk->flags & PF_IDLE);
	if (tsk->flags & PF_EXITING) {
		pr_alert("Fixing recursive fault but reboot is needed!\n");
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
	}
	tsk->flags |= PF_EXITING;
	tsk->exit_code = code;
	if (tsk == child_reaper)
		init_exited(code);
	disassociate_ctty();
	exit_mm();
	exit_files(tsk);
	exit_fs(tsk);
	if (tsk->kthread_exited)
		complete(tsk->kthread_exited);
	exit_notify(tsk);
	if (mm_verify_enabled)
		mm_verify();

	local_irq_disable();
	tsk->__state = TASK_DEAD;
	schedule();
	BUG();			/* a dead task never runs again */
	for (;;)
		;
}

SYSCALL_DEFINE1(exit, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_exit((error_code & 0xff) << 8);
}

/* Does child @p match wait4()'s @pid argument? (process groups: any child) */
static bool eligible_child(pid_t pid, struct task_struct *p)
{
	return pid > 0 ? p->pid == pid : true;
}

/* account_reaped_child - the parent's RUSAGE_CHILDREN gains @p's usage and its children's. */
static void account_reaped_child(struct task_struct *parent, struct task_struct *p)
{
	parent->cutime += p->utime + p->cutime;
	parent->cstime += p->stime + p->cstime;
	parent->cmin_flt += p->min_flt + p->cmin_flt;
	parent->cmaj_flt += p->maj_flt + p->cmaj_flt;
	parent->cnvcsw += p->nvcsw + p->cnvcsw;
	parent->cnivcsw += p->nivcsw + p->cnivcsw;
	parent->cmaxrss = max(parent->cmaxrss, max(p->maxrss, p->cmaxrss));
}

/* wait_task_zombie - collect @p's status (and reap it) for wait4(). */
static long wait_task_zombie(struct task_struct *p, int __user *stat_addr,
			     struct rusage __user *ru)
{
	struct rusage r;
	pid_t pid = p->pid;

	if (stat_addr && put_user(p->exit_code, stat_addr))
		return -EFAULT;
	if (ru) {
		getrusage(p, RUSAGE_BOTH, &r);
		if (copy_to_user(ru, &r, sizeof(r)))
			return -EFAULT;
	}
	account_reaped_child(current, p);
	release_task(p);
	return pid;
}

/**
 * do_wait - wait4()'s loop
 * @pid: > 0 that child; -1 or <= 0 any child (no process groups here)
 * @stat_addr: where the status goes, or NULL
 * @options: WNOHANG (return 0 instead of sleeping)
 * @ru: the child's resource usage, or NULL
 *
 * Return: the reaped child's PID, 0 (WNOHANG, none ready), -ECHILD (no
 * such child), -ERESTARTSYS (a signal came), -EFAULT.
 */
static long do_wait(pid_t pid, int __user *stat_addr, int options, struct rusage __user *ru)
{
	wait_queue_entry_t wait = { .task = current, .entry = LIST_HEAD_INIT(wait.entry) };
	struct task_struct *p;
	long ret;

	for (;;) {
		bool have_child = false;

		prepare_to_wait(&current->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		ret = 0;
		list_for_each_entry(p, &current->children, sibling) {
			if (!eligible_child(pid, p))
				continue;
			have_child = true;
			if (p->exit_state == EXIT_ZOMBIE) {
				ret = wait_task_zombie(p, stat_addr, ru);
				goto out;
			}
		}
		ret = -ECHILD;
		if (!have_child)
			goto out;
		ret = 0;
		if (options & WNOHANG)
			goto out;
		ret = -ERESTARTSYS;
		if (signal_pending(current))
			goto out;
		schedule();
	}
out:
	finish_wait(&current->wait_chldexit, &wait);
	return ret;
}

SYSCALL_DEFINE4(wait4, pid_t, upid, int __user *, stat_addr, int, options,
		struct rusage __user *, ru)
{
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE))
		return -EINVAL;
	if (upid == INT_MIN)
		return -ESRCH;
	return do_wait(upid, stat_addr, options, ru);
}
