/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pid.h - process IDs. Mirrors include/linux/pid.h (one namespace, no
 * struct pid: a pid is a number, looked up in a hash table).
 */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H

#include <linux/types.h>

#define PID_MAX_DEFAULT 32768
#define PID_MAX_LIMIT	(4 * 1024 * 1024)	/* pid_max can go no higher */
#define RESERVED_PIDS	300			/* after wrapping, PIDs start above these */

extern int pid_max;				/* /proc/sys/kernel/pid_max */

struct task_struct;

/* Whom a signal is for: one thread, or its whole process (any thread may take it). */
enum pid_type {
	PIDTYPE_PID,
	PIDTYPE_TGID,
};

pid_t alloc_pid(struct task_struct *task);
void free_pid(struct task_struct *task);
void exchange_tids(struct task_struct *left, struct task_struct *right);

#endif /* _LINUX_PID_H */
