/* SPDX-License-Identifier: GPL-2.0 */
/*
 * seq_file.h - producing the text of a pseudo-file (/proc/meminfo ...)
 * into a buffer. Mirrors include/linux/seq_file.h (the show() half: the
 * whole text is produced at once, and a too-small buffer is retried with a
 * bigger one, as Linux's seq_read does).
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/stdarg.h>

struct seq_file {
	char *buf;
	size_t size;
	size_t count;		/* == size once the buffer has overflowed */
	void *private;
	size_t pad_until;	/* seq_setwidth(): where seq_pad() pads to */
};

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);

static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

/*
 * seq_setwidth - start a field of @size characters at the current end;
 * seq_pad - fill it up to that width with spaces, then write @c (if not
 * '\0'). /proc/PID/maps pads its lines this way so that the names start
 * in one column.
 */
static inline void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}

static inline void seq_pad(struct seq_file *m, char c)
{
	while (m->count < m->pad_until && !seq_has_overflowed(m))
		seq_putc(m, ' ');
	if (c)
		seq_putc(m, c);
}

/* A show function writes a pseudo-file's whole text into @m. */
typedef int (*seq_show_t)(struct seq_file *m, void *v);

/* Serving a file from one show() (kernel/fs/seq_read.c). */
struct file;
struct inode;
struct kiocb;
struct iov_iter;
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data);
int single_release(struct inode *inode, struct file *file);
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter);

#endif /* _LINUX_SEQ_FILE_H */
