// SPDX-License-Identifier: GPL-2.0
/*
 * hugetlb.c - the pool of 2 MiB huge pages. Mirrors mm/hugetlb.c.
 *
 * A huge page is an order-9 compound folio (PG_head, its order in the
 * second page) marked PG_hugetlb. The pool (struct hstate, one: 2 MiB)
 * owns them for good: a free one sits on hugepage_freelist with reference
 * count 0, one in use on hugepage_activelist; when its last reference goes,
 * folio_put() hands it back to free_huge_folio(), not to the buddy
 * allocator. Only set_max_huge_pages() moves pages between the pool and
 * the buddy allocator:
 *
 *   echo N > /proc/sys/vm/nr_hugepages (or .../hugepages-2048kB/nr_hugepages,
 *   or hugepages=N at boot)
 *     set_max_huge_pages()
 *       grow:   alloc_pool_huge_folio() -> only_alloc_fresh_hugetlb_folio()
 *                 -> alloc_buddy_hugetlb_folio(): folio_alloc() of order 9
 *                    with __GFP_RETRY_MAYFAIL, which compacts (direct
 *                    compaction, mm/compaction.c) and may fail: the pool
 *                    then stops short, a partial count
 *               prep_and_add_allocated_folios() -> enqueue_hugetlb_folio()
 *       shrink: remove_pool_hugetlb_folio() -> update_and_free_hugetlb_folio()
 *               (free pages only, keeping enough for the reservations)
 *
 * Counters: nr_huge_pages (the pool), free_huge_pages, resv_huge_pages
 * (free pages promised to MAP_HUGETLB mappings not yet faulted),
 * surplus_huge_pages (always 0: Pagoda allocates no surplus pages, whatever
 * nr_overcommit_hugepages says; docs/linux-6.12.md), and vmstat's
 * htlb_buddy_alloc_success / htlb_buddy_alloc_fail.
 */
#include <linux/mm.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/hugetlb.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/printk.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/vmstat.h>
#include <linux/wait.h>
#include <uapi/linux/mman.h>
#include <asm-generic/tlb.h>
#include "internal.h"

struct hstate default_hstate = {
	.resize_lock = __MUTEX_INITIALIZER(default_hstate.resize_lock),
	.order = PMD_SHIFT - PAGE_SHIFT,
	.mask = ~(PMD_SIZE - 1),
	.hugepage_activelist = LIST_HEAD_INIT(default_hstate.hugepage_activelist),
	.hugepage_freelist = LIST_HEAD_INIT(default_hstate.hugepage_freelist),
	.name = "hugepages-2048kB",
};

/* Protects the lists and counters of the hstate (Linux: the same lock). */
DEFINE_SPINLOCK(hugetlb_lock);

/* hugepages=N on the command line: the pool hugetlb_init() fills at boot. */
static unsigned long default_hstate_max_huge_pages;

/* htlb_alloc_mask - 2 MiB pages can migrate in Linux, so they are movable. */
static gfp_t htlb_alloc_mask(struct hstate *h)
{
	return GFP_HIGHUSER_MOVABLE;
}

/* persistent_huge_pages - the pool without its surplus pages. */
static unsigned long persistent_huge_pages(struct hstate *h)
{
	return h->nr_huge_pages - h->surplus_huge_pages;
}

/* enqueue_hugetlb_folio - @folio (reference count 0) joins the free list. */
static void enqueue_hugetlb_folio(struct hstate *h, struct folio *folio)
{
	VM_BUG_ON(folio_ref_count(folio));
	list_move(&folio->lru, &h->hugepage_freelist);
	h->free_huge_pages++;
}

/*
 * dequeue_hugetlb_folio_node_exact - take a free folio for use: on the active list,
 * with one reference. NULL if none is free. Called with hugetlb_lock held.
 * (Linux's takes a node; Pagoda has one.)
 */
static struct folio *dequeue_hugetlb_folio_node_exact(struct hstate *h)
{
	struct folio *folio;

	if (list_empty(&h->hugepage_freelist))
		return NULL;
	folio = list_first_entry(&h->hugepage_freelist, struct folio, lru);
	list_move(&folio->lru, &h->hugepage_activelist);
	h->free_huge_pages--;
	folio_ref_unfreeze(folio, 1);
	return folio;
}

/* ---------------------------------------------------------------------- */
/* Folios in and out of the pool */

/*
 * alloc_buddy_hugetlb_folio - an order-9 folio from the buddy allocator,
 * trying hard (__GFP_RETRY_MAYFAIL: compaction until it stops making
 * progress, then failure, never the OOM killer), with reference count 0.
 */
static struct folio *alloc_buddy_hugetlb_folio(struct hstate *h, gfp_t gfp_mask)
{
	struct folio *folio;

	folio = folio_alloc(gfp_mask | __GFP_RETRY_MAYFAIL, huge_page_order(h));
	if (folio && !folio_ref_freeze(folio, 1)) {
		pr_warn("HugeTLB unexpected inflated folio ref count\n");
		folio_put(folio);
		folio = NULL;
	}
	if (!folio) {
		count_vm_event(HTLB_BUDDY_PGALLOC_FAIL);
		return NULL;
	}
	count_vm_event(HTLB_BUDDY_PGALLOC);
	return folio;
}

