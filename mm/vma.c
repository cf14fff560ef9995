// SPDX-License-Identifier: GPL-2.0
/*
 * vma.c - changing the set of VMAs: linking a VMA into an mm (and a file
 * VMA into its file's i_mmap tree), merging a range with its neighbours,
 * splitting a VMA in two, and mremap's copy. Mirrors mm/vma.c of Linux
 * 6.12, on Pagoda's VMA list and rbtree instead of the maple tree.
 *
 *   vma_iter_store()            put a VMA into the list and tree, dropping
 *                               the VMAs a merge grew it over
 *   vma_prepare()/vma_complete() around every change of bounds: take the
 *                               rmap locks and the changing VMAs out of the
 *                               i_mmap and anon_vma interval trees, then
 *                               put them back, link a split's new half and
 *                               free the VMAs a merge swallowed
 *   commit_merge()              set the merged bounds between the two
 *   vma_merge_new_range()       a new range (mmap, brk, mremap) joins
 *                               prev and/or next (vma_expand())
 *   vma_merge_existing_range()  part of a VMA with new flags (mprotect,
 *                               madvise) joins prev and/or next
 *   vma_modify_flags()          that merge, else a split (__split_vma())
 *
 * See docs/address-space.md for the merge cases.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/hugetlb.h>
#include <linux/string.h>
#include <linux/rbtree_augmented.h>
#include "internal.h"

/* ---------------------------------------------------------------------- */
/* The VMA list and tree                                                   */

/* Linux 5.x: mm/util.c. */
static void __vma_link_list(struct mm_struct *mm, struct vm_area_struct *vma,
			    struct vm_area_struct *prev)
{
	struct vm_area_struct *next;

	vma->vm_prev = prev;
	if (prev) {
		next = prev->vm_next;
		prev->vm_next = vma;
	} else {
		next = mm->mmap;
		mm->mmap = vma;
	}
	vma->vm_next = next;
	if (next)
		next->vm_prev = vma;
}

/* Linux 5.x: mm/util.c. */
static void __vma_unlink_list(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma->vm_prev, *next = vma->vm_next;

	if (prev)
		prev->vm_next = next;
	else
		mm->mmap = next;
	if (next)
		next->vm_prev = prev;
}

/*
 * The free-area search (unmapped_area*() in mm/mmap.c) needs the gaps
 * between VMAs. Each VMA's "gap" is the free space just below it, from
 * the end of the VMA before it (vm_end_gap()) to its own vm_start_gap();
 * vma->rb_subtree_gap is the largest gap of its vm_rb subtree, kept by the
 * augmented rbtree (Linux 4.x-6.0's mm/mmap.c; 6.12's maple tree keeps
 * the gaps in its nodes instead). A VMA's gap changes when it or the VMA
 * before it moves an end, and when one is linked or unlinked before it:
 * every such change ends in vma_gap_update() of the VMA.
 */

/* vma_compute_gap - the free space between @vma and the VMA before it. */
unsigned long vma_compute_gap(struct vm_area_struct *vma)
{
	unsigned long gap = vm_start_gap(vma), prev_end;

	if (vma->vm_prev) {
		prev_end = vm_end_gap(vma->vm_prev);
		gap = gap > prev_end ? gap - prev_end : 0;
	}
	return gap;
}

RB_DECLARE_CALLBACKS_MAX(static, vma_gap_callbacks, struct vm_area_struct, vm_rb,
			 unsigned long, rb_subtree_gap, vma_compute_gap)

/* vma_gap_update - @vma's gap changed: refresh rb_subtree_gap up the tree. */
void vma_gap_update(struct vm_area_struct *vma)
{
	vma_gap_callbacks_propagate(&vma->vm_rb, NULL);
}

/* vma_rb_erase - take @vma out of mm_rb, keeping rb_subtree_gap right. */
void vma_rb_erase(struct vm_area_struct *vma, struct rb_root *root)
{
	rb_erase_augmented(&vma->vm_rb, root, &vma_gap_callbacks);
}

/*
 * Linux 5.x: mm/mmap.c. The new VMA's gap and its successor's change; its
 * ancestors take in its gap before the rotations (from 0: they hold
 * nothing of it yet). Linux updates the successor first; the new VMA
 * first is cheaper when it takes the top of the largest gap (a top-down
 * mmap usually does): every ancestor changes once, and the successor's
 * update then stops at once, where Linux walks to the root for each.
 */
