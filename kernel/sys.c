// SPDX-License-Identifier: GPL-2.0
/*
 * sys.c - the small system calls about the process and the system: ids
 * (the credentials are kernel/cred.c's), process groups and sessions, umask, uname, prctl, resource
 * limits and usage, sysinfo, times, getcpu and CPU affinity. Mirrors
 * kernel/sys.c (and sched_getaffinity() of kernel/sched/core.c).
 *
 * Simplifications, each keeping Linux's interface:
 *  - What Linux keeps per thread group in signal_struct (process group,
 *    session, limits, children's usage) lives in task_struct: each thread
 *    has the copy it got at clone, and these calls act on the caller's.
 *  - Process groups and sessions are Linux's: init_task has pgrp = session
 *    = 0, so init and everything it starts do too until they call setsid()
 *    or setpgid(); fork inherits both.
 *  - One CPU (CPU 0, node 0), one UTS namespace.
 */
#include <linux/ksm.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/resource.h>
#include <linux/utsname.h>
#include <linux/time.h>
#include <linux/tty.h>
#include <linux/time64.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <asm/process.h>
#include <uapi/linux/prctl.h>
#include <uapi/linux/stat.h>

/* --- Process and thread ids --- */

SYSCALL_DEFINE0(getpid)
{
	return current->tgid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

/* getppid - the parent's process id; 0 for init, whose parent is the idle task. */
SYSCALL_DEFINE0(getppid)
{
	struct task_struct *parent = current->real_parent;

	return parent ? parent->tgid : 0;
}

/* --- Process groups and sessions --- */

/* find_process_by_pid - @pid's task, or current for 0; NULL if none. */
static struct task_struct *find_process_by_pid(pid_t pid)
{
	return pid ? find_task_by_pid(pid) : current;
}

/* pgrp_in_session - does process group @pgid exist in session @sid? */
static bool pgrp_in_session(pid_t pgid, pid_t sid)
{
	struct task_struct *p;

	for_each_process(p) {
		if (p->pgrp == pgid && p->session == sid)
			return true;
	}
	return false;
}

/* pgrp_exists - is @pgid any process's group (Linux's pid_task(pid, PIDTYPE_PGID))? */
static bool pgrp_exists(pid_t pgid)
{
	struct task_struct *p;

	for_each_process(p) {
		if (p->pgrp == pgid)
			return true;
	}
	return false;
}

/**
 * sys_setpgid - move process @pid (0: the caller) into process group @pgid
 * (0: a new group whose id is @pid)
 *
 * The target must be the caller or a child of it in the same session, and
 * not a session leader; joining an existing group is only allowed within
 * the session. Linux also refuses (-EACCES) a child that has exec'd;
 * Pagoda does not track that.
 *
 * Return: 0, -EINVAL (negative @pgid), -ESRCH (no such process, or not
 * the caller's), -EPERM (other session, session leader, no such group).
 */
SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	struct task_struct *p;

	if (!pid)
		pid = current->tgid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;
	p = find_task_by_pid(pid);
	if (!p)
		return -ESRCH;
	if (p->real_parent && p->real_parent->tgid == current->tgid) {
		if (p->session != current->session)
			return -EPERM;
	} else if (p != current) {
		return -ESRCH;
	}
	if (p->session == p->tgid)	/* a session leader stays in its group */
		return -EPERM;
	if (pgid != pid && !pgrp_in_session(pgid, current->session))
		return -EPERM;
	p->pgrp = pgid;
	return 0;
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	struct task_struct *p = find_process_by_pid(pid);

	return p ? p->pgrp : -ESRCH;
}

SYSCALL_DEFINE0(getpgrp)
{
	return current->pgrp;
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	struct task_struct *p = find_process_by_pid(pid);

	return p ? p->session : -ESRCH;
}

/**
 * sys_setsid - start a new session (and process group) led by the caller
 *
 * Return: the new session id (the caller's pid), or -EPERM if the caller
 * already leads a session or a process group with its id exists.
 */
SYSCALL_DEFINE0(setsid)
{
	pid_t sid = current->tgid;

	if (current->session == sid || pgrp_exists(sid))
		return -EPERM;
	current->session = sid;
	current->pgrp = sid;
	proc_clear_tty(current);
	return sid;
}

