/* SPDX-License-Identifier: GPL-2.0 */
/*
 * file.h - open files and file descriptors: reference counts on struct
 * file and the fd-level helpers system calls use. Mirrors
 * include/linux/file.h; implemented in kernel/fs/file_table.c and
 * kernel/fs/file.c.
 *
 *   int fd = get_unused_fd_flags(O_CLOEXEC);     reserve the lowest free fd
 *   struct file *f = dentry_open(...);           may fail: put_unused_fd(fd)
 *   fd_install(fd, f);                           now the process sees it
 */
#ifndef _LINUX_FILE_H
#define _LINUX_FILE_H

#include <linux/types.h>

struct file;
struct file_operations;
struct files_struct;
struct inode;
struct task_struct;
struct vfsmount;

void fput(struct file *file);
struct file *fget(unsigned int fd);
struct file *fget_task(struct task_struct *task, unsigned int fd);
bool close_on_exec(unsigned int fd, const struct files_struct *files);
int get_unused_fd_flags(unsigned int flags);
void put_unused_fd(unsigned int fd);
void fd_install(unsigned int fd, struct file *file);
int close_fd(unsigned int fd);

struct file *alloc_file_pseudo(struct inode *inode, struct vfsmount *mnt, const char *name,
			       int flags, const struct file_operations *fops);	/* fs/file_table.c */

#endif /* _LINUX_FILE_H */