static void __vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
		       struct vm_area_struct *prev, struct rb_node **rb_link,
		       struct rb_node *rb_parent)
{
	__vma_link_list(mm, vma, prev);
	rb_link_node(&vma->vm_rb, rb_parent, rb_link);
	vma->rb_subtree_gap = 0;
	vma_gap_update(vma);
	if (vma->vm_next)
		vma_gap_update(vma->vm_next);
	rb_insert_augmented(&vma->vm_rb, &mm->mm_rb, &vma_gap_callbacks);
}

/* Linux 5.x: mm/mmap.c. The successor's gap grows over the VMA's place. */
static void __vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	vma_rb_erase(vma, &mm->mm_rb);
	RB_CLEAR_NODE(&vma->vm_rb);
	__vma_unlink_list(mm, vma);
	if (vma->vm_next)
		vma_gap_update(vma->vm_next);
}

/**
 * vma_iter_store - make @vma the VMA of [vm_start, vm_end) in its mm
 * @vmi: the iterator, left standing on @vma
 * @vma: a new VMA (not linked yet), or a linked one whose bounds changed
 *
 * A new VMA is linked into the list and the tree at its place, which must
 * be free. A linked one keeps its place (its neighbours' order cannot
 * change); any VMA it now covers entirely -- one a merge grew it over --
 * leaves the list and tree here, and vma_complete() frees it, as Linux's
 * store overwrites such a VMA in the maple tree. The caller counts a new
 * VMA in map_count.
 */
void vma_iter_store(struct vma_iterator *vmi, struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev;
	struct rb_node **rb_link, *rb_parent;

	if (RB_EMPTY_NODE(&vma->vm_rb)) {
		if (find_vma_links(mm, vma->vm_start, vma->vm_end, &prev, &rb_link, &rb_parent))
			BUG();
		__vma_link(mm, vma, prev, rb_link, rb_parent);
	} else {
		while (vma->vm_prev && vma->vm_prev->vm_start >= vma->vm_start)
			__vma_unlink(mm, vma->vm_prev);
		while (vma->vm_next && vma->vm_next->vm_end <= vma->vm_end)
			__vma_unlink(mm, vma->vm_next);
		/* Its bounds changed: its gap, and the next VMA's. */
		vma_gap_update(vma);
		if (vma->vm_next)
			vma_gap_update(vma->vm_next);
	}
	vmi->index = vma->vm_start;
	vmi->last = vma->vm_end - 1;
	vmi->active = true;
}

/* vma_iter_bulk_store - link fork's copy @vma (allocating nothing, it cannot fail). */
void vma_iter_bulk_store(struct vma_iterator *vmi, struct vm_area_struct *vma)
{
	vma_iter_store(vmi, vma);
}

/* __vma_link_file - put a file VMA into its file's i_mmap tree (i_mmap_rwsem held). */
static void __vma_link_file(struct vm_area_struct *vma, struct address_space *mapping)
{
	vma_interval_tree_insert(vma, &mapping->i_mmap);
}

/* __remove_shared_vm_struct - take a file VMA out of its file's i_mmap tree (i_mmap_rwsem held). */
static void __remove_shared_vm_struct(struct vm_area_struct *vma, struct address_space *mapping)
{
	vma_interval_tree_remove(vma, &mapping->i_mmap);
}

/**
 * unlink_file_vma - take a file VMA out of its file's i_mmap tree
 * @vma: a VMA being unmapped (its pages are already zapped)
 *
 * From here on neither rmap nor truncation finds it, so its page tables
 * may go. Anonymous VMAs are left alone.
 */
void unlink_file_vma(struct vm_area_struct *vma)
{
	struct address_space *mapping;

	if (!vma->vm_file)
		return;
	mapping = file_mapping(vma->vm_file);
	i_mmap_lock_write(mapping);
	__remove_shared_vm_struct(vma, mapping);
	i_mmap_unlock_write(mapping);
}

/* vma_link_file - put a new file VMA into its file's i_mmap tree. */
void vma_link_file(struct vm_area_struct *vma)
{
	struct address_space *mapping;

	if (!vma->vm_file)
		return;
	mapping = file_mapping(vma->vm_file);
	i_mmap_lock_write(mapping);
	__vma_link_file(vma, mapping);
	i_mmap_unlock_write(mapping);
}

/**
 * vma_link - add the new @vma to @mm and to its file's i_mmap tree
 * @mm: the address space
 * @vma: the VMA; its range must be free
 *
 * Linux returns -ENOMEM when the maple tree cannot preallocate; linking
 * into Pagoda's list and tree allocates nothing.
 */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	VMA_ITERATOR(vmi, mm, 0);

	vma_iter_store(&vmi, vma);
	vma_link_file(vma);
	mm->map_count++;
}

/* ---------------------------------------------------------------------- */
/* Can they merge?                                                         */

