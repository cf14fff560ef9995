// SPDX-License-Identifier: GPL-2.0
/*
 * vma.c - changing the set of VMAs: linking a VMA into an mm (and a file
 * VMA into its file's i_mmap tree), adjusting a VMA's bounds, merging
 * neighbours and splitting a VMA in two. Linux 6.12 keeps these in
 * mm/vma.c; their 5.x shapes, as Pagoda has them (the VMA list and
 * rbtree, no maple tree), were in mm/mmap.c, which calls them here.
 *
 *   vma_link()/__vma_unlink()  put a VMA into / take it out of both
 *                              indexes (and vma_link() a file VMA into its
 *                              file's i_mmap tree; unlink_file_vma() takes
 *                              it out when it is unmapped)
 *   __vma_adjust()             move a VMA's bounds, and (for vma_merge)
 *                              swallow or shift the next VMA, keeping
 *                              vm_pgoff, the i_mmap trees and the anon_vma
 *                              interval trees right
 *   __split_vma()              cut a VMA in two at a page boundary
 *   vma_merge()                Linux's eight merge cases (see its comment)
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/file.h>
#include "vma.h"

/* ---------------------------------------------------------------------- */
/* Linking and unlinking                                                   */

/* Linux: mm/util.c. */
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

/* Linux: mm/util.c. */
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

static void __vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
		       struct vm_area_struct *prev, struct rb_node **rb_link,
		       struct rb_node *rb_parent)
{
	__vma_link_list(mm, vma, prev);
	rb_link_node(&vma->vm_rb, rb_parent, rb_link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
}

/* __vma_link_file - put a file VMA into its file's i_mmap tree (i_mmap_rwsem held). */
static void __vma_link_file(struct vm_area_struct *vma)
{
	if (vma->vm_file)
		vma_interval_tree_insert(vma, &file_mapping(vma->vm_file)->i_mmap);
}

/* vma_link - add @vma at the place find_vma_links() found, and to its file's i_mmap. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma,
	      struct vm_area_struct *prev, struct rb_node **rb_link,
	      struct rb_node *rb_parent)
{
	struct address_space *mapping = vma->vm_file ? file_mapping(vma->vm_file) : NULL;

	if (mapping)
		i_mmap_lock_write(mapping);
	__vma_link(mm, vma, prev, rb_link, rb_parent);
	__vma_link_file(vma);
	if (mapping)
		i_mmap_unlock_write(mapping);
	mm->map_count++;
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
	vma_interval_tree_remove(vma, &mapping->i_mmap);
	i_mmap_unlock_write(mapping);
}

/* __insert_vm_struct - link a VMA whose range is known to be free (not into i_mmap). */
static void __insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;
	struct rb_node **rb_link, *rb_parent;

	if (find_vma_links(mm, vma->vm_start, vma->vm_end, &prev, &rb_link, &rb_parent))
		BUG();
	__vma_link(mm, vma, prev, rb_link, rb_parent);
	mm->map_count++;
}

/**
 * insert_vm_struct - add a new VMA (exec's stack) to @mm
 * @mm: the address space
 * @vma: the VMA, with vm_start, vm_end and vm_flags set
 *
 * An anonymous VMA gets vm_pgoff = vm_start >> PAGE_SHIFT, as in do_mmap,
 * so that it merges and splits like any other. Returns 0, or -ENOMEM if
 * the range overlaps a VMA.
 */
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev;
	struct rb_node **rb_link, *rb_parent;

	if (find_vma_links(mm, vma->vm_start, vma->vm_end, &prev, &rb_link, &rb_parent))
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) && security_vm_enough_memory_mm(mm, vma_pages(vma)))
		return -ENOMEM;
	if (vma_is_anonymous(vma)) {
		BUG_ON(vma->anon_vma);
		vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	}
	vma_link(mm, vma, prev, rb_link, rb_parent);
	return 0;
}

static void __vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	__vma_unlink_list(mm, vma);
}

/* ---------------------------------------------------------------------- */
/* Adjusting, merging and splitting                                        */

