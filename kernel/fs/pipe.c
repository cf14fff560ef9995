// SPDX-License-Identifier: GPL-2.0
/*
 * pipe.c - pipes: a byte ring buffer between writers and readers. Mirrors
 * fs/pipe.c.
 *
 * The buffer is one page (Linux's pipe holds 16 pages, as 16 pipe_buffers
 * that can also be spliced; one page keeps the ring a plain byte array).
 * head and tail count the bytes ever written and read: head - tail bytes
 * are in the pipe, byte n lives at buf[n % PIPE_SIZE], and the counters
 * may wrap around. The pipe's mutex serialises readers and writers;
 * sleepers wait outside it on rd_wait (for data, or the last writer to
 * close: EOF) and wr_wait (for room, or the last reader to close: EPIPE).
 *
 * A write of at most PIPE_BUF bytes is atomic: it waits until all of it
 * fits. A bigger one goes in pieces and may return early (O_NONBLOCK, a
 * signal) with the count written so far. A read returns what is there,
 * waiting only while the pipe is empty and has writers.
 *
 * vmsplice() (splice.c) puts user pages into the pipe without copying
 * them: struct pipe_buffers that hold a reference to the page and take
 * their place in the byte stream (pipe_fs_i.h); a read copies from the
 * page when the tail reaches it.
 *
 * The two ends are two struct files on one inode of the internal "pipefs"
 * (named "pipe:[ino]" in /proc/PID/maps); the pipe is freed with the
 * inode, once both ends are closed.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/pipe_fs_i.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/sprintf.h>
#include <linux/bug.h>
#include <uapi/linux/magic.h>
#include <uapi/linux/termios.h>
#include "internal.h"

static struct vfsmount *pipe_mnt;

static size_t min3_size(size_t a, size_t b, size_t c)
{
	return min(min(a, b), c);
}

static bool pipe_readable(const struct pipe_inode_info *pipe)
{
	return pipe_occupancy(pipe) || !READ_ONCE(pipe->writers);
}

/* pipe_writable - room for @need bytes, or no reader left to wait for. */
static bool pipe_writable(const struct pipe_inode_info *pipe, size_t need)
{
	return PIPE_SIZE - pipe_occupancy(pipe) >= need || !READ_ONCE(pipe->readers);
}

/* pipe_buf_release - the pipe is done with a page buffer: drop its page. */
static void pipe_buf_release(struct pipe_buffer *buf)
{
	list_del(&buf->list);
	put_page(buf->page);
	kfree(buf);
}

/*
 * pipe_tail_chunk - how many of the next @count bytes at the tail can be
 * copied in one piece: the rest of the page buffer the tail is in, or the
 * ring's bytes up to its end or to the next page buffer.
 */
static size_t pipe_tail_chunk(const struct pipe_inode_info *pipe, size_t count)
{
	struct pipe_buffer *buf = list_first_entry_or_null(&pipe->bufs, struct pipe_buffer, list);

	count = min_t(size_t, count, pipe_occupancy(pipe));
	if (buf && buf->pos == pipe->tail)
		return min_t(size_t, count, buf->len);
	count = min_t(size_t, count, PIPE_SIZE - pipe->tail % PIPE_SIZE);
	return buf ? min_t(size_t, count, buf->pos - pipe->tail) : count;
}

/*
 * pipe_copy_out - copy a pipe_tail_chunk() to @to (the caller moves the
 * tail on); a page buffer read to its end is released. Returns the bytes
 * copied, short if @to faulted.
 */
static size_t pipe_copy_out(struct pipe_inode_info *pipe, size_t chunk, struct iov_iter *to)
{
	struct pipe_buffer *buf = list_first_entry_or_null(&pipe->bufs, struct pipe_buffer, list);
	size_t copied;

	if (!buf || buf->pos != pipe->tail)
		return copy_to_iter(pipe->buf + pipe->tail % PIPE_SIZE, chunk, to);
	copied = copy_to_iter(page_address(buf->page) + buf->offset, chunk, to);
	buf->offset += copied;
	buf->len -= copied;
	buf->pos += copied;
	if (!buf->len)
		pipe_buf_release(buf);
	return copied;
}

