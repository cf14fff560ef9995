// SPDX-License-Identifier: GPL-2.0
/*
 * idt.c - the Interrupt Descriptor Table. Mirrors arch/x86/kernel/idt.c.
 *
 * All 256 vectors point to the stubs in entry_64.asm. Every gate is an
 * interrupt gate (interrupts off on entry). The double fault, NMI and
 * machine check run on their own IST stacks (see gdt.c); the breakpoint
 * gate has DPL 3 so that int3 works from user mode.
 */
#include <linux/kernel.h>
#include <asm/desc.h>
#include <asm/segment.h>
#include <asm/traps.h>

extern const unsigned long irq_entries_table[256];

static struct gate_struct idt_table[256] __aligned(4096);

static void set_gate(unsigned int vector, unsigned long addr, unsigned int ist,
		     unsigned int dpl)
{
	struct gate_struct *g = &idt_table[vector];

	g->offset_low = addr & 0xffff;
	g->segment = __KERNEL_CS;
	g->ist = ist;
	g->type_attr = GATE_PRESENT | (dpl << 5) | GATE_INTERRUPT;
	g->offset_middle = (addr >> 16) & 0xffff;
	g->offset_high = addr >> 32;
	g->reserved = 0;
}

/**
 * idt_setup - fill the IDT and load it
 */
void idt_setup(void)
{
	struct desc_ptr idt_descr = { sizeof(idt_table) - 1, (u64)idt_table };

	for (unsigned int v = 0; v < 256; v++)
		set_gate(v, irq_entries_table[v], 0, 0);
	set_gate(X86_TRAP_DF, irq_entries_table[X86_TRAP_DF], IST_INDEX_DF + 1, 0);
	set_gate(X86_TRAP_NMI, irq_entries_table[X86_TRAP_NMI], IST_INDEX_NMI + 1, 0);
	set_gate(X86_TRAP_MC, irq_entries_table[X86_TRAP_MC], IST_INDEX_MCE + 1, 0);
	set_gate(X86_TRAP_BP, irq_entries_table[X86_TRAP_BP], 0, 3);
	__asm__ volatile("lidt %0" : : "m"(idt_descr));
}