/* --- umask --- */

SYSCALL_DEFINE1(umask, int, mask)
{
	int old = current->fs->umask;

	current->fs->umask = mask & S_IRWXUGO;
	return old;
}

/* --- uname, sethostname, setdomainname --- */

static struct new_utsname init_uts_name = {
	.sysname = "Pagoda",
	.nodename = "pagoda",
	.release = UTS_RELEASE,
	.version = UTS_VERSION,
	.machine = "x86_64",
	.domainname = "(none)",
};

struct new_utsname *utsname(void)
{
	return &init_uts_name;
}

SYSCALL_DEFINE1(uname, struct new_utsname __user *, name)
{
	return copy_to_user(name, utsname(), sizeof(*name)) ? -EFAULT : 0;
}

/* set_uts_field - copy @len bytes of a name in and zero the rest of @field. */
static long set_uts_field(char *field, const char __user *name, int len)
{
	char tmp[__NEW_UTS_LEN];

	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, name, len))
		return -EFAULT;
	memcpy(field, tmp, len);
	memset(field + len, 0, __NEW_UTS_LEN + 1 - len);
	return 0;
}

SYSCALL_DEFINE2(sethostname, char __user *, name, int, len)
{
	return set_uts_field(utsname()->nodename, name, len);
}

SYSCALL_DEFINE2(setdomainname, char __user *, name, int, len)
{
	return set_uts_field(utsname()->domainname, name, len);
}

/* --- prctl --- */

/*
 * prctl_set_memory_merge - PR_SET_MEMORY_MERGE: KSM may merge every
 * compatible VMA of the process (@on), now and after fork and exec, or
 * none (unmerging what it merged). 0, -EINVAL or an unmerging error.
 */
static int prctl_set_memory_merge(unsigned long on, unsigned long arg3, unsigned long arg4,
				  unsigned long arg5)
{
	struct mm_struct *mm = current->mm;
	int error;

	if (arg3 || arg4 || arg5)
		return -EINVAL;
	mmap_write_lock(mm);
	error = on ? ksm_enable_merge_any(mm) : ksm_disable_merge_any(mm);
	mmap_write_unlock(mm);
	return error;
}

/**
 * sys_prctl - operations on the calling process
 * @option: PR_SET_PDEATHSIG / PR_GET_PDEATHSIG (the signal sent when the
 *          parent exits; 0 for none), PR_SET_NAME / PR_GET_NAME (current->comm),
 *          PR_SET_TSC / PR_GET_TSC (rdtsc allowed or SIGSEGV: arch/x86_64/process.c),
 *          PR_SET_TIMERSLACK / PR_GET_TIMERSLACK (stored and inherited; Pagoda's
 *          timers fire on the tick, so no sleep ends later for it)
 *          PR_SET_MEMORY_MERGE / PR_GET_MEMORY_MERGE (KSM for the whole mm)
 *
 * Return: 0, -EINVAL for an unknown option or bad signal, -EFAULT.
 */
SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	char comm[TASK_COMM_LEN];

	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 > _NSIG)
			return -EINVAL;
		current->pdeath_signal = arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeath_signal, (int __user *)arg2);
	case PR_SET_NAME:
		comm[sizeof(comm) - 1] = '\0';
		if (strncpy_from_user(comm, (const char __user *)arg2, sizeof(comm) - 1) < 0)
			return -EFAULT;
		__set_task_comm(current, comm);
		return 0;
	case PR_GET_NAME:
		memcpy(comm, current->comm, sizeof(comm));
		return copy_to_user((char __user *)arg2, comm, sizeof(comm)) ? -EFAULT : 0;
	case PR_GET_TSC:
		return get_tsc_mode(arg2);
	case PR_SET_TSC:
		return set_tsc_mode(arg2);
	case PR_GET_TIMERSLACK:
		return current->timer_slack_ns;
	case PR_SET_TIMERSLACK:
		current->timer_slack_ns = arg2 ? arg2 : current->default_timer_slack_ns;
		return 0;
	case PR_SET_MEMORY_MERGE:
		return prctl_set_memory_merge(arg2, arg3, arg4, arg5);
	case PR_GET_MEMORY_MERGE:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return !!test_bit(MMF_VM_MERGE_ANY, &current->mm->flags);
	default:
		return -EINVAL;
	}
}

