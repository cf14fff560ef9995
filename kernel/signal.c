// SPDX-License-Identifier: GPL-2.0
/*
 * signal.c - sending signals and acting on them. Mirrors kernel/signal.c
 * and kernel/entry/common.c (exit_to_user_mode_loop).
 *
 * A signal sent to a thread (tkill, a fault) is recorded in its pending
 * set, one sent to a process (kill, SIGCHLD, SIGPIPE, the terminal's) in
 * the shared pending set of its signal_struct, each with a sigqueue entry
 * holding its siginfo (unless it would be ignored anyway); then a thread
 * that does not block it is woken if it sleeps interruptibly
 * (complete_signal). The actions live in the sighand_struct all threads
 * share. A signal whose default action terminates kills the whole
 * process: every thread finds SIGKILL pending, at once when it is sent
 * (complete_signal) or, for one that dumps core, when a thread takes it
 * (do_group_exit()). The task acts on it on its way back
 * to user mode: the default action terminates it (the wait status is the
 * signal number), stops the whole process (SIGSTOP, SIGTSTP, SIGTTIN,
 * SIGTTOU: do_signal_stop(), until SIGCONT or SIGKILL) or does nothing
 * (SIGCHLD, SIGCONT, SIGURG, SIGWINCH). The parent learns of a stop and a
 * continue by SIGCHLD (CLD_STOPPED, CLD_CONTINUED) and wait4().
 * rt_sigaction() and rt_sigprocmask() store and report handlers and masks
 * exactly as Linux does. A signal with a user handler runs it through a
 * signal frame (arch/x86_64/signal.c), on the sigaltstack() stack if the
 * handler asks. rt_sigsuspend() and pause() sleep until a signal comes.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <linux/pid.h>
#include <linux/coredump.h>
#include <asm/irqflags.h>
#include <asm/traps.h>

#define SIG_KERNEL_ONLY_MASK	((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)))
#define SIG_KERNEL_IGNORE_MASK	((1UL << (SIGCHLD - 1)) | (1UL << (SIGCONT - 1)) | \
				 (1UL << (SIGURG - 1)) | (1UL << (SIGWINCH - 1)))
#define SIG_KERNEL_STOP_MASK	((1UL << (SIGSTOP - 1)) | (1UL << (SIGTSTP - 1)) | \
				 (1UL << (SIGTTIN - 1)) | (1UL << (SIGTTOU - 1)))
#define SIG_KERNEL_COREDUMP_MASK ((1UL << (SIGQUIT - 1)) | (1UL << (SIGILL - 1)) | \
				 (1UL << (SIGTRAP - 1)) | (1UL << (SIGABRT - 1)) | \
				 (1UL << (SIGFPE - 1)) | (1UL << (SIGSEGV - 1)) | \
				 (1UL << (SIGBUS - 1)) | (1UL << (SIGSYS - 1)) | \
				 (1UL << (SIGXCPU - 1)) | (1UL << (SIGXFSZ - 1)))

static struct kmem_cache *sigqueue_cachep;

static bool valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

static struct sigaction *task_sigaction(struct task_struct *t, int sig)
{
	return &t->sighand->action[sig - 1].sa;
}

static bool sig_in_mask(int sig, unsigned long mask)
{
	return mask & (1UL << (sig - 1));
}

/* signals_init - the cache of queued signals (struct sigqueue). */
void signals_init(void)
{
	sigqueue_cachep = kmem_cache_create("sigqueue", sizeof(struct sigqueue), 0,
					    SLAB_PANIC, NULL);
}

void init_sigpending(struct sigpending *pending)
{
	INIT_LIST_HEAD(&pending->list);
	sigemptyset(&pending->signal);
}

/* flush_sigqueue_mask - forget the pending instances of the signals in @mask. */
static void flush_sigqueue_mask(unsigned long mask, struct sigpending *pending)
{
	struct sigqueue *q, *n;
	unsigned long flags;

	local_irq_save(flags);		/* the terminal's ^C sends from its interrupt */
	pending->signal.sig[0] &= ~mask;
	list_for_each_entry_safe(q, n, &pending->list, list) {
		if (sig_in_mask(q->info.si_signo, mask)) {
			list_del(&q->list);
			kmem_cache_free(sigqueue_cachep, q);
		}
	}
	local_irq_restore(flags);
}

/* flush_sigqueue - the task is released: drop everything still pending. */
void flush_sigqueue(struct sigpending *pending)
{
	flush_sigqueue_mask(~0UL, pending);
}

/*
 * signal_pending - has @p, or its process, a pending signal @p does not
 * block? Or is its process stopping (it must stop on its way out)?
 */
