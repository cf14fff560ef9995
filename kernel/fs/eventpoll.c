// SPDX-License-Identifier: GPL-2.0
/*
 * eventpoll.c - epoll: a set of watched files kept by the kernel, so that
 * waiting for many of them costs nothing per file until one is ready.
 * Mirrors fs/eventpoll.c.
 *
 *   struct eventpoll   one epoll instance (the private_data of an
 *                      "anon_inode:[eventpoll]" file): its items, the
 *                      ready list rdllist, and the queue epoll_wait()
 *                      sleeps on
 *   struct epitem      one watched (file, fd) with the events asked for
 *                      and the user's data; linked from the file's f_ep
 *                      so that closing the file removes it
 *   struct eppoll_entry one wait-queue entry of an item on a queue the
 *                      file named in its ->poll() (poll_wait()): its
 *                      callback, ep_poll_callback(), runs when the file
 *                      wakes that queue
 *
 * EPOLL_CTL_ADD polls the file once with ep_ptable_queue_proc() as the
 * poll table's queueing function: that hooks an eppoll_entry on each of
 * the file's queues. From then on, any wake-up of the file (data arrives,
 * the other end closes...) calls ep_poll_callback(), which puts the item
 * on rdllist and wakes epoll_wait(). epoll_wait() takes the ready list,
 * asks each item's file again for its current mask (the wake-up may be
 * stale) and reports what is ready. A level-triggered item goes back on
 * the ready list, to be checked again next time; an EPOLLET item waits
 * for the next callback; an EPOLLONESHOT item is disabled until
 * EPOLL_CTL_MOD.
 *
 * Linux keeps the items in a red-black tree keyed by (file, fd); a list
 * does the same job for the few fds a program here watches. The ready
 * list is changed under ep->lock with interrupts off: the tty wakes its
 * readers from the serial interrupt.
 */
#include <linux/anon_inodes.h>
#include <linux/eventpoll.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/time.h>
#include <linux/time64.h>
#include <linux/uaccess.h>
#include <uapi/linux/eventpoll.h>

/* Bits that say how to report, not what to report. */
#define EP_PRIVATE_BITS	(EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define EP_MAX_EVENTS	(INT_MAX / sizeof(struct epoll_event))
#define EPOLLEXCLUSIVE_OK_BITS	(EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLWAKEUP | \
				 EPOLLET | EPOLLEXCLUSIVE)

struct eventpoll {
	spinlock_t lock;		/* rdllist, with interrupts off */
	struct list_head items;		/* every epitem (Linux: the rbr tree) */
	struct list_head rdllist;	/* epitems that may be ready */
	wait_queue_head_t wq;		/* epoll_wait() sleepers */
	wait_queue_head_t poll_wait;	/* poll()/select() on the epoll fd itself */
};

struct epitem {
	struct list_head link;		/* in ep->items */
	struct list_head rdllink;	/* in ep->rdllist, or empty */
	struct list_head fllink;	/* in file->f_ep */
	struct file *file;
	int fd;
	struct eventpoll *ep;
	struct epoll_event event;	/* events asked for, and the user's data */
	struct list_head pwqlist;	/* its eppoll_entries */
};

struct eppoll_entry {
	struct list_head llink;		/* in epi->pwqlist */
	struct epitem *base;
	wait_queue_entry_t wait;
	wait_queue_head_t *whead;
};

/* The poll table ep_insert() hands to the file: it knows its epitem. */
struct ep_pqueue {
	poll_table pt;
	struct epitem *epi;
};

static const struct file_operations eventpoll_fops;

