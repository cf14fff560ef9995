// SPDX-License-Identifier: GPL-2.0
/*
 * char_dev.c - character devices: which driver serves a device number.
 * Mirrors fs/char_dev.c (a table instead of struct cdev and kobj_map).
 *
 * A driver registers a range of minors of a major with its
 * file_operations. A device node's inode has def_chr_fops; opening it
 * looks the node's i_rdev up here and swaps in the driver's methods
 * (chrdev_open()), so /dev/null is whatever file 1:3 is, wherever its node.
 */
#include <linux/fs.h>
#include "internal.h"

#define MAX_CHRDEVS	16

static struct char_device_struct {
	dev_t base;
	unsigned int count;
	const char *name;
	const struct file_operations *fops;
} chrdevs[MAX_CHRDEVS];
static int nr_chrdevs;

/**
 * __register_chrdev - serve minors [@baseminor, @baseminor + @count) of
 * @major with @fops. Returns 0, -EBUSY if taken, -ENOSPC if the table is full.
 */
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops)
{
	dev_t base = MKDEV(major, baseminor);

	for (int i = 0; i < nr_chrdevs; i++)
		if (base < chrdevs[i].base + chrdevs[i].count &&
		    chrdevs[i].base < base + count)
			return -EBUSY;
	if (nr_chrdevs == MAX_CHRDEVS)
		return -ENOSPC;
	chrdevs[nr_chrdevs++] = (struct char_device_struct){ base, count, name, fops };
	return 0;
}

/* chrdev_open - give the file its driver's methods and open it; -ENXIO if none. */
static int chrdev_open(struct inode *inode, struct file *file)
{
	for (int i = 0; i < nr_chrdevs; i++) {
		const struct char_device_struct *cd = &chrdevs[i];

		if (inode->i_rdev < cd->base || inode->i_rdev >= cd->base + cd->count)
			continue;
		file->f_op = cd->fops;
		return file->f_op->open ? file->f_op->open(inode, file) : 0;
	}
	return -ENXIO;
}

const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};