/*
 * is_mergeable_vma - may the range of @vmg join vmg->next (@merge_next) or
 * vmg->prev? Same file and flags; VM_SOFTDIRTY does not count: the merged
 * VMA is marked soft-dirty anyway.
 */
static bool is_mergeable_vma(struct vma_merge_struct *vmg, bool merge_next)
{
	struct vm_area_struct *vma = merge_next ? vmg->next : vmg->prev;

	if ((vma->vm_flags ^ vmg->flags) & ~VM_MERGE_IGNORE)
		return false;
	return vma->vm_file == vmg->file;
}

/*
 * is_mergeable_anon_vma - can pages of @anon_vma1 and @anon_vma2 live in
 * one VMA? Yes if both are the same, or one is NULL (no page yet) -- unless
 * @vma was cloned from a parent (more than one anon_vma_chain): merging
 * into it would widen its rmap walks for no gain. Two different anon_vmas
 * never merge: a page's anon_vma must cover every VMA that maps it.
 */
static bool is_mergeable_anon_vma(struct anon_vma *anon_vma1, struct anon_vma *anon_vma2,
				  struct vm_area_struct *vma)
{
	if ((!anon_vma1 || !anon_vma2) && (!vma || list_is_singular(&vma->anon_vma_chain)))
		return true;
	return anon_vma1 == anon_vma2;
}

/* are_anon_vmas_compatible - may the pages of @vma1 and @vma2 share one VMA? */
static bool are_anon_vmas_compatible(struct vm_area_struct *vma1, struct vm_area_struct *vma2)
{
	return is_mergeable_anon_vma(vma1->anon_vma, vma2->anon_vma, NULL);
}

/* can_vma_merge_before - may the range join vmg->next, its pages continuing next's? */
static bool can_vma_merge_before(struct vma_merge_struct *vmg)
{
	pgoff_t pglen = (vmg->end - vmg->start) >> PAGE_SHIFT;

	return is_mergeable_vma(vmg, true) &&
	       is_mergeable_anon_vma(vmg->anon_vma, vmg->next->anon_vma, vmg->next) &&
	       vmg->next->vm_pgoff == vmg->pgoff + pglen;
}

/* can_vma_merge_after - may the range join vmg->prev, continuing its pages? */
static bool can_vma_merge_after(struct vma_merge_struct *vmg)
{
	return is_mergeable_vma(vmg, false) &&
	       is_mergeable_anon_vma(vmg->anon_vma, vmg->prev->anon_vma, vmg->prev) &&
	       vmg->prev->vm_pgoff + vma_pages(vmg->prev) == vmg->pgoff;
}

/* can_vma_merge_left - does prev end at the range's start, and may they merge? */
static bool can_vma_merge_left(struct vma_merge_struct *vmg)
{
	return vmg->prev && vmg->prev->vm_end == vmg->start && can_vma_merge_after(vmg);
}

/*
 * can_vma_merge_right - does next start at the range's end, and may they
 * merge? If prev merges too, prev and next must suit each other as well:
 * each may suit the range (one anon_vma NULL) without suiting the other.
 */
static bool can_vma_merge_right(struct vma_merge_struct *vmg, bool can_merge_left)
{
	if (!vmg->next || vmg->end != vmg->next->vm_start || !can_vma_merge_before(vmg))
		return false;
	if (!can_merge_left)
		return true;
	return are_anon_vmas_compatible(vmg->prev, vmg->next);
}

/* ---------------------------------------------------------------------- */
/* Changing bounds: vma_prepare() ... vma_complete()                       */

/*
 * init_multi_vma_prep - @vp for changing @vma (and @next's start, if
 * given) and freeing @remove and @remove2. The anon_vma to lock is
 * @vma's, or @next's if @vma has none yet.
 */
static void init_multi_vma_prep(struct vma_prepare *vp, struct vm_area_struct *vma,
				struct vm_area_struct *next, struct vm_area_struct *remove,
				struct vm_area_struct *remove2)
{
	memset(vp, 0, sizeof(*vp));
	vp->vma = vma;
	vp->anon_vma = vma->anon_vma;
	vp->remove = remove;
	vp->remove2 = remove2;
	vp->adj_next = next;
	if (!vp->anon_vma && next)
		vp->anon_vma = next->anon_vma;
	vp->file = vma->vm_file;
	if (vp->file)
		vp->mapping = file_mapping(vp->file);
}

static void init_vma_prep(struct vma_prepare *vp, struct vm_area_struct *vma)
{
	init_multi_vma_prep(vp, vma, NULL, NULL, NULL);
}

