/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vma.h - what mm/mmap.c and mm/vma.c share inside mm/ (Linux: mm/vma.h).
 */
#ifndef _MM_VMA_H
#define _MM_VMA_H

#include <linux/mm.h>

/* mm/mmap.c */
int find_vma_links(struct mm_struct *mm, unsigned long addr, unsigned long end,
		   struct vm_area_struct **pprev, struct rb_node ***rb_link,
		   struct rb_node **rb_parent);

/* vma_next - the VMA after @prev, or the first one when @prev is NULL. */
static inline struct vm_area_struct *vma_next(struct mm_struct *mm, struct vm_area_struct *prev)
{
	return prev ? prev->vm_next : mm->mmap;
}

/* mm/vma.c */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma, struct vm_area_struct *prev,
	      struct rb_node **rb_link, struct rb_node *rb_parent);
void unlink_file_vma(struct vm_area_struct *vma);

#endif /* _MM_VMA_H */
