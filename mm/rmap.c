// SPDX-License-Identifier: GPL-2.0
/*
 * rmap.c - reverse mapping: from a page frame to every PTE that maps it,
 * in every process. Mirrors mm/rmap.c.
 *
 * A page-cache folio is the easy case: folio->mapping is its file's
 * address_space and folio->index its page offset in the file, and every
 * VMA mapping the file sits in mapping->i_mmap, an interval tree keyed by
 * the file pages each VMA covers (linked by vma_link(), the merging and
 * splitting code of mm/vma.c and dup_mmap(), unlinked by
 * unlink_file_vma()). rmap_walk_file() asks that tree which VMAs cover
 * the folio. A private file mapping is in the tree too: the walk visits
 * it, and page_vma_mapped_walk() tells whether it maps the folio itself or
 * has a COWed copy there.
 *
 * Anonymous pages need more:
 *
 * The structures (include/linux/rmap.h):
 *
 *   VMA --anon_vma_chain list (same_vma)--> AVC --anon_vma--> AV
 *   AV  --rb_root interval tree (rb)------> AVC --vma-------> VMA
 *
 * Each anonymous VMA that has faulted gets an anon_vma, its own or one
 * reused from a neighbour (__anon_vma_prepare). At fork the child's VMA is
 * chained to every anon_vma of the parent's VMA -- its pages may still be
 * the parent's -- and to a new anon_vma of its own, where the pages it
 * copies on write go (anon_vma_fork). A grandchild's VMA therefore has
 * three chains: grandparent's, parent's and its own anon_vma. All anon_vmas
 * of one fork tree share the root's rwsem.
 *
 * A folio records its anon_vma in folio->mapping (with PAGE_MAPPING_ANON)
 * and its linear index in folio->index: vm_pgoff + (addr - vm_start) /
 * PAGE_SIZE of the VMA that first mapped it. A child's VMA is a copy with
 * the same vm_start and vm_pgoff, so the same index gives the address in
 * every VMA of the anon_vma (vma_address()). rmap_walk() looks up the
 * folio's anon_vma's interval tree for the VMAs covering folio->index and
 * calls rmap_one() for each; page_vma_mapped_walk() then checks that the
 * PTE at that address really maps the folio (a child may have COWed it).
 *
 * The functions that add and remove a PTE's rmap state are Linux 6.12's
 * folio API (folio_add_new_anon_rmap(), folio_add_anon_rmap_pte(),
 * folio_add_file_rmap_pte(), folio_remove_rmap_pte(); fork's
 * folio_try_dup_anon_rmap_pte() is inline in rmap.h). Every Pagoda folio
 * is one page; the _ptes forms already take a run of pages.
 *
 * Concurrency is simplified: one CPU, the anon_vma root's rwsem, the
 * mm's page_table_lock for PTEs. Linux additionally frees anon_vmas by
 * SLAB_TYPESAFE_BY_RCU so that a walk can start from an unmapped page.
 */
#include <linux/rmap.h>
#include <linux/ksm.h>
#include <linux/swapops.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <linux/errno.h>
#include <linux/init.h>
#include "internal.h"

static struct kmem_cache *anon_vma_cachep;
static struct kmem_cache *anon_vma_chain_cachep;

static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *anon_vma = kmem_cache_alloc(anon_vma_cachep, GFP_KERNEL);

	if (!anon_vma)
		return NULL;
	init_rwsem(&anon_vma->rwsem);
	atomic_set(&anon_vma->refcount, 1);
	anon_vma->num_children = 0;
	anon_vma->num_active_vmas = 0;
	/* A new root; anon_vma_fork() points both at the parent instead. */
	anon_vma->parent = anon_vma;
	anon_vma->root = anon_vma;
	anon_vma->rb_root = RB_ROOT_CACHED;
	return anon_vma;
}

static void anon_vma_free(struct anon_vma *anon_vma)
{
	VM_BUG_ON(atomic_read(&anon_vma->refcount));
	VM_BUG_ON(!RB_EMPTY_ROOT(&anon_vma->rb_root.rb_root));
	kmem_cache_free(anon_vma_cachep, anon_vma);
}

static struct anon_vma_chain *anon_vma_chain_alloc(gfp_t gfp)
{
	return kmem_cache_alloc(anon_vma_chain_cachep, gfp);
}

static void anon_vma_chain_free(struct anon_vma_chain *avc)
{
	kmem_cache_free(anon_vma_chain_cachep, avc);
}

