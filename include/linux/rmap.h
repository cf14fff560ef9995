/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rmap.h - reverse mapping: from a page frame to every page-table entry
 * that maps it. Mirrors include/linux/rmap.h. A page-cache page is found
 * through its file's i_mmap tree of VMAs (linux/fs.h, mm/interval_tree.c);
 * an anonymous page through these:
 *
 *   struct anon_vma (AV)        a set of VMAs whose anonymous pages may be
 *                               shared (through fork); its interval tree
 *                               holds one anon_vma_chain per such VMA, keyed
 *                               by the VMA's page-offset range.
 *   struct anon_vma_chain (AVC) links one VMA to one anon_vma: on the VMA's
 *                               anon_vma_chain list (same_vma) and in the
 *                               anon_vma's interval tree (rb).
 *
 * Every process gets its own anon_vma per VMA at fork (anon_vma_fork):
 * the child's VMA is chained to all of its parent's anon_vmas (pages it
 * still shares) and to a new one where its own new pages go. So a page
 * first written in the child is reachable only through the child's
 * anon_vma, and the rmap walk never visits the parent's or siblings' VMAs.
 * folio->mapping = anon_vma | PAGE_MAPPING_ANON; folio->index = the
 * folio's linear index, from which vma_address() recomputes the address in
 * each VMA.
 */
#ifndef _LINUX_RMAP_H
#define _LINUX_RMAP_H

#include <linux/mm.h>
#include <linux/rbtree.h>
#include <linux/mutex.h>
#include <linux/pagemap.h>

struct anon_vma {
	struct anon_vma *root;		/* the root of this anon_vma tree (first process's) */
	struct rw_semaphore rwsem;	/* in the root: protects the whole tree */
	atomic_t refcount;		/* freed when 0: see put_anon_vma() */
	unsigned long num_children;	/* child anon_vmas that point here as parent */
	unsigned long num_active_vmas;	/* VMAs whose vma->anon_vma is this one */
	struct anon_vma *parent;	/* the anon_vma of the parent process's VMA */
	struct rb_root_cached rb_root;	/* interval tree of anon_vma_chains */
};

struct anon_vma_chain {
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct list_head same_vma;	/* on vma->anon_vma_chain */
	struct rb_node rb;		/* in anon_vma->rb_root */
	unsigned long rb_subtree_last;	/* the interval tree's augmentation */
	/* The VMA's interval when inserted: mm_verify() checks it (CONFIG_DEBUG_VM_RB). */
	unsigned long cached_vma_start, cached_vma_last;
};

/* The interval tree of anon_vma_chains (mm/interval_tree.c). */
void anon_vma_interval_tree_insert(struct anon_vma_chain *node, struct rb_root_cached *root);
void anon_vma_interval_tree_remove(struct anon_vma_chain *node, struct rb_root_cached *root);
struct anon_vma_chain *anon_vma_interval_tree_iter_first(struct rb_root_cached *root,
							 unsigned long start, unsigned long last);
struct anon_vma_chain *anon_vma_interval_tree_iter_next(struct anon_vma_chain *node,
							unsigned long start, unsigned long last);
#define anon_vma_interval_tree_foreach(avc, root, start, last)			\
	for (avc = anon_vma_interval_tree_iter_first(root, start, last);	\
	     avc; avc = anon_vma_interval_tree_iter_next(avc, start, last))

void anon_vma_interval_tree_pre_update_vma(struct vm_area_struct *vma);
void anon_vma_interval_tree_post_update_vma(struct vm_area_struct *vma);

/* anon_vma lifecycle (mm/rmap.c). */
void anon_vma_init(void);
int __anon_vma_prepare(struct vm_area_struct *vma);
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src);
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma);
void unlink_anon_vmas(struct vm_area_struct *vma);
void put_anon_vma(struct anon_vma *anon_vma);

/* anon_vma_merge - @next was merged into @vma (mm/vma.c): drop its chains. */
static inline void anon_vma_merge(struct vm_area_struct *vma, struct vm_area_struct *next)
{
	VM_BUG_ON(vma->anon_vma != next->anon_vma);
	unlink_anon_vmas(next);
}

static inline int anon_vma_prepare(struct vm_area_struct *vma)
{
	return vma->anon_vma ? 0 : __anon_vma_prepare(vma);
}

static inline void get_anon_vma(struct anon_vma *anon_vma)
{
	atomic_inc(&anon_vma->refcount);
}

static inline void anon_vma_lock_write(struct anon_vma *anon_vma)
{
	down_write(&anon_vma->root->rwsem);
}

static inline void anon_vma_unlock_write(struct anon_vma *anon_vma)
{
	up_write(&anon_vma->root->rwsem);
}

static inline void anon_vma_lock_read(struct anon_vma *anon_vma)
{
	down_read(&anon_vma->root->rwsem);
}

