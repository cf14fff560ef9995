/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uio.h - struct iov_iter: "where the bytes of a read or write go", so that
 * one read_iter()/write_iter() method serves read(2) (one user buffer),
 * readv(2) (a user iovec array) and kernel_read() (a kernel buffer).
 * Mirrors include/linux/uio.h and lib/iov_iter.c, with two of Linux's
 * iterator kinds: ITER_IOVEC (user memory, through copy_to/from_user, so a
 * bad pointer ends the copy early) and ITER_KVEC (kernel memory).
 *
 *   n = copy_to_iter(page_address(page) + offset, len, to);
 *   if (n < len) ... the user buffer faulted: return -EFAULT if nothing moved
 *
 * Implemented in kernel/fs/iov_iter.c.
 */
#ifndef _LINUX_UIO_H
#define _LINUX_UIO_H

#include <linux/types.h>
#include <linux/syscalls.h>	/* __user */
#include <uapi/linux/uio.h>

struct page;

struct kvec {
	void *iov_base;		/* a kernel pointer */
	size_t iov_len;
};

enum iter_type {
	ITER_IOVEC,		/* user memory */
	ITER_KVEC,		/* kernel memory */
};

#define ITER_SOURCE	1	/* the data comes from the iterator: write */
#define ITER_DEST	0	/* the data goes into the iterator: read */

struct iov_iter {
	u8 iter_type;
	bool data_source;	/* ITER_SOURCE or ITER_DEST */
	size_t iov_offset;	/* bytes already used of the current segment */
	size_t count;		/* bytes left in all segments */
	union {
		const struct iovec *iov;
		const struct kvec *kvec;
	};
	unsigned long nr_segs;	/* segments left, the current one included */
};

static inline size_t iov_iter_count(const struct iov_iter *i)
{
	return i->count;
}

static inline bool user_backed_iter(const struct iov_iter *i)
{
	return i->iter_type == ITER_IOVEC;
}

void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count);
void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count);
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i);
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i);
size_t iov_iter_zero(size_t bytes, struct iov_iter *i);
void iov_iter_truncate(struct iov_iter *i, size_t count);
ssize_t iov_iter_get_pages2(struct iov_iter *i, struct page **pages, size_t maxsize,
			    unsigned int maxpages, size_t *start);
ssize_t import_iovec(unsigned int direction, const struct iovec __user *uvec,
		     unsigned int nr_segs, struct iovec *fast_iov, unsigned int fast_segs,
		     struct iovec **iovp, struct iov_iter *i);

#endif /* _LINUX_UIO_H */
