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
#include <linux/hugetlb.h>
#include <linux/init.h>
#include <linux/kobject.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/vmstat.h>
#include <linux/wait.h>
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
