/* SPDX-License-Identifier: GPL-2.0 */
/*
 * eventpoll.h - epoll's user interface: the epoll_ctl() operations, the
 * event bits and struct epoll_event. Mirrors include/uapi/linux/eventpoll.h.
 */
#ifndef _UAPI_LINUX_EVENTPOLL_H
#define _UAPI_LINUX_EVENTPOLL_H

#include <linux/types.h>
#include <uapi/linux/poll.h>

#define EPOLL_CLOEXEC	02000000	/* O_CLOEXEC */

#define EPOLL_CTL_ADD	1
#define EPOLL_CTL_DEL	2
#define EPOLL_CTL_MOD	3

/* The event bits are poll's, under epoll names... */
#define EPOLLIN		POLLIN
#define EPOLLPRI	POLLPRI
#define EPOLLOUT	POLLOUT
#define EPOLLERR	POLLERR
#define EPOLLHUP	POLLHUP
#define EPOLLRDNORM	POLLRDNORM
#define EPOLLRDBAND	POLLRDBAND
#define EPOLLWRNORM	POLLWRNORM
#define EPOLLWRBAND	POLLWRBAND

/* ... plus flags that say how to report: */
#define EPOLLEXCLUSIVE	(1U << 28)	/* wake one waiter only (accepted, one CPU) */
#define EPOLLWAKEUP	(1U << 29)	/* hold a wakeup source (accepted, ignored) */
#define EPOLLONESHOT	(1U << 30)	/* report once, then disabled until EPOLL_CTL_MOD */
#define EPOLLET		(1U << 31)	/* edge-triggered: report when an event arrives */

/* On x86-64 the structure is packed: 12 bytes. */
struct epoll_event {
	u32 events;
	u64 data;
} __attribute__((packed));

#endif /* _UAPI_LINUX_EVENTPOLL_H */