/* init_new_hugetlb_folio - mark a fresh folio as hugetlb's. */
static void init_new_hugetlb_folio(struct hstate *h, struct folio *folio)
{
	__folio_set_hugetlb(folio);
	INIT_LIST_HEAD(&folio->lru);
}

static struct folio *only_alloc_fresh_hugetlb_folio(struct hstate *h, gfp_t gfp_mask)
{
	struct folio *folio = alloc_buddy_hugetlb_folio(h, gfp_mask);

	if (folio)
		init_new_hugetlb_folio(h, folio);
	return folio;
}

/* alloc_pool_huge_folio - a fresh folio for the pool (Linux: node by node). */
static struct folio *alloc_pool_huge_folio(struct hstate *h)
{
	return only_alloc_fresh_hugetlb_folio(h, htlb_alloc_mask(h) | __GFP_NOWARN);
}

/* prep_and_add_allocated_folios - count the fresh folios on @list into the pool, free. */
static void prep_and_add_allocated_folios(struct hstate *h, struct list_head *folio_list)
{
	struct folio *folio, *next;
	unsigned long flags;

	spin_lock_irqsave(&hugetlb_lock, flags);
	list_for_each_entry_safe(folio, next, folio_list, lru) {
		h->nr_huge_pages++;
		enqueue_hugetlb_folio(h, folio);
	}
	spin_unlock_irqrestore(&hugetlb_lock, flags);
}

/*
 * remove_pool_hugetlb_folio - take a free folio out of the pool (still
 * frozen) for update_and_free_hugetlb_folio(). Called with hugetlb_lock.
 */
static struct folio *remove_pool_hugetlb_folio(struct hstate *h)
{
	struct folio *folio;

	if (list_empty(&h->hugepage_freelist))
		return NULL;
	folio = list_first_entry(&h->hugepage_freelist, struct folio, lru);
	list_del_init(&folio->lru);
	h->free_huge_pages--;
	h->nr_huge_pages--;
	return folio;
}

/* update_and_free_hugetlb_folio - give a folio out of the pool back to the buddy allocator. */
static void update_and_free_hugetlb_folio(struct hstate *h, struct folio *folio)
{
	__folio_clear_hugetlb(folio);
	folio_ref_unfreeze(folio, 1);
	folio_put(folio);
}

/**
 * free_huge_folio - the last reference to a hugetlb folio is gone: back
 * to the free list (folio_put() -> __folio_put() calls this)
 * @folio: the folio, reference count 0
 */
void free_huge_folio(struct folio *folio)
{
	struct hstate *h = &default_hstate;
	unsigned long flags;

	VM_BUG_ON(folio_mapcount(folio));
	if (folio_test_anon(folio))
		ClearPageAnonExclusive(&folio->page);
	folio->mapping = NULL;
	folio->index = 0;
	spin_lock_irqsave(&hugetlb_lock, flags);
	enqueue_hugetlb_folio(h, folio);
	spin_unlock_irqrestore(&hugetlb_lock, flags);
}

/* ---------------------------------------------------------------------- */
/* The pool's size */

/**
 * set_max_huge_pages - grow or shrink the pool to @count pages
 * @h: the hstate
 * @count: the size asked for
 *
 * Growing allocates fresh folios until one fails (a partial count, as in
 * Linux: nr_hugepages then reads what was reached) or a signal is pending.
 * Shrinking frees free pages, but never the ones reserved for mappings
 * nor the ones in use (Linux would turn those into surplus pages).
 *
 * Returns 0.
 */
