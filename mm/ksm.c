// SPDX-License-Identifier: GPL-2.0
/*
 * ksm.c - Kernel Samepage Merging: ksmd finds pages with identical
 * contents in the mergeable areas of unrelated processes and maps one
 * write-protected copy (a "KSM page") in their place; a write breaks the
 * sharing again through copy-on-write. Mirrors mm/ksm.c.
 *
 * What is scanned: the VM_MERGEABLE VMAs (madvise(MADV_MERGEABLE), or
 * every compatible VMA after prctl(PR_SET_MEMORY_MERGE)) of the mms on
 * ksm_mm_head's list -- one struct ksm_mm_slot each, in scanning order.
 * ksmd (ksm_scan_thread) takes pages_to_scan pages per batch, in address
 * order, from the cursor ksm_scan, and sleeps sleep_millisecs between
 * batches. Every scanned address has a struct ksm_rmap_item, kept per mm
 * in a singly linked list sorted by address (mm_slot->rmap_list).
 *
 * The two trees, both ordered by page contents (memcmp_pages()):
 *
 *   stable tree    one ksm_stable_node per KSM page. Its contents cannot
 *                  change (every PTE is read-only), so the tree stays
 *                  sorted. The rmap_items of the addresses that map the
 *                  page hang from the node (stable_node->hlist).
 *   unstable tree  rmap_items of ordinary pages that had the same checksum
 *                  on two passes in a row. Their contents may change under
 *                  the tree (the pages are still writable), so the tree may
 *                  be mis-sorted: it is a red-black tree, which stays
 *                  balanced whatever memcmp says, and it is thrown away at
 *                  the start of every full pass (ksm_scan.seqnr counts the
 *                  passes; an rmap_item remembers the pass that inserted it
 *                  in the low bits of its address).
 *
 * cmp_and_merge_page(), for each scanned page: is an identical KSM page in
 * the stable tree? Merge with it. Otherwise, did the page's checksum
 * (xxhash) change since the last pass? Then it is volatile: remember the
 * checksum and go on. Otherwise look in the unstable tree: an identical
 * page there and this one become one KSM page (try_to_merge_two_pages()),
 * which goes into the stable tree; no match inserts this page. So a page
 * needs two passes to merge: one to record its checksum, one to find or
 * be found.
 *
 * Merging one page (try_to_merge_one_page()): write_protect_page() makes
 * its PTE read-only -- refusing if someone besides the PTEs holds a
 * reference (mapcount + 1 != refcount: GUP pins, I/O) -- and then either
 * the page itself becomes the KSM page (its mapping turns into the stable
 * node | PAGE_MAPPING_KSM) or replace_page() points the PTE at the KSM
 * page and drops the old page.
 *
 * Finding the mappings of a KSM page (rmap_walk_ksm()): page->index is
 * only that of its first mapping, and the mappings are in unrelated
 * anon_vmas, so each rmap_item gives its own address and its anon_vma.
 * The anon_vma's interval tree is walked over the whole range and the VMA
 * containing rmap_item->address is used: first in the rmap_item's own mm,
 * then (search_new_forks) in mms forked from it since ksmd passed.
 *
 * max_page_sharing: a KSM page is shared by at most that many PTEs. More
 * identical pages get further KSM pages ("dups") of the same contents;
 * the stable tree then holds a "chain" node in their place, whose hlist
 * lists the dups (STABLE_NODE_CHAIN in rmap_hlist_len).
 *
 * Breaking the sharing: a write faults into do_wp_page(), which copies a
 * KSM page (cow_ksm in /proc/vmstat); MADV_UNMERGEABLE and run=2 unshare
 * every KSM page of an area through handle_mm_fault(FAULT_FLAG_UNSHARE)
 * (break_ksm()), which copies without making the page writable.
 *
 * Pagoda: one NUMA node (no merge_across_nodes, and so no
 * migrate_nodes list of moved KSM pages; its address still marks dups, as
 * in Linux), no swap, no THP. docs/ksm.md tells the story.
 */
#include <linux/ksm.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/pagemap.h>
#include <linux/pagewalk.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/wait.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/kobject.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/preempt.h>
#include <linux/string.h>
#include <linux/xxhash.h>
#include <linux/mm_verify.h>
#include <linux/vmstat.h>
#include <linux/time.h>
#include <linux/init.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <uapi/linux/mman.h>
#include <asm/pgalloc.h>
#include "internal.h"
#include "mm_slot.h"

/**
 * struct ksm_mm_slot - ksm information per mm that is being scanned
 * @slot: hash lookup from mm to mm_slot, and the link in ksm_mm_head's list
 * @rmap_list: this mm's rmap_items, sorted by address
 */
struct ksm_mm_slot {
	struct mm_slot slot;
	struct ksm_rmap_item *rmap_list;
};

/**
 * struct ksm_scan - the one cursor of the scan
 * @mm_slot: the mm being scanned
 * @address: the next address in it to scan
 * @rmap_list: where the next rmap_item goes (or is) in mm_slot->rmap_list
 * @seqnr: full passes completed (full_scans)
 */
struct ksm_scan {
	struct ksm_mm_slot *mm_slot;
	unsigned long address;
	struct ksm_rmap_item **rmap_list;
	unsigned long seqnr;
};

/**
 * struct ksm_stable_node - node of the stable tree: one KSM page, or a chain
 * @node: in the stable tree (a plain node or a chain)
 * @head: a dup: STABLE_NODE_DUP_HEAD (overlays @node's parent word)
 * @hlist_dup: a dup: in its chain's hlist
 * @hlist: the rmap_items mapping this KSM page; a chain: its dups
 * @kpfn: the KSM page's frame
 * @chain_prune_time: a chain: jiffies of its last pruning of stale dups
 * @rmap_hlist_len: rmap_items on @hlist, or STABLE_NODE_CHAIN
 */
struct ksm_stable_node {
	union {
		struct rb_node node;
		struct {
			struct list_head *head;
			struct hlist_node hlist_dup;
		};
	};
	struct hlist_head hlist;
	union {
		unsigned long kpfn;
		unsigned long chain_prune_time;
	};
#define STABLE_NODE_CHAIN -1024
	int rmap_hlist_len;
};

typedef u8 rmap_age_t;

/**
 * struct ksm_rmap_item - one scanned virtual address
 * @rmap_list: next rmap_item of the mm, by address
 * @anon_vma: when in the stable tree: the anon_vma of its VMA (held)
 * @mm: the mm
 * @address: the address, with SEQNR_MASK, UNSTABLE_FLAG and STABLE_FLAG
 *           in its low bits
 * @oldchecksum: the page's checksum at the previous pass
 * @age: passes since the rmap_item was created (smart_scan)
 * @remaining_skips: passes still to skip (smart_scan)
 * @node: when in the unstable tree
 * @head: when in the stable tree: its stable node
 * @hlist: when in the stable tree: in @head's hlist
 */
struct ksm_rmap_item {
	struct ksm_rmap_item *rmap_list;
	struct anon_vma *anon_vma;
	struct mm_struct *mm;
	unsigned long address;
	unsigned int oldchecksum;
	rmap_age_t age;
	rmap_age_t remaining_skips;
	union {
		struct rb_node node;
		struct {
			struct ksm_stable_node *head;
			struct hlist_node hlist;
		};
	};
};

#define SEQNR_MASK	0x0ff	/* low bits of the pass that inserted it in the unstable tree */
#define UNSTABLE_FLAG	0x100	/* is a node of the unstable tree */
#define STABLE_FLAG	0x200	/* is listed from the stable tree */

static struct rb_root root_stable_tree[1] = { RB_ROOT };
static struct rb_root root_unstable_tree[1] = { RB_ROOT };

/*
 * Linux lists migrated KSM pages here until they find their place again;
 * Pagoda migrates nothing, so the list stays empty, but its second word's
 * address is the mark of a dup in stable_node->head, as in Linux (no
 * rb_node's parent word can hold it).
 */
static LIST_HEAD(migrate_nodes);
#define STABLE_NODE_DUP_HEAD ((struct list_head *)&migrate_nodes.prev)

#define MM_SLOTS_HASH_BITS 10
static DEFINE_HASHTABLE(mm_slots_hash, MM_SLOTS_HASH_BITS);

static struct ksm_mm_slot ksm_mm_head = {
	.slot.mm_node = LIST_HEAD_INIT(ksm_mm_head.slot.mm_node),
};
static struct ksm_scan ksm_scan = {
	.mm_slot = &ksm_mm_head,
};

static struct kmem_cache *rmap_item_cache;
static struct kmem_cache *stable_node_cache;
static struct kmem_cache *mm_slot_cache;

static unsigned long ksm_pages_scanned;		/* pages scanned, ever */
static unsigned long ksm_pages_shared;		/* KSM pages in the stable tree */
static unsigned long ksm_pages_sharing;		/* more PTEs sharing them */
static unsigned long ksm_pages_unshared;	/* rmap_items in the unstable tree */
static unsigned long ksm_rmap_items;		/* rmap_items, all */
static unsigned long ksm_stable_node_chains;
static unsigned long ksm_stable_node_dups;
static unsigned int ksm_stable_node_chains_prune_millisecs = 2000;
static int ksm_max_page_sharing = 256;

#define DEFAULT_PAGES_TO_SCAN 100
static unsigned int ksm_thread_pages_to_scan = DEFAULT_PAGES_TO_SCAN;
static unsigned int ksm_thread_sleep_millisecs = 20;

static unsigned int zero_checksum;		/* calc_checksum() of the zero page */
static bool ksm_use_zero_pages;
static bool ksm_smart_scan = true;
static unsigned long ksm_pages_skipped;		/* smart_scan's skips, ever */
atomic_long_t ksm_zero_pages = ATOMIC_LONG_INIT(0);

/* --- the advisor: pages_to_scan from the time a full pass took --- */

static unsigned long ksm_advisor_max_pages_to_scan = 30000;
static unsigned int ksm_advisor_max_cpu = 70;	/* percent */
static unsigned long ksm_advisor_target_scan_time = 200;	/* seconds */
static unsigned long ksm_advisor_min_pages_to_scan = 500;
#define KSM_ADVISOR_MIN_CPU	10
#define EWMA_WEIGHT		30

/*
 * struct advisor_ctx - the advisor's memory of the last pass
 * @start_scan: ns when the current pass began
 * @scan_time: seconds the previous pass took
 * @change: smoothed change of pages_to_scan, percent
 * @cpu_time: ksmd's CPU time (ns) at the end of the previous pass
 */
struct advisor_ctx {
	u64 start_scan;
	unsigned long scan_time;
	unsigned long change;
	unsigned long long cpu_time;
};
static struct advisor_ctx advisor_ctx;

enum ksm_advisor_type {
	KSM_ADVISOR_NONE,
	KSM_ADVISOR_SCAN_TIME,
};
static enum ksm_advisor_type ksm_advisor;

static void set_advisor_defaults(void)
{
	if (ksm_advisor == KSM_ADVISOR_NONE) {
		ksm_thread_pages_to_scan = DEFAULT_PAGES_TO_SCAN;
	} else if (ksm_advisor == KSM_ADVISOR_SCAN_TIME) {
		advisor_ctx = (const struct advisor_ctx){ 0 };
		ksm_thread_pages_to_scan = ksm_advisor_min_pages_to_scan;
	}
}

static inline void advisor_start_scan(void)
{
	if (ksm_advisor == KSM_ADVISOR_SCAN_TIME)
		advisor_ctx.start_scan = ktime_get_ns();
}

static inline unsigned long prev_scan_time(struct advisor_ctx *ctx, unsigned long scan_time)
{
	return ctx->scan_time ? ctx->scan_time : scan_time;
}

/* ewma - exponentially weighted moving average, EWMA_WEIGHT percent new. */
static unsigned long ewma(unsigned long prev, unsigned long curr)
{
	return ((100 - EWMA_WEIGHT) * prev + EWMA_WEIGHT * curr) / 100;
}

/*
 * scan_time_advisor - after a pass: scale pages_to_scan by how far the
 * pass's time was from advisor_target_scan_time, smoothed by the change
 * from the previous pass, and keep ksmd's CPU share between
 * KSM_ADVISOR_MIN_CPU and advisor_max_cpu percent and pages_to_scan at
 * most advisor_max_pages_to_scan. ksmd's CPU time is its stime.
 */
