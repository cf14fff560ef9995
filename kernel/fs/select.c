// SPDX-License-Identifier: GPL-2.0
/*
 * select.c - poll, ppoll, select and pselect6: wait until one of several
 * files is ready. Mirrors fs/select.c (do_sys_poll(), do_poll(), the
 * poll_wqueues, core_sys_select()).
 *
 *   do_sys_poll()   copy the pollfd array in, do_poll(), copy revents out
 *   do_poll()       ask every file's ->poll() for its ready mask; the first
 *                   round also puts the caller on each wait queue the files
 *                   name (__pollwait()); if nothing is ready, sleep until
 *                   one of them wakes us, a signal comes or the time is up,
 *                   and ask again
 *   poll_freewait() take the caller off every queue again
 *
 * The task marks itself TASK_INTERRUPTIBLE before each round, so a wake-up
 * that comes while the files are being asked is not lost: it makes the
 * task runnable again and the sleep returns at once.
 *
 * select() asks the same question with three fd bitmaps: core_sys_select()
 * turns the bits into pollfds (read: POLLIN_SET, write: POLLOUT_SET,
 * except: POLLEX_SET), runs do_poll() and turns the answers back into
 * bits. The time-limited calls write the time left back, as Linux does,
 * and pselect6/ppoll run with a signal mask of their own meanwhile.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/gfp.h>
#include <linux/poll.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <linux/time64.h>
#include <uapi/linux/time.h>
#include <linux/uaccess.h>
#include <linux/bitops.h>

/* One wait-queue entry of the polling task, on a queue a file named. */
struct poll_table_entry {
	struct file *filp;
	wait_queue_entry_t wait;
	wait_queue_head_t *wait_address;
};

/* Entries beyond the inline ones live in pages of their own. */
struct poll_table_page {
	struct poll_table_page *next;
	unsigned int nr;
	struct poll_table_entry entries[];
};

#define POLL_TABLE_PAGE_ENTRIES \
	((PAGE_SIZE - sizeof(struct poll_table_page)) / sizeof(struct poll_table_entry))
#define N_INLINE_POLL_ENTRIES	16

struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *table;
	int error;
	unsigned int inline_index;
	struct poll_table_entry inline_entries[N_INLINE_POLL_ENTRIES];
};

/* poll_get_entry - a free entry, from the inline ones first; NULL if out of memory. */
static struct poll_table_entry *poll_get_entry(struct poll_wqueues *p)
{
	struct poll_table_page *table = p->table;

	if (p->inline_index < N_INLINE_POLL_ENTRIES)
		return p->inline_entries + p->inline_index++;
	if (!table || table->nr == POLL_TABLE_PAGE_ENTRIES) {
		struct poll_table_page *new = (void *)__get_free_page(GFP_KERNEL);

		if (!new) {
			p->error = -ENOMEM;
			return NULL;
		}
		new->nr = 0;
		new->next = table;
		p->table = table = new;
	}
	return table->entries + table->nr++;
}

/* __pollwait - poll_wait()'s work: put current on @wait_address for @filp. */
static void __pollwait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	struct poll_wqueues *pwq = container_of(p, struct poll_wqueues, pt);
	struct poll_table_entry *entry = poll_get_entry(pwq);

	if (!entry)
		return;
	entry->filp = get_file(filp);
	entry->wait_address = wait_address;
	entry->wait = (wait_queue_entry_t){ .task = current };
	INIT_LIST_HEAD(&entry->wait.entry);
	add_wait_queue(wait_address, &entry->wait);
}

static void poll_initwait(struct poll_wqueues *pwq)
{
	pwq->pt._qproc = __pollwait;
	pwq->table = NULL;
	pwq->error = 0;
	pwq->inline_index = 0;
}

static void free_poll_entry(struct poll_table_entry *entry)
{
	remove_wait_queue(entry->wait_address, &entry->wait);
	fput(entry->filp);
}

