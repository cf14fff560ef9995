/* SPDX-License-Identifier: GPL-2.0 */
/*
 * preempt.h - disabling preemption. Mirrors include/linux/preempt.h.
 *
 * While pcpu_hot.preempt_count is non-zero the running task must not be
 * switched away from (spinlocks hold it raised).
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <asm/percpu.h>

static inline int preempt_count(void)
{
	return READ_ONCE(pcpu_hot.preempt_count);
}

static inline void preempt_disable(void)
{
	pcpu_hot.preempt_count++;
	barrier();
}

static inline void preempt_enable_no_resched(void)
{
	barrier();
	pcpu_hot.preempt_count--;
}

static inline void preempt_enable(void)
{
	preempt_enable_no_resched();
}

#endif /* _LINUX_PREEMPT_H */
