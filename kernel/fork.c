// SPDX-License-Identifier: GPL-2.0
/*
 * fork.c - tasks and their kernel stacks. Mirrors kernel/fork.c.
 *
 * Boot stage: only init_task exists, the boot CPU's first task (it becomes
 * the idle task), running on the boot stack.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/stacktrace.h>

extern char init_stack[];

struct task_struct init_task = {
	.pid = 0,
	.comm = "swapper",
	.stack = init_stack,
};

/* task_stack_info - is @addr on @tsk's kernel stack? */
bool task_stack_info(struct task_struct *tsk, unsigned long addr, struct stack_info *info)
{
	return false;
}

/* kernel_stack_guard_hit - did a stack pointer run into a guard page? */
bool kernel_stack_guard_hit(unsigned long sp)
{
	return false;
}
