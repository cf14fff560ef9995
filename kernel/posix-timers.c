// SPDX-License-Identifier: GPL-2.0
/*
 * posix-timers.c - the POSIX clocks and sleeps: clock_gettime(),
 * clock_getres(), clock_nanosleep(), nanosleep(), gettimeofday() and time().
 * Mirrors kernel/time/posix-timers.c (the k_clock table), the nanosleep
 * half of kernel/time/hrtimer.c and kernel/time/time.c.
 *
 * Each clock id maps to a struct k_clock that reads the clock in ns, gives
 * its resolution and says whether clock_nanosleep() may sleep on it:
 *
 *   REALTIME, TAI        ktime_get_real_ns(): wall time (TAI offset 0)
 *   MONOTONIC, BOOTTIME  ktime_get_ns(): TSC time since boot (no suspend)
 *   MONOTONIC_RAW        the same, but no sleeping on it (as in Linux)
 *   *_COARSE             the fine clock rounded down to a tick (10 ms)
 *   PROCESS/THREAD_CPUTIME_ID
 *                        utime + stime of the calling process (its
 *                        threads that ended and each live one) / of the
 *                        calling thread, accounted per tick by the
 *                        scheduler; only the process clock may be slept
 *                        on (as in Linux)
 *
 * Linux sleeps on an hrtimer. Pagoda has only the HZ=100 tick, so
 * do_nanosleep() sleeps whole jiffies with schedule_timeout() (rounded up)
 * and re-reads the clock when it wakes: a sleep is never shorter than
 * asked, and is typically up to one tick longer. A pending signal ends it
 * with -EINTR, and a relative sleep then reports the time left.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/time.h>
#include <linux/time64.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>


struct k_clock {
	s64 (*clock_get)(void);		/* the clock's value in ns */
	long resolution;		/* clock_getres(), ns */
	bool nsleep;			/* clock_nanosleep() may sleep on it */
};

static s64 clock_realtime_get(void)
{
	return ktime_get_real_ns();
}

static s64 clock_monotonic_get(void)
{
	return ktime_get_ns();
}

static s64 clock_realtime_coarse_get(void)
{
	return round_down(ktime_get_real_ns(), TICK_NSEC);
}

static s64 clock_monotonic_coarse_get(void)
{
	return round_down(ktime_get_ns(), TICK_NSEC);
}

/* utime + stime of the calling thread. */
static s64 thread_cpu_clock_get(void)
{
	return current->utime + current->stime;
}

/* utime + stime of the calling process. */
static s64 process_cpu_clock_get(void)
{
	u64 utime, stime;

	thread_group_cputime(current, &utime, &stime);
	return utime + stime;
}

static const struct k_clock clock_realtime = { clock_realtime_get, 1, true };
static const struct k_clock clock_monotonic = { clock_monotonic_get, 1, true };
static const struct k_clock clock_monotonic_raw = { clock_monotonic_get, 1, false };
static const struct k_clock clock_realtime_coarse = { clock_realtime_coarse_get, TICK_NSEC, false };
static const struct k_clock clock_monotonic_coarse = { clock_monotonic_coarse_get, TICK_NSEC, false };
static const struct k_clock clock_process = { process_cpu_clock_get, TICK_NSEC, true };
static const struct k_clock clock_thread = { thread_cpu_clock_get, TICK_NSEC, false };

/* Alarm clocks (no RTC alarm device) and dynamic (fd/pid) clocks are missing. */
static const struct k_clock *const posix_clocks[] = {
	[CLOCK_REALTIME]		= &clock_realtime,
	[CLOCK_MONOTONIC]		= &clock_monotonic,
	[CLOCK_PROCESS_CPUTIME_ID]	= &clock_process,
	[CLOCK_THREAD_CPUTIME_ID]	= &clock_thread,
	[CLOCK_MONOTONIC_RAW]		= &clock_monotonic_raw,
	[CLOCK_REALTIME_COARSE]		= &clock_realtime_coarse,
	[CLOCK_MONOTONIC_COARSE]	= &clock_monotonic_coarse,
	[CLOCK_BOOTTIME]		= &clock_monotonic,
	[CLOCK_TAI]			= &clock_realtime,
};

/* clockid_to_kclock - the clock @id names, or NULL (-EINVAL for callers). */
static const struct k_clock *clockid_to_kclock(const clockid_t id)
{
	if (id < 0 || id >= (clockid_t)ARRAY_SIZE(posix_clocks))
		return NULL;
	return posix_clocks[id];
}

