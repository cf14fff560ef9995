// SPDX-License-Identifier: GPL-2.0
/*
 * mem.c - the memory character devices of major 1: /dev/null (1:3),
 * /dev/zero (1:5), and /dev/random (1:8) and /dev/urandom (1:9), whose
 * methods are random.c's. Mirrors drivers/char/mem.c.
 */
#include <linux/fs.h>
#include <linux/bug.h>
#include <linux/random.h>
#include "internal.h"

#define MEM_MAJOR	1

/* null_lseek - any seek on /dev/null lands at 0. */
static loff_t null_lseek(struct file *file, loff_t offset, int whence)
{
	return file->f_pos = 0;
}

static ssize_t read_iter_null(struct kiocb *iocb, struct iov_iter *to)
{
	return 0;
}

/* write_iter_null - everything written is accepted and discarded. */
static ssize_t write_iter_null(struct kiocb *iocb, struct iov_iter *from)
{
	size_t count = iov_iter_count(from);

	from->count = 0;
	return count;
}

static ssize_t read_iter_zero(struct kiocb *iocb, struct iov_iter *to)
{
	size_t want = iov_iter_count(to);
	size_t done = iov_iter_zero(want, to);

	return done ? done : want ? -EFAULT : 0;
}

static const struct file_operations null_fops = {
	.llseek = null_lseek,
	.read_iter = read_iter_null,
	.write_iter = write_iter_null,
};

static const struct file_operations zero_fops = {
	.llseek = null_lseek,
	.read_iter = read_iter_zero,
	.write_iter = write_iter_null,
};

/* chr_dev_init - register the memory devices. */
void chr_dev_init(void)
{
	BUG_ON(__register_chrdev(MEM_MAJOR, 3, 1, "null", &null_fops));
	BUG_ON(__register_chrdev(MEM_MAJOR, 5, 1, "zero", &zero_fops));
	BUG_ON(__register_chrdev(MEM_MAJOR, 8, 2, "random", &random_fops));
}
