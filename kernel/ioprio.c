// SPDX-License-Identifier: GPL-2.0
/*
 * ioprio.c - ioprio_set(2) and ioprio_get(2): I/O scheduling classes and
 * levels. Mirrors block/ioprio.c.
 *
 * Pagoda has no block devices and no I/O scheduler, so a priority has no
 * effect: the calls check it as Linux does, keep it in task->ioprio
 * (inherited by fork, like Linux's io_context value) and give it back.
 * For a process group or a user, ioprio_get() reports the best (lowest)
 * effective priority, where "none" means the best-effort level that
 * follows from the nice value, as in Linux.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/syscalls.h>

#define IOPRIO_CLASS_SHIFT	13
#define IOPRIO_PRIO_CLASS(ioprio)	(((ioprio) >> IOPRIO_CLASS_SHIFT) & 7)
#define IOPRIO_PRIO_LEVEL(ioprio)	((ioprio) & 7)
#define IOPRIO_PRIO_VALUE(class, level)	(((class) << IOPRIO_CLASS_SHIFT) | (level))
#define IOPRIO_NR_LEVELS	8

enum { IOPRIO_CLASS_NONE, IOPRIO_CLASS_RT, IOPRIO_CLASS_BE, IOPRIO_CLASS_IDLE };

/* ioprio_check_cap - a valid class and level? (root may use every class) */
static int ioprio_check_cap(int ioprio)
{
	switch (IOPRIO_PRIO_CLASS(ioprio)) {
	case IOPRIO_CLASS_RT:
	case IOPRIO_CLASS_BE:
		return IOPRIO_PRIO_LEVEL(ioprio) >= IOPRIO_NR_LEVELS ? -EINVAL : 0;
	case IOPRIO_CLASS_IDLE:
		return 0;
	case IOPRIO_CLASS_NONE:
		return IOPRIO_PRIO_LEVEL(ioprio) ? -EINVAL : 0;
	default:
		return -EINVAL;
	}
}

static int set_task_ioprio(struct task_struct *p, void *ioprio)
{
	p->ioprio = *(int *)ioprio;
	return 0;
}

/* ioprio_set - @which: 1 a thread, 2 a process group, 3 a user (getpriority's 0..2, plus one). */
SYSCALL_DEFINE3(ioprio_set, int, which, int, who, int, ioprio)
{
	int ret = ioprio_check_cap(ioprio);

	return ret ? ret : prio_walk(which - 1, who, set_task_ioprio, &ioprio);
}

/* __get_task_ioprio - @p's effective priority: "none" is best effort at (nice + 20) / 5. */
static int __get_task_ioprio(struct task_struct *p)
{
	if (IOPRIO_PRIO_CLASS(p->ioprio) != IOPRIO_CLASS_NONE)
		return p->ioprio;
	return IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, (task_nice(p) + 20) / 5);
}

struct ioprio_best {
	bool raw;		/* one thread: its own value, not the effective one */
	int prio;		/* -1: none seen yet */
};

static int get_task_ioprio(struct task_struct *p, void *arg)
{
	struct ioprio_best *best = arg;
	int prio = best->raw ? p->ioprio : __get_task_ioprio(p);

	best->prio = best->prio < 0 ? prio : min(best->prio, prio);
	return 0;
}

SYSCALL_DEFINE2(ioprio_get, int, which, int, who)
{
	struct ioprio_best best = { .raw = which == 1, .prio = -1 };
	int ret = prio_walk(which - 1, who, get_task_ioprio, &best);

	return ret ? ret : best.prio;
}
