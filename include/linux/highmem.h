/* SPDX-License-Identifier: GPL-2.0 */
/*
 * highmem.h - clearing and copying the contents of a struct page. Mirrors
 * include/linux/highmem.h. x86-64 has no highmem: every page is in the
 * direct map, so page_address() stands in for kmap_local_page().
 */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/mm.h>
#include <asm/page.h>

/* clear_highpage - zero @page (the allocator's __GFP_ZERO). */
static inline void clear_highpage(struct page *page)
{
	clear_page(page_address(page));
}

/*
 * copy_user_highpage - copy @from to @to, a page about to be mapped at
 * @vaddr in @vma (the COW copy). Linux's wp_page_copy() calls
 * copy_mc_user_highpage(), which is this without machine-check recovery.
 */
static inline void copy_user_highpage(struct page *to, struct page *from, unsigned long vaddr,
				      struct vm_area_struct *vma)
{
	copy_user_page(page_address(to), page_address(from), vaddr, to);
}

/* copy_highpage - copy @from to @to (migration: folio_copy(), mm/util.c). */
static inline void copy_highpage(struct page *to, struct page *from)
{
	copy_page(page_address(to), page_address(from));
}

#endif /* _LINUX_HIGHMEM_H */
