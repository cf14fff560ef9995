/* SPDX-License-Identifier: GPL-2.0 */
/*
 * signal.h - signal numbers (Linux's x86-64 values) and the kernel's
 * signal interface. Mirrors include/uapi/asm-generic/signal.h and
 * include/linux/sched/signal.h.
 */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#include <linux/types.h>
#include <linux/signal_types.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32	/* from here on every instance is queued */
#define _NSIG		64

#define SIG_DFL		((void *)0)	/* default action */
#define SIG_IGN		((void *)1)	/* ignore the signal */

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

/* si_code: who sent it (include/uapi/asm-generic/siginfo.h) ... */
#define SI_USER		0	/* kill() */
#define SI_KERNEL	0x80	/* the kernel */
#define SI_TKILL	(-6)	/* tkill(), tgkill() */
/* ... or what happened. */
#define ILL_ILLOPN	2	/* illegal operand */
#define FPE_INTDIV	1	/* integer divide by zero */
#define SEGV_MAPERR	1	/* address not mapped */
#define SEGV_ACCERR	2	/* no permission for the mapping */
#define BUS_ADRALN	1	/* misaligned address */
#define BUS_ADRERR	2	/* address beyond the object (past EOF) */
#define CLD_EXITED	1	/* the child called exit */
#define CLD_KILLED	2	/* a signal killed the child */
#define CLD_DUMPED	3	/* ... and it dumped core */
#define CLD_STOPPED	5	/* a stop signal stopped the child */
#define CLD_CONTINUED	6	/* SIGCONT continued the stopped child */

/* sigaltstack() */
#define SS_ONSTACK	1	/* the task runs on its alternate stack */
#define SS_DISABLE	2	/* there is none */
#define SS_AUTODISARM	(1U << 31)	/* disarmed while a handler runs on it */
#define SS_FLAG_BITS	SS_AUTODISARM
#define MINSIGSTKSZ	2048

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

struct pt_regs;
struct task_struct;

void signals_init(void);
void init_sigpending(struct sigpending *pending);
void flush_sigqueue(struct sigpending *pending);
int send_sig(int sig, struct task_struct *p, int priv);
void force_sig(int sig);
int kill_pgrp(pid_t pgrp, int sig, int priv);
void force_sig_fault(int sig, int code, unsigned long addr);
bool do_notify_parent(struct task_struct *tsk, int sig);
bool get_signal(struct ksignal *ksig);
void signal_setup_done(int failed, struct ksignal *ksig);
void restore_saved_sigmask(void);
int set_user_sigmask(const sigset_t *umask, size_t sigsetsize);
void restore_saved_sigmask_unless(bool interrupted);
sigset_t *sigmask_to_save(void);
bool __on_sig_stack(unsigned long sp);
bool on_sig_stack(unsigned long sp);
int sas_ss_flags(unsigned long sp);
int restore_altstack(const stack_t *uss);
int __save_altstack(stack_t *uss);
void arch_do_signal_or_restart(struct pt_regs *regs);
void flush_signal_handlers(struct task_struct *t, int force_default);
void ignore_signals(struct task_struct *t);
int zap_other_threads(struct task_struct *p);
void set_current_blocked(const sigset_t *set);
void user_exception(struct pt_regs *regs, int signo, int si_code, unsigned long trapnr,
		    unsigned long error_code);
void exit_to_user_mode(struct pt_regs *regs);

#endif /* _LINUX_SIGNAL_H */
