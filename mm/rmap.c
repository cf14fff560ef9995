// SPDX-License-Identifier: GPL-2.0
/*
 * rmap.c - reverse mapping: from a page frame to every PTE that maps it,
 * in every process. Mirrors mm/rmap.c.
 *
 * A page-cache page is the easy case: page->mapping is its file's
 * address_space and page->index its page offset in the file, and every VMA
 * mapping the file sits in mapping->i_mmap, an interval tree keyed by the
 * file pages each VMA covers (linked by vma_link(), __vma_adjust() and
 * dup_mmap(), unlinked by unlink_file_vma()). rmap_walk_file() asks that
 * tree which VMAs cover page->index. A private file mapping is in the
 * tree too: the walk visits it, and page_vma_mapped_walk() tells whether
 * it maps the page itself or has a COWed copy there.
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
 * A page records its anon_vma in page->mapping (with PAGE_MAPPING_ANON)
 * and its linear index in page->index: vm_pgoff + (addr - vm_start) /
 * PAGE_SIZE of the VMA that first mapped it. A child's VMA is a copy with
 * the same vm_start and vm_pgoff, so the same index gives the address in
 * every VMA of the anon_vma (vma_address()). rmap_walk() looks up the
 * page's anon_vma's interval tree for the VMAs covering page->index and
 * calls rmap_one() for each; page_vma_mapped_walk() then checks that the
 * PTE at that address really maps the page (a child may have COWed it).
 *
 * Concurrency is simplified: one CPU, the anon_vma root's rwsem, the
 * mm's page_table_lock for PTEs. Linux additionally frees anon_vmas by
 * SLAB_TYPESAFE_BY_RCU so that a walk can start from an unmapped page.
 */
#include <linux/rmap.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <linux/errno.h>
#include <linux/init.h>

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

