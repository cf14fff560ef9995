// SPDX-License-Identifier: GPL-2.0
/*
 * mincore.c - the mincore system call: which pages of a range are
 * resident. Mirrors mm/mincore.c.
 *
 * One byte per page goes to the user's vector, bit 0 set if the page is
 * in memory: a present PTE (the zero page included), or, where nothing is
 * mapped yet, the page of a file mapping that is in the page cache. An
 * anonymous page never touched is not resident. The range must be mapped
 * entirely (-ENOMEM at the first hole, after the bytes before it were
 * stored), start page aligned (-EINVAL).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/hugetlb.h>
#include <linux/swapops.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include "internal.h"

/* mincore_page - is page @index of @mapping in the page cache? */
static unsigned char mincore_page(struct address_space *mapping, pgoff_t index)
{
	struct page *page = find_get_page(mapping, index);

	if (!page)
		return 0;
	put_page(page);
	return 1;
}

/* mincore_pte - residency of the page at @addr of @vma whose PTE is @pte. */
static unsigned char mincore_pte(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	if (pte_present(pte))
		return 1;
	if (is_swap_pte(pte))		/* a migration entry: the page is in memory */
		return 1;
	if (vma->vm_file)
		return mincore_page(file_mapping(vma->vm_file), linear_page_index(vma, addr));
	return 0;
}

/* mincore_hugetlb - a hugetlb page is resident iff its huge PMD is there. */
static unsigned char mincore_hugetlb(struct mm_struct *mm, unsigned long addr)
{
	pte_t *ptep = huge_pte_offset(mm, addr);

	return ptep && !pte_none(*ptep);
}

/*
 * do_mincore - fill @vec for at most @pages pages from @addr, inside the
 * VMA that holds @addr. Returns the number of pages done or -ENOMEM.
 */
static long do_mincore(unsigned long addr, unsigned long pages, unsigned char *vec)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma = vma_lookup(mm, addr);
	unsigned long end, i;

	if (!vma)
		return -ENOMEM;
	end = min(vma->vm_end, addr + (pages << PAGE_SHIFT));
	spin_lock(&mm->page_table_lock);
	for (i = 0; addr < end; addr += PAGE_SIZE, i++) {
		pmd_t *pmd = mm_find_pmd(mm, addr);

		if (is_vm_hugetlb_page(vma))
			vec[i] = mincore_hugetlb(mm, addr);
		else
			vec[i] = mincore_pte(vma, addr, pmd ? *pte_offset_map(pmd, addr) : __pte(0));
	}
	spin_unlock(&mm->page_table_lock);
	return i;
}

SYSCALL_DEFINE3(mincore, unsigned long, start, size_t, len, unsigned char __user *, vec)
{
	unsigned long pages;
	unsigned char *tmp;
	long retval = 0;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok((const void __user *)start, len))
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	tmp = (unsigned char *)__get_free_page(GFP_USER);
	if (!tmp)
		return -EAGAIN;
	while (pages) {
		mmap_read_lock(current->mm);
		retval = do_mincore(start, min(pages, PAGE_SIZE), tmp);
		mmap_read_unlock(current->mm);
		if (retval <= 0)
			break;
		if (copy_to_user(vec, tmp, retval)) {
			retval = -EFAULT;
			break;
		}
		pages -= retval;
		vec += retval;
		start += retval << PAGE_SHIFT;
		retval = 0;
	}
	free_page((unsigned long)tmp);
	return retval;
}
