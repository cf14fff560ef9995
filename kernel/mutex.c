// SPDX-License-Identifier: GPL-2.0
/*
 * mutex.c - sleeping locks with an owner. Mirrors kernel/locking/mutex.c.
 *
 * One CPU and a non-preemptive kernel make the fast path a plain test of
 * the owner field; a task finding the mutex taken sleeps on its wait queue
 * until mutex_unlock() wakes it, then tries again. Taking a mutex one
 * already holds is a deadlock, reported as a bug (CONFIG_DEBUG_MUTEXES).
 */
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/bug.h>
#include <linux/errno.h>

void mutex_init(struct mutex *lock)
{
	lock->owner = NULL;
	init_waitqueue_head(&lock->wait);
}

bool mutex_trylock(struct mutex *lock)
{
	if (lock->owner)
		return false;
	lock->owner = current;
	return true;
}

void mutex_lock(struct mutex *lock)
{
	BUG_ON(lock->owner == current);
	wait_event(lock->wait, mutex_trylock(lock));
}

/* mutex_lock_interruptible - as mutex_lock(), or -EINTR if a signal comes first. */
int mutex_lock_interruptible(struct mutex *lock)
{
	BUG_ON(lock->owner == current);
	return wait_event_interruptible(lock->wait, mutex_trylock(lock)) ? -EINTR : 0;
}

void mutex_unlock(struct mutex *lock)
{
	BUG_ON(lock->owner != current);
	lock->owner = NULL;
	wake_up(&lock->wait);
}

bool mutex_is_locked(struct mutex *lock)
{
	return lock->owner != NULL;
}