static bool is_file_epoll(struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

/* ep_item_poll - the events of @epi's file that are there now and asked for. */
static __poll_t ep_item_poll(struct epitem *epi, poll_table *pt)
{
	struct file *file = epi->file;
	__poll_t mask = file->f_op->poll(file, pt);

	return mask & epi->event.events;
}

/* ep_set_ready - put @epi on the ready list (once) and wake the waiters. */
static void ep_set_ready(struct epitem *epi)
{
	struct eventpoll *ep = epi->ep;
	unsigned long flags;

	spin_lock_irqsave(&ep->lock, flags);
	if (list_empty(&epi->rdllink))
		list_add_tail(&epi->rdllink, &ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, flags);
	wake_up(&ep->wq);
	wake_up(&ep->poll_wait);
}

/*
 * ep_poll_callback - a file woke a queue @wait is on: its item may be
 * ready (unless disabled by EPOLLONESHOT). Runs inside wake_up(), maybe
 * in an interrupt.
 */
static int ep_poll_callback(wait_queue_entry_t *wait, unsigned int mode)
{
	struct epitem *epi = container_of(wait, struct eppoll_entry, wait)->base;

	if (epi->event.events & ~EP_PRIVATE_BITS)
		ep_set_ready(epi);
	return 1;
}

/* ep_ptable_queue_proc - poll_wait() during EPOLL_CTL_ADD: hook @epi on @whead. */
static void ep_ptable_queue_proc(struct file *file, wait_queue_head_t *whead, poll_table *pt)
{
	struct epitem *epi = container_of(pt, struct ep_pqueue, pt)->epi;
	struct eppoll_entry *pwq = kmalloc(sizeof(*pwq), GFP_KERNEL);

	if (!pwq)
		return;		/* the item then never wakes: Linux marks it dead */
	pwq->base = epi;
	pwq->whead = whead;
	pwq->wait = (wait_queue_entry_t){ .func = ep_poll_callback };
	INIT_LIST_HEAD(&pwq->wait.entry);
	add_wait_queue(whead, &pwq->wait);
	list_add_tail(&pwq->llink, &epi->pwqlist);
}

/* ep_find - the item of (@file, @fd) in @ep, or NULL. */
static struct epitem *ep_find(struct eventpoll *ep, struct file *file, int fd)
{
	struct epitem *epi;

	list_for_each_entry(epi, &ep->items, link)
		if (epi->file == file && epi->fd == fd)
			return epi;
	return NULL;
}

/* ep_insert - EPOLL_CTL_ADD: watch @tfile as @fd for @event. */
static int ep_insert(struct eventpoll *ep, const struct epoll_event *event,
		     struct file *tfile, int fd)
{
	struct epitem *epi = kzalloc(sizeof(*epi), GFP_KERNEL);
	struct ep_pqueue epq;

	if (!epi)
		return -ENOMEM;
	INIT_LIST_HEAD(&epi->rdllink);
	INIT_LIST_HEAD(&epi->pwqlist);
	epi->ep = ep;
	epi->file = tfile;
	epi->fd = fd;
	epi->event = *event;
	list_add_tail(&epi->link, &ep->items);
	list_add_tail(&epi->fllink, &tfile->f_ep);

	epq.epi = epi;
	epq.pt._qproc = ep_ptable_queue_proc;
	if (ep_item_poll(epi, &epq.pt))
		ep_set_ready(epi);
	return 0;
}

/* ep_remove - unhook @epi from its file's queues and from everything else. */
static void ep_remove(struct epitem *epi)
{
	struct eventpoll *ep = epi->ep;
	struct eppoll_entry *pwq, *n;
	unsigned long flags;

	list_for_each_entry_safe(pwq, n, &epi->pwqlist, llink) {
		remove_wait_queue(pwq->whead, &pwq->wait);
		kfree(pwq);
	}
	spin_lock_irqsave(&ep->lock, flags);
	list_del(&epi->rdllink);
	spin_unlock_irqrestore(&ep->lock, flags);
	list_del(&epi->link);
	list_del(&epi->fllink);
	kfree(epi);
}

/* ep_modify - EPOLL_CTL_MOD: new events and data; ready at once if they are. */
static void ep_modify(struct epitem *epi, const struct epoll_event *event)
{
	epi->event = *event;
	if (ep_item_poll(epi, NULL))
		ep_set_ready(epi);
}

/*
 * ep_send_events - report up to @maxevents ready items to @uevents: the
 * number reported, or -EFAULT. Items not looked at stay ready.
 */
static int ep_send_events(struct eventpoll *ep, struct epoll_event __user *uevents,
			  int maxevents)
{
	LIST_HEAD(txlist);
	struct epitem *epi, *n;
	unsigned long flags;
	int res = 0;

	spin_lock_irqsave(&ep->lock, flags);
	list_splice_init(&ep->rdllist, &txlist);
	spin_unlock_irqrestore(&ep->lock, flags);

	list_for_each_entry_safe(epi, n, &txlist, rdllink) {
		struct epoll_event ev;

		if (res >= maxevents)
			break;
		spin_lock_irqsave(&ep->lock, flags);	/* ep_poll_callback() looks at rdllink */
		list_del_init(&epi->rdllink);
		spin_unlock_irqrestore(&ep->lock, flags);
		ev.events = ep_item_poll(epi, NULL);
		if (!ev.events)
			continue;	/* a stale wake-up */
		ev.data = epi->event.data;
		if (copy_to_user(uevents + res, &ev, sizeof(ev))) {
			ep_set_ready(epi);
			res = res ? res : -EFAULT;
			break;
		}
		res++;
		if (epi->event.events & EPOLLONESHOT)
			epi->event.events &= EP_PRIVATE_BITS;
		else if (!(epi->event.events & EPOLLET))
			ep_set_ready(epi);	/* level-triggered: look again next time */
	}
	spin_lock_irqsave(&ep->lock, flags);
	list_splice_init(&txlist, &ep->rdllist);	/* the rest, in front */
	spin_unlock_irqrestore(&ep->lock, flags);
	return res;
}

/* ep_events_available - has a callback put an item on the ready list? */
static bool ep_events_available(struct eventpoll *ep)
{
	unsigned long flags;
	bool ready;

	spin_lock_irqsave(&ep->lock, flags);
	ready = !list_empty(&ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, flags);
	return ready;
}

/*
 * ep_poll - epoll_wait()'s loop: report ready items, or sleep until a
 * callback makes one ready, the clock reaches *@timeout (an end time; 0:
 * do not sleep; NULL: no limit) or a signal comes (-EINTR).
 */
static int ep_poll(struct eventpoll *ep, struct epoll_event __user *events, int maxevents,
		   u64 *timeout)
{
	wait_queue_entry_t wait = { .task = current, .entry = LIST_HEAD_INIT(wait.entry) };
	bool timed_out = timeout && !*timeout;
	int res;

	for (;;) {
		res = ep_send_events(ep, events, maxevents);	/* may fault: not asleep yet */
		if (res || timed_out)
			return res;
		prepare_to_wait(&ep->wq, &wait, TASK_INTERRUPTIBLE);
		if (ep_events_available(ep)) {
			finish_wait(&ep->wq, &wait);
			continue;
		}
		if (signal_pending(current)) {
			finish_wait(&ep->wq, &wait);
			return -EINTR;
		}
		if (!schedule_hrtimeout(timeout, HRTIMER_MODE_ABS))
			timed_out = true;
		finish_wait(&ep->wq, &wait);
	}
}

/* ep_eventpoll_poll - poll()/select() on an epoll fd: readable if an item is ready. */
static __poll_t ep_eventpoll_poll(struct file *file, poll_table *wait)
{
	struct eventpoll *ep = file->private_data;
	struct epitem *epi;

	poll_wait(file, &ep->poll_wait, wait);
	list_for_each_entry(epi, &ep->items, link)
		if (!list_empty(&epi->rdllink) && ep_item_poll(epi, NULL))
			return EPOLLIN | EPOLLRDNORM;
	return 0;
}

/* ep_eventpoll_release - the epoll fd's last close: drop every item. */
static int ep_eventpoll_release(struct inode *inode, struct file *file)
{
	struct eventpoll *ep = file->private_data;
	struct epitem *epi, *n;

	list_for_each_entry_safe(epi, n, &ep->items, link)
		ep_remove(epi);
	kfree(ep);
	return 0;
}

static const struct file_operations eventpoll_fops = {
	.release = ep_eventpoll_release,
	.poll = ep_eventpoll_poll,
	.llseek = no_llseek,
};

/* eventpoll_release - @file is closed for good: out of every epoll set. */
void eventpoll_release(struct file *file)
{
	struct epitem *epi, *n;

	list_for_each_entry_safe(epi, n, &file->f_ep, fllink)
		ep_remove(epi);
}

/* do_epoll_create - a new epoll instance at a new fd; @flags: EPOLL_CLOEXEC. */
static int do_epoll_create(int flags)
{
	struct eventpoll *ep;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = kzalloc(sizeof(*ep), GFP_KERNEL);
	if (!ep)
		return -ENOMEM;
	spin_lock_init(&ep->lock);
	INIT_LIST_HEAD(&ep->items);
	INIT_LIST_HEAD(&ep->rdllist);
	init_waitqueue_head(&ep->wq);
	init_waitqueue_head(&ep->poll_wait);
	fd = anon_inode_getfd("[eventpoll]", &eventpoll_fops, ep, O_RDWR | (flags & O_CLOEXEC));
	if (fd < 0)
		kfree(ep);
	return fd;
}

SYSCALL_DEFINE1(epoll_create1, int, flags)
{
	return do_epoll_create(flags);
}

SYSCALL_DEFINE1(epoll_create, int, size)
{
	if (size <= 0)
		return -EINVAL;
	return do_epoll_create(0);
}

/*
 * do_epoll_ctl - add, change or remove (@op) the watch of @fd in epoll
 * instance @epfd. -EBADF: a bad fd; -EPERM: @fd cannot be polled (a
 * regular file); -EINVAL: @epfd is no epoll fd, is @fd, @op is unknown, or
 * EPOLLEXCLUSIVE is misused; -EEXIST / -ENOENT: already watched / not watched.
 */
static int do_epoll_ctl(int epfd, int op, int fd, const struct epoll_event *epds)
{
	struct file *f = fget(epfd), *tf = NULL;
	struct eventpoll *ep;
	struct epitem *epi;
	int error = -EBADF;

	if (!f)
		return -EBADF;
	tf = fget(fd);
	if (!tf)
		goto out;
	error = -EPERM;
	if (!tf->f_op->poll)
		goto out;
	error = -EINVAL;
	if (f == tf || !is_file_epoll(f))
		goto out;
	/* EPOLLEXCLUSIVE: only when adding, and only with plain in/out bits */
	if (op != EPOLL_CTL_DEL && (epds->events & EPOLLEXCLUSIVE) &&
	    (op == EPOLL_CTL_MOD || is_file_epoll(tf) || (epds->events & ~EPOLLEXCLUSIVE_OK_BITS)))
		goto out;
	ep = f->private_data;
	epi = ep_find(ep, tf, fd);
	switch (op) {
	case EPOLL_CTL_ADD:
		error = epi ? -EEXIST : ep_insert(ep, epds, tf, fd);
		break;
	case EPOLL_CTL_DEL:
		error = -ENOENT;
		if (epi) {
			ep_remove(epi);
			error = 0;
		}
		break;
	case EPOLL_CTL_MOD:
		error = -ENOENT;
		if (epi) {
			ep_modify(epi, epds);
			error = 0;
		}
		break;
	}			/* any other @op: -EINVAL */
out:
	if (tf)
		fput(tf);
	fput(f);
	return error;
}

SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd, struct epoll_event __user *, event)
{
	struct epoll_event epds = { 0 };

	if (op != EPOLL_CTL_DEL) {
		if (copy_from_user(&epds, event, sizeof(epds)))
			return -EFAULT;
		epds.events |= EPOLLERR | EPOLLHUP;	/* always watched */
	}
	return do_epoll_ctl(epfd, op, fd, &epds);
}