/* anon_vma_chain_link - @avc joins @vma's list and @anon_vma's interval tree. */
static void anon_vma_chain_link(struct vm_area_struct *vma, struct anon_vma_chain *avc,
				struct anon_vma *anon_vma)
{
	avc->vma = vma;
	avc->anon_vma = anon_vma;
	list_add(&avc->same_vma, &vma->anon_vma_chain);
	anon_vma_interval_tree_insert(avc, &anon_vma->rb_root);
}

/*
 * __put_anon_vma - the last reference is gone. A non-root anon_vma holds a
 * reference on its root (the lock lives there), dropped now.
 */
static void __put_anon_vma(struct anon_vma *anon_vma)
{
	struct anon_vma *root = anon_vma->root;

	anon_vma_free(anon_vma);
	if (root != anon_vma && atomic_dec_and_test(&root->refcount))
		anon_vma_free(root);
}

void put_anon_vma(struct anon_vma *anon_vma)
{
	if (atomic_dec_and_test(&anon_vma->refcount))
		__put_anon_vma(anon_vma);
}

/**
 * __anon_vma_prepare - give @vma an anon_vma before its first anonymous page
 * @vma: the faulting VMA (the caller holds mmap_lock)
 *
 * The anon_vma is a neighbour's (find_mergeable_anon_vma()) or a new root,
 * which counts itself as its own child so that it is never reused by
 * anon_vma_clone(). Returns 0 or -ENOMEM.
 */
int __anon_vma_prepare(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	struct anon_vma *anon_vma, *allocated = NULL;
	struct anon_vma_chain *avc;

	avc = anon_vma_chain_alloc(GFP_KERNEL);
	if (!avc)
		return -ENOMEM;
	anon_vma = find_mergeable_anon_vma(vma);
	if (!anon_vma) {
		anon_vma = anon_vma_alloc();
		if (!anon_vma) {
			anon_vma_chain_free(avc);
			return -ENOMEM;
		}
		anon_vma->num_children++;	/* self-parent link for a new root */
		allocated = anon_vma;
	}

	anon_vma_lock_write(anon_vma);
	spin_lock(&mm->page_table_lock);	/* against another thread's fault */
	if (likely(!vma->anon_vma)) {
		vma->anon_vma = anon_vma;
		anon_vma_chain_link(vma, avc, anon_vma);
		anon_vma->num_active_vmas++;
		allocated = NULL;
		avc = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	anon_vma_unlock_write(anon_vma);

	if (unlikely(allocated))
		put_anon_vma(allocated);
	if (unlikely(avc))
		anon_vma_chain_free(avc);
	return 0;
}

/*
 * lock_anon_vma_root - lock @anon_vma's root, unless @root (already held)
 * is that root. All anon_vmas of one VMA normally share one root.
 */
static struct anon_vma *lock_anon_vma_root(struct anon_vma *root, struct anon_vma *anon_vma)
{
	struct anon_vma *new_root = anon_vma->root;

	if (new_root != root) {
		if (root)
			up_write(&root->rwsem);
		root = new_root;
		down_write(&root->rwsem);
	}
	return root;
}

static void unlock_anon_vma_root(struct anon_vma *root)
{
	if (root)
		up_write(&root->rwsem);
}

/**
 * anon_vma_clone - chain @dst to every anon_vma @src is chained to
 * @dst: a new VMA (a split or copied part of @src, or a child's copy)
 * @src: the VMA it comes from
 *
 * Used by __split_vma, copy_vma and anon_vma_fork. The reuse heuristic:
 * if @dst has no anon_vma yet, it may take over an anon_vma of the chain
 * that no VMA uses as its own any more (num_active_vmas == 0: its process
 * exited or unmapped) and that has at most one child anon_vma. That keeps
 * a long fork chain with exiting middle processes from growing a new
 * anon_vma (and one more chain per VMA) at every generation. A root is
 * never reused: it counts itself as a child and has at least one more.
 *
 * The chains are allocated while the root's lock is held: GFP_NOWAIT
 * first, which never sleeps nor compacts -- direct compaction could have
 * to migrate a page of this very anon_vma, and its rmap walk would wait
 * for the lock held here; only if that fails is the lock dropped for a
 * GFP_KERNEL allocation.
 *
 * Returns 0, or -ENOMEM with @dst's chains undone.
 */
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	/* LAB rmap: struct anon_vma_chain *avc = src->anon_vma ? anon_vma_chain_alloc(GFP_KERNEL) : NULL; if (!avc) return src->anon_vma ? -ENOMEM : 0; anon_vma_lock_write(src->anon_vma); anon_vma_chain_link(dst, avc, src->anon_vma); dst->anon_vma->num_active_vmas++; anon_vma_unlock_write(src->anon_vma); return 0; */
	struct anon_vma_chain *avc, *pavc;
	struct anon_vma *root = NULL;

	/* Oldest first: the list is newest first (list_add). */
	list_for_each_entry_reverse(pavc, &src->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = pavc->anon_vma;

		avc = anon_vma_chain_alloc(GFP_NOWAIT | __GFP_NOWARN);
		if (unlikely(!avc)) {
			unlock_anon_vma_root(root);
			root = NULL;
			avc = anon_vma_chain_alloc(GFP_KERNEL);
			if (!avc)
				goto enomem_failure;
		}
		root = lock_anon_vma_root(root, anon_vma);
		anon_vma_chain_link(dst, avc, anon_vma);

		if (!dst->anon_vma && src->anon_vma && anon_vma->num_children < 2 &&
		    anon_vma->num_active_vmas == 0)
			dst->anon_vma = anon_vma;
	}
	if (dst->anon_vma)
		dst->anon_vma->num_active_vmas++;
	unlock_anon_vma_root(root);
	return 0;

enomem_failure:
	unlock_anon_vma_root(root);
	/* Not counted in num_active_vmas yet: don't let unlink_anon_vmas() drop it. */
	dst->anon_vma = NULL;
	unlink_anon_vmas(dst);
	return -ENOMEM;
	/* LAB rmap end */
}

