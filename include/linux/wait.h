/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wait.h - wait queues: sleeping until a condition becomes true. Mirrors
 * include/linux/wait.h and kernel/sched/wait.c.
 *
 *   wait_event_interruptible(pipe->rd_wait, pipe_readable(pipe));
 *   ...
 *   wake_up_interruptible(&pipe->rd_wait);
 *
 * The sleeper queues itself, sets its state, re-checks the condition and
 * calls schedule(); wake_up() makes every queued task runnable again, and
 * each re-checks its condition. An interruptible wait ends early with
 * -ERESTARTSYS when a signal is pending: the system call returns it, and
 * the signal code restarts the call after an SA_RESTART handler or turns it
 * into -EINTR (kernel/signal.c).
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/errno.h>

struct task_struct;

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wait, unsigned int mode);

/*
 * A sleeper on a queue: its task, woken by wake_up(), or, with @func set,
 * a callback that wake_up() runs instead (epoll's ep_poll_callback()).
 */
struct wait_queue_entry {
	struct task_struct *task;
	wait_queue_func_t func;
	struct list_head entry;
};

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;
typedef struct wait_queue_entry wait_queue_entry_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) { __SPIN_LOCK_UNLOCKED(name.lock), LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

static inline void init_waitqueue_head(wait_queue_head_t *wq)
{
	spin_lock_init(&wq->lock);
	INIT_LIST_HEAD(&wq->head);
}

static inline bool waitqueue_active(wait_queue_head_t *wq)
{
	return !list_empty(&wq->head);
}

void prepare_to_wait(wait_queue_head_t *wq, wait_queue_entry_t *wait, int state);
void finish_wait(wait_queue_head_t *wq, wait_queue_entry_t *wait);
void add_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *wait);
void remove_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *wait);
void __wake_up(wait_queue_head_t *wq, unsigned int state);
bool signal_pending(struct task_struct *p);

#define wake_up(wq) __wake_up(wq, TASK_NORMAL)
#define wake_up_all(wq) __wake_up(wq, TASK_NORMAL)
#define wake_up_interruptible(wq) __wake_up(wq, TASK_INTERRUPTIBLE)

#define ___wait_event(wq, condition, state, ret)			\
({									\
	wait_queue_entry_t __wait = { .task = current,			\
		.entry = LIST_HEAD_INIT(__wait.entry) };		\
	long __ret = 0;							\
	for (;;) {							\
		prepare_to_wait(&(wq), &__wait, state);			\
		if (condition)						\
			break;						\
		if ((state) == TASK_INTERRUPTIBLE && signal_pending(current)) { \
			__ret = -ERESTARTSYS;				\
			break;						\
		}							\
		schedule();						\
	}								\
	finish_wait(&(wq), &__wait);					\
	__ret;								\
})

/* wait_event - sleep (not interruptible) until @condition is true. */
#define wait_event(wq, condition)					\
	do {								\
		if (!(condition))					\
			___wait_event(wq, condition, TASK_UNINTERRUPTIBLE, 0); \
	} while (0)

/* wait_event_interruptible - sleep until @condition, or -ERESTARTSYS on a signal. */
#define wait_event_interruptible(wq, condition)				\
	((condition) ? 0 : ___wait_event(wq, condition, TASK_INTERRUPTIBLE, 0))

long schedule_timeout(long timeout);

/*
 * wait_event_interruptible_timeout - sleep until @condition, a signal
 * (-ERESTARTSYS) or @timeout jiffies; the jiffies left (at least 1 if the
 * condition came true), 0 on timeout.
 */
#define wait_event_interruptible_timeout(wq, condition, timeout)	\
({									\
	wait_queue_entry_t __wait = { .task = current,			\
		.entry = LIST_HEAD_INIT(__wait.entry) };		\
	long __ret = (timeout);						\
	for (;;) {							\
		prepare_to_wait(&(wq), &__wait, TASK_INTERRUPTIBLE);	\
		if (condition) {					\
			__ret = __ret ? __ret : 1;			\
			break;						\
		}							\
		if (signal_pending(current)) {				\
			__ret = -ERESTARTSYS;				\
			break;						\
		}							\
		if (!__ret)						\
			break;						\
		__ret = schedule_timeout(__ret);			\
	}								\
	finish_wait(&(wq), &__wait);					\
	__ret;								\
})

#endif /* _LINUX_WAIT_H */
