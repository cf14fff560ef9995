// SPDX-License-Identifier: GPL-2.0
/*
 * fcntl.c - fcntl(2): duplicating fds, the close-on-exec flag and the file
 * status flags. Mirrors fs/fcntl.c (no locks, owners or leases).
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/syscalls.h>
#include "internal.h"

/* The status flags F_SETFL may change; the others are fixed at open. */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME)

static long setfl(struct file *file, unsigned long arg)
{
	file->f_flags = (arg & SETFL_MASK) | (file->f_flags & ~SETFL_MASK);
	return 0;
}

static long do_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg, struct file *file)
{
	switch (cmd) {
	case F_DUPFD:
		return f_dupfd(arg, file, 0);
	case F_DUPFD_CLOEXEC:
		return f_dupfd(arg, file, O_CLOEXEC);
	case F_GETFD:
		return get_close_on_exec(fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return file->f_flags;
	case F_SETFL:
		return setfl(file, arg);
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ:
		return pipe_fcntl(file, cmd, arg);
	default:
		return -EINVAL;
	}
}

SYSCALL_DEFINE3(fcntl, unsigned int, fd, unsigned int, cmd, unsigned long, arg)
{
	struct file *file = fget(fd);
	long err;

	if (!file)
		return -EBADF;
	err = do_fcntl(fd, cmd, arg, file);
	fput(file);
	return err;
}
