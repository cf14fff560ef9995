// SPDX-License-Identifier: GPL-2.0
/*
 * mmap.c - the VMA layer: a process's address space as a set of
 * vm_area_structs, and the mmap/munmap/brk system calls. Mirrors
 * mm/mmap.c of Linux 6.12, with the VMAs of an mm kept twice, as before
 * the maple tree (v6.1):
 *
 *   mm->mmap    a list sorted by address (vm_next/vm_prev): walking
 *               neighbours, unmapping ranges
 *   mm->mm_rb   a red-black tree keyed by address (vm_rb): find_vma()
 *               and the VMA iterator's steps (vma_find(), vma_prev()...)
 *               in O(log n); augmented with each subtree's largest free
 *               gap (rb_subtree_gap), the free-area search too
 *
 * Merging, splitting and linking are in mm/vma.c, as in Linux 6.12.
 *
 * Placement is top-down from mm->mmap_base (arch_pick_mmap_layout: 128 MiB
 * below the stack top, no randomisation). Page tables are not touched here:
 * unmap_vmas()/free_pgtables() (mm/memory.c) empty and free them, and
 * handle_mm_fault() fills them on demand. See docs/address-space.md.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/ksm.h>
#include <linux/mm.h>
#include <linux/capability.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/shmem_fs.h>
#include <linux/syscalls.h>
#include <uapi/linux/mman.h>
#include <linux/hugetlb.h>
#include <uapi/linux/stat.h>
#include <asm-generic/tlb.h>
#include "internal.h"

/* Linux: security/min_addr.c (CONFIG_DEFAULT_MMAP_MIN_ADDR); /proc/sys/vm/mmap_min_addr. */
unsigned long mmap_min_addr = 65536;
int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
unsigned long stack_guard_gap = 256UL << PAGE_SHIFT;

/* The bottom-up search starts here when top-down finds no room (x86). */
#define TASK_UNMAPPED_BASE	PAGE_ALIGN(TASK_SIZE / 3)

/*
 * protection_map - the PTE protection of each VM_READ/WRITE/EXEC/SHARED
 * combination (x86-64: arch/x86/mm/pgprot.c). A private writable mapping
 * gets read-only PTEs (PAGE_COPY): its first write faults, and the fault
 * handler either makes an exclusive anonymous page writable or copies.
 * Execute permission is the absence of NX.
 */
static const unsigned long protection_map[16] = {
	[VM_NONE]					= __PAGE_NONE,
	[VM_READ]					= __PAGE_READONLY,
	[VM_WRITE]					= __PAGE_COPY,
	[VM_WRITE | VM_READ]				= __PAGE_COPY,
	[VM_EXEC]					= __PAGE_READONLY_EXEC,
	[VM_EXEC | VM_READ]				= __PAGE_READONLY_EXEC,
	[VM_EXEC | VM_WRITE]				= __PAGE_COPY_EXEC,
	[VM_EXEC | VM_WRITE | VM_READ]			= __PAGE_COPY_EXEC,
	[VM_SHARED]					= __PAGE_NONE,
	[VM_SHARED | VM_READ]				= __PAGE_READONLY,
	[VM_SHARED | VM_WRITE]				= __PAGE_SHARED,
	[VM_SHARED | VM_WRITE | VM_READ]		= __PAGE_SHARED,
	[VM_SHARED | VM_EXEC]				= __PAGE_READONLY_EXEC,
	[VM_SHARED | VM_EXEC | VM_READ]			= __PAGE_READONLY_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE]		= __PAGE_SHARED_EXEC,
	[VM_SHARED | VM_EXEC | VM_WRITE | VM_READ]	= __PAGE_SHARED_EXEC,
};

/* vm_get_page_prot - the PTE protection for @vm_flags (without NX if the CPU lacks it). */
pgprot_t vm_get_page_prot(unsigned long vm_flags)
{
	unsigned long prot = protection_map[vm_flags & (VM_READ | VM_WRITE | VM_EXEC | VM_SHARED)];

	return __pgprot(prot & __supported_pte_mask);	/* arch_filter_pgprot() */
}

/* vma_set_page_prot - recompute vm_page_prot after vm_flags changed. */
void vma_set_page_prot(struct vm_area_struct *vma)
{
	vma->vm_page_prot = vm_get_page_prot(vma->vm_flags);
}

/* ---------------------------------------------------------------------- */
/* The vm_area_struct cache. Linux keeps these four in kernel/fork.c.      */

static struct kmem_cache *vm_area_cachep;

static int __init vm_area_cache_init(void)
{
	vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct), 0,
					   SLAB_PANIC, NULL);
	return 0;
}
core_initcall(vm_area_cache_init);

/* vm_area_alloc - a zeroed VMA of @mm, not yet in any tree. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	struct vm_area_struct *vma = kmem_cache_zalloc(vm_area_cachep, GFP_KERNEL);

	if (vma) {
		vma->vm_mm = mm;
		INIT_LIST_HEAD(&vma->anon_vma_chain);
		RB_CLEAR_NODE(&vma->vm_rb);	/* not linked yet: vma_iter_store() links it */
	}
	return vma;
}

/*
 * vm_area_dup - a copy of @orig, unlinked: the caller links it into a tree,
 * chains it to anon_vmas (anon_vma_clone/anon_vma_fork) and takes a file
 * reference.
 */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig)
{
	struct vm_area_struct *new = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);

	if (new) {
		*new = *orig;
		INIT_LIST_HEAD(&new->anon_vma_chain);
		new->vm_next = new->vm_prev = NULL;
		RB_CLEAR_NODE(&new->vm_rb);
	}
	return new;
}

void vm_area_free(struct vm_area_struct *vma)
{
	kmem_cache_free(vm_area_cachep, vma);
}

/* ---------------------------------------------------------------------- */
/* Accounting                                                              */

static bool is_exec_mapping(unsigned long flags)
{
	return (flags & (VM_EXEC | VM_WRITE | VM_STACK)) == VM_EXEC;
}

static bool is_stack_mapping(unsigned long flags)
{
	return (flags & VM_STACK) == VM_STACK;
}

static bool is_data_mapping(unsigned long flags)
{
	return (flags & (VM_WRITE | VM_SHARED | VM_STACK)) == VM_WRITE;
}

/* vm_stat_account - @npages more (or fewer) pages of kind @flags in @mm's Vm* counters. */
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages)
{
	mm->total_vm += npages;
	if (is_exec_mapping(flags))
		mm->exec_vm += npages;
	else if (is_stack_mapping(flags))
		mm->stack_vm += npages;
	else if (is_data_mapping(flags))
		mm->data_vm += npages;
}