static void scan_time_advisor(void)
{
	unsigned long cpu_percent, cpu_time_diff_ms, pages, per_page_cost;
	unsigned long factor, change, last_scan_time, scan_time;
	unsigned long long cpu_time;

	scan_time = (ktime_get_ns() - advisor_ctx.start_scan) / NSEC_PER_SEC;
	scan_time = scan_time ? scan_time : 1;

	cpu_time = current->stime;
	cpu_time_diff_ms = (cpu_time - advisor_ctx.cpu_time) / NSEC_PER_MSEC;
	cpu_percent = (cpu_time_diff_ms * 100) / (scan_time * 1000);
	cpu_percent = cpu_percent ? cpu_percent : 1;
	last_scan_time = prev_scan_time(&advisor_ctx, scan_time);

	factor = ksm_advisor_target_scan_time * 100 / scan_time;
	factor = factor ? factor : 1;

	change = scan_time * 100 / last_scan_time;
	change = change ? change : 1;
	change = ewma(advisor_ctx.change, change);

	pages = ksm_thread_pages_to_scan * 100 / factor;
	pages = pages * change / 100;

	per_page_cost = ksm_thread_pages_to_scan / cpu_percent;
	per_page_cost = per_page_cost ? per_page_cost : 1;
	pages = min(pages, per_page_cost * ksm_advisor_max_cpu);
	pages = max(pages, per_page_cost * KSM_ADVISOR_MIN_CPU);
	pages = min(pages, ksm_advisor_max_pages_to_scan);

	advisor_ctx.change = change;
	advisor_ctx.scan_time = scan_time;
	advisor_ctx.cpu_time = cpu_time;
	ksm_thread_pages_to_scan = pages;
}

static void advisor_stop_scan(void)
{
	if (ksm_advisor == KSM_ADVISOR_SCAN_TIME)
		scan_time_advisor();
}

#define KSM_RUN_STOP	0
#define KSM_RUN_MERGE	1
#define KSM_RUN_UNMERGE	2
static unsigned long ksm_run = KSM_RUN_STOP;

static DECLARE_WAIT_QUEUE_HEAD(ksm_thread_wait);
static DECLARE_WAIT_QUEUE_HEAD(ksm_iter_wait);
static DEFINE_MUTEX(ksm_thread_mutex);
static DEFINE_SPINLOCK(ksm_mmlist_lock);

static int __init ksm_slab_init(void)
{
	rmap_item_cache = kmem_cache_create("ksm_rmap_item", sizeof(struct ksm_rmap_item), 0,
					    SLAB_PANIC, NULL);
	stable_node_cache = kmem_cache_create("ksm_stable_node", sizeof(struct ksm_stable_node),
					      0, SLAB_PANIC, NULL);
	mm_slot_cache = kmem_cache_create("ksm_mm_slot", sizeof(struct ksm_mm_slot), 0,
					  SLAB_PANIC, NULL);
	return 0;
}

/* --- stable nodes, chains and dups --- */

static inline bool is_stable_node_chain(struct ksm_stable_node *chain)
{
	return chain->rmap_hlist_len == STABLE_NODE_CHAIN;
}

static inline bool is_stable_node_dup(struct ksm_stable_node *dup)
{
	return dup->head == STABLE_NODE_DUP_HEAD;
}

static inline void stable_node_chain_add_dup(struct ksm_stable_node *dup,
					     struct ksm_stable_node *chain)
{
	VM_BUG_ON(is_stable_node_dup(dup));
	dup->head = STABLE_NODE_DUP_HEAD;
	VM_BUG_ON(!is_stable_node_chain(chain));
	hlist_add_head(&dup->hlist_dup, &chain->hlist);
	ksm_stable_node_dups++;
}

static inline void __stable_node_dup_del(struct ksm_stable_node *dup)
{
	VM_BUG_ON(!is_stable_node_dup(dup));
	hlist_del(&dup->hlist_dup);
	ksm_stable_node_dups--;
}

/* stable_node_dup_del - take a KSM page's node out of its chain or of the tree. */
static inline void stable_node_dup_del(struct ksm_stable_node *dup)
{
	VM_BUG_ON(is_stable_node_chain(dup));
	if (is_stable_node_dup(dup))
		__stable_node_dup_del(dup);
	else
		rb_erase(&dup->node, root_stable_tree);
	dup->head = NULL;
}

static inline struct ksm_rmap_item *alloc_rmap_item(void)
{
	struct ksm_rmap_item *rmap_item = kmem_cache_zalloc(rmap_item_cache, GFP_KERNEL);

	if (rmap_item)
		ksm_rmap_items++;
	return rmap_item;
}

static inline void free_rmap_item(struct ksm_rmap_item *rmap_item)
{
	ksm_rmap_items--;
	rmap_item->mm->ksm_rmap_items--;
	rmap_item->mm = NULL;
	kmem_cache_free(rmap_item_cache, rmap_item);
}

static inline struct ksm_stable_node *alloc_stable_node(void)
{
	return kmem_cache_alloc(stable_node_cache, GFP_KERNEL);
}

static inline void free_stable_node(struct ksm_stable_node *stable_node)
{
	VM_BUG_ON(stable_node->rmap_hlist_len && !is_stable_node_chain(stable_node));
	kmem_cache_free(stable_node_cache, stable_node);
}

/*
 * ksm_test_exit - the mm's last user is gone (ksm_exit() ran, exit_mmap()
 * runs or ran): ksmd and unmerging must leave its page tables alone.
 */
static inline bool ksm_test_exit(struct mm_struct *mm)
{
	return atomic_read(&mm->mm_users) == 0;
}

/**
 * break_ksm - give the PTE at @addr an exclusive copy of its KSM page
 * @vma: a VM_MERGEABLE VMA (mmap_lock held)
 * @addr: the address
 *
 * Faults with FAULT_FLAG_UNSHARE until no KSM page (nor KSM zero page)
 * is mapped there: a racing change of the PTE makes the fault back out.
 * Returns 0, or -ENOMEM.
 */
static int break_ksm(struct vm_area_struct *vma, unsigned long addr)
{
	vm_fault_t ret = 0;

	do {
		bool ksm_page = false;
		struct folio_walk fw;
		struct folio *folio;

		cond_resched();
		folio = folio_walk_start(&fw, vma, addr, FW_ZEROPAGE);
		if (folio) {
			if (folio_test_ksm(folio) || is_ksm_zero_pte(fw.pte))
				ksm_page = true;
			folio_walk_end(&fw, vma);
		}
		if (!ksm_page)
			return 0;
		ret = handle_mm_fault(vma, addr, FAULT_FLAG_UNSHARE);
	} while (!(ret & (VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV | VM_FAULT_OOM)));
	return (ret & VM_FAULT_OOM) ? -ENOMEM : 0;
}

/* vma_ksm_compatible - could KSM merge pages of @vma? Not in shared or special mappings. */
static bool vma_ksm_compatible(struct vm_area_struct *vma)
{
	return !(vma->vm_flags & (VM_SHARED | VM_MAYSHARE | VM_DONTEXPAND));
}

/* find_mergeable_vma - the VM_MERGEABLE VMA with anonymous pages at @addr, or NULL. */
static struct vm_area_struct *find_mergeable_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	if (ksm_test_exit(mm))
		return NULL;
	vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr || !(vma->vm_flags & VM_MERGEABLE) || !vma->anon_vma)
		return NULL;
	return vma;
}

/*
 * break_cow - undo a merge ksmd just made for @rmap_item (and drop the
 * anon_vma reference it took for the stable tree).
 */
static void break_cow(struct ksm_rmap_item *rmap_item)
{
	struct mm_struct *mm = rmap_item->mm;
	unsigned long addr = rmap_item->address;
	struct vm_area_struct *vma;

	put_anon_vma(rmap_item->anon_vma);
	mmap_read_lock(mm);
	vma = find_mergeable_vma(mm, addr);
	if (vma)
		break_ksm(vma, addr);
	mmap_read_unlock(mm);
}

/*
 * get_mergeable_page - the anonymous page an unstable-tree rmap_item's
 * address maps now, with a reference; NULL if there is none (unmapped,
 * no longer mergeable).
 */
static struct page *get_mergeable_page(struct ksm_rmap_item *rmap_item)
{
	struct mm_struct *mm = rmap_item->mm;
	unsigned long addr = rmap_item->address;
	struct vm_area_struct *vma;
	struct page *page = NULL;
	struct folio_walk fw;
	struct folio *folio;

	mmap_read_lock(mm);
	vma = find_mergeable_vma(mm, addr);
	if (!vma)
		goto out;
	folio = folio_walk_start(&fw, vma, addr, 0);
	if (folio) {
		if (folio_test_anon(folio)) {
			folio_get(folio);
			page = fw.page;
		}
		folio_walk_end(&fw, vma);
	}
out:
	mmap_read_unlock(mm);
	return page;
}

/*
 * alloc_stable_node_chain - @dup reached max_page_sharing: a chain node
 * takes its place in the tree and @dup becomes the chain's first dup.
 */
static struct ksm_stable_node *alloc_stable_node_chain(struct ksm_stable_node *dup,
						       struct rb_root *root)
{
	struct ksm_stable_node *chain = alloc_stable_node();

	VM_BUG_ON(is_stable_node_chain(dup));
	if (likely(chain)) {
		INIT_HLIST_HEAD(&chain->hlist);
		chain->chain_prune_time = jiffies;
		chain->rmap_hlist_len = STABLE_NODE_CHAIN;
		ksm_stable_node_chains++;
		rb_replace_node(&dup->node, &chain->node, root);
		stable_node_chain_add_dup(dup, chain);
	}
	return chain;
}

static inline void free_stable_node_chain(struct ksm_stable_node *chain, struct rb_root *root)
{
	rb_erase(&chain->node, root);
	free_stable_node(chain);
	ksm_stable_node_chains--;
}

/*
 * remove_node_from_stable_tree - the KSM page of @stable_node is gone (or
 * being unmerged): forget its rmap_items' sharing and free the node.
 */
static void remove_node_from_stable_tree(struct ksm_stable_node *stable_node)
{
	struct ksm_rmap_item *rmap_item;

	BUG_ON(stable_node->rmap_hlist_len < 0);
	hlist_for_each_entry(rmap_item, &stable_node->hlist, hlist) {
		if (rmap_item->hlist.next)
			ksm_pages_sharing--;
		else
			ksm_pages_shared--;
		rmap_item->mm->ksm_merging_pages--;
		VM_BUG_ON(stable_node->rmap_hlist_len <= 0);
		stable_node->rmap_hlist_len--;
		put_anon_vma(rmap_item->anon_vma);
		rmap_item->address &= PAGE_MASK;
		cond_resched();
	}
	stable_node_dup_del(stable_node);
	free_stable_node(stable_node);
}

enum ksm_get_folio_flags {
	KSM_GET_FOLIO_NOLOCK,
	KSM_GET_FOLIO_LOCK,
	KSM_GET_FOLIO_TRYLOCK
};

/**
 * ksm_get_folio - the KSM page of @stable_node, if it still is one
 * @stable_node: a node of the stable tree (not a chain)
 * @flags: lock the folio too (KSM_GET_FOLIO_LOCK), or only if free (TRYLOCK)
 *
 * The node holds no reference on its page: it peeks through a "keyhole"
 * -- the page is still ours if its mapping still points back at the node
 * (freeing a page clears its mapping). Returns the folio with a reference
 * (and locked, as asked), NULL after removing a stale node, or
 * ERR_PTR(-EBUSY) when TRYLOCK found it locked.
 */
static struct folio *ksm_get_folio(struct ksm_stable_node *stable_node,
				   enum ksm_get_folio_flags flags)
{
	void *expected_mapping = (void *)((unsigned long)stable_node | PAGE_MAPPING_KSM);
	struct folio *folio = pfn_folio(READ_ONCE(stable_node->kpfn));

	if (READ_ONCE(folio->mapping) != expected_mapping || !folio_ref_count(folio))
		goto stale;
	folio_get(folio);
	if (flags == KSM_GET_FOLIO_TRYLOCK) {
		if (!folio_trylock(folio)) {
			folio_put(folio);
			return ERR_PTR(-EBUSY);
		}
	} else if (flags == KSM_GET_FOLIO_LOCK) {
		folio_lock(folio);
	}
	if (flags != KSM_GET_FOLIO_NOLOCK && READ_ONCE(folio->mapping) != expected_mapping) {
		folio_unlock(folio);
		folio_put(folio);
		goto stale;
	}
	return folio;

stale:
	remove_node_from_stable_tree(stable_node);
	return NULL;
}

