/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mutex.h - sleeping locks. Mirrors include/linux/mutex.h and
 * rwsem.h (struct rw_semaphore: many readers or one writer, used for
 * mm->mmap_lock and anon_vma->rwsem).
 *
 * A task that finds the lock taken sleeps on the lock's wait queue;
 * unlocking wakes the waiters. Holding one across schedule() is fine
 * (unlike a spinlock). Implemented in kernel/mutex.c.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/wait.h>

struct mutex {
	struct task_struct *owner;
	wait_queue_head_t wait;
};

#define __MUTEX_INITIALIZER(name) { NULL, __WAIT_QUEUE_HEAD_INITIALIZER(name.wait) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

void mutex_init(struct mutex *lock);
void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
bool mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);

struct rw_semaphore {
	long count;		/* > 0: readers; -1: a writer; 0: free */
	struct task_struct *writer;
	wait_queue_head_t wait;
};

#define __RWSEM_INITIALIZER(name) { 0, NULL, __WAIT_QUEUE_HEAD_INITIALIZER(name.wait) }
#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void init_rwsem(struct rw_semaphore *sem);
void down_read(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
bool rwsem_is_locked(struct rw_semaphore *sem);

#endif /* _LINUX_MUTEX_H */
