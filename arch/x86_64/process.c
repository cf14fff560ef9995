// SPDX-License-Identifier: GPL-2.0
/*
 * process.c - the architecture's part of a task: its first stack frame,
 * the register switch, the user entry state after execve, and the TLS
 * base. Mirrors arch/x86/kernel/process.c, process_64.c.
 *
 * A task switched away from has, at thread.sp, an inactive_task_frame:
 * the callee-saved registers __switch_to_asm pops and the address it
 * returns to. copy_thread() forges one for a new task so that its first
 * switch-in "returns" into ret_from_fork_asm.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/errno.h>
#include <linux/uaccess.h>
#include <asm/process.h>
#include <asm/processor.h>
#include <asm/desc.h>
#include <asm/fpu.h>
#include <asm/segment.h>
#include <asm/percpu.h>
#include <uapi/linux/prctl.h>

/* The values entry_64.asm uses (asm/percpu.inc) must match the C ones. */
_Static_assert(__USER_DS == 0x2b && __USER_CS == 0x33, "asm/percpu.inc USER_DS/USER_CS");
_Static_assert(PCPU_TOP_OF_STACK == 8 && PCPU_USER_RSP == 16, "asm/percpu.inc offsets");

struct inactive_task_frame {
	unsigned long r15, r14, r13, r12, bx, bp;
	unsigned long ret_addr;
};

/**
 * copy_thread - set up a new task's kernel stack
 * @p: the new task (its stack allocated, task_struct copied from current)
 * @fn: for a kernel thread, the function to run; NULL for a user process
 * @arg: @fn's argument
 * @usp: for a user process, a new user stack pointer (clone), or 0
 *
 * A user child starts with a copy of the parent's user registers and
 * returns 0 from fork; a kernel thread starts with zeroed pt_regs, which
 * kernel_execve() fills if the thread becomes a user process.
 */
void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg, unsigned long usp)
{
	extern char ret_from_fork_asm[];
	struct pt_regs *childregs = task_pt_regs(p);
	struct inactive_task_frame *frame = (struct inactive_task_frame *)childregs - 1;

	memset(frame, 0, sizeof(*frame));
	frame->ret_addr = (unsigned long)ret_from_fork_asm;
	p->thread.sp = (unsigned long)frame;
	p->thread.trap_nr = -1;
	if (fn) {
		memset(childregs, 0, sizeof(*childregs));
		frame->bx = (unsigned long)fn;
		frame->r12 = (unsigned long)arg;
		return;
	}
	*childregs = *task_pt_regs(current);
	childregs->ax = 0;
	if (usp)
		childregs->sp = usp;
	if (current->mm)
		fxsave(&p->thread.fpu);		/* the parent's live user FPU state */
}

/**
 * __switch_to - the C half of the context switch (after the stack switch)
 * @prev: the task switched away from
 * @next: the task now running
 *
 * Saves prev's user FPU registers, loads next's with its TLS base, and
 * points the TSS and the SYSCALL entry at next's kernel stack.
 * Return: @prev, for finish_task_switch().
 */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next)
{
	unsigned long top = (unsigned long)next->stack + THREAD_SIZE;

	if (prev->mm)
		fxsave(&prev->thread.fpu);
	if (next->mm) {
		fxrstor(&next->thread.fpu);
		wrmsr(MSR_FS_BASE, next->thread.fsbase);
		wrmsr(MSR_KERNEL_GS_BASE, next->thread.gsbase);	/* user GS after swapgs */
	}
	if (prev->thread.notsc != next->thread.notsc)
		write_cr4(read_cr4() ^ X86_CR4_TSD);
	pcpu_hot.current_task = next;
	pcpu_hot.top_of_stack = top;
	update_task_stack(top);
	return prev;
}

/* get_tsc_mode - PR_GET_TSC: PR_TSC_ENABLE or PR_TSC_SIGSEGV into the int at @adr. */
int get_tsc_mode(unsigned long adr)
{
	unsigned int val = current->thread.notsc ? PR_TSC_SIGSEGV : PR_TSC_ENABLE;

	return put_user(val, (unsigned int __user *)adr);
}

/*
 * set_tsc_mode - PR_SET_TSC: with PR_TSC_SIGSEGV, rdtsc in this task
 * (and the children it forks; execve keeps it) raises #GP, hence SIGSEGV.
 */
int set_tsc_mode(unsigned int val)
{
	bool notsc = val == PR_TSC_SIGSEGV;

	if (val != PR_TSC_SIGSEGV && val != PR_TSC_ENABLE)
		return -EINVAL;
	if (notsc != current->thread.notsc)
		write_cr4(read_cr4() ^ X86_CR4_TSD);
	current->thread.notsc = notsc;
	return 0;
}

/**
 * start_thread - the user registers a new program starts with
 * @regs: the task's pt_regs
 * @ip: the entry point
 * @sp: the initial stack pointer (argc)
 */
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ip = ip;
	regs->sp = sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->flags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	current->thread.fsbase = 0;
	current->thread.gsbase = 0;
	current->thread.trap_nr = -1;
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	fpu_init_state(&current->thread.fpu);
	fxrstor(&current->thread.fpu);
}

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

/* arch_prctl - the FS base (musl's thread pointer) and the GS base. */
SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)
{
	switch (option) {
	case ARCH_SET_FS:
		if (arg2 >= TASK_SIZE_MAX)
			return -EPERM;
		current->thread.fsbase = arg2;
		wrmsr(MSR_FS_BASE, arg2);
		return 0;
	case ARCH_SET_GS:
		if (arg2 >= TASK_SIZE_MAX)
			return -EPERM;
		current->thread.gsbase = arg2;
		wrmsr(MSR_KERNEL_GS_BASE, arg2);
		return 0;
	case ARCH_GET_FS:
		return put_user(current->thread.fsbase, (unsigned long __user *)arg2);
	case ARCH_GET_GS:
		return put_user(current->thread.gsbase, (unsigned long __user *)arg2);
	default:
		return -EINVAL;
	}
}
