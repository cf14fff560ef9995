// SPDX-License-Identifier: GPL-2.0
/*
 * serial.c - 16550 UART driver for COM1 (I/O port 0x3f8, IRQ 4).
 * Mirrors drivers/tty/serial/8250/8250_port.c and 8250_early.c.
 *
 * Output is polled: wait for the transmit holding register to empty, write
 * the byte (and "\r" before every "\n" for terminals). Input is
 * interrupt-driven: IRQ 4 fires when a byte arrives and the handler passes
 * every waiting byte to the registered receiver (the tty line discipline).
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/serial.h>

#define COM1		0x3f8
#define UART_RX		0	/* receive buffer (DLAB=0) */
#define UART_TX		0	/* transmit holding (DLAB=0) */
#define UART_DLL	0	/* divisor low (DLAB=1) */
#define UART_IER	1	/* interrupt enable (DLAB=0) */
#define UART_DLM	1	/* divisor high (DLAB=1) */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */

#define UART_IER_RDI	0x01	/* interrupt when data is received */
#define UART_LCR_WLEN8	0x03
#define UART_LCR_DLAB	0x80
#define UART_FCR_ENABLE	0xc7	/* enable and clear FIFOs, 14-byte trigger */
#define UART_MCR_DTR_RTS_OUT2 0x0b	/* OUT2 gates the IRQ line */
#define UART_LSR_DR	0x01	/* receive data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */

#define BAUD_BASE	115200
#define BAUD		115200

static void (*rx_handler)(unsigned char c);

void serial_putc(char c)
{
	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE))
		;
	outb(c, COM1 + UART_TX);
}

static void serial_console_write(const char *s, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_putc('\r');
		serial_putc(s[i]);
	}
}

static struct console serial_console = {
	.name = "ttyS0",
	.write = serial_console_write,
};

/* serial_init - 115200 baud, 8N1, FIFOs on, then register the console. */
void serial_init(void)
{
	unsigned int divisor = BAUD_BASE / BAUD;

	outb(0, COM1 + UART_IER);
	outb(UART_LCR_DLAB, COM1 + UART_LCR);
	outb(divisor & 0xff, COM1 + UART_DLL);
	outb(divisor >> 8, COM1 + UART_DLM);
	outb(UART_LCR_WLEN8, COM1 + UART_LCR);
	outb(UART_FCR_ENABLE, COM1 + UART_FCR);
	outb(UART_MCR_DTR_RTS_OUT2, COM1 + UART_MCR);
	register_console(&serial_console);
}

void serial_set_rx_handler(void (*handler)(unsigned char c))
{
	rx_handler = handler;
}

static void serial_interrupt(int irq, void *dev_id)
{
	while (inb(COM1 + UART_LSR) & UART_LSR_DR) {
		unsigned char c = inb(COM1 + UART_RX);

		if (rx_handler)
			rx_handler(c);
	}
}

/* serial_enable_rx_irq - deliver received bytes through IRQ 4. */
void serial_enable_rx_irq(void)
{
	request_irq(COM1_IRQ, serial_interrupt, "serial", NULL);
	outb(UART_IER_RDI, COM1 + UART_IER);
	serial_interrupt(COM1_IRQ, NULL);	/* drain bytes that arrived before */
}
