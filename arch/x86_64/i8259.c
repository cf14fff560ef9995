// SPDX-License-Identifier: GPL-2.0
/*
 * i8259.c - the pair of 8259A programmable interrupt controllers.
 * Mirrors arch/x86/kernel/i8259.c.
 *
 * At power-on the master PIC delivers IRQ 0-7 on vectors 8-15, which
 * collide with CPU exceptions, so init_8259A() remaps the master to
 * 0x20-0x27 and the slave to 0x28-0x2f and masks every line; drivers unmask
 * their line with enable_8259A_irq().
 */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/traps.h>

#define PIC_MASTER_CMD	0x20
#define PIC_MASTER_IMR	0x21
#define PIC_SLAVE_CMD	0xa0
#define PIC_SLAVE_IMR	0xa1
#define PIC_CASCADE_IR	2
#define PIC_EOI		0x20
#define PIC_READ_ISR	0x0b

static unsigned int cached_irq_mask = 0xffff;

static void write_masks(void)
{
	outb(cached_irq_mask & 0xff, PIC_MASTER_IMR);
	outb(cached_irq_mask >> 8, PIC_SLAVE_IMR);
}

void init_8259A(void)
{
	outb(0xff, PIC_MASTER_IMR);
	outb(0xff, PIC_SLAVE_IMR);

	outb(0x11, PIC_MASTER_CMD);	/* ICW1: edge, cascade, ICW4 follows */
	io_delay();
	outb(FIRST_EXTERNAL_VECTOR, PIC_MASTER_IMR);	/* ICW2: vector base */
	io_delay();
	outb(1 << PIC_CASCADE_IR, PIC_MASTER_IMR);	/* ICW3: slave on IR2 */
	io_delay();
	outb(0x01, PIC_MASTER_IMR);	/* ICW4: 8086 mode, normal EOI */
	io_delay();

	outb(0x11, PIC_SLAVE_CMD);
	io_delay();
	outb(FIRST_EXTERNAL_VECTOR + 8, PIC_SLAVE_IMR);
	io_delay();
	outb(PIC_CASCADE_IR, PIC_SLAVE_IMR);	/* ICW3: cascade identity */
	io_delay();
	outb(0x01, PIC_SLAVE_IMR);
	io_delay();

	cached_irq_mask = 0xffff & ~(1 << PIC_CASCADE_IR);
	write_masks();
}

void enable_8259A_irq(unsigned int irq)
{
	cached_irq_mask &= ~(1U << irq);
	write_masks();
}

void disable_8259A_irq(unsigned int irq)
{
	cached_irq_mask |= 1U << irq;
	write_masks();
}

void eoi_8259A(unsigned int irq)
{
	if (irq >= 8)
		outb(PIC_EOI, PIC_SLAVE_CMD);
	outb(PIC_EOI, PIC_MASTER_CMD);
}

/*
 * spurious_8259A_irq - IRQ 7 and 15 also arrive when a line deasserts too
 * early; the in-service register tells a real interrupt from a spurious one.
 */
bool spurious_8259A_irq(unsigned int irq)
{
	u16 port = irq >= 8 ? PIC_SLAVE_CMD : PIC_MASTER_CMD;

	if ((irq & 7) != 7)
		return false;
	outb(PIC_READ_ISR, port);
	if (inb(port) & 0x80)
		return false;
	if (irq >= 8)	/* the master saw a real cascade interrupt */
		outb(PIC_EOI, PIC_MASTER_CMD);
	return true;
}
