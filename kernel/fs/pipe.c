// SPDX-License-Identifier: GPL-2.0
/*
 * pipe.c - pipes: a byte ring buffer between writers and readers. Mirrors
 * fs/pipe.c.
 *
 * The buffer is a ring of ring_size pages (16 by default, 64 KiB, as in
 * Linux; F_SETPIPE_SZ makes it any power of two, beyond
 * /proc/sys/fs/pipe-max-size only with CAP_SYS_RESOURCE). A page is
 * allocated when the first byte is written into it and freed when its
 * last byte is read. Linux's ring holds pipe_buffers, a page each, that a
 * small write may share and splice can pass around; here the ring is a
 * plain byte ring: head and tail count the bytes ever written and read,
 * head - tail bytes are in the pipe, byte n lives in page n / PAGE_SIZE
 * of the ring (modulo ring_size) at n % PAGE_SIZE, and the counters may
 * wrap around. The page being read keeps its slot until it is all read
 * (pipe_room()), as in Linux; but a write always fills the last page up,
 * where Linux's starts a new page for one that does not fit there whole.
 * The pipe's mutex serialises readers and writers;
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
 * inode, once both ends are closed. A FIFO (named pipe, mknod(2)) is a
 * node in a real file system: fifo_open() gives its inode a pipe at the
 * first open and the last close frees it.
 */
#include <linux/fs.h>
#include <linux/pipe_fs_i.h>
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/sprintf.h>
#include <linux/bug.h>
#include <linux/sysctl.h>
#include <linux/init.h>
#include <uapi/linux/magic.h>
#include <uapi/linux/termios.h>
#include <uapi/linux/fcntl.h>
#include "internal.h"

static struct vfsmount *pipe_mnt;
static unsigned long pipe_max_size = 1048576;	/* /proc/sys/fs/pipe-max-size */

/* pipe_slot - where the page of byte @n sits in the ring. */
static char **pipe_slot(const struct pipe_inode_info *pipe, unsigned int n)
{
	return &pipe->bufs[(n >> PAGE_SHIFT) & (pipe->ring_size - 1)];
}

/* pipe_slots_used - how many pages the bytes in the pipe occupy (Linux: buffers). */
static unsigned int pipe_slots_used(const struct pipe_inode_info *pipe)
{
	if (!pipe_occupancy(pipe))
		return 0;
	return (((pipe->head - 1) >> PAGE_SHIFT) - (pipe->tail >> PAGE_SHIFT) + 1) &
	       ((1U << (32 - PAGE_SHIFT)) - 1);
}

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
	return pipe_room(pipe) >= need || !READ_ONCE(pipe->readers);
}

/* pipe_buf_release - the pipe is done with a page buffer: drop its page. */
static void pipe_buf_release(struct pipe_buffer *buf)
{
	list_del(&buf->list);
	put_page(buf->page);
	kfree(buf);
}

/* pipe_tail_buf - the page buffer the tail is in, if it is in one. */
static struct pipe_buffer *pipe_tail_buf(const struct pipe_inode_info *pipe)
{
	struct pipe_buffer *buf = list_first_entry_or_null(&pipe->spliced, struct pipe_buffer, list);

	return buf && buf->pos == pipe->tail ? buf : NULL;
}

/*
 * pipe_tail_chunk - how many of the next @count bytes at the tail can be
 * copied in one piece: up to the end of the ring page the tail is in, of
 * the page buffer it is in, or (in the ring) up to the next page buffer.
 */
static size_t pipe_tail_chunk(const struct pipe_inode_info *pipe, size_t count)
{
	struct pipe_buffer *buf = list_first_entry_or_null(&pipe->spliced, struct pipe_buffer, list);

	count = min3_size(count, pipe_occupancy(pipe), PAGE_SIZE - pipe->tail % PAGE_SIZE);
	if (!buf)
		return count;
	if (buf->pos == pipe->tail)
		return min_t(size_t, count, buf->len);
	return min_t(size_t, count, buf->pos - pipe->tail);
}

/*
 * pipe_copy_out - copy a pipe_tail_chunk() to @to, from the page buffer
 * or the ring (the caller moves the tail on); a page buffer read to its
 * end is released. Returns the bytes copied, short if @to faulted.
 */
