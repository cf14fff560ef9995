/* SPDX-License-Identifier: GPL-2.0 */
/*
 * process.h - the architecture's task hooks (arch/x86_64/process.c).
 */
#ifndef _ASM_X86_PROCESS_H
#define _ASM_X86_PROCESS_H

#include <asm/ptrace.h>

#define SYSCALL_VECTOR 0x80	/* pt_regs.vector of a system call */

struct task_struct;

void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg, unsigned long usp);
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp);
void syscall_init(void);
void do_syscall_64(struct pt_regs *regs);
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);
struct task_struct *__switch_to_asm(struct task_struct *prev, struct task_struct *next);
int get_tsc_mode(unsigned long adr);
int set_tsc_mode(unsigned int val);

#endif /* _ASM_X86_PROCESS_H */