/**
 * __vma_adjust - change a VMA's range, with the neighbour work merging needs
 * @vma: the VMA to change
 * @start: its new start
 * @end: its new end
 * @pgoff: its new vm_pgoff (the page offset of @start)
 * @insert: __split_vma's new half, linked here once @vma shrank; or NULL
 * @expand: the VMA vma_merge() grows (@vma, or the next one in case 8)
 *
 * Without @insert, the new range may reach into the next VMA(s):
 *   - end covers next entirely (merge cases 1, 6, 7): next is removed,
 *     and for case 6 the one after it too (a second pass);
 *   - @expand is next (case 8): @vma itself is removed and next grows down;
 *   - end falls inside next (case 5): next's start moves up to @end;
 *   - end is below vma's end (case 4): next's start moves down to @end.
 * Whichever VMA takes over pages of the other (the importer) gets its
 * anon_vma first (anon_vma_clone), and every VMA whose range or pgoff moves
 * is taken out of its file's i_mmap and its anon_vmas' interval trees and
 * put back around the change (under i_mmap_rwsem, then the anon_vma lock,
 * Linux's order). @insert joins i_mmap here, a removed VMA leaves it.
 * Returns 0 or -ENOMEM.
 */
static int __vma_adjust(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			pgoff_t pgoff, struct vm_area_struct *insert,
			struct vm_area_struct *expand)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *next = vma->vm_next;
	struct file *file = vma->vm_file;
	struct address_space *mapping = file ? file_mapping(vma->vm_file) : NULL;
	struct anon_vma *anon_vma;
	long adjust_next = 0;
	int remove_next = 0;

	if (next && !insert) {
		struct vm_area_struct *exporter = NULL, *importer = NULL;

		if (end >= next->vm_end) {
			if (next == expand) {
				/* Case 8: remove vma; next grows down over it. */
				VM_WARN_ON(end != next->vm_end);
				remove_next = 3;
				swap(vma, next);
			} else {
				/* Cases 1, 7: remove next; case 6: and the one after. */
				VM_WARN_ON(expand != vma);
				remove_next = 1 + (end > next->vm_end);
				end = next->vm_end;	/* case 6: the first pass */
			}
			exporter = next;
			importer = vma;
			/* Case 6: take the anon_vma from the VMA after next if next has none. */
			if (remove_next == 2 && !next->anon_vma)
				exporter = next->vm_next;
		} else if (end > next->vm_start) {
			/* Case 5: vma grows over the head of next. */
			adjust_next = end - next->vm_start;
			exporter = next;
			importer = vma;
		} else if (end < vma->vm_end) {
			/* Case 4: vma shrinks and next grows down over its tail. */
			adjust_next = -(long)(vma->vm_end - end);
			exporter = vma;
			importer = next;
		}

		/* The VMA taking over pages must be on their anon_vma. */
		if (exporter && exporter->anon_vma && !importer->anon_vma) {
			int error;

			importer->anon_vma = exporter->anon_vma;
			error = anon_vma_clone(importer, exporter);
			if (error)
				return error;
		}
	}
again:
	if (mapping) {
		i_mmap_lock_write(mapping);
		if (insert)
			__vma_link_file(insert);
	}
	anon_vma = vma->anon_vma;
	if (!anon_vma && adjust_next)
		anon_vma = next->anon_vma;
	if (anon_vma) {
		VM_WARN_ON(adjust_next && next->anon_vma && anon_vma != next->anon_vma);
		anon_vma_lock_write(anon_vma);
		anon_vma_interval_tree_pre_update_vma(vma);
		if (adjust_next)
			anon_vma_interval_tree_pre_update_vma(next);
	}
	if (mapping) {
		vma_interval_tree_remove(vma, &mapping->i_mmap);
		if (adjust_next)
			vma_interval_tree_remove(next, &mapping->i_mmap);
	}

	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = pgoff;
	if (adjust_next) {
		next->vm_start += adjust_next;
		next->vm_pgoff += adjust_next >> PAGE_SHIFT;
	}

	if (mapping) {
		if (adjust_next)
			vma_interval_tree_insert(next, &mapping->i_mmap);
		vma_interval_tree_insert(vma, &mapping->i_mmap);
	}
	if (remove_next) {
		__vma_unlink(mm, next);
		if (mapping)
			vma_interval_tree_remove(next, &mapping->i_mmap);
	} else if (insert) {
		__insert_vm_struct(mm, insert);	/* before or after vma: the split's other half */
	}

	if (anon_vma) {
		anon_vma_interval_tree_post_update_vma(vma);
		if (adjust_next)
			anon_vma_interval_tree_post_update_vma(next);
		anon_vma_unlock_write(anon_vma);
	}
	if (mapping)
		i_mmap_unlock_write(mapping);

	if (remove_next) {
		if (file)
			fput(file);
		if (next->anon_vma)
			anon_vma_merge(vma, next);
		mm->map_count--;
		vm_area_free(next);
		if (remove_next == 2) {
			/* Case 6: now swallow the VMA after the removed one. */
			remove_next = 1;
			next = vma->vm_next;
			end = next->vm_end;
			goto again;
		}
	}
	return 0;
}

