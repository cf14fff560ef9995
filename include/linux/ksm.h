/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksm.h - Kernel Samepage Merging: the interface the rest of the kernel
 * uses (madvise, prctl, fork, exec, exit, rmap, the fault path, /proc).
 * Mirrors include/linux/ksm.h; the mechanism is mm/ksm.c.
 */
#ifndef __LINUX_KSM_H
#define __LINUX_KSM_H

#include <linux/mm.h>
#include <linux/bitops.h>
#include <linux/rmap.h>

int ksm_madvise(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		int advice, unsigned long *vm_flags);
void ksm_add_vma(struct vm_area_struct *vma);
int ksm_enable_merge_any(struct mm_struct *mm);
int ksm_disable_merge_any(struct mm_struct *mm);
int ksm_disable(struct mm_struct *mm);

int __ksm_enter(struct mm_struct *mm);
void __ksm_exit(struct mm_struct *mm);

/*
 * A zero page KSM mapped (use_zero_pages) is told from one a read fault
 * mapped by the dirty bit of its PTE: do_anonymous_page() maps it clean.
 */
#define is_ksm_zero_pte(pte)	(is_zero_pfn(pte_pfn(pte)) && pte_dirty(pte))

extern atomic_long_t ksm_zero_pages;

static inline void ksm_map_zero_page(struct mm_struct *mm)
{
	atomic_long_inc(&ksm_zero_pages);
	atomic_long_inc(&mm->ksm_zero_pages);
}

/* ksm_might_unmap_zero_page - @pte, going away, may be a KSM zero page: count it out. */
static inline void ksm_might_unmap_zero_page(struct mm_struct *mm, pte_t pte)
{
	if (is_ksm_zero_pte(pte)) {
		atomic_long_dec(&ksm_zero_pages);
		atomic_long_dec(&mm->ksm_zero_pages);
	}
}

static inline long mm_ksm_zero_pages(struct mm_struct *mm)
{
	return atomic_long_read(&mm->ksm_zero_pages);
}

/*
 * ksm_fork - a child of a mergeable mm is scanned too. Its PTEs of KSM
 * pages need no rmap_items: rmap_walk_ksm() finds them through the
 * anon_vmas (search_new_forks). Its KSM zero pages are counted again.
 */
static inline void ksm_fork(struct mm_struct *mm, struct mm_struct *oldmm)
{
	if (test_bit(MMF_VM_MERGEABLE, &oldmm->flags)) {
		long nr_ksm_zero_pages = atomic_long_read(&mm->ksm_zero_pages);

		mm->ksm_merging_pages = 0;
		mm->ksm_rmap_items = 0;
		atomic_long_add(nr_ksm_zero_pages, &ksm_zero_pages);
		__ksm_enter(mm);
	}
}

/* ksm_execve - prctl(PR_SET_MEMORY_MERGE) survives exec: register the new mm. */
static inline int ksm_execve(struct mm_struct *mm)
{
	if (test_bit(MMF_VM_MERGE_ANY, &mm->flags))
		return __ksm_enter(mm);
	return 0;
}

/* ksm_exit - the mm's last user is gone (from mmput(), before exit_mmap()). */
static inline void ksm_exit(struct mm_struct *mm)
{
	if (test_bit(MMF_VM_MERGEABLE, &mm->flags))
		__ksm_exit(mm);
}

void rmap_walk_ksm(struct folio *folio, struct rmap_walk_control *rwc);
void folio_migrate_ksm(struct folio *newfolio, struct folio *folio);
long ksm_process_profit(struct mm_struct *mm);

#endif /* __LINUX_KSM_H */