static int set_max_huge_pages(struct hstate *h, unsigned long count)
{
	unsigned long min_count, allocated = 0;
	LIST_HEAD(page_list);
	struct folio *folio;

	mutex_lock(&h->resize_lock);
	spin_lock_irq(&hugetlb_lock);
	while (count > persistent_huge_pages(h) + allocated) {
		spin_unlock_irq(&hugetlb_lock);
		cond_resched();
		folio = alloc_pool_huge_folio(h);
		spin_lock_irq(&hugetlb_lock);
		if (!folio)
			break;
		list_add(&folio->lru, &page_list);
		allocated++;
		if (signal_pending(current))
			break;
	}
	spin_unlock_irq(&hugetlb_lock);
	prep_and_add_allocated_folios(h, &page_list);
	spin_lock_irq(&hugetlb_lock);

	min_count = h->resv_huge_pages + h->nr_huge_pages - h->free_huge_pages;
	min_count = max(count, min_count);
	while (min_count < persistent_huge_pages(h)) {
		folio = remove_pool_hugetlb_folio(h);
		if (!folio)
			break;
		list_add(&folio->lru, &page_list);
	}
	h->max_huge_pages = persistent_huge_pages(h);
	spin_unlock_irq(&hugetlb_lock);

	while (!list_empty(&page_list)) {
		folio = list_first_entry(&page_list, struct folio, lru);
		list_del(&folio->lru);
		update_and_free_hugetlb_folio(h, folio);
	}
	mutex_unlock(&h->resize_lock);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* MAP_HUGETLB: the file behind a mapping, and reservations */

/*
 * struct hugetlbfs_inode_info - what hugetlb keeps on the inode of the
 * file behind a MAP_HUGETLB mapping (inode->i_private). Linux keeps a
 * resv_map of reserved regions and, for a shared mapping, the folios in
 * the file's page cache; Pagoda keeps a bitmap of the huge page indices
 * whose reservation is still held and an array of the shared folios.
 *
 * @nr_pages: the file's size in huge pages
 * @reserved: bit i: a reservation is held for index i (not yet faulted)
 * @folios: a shared mapping's folios by index (its "page cache")
 */
struct hugetlbfs_inode_info {
	unsigned long nr_pages;
	unsigned long *reserved;
	struct folio **folios;
};

static const struct file_operations hugetlbfs_file_operations;

/* HPAGE_RESV_OWNER in vma->vm_private_data: the private mapping owning the reservation. */
#define HPAGE_RESV_OWNER	(1UL << 0)

/* A single fault mutex (Linux hashes mapping and index into a table of them). */
static DEFINE_MUTEX(hugetlb_fault_mutex);

static struct hugetlbfs_inode_info *HUGETLBFS_I(struct inode *inode)
{
	return inode->i_private;
}

/**
 * is_file_hugepages - is @file the file behind a MAP_HUGETLB mapping?
 * @file: the file
 */
bool is_file_hugepages(const struct file *file)
{
	return file->f_op == &hugetlbfs_file_operations;
}

/**
 * hstate_sizelog - the hstate of pages of 2^@page_size_log bytes (0: the default)
 * @page_size_log: MAP_HUGE_* >> MAP_HUGE_SHIFT
 *
 * NULL when there is no pool of that size: only 2 MiB (21) here.
 */
struct hstate *hstate_sizelog(int page_size_log)
{
	if (!page_size_log || page_size_log == PMD_SHIFT)
		return &default_hstate;
	return NULL;
}

/* vma_hugecache_offset - the huge page index of @address in the file @vma maps. */
static pgoff_t vma_hugecache_offset(struct hstate *h, struct vm_area_struct *vma,
				    unsigned long address)
{
	return ((address - vma->vm_start) >> (huge_page_order(h) + PAGE_SHIFT)) +
	       (vma->vm_pgoff >> huge_page_order(h));
}

static bool is_vma_resv_owner(struct vm_area_struct *vma)
{
	return (unsigned long)vma->vm_private_data & HPAGE_RESV_OWNER;
}

/*
 * hugetlb_acct_memory - take (@delta > 0) or give back reservations of
 * free pool pages. Taking fails with -ENOMEM when the free pages not
 * already promised cannot cover @delta (Linux would first try surplus
 * pages, as nr_overcommit_hugepages allows; Pagoda has none).
 */
static int hugetlb_acct_memory(struct hstate *h, long delta)
{
	int ret = 0;

	spin_lock_irq(&hugetlb_lock);
	if (delta > 0 && (long)(h->free_huge_pages - h->resv_huge_pages) < delta)
		ret = -ENOMEM;
	else
		h->resv_huge_pages += delta;
	spin_unlock_irq(&hugetlb_lock);
	return ret;
}

/*
 * hugetlb_reserve_pages - promise @to - @from pool pages to a new mapping:
 * its faults will find them. Nothing with VM_NORESERVE (MAP_NORESERVE).
 */
static int hugetlb_reserve_pages(struct inode *inode, long from, long to,
				 unsigned long vm_flags)
{
	struct hugetlbfs_inode_info *info = HUGETLBFS_I(inode);
	int ret;

	if (vm_flags & VM_NORESERVE)
		return 0;
	ret = hugetlb_acct_memory(&default_hstate, to - from);
	if (!ret)
		for (long i = from; i < to; i++)
			__set_bit(i, info->reserved);
	return ret;
}

/**
 * hugetlb_file_setup - the file behind a MAP_HUGETLB mapping of @size bytes
 * @name: its name (HUGETLB_ANON_FILE: /proc/PID/maps shows "/anon_hugepage (deleted)")
 * @size: the length, a multiple of 2 MiB
 *
 * Linux makes the file on an internal hugetlbfs mount; Pagoda makes an
 * unlinked tmpfs file with hugetlb's file operations. Nothing is reserved
 * yet: hugetlbfs_file_mmap() does that. Returns the file or an ERR_PTR.
 */
struct file *hugetlb_file_setup(const char *name, size_t size)
{
	unsigned long nr_pages = size >> (huge_page_order(&default_hstate) + PAGE_SHIFT);
	struct hugetlbfs_inode_info *info = kzalloc(sizeof(*info), GFP_KERNEL);
	struct file *file = ERR_PTR(-ENOMEM);

	if (!info || size > TASK_SIZE) {	/* do_mmap() would refuse such a length too */
		kfree(info);
		return file;
	}
	info->nr_pages = nr_pages;
	info->reserved = kcalloc(BITS_TO_LONGS(nr_pages) ?: 1, sizeof(long), GFP_KERNEL);
	info->folios = kcalloc(nr_pages ?: 1, sizeof(struct folio *), GFP_KERNEL);
	if (info->reserved && info->folios)
		file = shmem_file_setup(name, size);
	if (IS_ERR(file)) {
		kfree(info->folios);
		kfree(info->reserved);
		kfree(info);
		return file;
	}
	file_inode(file)->i_private = info;
	file->f_op = &hugetlbfs_file_operations;
	return file;
}

/*
 * hugetlbfs_file_mmap - a new mapping of the file: VM_HUGETLB, never to
 * expand or merge (VM_DONTEXPAND), with its pages reserved: a shared
 * mapping's for the file, a private one's for that mapping, which owns
 * them (HPAGE_RESV_OWNER; a fork's copy does not). -ENOMEM if the pool
 * cannot cover them.
 */
static int hugetlbfs_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct hstate *h = &default_hstate;
	long from = vma->vm_pgoff >> huge_page_order(h);
	long to = from + (vma_pages(vma) >> huge_page_order(h));
	int err;

	vma->vm_flags |= VM_HUGETLB | VM_DONTEXPAND;
	if (vma->vm_pgoff & (pages_per_huge_page(h) - 1))
		return -EINVAL;
	err = hugetlb_reserve_pages(file_inode(file), from, to, vma->vm_flags);
	if (!err && !(vma->vm_flags & VM_MAYSHARE))
		vma->vm_private_data = (void *)HPAGE_RESV_OWNER;
	return err;
}

