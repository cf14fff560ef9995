// SPDX-License-Identifier: GPL-2.0
/*
 * msync.c - the msync system call: write a file mapping back to its file.
 * Mirrors mm/msync.c.
 *
 * There is nothing to write: a private mapping is never written back, and
 * a shared mapping's stores are in the page cache of a RAM file, which
 * has no backing store (Linux's ramfs and tmpfs fsync does nothing
 * either). msync checks its arguments and the range as Linux does and
 * succeeds. Errors: -EINVAL for unknown
 * flags, MS_ASYNC together with MS_SYNC or an unaligned start; -EBUSY for
 * MS_INVALIDATE of mlocked memory; -ENOMEM if the range has unmapped
 * holes (the mapped parts are still "synced").
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <uapi/linux/mman.h>

SYSCALL_DEFINE3(msync, unsigned long, start, size_t, len, int, flags)
{
	struct mm_struct *mm = current->mm;
	int unmapped_error = 0, error = 0;
	unsigned long end;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;

	mmap_read_lock(mm);
	while (start < end) {
		struct vm_area_struct *vma = find_vma(mm, start);

		if (!vma) {
			error = -ENOMEM;
			break;
		}
		if (start < vma->vm_start) {	/* a hole: note it, go on */
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED)) {
			error = -EBUSY;
			break;
		}
		start = vma->vm_end;
	}
	mmap_read_unlock(mm);
	return error ? error : unmapped_error;
}
