// SPDX-License-Identifier: GPL-2.0
/*
 * spinlock.c - spinlock debugging. Mirrors kernel/locking/spinlock_debug.c:
 * on one CPU, finding a spinlock already held when taking it means this
 * CPU holds it -- a certain deadlock on SMP.
 */
#include <linux/spinlock.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/sched.h>

void spin_lock_recursion(spinlock_t *lock)
{
	pr_emerg("BUG: spinlock recursion on CPU#0, %s/%d, lock %px\n", current->comm,
		 current->pid, lock);
	BUG();
}
