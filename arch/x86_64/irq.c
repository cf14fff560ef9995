// SPDX-License-Identifier: GPL-2.0
/*
 * irq.c - dispatching hardware interrupts to their handlers. Mirrors
 * kernel/irq/ (handle_irq, request_irq) and arch/x86/kernel/irq.c (do_IRQ),
 * for the 16 legacy lines of the 8259 PIC.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/errno.h>
#include <asm/irq.h>
#include <asm/traps.h>

struct irq_action {
	irq_handler_t handler;
	const char *name;
	void *dev_id;
};

static struct irq_action irq_actions[NR_LEGACY_IRQS];
unsigned long irq_counts[NR_LEGACY_IRQS];
unsigned long irq_nesting;		/* > 0 while in a hardware interrupt */
static struct pt_regs *irq_regs;	/* the registers the current IRQ interrupted */

/* get_irq_regs - inside an IRQ handler, what it interrupted (user or kernel?). */
struct pt_regs *get_irq_regs(void)
{
	return irq_regs;
}

/**
 * request_irq - install the handler for a legacy IRQ line and unmask it
 * @irq: line 0-15
 * @handler: called with interrupts disabled
 * @name: shown in diagnostics
 * @dev_id: passed to @handler
 */
int request_irq(unsigned int irq, irq_handler_t handler, const char *name, void *dev_id)
{
	if (irq >= NR_LEGACY_IRQS || irq_actions[irq].handler)
		return -EBUSY;
	irq_actions[irq] = (struct irq_action){ handler, name, dev_id };
	enable_8259A_irq(irq);
	return 0;
}

/* do_IRQ - handle vector FIRST_EXTERNAL_VECTOR + irq. */
void do_IRQ(struct pt_regs *regs)
{
	unsigned int irq = regs->vector - FIRST_EXTERNAL_VECTOR;
	struct irq_action *action;

	if (irq >= NR_LEGACY_IRQS) {
		pr_warn("irq: unexpected vector %lu\n", regs->vector);
		return;
	}
	if (spurious_8259A_irq(irq))
		return;
	irq_nesting++;
	irq_counts[irq]++;
	irq_regs = regs;
	action = &irq_actions[irq];
	if (action->handler)
		action->handler(irq, action->dev_id);
	eoi_8259A(irq);
	irq_nesting--;
}

void init_IRQ(void)
{
	init_8259A();
}
