// SPDX-License-Identifier: GPL-2.0
/*
 * debug_vm.c - mm_verify(): check the memory-management invariants of the
 * whole system. Pagoda's CONFIG_DEBUG_VM: Linux spreads the same checks
 * over mm/debug.c, validate_mm() and anon_vma_interval_tree_verify()
 * (CONFIG_DEBUG_VM_RB), check_mm() ("Bad rss-counter state") and the
 * buddy allocator's sanity checks.
 *
 * For every mm on mm_list:
 *   - the VMA list is sorted, without overlaps, with correct vm_prev links,
 *     and the rbtree holds the same VMAs in the same order, which the VMA
 *     iterator (for_each_vma) visits one by one; map_count agrees;
 *   - each VMA's anon_vma_chains point back at it, have an anon_vma of the
 *     same root, sit in that anon_vma's interval tree under the VMA's
 *     current page-offset range, and one of them is vma->anon_vma's;
 *   - each anon_vma's interval tree is ordered, its augmented values right,
 *     and it holds only chains of live VMAs that list them, num_active_vmas
 *     of which use it as their own;
 *   - each file VMA is in its file's i_mmap tree under its current
 *     page-offset range; each i_mmap tree is ordered, its augmented values
 *     right, and holds only live VMAs of that file;
 *   - every present PTE lies in a VMA; for each anonymous or page-cache
 *     page it maps, rmap_walk() finds this very PTE; all the PTEs it finds
 *     are as many as the page's map count; the reference count is at least
 *     that (one more for a page-cache page: the cache's own); an exclusive
 *     page is mapped once; a pinned anonymous page that is still mapped is
 *     exclusive (docs/gup.md: else a write would copy it away from the
 *     pin); a mapped page that is neither anonymous nor in
 *     a page cache (truncated while still mapped) is reported;
 *   - the RSS counters equal the pages the page tables map;
 *   - a page a VM_LOCKED VMA maps is PG_mlocked.
 * The LRU lists (mm/swap.c): every folio on a list has PG_lru and the
 * flags of that list; every PG_lru folio is counted in the node and zone
 * counters of exactly one list, and the evictable lists are as long as
 * those counters (so each such folio is on its list, once); no free page
 * has LRU flags; NR_MLOCK counts the PG_mlocked pages.
 * And the buddy free lists: every block on them is a free block of that
 * order, aligned, in its zone, not mergeable with its buddy, counted in
 * nr_free and NR_FREE_PAGES, and every free block is on a list; every
 * page on the per-CPU lists is free, of the list's order, and counted in
 * pcp->count.
 *
 * The checks run with preemption disabled: on one CPU nothing else can
 * change an mm meanwhile, which stands in for taking every lock (the
 * caller must not be in the middle of a change itself). If another task
 * is halfway through a change (mmap_lock held for writing while it
 * yielded), nothing is checked this time. Each problem is
 * printed with pr_err() (the first MM_VERIFY_MAX_REPORTS of them) and
 * counted.
 */
#include <linux/mm_verify.h>
#include <linux/ksm.h>
#include <linux/mm.h>
#include <linux/hugetlb.h>
#include <linux/mm_inline.h>
#include <linux/fs.h>
#include <linux/rmap.h>
#include <linux/swapops.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/sprintf.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/init.h>
#include "internal.h"

#define MM_VERIFY_MAX_REPORTS	24	/* keeps /sys/kernel/debug/mm_verify in one page */

bool mm_verify_enabled;

static int __init mm_verify_setup(char *arg)
{
	if (!strcmp(arg, "on"))
		mm_verify_enabled = true;
	else if (!strcmp(arg, "off"))
		mm_verify_enabled = false;
	else
		pr_warn("mm_verify=%s: expected on or off\n", arg);
	return 1;
}
__setup("mm_verify=", mm_verify_setup);

/* verify_err - report one problem (also mm/ksm.c's, through mm/internal.h). */
__printf(2, 3) void verify_err(struct verify_state *vs, const char *fmt, ...)
{
	char line[160];
	va_list args;

	if (vs->errors++ >= MM_VERIFY_MAX_REPORTS)
		return;
	va_start(args, fmt);
	vscnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	pr_err("mm_verify: %s\n", line);
	if (vs->m)
		seq_printf(vs->m, "%s\n", line);
}

/**
 * mm_owner_pid - the process using @mm: the thread group id of the first
 * task in the task list with that mm (a vfork parent before its child), or
 * -1 for an mm no task uses (one a test built by hand).
 */
pid_t mm_owner_pid(struct mm_struct *mm)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->mm == mm)
			return p->tgid;
	return -1;
}

static bool mm_on_list(struct mm_struct *mm)
{
	struct mm_struct *pos;

	list_for_each_entry(pos, &mm_list, mmlist)
		if (pos == mm)
			return true;
	return false;
}

/* vma_is_live - @vma is one of the VMAs of an mm on mm_list. */
static bool vma_is_live(struct vm_area_struct *vma)
{
	return mm_on_list(vma->vm_mm) && find_vma(vma->vm_mm, vma->vm_start) == vma;
}

