// SPDX-License-Identifier: GPL-2.0
/*
 * util.c - the mmap entry point around do_mmap(), populating a range
 * (MAP_POPULATE), and what a folio's mapping field says. Mirrors
 * vm_mmap_pgoff(), folio_mapping(), folio_anon_vma() and folio_copy() of
 * mm/util.c, and
 * __mm_populate()/populate_vma_page_range() of mm/gup.c.
 *
 * Populating faults every page in as an access would: through
 * handle_mm_fault(), with a write fault for private writable VMAs (so
 * that each page is the process's own, not the shared zero page).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/sched.h>
#include <uapi/linux/mman.h>
#include "internal.h"

/**
 * vm_mmap_pgoff - mmap() for current: do_mmap() under mmap_lock
 * @file: the file, or NULL
 * @addr: hint or fixed address
 * @len: length in bytes
 * @prot: PROT_* bits
 * @flag: MAP_* flags
 * @pgoff: file offset in pages
 *
 * With MAP_POPULATE (and not MAP_NONBLOCK), or into a locked VMA
 * (MAP_LOCKED, mlockall(MCL_FUTURE)), the new range is faulted in after
 * mmap_lock is dropped. Returns the address or a negative errno.
 */
unsigned long vm_mmap_pgoff(struct file *file, unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flag, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret, populate = 0;

	mmap_write_lock(mm);
	ret = do_mmap(file, addr, len, prot, flag, pgoff, &populate);
	mmap_write_unlock(mm);
	if (populate)
		mm_populate(ret, populate);
	return ret;
}

/*
 * populate_vma_page_range - fault in [start, end) of @vma: writable
 * private memory by write faults (breaking COW now), the rest by read
 * faults. A VM_LOCKONFAULT VMA is left to its faults; one that allows no
 * access (PROT_NONE) is refused, as get_user_pages() refuses it.
 * Returns 0 or -ENOMEM/-EFAULT from the fault handler.
 */
static int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
				   unsigned long end)
{
	unsigned int flags = 0;
	vm_fault_t fault;

	if (vma->vm_flags & VM_LOCKONFAULT)
		return 0;
	if (!vma_is_accessible(vma))
		return -EFAULT;
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		flags |= FAULT_FLAG_WRITE;	/* FOLL_WRITE: break COW now */
	for (; start < end; start += PAGE_SIZE) {
		fault = handle_mm_fault(vma, start, flags);
		if (fault & VM_FAULT_OOM)
			return -ENOMEM;
		if (fault & VM_FAULT_ERROR)
			return -EFAULT;
	}
	return 0;
}

/**
 * __mm_populate - fault in the pages of current's VMAs in [@start, @start + @len)
 * @start: page-aligned start
 * @len: page-aligned length
 * @ignore_errors: go on with the next VMA after one fails
 *
 * Holes are skipped. mmap()'s MAP_POPULATE ignores errors (the mapping
 * itself has succeeded: mm_populate()); mlock() reports the first one.
 * Returns 0 or that error.
 */
int __mm_populate(unsigned long start, unsigned long len, int ignore_errors)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len, nstart, nend;
	struct vm_area_struct *vma;
	int ret = 0;
	VMA_ITERATOR(vmi, mm, start);

	mmap_read_lock(mm);
	for (nstart = start; (vma = vma_find(&vmi, end)); nstart = nend) {
		nend = min(end, vma->vm_end);
		nstart = max(nstart, vma->vm_start);
		ret = populate_vma_page_range(vma, nstart, nend);
		if (ret && !ignore_errors)
			break;
		ret = 0;
	}
	mmap_read_unlock(mm);
	return ret;
}

/**
 * folio_mapping - the file (address_space) of a page-cache folio
 * @folio: any folio
 *
 * NULL for an anonymous or KSM folio (their mapping field points to an
 * anon_vma or a stable_node) and for a folio in no file.
 */
struct address_space *folio_mapping(struct folio *folio)
{
	struct address_space *mapping = folio->mapping;

	if ((unsigned long)mapping & PAGE_MAPPING_FLAGS)
		return NULL;
	return mapping;
}

/**
 * folio_anon_vma - the anon_vma of an anonymous folio
 * @folio: any folio
 *
 * NULL unless the folio is anonymous (and not KSM). The anon_vma stays
 * valid only while the folio is mapped or the caller holds the anon_vma.
 */
struct anon_vma *folio_anon_vma(const struct folio *folio)
{
	unsigned long mapping = (unsigned long)folio->mapping;

	if ((mapping & PAGE_MAPPING_FLAGS) != PAGE_MAPPING_ANON)
		return NULL;
	return (struct anon_vma *)(mapping - PAGE_MAPPING_ANON);
}

/**
 * folio_copy - copy the contents of @src into @dst (migration)
 * @dst: a folio of the same size
 * @src: the folio to copy
 */
void folio_copy(struct folio *dst, struct folio *src)
{
	long nr = folio_nr_pages(src);

	for (long i = 0; i < nr; i++)
		copy_highpage(folio_page(dst, i), folio_page(src, i));
}
