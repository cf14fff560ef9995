/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stacktrace.h - kernel stacks and frame-pointer unwinding. Mirrors
 * arch/x86/include/asm/stacktrace.h.
 *
 * With CONFIG_FRAME_POINTER (the debuggable kernel, built with
 * -fno-omit-frame-pointer) every function starts with push %rbp; mov
 * %rsp,%rbp, so [rbp] is the caller's rbp and [rbp+8] the return address:
 * following the chain gives the call trace. Without it (the fast kernel)
 * the trace is a scan of the stack for text addresses.
 */
#ifndef _ASM_X86_STACKTRACE_H
#define _ASM_X86_STACKTRACE_H

#include <linux/types.h>

struct stack_info {
	const char *name;
	unsigned long begin;
	unsigned long end;
};

bool get_stack_info(unsigned long addr, struct stack_info *info);
bool kernel_stack_guard_hit(unsigned long addr);
struct task_struct;
bool task_stack_info(struct task_struct *tsk, unsigned long addr, struct stack_info *info);
void show_trace(unsigned long sp, unsigned long bp);

static inline unsigned long current_stack_pointer(void)
{
	unsigned long sp;

	__asm__ volatile("mov %%rsp, %0" : "=r"(sp));
	return sp;
}

#endif /* _ASM_X86_STACKTRACE_H */
