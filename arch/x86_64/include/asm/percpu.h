/* SPDX-License-Identifier: GPL-2.0 */
/*
 * percpu.h - the per-CPU data the entry code reaches through GS.
 * Mirrors arch/x86/include/asm/current.h's struct pcpu_hot.
 *
 * In the kernel, GS.base points to pcpu_hot; in user mode it holds the
 * user's GS base, and `swapgs` at every kernel entry/exit exchanges the two
 * (MSR_GS_BASE <-> MSR_KERNEL_GS_BASE). The SYSCALL entry has no stack of
 * its own: it stashes the user RSP in pcpu_hot.user_rsp and loads
 * pcpu_hot.top_of_stack. Pagoda runs on one CPU, so C code simply uses the
 * pcpu_hot variable; the offsets below are used by the assembler.
 */
#ifndef _ASM_X86_PERCPU_H
#define _ASM_X86_PERCPU_H

#define PCPU_SELF		0
#define PCPU_TOP_OF_STACK	8
#define PCPU_USER_RSP		16
#define PCPU_CURRENT_TASK	24
#define PCPU_PREEMPT_COUNT	32

#ifndef __ASSEMBLER__
struct task_struct;

struct pcpu_hot {
	struct pcpu_hot *self;
	unsigned long top_of_stack;	/* kernel stack top of the current task */
	unsigned long user_rsp;		/* scratch slot for the SYSCALL entry */
	struct task_struct *current_task;
	int preempt_count;		/* > 0: the current task must not be preempted */
};

extern struct pcpu_hot pcpu_hot;

void setup_per_cpu_areas(void);
#endif

#endif /* _ASM_X86_PERCPU_H */
