/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ptrace.h - struct pt_regs, the registers saved on the kernel stack at
 * every interrupt, exception and system call. Same order as Linux's
 * (arch/x86/include/asm/ptrace.h) except for @vector, which our common
 * entry stub pushes so one C function can dispatch every vector.
 */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

#ifndef __ASSEMBLER__
struct pt_regs {
	unsigned long r15;
	unsigned long r14;
	unsigned long r13;
	unsigned long r12;
	unsigned long bp;
	unsigned long bx;
	unsigned long r11;
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long ax;
	unsigned long cx;
	unsigned long dx;
	unsigned long si;
	unsigned long di;
	unsigned long vector;	/* interrupt vector, or 0x80|syscall marker */
	unsigned long orig_ax;	/* error code, or syscall number */
	/* Pushed by the CPU: */
	unsigned long ip;
	unsigned long cs;
	unsigned long flags;
	unsigned long sp;
	unsigned long ss;
};

static inline int user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}
#endif

#endif /* _ASM_X86_PTRACE_H */