/*
 * remove_rmap_item_from_tree - take @rmap_item out of the stable or the
 * unstable tree, updating the counters.
 */
static void remove_rmap_item_from_tree(struct ksm_rmap_item *rmap_item)
{
	if (rmap_item->address & STABLE_FLAG) {
		struct ksm_stable_node *stable_node = rmap_item->head;
		struct folio *folio = ksm_get_folio(stable_node, KSM_GET_FOLIO_LOCK);

		if (!folio)
			goto out;	/* the stale node's removal did the rest */
		hlist_del(&rmap_item->hlist);
		folio_unlock(folio);
		folio_put(folio);

		if (!hlist_empty(&stable_node->hlist))
			ksm_pages_sharing--;
		else
			ksm_pages_shared--;
		rmap_item->mm->ksm_merging_pages--;
		VM_BUG_ON(stable_node->rmap_hlist_len <= 0);
		stable_node->rmap_hlist_len--;
		put_anon_vma(rmap_item->anon_vma);
		rmap_item->head = NULL;
		rmap_item->address &= PAGE_MASK;
	} else if (rmap_item->address & UNSTABLE_FLAG) {
		/*
		 * The unstable tree was reset at the start of this pass: only
		 * an item inserted in this pass is still in it.
		 */
		unsigned char age = (unsigned char)(ksm_scan.seqnr - rmap_item->address);

		BUG_ON(age > 1);
		if (!age)
			rb_erase(&rmap_item->node, root_unstable_tree);
		ksm_pages_unshared--;
		rmap_item->address &= PAGE_MASK;
	}
out:
	cond_resched();
}

/* remove_trailing_rmap_items - free @rmap_list's items from here on. */
static void remove_trailing_rmap_items(struct ksm_rmap_item **rmap_list)
{
	while (*rmap_list) {
		struct ksm_rmap_item *rmap_item = *rmap_list;

		*rmap_list = rmap_item->rmap_list;
		remove_rmap_item_from_tree(rmap_item);
		free_rmap_item(rmap_item);
	}
}

/*
 * unmerge_ksm_pages - break every KSM page of [start, end) of @vma. The
 * rmap_items stay: ksmd's next pass over the area frees them (it may be
 * in cmp_and_merge_page() on one of them now). -ERESTARTSYS on a signal.
 */
static int unmerge_ksm_pages(struct vm_area_struct *vma, unsigned long start, unsigned long end)
{
	unsigned long addr;
	int err = 0;

	for (addr = start; addr < end && !err; addr += PAGE_SIZE) {
		if (ksm_test_exit(vma->vm_mm))
			break;
		if (signal_pending(current))
			err = -ERESTARTSYS;
		else
			err = break_ksm(vma, addr);
	}
	return err;
}

static inline struct ksm_stable_node *folio_stable_node(const struct folio *folio)
{
	return folio_test_ksm(folio) ? folio_raw_mapping(folio) : NULL;
}

static inline struct ksm_stable_node *page_stable_node(struct page *page)
{
	return folio_stable_node(page_folio(page));
}

/* folio_set_stable_node - @folio becomes (or, with NULL, is about to become) a KSM page. */
static inline void folio_set_stable_node(struct folio *folio, struct ksm_stable_node *stable_node)
{
	VM_WARN_ON(folio_test_anon(folio) && PageAnonExclusive(&folio->page));
	folio->mapping = (void *)((unsigned long)stable_node | PAGE_MAPPING_KSM);
}

/**
 * folio_migrate_ksm - the KSM folio @folio moved to @newfolio (migration)
 * @newfolio: the new folio, whose mapping already names the stable node
 * @folio: the old one
 *
 * The stable node follows the contents: its kpfn becomes the new folio's,
 * and the old folio stops being a KSM page.
 */
void folio_migrate_ksm(struct folio *newfolio, struct folio *folio)
{
	struct ksm_stable_node *stable_node = folio_stable_node(folio);

	if (!stable_node)
		return;
	VM_BUG_ON(newfolio->mapping != folio->mapping);
	VM_BUG_ON(stable_node->kpfn != folio_pfn(folio));
	stable_node->kpfn = folio_pfn(newfolio);
	folio_set_stable_node(folio, NULL);
}

/*
 * remove_stable_node - forget @stable_node's KSM page if it is no longer
 * mapped (run=2 unmerged it); -EBUSY if it still is.
 */
static int remove_stable_node(struct ksm_stable_node *stable_node)
{
	struct folio *folio = ksm_get_folio(stable_node, KSM_GET_FOLIO_LOCK);
	int err;

	if (!folio)
		return 0;	/* ksm_get_folio() removed the stale node */
	err = -EBUSY;
	if (!folio_mapped(folio)) {
		folio_set_stable_node(folio, NULL);
		remove_node_from_stable_tree(stable_node);
		err = 0;
	}
	folio_unlock(folio);
	folio_put(folio);
	return err;
}

static int remove_stable_node_chain(struct ksm_stable_node *stable_node, struct rb_root *root)
{
	struct ksm_stable_node *dup;
	struct hlist_node *hlist_safe;

	if (!is_stable_node_chain(stable_node)) {
		VM_BUG_ON(is_stable_node_dup(stable_node));
		return remove_stable_node(stable_node) ? true : false;
	}
	hlist_for_each_entry_safe(dup, hlist_safe, &stable_node->hlist, hlist_dup) {
		VM_BUG_ON(!is_stable_node_dup(dup));
		if (remove_stable_node(dup))
			return true;
	}
	BUG_ON(!hlist_empty(&stable_node->hlist));
	free_stable_node_chain(stable_node, root);
	return false;
}

/* remove_all_stable_nodes - empty the stable tree; -EBUSY if a KSM page is still mapped. */
static int remove_all_stable_nodes(void)
{
	struct ksm_stable_node *stable_node;

	while (root_stable_tree->rb_node) {
		stable_node = rb_entry(root_stable_tree->rb_node, struct ksm_stable_node, node);
		if (remove_stable_node_chain(stable_node, root_stable_tree))
			return -EBUSY;
		cond_resched();
	}
	return 0;
}

/*
 * ksm_free_mm_slot - the mm leaves ksmd's lists (its rmap_items are gone);
 * called with ksm_mmlist_lock, which it drops.
 */
static void ksm_free_mm_slot(struct ksm_mm_slot *mm_slot)
{
	hash_del(&mm_slot->slot.hash);
	list_del(&mm_slot->slot.mm_node);
	spin_unlock(&ksm_mmlist_lock);
	mm_slot_free(mm_slot_cache, mm_slot);
}

/*
 * unmerge_and_remove_all_rmap_items - run=2: break every KSM page of every
 * mm, free every rmap_item (and the slots of exited mms) and empty the
 * stable tree. The slots of live mms stay for when ksmd runs again.
 */
static int unmerge_and_remove_all_rmap_items(void)
{
	struct ksm_mm_slot *mm_slot;
	struct mm_slot *slot;
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	int err = 0;

	spin_lock(&ksm_mmlist_lock);
	slot = list_entry(ksm_mm_head.slot.mm_node.next, struct mm_slot, mm_node);
	ksm_scan.mm_slot = mm_slot_entry(slot, struct ksm_mm_slot, slot);
	spin_unlock(&ksm_mmlist_lock);

	for (mm_slot = ksm_scan.mm_slot; mm_slot != &ksm_mm_head; mm_slot = ksm_scan.mm_slot) {
		mm = mm_slot->slot.mm;
		mmap_read_lock(mm);
		if (ksm_test_exit(mm))
			goto mm_exiting;
		for (vma = mm->mmap; vma; vma = vma->vm_next) {
			if (!(vma->vm_flags & VM_MERGEABLE) || !vma->anon_vma)
				continue;
			err = unmerge_ksm_pages(vma, vma->vm_start, vma->vm_end);
			if (err)
				goto error;
		}
mm_exiting:
		remove_trailing_rmap_items(&mm_slot->rmap_list);
		mmap_read_unlock(mm);

		spin_lock(&ksm_mmlist_lock);
		slot = list_entry(mm_slot->slot.mm_node.next, struct mm_slot, mm_node);
		ksm_scan.mm_slot = mm_slot_entry(slot, struct ksm_mm_slot, slot);
		if (ksm_test_exit(mm)) {
			ksm_free_mm_slot(mm_slot);
			clear_bit(MMF_VM_MERGEABLE, &mm->flags);
			clear_bit(MMF_VM_MERGE_ANY, &mm->flags);
			mmdrop(mm);
		} else {
			spin_unlock(&ksm_mmlist_lock);
		}
	}

	remove_all_stable_nodes();	/* some may still be busy: never mind */
	ksm_scan.seqnr = 0;
	return 0;

error:
	mmap_read_unlock(mm);
	spin_lock(&ksm_mmlist_lock);
	ksm_scan.mm_slot = &ksm_mm_head;
	spin_unlock(&ksm_mmlist_lock);
	return err;
}

/* calc_checksum - the page's xxhash, truncated to 32 bits as in Linux. */
static u32 calc_checksum(struct page *page)
{
	return xxhash(page_address(page), PAGE_SIZE, 0);
}

/**
 * write_protect_page - make the PTE mapping @folio in @vma read-only and clean
 * @vma: the VMA
 * @folio: an anonymous folio (locked) the caller holds one reference on
 * @orig_pte: set to the resulting PTE
 *
 * The PTE is cleared and flushed before the count check, so that nobody
 * can start to use the page through it meanwhile; a page referenced by
 * anything else than its PTEs and the caller (mapcount + 1 != refcount:
 * pinned by GUP, under I/O) is refused. An exclusive page becomes shared
 * (folio_try_share_anon_rmap_pte(), which refuses a possibly pinned one),
 * so a later write copies it. Returns 0 or
 * -EFAULT.
 */
static int write_protect_page(struct vm_area_struct *vma, struct folio *folio, pte_t *orig_pte)
{
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, 0, 0);
	bool anon_exclusive;
	int err = -EFAULT;
	pte_t entry;

	pvmw.address = page_address_in_vma(&folio->page, vma);
	if (pvmw.address == -EFAULT)
		return err;
	if (!page_vma_mapped_walk(&pvmw))
		return err;

	anon_exclusive = PageAnonExclusive(&folio->page);
	entry = *pvmw.pte;
	if (pte_write(entry) || pte_dirty(entry) || anon_exclusive) {
		entry = ptep_clear_flush(vma, pvmw.address, pvmw.pte);
		if (folio_mapcount(folio) + 1 != folio_ref_count(folio)) {
			set_pte(pvmw.pte, entry);
			goto out_unlock;
		}
		if (anon_exclusive && folio_try_share_anon_rmap_pte(folio, &folio->page)) {
			set_pte(pvmw.pte, entry);	/* possibly pinned: leave it */
			goto out_unlock;
		}
		if (pte_dirty(entry))
			folio_set_dirty(folio);
		entry = pte_wrprotect(pte_mkclean(entry));
		set_pte(pvmw.pte, entry);
	}
	*orig_pte = entry;
	err = 0;

out_unlock:
	page_vma_mapped_walk_done(&pvmw);
	return err;
}

/**
 * replace_page - point the PTE that maps @page at the KSM page @kpage
 * @vma: the VMA of the PTE
 * @page: the page now mapped there (write-protected)
 * @kpage: the KSM page, or the zero page (use_zero_pages)
 * @orig_pte: the PTE as write_protect_page() left it
 *
 * Fails (-EFAULT) if the PTE changed meanwhile. @page loses the mapping
 * and its reference; a KSM zero page is marked by a dirty PTE and counted.
 */
