/* SPDX-License-Identifier: GPL-2.0 */
/*
 * poll.h - how a file tells poll() whether it is ready, and where to sleep
 * until it may be. Mirrors include/linux/poll.h.
 *
 * A file's ->poll(file, pt) calls poll_wait(file, queue, pt) for every wait
 * queue an event of it would be announced on, then returns its ready mask
 * (POLLIN, POLLOUT, POLLHUP...). poll() (kernel/fs/select.c) passes a
 * poll_table whose _qproc adds the caller to those queues the first time
 * round, so that a wake-up on any of them ends its sleep; later rounds pass
 * NULL.
 */
#ifndef _LINUX_POLL_H
#define _LINUX_POLL_H

#include <linux/wait.h>
#include <uapi/linux/poll.h>

typedef unsigned int __poll_t;

struct file;

typedef struct poll_table_struct {
	void (*_qproc)(struct file *filp, wait_queue_head_t *wait_address,
		       struct poll_table_struct *p);
} poll_table;

/* poll_wait - an event of @filp would be announced on @wait_address. */
static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	if (p && p->_qproc && wait_address)
		p->_qproc(filp, wait_address, p);
}

/* poll_ms_to_ns - a poll()/epoll_wait() timeout in ms as ns (negative: -1, for ever). */
static inline s64 poll_ms_to_ns(int ms)
{
	return ms < 0 ? -1 : ms * 1000000LL;
}

/*
 * poll_select_set_timeout - the end of a wait of @ns (>= 0) into *@to: the
 * ktime_get_ns() time at which it ends, or 0 for "do not wait" (select.c).
 * A wait for ever has no end time: the callers pass NULL instead.
 */
void poll_select_set_timeout(u64 *to, s64 ns);

/* A file without ->poll() is always readable and writable (regular files). */
#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

#endif /* _LINUX_POLL_H */
