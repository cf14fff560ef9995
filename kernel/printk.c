// SPDX-License-Identifier: GPL-2.0
/*
 * printk.c - the kernel log: format, keep in a ring buffer, write to the
 * consoles. Mirrors kernel/printk/printk.c (one CPU, no deferred printing).
 *
 * Every message is also kept in log_buf (inspect it from GDB with
 * `pagoda-dmesg`). A line's timestamp comes from local_clock(), which reads
 * 0 until the TSC is calibrated.
 */
#include <linux/printk.h>
#include <linux/sprintf.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/time.h>
#include <asm/irqflags.h>

#define LOG_BUF_LEN (64 * 1024)

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
char log_buf[LOG_BUF_LEN];
unsigned long log_next;		/* total bytes ever logged; log_buf[log_next % LEN] */
static struct console *console_drivers;
static bool at_line_start = true;
static int line_level;		/* level of the line being printed */

void register_console(struct console *con)
{
	con->next = console_drivers;
	console_drivers = con;
}

static void log_store(const char *s, unsigned int len)
{
	for (unsigned int i = 0; i < len; i++)
		log_buf[log_next++ % LOG_BUF_LEN] = s[i];
}

static void console_write(const char *s, unsigned int len)
{
	for (struct console *con = console_drivers; con; con = con->next)
		con->write(s, len);
}

static void emit(const char *s, unsigned int len, bool to_console)
{
	log_store(s, len);
	if (to_console)
		console_write(s, len);
}

/* printk_prefix - "[    1.234567] " for the current time. */
static unsigned int printk_prefix(char *buf, size_t size)
{
	u64 ns = local_clock();

	return scnprintf(buf, size, "[%5lu.%06lu] ", (unsigned long)(ns / 1000000000),
			 (unsigned long)(ns % 1000000000) / 1000);
}

/* Split @fmt's leading KERN_<LEVEL>; returns the level (or 'c' for KERN_CONT). */
static int printk_get_level(const char **fmt)
{
	int level = -1;

	while ((*fmt)[0] == KERN_SOH[0] && (*fmt)[1]) {
		char c = (*fmt)[1];

		if ((c >= '0' && c <= '7') || c == 'c')
			level = c == 'c' ? 'c' : c - '0';
		*fmt += 2;
	}
	return level;
}

int vprintk(const char *fmt, va_list args)
{
	static char text[1024];
	char prefix[32];
	unsigned long flags;
	int level, len;
	bool to_console;
	const char *p;

	local_irq_save(flags);
	level = printk_get_level(&fmt);
	if (level == 'c' && !at_line_start) {
		level = line_level;		/* KERN_CONT continues the open line */
	} else {
		if (!at_line_start)
			emit("\n", 1, line_level < console_loglevel);
		if (level < 0 || level == 'c')
			level = LOGLEVEL_DEFAULT;
	}
	line_level = level;
	to_console = level < console_loglevel;

	len = vscnprintf(text, sizeof(text), fmt, args);
	for (p = text; p < text + len;) {
		const char *nl = memchr(p, '\n', text + len - p);
		unsigned int n = nl ? nl - p + 1 : text + len - p;

		if (at_line_start)
			emit(prefix, printk_prefix(prefix, sizeof(prefix)), to_console);
		emit(p, n, to_console);
		at_line_start = nl != NULL;
		p += n;
	}
	local_irq_restore(flags);
	return len;
}

int printk(const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vprintk(fmt, args);
	va_end(args);
	return n;
}