static struct anon_vma_chain *anon_vma_chain_alloc(void)
{
	return kmem_cache_alloc(anon_vma_chain_cachep, GFP_KERNEL);
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

/*
 * anon_vma_compatible - could @b's pages live in @a's anon_vma? @b must
 * follow @a directly, in the same file, with the same flags apart from
 * the access bits, at the page offset that continues @a's (so a later
 * mprotect could merge the two). Linux: mm/mmap.c.
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
 * then the previous one. Linux: mm/mmap.c.
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

	avc = anon_vma_chain_alloc();
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
 * Returns 0, or -ENOMEM with @dst's chains undone.
 */
int anon_vma_clone(struct vm_area_struct *dst, struct vm_area_struct *src)
{
	struct anon_vma_chain *avc, *pavc;
	struct anon_vma *root = NULL;

	/* Oldest first: the list is newest first (list_add). */
	list_for_each_entry_reverse(pavc, &src->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = pavc->anon_vma;

		avc = anon_vma_chain_alloc();
		if (!avc)
			goto enomem_failure;
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
	avc = anon_vma_chain_alloc();
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
/* The rmap state of a page */

/*
 * __page_set_anon_rmap - point a page at its anon_vma and record its index.
 * A page exclusive to @vma goes in @vma's own anon_vma; one that may
 * already be shared (e.g. swapped in for several processes) must use the
 * oldest anon_vma, the root, which every VMA of the fork tree is chained to.
 */
static void __page_set_anon_rmap(struct page *page, struct vm_area_struct *vma,
				 unsigned long address, bool exclusive)
{
	struct anon_vma *anon_vma = vma->anon_vma;

	BUG_ON(!anon_vma);
	if (!PageAnon(page)) {
		if (!exclusive)
			anon_vma = anon_vma->root;
		WRITE_ONCE(page->mapping,
			   (struct address_space *)((unsigned long)anon_vma + PAGE_MAPPING_ANON));
		page->index = linear_page_index(vma, address);
	}
	if (exclusive)
		SetPageAnonExclusive(page);
}

/* __page_check_anon_rmap - another mapping of a page must agree with its rmap. */
static void __page_check_anon_rmap(struct page *page, struct vm_area_struct *vma,
				   unsigned long address)
{
	VM_BUG_ON(page_anon_vma(page)->root != vma->anon_vma->root);
	VM_BUG_ON(page->index != linear_page_index(vma, address));
}

/**
 * page_add_new_anon_rmap - the first mapping of a new anonymous page
 * @page: a page just allocated (not yet visible to anyone else)
 * @vma: the VMA it is mapped in (anon_vma_prepare() done)
 * @address: the user address
 *
 * The page belongs to @vma's own anon_vma, is exclusive and mapped once.
 */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address)
{
	VM_BUG_ON(address < vma->vm_start || address >= vma->vm_end);
	__SetPageSwapBacked(page);
	atomic_set(&page->_mapcount, 0);	/* from -1: one mapping */
	mod_node_page_state(page_pgdat(page), NR_ANON_MAPPED, 1);
	__page_set_anon_rmap(page, vma, address, true);
}

/**
 * page_add_anon_rmap - one more PTE maps an existing anonymous page
 * @page: the page
 * @vma: the VMA of the new PTE
 * @address: its user address
 * @exclusive: the page is mapped by this process only (e.g. swap-in)
 */
void page_add_anon_rmap(struct page *page, struct vm_area_struct *vma,
			unsigned long address, bool exclusive)
{
	bool first = atomic_inc_and_test(&page->_mapcount);

	if (first)
		mod_node_page_state(page_pgdat(page), NR_ANON_MAPPED, 1);
	if (unlikely(PageKsm(page)))
		return;
	if (first)
		__page_set_anon_rmap(page, vma, address, exclusive);
	else
		__page_check_anon_rmap(page, vma, address);
}

/**
 * page_add_file_rmap - one more PTE maps a page-cache page
 * @page: the page (a file mapping's fault, or fork copying a private one)
 *
 * File pages have no anon_vma: page->mapping is their file, and
 * rmap_walk() finds the mapping VMAs in its i_mmap tree.
 */
void page_add_file_rmap(struct page *page)
{
	if (atomic_inc_and_test(&page->_mapcount))
		mod_node_page_state(page_pgdat(page), NR_FILE_MAPPED, 1);
}

/**
 * page_remove_rmap - a PTE mapping @page is gone
 * @page: the page
 * @vma: the VMA the PTE was in
 *
 * The caller drops its page reference afterwards. page->mapping stays
 * (the allocator clears it at free), so a page that is unmapped but still
 * referenced keeps pointing at an anon_vma that may be freed: rmap users
 * check page_mapped() first. When the last mapping goes the page is no
 * longer anyone's exclusively (Pagoda keeps no swap or migration entries
 * that would carry the bit; the allocator checks it is clear).
 */
void page_remove_rmap(struct page *page, struct vm_area_struct *vma)
{
	if (!atomic_add_negative(-1, &page->_mapcount))
		return;
	if (PageAnon(page)) {
		mod_node_page_state(page_pgdat(page), NR_ANON_MAPPED, -1);
		ClearPageAnonExclusive(page);
	} else {
		mod_node_page_state(page_pgdat(page), NR_FILE_MAPPED, -1);
	}
}

/**
 * page_move_anon_rmap - move an exclusive page to @vma's own anon_vma
 * @page: an anonymous page mapped only by @vma (do_wp_page() reusing it)
 * @vma: the VMA
 *
 * A page the parent wrote before fork sits in the parent's (root)
 * anon_vma. Once the child that reuses it is its only user, moving it to
 * the child's anon_vma narrows later rmap walks to the child's subtree.
 */
void page_move_anon_rmap(struct page *page, struct vm_area_struct *vma)
{
	VM_BUG_ON(!vma->anon_vma);
	WRITE_ONCE(page->mapping,
		   (struct address_space *)((unsigned long)vma->anon_vma + PAGE_MAPPING_ANON));
	SetPageAnonExclusive(page);
}

/**
 * vma_address - the user address of @page in @vma
 * @page: an anonymous page (not KSM: its index is only its first mapping's)
 *        or a page-cache page
 * @vma: a VMA chained to the page's anon_vma, or mapping its file
 *
 * page->index is the page's linear index, vm_pgoff + offset in pages (for
 * a file page simply its offset in the file, in pages): the address is vm_start + (index - vm_pgoff) pages. Returns -EFAULT if
 * the index is outside @vma.
 */
unsigned long vma_address(struct page *page, struct vm_area_struct *vma)
{
	pgoff_t pgoff = page->index;
	unsigned long address;

	if (pgoff < vma->vm_pgoff)
		return -EFAULT;
	address = vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
	if (address < vma->vm_start || address >= vma->vm_end)
		return -EFAULT;
	return address;
}

/* ---------------------------------------------------------------------- */
/* Walking the mappings of a page */

static struct anon_vma *rmap_walk_anon_lock(struct page *page, struct rmap_walk_control *rwc)
{
	struct anon_vma *anon_vma;

	if (rwc->anon_lock)
		return rwc->anon_lock(page, rwc);
	anon_vma = page_anon_vma(page);
	if (anon_vma)
		anon_vma_lock_read(anon_vma);
	return anon_vma;
}

/*
 * rmap_walk_one - one step of either walk: the tree said @vma covers the
 * page's index; call rwc->rmap_one() with the page's address there, unless
 * rwc->invalid_vma() skips the VMA. Returns false to stop the walk.
 */
static bool rmap_walk_one(struct page *page, struct vm_area_struct *vma,
			  struct rmap_walk_control *rwc)
{
	unsigned long address = vma_address(page, vma);

	/* Only a stale key in the tree gets here. */
	if (WARN_ON_ONCE(address == (unsigned long)-EFAULT))
		return true;
	if (rwc->invalid_vma && rwc->invalid_vma(vma, rwc->arg))
		return true;
	if (!rwc->rmap_one(page, vma, address, rwc->arg))
		return false;
	return !(rwc->done && rwc->done(page));
}

/*
 * rmap_walk_anon - call rwc->rmap_one() for each VMA of the page's
 * anon_vma whose page-offset range covers page->index, with the address
 * the page has there. @locked: the caller holds the anon_vma lock.
 */
static void rmap_walk_anon(struct page *page, struct rmap_walk_control *rwc, bool locked)
{
	pgoff_t pgoff = page->index;
	struct anon_vma *anon_vma;
	struct anon_vma_chain *avc;

	anon_vma = locked ? page_anon_vma(page) : rmap_walk_anon_lock(page, rwc);
	if (!anon_vma)
		return;
	anon_vma_interval_tree_foreach(avc, &anon_vma->rb_root, pgoff, pgoff)
		if (!rmap_walk_one(page, avc->vma, rwc))
			break;
	if (!locked)
		anon_vma_unlock_read(anon_vma);
}

/*
 * rmap_walk_file - call rwc->rmap_one() for each VMA in the i_mmap tree
 * of the page's file whose page-offset range covers page->index, with the
 * address the page has there. @locked: the caller holds i_mmap_rwsem.
 */
static void rmap_walk_file(struct page *page, struct rmap_walk_control *rwc, bool locked)
{
	struct address_space *mapping = page_mapping(page);
	pgoff_t pgoff = page->index;
	struct vm_area_struct *vma;

	if (!mapping)
		return;
	if (!locked)
		i_mmap_lock_read(mapping);
	vma_interval_tree_foreach(vma, &mapping->i_mmap, pgoff, pgoff)
		if (!rmap_walk_one(page, vma, rwc))
			break;
	if (!locked)
		i_mmap_unlock_read(mapping);
}

/**
 * rmap_walk - visit every VMA that may map @page
 * @page: an anonymous page or a page-cache page (KSM pages will be walked
 *        by rmap_walk_ksm())
 * @rwc: the callbacks
 *
 * The caller must keep the page's anon_vma or file alive: hold the page
 * mapped (or, later, locked for migration).
 */
void rmap_walk(struct page *page, struct rmap_walk_control *rwc)
{
	if (PageAnon(page))
		rmap_walk_anon(page, rwc, false);
	else
		rmap_walk_file(page, rwc, false);
}

/* rmap_walk_locked - the same, for a caller holding the anon_vma lock or i_mmap_rwsem. */
void rmap_walk_locked(struct page *page, struct rmap_walk_control *rwc)
{
	if (PageAnon(page))
		rmap_walk_anon(page, rwc, true);
	else
		rmap_walk_file(page, rwc, true);
}

/**
 * page_vma_mapped_walk - find the PTE mapping pvmw->page at pvmw->address
 * @pvmw: page, vma and address set; pte and ptl NULL
 *
 * Used as Linux does: while (page_vma_mapped_walk(&pvmw)) { ... }. The
 * first call returns true with pvmw->pte set and the mm's page-table lock
 * held; the next one drops the lock and returns false (Linux's version
 * goes on through the pages of a large folio; a Pagoda page has one PTE
 * per VMA). Leave the loop early with page_vma_mapped_walk_done().
 */
bool page_vma_mapped_walk(struct page_vma_mapped_walk *pvmw)
{
	struct mm_struct *mm = pvmw->vma->vm_mm;
	pte_t *pte;

	if (pvmw->pte) {
		page_vma_mapped_walk_done(pvmw);
		return false;
	}
	pte = pte_offset_map_lookup(mm, pvmw->address);
	if (!pte)
		return false;
	pvmw->ptl = &mm->page_table_lock;
	spin_lock(pvmw->ptl);
	if (!pte_present(*pte) || pte_pfn(*pte) != page_to_pfn(pvmw->page)) {
		page_vma_mapped_walk_done(pvmw);
		return false;
	}
	pvmw->pte = pte;
	return true;
}

/* ptep_clear_flush_young - test and clear the accessed bit (Linux: mm/pgtable-generic.c). */
static bool ptep_clear_flush_young(struct vm_area_struct *vma, unsigned long address,
				   pte_t *ptep)
{
	bool young = pte_young(*ptep);

	if (young) {
		set_pte(ptep, pte_mkold(*ptep));
		flush_tlb_page(vma, address);
	}
	return young;
}

/* ptep_clear_flush - clear a PTE and flush it from the TLB, returning the old value. */
static pte_t ptep_clear_flush(struct vm_area_struct *vma, unsigned long address, pte_t *ptep)
{
	pte_t pte = ptep_get_and_clear(ptep);

	flush_tlb_page(vma, address);
	return pte;
}

struct page_referenced_arg {
	int mapcount;			/* PTEs still to find */
	int referenced;			/* VMAs with a young PTE */
	unsigned long vm_flags;		/* the flags of those VMAs */
};

static bool page_referenced_one(struct page *page, struct vm_area_struct *vma,
				unsigned long address, void *arg)
{
	struct page_referenced_arg *pra = arg;
	struct page_vma_mapped_walk pvmw = { .page = page, .vma = vma, .address = address };
	int referenced = 0;

	while (page_vma_mapped_walk(&pvmw)) {
		if (vma->vm_flags & VM_LOCKED) {
			page_vma_mapped_walk_done(&pvmw);
			pra->vm_flags |= VM_LOCKED;
			return false;	/* an mlocked page is not reclaimed: stop */
		}
		if (ptep_clear_flush_young(vma, address, pvmw.pte))
			referenced++;
		pra->mapcount--;
	}
	if (referenced) {
		pra->referenced++;
		pra->vm_flags |= vma->vm_flags & ~VM_LOCKED;
	}
	return pra->mapcount > 0;	/* stop once every PTE was seen */
}

/**
 * page_referenced - test and clear the accessed bits of every PTE of @page
 * @page: an anonymous or page-cache page
 * @is_locked: the caller holds the page lock (Pagoda's walks need none)
 * @vm_flags: set to the OR of the vm_flags of the referencing VMAs
 *
 * Returns the number of VMAs in which the page was referenced since the
 * last call (reclaim's "was it used recently?"); the bits are cleared and
 * the TLB entries flushed, so the next call sees only new accesses.
 */
int page_referenced(struct page *page, int is_locked, unsigned long *vm_flags)
{
	struct page_referenced_arg pra = { .mapcount = page_mapcount(page) };
	struct rmap_walk_control rwc = {
		.rmap_one = page_referenced_one,
		.arg = &pra,
	};

	*vm_flags = 0;
	if (!pra.mapcount)
		return 0;
	rmap_walk(page, &rwc);
	*vm_flags = pra.vm_flags;
	return pra.referenced;
}

/*
 * try_to_unmap_one - clear the PTE of @page in @vma. Pagoda has no swap:
 * the contents are dropped for this mapping (a later fault maps a fresh
 * page). Migration will install migration entries here instead.
 */
static bool try_to_unmap_one(struct page *page, struct vm_area_struct *vma,
			     unsigned long address, void *arg)
{
	enum ttu_flags flags = (enum ttu_flags)(unsigned long)arg;
	struct page_vma_mapped_walk pvmw = { .page = page, .vma = vma, .address = address };
	bool ret = true;

	while (page_vma_mapped_walk(&pvmw)) {
		pte_t pteval;

		if (!(flags & TTU_IGNORE_MLOCK) && (vma->vm_flags & VM_LOCKED)) {
			page_vma_mapped_walk_done(&pvmw);
			ret = false;
			break;
		}
		pteval = ptep_clear_flush(vma, address, pvmw.pte);
		if (pte_dirty(pteval))
			SetPageDirty(page);
		dec_mm_counter(vma->vm_mm, mm_counter(page));
		page_remove_rmap(page, vma);
		put_page(page);
	}
	return ret;
}

static int page_not_mapped(struct page *page)
{
	return !page_mapped(page);
}

/**
 * try_to_unmap - remove every PTE that maps @page
 * @page: an anonymous or page-cache page; the caller holds a reference
 *        of its own
 * @flags: TTU_IGNORE_MLOCK to unmap from VM_LOCKED VMAs too
 *
 * Each PTE is cleared and flushed, and with it a map count, a page
 * reference and an RSS page go. Returns true if the page is no longer
 * mapped anywhere.
 */
bool try_to_unmap(struct page *page, enum ttu_flags flags)
{
	struct rmap_walk_control rwc = {
		.rmap_one = try_to_unmap_one,
		.arg = (void *)(unsigned long)flags,
		.done = page_not_mapped,
	};

	VM_BUG_ON(page_count(page) <= page_mapcount(page));
	rmap_walk(page, &rwc);
	return !page_mapped(page);
}