static int vma_adjust(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		      pgoff_t pgoff, struct vm_area_struct *insert)
{
	return __vma_adjust(vma, start, end, pgoff, insert, NULL);
}

/**
 * vma_adjust_trans - move @vma's bounds to [@start, @end), @start at page @pgoff
 * @vma: the VMA
 * @start: new start
 * @end: new end
 * @pgoff: new vm_pgoff
 *
 * Linux's vma_adjust(vma, start, end, pgoff, NULL) for callers that only
 * grow a VMA into free space or shrink its start (mremap growing in place,
 * exec moving the stack): no neighbour is touched, so it cannot fail.
 */
void vma_adjust_trans(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		      pgoff_t pgoff)
{
	WARN_ON(vma_adjust(vma, start, end, pgoff, NULL));
}

/*
 * is_mergeable_vma - may @vma absorb a range with @file and @vm_flags?
 * VM_SOFTDIRTY does not count: the merged VMA is marked soft-dirty anyway.
 */
static bool is_mergeable_vma(struct vm_area_struct *vma, struct file *file,
			     unsigned long vm_flags)
{
	if ((vma->vm_flags ^ vm_flags) & ~VM_MERGE_IGNORE)
		return false;
	return vma->vm_file == file;
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

/* can_vma_merge_before - may a range ending at @vma's start, at page @vm_pgoff, join @vma? */
static bool can_vma_merge_before(struct vm_area_struct *vma, unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file, pgoff_t vm_pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma, vma) &&
	       vma->vm_pgoff == vm_pgoff;
}

/* can_vma_merge_after - may a range starting at @vma's end, at page @vm_pgoff, join @vma? */
static bool can_vma_merge_after(struct vm_area_struct *vma, unsigned long vm_flags,
				struct anon_vma *anon_vma, struct file *file, pgoff_t vm_pgoff)
{
	return is_mergeable_vma(vma, file, vm_flags) &&
	       is_mergeable_anon_vma(anon_vma, vma->anon_vma, vma) &&
	       vma->vm_pgoff + vma_pages(vma) == vm_pgoff;
}

/**
 * vma_merge - merge [@addr, @end) with its neighbours if they are compatible
 * @mm: the address space
 * @prev: the VMA before @addr (or containing it, for mprotect/madvise), or NULL
 * @addr: start of the range
 * @end: end of the range
 * @vm_flags: the range's flags
 * @anon_vma: the range's anon_vma (NULL for a new mapping)
 * @file: the range's file (NULL for anonymous memory)
 * @pgoff: the range's page offset
 *
 * The range is new (mmap, brk, mremap: unmapped so far) or part of an
 * existing VMA getting new flags (mprotect, madvise). In the pictures, the
 * range is AAAA, P is prev, N is next and C the VMA the range is part of;
 * X is a removed C overwritten by its neighbour:
 *
 *     AAAA             AAAA                   AAAA
 *    PPPPPPNNNNNN    PPPPPPNNNNNN       PPPPPPCCCCCC
 *    cannot merge    might become       might become
 *                    PPNNNNNNNNNN       PPPPPPPPPPCC
 *    mmap, brk or    case 4 below       case 5 below
 *    mremap move:
 *                        AAAA               AAAA
 *                    PPPP    NNNN       PPPPCCCCNNNN
 *                    might become       might become
 *                    PPPPPPPPPPPP 1 or  PPPPPPPPPPPP 6 or
 *                    PPPPPPPPNNNN 2 or  PPPPPPPPXXXX 7 or
 *                    PPPPNNNNNNNN 3     PPPPXXXXNNNN 8
 *
 * A neighbour merges if its flags and file match, the page offsets are
 * contiguous, and the anon_vmas are compatible (is_mergeable_anon_vma);
 * prev and next together only if their own anon_vmas are too. Returns the
 * VMA now covering the range, or NULL if nothing merged.
 */
struct vm_area_struct *vma_merge(struct mm_struct *mm, struct vm_area_struct *prev,
				 unsigned long addr, unsigned long end, unsigned long vm_flags,
				 struct anon_vma *anon_vma, struct file *file, pgoff_t pgoff)
{
	pgoff_t pglen = (end - addr) >> PAGE_SHIFT;
	struct vm_area_struct *area, *next;
	int err;

	if (vm_flags & VM_SPECIAL)
		return NULL;

	next = vma_next(mm, prev);
	area = next;
	if (area && area->vm_end == end)	/* cases 6, 7, 8 */
		next = next->vm_next;

