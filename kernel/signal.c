// SPDX-License-Identifier: GPL-2.0
/*
 * signal.c - sending signals and acting on them. Mirrors kernel/signal.c
 * and kernel/entry/common.c (exit_to_user_mode_loop).
 *
 * A signal sent to a task is recorded in its pending set (unless it would
 * be ignored anyway) and wakes the task if it sleeps interruptibly. The
 * task acts on it on its way back to user mode: the default action
 * terminates it (the wait status is the signal number) or does nothing
 * (SIGCHLD, SIGCONT, SIGURG, SIGWINCH). rt_sigaction() and
 * rt_sigprocmask() store and report handlers and masks exactly as Linux
 * does. A signal with a user handler runs it through a signal frame
 * (arch/x86_64/signal.c). The stop signals act as ignored (no job
 * control).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/mm.h>
#include <asm/irqflags.h>
#include <asm/traps.h>

#define SIG_KERNEL_ONLY_MASK	((1UL << (SIGKILL - 1)) | (1UL << (SIGSTOP - 1)))
#define SIG_KERNEL_IGNORE_MASK	((1UL << (SIGCHLD - 1)) | (1UL << (SIGCONT - 1)) | \
				 (1UL << (SIGURG - 1)) | (1UL << (SIGWINCH - 1)))
#define SIG_KERNEL_STOP_MASK	((1UL << (SIGSTOP - 1)) | (1UL << (SIGTSTP - 1)) | \
				 (1UL << (SIGTTIN - 1)) | (1UL << (SIGTTOU - 1)))

static bool valid_signal(unsigned long sig)
{
	return sig <= _NSIG;
}

static struct sigaction *task_sigaction(struct task_struct *t, int sig)
{
	return &t->sighand[sig - 1].sa;
}

static bool sig_in_mask(int sig, unsigned long mask)
{
	return mask & (1UL << (sig - 1));
}

/* signal_pending - has @p a pending signal it does not block? */
bool signal_pending(struct task_struct *p)
{
	return p->pending.sig[0] & ~(p->blocked.sig[0] & ~SIG_KERNEL_ONLY_MASK);
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

/**
 * send_sig - send @sig to task @p
 * @sig: the signal number
 * @p: the target
 * @priv: 1 if sent by the kernel (unused: every sender is root here)
 *
 * Return: 0.
 */
int send_sig(int sig, struct task_struct *p, int priv)
{
	unsigned long flags;

	if (!sig || (p->flags & PF_KTHREAD) || sig_ignored(p, sig))
		return 0;
	local_irq_save(flags);
	sigaddset(&p->pending, sig);
	if (sig == SIGKILL || !sigismember(&p->blocked, sig))
		wake_up_state(p, TASK_INTERRUPTIBLE);
	local_irq_restore(flags);
	return 0;
}

/*
 * force_sig - a fault the task cannot ignore or block: default action,
 * which kills even init (Linux's force_sig_info_to_task()).
 */
void force_sig(int sig)
{
	struct sigaction *sa = task_sigaction(current, sig);

	if (sa->sa_handler == SIG_IGN || sigismember(&current->blocked, sig))
		sa->sa_handler = SIG_DFL;
	if (sa->sa_handler == SIG_DFL)
		current->signal_flags &= ~SIGNAL_UNKILLABLE;
	sigdelset(&current->blocked, sig);
	sigaddset(&current->pending, sig);
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

/* dequeue_signal - the lowest pending, unblocked signal, removed; 0 if none. */
static int dequeue_signal(struct task_struct *t)
{
	unsigned long ready = t->pending.sig[0] & ~(t->blocked.sig[0] & ~SIG_KERNEL_ONLY_MASK);
	int sig;

	if (!ready)
		return 0;
	sig = __builtin_ctzl(ready) + 1;
	sigdelset(&t->pending, sig);
	return sig;
}

/* set_current_blocked - the new signal mask (SIGKILL and SIGSTOP stay unblocked). */
void set_current_blocked(const sigset_t *set)
{
	current->blocked.sig[0] = set->sig[0] & ~SIG_KERNEL_ONLY_MASK;
}

/*
 * handle_signal - enter @sig's user handler: push the frame, then block
 * the handler's mask (and the signal itself unless SA_NODEFER) while it
 * runs. A frame that cannot be written kills the task with SIGSEGV.
 */
static void handle_signal(int sig, struct pt_regs *regs)
{
	struct sigaction *sa = task_sigaction(current, sig);

	if (setup_rt_frame(sig, sa, regs)) {
		task_sigaction(current, SIGSEGV)->sa_handler = SIG_DFL;
		force_sig(SIGSEGV);
		return;
	}
	current->blocked.sig[0] |= sa->sa_mask.sig[0] & ~SIG_KERNEL_ONLY_MASK;
	if (!(sa->sa_flags & SA_NODEFER))
		sigaddset(&current->blocked, sig);
	if (sa->sa_flags & SA_RESETHAND)
		sa->sa_handler = SIG_DFL;
}

/*
 * get_signal - act on one deliverable signal: ignore it, run its handler,
 * or carry out its default action (which may not return: do_exit).
 */
static void get_signal(struct pt_regs *regs)
{
	int sig = dequeue_signal(current);
	void *handler;

	if (!sig)
		return;
	handler = task_sigaction(current, sig)->sa_handler;
	if (handler == SIG_IGN)
		return;
	if (handler != SIG_DFL) {
		handle_signal(sig, regs);
		return;
	}
	if (sig_in_mask(sig, SIG_KERNEL_IGNORE_MASK | SIG_KERNEL_STOP_MASK))
		return;
	/* init queued it while blocked; unblocked, its default is no action */
	if (current->signal_flags & SIGNAL_UNKILLABLE)
		return;
	do_exit(sig);
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
		} else if (signal_pending(current)) {
			local_irq_enable();
			get_signal(regs);
		} else {
			break;
		}
		local_irq_disable();
	}
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
 * @trapnr: the vector
 * @error_code: the CPU's error code
 *
 * Logs Linux's do_trap()/do_general_protection() line when the signal
 * will kill the task (show_unhandled_signals).
 */
void user_exception(struct pt_regs *regs, int signo, unsigned long trapnr,
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
	force_sig(signo);
}

/* --- system calls --- */

/* do_send_sig - @sig to @p: -ESRCH if there is no @p, before -EINVAL for @sig. */
static int do_send_sig(int sig, struct task_struct *p)
{
	if (!p || p->exit_state)
		return -ESRCH;
	if (!valid_signal(sig))
		return -EINVAL;
	return send_sig(sig, p, 0);
}

/*
 * kill_many - kill(-1, sig): every process but init and the caller;
 * kill(0, sig) / kill(-pgrp, sig): every process of that group (Linux's
 * kill_something_info and __kill_pgrp_info). -ESRCH if there is none,
 * else -EINVAL for an invalid @sig.
 */
static int kill_many(int sig, bool all, pid_t pgrp)
{
	struct task_struct *p;
	int count = 0;

	for_each_process(p) {
		if ((p->flags & PF_KTHREAD) || p->exit_state)
			continue;
		if (all ? (p->pid > 1 && p != current) : p->pgrp == pgrp) {
			if (valid_signal(sig))
				send_sig(sig, p, 0);
			count++;
		}
	}
	if (!count)
		return -ESRCH;
	return valid_signal(sig) ? 0 : -EINVAL;
}

SYSCALL_DEFINE2(kill, pid_t, pid, int, sig)
{
	if (pid > 0)
		return do_send_sig(sig, find_task_by_pid(pid));
	if (pid == -1)
		return kill_many(sig, true, 0);
	return kill_many(sig, false, pid ? -pid : current->pgrp);
}

SYSCALL_DEFINE2(tkill, pid_t, pid, int, sig)
{
	if (pid <= 0)
		return -EINVAL;
	return do_send_sig(sig, find_task_by_pid(pid));
}

SYSCALL_DEFINE3(tgkill, pid_t, tgid, pid_t, pid, int, sig)
{
	struct task_struct *p;

	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	p = find_task_by_pid(pid);
	if (p && p->tgid != tgid)
		p = NULL;
	return do_send_sig(sig, p);
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
		/* POSIX: a pending signal now ignored is discarded, blocked or not */
		if (sig_handler_ignored(new.sa_handler, sig))
			sigdelset(&current->pending, sig);
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
	pending.sig[0] = current->pending.sig[0] & current->blocked.sig[0];
	return copy_to_user(uset, &pending, sigsetsize) ? -EFAULT : 0;
}