static inline void anon_vma_unlock_read(struct anon_vma *anon_vma)
{
	up_read(&anon_vma->root->rwsem);
}

/*
 * rmap_t - how a mapping is added: RMAP_EXCLUSIVE, the folio (page) is
 * mapped by this process only (PageAnonExclusive).
 */
typedef int rmap_t;
#define RMAP_NONE		((rmap_t)0)
#define RMAP_EXCLUSIVE		((rmap_t)1)

/*
 * __folio_rmap_sanity_checks - the rmap functions below take a run of
 * @nr_pages pages of @folio, from @page, each mapped by one PTE. Linux's
 * may be given any run of a large folio; every Pagoda folio is one page
 * (see struct folio), so the run is that page, and the bodies below are
 * Linux's one-page ("!folio_test_large()") paths. A large folio would also
 * keep _large_mapcount here.
 */
static inline void __folio_rmap_sanity_checks(struct folio *folio, struct page *page,
					      int nr_pages)
{
	VM_BUG_ON(folio_test_large(folio) || nr_pages != 1);
}

/* rmap interfaces called when adding or removing the PTE of a page of a folio (mm/rmap.c) */
void folio_move_anon_rmap(struct folio *folio, struct vm_area_struct *vma);
void folio_add_anon_rmap_ptes(struct folio *folio, struct page *page, int nr_pages,
			      struct vm_area_struct *vma, unsigned long address, rmap_t flags);
#define folio_add_anon_rmap_pte(folio, page, vma, address, flags) \
	folio_add_anon_rmap_ptes(folio, page, 1, vma, address, flags)
void folio_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, rmap_t flags);
void folio_add_file_rmap_ptes(struct folio *folio, struct page *page, int nr_pages,
			      struct vm_area_struct *vma);
#define folio_add_file_rmap_pte(folio, page, vma) \
	folio_add_file_rmap_ptes(folio, page, 1, vma)
void folio_remove_rmap_ptes(struct folio *folio, struct page *page, int nr_pages,
			    struct vm_area_struct *vma);
#define folio_remove_rmap_pte(folio, page, vma) \
	folio_remove_rmap_ptes(folio, page, 1, vma)

/*
 * The rmap of hugetlb folios (mm/hugetlb.c): a huge PMD maps the whole
 * folio, one mapping counted in the head's _mapcount (Linux counts them in
 * _entire_mapcount, docs/linux-6.12.md); no statistic changes, the pages
 * are the pool's.
 */
void hugetlb_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			       unsigned long address);

static inline void hugetlb_add_file_rmap(struct folio *folio)
{
	atomic_inc(&folio->_mapcount);
}

static inline void hugetlb_remove_rmap(struct folio *folio)
{
	atomic_dec(&folio->_mapcount);
}

/*
 * hugetlb_try_dup_anon_rmap - fork: the child maps the anonymous huge
 * folio too, which is no longer exclusive. Linux copies a pinned one
 * instead (-EBUSY); Pagoda's GUP never pins hugetlb pages.
 */
static inline void hugetlb_try_dup_anon_rmap(struct folio *folio, struct vm_area_struct *vma)
{
	ClearPageAnonExclusive(&folio->page);
	atomic_inc(&folio->_mapcount);
}

/*
 * folio_dup_file_rmap_ptes - fork: the child's PTEs map pages of a
 * page-cache folio too (one more mapping each; no statistic changes: the
 * folio was mapped already).
 */
static inline void folio_dup_file_rmap_ptes(struct folio *folio, struct page *page,
					    int nr_pages)
{
	__folio_rmap_sanity_checks(folio, page, nr_pages);
	atomic_inc(&page->_mapcount);
}

static inline void folio_dup_file_rmap_pte(struct folio *folio, struct page *page)
{
	folio_dup_file_rmap_ptes(folio, page, 1);
}

/**
 * folio_try_dup_anon_rmap_ptes - fork: try to share pages of an anonymous folio
 * @folio: the folio
 * @page: the first page to share
 * @nr_pages: how many pages
 * @src_vma: the parent's VMA
 *
 * The parent and the child both map the pages now, so none is exclusive
 * to one process any more. But a page the parent may have pinned
 * (folio_needs_cow_for_dma()) must stay the parent's exclusively: were it
 * shared, the parent's next write would copy it and the pin would hold a
 * page the parent no longer sees. Then nothing changes, -EBUSY says so,
 * and copy_present_pte() gives the child its own copy at once. The caller
 * makes both PTEs read-only. Returns 0 or -EBUSY.
 */