static int replace_page(struct vm_area_struct *vma, struct page *page, struct page *kpage,
			pte_t orig_pte)
{
	struct folio *kfolio = page_folio(kpage);
	struct mm_struct *mm = vma->vm_mm;
	struct folio *folio;
	unsigned long addr;
	pte_t *ptep, newpte;
	pmd_t *pmd;

	addr = page_address_in_vma(page, vma);
	if (addr == -EFAULT)
		return -EFAULT;
	pmd = mm_find_pmd(mm, addr);
	if (!pmd)
		return -EFAULT;
	ptep = pte_offset_map(pmd, addr);
	spin_lock(&mm->page_table_lock);
	if (pte_val(*ptep) != pte_val(orig_pte)) {
		spin_unlock(&mm->page_table_lock);
		return -EFAULT;
	}
	VM_BUG_ON(PageAnonExclusive(page));
	VM_BUG_ON(folio_test_anon(kfolio) && PageAnonExclusive(kpage));

	if (!is_zero_pfn(page_to_pfn(kpage))) {
		folio_get(kfolio);
		folio_add_anon_rmap_pte(kfolio, kpage, vma, addr, RMAP_NONE);
		newpte = mk_pte(kpage, vma->vm_page_prot);
	} else {
		newpte = pte_mkdirty(pfn_pte(page_to_pfn(kpage), vma->vm_page_prot));
		ksm_map_zero_page(mm);
		dec_mm_counter(mm, MM_ANONPAGES);	/* the zero page is nobody's */
	}
	ptep_clear_flush(vma, addr, ptep);
	set_pte(ptep, pte_wrprotect(newpte));

	folio = page_folio(page);
	folio_remove_rmap_pte(folio, page, vma);
	folio_put(folio);
	spin_unlock(&mm->page_table_lock);
	return 0;
}

/*
 * try_to_merge_one_page - map @kpage instead of @page in @vma; with a
 * NULL @kpage, make @page itself a KSM page (its stable node comes later,
 * from stable_tree_insert()). Returns 0 or -EFAULT.
 */
static int try_to_merge_one_page(struct vm_area_struct *vma, struct page *page,
				 struct page *kpage)
{
	struct folio *folio = page_folio(page);
	pte_t orig_pte = __pte(0);
	int err = -EFAULT;

	if (page == kpage)			/* a KSM page forked */
		return 0;
	if (!PageAnon(page))
		return err;
	/* Don't wait for the lock: come back to this page next pass. */
	if (!folio_trylock(folio))
		return err;
	if (write_protect_page(vma, folio, &orig_pte) == 0) {
		if (!kpage) {
			folio_set_stable_node(folio, NULL);
			if (!folio_test_dirty(folio))
				folio_set_dirty(folio);
			err = 0;
		} else if (pages_identical(page, kpage)) {
			err = replace_page(vma, page, kpage, orig_pte);
		}
	}
	folio_unlock(folio);
	return err;
}

/*
 * try_to_merge_with_zero_page - use_zero_pages: a page whose checksum is
 * the zero page's is replaced by the zero page itself. Returns 0 if it
 * was (or the VMA went away), -EFAULT otherwise.
 */
static int try_to_merge_with_zero_page(struct ksm_rmap_item *rmap_item, struct page *page)
{
	struct mm_struct *mm = rmap_item->mm;
	int err = -EFAULT;

	if (ksm_use_zero_pages && rmap_item->oldchecksum == zero_checksum) {
		struct vm_area_struct *vma;

		mmap_read_lock(mm);
		vma = find_mergeable_vma(mm, rmap_item->address);
		if (vma)
			err = try_to_merge_one_page(vma, page, ZERO_PAGE(rmap_item->address));
		else
			err = 0;
		mmap_read_unlock(mm);
	}
	return err;
}

/*
 * try_to_merge_with_ksm_page - merge @page (mapped at @rmap_item) with the
 * KSM page @kpage (NULL: make @page one). On success the rmap_item leaves
 * whichever tree it was in and holds its VMA's anon_vma, ready for
 * stable_tree_append(). Returns 0 or -EFAULT.
 */
static int try_to_merge_with_ksm_page(struct ksm_rmap_item *rmap_item, struct page *page,
				      struct page *kpage)
{
	struct mm_struct *mm = rmap_item->mm;
	struct vm_area_struct *vma;
	int err = -EFAULT;

	mmap_read_lock(mm);
	vma = find_mergeable_vma(mm, rmap_item->address);
	if (!vma)
		goto out;
	err = try_to_merge_one_page(vma, page, kpage);
	if (err)
		goto out;
	remove_rmap_item_from_tree(rmap_item);
	rmap_item->anon_vma = vma->anon_vma;	/* taken while mmap_lock still holds the VMA */
	get_anon_vma(vma->anon_vma);
out:
	mmap_read_unlock(mm);
	return err;
}

/*
 * try_to_merge_two_pages - two identical ordinary pages become one KSM
 * page: @page itself, mapped at both rmap_items' addresses. Returns it, or
 * NULL (and nothing stays merged).
 */
static struct page *try_to_merge_two_pages(struct ksm_rmap_item *rmap_item, struct page *page,
					   struct ksm_rmap_item *tree_rmap_item,
					   struct page *tree_page)
{
	int err = try_to_merge_with_ksm_page(rmap_item, page, NULL);

	if (!err) {
		err = try_to_merge_with_ksm_page(tree_rmap_item, tree_page, page);
		/* A KSM page with one PTE is no use: break it. */
		if (err)
			break_cow(rmap_item);
	}
	return err ? NULL : page;
}

/*
 * __is_page_sharing_candidate - may @stable_node's KSM page take @offset
 * more mappings besides one more? It must still have one (else it is about
 * to be freed) and stay below max_page_sharing.
 */
static __always_inline bool __is_page_sharing_candidate(struct ksm_stable_node *stable_node,
							int offset)
{
	VM_BUG_ON(stable_node->rmap_hlist_len < 0);
	return stable_node->rmap_hlist_len &&
	       stable_node->rmap_hlist_len + offset < ksm_max_page_sharing;
}

static __always_inline bool is_page_sharing_candidate(struct ksm_stable_node *stable_node)
{
	return __is_page_sharing_candidate(stable_node, 0);
}

/*
 * stable_node_dup - the best dup of the chain *@_stable_node: one that can
 * take another mapping, the fullest such; with @prune_stale_stable_nodes
 * (and stable_node_chains_prune_millisecs passed) every dup is looked at
 * so stale ones go. A chain left with one dup collapses back into a plain
 * node (*@_stable_node then is the dup); a chain left with none is freed.
 * Returns the dup's folio with a reference, and the dup in *@_stable_node_dup.
 */
static struct folio *stable_node_dup(struct ksm_stable_node **_stable_node_dup,
				     struct ksm_stable_node **_stable_node,
				     struct rb_root *root, bool prune_stale_stable_nodes)
{
	struct ksm_stable_node *dup, *found = NULL, *stable_node = *_stable_node;
	struct folio *folio, *tree_folio = NULL;
	struct hlist_node *hlist_safe;
	int found_rmap_hlist_len = 0;

	if (!prune_stale_stable_nodes ||
	    time_before(jiffies, stable_node->chain_prune_time +
			msecs_to_jiffies(ksm_stable_node_chains_prune_millisecs)))
		prune_stale_stable_nodes = false;
	else
		stable_node->chain_prune_time = jiffies;

	hlist_for_each_entry_safe(dup, hlist_safe, &stable_node->hlist, hlist_dup) {
		cond_resched();
		folio = ksm_get_folio(dup, KSM_GET_FOLIO_NOLOCK);
		if (!folio)
			continue;
		if (!found || (is_page_sharing_candidate(dup) &&
			       (!is_page_sharing_candidate(found) ||
				dup->rmap_hlist_len > found_rmap_hlist_len))) {
			if (found)
				folio_put(tree_folio);
			found = dup;
			found_rmap_hlist_len = found->rmap_hlist_len;
			tree_folio = folio;
			if (!prune_stale_stable_nodes && is_page_sharing_candidate(found))
				break;
			continue;
		}
		folio_put(folio);
	}

	if (found) {
		if (hlist_is_singular_node(&found->hlist_dup, &stable_node->hlist)) {
			/* One dup left: it replaces the chain in the tree. */
			BUG_ON(stable_node->hlist.first->next);
			rb_replace_node(&stable_node->node, &found->node, root);
			free_stable_node(stable_node);
			ksm_stable_node_chains--;
			ksm_stable_node_dups--;
			*_stable_node = found;
		} else if (stable_node->hlist.first != &found->hlist_dup &&
			   __is_page_sharing_candidate(found, 1)) {
			/* Room for more: put it first, where the next search looks. */
			hlist_del(&found->hlist_dup);
			hlist_add_head(&found->hlist_dup, &stable_node->hlist);
		}
	} else {
		free_stable_node_chain(stable_node, root);
	}
	*_stable_node_dup = found;
	return tree_folio;
}

/*
 * __stable_node_chain - the KSM page to compare with at a tree node: the
 * node's own, or the best dup's of a chain. NULL if stale (the node may
 * then be freed, and the tree rebalanced).
 */
static struct folio *__stable_node_chain(struct ksm_stable_node **_stable_node_dup,
					 struct ksm_stable_node **_stable_node,
					 struct rb_root *root, bool prune_stale_stable_nodes)
{
	struct ksm_stable_node *stable_node = *_stable_node;

	if (!is_stable_node_chain(stable_node)) {
		*_stable_node_dup = stable_node;
		return ksm_get_folio(stable_node, KSM_GET_FOLIO_NOLOCK);
	}
	return stable_node_dup(_stable_node_dup, _stable_node, root, prune_stale_stable_nodes);
}

static __always_inline struct folio *chain_prune(struct ksm_stable_node **s_n_d,
						 struct ksm_stable_node **s_n,
						 struct rb_root *root)
{
	return __stable_node_chain(s_n_d, s_n, root, true);
}

static __always_inline struct folio *chain(struct ksm_stable_node **s_n_d,
					   struct ksm_stable_node **s_n, struct rb_root *root)
{
	return __stable_node_chain(s_n_d, s_n, root, false);
}

/*
 * stable_tree_search - a KSM page with @page's contents that can take one
 * more mapping, with a reference; @page itself if it is a KSM page
 * already (a fork); NULL if there is none (or all such are full);
 * ERR_PTR(-EBUSY) if it is locked (try again next pass).
 */
static struct page *stable_tree_search(struct page *page)
{
	/* LAB ksm: return NULL; */
	struct ksm_stable_node *stable_node, *stable_node_dup;
	struct folio *folio = page_folio(page);
	struct rb_root *root = root_stable_tree;
	struct rb_node **new;

	if (folio_stable_node(folio)) {
		folio_get(folio);	/* a KSM page forked */
		return &folio->page;
	}
again:
	new = &root->rb_node;
	while (*new) {
		struct folio *tree_folio;
		int ret;

		cond_resched();
		stable_node = rb_entry(*new, struct ksm_stable_node, node);
		tree_folio = chain_prune(&stable_node_dup, &stable_node, root);
		if (!tree_folio)
			goto again;	/* a stale node went: the tree may have rebalanced */
		ret = memcmp_pages(page, &tree_folio->page);
		folio_put(tree_folio);

		if (ret < 0) {
			new = &(*new)->rb_left;
		} else if (ret > 0) {
			new = &(*new)->rb_right;
		} else {
			/*
			 * Every dup is full: wait for this page to find its
			 * twin in the unstable tree and start a new dup.
			 */
			if (!is_page_sharing_candidate(stable_node_dup))
				return NULL;
			tree_folio = ksm_get_folio(stable_node_dup, KSM_GET_FOLIO_TRYLOCK);
			if (PTR_ERR(tree_folio) == -EBUSY)
				return ERR_PTR(-EBUSY);
			if (unlikely(!tree_folio))
				goto again;
			folio_unlock(tree_folio);
			return &tree_folio->page;
		}
	}
	return NULL;
	/* LAB ksm end */
}

/*
 * stable_tree_insert - a stable node for the new KSM page @kfolio (locked):
 * a new tree node, or, when the tree has those contents already (all
 * full), a new dup in their chain (made a chain now if it was a plain
 * node). NULL when out of memory.
 */
static struct ksm_stable_node *stable_tree_insert(struct folio *kfolio)
{
	/* LAB ksm: return NULL; */
	struct ksm_stable_node *stable_node, *stable_node_dup;
	unsigned long kpfn = folio_pfn(kfolio);
	struct rb_root *root = root_stable_tree;
	struct rb_node **new, *parent;
	bool need_chain = false;

again:
	parent = NULL;
	new = &root->rb_node;
	while (*new) {
		struct folio *tree_folio;
		int ret;

		cond_resched();
		stable_node = rb_entry(*new, struct ksm_stable_node, node);
		tree_folio = chain(&stable_node_dup, &stable_node, root);
		if (!tree_folio)
			goto again;
		ret = memcmp_pages(&kfolio->page, &tree_folio->page);
		folio_put(tree_folio);

		parent = *new;
		if (ret < 0) {
			new = &parent->rb_left;
		} else if (ret > 0) {
			new = &parent->rb_right;
		} else {
			need_chain = true;
			break;
		}
	}

