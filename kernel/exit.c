// SPDX-License-Identifier: GPL-2.0
/*
 * exit.c - how tasks end and are reaped. Mirrors kernel/exit.c.
 *
 * do_exit() releases what the task holds (a session leader's controlling
 * terminal, address space, files, fs), hands its children to init, and becomes a zombie that keeps only its
 * task_struct, PID and exit code, then schedules away for the last time.
 * The parent collects the code with wait4(), which releases the zombie
 * (release_task). A parent that ignores SIGCHLD (kthreadd does) never
 * waits: its children are released at once ("autoreap").
 *
 * Threads: exit() ends one thread, exit_group() and fatal signals the
 * whole process (do_group_exit(): the other threads get SIGKILL). A
 * thread other than the leader is released as soon as it exits; the
 * group leader stays a zombie until the last thread is gone, and only
 * then is its parent told and may reap the process (delay_group_leader).
 *
 * Exit status encoding, as wait4() reports it: (code << 8) for exit(code),
 * the signal number for a death by signal; with WUNTRACED a stopped
 * child once as 0x7f | (signal << 8), with WCONTINUED a continued one
 * once as 0xffff (wait_task_stopped(), wait_task_continued()).
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

/* find_alive_thread - a thread of @p's process that is not exiting, or NULL. */
static struct task_struct *find_alive_thread(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t)
		if (!(t->flags & PF_EXITING))
			return t;
	return NULL;
}

/*
 * forget_original_parent - another thread of the process, or else init,
 * adopts the exiting task's children.
 */
static void forget_original_parent(struct task_struct *father)
{
	struct task_struct *p, *n, *reaper = find_alive_thread(father);
	bool zombies = false;

	if (!reaper)
		reaper = child_reaper;
	list_for_each_entry_safe(p, n, &father->children, sibling) {
		if (p->pdeath_signal && !p->exit_state)
			send_sig(p->pdeath_signal, p, 0);	/* prctl(PR_SET_PDEATHSIG) */
		p->real_parent = reaper;
		list_move_tail(&p->sibling, &reaper->children);
		zombies |= p->exit_state == EXIT_ZOMBIE;
	}
	if (zombies)
		wake_up_interruptible(&reaper->signal->wait_chldexit);
}

/*
 * __exit_signal - @p leaves its process's thread list and signal actions;
 * the process keeps its usage, and the last thread takes the process's
 * pending signals along.
 */
static void __exit_signal(struct task_struct *p)
{
	struct signal_struct *sig = p->signal;

	list_del_init(&p->thread_node);
	if (--sig->nr_threads) {
		sig->utime += p->utime;
		sig->stime += p->stime;
		sig->nvcsw += p->nvcsw;
		sig->nivcsw += p->nivcsw;
		sig->min_flt += p->min_flt;
		sig->maj_flt += p->maj_flt;
		sig->maxrss = max(sig->maxrss, p->maxrss);
	} else {
		flush_sigqueue(&sig->shared_pending);
	}
	__cleanup_sighand(p->sighand);
	p->sighand = NULL;
	if (sig->group_exec_task)
		wake_up_process(sig->group_exec_task);	/* de_thread() counts the threads */
}

/*
 * release_task - the zombie (or an exited thread) is gone: free its PID
 * and task_struct. When the last thread goes, its zombie leader's parent
 * is told, and a leader nobody waits for is released too.
 */
void release_task(struct task_struct *p)
{
	struct task_struct *leader;

repeat:
	p->exit_state = EXIT_DEAD;
	__exit_signal(p);
	flush_sigqueue(&p->pending);
	free_pid(p);
	list_del_init(&p->tasks);
	list_del_init(&p->sibling);
	leader = p->group_leader;
	put_task_struct(p);
	if (leader != p && thread_group_empty(leader) && leader->exit_state == EXIT_ZOMBIE &&
	    do_notify_parent(leader, leader->exit_signal)) {
		p = leader;
		goto repeat;
	}
}

