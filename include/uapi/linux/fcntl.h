/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fcntl.h - open(2) flags, fcntl(2) commands and the *at() conventions, with
 * the values of Linux's x86-64 ABI (include/uapi/asm-generic/fcntl.h and
 * include/uapi/linux/fcntl.h). Octal, as Linux writes them.
 */
#ifndef _UAPI_LINUX_FCNTL_H
#define _UAPI_LINUX_FCNTL_H

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define FASYNC		00020000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000	/* musl always passes it; meaningless on 64-bit */
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define __O_SYNC	04000000
#define O_SYNC		(__O_SYNC | O_DSYNC)
#define O_PATH		010000000
#define __O_TMPFILE	020000000
#define O_TMPFILE	(__O_TMPFILE | O_DIRECTORY)

/* fcntl(2) commands */
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define F_SETPIPE_SZ	1031	/* a pipe's size in bytes */
#define F_GETPIPE_SZ	1032

#define FD_CLOEXEC	1	/* the F_GETFD/F_SETFD flag */

/* The *at() system calls: a path relative to a directory fd. */
#define AT_FDCWD		-100	/* ... or to the current directory */
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_REMOVEDIR		0x200
#define AT_EACCESS		0x200	/* faccessat2: effective ids (everyone is root) */
#define AT_SYMLINK_FOLLOW	0x400
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000

/* access(2) modes (unistd.h in user space) */
#define F_OK		0
#define X_OK		1
#define W_OK		2
#define R_OK		4

#endif /* _UAPI_LINUX_FCNTL_H */