	stable_node_dup = alloc_stable_node();
	if (!stable_node_dup)
		return NULL;
	INIT_HLIST_HEAD(&stable_node_dup->hlist);
	stable_node_dup->kpfn = kpfn;
	stable_node_dup->rmap_hlist_len = 0;
	if (!need_chain) {
		rb_link_node(&stable_node_dup->node, parent, new);
		rb_insert_color(&stable_node_dup->node, root);
	} else {
		if (!is_stable_node_chain(stable_node)) {
			stable_node = alloc_stable_node_chain(stable_node, root);
			if (!stable_node) {
				free_stable_node(stable_node_dup);
				return NULL;
			}
		}
		stable_node_chain_add_dup(stable_node_dup, stable_node);
	}
	folio_set_stable_node(kfolio, stable_node_dup);
	return stable_node_dup;
	/* LAB ksm end */
}

/*
 * unstable_tree_search_insert - an unstable-tree rmap_item whose page has
 * @page's contents (its page, with a reference, in *@tree_pagep); if there
 * is none, @rmap_item goes into the tree and NULL comes back.
 */
static struct ksm_rmap_item *unstable_tree_search_insert(struct ksm_rmap_item *rmap_item,
							 struct page *page,
							 struct page **tree_pagep)
{
	/* LAB ksm: return NULL; */
	struct rb_root *root = root_unstable_tree;
	struct rb_node **new = &root->rb_node, *parent = NULL;

	while (*new) {
		struct ksm_rmap_item *tree_rmap_item;
		struct page *tree_page;
		int ret;

		cond_resched();
		tree_rmap_item = rb_entry(*new, struct ksm_rmap_item, node);
		tree_page = get_mergeable_page(tree_rmap_item);
		if (!tree_page)
			return NULL;
		/* Don't make a KSM page of a page fork shares with itself. */
		if (page == tree_page) {
			put_page(tree_page);
			return NULL;
		}
		ret = memcmp_pages(page, tree_page);
		parent = *new;
		if (ret < 0) {
			put_page(tree_page);
			new = &parent->rb_left;
		} else if (ret > 0) {
			put_page(tree_page);
			new = &parent->rb_right;
		} else {
			*tree_pagep = tree_page;
			return tree_rmap_item;
		}
	}

	rmap_item->address |= UNSTABLE_FLAG;
	rmap_item->address |= (ksm_scan.seqnr & SEQNR_MASK);
	rb_link_node(&rmap_item->node, parent, new);
	rb_insert_color(&rmap_item->node, root);
	ksm_pages_unshared++;
	return NULL;
	/* LAB ksm end */
}

/*
 * stable_tree_append - @rmap_item's address now maps @stable_node's KSM
 * page. The first item counts in pages_shared, the others in
 * pages_sharing. @max_page_sharing_bypass: a fork went over the limit.
 */
static void stable_tree_append(struct ksm_rmap_item *rmap_item,
			       struct ksm_stable_node *stable_node, bool max_page_sharing_bypass)
{
	BUG_ON(stable_node->rmap_hlist_len < 0);
	stable_node->rmap_hlist_len++;
	if (!max_page_sharing_bypass)
		WARN_ON_ONCE(stable_node->rmap_hlist_len > ksm_max_page_sharing);

	rmap_item->head = stable_node;
	rmap_item->address |= STABLE_FLAG;
	hlist_add_head(&rmap_item->hlist, &stable_node->hlist);
	if (rmap_item->hlist.next)
		ksm_pages_sharing++;
	else
		ksm_pages_shared++;
	rmap_item->mm->ksm_merging_pages++;
}

/*
 * cmp_and_merge_page - the heart of ksmd: merge @page (mapped at
 * @rmap_item's address) with an identical KSM page from the stable tree;
 * failing that, if its checksum is what it was last pass, with the zero
 * page (use_zero_pages) or an identical page from the unstable tree -- or
 * put it in the unstable tree.
 */
static void cmp_and_merge_page(struct page *page, struct ksm_rmap_item *rmap_item)
{
	/* LAB ksm:  */
	struct ksm_rmap_item *tree_rmap_item;
	struct page *tree_page = NULL;
	struct ksm_stable_node *stable_node;
	bool max_page_sharing_bypass = false;
	struct page *kpage;
	unsigned int checksum;
	int err;

	stable_node = page_stable_node(page);
	if (stable_node) {
		if (rmap_item->head == stable_node)
			return;		/* already merged here */
		/* A KSM page forked: it may go over max_page_sharing. */
		if (!is_page_sharing_candidate(stable_node))
			max_page_sharing_bypass = true;
	} else {
		remove_rmap_item_from_tree(rmap_item);
		/* Changed since last pass? Then it is volatile: not worth a search. */
		checksum = calc_checksum(page);
		if (rmap_item->oldchecksum != checksum) {
			rmap_item->oldchecksum = checksum;
			return;
		}
		if (!try_to_merge_with_zero_page(rmap_item, page))
			return;
	}

	kpage = stable_tree_search(page);
	if (kpage == page && rmap_item->head == stable_node) {
		put_page(kpage);
		return;
	}

	remove_rmap_item_from_tree(rmap_item);

	if (kpage) {
		if (PTR_ERR(kpage) == -EBUSY)
			return;
		err = try_to_merge_with_ksm_page(rmap_item, page, kpage);
		if (!err) {
			folio_lock(page_folio(kpage));
			stable_tree_append(rmap_item, page_stable_node(kpage),
					   max_page_sharing_bypass);
			folio_unlock(page_folio(kpage));
		}
		put_page(kpage);
		return;
	}

	tree_rmap_item = unstable_tree_search_insert(rmap_item, page, &tree_page);
	if (tree_rmap_item) {
		kpage = try_to_merge_two_pages(rmap_item, page, tree_rmap_item, tree_page);
		put_page(tree_page);
		if (kpage) {
			folio_lock(page_folio(kpage));
			stable_node = stable_tree_insert(page_folio(kpage));
			if (stable_node) {
				stable_tree_append(tree_rmap_item, stable_node, false);
				stable_tree_append(rmap_item, stable_node, false);
			}
			folio_unlock(page_folio(kpage));
			/* No room for a stable node: undo both merges. */
			if (!stable_node) {
				break_cow(tree_rmap_item);
				break_cow(rmap_item);
			}
		}
	}
	/* LAB ksm end */
}

/*
 * get_next_rmap_item - the rmap_item of @addr in the sorted list at
 * *@rmap_list, made if missing; items for addresses skipped on the way
 * (unmapped since) are freed.
 */
static struct ksm_rmap_item *get_next_rmap_item(struct ksm_mm_slot *mm_slot,
						struct ksm_rmap_item **rmap_list,
						unsigned long addr)
{
	struct ksm_rmap_item *rmap_item;

	while (*rmap_list) {
		rmap_item = *rmap_list;
		if ((rmap_item->address & PAGE_MASK) == addr)
			return rmap_item;
		if (rmap_item->address > addr)
			break;
		*rmap_list = rmap_item->rmap_list;
		remove_rmap_item_from_tree(rmap_item);
		free_rmap_item(rmap_item);
	}

	rmap_item = alloc_rmap_item();
	if (rmap_item) {
		rmap_item->mm = mm_slot->slot.mm;
		rmap_item->mm->ksm_rmap_items++;
		rmap_item->address = addr;
		rmap_item->rmap_list = *rmap_list;
		*rmap_list = rmap_item;
	}
	return rmap_item;
}

/* skip_age - smart_scan: how many passes to skip a page that failed to merge @age times. */
static unsigned int skip_age(rmap_age_t age)
{
	if (age <= 3)
		return 1;
	if (age <= 5)
		return 2;
	if (age <= 8)
		return 4;
	return 8;
}

/*
 * should_skip_rmap_item - smart_scan: a page that has not merged for a few
 * passes is looked at only every skip_age() passes. KSM pages are never
 * skipped.
 */
static bool should_skip_rmap_item(struct page *page, struct ksm_rmap_item *rmap_item)
{
	rmap_age_t age;

	if (!ksm_smart_scan)
		return false;
	if (PageKsm(page))
		return false;
	age = rmap_item->age;
	if (age != (rmap_age_t)~0)
		rmap_item->age++;
	if (age < 3)
		return false;
	if (!rmap_item->remaining_skips) {
		rmap_item->remaining_skips = skip_age(age);
		return false;
	}
	ksm_pages_skipped++;
	rmap_item->remaining_skips--;
	remove_rmap_item_from_tree(rmap_item);
	return true;
}

/*
 * struct ksm_next_page_arg - what ksm_next_page_pmd_entry() found: the
 * next anonymous page at or after the scan address, with a reference.
 */
struct ksm_next_page_arg {
	struct folio *folio;
	struct page *page;
	unsigned long addr;
};

/*
 * ksm_next_page_pmd_entry - look for the first anonymous page mapped in
 * [addr, end) under one PMD entry (Linux: the pmd_entry of a page walk).
 * Returns 1 with @arg filled in, or 0.
 */
static int ksm_next_page_pmd_entry(struct vm_area_struct *vma, pmd_t *pmd, unsigned long addr,
				   unsigned long end, struct ksm_next_page_arg *arg)
{
	struct mm_struct *mm = vma->vm_mm;
	pte_t *ptep = pte_offset_map(pmd, addr);
	int found = 0;

	spin_lock(&mm->page_table_lock);
	for (; addr < end; addr += PAGE_SIZE, ptep++) {
		pte_t ptent = *ptep;
		struct folio *folio;
		struct page *page;

		if (!pte_present(ptent))
			continue;
		page = vm_normal_page(vma, addr, ptent);
		if (!page)
			continue;
		folio = page_folio(page);
		if (!folio_test_anon(folio))
			continue;
		folio_get(folio);
		arg->folio = folio;
		arg->page = page;
		arg->addr = addr;
		found = 1;
		break;
	}
	spin_unlock(&mm->page_table_lock);
	return found;
}

/* ksm_next_page - the first anonymous page in [addr, end) of @vma: 1 with @arg, or 0. */
static int ksm_next_page(struct vm_area_struct *vma, unsigned long addr, unsigned long end,
			 struct ksm_next_page_arg *arg)
{
	while (addr < end) {
		unsigned long next = pmd_addr_end(addr, end);
		pmd_t *pmd = mm_find_pmd(vma->vm_mm, addr);

		if (pmd && ksm_next_page_pmd_entry(vma, pmd, addr, next, arg))
			return 1;
		addr = next;
		cond_resched();
	}
	return 0;
}

/*
 * scan_get_next_rmap_item - advance the cursor to the next anonymous page
 * of a VM_MERGEABLE VMA; return its rmap_item and the page (*@page, with a
 * reference). At the start of a pass the unstable tree is reset; at the
 * end of each mm, rmap_items past its last mergeable page are freed, and
 * an mm with no mergeable VMA left (or exited) leaves the list. NULL at
 * the end of a full pass (seqnr++), or when there is nothing to scan.
 */
static struct ksm_rmap_item *scan_get_next_rmap_item(struct page **page)
{
	struct ksm_rmap_item *rmap_item;
	struct ksm_mm_slot *mm_slot;
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	struct mm_slot *slot;

	if (list_empty(&ksm_mm_head.slot.mm_node))
		return NULL;

	mm_slot = ksm_scan.mm_slot;
	if (mm_slot == &ksm_mm_head) {
		advisor_start_scan();
		root_unstable_tree[0] = RB_ROOT;

		spin_lock(&ksm_mmlist_lock);
		slot = list_entry(mm_slot->slot.mm_node.next, struct mm_slot, mm_node);
		mm_slot = mm_slot_entry(slot, struct ksm_mm_slot, slot);
		ksm_scan.mm_slot = mm_slot;
		spin_unlock(&ksm_mmlist_lock);
		/* The last mm may have left the list meanwhile (__ksm_exit). */
		if (mm_slot == &ksm_mm_head)
			return NULL;
next_mm:
		ksm_scan.address = 0;
		ksm_scan.rmap_list = &mm_slot->rmap_list;
	}

