// SPDX-License-Identifier: GPL-2.0
/*
 * pid.c - process IDs. Mirrors kernel/pid.c: PIDs are handed out
 * cyclically from 1 to pid_max - 1, then again from RESERVED_PIDS + 1
 * (skipping those in use, so a new process never reuses a just-freed PID
 * at once), and a hash table finds
 * the task of a PID (find_task_by_pid, Linux's find_task_by_vpid).
 */
#include <linux/kernel.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/list.h>
#include <linux/errno.h>

#define PIDHASH_SIZE 256

static struct list_head pid_hash[PIDHASH_SIZE];
pid_t last_pid;			/* Linux: pid_namespace's idr cursor; /proc/loadavg */
int pid_max = PID_MAX_DEFAULT;

static struct list_head *pid_hashfn(pid_t pid)
{
	return &pid_hash[pid % PIDHASH_SIZE];
}

struct task_struct *find_task_by_pid(pid_t pid)
{
	struct task_struct *p;

	if (pid <= 0)
		return NULL;
	list_for_each_entry(p, pid_hashfn(pid), pid_chain)
		if (p->pid == pid)
			return p;
	return NULL;
}

/**
 * alloc_pid - give @task the next free PID and hash it
 * @task: the new task
 *
 * Return: the PID, or -EAGAIN when every one below pid_max is in use.
 */
pid_t alloc_pid(struct task_struct *task)
{
	int tries;

	if (!pid_hash[0].next) {
		for (int i = 0; i < PIDHASH_SIZE; i++)
			INIT_LIST_HEAD(&pid_hash[i]);
	}
	for (tries = 1; tries < pid_max; tries++) {
		pid_t pid = last_pid + 1 < pid_max ? last_pid + 1 : RESERVED_PIDS + 1;

		last_pid = pid;
		if (!find_task_by_pid(pid)) {
			task->pid = pid;
			list_add(&task->pid_chain, pid_hashfn(pid));
			return pid;
		}
	}
	return -EAGAIN;
}

void free_pid(struct task_struct *task)
{
	list_del_init(&task->pid_chain);
}

/**
 * exchange_tids - @left and @right swap pids (de_thread(): a thread that
 * execs takes over its group leader's pid, the process's id)
 * @left: a task
 * @right: another task
 */
void exchange_tids(struct task_struct *left, struct task_struct *right)
{
	pid_t pid = left->pid;

	free_pid(left);
	free_pid(right);
	left->pid = right->pid;
	right->pid = pid;
	list_add(&left->pid_chain, pid_hashfn(left->pid));
	list_add(&right->pid_chain, pid_hashfn(right->pid));
}
