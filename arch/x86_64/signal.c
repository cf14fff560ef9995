// SPDX-License-Identifier: GPL-2.0
/*
 * signal.c - running a user signal handler and coming back from it.
 * Mirrors arch/x86/kernel/signal.c and signal_64.c (x64_setup_rt_frame,
 * sys_rt_sigreturn).
 *
 * To run a handler the kernel pushes an rt_sigframe on the user stack
 * (below the 128-byte red zone), with the interrupted registers, signal
 * mask and FPU state inside a ucontext, then points the registers at the
 * handler: rdi = signal, rsi = &siginfo, rdx = &ucontext, and the return
 * address at the frame's top is the sa_restorer the C library registered
 * (SA_RESTORER is mandatory on x86-64), which calls rt_sigreturn. That
 * system call reads the frame back and resumes where the signal struck.
 * An SA_ONSTACK handler gets its frame on the sigaltstack() stack instead.
 *
 * A system call that a signal interrupted returned -ERESTART*: before the
 * handler runs it is either failed with -EINTR or set up to run again
 * (RIP back over the `syscall` instruction, RAX = its number), by the
 * rules of arch_do_signal_or_restart() below.
 *
 *   high   | interrupted stack ... |
 *          | red zone (128 bytes)  |
 *          | fxsave area (512, 64-byte aligned) <- sigcontext.fpstate
 *          | siginfo (128)         |
 *          | ucontext              |  uc_flags, uc_link, uc_stack, sigcontext, sigmask
 *   sp --> | pretcode (restorer)   |
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <asm/process.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include <asm/fpu.h>

/* The user-visible layouts (Linux's uapi asm/sigcontext.h, asm/ucontext.h, siginfo.h). */
struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp;
	u64 ip, flags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;		/* user address of the fxsave image */
	u64 reserved1[8];
};

struct ucontext {
	unsigned long uc_flags;
	struct ucontext __user *uc_link;
	stack_t uc_stack;
	struct sigcontext_64 uc_mcontext;
	sigset_t uc_sigmask;
};

/* siginfo_t: the kernel's siginfo, padded to 128 bytes. */
struct siginfo {
	kernel_siginfo_t info;
	char __pad[128 - sizeof(kernel_siginfo_t)];
};

struct rt_sigframe {
	unsigned long pretcode;
	struct ucontext uc;
	struct siginfo info;
};

_Static_assert(sizeof(struct siginfo) == 128, "siginfo is 128 bytes");
_Static_assert(sizeof(struct sigcontext_64) == 256, "sigcontext is 256 bytes");

static void save_sigcontext(struct sigcontext_64 *sc, struct pt_regs *regs,
			    unsigned long fpstate, unsigned long oldmask)
{
	struct thread_struct *t = &current->thread;

	*sc = (struct sigcontext_64){
		.r8 = regs->r8, .r9 = regs->r9, .r10 = regs->r10, .r11 = regs->r11,
		.r12 = regs->r12, .r13 = regs->r13, .r14 = regs->r14, .r15 = regs->r15,
		.di = regs->di, .si = regs->si, .bp = regs->bp, .bx = regs->bx,
		.dx = regs->dx, .ax = regs->ax, .cx = regs->cx, .sp = regs->sp,
		.ip = regs->ip, .flags = regs->flags, .cs = regs->cs, .ss = regs->ss,
		.err = t->error_code, .trapno = t->trap_nr, .cr2 = t->cr2,
		.oldmask = oldmask, .fpstate = fpstate,
	};
}

/*
 * get_sigframe - where the frame goes: below the red zone of the
 * interrupted stack, or at the top of the alternate stack for an
 * SA_ONSTACK handler when the task is not already on it. A frame that
 * would overflow the alternate stack gets an address that cannot be
 * written, so the task dies of SIGSEGV (Linux does the same).
 */
static unsigned long get_sigframe(struct ksignal *ksig, struct pt_regs *regs,
				  unsigned long *fpstate)
{
	bool nested_altstack = on_sig_stack(regs->sp), entering_altstack = false;
	unsigned long sp = regs->sp - 128;

	if ((ksig->ka.sa.sa_flags & SA_ONSTACK) && sas_ss_flags(sp) == 0) {
		sp = current->sas_ss_sp + current->sas_ss_size;
		entering_altstack = true;
	}
	*fpstate = (sp - sizeof(struct fxregs_state)) & ~63UL;
	sp = ((*fpstate - sizeof(struct rt_sigframe)) & ~15UL) - 8;
	if ((nested_altstack || entering_altstack) && !__on_sig_stack(sp)) {
		pr_info("%s[%d] overflowed sigaltstack\n", current->comm, current->pid);
		return -1UL;
	}
	return sp;
}

/**
 * setup_rt_frame - make the task run @ksig's handler on return
 * @ksig: the signal, its action and siginfo
 * @regs: the user registers, changed to enter the handler
 *
 * Return: 0, or -EFAULT if the frame could not be written (the caller
 * then kills the task with SIGSEGV, as Linux's signal_setup_done does).
 */
