/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sched.h - the task (process or kernel thread) and `current`. Mirrors
 * include/linux/sched.h. This early version holds what the boot CPU's idle
 * task needs; the process subsystem extends it.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <asm/percpu.h>

#define TASK_COMM_LEN 16

struct task_struct {
	pid_t pid;
	char comm[TASK_COMM_LEN];
	void *stack;			/* lowest address of the kernel stack */
};

extern struct task_struct init_task;

static inline struct task_struct *get_current(void)
{
	return pcpu_hot.current_task;
}
#define current get_current()

#endif /* _LINUX_SCHED_H */
