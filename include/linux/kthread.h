/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kthread.h - kernel threads. Mirrors include/linux/kthread.h.
 *
 *   struct task_struct *t = kthread_run(ksm_scan_thread, NULL, "ksmd");
 *   ...
 *   while (!kthread_should_stop()) { work(); schedule_timeout_interruptible(..); }
 *   ...
 *   kthread_stop(t);	// sets the stop flag, wakes it, waits for its exit
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/sched.h>
#include <linux/compiler.h>
#include <linux/errno.h>

__printf(3, 4) struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
						  const char *namefmt, ...);
bool kthread_should_stop(void);
int kthread_stop(struct task_struct *k);
void kthreadd_start(void);

#define kthread_run(threadfn, data, namefmt, ...)				\
({										\
	struct task_struct *__k = kthread_create(threadfn, data, namefmt, ##__VA_ARGS__); \
	if (!IS_ERR(__k))							\
		wake_up_process(__k);						\
	__k;									\
})

#endif /* _LINUX_KTHREAD_H */