static inline int folio_try_dup_anon_rmap_ptes(struct folio *folio, struct page *page,
					       int nr_pages, struct vm_area_struct *src_vma)
{
	bool maybe_pinned = folio_needs_cow_for_dma(src_vma, folio);

	__folio_rmap_sanity_checks(folio, page, nr_pages);
	VM_BUG_ON(!folio_test_anon(folio));
	if (maybe_pinned && PageAnonExclusive(page))
		return -EBUSY;
	if (PageAnonExclusive(page))
		ClearPageAnonExclusive(page);
	atomic_inc(&folio->_mapcount);
	return 0;
}

static inline int folio_try_dup_anon_rmap_pte(struct folio *folio, struct page *page,
					      struct vm_area_struct *src_vma)
{
	return folio_try_dup_anon_rmap_ptes(folio, page, 1, src_vma);
}

/**
 * folio_try_share_anon_rmap_pte - an exclusive page is about to be shared
 * @folio: the anonymous folio
 * @page: its exclusive page, whose PTE the caller has just cleared
 *        (write-protected and flushed), so no new pin can start
 *
 * For KSM's write_protect_page() (and, in Linux, swap-out and
 * migration): the page stops being exclusive unless it may be pinned --
 * then -EBUSY, and the caller must restore the PTE and give up. 0 or
 * -EBUSY.
 */
static inline int folio_try_share_anon_rmap_pte(struct folio *folio, struct page *page)
{
	__folio_rmap_sanity_checks(folio, page, 1);
	VM_BUG_ON(!folio_test_anon(folio));
	VM_BUG_ON(!PageAnonExclusive(page));
	if (folio_maybe_dma_pinned(folio))
		return -EBUSY;
	ClearPageAnonExclusive(page);
	return 0;
}

/* Walking every mapping of a folio. */
struct rmap_walk_control {
	void *arg;
	/* Called for each VMA that may map the folio; return false to stop the walk. */
	bool (*rmap_one)(struct folio *folio, struct vm_area_struct *vma,
			 unsigned long addr, void *arg);
	/* Checked after each rmap_one(); return true to stop. */
	int (*done)(struct folio *folio);
	/* Take the anon_vma's lock for the walk (default: read lock). */
	struct anon_vma *(*anon_lock)(struct folio *folio, struct rmap_walk_control *rwc);
	/* Return true to skip a VMA. */
	bool (*invalid_vma)(struct vm_area_struct *vma, void *arg);
};

void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc);
/* rmap_walk_locked - the same, for a caller already holding the anon_vma lock or i_mmap_rwsem. */
void rmap_walk_locked(struct folio *folio, struct rmap_walk_control *rwc);

/*
 * struct page_vma_mapped_walk - where page_vma_mapped_walk() looks for the
 * PTEs of the pages [pfn, pfn + nr_pages) -- a folio, or part of it -- in
 * @vma: from @address (the first page's address there, vma_address()),
 * those pages being at offset @pgoff of their file or anon_vma. While
 * the walk returns true, @pmd and @pte are the entry it found and @ptl
 * the page-table lock it holds. @flags: PVMW_*.
 */
struct page_vma_mapped_walk {
	unsigned long pfn;
	unsigned long nr_pages;
	pgoff_t pgoff;
	struct vm_area_struct *vma;
	unsigned long address;
	pmd_t *pmd;
	pte_t *pte;
	spinlock_t *ptl;
	unsigned int flags;
};

/* PVMW_SYNC - Linux: avoid racy checks; with one CPU every walk is "synchronous". */
#define PVMW_SYNC		(1 << 0)
/* PVMW_MIGRATION - look for migration entries of the pages instead of PTEs mapping them. */
#define PVMW_MIGRATION		(1 << 1)

#define DEFINE_FOLIO_VMA_WALK(name, _folio, _vma, _address, _flags)	\
	struct page_vma_mapped_walk name = {				\
		.pfn = folio_pfn(_folio),				\
		.nr_pages = folio_nr_pages(_folio),			\
		.pgoff = folio_pgoff(_folio),				\
		.vma = _vma,						\
		.address = _address,					\
		.flags = _flags,					\
	}

/* page_vma_mapped_walk_done - leave a page_vma_mapped_walk() loop early. */
static inline void page_vma_mapped_walk_done(struct page_vma_mapped_walk *pvmw)
{
	if (pvmw->ptl)
		spin_unlock(pvmw->ptl);
}

bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw);

/*
 * folio_referenced - (mm/rmap.c) test and clear the accessed bits of the
 * folio's PTEs. Linux takes a memcg too (Pagoda has no memory cgroups).
 */
int folio_referenced(struct folio *folio, int is_locked, unsigned long *vm_flags);

enum ttu_flags {
	TTU_IGNORE_MLOCK = 0x8,		/* unmap from VM_LOCKED VMAs too */
};
void try_to_unmap(struct folio *folio, enum ttu_flags flags);
void try_to_migrate(struct folio *folio, enum ttu_flags flags);

#endif /* _LINUX_RMAP_H */
