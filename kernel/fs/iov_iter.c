// SPDX-License-Identifier: GPL-2.0
/*
 * iov_iter.c - copying to and from the buffers an iov_iter describes.
 * Mirrors lib/iov_iter.c (ITER_IOVEC and ITER_KVEC only) and the
 * import_iovec() of readv/writev.
 *
 * The iterator walks its segments in order; a copy moves as much as it
 * can and returns how much that was. For user memory a fault stops the copy
 * early (copy_to_user() reports the bytes it could not copy), so callers
 * turn a short copy into -EFAULT when nothing moved at all.
 */
#include <linux/uio.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/mm.h>

/* iov_iter_init - iterate over @nr_segs user buffers holding @count bytes. */
void iov_iter_init(struct iov_iter *i, unsigned int direction, const struct iovec *iov,
		   unsigned long nr_segs, size_t count)
{
	*i = (struct iov_iter) {
		.iter_type = ITER_IOVEC,
		.data_source = direction,
		.iov = iov,
		.nr_segs = nr_segs,
		.count = count,
	};
}

/* iov_iter_kvec - iterate over @nr_segs kernel buffers holding @count bytes. */
void iov_iter_kvec(struct iov_iter *i, unsigned int direction, const struct kvec *kvec,
		   unsigned long nr_segs, size_t count)
{
	*i = (struct iov_iter) {
		.iter_type = ITER_KVEC,
		.data_source = direction,
		.kvec = kvec,
		.nr_segs = nr_segs,
		.count = count,
	};
}

/* The current segment: its base (user or kernel) and bytes left in it. */
static void *seg_base(const struct iov_iter *i, size_t *left)
{
	const struct iovec *seg = i->iter_type == ITER_IOVEC ? i->iov :
				  (const struct iovec *)i->kvec;

	*left = min(seg->iov_len - i->iov_offset, i->count);
	return (char *)seg->iov_base + i->iov_offset;
}

/* advance - @n bytes of the current segment are used. */
static void advance(struct iov_iter *i, size_t n)
{
	size_t len = i->iter_type == ITER_IOVEC ? i->iov->iov_len : i->kvec->iov_len;

	i->count -= n;
	i->iov_offset += n;
	if (i->iov_offset == len) {
		i->iov_offset = 0;
		i->nr_segs--;
		if (i->iter_type == ITER_IOVEC)
			i->iov++;
		else
			i->kvec++;
	}
}

/*
 * iterate - move up to @bytes between kernel memory @addr and the
 * iterator, segment by segment, with @step for each piece: it returns the
 * bytes it could not move (user faults), which ends the walk.
 */
static size_t iterate(struct iov_iter *i, void *addr, size_t bytes,
		      size_t (*step)(struct iov_iter *i, void *seg, void *addr, size_t n))
{
	size_t done = 0;

	bytes = min(bytes, i->count);
	while (done < bytes) {
		size_t left, n, missed;
		void *seg = seg_base(i, &left);

		n = min(left, bytes - done);
		missed = n ? step(i, seg, addr ? (char *)addr + done : NULL, n) : 0;
		advance(i, n - missed);
		done += n - missed;
		if (missed)
			break;
	}
	return done;
}

static size_t step_to(struct iov_iter *i, void *seg, void *addr, size_t n)
{
	if (user_backed_iter(i))
		return copy_to_user((void __user *)seg, addr, n);
	memcpy(seg, addr, n);
	return 0;
}

static size_t step_from(struct iov_iter *i, void *seg, void *addr, size_t n)
{
	if (user_backed_iter(i))
		return copy_from_user(addr, (const void __user *)seg, n);
	memcpy(addr, seg, n);
	return 0;
}

static size_t step_zero(struct iov_iter *i, void *seg, void *addr, size_t n)
{
	if (user_backed_iter(i))
		return clear_user((void __user *)seg, n);
	memset(seg, 0, n);
	return 0;
}

/* copy_to_iter - copy @bytes from @addr into the iterator; bytes copied. */
size_t copy_to_iter(const void *addr, size_t bytes, struct iov_iter *i)
{
	return iterate(i, (void *)addr, bytes, step_to);
}