/* --- Resource limits --- */

/**
 * do_prlimit - read and/or set resource limit @resource of @tsk
 * @tsk: the process
 * @resource: RLIMIT_*
 * @new_rlim: the new limits, or NULL
 * @old_rlim: receives the limits in force before, or NULL
 *
 * Raising a hard limit needs CAP_SYS_RESOURCE, which every Pagoda process
 * has. The limits are stored only; those enforced are enforced where the
 * resource is used (e.g. the stack size in exec's layout).
 *
 * Return: 0, -EINVAL (bad @resource, soft above hard), -EPERM (an open
 * files limit above NR_OPEN).
 */
int do_prlimit(struct task_struct *tsk, unsigned int resource, struct rlimit *new_rlim,
	       struct rlimit *old_rlim)
{
	struct rlimit *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new_rlim) {
		if (new_rlim->rlim_cur > new_rlim->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new_rlim->rlim_max > NR_OPEN)
			return -EPERM;
	}
	rlim = &tsk->rlim[resource];
	if (old_rlim)
		*old_rlim = *rlim;
	if (new_rlim)
		*rlim = *new_rlim;
	return 0;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
	struct rlimit value;
	int ret = do_prlimit(current, resource, NULL, &value);

	if (!ret && copy_to_user(rlim, &value, sizeof(value)))
		ret = -EFAULT;
	return ret;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
	struct rlimit new_rlim;

	if (copy_from_user(&new_rlim, rlim, sizeof(new_rlim)))
		return -EFAULT;
	return do_prlimit(current, resource, &new_rlim, NULL);
}

/**
 * sys_prlimit64 - get and/or set a resource limit of any process
 * @pid: the process, 0 for the caller
 * @resource: RLIMIT_*
 * @new_rlim: new limits or NULL; @old_rlim: old limits out, or NULL
 *
 * The new limit is set even if the old one cannot be written back.
 * Return: 0, -ESRCH, -EFAULT, or do_prlimit()'s errors.
 */
SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource,
		const struct rlimit64 __user *, new_rlim, struct rlimit64 __user *, old_rlim)
{
	struct rlimit64 old64, new64;
	struct rlimit old, new;
	struct task_struct *tsk;
	int ret;

	if (new_rlim) {
		if (copy_from_user(&new64, new_rlim, sizeof(new64)))
			return -EFAULT;
		new.rlim_cur = new64.rlim_cur;	/* RLIM64_INFINITY == RLIM_INFINITY */
		new.rlim_max = new64.rlim_max;
	}
	tsk = find_process_by_pid(pid);
	if (!tsk)
		return -ESRCH;
	ret = do_prlimit(tsk, resource, new_rlim ? &new : NULL, old_rlim ? &old : NULL);
	if (!ret && old_rlim) {
		old64.rlim_cur = old.rlim_cur;
		old64.rlim_max = old.rlim_max;
		if (copy_to_user(old_rlim, &old64, sizeof(old64)))
			ret = -EFAULT;
	}
	return ret;
}

/* --- Resource usage --- */

static struct __kernel_old_timeval ns_to_kernel_old_timeval(u64 ns)
{
	struct __kernel_old_timeval tv = {
		.tv_sec = ns / NSEC_PER_SEC,
		.tv_usec = (ns % NSEC_PER_SEC) / NSEC_PER_USEC,
	};

	return tv;
}

/*
 * thread_group_cputime - the CPU time of @p's process: of its threads that
 * ended and of each live one (kernel/sched/cputime.c).
 */
void thread_group_cputime(struct task_struct *p, u64 *utime, u64 *stime)
{
	struct task_struct *t;

	*utime = p->signal->utime;
	*stime = p->signal->stime;
	for_each_thread(p, t) {
		*utime += t->utime;
		*stime += t->stime;
	}
}