	slot = &mm_slot->slot;
	mm = slot->mm;
	mmap_read_lock(mm);
	if (ksm_test_exit(mm))
		goto no_vmas;

	for (vma = find_vma(mm, ksm_scan.address); vma; vma = vma->vm_next) {
		if (!(vma->vm_flags & VM_MERGEABLE))
			continue;
		if (ksm_scan.address < vma->vm_start)
			ksm_scan.address = vma->vm_start;
		if (!vma->anon_vma)
			ksm_scan.address = vma->vm_end;

		while (ksm_scan.address < vma->vm_end) {
			struct ksm_next_page_arg arg;

			if (ksm_test_exit(mm))
				break;
			if (!ksm_next_page(vma, ksm_scan.address, vma->vm_end, &arg)) {
				ksm_scan.address = vma->vm_end;
				break;
			}
			ksm_scan.address = arg.addr;
			rmap_item = get_next_rmap_item(mm_slot, ksm_scan.rmap_list, ksm_scan.address);
			if (rmap_item) {
				ksm_scan.rmap_list = &rmap_item->rmap_list;
				if (should_skip_rmap_item(arg.page, rmap_item)) {
					folio_put(arg.folio);
					ksm_scan.address += PAGE_SIZE;
					cond_resched();
					continue;
				}
				ksm_scan.address += PAGE_SIZE;
				*page = arg.page;
			} else {
				folio_put(arg.folio);
			}
			mmap_read_unlock(mm);
			return rmap_item;
		}
	}

	if (ksm_test_exit(mm)) {
no_vmas:
		ksm_scan.address = 0;
		ksm_scan.rmap_list = &mm_slot->rmap_list;
	}
	/* Nothing mergeable from here to the end of the mm: drop the rest. */
	remove_trailing_rmap_items(ksm_scan.rmap_list);

	spin_lock(&ksm_mmlist_lock);
	slot = list_entry(mm_slot->slot.mm_node.next, struct mm_slot, mm_node);
	ksm_scan.mm_slot = mm_slot_entry(slot, struct ksm_mm_slot, slot);
	if (ksm_scan.address == 0) {
		/*
		 * A whole pass over the mm found no mergeable VMA (or it
		 * exited): it leaves the list, as __ksm_exit() would do.
		 * MMF_VM_MERGE_ANY stays: ksm_add_vma() enters it again.
		 */
		ksm_free_mm_slot(mm_slot);
		clear_bit(MMF_VM_MERGEABLE, &mm->flags);
		mmap_read_unlock(mm);
		mmdrop(mm);
	} else {
		mmap_read_unlock(mm);
		spin_unlock(&ksm_mmlist_lock);
	}

	mm_slot = ksm_scan.mm_slot;
	if (mm_slot != &ksm_mm_head)
		goto next_mm;

	advisor_stop_scan();
	ksm_scan.seqnr++;
	return NULL;
}

/* ksm_do_scan - ksmd's batch: look at up to @scan_npages pages. */
static void ksm_do_scan(unsigned int scan_npages)
{
	struct ksm_rmap_item *rmap_item;
	struct page *page;

	while (scan_npages--) {
		cond_resched();
		rmap_item = scan_get_next_rmap_item(&page);
		if (!rmap_item)
			return;
		cmp_and_merge_page(page, rmap_item);
		put_page(page);
		ksm_pages_scanned++;
	}
}

static int ksmd_should_run(void)
{
	return (ksm_run & KSM_RUN_MERGE) && !list_empty(&ksm_mm_head.slot.mm_node);
}

/*
 * ksm_scan_thread - ksmd: a batch, then sleep_millisecs (cut short when
 * the setting changes); asleep while run != 1 or nothing is mergeable.
 */
static int ksm_scan_thread(void *nothing)
{
	unsigned int sleep_ms;

	set_user_nice(current, 5);
	while (!kthread_should_stop()) {
		mutex_lock(&ksm_thread_mutex);
		if (ksmd_should_run())
			ksm_do_scan(ksm_thread_pages_to_scan);
		mutex_unlock(&ksm_thread_mutex);

		if (ksmd_should_run()) {
			sleep_ms = READ_ONCE(ksm_thread_sleep_millisecs);
			/*
			 * Pagoda: sleep_millisecs=0 still yields once per
			 * batch. Its mutex has no hand-off to a waiter (Linux's
			 * MUTEX_FLAG_HANDOFF), so on one CPU a run= or
			 * max_page_sharing writer would wait for ever.
			 */
			if (!sleep_ms)
				yield();
			wait_event_interruptible_timeout(ksm_iter_wait,
				sleep_ms != READ_ONCE(ksm_thread_sleep_millisecs),
				msecs_to_jiffies(sleep_ms));
		} else {
			wait_event_interruptible(ksm_thread_wait,
				ksmd_should_run() || kthread_should_stop());
		}
	}
	return 0;
}

/* --- joining and leaving: madvise, prctl, fork, exec, exit --- */

static void __ksm_add_vma(struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_MERGEABLE)
		return;
	if (vma_ksm_compatible(vma))
		vma->vm_flags |= VM_MERGEABLE;
}

static int __ksm_del_vma(struct vm_area_struct *vma)
{
	int err;

	if (!(vma->vm_flags & VM_MERGEABLE))
		return 0;
	if (vma->anon_vma) {
		err = unmerge_ksm_pages(vma, vma->vm_start, vma->vm_end);
		if (err)
			return err;
	}
	vma->vm_flags &= ~VM_MERGEABLE;
	return 0;
}

/**
 * ksm_add_vma - a new VMA of a merge-any mm (PR_SET_MEMORY_MERGE) is mergeable
 * @vma: the VMA (mmap, brk)
 */
void ksm_add_vma(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;

	if (test_bit(MMF_VM_MERGE_ANY, &mm->flags)) {
		__ksm_add_vma(vma);
		/* ksmd may have dropped the mm when it had nothing mergeable. */
		if (unlikely(!test_bit(MMF_VM_MERGEABLE, &mm->flags)))
			__ksm_enter(mm);
	}
}

static void ksm_add_vmas(struct mm_struct *mm)
{
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next)
		__ksm_add_vma(vma);
}

static int ksm_del_vmas(struct mm_struct *mm)
{
	for (struct vm_area_struct *vma = mm->mmap; vma; vma = vma->vm_next) {
		int err = __ksm_del_vma(vma);

		if (err)
			return err;
	}
	return 0;
}

/**
 * ksm_enable_merge_any - prctl(PR_SET_MEMORY_MERGE, 1): every compatible
 * VMA of @mm, now and later, is mergeable
 * @mm: the mm (mmap_lock held for writing)
 *
 * Returns 0 or -ENOMEM.
 */
int ksm_enable_merge_any(struct mm_struct *mm)
{
	int err;

	if (test_bit(MMF_VM_MERGE_ANY, &mm->flags))
		return 0;
	if (!test_bit(MMF_VM_MERGEABLE, &mm->flags)) {
		err = __ksm_enter(mm);
		if (err)
			return err;
	}
	set_bit(MMF_VM_MERGE_ANY, &mm->flags);
	ksm_add_vmas(mm);
	return 0;
}

/**
 * ksm_disable_merge_any - prctl(PR_SET_MEMORY_MERGE, 0): unmerge and clear
 * VM_MERGEABLE everywhere, as MADV_UNMERGEABLE would
 * @mm: the mm (mmap_lock held for writing)
 *
 * If unmerging fails, merging stays on everywhere and the error returns.
 */
int ksm_disable_merge_any(struct mm_struct *mm)
{
	int err;

	if (!test_bit(MMF_VM_MERGE_ANY, &mm->flags))
		return 0;
	err = ksm_del_vmas(mm);
	if (err) {
		ksm_add_vmas(mm);
		return err;
	}
	clear_bit(MMF_VM_MERGE_ANY, &mm->flags);
	return 0;
}

/* ksm_disable - turn KSM off for all of @mm (mmap_lock held for writing). */
int ksm_disable(struct mm_struct *mm)
{
	if (!test_bit(MMF_VM_MERGEABLE, &mm->flags))
		return 0;
	if (test_bit(MMF_VM_MERGE_ANY, &mm->flags))
		return ksm_disable_merge_any(mm);
	return ksm_del_vmas(mm);
}

/**
 * ksm_madvise - MADV_MERGEABLE / MADV_UNMERGEABLE on [start, end) of @vma
 * @vma: the VMA (mmap_lock held for writing)
 * @start: start of the range
 * @end: its end
 * @advice: MADV_MERGEABLE or MADV_UNMERGEABLE
 * @vm_flags: the VMA's new flags, updated here
 *
 * MERGEABLE registers the mm with ksmd; a VMA KSM cannot handle (shared,
 * special) keeps its flags, silently. UNMERGEABLE breaks every KSM page of
 * the range first. Returns 0 or an error (-ENOMEM, -ERESTARTSYS).
 */
int ksm_madvise(struct vm_area_struct *vma, unsigned long start, unsigned long end,
		int advice, unsigned long *vm_flags)
{
	struct mm_struct *mm = vma->vm_mm;
	int err;

	switch (advice) {
	case MADV_MERGEABLE:
		if (vma->vm_flags & VM_MERGEABLE)
			return 0;
		if (!vma_ksm_compatible(vma))
			return 0;
		if (!test_bit(MMF_VM_MERGEABLE, &mm->flags)) {
			err = __ksm_enter(mm);
			if (err)
				return err;
		}
		*vm_flags |= VM_MERGEABLE;
		break;
	case MADV_UNMERGEABLE:
		if (!(*vm_flags & VM_MERGEABLE))
			return 0;
		if (vma->anon_vma) {
			err = unmerge_ksm_pages(vma, start, end);
			if (err)
				return err;
		}
		*vm_flags &= ~VM_MERGEABLE;
		break;
	}
	return 0;
}

/**
 * __ksm_enter - give @mm a slot on ksmd's list
 * @mm: the mm
 *
 * The slot goes just behind the cursor (the mm's memory settles for a
 * pass first; a fork followed at once by exec costs nothing), or at the
 * end while run=2 so that no KSM page of a new fork is missed. Wakes ksmd
 * if the list was empty. Returns 0 or -ENOMEM.
 */
int __ksm_enter(struct mm_struct *mm)
{
	struct ksm_mm_slot *mm_slot;
	struct mm_slot *slot;
	int needs_wakeup;

	mm_slot = mm_slot_alloc(mm_slot_cache);
	if (!mm_slot)
		return -ENOMEM;
	slot = &mm_slot->slot;
	needs_wakeup = list_empty(&ksm_mm_head.slot.mm_node);

	spin_lock(&ksm_mmlist_lock);
	mm_slot_insert(mm_slots_hash, mm, slot);
	if (ksm_run & KSM_RUN_UNMERGE)
		list_add_tail(&slot->mm_node, &ksm_mm_head.slot.mm_node);
	else
		list_add_tail(&slot->mm_node, &ksm_scan.mm_slot->slot.mm_node);
	spin_unlock(&ksm_mmlist_lock);

	set_bit(MMF_VM_MERGEABLE, &mm->flags);
	mmgrab(mm);
	if (needs_wakeup)
		wake_up_interruptible(&ksm_thread_wait);
	return 0;
}

/**
 * __ksm_exit - @mm's last user is gone
 * @mm: the mm (its page tables are still there)
 *
 * An mm without rmap_items, not under the cursor, leaves at once.
 * Otherwise it moves right after the cursor and ksmd frees its items and
 * slot when it gets there (ksm_test_exit()); taking mmap_lock once waits
 * for ksmd to leave its page tables before exit_mmap() frees them.
 */
