/* SPDX-License-Identifier: GPL-2.0 */
/*
 * init_syscalls.h - file-system system calls for kernel code, taking
 * kernel strings: boot code (mounting, making directories) and in-kernel
 * tests use them. Mirrors include/linux/init_syscalls.h; implemented in
 * kernel/fs/init.c. Each returns 0 or -errno like the system call.
 */
#ifndef _LINUX_INIT_SYSCALLS_H
#define _LINUX_INIT_SYSCALLS_H

#include <linux/types.h>

int init_mount(const char *dev_name, const char *dir_name, const char *type_page,
	       unsigned long flags, void *data_page);
int init_umount(const char *name, int flags);
int init_chdir(const char *filename);
int init_mkdir(const char *pathname, unsigned short mode);
int init_rmdir(const char *pathname);
int init_unlink(const char *pathname);

#endif /* _LINUX_INIT_SYSCALLS_H */
