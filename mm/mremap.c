// SPDX-License-Identifier: GPL-2.0
/*
 * mremap.c - resizing and moving a mapping: the mremap system call.
 * Mirrors mm/mremap.c.
 *
 *   shrink            unmap the tail (do_munmap)
 *   grow in place     the VMA grows into the free space after it, and
 *                     merges with the next VMA if it then reaches one
 *                     that matches (vma_merge_extend)
 *   move (MAYMOVE,    a VMA for the new range (copy_vma), the page-table
 *   FIXED)            entries moved over to it (move_page_tables), then
 *                     the old range unmapped
 *   DONTUNMAP         the same move, but the old range stays mapped,
 *                     empty: its next accesses fault in new pages
 *
 * Moving moves PTEs, not pages: the same frames end up mapped at the new
 * address, once. The new VMA keeps the old vm_pgoff (copy_vma), so each
 * page's page->index, and with it vma_address(), stays right for rmap.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/hugetlb.h>
#include <linux/rmap.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/syscalls.h>
#include <uapi/linux/mman.h>
#include "internal.h"

/*
 * move_ptes - move the PTEs of [old_addr, old_end) (within one PTE table)
 * to the table of @new_pmd from @new_addr on. The old entries are cleared;
 * the TLB is flushed for the old range if any was present.
 */
static void move_ptes(struct vm_area_struct *vma, pmd_t *old_pmd, unsigned long old_addr,
		      unsigned long old_end, pmd_t *new_pmd, unsigned long new_addr)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long len = old_end - old_addr;
	bool force_flush = false;
	pte_t *old_pte, *new_pte, pte;

	spin_lock(&mm->page_table_lock);	/* both tables: Pagoda has one PTE lock per mm */
	old_pte = pte_offset_map(old_pmd, old_addr);
	new_pte = pte_offset_map(new_pmd, new_addr);
	for (; old_addr < old_end; old_pte++, old_addr += PAGE_SIZE, new_pte++) {
		if (pte_none(*old_pte))
			continue;
		pte = ptep_get_and_clear(mm, old_addr, old_pte);
		if (pte_present(pte))
			force_flush = true;
		set_pte(new_pte, pte);
	}
	spin_unlock(&mm->page_table_lock);
	if (force_flush)
		flush_tlb_mm_range(mm, old_end - len, old_end);
}

/*
 * take_rmap_locks - hold off the rmap walks (and truncation) that could
 * find @vma's pages: its file's i_mmap, then its anon_vma.
 */
static void take_rmap_locks(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		i_mmap_lock_write(file_mapping(vma->vm_file));
	if (vma->anon_vma)
		anon_vma_lock_write(vma->anon_vma);
}

static void drop_rmap_locks(struct vm_area_struct *vma)
{
	if (vma->anon_vma)
		anon_vma_unlock_write(vma->anon_vma);
	if (vma->vm_file)
		i_mmap_unlock_write(file_mapping(vma->vm_file));
}

/*
 * get_extent - how far from @old_addr one step can go: to the end of the
 * PTE table on either side, at most to @old_end.
 */
static unsigned long get_extent(unsigned long old_addr, unsigned long old_end,
				unsigned long new_addr)
{
	unsigned long extent = ((old_addr + PMD_SIZE) & PMD_MASK) - old_addr;

	if (extent > old_end - old_addr)
		extent = old_end - old_addr;
	if (extent > ((new_addr + PMD_SIZE) & PMD_MASK) - new_addr)
		extent = ((new_addr + PMD_SIZE) & PMD_MASK) - new_addr;
	return extent;
}

/**
 * move_page_tables - move the PTEs of @len bytes from @old_addr in @vma to @new_addr in @new_vma
 * @vma: the source VMA
 * @old_addr: source start
 * @new_vma: the destination VMA (same mm)
 * @new_addr: destination start
 * @len: length in bytes
 *
 * Page tables are allocated on the destination side as needed; emptied
 * source tables are left for do_munmap()'s free_pgtables(). The rmap locks
 * are held so that no rmap walk sees a page between its two addresses.
 * Returns how many bytes were moved (less than @len if a table could not
 * be allocated).
 */
unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
			       struct vm_area_struct *new_vma, unsigned long new_addr,
			       unsigned long len)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long extent, old_end = old_addr + len;
	pmd_t *old_pmd, *new_pmd;

	for (; old_addr < old_end; old_addr += extent, new_addr += extent) {
		extent = get_extent(old_addr, old_end, new_addr);
		old_pmd = mm_find_pmd(mm, old_addr);
		if (!old_pmd)
			continue;
		new_pmd = walk_to_pmd(mm, new_addr);
		if (!new_pmd)
			break;
		if (pte_alloc(mm, new_pmd))
			break;
		take_rmap_locks(vma);
		move_ptes(vma, old_pmd, old_addr, old_addr + extent, new_pmd, new_addr);
		drop_rmap_locks(vma);
	}
	return len + old_addr - old_end;	/* how much was done */
}

/*
 * dontunmap_complete - MREMAP_DONTUNMAP: the old range stays mapped with
 * its pages gone (moved to the new VMA); its next accesses fault in
 * fresh pages. If it is a whole VMA, it leaves its anon_vmas, and an
 * anonymous one starts over as never faulted (vm_pgoff from its address).
 */
static void dontunmap_complete(struct vm_area_struct *vma, unsigned long old_addr,
			       unsigned long old_len)
{
	if (vma->vm_start != old_addr || vma->vm_end != old_addr + old_len)
		return;
	unlink_anon_vmas(vma);
	if (vma_is_anonymous(vma))
		vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
}

/*
 * move_vma - move [old_addr, old_addr + old_len) of @vma to a new VMA at
 * [new_addr, new_addr + new_len), a free range. If the PTEs cannot all be
 * moved, they are moved back and the new range is unmapped instead.
 * Overcommit: a VM_ACCOUNT mapping is charged for its growth (for all of
 * @new_len with MREMAP_DONTUNMAP, which keeps the old range); the old
 * range's charge moves with it, so it is unmapped with VM_ACCOUNT hidden
 * and the flag restored on what is left of @vma. Returns @new_addr or a
 * negative errno.
 */
static unsigned long move_vma(struct vm_area_struct *vma, unsigned long old_addr,
			      unsigned long old_len, unsigned long new_len,
			      unsigned long new_addr, unsigned long flags)
{
	const bool dontunmap = flags & MREMAP_DONTUNMAP;
	long to_account = dontunmap ? new_len : new_len - old_len;
	struct mm_struct *mm = vma->vm_mm;
	unsigned long vm_flags = vma->vm_flags;
	struct vm_area_struct *new_vma, *prev;
	unsigned long new_pgoff, moved_len, hiwater_vm;
	bool account_start = false, account_end = false;
	unsigned long ret = new_addr;

	/* do_munmap() below may split a VMA into three: keep room for that. */
	if (mm->map_count >= sysctl_max_map_count - 3)
		return -ENOMEM;
	if ((vm_flags & VM_ACCOUNT) && security_vm_enough_memory_mm(mm, to_account >> PAGE_SHIFT))
		return -ENOMEM;

	new_pgoff = vma->vm_pgoff + ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	new_vma = copy_vma(&vma, new_addr, new_len, new_pgoff, dontunmap);
	if (!new_vma) {
		if (vm_flags & VM_ACCOUNT)
			vm_unacct_memory(to_account >> PAGE_SHIFT);
		return -ENOMEM;
	}

	moved_len = move_page_tables(vma, old_addr, new_vma, new_addr, old_len);
	if (moved_len < old_len) {
		/* Put back what moved, and unmap the new range instead of the old. */
		move_page_tables(new_vma, new_addr, vma, old_addr, moved_len);
		if ((vm_flags & VM_ACCOUNT) && !dontunmap)
			vm_unacct_memory(to_account >> PAGE_SHIFT);
		vma = new_vma;
		old_len = new_len;
		old_addr = new_addr;
		ret = -ENOMEM;
	}

	/* Hide VM_ACCOUNT: the old range's charge is the new VMA's now. */
	if ((vm_flags & VM_ACCOUNT) && !dontunmap) {
		vma->vm_flags &= ~VM_ACCOUNT;
		account_start = vma->vm_start < old_addr;
		account_end = vma->vm_end > old_addr + old_len;
	}

	/* total_vm counts both ranges for a moment: keep the high-water mark. */
	hiwater_vm = mm->hiwater_vm;
	vm_stat_account(mm, vma->vm_flags, new_len >> PAGE_SHIFT);
	if (vma->vm_flags & VM_LOCKED)	/* the unmap below uncounts the old range */
		mm->locked_vm += new_len >> PAGE_SHIFT;
	if (!IS_ERR_VALUE(ret) && dontunmap) {
		dontunmap_complete(vma, old_addr, old_len);
		return ret;
	}
	if (do_munmap(mm, old_addr, old_len) < 0) {
		/* Could not split the VMA: just keep the accounts right. */
		if ((vm_flags & VM_ACCOUNT) && !dontunmap)
			vm_acct_memory(old_len >> PAGE_SHIFT);
		account_start = account_end = false;
	}
	mm->hiwater_vm = hiwater_vm;

	/* Give VM_ACCOUNT back to the one or two pieces of @vma left. */
	vma = find_vma_prev(mm, old_addr, &prev);
	if (account_start)
		prev->vm_flags |= VM_ACCOUNT;
	if (account_end)
		vma->vm_flags |= VM_ACCOUNT;
	return ret;
}

