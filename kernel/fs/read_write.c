// SPDX-License-Identifier: GPL-2.0
/*
 * read_write.c - read, write, their positioned and vectored forms, lseek,
 * and sync/fsync/fdatasync (fs/sync.c). Mirrors fs/read_write.c.
 *
 * Every read goes through an iov_iter (uio.h): read(2) and pread64(2)
 * describe one user buffer, readv(2) the caller's iovec array,
 * kernel_read() a kernel buffer. A file implements ->read_iter() (ramfs,
 * pipes, the console, seq_file pseudo-files) or the older ->read() on one
 * user buffer (proc_ops and debugfs files of other subsystems); for those a
 * vector is done one segment at a time, as Linux's do_loop_readv_writev()
 * does, and kernel_read() is not possible (-EINVAL). Writes mirror reads.
 *
 * The file position: read/write/readv/writev use and advance f_pos; pread
 * and pwrite use their own, and need FMODE_PREAD/PWRITE (not on pipes or
 * the console: -ESPIPE). sync(2) is here too: RAM file systems have
 * nothing to write back.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/slab.h>
#include "internal.h"

#define SEEK_DATA	3
#define SEEK_HOLE	4
#define SEEK_MAX	SEEK_HOLE

/* vfs_setpos - set f_pos to @offset if it is within [0, @maxsize]. */
static loff_t vfs_setpos(struct file *file, loff_t offset, loff_t maxsize)
{
	if (offset < 0 || offset > maxsize)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/**
 * generic_file_llseek - lseek for files with a size: SEEK_SET, SEEK_CUR,
 * SEEK_END relative to i_size, and SEEK_DATA/SEEK_HOLE treating the whole
 * file as data (holes in RAM files are not reported). Also the default for
 * files that name no ->llseek.
 */
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t size = i_size_read(file_inode(file));

	switch (whence) {
	case SEEK_END:
		offset += size;
		break;
	case SEEK_CUR:
		offset += file->f_pos;
		break;
	case SEEK_DATA:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		break;
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		offset = size;
		break;
	}
	return vfs_setpos(file, offset, MAX_LFS_FILESIZE);
}

/* no_llseek - for streams (pipes, terminals): -ESPIPE. */
loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

/* vfs_llseek - the file's ->llseek, generic_file_llseek() if it has none. */
loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	loff_t (*fn)(struct file *, loff_t, int) = file->f_op->llseek;

	if (whence < 0 || whence > SEEK_MAX)
		return -EINVAL;
	if (!(file->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	return (fn ? fn : generic_file_llseek)(file, offset, whence);
}

SYSCALL_DEFINE3(lseek, unsigned int, fd, long, offset, unsigned int, whence)
{
	struct file *file = fget(fd);
	loff_t ret;

	if (!file)
		return -EBADF;
	ret = vfs_llseek(file, offset, whence);
	fput(file);
	return ret;
}

/*
 * loop_rw_iter - a vector on a file with only ->read/->write: one call per
 * non-empty user segment, stopping at an error or a short transfer.
 */
static ssize_t loop_rw_iter(struct file *file, struct iov_iter *iter, loff_t *pos)
{
	ssize_t done = 0;

	for (; iov_iter_count(iter) && iter->nr_segs; iter->iov++, iter->nr_segs--) {
		size_t len = min(iter->iov->iov_len, iov_iter_count(iter));
		ssize_t n;

		if (!len)
			continue;
		if (iter->data_source)
			n = file->f_op->write(file, iter->iov->iov_base, len, pos);
		else
			n = file->f_op->read(file, iter->iov->iov_base, len, pos);
		if (n < 0)
			return done ? done : n;
		done += n;
		iter->count -= n;
		if ((size_t)n < len)
			break;
	}
	return done;
}

/* init_kiocb - a synchronous I/O control block at *@pos. */
static void init_kiocb(struct kiocb *kiocb, struct file *file, loff_t pos)
{
	*kiocb = (struct kiocb) { .ki_filp = file, .ki_pos = pos };
	if (file->f_flags & O_APPEND)
		kiocb->ki_flags |= IOCB_APPEND;
	if (file->f_flags & O_NONBLOCK)
		kiocb->ki_flags |= IOCB_NOWAIT;
}

/*
 * rw_verify_mode - may @file be read (or, with @write, written) at all?
 * -EBADF if it is not open for it, -EINVAL if it has no method. Checked
 * before the user's buffers, as Linux does (FMODE_READ, FMODE_CAN_READ).
 */
static int rw_verify_mode(struct file *file, bool write)
{
	const struct file_operations *fop = file->f_op;

	if (!(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)))
		return -EBADF;
	if (write ? !fop->write_iter && !fop->write : !fop->read_iter && !fop->read)
		return -EINVAL;
	return 0;
}

