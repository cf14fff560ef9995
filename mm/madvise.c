// SPDX-License-Identifier: GPL-2.0
/*
 * madvise.c - the madvise system call: advice about how a range will be
 * used. Mirrors mm/madvise.c.
 *
 * Two kinds of advice:
 *   - acting on the pages now: MADV_DONTNEED (and DONTNEED_LOCKED, which
 *     may also zap locked memory) zaps them (the next access faults in zero
 *     pages); MADV_FREE lets the kernel drop them lazily -- Pagoda has no
 *     reclaim to do that, so it keeps the data, which is allowed (the
 *     contents are "either kept or zero"); MADV_WILLNEED would start
 *     read-ahead, which Pagoda does not need; MADV_COLD and MADV_PAGEOUT
 *     would move the pages to the inactive LRU or reclaim them -- Pagoda has
 *     neither, so they are accepted and change nothing;
 *     MADV_POPULATE_READ/WRITE fault the range in (mm/gup.c).
 *   - changing VMA flags: NORMAL/RANDOM/SEQUENTIAL (VM_RAND_READ,
 *     VM_SEQ_READ), DONTFORK/DOFORK (VM_DONTCOPY), WIPEONFORK/KEEPONFORK
 *     (VM_WIPEONFORK), MERGEABLE/UNMERGEABLE (VM_MERGEABLE: ksm_madvise()
 *     registers the mm with ksmd, or unmerges the range's KSM pages first),
 *     HUGEPAGE/NOHUGEPAGE. The range gets its own VMA, split out or merged
 *     into a neighbour exactly as for mprotect (vma_modify_flags).
 * A range with unmapped holes is advised where it is mapped, and the call
 * then fails with -ENOMEM, as in Linux.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/hugetlb.h>
#include <linux/ksm.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <uapi/linux/mman.h>
#include "internal.h"

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL:
	case MADV_RANDOM:
	case MADV_SEQUENTIAL:
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_FREE:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_DONTFORK:
	case MADV_DOFORK:
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
	case MADV_MERGEABLE:
	case MADV_UNMERGEABLE:
	case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE:
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return true;
	default:
		return false;
	}
}

/* madvise_need_mmap_write - does the advice change VMAs (so needs mmap_lock for writing)? */
static bool madvise_need_mmap_write(int behavior)
{
	switch (behavior) {
	case MADV_WILLNEED:
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_FREE:
	case MADV_COLD:
	case MADV_PAGEOUT:
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return false;
	default:
		return true;
	}
}

/*
 * madvise_dontneed_free - MADV_DONTNEED(_LOCKED): zap [start, end);
 * MADV_FREE: accept, keep the data. Only DONTNEED_LOCKED may touch locked
 * memory. In a hugetlb VMA only DONTNEED(_LOCKED) from a huge page
 * boundary, zapping the whole huge pages in the range
 * (madvise_dontneed_free_valid_vma()).
 */
static int madvise_dontneed_free(struct vm_area_struct *vma, struct vm_area_struct **prev,
				 unsigned long start, unsigned long end, int behavior)
{
	*prev = vma;
	if (is_vm_hugetlb_page(vma)) {
		if (behavior == MADV_FREE || (start & ~huge_page_mask(hstate_vma(vma))))
			return -EINVAL;
		end = ALIGN_DOWN(end, huge_page_size(hstate_vma(vma)));
	} else if ((vma->vm_flags & VM_LOCKED) && behavior != MADV_DONTNEED_LOCKED) {
		return -EINVAL;
	}
	if (behavior == MADV_FREE)
		return vma_is_anonymous(vma) ? 0 : -EINVAL;
	zap_page_range(vma, start, end - start);
	return 0;
}

/*
 * madvise_vma_flags - the VMA flags @behavior asks for on @vma, or a
 * negative errno (VM_* flags never use the sign bit). MERGEABLE and
 * UNMERGEABLE are ksm_madvise()'s (madvise_update_vma()).
 */
static long madvise_vma_flags(struct vm_area_struct *vma, int behavior)
{
	unsigned long new_flags = vma->vm_flags;

	switch (behavior) {
	case MADV_NORMAL:
		return new_flags & ~(VM_RAND_READ | VM_SEQ_READ);
	case MADV_SEQUENTIAL:
		return (new_flags & ~VM_RAND_READ) | VM_SEQ_READ;
	case MADV_RANDOM:
		return (new_flags & ~VM_SEQ_READ) | VM_RAND_READ;
	case MADV_DONTFORK:
		return new_flags | VM_DONTCOPY;
	case MADV_DOFORK:
		return new_flags & ~VM_DONTCOPY;
	case MADV_WIPEONFORK:
		/* Only anonymous memory can be wiped. */
		if (vma->vm_file || (vma->vm_flags & VM_SHARED))
			return -EINVAL;
		return new_flags | VM_WIPEONFORK;
	case MADV_KEEPONFORK:
		return new_flags & ~VM_WIPEONFORK;
	case MADV_HUGEPAGE:
		return (new_flags & ~VM_NOHUGEPAGE) | VM_HUGEPAGE;
	case MADV_NOHUGEPAGE:
		return (new_flags & ~VM_HUGEPAGE) | VM_NOHUGEPAGE;
	}
	return new_flags;
}