static int setup_rt_frame(struct ksignal *ksig, struct pt_regs *regs)
{
	struct rt_sigframe frame, __user *uframe;
	unsigned long fpstate, sp;
	struct fxregs_state fx;

	if (!(ksig->ka.sa.sa_flags & SA_RESTORER))
		return -EFAULT;
	sp = get_sigframe(ksig, regs, &fpstate);
	if (sp == -1UL)
		return -EFAULT;
	uframe = (struct rt_sigframe __user *)sp;

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = (unsigned long)ksig->ka.sa.sa_restorer;
	frame.uc.uc_sigmask = *sigmask_to_save();
	save_sigcontext(&frame.uc.uc_mcontext, regs, fpstate, frame.uc.uc_sigmask.sig[0]);
	frame.info.info = ksig->info;
	fxsave(&fx);				/* the user's live FPU registers */
	if (copy_to_user((void __user *)fpstate, &fx, sizeof(fx)) ||
	    copy_to_user(uframe, &frame, sizeof(frame)) || __save_altstack(&uframe->uc.uc_stack))
		return -EFAULT;

	regs->di = ksig->sig;
	regs->si = (unsigned long)&uframe->info;
	regs->dx = (unsigned long)&uframe->uc;
	regs->ax = 0;
	regs->sp = sp;
	regs->ip = (unsigned long)ksig->ka.sa.sa_handler;
	regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_TF);
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	return 0;
}

/* syscall_get_nr - the system call @regs entered the kernel for, or -1. */
static long syscall_get_nr(struct pt_regs *regs)
{
	return regs->vector == SYSCALL_VECTOR ? (long)regs->orig_ax : -1;
}

/* Run the system call again: back over the two-byte `syscall` instruction. */
static void restart_syscall_insn(struct pt_regs *regs)
{
	regs->ax = regs->orig_ax;
	regs->ip -= 2;
}

/*
 * handle_signal - a handler will run: first settle an interrupted system
 * call (restart it after an SA_RESTART handler if it returned
 * -ERESTARTSYS, always for -ERESTARTNOINTR, else fail it with -EINTR),
 * then push the frame.
 */
static void handle_signal(struct ksignal *ksig, struct pt_regs *regs)
{
	if (syscall_get_nr(regs) != -1) {
		switch ((long)regs->ax) {
		case -ERESTARTNOHAND:
			regs->ax = -EINTR;
			break;
		case -ERESTARTSYS:
			if (!(ksig->ka.sa.sa_flags & SA_RESTART)) {
				regs->ax = -EINTR;
				break;
			}
			fallthrough;
		case -ERESTARTNOINTR:
			restart_syscall_insn(regs);
			break;
		}
	}
	signal_setup_done(setup_rt_frame(ksig, regs), ksig);
}

/**
 * arch_do_signal_or_restart - act on pending signals on the way to user mode
 * @regs: the user registers
 *
 * Runs the next handler, or, when no handler is left to run, restarts a
 * system call a signal interrupted and puts back sigsuspend()'s mask.
 */
void arch_do_signal_or_restart(struct pt_regs *regs)
{
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		handle_signal(&ksig, regs);
		return;
	}
	if (syscall_get_nr(regs) != -1) {
		switch ((long)regs->ax) {
		case -ERESTARTNOHAND:
		case -ERESTARTSYS:
		case -ERESTARTNOINTR:
			restart_syscall_insn(regs);
			break;
		}
	}
	restore_saved_sigmask();
}

/* The flags a handler may change on return (Linux's FIX_EFLAGS). */
#define FIX_EFLAGS (X86_EFLAGS_AC | X86_EFLAGS_OF | X86_EFLAGS_DF | X86_EFLAGS_TF | \
		    X86_EFLAGS_SF | X86_EFLAGS_ZF | X86_EFLAGS_AF | X86_EFLAGS_PF | \
		    X86_EFLAGS_CF | X86_EFLAGS_RF)

static int restore_sigcontext(struct pt_regs *regs, const struct sigcontext_64 *sc)
{
	struct fxregs_state fx;
	u32 mxcsr;

	regs->r8 = sc->r8; regs->r9 = sc->r9; regs->r10 = sc->r10; regs->r11 = sc->r11;
	regs->r12 = sc->r12; regs->r13 = sc->r13; regs->r14 = sc->r14; regs->r15 = sc->r15;
	regs->di = sc->di; regs->si = sc->si; regs->bp = sc->bp; regs->bx = sc->bx;
	regs->dx = sc->dx; regs->ax = sc->ax; regs->cx = sc->cx; regs->sp = sc->sp;
	regs->ip = sc->ip;
	regs->flags = (regs->flags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS);
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	if (!sc->fpstate)
		return 0;
	if (copy_from_user(&fx, (void __user *)sc->fpstate, sizeof(fx)))
		return -EFAULT;
	/* Reserved MXCSR bits would make fxrstor fault in the kernel. */
	memcpy(&mxcsr, fx.bytes + FXSAVE_MXCSR_OFFSET, sizeof(mxcsr));
	mxcsr &= 0xffff;
	memcpy(fx.bytes + FXSAVE_MXCSR_OFFSET, &mxcsr, sizeof(mxcsr));
	fxrstor(&fx);
	return 0;
}

/* rt_sigreturn - the restorer's system call: resume where the signal struck. */
SYSCALL_DEFINE0(rt_sigreturn)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe __user *uframe = (struct rt_sigframe __user *)(regs->sp - 8);
	struct rt_sigframe frame;

	if (copy_from_user(&frame, uframe, sizeof(frame)) ||
	    restore_sigcontext(regs, &frame.uc.uc_mcontext)) {
		force_sig(SIGSEGV);
		return 0;
	}
	set_current_blocked(&frame.uc.uc_sigmask);
	if (restore_altstack(&uframe->uc.uc_stack)) {
		force_sig(SIGSEGV);
		return 0;
	}
	regs->orig_ax = -1;	/* the restored ax is no system call's result */
	return regs->ax;	/* do_syscall_64 stores it back in ax */
}
