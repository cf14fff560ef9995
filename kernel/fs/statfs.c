// SPDX-License-Identifier: GPL-2.0
/*
 * statfs.c - statfs(2) and fstatfs(2): what a mounted file system says
 * about itself. Mirrors fs/statfs.c and libfs.c's simple_statfs().
 *
 * Every Pagoda file system lives in memory without block or inode limits
 * (as Linux's ramfs, proc and sysfs): the counts are 0, f_type is the
 * super_block's magic, the block size a page, names up to NAME_MAX, f_fsid
 * its device number. f_flags is ST_VALID, plus ST_RELATIME for a mount
 * made by mount(2) (Linux's default); Pagoda ignores the other mount flags.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <uapi/linux/fs.h>
#include "internal.h"

#define ST_VALID	0x0020	/* f_flags is filled in */
#define ST_RELATIME	0x1000

/* vfs_statfs - @path's file system into @buf. */
static void vfs_statfs(const struct path *path, struct statfs *buf)
{
	struct super_block *sb = path->dentry->d_sb;

	memset(buf, 0, sizeof(*buf));
	buf->f_type = sb->s_magic;
	buf->f_bsize = PAGE_SIZE;
	buf->f_frsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	buf->f_fsid.val[0] = new_encode_dev(sb->s_dev);
	buf->f_flags = ST_VALID | (path->mnt->mnt_flags & MNT_RELATIME ? ST_RELATIME : 0);
}

static long do_statfs_native(const struct path *path, struct statfs __user *ubuf)
{
	struct statfs buf;

	vfs_statfs(path, &buf);
	return copy_to_user(ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(statfs, const char __user *, pathname, struct statfs __user *, buf)
{
	struct path path;
	long err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &path);

	if (err)
		return err;
	err = do_statfs_native(&path, buf);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE2(fstatfs, unsigned int, fd, struct statfs __user *, buf)
{
	struct file *file = fget(fd);
	long err;

	if (!file)
		return -EBADF;
	err = do_statfs_native(&file->f_path, buf);
	fput(file);
	return err;
}
