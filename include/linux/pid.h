/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pid.h - process IDs. Mirrors include/linux/pid.h (one namespace, no
 * struct pid: a pid is a number, looked up in a hash table).
 */
#ifndef _LINUX_PID_H
#define _LINUX_PID_H

#include <linux/types.h>

#define PID_MAX_DEFAULT 32768

struct task_struct;

pid_t alloc_pid(struct task_struct *task);
void free_pid(struct task_struct *task);

#endif /* _LINUX_PID_H */