void __ksm_exit(struct mm_struct *mm)
{
	struct ksm_mm_slot *mm_slot;
	struct mm_slot *slot;
	int easy_to_free = 0;

	spin_lock(&ksm_mmlist_lock);
	slot = mm_slot_lookup(mm_slots_hash, mm);
	mm_slot = slot ? mm_slot_entry(slot, struct ksm_mm_slot, slot) : NULL;
	if (mm_slot && ksm_scan.mm_slot != mm_slot) {
		if (!mm_slot->rmap_list) {
			hash_del(&slot->hash);
			list_del(&slot->mm_node);
			easy_to_free = 1;
		} else {
			list_move(&slot->mm_node, &ksm_scan.mm_slot->slot.mm_node);
		}
	}
	spin_unlock(&ksm_mmlist_lock);

	if (easy_to_free) {
		mm_slot_free(mm_slot_cache, mm_slot);
		clear_bit(MMF_VM_MERGE_ANY, &mm->flags);
		clear_bit(MMF_VM_MERGEABLE, &mm->flags);
		mmdrop(mm);
	} else if (mm_slot) {
		mmap_write_lock(mm);
		mmap_write_unlock(mm);
	}
}

/* --- rmap --- */

/**
 * rmap_walk_ksm - call rwc->rmap_one() for every VMA mapping the KSM @folio
 * @folio: a KSM folio, locked (which keeps its stable node's hlist still)
 * @rwc: the callbacks
 *
 * Each rmap_item of the stable node gives an address and an anon_vma. The
 * anon_vma's interval tree is searched over the whole range -- page->index
 * is no help, it is only the first mapping's -- for the VMAs containing
 * the address: first those of the rmap_item's own mm, then, in a second
 * round (search_new_forks), those of other mms, forked from it since ksmd
 * passed, which map the page without an rmap_item of their own.
 */
void rmap_walk_ksm(struct folio *folio, struct rmap_walk_control *rwc)
{
	struct ksm_stable_node *stable_node;
	struct ksm_rmap_item *rmap_item;
	int search_new_forks = 0;

	VM_BUG_ON(!folio_test_ksm(folio));
	VM_BUG_ON(!folio_test_locked(folio));

	stable_node = folio_stable_node(folio);
	if (!stable_node)
		return;
again:
	hlist_for_each_entry(rmap_item, &stable_node->hlist, hlist) {
		struct anon_vma *anon_vma = rmap_item->anon_vma;
		struct anon_vma_chain *vmac;
		struct vm_area_struct *vma;

		cond_resched();
		anon_vma_lock_read(anon_vma);
		anon_vma_interval_tree_foreach(vmac, &anon_vma->rb_root, 0, ULONG_MAX) {
			unsigned long addr = rmap_item->address & PAGE_MASK;

			cond_resched();
			vma = vmac->vma;
			if (addr < vma->vm_start || addr >= vma->vm_end)
				continue;
			if ((rmap_item->mm == vma->vm_mm) == search_new_forks)
				continue;
			if (rwc->invalid_vma && rwc->invalid_vma(vma, rwc->arg))
				continue;
			if (!rwc->rmap_one(folio, vma, addr, rwc->arg) ||
			    (rwc->done && rwc->done(folio))) {
				anon_vma_unlock_read(anon_vma);
				return;
			}
		}
		anon_vma_unlock_read(anon_vma);
	}
	if (!search_new_forks++)
		goto again;
}

/**
 * ksm_process_profit - what KSM saves @mm: its merged pages and KSM zero
 * pages, minus its rmap_items' memory (/proc/PID/ksm_stat), in bytes.
 */
long ksm_process_profit(struct mm_struct *mm)
{
	return (long)(mm->ksm_merging_pages + mm_ksm_zero_pages(mm)) * PAGE_SIZE -
	       mm->ksm_rmap_items * sizeof(struct ksm_rmap_item);
}

/* --- mm_verify (mm/debug_vm.c) --- */

/*
 * ksm_own_stable_item - whether @mm's own rmap_item for @address is in the
 * stable tree (ksmd has scanned this mapping since it last changed).
 */
static bool ksm_own_stable_item(struct mm_struct *mm, unsigned long address)
{
	struct mm_slot *slot = mm_slot_lookup(mm_slots_hash, mm);
	struct ksm_rmap_item *rmap_item;

	if (!slot)
		return false;
	for (rmap_item = mm_slot_entry(slot, struct ksm_mm_slot, slot)->rmap_list; rmap_item;
	     rmap_item = rmap_item->rmap_list)
		if ((rmap_item->address & PAGE_MASK) == address)
			return rmap_item->address & STABLE_FLAG;
	return false;
}

/*
 * ksm_verify_pte - the PTE at @address of @vma maps the KSM page @page:
 * it must be read-only and not exclusive; and, unless ksmd or a run=
 * writer is in the middle of a change (ksm_thread_mutex held), the page's
 * stable node must point back at it and, if the mm's own rmap_item for
 * this address is in the stable tree, one of the node's rmap_items must
 * lead rmap_walk_ksm() to this PTE (same address, @vma in its anon_vma's
 * tree). Without a stable item of its own the mapping may be out of
 * rmap_walk_ksm()'s reach, as in 6.12: a fork child's copy whose parent
 * has since written its page (ksmd then took the parent's rmap_item off
 * the node) until ksmd scans the child; or an exiting mm, which
 * ksm_exit() left before exit_mmap() unmaps its pages. Such a folio
 * cannot migrate meanwhile (try_to_migrate() leaves that PTE: -EAGAIN).
 */
void ksm_verify_pte(struct verify_state *vs, struct vm_area_struct *vma, unsigned long address,
		    pte_t pte, struct page *page)
{
	struct ksm_stable_node *stable_node = page_stable_node(page);
	unsigned long pfn = page_to_pfn(page);
	struct ksm_rmap_item *rmap_item;

	if (pte_write(pte) || PageAnonExclusive(page))
		verify_err(vs, "pid %d %lx: KSM pfn %lx mapped %s", mm_owner_pid(vma->vm_mm),
			   address, pfn, pte_write(pte) ? "writable" : "exclusive");
	if (mutex_is_locked(&ksm_thread_mutex))
		return;
	if (!stable_node || stable_node->kpfn != pfn) {
		verify_err(vs, "KSM pfn %lx: stable node %px has kpfn %lx", pfn, stable_node,
			   stable_node ? stable_node->kpfn : 0);
		return;
	}
	hlist_for_each_entry(rmap_item, &stable_node->hlist, hlist) {
		struct anon_vma_chain *vmac;

		if ((rmap_item->address & PAGE_MASK) != address)
			continue;
		anon_vma_interval_tree_foreach(vmac, &rmap_item->anon_vma->rb_root, 0, ULONG_MAX)
			if (vmac->vma == vma)
				return;
	}
	if (!ksm_own_stable_item(vma->vm_mm, address))
		return;
	verify_err(vs, "pid %d %lx: KSM pfn %lx not found by rmap_walk_ksm",
		   mm_owner_pid(vma->vm_mm), address, pfn);
}

/* ksm_verify_node - a KSM page's node: its hlist against rmap_hlist_len; counts what it shares. */
static void ksm_verify_node(struct verify_state *vs, struct ksm_stable_node *node,
			    unsigned long *shared, unsigned long *sharing)
{
	struct ksm_rmap_item *rmap_item;
	int n = 0;

	hlist_for_each_entry(rmap_item, &node->hlist, hlist) {
		n++;
		if (rmap_item->head != node || !(rmap_item->address & STABLE_FLAG))
			verify_err(vs, "KSM node %px: rmap_item %lx of its hlist is not its",
				   node, rmap_item->address);
		if (!mm_slot_lookup(mm_slots_hash, rmap_item->mm))
			verify_err(vs, "KSM node %px: rmap_item %lx of an mm without a slot",
				   node, rmap_item->address);
	}
	if (n != node->rmap_hlist_len)
		verify_err(vs, "KSM node %px (kpfn %lx): rmap_hlist_len %d, %d rmap_items", node,
			   node->kpfn, node->rmap_hlist_len, n);
	if (n) {
		(*shared)++;
		*sharing += n - 1;
	}
}

/*
 * ksm_verify - the trees and counters agree: each node's rmap_hlist_len
 * with its hlist; pages_shared, pages_sharing, stable_node_chains and
 * stable_node_dups with what the stable tree holds; each mm's
 * ksm_rmap_items and ksm_merging_pages, pages_unshared and the total of
 * rmap_items with the slots' lists (sorted by address); ksm_zero_pages
 * with the PTEs mm_verify counted. Skipped while ksm_thread_mutex is held
 * (ksmd or a run= writer may be half way through a change).
 */
void ksm_verify(struct verify_state *vs)
{
	unsigned long shared = 0, sharing = 0, chains = 0, dups = 0, items = 0, unshared = 0;
	struct ksm_mm_slot *mm_slot;
	struct rb_node *rb;

	if (atomic_long_read(&ksm_zero_pages) != vs->ksm_zero_pages)
		verify_err(vs, "ksm_zero_pages %ld, the page tables map %ld",
			   atomic_long_read(&ksm_zero_pages), vs->ksm_zero_pages);
	if (mutex_is_locked(&ksm_thread_mutex))
		return;
	for (rb = rb_first(root_stable_tree); rb; rb = rb_next(rb)) {
		struct ksm_stable_node *node = rb_entry(rb, struct ksm_stable_node, node), *dup;

		if (!is_stable_node_chain(node)) {
			ksm_verify_node(vs, node, &shared, &sharing);
			continue;
		}
		/* A chain whose dups all went stale stays until a search passes it. */
		chains++;
		hlist_for_each_entry(dup, &node->hlist, hlist_dup) {
			dups++;
			if (!is_stable_node_dup(dup))
				verify_err(vs, "KSM chain %px: node %px is not a dup", node, dup);
			ksm_verify_node(vs, dup, &shared, &sharing);
		}
	}
	if (shared != ksm_pages_shared || sharing != ksm_pages_sharing)
		verify_err(vs, "KSM: pages_shared %lu pages_sharing %lu, the stable tree has %lu, %lu",
			   ksm_pages_shared, ksm_pages_sharing, shared, sharing);
	if (chains != ksm_stable_node_chains || dups != ksm_stable_node_dups)
		verify_err(vs, "KSM: %lu chains %lu dups counted, the stable tree has %lu, %lu",
			   ksm_stable_node_chains, ksm_stable_node_dups, chains, dups);

	list_for_each_entry(mm_slot, &ksm_mm_head.slot.mm_node, slot.mm_node) {
		struct mm_struct *mm = mm_slot->slot.mm;
		unsigned long mm_items = 0, merging = 0, last = 0;
		struct ksm_rmap_item *rmap_item;

		for (rmap_item = mm_slot->rmap_list; rmap_item; rmap_item = rmap_item->rmap_list) {
			if (rmap_item->mm != mm || (mm_items && rmap_item->address <= last))
				verify_err(vs, "KSM mm %px: rmap_item %lx out of place", mm,
					   rmap_item->address);
			last = rmap_item->address;
			mm_items++;
			merging += !!(rmap_item->address & STABLE_FLAG);
			unshared += !!(rmap_item->address & UNSTABLE_FLAG);
		}
		items += mm_items;
		if (mm_items != mm->ksm_rmap_items || merging != mm->ksm_merging_pages)
			verify_err(vs, "KSM mm %px: ksm_rmap_items %lu ksm_merging_pages %lu, its list has %lu, %lu",
				   mm, mm->ksm_rmap_items, mm->ksm_merging_pages, mm_items, merging);
	}
	if (items != ksm_rmap_items || unshared != ksm_pages_unshared)
		verify_err(vs, "KSM: %lu rmap_items %lu unshared counted, the lists have %lu, %lu",
			   ksm_rmap_items, ksm_pages_unshared, items, unshared);
}

/* --- /sys/kernel/debug/ksm: the two trees (Pagoda) --- */

static void ksm_show_items(struct seq_file *m, struct ksm_stable_node *node, const char *indent)
{
	struct ksm_rmap_item *rmap_item;

	seq_printf(m, "%snode %px kpfn %lx rmap_hlist_len %d\n", indent, node, node->kpfn,
		   node->rmap_hlist_len);
	hlist_for_each_entry(rmap_item, &node->hlist, hlist)
		seq_printf(m, "%s  pid %d address %lx anon_vma %px\n", indent,
			   mm_owner_pid(rmap_item->mm), rmap_item->address & PAGE_MASK,
			   rmap_item->anon_vma);
}

/*
 * ksm_debugfs_show - the stable tree in content order (each KSM page's
 * node, kpfn and the pid and address of each rmap_item; a chain with its
 * dups), then the unstable tree of the current pass. Read with preemption
 * off, so ksmd does not run meanwhile.
 */
