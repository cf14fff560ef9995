/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irq.h - the legacy (8259 PIC) interrupt lines and their handlers.
 * Mirrors arch/x86/include/asm/irq.h, i8259.h and include/linux/interrupt.h.
 *
 * IRQ n arrives on vector FIRST_EXTERNAL_VECTOR + n. Pagoda uses IRQ 0 (the
 * PIT timer) and IRQ 4 (COM1); all other lines stay masked.
 */
#ifndef _ASM_X86_IRQ_H
#define _ASM_X86_IRQ_H

#include <asm/ptrace.h>

#define TIMER_IRQ	0
#define COM1_IRQ	4

typedef void (*irq_handler_t)(int irq, void *dev_id);

int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *dev_id);
void do_IRQ(struct pt_regs *regs);
void init_IRQ(void);
struct pt_regs *get_irq_regs(void);
extern unsigned long irq_counts[16];
extern unsigned long irq_nesting;

/* The 8259A PIC (i8259.c). */
void init_8259A(void);
void enable_8259A_irq(unsigned int irq);
void disable_8259A_irq(unsigned int irq);
void eoi_8259A(unsigned int irq);
bool spurious_8259A_irq(unsigned int irq);

#endif /* _ASM_X86_IRQ_H */