/**
 * anon_vma_fork - the anon_vmas of a child's copy of a VMA
 * @vma: the child's VMA (a copy of @pvma)
 * @pvma: the parent's VMA
 *
 * First @vma is chained to all of @pvma's anon_vmas, so that rmap finds
 * the pages parent and child still share in the child too. Then, unless
 * anon_vma_clone() reused an idle anon_vma, @vma gets a new anon_vma of
 * its own whose parent is @pvma's: the pages the child writes (COW) go
 * there, and a walk of them visits only the child and its descendants.
 * The new anon_vma pins the root, which holds the lock.
 *
 * Returns 0 or -ENOMEM (with @vma's chains undone).
 */
int anon_vma_fork(struct vm_area_struct *vma, struct vm_area_struct *pvma)
{
	/* LAB rmap: return anon_vma_clone(vma, pvma); */
	struct anon_vma_chain *avc;
	struct anon_vma *anon_vma;
	int error;

	/* Nothing to share if the parent never had an anonymous page here. */
	if (!pvma->anon_vma)
		return 0;

	/* Drop the copied pointer: reuse one or allocate below. */
	vma->anon_vma = NULL;
	error = anon_vma_clone(vma, pvma);
	if (error)
		return error;
	if (vma->anon_vma)
		return 0;

	anon_vma = anon_vma_alloc();
	if (!anon_vma)
		goto out_error;
	anon_vma->num_active_vmas++;
	avc = anon_vma_chain_alloc(GFP_KERNEL);
	if (!avc)
		goto out_error_free_anon_vma;

	anon_vma->root = pvma->anon_vma->root;
	anon_vma->parent = pvma->anon_vma;
	get_anon_vma(anon_vma->root);
	vma->anon_vma = anon_vma;
	anon_vma_lock_write(anon_vma);
	anon_vma_chain_link(vma, avc, anon_vma);
	anon_vma->parent->num_children++;
	anon_vma_unlock_write(anon_vma);
	return 0;

out_error_free_anon_vma:
	put_anon_vma(anon_vma);
out_error:
	unlink_anon_vmas(vma);
	return -ENOMEM;
	/* LAB rmap end */
}

/**
 * unlink_anon_vmas - undo every chain of @vma (munmap, exit, merge)
 * @vma: the VMA going away (or losing its anonymous memory)
 *
 * Each chain leaves its anon_vma's tree; an anon_vma whose tree is then
 * empty stops counting as its parent's child and is released once the
 * root lock is dropped. The list is newest first, so a root is released
 * after its descendants.
 */
void unlink_anon_vmas(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc, *next;
	struct anon_vma *root = NULL;

	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = avc->anon_vma;

		root = lock_anon_vma_root(root, anon_vma);
		anon_vma_interval_tree_remove(avc, &anon_vma->rb_root);
		/* Leave empty anon_vmas on the list: freed below, outside the lock. */
		if (RB_EMPTY_ROOT(&anon_vma->rb_root.rb_root)) {
			anon_vma->parent->num_children--;
			continue;
		}
		list_del(&avc->same_vma);
		anon_vma_chain_free(avc);
	}
	if (vma->anon_vma) {
		vma->anon_vma->num_active_vmas--;
		vma->anon_vma = NULL;
	}
	unlock_anon_vma_root(root);

	list_for_each_entry_safe(avc, next, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = avc->anon_vma;

		VM_WARN_ON(anon_vma->num_children);
		VM_WARN_ON(anon_vma->num_active_vmas);
		put_anon_vma(anon_vma);
		list_del(&avc->same_vma);
		anon_vma_chain_free(avc);
	}
}

