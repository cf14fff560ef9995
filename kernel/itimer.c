// SPDX-License-Identifier: GPL-2.0
/*
 * itimer.c - the interval timers of setitimer(2), getitimer(2) and
 * alarm(2). Mirrors kernel/time/itimer.c.
 *
 * A process has three, in its signal_struct (it[]): ITIMER_REAL counts
 * CLOCK_MONOTONIC time and sends SIGALRM, ITIMER_VIRTUAL counts the
 * process's user time and sends SIGVTALRM, ITIMER_PROF its user and
 * system time and sends SIGPROF. Each is an expiry on its clock (0: off)
 * and an interval to re-arm with. Linux runs the real timer on an
 * hrtimer and the others on the CPU-time timers; Pagoda checks them all
 * at the tick (itimer_tick()), so they fire up to a tick (10 ms) late.
 * Armed real timers are on the list real_timers; the CPU-time ones can
 * only expire while their process runs, so only current's are checked.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/time.h>
#include <linux/time64.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <asm/irqflags.h>

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2

struct __kernel_old_itimerval {
	struct __kernel_old_timeval it_interval, it_value;
};

static LIST_HEAD(real_timers);	/* signal_structs whose ITIMER_REAL is armed */

static const int itimer_signal[] = { SIGALRM, SIGVTALRM, SIGPROF };

/* itimer_clock - the current value of @which's clock for @sig's process. */
static u64 itimer_clock(struct signal_struct *sig, int which)
{
	struct task_struct *t = list_first_entry(&sig->thread_head, struct task_struct, thread_node);
	u64 utime, stime;

	if (which == ITIMER_REAL)
		return ktime_get_ns();
	thread_group_cputime(t, &utime, &stime);
	return which == ITIMER_VIRTUAL ? utime : utime + stime;
}

/* itimer_arm - @which of @sig expires at @expires (0: off). Interrupts are off. */
static void itimer_arm(struct signal_struct *sig, int which, u64 expires)
{
	sig->it[which].expires = expires;
	if (which != ITIMER_REAL)
		return;
	list_del_init(&sig->real_timer);
	if (expires)
		list_add_tail(&sig->real_timer, &real_timers);
}

/* itimer_fire - @which of @sig is due at @now: signal the process, re-arm or stop. */
static void itimer_fire(struct signal_struct *sig, int which, u64 now)
{
	struct cpu_itimer *it = &sig->it[which];
	struct task_struct *t = list_first_entry(&sig->thread_head, struct task_struct, thread_node);
	u64 expires = 0;

	if (it->incr)
		for (expires = it->expires + it->incr; expires <= now; expires += it->incr)
			;
	itimer_arm(sig, which, expires);
	send_sig(itimer_signal[which], t, 1);
}

/* itimer_tick - at each timer tick (the tick's time is already charged): fire what is due. */
void itimer_tick(void)
{
	struct signal_struct *sig, *tmp;
	u64 now = ktime_get_ns();

	list_for_each_entry_safe(sig, tmp, &real_timers, real_timer)
		if (now >= sig->it[ITIMER_REAL].expires)
			itimer_fire(sig, ITIMER_REAL, now);
	if (!current->mm)
		return;
	sig = current->signal;
	for (int which = ITIMER_VIRTUAL; which <= ITIMER_PROF; which++) {
		if (sig->it[which].expires && (now = itimer_clock(sig, which)) >= sig->it[which].expires)
			itimer_fire(sig, which, now);
	}
}

/* exit_itimers - the process is dead: stop its timers. */
void exit_itimers(struct signal_struct *sig)
{
	unsigned long flags;

	local_irq_save(flags);
	for (int which = ITIMER_REAL; which <= ITIMER_PROF; which++)
		itimer_arm(sig, which, 0);
	local_irq_restore(flags);
}

/*
 * itimer_get - what is left of @which, and its interval; a timer about
 * to fire shows a microsecond (real) or a tick (CPU time), as in Linux.
 */
static void itimer_get(struct signal_struct *sig, int which, struct timespec64 *value,
		       struct timespec64 *interval)
{
	u64 expires = sig->it[which].expires, now, left = 0;

	if (expires) {
		now = itimer_clock(sig, which);
		left = expires > now ? expires - now : which == ITIMER_REAL ? NSEC_PER_USEC : TICK_NSEC;
	}
	*value = ns_to_timespec64(left);
	*interval = ns_to_timespec64(sig->it[which].incr);
}

/* do_setitimer - arm @which for @value, every @interval after (0 values: off); old in @ovalue. */
static void do_setitimer(int which, const struct timespec64 *value,
			 const struct timespec64 *interval, struct timespec64 *ovalue,
			 struct timespec64 *ointerval)
{
	struct signal_struct *sig = current->signal;
	u64 ns = timespec64_to_ns(value);
	unsigned long flags;

	local_irq_save(flags);
	itimer_get(sig, which, ovalue, ointerval);
	sig->it[which].incr = ns ? timespec64_to_ns(interval) : 0;
	itimer_arm(sig, which, ns ? itimer_clock(sig, which) + ns : 0);
	local_irq_restore(flags);
}

static int put_itimerval(struct __kernel_old_itimerval __user *o, const struct timespec64 *value,
			 const struct timespec64 *interval)
{
	struct __kernel_old_itimerval v = {
		.it_interval = { interval->tv_sec, interval->tv_nsec / NSEC_PER_USEC },
		.it_value = { value->tv_sec, value->tv_nsec / NSEC_PER_USEC },
	};

	return copy_to_user(o, &v, sizeof(v)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(getitimer, int, which, struct __kernel_old_itimerval __user *, value)
{
	struct timespec64 v, i;
	unsigned long flags;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	local_irq_save(flags);
	itimer_get(current->signal, which, &v, &i);
	local_irq_restore(flags);
	return put_itimerval(value, &v, &i);
}

static bool timeval_valid(const struct __kernel_old_timeval *tv)
{
	return tv->tv_sec >= 0 && (unsigned long)tv->tv_usec < USEC_PER_SEC;
}

/* setitimer - a NULL @value disarms (an old misfeature Linux keeps). */
SYSCALL_DEFINE3(setitimer, int, which, struct __kernel_old_itimerval __user *, value,
		struct __kernel_old_itimerval __user *, ovalue)
{
	struct __kernel_old_itimerval v = {};
	struct timespec64 nv, ni, ov, oi;

	if (value) {
		if (copy_from_user(&v, value, sizeof(v)))
			return -EFAULT;
		if (!timeval_valid(&v.it_value) || !timeval_valid(&v.it_interval))
			return -EINVAL;
	}
	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	nv = (struct timespec64){ v.it_value.tv_sec, v.it_value.tv_usec * NSEC_PER_USEC };
	ni = (struct timespec64){ v.it_interval.tv_sec, v.it_interval.tv_usec * NSEC_PER_USEC };
	do_setitimer(which, &nv, &ni, &ov, &oi);
	return ovalue ? put_itimerval(ovalue, &ov, &oi) : 0;
}

/* alarm - ITIMER_REAL in whole seconds; returns the old one's seconds, rounded, never 0 if set. */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct timespec64 nv = { seconds, 0 }, ni = {}, ov, oi;

	do_setitimer(ITIMER_REAL, &nv, &ni, &ov, &oi);
	if ((!ov.tv_sec && ov.tv_nsec) || ov.tv_nsec >= NSEC_PER_SEC / 2)
		ov.tv_sec++;
	return ov.tv_sec;
}