/* may_expand_vm - may @mm map @npages more pages of kind @flags (RLIMIT_AS, RLIMIT_DATA)? */
bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages)
{
	if (mm->total_vm + npages > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return false;
	if (is_data_mapping(flags) && mm->data_vm + npages > rlimit(RLIMIT_DATA) >> PAGE_SHIFT)
		return false;
	return true;
}

/**
 * mlock_future_ok - may @mm lock @bytes more, if @flags ask for VM_LOCKED?
 * @mm: the address space
 * @flags: the new VMA's flags
 * @bytes: its size
 *
 * Within RLIMIT_MEMLOCK, or always with CAP_IPC_LOCK.
 */
bool mlock_future_ok(struct mm_struct *mm, unsigned long flags, unsigned long bytes)
{
	unsigned long locked_pages, limit_pages;

	if (!(flags & VM_LOCKED) || capable(CAP_IPC_LOCK))
		return true;
	locked_pages = (bytes >> PAGE_SHIFT) + mm->locked_vm;
	limit_pages = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	return locked_pages <= limit_pages;
}

/* ---------------------------------------------------------------------- */
/* Looking VMAs up                                                         */

/**
 * find_vma - the first VMA that ends above @addr
 * @mm: the address space
 * @addr: a user address
 *
 * The VMA may contain @addr or lie entirely above it (the caller checks
 * vma->vm_start <= addr). NULL if every VMA ends at or below @addr.
 */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *rb_node = mm->mm_rb.rb_node;
	struct vm_area_struct *vma = NULL;

	while (rb_node) {
		struct vm_area_struct *tmp = rb_entry(rb_node, struct vm_area_struct, vm_rb);

		if (tmp->vm_end > addr) {
			vma = tmp;
			if (tmp->vm_start <= addr)
				break;
			rb_node = rb_node->rb_left;
		} else {
			rb_node = rb_node->rb_right;
		}
	}
	return vma;
}

/* find_vma_prev - find_vma(), and in *@pprev the VMA before it (the last one if none). */
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (vma) {
		*pprev = vma->vm_prev;
	} else {
		struct rb_node *rb_node = rb_last(&mm->mm_rb);

		*pprev = rb_node ? rb_entry(rb_node, struct vm_area_struct, vm_rb) : NULL;
	}
	return vma;
}

/* find_vma_intersection - the first VMA overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && end <= vma->vm_start)
		vma = NULL;
	return vma;
}

/*
 * The VMA iterator. Linux's steps are maple-tree walks; Pagoda's stand on
 * a range of addresses (a VMA or a gap) and find the next one in mm_rb.
 */

/*
 * vma_iter_stand - stand on the range that holds vmi->index, given
 * find_vma_prev()'s answer for it: @vma (the first VMA ending above it)
 * and @prev (the VMA before). Returns @vma if it holds the address, else
 * NULL for the gap between @prev and @vma.
 */
static struct vm_area_struct *vma_iter_stand(struct vma_iterator *vmi, struct vm_area_struct *vma,
					     struct vm_area_struct *prev)
{
	vmi->active = true;
	if (vma && vma->vm_start <= vmi->index) {
		vmi->index = vma->vm_start;
		vmi->last = vma->vm_end - 1;
		return vma;
	}
	vmi->index = prev ? prev->vm_end : 0;
	vmi->last = vma ? vma->vm_start - 1 : ULONG_MAX;
	return NULL;
}

/**
 * vma_iter_load - walk to the VMA or gap that holds vmi->index
 * @vmi: the iterator
 *
 * The iterator then stands on that range (Linux's mas_walk()). Returns
 * the VMA, or NULL for a gap.
 */
struct vm_area_struct *vma_iter_load(struct vma_iterator *vmi)
{
	struct vm_area_struct *prev, *vma = find_vma_prev(vmi->mm, vmi->index, &prev);

	return vma_iter_stand(vmi, vma, prev);
}

/**
 * vma_find - the next VMA that starts below @max
 * @vmi: the iterator
 * @max: an exclusive end
 *
 * At first, the VMA holding the start address, or the first one after it.
 * Returns NULL when there is none below @max; the iterator then stands
 * just past its range, where vma_prev() finds the last VMA it returned.
 */
struct vm_area_struct *vma_find(struct vma_iterator *vmi, unsigned long max)
{
	struct vm_area_struct *vma = NULL;

	if (!vmi->active)
		vma = vma_iter_load(vmi);
	if (!vma && vmi->last != ULONG_MAX)
		vma = find_vma(vmi->mm, vmi->last + 1);
	if (!vma || vma->vm_start >= max) {
		if (vmi->last != ULONG_MAX)
			vma_iter_set(vmi, vmi->last + 1);
		return NULL;
	}
	vmi->index = vma->vm_start;
	vmi->last = vma->vm_end - 1;
	return vma;
}

/**
 * vma_prev_limit - the VMA before the iterator's range (or before its
 * address, at first), if it ends above @min
 * @vmi: the iterator
 * @min: the lowest address that counts
 *
 * Returns NULL if there is none; the iterator then goes back to the gap
 * before its range, so that the next vma_find() returns the VMA it stood
 * on (Linux's ma_underflow).
 */
struct vm_area_struct *vma_prev_limit(struct vma_iterator *vmi, unsigned long min)
{
	struct vm_area_struct *prev;

	find_vma_prev(vmi->mm, vmi->index, &prev);
	if (!prev || prev->vm_end <= min) {
		vma_iter_set(vmi, prev ? prev->vm_end : 0);
		return NULL;
	}
	vmi->index = prev->vm_start;
	vmi->last = prev->vm_end - 1;
	vmi->active = true;
	return prev;
}

/* vma_iter_next_range - step to the range right after this one: its VMA, or NULL for a gap. */
struct vm_area_struct *vma_iter_next_range(struct vma_iterator *vmi)
{
	if (!vmi->active)
		vma_iter_load(vmi);
	if (vmi->last == ULONG_MAX)
		return NULL;
	vmi->index = vmi->last + 1;
	return vma_iter_load(vmi);
}

/* vma_iter_prev_range - step to the range right before this one: its VMA, or NULL for a gap. */
struct vm_area_struct *vma_iter_prev_range(struct vma_iterator *vmi)
{
	if (!vmi->active)
		vma_iter_load(vmi);
	if (!vmi->index)
		return NULL;
	vmi->index--;
	return vma_iter_load(vmi);
}

/**
 * vma_iter_next_rewind - the VMAs around the iterator's address
 * @vmi: the iterator, not walked yet (at the start of a new range)
 * @pprev: if not NULL, gets the VMA before the range
 *
 * Returns the next VMA (the one holding the address, or the first after
 * it); the iterator then stands on the range right after *@pprev -- the
 * gap a new range goes in, or the next VMA if it starts right there --
 * or, with no VMA before, at address 0 again, not walked yet.
 * 6.12 steps there with vma_next(), vma_prev() and vma_iter_next_range()
 * from the maple state's node; Pagoda's steps would each walk mm_rb from
 * its root, so one find_vma_prev() gives both neighbours instead.
 */
