// SPDX-License-Identifier: GPL-2.0
/*
 * fault.c - the page-fault exception (#PF). Mirrors arch/x86/mm/fault.c.
 *
 * CR2 holds the faulting address, the error code says why (not present or
 * protection, read or write, user or kernel, instruction fetch). A fault
 * on a user address -- from the program, or from the kernel copying to or
 * from user memory -- goes to the VMA that covers it: handle_mm_fault()
 * (mm/memory.c) maps a page on demand or breaks copy-on-write. An address
 * no VMA permits is a "bad area": the program gets SIGSEGV with Linux's
 * `segfault at` line (si_code SEGV_MAPERR or SEGV_ACCERR); a page past the
 * end of a mapped file is SIGBUS (BUS_ADRERR, do_sigbus()); no memory for
 * the page is SIGKILL with "Out of memory: Killed process". A kernel copy
 * routine in any of these cases resumes at its exception-table fixup (the
 * system call returns -EFAULT). Any other kernel fault is an oops,
 * reported Linux's way.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/panic.h>
#include <asm/traps.h>
#include <asm/processor.h>
#include <asm/page_types.h>
#include <asm/irqflags.h>
#include <linux/sched.h>
#include <linux/mm.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/fs.h>
#include <linux/string.h>

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

#define OPCODE_BUFSIZE	64
#define OPCODE_PROLOGUE	42

/* show_opcodes - the "Code:" line: the bytes around the faulting user ip. */
static void show_opcodes(struct pt_regs *regs)
{
	unsigned long prologue = regs->ip - OPCODE_PROLOGUE;
	u8 opcodes[OPCODE_BUFSIZE];

	if (copy_from_user(opcodes, (void __user *)prologue, sizeof(opcodes))) {
		pr_info("Code: Unable to access opcode bytes at 0x%lx.\n", prologue);
		return;
	}
	printk(KERN_INFO "Code: ");
	for (int i = 0; i < OPCODE_BUFSIZE; i++) {
		if (i == OPCODE_PROLOGUE)
			pr_cont("<%02x> ", opcodes[i]);
		else
			pr_cont("%02x ", opcodes[i]);
	}
	pr_cont("\n");
}

/* print_vma_addr - " in prog[start+size]" when @ip is in a file mapping. */
static void print_vma_addr(unsigned long ip)
{
	struct vm_area_struct *vma = current->mm ? find_vma(current->mm, ip) : NULL;
	char buf[64];
	const char *name;

	if (!vma || vma->vm_start > ip || !vma->vm_file)
		return;
	name = file_path(vma->vm_file, buf, sizeof(buf));
	if (IS_ERR(name))
		return;
	pr_cont(" in %s[%lx+%lx]", kbasename(name), vma->vm_start, vma->vm_end - vma->vm_start);
}

/* show_signal_msg - Linux's log line for a program killed by a bad access. */
static void show_signal_msg(struct pt_regs *regs, unsigned long error_code,
			    unsigned long address)
{
	printk(KERN_INFO "%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx",
	       current->comm, current->pid, address, regs->ip, regs->sp, error_code);
	print_vma_addr(regs->ip);
	pr_cont(" likely on CPU 0 (core 0, socket 0)\n");
	show_opcodes(regs);
}

/* record_user_fault - the fault the signal's sigcontext reports (cr2, trapno, err). */
static void record_user_fault(unsigned long error_code, unsigned long address)
{
	current->thread.cr2 = address;
	current->thread.trap_nr = X86_TRAP_PF;
	current->thread.error_code = error_code;
}

/*
 * bad_area - no VMA allows this access: SIGSEGV for a program (@si_code
 * SEGV_MAPERR: nothing mapped there; SEGV_ACCERR: the VMA forbids it),
 * fixup or oops for the kernel.
 */
static void bad_area(struct pt_regs *regs, unsigned long error_code, unsigned long address,
		     int si_code)
{
	if (!user_mode(regs)) {
		page_fault_oops(regs, error_code, address);
		return;
	}
	record_user_fault(error_code, address);
	if (current->sighand->action[SIGSEGV - 1].sa.sa_handler == SIG_DFL)
		show_signal_msg(regs, error_code, address);
	force_sig_fault(SIGSEGV, si_code, address);
}