static bool avc_on_vma_list(struct anon_vma_chain *avc)
{
	struct anon_vma_chain *pos;

	list_for_each_entry(pos, &avc->vma->anon_vma_chain, same_vma)
		if (pos == avc)
			return true;
	return false;
}

/* ---------------------------------------------------------------------- */
/* anon_vma interval trees */

static unsigned long avc_last(struct anon_vma_chain *avc)
{
	return vma_last_pgoff(avc->vma);
}

/* The largest last below @rb, checking each node's rb_subtree_last on the way. */
static unsigned long verify_subtree_last(struct verify_state *vs, struct anon_vma *anon_vma,
					 struct rb_node *rb)
{
	struct anon_vma_chain *avc = rb_entry(rb, struct anon_vma_chain, rb);
	unsigned long max = avc_last(avc);

	if (rb->rb_left)
		max = max(max, verify_subtree_last(vs, anon_vma, rb->rb_left));
	if (rb->rb_right)
		max = max(max, verify_subtree_last(vs, anon_vma, rb->rb_right));
	if (avc->rb_subtree_last != max)
		verify_err(vs, "anon_vma %px: AVC %px has rb_subtree_last %lu, its subtree ends at %lu",
			   anon_vma, avc, avc->rb_subtree_last, max);
	return max;
}

/* verify_anon_vma - the anon_vma and every chain in its interval tree. */
static void verify_anon_vma(struct verify_state *vs, struct anon_vma *anon_vma)
{
	struct rb_root_cached *root = &anon_vma->rb_root;
	unsigned long prev_start = 0, active = 0;
	struct rb_node *rb;

	if (atomic_read(&anon_vma->refcount) < 1 || anon_vma->root->root != anon_vma->root)
		verify_err(vs, "anon_vma %px: refcount %d, root %px whose root is %px", anon_vma,
			   atomic_read(&anon_vma->refcount), anon_vma->root, anon_vma->root->root);
	if (root->rb_leftmost != rb_first(&root->rb_root))
		verify_err(vs, "anon_vma %px: cached leftmost node is not the first", anon_vma);
	if (root->rb_root.rb_node)
		verify_subtree_last(vs, anon_vma, root->rb_root.rb_node);
	for (rb = rb_first(&root->rb_root); rb; rb = rb_next(rb)) {
		struct anon_vma_chain *avc = rb_entry(rb, struct anon_vma_chain, rb);

		if (avc->anon_vma != anon_vma || !vma_is_live(avc->vma) || !avc_on_vma_list(avc)) {
			verify_err(vs, "anon_vma %px: tree holds AVC %px (anon_vma %px) of a VMA %px that is not live or does not list it",
				   anon_vma, avc, avc->anon_vma, avc->vma);
			continue;
		}
		if (avc->vma->vm_pgoff < prev_start)
			verify_err(vs, "anon_vma %px: tree out of order at pgoff %lu", anon_vma,
				   avc->vma->vm_pgoff);
		prev_start = avc->vma->vm_pgoff;
		active += avc->vma->anon_vma == anon_vma;
	}
	if (active != anon_vma->num_active_vmas)
		verify_err(vs, "anon_vma %px: %lu VMAs use it, num_active_vmas is %lu", anon_vma,
			   active, anon_vma->num_active_vmas);
}

static bool avc_in_tree(struct anon_vma_chain *avc)
{
	unsigned long pgoff = avc->vma->vm_pgoff;
	struct anon_vma_chain *pos;

	anon_vma_interval_tree_foreach(pos, &avc->anon_vma->rb_root, pgoff, pgoff)
		if (pos == avc)
			return true;
	return false;
}

/*
 * verify_vma_chains - @vma's anon_vma_chains. Each anon_vma's tree is
 * checked once: from the chain that is its leftmost node.
 */
static void verify_vma_chains(struct verify_state *vs, struct vm_area_struct *vma)
{
	unsigned long last = vma_last_pgoff(vma);
	struct anon_vma *root = NULL;
	struct anon_vma_chain *avc;
	bool own = false;

	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma) {
		struct anon_vma *anon_vma = avc->anon_vma;

		if (avc->vma != vma || !anon_vma) {
			verify_err(vs, "VMA %px: AVC %px points at VMA %px, anon_vma %px", vma, avc,
				   avc->vma, anon_vma);
			continue;
		}
		own |= anon_vma == vma->anon_vma;
		if (root && anon_vma->root != root)
			verify_err(vs, "VMA %px: anon_vmas of different roots %px and %px", vma,
				   root, anon_vma->root);
		root = anon_vma->root;
		if (avc->cached_vma_start != vma->vm_pgoff || avc->cached_vma_last != last)
			verify_err(vs, "VMA %px: AVC %px keyed [%lu, %lu], VMA covers [%lu, %lu] (changed without anon_vma_interval_tree_pre/post_update_vma?)",
				   vma, avc, avc->cached_vma_start, avc->cached_vma_last,
				   vma->vm_pgoff, last);
		if (!avc_in_tree(avc))
			verify_err(vs, "VMA %px: AVC %px is not in anon_vma %px's interval tree", vma,
				   avc, anon_vma);
		if (anon_vma->rb_root.rb_leftmost == &avc->rb)
			verify_anon_vma(vs, anon_vma);
	}
	if (vma->anon_vma ? !own : !list_empty(&vma->anon_vma_chain))
		verify_err(vs, "VMA %px: anon_vma %px is not among its %zu chains", vma,
			   vma->anon_vma, list_count_nodes(&vma->anon_vma_chain));
}