bool signal_pending(struct task_struct *p)
{
	unsigned long pending = p->pending.signal.sig[0] | p->signal->shared_pending.signal.sig[0];

	return (pending & ~(p->blocked.sig[0] & ~SIG_KERNEL_ONLY_MASK)) ||
	       (p->jobctl & JOBCTL_STOP_PENDING);
}

/* flush_group_sigqueue_mask - forget @mask's signals pending for @p's process or any thread. */
static void flush_group_sigqueue_mask(unsigned long mask, struct task_struct *p)
{
	struct task_struct *t;

	flush_sigqueue_mask(mask, &p->signal->shared_pending);
	for_each_thread(p, t)
		flush_sigqueue_mask(mask, &t->pending);
}

/* sig_handler_ignored - is @handler for @sig SIG_IGN, or a default that does nothing? */
static bool sig_handler_ignored(void *handler, int sig)
{
	return handler == SIG_IGN || (handler == SIG_DFL && sig_in_mask(sig, SIG_KERNEL_IGNORE_MASK));
}

/*
 * sig_task_ignored - does @t ignore @sig whatever its mask? Init does not
 * take SIGKILL or SIGSTOP, nor any signal whose action is the default
 * (SIGNAL_UNKILLABLE): user space cannot kill it by mistake.
 */
static bool sig_task_ignored(struct task_struct *t, int sig)
{
	void *handler = task_sigaction(t, sig)->sa_handler;

	if (is_global_init(t) && sig_in_mask(sig, SIG_KERNEL_ONLY_MASK))
		return true;
	if ((t->signal_flags & SIGNAL_UNKILLABLE) && handler == SIG_DFL)
		return true;
	return sig_handler_ignored(handler, sig);
}

/* sig_ignored - would delivering @sig to @t do nothing? (then it is not even queued) */
static bool sig_ignored(struct task_struct *t, int sig)
{
	if (sigismember(&t->blocked, sig))
		return false;
	return sig_task_ignored(t, sig);
}

/* wants_signal - may thread @p take @sig now? (not blocked, not exiting) */
static bool wants_signal(int sig, struct task_struct *p)
{
	return !sigismember(&p->blocked, sig) && !(p->flags & PF_EXITING);
}

/* sig_fatal - would @sig's action in @t's process be to terminate it? */
static bool sig_fatal(struct task_struct *t, int sig)
{
	return !sig_in_mask(sig, SIG_KERNEL_IGNORE_MASK | SIG_KERNEL_STOP_MASK) &&
	       task_sigaction(t, sig)->sa_handler == SIG_DFL;
}

/* signal_wake_up - @t has a signal to take: wake it if it sleeps (@fatal: even killably). */
static void signal_wake_up(struct task_struct *t, bool fatal)
{
	wake_up_state(t, TASK_INTERRUPTIBLE | (fatal ? TASK_WAKEKILL : 0));
}

/*
 * complete_signal - @sig is pending for @p (@type PIDTYPE_PID) or its
 * process (PIDTYPE_TGID): find a thread that can take it, @p first, else
 * for a process signal any live thread (@p may be a zombie leader whose
 * threads run on). If none can, it waits to be unblocked. A signal that
 * will kill the process (and dump no core) kills it here: every thread,
 * the zombie leader's too, finds SIGKILL pending and is woken, so none
 * goes on running while a slower one takes the signal.
 */
static void complete_signal(int sig, struct task_struct *p, enum pid_type type)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t = p;

	if (!wants_signal(sig, p)) {
		if (type == PIDTYPE_PID || thread_group_empty(p))
			return;
		for_each_thread(p, t)
			if (wants_signal(sig, t))
				break;
		if (!wants_signal(sig, t))
			return;
	}
	if (sig_fatal(p, sig) && !signal_group_exit(signal) &&
	    !sig_in_mask(sig, SIG_KERNEL_COREDUMP_MASK)) {
		signal->flags = SIGNAL_GROUP_EXIT;
		signal->group_exit_code = sig;
		signal->group_stop_count = 0;
		for_each_thread(p, t) {
			t->jobctl &= ~JOBCTL_STOP_PENDING;
			sigaddset(&t->pending.signal, SIGKILL);
			signal_wake_up(t, true);
		}
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

/*
 * prepare_signal - job control at send time, ignored or not: a stop
 * signal discards a pending SIGCONT; SIGCONT discards the pending stop
 * signals, calls off a stop under way and wakes a stopped process, whose
 * parent is then owed CLD_CONTINUED (get_signal() sends it).
 */
static void prepare_signal(int sig, struct task_struct *p)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t;

	if (signal_group_exit(signal))
		return;
	if (sig_in_mask(sig, SIG_KERNEL_STOP_MASK)) {
		flush_group_sigqueue_mask(1UL << (SIGCONT - 1), p);
	} else if (sig == SIGCONT) {
		flush_group_sigqueue_mask(SIG_KERNEL_STOP_MASK, p);
		for_each_thread(p, t) {
			t->jobctl &= ~JOBCTL_STOP_PENDING;
			wake_up_state(t, __TASK_STOPPED);
		}
		if (signal->flags & SIGNAL_STOP_STOPPED)
			signal->flags = SIGNAL_STOP_CONTINUED | SIGNAL_CLD_CONTINUED;
		signal->group_stop_count = 0;
		signal->group_exit_code = 0;
	}
}

