// SPDX-License-Identifier: GPL-2.0
/*
 * util.c - the mmap entry point around do_mmap() (populating the range
 * for MAP_POPULATE: mm_populate() in mm/gup.c), and what a folio's
 * mapping field says. Mirrors vm_mmap_pgoff(), folio_mapping() and
 * folio_anon_vma() of mm/util.c.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
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
 * With MAP_POPULATE (and not MAP_NONBLOCK) the new range is faulted in
 * after mmap_lock is dropped. Returns the address or a negative errno.
 */
unsigned long vm_mmap_pgoff(struct file *file, unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flag, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret;

	mmap_write_lock(mm);
	ret = do_mmap(file, addr, len, prot, flag, pgoff);
	mmap_write_unlock(mm);
	if (!IS_ERR_VALUE(ret) && (flag & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE)
		mm_populate(ret, PAGE_ALIGN(len));
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
