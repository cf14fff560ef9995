// SPDX-License-Identifier: GPL-2.0
/*
 * mlock.c - memory locking: mlock(), mlock2(), munlock(), mlockall(),
 * munlockall(), and the mlocked state of folios. Mirrors mm/mlock.c.
 *
 * A VMA is locked by VM_LOCKED (VM_LOCKONFAULT too: lock only what gets
 * faulted in, instead of populating the whole range now). Changing the
 * flags of part of a VMA splits it, or merges it into a neighbour
 * (vma_modify_flags() in mm/vma.c), exactly as mprotect() does; smaps
 * shows the flags as "lo" and "lf", status counts mm->locked_vm as VmLck.
 *
 * A folio mapped by a VM_LOCKED VMA is PG_mlocked (counted in NR_MLOCK,
 * meminfo's Mlocked) and sits on LRU_UNEVICTABLE, its mlock_count saying
 * how many locked mappings hold it there (at least; munlock_folio() lets
 * the last one move it back). The mlocks come from:
 *
 *   mlock_fixup() -> mlock_vma_pages_range()  folios mapped already
 *   fault in a locked VMA -> mlock_new_folio() (folio_add_lru_vma())
 *   rmap: a PTE maps / unmaps it -> mlock_vma_folio() / munlock_vma_folio()
 *
 * Limits: RLIMIT_MEMLOCK, unless the task has CAP_IPC_LOCK (every Pagoda
 * task does: linux/capability.h). Linux batches the LRU moves per CPU
 * (mlock_fbatch); Pagoda moves each folio at once (docs/linux-6.12.md).
 */
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/capability.h>
#include <linux/sched.h>
#include <linux/swap.h>
#include <linux/syscalls.h>
#include <linux/vmstat.h>
#include <uapi/linux/mman.h>
#include "internal.h"

/**
 * can_do_mlock - may current lock memory at all?
 *
 * Yes with a non-zero RLIMIT_MEMLOCK or CAP_IPC_LOCK.
 */
bool can_do_mlock(void)
{
	if (rlimit(RLIMIT_MEMLOCK) != 0)
		return true;
	if (capable(CAP_IPC_LOCK))
		return true;
	return false;
}

/*
 * __mlock_folio - move an mlocked @folio, on the LRU, to LRU_UNEVICTABLE,
 * or count one more mlock of a folio already there.
 */
static void __mlock_folio(struct folio *folio, struct lruvec *lruvec)
{
	if (folio_evictable(folio)) {
		/* PG_mlocked was cleared meanwhile: put it where it belongs. */
		if (folio_test_unevictable(folio)) {
			lruvec_del_folio(lruvec, folio);
			folio_clear_unevictable(folio);
			lruvec_add_folio(lruvec, folio);
			count_vm_events(UNEVICTABLE_PGRESCUED, folio_nr_pages(folio));
		}
		return;
	}
	if (folio_test_unevictable(folio)) {
		if (folio_test_mlocked(folio))
			folio->mlock_count++;
		return;
	}
	lruvec_del_folio(lruvec, folio);
	folio_clear_active(folio);
	folio_set_unevictable(folio);
	folio->mlock_count = !!folio_test_mlocked(folio);
	lruvec_add_folio(lruvec, folio);
	count_vm_events(UNEVICTABLE_PGCULLED, folio_nr_pages(folio));
}

/**
 * mlock_folio - mlock a folio already on (or isolated from) the LRU
 * @folio: a folio a VM_LOCKED VMA maps
 *
 * An isolated folio only gets PG_mlocked: folio_putback_lru() will find
 * it unevictable.
 */
void mlock_folio(struct folio *folio)
{
	unsigned long flags;
	struct lruvec *lruvec;

	if (!folio_test_set_mlocked(folio)) {
		mod_zone_page_state(folio_zone(folio), NR_MLOCK, folio_nr_pages(folio));
		count_vm_events(UNEVICTABLE_PGMLOCKED, folio_nr_pages(folio));
	}
	lruvec = folio_lruvec_lock_irqsave(folio, &flags);
	if (folio_test_clear_lru(folio)) {
		__mlock_folio(folio, lruvec);
		folio_set_lru(folio);
	}
	unlock_page_lruvec_irqrestore(lruvec, flags);
}