/* anon_vma_init - the slab caches (Linux: called from start_kernel()). */
void __init anon_vma_init(void)
{
	anon_vma_cachep = kmem_cache_create("anon_vma", sizeof(struct anon_vma), 0,
					    SLAB_PANIC, NULL);
	anon_vma_chain_cachep = kmem_cache_create("anon_vma_chain",
						  sizeof(struct anon_vma_chain), 0,
						  SLAB_PANIC, NULL);
}

/* ---------------------------------------------------------------------- */
/* The rmap state of a folio */

/**
 * folio_move_anon_rmap - move an exclusive folio to @vma's own anon_vma
 * @folio: an anonymous folio mapped only by @vma (do_wp_page() reusing it)
 * @vma: the VMA
 *
 * A folio the parent wrote before fork sits in the parent's (root)
 * anon_vma. Once the child that reuses it is its only user, moving it to
 * the child's anon_vma narrows later rmap walks to the child's subtree.
 * The caller holds the folio lock, which keeps rmap walks (KSM,
 * migration) from looking at a half-moved folio.
 */
void folio_move_anon_rmap(struct folio *folio, struct vm_area_struct *vma)
{
	void *anon_vma = vma->anon_vma;

	VM_BUG_ON(!folio_test_locked(folio));
	VM_BUG_ON(!anon_vma);
	anon_vma += PAGE_MAPPING_ANON;
	/* Anon_vma and the PAGE_MAPPING_ANON bit in one store. */
	WRITE_ONCE(folio->mapping, anon_vma);
}

/*
 * __folio_set_anon - point a new anonymous folio at its anon_vma and
 * record its index. A folio exclusive to @vma goes in @vma's own
 * anon_vma; one that may already be shared (e.g. swapped in for several
 * processes) must use the oldest anon_vma, the root, which every VMA of
 * the fork tree is chained to.
 */
static void __folio_set_anon(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, bool exclusive)
{
	struct anon_vma *anon_vma = vma->anon_vma;

	BUG_ON(!anon_vma);
	if (!exclusive)
		anon_vma = anon_vma->root;
	WRITE_ONCE(folio->mapping,
		   (struct address_space *)((unsigned long)anon_vma + PAGE_MAPPING_ANON));
	folio->index = linear_page_index(vma, address);
}

/* __page_check_anon_rmap - another mapping of a page must agree with its folio's rmap. */
static void __page_check_anon_rmap(struct folio *folio, struct page *page,
				   struct vm_area_struct *vma, unsigned long address)
{
	VM_BUG_ON(folio_anon_vma(folio)->root != vma->anon_vma->root);
	VM_BUG_ON(folio->index + folio_page_idx(folio, page) !=
		  linear_page_index(vma, address));
}

/**
 * folio_add_anon_rmap_ptes - PTEs now map pages of an existing anonymous folio
 * @folio: the folio (already anonymous: it was mapped before)
 * @page: the first page mapped
 * @nr_pages: how many pages, one PTE each
 * @vma: the VMA of the PTEs
 * @address: the user address of @page
 * @flags: RMAP_EXCLUSIVE if only this process maps the pages now
 *
 * For a folio that keeps its anon_vma: KSM, migration and swap-in map an
 * existing folio again. A fresh folio is folio_add_new_anon_rmap()'s.
 */
void folio_add_anon_rmap_ptes(struct folio *folio, struct page *page, int nr_pages,
			      struct vm_area_struct *vma, unsigned long address, rmap_t flags)
{
	__folio_rmap_sanity_checks(folio, page, nr_pages);
	VM_BUG_ON(!folio_test_anon(folio));
	if (atomic_inc_and_test(&page->_mapcount))
		mod_node_page_state(folio_pgdat(folio), NR_ANON_MAPPED, 1);
	if (likely(!folio_test_ksm(folio)))
		__page_check_anon_rmap(folio, page, vma, address);
	if (flags & RMAP_EXCLUSIVE)
		SetPageAnonExclusive(page);
	mlock_vma_folio(folio, vma);
}