/*
 * __send_signal - queue @sig with @info for thread @t or (@type
 * PIDTYPE_TGID) its process, and wake a thread to take it. A standard
 * signal already pending is not queued again (legacy_queue); a real-time
 * one is. Without memory for the siginfo the signal still arrives, with a
 * bare one, as in Linux.
 */
static int __send_signal(int sig, const kernel_siginfo_t *info, struct task_struct *t,
			 enum pid_type type)
{
	struct sigpending *pending;
	struct sigqueue *q;
	unsigned long flags;

	if (t->flags & PF_KTHREAD)
		return 0;
	prepare_signal(sig, t);
	if (sig_ignored(t, sig))
		return 0;
	pending = type == PIDTYPE_PID ? &t->pending : &t->signal->shared_pending;
	local_irq_save(flags);
	if (sig < SIGRTMIN && sigismember(&pending->signal, sig))
		goto out;
	q = kmem_cache_alloc(sigqueue_cachep, GFP_ATOMIC | __GFP_NOWARN);
	if (q) {
		q->info = *info;
		list_add_tail(&q->list, &pending->list);
	}
	sigaddset(&pending->signal, sig);
	complete_signal(sig, t, type);
out:
	local_irq_restore(flags);
	return 0;
}

/* send_user_sig - @sig from the current task, as kill() (SI_USER) or tkill() (SI_TKILL) send it. */
static int send_user_sig(int sig, int code, struct task_struct *p, enum pid_type type)
{
	kernel_siginfo_t info = {
		.si_signo = sig, .si_code = code,
		.kill = { .pid = current->tgid, .uid = 0 },
	};

	return __send_signal(sig, &info, p, type);
}

/**
 * send_sig - send @sig to the process of task @p
 * @sig: the signal number
 * @p: the target
 * @priv: 1 if the kernel sends it (SI_KERNEL), 0 if on behalf of the
 *	  current task (SI_USER, with its pid)
 *
 * Return: 0.
 */
int send_sig(int sig, struct task_struct *p, int priv)
{
	kernel_siginfo_t info = { .si_signo = sig, .si_code = SI_KERNEL };

	if (!sig)
		return 0;
	if (!priv)
		return send_user_sig(sig, SI_USER, p, PIDTYPE_TGID);
	return __send_signal(sig, &info, p, PIDTYPE_TGID);
}

/*
 * force_sig_info - a fault the thread cannot ignore or block: a blocked or
 * ignored @info->si_signo gets its default action back and is unblocked,
 * and the default action kills even init (Linux's force_sig_info_to_task()).
 */
static void force_sig_info(const kernel_siginfo_t *info)
{
	int sig = info->si_signo;
	struct sigaction *sa = task_sigaction(current, sig);

	if (sa->sa_handler == SIG_IGN || sigismember(&current->blocked, sig))
		sa->sa_handler = SIG_DFL;
	if (sa->sa_handler == SIG_DFL)
		current->signal_flags &= ~SIGNAL_UNKILLABLE;
	sigdelset(&current->blocked, sig);
	__send_signal(sig, info, current, PIDTYPE_PID);
}

/* force_sig - force @sig on the current task with SI_KERNEL and no address. */
void force_sig(int sig)
{
	kernel_siginfo_t info = { .si_signo = sig, .si_code = SI_KERNEL };

	force_sig_info(&info);
}

/* force_sig_fault - force @sig on the current task: @code happened at @addr. */
void force_sig_fault(int sig, int code, unsigned long addr)
{
	kernel_siginfo_t info = {
		.si_signo = sig, .si_code = code,
		.sigfault = { .addr = (void *)addr },
	};

	force_sig_info(&info);
}

/**
 * do_notify_parent - tell @tsk's parent that its process ended: @sig
 * (SIGCHLD) with CLD_EXITED and the exit code, or CLD_KILLED and the
 * signal, plus the child's pid and CPU times (its process's, with its
 * reaped children's); and wake the parent's
 * wait4(). A parent that ignores SIGCHLD (kthreadd does) gets no signal
 * and never waits.
 *
 * Return: true if @tsk must be released at once ("autoreap").
 */