struct vm_area_struct *vma_iter_next_rewind(struct vma_iterator *vmi,
					    struct vm_area_struct **pprev)
{
	struct vm_area_struct *prev, *next;

	VM_WARN_ON(vmi->active);
	next = find_vma_prev(vmi->mm, vmi->index, &prev);
	if (prev) {
		vmi->index = prev->vm_end;
		vma_iter_stand(vmi, next, prev);
	} else {
		vma_iter_set(vmi, 0);
	}
	if (pprev)
		*pprev = prev;
	return next;
}

/*
 * find_vma_links - where a VMA for [addr, end) goes: its predecessor in
 * the list (*pprev) and its slot in the tree (*rb_link under *rb_parent).
 * -ENOMEM if an existing VMA overlaps the range.
 */
int find_vma_links(struct mm_struct *mm, unsigned long addr, unsigned long end,
		   struct vm_area_struct **pprev, struct rb_node ***rb_link,
		   struct rb_node **rb_parent)
{
	struct rb_node **__rb_link = &mm->mm_rb.rb_node, *__rb_parent = NULL, *rb_prev = NULL;

	while (*__rb_link) {
		struct vm_area_struct *vma_tmp;

		__rb_parent = *__rb_link;
		vma_tmp = rb_entry(__rb_parent, struct vm_area_struct, vm_rb);
		if (vma_tmp->vm_end > addr) {
			if (vma_tmp->vm_start < end)
				return -ENOMEM;
			__rb_link = &__rb_parent->rb_left;
		} else {
			rb_prev = __rb_parent;
			__rb_link = &__rb_parent->rb_right;
		}
	}
	*pprev = rb_prev ? rb_entry(rb_prev, struct vm_area_struct, vm_rb) : NULL;
	*rb_link = __rb_link;
	*rb_parent = __rb_parent;
	return 0;
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
	if (find_vma_intersection(mm, vma->vm_start, vma->vm_end))
		return -ENOMEM;
	if ((vma->vm_flags & VM_ACCOUNT) && security_vm_enough_memory_mm(mm, vma_pages(vma)))
		return -ENOMEM;
	if (vma_is_anonymous(vma)) {
		BUG_ON(vma->anon_vma);
		vma->vm_pgoff = vma->vm_start >> PAGE_SHIFT;
	}
	vma_link(mm, vma);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Unmapping                                                               */

/* remove_vma - free a VMA taken out of the tree; returns the next one on its list. */
static struct vm_area_struct *remove_vma(struct vm_area_struct *vma)
{
	struct vm_area_struct *next = vma->vm_next;

	if (vma->vm_file)
		fput(vma->vm_file);
	vm_area_free(vma);
	return next;
}

/* remove_vma_list - uncount (and uncharge: VM_ACCOUNT) and free a detached list of VMAs. */
static void remove_vma_list(struct mm_struct *mm, struct vm_area_struct *vma)
{
	unsigned long nr_accounted = 0;

	update_hiwater_vm(mm);
	do {
		long nrpages = vma_pages(vma);

		if (vma->vm_flags & VM_ACCOUNT)
			nr_accounted += nrpages;
		vm_stat_account(mm, vma->vm_flags, -nrpages);
		if (vma->vm_flags & VM_LOCKED)
			mm->locked_vm -= nrpages;
		vma = remove_vma(vma);
	} while (vma);
	vm_unacct_memory(nr_accounted);
}

/*
 * unmap_region - free the pages and page tables of the detached list @vma
 * ([start, end) of it), between @prev and the VMA now after it. Page tables
 * shared with those neighbours stay. Each VMA leaves its anon_vmas and its
 * file's i_mmap before its tables go, so that no rmap walk or truncation
 * finds it half torn down (Linux does this inside free_pgtables()). One
 * gather: the pages and the tables are freed after its last flush.
 */
static void unmap_region(struct mm_struct *mm, struct vm_area_struct *vma,
			 struct vm_area_struct *prev, unsigned long start, unsigned long end)
{
	struct vm_area_struct *next = prev ? prev->vm_next : mm->mmap, *tmp;
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, mm);
	update_hiwater_rss(mm);
	unmap_vmas(&tlb, vma, start, end);
	for (tmp = vma; tmp; tmp = tmp->vm_next) {
		unlink_anon_vmas(tmp);
		unlink_file_vma(tmp);
	}
	free_pgtables(&tlb, vma, prev ? prev->vm_end : FIRST_USER_ADDRESS,
		      next ? next->vm_start : USER_PGTABLES_CEILING);
	tlb_finish_mmu(&tlb);
}

/*
 * detach_vmas_to_be_unmapped - take @vma and the following VMAs that start
 * below @end out of the list and the tree, leaving them as a list of their
 * own (the last one's vm_next is NULL).
 */
static void detach_vmas_to_be_unmapped(struct mm_struct *mm, struct vm_area_struct *vma,
				       struct vm_area_struct *prev, unsigned long end)
{
	struct vm_area_struct **insertion_point = prev ? &prev->vm_next : &mm->mmap;
	struct vm_area_struct *tail_vma;

	vma->vm_prev = NULL;
	do {
		vma_rb_erase(vma, &mm->mm_rb);
		mm->map_count--;
		tail_vma = vma;
		vma = vma->vm_next;
	} while (vma && vma->vm_start < end);
	*insertion_point = vma;
	if (vma) {
		vma->vm_prev = prev;
		vma_gap_update(vma);	/* its gap now reaches down to prev */
	}
	tail_vma->vm_next = NULL;
}

