// SPDX-License-Identifier: GPL-2.0
/*
 * fault.c - the page-fault exception (#PF). Mirrors arch/x86/mm/fault.c.
 *
 * CR2 holds the faulting address, the error code says why (not present or
 * protection, read or write, user or kernel, instruction fetch). A kernel
 * fault on a user address from an instruction with an exception-table
 * fixup (copy_from_user and friends) resumes at the fixup; any other kernel
 * fault is an oops, reported Linux's way.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/panic.h>
#include <asm/traps.h>
#include <asm/processor.h>
#include <asm/page_types.h>

static void show_fault_oops(unsigned long error_code, unsigned long address)
{
	if (address < PAGE_SIZE)
		pr_alert("BUG: kernel NULL pointer dereference, address: %016lx\n", address);
	else
		pr_alert("BUG: unable to handle page fault for address: %016lx\n", address);
	pr_alert("#PF: %s %s in %s mode\n",
		 error_code & X86_PF_USER ? "user" : "supervisor",
		 error_code & X86_PF_INSTR ? "instruction fetch" :
		 error_code & X86_PF_WRITE ? "write access" : "read access",
		 error_code & X86_PF_USER ? "user" : "kernel");
	pr_alert("#PF: error_code(0x%04lx) - %s\n", error_code,
		 !(error_code & X86_PF_PROT) ? "not-present page" :
		 error_code & X86_PF_RSVD ? "reserved bit violation" :
		 "permissions violation");
}

/* page_fault_oops - a kernel fault nothing can fix. */
static void page_fault_oops(struct pt_regs *regs, unsigned long error_code,
			    unsigned long address)
{
	if (fixup_exception(regs))
		return;
	pr_emerg("traps: page fault (#PF, vector 14) error_code 0x%04lx at %pS\n",
		 error_code, (void *)regs->ip);
	show_fault_oops(error_code, address);
	die("Oops", regs, error_code);
}

/**
 * exc_page_fault - the #PF handler
 * @regs: registers at the fault
 * @error_code: the X86_PF_* bits pushed by the CPU
 */
void exc_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();

	page_fault_oops(regs, error_code, address);
}
