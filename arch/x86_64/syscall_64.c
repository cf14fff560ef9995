// SPDX-License-Identifier: GPL-2.0
/*
 * syscall_64.c - the system call table and its dispatcher. Mirrors
 * arch/x86/entry/syscall_64.c, arch/x86/entry/common.c (do_syscall_64)
 * and syscall_init() of arch/x86/kernel/cpu/common.c.
 *
 * The table is indexed by Linux's x86-64 numbers. Every entry is a weak
 * reference to __x64_sys_<name>: a call nobody implements resolves to
 * NULL and returns -ENOSYS -- the job Linux's COND_SYSCALL() weak aliases
 * to sys_ni_syscall do. Implementing a call is just SYSCALL_DEFINEn(name)
 * anywhere in the kernel.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/syscalls.h>
#include <linux/signal.h>
#include <asm/process.h>
#include <asm/processor.h>
#include <asm/irqflags.h>
#include <asm/segment.h>

#define __SYSCALL(nr, name) \
	extern long __x64_sys_##name(const struct pt_regs *regs) __attribute__((weak));
#include <asm/syscall_table.h>
#undef __SYSCALL

#define __SYSCALL(nr, name) [nr] = __x64_sys_##name,
static const sys_call_ptr_t sys_call_table[] = {
#include <asm/syscall_table.h>
};
#undef __SYSCALL

/**
 * do_syscall_64 - run the system call whose number is in orig_ax
 * @regs: the user registers saved by entry_SYSCALL_64
 *
 * The number is the low 32 bits of rax, as an int (Linux's
 * do_syscall_64() takes an int nr): the high half is ignored and a
 * negative number is no call. The result goes to regs->ax, then
 * exit_to_user_mode() reschedules and acts on signals before the entry
 * code returns to user space.
 */
void do_syscall_64(struct pt_regs *regs)
{
	int nr = regs->orig_ax;
	unsigned int unr = nr;
	sys_call_ptr_t fn = NULL;

	local_irq_enable();
	if (unr < ARRAY_SIZE(sys_call_table))
		fn = sys_call_table[unr];
	regs->ax = fn ? fn(regs) : -ENOSYS;
	local_irq_disable();
	exit_to_user_mode(regs);
}

/**
 * syscall_init - program the SYSCALL instruction's MSRs
 *
 * STAR gives the kernel code segment SYSCALL loads (and the base SYSRET
 * would use), LSTAR the entry point, FMASK the RFLAGS bits cleared on
 * entry: interrupts stay off until the entry code has switched stacks.
 */
void syscall_init(void)
{
	extern char entry_SYSCALL_64[];

	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_TF | X86_EFLAGS_DF | X86_EFLAGS_IF |
	      X86_EFLAGS_IOPL | X86_EFLAGS_AC | X86_EFLAGS_NT);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
