/* SPDX-License-Identifier: GPL-2.0 */
/*
 * serial.h - the 16550 UART on COM1: the kernel console and the terminal
 * the user types into. Mirrors drivers/tty/serial/8250/ (a tiny subset).
 */
#ifndef _ASM_X86_SERIAL_H
#define _ASM_X86_SERIAL_H

#include <linux/types.h>

void serial_init(void);
void serial_enable_rx_irq(void);
void serial_putc(char c);
/* Called from the interrupt handler for every received character. */
void serial_set_rx_handler(void (*handler)(unsigned char c));

#endif /* _ASM_X86_SERIAL_H */