/*
 * exit_notify - become a zombie and tell the parent, or be released at
 * once: a thread always (nobody waits for it), a leader whose parent
 * ignores SIGCHLD. A leader with threads left stays a silent zombie.
 */
static void exit_notify(struct task_struct *tsk)
{
	bool autoreap;

	forget_original_parent(tsk);
	tsk->exit_state = EXIT_ZOMBIE;
	if (!thread_group_leader(tsk))
		autoreap = true;
	else if (thread_group_empty(tsk))
		autoreap = tsk->exit_signal < 0 || do_notify_parent(tsk, tsk->exit_signal);
	else
		autoreap = false;
	if (autoreap)
		release_task(tsk);	/* the scheduler still holds a reference */
	else if (tsk->signal->group_exec_task)
		wake_up_process(tsk->signal->group_exec_task);
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
	bool group_dead;

	BUG_ON(tsk->flags & PF_IDLE);
	if (tsk->flags & PF_EXITING) {
		pr_alert("Fixing recursive fault but reboot is needed!\n");
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule();
	}
	tsk->flags |= PF_EXITING;
	group_dead = atomic_dec_and_test(&tsk->signal->live);
	tsk->exit_code = code;
	if (tsk == child_reaper)
		init_exited(code);
	if (group_dead) {
		exit_itimers(tsk->signal);
		disassociate_ctty();
	}
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

/**
 * do_group_exit - end every thread of the process
 * @exit_code: the wait status, unless the process is already exiting
 *	       (then its first status wins)
 *
 * The other threads are sent SIGKILL and die on their way back to user
 * mode (get_signal()). A thread that execve()'s de_thread() killed just
 * exits.
 */
void do_group_exit(int exit_code)
{
	struct signal_struct *sig = current->signal;

	if (sig->flags & SIGNAL_GROUP_EXIT) {
		exit_code = sig->group_exit_code;
	} else if (sig->group_exec_task) {
		exit_code = 0;
	} else {
		sig->group_exit_code = exit_code;
		sig->flags = SIGNAL_GROUP_EXIT;
		zap_other_threads(current);
	}
	do_exit(exit_code);
}

SYSCALL_DEFINE1(exit_group, int, error_code)
{
	do_group_exit((error_code & 0xff) << 8);
}

/*
 * eligible_child - does child @p match wait4()'s @pid: that pid (> 0), any
 * child (-1), the caller's process group (0) or group -@pid (< -1)?
 */
static bool eligible_child(pid_t pid, struct task_struct *p)
{
	if (pid > 0)
		return p->pid == pid;
	if (pid == -1)
		return true;
	return p->pgrp == (pid ? -pid : current->pgrp);
}

/*
 * account_reaped_child - the parent's RUSAGE_CHILDREN gains the usage of
 * @p's process (its leader @p is its last thread now) and its children's.
 */
static void account_reaped_child(struct task_struct *parent, struct task_struct *p)
{
	struct signal_struct *psig = parent->signal, *sig = p->signal;

	psig->cutime += p->utime + sig->utime + sig->cutime;
	psig->cstime += p->stime + sig->stime + sig->cstime;
	psig->cmin_flt += p->min_flt + sig->min_flt + sig->cmin_flt;
	psig->cmaj_flt += p->maj_flt + sig->maj_flt + sig->cmaj_flt;
	psig->cnvcsw += p->nvcsw + sig->nvcsw + sig->cnvcsw;
	psig->cnivcsw += p->nivcsw + sig->nivcsw + sig->cnivcsw;
	psig->cmaxrss = max(psig->cmaxrss, max(max(p->maxrss, sig->maxrss), sig->cmaxrss));
}

/* wait_report - wait4() reports @status and the usage of live child @p. */
static long wait_report(struct task_struct *p, int status, int __user *stat_addr,
			struct rusage __user *ru)
{
	struct rusage r;

	if (stat_addr && put_user(status, stat_addr))
		return -EFAULT;
	if (ru) {
		getrusage(p, RUSAGE_BOTH, &r);
		if (copy_to_user(ru, &r, sizeof(r)))
			return -EFAULT;
	}
	return p->pid;
}

/* wait_task_zombie - collect @p's status (and reap it) for wait4(). */
static long wait_task_zombie(struct task_struct *p, int __user *stat_addr,
			     struct rusage __user *ru)
{
	int status = (p->signal->flags & SIGNAL_GROUP_EXIT) ? p->signal->group_exit_code :
							       p->exit_code;
	long ret = wait_report(p, status, stat_addr, ru);

	if (ret < 0)
		return ret;
	account_reaped_child(current, p);
	release_task(p);
	return ret;
}

/*
 * wait_task_stopped - WUNTRACED: @p's process stopped and that was not
 * reported yet (the stop signal is kept in group_exit_code until then).
 * Return: @p's PID, 0 if there is nothing to report, -EFAULT.
 */
static long wait_task_stopped(struct task_struct *p, int __user *stat_addr,
			      struct rusage __user *ru)
{
	struct signal_struct *sig = p->signal;
	int code = sig->group_exit_code;

	if (!(sig->flags & SIGNAL_STOP_STOPPED) || !code)
		return 0;
	sig->group_exit_code = 0;
	return wait_report(p, (code << 8) | 0x7f, stat_addr, ru);
}

/* wait_task_continued - WCONTINUED: @p's process was continued since it stopped (once). */
static long wait_task_continued(struct task_struct *p, int __user *stat_addr,
				struct rusage __user *ru)
{
	if (!(p->signal->flags & SIGNAL_STOP_CONTINUED))
		return 0;
	p->signal->flags &= ~SIGNAL_STOP_CONTINUED;
	return wait_report(p, 0xffff, stat_addr, ru);
}

/*
 * delay_group_leader - @p is a zombie leader whose process still has
 * other threads: not to be reaped yet.
 */
static bool delay_group_leader(struct task_struct *p)
{
	return thread_group_leader(p) && !thread_group_empty(p);
}

/**
 * do_wait - wait4()'s loop: the children of every thread of the process
 * @pid: > 0 that child; -1 any child; 0 a child in the caller's process
 *	 group, < -1 one in group -@pid (eligible_child())
 * @stat_addr: where the status goes, or NULL
 * @options: WNOHANG (return 0 instead of sleeping), WUNTRACED (stopped
 *	     children too), WCONTINUED (continued children too)
 * @ru: the child's resource usage, or NULL
 *
 * Return: the reaped (or stopped, continued) child's PID, 0 (WNOHANG, none ready), -ECHILD (no
 * such child), -ERESTARTSYS (a signal came), -EFAULT.
 */
static long do_wait(pid_t pid, int __user *stat_addr, int options, struct rusage __user *ru)
{
	wait_queue_entry_t wait = { .task = current, .entry = LIST_HEAD_INIT(wait.entry) };
	wait_queue_head_t *wq = &current->signal->wait_chldexit;
	struct task_struct *p, *t;
	long ret;

	for (;;) {
		bool have_child = false;

		prepare_to_wait(wq, &wait, TASK_INTERRUPTIBLE);
		ret = 0;
		for_each_thread(current, t) {
			list_for_each_entry(p, &t->children, sibling) {
				if (!eligible_child(pid, p))
					continue;
				have_child = true;
				if (p->exit_state == EXIT_ZOMBIE && !delay_group_leader(p)) {
					ret = wait_task_zombie(p, stat_addr, ru);
					goto out;
				}
				if (p->exit_state)
					continue;
				ret = (options & WUNTRACED) ? wait_task_stopped(p, stat_addr, ru) : 0;
				if (!ret && (options & WCONTINUED))
					ret = wait_task_continued(p, stat_addr, ru);
				if (ret)
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
	finish_wait(wq, &wait);
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