/*
 * vma_to_resize - the VMA holding [addr, addr + old_len), checked for
 * growing to @new_len: -EFAULT if the range is not inside one VMA,
 * -EINVAL for a zero old_len of a private mapping or MREMAP_DONTUNMAP of
 * a VM_DONTEXPAND one, -ENOMEM beyond the address-space limits.
 */
static struct vm_area_struct *vma_to_resize(unsigned long addr, unsigned long old_len,
					    unsigned long new_len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	pgoff_t pgoff;

	if (!vma)
		return ERR_PTR(-EFAULT);
	/* old_len 0 duplicates a shared mapping; a private one cannot be. */
	if (!old_len && !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE)))
		return ERR_PTR(-EINVAL);
	if ((flags & MREMAP_DONTUNMAP) && (vma->vm_flags & VM_DONTEXPAND))
		return ERR_PTR(-EINVAL);
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (new_len == old_len)
		return vma;

	pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	if (pgoff + (new_len >> PAGE_SHIFT) < pgoff)
		return ERR_PTR(-EINVAL);
	if (vma->vm_flags & VM_DONTEXPAND)
		return ERR_PTR(-EFAULT);
	if (!may_expand_vm(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT))
		return ERR_PTR(-ENOMEM);
	return vma;
}

/*
 * mremap_to - MREMAP_FIXED: move to exactly @new_addr, replacing what is
 * there; MREMAP_DONTUNMAP: move (to @new_addr as a hint, without FIXED)
 * and leave the old range mapped but empty.
 */
static unsigned long mremap_to(unsigned long addr, unsigned long old_len,
			       unsigned long new_addr, unsigned long new_len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long ret;

	if (offset_in_page(new_addr))
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	/* The old and new ranges may not overlap. */
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;
	/* move_vma() needs room for two more splits. */
	if (mm->map_count + 2 >= sysctl_max_map_count - 3)
		return -ENOMEM;

	if (flags & MREMAP_FIXED) {
		ret = do_munmap(mm, new_addr, new_len);
		if (ret)
			return ret;
	}

	if (old_len > new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (ret)
			return ret;
		old_len = new_len;
	}

	vma = vma_to_resize(addr, old_len, new_len, flags);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	/* MREMAP_DONTUNMAP keeps the old range: the address space grows by old_len. */
	if ((flags & MREMAP_DONTUNMAP) && !may_expand_vm(mm, vma->vm_flags, old_len >> PAGE_SHIFT))
		return -ENOMEM;

	ret = get_unmapped_area(vma->vm_file, new_addr, new_len,
				vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
				flags & MREMAP_FIXED ? MAP_FIXED : 0);
	if (IS_ERR_VALUE(ret))
		return ret;
	return move_vma(vma, addr, old_len, new_len, ret, flags);
}