/**
 * vfs_iter_read - read from @file at *@pos into @iter; the caller has
 * checked the file's mode (rw_verify_mode())
 *
 * Returns the bytes read (0 at end of file), or -errno: -EINVAL if it
 * cannot be read (or only from user memory and @iter is a kernel buffer),
 * -EFAULT.
 */
static ssize_t vfs_iter_read(struct file *file, struct iov_iter *iter, loff_t *pos)
{
	const struct file_operations *fop = file->f_op;
	struct kiocb kiocb;
	ssize_t ret;

	if (!fop->read_iter && !user_backed_iter(iter))
		return -EINVAL;
	if (*pos < 0)
		return -EINVAL;
	if (!fop->read_iter)
		return loop_rw_iter(file, iter, pos);
	init_kiocb(&kiocb, file, *pos);
	ret = fop->read_iter(&kiocb, iter);
	*pos = kiocb.ki_pos;
	return ret;
}

/* vfs_iter_write - write @iter to @file at *@pos (errors as vfs_iter_read). */
static ssize_t vfs_iter_write(struct file *file, struct iov_iter *iter, loff_t *pos)
{
	const struct file_operations *fop = file->f_op;
	struct kiocb kiocb;
	ssize_t ret;

	if (!fop->write_iter && !user_backed_iter(iter))
		return -EINVAL;
	if (*pos < 0)
		return -EINVAL;
	if (!fop->write_iter)
		return loop_rw_iter(file, iter, pos);
	init_kiocb(&kiocb, file, *pos);
	ret = fop->write_iter(&kiocb, iter);
	*pos = kiocb.ki_pos;
	return ret;
}

/*
 * vfs_read - read @count bytes into user buffer @buf at *@pos. The whole
 * of [@buf, @buf + @count) must be user space, though at most
 * MAX_RW_COUNT bytes move.
 */
ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos)
{
	struct iovec iov = { buf, min_t(size_t, count, MAX_RW_COUNT) };
	struct iov_iter iter;
	int ret = rw_verify_mode(file, false);

	if (ret)
		return ret;
	if (!access_ok(buf, count))
		return -EFAULT;
	iov_iter_init(&iter, ITER_DEST, &iov, 1, iov.iov_len);
	return vfs_iter_read(file, &iter, pos);
}

/* vfs_write - write @count bytes from user buffer @buf at *@pos (checks as vfs_read). */
ssize_t vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos)
{
	struct iovec iov = { (void __user *)buf, min_t(size_t, count, MAX_RW_COUNT) };
	struct iov_iter iter;
	int ret = rw_verify_mode(file, true);

	if (ret)
		return ret;
	if (!access_ok(buf, count))
		return -EFAULT;
	iov_iter_init(&iter, ITER_SOURCE, &iov, 1, iov.iov_len);
	return vfs_iter_write(file, &iter, pos);
}

/**
 * kernel_read - read from @file into kernel buffer @buf at *@pos
 *
 * For exec (the ELF headers), initramfs and tests. The file must have
 * ->read_iter. Returns the bytes read or -errno; *@pos advances.
 */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	struct kvec kvec = { buf, min_t(size_t, count, MAX_RW_COUNT) };
	struct iov_iter iter;
	ssize_t ret = rw_verify_mode(file, false);

	if (ret)
		return ret;
	iov_iter_kvec(&iter, ITER_DEST, &kvec, 1, kvec.iov_len);
	return vfs_iter_read(file, &iter, pos);
}

