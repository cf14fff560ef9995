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
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include <asm/fpu.h>

#define SI_USER		0
#define SI_KERNEL	0x80
#define SEGV_MAPERR	1	/* address not mapped */
#define SEGV_ACCERR	2	/* no permission */
#define BUS_ADRERR	2

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

struct user_stack_t {
	void __user *ss_sp;
	int ss_flags;
	size_t ss_size;
};

struct ucontext {
	unsigned long uc_flags;
	struct ucontext __user *uc_link;
	struct user_stack_t uc_stack;
	struct sigcontext_64 uc_mcontext;
	sigset_t uc_sigmask;
};

struct siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad;
	union {
		struct { int pid; unsigned int uid; } kill;
		void __user *addr;		/* SIGSEGV, SIGBUS, SIGILL, SIGFPE */
		char __size[128 - 16];
	};
};

struct rt_sigframe {
	unsigned long pretcode;
	struct ucontext uc;
	struct siginfo info;
};

_Static_assert(sizeof(struct siginfo) == 128, "siginfo is 128 bytes");
_Static_assert(sizeof(struct sigcontext_64) == 256, "sigcontext is 256 bytes");

/*
 * fill_siginfo - what happened: a page fault at an address, another CPU
 * exception at an instruction, or a signal sent by kill() (Pagoda does not
 * record the sender: si_pid is 0).
 */
static void fill_siginfo(struct siginfo *info, int sig, struct pt_regs *regs)
{
	struct thread_struct *t = &current->thread;

	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = SI_USER;
	if (t->trap_nr == X86_TRAP_PF && (sig == SIGSEGV || sig == SIGBUS)) {
		info->si_code = sig == SIGBUS ? BUS_ADRERR :
				(t->error_code & X86_PF_PROT) ? SEGV_ACCERR : SEGV_MAPERR;
		info->addr = (void __user *)t->cr2;
	} else if (t->trap_nr != (unsigned long)-1) {
		info->si_code = SI_KERNEL;
		info->addr = (void __user *)regs->ip;	/* the faulting instruction */
	}
}

static void save_sigcontext(struct sigcontext_64 *sc, struct pt_regs *regs,
			    unsigned long fpstate)
{
	struct thread_struct *t = &current->thread;

	*sc = (struct sigcontext_64){
		.r8 = regs->r8, .r9 = regs->r9, .r10 = regs->r10, .r11 = regs->r11,
		.r12 = regs->r12, .r13 = regs->r13, .r14 = regs->r14, .r15 = regs->r15,
		.di = regs->di, .si = regs->si, .bp = regs->bp, .bx = regs->bx,
		.dx = regs->dx, .ax = regs->ax, .cx = regs->cx, .sp = regs->sp,
		.ip = regs->ip, .flags = regs->flags, .cs = regs->cs, .ss = regs->ss,
		.err = t->error_code, .trapno = t->trap_nr, .cr2 = t->cr2,
		.oldmask = current->blocked.sig[0], .fpstate = fpstate,
	};
}

/**
 * setup_rt_frame - make the task run @sa's handler for @sig on return
 * @sig: the signal
 * @sa: its action (handler, flags, restorer, mask)
 * @regs: the user registers, changed to enter the handler
 *
 * Return: 0, or -EFAULT if the frame could not be written (the caller
 * then kills the task with SIGSEGV, as Linux's signal_setup_done does).
 */
int setup_rt_frame(int sig, struct sigaction *sa, struct pt_regs *regs)
{
	unsigned long sp = regs->sp - 128, fpstate;
	struct rt_sigframe frame, __user *uframe;
	struct fxregs_state fx;

	if (!(sa->sa_flags & SA_RESTORER))
		return -EFAULT;
	fpstate = (sp - sizeof(fx)) & ~63UL;
	uframe = (struct rt_sigframe __user *)(((fpstate - sizeof(frame)) & ~15UL) - 8);

	memset(&frame, 0, sizeof(frame));
	frame.pretcode = (unsigned long)sa->sa_restorer;
	save_sigcontext(&frame.uc.uc_mcontext, regs, fpstate);
	frame.uc.uc_sigmask = current->blocked;
	frame.uc.uc_stack.ss_flags = 2;		/* SS_DISABLE: no sigaltstack */
	fill_siginfo(&frame.info, sig, regs);
	fxsave(&fx);				/* the user's live FPU registers */
	if (copy_to_user((void __user *)fpstate, &fx, sizeof(fx)) ||
	    copy_to_user(uframe, &frame, sizeof(frame)))
		return -EFAULT;

	regs->di = sig;
	regs->si = (unsigned long)&uframe->info;
	regs->dx = (unsigned long)&uframe->uc;
	regs->ax = 0;
	regs->sp = (unsigned long)uframe;
	regs->ip = (unsigned long)sa->sa_handler;
	regs->flags &= ~(X86_EFLAGS_DF | X86_EFLAGS_TF);
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	current->thread.trap_nr = -1;
	return 0;
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
	return regs->ax;	/* do_syscall_64 stores it back in ax */
}
