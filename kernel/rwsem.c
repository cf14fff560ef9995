// SPDX-License-Identifier: GPL-2.0
/*
 * rwsem.c - reader/writer semaphores (mmap_lock, the anon_vma lock, inode
 * locks). Mirrors kernel/locking/rwsem.c: any number of readers or one
 * writer. count > 0 is the number of readers, -1 means a writer holds it.
 * Waiters sleep on the wait queue and retry when the holder releases it;
 * a release wakes the queue only if someone waits on it (Linux: the
 * RWSEM_FLAG_WAITERS bit), so an uncontended up_read()/up_write() -- an
 * rmap walk's anon_vma lock, twice per migrated page -- takes no lock.
 */
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/bug.h>

void init_rwsem(struct rw_semaphore *sem)
{
	sem->count = 0;
	sem->writer = NULL;
	init_waitqueue_head(&sem->wait);
}

static bool rwsem_read_trylock(struct rw_semaphore *sem)
{
	if (sem->count < 0)
		return false;
	sem->count++;
	return true;
}

static bool rwsem_write_trylock(struct rw_semaphore *sem)
{
	if (sem->count)
		return false;
	sem->count = -1;
	sem->writer = current;
	return true;
}

void down_read(struct rw_semaphore *sem)
{
	BUG_ON(sem->writer == current);
	wait_event(sem->wait, rwsem_read_trylock(sem));
}

void up_read(struct rw_semaphore *sem)
{
	BUG_ON(sem->count <= 0);
	if (--sem->count == 0 && waitqueue_active(&sem->wait))
		wake_up(&sem->wait);
}

void down_write(struct rw_semaphore *sem)
{
	BUG_ON(sem->writer == current);
	wait_event(sem->wait, rwsem_write_trylock(sem));
}

void up_write(struct rw_semaphore *sem)
{
	BUG_ON(sem->writer != current);
	sem->writer = NULL;
	sem->count = 0;
	if (waitqueue_active(&sem->wait))
		wake_up(&sem->wait);
}

bool rwsem_is_locked(struct rw_semaphore *sem)
{
	return sem->count != 0;
}