/* kernel_write - write kernel buffer @buf to @file at *@pos. */
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos)
{
	struct kvec kvec = { (void *)buf, min_t(size_t, count, MAX_RW_COUNT) };
	struct iov_iter iter;
	ssize_t ret = rw_verify_mode(file, true);

	if (ret)
		return ret;
	iov_iter_kvec(&iter, ITER_SOURCE, &kvec, 1, kvec.iov_len);
	return vfs_iter_write(file, &iter, pos);
}

/* The f_pos-based calls: the position is read before and stored after. */
SYSCALL_DEFINE3(read, unsigned int, fd, char __user *, buf, size_t, count)
{
	struct file *file = fget(fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = vfs_read(file, buf, count, &file->f_pos);
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(write, unsigned int, fd, const char __user *, buf, size_t, count)
{
	struct file *file = fget(fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = vfs_write(file, buf, count, &file->f_pos);
	fput(file);
	return ret;
}

SYSCALL_DEFINE4(pread64, unsigned int, fd, char __user *, buf, size_t, count, loff_t, pos)
{
	struct file *file;
	ssize_t ret = -ESPIPE;

	if (pos < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	if (file->f_mode & FMODE_PREAD)
		ret = vfs_read(file, buf, count, &pos);
	fput(file);
	return ret;
}

SYSCALL_DEFINE4(pwrite64, unsigned int, fd, const char __user *, buf, size_t, count,
		loff_t, pos)
{
	struct file *file;
	ssize_t ret = -ESPIPE;

	if (pos < 0)
		return -EINVAL;
	file = fget(fd);
	if (!file)
		return -EBADF;
	if (file->f_mode & FMODE_PWRITE)
		ret = vfs_write(file, buf, count, &pos);
	fput(file);
	return ret;
}

/*
 * do_rw_vector - readv/writev: check the file's mode, import the iovec
 * array (@vlen is taken as an unsigned int, as Linux's import_iovec()
 * does), then one vfs_iter call unless there is nothing to move: a total
 * of 0 is 0 without asking the file.
 */
static ssize_t do_rw_vector(unsigned long fd, const struct iovec __user *vec,
			    unsigned long vlen, bool write)
{
	struct iovec fast[UIO_FASTIOV], *iov = NULL;
	struct iov_iter iter;
	struct file *file = fget(fd);
	ssize_t ret;

	if (!file)
		return -EBADF;
	ret = rw_verify_mode(file, write);
	if (!ret)
		ret = import_iovec(write ? ITER_SOURCE : ITER_DEST, vec, vlen, fast, UIO_FASTIOV,
				   &iov, &iter);
	if (ret > 0)
		ret = write ? vfs_iter_write(file, &iter, &file->f_pos) :
			      vfs_iter_read(file, &iter, &file->f_pos);
	kfree(iov);
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(readv, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	return do_rw_vector(fd, vec, vlen, false);
}

SYSCALL_DEFINE3(writev, unsigned long, fd, const struct iovec __user *, vec,
		unsigned long, vlen)
{
	return do_rw_vector(fd, vec, vlen, true);
}

/* sync - nothing to write back: every file lives in RAM only. */
SYSCALL_DEFINE0(sync)
{
	return 0;
}

/* do_fsync - fsync(2)/fdatasync(2): the file's ->fsync, -EINVAL if it has none (a pipe, a tty). */
static long do_fsync(unsigned int fd, int datasync)
{
	struct file *file = fget(fd);
	long ret = -EINVAL;

	if (!file)
		return -EBADF;
	if (file->f_op->fsync)
		ret = file->f_op->fsync(file, 0, LONG_MAX, datasync);
	fput(file);
	return ret;
}

SYSCALL_DEFINE1(fsync, unsigned int, fd)
{
	return do_fsync(fd, 0);
}

SYSCALL_DEFINE1(fdatasync, unsigned int, fd)
{
	return do_fsync(fd, 1);
}
