/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uio.h - struct iovec, the readv(2)/writev(2) buffer list. Mirrors
 * include/uapi/linux/uio.h.
 */
#ifndef _UAPI_LINUX_UIO_H
#define _UAPI_LINUX_UIO_H

#include <linux/types.h>

struct iovec {
	void *iov_base;		/* a user pointer */
	size_t iov_len;
};

#define UIO_FASTIOV	8	/* iovecs the kernel keeps on its stack */
#define UIO_MAXIOV	1024	/* the most iovecs one call takes */

#endif /* _UAPI_LINUX_UIO_H */
