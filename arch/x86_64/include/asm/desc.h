/* SPDX-License-Identifier: GPL-2.0 */
/*
 * desc.h - descriptor tables: GDT entries, IDT gates and the 64-bit TSS.
 * Mirrors arch/x86/include/asm/desc_defs.h, desc.h and processor.h's
 * struct x86_hw_tss.
 */
#ifndef _ASM_X86_DESC_H
#define _ASM_X86_DESC_H

#include <linux/types.h>
#include <linux/compiler.h>

struct desc_ptr {
	u16 size;
	u64 address;
} __packed;

/* An IDT gate: handler address, code segment, IST index, type, DPL. */
struct gate_struct {
	u16 offset_low;
	u16 segment;
	u8 ist;
	u8 type_attr;		/* P | DPL | 0 | type (0xe: interrupt gate) */
	u16 offset_middle;
	u32 offset_high;
	u32 reserved;
} __packed;

#define GATE_INTERRUPT 0xe
#define GATE_PRESENT 0x80

/* The hardware task-state segment: only the stack pointers matter. */
struct x86_hw_tss {
	u32 reserved1;
	u64 sp0;		/* kernel stack for interrupts from user mode */
	u64 sp1;
	u64 sp2;
	u64 reserved2;
	u64 ist[7];		/* Interrupt Stack Table: IST1..IST7 */
	u32 reserved3;
	u32 reserved4;
	u16 reserved5;
	u16 io_bitmap_base;
} __packed;

/* IST slots (1-based in the gate, 0-based in x86_hw_tss.ist[]). */
#define IST_INDEX_DF	0	/* double fault */
#define IST_INDEX_NMI	1
#define IST_INDEX_MCE	2
#define N_EXCEPTION_STACKS 3
#define EXCEPTION_STKSZ 8192

extern struct x86_hw_tss cpu_tss;
extern char exception_stacks[N_EXCEPTION_STACKS][EXCEPTION_STKSZ];

void cpu_init_gdt(void);
void idt_setup(void);

/* update_task_stack - the kernel stack the CPU switches to from user mode. */
static inline void update_task_stack(unsigned long sp0)
{
	cpu_tss.sp0 = sp0;
}

#endif /* _ASM_X86_DESC_H */