/**
 * do_munmap - unmap [@start, @start + @len) of @mm
 * @mm: the address space (mmap_lock held for writing)
 * @start: page-aligned start
 * @len: length, rounded up to pages
 *
 * VMAs straddling either end are split first, so that whole VMAs are
 * detached. Unmapping a hole is not an error. Returns 0, -EINVAL for a
 * bad range, or -ENOMEM if a split fails.
 */
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len)
{
	struct vm_area_struct *vma, *prev, *last;
	unsigned long end;
	int error;
	VMA_ITERATOR(vmi, mm, start);

	if (offset_in_page(start) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	end = start + len;
	if (len == 0)
		return -EINVAL;

	vma = vma_find(&vmi, end);
	if (!vma)
		return 0;
	prev = vma->vm_prev;

	if (start > vma->vm_start) {
		/* Three pieces at most: may exceed max_map_count only by one, briefly. */
		if (end < vma->vm_end && mm->map_count >= sysctl_max_map_count)
			return -ENOMEM;
		error = __split_vma(&vmi, vma, start, 0);
		if (error)
			return error;
		prev = vma;
	}

	/* The VMA the range ends inside, if any: on along the list (6.12 walks on from vma too). */
	for (last = prev ? prev->vm_next : mm->mmap; last && last->vm_end <= end; last = last->vm_next)
		;
	if (last && end > last->vm_start) {
		error = __split_vma(&vmi, last, end, 1);
		if (error)
			return error;
	}
	vma = prev ? prev->vm_next : mm->mmap;

	detach_vmas_to_be_unmapped(mm, vma, prev, end);
	unmap_region(mm, vma, prev, start, end);
	remove_vma_list(mm, vma);
	return 0;
}

SYSCALL_DEFINE2(munmap, unsigned long, addr, size_t, len)
{
	struct mm_struct *mm = current->mm;
	int ret;

	mmap_write_lock(mm);
	ret = do_munmap(mm, addr, len);
	mmap_write_unlock(mm);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* Placement                                                               */

struct vm_unmapped_area_info {
#define VM_UNMAPPED_AREA_TOPDOWN 1
	unsigned long flags;
	unsigned long length;
	unsigned long low_limit;	/* the range to search */
	unsigned long high_limit;
};

/*
 * The free-area search. A VMA's gap is the free space below it, from
 * vm_end_gap() of the VMA before it to its vm_start_gap() (a stack's guard
 * gap stays free); the gap above the last VMA has no VMA of its own.
 * Every mm_rb subtree knows its largest gap (vma->rb_subtree_gap, kept by
 * mm/vma.c), so the search walks the tree in address order but skips any
 * subtree whose largest gap is too small: O(log n) steps, as Linux 4.x-6.0
 * did; 6.12 asks the maple tree (mas_empty_area(), mas_empty_area_rev()).
 */

/* gap_start_of - where @vma's gap starts: the end of the VMA before it. */
static unsigned long gap_start_of(struct vm_area_struct *vma)
{
	return vma->vm_prev ? vm_end_gap(vma->vm_prev) : 0;
}

/* vma_of - the VMA of an mm_rb node, or NULL. */
static struct vm_area_struct *vma_of(struct rb_node *node)
{
	return node ? rb_entry(node, struct vm_area_struct, vm_rb) : NULL;
}

/* subtree_with_gap - the VMA heading @node's subtree if a gap of @length is in it, or NULL. */
static struct vm_area_struct *subtree_with_gap(struct rb_node *node, unsigned long length)
{
	struct vm_area_struct *vma = vma_of(node);

	return vma && vma->rb_subtree_gap >= length ? vma : NULL;
}

/* last_vma_end - the start of the gap above every VMA. */
static unsigned long last_vma_end(struct mm_struct *mm)
{
	struct vm_area_struct *last = vma_of(rb_last(&mm->mm_rb));

	return last ? vm_end_gap(last) : 0;
}

/*
 * unmapped_area - the lowest gap of info->length bytes within the limits.
 *
 * A gap fits if it is long enough, ends at least length above low_limit
 * and starts at most length below high_limit. Gaps are visited lowest
 * first: down the left of every subtree that may hold a fitting gap, then
 * the VMA itself, then its right subtree, and back up to the first
 * ancestor we came to from the left. Once a gap starts too high, none
 * after it can fit.
 */
static unsigned long unmapped_area(struct mm_struct *mm, struct vm_unmapped_area_info *info)
{
	unsigned long length = info->length, low_limit, high_limit, gap_start, gap_end;
	struct vm_area_struct *vma, *child;

	if (info->high_limit < length || info->high_limit - length < info->low_limit)
		return -ENOMEM;
	high_limit = info->high_limit - length;	/* the highest start that fits */
	low_limit = info->low_limit + length;	/* the lowest end that fits */

	vma = subtree_with_gap(mm->mm_rb.rb_node, length);
	if (!vma)
		goto check_highest;
	for (;;) {
		/* Lower gaps first: the left subtree, if one of its gaps is long enough. */
		gap_end = vm_start_gap(vma);
		child = subtree_with_gap(vma->vm_rb.rb_left, length);
		if (gap_end >= low_limit && child) {
			vma = child;
			continue;
		}
		gap_start = gap_start_of(vma);
check_current:
		if (gap_start > high_limit)
			return -ENOMEM;
		if (gap_end >= low_limit && gap_end > gap_start && gap_end - gap_start >= length)
			goto found;
		child = subtree_with_gap(vma->vm_rb.rb_right, length);
		if (child) {
			vma = child;
			continue;
		}
		/* Up to the first ancestor whose left subtree we have just finished. */
		for (;;) {
			struct rb_node *prev = &vma->vm_rb;

			vma = vma_of(rb_parent(prev));
			if (!vma)
				goto check_highest;
			if (prev == vma->vm_rb.rb_left) {
				gap_start = gap_start_of(vma);
				gap_end = vm_start_gap(vma);
				goto check_current;
			}
		}
	}
check_highest:
	gap_start = last_vma_end(mm);
	if (gap_start > high_limit)
		return -ENOMEM;
found:
	return max(gap_start, info->low_limit);
}

/*
 * unmapped_area_topdown - the highest gap of info->length bytes within the
 * limits: unmapped_area() mirrored. The gap above the last VMA comes first;
 * then the right subtree of every VMA before the VMA itself and its left
 * subtree. Once a gap ends too low, none before it can fit.
 */
static unsigned long unmapped_area_topdown(struct mm_struct *mm,
					   struct vm_unmapped_area_info *info)
{
	unsigned long length = info->length, low_limit, high_limit, gap_start, gap_end;
	struct vm_area_struct *vma, *child;

	if (info->high_limit < length || info->high_limit - length < info->low_limit)
		return -ENOMEM;
	high_limit = info->high_limit - length;	/* the highest start that fits */
	low_limit = info->low_limit + length;	/* the lowest end that fits */

	gap_start = last_vma_end(mm);
	if (gap_start <= high_limit)
		return info->high_limit - length;

	vma = subtree_with_gap(mm->mm_rb.rb_node, length);
	if (!vma)
		return -ENOMEM;
	for (;;) {
		/* Higher gaps first: the right subtree, if one of its gaps is long enough. */
		gap_start = gap_start_of(vma);
		child = subtree_with_gap(vma->vm_rb.rb_right, length);
		if (gap_start <= high_limit && child) {
			vma = child;
			continue;
		}
check_current:
		gap_end = vm_start_gap(vma);
		if (gap_end < low_limit)
			return -ENOMEM;
		if (gap_start <= high_limit && gap_end > gap_start && gap_end - gap_start >= length)
			return min(gap_end, info->high_limit) - length;
		child = subtree_with_gap(vma->vm_rb.rb_left, length);
		if (child) {
			vma = child;
			continue;
		}
		/* Up to the first ancestor whose right subtree we have just finished. */
		for (;;) {
			struct rb_node *prev = &vma->vm_rb;

			vma = vma_of(rb_parent(prev));
			if (!vma)
				return -ENOMEM;
			if (prev == vma->vm_rb.rb_right) {
				gap_start = gap_start_of(vma);
				goto check_current;
			}
		}
	}
}

static unsigned long vm_unmapped_area(struct mm_struct *mm, struct vm_unmapped_area_info *info)
{
	if (info->flags & VM_UNMAPPED_AREA_TOPDOWN)
		return unmapped_area_topdown(mm, info);
	return unmapped_area(mm, info);
}

/* arch_get_unmapped_area - bottom-up placement from TASK_UNMAPPED_BASE (x86's fallback). */
static unsigned long arch_get_unmapped_area(struct mm_struct *mm, unsigned long addr,
					    unsigned long len)
{
	struct vm_unmapped_area_info info = {
		.length = len,
		.low_limit = TASK_UNMAPPED_BASE,
		.high_limit = TASK_SIZE,
	};
	struct vm_area_struct *vma;

	if (addr) {
		addr = PAGE_ALIGN(addr);
		vma = find_vma(mm, addr);
		if (TASK_SIZE - len >= addr && (!vma || addr + len <= vm_start_gap(vma)))
			return addr;
	}
	return vm_unmapped_area(mm, &info);
}

/*
 * arch_get_unmapped_area_topdown - x86-64's placement
 * (arch/x86/kernel/sys_x86_64.c): MAP_FIXED takes @addr as it is; a hint is
 * honoured if [addr, addr + len) is free; otherwise the highest free gap
 * below mm->mmap_base, and bottom-up above TASK_UNMAPPED_BASE if there is
 * none.
 */
static unsigned long arch_get_unmapped_area_topdown(struct mm_struct *mm, unsigned long addr0,
						    unsigned long len, unsigned long flags)
{
	struct vm_unmapped_area_info info = {
		.flags = VM_UNMAPPED_AREA_TOPDOWN,
		.length = len,
		.low_limit = max(PAGE_SIZE, mmap_min_addr),
		.high_limit = mm->mmap_base,
	};
	unsigned long addr = addr0;
	struct vm_area_struct *vma;

	if (flags & MAP_FIXED)
		return addr;

	if (addr) {
		addr &= PAGE_MASK;
		if (TASK_SIZE - len >= addr) {	/* mmap_address_hint_valid() */
			vma = find_vma(mm, addr);
			if (!vma || addr + len <= vm_start_gap(vma))
				return addr;
		}
	}

	addr = vm_unmapped_area(mm, &info);
	if (!offset_in_page(addr))
		return addr;
	return arch_get_unmapped_area(mm, addr0, len);
}

/**
 * get_unmapped_area - choose (or check) the address of a new mapping
 * @file: the file to map, or NULL (only a hugetlb file needs alignment:
 *        hugetlb_get_unmapped_area(), Linux's f_op->get_unmapped_area)
 * @addr: the hint, or the address for MAP_FIXED
 * @len: the page-aligned length
 * @pgoff: the file page offset (unused, as @file)
 * @flags: MAP_* flags
 *
 * Returns the address, or -ENOMEM (no room, too long), -EINVAL (unaligned
 * MAP_FIXED address) or -EPERM (below mmap_min_addr: Pagoda's processes
 * lack CAP_SYS_RAWIO).
 */
unsigned long get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags)
{
	if (len > TASK_SIZE)
		return -ENOMEM;

	if (file && is_file_hugepages(file))
		addr = hugetlb_get_unmapped_area(file, addr, len, pgoff, flags);
	else
		addr = arch_get_unmapped_area_topdown(current->mm, addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (addr > TASK_SIZE - len)
		return -ENOMEM;
	if (offset_in_page(addr))
		return -EINVAL;
	if (addr < mmap_min_addr)	/* security_mmap_addr() */
		return -EPERM;
	return addr;
}

/*
 * mmap_base - where top-down placement starts: below the stack and its
 * room to grow (RLIMIT_STACK plus the guard gap, at least 128 MiB and at
 * most 5/6 of the address space). Linux subtracts a random offset too.
 */
static unsigned long mmap_base(unsigned long task_size, unsigned long stack_rlimit)
{
	unsigned long gap = stack_rlimit, pad = stack_guard_gap;
	unsigned long gap_min = 128UL << 20, gap_max = (task_size / 6) * 5;

	if (gap + pad > gap)	/* values near RLIM_INFINITY would overflow */
		gap += pad;
	gap = clamp(gap, gap_min, gap_max);
	return PAGE_ALIGN(task_size - gap);
}

/**
 * arch_pick_mmap_layout - set up @mm's placement for a new program (exec)
 * @mm: the new address space
 *
 * The top-down layout with no randomisation (Linux's with
 * randomize_va_space=0): mmap_base is 128 MiB below STACK_TOP with the
 * default 8 MiB stack limit. Linux: arch/x86/mm/mmap.c.
 */
void arch_pick_mmap_layout(struct mm_struct *mm)
{
	mm->mmap_base = mmap_base(TASK_SIZE, rlimit(RLIMIT_STACK));
}

/* ---------------------------------------------------------------------- */
/* mmap                                                                    */

static unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

static unsigned long calc_vm_flag_bits(unsigned long flags)
{
	return ((flags & MAP_GROWSDOWN) ? VM_GROWSDOWN : 0) |
	       ((flags & MAP_LOCKED) ? VM_LOCKED : 0);
}

/*
 * accountable_mapping - private writable memory is charged (VM_ACCOUNT),
 * unless MAP_NORESERVE; hugetlb pages are reserved from their pool instead.
 */
static bool accountable_mapping(struct file *file, unsigned long vm_flags)
{
	if (file && is_file_hugepages(file))
		return false;
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* count_vma_pages_range - how many pages of [addr, end) are mapped now. */
static unsigned long count_vma_pages_range(struct mm_struct *mm, unsigned long addr,
					   unsigned long end)
{
	struct vm_area_struct *vma;
	unsigned long nr_pages = 0;
	VMA_ITERATOR(vmi, mm, addr);

	for_each_vma_range(vmi, vma, end)
		nr_pages += (min(end, vma->vm_end) - max(addr, vma->vm_start)) >> PAGE_SHIFT;
	return nr_pages;
}

/*
 * mmap_region - map [addr, addr + len) with @vm_flags: unmap what is there
 * (MAP_FIXED), then extend a neighbour if the range merges with it, else
 * link a new VMA, which the file's ->mmap may refuse. A file mapping
 * holds a reference to @file; its pages are read in by the fault handler
 * (do_fault in mm/memory.c). Shared anonymous memory gets a tmpfs file of
 * its own (shmem_zero_setup()), which fork's children map too.
 */
static unsigned long mmap_region(struct file *file, unsigned long addr, unsigned long len,
				 unsigned long vm_flags, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	unsigned long charged = 0;
	VMA_ITERATOR(vmi, mm, addr);
	VMG_STATE(vmg, mm, &vmi, addr, addr + len, vm_flags, pgoff);

	if (!may_expand_vm(mm, vm_flags, len >> PAGE_SHIFT) &&
	    !may_expand_vm(mm, vm_flags, (len >> PAGE_SHIFT) -
			   count_vma_pages_range(mm, addr, addr + len)))
		return -ENOMEM;

	/*
	 * Clear old maps, if there are any (6.12: vma_find(), then
	 * vms_gather_munmap_vmas() gathers them first).
	 */
	if (find_vma_intersection(mm, addr, addr + len) && do_munmap(mm, addr, len))
		return -ENOMEM;

	/* Private writable memory is charged now (overcommit: mm/util.c). */
	if (accountable_mapping(file, vm_flags)) {
		charged = len >> PAGE_SHIFT;
		if (security_vm_enough_memory_mm(mm, charged))
			return -ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}
	vmg.flags = vm_flags;
	vmg.file = file;
	vmg.next = vma_iter_next_rewind(&vmi, &vmg.prev);

	vma = vma_merge_new_range(&vmg);
	if (!vma) {
		int err;

		vma = vm_area_alloc(mm);
		if (!vma) {
			vm_unacct_memory(charged);
			return -ENOMEM;
		}
		vma_set_range(vma, addr, addr + len, pgoff);
		vma->vm_flags = vm_flags;
		vma->vm_page_prot = vm_get_page_prot(vm_flags);
		err = file ? file->f_op->mmap(file, vma) :
		      (vm_flags & VM_SHARED) ? shmem_zero_setup(vma) : 0;
		if (err) {
			vm_area_free(vma);
			vm_unacct_memory(charged);
			return err;
		}
		if (file)
			vma->vm_file = get_file(file);
		vma_iter_store(&vmi, vma);
		mm->map_count++;
		vma_link_file(vma);
	}

	ksm_add_vma(vma);
	vm_stat_account(mm, vm_flags, len >> PAGE_SHIFT);
	if (vm_flags & VM_LOCKED) {
		if ((vm_flags & VM_SPECIAL) || is_vm_hugetlb_page(vma))	/* never mlocked */
			vma->vm_flags &= ~VM_LOCKED_MASK;
		else
			mm->locked_vm += len >> PAGE_SHIFT;
	}
	/* A new or grown VMA is soft-dirty: a tracker must see its pages as new. */
	vma->vm_flags |= VM_SOFTDIRTY;
	vma_set_page_prot(vma);
	return addr;
}

/* round_hint_to_min - a hint below mmap_min_addr becomes mmap_min_addr. */
static unsigned long round_hint_to_min(unsigned long hint)
{
	hint &= PAGE_MASK;
	if (hint && hint < mmap_min_addr)
		return PAGE_ALIGN(mmap_min_addr);
	return hint;
}

/* The flags MAP_SHARED_VALIDATE accepts (Linux: include/linux/mman.h). */
#define LEGACY_MAP_MASK	(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_DENYWRITE | \
			 MAP_EXECUTABLE | MAP_UNINITIALIZED | MAP_GROWSDOWN | MAP_LOCKED | \
			 MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB)

/*
 * file_mmap_ok - do @len bytes from page @pgoff fit in @inode at all (a
 * regular file: MAX_LFS_FILESIZE; anything else: ULONG_MAX)? Else the
 * offsets of the mapping's pages overflow.
 */
static bool file_mmap_ok(struct inode *inode, unsigned long pgoff, unsigned long len)
{
	unsigned long maxsize = S_ISREG(inode->i_mode) ? MAX_LFS_FILESIZE : ULONG_MAX;

	if (len > maxsize)
		return false;
	return pgoff <= (maxsize - len) >> PAGE_SHIFT;
}

/*
 * mmap_file_flags - may @len bytes of @file from page @pgoff be mapped
 * with MAP_* @flags and PROT_* @prot? MAP_SHARED adds VM_SHARED |
 * VM_MAYSHARE to *@vm_flags -- but only VM_MAYSHARE, and no VM_MAYWRITE,
 * for a file not open for writing: such a mapping can never be written,
 * so it behaves as a private read-only one. The range must fit in a file
 * (-EOVERFLOW) and its file system must have ->mmap (-ENODEV; mmap_region()
 * calls it). Returns 0 or Linux's errno.
 */
static int mmap_file_flags(struct file *file, unsigned long len, unsigned long pgoff,
			   unsigned long prot, unsigned long flags, unsigned long *vm_flags)
{
	if (!file_mmap_ok(file_inode(file), pgoff, len))
		return -EOVERFLOW;
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		flags &= LEGACY_MAP_MASK;	/* unknown flags are ignored... */
		fallthrough;
	case MAP_SHARED_VALIDATE:
		if (flags & ~LEGACY_MAP_MASK)	/* ... unless validation was asked for */
			return -EOPNOTSUPP;
		if ((prot & PROT_WRITE) && !(file->f_mode & FMODE_WRITE))
			return -EACCES;
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		if (!(file->f_mode & FMODE_WRITE))
			*vm_flags &= ~(VM_MAYWRITE | VM_SHARED);
		fallthrough;
	case MAP_PRIVATE:
		if (!(file->f_mode & FMODE_READ))
			return -EACCES;
		if (!file->f_op->mmap)
			return -ENODEV;
		if (*vm_flags & VM_GROWSDOWN)
			return -EINVAL;
		return 0;
	default:
		return -EINVAL;
	}
}

/**
 * do_mmap - create a mapping in current's address space
 * @file: the file to map, or NULL for anonymous memory
 * @addr: the hint, or the address with MAP_FIXED / MAP_FIXED_NOREPLACE
 * @len: the length in bytes
 * @prot: PROT_* bits
 * @flags: MAP_* flags: exactly one of MAP_PRIVATE / MAP_SHARED (or, for a
 *         file, MAP_SHARED_VALIDATE)
 * @pgoff: the file offset in pages
 * @populate: set to the length to fault in now (MAP_POPULATE, VM_LOCKED), else 0
 *
 * The caller holds mmap_lock for writing and populates the range itself
 * afterwards (vm_mmap_pgoff). Returns the address or a negative errno.
 */
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff,
		      unsigned long *populate)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags;
	int err;

	if (!len)
		return -EINVAL;

	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!(flags & MAP_FIXED))
		addr = round_hint_to_min(addr);

	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;

	addr = get_unmapped_area(file, addr, len, pgoff, flags);
	if (IS_ERR_VALUE(addr))
		return addr;

	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;

	vm_flags = calc_vm_prot_bits(prot) | calc_vm_flag_bits(flags) | mm->def_flags |
		   VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	if ((flags & MAP_LOCKED) && !can_do_mlock())
		return -EPERM;
	if (!mlock_future_ok(mm, vm_flags, len))
		return -EAGAIN;

	if (file) {
		err = mmap_file_flags(file, len, pgoff, prot, flags, &vm_flags);
		if (err)
			return err;
	} else {
		switch (flags & MAP_TYPE) {
		case MAP_SHARED:
			if (vm_flags & VM_GROWSDOWN)
				return -EINVAL;
			pgoff = 0;	/* the offset in its shmem file */
			vm_flags |= VM_SHARED | VM_MAYSHARE;
			break;
		case MAP_PRIVATE:
			pgoff = addr >> PAGE_SHIFT;	/* for the anon_vma: page->index */
			break;
		default:
			return -EINVAL;
		}
	}

	if ((flags & MAP_NORESERVE) && sysctl_overcommit_memory != OVERCOMMIT_NEVER)
		vm_flags |= VM_NORESERVE;

	addr = mmap_region(file, addr, len, vm_flags, pgoff);
	if (!IS_ERR_VALUE(addr) &&
	    ((vm_flags & VM_LOCKED) || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		*populate = len;
	return addr;
}

SYSCALL_DEFINE6(mmap, unsigned long, addr, unsigned long, len, unsigned long, prot,
		unsigned long, flags, unsigned long, fd, unsigned long, off)
{
	struct file *file = NULL;
	unsigned long ret;

	if (offset_in_page(off))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS)) {		/* ksys_mmap_pgoff() */
		file = fget(fd);
		if (!file)
			return -EBADF;
		if (flags & MAP_HUGETLB) {	/* no hugetlbfs: no file is hugetlb's */
			fput(file);
			return -EINVAL;
		}
	} else if (flags & MAP_HUGETLB) {
		struct hstate *hs = hstate_sizelog((flags >> MAP_HUGE_SHIFT) & MAP_HUGE_MASK);

		if (!hs)
			return -EINVAL;
		len = ALIGN(len, huge_page_size(hs));
		file = hugetlb_file_setup(HUGETLB_ANON_FILE, len);
		if (IS_ERR(file))
			return PTR_ERR(file);
	}
	ret = vm_mmap_pgoff(file, addr, len, prot, flags, off >> PAGE_SHIFT);
	if (file)
		fput(file);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* brk                                                                     */

