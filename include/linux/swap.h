/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swap.h - the LRU interface of mm/swap.c that the rest of the kernel
 * uses. Mirrors the LRU part of include/linux/swap.h (there is no swap).
 */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

struct folio;
struct page;
struct vm_area_struct;

void folio_add_lru(struct folio *folio);
void folio_add_lru_vma(struct folio *folio, struct vm_area_struct *vma);
void folio_mark_accessed(struct folio *folio);
void mark_page_accessed(struct page *page);

#endif /* _LINUX_SWAP_H */
