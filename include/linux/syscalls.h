/* SPDX-License-Identifier: GPL-2.0 */
/*
 * syscalls.h - defining system calls. Mirrors include/linux/syscalls.h and
 * arch/x86/include/asm/syscall_wrapper.h.
 *
 *   SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
 *   {
 *           ...
 *   }
 *
 * defines __x64_sys_read(const struct pt_regs *regs), which takes the
 * arguments from the registers the syscall instruction left them in
 * (rdi, rsi, rdx, r10, r8, r9) and calls the body with proper types. The
 * table in arch/x86_64/syscall_64.c maps Linux's x86-64 numbers to these;
 * every number without an entry returns -ENOSYS.
 */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/ptrace.h>

/* Marks pointers into user memory (documentation only: no sparse here). */
#ifndef __user
#define __user
#endif

typedef long (*sys_call_ptr_t)(const struct pt_regs *regs);

#define __SC_REG1 di
#define __SC_REG2 si
#define __SC_REG3 dx
#define __SC_REG4 r10
#define __SC_REG5 r8
#define __SC_REG6 r9

#define __MAP0(m, ...)
#define __MAP1(m, t, a, ...) m(1, t, a)
#define __MAP2(m, t, a, ...) m(1, t, a), __MAP1_2(m, __VA_ARGS__)
#define __MAP3(m, t, a, ...) m(1, t, a), __MAP2_3(m, __VA_ARGS__)
#define __MAP4(m, t, a, ...) m(1, t, a), __MAP3_4(m, __VA_ARGS__)
#define __MAP5(m, t, a, ...) m(1, t, a), __MAP4_5(m, __VA_ARGS__)
#define __MAP6(m, t, a, ...) m(1, t, a), __MAP5_6(m, __VA_ARGS__)
#define __MAP1_2(m, t, a, ...) m(2, t, a)
#define __MAP2_3(m, t, a, ...) m(2, t, a), __MAP1_3(m, __VA_ARGS__)
#define __MAP1_3(m, t, a, ...) m(3, t, a)
#define __MAP3_4(m, t, a, ...) m(2, t, a), __MAP2_4(m, __VA_ARGS__)
#define __MAP2_4(m, t, a, ...) m(3, t, a), __MAP1_4(m, __VA_ARGS__)
#define __MAP1_4(m, t, a, ...) m(4, t, a)
#define __MAP4_5(m, t, a, ...) m(2, t, a), __MAP3_5(m, __VA_ARGS__)
#define __MAP3_5(m, t, a, ...) m(3, t, a), __MAP2_5(m, __VA_ARGS__)
#define __MAP2_5(m, t, a, ...) m(4, t, a), __MAP1_5(m, __VA_ARGS__)
#define __MAP1_5(m, t, a, ...) m(5, t, a)
#define __MAP5_6(m, t, a, ...) m(2, t, a), __MAP4_6(m, __VA_ARGS__)
#define __MAP4_6(m, t, a, ...) m(3, t, a), __MAP3_6(m, __VA_ARGS__)
#define __MAP3_6(m, t, a, ...) m(4, t, a), __MAP2_6(m, __VA_ARGS__)
#define __MAP2_6(m, t, a, ...) m(5, t, a), __MAP1_6(m, __VA_ARGS__)
#define __MAP1_6(m, t, a, ...) m(6, t, a)

#define __SC_DECL(n, t, a) t a
#define __SC_ARG(n, t, a) (t)regs->__PASTE(__SC_REG, n)

#define SYSCALL_DEFINEx(x, name, ...)						\
	long __x64_sys_##name(const struct pt_regs *regs);			\
	static long __do_sys_##name(__MAP##x(__SC_DECL, __VA_ARGS__));		\
	long __x64_sys_##name(const struct pt_regs *regs)			\
	{									\
		return __do_sys_##name(__MAP##x(__SC_ARG, __VA_ARGS__));	\
	}									\
	static long __do_sys_##name(__MAP##x(__SC_DECL, __VA_ARGS__))

#define SYSCALL_DEFINE0(name)							\
	long __x64_sys_##name(const struct pt_regs *regs);			\
	static long __do_sys_##name(void);					\
	long __x64_sys_##name(const struct pt_regs *regs)			\
	{									\
		return __do_sys_##name();					\
	}									\
	static long __do_sys_##name(void)

#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) SYSCALL_DEFINEx(2, name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) SYSCALL_DEFINEx(3, name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) SYSCALL_DEFINEx(4, name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) SYSCALL_DEFINEx(5, name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) SYSCALL_DEFINEx(6, name, __VA_ARGS__)

#endif /* _LINUX_SYSCALLS_H */