static int ksm_debugfs_show(struct seq_file *m, void *v)
{
	struct rb_node *rb;

	preempt_disable();
	seq_printf(m, "stable tree: pages_shared %lu pages_sharing %lu chains %lu dups %lu\n",
		   ksm_pages_shared, ksm_pages_sharing, ksm_stable_node_chains,
		   ksm_stable_node_dups);
	for (rb = rb_first(root_stable_tree); rb; rb = rb_next(rb)) {
		struct ksm_stable_node *node = rb_entry(rb, struct ksm_stable_node, node), *dup;

		if (!is_stable_node_chain(node)) {
			ksm_show_items(m, node, "");
			continue;
		}
		seq_printf(m, "chain %px\n", node);
		hlist_for_each_entry(dup, &node->hlist, hlist_dup)
			ksm_show_items(m, dup, "  ");
	}
	seq_printf(m, "unstable tree: pass %lu pages_unshared %lu\n", ksm_scan.seqnr,
		   ksm_pages_unshared);
	for (rb = rb_first(root_unstable_tree); rb; rb = rb_next(rb)) {
		struct ksm_rmap_item *rmap_item = rb_entry(rb, struct ksm_rmap_item, node);

		seq_printf(m, "  pid %d address %lx checksum %08x\n", mm_owner_pid(rmap_item->mm),
			   rmap_item->address & PAGE_MASK, rmap_item->oldchecksum);
	}
	preempt_enable();
	return 0;
}

static int ksm_debugfs_open(struct inode *inode, struct file *file)
{
	return single_open(file, ksm_debugfs_show, NULL);
}

static const struct file_operations ksm_debugfs_fops = {
	.open = ksm_debugfs_open,
	.read_iter = seq_read_iter,
	.release = single_release,
};

/* --- /sys/kernel/mm/ksm --- */

#define KSM_ATTR_RO(_name) static struct kobj_attribute _name##_attr = __ATTR_RO(_name)
#define KSM_ATTR(_name) static struct kobj_attribute _name##_attr = __ATTR_RW(_name)

/*
 * KSM_KNOB - a read-write knob: show() prints @_var with @_fmt, store()
 * parses with @_parse into a @_type value and takes it if @_ok holds;
 * anything else is -EINVAL, as each 6.12 store function does.
 */
#define KSM_KNOB(_name, _var, _fmt, _type, _parse, _ok)				\
static ssize_t _name##_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf) \
{										\
	return sysfs_emit(buf, _fmt "\n", _var);				\
}										\
static ssize_t _name##_store(struct kobject *kobj, struct kobj_attribute *attr, \
			     const char *buf, size_t count)			\
{										\
	_type value;								\
										\
	if (_parse || !(_ok))							\
		return -EINVAL;							\
	_var = value;								\
	return count;								\
}										\
KSM_ATTR(_name)

#define KSM_BOOL_ATTR(_name, _var) \
	KSM_KNOB(_name, _var, "%u", bool, kstrtobool(buf, &value), true)
#define KSM_UINT_ATTR(_name, _var) \
	KSM_KNOB(_name, _var, "%u", unsigned int, kstrtouint(buf, 10, &value), true)
#define KSM_ULONG_ATTR(_name, _var, _fmt) \
	KSM_KNOB(_name, _var, _fmt, unsigned long, kstrtoul(buf, 10, &value), true)

static ssize_t sleep_millisecs_show(struct kobject *kobj, struct kobj_attribute *attr,
				    char *buf)
{
	return sysfs_emit(buf, "%u\n", ksm_thread_sleep_millisecs);
}

static ssize_t sleep_millisecs_store(struct kobject *kobj, struct kobj_attribute *attr,
				     const char *buf, size_t count)
{
	unsigned int msecs;

	if (kstrtouint(buf, 10, &msecs))
		return -EINVAL;
	ksm_thread_sleep_millisecs = msecs;
	wake_up_interruptible(&ksm_iter_wait);
	return count;
}
KSM_ATTR(sleep_millisecs);

static ssize_t pages_to_scan_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", ksm_thread_pages_to_scan);
}

static ssize_t pages_to_scan_store(struct kobject *kobj, struct kobj_attribute *attr,
				   const char *buf, size_t count)
{
	unsigned int nr_pages;

	if (ksm_advisor != KSM_ADVISOR_NONE)
		return -EINVAL;
	if (kstrtouint(buf, 10, &nr_pages))
		return -EINVAL;
	ksm_thread_pages_to_scan = nr_pages;
	return count;
}
KSM_ATTR(pages_to_scan);

static ssize_t run_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", ksm_run);
}

/*
 * run_store - 0 stops ksmd, 1 runs it, 2 stops it and unmerges everything
 * now (the write returns when done; an error leaves run at 0).
 */
static ssize_t run_store(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			 size_t count)
{
	unsigned int flags;
	ssize_t ret = count;

	if (kstrtouint(buf, 10, &flags))
		return -EINVAL;
	if (flags > KSM_RUN_UNMERGE)
		return -EINVAL;

	mutex_lock(&ksm_thread_mutex);
	if (ksm_run != flags) {
		ksm_run = flags;
		if (flags & KSM_RUN_UNMERGE) {
			int err = unmerge_and_remove_all_rmap_items();

			if (err) {
				ksm_run = KSM_RUN_STOP;
				ret = err;
			}
		}
	}
	mutex_unlock(&ksm_thread_mutex);

	if (flags & KSM_RUN_MERGE)
		wake_up_interruptible(&ksm_thread_wait);
	return ret;
}
KSM_ATTR(run);

KSM_BOOL_ATTR(use_zero_pages, ksm_use_zero_pages);

static ssize_t max_page_sharing_show(struct kobject *kobj, struct kobj_attribute *attr,
				     char *buf)
{
	return sysfs_emit(buf, "%u\n", ksm_max_page_sharing);
}

/*
 * max_page_sharing_store - at least 2 (a KSM page starts with two
 * mappings); changing it needs an empty stable tree: -EBUSY while pages
 * are shared.
 */
static ssize_t max_page_sharing_store(struct kobject *kobj, struct kobj_attribute *attr,
				      const char *buf, size_t count)
{
	int err, knob;

	err = kstrtoint(buf, 10, &knob);
	if (err)
		return err;
	if (knob < 2)
		return -EINVAL;
	if (READ_ONCE(ksm_max_page_sharing) == knob)
		return count;

	mutex_lock(&ksm_thread_mutex);
	if (ksm_max_page_sharing != knob) {
		if (ksm_pages_shared || remove_all_stable_nodes())
			err = -EBUSY;
		else
			ksm_max_page_sharing = knob;
	}
	mutex_unlock(&ksm_thread_mutex);
	return err ? err : count;
}
KSM_ATTR(max_page_sharing);

#define KSM_COUNTER(_name, _fmt, _value)						\
static ssize_t _name##_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf) \
{										\
	return sysfs_emit(buf, _fmt "\n", _value);				\
}										\
KSM_ATTR_RO(_name)

KSM_COUNTER(pages_scanned, "%lu", ksm_pages_scanned);
KSM_COUNTER(pages_shared, "%lu", ksm_pages_shared);
KSM_COUNTER(pages_sharing, "%lu", ksm_pages_sharing);
KSM_COUNTER(pages_unshared, "%lu", ksm_pages_unshared);
KSM_COUNTER(pages_skipped, "%lu", ksm_pages_skipped);
KSM_COUNTER(ksm_zero_pages, "%ld", atomic_long_read(&ksm_zero_pages));
KSM_COUNTER(stable_node_dups, "%lu", ksm_stable_node_dups);
KSM_COUNTER(stable_node_chains, "%lu", ksm_stable_node_chains);
KSM_COUNTER(full_scans, "%lu", ksm_scan.seqnr);

/* pages_volatile - rmap_items in neither tree (their pages changed, or were not compared yet). */
static ssize_t pages_volatile_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	long ksm_pages_volatile = ksm_rmap_items - ksm_pages_shared - ksm_pages_sharing -
				  ksm_pages_unshared;

	return sysfs_emit(buf, "%ld\n", ksm_pages_volatile < 0 ? 0 : ksm_pages_volatile);
}
KSM_ATTR_RO(pages_volatile);

/* general_profit - bytes saved, less the rmap_items' own memory. */
static ssize_t general_profit_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	long general_profit = (ksm_pages_sharing + atomic_long_read(&ksm_zero_pages)) * PAGE_SIZE -
			      ksm_rmap_items * sizeof(struct ksm_rmap_item);

	return sysfs_emit(buf, "%ld\n", general_profit);
}
KSM_ATTR_RO(general_profit);

KSM_UINT_ATTR(stable_node_chains_prune_millisecs, ksm_stable_node_chains_prune_millisecs);

KSM_BOOL_ATTR(smart_scan, ksm_smart_scan);

static ssize_t advisor_mode_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", ksm_advisor == KSM_ADVISOR_SCAN_TIME ?
			  "none [scan-time]" : "[none] scan-time");
}

static ssize_t advisor_mode_store(struct kobject *kobj, struct kobj_attribute *attr,
				  const char *buf, size_t count)
{
	enum ksm_advisor_type curr_advisor = ksm_advisor;

	if (sysfs_streq("scan-time", buf))
		ksm_advisor = KSM_ADVISOR_SCAN_TIME;
	else if (sysfs_streq("none", buf))
		ksm_advisor = KSM_ADVISOR_NONE;
	else
		return -EINVAL;
	if (curr_advisor != ksm_advisor)
		set_advisor_defaults();
	return count;
}
KSM_ATTR(advisor_mode);

KSM_ULONG_ATTR(advisor_max_cpu, ksm_advisor_max_cpu, "%u");
KSM_ULONG_ATTR(advisor_min_pages_to_scan, ksm_advisor_min_pages_to_scan, "%lu");
KSM_ULONG_ATTR(advisor_max_pages_to_scan, ksm_advisor_max_pages_to_scan, "%lu");
/* seconds a full pass should take: at least 1 */
KSM_KNOB(advisor_target_scan_time, ksm_advisor_target_scan_time, "%lu", unsigned long,
	 kstrtoul(buf, 10, &value), value >= 1);

static struct attribute *ksm_attrs[] = {
	&sleep_millisecs_attr.attr,
	&pages_to_scan_attr.attr,
	&run_attr.attr,
	&pages_scanned_attr.attr,
	&pages_shared_attr.attr,
	&pages_sharing_attr.attr,
	&pages_unshared_attr.attr,
	&pages_volatile_attr.attr,
	&pages_skipped_attr.attr,
	&ksm_zero_pages_attr.attr,
	&full_scans_attr.attr,
	&max_page_sharing_attr.attr,
	&stable_node_chains_attr.attr,
	&stable_node_dups_attr.attr,
	&stable_node_chains_prune_millisecs_attr.attr,
	&use_zero_pages_attr.attr,
	&general_profit_attr.attr,
	&smart_scan_attr.attr,
	&advisor_mode_attr.attr,
	&advisor_max_cpu_attr.attr,
	&advisor_min_pages_to_scan_attr.attr,
	&advisor_max_pages_to_scan_attr.attr,
	&advisor_target_scan_time_attr.attr,
	NULL,
};

static const struct attribute_group ksm_attr_group = {
	.attrs = ksm_attrs,
	.name = "ksm",
};

/* ksm_init - the caches, ksmd (asleep until run=1) and /sys/kernel/mm/ksm. */
static int __init ksm_init(void)
{
	struct task_struct *ksm_thread;

	zero_checksum = calc_checksum(ZERO_PAGE(0));
	ksm_use_zero_pages = false;
	ksm_slab_init();
	ksm_thread = kthread_run(ksm_scan_thread, NULL, "ksmd");
	if (IS_ERR(ksm_thread)) {
		pr_err("ksm: creating kthread failed\n");
		return PTR_ERR(ksm_thread);
	}
	if (sysfs_create_group(mm_kobj, &ksm_attr_group))
		pr_err("ksm: register sysfs failed\n");
	return 0;
}
subsys_initcall(ksm_init);

/* ksm_debugfs_init - /sys/kernel/debug/ksm (debugfs exists only from fs_initcall on). */
static int __init ksm_debugfs_init(void)
{
	if (IS_ERR(debugfs_create_file("ksm", 0400, NULL, NULL, &ksm_debugfs_fops)))
		pr_err("ksm: cannot create /sys/kernel/debug/ksm\n");
	return 0;
}
late_initcall(ksm_debugfs_init);
