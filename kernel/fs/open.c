// SPDX-License-Identifier: GPL-2.0
/*
 * open.c - opening (open, openat, creat) and closing files, truncation,
 * chdir/fchdir, access/faccessat, and the chmod and chown families.
 * Mirrors fs/open.c.
 *
 * open(2) turns its flags into a struct open_flags (build_open_flags()),
 * reserves the lowest free fd, lets namei.c find or create the file and
 * vfs_open() attach the file system's methods (a device node's are its
 * driver's: chrdev_open() swaps them), and only then installs the file in
 * the fd table: a failed open leaves no trace.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include "internal.h"

/* OPEN_FMODE - O_RDONLY/O_WRONLY/O_RDWR as FMODE_READ/FMODE_WRITE bits. */
#define OPEN_FMODE(flag) ((fmode_t)(((flag) + 1) & O_ACCMODE))

/* What a file opened with O_PATH can do: nothing but be an fd. */
static const struct file_operations empty_fops = {};

/**
 * vfs_open - attach the file at @path to the new @file and open it
 *
 * Sets f_path (with references), f_inode, f_mode and f_op, then calls the
 * file's ->open(). On failure the caller fput()s @file.
 */
int vfs_open(const struct path *path, struct file *file)
{
	struct inode *inode = path->dentry->d_inode;
	int err;

	file->f_path = *path;
	path_get(path);
	file->f_inode = inode;
	if (file->f_flags & O_PATH) {
		file->f_mode = FMODE_PATH | FMODE_OPENED;
		file->f_op = &empty_fops;
		return 0;
	}
	file->f_mode = OPEN_FMODE(file->f_flags) | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	file->f_op = inode->i_fop;
	if (!file->f_op)
		return -ENXIO;
	if ((file->f_mode & FMODE_WRITE) && !special_file(inode->i_mode)) {
		err = get_write_access(inode);	/* -ETXTBSY: a program runs from it */
		if (err)
			return err;
		file->f_mode |= FMODE_WRITER;
	}
	if (file->f_op->open) {
		err = file->f_op->open(inode, file);
		if (err)
			return err;
	}
	file->f_mode |= FMODE_OPENED;
	file->f_flags &= ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC);	/* done with at open */
	return 0;
}

/*
 * build_open_flags - check open(2) flags and derive what the open needs,
 * in Linux's order: O_PATH drops every other flag but a few
 * (build_open_how()); O_DIRECTORY | O_CREAT is -EINVAL; O_TMPFILE needs
 * O_DIRECTORY and write access (-EINVAL), then is not supported here
 * (-EOPNOTSUPP, Linux's answer for a file system without ->tmpfile).
 * musl always passes O_LARGEFILE, which a 64-bit kernel implies anyway.
 */
static int build_open_flags(int flags, umode_t mode, struct open_flags *op)
{
	flags |= O_LARGEFILE;
	if (flags & O_PATH)
		flags &= O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC | O_LARGEFILE;
	if ((flags & (O_DIRECTORY | O_CREAT)) == (O_DIRECTORY | O_CREAT))
		return -EINVAL;
	op->open_flag = flags & ~O_CLOEXEC;	/* the fd's, not the file's */
	op->mode = flags & O_CREAT ? (mode & S_IALLUGO) | S_IFREG : 0;
	op->acc_mode = 0;
	if (!(flags & O_PATH)) {
		if (OPEN_FMODE(flags) & FMODE_READ)
			op->acc_mode |= MAY_READ;
		if ((OPEN_FMODE(flags) & FMODE_WRITE) || (flags & O_TRUNC))
			op->acc_mode |= MAY_WRITE;
	}
	if (flags & __O_TMPFILE)
		return (flags & O_TMPFILE) != O_TMPFILE || !(op->acc_mode & MAY_WRITE) ?
		       -EINVAL : -EOPNOTSUPP;
	op->lookup_flags = 0;
	if (!(flags & O_NOFOLLOW))
		op->lookup_flags |= LOOKUP_FOLLOW;
	if (flags & O_DIRECTORY)
		op->lookup_flags |= LOOKUP_DIRECTORY;
	return 0;
}

/**
 * filp_open - open a file from inside the kernel
 * @filename: kernel path name, relative to the cwd
 * @flags: O_* flags
 * @mode: permission bits for O_CREAT
 *
 * Returns the file (fput() it), or ERR_PTR.
 */
struct file *filp_open(const char *filename, int flags, umode_t mode)
{
	struct open_flags op;
	int err = build_open_flags(flags, mode, &op);

	if (err)
		return ERR_PTR(err);
	return do_filp_open(AT_FDCWD, filename, &op);
}

/**
 * dentry_open - open the file at @path with @flags (no lookup, no create)
 */
struct file *dentry_open(const struct path *path, int flags)
{
	struct file *file = alloc_empty_file(flags);
	int err;

