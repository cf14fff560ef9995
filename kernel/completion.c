// SPDX-License-Identifier: GPL-2.0
/*
 * completion.c - "this has happened" events. Mirrors
 * kernel/sched/completion.c: complete() counts one event and wakes the
 * waiters; wait_for_completion() sleeps until an event is there and
 * consumes it.
 */
#include <linux/completion.h>
#include <linux/sched.h>

void complete(struct completion *x)
{
	x->done++;
	wake_up(&x->wait);
}

void wait_for_completion(struct completion *x)
{
	wait_event(x->wait, x->done);
	x->done--;
}
