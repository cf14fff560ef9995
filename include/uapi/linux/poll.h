/* SPDX-License-Identifier: GPL-2.0 */
/*
 * poll.h - poll()'s events and struct pollfd, as user space sees them.
 * Mirrors include/uapi/asm-generic/poll.h.
 */
#ifndef _UAPI_LINUX_POLL_H
#define _UAPI_LINUX_POLL_H

#define POLLIN		0x0001	/* there is data to read */
#define POLLPRI		0x0002	/* urgent data */
#define POLLOUT		0x0004	/* writing will not block */
#define POLLERR		0x0008	/* error (always reported) */
#define POLLHUP		0x0010	/* hung up (always reported) */
#define POLLNVAL	0x0020	/* not an open fd (always reported) */
#define POLLRDNORM	0x0040
#define POLLRDBAND	0x0080
#define POLLWRNORM	0x0100
#define POLLWRBAND	0x0200

struct pollfd {
	int fd;
	short events;		/* what the caller waits for */
	short revents;		/* what happened */
};

#endif /* _UAPI_LINUX_POLL_H */