/**
 * mlock_new_folio - mlock a new folio and add it to the LRU
 * @folio: a folio just faulted into a VM_LOCKED VMA, on no list
 */
void mlock_new_folio(struct folio *folio)
{
	unsigned long flags;
	struct lruvec *lruvec;
	int nr_pages = folio_nr_pages(folio);

	folio_set_mlocked(folio);
	mod_zone_page_state(folio_zone(folio), NR_MLOCK, nr_pages);
	count_vm_events(UNEVICTABLE_PGMLOCKED, nr_pages);

	lruvec = folio_lruvec_lock_irqsave(folio, &flags);
	if (!folio_evictable(folio)) {
		folio_set_unevictable(folio);
		folio->mlock_count = !!folio_test_mlocked(folio);
		count_vm_events(UNEVICTABLE_PGCULLED, nr_pages);
	}
	lruvec_add_folio(lruvec, folio);
	folio_set_lru(folio);
	unlock_page_lruvec_irqrestore(lruvec, flags);
}

/**
 * munlock_folio - one VM_LOCKED mapping of @folio is gone
 * @folio: the folio
 *
 * The last one (mlock_count down to 0) clears PG_mlocked and moves the
 * folio back to an evictable list if nothing else keeps it unevictable.
 * A folio off the LRU loses PG_mlocked at once ("stranded" if it was
 * unevictable: putting it back will sort it out).
 */
void munlock_folio(struct folio *folio)
{
	unsigned long flags;
	struct lruvec *lruvec = folio_lruvec_lock_irqsave(folio, &flags);
	int nr_pages = folio_nr_pages(folio);
	bool isolated = folio_test_clear_lru(folio);

	if (isolated && folio_test_unevictable(folio)) {
		if (folio->mlock_count)
			folio->mlock_count--;
		if (folio->mlock_count)
			goto out;
	}
	if (folio_test_clear_mlocked(folio)) {
		mod_zone_page_state(folio_zone(folio), NR_MLOCK, -nr_pages);
		if (isolated || !folio_test_unevictable(folio))
			count_vm_events(UNEVICTABLE_PGMUNLOCKED, nr_pages);
		else
			count_vm_events(UNEVICTABLE_PGSTRANDED, nr_pages);
	}
	/* folio_evictable() has to be checked after clearing PG_mlocked. */
	if (isolated && folio_test_unevictable(folio) && folio_evictable(folio)) {
		lruvec_del_folio(lruvec, folio);
		folio_clear_unevictable(folio);
		lruvec_add_folio(lruvec, folio);
		count_vm_events(UNEVICTABLE_PGRESCUED, nr_pages);
	}
out:
	if (isolated)
		folio_set_lru(folio);
	unlock_page_lruvec_irqrestore(lruvec, flags);
}

/*
 * mlock_pte_range - mlock (VM_LOCKED) or munlock every folio mapped in
 * [addr, end) of @vma, one page table's worth at most (Linux's page walk
 * callback).
 */
static void mlock_pte_range(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr,
			    unsigned long end)
{
	spinlock_t *ptl;
	pte_t *start_pte = pte_offset_map_lock(vma->vm_mm, pmd, addr, &ptl), *pte = start_pte;

	for (; addr != end; pte++, addr += PAGE_SIZE) {
		struct page *page;

		if (!pte_present(*pte))
			continue;
		page = vm_normal_page(vma, addr, *pte);
		if (!page)
			continue;
		if (vma->vm_flags & VM_LOCKED)
			mlock_folio(page_folio(page));
		else
			munlock_folio(page_folio(page));
	}
	pte_unmap_unlock(start_pte, ptl);
}

