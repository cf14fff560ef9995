// SPDX-License-Identifier: GPL-2.0
/*
 * dumpstack.c - register dumps and call traces for oopses, BUG() and
 * WARN(). Mirrors arch/x86/kernel/dumpstack.c, dumpstack_64.c and
 * process_64.c's __show_regs().
 *
 * The call trace scans the stack the fault happened on (the boot stack, an
 * exception stack or the current task's stack, never beyond its bounds, so
 * a corrupted stack cannot fault inside the oops). With
 * CONFIG_FRAME_POINTER it follows the frame-pointer chain to tell reliable
 * return addresses from leftovers (Linux's unwind_frame.c); without it (the
 * fast kernel) every text address is a guess, printed with "? " (Linux's
 * unwind_guess.c).
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <asm/stacktrace.h>
#include <asm/desc.h>
#include <asm/ptrace.h>
#include <asm/processor.h>
#include <asm/traps.h>

extern char init_stack[], init_stack_top[];

static bool in_range(unsigned long addr, unsigned long begin, unsigned long end,
		     const char *name, struct stack_info *info)
{
	if (addr < begin || addr >= end)
		return false;
	info->name = name;
	info->begin = begin;
	info->end = end;
	return true;
}

/**
 * get_stack_info - which kernel stack does @addr lie on?
 * @addr: an address (typically a frame pointer)
 * @info: filled with the stack's name and bounds
 */
bool get_stack_info(unsigned long addr, struct stack_info *info)
{
	static const char *const ist_names[N_EXCEPTION_STACKS] = { "#DF", "NMI", "#MC" };

	for (int i = 0; i < N_EXCEPTION_STACKS; i++)
		if (in_range(addr, (unsigned long)exception_stacks[i],
			     (unsigned long)exception_stacks[i] + EXCEPTION_STKSZ,
			     ist_names[i], info))
			return true;
	if (in_range(addr, (unsigned long)init_stack, (unsigned long)init_stack_top,
		     "boot", info))
		return true;
	return task_stack_info(current, addr, info);
}

static bool kernel_text_address(unsigned long addr)
{
	extern char _text[], _etext[];

	return addr >= (unsigned long)_text && addr < (unsigned long)_etext;
}

/**
 * show_trace - print the call trace of a stack
 * @sp: the stack pointer to start scanning at
 * @bp: the frame pointer of the innermost frame
 *
 * Like Linux's show_trace_log_lvl(): every word on the stack between @sp
 * and the stack's top that looks like a kernel text address is printed.
 * Those found where the frame-pointer chain says a return address is are
 * reliable; the others (a leaf function's caller, which has no frame of
 * its own yet, or stale values) are printed with "? ". Without
 * CONFIG_FRAME_POINTER, @bp is any register value and there is no chain:
 * every line is a "? ".
 */
void show_trace(unsigned long sp, unsigned long bp)
{
	struct stack_info info;
	unsigned long *frame = (unsigned long *)bp;

#ifndef CONFIG_FRAME_POINTER
	frame = NULL;		/* the guess unwinder: no chain to follow */
#endif
	pr_emerg("Call Trace:\n");
	if (!get_stack_info(sp, &info))
		return;
	for (unsigned long *p = (unsigned long *)sp; (unsigned long)(p + 1) <= info.end; p++) {
		unsigned long addr = *p;
		bool reliable = frame && p == frame + 1;

		if (reliable && frame[0] > (unsigned long)frame)
			frame = (unsigned long *)frame[0];
		if (!kernel_text_address(addr))
			continue;
		pr_emerg(" [<%016lx>] %s%pB\n", addr, reliable ? "" : "? ", (void *)addr);
	}
}

/**
 * show_regs - print all registers, the faulting function and a call trace
 * @regs: the registers of an exception
 */
void show_regs(struct pt_regs *regs)
{
	struct task_struct *tsk = current;

	pr_emerg("CPU: 0 PID: %d Comm: %s Pagoda %s\n", tsk ? tsk->pid : 0,
		 tsk ? tsk->comm : "swapper", PAGODA_VERSION);
	pr_emerg("RIP: %04lx:%pS\n", regs->cs, (void *)regs->ip);
	pr_emerg("RSP: %04lx:%016lx EFLAGS: %08lx\n", regs->ss, regs->sp, regs->flags);
	pr_emerg("RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->ax, regs->bx, regs->cx);
	pr_emerg("RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->dx, regs->si, regs->di);
	pr_emerg("RBP: %016lx R08: %016lx R09: %016lx\n", regs->bp, regs->r8, regs->r9);
	pr_emerg("R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11, regs->r12);
	pr_emerg("R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14, regs->r15);
	pr_emerg("CR0: %016lx CR2: %016lx CR3: %016lx\n", read_cr0(), read_cr2(), read_cr3());
	pr_emerg("CR4: %016lx vector: %lu error_code: %04lx\n", read_cr4(), regs->vector,
		 regs->orig_ax);
	if (!user_mode(regs)) {
		pr_emerg(" [<%016lx>] %pS (faulting instruction)\n", regs->ip, (void *)regs->ip);
		show_trace(regs->sp, regs->bp);
	}
}

/* dump_stack - print where we are: the calling task and its call trace. */
void dump_stack(void)
{
	struct task_struct *tsk = current;

	pr_emerg("CPU: 0 PID: %d Comm: %s Pagoda %s\n", tsk ? tsk->pid : 0,
		 tsk ? tsk->comm : "swapper", PAGODA_VERSION);
	show_trace(current_stack_pointer(), (unsigned long)__builtin_frame_address(0));
}