/* ---------------------------------------------------------------------- */
/* i_mmap trees */

/* The largest last below @rb, checking each node's shared.rb_subtree_last on the way. */
static unsigned long verify_i_mmap_subtree_last(struct verify_state *vs,
						struct address_space *mapping, struct rb_node *rb)
{
	struct vm_area_struct *vma = rb_entry(rb, struct vm_area_struct, shared.rb);
	unsigned long max = vma_last_pgoff(vma);

	if (rb->rb_left)
		max = max(max, verify_i_mmap_subtree_last(vs, mapping, rb->rb_left));
	if (rb->rb_right)
		max = max(max, verify_i_mmap_subtree_last(vs, mapping, rb->rb_right));
	if (vma->shared.rb_subtree_last != max)
		verify_err(vs, "i_mmap %px: VMA %px has rb_subtree_last %lu, its subtree ends at %lu",
			   mapping, vma, vma->shared.rb_subtree_last, max);
	return max;
}

/* verify_i_mmap - a file's i_mmap tree: ordered, augmented right, live VMAs of the file. */
static void verify_i_mmap(struct verify_state *vs, struct address_space *mapping)
{
	struct rb_root_cached *root = &mapping->i_mmap;
	unsigned long prev_start = 0;
	struct rb_node *rb;

	if (root->rb_leftmost != rb_first(&root->rb_root))
		verify_err(vs, "i_mmap %px: cached leftmost node is not the first", mapping);
	if (root->rb_root.rb_node)
		verify_i_mmap_subtree_last(vs, mapping, root->rb_root.rb_node);
	for (rb = rb_first(&root->rb_root); rb; rb = rb_next(rb)) {
		struct vm_area_struct *vma = rb_entry(rb, struct vm_area_struct, shared.rb);

		if (!vma->vm_file || file_mapping(vma->vm_file) != mapping ||
		    !vma_is_live(vma)) {
			verify_err(vs, "i_mmap %px: holds VMA %px that is not a live VMA of the file",
				   mapping, vma);
			continue;
		}
		if (vma->vm_pgoff < prev_start)
			verify_err(vs, "i_mmap %px: tree out of order at pgoff %lu", mapping,
				   vma->vm_pgoff);
		prev_start = vma->vm_pgoff;
	}
}

/*
 * verify_vma_file - a file VMA is in its file's i_mmap tree, found under
 * its own range. Each tree is checked once: from the VMA that is its
 * leftmost node.
 */
static void verify_vma_file(struct verify_state *vs, struct vm_area_struct *vma)
{
	struct address_space *mapping = file_mapping(vma->vm_file);
	struct vm_area_struct *pos;
	bool found = false;

	vma_interval_tree_foreach(pos, &mapping->i_mmap, vma->vm_pgoff, vma_last_pgoff(vma))
		found |= pos == vma;
	if (!found)
		verify_err(vs, "VMA %px %lx-%lx: not in its file's i_mmap %px under [%lu, %lu]",
			   vma, vma->vm_start, vma->vm_end, mapping, vma->vm_pgoff, vma_last_pgoff(vma));
	if (mapping->i_mmap.rb_leftmost == &vma->shared.rb)
		verify_i_mmap(vs, mapping);
}

/* ---------------------------------------------------------------------- */
/* VMA list and tree */

/*
 * verify_subtree_gap - vma->rb_subtree_gap is the largest of its own gap
 * and its children's rb_subtree_gap (so, checked at every VMA, the
 * largest gap of its subtree), which the free-area search relies on.
 */
static void verify_subtree_gap(struct verify_state *vs, struct vm_area_struct *vma)
{
	unsigned long gap = vma_compute_gap(vma);
	struct rb_node *child[] = { vma->vm_rb.rb_left, vma->vm_rb.rb_right };

	for (int i = 0; i < 2; i++)
		if (child[i])
			gap = max(gap, rb_entry(child[i], struct vm_area_struct, vm_rb)->rb_subtree_gap);
	if (vma->rb_subtree_gap != gap)
		verify_err(vs, "mm %px: VMA %lx-%lx: rb_subtree_gap %lx, its subtree's largest gap %lx",
			   vma->vm_mm, vma->vm_start, vma->vm_end, vma->rb_subtree_gap, gap);
}

