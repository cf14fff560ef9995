/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs_test.h - what the file-system ktest suites share: bringing the VFS
 * up when the boot has not, snapshots of what the VFS holds (free pages,
 * slab objects, inodes, dentries, files) to prove nothing leaked, and
 * small helpers for files in kernel memory.
 */
#ifndef _TESTS_FS_TEST_H
#define _TESTS_FS_TEST_H

#include <linux/ktest.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/multiboot2.h>
#include "../../kernel/fs/internal.h"

struct fs_counts {
	unsigned long free_pages;
	long inodes, dentries, files;
};

static inline void fs_counts_take(struct fs_counts *c)
{
	kmem_cache_shrink_all();
	c->free_pages = ktest_free_pages();
	c->inodes = nr_inodes;
	c->dentries = nr_dentry;
	c->files = nr_files;
}

/* Nothing allocated since @before is still held. */
#define FS_EXPECT_NO_LEAK(t, before)					\
	do {								\
		struct fs_counts __after;				\
									\
		fs_counts_take(&__after);				\
		KTEST_EXPECT_EQ(t, __after.inodes, (before)->inodes);	\
		KTEST_EXPECT_EQ(t, __after.dentries, (before)->dentries); \
		KTEST_EXPECT_EQ(t, __after.files, (before)->files);	\
		KTEST_EXPECT_EQ(t, __after.free_pages, (before)->free_pages); \
	} while (0)

/* fs_write_file - create (truncate) @name with @len bytes of @data. */
static inline long fs_write_file(const char *name, const void *data, size_t len, umode_t mode)
{
	struct file *f = filp_open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);
	loff_t pos = 0;
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, data, len, &pos);
	fput(f);
	return n;
}

/* fs_read_file - up to @size - 1 bytes of @name, NUL-terminated. */
static inline long fs_read_file(const char *name, char *buf, size_t size)
{
	struct file *f = filp_open(name, O_RDONLY, 0);
	loff_t pos = 0;
	long n, total = 0;

	if (IS_ERR(f))
		return PTR_ERR(f);
	while ((n = kernel_read(f, buf + total, size - 1 - total, &pos)) > 0)
		total += n;
	fput(f);
	buf[total] = '\0';
	return n < 0 ? n : total;
}

#endif /* _TESTS_FS_TEST_H */
