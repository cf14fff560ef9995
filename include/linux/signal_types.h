/* SPDX-License-Identifier: GPL-2.0 */
/*
 * signal_types.h - signal sets and actions as user space passes them to
 * rt_sigprocmask() and rt_sigaction() on x86-64. Mirrors
 * include/linux/signal_types.h and arch/x86/include/uapi/asm/signal.h.
 */
#ifndef _LINUX_SIGNAL_TYPES_H
#define _LINUX_SIGNAL_TYPES_H

#include <linux/types.h>
#include <linux/list.h>

#define _NSIG		64

typedef struct {
	unsigned long sig[1];
} sigset_t;

/* struct sigaction as the rt_sigaction system call sees it. */
struct sigaction {
	void *sa_handler;		/* SIG_DFL (0), SIG_IGN (1) or a function */
	unsigned long sa_flags;
	void *sa_restorer;
	sigset_t sa_mask;
};

struct k_sigaction {
	struct sigaction sa;
};

/*
 * kernel_siginfo - what a handler's siginfo_t says about a signal: who sent
 * it (kill, tkill, a child's exit) or what fault raised it. The layout is
 * the head of user space's 128-byte siginfo_t.
 */
typedef struct kernel_siginfo {
	int si_signo;
	int si_errno;
	int si_code;			/* SI_USER, SI_KERNEL, SEGV_MAPERR, CLD_EXITED... */
	union {
		struct {		/* SI_USER, SI_TKILL */
			int pid;
			unsigned int uid;
		} kill;
		struct {		/* SIGCHLD */
			int pid;
			unsigned int uid;
			int status;	/* exit code, or the killing signal */
			long utime, stime;	/* clock ticks */
		} sigchld;
		struct {		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
			void *addr;	/* a user address */
		} sigfault;
	};
} kernel_siginfo_t;

/* stack_t - an alternate signal stack, as sigaltstack() and uc_stack hold it. */
typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

/* sigqueue - one sent signal waiting on a task's pending list. */
struct sigqueue {
	struct list_head list;
	kernel_siginfo_t info;
};

/*
 * sigpending - a task's pending signals: the set, and the siginfo of each
 * instance (a standard signal is queued at most once; SIGRTMIN and above
 * queue every instance).
 */
struct sigpending {
	struct list_head list;
	sigset_t signal;
};

/* ksignal - the signal get_signal() dequeued, with its action and info. */
struct ksignal {
	struct k_sigaction ka;
	kernel_siginfo_t info;
	int sig;
};

static inline void sigemptyset(sigset_t *set)
{
	set->sig[0] = 0;
}

static inline void sigaddset(sigset_t *set, int sig)
{
	set->sig[0] |= 1UL << (sig - 1);
}

static inline void sigdelset(sigset_t *set, int sig)
{
	set->sig[0] &= ~(1UL << (sig - 1));
}

static inline bool sigismember(const sigset_t *set, int sig)
{
	return set->sig[0] & (1UL << (sig - 1));
}

#endif /* _LINUX_SIGNAL_TYPES_H */