static void verify_vmas(struct verify_state *vs, struct mm_struct *mm)
{
	struct vm_area_struct *vma, *prev = NULL;
	struct rb_node *rb = rb_first(&mm->mm_rb);
	int count = 0;
	VMA_ITERATOR(vmi, mm, 0);

	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next) {
		if (++count > mm->map_count) {
			verify_err(vs, "mm %px: more VMAs on the list than map_count %d", mm,
				   mm->map_count);
			return;
		}
		if (vma->vm_mm != mm || vma->vm_prev != prev || vma->vm_start >= vma->vm_end ||
		    ((vma->vm_start | vma->vm_end) & ~PAGE_MASK))
			verify_err(vs, "mm %px: bad VMA %px %lx-%lx (vm_mm %px, vm_prev %px)", mm,
				   vma, vma->vm_start, vma->vm_end, vma->vm_mm, vma->vm_prev);
		if (prev && prev->vm_end > vma->vm_start)
			verify_err(vs, "mm %px: VMA %lx-%lx overlaps or precedes %lx-%lx", mm,
				   vma->vm_start, vma->vm_end, prev->vm_start, prev->vm_end);
		if (rb != &vma->vm_rb)
			verify_err(vs, "mm %px: the rbtree's VMA #%d is not the list's %lx-%lx", mm,
				   count, vma->vm_start, vma->vm_end);
		verify_subtree_gap(vs, vma);
		rb = rb ? rb_next(rb) : NULL;
		if (vma_next(&vmi) != vma)
			verify_err(vs, "mm %px: the VMA iterator's VMA #%d is not the list's %lx-%lx",
				   mm, count, vma->vm_start, vma->vm_end);
		verify_vma_chains(vs, vma);
		if (vma->vm_file)
			verify_vma_file(vs, vma);
	}
	if (count != mm->map_count || rb)
		verify_err(vs, "mm %px: %d VMAs on the list, map_count %d%s", mm, count,
			   mm->map_count, rb ? ", and more in the rbtree" : "");
}

/* ---------------------------------------------------------------------- */
/* Page tables and the reverse map */

struct verify_rmap {
	struct mm_struct *mm;		/* the PTE being checked */
	unsigned long address;
	bool found;			/* rmap_walk() reached it */
	int ptes;			/* PTEs mapping the page that the walk found */
	struct mm_struct *first_mm;	/* the first of them */
	unsigned long first_address;
};

static bool verify_rmap_one(struct folio *folio, struct vm_area_struct *vma,
			    unsigned long address, void *arg)
{
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, address, 0);
	struct verify_rmap *vr = arg;

	while (page_vma_mapped_walk(&pvmw)) {
		if (!vr->ptes++) {
			vr->first_mm = vma->vm_mm;
			vr->first_address = pvmw.address;
		}
		vr->found |= vma->vm_mm == vr->mm && pvmw.address == vr->address;
	}
	return true;
}

/*
 * verify_page_rmap - the PTE at @address of @vma maps @page, anonymous or
 * page cache (page->mapping: its anon_vma or its file). The page-wide
 * checks run once per page: at the first PTE the walk finds.
 */
static void verify_page_rmap(struct verify_state *vs, struct vm_area_struct *vma,
			     unsigned long address, struct page *page)
{
	struct verify_rmap vr = { .mm = vma->vm_mm, .address = address };
	struct rmap_walk_control rwc = { .rmap_one = verify_rmap_one, .arg = &vr };
	unsigned long pfn = page_to_pfn(page);
	int refs = page_mapcount(page) + !PageAnon(page);	/* and the page cache's */

	rmap_walk_locked(page_folio(page), &rwc);
	if (!vr.found) {
		verify_err(vs, "pid %d %lx: pfn %lx (mapping %px, index %lu) not found by rmap_walk",
			   mm_owner_pid(vma->vm_mm), address, pfn, page->mapping, page->index);
		return;
	}
	if (vr.first_mm != vma->vm_mm || vr.first_address != address)
		return;
	if (page_mapcount(page) != vr.ptes)
		verify_err(vs, "pfn %lx: mapcount %d, %d PTEs map it", pfn, page_mapcount(page),
			   vr.ptes);
	if (page_count(page) < refs)
		verify_err(vs, "pfn %lx: refcount %d < %d (mapcount %d%s)", pfn, page_count(page),
			   refs, page_mapcount(page), PageAnon(page) ? "" : " + page cache");
	if (PageAnonExclusive(page) && vr.ptes != 1)
		verify_err(vs, "pfn %lx: exclusive but mapped %d times", pfn, vr.ptes);
	if (PageAnon(page) && folio_maybe_dma_pinned(page_folio(page)) && !PageAnonExclusive(page))
		verify_err(vs, "pfn %lx: pinned (refcount %d) but not exclusive", pfn,
			   page_count(page));
}

struct pte_counts {
	long rss[NR_MM_COUNTERS];
	long ksm_zero_pages;		/* PTEs of the zero page KSM put there */
	long hugetlb_pages;		/* pages mapped by huge PMDs (hugetlb_usage) */
};

/*
 * verify_migration_entry - the only non-present PTE Pagoda has: a
 * migration entry, which exists only while migrate_pages() holds its
 * folio locked (between try_to_migrate() and remove_migration_ptes()).
 * Its page still counts in the RSS.
 */