/*
 * vma_prepare - lock the rmap trees (i_mmap_rwsem, then the anon_vma:
 * Linux's order) and take the VMAs whose bounds change out of them, since
 * the trees are keyed by those bounds. A split's new half joins i_mmap
 * now, so the file's pages stay findable throughout.
 */
static void vma_prepare(struct vma_prepare *vp)
{
	if (vp->file) {
		i_mmap_lock_write(vp->mapping);
		if (vp->insert && vp->insert->vm_file)
			__vma_link_file(vp->insert, file_mapping(vp->insert->vm_file));
	}
	if (vp->anon_vma) {
		anon_vma_lock_write(vp->anon_vma);
		anon_vma_interval_tree_pre_update_vma(vp->vma);
		if (vp->adj_next)
			anon_vma_interval_tree_pre_update_vma(vp->adj_next);
	}
	if (vp->file) {
		vma_interval_tree_remove(vp->vma, &vp->mapping->i_mmap);
		if (vp->adj_next)
			vma_interval_tree_remove(vp->adj_next, &vp->mapping->i_mmap);
	}
}

/*
 * vma_complete - after the bounds changed: put the VMAs back into the
 * rmap trees, link a split's new half (vp->insert) into the mm, unlock,
 * and free the VMAs a merge swallowed (their pages' rmap is covered by the
 * VMA that grew, whose anon_vma they share).
 */
static void vma_complete(struct vma_prepare *vp, struct vma_iterator *vmi,
			 struct mm_struct *mm)
{
	if (vp->file) {
		if (vp->adj_next)
			vma_interval_tree_insert(vp->adj_next, &vp->mapping->i_mmap);
		vma_interval_tree_insert(vp->vma, &vp->mapping->i_mmap);
	}
	if (vp->remove && vp->file) {
		__remove_shared_vm_struct(vp->remove, vp->mapping);
		if (vp->remove2)
			__remove_shared_vm_struct(vp->remove2, vp->mapping);
	} else if (vp->insert) {
		vma_iter_store(vmi, vp->insert);	/* before or after vma */
		mm->map_count++;
	}
	if (vp->anon_vma) {
		anon_vma_interval_tree_post_update_vma(vp->vma);
		if (vp->adj_next)
			anon_vma_interval_tree_post_update_vma(vp->adj_next);
		anon_vma_unlock_write(vp->anon_vma);
	}
	if (vp->file)
		i_mmap_unlock_write(vp->mapping);

	if (vp->remove) {
again:
		if (vp->file)
			fput(vp->file);
		if (vp->remove->anon_vma)
			anon_vma_merge(vp->vma, vp->remove);
		mm->map_count--;
		if (!vp->remove2)
			WARN_ON_ONCE(vp->vma->vm_end < vp->remove->vm_end);
		vm_area_free(vp->remove);
		/* prev grew over vma and next: both go */
		if (vp->remove2) {
			vp->remove = vp->remove2;
			vp->remove2 = NULL;
			goto again;
		}
	}
}

/*
 * dup_anon_vma - when @dst takes over pages of @src, it must be on their
 * anon_vma: if @dst has none, it gets @src's (anon_vma_clone). Linux also
 * reports the clone, to undo it when the maple tree then cannot
 * preallocate; nothing fails after this in Pagoda.
 */
static int dup_anon_vma(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	if (src->anon_vma && !dst->anon_vma) {
		dst->anon_vma = src->anon_vma;
		return anon_vma_clone(dst, src);
	}
	return 0;
}

/*
 * commit_merge - carry out a merge: vmg->vma takes [vmg->start, vmg->end)
 * at vmg->pgoff; @adjust (if any) moves its start by @adj_start bytes;
 * @remove and @remove2 go. @expanded: vmg->vma grew (over @remove and
 * @remove2, if given); else it shrank and @adjust grew down over its tail.
 * Linux returns -ENOMEM when the maple tree cannot preallocate; here
 * nothing is allocated, so it cannot fail.
 */
static void commit_merge(struct vma_merge_struct *vmg, struct vm_area_struct *adjust,
			 struct vm_area_struct *remove, struct vm_area_struct *remove2,
			 long adj_start, bool expanded)
{
	struct vma_prepare vp;

	init_multi_vma_prep(&vp, vmg->vma, adjust, remove, remove2);
	VM_WARN_ON(vp.anon_vma && adjust && adjust->anon_vma && vp.anon_vma != adjust->anon_vma);

	vma_prepare(&vp);
	vma_set_range(vmg->vma, vmg->start, vmg->end, vmg->pgoff);
	if (expanded)
		vma_iter_store(vmg->vmi, vmg->vma);
	if (adj_start) {
		adjust->vm_start += adj_start;
		adjust->vm_pgoff += adj_start >> PAGE_SHIFT;
		if (adj_start < 0) {
			WARN_ON(expanded);
			vma_iter_store(vmg->vmi, adjust);
		}
	}
	vma_complete(&vp, vmg->vmi, vmg->vma->vm_mm);
}