/**
 * folio_add_new_anon_rmap - the first mapping of a new anonymous folio
 * @folio: a folio just allocated (not yet visible to anyone else)
 * @vma: the VMA it is mapped in (anon_vma_prepare() done)
 * @address: the user address of its first page
 * @flags: RMAP_EXCLUSIVE: mapped by this process only (always, for a
 *         folio a fault just allocated)
 *
 * The folio joins @vma's own anon_vma (its root's if not exclusive) and is
 * mapped once. A large folio would set up each page's count and
 * _large_mapcount.
 */
void folio_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, rmap_t flags)
{
	const bool exclusive = flags & RMAP_EXCLUSIVE;

	VM_BUG_ON(folio_test_large(folio));
	VM_BUG_ON(address < vma->vm_start || address + PAGE_SIZE > vma->vm_end);
	__folio_set_swapbacked(folio);
	__folio_set_anon(folio, vma, address, exclusive);
	atomic_set(&folio->_mapcount, 0);	/* from -1: one mapping */
	if (exclusive)
		SetPageAnonExclusive(&folio->page);
	mod_node_page_state(folio_pgdat(folio), NR_ANON_MAPPED, 1);
}

/**
 * hugetlb_add_new_anon_rmap - a huge PMD maps a new anonymous hugetlb folio
 * @folio: the folio, fresh from the pool
 * @vma: the private hugetlb VMA
 * @address: the huge page's address
 *
 * Its one mapping, exclusive to @vma's process.
 */
void hugetlb_add_new_anon_rmap(struct folio *folio, struct vm_area_struct *vma,
			       unsigned long address)
{
	atomic_set(&folio->_mapcount, 0);
	__folio_set_anon(folio, vma, address, true);
	SetPageAnonExclusive(&folio->page);
}

/**
 * folio_add_file_rmap_ptes - PTEs now map pages of a page-cache folio
 * @folio: the folio (a file mapping's fault)
 * @page: the first page mapped
 * @nr_pages: how many pages, one PTE each
 * @vma: the VMA of the PTEs
 *
 * File folios have no anon_vma: folio->mapping is their file, and
 * rmap_walk() finds the mapping VMAs in its i_mmap tree.
 */
void folio_add_file_rmap_ptes(struct folio *folio, struct page *page, int nr_pages,
			      struct vm_area_struct *vma)
{
	__folio_rmap_sanity_checks(folio, page, nr_pages);
	VM_BUG_ON(folio_test_anon(folio));
	if (atomic_inc_and_test(&page->_mapcount))
		mod_node_page_state(folio_pgdat(folio), NR_FILE_MAPPED, 1);
	mlock_vma_folio(folio, vma);
}

/**
 * folio_remove_rmap_ptes - PTEs mapping pages of @folio are gone
 * @folio: the folio
 * @page: the first page unmapped
 * @nr_pages: how many pages, one PTE each
 * @vma: the VMA the PTEs were in
 *
 * The caller drops its folio references afterwards. folio->mapping stays
 * (the allocator clears it at free), so a folio that is unmapped but still
 * referenced keeps pointing at an anon_vma that may be freed: rmap users
 * check folio_mapped() first. A page whose last mapping goes is no longer
 * anyone's exclusively (Pagoda keeps no swap or migration entries that
 * would carry the bit; the allocator checks it is clear).
 */
void folio_remove_rmap_ptes(struct folio *folio, struct page *page, int nr_pages,
			    struct vm_area_struct *vma)
{
	__folio_rmap_sanity_checks(folio, page, nr_pages);
	if (atomic_add_negative(-1, &page->_mapcount)) {
		if (folio_test_anon(folio)) {
			ClearPageAnonExclusive(page);
			mod_node_page_state(folio_pgdat(folio), NR_ANON_MAPPED, -1);
		} else {
			mod_node_page_state(folio_pgdat(folio), NR_FILE_MAPPED, -1);
		}
	}
	munlock_vma_folio(folio, vma);
}

/* ---------------------------------------------------------------------- */
/* Walking the mappings of a folio */

/**
 * mm_find_pmd - the PMD entry of @address if a PTE table hangs from it
 * @mm: the address space: a process's, or &init_mm for a vmalloc address
 * @address: a user address, or a kernel address mapped with 4 KiB pages
 *
 * Allocates nothing; NULL if a table on the way is missing, or if the PMD
 * entry is a leaf (a hugetlb page: its walkers use huge_pte_offset()).
 * Linux returns the PMD entry even when it is empty, and its callers check
 * both. The caller
 * must not pass an address covered by a 2 MiB mapping (most of the
 * direct map): there the PMD is a leaf, not a table.
 */