bool do_notify_parent(struct task_struct *tsk, int sig)
{
	struct task_struct *parent = tsk->real_parent;
	bool autoreap = task_sigaction(parent, SIGCHLD)->sa_handler == SIG_IGN;
	int termsig = tsk->exit_code & 0x7f;
	kernel_siginfo_t info = {
		.si_signo = sig,
		.si_code = (tsk->exit_code & 0x80) ? CLD_DUMPED : termsig ? CLD_KILLED : CLD_EXITED,
		.sigchld = {
			.pid = tsk->tgid, .uid = 0,
			.status = termsig ? termsig : (tsk->exit_code >> 8) & 0xff,
			.utime = nsec_to_clock_t(tsk->utime + tsk->signal->utime + tsk->signal->cutime),
			.stime = nsec_to_clock_t(tsk->stime + tsk->signal->stime + tsk->signal->cstime),
		},
	};

	if (sig && !autoreap)
		__send_signal(sig, &info, parent, PIDTYPE_TGID);
	wake_up_interruptible(&parent->signal->wait_chldexit);
	return autoreap;
}

/*
 * do_notify_parent_cldstop - @tsk's process stopped (@why CLD_STOPPED) or
 * continued (CLD_CONTINUED): SIGCHLD to its parent, with the stop signal
 * or SIGCONT as status, unless the parent ignores SIGCHLD or set
 * SA_NOCLDSTOP; and wake the parent's wait4() (WUNTRACED, WCONTINUED).
 */
static void do_notify_parent_cldstop(struct task_struct *tsk, int why)
{
	struct task_struct *leader = tsk->group_leader, *parent = leader->real_parent;
	struct sigaction *sa = task_sigaction(parent, SIGCHLD);
	kernel_siginfo_t info = {
		.si_signo = SIGCHLD, .si_code = why,
		.sigchld = {
			.pid = tsk->tgid, .uid = 0,
			.status = why == CLD_CONTINUED ? SIGCONT : tsk->signal->group_exit_code,
			.utime = nsec_to_clock_t(leader->utime + tsk->signal->utime),
			.stime = nsec_to_clock_t(leader->stime + tsk->signal->stime),
		},
	};

	if (sa->sa_handler != SIG_IGN && !(sa->sa_flags & SA_NOCLDSTOP))
		__send_signal(SIGCHLD, &info, parent, PIDTYPE_TGID);
	wake_up_interruptible(&parent->signal->wait_chldexit);
}

/*
 * do_signal_stop - a stop signal @signr (0: another thread's) stops the
 * process: the first thread to take it makes every live thread stop on
 * its way out (JOBCTL_STOP_PENDING); the last one to stop marks the
 * process stopped and tells the parent. Sleeps in TASK_STOPPED until
 * SIGCONT or SIGKILL wakes it.
 */
static void do_signal_stop(int signr)
{
	struct signal_struct *sig = current->signal;
	struct task_struct *t;

	if (!(current->jobctl & JOBCTL_STOP_PENDING)) {
		sig->group_exit_code = signr;
		sig->group_stop_count = 0;
		for_each_thread(current, t) {
			if (t->flags & PF_EXITING)
				continue;
			t->jobctl |= JOBCTL_STOP_PENDING;
			sig->group_stop_count++;
			if (t != current)
				wake_up_state(t, TASK_INTERRUPTIBLE);
		}
	}
	current->jobctl &= ~JOBCTL_STOP_PENDING;
	if (!--sig->group_stop_count) {
		sig->flags = SIGNAL_STOP_STOPPED;
		do_notify_parent_cldstop(current, CLD_STOPPED);
	}
	set_current_state(TASK_STOPPED);
	schedule();
}

/*
 * is_current_pgrp_orphaned - has no process of the caller's group a parent
 * in another group of the same session? (Linux: kernel/exit.c)
 */
static bool is_current_pgrp_orphaned(void)
{
	struct task_struct *p;

	for_each_process(p) {
		struct task_struct *parent = p->real_parent;

		if (p->pgrp != current->pgrp || !thread_group_leader(p) || p->exit_state ||
		    !parent || is_global_init(parent))
			continue;
		if (parent->pgrp != p->pgrp && parent->session == p->session)
			return false;
	}
	return true;
}

/*
 * zap_other_threads - the process is exiting (or exec'ing): every other
 * thread finds SIGKILL pending and is woken to die. Return: how many.
 */
int zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;
	unsigned long flags;
	int count = 0;

	local_irq_save(flags);
	for_each_thread(p, t) {
		if (t == p || t->exit_state)
			continue;
		count++;
		sigaddset(&t->pending.signal, SIGKILL);
		signal_wake_up(t, true);
	}
	local_irq_restore(flags);
	return count;
}