/*
 * mlock_vma_pages_range - give [start, end) of @vma @newflags, then mlock
 * or munlock the folios mapped there. Folios faulted in later are
 * mlock_new_folio()'s. (Linux sets VM_IO for the walk to keep reclaim
 * from counting an mlock twice; with mmap_lock held for writing nothing
 * else walks Pagoda's VMAs meanwhile.)
 */
static void mlock_vma_pages_range(struct vm_area_struct *vma, unsigned long start,
				  unsigned long end, unsigned long newflags)
{
	unsigned long addr, next;

	vma->vm_flags = newflags;
	for (addr = start; addr < end; addr = next) {
		pmd_t *pmd = mm_find_pmd(vma->vm_mm, addr);

		next = min(pmd_addr_end(addr, end), end);
		if (pmd)
			mlock_pte_range(vma, pmd, addr, next);
	}
}

/*
 * mlock_fixup - give [start, end) of @vma the lock flags @newflags,
 * splitting or merging the VMA, and count the change in mm->locked_vm.
 * Special VMAs are left as they are (no error). *@prev becomes the VMA
 * that covers the range.
 */
static int mlock_fixup(struct vma_iterator *vmi, struct vm_area_struct *vma,
		       struct vm_area_struct **prev, unsigned long start, unsigned long end,
		       unsigned long newflags)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long oldflags = vma->vm_flags;
	long nr_pages;

	if (newflags == oldflags || (oldflags & VM_SPECIAL))
		goto out;	/* don't set VM_LOCKED or VM_LOCKONFAULT and don't count */

	vma = vma_modify_flags(vmi, *prev, vma, start, end, newflags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);

	nr_pages = (end - start) >> PAGE_SHIFT;
	if (!(newflags & VM_LOCKED))
		nr_pages = -nr_pages;
	else if (oldflags & VM_LOCKED)
		nr_pages = 0;
	mm->locked_vm += nr_pages;

	if ((newflags & VM_LOCKED) && (oldflags & VM_LOCKED))
		vma->vm_flags = newflags;	/* no work, and mlocking twice would be wrong */
	else
		mlock_vma_pages_range(vma, start, end, newflags);
out:
	*prev = vma;
	return 0;
}

/*
 * apply_vma_lock_flags - set the lock flags of every VMA in [start,
 * start + len) to @flags (0 unlocks). -ENOMEM if part of the range is not
 * mapped (what comes before the hole has been changed), -EINVAL if it wraps.
 */
static int apply_vma_lock_flags(unsigned long start, size_t len, unsigned long flags)
{
	unsigned long nstart, end, tmp;
	struct vm_area_struct *vma, *prev;
	VMA_ITERATOR(vmi, current->mm, start);

	end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	vma = vma_iter_load(&vmi);
	if (!vma)
		return -ENOMEM;

	prev = vma_prev(&vmi);
	if (start > vma->vm_start)
		prev = vma;

	nstart = start;
	tmp = vma->vm_start;
	for_each_vma_range(vmi, vma, end) {
		unsigned long newflags;
		int error;

		if (vma->vm_start != tmp)
			return -ENOMEM;
		newflags = (vma->vm_flags & ~VM_LOCKED_MASK) | flags;
		/* Here we know that vma->vm_start <= nstart < vma->vm_end. */
		tmp = min(vma->vm_end, end);
		error = mlock_fixup(&vmi, vma, &prev, nstart, tmp, newflags);
		if (error)
			return error;
		tmp = vma_iter_end(&vmi);
		nstart = tmp;
	}
	if (tmp < end)
		return -ENOMEM;
	return 0;
}

/*
 * count_mm_mlocked_page_nr - how many pages of [start, start + len) are
 * locked already (they do not count twice against RLIMIT_MEMLOCK).
 */
static unsigned long count_mm_mlocked_page_nr(struct mm_struct *mm, unsigned long start,
					      size_t len)
{
	unsigned long count = 0, end = start + len;
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, start);

	for_each_vma_range(vmi, vma, end) {
		if (vma->vm_flags & VM_LOCKED)
			count += (min(end, vma->vm_end) - max(start, vma->vm_start)) >> PAGE_SHIFT;
	}
	return count;
}