/* poll_freewait - off every queue, the files' references dropped. */
static void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_page *table = pwq->table;

	for (unsigned int i = 0; i < pwq->inline_index; i++)
		free_poll_entry(pwq->inline_entries + i);
	while (table) {
		struct poll_table_page *next = table->next;

		for (unsigned int i = 0; i < table->nr; i++)
			free_poll_entry(table->entries + i);
		free_page((unsigned long)table);
		table = next;
	}
}

/*
 * do_pollfd - the events of @pollfd that are there now: POLLNVAL for a
 * closed fd, nothing for a negative one (ignored, as POSIX says). @always
 * are reported even if not asked for (poll: POLLERR and POLLHUP).
 */
static __poll_t do_pollfd(struct pollfd *pollfd, poll_table *pt, __poll_t always)
{
	struct file *f;
	__poll_t mask;

	if (pollfd->fd < 0)
		return 0;
	f = fget(pollfd->fd);
	if (!f)
		return POLLNVAL;
	mask = f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;
	fput(f);
	return mask & ((unsigned short)pollfd->events | always);
}

/*
 * do_poll - poll every fd until some are ready (their count), the clock
 * reaches *@end_time (0: do not sleep; NULL: no limit) or a signal is
 * pending (-EINTR). @always: see do_pollfd().
 */
static int do_poll(struct pollfd *fds, unsigned int nfds, struct poll_wqueues *wait,
		   u64 *end_time, __poll_t always)
{
	poll_table *pt = &wait->pt;
	bool timed_out = end_time && !*end_time;
	int count;

	if (timed_out)
		pt = NULL;	/* no sleep: no need to queue */
	for (;;) {
		count = 0;
		set_current_state(TASK_INTERRUPTIBLE);
		for (unsigned int i = 0; i < nfds; i++) {
			fds[i].revents = do_pollfd(&fds[i], pt, always);
			if (fds[i].revents) {
				count++;
				pt = NULL;	/* we will not sleep: queue no more */
			}
		}
		pt = NULL;		/* queued once is enough */
		if (count || timed_out || wait->error)
			break;
		if (signal_pending(current)) {
			count = -EINTR;
			break;
		}
		if (!schedule_hrtimeout(end_time, HRTIMER_MODE_ABS))
			timed_out = true;
	}
	__set_current_state(TASK_RUNNING);
	return count ? count : wait->error;
}

void poll_select_set_timeout(u64 *to, s64 ns)
{
	*to = ns ? ktime_get_ns() + ns : 0;
}

/*
 * poll_run - do_poll() with the wait queues set up and taken down, waiting
 * @ns at most (negative: for ever); *@left gets the time that was left
 * (none if the wait timed out).
 */
static int poll_run(struct pollfd *fds, unsigned int nfds, s64 ns, __poll_t always, s64 *left)
{
	struct poll_wqueues table;
	u64 start = ktime_get_ns(), end_time;
	int ret;

	if (ns >= 0)
		poll_select_set_timeout(&end_time, ns);
	poll_initwait(&table);
	ret = do_poll(fds, nfds, &table, ns < 0 ? NULL : &end_time, always);
	poll_freewait(&table);
	/* timed out: nothing left, whatever the clocks' rounding says */
	*left = ns > 0 && ret ? max_t(s64, ns - (s64)(ktime_get_ns() - start), 0) : 0;
	return ret;
}

