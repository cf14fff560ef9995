/* SPDX-License-Identifier: GPL-2.0 */
/*
 * traps.h - exception vectors and the handlers' interface. Mirrors
 * arch/x86/include/asm/trapnr.h and traps.h.
 */
#ifndef _ASM_X86_TRAPS_H
#define _ASM_X86_TRAPS_H

#include <asm/ptrace.h>

#define X86_TRAP_DE	0	/* Divide-by-zero */
#define X86_TRAP_DB	1	/* Debug */
#define X86_TRAP_NMI	2	/* Non-maskable interrupt */
#define X86_TRAP_BP	3	/* Breakpoint */
#define X86_TRAP_OF	4	/* Overflow */
#define X86_TRAP_BR	5	/* Bound range exceeded */
#define X86_TRAP_UD	6	/* Invalid opcode */
#define X86_TRAP_NM	7	/* Device not available */
#define X86_TRAP_DF	8	/* Double fault */
#define X86_TRAP_OLD_MF	9	/* Coprocessor segment overrun */
#define X86_TRAP_TS	10	/* Invalid TSS */
#define X86_TRAP_NP	11	/* Segment not present */
#define X86_TRAP_SS	12	/* Stack segment fault */
#define X86_TRAP_GP	13	/* General protection fault */
#define X86_TRAP_PF	14	/* Page fault */
#define X86_TRAP_SPURIOUS 15	/* Reserved */
#define X86_TRAP_MF	16	/* x87 floating-point exception */
#define X86_TRAP_AC	17	/* Alignment check */
#define X86_TRAP_MC	18	/* Machine check */
#define X86_TRAP_XF	19	/* SIMD floating-point exception */
#define X86_TRAP_VE	20	/* Virtualization exception */
#define X86_TRAP_CP	21	/* Control protection exception */
#define X86_TRAP_HV	28	/* Hypervisor injection */
#define X86_TRAP_VC	29	/* VMM communication */
#define X86_TRAP_SX	30	/* Security exception */
#define NR_EXCEPTION_VECTORS 32

#define FIRST_EXTERNAL_VECTOR 0x20	/* the remapped PIC's IRQ 0 */
#define NR_LEGACY_IRQS	16

/* Page-fault error code bits (arch/x86/include/asm/trap_pf.h). */
#define X86_PF_PROT	(1UL << 0)	/* 0: not present, 1: protection */
#define X86_PF_WRITE	(1UL << 1)
#define X86_PF_USER	(1UL << 2)
#define X86_PF_RSVD	(1UL << 3)
#define X86_PF_INSTR	(1UL << 4)
#define X86_PF_PK	(1UL << 5)
#define X86_PF_SHSTK	(1UL << 6)

void handle_interrupt(struct pt_regs *regs);
void exc_page_fault(struct pt_regs *regs, unsigned long error_code);
__attribute__((__noreturn__)) void die(const char *str, struct pt_regs *regs, long err);
void show_regs(struct pt_regs *regs);
const char *trap_name(unsigned int trapnr);
int fixup_exception(struct pt_regs *regs);

#endif /* _ASM_X86_TRAPS_H */