/*
 * hugetlbfs_release - the last reference to the file is gone (its last
 * mapping went): free the shared folios and give back the reservations
 * never used. Linux does this when the inode is evicted
 * (hugetlbfs_evict_inode(): remove_inode_hugepages(), resv_map_release());
 * a private mapping's unused reservations it gives back as soon as the
 * mapping is unmapped.
 */
static int hugetlbfs_release(struct inode *inode, struct file *file)
{
	struct hugetlbfs_inode_info *info = HUGETLBFS_I(inode);
	long unused = 0;

	for (unsigned long i = 0; i < info->nr_pages; i++) {
		unused += test_bit(i, info->reserved);
		if (info->folios && info->folios[i])
			folio_put(info->folios[i]);
	}
	hugetlb_acct_memory(&default_hstate, -unused);
	kfree(info->folios);
	kfree(info->reserved);
	kfree(info);
	inode->i_private = NULL;
	return 0;
}

/**
 * hugetlb_get_unmapped_area - a 2 MiB-aligned range for a hugetlb mapping
 * @file: the hugetlb file
 * @addr: the hint, or the address for MAP_FIXED (which must be aligned)
 * @len: the length, a multiple of 2 MiB
 * @pgoff: the file offset (unused)
 * @flags: MAP_* flags
 *
 * Linux asks vm_unmapped_area() for an aligned gap (info.align_mask);
 * Pagoda asks get_unmapped_area() for a gap 2 MiB longer and aligns
 * inside it. Returns the address or -EINVAL / -ENOMEM.
 */
unsigned long hugetlb_get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
					unsigned long pgoff, unsigned long flags)
{
	struct hstate *h = &default_hstate;
	unsigned long size = huge_page_size(h);

	if (len & ~huge_page_mask(h))
		return -EINVAL;
	if (flags & MAP_FIXED)
		return addr & ~huge_page_mask(h) ? -EINVAL : addr;
	if (addr) {
		unsigned long hint = ALIGN(addr, size);
		struct vm_area_struct *vma = find_vma(current->mm, hint);

		if (TASK_SIZE - len >= hint && (!vma || hint + len <= vm_start_gap(vma)))
			return hint;
	}
	addr = get_unmapped_area(NULL, 0, len + size, 0, 0);
	if (IS_ERR_VALUE(addr))
		return addr;
	return ALIGN(addr, size);
}

/* ---------------------------------------------------------------------- */
/* Faults */

/* huge_pte_alloc - the PMD entry that maps @addr's huge page, tables allocated on the way. */
static pte_t *huge_pte_alloc(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pud_t *pud = pud_alloc(mm, pgd, addr);

	return pud ? (pte_t *)pmd_alloc(mm, pud, addr) : NULL;
}

/**
 * huge_pte_offset - the PMD entry that maps @addr's huge page, or NULL if
 * no table reaches it
 * @mm: the address space
 * @addr: a user address in a hugetlb VMA
 *
 * Like Linux, it returns the PMD entry as a pte_t: x86 huge PMDs and PTEs
 * share their bits (with _PAGE_PSE set in the PMD).
 */
pte_t *huge_pte_offset(struct mm_struct *mm, unsigned long addr)
{
	pgd_t *pgd = pgd_offset(mm, addr);
	pud_t *pud;

	if (!pgd_present(*pgd))
		return NULL;
	pud = pud_offset(pgd, addr);
	if (!pud_present(*pud))
		return NULL;
	return (pte_t *)pmd_offset(pud, addr);
}

/* make_huge_pte - the entry mapping @page's huge page in @vma: _PAGE_PSE, young, maybe writable. */
static pte_t make_huge_pte(struct vm_area_struct *vma, struct page *page, bool writable)
{
	pte_t entry = pte_mkyoung(pte_set_flags(pfn_pte(page_to_pfn(page), vma->vm_page_prot),
						_PAGE_PSE));

	return writable ? pte_mkwrite(pte_mkdirty(entry)) : pte_wrprotect(entry);
}

/*
 * alloc_hugetlb_folio - a pool folio for @addr of @vma, one reference.
 * It uses the reservation held for that index if there is one (a shared
 * mapping's, or the owner's of a private one), else a free page nobody
 * was promised. ERR_PTR(-ENOSPC) if there is none (the fault then gets
 * SIGBUS, as in Linux).
 */
static struct folio *alloc_hugetlb_folio(struct vm_area_struct *vma, unsigned long addr)
{
	/* LAB hugetlb: return ERR_PTR(-ENOSPC); */
	struct hstate *h = &default_hstate;
	struct hugetlbfs_inode_info *info = HUGETLBFS_I(file_inode(vma->vm_file));
	pgoff_t idx = vma_hugecache_offset(h, vma, addr);
	bool use_reserve = ((vma->vm_flags & VM_MAYSHARE) || is_vma_resv_owner(vma)) &&
			   test_bit(idx, info->reserved);
	struct folio *folio = NULL;