pmd_t *mm_find_pmd(struct mm_struct *mm, unsigned long address)
{
	/* LAB pagetables: return NULL; */
	pgd_t *pgd = pgd_offset(mm, address);
	pud_t *pud;
	pmd_t *pmd;

	if (pgd_none(*pgd))
		return NULL;
	pud = pud_offset(pgd, address);
	if (pud_none(*pud))
		return NULL;
	pmd = pmd_offset(pud, address);
	return pmd_none(*pmd) || pmd_large(*pmd) ? NULL : pmd;
	/* LAB pagetables end */
}

/**
 * page_address_in_vma - where @page is mapped in @vma, if it can be
 * @page: an anonymous (not KSM) or page-cache page
 * @vma: a VMA
 *
 * The address its index gives in @vma, or -EFAULT if the page cannot be
 * there: an anonymous page outside the VMA's anon_vma tree (KSM pages
 * have none), a file page of another file, an index outside the VMA.
 * It does not say a PTE maps the page there: page_vma_mapped_walk() does.
 */
unsigned long page_address_in_vma(struct page *page, struct vm_area_struct *vma)
{
	struct folio *folio = page_folio(page);

	if (folio_test_anon(folio)) {
		struct anon_vma *page__anon_vma = folio_anon_vma(folio);

		if (!vma->anon_vma || !page__anon_vma ||
		    vma->anon_vma->root != page__anon_vma->root)
			return -EFAULT;
	} else if (!vma->vm_file || file_mapping(vma->vm_file) != folio->mapping) {
		return -EFAULT;
	}
	return vma_address(vma, folio_pgoff(folio) + folio_page_idx(folio, page), 1);
}

static inline struct anon_vma *rmap_walk_anon_lock(struct folio *folio, struct rmap_walk_control *rwc)
{
	struct anon_vma *anon_vma;

	if (rwc->anon_lock)
		return rwc->anon_lock(folio, rwc);
	anon_vma = folio_anon_vma(folio);
	if (anon_vma)
		anon_vma_lock_read(anon_vma);
	return anon_vma;
}

/*
 * rmap_walk_one - one step of either walk: the tree said @vma covers part
 * of the folio; call rwc->rmap_one() with the folio's address there,
 * unless rwc->invalid_vma() skips the VMA. Returns false to stop the walk.
 */
static bool rmap_walk_one(struct folio *folio, struct vm_area_struct *vma,
			  struct rmap_walk_control *rwc)
{
	unsigned long address = vma_address(vma, folio_pgoff(folio), folio_nr_pages(folio));

	/* Only a stale key in the tree gets here. */
	if (WARN_ON_ONCE(address == (unsigned long)-EFAULT))
		return true;
	if (rwc->invalid_vma && rwc->invalid_vma(vma, rwc->arg))
		return true;
	if (!rwc->rmap_one(folio, vma, address, rwc->arg))
		return false;
	return !(rwc->done && rwc->done(folio));
}

/*
 * rmap_walk_anon - call rwc->rmap_one() for each VMA of the folio's
 * anon_vma whose page-offset range covers the folio, with the address the
 * folio has there. @locked: the caller holds the anon_vma lock.
 */
static void rmap_walk_anon(struct folio *folio, struct rmap_walk_control *rwc, bool locked)
{
	/* LAB rmap: WARN_ON_ONCE(1); */
	pgoff_t pgoff_start = folio_pgoff(folio);
	pgoff_t pgoff_end = pgoff_start + folio_nr_pages(folio) - 1;
	struct anon_vma *anon_vma;
	struct anon_vma_chain *avc;

	anon_vma = locked ? folio_anon_vma(folio) : rmap_walk_anon_lock(folio, rwc);
	if (!anon_vma)
		return;
	anon_vma_interval_tree_foreach(avc, &anon_vma->rb_root, pgoff_start, pgoff_end)
		if (!rmap_walk_one(folio, avc->vma, rwc))
			break;
	if (!locked)
		anon_vma_unlock_read(anon_vma);
	/* LAB rmap end */
}

/*
 * rmap_walk_file - call rwc->rmap_one() for each VMA in the i_mmap tree
 * of the folio's file whose page-offset range covers the folio, with the
 * address the folio has there. @locked: the caller holds i_mmap_rwsem.
 */
static void rmap_walk_file(struct folio *folio, struct rmap_walk_control *rwc, bool locked)
{
	struct address_space *mapping = folio_mapping(folio);
	pgoff_t pgoff_start = folio_pgoff(folio);
	pgoff_t pgoff_end = pgoff_start + folio_nr_pages(folio) - 1;
	struct vm_area_struct *vma;

	if (!mapping)
		return;
	if (!locked)
		i_mmap_lock_read(mapping);
	vma_interval_tree_foreach(vma, &mapping->i_mmap, pgoff_start, pgoff_end)
		if (!rmap_walk_one(folio, vma, rwc))
			break;
	if (!locked)
		i_mmap_unlock_read(mapping);
}