/* flush_signal_handlers - execve: caught signals go back to their default. */
void flush_signal_handlers(struct task_struct *t, int force_default)
{
	for (int sig = 1; sig <= _NSIG; sig++) {
		struct sigaction *sa = task_sigaction(t, sig);

		if (force_default || sa->sa_handler != SIG_IGN)
			sa->sa_handler = SIG_DFL;
		sa->sa_flags = 0;
		sa->sa_restorer = NULL;
		sigemptyset(&sa->sa_mask);
	}
}

/* ignore_signals - a kernel thread ignores everything (kthreadd: autoreap children). */
void ignore_signals(struct task_struct *t)
{
	for (int sig = 1; sig <= _NSIG; sig++)
		task_sigaction(t, sig)->sa_handler = SIG_IGN;
}

/*
 * collect_signal - take the first queued instance of @sig off @pending
 * into @info; the signal stays pending while more instances are queued.
 */
static void collect_signal(int sig, struct sigpending *pending, kernel_siginfo_t *info)
{
	struct sigqueue *q, *first = NULL;
	bool more = false;

	list_for_each_entry(q, &pending->list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (first) {
			more = true;
			break;
		}
		first = q;
	}
	if (!more)
		sigdelset(&pending->signal, sig);
	if (first) {
		list_del(&first->list);
		*info = first->info;
		kmem_cache_free(sigqueue_cachep, first);
	} else {
		*info = (kernel_siginfo_t){ .si_signo = sig, .si_code = SI_USER };
	}
}

/* next_signal - the lowest signal of @pending that @t does not block, or 0. */
static int next_signal(struct task_struct *t, struct sigpending *pending)
{
	unsigned long ready = pending->signal.sig[0] & ~(t->blocked.sig[0] & ~SIG_KERNEL_ONLY_MASK);

	return ready ? __builtin_ctzl(ready) + 1 : 0;
}

/*
 * dequeue_signal - the lowest pending, unblocked signal, removed: the
 * thread's own first, then its process's; 0 if none.
 */
static int dequeue_signal(struct task_struct *t, kernel_siginfo_t *info)
{
	struct sigpending *pending = &t->pending;
	unsigned long flags;
	int sig;

	local_irq_save(flags);		/* the terminal's ^C sends from its interrupt */
	sig = next_signal(t, pending);
	if (!sig) {
		pending = &t->signal->shared_pending;
		sig = next_signal(t, pending);
	}
	if (sig)
		collect_signal(sig, pending, info);
	local_irq_restore(flags);
	return sig;
}

/* set_current_blocked - the new signal mask (SIGKILL and SIGSTOP stay unblocked). */
void set_current_blocked(const sigset_t *set)
{
	current->blocked.sig[0] = set->sig[0] & ~SIG_KERNEL_ONLY_MASK;
}

/* sigmask_to_save - the mask a signal frame records: sigsuspend()'s caller's, or the current one. */
sigset_t *sigmask_to_save(void)
{
	return current->restore_sigmask ? &current->saved_sigmask : &current->blocked;
}

/* restore_saved_sigmask - no handler ran after sigsuspend(): put its caller's mask back. */
void restore_saved_sigmask(void)
{
	if (current->restore_sigmask) {
		current->restore_sigmask = false;
		set_current_blocked(&current->saved_sigmask);
	}
}

/**
 * set_user_sigmask - a system call runs with the mask @umask in place
 * (sigsuspend, pselect6, ppoll): the caller's mask is saved to come back
 * by restore_saved_sigmask_unless() or after a handler
 * @umask: the user's sigset_t, or NULL for no change
 * @sigsetsize: its size, which must be sizeof(sigset_t)
 *
 * Return: 0, -EINVAL or -EFAULT.
 */
int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize)
{
	sigset_t mask;

	if (!umask)
		return 0;
	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof(mask)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_current_blocked(&mask);
	current->restore_sigmask = true;
	return 0;
}

/*
 * restore_saved_sigmask_unless - the call is over: put the saved mask back
 * now, unless a signal @interrupted it, whose handler must still run with
 * the call's mask (the frame records the saved one).
 */
void restore_saved_sigmask_unless(bool interrupted)
{
	if (!interrupted)
		restore_saved_sigmask();
}

/**
 * get_signal - the next signal that has a user handler to run
 * @ksig: filled with the signal, its action and its siginfo
 *
 * Signals on the way that are ignored are dropped; one whose default
 * action is to terminate ends the process here, and a thread whose
 * process is exiting (or exec'ing in another thread) ends at once: neither
 * returns. A default stop signal stops the process here (SIGTSTP, SIGTTIN
 * and SIGTTOU are dropped in an orphaned process group), and so does a
 * thread whose process is stopping; once continued, the first thread out
 * owes the parent CLD_CONTINUED.
 *
 * Return: true if @ksig holds a signal whose handler must run.
 */
