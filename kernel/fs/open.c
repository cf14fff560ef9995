// SPDX-License-Identifier: GPL-2.0
/*
 * open.c - opening and closing files, truncation, chdir and access.
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
	if (file->f_op->open) {
		err = file->f_op->open(inode, file);
		if (err)
			return err;
	}
	file->f_mode |= FMODE_OPENED;
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

SYSCALL_DEFINE1(close, unsigned int, fd)
{
	return close_fd(fd);
}

/* notify_change - change inode attributes through the file system. */
int notify_change(struct dentry *dentry, struct iattr *attr)
{
	const struct inode_operations *iop = dentry->d_inode->i_op;

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

/* may_exec - can @file be executed: a regular file with an x bit? */
bool may_exec(struct file *file)
{
	umode_t mode = file_inode(file)->i_mode;

	return S_ISREG(mode) && (mode & S_IXUGO);
}

/*
 * access(2) for root, the only user: everything exists readable and
 * writable; X_OK needs an x bit on anything but a directory.
 */
SYSCALL_DEFINE2(access, const char __user *, filename, int, mode)
{
	struct path path;
	umode_t imode;
	int err;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW, &path);
	if (err)
		return err;
	imode = path.dentry->d_inode->i_mode;
	if ((mode & X_OK) && !S_ISDIR(imode) && !(imode & S_IXUGO))
		err = -EACCES;
	path_put(&path);
	return err;
}
