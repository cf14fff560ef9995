/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sched.h - the task (a thread of a process, or a kernel thread), what the
 * threads of a process share (signal_struct, sighand_struct) and the
 * scheduler's interface. Mirrors include/linux/sched.h (and sched/task.h,
 * sched/signal.h).
 *
 * Every task has its own kernel stack (THREAD_SIZE, with an unmapped guard
 * page below it) holding, at its top, the user registers (pt_regs) of a
 * process in the kernel. A user process has an mm; a kernel thread has
 * none and borrows the previous task's (active_mm), as in Linux.
 *
 * Scheduling is round robin with a time slice: the timer tick preempts a
 * task running in user mode; kernel code runs until it sleeps, exits or
 * calls cond_resched() (Linux's CONFIG_PREEMPT_NONE model). See
 * kernel/sched.c.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/cred.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/wait.h>
#include <linux/signal_types.h>
#include <linux/resource.h>
#include <asm/percpu.h>
#include <asm/processor.h>
#include <asm/ptrace.h>

/* Task states (task->__state). */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001	/* sleeping; a signal wakes it */
#define TASK_UNINTERRUPTIBLE	0x0002	/* sleeping; only wake_up() wakes it */
#define __TASK_STOPPED		0x0004	/* stopped by a stop signal; SIGCONT wakes it */
#define TASK_DEAD		0x0080	/* exited, waiting to be switched away from */
#define TASK_WAKEKILL		0x0100	/* SIGKILL wakes it too */
#define TASK_STOPPED		(TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* Exit states (task->exit_state). */
#define EXIT_ZOMBIE		0x0020	/* exited; the parent has not waited yet */
#define EXIT_DEAD		0x0010	/* reaped */

/* task->flags */
#define PF_IDLE			0x00000002	/* the idle task */
#define PF_EXITING		0x00000004	/* in do_exit() */
#define PF_KTHREAD		0x00200000	/* a kernel thread */

/* task->jobctl */
#define JOBCTL_STOP_PENDING	(1UL << 17)	/* the group is stopping: stop on the way out */

/* task->signal_flags (Linux: signal->flags) */
#define SIGNAL_UNKILLABLE	0x00000040	/* init: fatal user signals are ignored */

#define TASK_COMM_LEN		16
#define SCHED_TIMESLICE_TICKS	5	/* 50 ms at HZ=100, for nice 0 */

/* nice values (include/linux/sched/prio.h) */
#define MAX_NICE		19
#define MIN_NICE		-20
#define DEFAULT_PRIO		120	/* static_prio of nice 0 */
#define NICE_TO_PRIO(nice)	((nice) + DEFAULT_PRIO)
#define PRIO_TO_NICE(prio)	((prio) - DEFAULT_PRIO)
#define MAX_SCHEDULE_TIMEOUT	LONG_MAX

struct mm_struct;
struct files_struct;
struct tty_struct;
struct fs_struct;
struct completion;
struct capture_control;

/*
 * sighand_struct - the signal actions (rt_sigaction()), shared by the
 * tasks cloned with CLONE_SIGHAND, so by all threads of a process.
 */
struct sighand_struct {
	atomic_t count;			/* tasks using it */
	struct k_sigaction action[_NSIG];
};

#define SIGNAL_STOP_STOPPED	0x00000001	/* the group is stopped (job control) */
#define SIGNAL_STOP_CONTINUED	0x00000002	/* SIGCONT since it stopped: for WCONTINUED */
#define SIGNAL_GROUP_EXIT	0x00000004	/* exit_group() or a fatal signal: all threads die */
#define SIGNAL_CLD_CONTINUED	0x00000020	/* the parent is still to get CLD_CONTINUED */

/*
 * signal_struct - what the threads of one process (a thread group) share:
 * the list of threads, the signals sent to the process as a whole, and
 * how the group is exiting, and the process's usage: of its threads that
 * ended, and of its reaped children. Linux keeps the process groups and
 * limits here too; Pagoda still has those per task (see below).
 */
/* An interval timer: expiry on its clock (0: off) and re-arm interval, ns. */
struct cpu_itimer {
	u64 expires;
	u64 incr;
};

struct signal_struct {
	atomic_t sigcnt;		/* task_structs referring to it */
	atomic_t live;			/* threads not yet in do_exit() */
	int nr_threads;			/* threads not yet released */
	struct list_head thread_head;	/* the threads, by task->thread_node */
	struct sigpending shared_pending;	/* kill(): for any thread to take */
	wait_queue_head_t wait_chldexit;	/* wait4() sleeps here, in any thread */
	unsigned int flags;		/* SIGNAL_GROUP_EXIT, SIGNAL_STOP_* */
	int group_exit_code;		/* wait4() status of a group exit; or the stop signal */
	int group_stop_count;		/* threads still to stop (do_signal_stop) */
	struct task_struct *group_exec_task;	/* execve()'s de_thread() waits for the others */
	short oom_score_adj;		/* /proc/PID/oom_score_adj, -1000..1000; fork copies it */

	/* The usage of the threads released so far (ns, counts, pages). */
	u64 utime, stime;
	unsigned long nvcsw, nivcsw, min_flt, maj_flt, maxrss;
	/* Reaped children's usage (their own plus their reaped children's), added by wait4. */
	u64 cutime, cstime;		/* ns */
	unsigned long cnvcsw, cnivcsw, cmin_flt, cmaj_flt;
	unsigned long cmaxrss;		/* pages */

	struct cpu_itimer it[3];	/* ITIMER_REAL, _VIRTUAL, _PROF (kernel/itimer.c) */
	struct list_head real_timer;	/* on itimer.c's list while ITIMER_REAL is armed */
};

struct task_struct {
	struct thread_struct thread;	/* first: the context switch uses offset 0 */
	unsigned int __state;
	unsigned int flags;
	int exit_state;
	int exit_code;			/* wait4() status: (code << 8) | signal */
	int exit_signal;		/* sent to the parent at exit (SIGCHLD) */
	void *stack;			/* lowest address of the kernel stack */
	atomic_t usage;			/* references to this struct */

	pid_t pid;
	pid_t tgid;			/* the process: its group leader's pid */
	struct task_struct *group_leader;	/* the thread whose pid is tgid */
	struct list_head thread_node;	/* in signal->thread_head */
	struct list_head pid_chain;	/* in the PID hash (kernel/pid.c) */
	struct task_struct *real_parent;
	struct list_head children;	/* my children */
	struct list_head sibling;	/* my link in my parent's children */
	struct list_head tasks;		/* all tasks: for_each_process() */
	struct list_head run_list;	/* the run queue (runnable, not running) */
	int time_slice;			/* ticks left */
	int static_prio;		/* 120 + nice: how long its slices are */
	int ioprio;			/* ioprio_set()'s value, kept (no I/O scheduler) */
	unsigned long timeout;		/* schedule_timeout(): jiffies to wake at */
	struct list_head timer_list;	/* on the sleepers list while timing out */

	u64 start_time;			/* ns since boot */
	u64 utime, stime;		/* ns in user / kernel mode */
	unsigned long nvcsw, nivcsw;	/* voluntary / involuntary switches */
	unsigned long min_flt, maj_flt;	/* page faults */

	struct mm_struct *mm;		/* NULL for kernel threads */
	struct mm_struct *active_mm;	/* the page tables in use */
	char comm[TASK_COMM_LEN];

	struct files_struct *files;	/* open file descriptors */
	struct fs_struct *fs;		/* root and current directory */
	struct tty_struct *tty;		/* controlling terminal (signal->tty), or NULL */

	struct signal_struct *signal;	/* shared by the thread group */
	struct sighand_struct *sighand;	/* rt_sigaction() settings */
	sigset_t blocked;		/* rt_sigprocmask() mask */
	sigset_t saved_sigmask;		/* sigsuspend(): the mask to put back */
	bool restore_sigmask;		/* ... on the way out (TS_RESTORE_SIGMASK) */
	struct sigpending pending;	/* signals sent to this thread, not yet acted on */
	unsigned long sas_ss_sp;	/* sigaltstack(): the alternate stack */
	size_t sas_ss_size;
	unsigned int sas_ss_flags;	/* as set: SS_AUTODISARM, SS_DISABLE... */
	int *set_child_tid;		/* CLONE_CHILD_SETTID: the child writes its tid there */
	int *clear_child_tid;		/* set_tid_address(), CLONE_CHILD_CLEARTID */
	struct completion *vfork_done;	/* the vfork() parent waits on it */

	/* Kernel threads (kernel/kthread.c). */
	int (*threadfn)(void *data);
	void *thread_data;
	bool kthread_should_stop;
	struct completion *kthread_exited;

	/*
	 * Process groups and limits (kernel/sys.c; Linux keeps them in
	 * signal_struct). Fork's wholesale copy inherits pgrp, session and
	 * rlim[]; fork must zero pdeath_signal, signal_flags, jobctl and maxrss. A
	 * new thread copies them too, and each thread keeps its own copy.
	 */
	pid_t pgrp;			/* process group id (setpgid()) */
	pid_t session;			/* session id (setsid()) */
	unsigned int signal_flags;	/* SIGNAL_UNKILLABLE */
	unsigned long jobctl;		/* JOBCTL_STOP_PENDING */
	int pdeath_signal;		/* prctl(PR_SET_PDEATHSIG): sent when the parent dies */
	struct cred cred;		/* ids, groups, capabilities (kernel/cred.c) */
	u64 timer_slack_ns;		/* prctl(PR_SET_TIMERSLACK): how late a timed sleep may end */
	u64 default_timer_slack_ns;	/* what PR_SET_TIMERSLACK(0) restores: the parent's at fork */
	struct rlimit rlim[RLIM_NLIMITS];	/* resource limits (init_task: INIT_RLIMITS) */
	unsigned long maxrss;		/* peak RSS in pages of mms this task left (exec, exit) */
	struct capture_control *capture_control;	/* during direct compaction (mm/compaction.c) */
};

extern struct task_struct init_task;	/* PID 0: the idle task */
extern struct list_head task_list;	/* every task, via task->tasks */

static inline struct task_struct *get_current(void)
{
	return pcpu_hot.current_task;
}
#define current get_current()

/* Every task, threads included (Linux's for_each_process() visits leaders only). */
#define for_each_process(p) list_for_each_entry(p, &task_list, tasks)

/* for_each_thread - each thread of @t's process (include/linux/sched/signal.h). */
#define for_each_thread(t, p) list_for_each_entry(p, &(t)->signal->thread_head, thread_node)

static inline bool thread_group_leader(const struct task_struct *p)
{
	return p->group_leader == p;
}

/* thread_group_empty - is @p's process down to one unreleased thread? */
static inline bool thread_group_empty(const struct task_struct *p)
{
	return p->signal->nr_threads == 1;
}

/* signal_group_exit - is @sig's process exiting, or execve() killing its other threads? */
static inline bool signal_group_exit(const struct signal_struct *sig)
{
	return (sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task;
}

/* task_rlimit - the soft limit @limit of @task (include/linux/sched/signal.h). */
static inline unsigned long task_rlimit(const struct task_struct *task, unsigned int limit)
{
	return READ_ONCE(task->rlim[limit].rlim_cur);
}

/* is_global_init - is @tsk PID 1? */
static inline bool is_global_init(const struct task_struct *tsk)
{
	return tsk->tgid == 1;
}

static inline unsigned long rlimit(unsigned int limit)
{
	return task_rlimit(current, limit);
}

static inline struct pt_regs *task_pt_regs(struct task_struct *task)
{
	return (struct pt_regs *)((char *)task->stack + THREAD_SIZE) - 1;
}

static inline unsigned int task_state(struct task_struct *p)
{
	return READ_ONCE(p->__state);
}

#define __set_current_state(state) WRITE_ONCE(current->__state, (state))
#define set_current_state(state) do { __set_current_state(state); barrier(); } while (0)

/* kernel/sched.c */
void sched_init(void);
void schedule(void);
void schedule_idle(void) __attribute__((__noreturn__));
int wake_up_process(struct task_struct *p);
int wake_up_state(struct task_struct *p, unsigned int state);
void wake_up_new_task(struct task_struct *p);
long schedule_timeout(long timeout);

enum hrtimer_mode {
	HRTIMER_MODE_ABS,	/* the time is absolute */
	HRTIMER_MODE_REL,	/* the time is relative to now */
};
int schedule_hrtimeout(u64 *expires, const enum hrtimer_mode mode);
void msleep(unsigned int msecs);
long msleep_interruptible(unsigned int msecs);
void cond_resched(void);
void yield(void);
bool need_resched(void);
void set_tsk_need_resched(void);
void scheduler_tick(bool user_tick);
void wake_sleepers(void);
void schedule_tail(struct task_struct *prev);
void itimer_tick(void);				/* kernel/itimer.c */
void exit_itimers(struct signal_struct *sig);
void set_user_nice(struct task_struct *p, long nice);
extern unsigned long nr_context_switches;

static inline int task_nice(const struct task_struct *p)
{
	return PRIO_TO_NICE(p->static_prio);
}

/* kernel/sys.c: the tasks getpriority()/ioprio_get() name */
int prio_walk(int which, int who, int (*fn)(struct task_struct *p, void *arg), void *arg);

/* kernel/fork.c, kernel/exit.c, kernel/pid.c */
struct task_struct *find_task_by_pid(pid_t pid);
pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name);
__attribute__((__noreturn__)) void do_exit(long code);
__attribute__((__noreturn__)) void do_group_exit(int exit_code);
void thread_group_cputime(struct task_struct *p, u64 *utime, u64 *stime);
void get_task_struct(struct task_struct *t);
void put_task_struct(struct task_struct *t);
void __set_task_comm(struct task_struct *tsk, const char *name);
extern unsigned long total_forks;

#endif /* _LINUX_SCHED_H */