/* access_error - does @vma forbid the access described by @error_code? */
static bool access_error(unsigned long error_code, struct vm_area_struct *vma)
{
	if (error_code & X86_PF_WRITE)
		return !(vma->vm_flags & VM_WRITE);
	if (error_code & X86_PF_PROT)		/* read or fetch of a present page */
		return true;
	return !(vma->vm_flags & (VM_READ | VM_WRITE | VM_EXEC));
}

/* fault_flags - the FAULT_FLAG_* for handle_mm_fault(). */
static unsigned int fault_flags(struct pt_regs *regs, unsigned long error_code)
{
	unsigned int flags = 0;

	if (error_code & X86_PF_WRITE)
		flags |= FAULT_FLAG_WRITE;
	if (user_mode(regs))
		flags |= FAULT_FLAG_USER;
	if (error_code & X86_PF_INSTR)
		flags |= FAULT_FLAG_INSTRUCTION;
	return flags;
}

/* smap_violation - the kernel touched user memory outside a stac/clac window. */
static bool smap_violation(struct pt_regs *regs, unsigned long error_code)
{
	extern bool smap_enabled;

	return smap_enabled && !(error_code & X86_PF_USER) && !(regs->flags & X86_EFLAGS_AC);
}

/*
 * do_sigbus - the VMA allows the access but there is nothing to map
 * (a file page beyond the end of the file): SIGBUS, si_code BUS_ADRERR,
 * si_addr the address, as Linux's do_sigbus().
 */
static void do_sigbus(struct pt_regs *regs, unsigned long error_code, unsigned long address)
{
	record_user_fault(error_code, address);
	force_sig_fault(SIGBUS, BUS_ADRERR, address);
}

/**
 * do_user_addr_fault - a fault on a user-space address
 * @regs: registers at the fault
 * @error_code: the X86_PF_* bits
 * @address: CR2
 */
static void do_user_addr_fault(struct pt_regs *regs, unsigned long error_code,
			       unsigned long address)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	vm_fault_t fault;

	if (!user_mode(regs) && ((error_code & X86_PF_INSTR) || smap_violation(regs, error_code))) {
		page_fault_oops(regs, error_code, address);
		return;
	}
	if (!mm || (error_code & X86_PF_RSVD)) {
		bad_area(regs, error_code, address, SEGV_MAPERR);
		return;
	}
	if (regs->flags & X86_EFLAGS_IF)
		local_irq_enable();

	mmap_read_lock(mm);
	vma = find_vma(mm, address);
	if (vma && vma->vm_start > address &&
	    (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, address)))
		vma = NULL;
	if (!vma || access_error(error_code, vma)) {
		mmap_read_unlock(mm);
		bad_area(regs, error_code, address, vma ? SEGV_ACCERR : SEGV_MAPERR);
		return;
	}
	fault = handle_mm_fault(vma, address, fault_flags(regs, error_code));
	mmap_read_unlock(mm);
	if (!(fault & VM_FAULT_ERROR))
		return;
	if (!user_mode(regs)) {
		page_fault_oops(regs, error_code, address);
	} else if (fault & VM_FAULT_OOM) {
		pr_err("Out of memory: Killed process %d (%s)\n", current->pid, current->comm);
		force_sig(SIGKILL);
	} else if (fault & VM_FAULT_SIGBUS) {
		do_sigbus(regs, error_code, address);
	} else {
		bad_area(regs, error_code, address, SEGV_MAPERR);
	}
}

/**
 * exc_page_fault - the #PF handler
 * @regs: registers at the fault
 * @error_code: the X86_PF_* bits pushed by the CPU
 */
void exc_page_fault(struct pt_regs *regs, unsigned long error_code)
{
	unsigned long address = read_cr2();

	if (address < TASK_SIZE_MAX)
		do_user_addr_fault(regs, error_code, address);
	else if (user_mode(regs))
		bad_area(regs, error_code, address, SEGV_MAPERR);
	else
		page_fault_oops(regs, error_code, address);
}
