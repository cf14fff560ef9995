// SPDX-License-Identifier: GPL-2.0
/*
 * traps.c - CPU exceptions (vectors 0-31) and the entry point from
 * entry_64.asm for every vector. Mirrors arch/x86/kernel/traps.c.
 *
 * An exception in user mode becomes a signal for the task (user_exception()
 * in kernel/signal.c decides what the task sees). An exception in the kernel
 * is a bug unless the instruction has an exception-table fixup: die()
 * prints the exception's name, error code, RIP, CR2, all registers and a
 * symbolised backtrace, then panics, which powers QEMU off with a non-zero
 * status.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <asm/traps.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/irqflags.h>
#include <asm/stacktrace.h>

struct trap_info {
	const char *name;
	const char *mnemonic;
	int signo;		/* what a user-mode occurrence sends */
	int si_code;		/* with this si_code and the address of the
				   instruction; 0: SI_KERNEL, no address */
};

static const struct trap_info traps[NR_EXCEPTION_VECTORS] = {
	[X86_TRAP_DE] = { "divide error", "#DE", SIGFPE, FPE_INTDIV },
	[X86_TRAP_DB] = { "debug", "#DB", SIGTRAP },
	[X86_TRAP_NMI] = { "non-maskable interrupt", "NMI", 0 },
	[X86_TRAP_BP] = { "int3", "#BP", SIGTRAP },
	[X86_TRAP_OF] = { "overflow", "#OF", SIGSEGV },
	[X86_TRAP_BR] = { "bounds", "#BR", SIGSEGV },
	[X86_TRAP_UD] = { "invalid opcode", "#UD", SIGILL, ILL_ILLOPN },
	[X86_TRAP_NM] = { "device not available", "#NM", SIGSEGV },
	[X86_TRAP_DF] = { "double fault", "#DF", SIGSEGV },
	[X86_TRAP_OLD_MF] = { "coprocessor segment overrun", "#MF", SIGFPE },
	[X86_TRAP_TS] = { "invalid TSS", "#TS", SIGSEGV },
	[X86_TRAP_NP] = { "segment not present", "#NP", SIGBUS },
	[X86_TRAP_SS] = { "stack segment", "#SS", SIGBUS },
	[X86_TRAP_GP] = { "general protection fault", "#GP", SIGSEGV },
	[X86_TRAP_PF] = { "page fault", "#PF", SIGSEGV },
	[X86_TRAP_SPURIOUS] = { "spurious interrupt bug", "#SPUR", SIGSEGV },
	[X86_TRAP_MF] = { "coprocessor error", "#MF", SIGFPE },
	[X86_TRAP_AC] = { "alignment check", "#AC", SIGBUS },
	[X86_TRAP_MC] = { "machine check", "#MC", SIGBUS },
	[X86_TRAP_XF] = { "SIMD coprocessor error", "#XF", SIGFPE },
	[X86_TRAP_VE] = { "virtualization exception", "#VE", SIGSEGV },
	[X86_TRAP_CP] = { "control protection fault", "#CP", SIGSEGV },
	[22 ... 27] = { "reserved", "#RES", SIGSEGV },
	[X86_TRAP_HV] = { "hypervisor injection", "#HV", SIGSEGV },
	[X86_TRAP_VC] = { "VMM communication", "#VC", SIGSEGV },
	[X86_TRAP_SX] = { "security exception", "#SX", SIGSEGV },
	[31] = { "reserved", "#RES", SIGSEGV },
};

const char *trap_name(unsigned int trapnr)
{
	return trapnr < NR_EXCEPTION_VECTORS ? traps[trapnr].name : "interrupt";
}

static int die_counter;

/**
 * die - report a fatal kernel exception and panic
 * @str: what happened ("Oops", "general protection fault", ...)
 * @regs: the registers at the exception
 * @err: the error code
 */
void die(const char *str, struct pt_regs *regs, long err)
{
	local_irq_disable();
	if (oops_in_progress++) {
		pr_emerg("Fatal exception while reporting a fatal exception (%s)\n", str);
		machine_power_off(PANIC_EXIT_STATUS);
	}
	pr_emerg("%s: %04lx [#%d]\n", str, err, ++die_counter);
	show_regs(regs);
	panic("Fatal exception");
}

/* The report every kernel-mode exception starts with. */
static void report_exception(struct pt_regs *regs)
{
	const struct trap_info *t = &traps[regs->vector];

	pr_emerg("traps: %s (%s, vector %lu) error_code 0x%04lx at %pS\n",
		 t->name, t->mnemonic, regs->vector, regs->orig_ax, (void *)regs->ip);
}

/* do_error_trap - every exception other than #PF, #NMI and #DF. */
static void do_error_trap(struct pt_regs *regs)
{
	const struct trap_info *t = &traps[regs->vector];

	if (user_mode(regs)) {
		user_exception(regs, t->signo, t->si_code, regs->vector, regs->orig_ax);
		return;
	}
	if (fixup_exception(regs))
		return;
	report_exception(regs);
	die(t->name, regs, regs->orig_ax);
}

static void exc_nmi(struct pt_regs *regs)
{
	pr_warn("NMI received at %pS; ignoring\n", (void *)regs->ip);
}

static void exc_double_fault(struct pt_regs *regs)
{
	unsigned long cr2 = read_cr2();	/* the push that faulted, as Linux checks */
	unsigned long begin = (unsigned long)current->stack;

	report_exception(regs);
	if (kernel_stack_guard_hit(cr2))
		pr_emerg("BUG: task stack guard page was hit at %016lx (stack is %016lx..%016lx)\n",
			 cr2, begin, begin + THREAD_SIZE);
	die("double fault", regs, regs->orig_ax);
}

/**
 * handle_interrupt - the C entry for every IDT vector
 * @regs: the registers saved by common_interrupt
 *
 * Exceptions go to their handlers, vectors 0x20-0x2f to the legacy IRQ
 * handlers. On the way back to user mode, exit_to_user_mode() gives the
 * scheduler and pending signals their chance.
 */
void handle_interrupt(struct pt_regs *regs)
{
	switch (regs->vector) {
	case X86_TRAP_PF:
		exc_page_fault(regs, regs->orig_ax);
		break;
	case X86_TRAP_NMI:
		exc_nmi(regs);
		break;
	case X86_TRAP_DF:
		exc_double_fault(regs);
		break;
	case 0 ... X86_TRAP_NMI - 1:
	case X86_TRAP_NMI + 1 ... X86_TRAP_DF - 1:
	case X86_TRAP_DF + 1 ... X86_TRAP_PF - 1:
	case X86_TRAP_PF + 1 ... NR_EXCEPTION_VECTORS - 1:
		do_error_trap(regs);
		break;
	default:
		do_IRQ(regs);
		break;
	}
	if (user_mode(regs))
		exit_to_user_mode(regs);
}
