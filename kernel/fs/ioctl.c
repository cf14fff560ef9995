// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl.c - ioctl(2): the requests every file understands, then the
 * file's own ->unlocked_ioctl(). Mirrors fs/ioctl.c.
 *
 * A file without the request answers -ENOTTY ("not a typewriter"), which
 * is how musl's isatty() tells a terminal from a file (TIOCGWINSZ).
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <uapi/linux/termios.h>
#include "internal.h"

/* vfs_ioctl - the file's own ioctl, or -ENOTTY. */
int vfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (!file->f_op->unlocked_ioctl)
		return -ENOTTY;
	return file->f_op->unlocked_ioctl(file, cmd, arg);
}

/* do_vfs_ioctl - the generic requests, else the file's. */
static int do_vfs_ioctl(struct file *file, unsigned int fd, unsigned int cmd,
			unsigned long arg)
{
	struct inode *inode = file_inode(file);
	int on;

	switch (cmd) {
	case FIOCLEX:
		set_close_on_exec(fd, 1);
		return 0;
	case FIONCLEX:
		set_close_on_exec(fd, 0);
		return 0;
	case FIONBIO:
		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		if (on)
			file->f_flags |= O_NONBLOCK;
		else
			file->f_flags &= ~O_NONBLOCK;
		return 0;
	case FIONREAD:
		if (!S_ISREG(inode->i_mode))
			break;
		return put_user((int)max_t(loff_t, i_size_read(inode) - file->f_pos, 0),
				(int __user *)arg);
	}
	return vfs_ioctl(file, cmd, arg);
}

SYSCALL_DEFINE3(ioctl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *file = fget(fd);
	int err;

	if (!file)
		return -EBADF;
	err = do_vfs_ioctl(file, fd, cmd, arg);
	fput(file);
	return err;
}
