/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptrace.h - may one task look into another? Mirrors the access-check part
 * of include/linux/ptrace.h (Pagoda has no ptrace(2) itself); the check
 * is in kernel/ptrace.c.
 */
#ifndef _LINUX_PTRACE_H
#define _LINUX_PTRACE_H

#include <linux/types.h>

struct task_struct;

#define PTRACE_MODE_READ	0x01	/* look (e.g. /proc/PID/environ) */
#define PTRACE_MODE_ATTACH	0x02	/* read and write its memory */
#define PTRACE_MODE_FSCREDS	0x08	/* compare the caller's fsuid/fsgid */
#define PTRACE_MODE_REALCREDS	0x10	/* compare its real uid/gid */

#define PTRACE_MODE_ATTACH_FSCREDS	(PTRACE_MODE_ATTACH | PTRACE_MODE_FSCREDS)
#define PTRACE_MODE_ATTACH_REALCREDS	(PTRACE_MODE_ATTACH | PTRACE_MODE_REALCREDS)

bool ptrace_may_access(struct task_struct *task, unsigned int mode);

#endif /* _LINUX_PTRACE_H */
