/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmalloc.h - virtually contiguous kernel memory: vmalloc()/vfree() and
 * the areas they manage. Mirrors include/linux/vmalloc.h (and
 * is_vmalloc_addr() from include/linux/mm.h); implemented in mm/vmalloc.c.
 *
 * vmalloc(size) takes single pages from the buddy allocator, wherever they
 * are, and maps them side by side in the vmalloc space, followed by an
 * unmapped guard page. Kernel stacks are vmalloc()ed, so running off the
 * bottom of one faults on the guard page of the area below it.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>
#include <asm/page_types.h>

struct page;

/*
 * Pagoda allocates from the first PGD entry of the vmalloc space only:
 * 512 GiB, far more than the RAM Pagoda runs with, under a single PUD page
 * that vmalloc_init() preallocates. is_vmalloc_addr() and VmallocTotal
 * still describe Linux's whole range, VMALLOC_START..VMALLOC_END.
 */
#define VMALLOC_LIMIT	(VMALLOC_START + PGDIR_SIZE)

/**
 * struct vm_struct - one vmalloc() area
 * @addr: its first address (page aligned)
 * @size: its length in bytes, including the guard page at the end
 * @pages: the pages mapped at @addr, @addr + PAGE_SIZE, ...
 * @nr_pages: how many (the guard page has none)
 * @caller: the code that called vmalloc() (/proc/vmallocinfo names it)
 */
struct vm_struct {
	void *addr;
	unsigned long size;
	struct page **pages;
	unsigned int nr_pages;
	const void *caller;
};

void vmalloc_init(void);
void *vmalloc(unsigned long size);
void vfree(const void *addr);
struct page *vmalloc_to_page(const void *addr);
struct vm_struct *find_vm_area(const void *addr);
unsigned long vmalloc_nr_pages(void);	/* /proc/meminfo's VmallocUsed */

/* is_vmalloc_addr - is @x in the vmalloc space (mapped or not)? */
static inline bool is_vmalloc_addr(const void *x)
{
	unsigned long addr = (unsigned long)x;

	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

#endif /* _LINUX_VMALLOC_H */
