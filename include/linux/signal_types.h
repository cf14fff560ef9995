/* SPDX-License-Identifier: GPL-2.0 */
/*
 * signal_types.h - signal sets and actions as user space passes them to
 * rt_sigprocmask() and rt_sigaction() on x86-64. Mirrors
 * include/linux/signal_types.h and arch/x86/include/uapi/asm/signal.h.
 */
#ifndef _LINUX_SIGNAL_TYPES_H
#define _LINUX_SIGNAL_TYPES_H

#include <linux/types.h>

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
