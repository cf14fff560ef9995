// SPDX-License-Identifier: GPL-2.0
/*
 * select.c - the poll system call: wait until one of several files is
 * ready. Mirrors fs/select.c (do_sys_poll(), do_poll(), the poll_wqueues).
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
#include <linux/uaccess.h>

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
	entry->wait.task = current;
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
 * closed fd, nothing for a negative one (ignored, as POSIX says). POLLERR
 * and POLLHUP are reported even if not asked for.
 */
static __poll_t do_pollfd(struct pollfd *pollfd, poll_table *pt)
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
	return mask & ((unsigned short)pollfd->events | POLLERR | POLLHUP);
}

/*
 * do_poll - poll every fd until some are ready (their count), @timeout
 * jiffies have passed (0; MAX_SCHEDULE_TIMEOUT: no limit) or a signal is
 * pending (-EINTR).
 */
static int do_poll(struct pollfd *fds, unsigned int nfds, struct poll_wqueues *wait,
		   long timeout)
{
	poll_table *pt = &wait->pt;
	int count;

	if (!timeout)
		pt = NULL;	/* no sleep: no need to queue */
	for (;;) {
		count = 0;
		set_current_state(TASK_INTERRUPTIBLE);
		for (unsigned int i = 0; i < nfds; i++) {
			fds[i].revents = do_pollfd(&fds[i], pt);
			if (fds[i].revents) {
				count++;
				pt = NULL;	/* we will not sleep: queue no more */
			}
		}
		pt = NULL;		/* queued once is enough */
		if (count || !timeout || wait->error)
			break;
		if (signal_pending(current)) {
			count = -EINTR;
			break;
		}
		timeout = schedule_timeout(timeout);
	}
	__set_current_state(TASK_RUNNING);
	return count ? count : wait->error;
}

static int do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, long timeout)
{
	struct poll_wqueues table;
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
	poll_initwait(&table);
	ret = do_poll(fds, nfds, &table, timeout);
	poll_freewait(&table);
	for (unsigned int i = 0; ret >= 0 && i < nfds; i++)
		if (put_user(fds[i].revents, &ufds[i].revents))
			ret = -EFAULT;
out:
	kfree(fds);
	return ret;
}

/*
 * poll(fds, nfds, timeout_msecs): a negative timeout waits for ever. The
 * tick in progress is partly gone, so a positive timeout gets one jiffy
 * more: the wait is never shorter than asked (Linux did the same before
 * hrtimers).
 */
SYSCALL_DEFINE3(poll, struct pollfd __user *, ufds, unsigned int, nfds, int, timeout_msecs)
{
	long timeout = MAX_SCHEDULE_TIMEOUT;

	if (timeout_msecs >= 0)
		timeout = timeout_msecs ? msecs_to_jiffies(timeout_msecs) + 1 : 0;
	return do_sys_poll(ufds, nfds, timeout);
}