static ssize_t pipe_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct pipe_inode_info *pipe = iocb->ki_filp->f_inode->i_pipe;
	ssize_t ret = 0;

	if (!iov_iter_count(to))
		return 0;
	mutex_lock(&pipe->mutex);
	for (;;) {
		size_t chunk = pipe_tail_chunk(pipe, iov_iter_count(to));

		if (chunk) {
			size_t copied = pipe_copy_out(pipe, chunk, to);

			pipe->tail += copied;
			ret += copied;
			wake_up_interruptible(&pipe->wr_wait);
			if (copied < chunk) {
				ret = ret ? ret : -EFAULT;
				break;
			}
			if (!iov_iter_count(to))
				break;
			continue;
		}
		if (!pipe->writers || ret)
			break;		/* EOF, or return what we have */
		if (iocb->ki_flags & IOCB_NOWAIT) {
			ret = -EAGAIN;
			break;
		}
		mutex_unlock(&pipe->mutex);
		if (wait_event_interruptible(pipe->rd_wait, pipe_readable(pipe)))
			return -ERESTARTSYS;
		mutex_lock(&pipe->mutex);
	}
	mutex_unlock(&pipe->mutex);
	return ret;
}

static ssize_t pipe_write(struct kiocb *iocb, struct iov_iter *from)
{
	struct pipe_inode_info *pipe = iocb->ki_filp->f_inode->i_pipe;
	size_t total = iov_iter_count(from);
	ssize_t ret = 0;

	if (!total)
		return 0;
	mutex_lock(&pipe->mutex);
	for (;;) {
		unsigned int offset = pipe->head % PIPE_SIZE;
		size_t room = PIPE_SIZE - pipe_occupancy(pipe);
		/* the first piece of an atomic write must be all of it */
		size_t need = !ret && total <= PIPE_BUF ? total : 1;
		size_t chunk = min3_size(room, PIPE_SIZE - offset, iov_iter_count(from));

		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			ret = ret ? ret : -EPIPE;
			break;
		}
		if (room >= need) {
			size_t copied = copy_from_iter(pipe->buf + offset, chunk, from);

			pipe->head += copied;
			ret += copied;
			wake_up_interruptible(&pipe->rd_wait);
			if (copied < chunk) {
				ret = ret ? ret : -EFAULT;
				break;
			}
			if (!iov_iter_count(from))
				break;
			continue;
		}
		if (iocb->ki_flags & IOCB_NOWAIT) {
			ret = ret ? ret : -EAGAIN;
			break;
		}
		mutex_unlock(&pipe->mutex);
		if (wait_event_interruptible(pipe->wr_wait, pipe_writable(pipe, need)))
			return ret ? ret : -ERESTARTSYS;
		mutex_lock(&pipe->mutex);
	}
	mutex_unlock(&pipe->mutex);
	if (ret > 0)
		inode_set_mtime_ctime_now(file_inode(iocb->ki_filp));
	return ret;
}

/* pipe_ioctl - FIONREAD: the bytes in the pipe. */
static long pipe_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (cmd != FIONREAD)
		return -ENOTTY;
	return put_user((int)pipe_occupancy(file->f_inode->i_pipe), (int __user *)arg);
}

/*
 * pipe_poll - readable if bytes are waiting, writable if there is room;
 * POLLHUP for a reader once every writer is gone, POLLERR for a writer
 * once every reader is.
 */
static __poll_t pipe_poll(struct file *filp, poll_table *wait)
{
	struct pipe_inode_info *pipe = filp->f_inode->i_pipe;
	__poll_t mask = 0;

	poll_wait(filp, &pipe->rd_wait, wait);
	poll_wait(filp, &pipe->wr_wait, wait);
	if (filp->f_mode & FMODE_READ) {
		if (pipe_occupancy(pipe))
			mask |= POLLIN | POLLRDNORM;
		if (!READ_ONCE(pipe->writers))
			mask |= POLLHUP;
	}
	if (filp->f_mode & FMODE_WRITE) {
		if (pipe_occupancy(pipe) < PIPE_SIZE)
			mask |= POLLOUT | POLLWRNORM;
		if (!READ_ONCE(pipe->readers))
			mask |= POLLERR;
	}
	return mask;
}

/* pipe_release - an end closes: the other side's sleepers must re-check. */
static int pipe_release(struct inode *inode, struct file *file)
{
	struct pipe_inode_info *pipe = inode->i_pipe;

	mutex_lock(&pipe->mutex);
	if (file->f_mode & FMODE_READ)
		pipe->readers--;
	if (file->f_mode & FMODE_WRITE)
		pipe->writers--;
	mutex_unlock(&pipe->mutex);
	wake_up_interruptible(&pipe->rd_wait);
	wake_up_interruptible(&pipe->wr_wait);
	return 0;
}