/* check_brk_limits - may [addr, addr + len) be mapped at all (get_unmapped_area() says)? */
static int check_brk_limits(unsigned long addr, unsigned long len)
{
	unsigned long mapped_addr = get_unmapped_area(NULL, addr, len, 0, MAP_FIXED);

	if (IS_ERR_VALUE(mapped_addr))
		return mapped_addr;
	return mlock_future_ok(current->mm, current->mm->def_flags, len) ? 0 : -EAGAIN;
}

/*
 * do_brk_flags - map anonymous memory at [addr, addr + len), a free range,
 * for the heap (or exec's bss): @vma, the VMA just below (or NULL), grows
 * over it if it can, as the heap does; else a new VMA is linked. @vmi
 * stands on @vma, or in the gap if it is NULL.
 */
static int do_brk_flags(struct vma_iterator *vmi, struct vm_area_struct *vma,
			unsigned long addr, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;

	flags |= VM_DATA_DEFAULT_FLAGS | VM_ACCOUNT | mm->def_flags;
	if (!may_expand_vm(mm, flags, len >> PAGE_SHIFT))
		return -ENOMEM;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	if (security_vm_enough_memory_mm(mm, len >> PAGE_SHIFT))
		return -ENOMEM;

	/* Expand the VMA just below, if it can take the range. */
	if (vma && vma->vm_end == addr) {
		VMG_STATE(vmg, mm, vmi, addr, addr + len, flags, addr >> PAGE_SHIFT);

		vmg.prev = vma;
		vmg.merge_flags = VMG_FLAG_JUST_EXPAND;	/* vmi stands on prev */
		if (vma_merge_new_range(&vmg))
			goto out;
		if (vmg_nomem(&vmg))
			goto unacct_fail;
	}

	vma = vm_area_alloc(mm);
	if (!vma)
		goto unacct_fail;
	vma_set_range(vma, addr, addr + len, addr >> PAGE_SHIFT);
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	vma_iter_store(vmi, vma);
	mm->map_count++;
out:
	ksm_add_vma(vma);
	mm->total_vm += len >> PAGE_SHIFT;
	mm->data_vm += len >> PAGE_SHIFT;
	if (flags & VM_LOCKED)
		mm->locked_vm += len >> PAGE_SHIFT;
	vma->vm_flags |= VM_SOFTDIRTY;
	return 0;

unacct_fail:
	vm_unacct_memory(len >> PAGE_SHIFT);
	return -ENOMEM;
}

