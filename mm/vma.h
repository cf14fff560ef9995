/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vma.h - the VMA internals mm/vma.c offers the rest of mm/ (Linux:
 * mm/vma.h): struct vma_prepare, struct vma_merge_struct and its VMG_*
 * initialisers, the merge/split/modify entry points and the iterator
 * steps only mm/ takes. Where Linux's are maple-tree operations, Pagoda's
 * work on the rbtree and list (docs/linux-6.12.md).
 */
#ifndef _MM_VMA_H
#define _MM_VMA_H

#include <linux/mm.h>

/*
 * struct vma_prepare - what vma_prepare() locks and unlinks from the rmap
 * trees before VMA bounds change, and vma_complete() puts back: @vma and
 * @adj_next change range, @insert (a split's new half) is linked, @remove
 * and @remove2 (swallowed by a merge) are freed.
 */
struct vma_prepare {
	struct vm_area_struct *vma;
	struct vm_area_struct *adj_next;
	struct file *file;
	struct address_space *mapping;
	struct anon_vma *anon_vma;
	struct vm_area_struct *insert;
	struct vm_area_struct *remove;
	struct vm_area_struct *remove2;
};

enum vma_merge_state {
	VMA_MERGE_START,
	VMA_MERGE_ERROR_NOMEM,
	VMA_MERGE_NOMERGE,
	VMA_MERGE_SUCCESS,
};

enum vma_merge_flags {
	VMG_FLAG_DEFAULT = 0,
	/*
	 * Only expand @prev (brk): nothing can merge on the right, and the
	 * iterator stands on @prev rather than in the gap.
	 */
	VMG_FLAG_JUST_EXPAND = 1 << 0,
};

/*
 * struct vma_merge_struct - one merge: the range [@start, @end) at page
 * @pgoff with @flags, @file and @anon_vma, between @prev and @next; @vma
 * is the VMA being changed (vma_merge_existing_range) or NULL (a new range,
 * vma_merge_new_range), and after a merge the VMA that grew.
 */
struct vma_merge_struct {
	struct mm_struct *mm;
	struct vma_iterator *vmi;
	pgoff_t pgoff;
	struct vm_area_struct *prev;
	struct vm_area_struct *next;
	struct vm_area_struct *vma;
	unsigned long start;
	unsigned long end;
	unsigned long flags;
	struct file *file;
	struct anon_vma *anon_vma;
	enum vma_merge_flags merge_flags;
	enum vma_merge_state state;
};

static inline bool vmg_nomem(struct vma_merge_struct *vmg)
{
	return vmg->state == VMA_MERGE_ERROR_NOMEM;
}

/* vma_pgoff_offset - the page offset of @addr (>= vm_start) in @vma. */
static inline pgoff_t vma_pgoff_offset(struct vm_area_struct *vma, unsigned long addr)
{
	return vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
}

/* A merge of a new range (mmap, brk, mremap). */
#define VMG_STATE(name, mm_, vmi_, start_, end_, flags_, pgoff_)	\
	struct vma_merge_struct name = {				\
		.mm = mm_,						\
		.vmi = vmi_,						\
		.start = start_,					\
		.end = end_,						\
		.flags = flags_,					\
		.pgoff = pgoff_,					\
		.state = VMA_MERGE_START,				\
		.merge_flags = VMG_FLAG_DEFAULT,			\
	}

/* A merge of [start_, end_) of the existing vma_, with its attributes. */
#define VMG_VMA_STATE(name, vmi_, prev_, vma_, start_, end_)	\
	struct vma_merge_struct name = {			\
		.mm = vma_->vm_mm,				\
		.vmi = vmi_,					\
		.prev = prev_,					\
		.next = NULL,					\
		.vma = vma_,					\
		.start = start_,				\
		.end = end_,					\
		.flags = vma_->vm_flags,			\
		.pgoff = vma_pgoff_offset(vma_, start_),	\
		.file = vma_->vm_file,				\
		.anon_vma = vma_->anon_vma,			\
		.state = VMA_MERGE_START,			\
		.merge_flags = VMG_FLAG_DEFAULT,		\
	}

/* mm/vma.c */
struct anon_vma *find_mergeable_anon_vma(struct vm_area_struct *vma);
int vma_expand(struct vma_merge_struct *vmg);
struct vm_area_struct *vma_merge_new_range(struct vma_merge_struct *vmg);
struct vm_area_struct *vma_merge_extend(struct vma_iterator *vmi, struct vm_area_struct *vma,
					unsigned long delta);
struct vm_area_struct *vma_modify_flags(struct vma_iterator *vmi, struct vm_area_struct *prev,
					struct vm_area_struct *vma, unsigned long start,
					unsigned long end, unsigned long new_flags);
int __split_vma(struct vma_iterator *vmi, struct vm_area_struct *vma, unsigned long addr,
		int new_below);
int split_vma(struct vma_iterator *vmi, struct vm_area_struct *vma, unsigned long addr,
	      int new_below);
void vma_iter_store(struct vma_iterator *vmi, struct vm_area_struct *vma);
unsigned long vma_compute_gap(struct vm_area_struct *vma);
void vma_gap_update(struct vm_area_struct *vma);
void vma_rb_erase(struct vm_area_struct *vma, struct rb_root *root);
void vma_link_file(struct vm_area_struct *vma);
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);
void unlink_file_vma(struct vm_area_struct *vma);
struct vm_area_struct *copy_vma(struct vm_area_struct **vmap, unsigned long addr,
				unsigned long len, pgoff_t pgoff, bool keep_source);

/* mm/mmap.c */
int find_vma_links(struct mm_struct *mm, unsigned long addr, unsigned long end,
		   struct vm_area_struct **pprev, struct rb_node ***rb_link,
		   struct rb_node **rb_parent);
/* the iterator steps only mm/ takes */
struct vm_area_struct *vma_iter_load(struct vma_iterator *vmi);
struct vm_area_struct *vma_iter_prev_range(struct vma_iterator *vmi);
struct vm_area_struct *vma_iter_next_rewind(struct vma_iterator *vmi,
					    struct vm_area_struct **pprev);

static inline unsigned long vma_iter_addr(struct vma_iterator *vmi)
{
	return vmi->index;
}

static inline unsigned long vma_iter_end(struct vma_iterator *vmi)
{
	return vmi->last + 1;
}

#endif /* _MM_VMA_H */