/* ---------------------------------------------------------------------- */
/* Merging                                                                 */

/**
 * vma_merge_existing_range - merge [vmg->start, vmg->end) of vmg->vma, about
 * to take vmg->flags, with its neighbours
 * @vmg: vma, prev (vma itself if the range starts inside it), the range;
 *       vmg->next is found here; vmi stands on vma
 *
 * Only a range at an end of vma can merge, with the neighbour on that
 * side (or both, if it is all of vma). In the pictures *** is the range:
 *
 *      |prev|***vma***|next|   prev grows over vma and next; both go
 *      |prev|***vma|         prev grows, vma shrinks (or goes)
 *               |vma***|next|   next grows down, vma shrinks (or goes)
 *
 * Returns the VMA that now covers the range, or NULL: no merge (vmg->state
 * VMA_MERGE_NOMERGE), or no memory (VMA_MERGE_ERROR_NOMEM).
 */
static struct vm_area_struct *vma_merge_existing_range(struct vma_merge_struct *vmg)
{
	struct vm_area_struct *vma = vmg->vma, *prev = vmg->prev, *next = NULL;
	struct vm_area_struct *adjust = NULL;
	unsigned long start = vmg->start, end = vmg->end;
	bool left_side = start == vma->vm_start, right_side = end == vma->vm_end;
	bool merge_left = false, merge_right = false, merge_both, delete_vma;
	long adj_start = 0;
	int err;

	VM_WARN_ON(prev && start <= prev->vm_start);
	VM_WARN_ON(start >= end);
	VM_WARN_ON((vma != prev && start != vma->vm_start) || end > vma->vm_end);
	VM_WARN_ON(vma_iter_addr(vmg->vmi) < vma->vm_start ||
		   vma_iter_addr(vmg->vmi) >= vma->vm_end);	/* vmi stands on vma */

	vmg->state = VMA_MERGE_NOMERGE;
	if ((vmg->flags & VM_SPECIAL) || (!left_side && !right_side))
		return NULL;

	if (left_side)
		merge_left = can_vma_merge_left(vmg);
	if (right_side) {
		next = vmg->next = vma_iter_next_range(vmg->vmi);
		vma_iter_prev_range(vmg->vmi);
		merge_right = can_vma_merge_right(vmg, merge_left);
	}
	if (merge_left)
		vma_prev(vmg->vmi);	/* the merged VMA is prev: stand on it */
	else if (!merge_right)
		return NULL;

	merge_both = merge_left && merge_right;
	delete_vma = left_side && right_side;	/* all of vma merges: it goes */

	if (merge_both) {
		/* |prev|***vma***|next| -> prev extends, vma and next go */
		vmg->vma = prev;
		vmg->start = prev->vm_start;
		vmg->end = next->vm_end;
		vmg->pgoff = prev->vm_pgoff;
		err = dup_anon_vma(prev, next->anon_vma ? next : vma);
	} else if (merge_left) {
		/* |prev|***vma  or |prev|***vma***| -> prev extends, vma shrinks or goes */
		vmg->vma = prev;
		vmg->start = prev->vm_start;
		vmg->pgoff = prev->vm_pgoff;
		if (!delete_vma) {
			adjust = vma;
			adj_start = vmg->end - vma->vm_start;
		}
		err = dup_anon_vma(prev, vma);
	} else {
		/* vma***|next|  or |***vma***|next| -> next extends, vma shrinks or goes */
		pgoff_t pglen = (vmg->end - vmg->start) >> PAGE_SHIFT;

		if (delete_vma) {
			vmg->vma = next;
			vmg->end = next->vm_end;
			vmg->pgoff = next->vm_pgoff - pglen;
		} else {
			/* The one case where the VMA that grows is not vmg->vma. */
			vmg->start = vma->vm_start;
			vmg->end = start;
			vmg->pgoff = vma->vm_pgoff;
			adjust = next;
			adj_start = -(long)(vma->vm_end - start);
		}
		err = dup_anon_vma(next, vma);
	}

	if (err) {
		vma_iter_set(vmg->vmi, start);
		vma_iter_load(vmg->vmi);
		vmg->state = VMA_MERGE_ERROR_NOMEM;
		return NULL;
	}

