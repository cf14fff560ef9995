// SPDX-License-Identifier: GPL-2.0
/*
 * sched.c - the scheduler: a run queue, the context switch, sleeping with
 * a timeout, and the idle task. Mirrors kernel/sched/core.c (schedule,
 * context_switch, finish_task_switch, try_to_wake_up, scheduler_tick),
 * kernel/sched/idle.c and kernel/time/timer.c (schedule_timeout, msleep).
 *
 * One CPU, one FIFO run queue of runnable tasks that are not running,
 * round robin with a time slice of SCHED_TIMESLICE_TICKS ticks for nice 0,
 * scaled by the weight CFS gives the task's nice value (at least one
 * tick): each task's share of the CPU is its weight's share, as with CFS,
 * only in coarser slices. The tick
 * only sets need_resched; the switch happens on the way back to user mode
 * (exit_to_user_mode) or when kernel code sleeps, yields or calls
 * cond_resched() -- Linux's CONFIG_PREEMPT_NONE model.
 *
 * Address spaces switch lazily as in Linux: a kernel thread has no mm and
 * borrows the previous task's (active_mm, pinned with mmgrab), so
 * switching to it and back costs no CR3 reload.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/mm.h>
#include <linux/mmu_context.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <linux/preempt.h>
#include <linux/kernel_stat.h>
#include <asm/irqflags.h>
#include <asm/process.h>
#include <asm/processor.h>

static LIST_HEAD(runqueue);		/* runnable tasks, not the running one */
static LIST_HEAD(sleepers);		/* tasks in schedule_timeout(), by ->timer_list */
static bool need_resched_flag;		/* Linux: TIF_NEED_RESCHED of current */
static struct mm_struct *prev_mm;	/* Linux: rq->prev_mm, dropped after the switch */
unsigned long nr_context_switches;

bool need_resched(void)
{
	return READ_ONCE(need_resched_flag);
}

void set_tsk_need_resched(void)
{
	WRITE_ONCE(need_resched_flag, true);
}

static bool task_on_rq(struct task_struct *p)
{
	return !list_empty(&p->run_list);
}

static void enqueue_task(struct task_struct *p)
{
	if (!task_on_rq(p) && !(p->flags & PF_IDLE))
		list_add_tail(&p->run_list, &runqueue);
}

/*
 * sched_prio_to_weight - CFS's load weight of each nice value, -20..19:
 * about 1.25 times less CPU for each step up (kernel/sched/core.c).
 */
static const int sched_prio_to_weight[40] = {
	88761, 71755, 56483, 46273, 36291, 29154, 23254, 18705, 14949, 11916,
	9548, 7620, 6100, 4904, 3906, 3121, 2501, 1991, 1586, 1277,
	1024, 820, 655, 526, 423, 335, 272, 215, 172, 137,
	110, 87, 70, 56, 45, 36, 29, 23, 18, 15,
};

/* task_timeslice - @p's slice: nice 0's ticks scaled by its weight, at least one. */
static int task_timeslice(const struct task_struct *p)
{
	int weight = sched_prio_to_weight[task_nice(p) - MIN_NICE];

	return max(SCHED_TIMESLICE_TICKS * weight / sched_prio_to_weight[-MIN_NICE], 1);
}

/* set_user_nice - @p's nice value becomes @nice (-20..19); its next slice follows. */
void set_user_nice(struct task_struct *p, long nice)
{
	p->static_prio = NICE_TO_PRIO(clamp(nice, (long)MIN_NICE, (long)MAX_NICE));
}

static struct task_struct *pick_next_task(void)
{
	struct task_struct *next;

	if (list_empty(&runqueue))
		return &init_task;	/* the idle task */
	next = list_first_entry(&runqueue, struct task_struct, run_list);
	list_del_init(&next->run_list);
	next->time_slice = task_timeslice(next);
	return next;
}

/**
 * wake_up_state - make @p runnable if it sleeps in one of @state
 * @p: the task
 * @state: TASK_INTERRUPTIBLE, TASK_UNINTERRUPTIBLE or both
 *
 * Return: 1 if @p was woken, 0 if it was not in @state. Mirrors
 * try_to_wake_up().
 */
