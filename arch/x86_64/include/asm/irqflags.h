/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqflags.h - enabling, disabling and saving the interrupt flag. Mirrors
 * arch/x86/include/asm/irqflags.h and include/linux/irqflags.h. On our single
 * CPU, disabling interrupts is what a spinlock does too.
 */
#ifndef _ASM_X86_IRQFLAGS_H
#define _ASM_X86_IRQFLAGS_H

#include <asm/processor-flags.h>

static inline unsigned long native_save_fl(void)
{
	unsigned long flags;

	__asm__ volatile("pushfq; popq %0" : "=rm"(flags) : : "memory");
	return flags;
}

static inline void local_irq_disable(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ volatile("sti" : : : "memory");
}

static inline int irqs_disabled(void)
{
	return !(native_save_fl() & X86_EFLAGS_IF);
}

#define local_irq_save(flags)				\
	do {						\
		(flags) = native_save_fl();		\
		local_irq_disable();			\
	} while (0)

#define local_irq_restore(flags)			\
	do {						\
		if ((flags) & X86_EFLAGS_IF)		\
			local_irq_enable();		\
	} while (0)

#endif /* _ASM_X86_IRQFLAGS_H */
