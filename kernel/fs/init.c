// SPDX-License-Identifier: GPL-2.0
/*
 * init.c - system calls for kernel code: the same work as mount(2),
 * umount2(2), chdir(2), mkdir(2), rmdir(2) and unlink(2), on kernel
 * strings. Mirrors fs/init.c.
 */
#include <linux/fs.h>
#include <linux/init_syscalls.h>
#include <linux/sched.h>
#include "internal.h"

int init_mount(const char *dev_name, const char *dir_name, const char *type_page,
	       unsigned long flags, void *data_page)
{
	struct path path;
	int ret = kern_path(dir_name, LOOKUP_FOLLOW, &path);

	if (ret)
		return ret;
	ret = path_mount(dev_name, &path, type_page, flags, data_page);
	path_put(&path);
	return ret;
}

int init_umount(const char *name, int flags)
{
	struct path path;
	int ret = kern_path(name, LOOKUP_FOLLOW, &path);

	return ret ? ret : path_umount(&path, flags);
}

int init_chdir(const char *filename)
{
	struct path path;
	int ret = kern_path(filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (ret)
		return ret;
	set_fs_pwd(current->fs, &path);
	path_put(&path);
	return 0;
}

int init_mkdir(const char *pathname, unsigned short mode)
{
	return do_mkdirat(AT_FDCWD, pathname, mode);
}

int init_rmdir(const char *pathname)
{
	return do_rmdir(AT_FDCWD, pathname);
}

int init_unlink(const char *pathname)
{
	return do_unlinkat(AT_FDCWD, pathname);
}
