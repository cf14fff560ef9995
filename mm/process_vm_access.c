// SPDX-License-Identifier: GPL-2.0
/*
 * process_vm_access.c - process_vm_readv() and process_vm_writev(): copy
 * between the caller's buffers (a local iovec array) and another
 * process's memory (a remote one) in one system call, without ptrace
 * stops. Mirrors mm/process_vm_access.c.
 *
 * The remote pages are pinned a batch at a time with
 * pin_user_pages_remote() (FOLL_WRITE for a write: copy-on-write is
 * broken first, so the other process sees the data in its own page), then
 * copied with mmap_lock dropped and unpinned. Unlike /proc/PID/mem there
 * is no FOLL_FORCE: the remote VMAs' protections apply. The copy stops at
 * the first remote page that cannot be had; the result is the bytes moved
 * or, if none, the error. The caller needs ptrace access to the other
 * process (mm_access(): the same user, or CAP_SYS_PTRACE), else -EPERM.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/ptrace.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uio.h>

/* Pages pinned at once: Linux sizes the batch to a page of pointers. */
#define PVM_MAX_PP_ARRAY_COUNT	16

/*
 * process_vm_rw_pages - copy @len bytes from @offset in the first of
 * @pages to or from @iter. 0, or -EFAULT if a local buffer faulted.
 */
static int process_vm_rw_pages(struct page **pages, unsigned long offset, size_t len,
			       struct iov_iter *iter, int vm_write)
{
	while (len && iov_iter_count(iter)) {
		size_t copy = min_t(size_t, PAGE_SIZE - offset, len), copied;
		void *kaddr = page_address(*pages++) + offset;

		if (vm_write)
			copied = copy_from_iter(kaddr, copy, iter);
		else
			copied = copy_to_iter(kaddr, copy, iter);
		len -= copied;
		if (copied < copy && iov_iter_count(iter))
			return -EFAULT;
		offset = 0;
	}
	return 0;
}

/*
 * process_vm_rw_single_vec - one remote buffer [@addr, @addr + @len):
 * pin a batch of its pages, copy, unpin, until @iter or the buffer is
 * done. 0 or -EFAULT.
 */
static int process_vm_rw_single_vec(unsigned long addr, unsigned long len,
				    struct iov_iter *iter, struct mm_struct *mm, int vm_write)
{
	unsigned long pa = addr & PAGE_MASK;
	unsigned long start_offset = addr - pa;
	unsigned long nr_pages;
	unsigned int flags = vm_write ? FOLL_WRITE : 0;
	struct page *pages[PVM_MAX_PP_ARRAY_COUNT];
	int rc = 0;

	if (len == 0)
		return 0;
	nr_pages = (addr + len - 1) / PAGE_SIZE - addr / PAGE_SIZE + 1;
	while (!rc && nr_pages && iov_iter_count(iter)) {
		long pinned = min_t(unsigned long, nr_pages, PVM_MAX_PP_ARRAY_COUNT);
		size_t bytes;

		mmap_read_lock(mm);
		pinned = pin_user_pages_remote(mm, pa, pinned, flags, pages);
		mmap_read_unlock(mm);
		if (pinned <= 0)
			return -EFAULT;
		bytes = min_t(size_t, pinned * PAGE_SIZE - start_offset, len);
		rc = process_vm_rw_pages(pages, start_offset, bytes, iter, vm_write);
		len -= bytes;
		start_offset = 0;
		nr_pages -= pinned;
		pa += pinned * PAGE_SIZE;
		for (long i = 0; vm_write && i < pinned; i++)
			folio_set_dirty(page_folio(pages[i]));
		unpin_user_pages(pages, pinned);
	}
	return rc;
}

/*
 * process_vm_rw_core - the remote side: find the process and its mm, then
 * each remote buffer in turn. The bytes moved, or an error if none.
 */
static ssize_t process_vm_rw_core(pid_t pid, struct iov_iter *iter, const struct iovec *rvec,
				  unsigned long riovcnt, int vm_write)
{
	ssize_t total_len = iov_iter_count(iter), rc = 0;
	struct task_struct *task;
	struct mm_struct *mm;
	bool any = false;

	for (unsigned long i = 0; i < riovcnt; i++)
		any |= rvec[i].iov_len > 0;
	if (!any)
		return 0;
	task = find_task_by_pid(pid);
	if (!task)
		return -ESRCH;
	mm = mm_access(task, PTRACE_MODE_ATTACH_REALCREDS);
	if (IS_ERR_OR_NULL(mm))		/* EACCES becomes EPERM here, as Linux */
		return !mm ? -ESRCH : PTR_ERR(mm) == -EACCES ? -EPERM : PTR_ERR(mm);
	for (unsigned long i = 0; i < riovcnt && iov_iter_count(iter) && !rc; i++)
		rc = process_vm_rw_single_vec((unsigned long)rvec[i].iov_base, rvec[i].iov_len,
					      iter, mm, vm_write);
	total_len -= iov_iter_count(iter);
	if (total_len)
		rc = total_len;
	mmput(mm);
	return rc;
}

/*
 * process_vm_rw - both system calls: @flags must be 0; the local iovec
 * array is checked first (nothing to move: 0), then the remote one.
 */
static ssize_t process_vm_rw(pid_t pid, const struct iovec __user *lvec, unsigned long liovcnt,
			     const struct iovec __user *rvec, unsigned long riovcnt,
			     unsigned long flags, int vm_write)
{
	struct iovec iovstack_l[UIO_FASTIOV], iovstack_r[UIO_FASTIOV];
	struct iovec *iov_l, *iov_r = NULL;
	struct iov_iter iter, riter;
	ssize_t rc;

	if (flags != 0)
		return -EINVAL;
	rc = import_iovec(vm_write ? ITER_SOURCE : ITER_DEST, lvec, liovcnt, iovstack_l,
			  UIO_FASTIOV, &iov_l, &iter);
	if (rc <= 0)
		goto free_iov_l;
	/* The remote array, checked the same way; only its entries are used. */
	rc = import_iovec(ITER_DEST, rvec, riovcnt, iovstack_r, UIO_FASTIOV, &iov_r, &riter);
	if (rc < 0)
		goto free_iov_l;
	rc = process_vm_rw_core(pid, &iter, iov_r ? iov_r : iovstack_r, riovcnt, vm_write);
	kfree(iov_r);
free_iov_l:
	kfree(iov_l);
	return rc;
}

SYSCALL_DEFINE6(process_vm_readv, pid_t, pid, const struct iovec __user *, lvec,
		unsigned long, liovcnt, const struct iovec __user *, rvec,
		unsigned long, riovcnt, unsigned long, flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, 0);
}

SYSCALL_DEFINE6(process_vm_writev, pid_t, pid, const struct iovec __user *, lvec,
		unsigned long, liovcnt, const struct iovec __user *, rvec,
		unsigned long, riovcnt, unsigned long, flags)
{
	return process_vm_rw(pid, lvec, liovcnt, rvec, riovcnt, flags, 1);
}