/* copy_from_iter - copy @bytes from the iterator to @addr; bytes copied. */
size_t copy_from_iter(void *addr, size_t bytes, struct iov_iter *i)
{
	return iterate(i, addr, bytes, step_from);
}

/* iov_iter_zero - fill @bytes of the iterator with zeros (a hole). */
size_t iov_iter_zero(size_t bytes, struct iov_iter *i)
{
	return iterate(i, NULL, bytes, step_zero);
}

/* iov_iter_truncate - use at most @count more bytes. */
void iov_iter_truncate(struct iov_iter *i, size_t count)
{
	if (i->count > count)
		i->count = count;
}

/**
 * iov_iter_get_pages2 - references to the user pages under the next bytes
 * @i: an iterator over user memory
 * @pages: where the pages go
 * @maxsize: at most this many bytes
 * @maxpages: at most this many pages
 * @start: the offset of the first byte in the first page
 *
 * Takes the pages of the current segment (get_user_pages_fast(), with
 * FOLL_WRITE if data is to go into them) and moves the iterator past the
 * bytes they hold. Returns those bytes, 0 if there are none, or an error
 * if no page could be had (-EFAULT for kernel memory: Pagoda's callers
 * never pass it).
 */
ssize_t iov_iter_get_pages2(struct iov_iter *i, struct page **pages, size_t maxsize,
			    unsigned int maxpages, size_t *start)
{
	unsigned long addr;
	size_t left;
	int n;

	if (!user_backed_iter(i))
		return -EFAULT;
	maxsize = min(maxsize, i->count);
	if (!maxsize)
		return 0;
	for (addr = (unsigned long)seg_base(i, &left); !left; addr = (unsigned long)seg_base(i, &left))
		advance(i, 0);	/* an empty segment */
	maxsize = min(maxsize, left);
	*start = addr % PAGE_SIZE;
	n = min_t(unsigned int, DIV_ROUND_UP(maxsize + *start, PAGE_SIZE), maxpages);
	n = get_user_pages_fast(addr - *start, n, i->data_source ? 0 : FOLL_WRITE, pages);
	if (n <= 0)
		return n ? n : -EFAULT;
	maxsize = min_t(size_t, maxsize, n * PAGE_SIZE - *start);
	advance(i, maxsize);
	return maxsize;
}

/**
 * import_iovec - copy readv/writev's iovec array in and set up @i over it
 * @fast_iov: room for @fast_segs entries; a larger array is kmalloc()ed
 *            and returned in *@iovp (kfree() it; else *@iovp is NULL)
 *
 * Returns the total length (clamped to MAX_RW_COUNT, as Linux does), or
 * -EINVAL (more than UIO_MAXIOV entries, a negative length), -EFAULT,
 * -ENOMEM.
 */
ssize_t import_iovec(unsigned int direction, const struct iovec __user *uvec,
		     unsigned int nr_segs, struct iovec *fast_iov, unsigned int fast_segs,
		     struct iovec **iovp, struct iov_iter *i)
{
	struct iovec *iov = fast_iov;
	size_t total = 0;

	*iovp = NULL;
	if (nr_segs > UIO_MAXIOV)
		return -EINVAL;
	if (nr_segs > fast_segs) {
		iov = kmalloc(nr_segs * sizeof(*iov), GFP_KERNEL);
		if (!iov)
			return -ENOMEM;
		*iovp = iov;
	}
	if (copy_from_user(iov, uvec, nr_segs * sizeof(*iov)))
		goto fault;
	for (unsigned int seg = 0; seg < nr_segs; seg++) {
		size_t len = iov[seg].iov_len;

		if ((ssize_t)len < 0)
			goto inval;
		if (len && !access_ok(iov[seg].iov_base, len))
			goto fault;
		if (len > MAX_RW_COUNT - total)
			iov[seg].iov_len = len = MAX_RW_COUNT - total;
		total += len;
	}
	iov_iter_init(i, direction, iov, nr_segs, total);
	return total;
fault:
	kfree(*iovp);
	*iovp = NULL;
	return -EFAULT;
inval:
	kfree(*iovp);
	*iovp = NULL;
	return -EINVAL;
}