static size_t pipe_copy_out(struct pipe_inode_info *pipe, size_t chunk, struct iov_iter *to)
{
	struct pipe_buffer *buf = pipe_tail_buf(pipe);
	size_t copied;

	if (!buf)
		return copy_to_iter(*pipe_slot(pipe, pipe->tail) + pipe->tail % PAGE_SIZE, chunk, to);
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
			char **slot = pipe_slot(pipe, pipe->tail);
			size_t copied = pipe_copy_out(pipe, chunk, to);

			pipe->tail += copied;
			ret += copied;
			if (!(pipe->tail % PAGE_SIZE)) {	/* all of that page is read */
				free_page((unsigned long)*slot);
				*slot = NULL;
			}
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
		unsigned int offset = pipe->head % PAGE_SIZE;
		size_t room = pipe_room(pipe);
		/* the first piece of an atomic write must be all of it */
		size_t need = !ret && total <= PIPE_BUF ? total : 1;
		size_t chunk = min3_size(room, PAGE_SIZE - offset, iov_iter_count(from));
		char **slot = pipe_slot(pipe, pipe->head);

		if (!pipe->readers) {
			send_sig(SIGPIPE, current, 0);
			ret = ret ? ret : -EPIPE;
			break;
		}
		if (room >= need && !*slot)
			*slot = (char *)__get_free_page(GFP_KERNEL);
		if (room >= need && !*slot) {
			ret = ret ? ret : -ENOMEM;
			break;
		}
		if (room >= need) {
			size_t copied = copy_from_iter(*slot + offset, chunk, from);

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
		if (pipe_room(pipe))
			mask |= POLLOUT | POLLWRNORM;
		if (!READ_ONCE(pipe->readers))
			mask |= POLLERR;
	}
	return mask;
}

static void free_pipe_info(struct pipe_inode_info *pipe);

/*
 * put_pipe_info - free the pipe once its last open end is gone (a FIFO's
 * next open makes a new, empty one).
 */
static void put_pipe_info(struct inode *inode, struct pipe_inode_info *pipe)
{
	if (pipe->readers || pipe->writers)
		return;
	inode->i_pipe = NULL;
	free_pipe_info(pipe);
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
	put_pipe_info(inode, pipe);
	return 0;
}

static int fifo_open(struct inode *inode, struct file *filp);

const struct file_operations pipefifo_fops = {
	.open = fifo_open,
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
	pipe->ring_size = PIPE_DEF_BUFFERS;
	pipe->bufs = kcalloc(pipe->ring_size, sizeof(*pipe->bufs), GFP_KERNEL);
	if (!pipe->bufs) {
		kfree(pipe);
		return NULL;
	}
	mutex_init(&pipe->mutex);
	INIT_LIST_HEAD(&pipe->spliced);
	init_waitqueue_head(&pipe->rd_wait);
	init_waitqueue_head(&pipe->wr_wait);
	pipe->readers = pipe->writers = 1;
	return pipe;
}

static void free_pipe_info(struct pipe_inode_info *pipe)
{
	while (!list_empty(&pipe->spliced))
		pipe_buf_release(list_first_entry(&pipe->spliced, struct pipe_buffer, list));
	for (unsigned int i = 0; i < pipe->ring_size; i++)
		free_page((unsigned long)pipe->bufs[i]);
	kfree(pipe->bufs);
	kfree(pipe);
}

/* get_pipe_info - the pipe behind @file, or NULL if it is not one. */
struct pipe_inode_info *get_pipe_info(struct file *file)
{
	return file->f_op == &pipefifo_fops ? file->f_inode->i_pipe : NULL;
}

/* round_pipe_size - @size as a pipe can be: at least a page, a power of two; 0 if too big. */
static unsigned int round_pipe_size(unsigned long size)
{
	if (size > (1UL << 31))
		return 0;
	if (size < PAGE_SIZE)
		return PAGE_SIZE;
	return 1UL << (64 - __builtin_clzl(size - 1));
}

/*
 * pipe_resize_ring - the ring gets @nr_slots pages; the bytes in the pipe
 * keep their pages, which move to their slots in the new ring. -EBUSY if
 * they occupy more than @nr_slots pages.
 */
static int pipe_resize_ring(struct pipe_inode_info *pipe, unsigned int nr_slots)
{
	unsigned int used = pipe_slots_used(pipe), first = pipe->tail >> PAGE_SHIFT;
	char **bufs, **old = pipe->bufs;

	if (nr_slots < used)
		return -EBUSY;
	bufs = kcalloc(nr_slots, sizeof(*bufs), GFP_KERNEL | __GFP_NOWARN);
	if (!bufs)
		return -ENOMEM;
	for (unsigned int i = 0; i < used; i++) {
		char **slot = pipe_slot(pipe, (first + i) << PAGE_SHIFT);

		bufs[(first + i) & (nr_slots - 1)] = *slot;
		*slot = NULL;
	}
	for (unsigned int i = 0; i < pipe->ring_size; i++)
		free_page((unsigned long)old[i]);	/* nothing unread is left in them */
	kfree(old);
	pipe->bufs = bufs;
	pipe->ring_size = nr_slots;
	wake_up_interruptible(&pipe->wr_wait);
	return 0;
}

/*
 * pipe_set_size - F_SETPIPE_SZ: the new size in bytes, or -EINVAL (above
 * 2 GiB), -EBUSY, -ENOMEM. Growing beyond pipe-max-size needs
 * CAP_SYS_RESOURCE, which every Pagoda process has.
 */
static long pipe_set_size(struct pipe_inode_info *pipe, unsigned int arg)
{
	unsigned int nr_slots = round_pipe_size(arg) >> PAGE_SHIFT;
	int err;

	if (!nr_slots)
		return -EINVAL;
	err = pipe_resize_ring(pipe, nr_slots);
	return err ? err : (long)pipe_size(pipe);
}