/* accumulate_thread_rusage - add thread @t's own usage. */
static void accumulate_thread_rusage(struct task_struct *t, struct rusage *r, u64 *utime,
				     u64 *stime, unsigned long *maxrss)
{
	*utime += t->utime;
	*stime += t->stime;
	r->ru_nvcsw += t->nvcsw;
	r->ru_nivcsw += t->nivcsw;
	r->ru_minflt += t->min_flt;
	r->ru_majflt += t->maj_flt;
	*maxrss = max(*maxrss, t->maxrss);
}

/**
 * getrusage - the resource usage of @p's process, or of @p
 * @p: a thread of the process
 * @who: RUSAGE_SELF (the process: its threads that ended and each live
 *       one), RUSAGE_THREAD (@p alone), RUSAGE_CHILDREN (its reaped
 *       children and their reaped descendants) or RUSAGE_BOTH (SELF plus
 *       CHILDREN: what wait4() reports for a reaped child)
 * @r: filled in; fields Linux leaves 0 stay 0
 *
 * ru_maxrss is the peak RSS in KiB: of @p's current mm and of mms its
 * threads left (exec, exit), of its children for RUSAGE_CHILDREN.
 */
void getrusage(struct task_struct *p, int who, struct rusage *r)
{
	struct signal_struct *sig = p->signal;
	u64 utime = 0, stime = 0;
	unsigned long maxrss = 0;
	struct task_struct *t;

	memset(r, 0, sizeof(*r));
	if (who == RUSAGE_CHILDREN || who == RUSAGE_BOTH) {
		utime = sig->cutime;
		stime = sig->cstime;
		r->ru_nvcsw = sig->cnvcsw;
		r->ru_nivcsw = sig->cnivcsw;
		r->ru_minflt = sig->cmin_flt;
		r->ru_majflt = sig->cmaj_flt;
		maxrss = sig->cmaxrss;
	}
	if (who == RUSAGE_THREAD) {
		accumulate_thread_rusage(p, r, &utime, &stime, &maxrss);
	} else if (who != RUSAGE_CHILDREN) {
		utime += sig->utime;
		stime += sig->stime;
		r->ru_nvcsw += sig->nvcsw;
		r->ru_nivcsw += sig->nivcsw;
		r->ru_minflt += sig->min_flt;
		r->ru_majflt += sig->maj_flt;
		maxrss = max(maxrss, sig->maxrss);
		for_each_thread(p, t)
			accumulate_thread_rusage(t, r, &utime, &stime, &maxrss);
	}
	if (who != RUSAGE_CHILDREN && p->mm)
		setmax_mm_hiwater_rss(&maxrss, p->mm);
	r->ru_maxrss = maxrss * (PAGE_SIZE / 1024);
	r->ru_utime = ns_to_kernel_old_timeval(utime);
	r->ru_stime = ns_to_kernel_old_timeval(stime);
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage __user *, ru)
{
	struct rusage r;

	if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
		return -EINVAL;
	getrusage(current, who, &r);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* struct tms (include/uapi/linux/times.h): times in clock ticks of USER_HZ. */
struct tms {
	long tms_utime;
	long tms_stime;
	long tms_cutime;
	long tms_cstime;
};

/* sys_times - the caller's process's and its children's CPU times, and ticks since boot. */
SYSCALL_DEFINE1(times, struct tms __user *, tbuf)
{
	if (tbuf) {
		u64 utime, stime;
		struct tms tms;

		thread_group_cputime(current, &utime, &stime);
		tms = (struct tms){
			.tms_utime = nsec_to_clock_t(utime),
			.tms_stime = nsec_to_clock_t(stime),
			.tms_cutime = nsec_to_clock_t(current->signal->cutime),
			.tms_cstime = nsec_to_clock_t(current->signal->cstime),
		};
		if (copy_to_user(tbuf, &tms, sizeof(tms)))
			return -EFAULT;
	}
	return jiffies * USER_HZ / HZ;
}

/* --- sysinfo --- */

/* struct sysinfo (include/uapi/linux/sysinfo.h) on x86-64: 112 bytes. */
struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* 1, 5, 15 minute load averages << 16 */
	unsigned long totalram;		/* in mem_unit */
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;		/* tasks (processes and kernel threads) */
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;		/* bytes per unit: 1 on 64-bit */
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};

