// SPDX-License-Identifier: GPL-2.0
/*
 * stat.c - stat, lstat, fstat and newfstatat: an inode's attributes in
 * the x86-64 struct stat; readlink and readlinkat: a symlink's target.
 * Mirrors fs/stat.c.
 *
 * st_dev is the super_block's anonymous device (0:N), st_rdev a device
 * node's own, both in the user encoding (new_encode_dev()); st_blocks
 * counts the 512-byte units of the pages a RAM file really has (holes are
 * free); st_blksize is the page size.
 */
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/string.h>
#include "internal.h"

/* generic_fillattr - struct stat from @inode. */
static void generic_fillattr(struct inode *inode, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = new_encode_dev(inode->i_sb->s_dev);
	st->st_ino = inode->i_ino;
	st->st_nlink = inode->i_nlink;
	st->st_mode = inode->i_mode;
	st->st_uid = inode->i_uid;
	st->st_gid = inode->i_gid;
	st->st_rdev = new_encode_dev(inode->i_rdev);
	st->st_size = i_size_read(inode);
	st->st_blksize = PAGE_SIZE;
	st->st_blocks = inode->i_mapping->nrpages * (PAGE_SIZE / 512);
	st->st_atime = inode->i_atime_sec;
	st->st_atime_nsec = inode->i_atime_nsec;
	st->st_mtime = inode->i_mtime_sec;
	st->st_mtime_nsec = inode->i_mtime_nsec;
	st->st_ctime = inode->i_ctime_sec;
	st->st_ctime_nsec = inode->i_ctime_nsec;
}

/* vfs_getattr - the attributes of the file at @path. */
static int vfs_getattr(const struct path *path, struct stat *st)
{
	generic_fillattr(path->dentry->d_inode, st);
	return 0;
}

static int cp_new_stat(const struct path *path, struct stat __user *statbuf)
{
	struct stat st;

	vfs_getattr(path, &st);
	return copy_to_user(statbuf, &st, sizeof(st)) ? -EFAULT : 0;
}

/*
 * vfs_fstatat - stat of @filename relative to @dfd. AT_EMPTY_PATH with ""
 * stats @dfd itself; AT_SYMLINK_NOFOLLOW stats a final symlink itself.
 */
static int vfs_fstatat(int dfd, const char __user *filename, struct stat __user *statbuf,
		       int flags)
{
	unsigned int lookup_flags;
	struct path path;
	int err = at_lookup_flags(flags, AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH,
				  &lookup_flags);

	if (err)
		return err;
	err = user_path_at(dfd, filename, lookup_flags, &path);
	if (err)
		return err;
	err = cp_new_stat(&path, statbuf);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE2(stat, const char __user *, filename, struct stat __user *, statbuf)
{
	return vfs_fstatat(AT_FDCWD, filename, statbuf, 0);
}

SYSCALL_DEFINE2(lstat, const char __user *, filename, struct stat __user *, statbuf)
{
	return vfs_fstatat(AT_FDCWD, filename, statbuf, AT_SYMLINK_NOFOLLOW);
}

SYSCALL_DEFINE4(newfstatat, int, dfd, const char __user *, filename,
		struct stat __user *, statbuf, int, flag)
{
	return vfs_fstatat(dfd, filename, statbuf, flag);
}

SYSCALL_DEFINE2(fstat, unsigned int, fd, struct stat __user *, statbuf)
{
	struct file *file = fget(fd);
	int err;

	if (!file)
		return -EBADF;
	err = cp_new_stat(&file->f_path, statbuf);
	fput(file);
	return err;
}

/*
 * do_readlinkat - copy the target of symlink @pathname (not followed) to
 * @buf: at most @bufsiz bytes, no NUL. -EINVAL for a @bufsiz <= 0 or a
 * name that is not a symlink.
 */
static long do_readlinkat(int dfd, const char __user *pathname, char __user *buf, int bufsiz)
{
	char kbuf[GET_LINK_BUF];
	struct path path;
	const char *target;
	long len;
	int err;

	if (bufsiz <= 0)
		return -EINVAL;
	err = user_path_at(dfd, pathname, 0, &path);
	if (err)
		return err;
	len = -EINVAL;
	if (path.dentry->d_inode->i_op->get_link) {
		target = path.dentry->d_inode->i_op->get_link(path.dentry, path.dentry->d_inode,
							      kbuf, sizeof(kbuf));
		len = PTR_ERR(target);
		if (!IS_ERR(target)) {
			len = min_t(long, strlen(target), bufsiz);
			if (copy_to_user(buf, target, len))
				len = -EFAULT;
		}
	}
	path_put(&path);
	return len;
}

SYSCALL_DEFINE4(readlinkat, int, dfd, const char __user *, pathname, char __user *, buf,
		int, bufsiz)
{
	return do_readlinkat(dfd, pathname, buf, bufsiz);
}

SYSCALL_DEFINE3(readlink, const char __user *, path, char __user *, buf, int, bufsiz)
{
	return do_readlinkat(AT_FDCWD, path, buf, bufsiz);
}