int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned long flags;
	int woken = 0;

	local_irq_save(flags);
	if (task_state(p) & state) {
		WRITE_ONCE(p->__state, TASK_RUNNING);
		if (p != current)
			enqueue_task(p);
		if (current->flags & PF_IDLE)
			set_tsk_need_resched();
		woken = 1;
	}
	local_irq_restore(flags);
	return woken;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

/* wake_up_new_task - a new task's first time on the run queue. */
void wake_up_new_task(struct task_struct *p)
{
	unsigned long flags;

	local_irq_save(flags);
	WRITE_ONCE(p->__state, TASK_RUNNING);
	enqueue_task(p);
	if (current->flags & PF_IDLE)
		set_tsk_need_resched();
	local_irq_restore(flags);
}

/**
 * finish_task_switch - clean up after the task switched away from
 * @prev: that task
 *
 * Drops the mm a kernel thread had borrowed, and for a dead task the
 * scheduler's reference (its kernel stack goes now; the task_struct stays
 * until the parent reaps it).
 */
static void finish_task_switch(struct task_struct *prev)
{
	struct mm_struct *mm = prev_mm;

	prev_mm = NULL;
	if (mm)
		mmdrop(mm);
	if (task_state(prev) == TASK_DEAD)
		put_task_struct(prev);
}

static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	struct mm_struct *oldmm = prev->active_mm;

	if (!next->mm) {			/* kernel thread: borrow */
		next->active_mm = oldmm;
		mmgrab(oldmm);
	} else {
		switch_mm(oldmm, next->mm);
	}
	if (!prev->mm) {			/* give back what prev borrowed */
		prev->active_mm = NULL;
		prev_mm = oldmm;
	}
	nr_context_switches++;
	prev = __switch_to_asm(prev, next);
	finish_task_switch(prev);
}

/*
 * schedule_tail - a new task's first code after the switch
 * (ret_from_fork_asm); a CLONE_CHILD_SETTID child writes its tid, in its
 * own address space.
 */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(prev);
	local_irq_enable();
	if (current->set_child_tid)
		put_user(current->pid, current->set_child_tid);
}

/**
 * schedule - give the CPU to the next runnable task
 *
 * A running caller goes to the back of the run queue; a caller that set a
 * sleeping state stays off it until woken -- unless it sleeps
 * interruptibly with a signal pending, which counts as woken.
 */
void schedule(void)
{
	struct task_struct *prev = current, *next;
	unsigned long flags;

	BUG_ON(preempt_count());
	local_irq_save(flags);
	need_resched_flag = false;
	if (task_state(prev) == TASK_INTERRUPTIBLE && signal_pending(prev))
		WRITE_ONCE(prev->__state, TASK_RUNNING);
	if (task_state(prev) == TASK_RUNNING) {
		enqueue_task(prev);
		prev->nivcsw++;
	} else {
		prev->nvcsw++;
	}
	next = pick_next_task();
	if (next != prev)
		context_switch(prev, next);
	local_irq_restore(flags);
}

/* cond_resched - a preemption point for long-running kernel code. */
void cond_resched(void)
{
	if (need_resched())
		schedule();
}

void yield(void)
{
	set_current_state(TASK_RUNNING);
	schedule();
}

SYSCALL_DEFINE0(sched_yield)
{
	yield();
	return 0;
}

struct kernel_cpustat kcpustat;

/* account_cpustat - charge a tick to user, nice, system or idle time (/proc/stat). */
static void account_cpustat(struct task_struct *curr, bool user_tick, u64 ns)
{
	enum cpu_usage_stat index = CPUTIME_SYSTEM;

	if (curr->flags & PF_IDLE)
		index = CPUTIME_IDLE;
	else if (user_tick)
		index = task_nice(curr) > 0 ? CPUTIME_NICE : CPUTIME_USER;
	kcpustat.cpustat[index] += ns;
}

/* nr_running - the tasks running or waiting to run (not the idle task). */
unsigned int nr_running(void)
{
	unsigned long flags;
	unsigned int n;

	local_irq_save(flags);
	n = list_count_nodes(&runqueue) + !(current->flags & PF_IDLE);
	local_irq_restore(flags);
	return n;
}

/**
 * scheduler_tick - account one timer tick to the running task
 * @user_tick: the tick interrupted user mode
 *
 * Wakes the sleepers whose timeout expired and asks for a reschedule
 * when the running task's time slice is used up.
 */