const struct file_operations pipefifo_fops = {
	.llseek = no_llseek,
	.read_iter = pipe_read,
	.write_iter = pipe_write,
	.unlocked_ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

static struct pipe_inode_info *alloc_pipe_info(void)
{
	struct pipe_inode_info *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return NULL;
	pipe->buf = (char *)__get_free_page(GFP_KERNEL);
	if (!pipe->buf) {
		kfree(pipe);
		return NULL;
	}
	mutex_init(&pipe->mutex);
	INIT_LIST_HEAD(&pipe->bufs);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->readers = pipe->writers = 1;
	return pipe;
}

static void free_pipe_info(struct pipe_inode_info *pipe)
{
	while (!list_empty(&pipe->bufs))
		pipe_buf_release(list_first_entry(&pipe->bufs, struct pipe_buffer, list));
	free_page((unsigned long)pipe->buf);
	kfree(pipe);
}

/* get_pipe_info - the pipe behind @file, or NULL if it is not one. */
struct pipe_inode_info *get_pipe_info(struct file *file)
{
	return file->f_op == &pipefifo_fops ? file->f_inode->i_pipe : NULL;
}

/**
 * create_pipe_files - a new pipe: @res[0] its read end, @res[1] its write end
 * @flags: O_NONBLOCK and O_DIRECT apply to both ends
 */
int create_pipe_files(struct file **res, int flags)
{
	struct inode *inode = new_inode(pipe_mnt->mnt_sb);
	struct file *f;

	if (!inode)
		return -ENFILE;
	inode->i_pipe = alloc_pipe_info();
	if (!inode->i_pipe) {
		iput(inode);
		return -ENFILE;
	}
	inode->i_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	inode->i_fop = &pipefifo_fops;
	f = alloc_file_pseudo(inode, pipe_mnt, "", O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)),
			      &pipefifo_fops);
	if (IS_ERR(f))
		return PTR_ERR(f);	/* the inode went with it */
	res[0] = alloc_file_clone(f, O_RDONLY | (flags & O_NONBLOCK), &pipefifo_fops);
	if (IS_ERR(res[0])) {
		fput(f);	/* the pipe has no reader then: freed with the inode */
		return PTR_ERR(res[0]);
	}
	res[1] = f;
	return 0;
}

/* do_pipe2 - pipe(2)/pipe2(2): two new fds, copied to user @fildes. */
static int do_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = get_unused_fd_flags(flags);
	fd[1] = fd[0] < 0 ? fd[0] : get_unused_fd_flags(flags);
	err = fd[1] < 0 ? fd[1] : 0;
	if (!err && copy_to_user(fildes, fd, sizeof(fd)))
		err = -EFAULT;
	if (err) {
		if (fd[0] >= 0)
			put_unused_fd(fd[0]);
		if (fd[1] >= 0)
			put_unused_fd(fd[1]);
		fput(files[0]);
		fput(files[1]);
		return err;
	}
	fd_install(fd[0], files[0]);
	fd_install(fd[1], files[1]);
	return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

SYSCALL_DEFINE1(pipe, int __user *, fildes)
{
	return do_pipe2(fildes, 0);
}

/* pipefs_dname - a pipe's name: "pipe:[ino]". */
static char *pipefs_dname(struct dentry *dentry, char *buffer, int buflen)
{
	if (snprintf(buffer, buflen, "pipe:[%lu]", dentry->d_inode->i_ino) >= buflen)
		return ERR_PTR(-ENAMETOOLONG);
	return buffer;
}

static const struct dentry_operations pipefs_dentry_operations = {
	.d_dname = pipefs_dname,
};

static void pipefs_evict_inode(struct inode *inode)
{
	if (inode->i_pipe)
		free_pipe_info(inode->i_pipe);
}

static const struct super_operations pipefs_ops = {
	.evict_inode = pipefs_evict_inode,
};

static int pipefs_fill_super(struct super_block *sb, void *data)
{
	return init_pseudo(sb, PIPEFS_MAGIC, &pipefs_ops, &pipefs_dentry_operations);
}

static struct dentry *pipefs_mount(struct file_system_type *fs_type, int flags,
				   const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, pipefs_fill_super);
}

/* Internal only: no mount(2) can name it, so it is not registered. */
static struct file_system_type pipe_fs_type = {
	.name = "pipefs",
	.mount = pipefs_mount,
	.kill_sb = kill_anon_super,
};

void pipe_init(void)
{
	pipe_mnt = kern_mount(&pipe_fs_type);
	BUG_ON(IS_ERR(pipe_mnt));
}