static void verify_migration_entry(struct verify_state *vs, struct mm_struct *mm,
				   unsigned long address, pte_t pte, struct pte_counts *pc)
{
	swp_entry_t entry = pte_to_swp_entry(pte);
	struct folio *folio;

	if (!is_migration_entry(entry) || !pfn_valid(swp_offset_pfn(entry))) {
		verify_err(vs, "pid %d %lx: non-present PTE %lx", mm_owner_pid(mm), address,
			   pte_val(pte));
		return;
	}
	folio = pfn_swap_entry_folio(entry);
	if (folio_test_buddy(folio)) {
		verify_err(vs, "pid %d %lx: migration entry %lx of pfn %lx, which is free",
			   mm_owner_pid(mm), address, pte_val(pte), folio_pfn(folio));
		return;
	}
	pc->rss[mm_counter(folio)]++;
	if (!folio_test_locked(folio) || folio_test_lru(folio))
		verify_err(vs, "pid %d %lx: migration entry %lx of pfn %lx, which is %s",
			   mm_owner_pid(mm), address, pte_val(pte), folio_pfn(folio),
			   folio_test_locked(folio) ? "on an LRU list" : "not locked");
}

static void verify_pte(struct verify_state *vs, struct mm_struct *mm, unsigned long address,
		       pte_t pte, struct pte_counts *pc)
{
	struct vm_area_struct *vma = find_vma(mm, address);
	struct page *page;

	if (!pte_present(pte)) {
		verify_migration_entry(vs, mm, address, pte, pc);
		return;
	}
	if (!vma || vma->vm_start > address) {
		verify_err(vs, "pid %d %lx: PTE %lx outside every VMA", mm_owner_pid(mm), address,
			   pte_val(pte));
		return;
	}
	if (is_zero_pfn(pte_pfn(pte)) && pte_write(pte))
		verify_err(vs, "pid %d %lx: the zero page mapped writable", mm_owner_pid(mm), address);
	if (is_ksm_zero_pte(pte))
		pc->ksm_zero_pages++;
	page = vm_normal_page(vma, address, pte);
	if (!page)
		return;
	if (page_count(page) <= 0 || PageBuddy(page) || page_mapcount(page) <= 0 ||
	    (!PageAnon(page) && !page->mapping)) {
		verify_err(vs, "pid %d %lx: pfn %lx refcount %d mapcount %d%s", mm_owner_pid(mm), address,
			   page_to_pfn(page), page_count(page), page_mapcount(page),
			   PageBuddy(page) ? " (free)" : page->mapping ? "" : " (no anon_vma or file)");
		return;
	}
	pc->rss[mm_counter(page_folio(page))]++;
	if ((vma->vm_flags & VM_LOCKED) && !PageMlocked(page))
		verify_err(vs, "pid %d %lx: pfn %lx in a VM_LOCKED VMA, not mlocked",
			   mm_owner_pid(mm), address, page_to_pfn(page));
	if (PageKsm(page))
		ksm_verify_pte(vs, vma, address, pte, page);
	else
		verify_page_rmap(vs, vma, address, page);
}

static void verify_pte_table(struct verify_state *vs, struct mm_struct *mm, pmd_t *pmd,
			     unsigned long base, struct pte_counts *pc)
{
	pte_t *pte = pmd_page_vaddr(*pmd);

	for (int i = 0; i < PTRS_PER_PTE; i++)
		if (!pte_none(pte[i]))
			verify_pte(vs, mm, base + ((unsigned long)i << PAGE_SHIFT), pte[i], pc);
}

/*
 * verify_huge_pmd - a huge PMD: in a hugetlb VMA, aligned, mapping a
 * hugetlb folio with a mapping and a reference for it; a writable one of a
 * private mapping maps an exclusive folio (else COW would be skipped).
 */
static void verify_huge_pmd(struct verify_state *vs, struct mm_struct *mm, unsigned long addr,
			    pmd_t pmd, struct pte_counts *pc)
{
	struct vm_area_struct *vma = find_vma(mm, addr);
	struct folio *folio = pfn_folio(pmd_pfn(pmd));

	if (!vma || vma->vm_start > addr || !is_vm_hugetlb_page(vma) ||
	    (pmd_pfn(pmd) & (pages_per_huge_page(hstate_vma(vma)) - 1))) {
		verify_err(vs, "pid %d %lx: huge PMD %lx outside a hugetlb VMA", mm_owner_pid(mm),
			   addr, pmd_val(pmd));
		return;
	}
	pc->hugetlb_pages += pages_per_huge_page(hstate_vma(vma));
	if (!folio_test_hugetlb(folio) || folio_mapcount(folio) < 1 ||
	    folio_ref_count(folio) < folio_mapcount(folio))
		verify_err(vs, "pid %d %lx: huge PMD of pfn %lx: flags %lx mapcount %d refcount %d",
			   mm_owner_pid(mm), addr, folio_pfn(folio), folio->flags,
			   folio_mapcount(folio), folio_ref_count(folio));
	else if ((pmd_val(pmd) & _PAGE_RW) && !(vma->vm_flags & VM_MAYSHARE) &&
		 !PageAnonExclusive(&folio->page))
		verify_err(vs, "pid %d %lx: writable huge PMD of a shared private folio pfn %lx",
			   mm_owner_pid(mm), addr, folio_pfn(folio));
}