/**
 * vm_brk_flags - map anonymous memory at [@addr, @addr + @len) of current
 * @addr: page-aligned start
 * @len: length, rounded up to pages
 * @flags: 0 or VM_EXEC
 *
 * Takes mmap_lock. Used by exec (bss) as Linux's ELF loader does.
 * Returns 0 or a negative errno.
 */
int vm_brk_flags(unsigned long addr, unsigned long len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;
	unsigned long request = len;
	struct vm_area_struct *vma;
	int ret;
	VMA_ITERATOR(vmi, mm, addr);

	len = PAGE_ALIGN(request);
	if (len < request)
		return -ENOMEM;
	if (!len)
		return 0;
	if (flags & ~VM_EXEC)
		return -EINVAL;

	mmap_write_lock(mm);
	ret = check_brk_limits(addr, len);
	if (!ret)
		ret = do_munmap(mm, addr, len);
	if (!ret) {
		vma = vma_prev(&vmi);
		ret = do_brk_flags(&vmi, vma, addr, len, flags);
	}
	mmap_write_unlock(mm);
	return ret;
}

/* check_data_rlimit - would a heap ending at @new exceed RLIMIT_DATA (@rlim)? */
static int check_data_rlimit(unsigned long rlim, unsigned long new, unsigned long start,
			     unsigned long end_data, unsigned long start_data)
{
	if (rlim < RLIM_INFINITY && (new - start) + (end_data - start_data) > rlim)
		return -ENOSPC;
	return 0;
}

