/* SPDX-License-Identifier: GPL-2.0 */
/*
 * debugfs.h - debugfs: a RAM file system for kernel debugging files,
 * mounted by init at /sys/kernel/debug. Mirrors include/linux/debugfs.h.
 *
 *   struct dentry *dir = debugfs_create_dir("mm", NULL);
 *   debugfs_create_file("rmap", 0600, dir, NULL, &rmap_fops);
 *
 * The file's own file_operations serve it; at open, file->private_data is
 * the @data given here (then fops->open, if any, runs). A NULL parent is
 * the debugfs root. Errors come back as ERR_PTR. Implemented in
 * kernel/fs/debugfs.c.
 */
#ifndef _LINUX_DEBUGFS_H
#define _LINUX_DEBUGFS_H

#include <linux/fs.h>

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent);
struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent,
				   void *data, const struct file_operations *fops);

#endif /* _LINUX_DEBUGFS_H */