	spin_lock_irq(&hugetlb_lock);
	if (use_reserve || h->free_huge_pages > h->resv_huge_pages)
		folio = dequeue_hugetlb_folio_node_exact(h);
	if (folio && use_reserve) {
		h->resv_huge_pages--;
		__clear_bit(idx, info->reserved);
	}
	spin_unlock_irq(&hugetlb_lock);
	return folio ? folio : ERR_PTR(-ENOSPC);
	/* LAB hugetlb end */
}

/* folio_zero_user - zero a new huge folio page by page, rescheduling between. */
static void folio_zero_user(struct folio *folio)
{
	for (long i = 0; i < folio_nr_pages(folio); i++) {
		clear_highpage(folio_page(folio, i));
		cond_resched();
	}
}

/* copy_user_large_folio - copy a huge folio page by page (COW). */
static void copy_user_large_folio(struct folio *dst, struct folio *src)
{
	for (long i = 0; i < folio_nr_pages(dst); i++) {
		copy_highpage(folio_page(dst, i), folio_page(src, i));
		cond_resched();
	}
}

static void hugetlb_count_add(long l, struct mm_struct *mm)
{
	atomic_long_add(l, &mm->hugetlb_usage);
}

static void hugetlb_count_sub(long l, struct mm_struct *mm)
{
	atomic_long_sub(l, &mm->hugetlb_usage);
}

/*
 * hugetlb_no_page - nothing mapped at @address: a shared mapping takes
 * the file's folio for the index (allocating and zeroing it on first
 * use); a private one a new zeroed anonymous folio, writable at once for
 * a write fault (it is exclusive: what hugetlb_wp() would conclude).
 */
