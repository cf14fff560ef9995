/* SPDX-License-Identifier: GPL-2.0 */
/*
 * anon_inodes.h - files with no inode of their own (epoll instances):
 * include/linux/anon_inodes.h.
 */
#ifndef _LINUX_ANON_INODES_H
#define _LINUX_ANON_INODES_H

struct file;
struct file_operations;

void anon_inode_init(void);
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags);
int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv,
		     int flags);

#endif /* _LINUX_ANON_INODES_H */