/*
 * brk - move the end of the heap to @brk. The heap VMA ([heap]) runs from
 * mm->start_brk to PAGE_ALIGN(mm->brk). Returns the new break, or the old
 * one if the request is refused (below start_brk, over RLIMIT_DATA, into
 * another mapping or its guard page, out of memory); brk(0) just reads it.
 */
SYSCALL_DEFINE1(brk, unsigned long, brk)
{
	struct mm_struct *mm = current->mm;
	unsigned long newbrk, oldbrk, origbrk;
	struct vm_area_struct *brkvma, *next;
	struct vma_iterator vmi;

	mmap_write_lock(mm);
	origbrk = mm->brk;

	if (brk < mm->start_brk)
		goto out;
	if (check_data_rlimit(rlimit(RLIMIT_DATA), brk, mm->start_brk, mm->end_data,
			      mm->start_data))
		goto out;

	newbrk = PAGE_ALIGN(brk);
	oldbrk = PAGE_ALIGN(mm->brk);
	if (oldbrk == newbrk) {
		mm->brk = brk;
		goto success;
	}

	/* Shrinking always works. */
	if (brk <= mm->brk) {
		mm->brk = brk;
		if (do_munmap(mm, newbrk, oldbrk - newbrk) < 0) {
			mm->brk = origbrk;
			goto out;
		}
		goto success;
	}

	if (check_brk_limits(oldbrk, newbrk - oldbrk))
		goto out;

	/* Growing must leave a page free below the next mapping. */
	vma_iter_init(&vmi, mm, oldbrk);
	next = vma_find(&vmi, newbrk + PAGE_SIZE + stack_guard_gap);
	if (next && newbrk + PAGE_SIZE > vm_start_gap(next))
		goto out;
	brkvma = vma_prev_limit(&vmi, mm->start_brk);
	if (do_brk_flags(&vmi, brkvma, oldbrk, newbrk - oldbrk, 0) < 0)
		goto out;
	mm->brk = brk;
	if (mm->def_flags & VM_LOCKED) {	/* mlockall(MCL_FUTURE): populate */
		mmap_write_unlock(mm);
		mm_populate(oldbrk, newbrk - oldbrk);
		return brk;
	}

success:
	mmap_write_unlock(mm);
	return brk;
out:
	mmap_write_unlock(mm);
	return origbrk;
}

