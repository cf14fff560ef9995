// SPDX-License-Identifier: GPL-2.0
/*
 * kthread.c - kernel threads. Mirrors kernel/kthread.c.
 *
 * kthread_create() does not fork the caller: it queues a request for
 * kthreadd (PID 2), which creates every kernel thread, so they are all
 * kthreadd's children (as `ps` shows on Linux) and, since kthreadd
 * ignores SIGCHLD, are reaped as soon as they exit. A new thread waits,
 * TASK_UNINTERRUPTIBLE, until someone wakes it (kthread_run() does);
 * kthread_stop() sets its should-stop flag, wakes it and waits for its
 * exit code.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched_task.h>
#include <linux/completion.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/list.h>
#include <linux/signal.h>

struct kthread_create_info {
	int (*threadfn)(void *data);
	void *data;
	char name[TASK_COMM_LEN];
	struct task_struct *result;
	struct completion done;
	struct list_head list;
};

static LIST_HEAD(kthread_create_list);
static struct task_struct *kthreadd;
static DECLARE_WAIT_QUEUE_HEAD(kthreadd_wait);

struct task_struct *kthreadd_task(void)
{
	return kthreadd;
}

bool kthread_should_stop(void)
{
	return current->kthread_should_stop;
}

/* kthread - a new kernel thread's first function: report in, wait, run. */
static int kthread(void *_create)
{
	struct kthread_create_info *create = _create;
	int (*threadfn)(void *data) = create->threadfn;
	void *data = create->data;
	int ret = -EINTR;

	create->result = current;
	__set_current_state(TASK_UNINTERRUPTIBLE);
	complete(&create->done);	/* create may be gone after this */
	schedule();
	if (!kthread_should_stop())
		ret = threadfn(data);
	do_exit(ret << 8);
}

static void create_kthread(struct kthread_create_info *create)
{
	pid_t pid = kernel_thread(kthread, create, create->name);

	if (pid < 0) {
		create->result = ERR_PTR(pid);
		complete(&create->done);
	}
}

/**
 * kthread_create - make a kernel thread, stopped until woken
 * @threadfn: its function; its return value is the thread's exit code
 * @data: @threadfn's argument
 * @namefmt: printf-style name (the task's comm)
 *
 * Return: the task, or an ERR_PTR.
 */
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...)
{
	struct kthread_create_info *create = kzalloc(sizeof(*create), GFP_KERNEL);
	struct task_struct *task;
	va_list args;

	if (!create)
		return ERR_PTR(-ENOMEM);
	create->threadfn = threadfn;
	create->data = data;
	va_start(args, namefmt);
	vsnprintf(create->name, sizeof(create->name), namefmt, args);
	va_end(args);
	init_completion(&create->done);
	list_add_tail(&create->list, &kthread_create_list);
	wake_up_process(kthreadd);
	wait_for_completion(&create->done);
	task = create->result;
	kfree(create);
	return task;
}

/**
 * kthread_stop - ask @k to stop and wait until it has exited
 * @k: a thread made by kthread_create()
 *
 * Return: its threadfn's return value (-EINTR if it never ran).
 */
int kthread_stop(struct task_struct *k)
{
	DECLARE_COMPLETION_ONSTACK(exited);
	int ret;

	get_task_struct(k);
	k->kthread_exited = &exited;
	k->kthread_should_stop = true;
	wake_up_process(k);
	wait_for_completion(&exited);
	ret = k->exit_code >> 8;
	put_task_struct(k);
	return ret;
}

/* kthreadd_main - PID 2: create the kernel threads others ask for. */
static int kthreadd_main(void *unused)
{
	ignore_signals(current);
	for (;;) {
		/* Sleeps in S, as Linux's kthreadd does (it ignores all signals). */
		wait_event_interruptible(kthreadd_wait, !list_empty(&kthread_create_list));
		while (!list_empty(&kthread_create_list)) {
			struct kthread_create_info *create =
				list_first_entry(&kthread_create_list,
						 struct kthread_create_info, list);

			list_del_init(&create->list);
			create_kthread(create);
		}
	}
	return 0;
}

/* kthreadd_start - start kthreadd (from rest_init, right after init). */
void kthreadd_start(void)
{
	pid_t pid = kernel_thread(kthreadd_main, NULL, "kthreadd");

	kthreadd = find_task_by_pid(pid);
}
