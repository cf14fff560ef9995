// SPDX-License-Identifier: GPL-2.0
/*
 * utimes.c - setting a file's access and modification times:
 * utimensat(2) (futimens() is utimensat with a NULL path), utimes(2),
 * futimesat(2) and utime(2). Mirrors fs/utimes.c.
 *
 * Each time is set to a given value, to now (no times at all, or
 * UTIME_NOW), or left alone (UTIME_OMIT); notify_change() fills in "now"
 * and the change time. Pagoda has one user, root, who may set any file's
 * times.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/time64.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include "internal.h"

#define UTIME_NOW	((1L << 30) - 1L)
#define UTIME_OMIT	((1L << 30) - 2L)

struct utimbuf {
	long actime, modtime;
};

static bool nsec_valid(long nsec)
{
	return nsec == UTIME_OMIT || nsec == UTIME_NOW || (nsec >= 0 && nsec <= 999999999);
}

/* vfs_utimes - set @path's times from @times[0] (access) and [1] (modification), or to now. */
static int vfs_utimes(const struct path *path, struct timespec64 *times)
{
	struct inode *inode = path->dentry->d_inode;
	struct iattr attr = { .ia_valid = ATTR_CTIME | ATTR_MTIME | ATTR_ATIME };
	int err;

	if (times) {
		if (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec))
			return -EINVAL;
		if (times[0].tv_nsec == UTIME_OMIT)
			attr.ia_valid &= ~ATTR_ATIME;
		else if (times[0].tv_nsec != UTIME_NOW) {
			attr.ia_atime = times[0];
			attr.ia_valid |= ATTR_ATIME_SET;
		}
		if (times[1].tv_nsec == UTIME_OMIT)
			attr.ia_valid &= ~ATTR_MTIME;
		else if (times[1].tv_nsec != UTIME_NOW) {
			attr.ia_mtime = times[1];
			attr.ia_valid |= ATTR_MTIME_SET;
		}
	}
	inode_lock(inode);
	err = notify_change(path->dentry, &attr);
	inode_unlock(inode);
	return err;
}

/* do_utimes - the times of what @filename names from @dfd, or of fd @dfd if @filename is NULL. */
static long do_utimes(int dfd, const char __user *filename, struct timespec64 *times, int flags)
{
	struct path path;
	unsigned int lookup;
	struct file *file;
	long err;

	if (!filename && dfd != AT_FDCWD) {
		if (flags)
			return -EINVAL;
		file = fget(dfd);
		if (!file)
			return -EBADF;
		err = vfs_utimes(&file->f_path, times);
		fput(file);
		return err;
	}
	err = at_lookup_flags(flags, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &lookup);
	if (err)
		return err;
	err = user_path_at(dfd, filename, lookup, &path);
	if (err)
		return err;
	err = vfs_utimes(&path, times);
	path_put(&path);
	return err;
}

SYSCALL_DEFINE4(utimensat, int, dfd, const char __user *, filename,
		struct __kernel_timespec __user *, utimes, int, flags)
{
	struct timespec64 t[2];

	if (utimes) {
		if (get_timespec64(&t[0], &utimes[0]) || get_timespec64(&t[1], &utimes[1]))
			return -EFAULT;
		if (t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
			return 0;	/* nothing to do: not even the path is checked */
	}
	return do_utimes(dfd, filename, utimes ? t : NULL, flags);
}

/* do_futimesat - utimes(2)/futimesat(2): microsecond times, no UTIME_* values. */
static long do_futimesat(int dfd, const char __user *filename,
			 struct __kernel_old_timeval __user *utimes)
{
	struct __kernel_old_timeval tv[2];
	struct timespec64 t[2];

	if (utimes) {
		if (copy_from_user(tv, utimes, sizeof(tv)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
				return -EINVAL;
			t[i].tv_sec = tv[i].tv_sec;
			t[i].tv_nsec = tv[i].tv_usec * 1000;
		}
	}
	return do_utimes(dfd, filename, utimes ? t : NULL, 0);
}

SYSCALL_DEFINE3(futimesat, int, dfd, const char __user *, filename,
		struct __kernel_old_timeval __user *, utimes)
{
	return do_futimesat(dfd, filename, utimes);
}

SYSCALL_DEFINE2(utimes, const char __user *, filename,
		struct __kernel_old_timeval __user *, utimes)
{
	return do_futimesat(AT_FDCWD, filename, utimes);
}

/* utime - whole seconds. */
SYSCALL_DEFINE2(utime, const char __user *, filename, struct utimbuf __user *, times)
{
	struct timespec64 t[2] = {};

	if (times && (get_user(t[0].tv_sec, &times->actime) ||
		      get_user(t[1].tv_sec, &times->modtime)))
		return -EFAULT;
	return do_utimes(AT_FDCWD, filename, times ? t : NULL, 0);
}
