// SPDX-License-Identifier: GPL-2.0
/*
 * wait.c - wait queues. Mirrors kernel/sched/wait.c.
 *
 * A sleeper puts a wait_queue_entry naming itself on the queue, sets its
 * state to TASK_(UN)INTERRUPTIBLE, re-checks its condition and calls
 * schedule(). A waker walks the queue and, for every entry, calls its
 * func if it has one (epoll's ep_poll_callback()), else wake_up_state()s
 * its task. Because the sleeper sets its state *before* re-checking the
 * condition, a wake-up that comes in between turns it back to
 * TASK_RUNNING and schedule() returns at once: no wake-up is lost.
 */
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

/**
 * prepare_to_wait - queue @wait on @wq (once) and set the task's state
 * @wq: the wait queue
 * @wait: the caller's entry
 * @state: TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE
 */
void prepare_to_wait(wait_queue_head_t *wq, wait_queue_entry_t *wait, int state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	if (list_empty(&wait->entry))
		list_add_tail(&wait->entry, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/**
 * add_wait_queue - put @wait on @wq without changing the task's state
 * @wq: the queue
 * @wait: an entry naming the task to wake (poll() stays on several queues)
 */
void add_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *wait)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_add_tail(&wait->entry, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* remove_wait_queue - take @wait off @wq. */
void remove_wait_queue(wait_queue_head_t *wq, wait_queue_entry_t *wait)
{
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&wait->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* finish_wait - back to TASK_RUNNING and off the queue. */
void finish_wait(wait_queue_head_t *wq, wait_queue_entry_t *wait)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&wq->lock, flags);
	list_del_init(&wait->entry);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/**
 * __wake_up - wake every task sleeping on @wq in one of @state
 * @wq: the wait queue
 * @state: the task states to wake (TASK_NORMAL: both kinds of sleep)
 *
 * The entries stay queued: each sleeper removes its own in finish_wait().
 */
void __wake_up(wait_queue_head_t *wq, unsigned int state)
{
	wait_queue_entry_t *wait;
	unsigned long flags;

	spin_lock_irqsave(&wq->lock, flags);
	list_for_each_entry(wait, &wq->head, entry) {
		if (wait->func)
			wait->func(wait, state);
		else
			wake_up_state(wait->task, state);
	}
	spin_unlock_irqrestore(&wq->lock, flags);
}
