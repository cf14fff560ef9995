/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ramfs.h - the RAM file system's entry points that tmpfs (mm/shmem.c)
 * builds on. Mirrors include/linux/ramfs.h.
 */
#ifndef _LINUX_RAMFS_H
#define _LINUX_RAMFS_H

#include <linux/fs.h>

struct inode *ramfs_get_inode(struct super_block *sb, umode_t mode, dev_t dev);
struct dentry *ramfs_mount(struct file_system_type *fs_type, int flags,
			   const char *dev_name, void *data);

#endif /* _LINUX_RAMFS_H */