/*
 * do_sysinfo - Linux counts memory in pages, then (as a 64-bit total
 * in bytes cannot overflow) turns it into bytes with mem_unit = 1. Pagoda
 * has no load average (0), swap, shared memory or block buffers.
 */
static void do_sysinfo(struct sysinfo *info)
{
	struct task_struct *p;
	u64 uptime = ktime_get_ns();

	memset(info, 0, sizeof(*info));
	info->uptime = uptime / NSEC_PER_SEC + (uptime % NSEC_PER_SEC ? 1 : 0);
	for_each_process(p)
		info->procs++;
	info->totalram = totalram_pages * PAGE_SIZE;
	info->freeram = nr_free_pages() * PAGE_SIZE;
	info->mem_unit = 1;
}

SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	struct sysinfo val;

	do_sysinfo(&val);
	return copy_to_user(info, &val, sizeof(val)) ? -EFAULT : 0;
}

/* --- CPUs --- */

/* getcpu - the CPU and NUMA node the caller runs on: always 0 and 0. */
SYSCALL_DEFINE3(getcpu, unsigned int __user *, cpup, unsigned int __user *, nodep,
		void __user *, unused)
{
	if (cpup && put_user(0U, cpup))
		return -EFAULT;
	if (nodep && put_user(0U, nodep))
		return -EFAULT;
	return 0;
}

/**
 * sys_sched_getaffinity - the CPUs @pid may run on: CPU 0
 * @len: the user mask's size in bytes: a multiple of sizeof(long)
 *
 * Return: the bytes written (one long), -EINVAL, -ESRCH or -EFAULT.
 */
SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len,
		unsigned long __user *, user_mask_ptr)
{
	unsigned long mask = 1;		/* CPU 0 */

	/* Too small for CPU 0, or not whole longs. */
	if (!len || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	if (!find_process_by_pid(pid))
		return -ESRCH;
	if (copy_to_user(user_mask_ptr, &mask, sizeof(mask)))
		return -EFAULT;
	return sizeof(mask);
}

/* --- nice values: getpriority(2), setpriority(2) --- */

#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2

/**
 * prio_walk - call @fn(task, @arg) for each task @which and @who name: a
 * thread (PRIO_PROCESS; 0 is the caller), each thread of a process group
 * (PRIO_PGRP; 0 is the caller's), each task of a user (PRIO_USER: every
 * task but the idle task belongs to root, uid 0). Stops at a nonzero
 * return and passes it on.
 *
 * Return: -EINVAL for a bad @which, -ESRCH if no task matched, else 0 or @fn's error.
 */
int prio_walk(int which, int who, int (*fn)(struct task_struct *p, void *arg), void *arg)
{
	struct task_struct *p;
	pid_t pgrp = who ? who : current->pgrp;
	int ret = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	if (which == PRIO_PROCESS) {
		p = find_process_by_pid(who);
		return p ? fn(p, arg) : -ESRCH;
	}
	if (which == PRIO_USER && who)
		return -ESRCH;		/* no task of any other user */
	for_each_process(p) {		/* every task, threads too */
		if (!p->pid || (which == PRIO_PGRP && p->pgrp != pgrp))
			continue;
		ret = fn(p, arg);
		if (ret)
			return ret;
	}
	return ret;
}

static int set_one_prio(struct task_struct *p, void *nice)
{
	set_user_nice(p, *(int *)nice);
	return 0;
}

/* setpriority - the nice value of every task named; out-of-range values are clamped. */
SYSCALL_DEFINE3(setpriority, int, which, int, who, int, niceval)
{
	niceval = clamp(niceval, MIN_NICE, MAX_NICE);
	return prio_walk(which, who, set_one_prio, &niceval);
}

static int get_one_prio(struct task_struct *p, void *best)
{
	*(int *)best = max(*(int *)best, MAX_NICE - task_nice(p) + 1);
	return 0;
}

/* getpriority - 20 - nice of the "nicest" task named (1..40: never an error value). */
SYSCALL_DEFINE2(getpriority, int, which, int, who)
{
	int best = 0, ret = prio_walk(which, who, get_one_prio, &best);

	return ret ? ret : best;
}
