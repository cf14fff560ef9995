/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sched_task.h - creating processes: clone flags and the fork/exec/exit
 * entry points. Mirrors include/linux/sched/task.h and
 * include/uapi/linux/sched.h (CLONE_* values are Linux's).
 */
#ifndef _LINUX_SCHED_TASK_H
#define _LINUX_SCHED_TASK_H

#include <linux/sched.h>
#include <linux/syscalls.h>

#define CSIGNAL			0x000000ff	/* signal sent to the parent at exit */
#define CLONE_VM		0x00000100	/* share the address space */
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_VFORK		0x00004000	/* the parent sleeps until exec or exit */
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000	/* the same process (thread group) */
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000

struct kernel_clone_args {
	unsigned long flags;
	int exit_signal;
	unsigned long stack;		/* new user stack pointer, or 0 */
	unsigned long tls;
	int __user *parent_tid;
	int __user *child_tid;
	int (*fn)(void *);		/* kernel thread function */
	void *fn_arg;
};

pid_t kernel_clone(struct kernel_clone_args *args);
void fork_init(void);
void mm_release(struct task_struct *tsk, struct mm_struct *mm);
void __cleanup_sighand(struct sighand_struct *sighand);
int unshare_sighand(void);
void release_task(struct task_struct *p);
struct task_struct *kthreadd_task(void);
extern struct task_struct *child_reaper;	/* init: adopts orphans */

#endif /* _LINUX_SCHED_TASK_H */
