/* SPDX-License-Identifier: GPL-2.0 */
/*
 * spinlock.h - spinlocks for a single CPU. Mirrors include/linux/spinlock.h
 * and spinlock_api_up.h.
 *
 * On one CPU nobody else can hold a lock concurrently, so taking a
 * spinlock only has to stop what could interleave on this CPU: preemption
 * (always) and interrupt handlers (the _irq/_irqsave variants). The lock
 * still records that it is held, so taking it twice -- a deadlock on a real
 * SMP machine -- is caught as "BUG: spinlock recursion". Locks sit where
 * Linux has them (zone->lock, mm->page_table_lock, anon_vma->rwsem ...) so
 * the code shows the real locking design.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/preempt.h>
#include <asm/irqflags.h>

typedef struct spinlock {
	int locked;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name) { 0 }
#define DEFINE_SPINLOCK(name) spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

void spin_lock_recursion(spinlock_t *lock);

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->locked = 0;
}

static inline void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	if (unlikely(lock->locked))
		spin_lock_recursion(lock);
	lock->locked = 1;
}

static inline void spin_unlock(spinlock_t *lock)
{
	lock->locked = 0;
	preempt_enable();
}

static inline int spin_is_locked(spinlock_t *lock)
{
	return lock->locked;
}

static inline void spin_lock_irq(spinlock_t *lock)
{
	local_irq_disable();
	spin_lock(lock);
}

static inline void spin_unlock_irq(spinlock_t *lock)
{
	spin_unlock(lock);
	local_irq_enable();
}

#define spin_lock_irqsave(lock, flags)		\
	do {					\
		local_irq_save(flags);		\
		spin_lock(lock);		\
	} while (0)

#define spin_unlock_irqrestore(lock, flags)	\
	do {					\
		spin_unlock(lock);		\
		local_irq_restore(flags);	\
	} while (0)

#endif /* _LINUX_SPINLOCK_H */
