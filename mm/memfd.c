// SPDX-License-Identifier: GPL-2.0
/*
 * memfd.c - memfd_create(2): an anonymous file in memory, to size with
 * ftruncate() and map MAP_SHARED (or pass to another process). Mirrors
 * mm/memfd.c.
 *
 * The file is a tmpfs file with no name (shmem_file_setup()); its dentry
 * is "memfd:NAME", so /proc/PID/maps and /proc/PID/fd show
 * "/memfd:NAME (deleted)". It starts empty and goes away with its last
 * reference (fd or mapping). Only MFD_CLOEXEC is supported: any other flag,
 * Linux's sealing, hugetlb and exec ones included, is -EINVAL, as unknown
 * flags are in Linux.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <uapi/linux/memfd.h>
#include "internal.h"

#define MFD_NAME_PREFIX		"memfd:"
#define MFD_NAME_PREFIX_LEN	(sizeof(MFD_NAME_PREFIX) - 1)
#define MFD_NAME_MAX_LEN	(NAME_MAX - MFD_NAME_PREFIX_LEN)

/*
 * memfd_create - a new memfd called @uname (at most 249 bytes: -EINVAL if
 * longer, -EFAULT if unreadable), its fd close-on-exec with MFD_CLOEXEC.
 */
SYSCALL_DEFINE2(memfd_create, const char __user *, uname, unsigned int, flags)
{
	struct file *file;
	char *name;
	long len;
	int fd;

	if (flags & ~MFD_CLOEXEC)
		return -EINVAL;
	name = kmalloc(MFD_NAME_PREFIX_LEN + MFD_NAME_MAX_LEN + 1, GFP_KERNEL);
	if (!name)
		return -ENOMEM;
	memcpy(name, MFD_NAME_PREFIX, MFD_NAME_PREFIX_LEN);
	len = strncpy_from_user(name + MFD_NAME_PREFIX_LEN, uname, MFD_NAME_MAX_LEN + 1);
	fd = len < 0 ? -EFAULT : len > MFD_NAME_MAX_LEN ? -EINVAL : 0;
	if (fd)
		goto out;

	fd = get_unused_fd_flags((flags & MFD_CLOEXEC) ? O_CLOEXEC : 0);
	if (fd < 0)
		goto out;
	file = shmem_file_setup(name, 0);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		fd = PTR_ERR(file);
		goto out;
	}
	file->f_mode |= FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	file->f_flags |= O_LARGEFILE;
	fd_install(fd, file);
out:
	kfree(name);
	return fd;
}
