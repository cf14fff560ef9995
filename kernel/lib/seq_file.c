// SPDX-License-Identifier: GPL-2.0
/*
 * seq_file.c - formatted output into a seq_file's buffer. Mirrors
 * fs/seq_file.c (the output half). Once the buffer is full, count is set to
 * size: the caller sees seq_has_overflowed() and retries with more room.
 */
#include <linux/seq_file.h>
#include <linux/sprintf.h>
#include <linux/string.h>

void seq_vprintf(struct seq_file *m, const char *fmt, va_list args)
{
	size_t room = m->size - m->count;
	int len;

	if (seq_has_overflowed(m))
		return;
	len = vsnprintf(m->buf + m->count, room, fmt, args);
	m->count = (size_t)len < room ? m->count + len : m->size;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	seq_vprintf(m, fmt, args);
	va_end(args);
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len >= m->size) {
		m->count = m->size;
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}