	/* vmg->vma grows, except when vma keeps its head and next grows down over the rest. */
	commit_merge(vmg, adjust, delete_vma ? vma : NULL, merge_both ? next : NULL, adj_start,
		     !merge_right || delete_vma);
	vmg->state = VMA_MERGE_SUCCESS;
	return merge_left ? prev : next;
}

/**
 * vma_merge_new_range - merge a new range [vmg->start, vmg->end) into a neighbour
 * @vmg: the range, its flags, file, anon_vma and pgoff, and the VMAs
 *       before (vmg->prev) and after (vmg->next) it; vmi stands in the gap
 *       (or on prev, with VMG_FLAG_JUST_EXPAND)
 *
 *      |prev|***|      |***|next|      |prev|***|next|
 *      prev grows      next grows      prev grows, next goes
 *
 * Returns the VMA that grew over the range, or NULL (no merge, or no
 * memory: vmg->state says which), with @vmg as it was.
 */
struct vm_area_struct *vma_merge_new_range(struct vma_merge_struct *vmg)
{
	struct vm_area_struct *prev = vmg->prev, *next = vmg->next;
	unsigned long start = vmg->start, end = vmg->end;
	pgoff_t pgoff = vmg->pgoff, pglen = (end - start) >> PAGE_SHIFT;
	bool just_expand = vmg->merge_flags & VMG_FLAG_JUST_EXPAND;
	bool can_merge_left, can_merge_right;

	VM_WARN_ON(vmg->vma);
	VM_WARN_ON(vma_iter_addr(vmg->vmi) > end);	/* vmi stands at or before the gap */
	vmg->state = VMA_MERGE_NOMERGE;
	if ((vmg->flags & VM_SPECIAL) || (!prev && !next))
		return NULL;

	can_merge_left = can_vma_merge_left(vmg);
	can_merge_right = !just_expand && can_vma_merge_right(vmg, can_merge_left);

	if (can_merge_right) {
		vmg->end = next->vm_end;
		vmg->vma = next;
		vmg->pgoff = next->vm_pgoff - pglen;
	}
	if (can_merge_left) {
		vmg->start = prev->vm_start;
		vmg->vma = prev;
		vmg->pgoff = prev->vm_pgoff;
		if (!just_expand)
			vma_prev(vmg->vmi);	/* stand on prev */
	}

	if (vmg->vma && !vma_expand(vmg)) {
		vmg->state = VMA_MERGE_SUCCESS;
		return vmg->vma;
	}

	/* Nothing merged: leave @vmg as it was, to try again or link a new VMA. */
	if (!just_expand) {
		if (can_merge_left)	/* back from prev to the gap */
			vma_iter_set(vmg->vmi, start);
		vmg->vma = NULL;
		vmg->start = start;
		vmg->end = end;
		vmg->pgoff = pgoff;
	}
	return NULL;
}

/**
 * vma_expand - grow vmg->vma to [vmg->start, vmg->end)
 * @vmg: the VMA and its new bounds; vmg->next goes if the new end is its
 *       end (the caller checked that they may merge)
 *
 * Returns 0, or -ENOMEM (vmg->state VMA_MERGE_ERROR_NOMEM) if vmg->vma
 * could not join the anon_vma of the VMA it swallows.
 */