	VM_WARN_ON(prev && addr <= prev->vm_start);
	VM_WARN_ON(area && end > area->vm_end);
	VM_WARN_ON(addr >= end);

	/* Can it merge with the predecessor? */
	if (prev && prev->vm_end == addr &&
	    can_vma_merge_after(prev, vm_flags, anon_vma, file, pgoff)) {
		/* And with the successor as well? */
		if (next && end == next->vm_start &&
		    can_vma_merge_before(next, vm_flags, anon_vma, file, pgoff + pglen) &&
		    is_mergeable_anon_vma(prev->anon_vma, next->anon_vma, NULL)) {
			/* cases 1, 6 */
			err = __vma_adjust(prev, prev->vm_start, next->vm_end, prev->vm_pgoff,
					   NULL, prev);
		} else {
			/* cases 2, 5, 7 */
			err = __vma_adjust(prev, prev->vm_start, end, prev->vm_pgoff, NULL, prev);
		}
		return err ? NULL : prev;
	}

	/* Can it merge with the successor? */
	if (next && end == next->vm_start &&
	    can_vma_merge_before(next, vm_flags, anon_vma, file, pgoff + pglen)) {
		if (prev && addr < prev->vm_end) {
			/* case 4 */
			err = __vma_adjust(prev, prev->vm_start, addr, prev->vm_pgoff, NULL, next);
		} else {
			/* cases 3, 8: in case 8 area goes and next grows down over it */
			err = __vma_adjust(area, addr, next->vm_end, next->vm_pgoff - pglen,
					   NULL, next);
			area = next;
		}
		return err ? NULL : area;
	}
	return NULL;
}

/**
 * __split_vma - cut @vma in two at @addr
 * @mm: the address space
 * @vma: the VMA, vm_start < @addr < vm_end
 * @addr: a page-aligned address
 * @new_below: the new VMA is the lower part (else the upper part)
 *
 * @vma keeps the other part. The new VMA is a copy with the same anon_vmas
 * (anon_vma_clone) and a file reference; the upper part's vm_pgoff advances
 * by the pages of the lower part, so page->index stays right in both.
 */
int __split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		int new_below)
{
	struct vm_area_struct *new;
	int err;

	new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;

	if (new_below) {
		new->vm_end = addr;
	} else {
		new->vm_start = addr;
		new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	}

	err = anon_vma_clone(new, vma);
	if (err)
		goto out_free_vma;
	if (new->vm_file)
		get_file(new->vm_file);

	if (new_below)
		err = vma_adjust(vma, addr, vma->vm_end,
				 vma->vm_pgoff + ((addr - new->vm_start) >> PAGE_SHIFT), new);
	else
		err = vma_adjust(vma, vma->vm_start, addr, vma->vm_pgoff, new);
	if (!err)
		return 0;

	if (new->vm_file)
		fput(new->vm_file);
	unlink_anon_vmas(new);
out_free_vma:
	vm_area_free(new);
	return err;
}

/* split_vma - __split_vma(), unless @mm already has the maximum number of VMAs. */
static int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr,
		     int new_below)
{
	if (mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	return __split_vma(mm, vma, addr, new_below);
}

/**
 * vma_modify_flags - prepare [@start, @end) of @vma to take @new_flags
 * @prev: the VMA before @start (@vma itself if @start is inside it), or NULL
 * @vma: the VMA containing [@start, @end)
 * @start: start of the range
 * @end: end of the range, at most vma->vm_end
 * @new_flags: the flags the range will have
 *
 * mprotect and madvise share this (Linux 6.x's vma_modify_flags()): merge
 * the range into a neighbour if it then matches one, else split it out of
 * @vma. Returns the VMA that now covers exactly the range (the caller sets
 * its vm_flags), or an ERR_PTR.
 */
struct vm_area_struct *vma_modify_flags(struct vm_area_struct *prev, struct vm_area_struct *vma,
					unsigned long start, unsigned long end,
					unsigned long new_flags)
{
	pgoff_t pgoff = vma->vm_pgoff + ((start - vma->vm_start) >> PAGE_SHIFT);
	struct vm_area_struct *merged;
	int err;

	merged = vma_merge(vma->vm_mm, prev, start, end, new_flags, vma->anon_vma,
			   vma->vm_file, pgoff);
	if (merged)
		return merged;

	if (vma->vm_start < start) {
		err = split_vma(vma->vm_mm, vma, start, 1);
		if (err)
			return ERR_PTR(err);
	}
	if (vma->vm_end > end) {
		err = split_vma(vma->vm_mm, vma, end, 0);
		if (err)
			return ERR_PTR(err);
	}
	return vma;
}