/* do_epoll_wait - wait until the end time *@timeout at most (NULL: for ever) for events of epoll fd @epfd. */
static int do_epoll_wait(int epfd, struct epoll_event __user *events, int maxevents,
			 u64 *timeout)
{
	struct file *f;
	int error;

	if (maxevents <= 0 || maxevents > EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok(events, maxevents * sizeof(struct epoll_event)))
		return -EFAULT;
	f = fget(epfd);
	if (!f)
		return -EBADF;
	error = is_file_epoll(f) ? ep_poll(f->private_data, events, maxevents, timeout) : -EINVAL;
	fput(f);
	return error;
}

/* ep_timeout_to_timespec - the end time of a wait of @ms (NULL: for ever). */
static u64 *ep_timeout_to_timespec(u64 *to, int ms)
{
	if (ms < 0)
		return NULL;
	poll_select_set_timeout(to, poll_ms_to_ns(ms));
	return to;
}

SYSCALL_DEFINE4(epoll_wait, int, epfd, struct epoll_event __user *, events, int, maxevents,
		int, timeout)
{
	u64 to;

	return do_epoll_wait(epfd, events, maxevents, ep_timeout_to_timespec(&to, timeout));
}

/* epoll_pwait - epoll_wait with the signal mask @sigmask while it waits. */
SYSCALL_DEFINE6(epoll_pwait, int, epfd, struct epoll_event __user *, events, int, maxevents,
		int, timeout, const sigset_t __user *, sigmask, size_t, sigsetsize)
{
	int error = set_user_sigmask(sigmask, sigsetsize);
	u64 to;

	if (error)
		return error;
	error = do_epoll_wait(epfd, events, maxevents, ep_timeout_to_timespec(&to, timeout));
	restore_saved_sigmask_unless(error == -EINTR);
	return error;
}