/* vma_expandable - is there free room for @vma's end to move up by @delta? */
static bool vma_expandable(struct vm_area_struct *vma, unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end)		/* overflow */
		return false;
	if (find_vma_intersection(vma->vm_mm, vma->vm_end, end))
		return false;
	if (offset_in_page(get_unmapped_area(NULL, vma->vm_start, end - vma->vm_start, 0,
					     MAP_FIXED)))
		return false;
	return true;
}

/*
 * mremap - resize [addr, addr + old_len) to new_len, moving it if
 * MREMAP_MAYMOVE allows and it cannot grow in place (or to new_addr with
 * MREMAP_FIXED). Returns the (new) address; -EINVAL for bad flags,
 * alignment or a zero new_len, -EFAULT if the old range is not one
 * mapping, -ENOMEM if it cannot grow. MREMAP_DONTUNMAP (with MAYMOVE and
 * an unchanged length) moves the pages but leaves the old range mapped.
 */
SYSCALL_DEFINE5(mremap, unsigned long, addr, unsigned long, old_len, unsigned long, new_len,
		unsigned long, flags, unsigned long, new_addr)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long ret;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* MREMAP_DONTUNMAP always moves, and does not resize. */
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (offset_in_page(addr))
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;

	mmap_write_lock(mm);
	vma = vma_lookup(mm, addr);
	if (!vma) {
		ret = -EFAULT;
		goto out;
	}

	/*
	 * hugetlb: whole huge pages, aligned, never growing (as 6.12); and
	 * never moved, which Pagoda does not do (move_hugetlb_page_tables()).
	 */
	if (is_vm_hugetlb_page(vma)) {
		struct hstate *h = hstate_vma(vma);

		old_len = ALIGN(old_len, huge_page_size(h));
		new_len = ALIGN(new_len, huge_page_size(h));
		ret = -EINVAL;
		if ((addr & ~huge_page_mask(h)) || new_len > old_len ||
		    (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)))
			goto out;
	}

	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP)) {
		ret = mremap_to(addr, old_len, new_addr, new_len, flags);
		goto out;
	}

	/* Shrinking always works: unmap the tail. */
	if (old_len >= new_len) {
		ret = do_munmap(mm, addr + new_len, old_len - new_len);
		if (!ret || old_len == new_len)
			ret = addr;
		goto out;
	}

	vma = vma_to_resize(addr, old_len, new_len, flags);
	if (IS_ERR(vma)) {
		ret = PTR_ERR(vma);
		goto out;
	}

	/* The range runs to the end of its VMA: can the VMA just grow? */
	if (old_len == vma->vm_end - addr && vma_expandable(vma, new_len - old_len)) {
		long charged = 0;
		VMA_ITERATOR(vmi, mm, vma->vm_end);

		if (vma->vm_flags & VM_ACCOUNT) {
			charged = (new_len - old_len) >> PAGE_SHIFT;
			if (security_vm_enough_memory_mm(mm, charged)) {
				ret = -ENOMEM;
				goto out;
			}
		}
		vma = vma_merge_extend(&vmi, vma, new_len - old_len);
		if (!vma) {
			vm_unacct_memory(charged);
			ret = -ENOMEM;
			goto out;
		}
		vm_stat_account(mm, vma->vm_flags, (new_len - old_len) >> PAGE_SHIFT);
		if (vma->vm_flags & VM_LOCKED)
			mm->locked_vm += (new_len - old_len) >> PAGE_SHIFT;
		ret = addr;
		goto out;
	}

	ret = -ENOMEM;
	if (flags & MREMAP_MAYMOVE) {
		new_addr = get_unmapped_area(vma->vm_file, 0, new_len,
					     vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT),
					     0);
		if (IS_ERR_VALUE(new_addr)) {
			ret = new_addr;
			goto out;
		}
		ret = move_vma(vma, addr, old_len, new_len, new_addr, flags);
	}
out:
	mmap_write_unlock(mm);
	return ret;
}