static void verify_pmd_table(struct verify_state *vs, struct mm_struct *mm, pud_t *pud,
			     unsigned long base, struct pte_counts *pc)
{
	pmd_t *pmd = pud_page_vaddr(*pud);

	for (int i = 0; i < PTRS_PER_PMD; i++) {
		unsigned long addr = base + ((unsigned long)i << PMD_SHIFT);

		if (pmd_none(pmd[i]))
			continue;
		if (pmd_large(pmd[i]))	/* present, or PROT_NONE */
			verify_huge_pmd(vs, mm, addr, pmd[i], pc);
		else if (!pmd_present(pmd[i]))
			verify_err(vs, "pid %d %lx: bad PMD %lx", mm_owner_pid(mm), addr, pmd_val(pmd[i]));
		else
			verify_pte_table(vs, mm, &pmd[i], addr, pc);
	}
}

static void verify_pud_table(struct verify_state *vs, struct mm_struct *mm, pgd_t *pgd,
			     unsigned long base, struct pte_counts *pc)
{
	pud_t *pud = pgd_page_vaddr(*pgd);

	for (int i = 0; i < PTRS_PER_PUD; i++) {
		unsigned long addr = base + ((unsigned long)i << PUD_SHIFT);

		if (pud_none(pud[i]))
			continue;
		if (!pud_present(pud[i]) || pud_large(pud[i]))
			verify_err(vs, "pid %d %lx: bad PUD %lx", mm_owner_pid(mm), addr, pud_val(pud[i]));
		else
			verify_pmd_table(vs, mm, &pud[i], addr, pc);
	}
}

/* verify_page_tables - every user PTE of @mm, then the RSS counters. */
static void verify_page_tables(struct verify_state *vs, struct mm_struct *mm)
{
	static const char *const counter_names[NR_MM_COUNTERS] = {
		[MM_FILEPAGES] = "MM_FILEPAGES", [MM_ANONPAGES] = "MM_ANONPAGES",
		[MM_SWAPENTS] = "MM_SWAPENTS", [MM_SHMEMPAGES] = "MM_SHMEMPAGES",
	};
	struct pte_counts pc = { };

	for (int i = 0; i < USER_PTRS_PER_PGD; i++) {
		pgd_t *pgd = mm->pgd + i;

		if (pgd_none(*pgd))
			continue;
		if (!pgd_present(*pgd))
			verify_err(vs, "pid %d: bad PGD entry %d: %lx", mm_owner_pid(mm), i, pgd_val(*pgd));
		else
			verify_pud_table(vs, mm, pgd, (unsigned long)i << PGDIR_SHIFT, &pc);
	}
	for (int i = 0; i < NR_MM_COUNTERS; i++)	/* MM_SWAPENTS: no swap, both 0 */
		if (atomic_long_read(&mm->rss_stat[i]) != pc.rss[i])
			verify_err(vs, "pid %d: rss counter %s is %ld, the page tables map %ld",
				   mm_owner_pid(mm), counter_names[i],
				   atomic_long_read(&mm->rss_stat[i]), pc.rss[i]);
	if (atomic_long_read(&mm->hugetlb_usage) != pc.hugetlb_pages)
		verify_err(vs, "pid %d: hugetlb_usage %ld, the huge PMDs map %ld", mm_owner_pid(mm),
			   atomic_long_read(&mm->hugetlb_usage), pc.hugetlb_pages);
	if (mm_ksm_zero_pages(mm) != pc.ksm_zero_pages)
		verify_err(vs, "pid %d: ksm_zero_pages %ld, the page tables map %ld",
			   mm_owner_pid(mm), mm_ksm_zero_pages(mm), pc.ksm_zero_pages);
	vs->ksm_zero_pages += pc.ksm_zero_pages;
}

/* ---------------------------------------------------------------------- */
/* Buddy free lists */

/* buddy_should_have_merged - @page's buddy at @order is free too (and may merge). */
static bool buddy_should_have_merged(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), buddy_pfn = pfn ^ (1UL << order);
	struct page *buddy = pfn_to_page(buddy_pfn);

	if (order >= MAX_ORDER - 1 || !pfn_valid(buddy_pfn))
		return false;
	if (!PageBuddy(buddy) || buddy_order(buddy) != order ||
	    page_zonenum(buddy) != page_zonenum(page))
		return false;
	/* Blocks of isolated and other pageblocks do not merge. */
	return order < pageblock_order ||
	       (get_pageblock_migratetype(page) == MIGRATE_ISOLATE) ==
	       (get_pageblock_migratetype(buddy) == MIGRATE_ISOLATE);
}

static void verify_free_block(struct verify_state *vs, struct zone *zone, struct page *page,
			      unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	if (!PageBuddy(page) || buddy_order(page) != order || (pfn & ((1UL << order) - 1)) ||
	    !zone_spans_pfn(zone, pfn) || !zone_spans_pfn(zone, pfn + (1UL << order) - 1) ||
	    page_count(page) || page_mapcount(page))
		verify_err(vs, "zone %s: pfn %lx on the order-%u free list: buddy %d order %u refcount %d mapcount %d",
			   zone->name, pfn, order, PageBuddy(page), buddy_order(page),
			   page_count(page), page_mapcount(page));
	else if (buddy_should_have_merged(page, order))
		verify_err(vs, "zone %s: free order-%u block at pfn %lx and its buddy are unmerged",
			   zone->name, order, pfn);
}