static vm_fault_t hugetlb_no_page(struct vm_area_struct *vma, unsigned long address,
				  pte_t *ptep, unsigned int flags)
{
	/* LAB hugetlb: return VM_FAULT_SIGBUS; */
	struct hstate *h = &default_hstate;
	unsigned long haddr = address & huge_page_mask(h);
	struct hugetlbfs_inode_info *info = HUGETLBFS_I(file_inode(vma->vm_file));
	pgoff_t idx = vma_hugecache_offset(h, vma, haddr);
	bool shared = vma->vm_flags & VM_MAYSHARE;
	struct folio *folio;

	if (idx >= info->nr_pages)
		return VM_FAULT_SIGBUS;
	if (!shared && anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	folio = shared ? info->folios[idx] : NULL;
	if (!folio) {
		folio = alloc_hugetlb_folio(vma, haddr);
		if (IS_ERR(folio))
			return VM_FAULT_SIGBUS;
		folio_zero_user(folio);
		if (shared) {	/* hugetlb_add_to_page_cache(): the file keeps this reference */
			folio->mapping = file_mapping(vma->vm_file);
			folio->index = idx << huge_page_order(h);
			info->folios[idx] = folio;
		}
	}
	if (shared) {
		folio_get(folio);
		hugetlb_add_file_rmap(folio);
	} else {
		hugetlb_add_new_anon_rmap(folio, vma, haddr);
	}
	hugetlb_count_add(pages_per_huge_page(h), vma->vm_mm);
	set_pte_at(vma->vm_mm, haddr, ptep,
		   make_huge_pte(vma, &folio->page, (vma->vm_flags & VM_WRITE) &&
				 (shared || (flags & FAULT_FLAG_WRITE))));
	return 0;
	/* LAB hugetlb end */
}

/*
 * hugetlb_wp - a write to a private huge page mapped read-only: reuse it
 * if only this mapping has it (mapcount 1, anonymous), else copy it into
 * a new pool folio (copy-on-write after fork).
 */
static vm_fault_t hugetlb_wp(struct vm_area_struct *vma, unsigned long address, pte_t *ptep)
{
	/* LAB hugetlb: return VM_FAULT_SIGBUS; */
	struct hstate *h = &default_hstate;
	unsigned long haddr = address & huge_page_mask(h);
	struct folio *old_folio = pfn_folio(pte_pfn(*ptep)), *new_folio;

	if (folio_mapcount(old_folio) == 1 && folio_test_anon(old_folio)) {
		if (!PageAnonExclusive(&old_folio->page)) {
			folio_lock(old_folio);
			folio_move_anon_rmap(old_folio, vma);
			folio_unlock(old_folio);
			SetPageAnonExclusive(&old_folio->page);
		}
		set_pte_at(vma->vm_mm, haddr, ptep, pte_mkwrite(pte_mkdirty(pte_mkyoung(*ptep))));
		flush_tlb_mm_range(vma->vm_mm, haddr, haddr + huge_page_size(h));
		return 0;
	}
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	new_folio = alloc_hugetlb_folio(vma, haddr);
	if (IS_ERR(new_folio))
		return VM_FAULT_SIGBUS;
	copy_user_large_folio(new_folio, old_folio);
	pte_clear((pte_t *)ptep);
	flush_tlb_mm_range(vma->vm_mm, haddr, haddr + huge_page_size(h));
	hugetlb_remove_rmap(old_folio);
	hugetlb_add_new_anon_rmap(new_folio, vma, haddr);
	set_pte_at(vma->vm_mm, haddr, ptep, make_huge_pte(vma, &new_folio->page, true));
	folio_put(old_folio);
	return 0;
	/* LAB hugetlb end */
}

/**
 * hugetlb_fault - a fault in a hugetlb VMA (handle_mm_fault() sends it here)
 * @mm: the address space
 * @vma: the VMA
 * @address: the faulting address
 * @flags: FAULT_FLAG_*
 *
 * The PMD entry of the huge page is the leaf: empty, hugetlb_no_page();
 * present and read-only under a write to a private mapping, hugetlb_wp().
 * Returns 0 or VM_FAULT_* bits.
 */
vm_fault_t hugetlb_fault(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long address,
			 unsigned int flags)
{
	pte_t *ptep = huge_pte_alloc(mm, address & huge_page_mask(&default_hstate));
	vm_fault_t ret = 0;
	pte_t entry;

	if (!ptep)
		return VM_FAULT_OOM;
	mutex_lock(&hugetlb_fault_mutex);
	entry = *ptep;
	if (pte_none(entry))
		ret = hugetlb_no_page(vma, address, ptep, flags);
	else if ((flags & (FAULT_FLAG_WRITE | FAULT_FLAG_UNSHARE)) && !pte_write(entry) &&
		 !(vma->vm_flags & VM_MAYSHARE))
		ret = hugetlb_wp(vma, address, ptep);
	else
		set_pte_at(mm, address & huge_page_mask(&default_hstate), ptep,
			   pte_mkyoung(entry));
	mutex_unlock(&hugetlb_fault_mutex);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* fork, munmap, mprotect */

/**
 * copy_hugetlb_page_range - fork: the child maps the parent's huge pages
 * @dst: the child's address space
 * @src: the parent's
 * @dst_vma: the child's copy of @src_vma
 * @src_vma: a private hugetlb VMA with pages (a shared one is refaulted)
 *
 * Each folio gains a mapping; a private writable one is write-protected
 * in both and no longer exclusive, so that the first write copies it
 * (hugetlb_wp()). Returns 0 or -ENOMEM.
 */
int copy_hugetlb_page_range(struct mm_struct *dst, struct mm_struct *src,
			    struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	/* LAB hugetlb: return -ENOMEM; */
	struct hstate *h = &default_hstate;
	bool cow = is_cow_mapping(src_vma->vm_flags);
	unsigned long addr;

	for (addr = src_vma->vm_start; addr < src_vma->vm_end; addr += huge_page_size(h)) {
		pte_t *src_pte = huge_pte_offset(src, addr), *dst_pte;
		struct folio *folio;
		pte_t entry;

		if (!src_pte || pte_none(*src_pte))
			continue;
		dst_pte = huge_pte_alloc(dst, addr);
		if (!dst_pte)
			return -ENOMEM;
		entry = *src_pte;
		folio = pfn_folio(pte_pfn(entry));
		folio_get(folio);
		if (folio_test_anon(folio))
			hugetlb_try_dup_anon_rmap(folio, dst_vma);
		else
			hugetlb_add_file_rmap(folio);
		if (cow && pte_write(entry)) {
			entry = pte_wrprotect(entry);
			set_pte_at(src, addr, src_pte, entry);
		}
		set_pte_at(dst, addr, dst_pte, entry);
		hugetlb_count_add(pages_per_huge_page(h), dst);
	}
	return 0;
	/* LAB hugetlb end */
}

/**
 * __unmap_hugepage_range - unmap the huge pages of [@start, @end) of @vma
 * @tlb: the gather that puts the folios after the TLB flush
 * @vma: a hugetlb VMA
 * @start: 2 MiB-aligned start
 * @end: 2 MiB-aligned end
 *
 * The last put of a folio sends it back to the pool (free_huge_folio()).
 */
void __unmap_hugepage_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
			    unsigned long start, unsigned long end)
{
	struct hstate *h = &default_hstate;
	struct mm_struct *mm = vma->vm_mm;

	for (unsigned long addr = start; addr < end; addr += huge_page_size(h)) {
		pte_t *ptep = huge_pte_offset(mm, addr);
		struct folio *folio;
		pte_t entry;

		if (!ptep || pte_none(*ptep))
			continue;
		entry = ptep_get_and_clear(mm, addr, ptep);
		folio = pfn_folio(pte_pfn(entry));
		tlb_remove_huge_tlb_entry(h, tlb, ptep, addr);
		hugetlb_remove_rmap(folio);
		hugetlb_count_sub(pages_per_huge_page(h), mm);
		tlb_remove_page(tlb, &folio->page);
	}
}

/**
 * hugetlb_change_protection - mprotect(): @vma's new vm_page_prot on its huge PMDs
 * @vma: the hugetlb VMA (its new flags and vm_page_prot set)
 * @address: 2 MiB-aligned start
 * @end: 2 MiB-aligned end
 *
 * A private page not exclusive to this mapping stays read-only (COW).
 */
void hugetlb_change_protection(struct vm_area_struct *vma, unsigned long address,
			       unsigned long end)
{
	struct hstate *h = &default_hstate;
	struct mm_struct *mm = vma->vm_mm;

	for (unsigned long addr = address; addr < end; addr += huge_page_size(h)) {
		pte_t *ptep = huge_pte_offset(mm, addr);
		struct folio *folio;
		pte_t entry;

		if (!ptep || pte_none(*ptep))
			continue;
		folio = pfn_folio(pte_pfn(*ptep));
		entry = pte_set_flags(pte_modify(*ptep, vma->vm_page_prot), _PAGE_PSE);
		if ((vma->vm_flags & VM_WRITE) &&
		    ((vma->vm_flags & VM_SHARED) || PageAnonExclusive(&folio->page)))
			entry = pte_mkwrite(pte_mkdirty(entry));
		set_pte_at(mm, addr, ptep, entry);
	}
	flush_tlb_mm_range(mm, address, end);
}

/* hugetlb_dup_vma_private - fork: the child's copy of a private mapping owns no reservation. */
void hugetlb_dup_vma_private(struct vm_area_struct *vma)
{
	vma->vm_private_data = NULL;
}

/* hugetlb_vm_op_split - a hugetlb VMA splits only at a huge page boundary (-EINVAL). */
int hugetlb_vm_op_split(struct vm_area_struct *vma, unsigned long addr)
{
	return addr & ~huge_page_mask(&default_hstate) ? -EINVAL : 0;
}

static const struct file_operations hugetlbfs_file_operations = {
	.mmap = hugetlbfs_file_mmap,
	.release = hugetlbfs_release,
};

/* ---------------------------------------------------------------------- */
/* /proc/meminfo, /proc/sys/vm, /sys/kernel/mm/hugepages */

/**
 * hugetlb_report_meminfo - /proc/meminfo's HugePages_* lines and Hugetlb
 * @m: the seq_file
 */
void hugetlb_report_meminfo(struct seq_file *m)
{
	struct hstate *h = &default_hstate;

	seq_printf(m,
		   "HugePages_Total:   %5lu\n"
		   "HugePages_Free:    %5lu\n"
		   "HugePages_Rsvd:    %5lu\n"
		   "HugePages_Surp:    %5lu\n"
		   "Hugepagesize:   %8lu kB\n",
		   h->nr_huge_pages, h->free_huge_pages, h->resv_huge_pages,
		   h->surplus_huge_pages, huge_page_size(h) >> 10);
	seq_printf(m, "Hugetlb:        %8lu kB\n", (huge_page_size(h) * h->nr_huge_pages) >> 10);
}

/**
 * hugetlb_report_usage - the HugetlbPages line of /proc/PID/status
 * @m: the seq_file
 * @mm: the process's address space
 */
void hugetlb_report_usage(struct seq_file *m, struct mm_struct *mm)
{
	seq_printf(m, "HugetlbPages:\t%8lu kB\n",
		   atomic_long_read(&mm->hugetlb_usage) << (PAGE_SHIFT - 10));
}

/*
 * hugetlb_sysctl_handler - /proc/sys/vm/nr_hugepages: reads the pool's
 * size; a write (an unsigned long, else -EINVAL) resizes it.
 */
static int hugetlb_sysctl_handler(const struct ctl_table *table, int write, char *buf,
				  size_t *lenp)
{
	struct hstate *h = &default_hstate;
	unsigned long tmp = h->max_huge_pages;
	struct ctl_table t = *table;
	int ret;

	t.data = &tmp;
	ret = proc_doulongvec_minmax(&t, write, buf, lenp);
	if (!ret && write)
		ret = set_max_huge_pages(h, tmp);
	return ret;
}

/* hugetlb_overcommit_handler - /proc/sys/vm/nr_overcommit_hugepages. */
static int hugetlb_overcommit_handler(const struct ctl_table *table, int write, char *buf,
				      size_t *lenp)
{
	struct hstate *h = &default_hstate;
	unsigned long tmp = h->nr_overcommit_huge_pages;
	struct ctl_table t = *table;
	int ret;

	t.data = &tmp;
	ret = proc_doulongvec_minmax(&t, write, buf, lenp);
	if (!ret && write) {
		spin_lock_irq(&hugetlb_lock);
		h->nr_overcommit_huge_pages = tmp;
		spin_unlock_irq(&hugetlb_lock);
	}
	return ret;
}

static struct ctl_table hugetlb_table[] = {
	{
		.procname	= "nr_hugepages",
		.maxlen		= sizeof(unsigned long),
		.mode		= 0644,
		.proc_handler	= hugetlb_sysctl_handler,
	},
	{
		.procname	= "nr_overcommit_hugepages",
		.maxlen		= sizeof(unsigned long),
		.mode		= 0644,
		.proc_handler	= hugetlb_overcommit_handler,
	},
};

#define HSTATE_ATTR_RO(_name) \
	static struct kobj_attribute _name##_attr = __ATTR_RO(_name)
#define HSTATE_ATTR(_name) \
	static struct kobj_attribute _name##_attr = __ATTR_RW(_name)

static ssize_t nr_hugepages_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", default_hstate.nr_huge_pages);
}