/**
 * rmap_walk - visit every VMA that may map @folio
 * @folio: an anonymous, KSM or page-cache folio
 * @rwc: the callbacks
 *
 * The caller must keep the folio's anon_vma or file alive: hold the folio
 * mapped (Linux: hold the folio lock). A KSM folio goes to
 * rmap_walk_ksm(), which needs the folio lock.
 */
void rmap_walk(struct folio *folio, struct rmap_walk_control *rwc)
{
	if (unlikely(folio_test_ksm(folio)))
		rmap_walk_ksm(folio, rwc);
	else if (folio_test_anon(folio))
		rmap_walk_anon(folio, rwc, false);
	else
		rmap_walk_file(folio, rwc, false);
}

/* rmap_walk_locked - the same, for a caller holding the anon_vma lock or i_mmap_rwsem. */
void rmap_walk_locked(struct folio *folio, struct rmap_walk_control *rwc)
{
	/* no ksm support for now (as in Linux) */
	VM_BUG_ON(folio_test_ksm(folio));
	if (folio_test_anon(folio))
		rmap_walk_anon(folio, rwc, true);
	else
		rmap_walk_file(folio, rwc, true);
}

struct folio_referenced_arg {
	int mapcount;			/* PTEs still to find */
	int referenced;			/* PTEs found young */
	unsigned long vm_flags;		/* the flags of their VMAs */
};

static bool folio_referenced_one(struct folio *folio, struct vm_area_struct *vma,
				 unsigned long address, void *arg)
{
	/* LAB rmap: return false; */
	struct folio_referenced_arg *pra = arg;
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, address, 0);
	int referenced = 0;

	while (page_vma_mapped_walk(&pvmw)) {
		if (vma->vm_flags & VM_LOCKED) {
			mlock_vma_folio(folio, vma);	/* restore an mlock that was missed */
			page_vma_mapped_walk_done(&pvmw);
			pra->vm_flags |= VM_LOCKED;
			return false;	/* an mlocked folio is not reclaimed: stop */
		}
		if (ptep_clear_flush_young(vma, pvmw.address, pvmw.pte))
			referenced++;
		pra->mapcount--;
	}
	if (referenced) {
		pra->referenced++;
		pra->vm_flags |= vma->vm_flags & ~VM_LOCKED;
	}
	return pra->mapcount > 0;	/* stop once every PTE was seen */
	/* LAB rmap end */
}

/**
 * folio_referenced - test and clear the accessed bits of every PTE of @folio
 * @folio: an anonymous or page-cache folio
 * @is_locked: the caller holds the folio lock (else it is taken for a
 *             file or KSM folio, and a locked one counts as referenced)
 * @vm_flags: set to the OR of the vm_flags of the referencing VMAs
 *
 * Returns the number of VMAs in which the folio was referenced since the
 * last call (reclaim's "was it used recently?"); the bits are cleared and
 * the TLB entries flushed, so the next call sees only new accesses.
 */
int folio_referenced(struct folio *folio, int is_locked, unsigned long *vm_flags)
{
	struct folio_referenced_arg pra = { .mapcount = folio_mapcount(folio) };
	struct rmap_walk_control rwc = {
		.rmap_one = folio_referenced_one,
		.arg = &pra,
	};
	bool we_locked = false;

	*vm_flags = 0;
	if (!pra.mapcount)
		return 0;
	/* A file or KSM folio's walk needs the folio lock: busy counts as referenced. */
	if (!is_locked && (!folio_test_anon(folio) || folio_test_ksm(folio))) {
		we_locked = folio_trylock(folio);
		if (!we_locked)
			return 1;
	}
	rmap_walk(folio, &rwc);
	*vm_flags = pra.vm_flags;
	if (we_locked)
		folio_unlock(folio);
	return pra.referenced;
}

/*
 * try_to_unmap_one - clear the PTEs of @folio in @vma. A page-cache folio
 * can go: its data stays in the file, and a later fault maps it again.
 * An anonymous folio cannot: Linux stores a swap entry in the PTE (reclaim
 * put the folio in the swap cache first), and without swap its data has
 * nowhere to go -- the walk stops and every mapping stays. Migration will
 * install migration entries instead (try_to_migrate()).
 */