static void verify_zone_free_lists(struct verify_state *vs, struct zone *zone)
{
	unsigned long free = 0, blocks = 0, buddies = 0, flags;

	spin_lock_irqsave(&zone->lock, flags);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];
		unsigned long n = 0;

		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			struct page *page;

			list_for_each_entry(page, &area->free_list[mt], lru) {
				if (++n > zone->spanned_pages) {
					verify_err(vs, "zone %s: order-%u %s free list loops", zone->name,
						   order, migratetype_names[mt]);
					break;
				}
				verify_free_block(vs, zone, page, order);
				if (mt != MIGRATE_ISOLATE)
					free += 1UL << order;
			}
		}
		if (n != area->nr_free)
			verify_err(vs, "zone %s: %lu blocks on the order-%u lists, nr_free %lu",
				   zone->name, n, order, area->nr_free);
		blocks += n;
	}
	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++)
		buddies += PageBuddy(pfn_to_page(pfn));
	spin_unlock_irqrestore(&zone->lock, flags);

	if (free != zone_page_state(zone, NR_FREE_PAGES))
		verify_err(vs, "zone %s: %lu pages on the free lists, NR_FREE_PAGES %lu", zone->name,
			   free, zone_page_state(zone, NR_FREE_PAGES));
	if (buddies != blocks)
		verify_err(vs, "zone %s: %lu free blocks marked, %lu on the free lists", zone->name,
			   buddies, blocks);
}

/*
 * verify_pcp_lists - every page on the zone's per-CPU lists is a free
 * block of the list's order in the zone (aligned; no reference, map count,
 * mapping, flags or PG_buddy), not in an isolated pageblock (those free
 * to the buddy lists), and pcp->count is what the lists hold. A page's
 * pageblock may have another migratetype than its list: a block stolen
 * by a fallback allocation keeps its pageblock's type.
 */
static void verify_pcp_lists(struct verify_state *vs, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset;
	unsigned long count = 0, flags;

	spin_lock_irqsave(&pcp->lock, flags);
	for (unsigned int pindex = 0; pindex < NR_PCP_LISTS; pindex++) {
		int order = pindex_to_order(pindex);
		unsigned long n = 0;
		struct page *page;

		list_for_each_entry(page, &pcp->lists[pindex], lru) {
			unsigned long pfn = page_to_pfn(page);

			if (++n > zone->spanned_pages) {
				verify_err(vs, "zone %s: per-CPU list %u loops", zone->name, pindex);
				break;
			}
			count += 1UL << order;
			if (PageBuddy(page) || page_count(page) || page_mapcount(page) ||
			    page->mapping || (page->flags & PAGE_FLAGS_CHECK_AT_PREP) ||
			    (pfn & ((1UL << order) - 1)) || !zone_spans_pfn(zone, pfn) ||
			    !zone_spans_pfn(zone, pfn + (1UL << order) - 1) ||
			    get_pageblock_migratetype(page) == MIGRATE_ISOLATE)
				verify_err(vs, "zone %s: pfn %lx on the order-%d %s per-CPU list: buddy %d refcount %d mapcount %d mapping %px flags %lx pageblock %s",
					   zone->name, pfn, order,
					   migratetype_names[pindex % MIGRATE_PCPTYPES],
					   PageBuddy(page), page_count(page), page_mapcount(page),
					   page->mapping, page->flags & PAGE_FLAGS_CHECK_AT_PREP,
					   migratetype_names[get_pageblock_migratetype(page)]);
		}
	}
	if (count != (unsigned long)pcp->count)
		verify_err(vs, "zone %s: %lu pages on the per-CPU lists, pcp->count %d", zone->name,
			   count, pcp->count);
	spin_unlock_irqrestore(&pcp->lock, flags);
}

/* ---------------------------------------------------------------------- */
/* The LRU lists                                                           */

/* The LRU state found by scanning every page: per list and zone, and mlocked per zone. */
struct lru_counts {
	unsigned long flagged[NR_LRU_LISTS][MAX_NR_ZONES];
	unsigned long mlocked[MAX_NR_ZONES];
};

static void verify_lru_page(struct verify_state *vs, struct page *page, struct lru_counts *lc)
{
	struct folio *folio = page_folio(page);
	const unsigned long lru_flags = (1UL << PG_lru) | (1UL << PG_active) |
					(1UL << PG_unevictable) | (1UL << PG_mlocked);

	if (PageBuddy(page) || page_count(page) == 0) {
		if (page->flags & lru_flags)
			verify_err(vs, "pfn %lx: free, flags %lx", page_to_pfn(page), page->flags);
		return;
	}
	if (folio_test_mlocked(folio))
		lc->mlocked[page_zonenum(page)]++;
	if (folio_test_active(folio) && folio_test_unevictable(folio))
		verify_err(vs, "pfn %lx: both active and unevictable", page_to_pfn(page));
	else if (folio_test_lru(folio))
		lc->flagged[folio_lru_list(folio)][page_zonenum(page)]++;
}