static ssize_t nr_hugepages_store(struct kobject *kobj, struct kobj_attribute *attr,
				  const char *buf, size_t len)
{
	unsigned long count;
	int err = kstrtoul(buf, 10, &count);

	if (err)
		return err;
	err = set_max_huge_pages(&default_hstate, count);
	return err ? err : len;
}
HSTATE_ATTR(nr_hugepages);

static ssize_t nr_overcommit_hugepages_show(struct kobject *kobj, struct kobj_attribute *attr,
					    char *buf)
{
	return sysfs_emit(buf, "%lu\n", default_hstate.nr_overcommit_huge_pages);
}

static ssize_t nr_overcommit_hugepages_store(struct kobject *kobj, struct kobj_attribute *attr,
					     const char *buf, size_t count)
{
	unsigned long input;
	int err = kstrtoul(buf, 10, &input);

	if (err)
		return err;
	spin_lock_irq(&hugetlb_lock);
	default_hstate.nr_overcommit_huge_pages = input;
	spin_unlock_irq(&hugetlb_lock);
	return count;
}
HSTATE_ATTR(nr_overcommit_hugepages);

static ssize_t free_hugepages_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", default_hstate.free_huge_pages);
}
HSTATE_ATTR_RO(free_hugepages);

static ssize_t resv_hugepages_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", default_hstate.resv_huge_pages);
}
HSTATE_ATTR_RO(resv_hugepages);