void scheduler_tick(bool user_tick)
{
	struct task_struct *curr = current;
	u64 tick_ns = NSEC_PER_SEC / HZ;

	if (user_tick)
		curr->utime += tick_ns;
	else
		curr->stime += tick_ns;
	account_cpustat(curr, user_tick, tick_ns);
	wake_sleepers();
	itimer_tick();
	calc_global_load();
	if (curr->flags & PF_IDLE) {
		if (!list_empty(&runqueue))
			set_tsk_need_resched();
	} else if (--curr->time_slice <= 0) {
		set_tsk_need_resched();
	}
}

/* wake_sleepers - wake every task whose schedule_timeout() expired. */
void wake_sleepers(void)
{
	struct task_struct *p, *tmp;

	list_for_each_entry_safe(p, tmp, &sleepers, timer_list) {
		if (time_after_eq(jiffies, p->timeout)) {
			list_del_init(&p->timer_list);
			wake_up_process(p);
		}
	}
}

/**
 * schedule_timeout - sleep until woken or @timeout jiffies have passed
 * @timeout: jiffies, or MAX_SCHEDULE_TIMEOUT for no limit
 *
 * The caller sets its state first, as for schedule().
 * Return: the jiffies left (0 if the time ran out).
 */
long schedule_timeout(long timeout)
{
	struct task_struct *tsk = current;
	unsigned long expire, flags;
	long left;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0)
		timeout = 0;
	expire = jiffies + timeout;
	local_irq_save(flags);
	tsk->timeout = expire;
	list_add_tail(&tsk->timer_list, &sleepers);
	local_irq_restore(flags);
	schedule();
	local_irq_save(flags);
	list_del_init(&tsk->timer_list);
	local_irq_restore(flags);
	left = (long)(expire - jiffies);
	return left < 0 ? 0 : left;
}

/**
 * schedule_hrtimeout - sleep until woken or until the monotonic clock
 * reaches *@expires (HRTIMER_MODE_ABS, ktime_get_ns() nanoseconds) or
 * *@expires from now (HRTIMER_MODE_REL); NULL: no limit
 *
 * Linux arms a high-resolution timer on the clocksource. Pagoda has only
 * the tick, so it sleeps whole ticks, rounded up, and then asks the clock:
 * the clock decides that the time has come, not a count of ticks (under
 * an emulator, timer interrupts can come late and then in a burst).
 * The caller sets its state first, as for schedule().
 * Return: 0 when the time has come, -EINTR when woken before.
 */
int schedule_hrtimeout(u64 *expires, const enum hrtimer_mode mode)
{
	u64 end;
	s64 left;

	if (!expires) {
		schedule();
		return -EINTR;
	}
	end = mode == HRTIMER_MODE_REL ? ktime_get_ns() + *expires : *expires;
	left = end - ktime_get_ns();
	if (left <= 0) {
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	schedule_timeout(jiffies_until(left) + 1);
	return (s64)(end - ktime_get_ns()) <= 0 ? 0 : -EINTR;
}

void msleep(unsigned int msecs)
{
	long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		timeout = schedule_timeout(timeout);
	}
}

long msleep_interruptible(unsigned int msecs)
{
	long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout && !signal_pending(current)) {
		set_current_state(TASK_INTERRUPTIBLE);
		timeout = schedule_timeout(timeout);
	}
	return jiffies_to_msecs(timeout);
}

/**
 * schedule_idle - the idle task's loop (init_task, PID 0, after boot)
 *
 * Halts until an interrupt makes something runnable, then lets it run.
 */
void schedule_idle(void)
{
	current->flags |= PF_IDLE;
	for (;;) {
		local_irq_disable();
		if (need_resched()) {
			local_irq_enable();
			schedule();
			continue;
		}
		safe_halt();	/* sti; hlt: no wake-up lost in between */
	}
}

/* sched_init - the boot task becomes a schedulable task (later the idle task). */
void sched_init(void)
{
	INIT_LIST_HEAD(&init_task.run_list);
	INIT_LIST_HEAD(&init_task.timer_list);
	/* The boot task borrows init_mm like any kernel thread: its own reference. */
	mmgrab(&init_mm);
	init_task.active_mm = &init_mm;
	init_task.time_slice = SCHED_TIMESLICE_TICKS;
}