int vma_expand(struct vma_merge_struct *vmg)
{
	struct vm_area_struct *vma = vmg->vma, *next = vmg->next;
	bool remove_next = false;

	if (next && next != vma && vmg->end == next->vm_end) {
		remove_next = true;
		if (dup_anon_vma(vma, next)) {
			vmg->state = VMA_MERGE_ERROR_NOMEM;
			return -ENOMEM;
		}
	}
	/* Only growing, and into free space or over next entirely. */
	VM_WARN_ON(next && !remove_next && next != vma && vmg->end > next->vm_start);
	VM_WARN_ON(vma->vm_start < vmg->start || vma->vm_end > vmg->end);

	commit_merge(vmg, NULL, remove_next ? next : NULL, NULL, 0, true);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Splitting, and changing part of a VMA                                   */

/**
 * __split_vma - cut @vma in two at @addr
 * @vmi: the iterator; left standing on @vma
 * @vma: the VMA, vm_start < @addr < vm_end
 * @addr: a page-aligned address
 * @new_below: the new VMA is the lower part (else the upper part)
 *
 * @vma keeps the other part. The new VMA is a copy with the same anon_vmas
 * (anon_vma_clone) and a file reference; the upper part's vm_pgoff advances
 * by the pages of the lower part, so page->index stays right in both.
 * Does not check max_map_count (split_vma() does). A hugetlb VMA splits
 * only at a huge page boundary (Linux: its vm_ops->may_split). Returns 0,
 * -EINVAL or -ENOMEM.
 */
int __split_vma(struct vma_iterator *vmi, struct vm_area_struct *vma, unsigned long addr,
		int new_below)
{
	struct vma_prepare vp;
	struct vm_area_struct *new;

	WARN_ON(vma->vm_start >= addr);
	WARN_ON(vma->vm_end <= addr);

	if (is_vm_hugetlb_page(vma)) {
		int err = hugetlb_vm_op_split(vma, addr);

		if (err)
			return err;
	}

	new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;
	if (new_below) {
		new->vm_end = addr;
	} else {
		new->vm_start = addr;
		new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	}
	if (anon_vma_clone(new, vma)) {
		vm_area_free(new);
		return -ENOMEM;
	}
	if (new->vm_file)
		get_file(new->vm_file);

	init_vma_prep(&vp, vma);
	vp.insert = new;
	vma_prepare(&vp);
	if (new_below) {
		vma->vm_start = addr;
		vma->vm_pgoff += (addr - new->vm_start) >> PAGE_SHIFT;
	} else {
		vma->vm_end = addr;
	}
	vma_complete(&vp, vmi, vma->vm_mm);	/* links new */

	if (new_below)
		vma_next(vmi);
	else
		vma_prev(vmi);
	return 0;
}

/* split_vma - __split_vma(), unless the mm already has the most VMAs it may. */
int split_vma(struct vma_iterator *vmi, struct vm_area_struct *vma, unsigned long addr,
	      int new_below)
{
	if (vma->vm_mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	return __split_vma(vmi, vma, addr, new_below);
}

/*
 * vma_modify - get [vmg->start, vmg->end) of vmg->vma ready for new
 * attributes: merge it with a neighbour they will match, else split it out
 * of the VMA. Returns the VMA that covers exactly the range (the merged
 * one, or vmg->vma after the splits), or an ERR_PTR.
 */
static struct vm_area_struct *vma_modify(struct vma_merge_struct *vmg)
{
	struct vm_area_struct *vma = vmg->vma, *merged;
	unsigned long start = vmg->start, end = vmg->end;
	int err;

	merged = vma_merge_existing_range(vmg);
	if (merged)
		return merged;
	if (vmg_nomem(vmg))
		return ERR_PTR(-ENOMEM);

	if (vma->vm_start < start) {
		err = split_vma(vmg->vmi, vma, start, 1);
		if (err)
			return ERR_PTR(err);
	}
	if (vma->vm_end > end) {
		err = split_vma(vmg->vmi, vma, end, 0);
		if (err)
			return ERR_PTR(err);
	}
	return vma;
}

/**
 * vma_modify_flags - get [@start, @end) of @vma ready to take @new_flags
 * @vmi: the iterator, standing on @vma
 * @prev: the VMA before @start (@vma itself if @start is inside it), or NULL
 * @vma: the VMA containing [@start, @end)
 * @start: start of the range
 * @end: end of the range, at most vma->vm_end
 * @new_flags: the flags the range will have
 *
 * For mprotect and madvise. Returns the VMA that now covers exactly the
 * range (the caller sets its vm_flags), or an ERR_PTR.
 */
struct vm_area_struct *vma_modify_flags(struct vma_iterator *vmi, struct vm_area_struct *prev,
					struct vm_area_struct *vma, unsigned long start,
					unsigned long end, unsigned long new_flags)
{
	VMG_VMA_STATE(vmg, vmi, prev, vma, start, end);

	vmg.flags = new_flags;
	return vma_modify(&vmg);
}

/**
 * vma_merge_extend - grow @vma by @delta bytes into the free space after it
 * @vmi: an iterator at vma->vm_end
 * @vma: the VMA
 * @delta: bytes
 *
 * mremap's growing in place: the new range merges into @vma, and with the
 * next VMA too if that starts right at the new end and matches. Returns
 * the VMA that covers the range, or NULL (no memory).
 */
struct vm_area_struct *vma_merge_extend(struct vma_iterator *vmi, struct vm_area_struct *vma,
					unsigned long delta)
{
	VMG_VMA_STATE(vmg, vmi, vma, vma, vma->vm_end, vma->vm_end + delta);

	vmg.next = vma_iter_next_rewind(vmi, NULL);
	vmg.vma = NULL;	/* vma only filled in the attributes: the range is new */
	return vma_merge_new_range(&vmg);
}

/* ---------------------------------------------------------------------- */
/* mremap's copy                                                           */

/**
 * copy_vma - a VMA for [@addr, @addr + @len) like *@vmap, for mremap to move into
 * @vmap: the source VMA (updated if the source merged into the new one)
 * @addr: the destination start (a free range)
 * @len: the length
 * @pgoff: the page offset of the moved range in the source
 * @keep_source: the source stays mapped (MREMAP_DONTUNMAP)
 *
 * The destination keeps the source's page offsets, so that the moved
 * pages' page->index still matches (vma_address() finds them there); it
 * merges with a neighbour if it can. A never-faulted anonymous VMA has no
 * such pages and takes pgoff = @addr >> PAGE_SHIFT instead, which may even
 * let it merge with the source itself -- unless the source is kept.
 * Returns the VMA or NULL (-ENOMEM).
 */
struct vm_area_struct *copy_vma(struct vm_area_struct **vmap, unsigned long addr,
				unsigned long len, pgoff_t pgoff, bool keep_source)
{
	struct vm_area_struct *vma = *vmap, *new_vma;
	unsigned long vma_start = vma->vm_start;
	struct mm_struct *mm = vma->vm_mm;
	bool faulted_in_anon_vma = true;
	VMA_ITERATOR(vmi, mm, addr);
	VMG_VMA_STATE(vmg, &vmi, NULL, vma, addr, addr + len);

	if (vma_is_anonymous(vma) && !vma->anon_vma) {
		pgoff = addr >> PAGE_SHIFT;
		faulted_in_anon_vma = false;
	}

	new_vma = find_vma_prev(mm, addr, &vmg.prev);
	if (new_vma && new_vma->vm_start < addr + len)
		return NULL;	/* the caller unmapped the range: cannot happen */

	vmg.vma = NULL;	/* a new range */
	vmg.pgoff = pgoff;
	vmg.next = vma_iter_next_rewind(&vmi, NULL);
	/* A kept source must stay a VMA of its own: no self-merge. */
	if (!faulted_in_anon_vma && keep_source) {
		if (vmg.prev == vma)
			vmg.prev = NULL;
		if (vmg.next == vma)
			vmg.next = NULL;
		faulted_in_anon_vma = true;
	}
	new_vma = vma_merge_new_range(&vmg);
	if (new_vma) {
		/* The source may have merged into the new VMA. */
		if (vma_start >= new_vma->vm_start && vma_start < new_vma->vm_end) {
			VM_BUG_ON(faulted_in_anon_vma);
			*vmap = new_vma;
		}
		return new_vma;
	}

	new_vma = vm_area_dup(vma);
	if (!new_vma)
		return NULL;
	vma_set_range(new_vma, addr, addr + len, pgoff);
	if (anon_vma_clone(new_vma, vma)) {
		vm_area_free(new_vma);
		return NULL;
	}
	if (new_vma->vm_file)
		get_file(new_vma->vm_file);
	vma_link(mm, new_vma);
	return new_vma;
}

/*
 * anon_vma_compatible - could @b's pages live in @a's anon_vma? @b must
 * follow @a directly, in the same file, with the same flags apart from
 * the access bits, at the page offset that continues @a's (so a later
 * mprotect could merge the two).
 */
static bool anon_vma_compatible(struct vm_area_struct *a, struct vm_area_struct *b)
{
	return a->vm_end == b->vm_start && a->vm_file == b->vm_file &&
	       !((a->vm_flags ^ b->vm_flags) & ~(VM_ACCESS_FLAGS | VM_SOFTDIRTY)) &&
	       b->vm_pgoff == a->vm_pgoff + ((b->vm_start - a->vm_start) >> PAGE_SHIFT);
}

/*
 * reusable_anon_vma - @old's anon_vma, if @a and @b are compatible and
 * @old has only that one chain (it was never forked: its anon_vma holds
 * nothing of another process).
 */
static struct anon_vma *reusable_anon_vma(struct vm_area_struct *old, struct vm_area_struct *a,
					  struct vm_area_struct *b)
{
	if (anon_vma_compatible(a, b) && old->anon_vma && list_is_singular(&old->anon_vma_chain))
		return old->anon_vma;
	return NULL;
}

/**
 * find_mergeable_anon_vma - an anon_vma of a neighbour @vma may share
 * @vma: a VMA about to get its first anonymous page
 *
 * Sharing keeps the two VMAs mergeable later (is_mergeable_anon_vma) at
 * the price of a slightly wider rmap walk. The next VMA is tried first,
 * then the previous one.
 */
struct anon_vma *find_mergeable_anon_vma(struct vm_area_struct *vma)
{
	struct anon_vma *anon_vma = NULL;

	if (vma->vm_next)
		anon_vma = reusable_anon_vma(vma->vm_next, vma, vma->vm_next);
	if (!anon_vma && vma->vm_prev)
		anon_vma = reusable_anon_vma(vma->vm_prev, vma->vm_prev, vma);
	return anon_vma;
}
