/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hugetlb.h - the hugetlb pool of 2 MiB pages and MAP_HUGETLB mappings.
 * Mirrors include/linux/hugetlb.h; the code is in mm/hugetlb.c and
 * docs/hugetlb.md tells the story.
 *
 * Pagoda has one huge page size, 2 MiB (order 9: a PMD maps it), so one
 * struct hstate, default_hstate. Its pool is a list of free huge folios
 * (reference count 0) and a list of those in use; the counters are the
 * ones /proc/meminfo and /sys/kernel/mm/hugepages/hugepages-2048kB show.
 */
#ifndef _LINUX_HUGETLB_H
#define _LINUX_HUGETLB_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/mm.h>

struct seq_file;

#define HSTATE_NAME_LEN 32

/**
 * struct hstate - a pool of huge pages of one size
 * @resize_lock: serializes changes of the pool's size (set_max_huge_pages())
 * @order: the pages' order (9)
 * @mask: the address mask of one huge page
 * @max_huge_pages: the size asked for (nr_hugepages as last written)
 * @nr_huge_pages: huge pages in the pool, free or in use
 * @free_huge_pages: ... of them free
 * @resv_huge_pages: free ones promised to mappings that have not faulted yet
 * @surplus_huge_pages: pages above max_huge_pages (always 0 in Pagoda)
 * @nr_overcommit_huge_pages: how many surplus pages may be allocated
 * @hugepage_activelist: the folios in use
 * @hugepage_freelist: the free folios (Linux: one list per node)
 * @name: "hugepages-2048kB", its directory in /sys/kernel/mm/hugepages
 */
struct hstate {
	struct mutex resize_lock;
	unsigned int order;
	unsigned long mask;
	unsigned long max_huge_pages;
	unsigned long nr_huge_pages;
	unsigned long free_huge_pages;
	unsigned long resv_huge_pages;
	unsigned long surplus_huge_pages;
	unsigned long nr_overcommit_huge_pages;
	struct list_head hugepage_activelist;
	struct list_head hugepage_freelist;
	char name[HSTATE_NAME_LEN];
};

extern struct hstate default_hstate;
extern spinlock_t hugetlb_lock;

static inline unsigned long huge_page_size(const struct hstate *h)
{
	return PAGE_SIZE << h->order;
}

static inline unsigned long huge_page_mask(const struct hstate *h)
{
	return h->mask;
}

static inline unsigned int huge_page_order(const struct hstate *h)
{
	return h->order;
}

static inline unsigned long pages_per_huge_page(const struct hstate *h)
{
	return 1UL << h->order;
}

/* The name of the file behind a MAP_HUGETLB mapping. */
#define HUGETLB_ANON_FILE "anon_hugepage"

struct file;
struct mmu_gather;
struct vm_area_struct;

/* is_vm_hugetlb_page - is @vma a MAP_HUGETLB mapping (mapped by huge PMDs)? */
static inline bool is_vm_hugetlb_page(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_HUGETLB;
}

/* hstate_vma - the hstate of a hugetlb VMA's pages: the one there is. */
static inline struct hstate *hstate_vma(const struct vm_area_struct *vma)
{
	return &default_hstate;
}

/* vma_kernel_pagesize - the size of the pages mapping @vma: 2 MiB for hugetlb. */
static inline unsigned long vma_kernel_pagesize(const struct vm_area_struct *vma)
{
	return is_vm_hugetlb_page(vma) ? huge_page_size(hstate_vma(vma)) : PAGE_SIZE;
}

void free_huge_folio(struct folio *folio);
void hugetlb_report_meminfo(struct seq_file *m);
void hugetlb_report_usage(struct seq_file *m, struct mm_struct *mm);
struct hstate *hstate_sizelog(int page_size_log);
bool is_file_hugepages(const struct file *file);
struct file *hugetlb_file_setup(const char *name, size_t size);
unsigned long hugetlb_get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
					unsigned long pgoff, unsigned long flags);
pte_t *huge_pte_offset(struct mm_struct *mm, unsigned long addr);
vm_fault_t hugetlb_fault(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long address,
			 unsigned int flags);
int copy_hugetlb_page_range(struct mm_struct *dst, struct mm_struct *src,
			    struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma);
void __unmap_hugepage_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
			    unsigned long start, unsigned long end);
void hugetlb_change_protection(struct vm_area_struct *vma, unsigned long address,
			       unsigned long end);
void hugetlb_dup_vma_private(struct vm_area_struct *vma);
int hugetlb_vm_op_split(struct vm_area_struct *vma, unsigned long addr);

#endif /* _LINUX_HUGETLB_H */