int get_timespec64(struct timespec64 *ts, const struct __kernel_timespec __user *uts)
{
	struct __kernel_timespec kts;

	if (copy_from_user(&kts, uts, sizeof(kts)))
		return -EFAULT;
	ts->tv_sec = kts.tv_sec;
	ts->tv_nsec = kts.tv_nsec;
	return 0;
}

int put_timespec64(const struct timespec64 *ts, struct __kernel_timespec __user *uts)
{
	struct __kernel_timespec kts = { .tv_sec = ts->tv_sec, .tv_nsec = ts->tv_nsec };

	return copy_to_user(uts, &kts, sizeof(kts)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(clock_gettime, const clockid_t, which_clock,
		struct __kernel_timespec __user *, tp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);
	struct timespec64 ts;

	if (!kc)
		return -EINVAL;
	ts = ns_to_timespec64(kc->clock_get());
	return put_timespec64(&ts, tp);
}

SYSCALL_DEFINE2(clock_getres, const clockid_t, which_clock,
		struct __kernel_timespec __user *, tp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);
	struct timespec64 ts;

	if (!kc)
		return -EINVAL;
	ts = ns_to_timespec64(kc->resolution);
	if (tp && put_timespec64(&ts, tp))
		return -EFAULT;
	return 0;
}

/**
 * do_nanosleep - sleep until clock @kc reads at least @expires
 * @kc: the clock
 * @expires: the deadline on @kc, ns
 * @rmtp: where to write the time left if a signal interrupts (relative
 *        sleeps only), or NULL
 *
 * Return: 0 when the deadline passed, -EINTR if a signal is pending first,
 * -EFAULT if the time left could not be written.
 */
static int do_nanosleep(const struct k_clock *kc, s64 expires,
			struct __kernel_timespec __user *rmtp)
{
	struct timespec64 rmt;
	s64 rem;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		rem = expires - kc->clock_get();
		if (rem <= 0 || signal_pending(current))
			break;
		schedule_timeout(jiffies_until(rem));
	}
	__set_current_state(TASK_RUNNING);
	if (rem <= 0)
		return 0;
	if (rmtp) {
		rmt = ns_to_timespec64(rem);
		if (put_timespec64(&rmt, rmtp))
			return -EFAULT;
	}
	return -EINTR;
}

/*
 * common_nsleep - sleep for @rqtp on @kc (relative), or until @rqtp
 * (TIMER_ABSTIME in @flags; the time left is then not reported).
 */
static int common_nsleep(const struct k_clock *kc, int flags, const struct timespec64 *rqtp,
			 struct __kernel_timespec __user *rmtp)
{
	s64 expires = timespec64_to_ns(rqtp);

	if (flags & TIMER_ABSTIME)
		return do_nanosleep(kc, expires, NULL);
	/* now + interval, saturating like ktime_add_safe() */
	return do_nanosleep(kc, min(kc->clock_get(), KTIME_MAX - expires) + expires, rmtp);
}

SYSCALL_DEFINE2(nanosleep, struct __kernel_timespec __user *, rqtp,
		struct __kernel_timespec __user *, rmtp)
{
	struct timespec64 tu;

	if (get_timespec64(&tu, rqtp))
		return -EFAULT;
	if (!timespec64_valid(&tu))
		return -EINVAL;
	return common_nsleep(&clock_monotonic, 0, &tu, rmtp);
}

SYSCALL_DEFINE4(clock_nanosleep, const clockid_t, which_clock, int, flags,
		const struct __kernel_timespec __user *, rqtp,
		struct __kernel_timespec __user *, rmtp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);
	struct timespec64 t;

	if (!kc)
		return -EINVAL;
	if (!kc->nsleep)
		return -EOPNOTSUPP;
	if (get_timespec64(&t, rqtp))
		return -EFAULT;
	if (!timespec64_valid(&t))
		return -EINVAL;
	return common_nsleep(kc, flags, &t, rmtp);
}

/* The time zone settimeofday() would set; Pagoda's is always UTC. */
static const struct timezone sys_tz;

SYSCALL_DEFINE2(gettimeofday, struct __kernel_old_timeval __user *, tv,
		struct timezone __user *, tz)
{
	if (tv) {
		struct timespec64 ts = ns_to_timespec64(ktime_get_real_ns());
		struct __kernel_old_timeval ktv = { ts.tv_sec, ts.tv_nsec / NSEC_PER_USEC };

		if (copy_to_user(tv, &ktv, sizeof(ktv)))
			return -EFAULT;
	}
	if (tz && copy_to_user(tz, &sys_tz, sizeof(sys_tz)))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(time, long __user *, tloc)
{
	long t = ktime_get_real_ns() / NSEC_PER_SEC;

	if (tloc && put_user(t, tloc))
		return -EFAULT;
	return t;
}
