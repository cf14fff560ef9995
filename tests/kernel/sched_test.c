// SPDX-License-Identifier: GPL-2.0
/*
 * sched_test.c - ktest suite "sched": kernel threads, wait queues,
 * completions, mutexes and sleeping, run from PID 1 (kernel_init).
 */
#include <linux/ktest.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/time.h>
#include <linux/string.h>

static int return_arg(void *data)
{
	return (int)(long)data;
}

/* A thread created by kthread_create() waits for a wake-up, belongs to kthreadd. */
KTEST(sched, kthread_run_and_stop)
{
	struct task_struct *k = kthread_create(return_arg, (void *)42L, "ktest/%d", 7);

	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	KTEST_EXPECT_EQ(t, strcmp(k->comm, "ktest/7"), 0);
	KTEST_EXPECT_EQ(t, k->real_parent->pid, 2);
	KTEST_EXPECT_EQ(t, task_state(k), TASK_UNINTERRUPTIBLE);
	KTEST_EXPECT_TRUE(t, k->flags & PF_KTHREAD);
	/* Stopped before it ever ran: threadfn is not called. */
	KTEST_EXPECT_EQ(t, kthread_stop(k), -EINTR);
}

static int wait_for_stop(void *data)
{
	int *loops = data;

	while (!kthread_should_stop()) {
		(*loops)++;
		msleep(10);
	}
	return 7;
}

KTEST(sched, kthread_should_stop_ends_loop)
{
	int loops = 0;
	struct task_struct *k = kthread_run(wait_for_stop, &loops, "ktest_loop");

	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	msleep(50);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 7);
	KTEST_EXPECT_GT(t, loops, 0);
}

struct waker {
	struct completion started, go;
	int stage;
};

static int completion_partner(void *data)
{
	struct waker *w = data;

	w->stage = 1;
	complete(&w->started);
	wait_for_completion(&w->go);
	w->stage = 2;
	return 0;
}

/* Completions hand control back and forth in order. */
KTEST(sched, completion_ordering)
{
	struct waker w = { .stage = 0 };
	struct task_struct *k;

	init_completion(&w.started);
	init_completion(&w.go);
	k = kthread_run(completion_partner, &w, "ktest_compl");
	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	get_task_struct(k);
	wait_for_completion(&w.started);
	KTEST_EXPECT_EQ(t, w.stage, 1);
	complete(&w.go);
	while (w.stage != 2)
		yield();
	KTEST_EXPECT_EQ(t, w.stage, 2);
	put_task_struct(k);
}

/* msleep() never returns early: at least the asked time in jiffies. */
KTEST(sched, msleep_duration)
{
	unsigned long start = jiffies;

	msleep(100);
	KTEST_EXPECT_GE(t, jiffies - start, msecs_to_jiffies(100));
	KTEST_EXPECT_LT(t, jiffies - start, msecs_to_jiffies(100) + 20);
}

static DEFINE_MUTEX(counter_lock);
static int counter;

static int mutex_worker(void *data)
{
	for (int i = 0; i < 50; i++) {
		int v;

		mutex_lock(&counter_lock);
		v = counter;
		yield();		/* the other worker runs while we hold the lock */
		counter = v + 1;
		mutex_unlock(&counter_lock);
	}
	return 0;
}

/* A mutex serialises two threads that yield inside the critical section. */
KTEST(sched, mutex_excludes)
{
	struct task_struct *a, *b;

	counter = 0;
	a = kthread_create(mutex_worker, NULL, "ktest_mutex_a");
	b = kthread_create(mutex_worker, NULL, "ktest_mutex_b");
	KTEST_ASSERT_FALSE(t, IS_ERR(a) || IS_ERR(b));
	get_task_struct(a);
	get_task_struct(b);
	wake_up_process(a);
	wake_up_process(b);
	while (counter < 100)
		msleep(10);
	KTEST_EXPECT_EQ(t, counter, 100);
	KTEST_EXPECT_FALSE(t, mutex_is_locked(&counter_lock));
	put_task_struct(a);
	put_task_struct(b);
}
