// SPDX-License-Identifier: GPL-2.0
/*
 * printk.c - the kernel log: format, keep in a ring buffer, write to the
 * consoles. Mirrors kernel/printk/printk.c (one CPU, no deferred printing).
 *
 * Every message is also kept in log_buf (inspect it from GDB with
 * `pagoda-dmesg`), each line as syslog(2) gives it: "<level>[time] text".
 * A line's timestamp comes from local_clock(), which reads 0 until the TSC
 * is calibrated.
 *
 * syslog(2) (klogctl(), what dmesg reads) copies from the ring: READ_ALL
 * the newest whole lines that fit, READ takes the unread ones and waits
 * for more. Linux keeps records; Pagoda keeps text, so the oldest line
 * the ring overwrote in part is skipped.
 */
#include <linux/printk.h>
#include <linux/sprintf.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/time.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
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

		if (at_line_start) {
			log_store(prefix, scnprintf(prefix, sizeof(prefix), "<%d>", level));
			emit(prefix, printk_prefix(prefix, sizeof(prefix)), to_console);
		}
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

/* --- syslog(2) --- */

#define SYSLOG_ACTION_CLOSE		0
#define SYSLOG_ACTION_OPEN		1
#define SYSLOG_ACTION_READ		2
#define SYSLOG_ACTION_READ_ALL		3
#define SYSLOG_ACTION_READ_CLEAR	4
#define SYSLOG_ACTION_CLEAR		5
#define SYSLOG_ACTION_CONSOLE_OFF	6
#define SYSLOG_ACTION_CONSOLE_ON	7
#define SYSLOG_ACTION_CONSOLE_LEVEL	8
#define SYSLOG_ACTION_SIZE_UNREAD	9
#define SYSLOG_ACTION_SIZE_BUFFER	10

#define MINIMUM_CONSOLE_LOGLEVEL	1

static unsigned long syslog_next;	/* what READ has consumed */
static unsigned long clear_next;	/* READ_ALL starts here (CLEAR moves it) */
static int saved_console_loglevel = -1;	/* while CONSOLE_OFF */

/* log_oldest - the first byte still in the ring at or after @pos. */
static unsigned long log_oldest(unsigned long pos)
{
	return max(pos, log_next > LOG_BUF_LEN ? log_next - LOG_BUF_LEN : 0UL);
}

/* copy_log - copy the log's bytes [@from, @to) to @buf. */
static int copy_log(char __user *buf, unsigned long from, unsigned long to)
{
	for (unsigned long pos = from; pos < to;) {
		unsigned long off = pos % LOG_BUF_LEN, n = min(to - pos, LOG_BUF_LEN - off);

		if (copy_to_user(buf + (pos - from), log_buf + off, n))
			return -EFAULT;
		pos += n;
	}
	return to - from;
}

/* syslog_read - READ: wait for unread text, take up to @len bytes of it. */
static int syslog_read(char __user *buf, int len)
{
	unsigned long from, to;
	int ret;

	/* printk() may run anywhere and wakes no one: look again each tick. */
	while ((from = log_oldest(syslog_next)) == log_next) {
		if (signal_pending(current))
			return -ERESTARTSYS;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(1);
	}
	to = min(log_next, from + len);
	ret = copy_log(buf, from, to);
	if (ret > 0)
		syslog_next = to;
	return ret;
}

/* syslog_print_all - READ_ALL: the newest whole lines since the last CLEAR that fit in @len. */
static int syslog_print_all(char __user *buf, int len, bool clear)
{
	unsigned long end = log_next, from = log_oldest(clear_next);
	int ret;

	if (from != clear_next || end - from > (unsigned long)len) {
		if (end - from > (unsigned long)len)
			from = end - len;
		while (from < end && log_buf[(from - 1) % LOG_BUF_LEN] != '\n')
			from++;		/* start at a line */
	}
	ret = copy_log(buf, from, end);
	if (ret >= 0 && clear)
		clear_next = end;
	return ret;
}

/**
 * do_syslog - syslog(2)'s actions on the kernel log, in Linux's order of
 * checks: a reader's buffer (-EINVAL for none or a negative length, 0 for
 * none wanted, -EFAULT for a bad one), the console level (1..8).
 */
static int do_syslog(int type, char __user *buf, int len)
{
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(buf, len))
			return -EFAULT;
		if (type == SYSLOG_ACTION_READ)
			return syslog_read(buf, len);
		return syslog_print_all(buf, len, type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		clear_next = log_next;
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel == -1)
			saved_console_loglevel = console_loglevel;
		console_loglevel = MINIMUM_CONSOLE_LOGLEVEL;
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel != -1) {
			console_loglevel = saved_console_loglevel;
			saved_console_loglevel = -1;
		}
		return 0;
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = max(len, MINIMUM_CONSOLE_LOGLEVEL);
		saved_console_loglevel = -1;
		return 0;
	case SYSLOG_ACTION_SIZE_UNREAD:
		return log_next - log_oldest(syslog_next);
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(syslog, int, type, char __user *, buf, int, len)
{
	return do_syslog(type, buf, len);
}
