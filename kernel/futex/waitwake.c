// SPDX-License-Identifier: GPL-2.0
/*
 * waitwake.c - FUTEX_WAIT, FUTEX_WAKE and FUTEX_(CMP_)REQUEUE. Mirrors
 * kernel/futex/waitwake.c and the plain part of kernel/futex/requeue.c.
 *
 * futex_wait() sleeps only if the word still holds the value the caller
 * saw (else -EAGAIN): that test and the queueing happen with nothing able
 * to run in between, so a waker that changed the word first is never
 * missed. futex_wake() takes waiters off the bucket before waking them; a
 * waiter that finds itself still queued after schedule() timed out, was
 * interrupted by a signal, or woke spuriously (then it waits again).
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/time.h>
#include <linux/time64.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include "futex.h"

/**
 * futex_wake - wake waiters of the futex at @uaddr
 * @uaddr: the word
 * @flags: FLAGS_SHARED or 0
 * @nr_wake: how many at most (as in Linux, 0 still wakes one)
 * @bitset: only waiters whose FUTEX_WAIT_BITSET bits meet these
 *
 * Return: how many were woken, or -EINVAL / -EFAULT.
 */
int futex_wake(u32 __user *uaddr, unsigned int flags, int nr_wake, u32 bitset)
{
	struct futex_q *q, *n;
	struct futex_key key;
	int ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, flags, &key);
	if (ret)
		return ret;
	list_for_each_entry_safe(q, n, futex_hash(&key), list) {
		if (!futex_match(&q->key, &key) || !(q->bitset & bitset))
			continue;
		futex_wake_q(q);
		if (++ret >= nr_wake)
			break;
	}
	return ret;
}

/**
 * futex_wait - sleep on the futex at @uaddr while it holds @val
 * @uaddr: the word
 * @flags: FLAGS_SHARED or 0
 * @val: the value the caller expects
 * @deadline: when to give up, CLOCK_MONOTONIC ns, or KTIME_MAX
 * @bitset: FUTEX_WAIT_BITSET's bits
 *
 * Return: 0 when woken; -EAGAIN if *@uaddr != @val; -ETIMEDOUT;
 * -ERESTARTSYS for a signal (restarted after an SA_RESTART handler), or
 * with a timeout -ERESTARTNOHAND (-EINTR after a handler; Linux restarts
 * a timed wait with its deadline through a restart block, which Pagoda
 * does not have, so a wait restarted after a stop starts over);
 * -EFAULT, -EINVAL.
 */
int futex_wait(u32 __user *uaddr, unsigned int flags, u32 val, s64 deadline, u32 bitset)
{
	struct futex_q q = { .task = current, .bitset = bitset };
	u32 uval;
	int ret;

	if (!bitset)
		return -EINVAL;
	for (;;) {
		ret = get_futex_key(uaddr, flags, &q.key);
		if (ret)
			return ret;
		if (get_user(uval, uaddr))
			return -EFAULT;
		if (uval != val)
			return -EAGAIN;
		list_add_tail(&q.list, futex_hash(&q.key));
		set_current_state(TASK_INTERRUPTIBLE);
		if (deadline == KTIME_MAX)
			schedule();
		else if (deadline > (s64)ktime_get_ns())
			schedule_timeout(jiffies_until(deadline - ktime_get_ns()));
		__set_current_state(TASK_RUNNING);
		if (list_empty(&q.list))
			return 0;		/* futex_wake_q() took us off */
		list_del(&q.list);
		if (deadline != KTIME_MAX && (s64)ktime_get_ns() >= deadline)
			return -ETIMEDOUT;
		if (signal_pending(current))
			return deadline == KTIME_MAX ? -ERESTARTSYS : -ERESTARTNOHAND;
	}
}

/**
 * futex_requeue - wake @nr_wake waiters of @uaddr1, move up to @nr_requeue
 * more to wait on @uaddr2 (a condition variable handing its waiters to
 * the mutex, which wakes them one at a time)
 * @cmpval: FUTEX_CMP_REQUEUE's expected value of *@uaddr1, or NULL
 *
 * Return: woken plus moved; -EAGAIN if *@uaddr1 != *@cmpval; -EINVAL,
 * -EFAULT.
 */
int futex_requeue(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2, int nr_wake,
		  int nr_requeue, const u32 *cmpval)
{
	struct futex_key key1, key2;
	struct futex_q *q, *n;
	int ret, task_count = 0;
	u32 curval;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	ret = get_futex_key(uaddr1, flags, &key1);
	if (!ret)
		ret = get_futex_key(uaddr2, flags, &key2);
	if (ret)
		return ret;
	if (cmpval) {
		if (get_user(curval, uaddr1))
			return -EFAULT;
		if (curval != *cmpval)
			return -EAGAIN;
	}
	list_for_each_entry_safe(q, n, futex_hash(&key1), list) {
		if (task_count - nr_wake >= nr_requeue)
			break;
		if (!futex_match(&q->key, &key1))
			continue;
		if (++task_count <= nr_wake) {
			futex_wake_q(q);
			continue;
		}
		list_del(&q->list);
		q->key = key2;
		list_add_tail(&q->list, futex_hash(&key2));
	}
	return task_count;
}