static ssize_t surplus_hugepages_show(struct kobject *kobj, struct kobj_attribute *attr,
				      char *buf)
{
	return sysfs_emit(buf, "%lu\n", default_hstate.surplus_huge_pages);
}
HSTATE_ATTR_RO(surplus_hugepages);

static struct attribute *hstate_attrs[] = {
	&nr_hugepages_attr.attr,
	&nr_overcommit_hugepages_attr.attr,
	&free_hugepages_attr.attr,
	&resv_hugepages_attr.attr,
	&surplus_hugepages_attr.attr,
	NULL,
};

static const struct attribute_group hstate_attr_group = {
	.name = default_hstate.name,
	.attrs = hstate_attrs,
};

/* hugetlb_sysfs_init - /sys/kernel/mm/hugepages/hugepages-2048kB. */
static void hugetlb_sysfs_init(void)
{
	struct kobject *hugepages_kobj = kobject_create_and_add("hugepages", mm_kobj);

	if (!hugepages_kobj || sysfs_create_group(hugepages_kobj, &hstate_attr_group))
		pr_err("HugeTLB: Unable to add hstate %s\n", default_hstate.name);
}

/* hugepages_setup - the boot word hugepages=N. */
static int __init hugepages_setup(char *s)
{
	if (kstrtoul(s, 0, &default_hstate_max_huge_pages))
		pr_warn("HugeTLB: hugepages=%s does not specify a number of pages\n", s);
	return 1;
}
__setup("hugepages=", hugepages_setup);

/*
 * hugetlb_init - the sysctl and sysfs files, and the pool hugepages=N
 * asked for (Linux allocates it earlier, from memblock for gigantic pages).
 */
static int __init hugetlb_init(void)
{
	struct hstate *h = &default_hstate;

	if (default_hstate_max_huge_pages) {
		set_max_huge_pages(h, default_hstate_max_huge_pages);
		if (h->max_huge_pages < default_hstate_max_huge_pages)
			pr_warn("HugeTLB: allocating %lu of page size %lu KiB failed.  Only allocated %lu hugepages.\n",
				default_hstate_max_huge_pages, huge_page_size(h) >> 10,
				h->max_huge_pages);
	}
	pr_info("HugeTLB: registered 2.00 MiB page size, pre-allocated %lu pages\n",
		h->max_huge_pages);
	BUG_ON(register_sysctl("vm", hugetlb_table, ARRAY_SIZE(hugetlb_table)));
	hugetlb_sysfs_init();
	return 0;
}
late_initcall(hugetlb_init);

/* ---------------------------------------------------------------------- */
/* mm_verify */

/* hugetlb_verify_folio - what every pool folio is: order 9, PG_head and PG_hugetlb. */
static void hugetlb_verify_folio(struct verify_state *vs, struct hstate *h, struct folio *folio,
				 bool free)
{
	if (!folio_test_hugetlb(folio) || folio_order(folio) != huge_page_order(h) ||
	    (free && (folio_ref_count(folio) || folio_mapped(folio))) ||
	    (!free && folio_ref_count(folio) <= 0))
		verify_err(vs, "hugetlb: %s folio pfn %lx: flags %lx order %u refcount %d mapcount %d",
			   free ? "free" : "active", folio_pfn(folio), folio->flags,
			   folio_order(folio), folio_ref_count(folio), folio_mapcount(folio));
}

/**
 * hugetlb_verify - mm_verify's checks of the pool: each folio's state, the
 * free list's length against free_huge_pages, both lists' against
 * nr_huge_pages, and resv_huge_pages <= free_huge_pages.
 * @vs: the verify state
 */
void hugetlb_verify(struct verify_state *vs)
{
	struct hstate *h = &default_hstate;
	unsigned long nr_free = 0, nr_active = 0;
	struct folio *folio;

	spin_lock_irq(&hugetlb_lock);
	list_for_each_entry(folio, &h->hugepage_freelist, lru) {
		hugetlb_verify_folio(vs, h, folio, true);
		nr_free++;
	}
	list_for_each_entry(folio, &h->hugepage_activelist, lru) {
		hugetlb_verify_folio(vs, h, folio, false);
		nr_active++;
	}
	if (nr_free != h->free_huge_pages || nr_free + nr_active != h->nr_huge_pages ||
	    h->resv_huge_pages > h->free_huge_pages)
		verify_err(vs, "hugetlb: free list %lu, active list %lu; free_huge_pages %lu nr_huge_pages %lu resv_huge_pages %lu",
			   nr_free, nr_active, h->free_huge_pages, h->nr_huge_pages,
			   h->resv_huge_pages);
	spin_unlock_irq(&hugetlb_lock);
}