static int do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, s64 ns, s64 *left)
{
	struct pollfd *fds;
	size_t size = nfds * sizeof(*fds);
	int ret;

	if (nfds > rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	fds = kmalloc(size ? size : 1, GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(fds, ufds, size))
		goto out;
	ret = poll_run(fds, nfds, ns, POLLERR | POLLHUP, left);
	for (unsigned int i = 0; ret >= 0 && i < nfds; i++)
		if (put_user(fds[i].revents, &ufds[i].revents))
			ret = -EFAULT;
out:
	kfree(fds);
	return ret;
}

/* poll(fds, nfds, timeout_msecs): a negative timeout waits for ever. */
SYSCALL_DEFINE3(poll, struct pollfd __user *, ufds, unsigned int, nfds, int, timeout_msecs)
{
	s64 left;

	return do_sys_poll(ufds, nfds, poll_ms_to_ns(timeout_msecs), &left);
}

/* get_poll_timeout - a user timespec as nanoseconds; NULL: -1 (for ever). */
static int get_poll_timeout(const struct __kernel_timespec __user *uts, s64 *ns)
{
	struct timespec64 ts;

	*ns = -1;
	if (!uts)
		return 0;
	if (get_timespec64(&ts, uts))
		return -EFAULT;
	if (!timespec64_valid(&ts))
		return -EINVAL;
	*ns = timespec64_to_ns(&ts);
	return 0;
}

/*
 * poll_select_finish - the call is over: write the time left back to a
 * non-zero timeout (errors ignored, as Linux does: the call itself
 * succeeded) and restore the signal mask unless a signal interrupted.
 */
static int poll_select_finish(void __user *utime, bool timeval, s64 ns, s64 left, int ret)
{
	restore_saved_sigmask_unless(ret == -EINTR);
	if (!utime || ns <= 0)
		return ret;
	if (timeval) {
		struct __kernel_old_timeval tv = {
			.tv_sec = left / NSEC_PER_SEC,
			.tv_usec = (left % NSEC_PER_SEC) / NSEC_PER_USEC,
		};

		copy_to_user(utime, &tv, sizeof(tv));
	} else {
		struct timespec64 ts = ns_to_timespec64(left);

		put_timespec64(&ts, utime);
	}
	return ret;
}

/* ppoll - poll with a timespec timeout and a signal mask for the wait. */
SYSCALL_DEFINE5(ppoll, struct pollfd __user *, ufds, unsigned int, nfds,
		struct __kernel_timespec __user *, tsp, const sigset_t __user *, sigmask,
		size_t, sigsetsize)
{
	s64 ns, left = 0;
	int ret = get_poll_timeout(tsp, &ns);

	if (!ret)
		ret = set_user_sigmask(sigmask, sigsetsize);
	if (ret)
		return ret;
	ret = do_sys_poll(ufds, nfds, ns, &left);
	return poll_select_finish(tsp, false, ns, left, ret);
}

/* --- select --- */

#define POLLIN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET	(POLLPRI)

/* The three user bitmaps (in, out, ex) copied in, and the results. */
struct fd_set_bits {
	unsigned long *set[3], *res[3];
};

static const __poll_t select_events[3] = { POLLIN_SET, POLLOUT_SET, POLLEX_SET };

/* select_fds_to_pollfds - one pollfd per fd with a bit set; -EBADF if one is not open. */
static int select_fds_to_pollfds(struct fd_set_bits *fds, int n, struct pollfd *pfds)
{
	unsigned int count = 0;

	for (int fd = 0; fd < n; fd++) {
		short events = 0;
		struct file *f;

		for (int k = 0; k < 3; k++)
			if (test_bit(fd, fds->set[k]))
				events |= select_events[k];
		if (!events)
			continue;
		f = fget(fd);
		if (!f)
			return -EBADF;
		fput(f);
		pfds[count++] = (struct pollfd){ .fd = fd, .events = events };
	}
	return count;
}

/* select_pollfds_to_fds - the answers as result bits; their count. */
static int select_pollfds_to_fds(const struct pollfd *pfds, unsigned int count,
				 struct fd_set_bits *fds)
{
	int bits = 0;

	for (unsigned int i = 0; i < count; i++) {
		for (int k = 0; k < 3; k++) {
			if (test_bit(pfds[i].fd, fds->set[k]) &&
			    (pfds[i].revents & select_events[k])) {
				__set_bit(pfds[i].fd, fds->res[k]);
				bits++;
			}
		}
	}
	return bits;
}

/*
 * core_sys_select - select() on fds below @n; @ns: the timeout (negative:
 * none), *@left the time left. The result bitmaps replace the user's.
 */
static int core_sys_select(int n, unsigned long __user *const uset[3], s64 ns, s64 *left)
{
	struct fd_set_bits fds;
	struct pollfd *pfds = NULL;
	unsigned long *bits;
	size_t size;
	int ret, count;

	*left = 0;
	if (n < 0)
		return -EINVAL;
	n = min_t(int, n, current->files->fdt->max_fds);
	size = BITS_TO_LONGS(n) * sizeof(long);
	bits = kzalloc(6 * size + 1, GFP_KERNEL);
	if (!bits)
		return -ENOMEM;
	ret = -EFAULT;
	for (int k = 0; k < 3; k++) {
		fds.set[k] = (void *)((char *)bits + k * size);
		fds.res[k] = (void *)((char *)bits + (3 + k) * size);
		if (uset[k] && copy_from_user(fds.set[k], uset[k], size))
			goto out;
		if (n % BITS_PER_LONG)	/* bits at or above n do not count */
			fds.set[k][n / BITS_PER_LONG] &= (1UL << (n % BITS_PER_LONG)) - 1;
	}
	ret = -ENOMEM;
	pfds = kcalloc(n ? n : 1, sizeof(*pfds), GFP_KERNEL);
	if (!pfds)
		goto out;
	count = select_fds_to_pollfds(&fds, n, pfds);
	ret = count;
	if (count < 0)
		goto out;
	ret = poll_run(pfds, count, ns, 0, left);
	if (ret < 0)
		goto out;
	ret = select_pollfds_to_fds(pfds, count, &fds);
	for (int k = 0; k < 3; k++)
		if (uset[k] && copy_to_user(uset[k], fds.res[k], size))
			ret = -EFAULT;
out:
	kfree(pfds);
	kfree(bits);
	return ret;
}

/* select(n, in, out, ex, timeval): the timeval gets the time that was left. */
SYSCALL_DEFINE5(select, int, n, unsigned long __user *, inp, unsigned long __user *, outp,
		unsigned long __user *, exp, struct __kernel_old_timeval __user *, tvp)
{
	unsigned long __user *const uset[3] = { inp, outp, exp };
	struct __kernel_old_timeval tv;
	s64 ns = -1, left;
	int ret;

	if (tvp) {
		if (copy_from_user(&tv, tvp, sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0)
			return -EINVAL;
		/* tv_usec of a million or more carries into seconds, as in Linux */
		ns = (tv.tv_sec + tv.tv_usec / USEC_PER_SEC) * (s64)NSEC_PER_SEC +
		     (tv.tv_usec % USEC_PER_SEC) * (s64)NSEC_PER_USEC;
	}
	ret = core_sys_select(n, uset, ns, &left);
	return poll_select_finish(tvp, true, ns, left, ret);
}

/* The sixth argument of pselect6: the mask and its size (Linux's sigset_argpack). */
struct sigset_argpack {
	sigset_t __user *p;
	size_t size;
};

/* pselect6 - select with a timespec timeout and a signal mask for the wait. */
SYSCALL_DEFINE6(pselect6, int, n, unsigned long __user *, inp, unsigned long __user *, outp,
		unsigned long __user *, exp, struct __kernel_timespec __user *, tsp,
		void __user *, sig)
{
	unsigned long __user *const uset[3] = { inp, outp, exp };
	struct sigset_argpack pack = { NULL, 0 };
	s64 ns, left;
	int ret = get_poll_timeout(tsp, &ns);

	if (!ret && sig && copy_from_user(&pack, sig, sizeof(pack)))
		ret = -EFAULT;
	if (!ret)
		ret = set_user_sigmask(pack.p, pack.size);
	if (ret)
		return ret;
	ret = core_sys_select(n, uset, ns, &left);
	return poll_select_finish(tsp, false, ns, left, ret);
}