/*
 * __mlock_posix_error_return - POSIX's errors for a failed population:
 * EAGAIN where memory ran out, ENOMEM for an address that cannot be
 * faulted in (PROT_NONE, beyond the end of a file).
 */
static int __mlock_posix_error_return(long retval)
{
	if (retval == -EFAULT)
		retval = -ENOMEM;
	else if (retval == -ENOMEM)
		retval = -EAGAIN;
	return retval;
}

/*
 * do_mlock - lock [start, start + len) with @flags (VM_LOCKED, maybe
 * VM_LOCKONFAULT) and fault it in unless VM_LOCKONFAULT.
 */
static int do_mlock(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long locked, lock_limit;
	int error = -ENOMEM;

	if (!can_do_mlock())
		return -EPERM;
	len = PAGE_ALIGN(len + offset_in_page(start));
	start &= PAGE_MASK;

	lock_limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	locked = len >> PAGE_SHIFT;

	mmap_write_lock(mm);
	locked += mm->locked_vm;
	if (locked > lock_limit && !capable(CAP_IPC_LOCK))
		locked -= count_mm_mlocked_page_nr(mm, start, len);
	if (locked <= lock_limit || capable(CAP_IPC_LOCK))
		error = apply_vma_lock_flags(start, len, flags);
	mmap_write_unlock(mm);
	if (error)
		return error;

	error = __mm_populate(start, len, 0);
	if (error)
		return __mlock_posix_error_return(error);
	return 0;
}

SYSCALL_DEFINE2(mlock, unsigned long, start, size_t, len)
{
	return do_mlock(start, len, VM_LOCKED);
}

SYSCALL_DEFINE3(mlock2, unsigned long, start, size_t, len, int, flags)
{
	unsigned long vm_flags = VM_LOCKED;

	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	if (flags & MLOCK_ONFAULT)
		vm_flags |= VM_LOCKONFAULT;
	return do_mlock(start, len, vm_flags);
}

SYSCALL_DEFINE2(munlock, unsigned long, start, size_t, len)
{
	int ret;

	len = PAGE_ALIGN(len + offset_in_page(start));
	start &= PAGE_MASK;
	mmap_write_lock(current->mm);
	ret = apply_vma_lock_flags(start, len, 0);
	mmap_write_unlock(current->mm);
	return ret;
}

/*
 * apply_mlockall_flags - MCL_FUTURE: new VMAs will be locked (def_flags);
 * MCL_CURRENT: lock every VMA now; 0 unlocks everything. Errors of single
 * VMAs are ignored, as in Linux.
 */
static int apply_mlockall_flags(int flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma, *prev = NULL;
	unsigned long to_add = 0;
	VMA_ITERATOR(vmi, mm, 0);

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			mm->def_flags |= VM_LOCKONFAULT;
		if (!(flags & MCL_CURRENT))
			return 0;
	}
	if (flags & MCL_CURRENT) {
		to_add |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			to_add |= VM_LOCKONFAULT;
	}
	for_each_vma(vmi, vma) {
		unsigned long newflags = (vma->vm_flags & ~VM_LOCKED_MASK) | to_add;

		if (mlock_fixup(&vmi, vma, &prev, vma->vm_start, vma->vm_end, newflags))
			prev = vma;	/* ignore errors, but prev needs fixing up */
	}
	return 0;
}

SYSCALL_DEFINE1(mlockall, int, flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long lock_limit;
	int ret;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	lock_limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;

	mmap_write_lock(mm);
	ret = -ENOMEM;
	if (!(flags & MCL_CURRENT) || mm->total_vm <= lock_limit || capable(CAP_IPC_LOCK))
		ret = apply_mlockall_flags(flags);
	mmap_write_unlock(mm);
	if (!ret && (flags & MCL_CURRENT))
		mm_populate(0, TASK_SIZE);
	return ret;
}

SYSCALL_DEFINE0(munlockall)
{
	int ret;

	mmap_write_lock(current->mm);
	ret = apply_mlockall_flags(0);
	mmap_write_unlock(current->mm);
	return ret;
}
