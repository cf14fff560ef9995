/* SPDX-License-Identifier: GPL-2.0 */
/*
 * resource.h - resource limits (getrlimit/setrlimit/prlimit64) and resource
 * usage (getrusage/times). Mirrors include/linux/resource.h,
 * include/uapi/linux/resource.h and include/asm-generic/resource.h (the
 * RLIMIT_* numbers and the limits init starts with are Linux's x86-64
 * values, so `ulimit -a` reads the same on both kernels).
 *
 * Linux keeps the limits in the shared signal_struct of a thread group;
 * Pagoda keeps them in task_struct->rlim[] (fork copies the whole parent,
 * so children inherit them) and do_prlimit() updates every thread of the
 * group. init_task starts with INIT_RLIMITS.
 */
#ifndef _LINUX_RESOURCE_H
#define _LINUX_RESOURCE_H

#include <linux/types.h>
#include <uapi/linux/time.h>

#define RLIMIT_CPU		0	/* CPU time in seconds */
#define RLIMIT_FSIZE		1	/* largest file size */
#define RLIMIT_DATA		2	/* data segment (brk + private writable mappings) */
#define RLIMIT_STACK		3	/* main thread's stack */
#define RLIMIT_CORE		4	/* core file size */
#define RLIMIT_RSS		5	/* resident set size (not enforced, as in Linux) */
#define RLIMIT_NPROC		6	/* processes per user */
#define RLIMIT_NOFILE		7	/* open files */
#define RLIMIT_MEMLOCK		8	/* locked-in-memory bytes */
#define RLIMIT_AS		9	/* address space */
#define RLIMIT_LOCKS		10	/* file locks */
#define RLIMIT_SIGPENDING	11	/* queued signals */
#define RLIMIT_MSGQUEUE		12	/* POSIX message queue bytes */
#define RLIMIT_NICE		13	/* nice ceiling */
#define RLIMIT_RTPRIO		14	/* real-time priority ceiling */
#define RLIMIT_RTTIME		15	/* real-time CPU time without sleeping (us) */
#define RLIM_NLIMITS		16

#define RLIM_INFINITY		(~0UL)
#define RLIM64_INFINITY		(~0ULL)

#define _STK_LIM		(8 * 1024 * 1024)	/* default stack limit: 8 MiB */
#define MLOCK_LIMIT		(8 * 1024 * 1024)	/* default locked memory: 8 MiB */
#define INR_OPEN_CUR		1024	/* initial RLIMIT_NOFILE soft limit */
#define INR_OPEN_MAX		4096	/* initial RLIMIT_NOFILE hard limit */
#define NR_OPEN			(1024 * 1024)	/* fs.nr_open: highest NOFILE hard limit */
#define MQ_BYTES_MAX		819200

/* The limits of init_task, hence of every process (asm-generic/resource.h). */
#define INIT_RLIMITS							\
{									\
	[RLIMIT_CPU]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_FSIZE]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_DATA]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_STACK]		= { _STK_LIM, RLIM_INFINITY },		\
	[RLIMIT_CORE]		= { 0, RLIM_INFINITY },			\
	[RLIMIT_RSS]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_NPROC]		= { 0, 0 },	/* set by fork_init() */	\
	[RLIMIT_NOFILE]		= { INR_OPEN_CUR, INR_OPEN_MAX },	\
	[RLIMIT_MEMLOCK]	= { MLOCK_LIMIT, MLOCK_LIMIT },		\
	[RLIMIT_AS]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_LOCKS]		= { RLIM_INFINITY, RLIM_INFINITY },	\
	[RLIMIT_SIGPENDING]	= { 0, 0 },	/* set by fork_init() */	\
	[RLIMIT_MSGQUEUE]	= { MQ_BYTES_MAX, MQ_BYTES_MAX },	\
	[RLIMIT_NICE]		= { 0, 0 },				\
	[RLIMIT_RTPRIO]		= { 0, 0 },				\
	[RLIMIT_RTTIME]		= { RLIM_INFINITY, RLIM_INFINITY },	\
}

struct rlimit {
	unsigned long rlim_cur;		/* soft limit: what is enforced */
	unsigned long rlim_max;		/* hard limit: ceiling for rlim_cur */
};

/* prlimit64()'s structure: the same as struct rlimit on x86-64. */
struct rlimit64 {
	u64 rlim_cur;
	u64 rlim_max;
};

/* getrusage() */
#define RUSAGE_SELF		0	/* the calling process (all its threads) */
#define RUSAGE_CHILDREN		(-1)	/* its reaped children (and theirs) */
#define RUSAGE_BOTH		(-2)	/* both: what wait4() reports */
#define RUSAGE_THREAD		1	/* the calling thread */

struct rusage {
	struct __kernel_old_timeval ru_utime;	/* user time used */
	struct __kernel_old_timeval ru_stime;	/* system time used */
	long ru_maxrss;			/* peak resident set size in KiB */
	long ru_ixrss;			/* the rest are unused by Linux too, */
	long ru_idrss;			/* except where noted */
	long ru_isrss;
	long ru_minflt;			/* page faults without I/O */
	long ru_majflt;			/* page faults with I/O */
	long ru_nswap;
	long ru_inblock;
	long ru_oublock;
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;			/* voluntary context switches */
	long ru_nivcsw;			/* involuntary context switches */
};

struct task_struct;

/* kernel/sys.c */
int do_prlimit(struct task_struct *tsk, unsigned int resource, struct rlimit *new_rlim,
	       struct rlimit *old_rlim);
void getrusage(struct task_struct *p, int who, struct rusage *ru);

#endif /* _LINUX_RESOURCE_H */
