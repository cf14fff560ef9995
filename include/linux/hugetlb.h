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
#include <linux/mm_types.h>

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

void free_huge_folio(struct folio *folio);
void hugetlb_report_meminfo(struct seq_file *m);

#endif /* _LINUX_HUGETLB_H */
