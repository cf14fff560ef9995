// SPDX-License-Identifier: GPL-2.0
/*
 * splice.c - vmsplice(): user memory into a pipe without copying, or out
 * of a pipe into user memory. Mirrors vmsplice() of fs/splice.c.
 *
 * vmsplice() into a pipe's write end takes a reference to each user page
 * (iov_iter_get_pages2() -> get_user_pages_fast(), a plain FOLL_GET, not
 * a pin) and queues it as a struct pipe_buffer; the reader copies from
 * the page later. Until then the page belongs to both: a write by the
 * process itself goes into the very page the pipe holds, and shows. But
 * the copy-on-write rules keep the pipe's page away from anyone else's
 * writes: after fork, a write by the parent or the child to a page the
 * pipe still references finds its refcount above its mapcount
 * (wp_can_reuse_anon_folio() refuses) and is given a copy instead
 * (docs/gup.md: the vmsplice story, CVE-2020-29374).
 *
 * vmsplice() from a pipe's read end is a plain copy to user memory, as
 * Linux's (it reads as read() would).
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/pipe_fs_i.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uio.h>
#include <linux/wait.h>
#include "internal.h"

#define SPLICE_F_MOVE		0x01	/* move pages instead of copying (a hint) */
#define SPLICE_F_NONBLOCK	0x02	/* do not block on the pipe */
#define SPLICE_F_MORE		0x04	/* more data will come (a hint) */
#define SPLICE_F_GIFT		0x08	/* the pages are a gift (Pagoda: a hint) */
#define SPLICE_F_ALL (SPLICE_F_MOVE | SPLICE_F_NONBLOCK | SPLICE_F_MORE | SPLICE_F_GIFT)

/*
 * add_to_pipe - queue @buf (a page reference the caller gives up) at the
 * pipe's head. Returns its length, or -EPIPE with SIGPIPE when nobody
 * reads, -EAGAIN when it does not fit; the page is dropped then.
 */
static ssize_t add_to_pipe(struct pipe_inode_info *pipe, struct page *page,
			   unsigned int offset, unsigned int len)
{
	struct pipe_buffer *buf;
	ssize_t ret;

	if (!pipe->readers) {
		send_sig(SIGPIPE, current, 0);
		ret = -EPIPE;
	} else if (pipe_room(pipe) < len) {
		ret = -EAGAIN;
	} else if (!(buf = kmalloc(sizeof(*buf), GFP_KERNEL))) {
		ret = -ENOMEM;
	} else {
		*buf = (struct pipe_buffer){ .page = page, .offset = offset, .len = len,
					     .pos = pipe->head };
		list_add_tail(&buf->list, &pipe->spliced);
		pipe->head += len;
		return len;
	}
	put_page(page);
	return ret;
}

/*
 * wait_for_space - with the pipe locked, wait until there is room (or no
 * reader: -EPIPE and SIGPIPE). -EAGAIN for SPLICE_F_NONBLOCK,
 * -ERESTARTSYS for a signal.
 */
static int wait_for_space(struct pipe_inode_info *pipe, unsigned int flags)
{
	for (;;) {
		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			return -EPIPE;
		}
		if (pipe_room(pipe))
			return 0;
		if (flags & SPLICE_F_NONBLOCK)
			return -EAGAIN;
		mutex_unlock(&pipe->mutex);
		if (wait_event_interruptible(pipe->wr_wait, pipe_room(pipe) ||
					     !READ_ONCE(pipe->readers))) {
			mutex_lock(&pipe->mutex);
			return -ERESTARTSYS;
		}
		mutex_lock(&pipe->mutex);
	}
}

/*
 * iter_to_pipe - queue the user pages under @from, as many as fit: up to
 * 16 at a time from get_user_pages, one pipe_buffer per page piece.
 * Returns the bytes queued, or an error if none.
 */
static ssize_t iter_to_pipe(struct iov_iter *from, struct pipe_inode_info *pipe)
{
	size_t total = 0;
	ssize_t ret = 0;

	while (iov_iter_count(from) && pipe_room(pipe)) {
		struct page *pages[16];
		ssize_t left;
		size_t start;
		int n;

		left = iov_iter_get_pages2(from, pages, pipe_room(pipe), 16, &start);
		if (left <= 0) {
			ret = left;
			break;
		}
		n = DIV_ROUND_UP(left + start, PAGE_SIZE);
		for (int i = 0; i < n; i++) {
			int size = min_t(int, left, PAGE_SIZE - start);

			ret = add_to_pipe(pipe, pages[i], start, size);
			if (ret < 0) {
				while (++i < n)
					put_page(pages[i]);
				goto out;
			}
			total += ret;
			left -= size;
			start = 0;
		}
	}
out:
	return total ? total : ret;
}

/* vmsplice_to_pipe - user memory into the pipe, by reference. */
static ssize_t vmsplice_to_pipe(struct file *file, struct iov_iter *iter, unsigned int flags)
{
	struct pipe_inode_info *pipe = get_pipe_info(file);
	ssize_t ret;

	if (!pipe)
		return -EBADF;
	mutex_lock(&pipe->mutex);
	ret = wait_for_space(pipe, flags);
	if (!ret)
		ret = iter_to_pipe(iter, pipe);
	mutex_unlock(&pipe->mutex);
	if (ret > 0) {
		wake_up_interruptible(&pipe->rd_wait);
		inode_set_mtime_ctime_now(file_inode(file));
	}
	return ret;
}

/*
 * vmsplice_to_user - the pipe's data copied out to user memory, as a read
 * of the pipe that waits unless SPLICE_F_NONBLOCK.
 */
static ssize_t vmsplice_to_user(struct file *file, struct iov_iter *iter, unsigned int flags)
{
	struct kiocb kiocb = {
		.ki_filp = file,
		.ki_flags = flags & SPLICE_F_NONBLOCK ? IOCB_NOWAIT : 0,
	};

	if (!get_pipe_info(file))
		return -EBADF;
	return file->f_op->read_iter(&kiocb, iter);
}

/*
 * vmsplice - @fd's direction decides: a write end takes the user pages,
 * a read end fills the user buffers. -EINVAL for unknown flags, -EBADF
 * for a bad fd or one that is not a pipe.
 */
SYSCALL_DEFINE4(vmsplice, int, fd, const struct iovec __user *, uiov,
		unsigned long, nr_segs, unsigned int, flags)
{
	struct iovec iovstack[UIO_FASTIOV], *iov;
	struct iov_iter iter;
	struct file *file;
	ssize_t error;
	int type;

	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	if (file->f_mode & FMODE_WRITE) {
		type = ITER_SOURCE;
	} else if (file->f_mode & FMODE_READ) {
		type = ITER_DEST;
	} else {
		fput(file);
		return -EBADF;
	}
	error = import_iovec(type, uiov, nr_segs, iovstack, UIO_FASTIOV, &iov, &iter);
	if (error < 0)
		goto out_fput;
	if (!iov_iter_count(&iter))
		error = 0;
	else if (type == ITER_SOURCE)
		error = vmsplice_to_pipe(file, &iter, flags);
	else
		error = vmsplice_to_user(file, &iter, flags);
	kfree(iov);
out_fput:
	fput(file);
	return error;
}