/* madvise_update_vma - give [start, end) of @vma the flags @behavior asks for. */
static int madvise_update_vma(struct vm_area_struct *vma, struct vm_area_struct **prev,
			      unsigned long start, unsigned long end, int behavior)
{
	long new_flags = madvise_vma_flags(vma, behavior);
	VMA_ITERATOR(vmi, vma->vm_mm, start);

	if (new_flags < 0)
		return new_flags;
	if (behavior == MADV_MERGEABLE || behavior == MADV_UNMERGEABLE) {
		unsigned long flags = new_flags;
		int error = ksm_madvise(vma, start, end, behavior, &flags);

		if (error)
			return error;
		new_flags = flags;
	}
	if ((unsigned long)new_flags == vma->vm_flags) {
		*prev = vma;
		return 0;
	}

	vma = vma_modify_flags(&vmi, *prev, vma, start, end, new_flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	*prev = vma;
	vma->vm_flags = new_flags;
	return 0;
}

/* madvise_vma - apply @behavior to [start, end), which lies within @vma. */
static int madvise_vma(struct vm_area_struct *vma, struct vm_area_struct **prev,
		       unsigned long start, unsigned long end, int behavior)
{
	switch (behavior) {
	case MADV_WILLNEED:
		*prev = vma;
		return 0;
	case MADV_COLD:
	case MADV_PAGEOUT:
		/* can_madv_lru_vma(); then there is no LRU to move pages on */
		*prev = vma;
		return vma->vm_flags & VM_LOCKED ? -EINVAL : 0;
	case MADV_DONTNEED:
	case MADV_DONTNEED_LOCKED:
	case MADV_FREE:
		return madvise_dontneed_free(vma, prev, start, end, behavior);
	default:
		return madvise_update_vma(vma, prev, start, end, behavior);
	}
}

/*
 * madvise_populate - MADV_POPULATE_READ / MADV_POPULATE_WRITE: fault in
 * [start, end) readable or writable (breaking COW), as accesses would,
 * without touching the memory (faultin_page_range()). A hole is -ENOMEM,
 * a VMA without the permission -EINVAL, a fault that would SIGBUS or
 * SIGSEGV -EFAULT.
 */
static long madvise_populate(struct mm_struct *mm, unsigned long start, unsigned long end,
			     int behavior)
{
	const bool write = behavior == MADV_POPULATE_WRITE;
	long pages;

	while (start < end) {
		pages = faultin_page_range(mm, start, end, write);
		if (pages < 0)
			return pages == -EINVAL || pages == -EFAULT ? pages : -ENOMEM;
		start += pages * PAGE_SIZE;
	}
	return 0;
}

/*
 * madvise - advise on [start, start + len). -EINVAL for unknown advice, an
 * unaligned start or a negative length; -ENOMEM if part of the range is
 * unmapped (after advising the mapped parts); 0 for an empty range.
 */
SYSCALL_DEFINE3(madvise, unsigned long, start, size_t, len_in, int, behavior)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev;
	int unmapped_error = 0, error;
	unsigned long end, tmp;
	bool write;
	size_t len;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (offset_in_page(start))
		return -EINVAL;
	len = PAGE_ALIGN(len_in);
	if (len_in && !len)		/* rounded up from a small negative */
		return -EINVAL;
	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;

	write = madvise_need_mmap_write(behavior);
	if (write)
		mmap_write_lock(mm);
	else
		mmap_read_lock(mm);

	if (behavior == MADV_POPULATE_READ || behavior == MADV_POPULATE_WRITE) {
		error = madvise_populate(mm, start, end, behavior);
		mmap_read_unlock(mm);
		return error;
	}

	vma = find_vma_prev(mm, start, &prev);
	if (vma && start > vma->vm_start)
		prev = vma;

	for (;;) {
		/* Still start < end. */
		error = -ENOMEM;
		if (!vma)
			break;

		/* Skip a hole, remembering it. */
		if (start < vma->vm_start) {
			unmapped_error = -ENOMEM;
			start = vma->vm_start;
			if (start >= end)
				break;
		}

		/* Here vma->vm_start <= start < vma->vm_end. */
		tmp = min(vma->vm_end, end);
		error = madvise_vma(vma, &prev, start, tmp, behavior);
		if (error)
			break;
		start = tmp;
		if (prev && start < prev->vm_end)
			start = prev->vm_end;
		error = unmapped_error;
		if (start >= end)
			break;
		vma = find_vma(mm, prev ? prev->vm_end : start);
	}

	if (write)
		mmap_write_unlock(mm);
	else
		mmap_read_unlock(mm);
	return error;
}