static bool try_to_unmap_one(struct folio *folio, struct vm_area_struct *vma,
			     unsigned long address, void *arg)
{
	enum ttu_flags flags = (enum ttu_flags)(unsigned long)arg;
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, address, 0);
	bool ret = true;

	while (page_vma_mapped_walk(&pvmw)) {
		struct page *subpage = folio_page(folio, pte_pfn(*pvmw.pte) - folio_pfn(folio));
		pte_t pteval;

		if ((!(flags & TTU_IGNORE_MLOCK) && (vma->vm_flags & VM_LOCKED)) ||
		    folio_test_anon(folio)) {
			page_vma_mapped_walk_done(&pvmw);
			ret = false;
			break;
		}
		pteval = ptep_clear_flush(vma, pvmw.address, pvmw.pte);
		if (pte_dirty(pteval))
			folio_set_dirty(folio);
		dec_mm_counter(vma->vm_mm, mm_counter_file(folio));
		folio_remove_rmap_pte(folio, subpage, vma);
		folio_put(folio);
	}
	return ret;
}

static int folio_not_mapped(struct folio *folio)
{
	return !folio_mapped(folio);
}

/**
 * try_to_unmap - try to remove every PTE that maps @folio
 * @folio: an anonymous or page-cache folio; the caller holds a reference
 *         of its own
 * @flags: TTU_IGNORE_MLOCK to unmap from VM_LOCKED VMAs too
 *
 * Each PTE is cleared and flushed, and with it a map count, a folio
 * reference and an RSS page go. It stops at a VM_LOCKED VMA (unless told
 * otherwise) and at an anonymous folio, which without swap cannot be
 * unmapped at all (try_to_unmap_one()). As in Linux, the caller checks
 * folio_mapped() afterwards to see whether it succeeded.
 */
void try_to_unmap(struct folio *folio, enum ttu_flags flags)
{
	struct rmap_walk_control rwc = {
		.rmap_one = try_to_unmap_one,
		.arg = (void *)(unsigned long)flags,
		.done = folio_not_mapped,
	};

	VM_BUG_ON(folio_ref_count(folio) <= folio_mapcount(folio));
	rmap_walk(folio, &rwc);
}

/*
 * try_to_migrate_one - replace each PTE of @folio in @vma by a migration
 * entry: its frame, whether the PTE was writable or (anonymous) the page
 * exclusive, and its young and dirty bits. The folio loses the mapping
 * and the reference the PTE had; the RSS keeps the page (it is only
 * moving). A fault on the entry waits for the folio lock
 * (migration_entry_wait()).
 */
static bool try_to_migrate_one(struct folio *folio, struct vm_area_struct *vma,
			       unsigned long address, void *arg)
{
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, address, 0);

	while (page_vma_mapped_walk(&pvmw)) {
		unsigned long pfn = pte_pfn(*pvmw.pte);
		struct page *subpage = folio_page(folio, pfn - folio_pfn(folio));
		bool anon_exclusive = folio_test_anon(folio) && PageAnonExclusive(subpage);
		swp_entry_t entry;
		pte_t pteval;

		pteval = ptep_clear_flush(vma, pvmw.address, pvmw.pte);
		if (pte_dirty(pteval))
			folio_set_dirty(folio);
		if (pte_write(pteval))
			entry = make_writable_migration_entry(pfn);
		else if (anon_exclusive)
			entry = make_readable_exclusive_migration_entry(pfn);
		else
			entry = make_readable_migration_entry(pfn);
		if (pte_young(pteval))
			entry = make_migration_entry_young(entry);
		if (pte_dirty(pteval))
			entry = make_migration_entry_dirty(entry);
		if (anon_exclusive)
			ClearPageAnonExclusive(subpage);
		set_pte_at(vma->vm_mm, pvmw.address, pvmw.pte, swp_entry_to_pte(entry));
		folio_remove_rmap_pte(folio, subpage, vma);
		folio_put(folio);
	}
	return true;
}

/**
 * try_to_migrate - replace every PTE that maps @folio by a migration entry
 * @folio: a locked anonymous or page-cache folio; the caller holds a
 *         reference of its own
 * @flags: none used (Linux: TTU_RMAP_LOCKED, TTU_SPLIT_HUGE_PMD,
 *         TTU_BATCH_FLUSH)
 *
 * Mlocked VMAs are walked too: Linux migrates mlocked folios (compaction
 * when compact_unevictable_allowed). The caller checks folio_mapped()
 * afterwards, as for try_to_unmap().
 */
void try_to_migrate(struct folio *folio, enum ttu_flags flags)
{
	struct rmap_walk_control rwc = {
		.rmap_one = try_to_migrate_one,
		.done = folio_not_mapped,
	};

	VM_BUG_ON(!folio_test_locked(folio));
	rmap_walk(folio, &rwc);
}