	if (!file)
		return ERR_PTR(-ENFILE);
	err = vfs_open(path, file);
	if (err) {
		fput(file);
		return ERR_PTR(err);
	}
	return file;
}

/* do_sys_open - open(2), openat(2): a user path name, a new fd. */
static long do_sys_open(int dfd, const char __user *filename, int flags, umode_t mode)
{
	struct open_flags op;
	struct file *file;
	char *name;
	int fd, err = build_open_flags(flags, mode, &op);

	if (err)
		return err;
	name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd_flags(flags);
	if (fd >= 0) {
		file = do_filp_open(dfd, name, &op);
		if (IS_ERR(file)) {
			put_unused_fd(fd);
			fd = PTR_ERR(file);
		} else {
			fd_install(fd, file);
		}
	}
	putname(name);
	return fd;
}

SYSCALL_DEFINE3(open, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, filename, flags, mode);
}

SYSCALL_DEFINE4(openat, int, dfd, const char __user *, filename, int, flags, umode_t, mode)
{
	return do_sys_open(dfd, filename, flags, mode);
}

SYSCALL_DEFINE2(creat, const char __user *, pathname, umode_t, mode)
{
	return do_sys_open(AT_FDCWD, pathname, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	return close_fd(fd);
}

/*
 * notify_change - change inode attributes through the file system. A time
 * to change without ATTR_[AM]TIME_SET becomes "now".
 */
int notify_change(struct dentry *dentry, struct iattr *attr)
{
	const struct inode_operations *iop = dentry->d_inode->i_op;
	struct timespec64 now = ns_to_timespec64(ktime_get_real_ns());

	if (!(attr->ia_valid & ATTR_ATIME_SET))
		attr->ia_atime = now;
	if (!(attr->ia_valid & ATTR_MTIME_SET))
		attr->ia_mtime = now;

	return iop->setattr ? iop->setattr(dentry, attr) : simple_setattr(dentry, attr);
}

/* do_truncate - set the size of the file at @dentry (under its lock). */
int do_truncate(struct dentry *dentry, loff_t length)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE, .ia_size = length };
	struct inode *inode = dentry->d_inode;
	int err;

	if (length < 0)
		return -EINVAL;
	inode_lock(inode);
	err = notify_change(dentry, &attr);
	inode_unlock(inode);
	return err;
}

SYSCALL_DEFINE2(ftruncate, unsigned int, fd, long, length)
{
	struct file *file;
	long err = -EINVAL;

	if (length < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	if (S_ISREG(file_inode(file)->i_mode) && (file->f_mode & FMODE_WRITE))
		err = do_truncate(file->f_path.dentry, length);
	fput(file);
	return err;
}

/* truncate - ftruncate by name: a directory is -EISDIR, anything else not regular -EINVAL. */
SYSCALL_DEFINE2(truncate, const char __user *, pathname, long, length)
{
	struct path path;
	umode_t mode;
	int err;

	if (length < 0)
		return -EINVAL;
	err = user_path_at(AT_FDCWD, pathname, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	mode = path.dentry->d_inode->i_mode;
	err = S_ISDIR(mode) ? -EISDIR : !S_ISREG(mode) ? -EINVAL :
	      get_write_access(path.dentry->d_inode);	/* -ETXTBSY: a program runs from it */
	if (!err) {
		err = do_truncate(path.dentry, length);
		put_write_access(path.dentry->d_inode);
	}
	path_put(&path);
	return err;
}

SYSCALL_DEFINE1(chdir, const char __user *, filename)
{
	struct path path;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &path);

	if (err)
		return err;
	set_fs_pwd(current->fs, &path);
	path_put(&path);
	return 0;
}

/* fchdir - chdir to the directory open at @fd. */
SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *file = fget(fd);
	int err = -ENOTDIR;

	if (!file)
		return -EBADF;
	if (S_ISDIR(file_inode(file)->i_mode)) {
		set_fs_pwd(current->fs, &file->f_path);
		err = 0;
	}
	fput(file);
	return err;
}

/* may_exec - can @file be executed: a regular file with an x bit? */
bool may_exec(struct file *file)
{
	umode_t mode = file_inode(file)->i_mode;

	return S_ISREG(mode) && (mode & S_IXUGO);
}