bool get_signal(struct ksignal *ksig)
{
	for (;;) {
		struct sigaction *sa;
		int sig;

		if (signal_group_exit(current->signal))
			do_group_exit(SIGKILL);
		if (current->signal->flags & SIGNAL_CLD_CONTINUED) {
			current->signal->flags &= ~SIGNAL_CLD_CONTINUED;
			do_notify_parent_cldstop(current, CLD_CONTINUED);
		}
		if (current->jobctl & JOBCTL_STOP_PENDING) {
			do_signal_stop(0);
			continue;
		}
		sig = dequeue_signal(current, &ksig->info);
		if (!sig)
			return false;
		sa = task_sigaction(current, sig);
		if (sa->sa_handler == SIG_IGN)
			continue;
		if (sa->sa_handler != SIG_DFL) {
			ksig->ka.sa = *sa;
			ksig->sig = sig;
			if (sa->sa_flags & SA_RESETHAND)
				sa->sa_handler = SIG_DFL;
			return true;
		}
		if (sig_in_mask(sig, SIG_KERNEL_IGNORE_MASK))
			continue;
		/* init queued it while blocked; unblocked, its default is no action */
		if (current->signal_flags & SIGNAL_UNKILLABLE)
			continue;
		if (sig_in_mask(sig, SIG_KERNEL_STOP_MASK)) {
			if (sig == SIGSTOP || !is_current_pgrp_orphaned())
				do_signal_stop(sig);
			continue;
		}
		if (sig_in_mask(sig, SIG_KERNEL_COREDUMP_MASK))
			do_coredump(sig);	/* sets WCOREDUMP if it wrote the core */
		do_group_exit(sig);
	}
}

/*
 * signal_delivered - the handler's frame is on the user stack: block the
 * handler's mask (and the signal itself unless SA_NODEFER) while it runs,
 * and disarm an SS_AUTODISARM alternate stack.
 */
static void signal_delivered(struct ksignal *ksig)
{
	current->blocked.sig[0] |= ksig->ka.sa.sa_mask.sig[0] & ~SIG_KERNEL_ONLY_MASK;
	if (!(ksig->ka.sa.sa_flags & SA_NODEFER))
		sigaddset(&current->blocked, ksig->sig);
	current->restore_sigmask = false;	/* the frame holds the mask to restore */
	if (current->sas_ss_flags & SS_AUTODISARM) {
		current->sas_ss_sp = 0;
		current->sas_ss_size = 0;
		current->sas_ss_flags = SS_DISABLE;
	}
}

/*
 * force_sigsegv - no frame for @sig's handler could be pushed: SIGSEGV,
 * and if SIGSEGV's own handler is what failed, SIGSEGV's default action
 * (else the same failure would repeat forever).
 */
static void force_sigsegv(int sig)
{
	if (sig == SIGSEGV)
		task_sigaction(current, SIGSEGV)->sa_handler = SIG_DFL;
	force_sig(SIGSEGV);
}

/**
 * signal_setup_done - after the arch code tried to push a signal frame
 * @failed: the frame could not be written (see force_sigsegv())
 * @ksig: the signal
 */
void signal_setup_done(int failed, struct ksignal *ksig)
{
	if (failed)
		force_sigsegv(ksig->sig);
	else
		signal_delivered(ksig);
}

/**
 * exit_to_user_mode - the last stop before returning to user space
 * @regs: the user registers
 *
 * Called with interrupts off. Reschedules if the tick asked for it and
 * acts on pending signals, until there is nothing left to do.
 */
void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		if (need_resched()) {
			local_irq_enable();
			schedule();
		} else if (signal_pending(current) || current->restore_sigmask) {
			local_irq_enable();
			arch_do_signal_or_restart(regs);
		} else {
			break;
		}
		local_irq_disable();
	}
}

/* --- sigaltstack --- */

/* __on_sig_stack - does @sp lie on the alternate stack? */
bool __on_sig_stack(unsigned long sp)
{
	return sp > current->sas_ss_sp && sp - current->sas_ss_sp <= current->sas_ss_size;
}

/* on_sig_stack - is the task on its alternate stack? (never, while SS_AUTODISARM is set) */
bool on_sig_stack(unsigned long sp)
{
	if (current->sas_ss_flags & SS_AUTODISARM)
		return false;
	return __on_sig_stack(sp);
}

/* sas_ss_flags - SS_DISABLE (none), SS_ONSTACK (@sp is on it) or 0. */
int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

/*
 * do_sigaltstack - report the alternate stack in @oss and install @ss
 * (from user space at stack pointer @sp). Not while running on it (-EPERM);
 * mode SS_DISABLE, SS_ONSTACK or 0 (-EINVAL); at least MINSIGSTKSZ (-ENOMEM).
 */
