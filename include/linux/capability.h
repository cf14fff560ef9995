/* SPDX-License-Identifier: GPL-2.0 */
/*
 * capability.h - the capabilities that checks in Pagoda name, and
 * capable(). Mirrors include/linux/capability.h and
 * include/uapi/linux/capability.h; capable() is in kernel/cred.c.
 */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H

#include <linux/types.h>

/* The capabilities Pagoda checks, and the highest one (Linux 6.12's). */
#define CAP_KILL		5
#define CAP_SETGID		6
#define CAP_SETUID		7
#define CAP_SETPCAP		8
#define CAP_IPC_LOCK		14	/* mlock() beyond RLIMIT_MEMLOCK */
#define CAP_SYS_PTRACE		19	/* ptrace_may_access() of another user's process */
#define CAP_SYS_ADMIN		21
#define CAP_SYS_RESOURCE	24
#define CAP_LAST_CAP		40	/* CAP_CHECKPOINT_RESTORE */
#define CAP_FULL_SET		((1ULL << (CAP_LAST_CAP + 1)) - 1)

typedef u64 kernel_cap_t;

bool capable(int cap);

#endif /* _LINUX_CAPABILITY_H */