/**
 * pipe_fcntl - F_SETPIPE_SZ and F_GETPIPE_SZ of a pipe
 * @file: either end
 * @cmd: the fcntl command
 * @arg: F_SETPIPE_SZ's size in bytes
 *
 * Return: the pipe's size in bytes, -EBADF if @file is no pipe, or
 * pipe_set_size()'s error.
 */
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned int arg)
{
	struct pipe_inode_info *pipe;
	long ret;

	if (file->f_op != &pipefifo_fops)
		return -EBADF;
	pipe = file->f_inode->i_pipe;
	mutex_lock(&pipe->mutex);
	ret = cmd == F_SETPIPE_SZ ? pipe_set_size(pipe, arg) : (long)pipe_size(pipe);
	mutex_unlock(&pipe->mutex);
	return ret;
}

/* wait_for_partner - sleep until *@cnt moves: the other end was opened. */
static int wait_for_partner(struct pipe_inode_info *pipe, unsigned int *cnt)
{
	unsigned int cur = *cnt;
	int ret;

	mutex_unlock(&pipe->mutex);
	ret = wait_event_interruptible(pipe->rd_wait, READ_ONCE(*cnt) != cur);
	mutex_lock(&pipe->mutex);
	return ret ? -ERESTARTSYS : 0;
}

static void wake_up_partner(struct pipe_inode_info *pipe)
{
	wake_up_interruptible(&pipe->rd_wait);
}

/*
 * fifo_open - open a named pipe (mknod S_IFIFO). All openers share one
 * pipe, made by the first. A reader waits for a writer and a writer for
 * a reader; with O_NONBLOCK a reader does not wait and a writer without
 * readers gets -ENXIO. O_RDWR never waits. Linux also keeps a
 * non-blocking reader from seeing POLLHUP before the first writer came;
 * Pagoda does not.
 */
static int fifo_open(struct inode *inode, struct file *filp)
{
	struct pipe_inode_info *pipe = inode->i_pipe;
	int ret = 0;

	if (!pipe) {
		pipe = alloc_pipe_info();
		if (!pipe)
			return -ENOMEM;
		pipe->readers = pipe->writers = 0;
		if (inode->i_pipe) {		/* another opener was faster */
			free_pipe_info(pipe);
			pipe = inode->i_pipe;
		}
		inode->i_pipe = pipe;
	}
	filp->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);	/* stream_open() */
	mutex_lock(&pipe->mutex);
	switch (filp->f_mode & (FMODE_READ | FMODE_WRITE)) {
	case FMODE_READ:
		pipe->r_counter++;
		if (pipe->readers++ == 0)
			wake_up_partner(pipe);
		if (!pipe->writers && !(filp->f_flags & O_NONBLOCK) &&
		    (ret = wait_for_partner(pipe, &pipe->w_counter)))
			pipe->readers--;
		break;
	case FMODE_WRITE:
		if ((filp->f_flags & O_NONBLOCK) && !pipe->readers) {
			ret = -ENXIO;
			break;
		}
		pipe->w_counter++;
		if (!pipe->writers++)
			wake_up_partner(pipe);
		if (!pipe->readers && (ret = wait_for_partner(pipe, &pipe->r_counter)))
			pipe->writers--;
		break;
	default:
		pipe->readers++;
		pipe->writers++;
		pipe->r_counter++;
		pipe->w_counter++;
		if (pipe->readers == 1 || pipe->writers == 1)
			wake_up_partner(pipe);
		break;
	}
	mutex_unlock(&pipe->mutex);
	if (ret) {
		wake_up_interruptible(&pipe->rd_wait);
		wake_up_interruptible(&pipe->wr_wait);
		put_pipe_info(inode, pipe);
	}
	return ret;
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

/* proc_dopipe_max_size - /proc/sys/fs/pipe-max-size: a write is rounded as F_SETPIPE_SZ rounds. */
static int proc_dopipe_max_size(const struct ctl_table *table, int write, char *buf, size_t *lenp)
{
	unsigned long val = pipe_max_size;
	struct ctl_table tmp = { .data = &val, .maxlen = sizeof(val) };
	int err = proc_doulongvec_minmax(&tmp, write, buf, lenp);

	if (err || !write)
		return err;
	if (!round_pipe_size(val))
		return -EINVAL;
	pipe_max_size = round_pipe_size(val);
	return 0;
}

static struct ctl_table fs_pipe_sysctls[] = {
	{ .procname = "pipe-max-size", .data = &pipe_max_size, .maxlen = sizeof(pipe_max_size),
	  .mode = 0644, .proc_handler = proc_dopipe_max_size },
};

void pipe_init(void)
{
	pipe_mnt = kern_mount(&pipe_fs_type);
	BUG_ON(IS_ERR(pipe_mnt));
}

/* init_pipe_fs - /proc/sys/fs/pipe-max-size, once /proc/sys exists. */
static int __init init_pipe_fs(void)
{
	BUG_ON(register_sysctl("fs", fs_pipe_sysctls, ARRAY_SIZE(fs_pipe_sysctls)));
	return 0;
}
fs_initcall(init_pipe_fs);