static int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp)
{
	struct task_struct *t = current;

	if (oss)
		*oss = (stack_t){
			.ss_sp = (void *)t->sas_ss_sp, .ss_size = t->sas_ss_size,
			.ss_flags = sas_ss_flags(sp) | (t->sas_ss_flags & SS_FLAG_BITS),
		};
	if (ss) {
		unsigned int mode = ss->ss_flags & ~SS_FLAG_BITS;
		bool disable = mode == SS_DISABLE;

		if (on_sig_stack(sp))
			return -EPERM;
		if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (!disable && ss->ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		t->sas_ss_sp = disable ? 0 : (unsigned long)ss->ss_sp;
		t->sas_ss_size = disable ? 0 : ss->ss_size;
		t->sas_ss_flags = ss->ss_flags;
	}
	return 0;
}

SYSCALL_DEFINE2(sigaltstack, const stack_t __user *, uss, stack_t __user *, uoss)
{
	unsigned long sp = task_pt_regs(current)->sp;
	stack_t new, old;
	int ret;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	ret = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL, sp);
	if (!ret && uoss && copy_to_user(uoss, &old, sizeof(old)))
		ret = -EFAULT;
	return ret;
}

/* restore_altstack - rt_sigreturn: reinstall the stack saved in uc_stack (errors but -EFAULT ignored). */
int restore_altstack(const stack_t __user *uss)
{
	stack_t new;

	if (copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	do_sigaltstack(&new, NULL, task_pt_regs(current)->sp);
	return 0;
}

/* __save_altstack - what a signal frame's uc_stack records. */
int __save_altstack(stack_t __user *uss)
{
	stack_t cur = {
		.ss_sp = (void *)current->sas_ss_sp, .ss_flags = current->sas_ss_flags,
		.ss_size = current->sas_ss_size,
	};

	return copy_to_user(uss, &cur, sizeof(cur)) ? -EFAULT : 0;
}

static const char *const trap_names[] = {
	[X86_TRAP_DE] = "divide error", [X86_TRAP_BP] = "int3",
	[X86_TRAP_OF] = "overflow", [X86_TRAP_BR] = "bounds",
	[X86_TRAP_UD] = "invalid opcode", [X86_TRAP_NM] = "device not available",
	[X86_TRAP_TS] = "invalid TSS", [X86_TRAP_NP] = "segment not present",
	[X86_TRAP_SS] = "stack segment", [X86_TRAP_MF] = "coprocessor error",
	[X86_TRAP_AC] = "alignment check", [X86_TRAP_XF] = "simd error",
};

/**
 * user_exception - a user program caused exception @trapnr: signal it
 * @regs: its registers
 * @signo: the signal (SIGFPE, SIGILL, SIGSEGV, SIGTRAP, SIGBUS)
 * @si_code: what siginfo says (FPE_INTDIV, ILL_ILLOPN: at the instruction),
 *	     or 0: SI_KERNEL without an address, as Linux's do_trap() sends
 * @trapnr: the vector
 * @error_code: the CPU's error code
 *
 * Logs Linux's do_trap()/do_general_protection() line when the signal
 * will kill the task (show_unhandled_signals).
 */
void user_exception(struct pt_regs *regs, int signo, int si_code, unsigned long trapnr,
		    unsigned long error_code)
{
	const char *name = trapnr < ARRAY_SIZE(trap_names) ? trap_names[trapnr] : NULL;

	current->thread.trap_nr = trapnr;
	current->thread.error_code = error_code;
	if (task_sigaction(current, signo)->sa_handler == SIG_DFL) {
		if (trapnr == X86_TRAP_GP)
			pr_info("traps: %s[%d] general protection fault ip:%lx sp:%lx error:%lx\n",
				current->comm, current->pid, regs->ip, regs->sp, error_code);
		else
			pr_info("traps: %s[%d] trap %s ip:%lx sp:%lx error:%lx\n", current->comm,
				current->pid, name ? name : "exception", regs->ip, regs->sp,
				error_code);
	}
	if (si_code)
		force_sig_fault(signo, si_code, regs->ip);
	else
		force_sig(signo);
}

/* --- system calls --- */

/*
 * do_send_sig - kill() (@type PIDTYPE_TGID) or tkill() (PIDTYPE_PID) sends
 * @sig to @p: -ESRCH if there is no @p, before -EINVAL for @sig.
 */
static int do_send_sig(int sig, int code, struct task_struct *p, enum pid_type type)
{
	/* A zombie is there until it is reaped: the signal reaches its live threads, or nobody. */
	if (!p)
		return -ESRCH;
	if (!valid_signal(sig))
		return -EINVAL;
	if (!kill_ok_by_cred(p) && !(sig == SIGCONT && p->session == current->session))
		return -EPERM;	/* another user's process */
	return sig ? send_user_sig(sig, code, p, type) : 0;
}

/*
 * kill_many - kill(-1, sig): every process but init and the caller;
 * kill(0, sig) / kill(-pgrp, sig): every process of that group (Linux's
 * kill_something_info and __kill_pgrp_info). -ESRCH if there is none,
 * else -EINVAL for an invalid @sig. @priv: see send_sig().
 */
static int kill_many(int sig, int priv, bool all, pid_t pgrp)
{
	struct task_struct *p;
	int count = 0, denied = 0;

	for_each_process(p) {
		if ((p->flags & PF_KTHREAD) || !thread_group_leader(p))
			continue;	/* a zombie leader stands for its process until reaped */
		if (all ? (p->pid > 1 && p->tgid != current->tgid) : p->pgrp == pgrp) {
			count++;
			if (!priv && !kill_ok_by_cred(p)) {
				denied++;	/* another user's process */
				continue;
			}
			if (valid_signal(sig))
				send_sig(sig, p, priv);
		}
	}
	if (!count)
		return -ESRCH;
	if (!valid_signal(sig))
		return -EINVAL;
	return denied == count && !all ? -EPERM : 0;
}

/* kill_pgrp - @sig to every process of group @pgrp (the terminal's ^C). */
int kill_pgrp(pid_t pgrp, int sig, int priv)
{
	return kill_many(sig, priv, false, pgrp);
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	if (pid > 0)
		return do_send_sig(sig, SI_USER, find_task_by_pid(pid), PIDTYPE_TGID);
	if (pid == -1)
		return kill_many(sig, 0, true, 0);
	return kill_many(sig, 0, false, pid ? -pid : current->pgrp);
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	if (pid <= 0)
		return -EINVAL;
	return do_send_sig(sig, SI_TKILL, find_task_by_pid(pid), PIDTYPE_PID);
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	struct task_struct *p;

	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	p = find_task_by_pid(pid);
	if (p && p->tgid != tgid)
		p = NULL;
	return do_send_sig(sig, SI_TKILL, p, PIDTYPE_PID);
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, sigset_t __user *, nset, sigset_t __user *, oset,
		size_t, sigsetsize)
{
	sigset_t old = current->blocked, new;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&new, nset, sizeof(new)))
			return -EFAULT;
		new.sig[0] &= ~SIG_KERNEL_ONLY_MASK;
		switch (how) {
		case SIG_BLOCK:
			current->blocked.sig[0] |= new.sig[0];
			break;
		case SIG_UNBLOCK:
			current->blocked.sig[0] &= ~new.sig[0];
			break;
		case SIG_SETMASK:
			current->blocked = new;
			break;
		default:
			return -EINVAL;
		}
	}
	if (oset && copy_to_user(oset, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct sigaction __user *, act,
		struct sigaction __user *, oact, size_t, sigsetsize)
{
	struct sigaction new, old;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act && copy_from_user(&new, act, sizeof(new)))
		return -EFAULT;
	if (sig < 1 || sig > _NSIG || (act && sig_in_mask(sig, SIG_KERNEL_ONLY_MASK)))
		return -EINVAL;
	old = *task_sigaction(current, sig);
	if (act) {
		new.sa_mask.sig[0] &= ~SIG_KERNEL_ONLY_MASK;
		*task_sigaction(current, sig) = new;
		/* POSIX: a pending signal now ignored is discarded, blocked or not, in every thread */
		if (sig_handler_ignored(new.sa_handler, sig))
			flush_group_sigqueue_mask(1UL << (sig - 1), current);
	}
	if (oact && copy_to_user(oact, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE2(rt_sigpending, sigset_t __user *, uset, size_t, sigsetsize)
{
	sigset_t pending;

	if (sigsetsize > sizeof(sigset_t))
		return -EINVAL;
	pending.sig[0] = (current->pending.signal.sig[0] |
			  current->signal->shared_pending.signal.sig[0]) & current->blocked.sig[0];
	return copy_to_user(uset, &pending, sigsetsize) ? -EFAULT : 0;
}

/* sigsuspend_wait - sleep until a signal is pending; the caller's mask decides which. */
static long sigsuspend_wait(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return -ERESTARTNOHAND;
}

/* pause - sleep until a signal runs a handler (then -EINTR) or kills the task. */
SYSCALL_DEFINE0(pause)
{
	return sigsuspend_wait();
}

/*
 * rt_sigsuspend - sleep with the mask @unewset in place; the old mask is
 * saved and comes back once the handler returns (it is in the frame) or
 * on the way out if no handler ran.
 */
SYSCALL_DEFINE2(rt_sigsuspend, sigset_t __user *, unewset, size_t, sigsetsize)
{
	int ret;

	if (!unewset)
		return -EFAULT;
	ret = set_user_sigmask(unewset, sigsetsize);
	return ret ? ret : sigsuspend_wait();
}
