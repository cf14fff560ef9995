// SPDX-License-Identifier: GPL-2.0
/*
 * signal.c - signals. Mirrors kernel/signal.c.
 *
 * Boot stage: there is no user mode yet, so an exception "from user mode"
 * cannot happen; it is reported as a kernel bug.
 */
#include <linux/signal.h>
#include <linux/bug.h>
#include <asm/ptrace.h>

void user_exception(struct pt_regs *regs, int signo, unsigned long trapnr,
		    unsigned long error_code)
{
	BUG();
}

void exit_to_user_mode(struct pt_regs *regs)
{
}