/* ---------------------------------------------------------------------- */
/* Stack growth                                                            */

/* acct_stack_growth - may the stack VMA grow by @grow pages to @size bytes? Charges them. */
static int acct_stack_growth(struct vm_area_struct *vma, unsigned long size, unsigned long grow)
{
	if (!may_expand_vm(vma->vm_mm, vma->vm_flags, grow))
		return -ENOMEM;
	if (size > rlimit(RLIMIT_STACK))
		return -ENOMEM;
	if (!mlock_future_ok(vma->vm_mm, vma->vm_flags, grow << PAGE_SHIFT))
		return -ENOMEM;
	if (security_vm_enough_memory_mm(vma->vm_mm, grow))
		return -ENOMEM;
	return 0;
}

/**
 * expand_stack - grow the VM_GROWSDOWN @vma down to cover @address
 * @vma: the stack VMA above the faulting address
 * @address: the faulting address
 *
 * Called by the page-fault handler (mmap_lock held for reading, as in
 * Linux before 6.5). The stack may not come within stack_guard_gap of the
 * accessible VMA below it, nor exceed RLIMIT_STACK. vm_pgoff moves down
 * with vm_start, so the page offsets of the pages already there stay put.
 * Returns 0, -EPERM (below mmap_min_addr) or -ENOMEM.
 */
int expand_stack(struct vm_area_struct *vma, unsigned long address)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_area_struct *prev = vma->vm_prev;
	unsigned long size, grow;
	int error = -ENOMEM;

	if (!(vma->vm_flags & VM_GROWSDOWN))
		return -EFAULT;
	address &= PAGE_MASK;
	if (address < mmap_min_addr)
		return -EPERM;
	if (prev && !(prev->vm_flags & VM_GROWSDOWN) && vma_is_accessible(prev) &&
	    address - prev->vm_end < stack_guard_gap)
		return -ENOMEM;
	if (anon_vma_prepare(vma))
		return -ENOMEM;

	anon_vma_lock_write(vma->anon_vma);
	if (address < vma->vm_start) {
		size = vma->vm_end - address;
		grow = (vma->vm_start - address) >> PAGE_SHIFT;
		if (grow <= vma->vm_pgoff) {
			error = acct_stack_growth(vma, size, grow);
			if (!error) {
				spin_lock(&mm->page_table_lock);
				vm_stat_account(mm, vma->vm_flags, grow);
				if (vma->vm_flags & VM_LOCKED)
					mm->locked_vm += grow;
				anon_vma_interval_tree_pre_update_vma(vma);
				vma->vm_start = address;
				vma->vm_pgoff -= grow;
				anon_vma_interval_tree_post_update_vma(vma);
				vma_gap_update(vma);
				spin_unlock(&mm->page_table_lock);
			}
		}
	} else {
		error = 0;
	}
	anon_vma_unlock_write(vma->anon_vma);
	return error;
}

/* ---------------------------------------------------------------------- */
/* The end of an address space                                             */

/**
 * exit_mmap - tear down an address space whose last user is gone
 * @mm: the address space (from mmput)
 *
 * Unmaps every page (unmap_vmas), unlinks each VMA from its anon_vmas and
 * its file's i_mmap, frees all user page tables (free_pgtables) and then
 * the VMAs, dropping their file references and their charge (VM_ACCOUNT).
 * The pages and tables go in one gather of the whole address space, whose
 * flushes (at the end, and whenever its batches fill) drop every
 * translation of @mm at once instead of a range at a time.
 */
void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *vma, *tmp;
	unsigned long nr_accounted = 0;
	struct mmu_gather tlb;

	mmap_write_lock(mm);
	vma = mm->mmap;
	if (!vma) {		/* dup_mmap() may have failed before the first VMA */
		mmap_write_unlock(mm);
		return;
	}

	tlb_gather_mmu_fullmm(&tlb, mm);
	unmap_vmas(&tlb, vma, 0, ULONG_MAX);
	for (tmp = vma; tmp; tmp = tmp->vm_next) {
		unlink_anon_vmas(tmp);
		unlink_file_vma(tmp);
	}
	free_pgtables(&tlb, vma, FIRST_USER_ADDRESS, USER_PGTABLES_CEILING);
	tlb_finish_mmu(&tlb);

	for (tmp = vma; tmp; tmp = tmp->vm_next)
		if (tmp->vm_flags & VM_ACCOUNT)
			nr_accounted += vma_pages(tmp);
	vm_unacct_memory(nr_accounted);
	while (vma)
		vma = remove_vma(vma);
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
	mmap_write_unlock(mm);
}
