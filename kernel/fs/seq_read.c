// SPDX-License-Identifier: GPL-2.0
/*
 * seq_read.c - reading a pseudo-file whose text a show() function writes
 * into a seq_file: the read half of fs/seq_file.c (single_open(),
 * seq_read_iter(), seq_lseek(), single_release()). The formatting half is
 * kernel/lib/seq_file.c.
 *
 * The whole text is produced into a buffer of one page; if show() overflows
 * it, the buffer is doubled and show() runs again, as Linux's seq_read()
 * does. The text is kept with the open file: reads at any offset are served
 * from it, and a read at offset 0 produces it afresh -- so a program that
 * reads a file in pieces sees one consistent text, and one that preads
 * offset 0 again sees new values.
 */
#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include "internal.h"

struct seq_private {
	int (*show)(struct seq_file *m, void *v);
	struct seq_file m;	/* m.buf holds the text, m.count its length */
};

/**
 * single_open - open @file as a seq_file showing @show's text
 * @data: given to @show as m->private
 */
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data)
{
	struct seq_private *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return -ENOMEM;
	p->show = show;
	p->m.private = data;
	file->private_data = p;
	return 0;
}

/* seq_fill - run show() into a buffer big enough for all of its text. */
static int seq_fill(struct seq_private *p)
{
	size_t size = p->m.size ? p->m.size : PAGE_SIZE;

	for (;;) {
		int err;

		kfree(p->m.buf);
		p->m.buf = kmalloc(size, GFP_KERNEL);
		p->m.size = p->m.buf ? size : 0;
		p->m.count = 0;
		if (!p->m.buf)
			return -ENOMEM;
		err = p->show(&p->m, NULL);
		if (err)
			return err;
		if (!seq_has_overflowed(&p->m))
			return 0;
		size *= 2;
	}
}

/* seq_read_iter - read the text at iocb->ki_pos (produced anew at 0). */
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter)
{
	struct seq_private *p = iocb->ki_filp->private_data;
	int err;

	if (!iocb->ki_pos || !p->m.buf) {
		err = seq_fill(p);
		if (err)
			return err;
	}
	return simple_read_iter_from_buffer(iocb, iter, p->m.buf, p->m.count);
}

/* seq_lseek - SEEK_SET and SEEK_CUR only: the text has no size beforehand. */
loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (offset < 0)
		return -EINVAL;
	return file->f_pos = offset;
}

int single_release(struct inode *inode, struct file *file)
{
	struct seq_private *p = file->private_data;

	kfree(p->m.buf);
	kfree(p);
	return 0;
}