/* verify_lru_list - the folios on list @lru: listed right, as many as flagged. */
static void verify_lru_list(struct verify_state *vs, struct lruvec *lruvec, enum lru_list lru,
			    const struct lru_counts *lc)
{
	unsigned long listed = 0, flagged = 0;
	struct folio *folio;

	list_for_each_entry(folio, &lruvec->lists[lru], lru) {
		if (!folio_test_lru(folio) || folio_lru_list(folio) != lru ||
		    !folio_ref_count(folio))
			verify_err(vs, "lru %d: pfn %lx refcount %d flags %lx", lru,
				   folio_pfn(folio), folio_ref_count(folio), folio->flags);
		if (++listed > totalram_pages) {
			verify_err(vs, "lru %d: the list loops", lru);
			return;
		}
	}
	for (int z = 0; z < MAX_NR_ZONES; z++)
		flagged += lc->flagged[lru][z];
	if (listed != flagged)
		verify_err(vs, "lru %d: %lu folios listed, %lu have its flags", lru, listed, flagged);
}

static void verify_lru(struct verify_state *vs)
{
	struct pglist_data *pgdat = &contig_page_data;
	static struct lru_counts lc;	/* large for a stack; one CPU, preemption off */
	enum lru_list lru;
	struct zone *zone;

	memset(&lc, 0, sizeof(lc));
	for_each_populated_zone(zone)
		for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++)
			verify_lru_page(vs, pfn_to_page(pfn), &lc);
	for_each_lru(lru) {
		unsigned long node_pages = 0;

		for (int z = 0; z < MAX_NR_ZONES; z++) {
			zone = &pgdat->node_zones[z];
			node_pages += lc.flagged[lru][z];
			if (zone_page_state(zone, NR_ZONE_LRU_BASE + lru) != lc.flagged[lru][z])
				verify_err(vs, "zone %s lru %d: counted %lu, %lu flagged", zone->name,
					   lru, zone_page_state(zone, NR_ZONE_LRU_BASE + lru),
					   lc.flagged[lru][z]);
		}
		if (global_node_page_state(NR_LRU_BASE + lru) != node_pages)
			verify_err(vs, "lru %d: counted %lu, %lu flagged", lru,
				   global_node_page_state(NR_LRU_BASE + lru), node_pages);
		if (lru != LRU_UNEVICTABLE)
			verify_lru_list(vs, &pgdat->__lruvec, lru, &lc);
	}
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		zone = &pgdat->node_zones[z];
		if (zone_page_state(zone, NR_MLOCK) != lc.mlocked[z])
			verify_err(vs, "zone %s: NR_MLOCK %lu, %lu pages mlocked", zone->name,
				   zone_page_state(zone, NR_MLOCK), lc.mlocked[z]);
	}
}

/* ---------------------------------------------------------------------- */

/*
 * mm_being_changed - is another task in the middle of changing @mm's VMAs?
 * It holds mmap_lock for writing and has given up the CPU halfway (munmap
 * yields in zap_pmd_range()'s cond_resched()): until it finishes, its VMAs,
 * the anon_vmas they share and its page tables disagree.
 */
static bool mm_being_changed(struct mm_struct *mm)
{
	return mm->mmap_lock.count < 0 && mm->mmap_lock.writer != current;
}

static int __mm_verify(struct seq_file *m)
{
	struct verify_state vs = { .m = m };
	struct mm_struct *mm;

	preempt_disable();
	list_for_each_entry(mm, &mm_list, mmlist) {
		if (mm_being_changed(mm)) {	/* check at a quieter moment */
			preempt_enable();
			return 0;
		}
	}
	list_for_each_entry(mm, &mm_list, mmlist) {
		verify_vmas(&vs, mm);
		verify_page_tables(&vs, mm);
	}
	ksm_verify(&vs);
	hugetlb_verify(&vs);
	for (int i = 0; i < MAX_NR_ZONES; i++)
		if (managed_zone(&contig_page_data.node_zones[i])) {
			verify_zone_free_lists(&vs, &contig_page_data.node_zones[i]);
			verify_pcp_lists(&vs, &contig_page_data.node_zones[i]);
		}
	verify_lru(&vs);
	preempt_enable();

	if (vs.errors > MM_VERIFY_MAX_REPORTS)
		verify_err(&vs, "... %d more", vs.errors - MM_VERIFY_MAX_REPORTS);
	return vs.errors;
}

/**
 * mm_verify - check every mm and the free lists (see the top of the file)
 *
 * Returns the number of problems found (0: all is well); each is printed
 * with pr_err().
 */
int mm_verify(void)
{
	return __mm_verify(NULL);
}

/**
 * mm_verify_show - the text of /sys/kernel/debug/mm_verify: "ok" or the
 * problems, one per line, and their number.
 */
int mm_verify_show(struct seq_file *m, void *v)
{
	int errors = __mm_verify(m);

	if (errors)
		seq_printf(m, "mm_verify: %d problem%s\n", errors, errors == 1 ? "" : "s");
	else
		seq_puts(m, "ok\n");
	return 0;
}