/* at_lookup_flags - LOOKUP_* for the AT_* @flags of an *at() call; -EINVAL outside @allowed. */
int at_lookup_flags(int flags, int allowed, unsigned int *lookup)
{
	if (flags & ~allowed)
		return -EINVAL;
	*lookup = (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		*lookup |= LOOKUP_EMPTY;
	return 0;
}

/*
 * do_faccessat - access(2) for root, the only user: everything exists
 * readable and writable; X_OK needs an x bit on anything but a directory.
 */
static long do_faccessat(int dfd, const char __user *filename, int mode, int flags)
{
	struct path path;
	unsigned int lookup;
	umode_t imode;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	err = at_lookup_flags(flags, AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &lookup);
	if (err)
		return err;
	err = user_path_at(dfd, filename, lookup, &path);
	if (err)
		return err;
	imode = path.dentry->d_inode->i_mode;
	if ((mode & X_OK) && !S_ISDIR(imode) && !(imode & S_IXUGO))
		err = -EACCES;
	path_put(&path);
	return err;
}

SYSCALL_DEFINE2(access, const char __user *, filename, int, mode)
{
	return do_faccessat(AT_FDCWD, filename, mode, 0);
}

SYSCALL_DEFINE3(faccessat, int, dfd, const char __user *, filename, int, mode)
{
	return do_faccessat(dfd, filename, mode, 0);
}

SYSCALL_DEFINE4(faccessat2, int, dfd, const char __user *, filename, int, mode, int, flags)
{
	return do_faccessat(dfd, filename, mode, flags);
}

/* --- chmod and chown: notify_change() under the inode lock --- */

static int setattr_locked(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;
	int err;

	inode_lock(inode);
	err = notify_change(dentry, attr);
	inode_unlock(inode);
	return err;
}

/* chmod_common - the permission bits of @path become @mode's (S_IALLUGO). */
static int chmod_common(const struct path *path, unsigned long mode, unsigned long unused)
{
	struct iattr attr = { .ia_valid = ATTR_MODE, .ia_mode = mode & S_IALLUGO };

	return setattr_locked(path->dentry, &attr);
}

/*
 * chown_common - a new owner and/or group (-1: keep). Changing either of
 * a non-directory drops its set-user-ID bit, and its set-group-ID bit if
 * it is group-executable, as Linux does even for root.
 */
static int chown_common(const struct path *path, unsigned long user_arg,
			unsigned long group_arg)
{
	uid_t user = user_arg;
	gid_t group = group_arg;
	struct inode *inode = path->dentry->d_inode;
	struct iattr attr = { .ia_mode = inode->i_mode };

	if (user != (uid_t)-1) {
		attr.ia_valid |= ATTR_UID;
		attr.ia_uid = user;
	}
	if (group != (gid_t)-1) {
		attr.ia_valid |= ATTR_GID;
		attr.ia_gid = group;
	}
	if (!S_ISDIR(inode->i_mode)) {
		attr.ia_mode &= ~S_ISUID;
		if (attr.ia_mode & S_IXGRP)
			attr.ia_mode &= ~S_ISGID;
		if (attr.ia_mode != inode->i_mode)
			attr.ia_valid |= ATTR_MODE;
	}
	return setattr_locked(path->dentry, &attr);
}

/* path_call - look up @filename (*at() style) and run @fn(path, a, b) on it. */
static long path_call(int dfd, const char __user *filename, unsigned int lookup,
		      int (*fn)(const struct path *, unsigned long, unsigned long),
		      unsigned long a, unsigned long b)
{
	struct path path;
	int err = user_path_at(dfd, filename, lookup, &path);

	if (err)
		return err;
	err = fn(&path, a, b);
	path_put(&path);
	return err;
}

/* fd_call - the same on the file open at @fd. */
static long fd_call(unsigned int fd, int (*fn)(const struct path *, unsigned long, unsigned long),
		    unsigned long a, unsigned long b)
{
	struct file *file = fget(fd);
	long err;

	if (!file)
		return -EBADF;
	err = fn(&file->f_path, a, b);
	fput(file);
	return err;
}

SYSCALL_DEFINE2(chmod, const char __user *, filename, umode_t, mode)
{
	return path_call(AT_FDCWD, filename, LOOKUP_FOLLOW, chmod_common, mode, 0);
}

SYSCALL_DEFINE3(fchmodat, int, dfd, const char __user *, filename, umode_t, mode)
{
	return path_call(dfd, filename, LOOKUP_FOLLOW, chmod_common, mode, 0);
}

SYSCALL_DEFINE2(fchmod, unsigned int, fd, umode_t, mode)
{
	return fd_call(fd, chmod_common, mode, 0);
}

SYSCALL_DEFINE3(chown, const char __user *, filename, uid_t, user, gid_t, group)
{
	return path_call(AT_FDCWD, filename, LOOKUP_FOLLOW, chown_common, user, group);
}

SYSCALL_DEFINE3(lchown, const char __user *, filename, uid_t, user, gid_t, group)
{
	return path_call(AT_FDCWD, filename, 0, chown_common, user, group);
}

SYSCALL_DEFINE5(fchownat, int, dfd, const char __user *, filename, uid_t, user, gid_t, group,
		int, flag)
{
	unsigned int lookup;
	int err = at_lookup_flags(flag, AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH, &lookup);

	return err ? err : path_call(dfd, filename, lookup, chown_common, user, group);
}

SYSCALL_DEFINE3(fchown, unsigned int, fd, uid_t, user, gid_t, group)
{
	return fd_call(fd, chown_common, user, group);
}
