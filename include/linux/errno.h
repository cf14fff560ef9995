/* SPDX-License-Identifier: GPL-2.0 */
/*
 * errno.h - error numbers, the same values as Linux's
 * (include/uapi/asm-generic/errno-base.h and errno.h), because system calls
 * return them to user programs as -errno.
 */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H

#define EPERM		1
#define ENOENT		2
#define ESRCH		3
#define EINTR		4
#define EIO		5
#define ENXIO		6
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define ECHILD		10
#define EAGAIN		11
#define ENOMEM		12
#define EACCES		13
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define EXDEV		18
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EINVAL		22
#define ENFILE		23
#define EMFILE		24
#define ENOTTY		25
#define ETXTBSY		26
#define EFBIG		27
#define ENOSPC		28
#define ESPIPE		29
#define EROFS		30
#define EMLINK		31
#define EPIPE		32
#define ERANGE		34
#define ENAMETOOLONG	36
#define ENOSYS		38
#define ENOTEMPTY	39
#define ELOOP		40
#define ENODATA		61
#define EOVERFLOW	75
#define EOPNOTSUPP	95
#define ETIMEDOUT	110

/*
 * Kernel-internal: a system call interrupted by a signal. They never reach
 * user space: on the way out the signal code turns them into a restart of
 * the call or -EINTR (include/linux/errno.h).
 */
#define ERESTARTSYS		512	/* restart if the handler has SA_RESTART */
#define ERESTARTNOINTR		513	/* always restart */
#define ERESTARTNOHAND		514	/* restart only if no handler ran */
#define ENOIOCTLCMD		515	/* not this handler's ioctl: try the next */

#define MAX_ERRNO	4095

#ifndef __ASSEMBLER__
#include <linux/compiler.h>

/* IS_ERR_VALUE - a pointer-sized value in the last page is an error code. */
#define IS_ERR_VALUE(x) unlikely((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *ERR_PTR(long error)
{
	return (void *)error;
}

static inline long PTR_ERR(const void *ptr)
{
	return (long)ptr;
}

static inline bool IS_ERR(const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

static inline bool IS_ERR_OR_NULL(const void *ptr)
{
	return !ptr || IS_ERR(ptr);
}
#endif

#endif /* _LINUX_ERRNO_H */
