// SPDX-License-Identifier: GPL-2.0
/*
 * page_alloc.c - the buddy allocator. Mirrors mm/page_alloc.c.
 *
 * Free memory is kept in blocks of 2^order pages, each naturally aligned
 * (its first pfn is a multiple of 2^order), on zone->free_area[order]
 * .free_list[migratetype]. A free block's first page has PG_buddy set and
 * its order in page->private.
 *
 * Allocating order n takes the smallest free block of order >= n of the
 * wanted migratetype and splits it (expand): each split puts the upper half
 * back on the free list one order down. Freeing merges a block with its
 * buddy -- the block it was split from, at pfn ^ (1 << order) -- while the
 * buddy is free and of the same order, then files the merged block
 * (__free_one_page).
 *
 * When no block of the wanted migratetype is free, the allocator falls
 * back to another type in a fixed order (fallbacks[]) and, for large
 * enough blocks, steals the whole pageblock for the wanted type, so that
 * unmovable and movable allocations stay in separate pageblocks.
 *
 * Blocks of order 0..PAGE_ALLOC_COSTLY_ORDER go through the per-CPU page
 * lists (zone->per_cpu_pageset): free_unref_page() puts a page at the head
 * of its list and frees a batch of the coldest to the buddy lists once
 * the lists hold pcp->high pages (free_pcppages_bulk()); rmqueue_pcplist()
 * takes the hottest page, refilling an empty list with a batch from the
 * buddy lists under one zone->lock (rmqueue_bulk()). Pages on these lists
 * are not free as far as the zone is concerned (not in NR_FREE_PAGES,
 * MemFree or /proc/buddyinfo); drain_all_pages() gives them back.
 *
 * One CPU: one set of lists per zone; zone->lock and pcp->lock are held
 * where Linux holds them.
 */
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/vmstat.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/compaction.h>
#include "internal.h"

const char *const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate",
};

/* The order in which other migratetypes are raided (Linux's fallbacks[]). */
static const int fallbacks[MIGRATE_PCPTYPES][MIGRATE_PCPTYPES - 1] = {
	[MIGRATE_UNMOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE] = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

unsigned long bad_page_count;

/* Allocation flags: which watermark to check, and reserve access. */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_WMARK_MASK	0x3
#define ALLOC_NO_WATERMARKS	0x04	/* __GFP_MEMALLOC: ignore the watermarks */
#define ALLOC_MIN_RESERVE	0x10	/* __GFP_HIGH: may use half the min reserve */

/* ---------------------------------------------------------------------- */
/* Pageblock flags: NR_PAGEBLOCK_BITS bits per pageblock in the zone's bitmap */

static unsigned long pfn_to_bitidx(const struct zone *zone, unsigned long pfn)
{
	pfn -= ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	return (pfn >> pageblock_order) * NR_PAGEBLOCK_BITS;
}

/**
 * get_pfnblock_flags_mask - read the flags of the pageblock containing @pfn
 * @page: the page at @pfn
 * @pfn: the page frame number
 * @mask: which bits (shifted to bit 0) to return
 */
unsigned long get_pfnblock_flags_mask(const struct page *page, unsigned long pfn,
				      unsigned long mask)
{
	const struct zone *zone = page_zone(page);
	unsigned long bitidx = pfn_to_bitidx(zone, pfn);
	unsigned long word = zone->pageblock_flags[bitidx / 64];

	return (word >> (bitidx % 64)) & mask;
}

void set_pfnblock_flags_mask(struct page *page, unsigned long flags, unsigned long pfn,
			     unsigned long mask)
{
	struct zone *zone = page_zone(page);
	unsigned long bitidx = pfn_to_bitidx(zone, pfn);
	unsigned long *word = &zone->pageblock_flags[bitidx / 64];

	*word = (*word & ~(mask << (bitidx % 64))) | ((flags & mask) << (bitidx % 64));
}

#define MIGRATETYPE_MASK ((1UL << (PB_migrate_end + 1)) - 1)

static int get_pfnblock_migratetype(const struct page *page, unsigned long pfn)
{
	return get_pfnblock_flags_mask(page, pfn, MIGRATETYPE_MASK);
}

int get_pageblock_migratetype(const struct page *page)
{
	return get_pfnblock_migratetype(page, page_to_pfn(page));
}

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	set_pfnblock_flags_mask(page, migratetype, page_to_pfn(page), MIGRATETYPE_MASK);
}

/* ---------------------------------------------------------------------- */
/* Free lists */

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_add(&page->lru, &area->free_list[migratetype]);
	area->nr_free++;
}

static void move_to_free_list(struct page *page, struct zone *zone, unsigned int order,
			      int migratetype)
{
	list_move(&page->lru, &zone->free_area[order].free_list[migratetype]);
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	list_del(&page->lru);
	__ClearPageBuddy(page);
	set_page_private(page, 0);
	zone->free_area[order].nr_free--;
}

static struct page *get_page_from_free_area(struct free_area *area, int migratetype)
{
	return list_first_entry_or_null(&area->free_list[migratetype], struct page, lru);
}

/* Free pages in isolated pageblocks are not available: they are not counted. */
static void account_freepages(struct zone *zone, long nr_pages, int migratetype)
{
	if (migratetype != MIGRATE_ISOLATE)
		mod_zone_page_state(zone, NR_FREE_PAGES, nr_pages);
}

/*
 * task_capc - the capture_control of a direct compaction the current
 * (user) task runs in @zone, if it has not captured a block yet.
 */
static inline struct capture_control *task_capc(struct zone *zone)
{
	struct capture_control *capc = current->capture_control;

	return unlikely(capc) && !(current->flags & PF_KTHREAD) && !capc->page &&
	       capc->cc->zone == zone ? capc : NULL;
}

/*
 * compaction_capture - a block of the order direct compaction wants was
 * just freed (merged): give it to the compaction instead of the free
 * lists. Not from an isolated pageblock, and a movable pageblock's block
 * below pageblock size only for a movable request (as fallback would).
 */
static inline bool compaction_capture(struct capture_control *capc, struct page *page,
				      int order, int migratetype)
{
	if (!capc || order != capc->cc->order)
		return false;
	if (migratetype == MIGRATE_ISOLATE)
		return false;
	if (order < pageblock_order && migratetype == MIGRATE_MOVABLE &&
	    capc->cc->migratetype != MIGRATE_MOVABLE)
		return false;
	capc->page = page;
	return true;
}

/*
 * page_is_buddy - can @page merge with @buddy at @order? Only if the buddy
 * is a free block of exactly that order in the same zone.
 */
static inline bool page_is_buddy(struct page *page, struct page *buddy, unsigned int order)
{
	return PageBuddy(buddy) && buddy_order(buddy) == order &&
	       page_zonenum(buddy) == page_zonenum(page);
}

/**
 * __free_one_page - free a block and merge it with its buddies
 * @page: first page of the block
 * @pfn: its page frame number
 * @zone: its zone
 * @order: its order
 * @migratetype: the free list to put it on (its pageblock's type)
 *
 * The buddy of the block at @pfn of order n is at pfn ^ (1 << n). While it
 * is free with the same order, take it off its list and continue with the
 * combined block (at pfn & buddy_pfn) one order up. Blocks of pageblock
 * size or larger do not merge across an isolated pageblock. A direct
 * compaction of the freeing task takes a block of its order on the way
 * (compaction_capture()).
 */
static void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
			    unsigned int order, int migratetype)
{
	/* LAB buddy: panic("LAB buddy: %s() is not written yet: see docs/labs/buddy.md", __func__); */
	struct capture_control *capc = task_capc(zone);

	account_freepages(zone, 1L << order, migratetype);
	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = page + (buddy_pfn - pfn);

		if (compaction_capture(capc, page, order, migratetype)) {
			account_freepages(zone, -(1L << order), migratetype);
			return;
		}
		if (!pfn_valid(buddy_pfn) || !page_is_buddy(page, buddy, order))
			break;
		if (order >= pageblock_order &&
		    (migratetype == MIGRATE_ISOLATE) !=
		    (get_pfnblock_migratetype(buddy, buddy_pfn) == MIGRATE_ISOLATE))
			break;
		del_page_from_free_list(buddy, zone, order);
		page = page + ((buddy_pfn & pfn) - pfn);
		pfn &= buddy_pfn;
		order++;
	}
	set_buddy_order(page, order);
	add_to_free_list(page, zone, order, migratetype);
	/* LAB buddy end */
}

/**
 * expand - split a block down to the order that was asked for
 * @zone: the zone
 * @page: the block (of order @high) taken off a free list
 * @low: the order wanted
 * @high: the order of the block
 * @migratetype: the free list for the upper halves
 *
 * The lower half is kept each time; the upper half of each split goes
 * back to the free lists: for high=3, low=0 that is [4..7] at order 2,
 * [2..3] at order 1 and [1] at order 0, and page [0] is returned.
 */
static inline void expand(struct zone *zone, struct page *page, unsigned int low,
			  unsigned int high, int migratetype)
{
	/* LAB buddy: if (high > low) panic("LAB buddy: %s() is not written yet: see docs/labs/buddy.md", __func__); */
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high, migratetype);
		set_buddy_order(&page[size], high);
	}
	/* LAB buddy end */
}

/* __rmqueue_smallest - the smallest free block of @migratetype, split to @order. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order, int migratetype)
{
	/* LAB buddy: panic("LAB buddy: %s() is not written yet: see docs/labs/buddy.md", __func__); */
	for (unsigned int current_order = order; current_order < MAX_ORDER; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page = get_page_from_free_area(area, migratetype);

		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order, migratetype);
		return page;
	}
	return NULL;
	/* LAB buddy end */
}

/* ---------------------------------------------------------------------- */
/* Migratetype fallback and pageblock stealing */

/*
 * page_is_movable - an in-use page compaction could move: an anonymous
 * user page (Linux counts pages on the LRU or with movable_ops).
 */
static bool page_is_movable(const struct page *page)
{
	return PageAnon(page);
}

/**
 * move_freepages_block - move the free pages of @page's pageblock to @migratetype
 * @zone: the zone
 * @page: any page of the pageblock
 * @migratetype: the new free list type
 * @num_movable: receives the number of in-use movable pages in the block
 *
 * Returns the number of free pages moved, or 0 if the pageblock is not
 * entirely inside the zone.
 */
unsigned long move_freepages_block(struct zone *zone, struct page *page, int migratetype,
				   unsigned long *num_movable)
{
	unsigned long start_pfn = ALIGN_DOWN(page_to_pfn(page), pageblock_nr_pages);
	unsigned long end_pfn = start_pfn + pageblock_nr_pages;
	unsigned long pfn = start_pfn, moved = 0;

	*num_movable = 0;
	if (!zone_spans_pfn(zone, start_pfn) || !zone_spans_pfn(zone, end_pfn - 1))
		return 0;
	while (pfn < end_pfn) {
		struct page *p = pfn_to_page(pfn);
		unsigned int order;

		if (!PageBuddy(p)) {
			*num_movable += page_is_movable(p);
			pfn++;
			continue;
		}
		order = buddy_order(p);
		move_to_free_list(p, zone, order, migratetype);
		pfn += 1UL << order;
		moved += 1UL << order;
	}
	return moved;
}

/*
 * can_steal_fallback - may an allocation of @start_mt take over the whole
 * pageblock it falls back into? Yes for large blocks, and always for
 * unmovable and reclaimable allocations (they must not scatter).
 */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	return order >= pageblock_order / 2 || start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE;
}

/**
 * steal_suitable_fallback - claim free pages of another migratetype
 * @zone: the zone
 * @page: the free block chosen in the fallback type
 * @start_type: the migratetype being allocated
 * @whole_block: whether to try to claim the whole pageblock
 *
 * A block of a pageblock or more changes type outright. Otherwise all free
 * pages of the pageblock move to @start_type's lists, and the pageblock's
 * type changes too if at least half of it is free or already compatible.
 * Without @whole_block only the chosen block moves.
 */
static void steal_suitable_fallback(struct zone *zone, struct page *page, int start_type,
				    bool whole_block)
{
	unsigned int current_order = buddy_order(page);
	int old_block_type = get_pageblock_migratetype(page);
	unsigned long free_pages, movable_pages, alike_pages;

	if (current_order >= pageblock_order) {
		for (unsigned long i = 0; i < (1UL << current_order); i += pageblock_nr_pages)
			set_pageblock_migratetype(page + i, start_type);
		move_to_free_list(page, zone, current_order, start_type);
		return;
	}
	if (!whole_block) {
		move_to_free_list(page, zone, current_order, start_type);
		return;
	}
	free_pages = move_freepages_block(zone, page, start_type, &movable_pages);
	if (!free_pages) {		/* the pageblock straddles the zone's end */
		move_to_free_list(page, zone, current_order, start_type);
		return;
	}
	if (start_type == MIGRATE_MOVABLE)
		alike_pages = movable_pages;
	else if (old_block_type == MIGRATE_MOVABLE)
		alike_pages = pageblock_nr_pages - (free_pages + movable_pages);
	else
		alike_pages = 0;
	if (free_pages + alike_pages >= (1UL << (pageblock_order - 1)))
		set_pageblock_migratetype(page, start_type);
}

/**
 * find_suitable_fallback - the first fallback type with a free block in @area
 * @area: the free area of one order
 * @order: its order
 * @migratetype: the type being allocated
 * @can_steal: set if the whole pageblock may be claimed
 *
 * Returns the fallback migratetype, or -1.
 */
static int find_suitable_fallback(struct free_area *area, unsigned int order,
				  int migratetype, bool *can_steal)
{
	if (!area->nr_free)
		return -1;
	for (int i = 0; i < MIGRATE_PCPTYPES - 1; i++) {
		int fallback_mt = fallbacks[migratetype][i];

		if (free_area_empty(area, fallback_mt))
			continue;
		*can_steal = can_steal_fallback(order, migratetype);
		return fallback_mt;
	}
	return -1;
}

/*
 * __rmqueue_fallback - take free pages from another migratetype.
 *
 * Search from the largest order down: stealing a big block keeps the
 * fallback type's pageblocks intact for longer. A movable allocation that
 * may not steal the whole pageblock takes the smallest block instead, so
 * as not to break up a large one it cannot claim.
 */
static bool __rmqueue_fallback(struct zone *zone, int order, int start_migratetype)
{
	struct free_area *area;
	int current_order, fallback_mt = -1;
	bool can_steal = false;

	for (current_order = MAX_ORDER - 1; current_order >= order; current_order--) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, current_order, start_migratetype,
						     &can_steal);
		if (fallback_mt == -1)
			continue;
		if (!can_steal && start_migratetype == MIGRATE_MOVABLE && current_order > order)
			goto find_smallest;
		goto do_steal;
	}
	return false;

find_smallest:
	for (current_order = order; current_order < MAX_ORDER; current_order++) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, current_order, start_migratetype,
						     &can_steal);
		if (fallback_mt != -1)
			break;
	}
do_steal:
	steal_suitable_fallback(zone, get_page_from_free_area(area, fallback_mt),
				start_migratetype, can_steal);
	return true;
}

/* __rmqueue - a block of @order: @migratetype's own, else stolen from a fallback type. */
static __always_inline struct page *__rmqueue(struct zone *zone, unsigned int order,
					      int migratetype)
{
	struct page *page;

	while (!(page = __rmqueue_smallest(zone, order, migratetype)))
		if (!__rmqueue_fallback(zone, order, migratetype))
			return NULL;
	return page;
}

/* ---------------------------------------------------------------------- */
/* Checking pages: bad_page() */

const char *const pageflag_names[__NR_PAGEFLAGS] = {
	[PG_locked] = "locked", [PG_referenced] = "referenced", [PG_dirty] = "dirty",
	[PG_slab] = "slab", [PG_reserved] = "reserved", [PG_buddy] = "buddy",
	[PG_swapbacked] = "swapbacked", [PG_anon_exclusive] = "anon_exclusive",
	[PG_large_kmalloc] = "large_kmalloc", [PG_isolated] = "isolated", [PG_lru] = "lru",
	[PG_active] = "active", [PG_unevictable] = "unevictable", [PG_mlocked] = "mlocked",
	[PG_head] = "head", [PG_hugetlb] = "hugetlb",
};

/**
 * dump_page - print a struct page, Linux's format
 * @page: the page
 * @reason: why (or NULL)
 */
void dump_page(struct page *page, const char *reason)
{
	char names[160];
	int n = 0;

	names[0] = '\0';
	for (int f = 0; f < __NR_PAGEFLAGS; f++)
		if (test_bit(f, &page->flags))
			n += scnprintf(names + n, sizeof(names) - n, "%s%s", n ? "|" : "",
				       pageflag_names[f]);
	pr_warn("page:%px refcount:%d mapcount:%d mapping:%px index:%#lx pfn:%#lx\n", page,
		page_ref_count(page), page_mapcount(page), page->mapping, page->index,
		page_to_pfn(page));
	pr_warn("flags: %#lx(%s|zone=%d)\n", page->flags & ((1UL << __NR_PAGEFLAGS) - 1), names,
		page_zonenum(page));
	if (reason)
		pr_warn("page dumped because: %s\n", reason);
}

/**
 * bad_page - report a page in a state that must not happen
 * @page: the page
 * @reason: what is wrong
 *
 * Like Linux, the page is then left alone (leaked) rather than risk
 * handing out or merging a page someone still uses.
 */
void bad_page(struct page *page, const char *reason)
{
	bad_page_count++;
	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n", current->comm,
		 page_to_pfn(page));
	dump_page(page, reason);
	dump_stack();
}

/* page_bad_reason - what makes @page unfit to be freed or handed out, or NULL. */
static const char *page_bad_reason(struct page *page, unsigned long flags)
{
	if (atomic_read(&page->_mapcount) != -1)
		return "nonzero mapcount";
	if (page->mapping)
		return "non-NULL mapping";
	if (page_ref_count(page))
		return "nonzero _refcount";
	if (page->flags & flags)
		return flags == PAGE_FLAGS_CHECK_AT_FREE ? "PAGE_FLAGS_CHECK_AT_FREE flag(s) set"
							 : "PAGE_FLAGS_CHECK_AT_PREP flag(s) set";
	return NULL;
}

/* page_expected_state - the fast test: is @page unmapped, unreferenced, without @flags? */
static inline bool page_expected_state(struct page *page, unsigned long flags)
{
	if (unlikely(atomic_read(&page->_mapcount) != -1))
		return false;
	return !((unsigned long)page->mapping | page_ref_count(page) | (page->flags & flags));
}

static bool check_pages(struct page *page, unsigned int order, unsigned long flags)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		if (likely(page_expected_state(page + i, flags)))
			continue;
		bad_page(page + i, page_bad_reason(page + i, flags));
		return false;
	}
	return true;
}

/* ---------------------------------------------------------------------- */
/* Freeing */

/*
 * free_pages_prepare - check and clean a block before it goes back:
 * anonymous pages drop their mapping bits, all page flags are cleared.
 * A folio still PG_mlocked (its last VM_LOCKED mapping went without
 * munlock_folio(), e.g. truncation) is counted out of NR_MLOCK as
 * unevictable_pgs_cleared. A compound page loses its head bit and order.
 */
static bool free_pages_prepare(struct page *page, unsigned int order)
{
	struct folio *folio = page_folio(page);

	if (unlikely(folio_test_mlocked(folio))) {
		__folio_clear_mlocked(folio);
		mod_zone_page_state(page_zone(page), NR_MLOCK, -(1L << order));
		count_vm_events(UNEVICTABLE_PGCLEARED, 1L << order);
	}
	if (order && PageHead(page)) {
		__ClearPageHead(page);
		page[1].flags &= ~PAGE_FLAGS_SECOND;
	}
	for (unsigned long i = 0; i < (1UL << order); i++)
		if ((unsigned long)page[i].mapping & PAGE_MAPPING_FLAGS)
			page[i].mapping = NULL;
	if (!check_pages(page, order, PAGE_FLAGS_CHECK_AT_FREE))
		return false;
	for (unsigned long i = 0; i < (1UL << order); i++) {
		page[i].flags &= ~PAGE_FLAGS_CHECK_AT_PREP;
		page[i].index = 0;
	}
	return true;
}

/* free_one_page - a prepared block straight to the buddy lists, under zone->lock. */
static void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
			  unsigned int order)
{
	unsigned long flags;

	spin_lock_irqsave(&zone->lock, flags);
	__free_one_page(page, pfn, zone, order, get_pfnblock_migratetype(page, pfn));
	spin_unlock_irqrestore(&zone->lock, flags);
	count_vm_events(PGFREE, 1L << order);
}

/* __free_pages_ok - free a block to the buddy lists, bypassing the per-CPU lists. */
static void __free_pages_ok(struct page *page, unsigned int order)
{
	if (!free_pages_prepare(page, order))
		return;
	free_one_page(page_zone(page), page, page_to_pfn(page), order);
}

/**
 * __free_pages - drop a reference to a block; free it if that was the last
 * @page: the first page
 * @order: the order it was allocated with
 *
 * Freeing a page whose reference count is already 0 -- a double free -- is
 * reported with bad_page() and otherwise ignored.
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (unlikely(page_ref_count(page) <= 0)) {
		bad_page(page, "freeing a page that is not allocated (_refcount 0: double free?)");
		return;
	}
	if (put_page_testzero(page))
		free_unref_page(page, order);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

/**
 * __isolate_free_page - take a free block off its free list (compaction)
 * @page: the block's first page, PageBuddy
 * @order: its order
 *
 * The caller holds zone->lock. Refused (0) if it would take the zone below
 * its min watermark; else the number of pages, which are no longer free
 * (post_alloc_hook() makes them a block in use).
 */
int __isolate_free_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	int mt = get_pageblock_migratetype(page);

	if (mt != MIGRATE_ISOLATE &&
	    !zone_watermark_ok(zone, 0, min_wmark_pages(zone) + (1UL << order), 0, 0))
		return 0;
	del_page_from_free_list(page, zone, order);
	account_freepages(zone, -(1L << order), mt);
	return 1UL << order;
}

/**
 * split_page - make a block in use of 2^@order pages into as many order-0 pages
 * @page: the first page (with its reference)
 * @order: the block's order
 *
 * Each page gets a reference of its own and is freed on its own.
 */
void split_page(struct page *page, unsigned int order)
{
	for (unsigned long i = 1; i < (1UL << order); i++)
		set_page_count(page + i, 1);
}

/* __free_pages_core - boot: a reserved block joins the buddy allocator. */
void __free_pages_core(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		__ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	atomic_long_add(1L << order, &page_zone(page)->managed_pages);
	__free_pages_ok(page, order);
}

/**
 * free_reserved_area - give memory reserved at boot to the buddy allocator
 * @start: first byte (rounded up to a page)
 * @end: end (rounded down to a page)
 * @poison: byte to fill the pages with first, or -1
 * @s: what it was, for the "Freeing ... memory" line, or NULL
 *
 * Used for the initramfs image once it is unpacked. Each page is freed
 * alone and counted into its zone's managed pages and totalram_pages, and
 * its memblock reservation goes.
 * Return: the number of pages freed.
 */
unsigned long free_reserved_area(void *start, void *end, int poison, const char *s)
{
	unsigned long first = PAGE_ALIGN((unsigned long)start), pos = first, pages = 0;

	for (; pos + PAGE_SIZE <= (unsigned long)end; pos += PAGE_SIZE, pages++) {
		if (poison >= 0)
			memset((void *)pos, poison, PAGE_SIZE);
		__free_pages_core(virt_to_page((void *)pos), 0);
	}
	/* Pagoda keeps memblock after boot: it must show the pages as free too. */
	if (pages)
		memblock_phys_free(__pa(first), pages << PAGE_SHIFT);
	totalram_pages += pages;
	if (pages && s)
		pr_info("Freeing %s memory: %luK\n", s, pages << (PAGE_SHIFT - 10));
	return pages;
}

/* ---------------------------------------------------------------------- */
/* Per-CPU page lists */

/* How far refills and the frees in a row may scale pcp->batch (Kconfig's default). */
#define CONFIG_PCP_BATCH_SCALE_MAX	5

/* Before zone_pcp_update(): no list keeps a page (high 0, batch 1). */
#define BOOT_PAGESET_HIGH	0
#define BOOT_PAGESET_BATCH	1

/* pcp_allowed_order - orders that go through the per-CPU lists. */
static inline bool pcp_allowed_order(unsigned int order)
{
	return order <= PAGE_ALLOC_COSTLY_ORDER;
}

/**
 * free_pcppages_bulk - give @count pages of the per-CPU lists to the buddy lists
 * @zone: the zone
 * @count: how many pages (at most pcp->count)
 * @pcp: the zone's per-CPU lists
 * @pindex: the list to take from first
 *
 * Round robin over the lists from @pindex on, each time the coldest page
 * (the tail), merged into the pageblock's current free list. The caller
 * holds pcp->lock.
 */
static void free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp,
			       int pindex)
{
	/* LAB pcp: WARN_ON_ONCE(1); */
	unsigned long flags;

	count = min(pcp->count, count);
	pindex--;
	spin_lock_irqsave(&zone->lock, flags);
	while (count > 0) {
		struct list_head *list;
		int order, nr_pages;

		do {
			if (++pindex > NR_PCP_LISTS - 1)
				pindex = 0;
			list = &pcp->lists[pindex];
		} while (list_empty(list));
		order = pindex_to_order(pindex);
		nr_pages = 1 << order;
		do {
			struct page *page = list_last_entry(list, struct page, lru);
			unsigned long pfn = page_to_pfn(page);

			list_del(&page->lru);
			count -= nr_pages;
			pcp->count -= nr_pages;
			__free_one_page(page, pfn, zone, order, get_pfnblock_migratetype(page, pfn));
		} while (count > 0 && !list_empty(list));
	}
	spin_unlock_irqrestore(&zone->lock, flags);
	/* LAB pcp end */
}

/**
 * drain_local_pages - give this CPU's per-CPU pages back to the buddy lists
 * @zone: the zone, or NULL for every zone
 *
 * A batch << CONFIG_PCP_BATCH_SCALE_MAX at a time, as Linux does to bound
 * the time zone->lock is held.
 */
void drain_local_pages(struct zone *zone)
{
	struct zone *z;

	for_each_populated_zone(z) {
		struct per_cpu_pages *pcp = &z->per_cpu_pageset;
		unsigned long flags;
		int count;

		if (zone && z != zone)
			continue;
		do {
			spin_lock_irqsave(&pcp->lock, flags);
			count = pcp->count;
			if (count) {
				int to_drain = min(count, pcp->batch << CONFIG_PCP_BATCH_SCALE_MAX);

				free_pcppages_bulk(z, to_drain, pcp, 0);
				count -= to_drain;
			}
			spin_unlock_irqrestore(&pcp->lock, flags);
		} while (count);
	}
}

/**
 * drain_all_pages - give every CPU's per-CPU pages back to the buddy lists
 * @zone: the zone, or NULL for every zone
 *
 * Before a free count must be exact or free pages must merge: compaction,
 * an allocation that failed (Linux: after direct reclaim). One CPU: this
 * CPU's lists.
 */
void drain_all_pages(struct zone *zone)
{
	drain_local_pages(zone);
}

/*
 * nr_pcp_free - how many pages a free that reached @high gives back: the
 * pages freed in a row (pcp->free_count), at least a batch, and at most
 * all but a batch.
 */
static int nr_pcp_free(struct per_cpu_pages *pcp, int batch, int high)
{
	if (unlikely(high < batch))	/* the boot pageset keeps nothing */
		return 1;
	return clamp(pcp->free_count, batch, high - batch);
}

/*
 * free_unref_page_commit - @page goes to the head of its per-CPU list (it
 * is the hottest); at pcp->high pages a batch of the coldest goes back.
 */
static void free_unref_page_commit(struct zone *zone, struct per_cpu_pages *pcp,
				   struct page *page, int migratetype, unsigned int order)
{
	/* LAB pcp: free_one_page(zone, page, page_to_pfn(page), order); */
	int pindex = order_to_pindex(migratetype, order), batch = pcp->batch;

	pcp->alloc_factor >>= 1;
	count_vm_events(PGFREE, 1L << order);
	list_add(&page->lru, &pcp->lists[pindex]);
	pcp->count += 1 << order;
	if (pcp->free_count < (batch << CONFIG_PCP_BATCH_SCALE_MAX))
		pcp->free_count += 1 << order;
	if (pcp->count >= pcp->high)
		free_pcppages_bulk(zone, nr_pcp_free(pcp, batch, pcp->high), pcp, pindex);
	/* LAB pcp end */
}

/**
 * free_unref_page - free a block nobody references any more
 * @page: its first page
 * @order: its order
 *
 * Up to PAGE_ALLOC_COSTLY_ORDER to the per-CPU list of the pageblock's
 * migratetype (HighAtomic's on the movable list); a block of an isolated
 * pageblock, or a larger one, straight to the buddy lists.
 */
void free_unref_page(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page), flags;
	struct per_cpu_pages *pcp;
	struct zone *zone;
	int migratetype;

	if (!pcp_allowed_order(order)) {
		__free_pages_ok(page, order);
		return;
	}
	if (!free_pages_prepare(page, order))
		return;
	zone = page_zone(page);
	migratetype = get_pfnblock_migratetype(page, pfn);
	if (unlikely(migratetype >= MIGRATE_PCPTYPES)) {
		if (unlikely(migratetype == MIGRATE_ISOLATE)) {
			free_one_page(zone, page, pfn, order);
			return;
		}
		migratetype = MIGRATE_MOVABLE;
	}
	pcp = &zone->per_cpu_pageset;
	spin_lock_irqsave(&pcp->lock, flags);
	free_unref_page_commit(zone, pcp, page, migratetype, order);
	spin_unlock_irqrestore(&pcp->lock, flags);
}

/*
 * rmqueue_bulk - take up to @count blocks of @order off the buddy lists
 * under one zone->lock, onto the tail of @list (so the list runs in the
 * order expand() split them: ascending pfns). Returns how many.
 */
static int rmqueue_bulk(struct zone *zone, unsigned int order, unsigned long count,
			struct list_head *list, int migratetype)
{
	/* LAB pcp: return 0; */
	unsigned long flags;
	int i;

	spin_lock_irqsave(&zone->lock, flags);
	for (i = 0; i < (int)count; i++) {
		struct page *page = __rmqueue(zone, order, migratetype);

		if (unlikely(!page))
			break;
		list_add_tail(&page->lru, list);
	}
	account_freepages(zone, -((long)i << order), migratetype);
	spin_unlock_irqrestore(&zone->lock, flags);
	return i;
	/* LAB pcp end */
}

/*
 * nr_pcp_alloc - how many blocks of @order a refill takes: a batch, for
 * order 0 doubled on each refill without a free in between (alloc_factor,
 * up to CONFIG_PCP_BATCH_SCALE_MAX) while the lists stay a batch below
 * high; fewer for higher orders.
 */
static int nr_pcp_alloc(struct per_cpu_pages *pcp, int order)
{
	int high = pcp->high, base_batch = pcp->batch, batch;

	if (unlikely(high < base_batch))	/* the boot pageset keeps nothing */
		return 1;
	batch = order ? base_batch : base_batch << pcp->alloc_factor;
	if (!order) {
		int max_nr_alloc = max(high - pcp->count - base_batch, base_batch);

		if (batch <= max_nr_alloc && pcp->alloc_factor < CONFIG_PCP_BATCH_SCALE_MAX)
			pcp->alloc_factor++;
		batch = min(batch, max_nr_alloc);
	}
	if (batch > 1)
		batch = max(batch >> order, 2);
	return batch;
}

/* __rmqueue_pcplist - the hottest page of @list, refilled from the buddy lists if empty. */
static struct page *__rmqueue_pcplist(struct zone *zone, unsigned int order, int migratetype,
				      struct per_cpu_pages *pcp, struct list_head *list)
{
	/* LAB pcp: return NULL; */
	struct page *page;

	if (list_empty(list)) {
		int alloced = rmqueue_bulk(zone, order, nr_pcp_alloc(pcp, order), list,
					   migratetype);

		pcp->count += alloced << order;
		if (unlikely(list_empty(list)))
			return NULL;
	}
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	pcp->count -= 1 << order;
	return page;
	/* LAB pcp end */
}

/* rmqueue_pcplist - a block of @order (<= PAGE_ALLOC_COSTLY_ORDER) from the per-CPU lists. */
static struct page *rmqueue_pcplist(struct zone *zone, unsigned int order, int migratetype)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset;
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&pcp->lock, flags);
	pcp->free_count >>= 1;
	page = __rmqueue_pcplist(zone, order, migratetype, pcp,
				 &pcp->lists[order_to_pindex(migratetype, order)]);
	spin_unlock_irqrestore(&pcp->lock, flags);
	if (page)
		count_vm_events(PGALLOC_DMA + zone_idx(zone), 1L << order);
	return page;
}

/*
 * zone_batchsize - pages a refill or a drain moves: about a quarter of
 * 0.1% of the zone, at most 1 MiB / 4, rounded to 2^n - 1 (Linux: a power
 * of two aliases badly in caches).
 */
static int zone_batchsize(struct zone *zone)
{
	int batch = min(zone_managed_pages(zone) >> 10, (1UL << 20) / PAGE_SIZE) / 4;
	int pow2 = 1;

	if (batch < 1)
		batch = 1;
	while (pow2 * 2 <= batch + batch / 2)	/* rounddown_pow_of_two() */
		pow2 *= 2;
	return pow2 - 1;
}

/*
 * zone_highsize - the lists' high mark: the zone's low watermark split
 * over the zone's CPUs (one), so that full lists do not push the zone
 * below it; at least 4 batches.
 */
static int zone_highsize(struct zone *zone, int batch)
{
	return max((int)low_wmark_pages(zone), batch << 2);
}

/* zone_pcp_init - the boot pageset: empty lists that keep nothing yet. */
void zone_pcp_init(struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset;

	memset(pcp, 0, sizeof(*pcp));
	spin_lock_init(&pcp->lock);
	for (int pindex = 0; pindex < NR_PCP_LISTS; pindex++)
		INIT_LIST_HEAD(&pcp->lists[pindex]);
	pcp->high = BOOT_PAGESET_HIGH;
	pcp->batch = BOOT_PAGESET_BATCH;
}

/*
 * zone_pcp_update - batch and high from the zone's size and watermarks
 * (Linux: zone_set_pageset_high_and_batch() for each CPU). Lists above
 * the new high shrink on the next free.
 */
static void zone_pcp_update(struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset;
	int batch = max(1, zone_batchsize(zone));

	pcp->batch = batch;
	pcp->high = zone_highsize(zone, batch);
}

/**
 * zone_pcp_disable - send @zone's allocations and frees straight to the buddy lists
 * @zone: the zone
 *
 * The lists are drained and keep nothing (the boot pageset's high 0 and
 * batch 1) until zone_pcp_enable(): for whoever must see every page
 * freed or allocated on the buddy lists themselves (Linux: memory
 * offlining; here the buddy allocator's tests).
 */
void zone_pcp_disable(struct zone *zone)
{
	zone->per_cpu_pageset.high = BOOT_PAGESET_HIGH;
	zone->per_cpu_pageset.batch = BOOT_PAGESET_BATCH;
	drain_all_pages(zone);
}

/* zone_pcp_enable - the end of zone_pcp_disable(): batch and high as before. */
void zone_pcp_enable(struct zone *zone)
{
	zone_pcp_update(zone);
}

/* ---------------------------------------------------------------------- */
/* Allocating */

/**
 * zone_watermark_ok - may an allocation of @order take pages from @z?
 * @z: the zone
 * @order: the allocation order
 * @mark: the watermark (pages) that must remain free
 * @highest_zoneidx: the highest zone the allocation could use
 * @alloc_flags: ALLOC_* flags
 *
 * Enough pages must stay free above @mark plus the zone's lowmem reserve
 * for allocations that could have used a higher zone; and for order > 0
 * a block of at least @order must actually be free.
 */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	long min = mark, free_pages = zone_page_state(z, NR_FREE_PAGES);

	free_pages -= (1L << order) - 1;
	if (alloc_flags & ALLOC_MIN_RESERVE)
		min -= min / 2;
	if (free_pages <= min + z->lowmem_reserve[highest_zoneidx])
		return false;
	if (!order)
		return true;
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];

		if (!area->nr_free)
			continue;
		for (int mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!free_area_empty(area, mt))
				return true;
	}
	return false;
}

/* rmqueue_buddy - a block straight off the buddy lists (above the per-CPU orders). */
static struct page *rmqueue_buddy(struct zone *zone, unsigned int order, int migratetype)
{
	unsigned long flags;
	struct page *page;

	spin_lock_irqsave(&zone->lock, flags);
	page = __rmqueue(zone, order, migratetype);
	if (page)
		account_freepages(zone, -(1L << order), migratetype);
	spin_unlock_irqrestore(&zone->lock, flags);
	if (page)
		count_vm_events(PGALLOC_DMA + zone_idx(zone), 1L << order);
	return page;
}

/* rmqueue - a block of @order from @zone: the per-CPU lists for the cheap orders. */
static struct page *rmqueue(struct zone *zone, unsigned int order, int migratetype)
{
	struct page *page;

	if (likely(pcp_allowed_order(order))) {
		page = rmqueue_pcplist(zone, order, migratetype);
		if (likely(page))
			return page;
	}
	return rmqueue_buddy(zone, order, migratetype);
}

/* kernel_init_pages - zero @numpages pages from @page on, a page at a time. */
static void kernel_init_pages(struct page *page, int numpages)
{
	for (int i = 0; i < numpages; i++)
		clear_highpage(page + i);
}

/*
 * post_alloc_hook - what every block leaving the allocator gets, also one
 * that compaction takes straight off a free list: one reference, and
 * zeroed for __GFP_ZERO.
 */
void post_alloc_hook(struct page *page, unsigned int order, gfp_t gfp_flags)
{
	set_page_count(page, 1);
	if (gfp_flags & __GFP_ZERO)
		kernel_init_pages(page, 1 << order);
}

/*
 * prep_compound_page - make a block of 2^@order pages one large folio: the
 * head page is PG_head and the second page's flags hold the order
 * (folio_order()). Linux also points each tail page at the head
 * (compound_head); Pagoda's tail pages stay plain (docs/linux-6.12.md).
 */
static void prep_compound_page(struct page *page, unsigned int order)
{
	__SetPageHead(page);
	page[1].flags = (page[1].flags & ~PAGE_FLAGS_SECOND) | order;
}

/* prep_new_page - a block leaves the allocator; __GFP_COMP makes it a compound page. */
static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags)
{
	post_alloc_hook(page, order, gfp_flags);
	if (order && (gfp_flags & __GFP_COMP))
		prep_compound_page(page, order);
}

/*
 * zone_watermark_fast - zone_watermark_ok() with a shortcut for order 0:
 * free pages above @mark plus the lowmem reserve are enough, whatever
 * the reserve flags.
 */
static inline bool zone_watermark_fast(struct zone *z, unsigned int order, unsigned long mark,
				       int highest_zoneidx, unsigned int alloc_flags)
{
	if (!order && zone_page_state(z, NR_FREE_PAGES) > mark + z->lowmem_reserve[highest_zoneidx])
		return true;
	return zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags);
}

/*
 * get_page_from_freelist - try each allowed zone in zonelist order
 * (Normal -> DMA32 -> DMA, starting at the highest zone @gfp allows)
 * whose free pages stay above the watermark.
 */
static struct page *get_page_from_freelist(gfp_t gfp, unsigned int order,
					   unsigned int alloc_flags)
{
	int highest_zoneidx = gfp_zone(gfp), migratetype = gfp_migratetype(gfp);
	struct zoneref *z;

	for (z = contig_page_data.node_zonelists[0]._zonerefs; z->zone; z++) {
		struct zone *zone = z->zone;
		unsigned long mark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
		struct page *page;

		if (z->zone_idx > highest_zoneidx)
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS) &&
		    !zone_watermark_fast(zone, order, mark, highest_zoneidx, alloc_flags))
			continue;
		page = rmqueue(zone, order, migratetype);
		if (!page)
			continue;
		if (!check_pages(page, order, PAGE_FLAGS_CHECK_AT_PREP))
			continue;	/* bad_page() reported it; it stays leaked */
		prep_new_page(page, order, gfp);
		return page;
	}
	return NULL;
}

static void warn_alloc(gfp_t gfp, unsigned int order)
{
	if (gfp & __GFP_NOWARN)
		return;
	pr_warn("%s: page allocation failure: order:%u, mode:%#x\n", current->comm, order, gfp);
	dump_stack();
	show_mem();
}

/*
 * __alloc_pages_direct_compact - the allocation of @order failed: compact
 * (try_to_compact_pages()) and take the block compaction captured, or try
 * the free lists again. compact_stall counts the attempts that compacted
 * something, compact_success / compact_fail whether the allocation then
 * succeeded. Only for order > 0.
 */
static struct page *__alloc_pages_direct_compact(gfp_t gfp, unsigned int order,
						 unsigned int alloc_flags,
						 enum compact_priority prio,
						 enum compact_result *compact_result)
{
	struct page *page = NULL;

	*compact_result = COMPACT_SKIPPED;
	if (!order)
		return NULL;
	*compact_result = try_to_compact_pages(gfp, order, alloc_flags, gfp_zone(gfp), prio,
					       &page);
	if (*compact_result == COMPACT_SKIPPED)
		return NULL;
	count_vm_event(COMPACTSTALL);
	if (page)
		prep_new_page(page, order, gfp);
	else
		page = get_page_from_freelist(gfp, order, alloc_flags);
	if (page) {
		struct zone *zone = page_zone(page);

		zone->compact_blockskip_flush = false;
		compaction_defer_reset(zone, order, true);
		count_vm_event(COMPACTSUCCESS);
		return page;
	}
	count_vm_event(COMPACTFAIL);
	cond_resched();
	return NULL;
}

/* How often a costly order's compaction success that lost its block is retried, times 4. */
#define MAX_COMPACT_RETRIES 16

/*
 * should_compact_retry - direct compaction failed: try again? A success
 * that lost its block to a race is retried (a costly order MAX_COMPACT_RETRIES
 * / 4 times); a failure is retried at the next stronger priority, down to
 * MIN_COMPACT_COSTLY_PRIORITY for a costly order. Linux retries a skipped
 * compaction when reclaim could free order-0 pages; Pagoda has no reclaim,
 * so a skipped one is final.
 */
static bool should_compact_retry(unsigned int order, enum compact_result compact_result,
				 enum compact_priority *compact_priority, int *compaction_retries)
{
	int max_retries = MAX_COMPACT_RETRIES;
	int min_priority;

	if (!order || compact_result == COMPACT_SKIPPED)
		return false;
	if (compact_result == COMPACT_SUCCESS) {
		if (order > PAGE_ALLOC_COSTLY_ORDER)
			max_retries /= 4;
		if (++(*compaction_retries) <= max_retries)
			return true;
	}
	min_priority = order > PAGE_ALLOC_COSTLY_ORDER ?
		       MIN_COMPACT_COSTLY_PRIORITY : MIN_COMPACT_PRIORITY;
	if (*compact_priority > min_priority) {
		(*compact_priority)--;
		*compaction_retries = 0;
		return true;
	}
	return false;
}

/*
 * __alloc_pages_slowpath - no zone had the block above its low watermark.
 * Try down to the min watermark; then, for order > 0 and a caller that may
 * sleep, wake kcompactd and compact directly, async then at
 * DEF_COMPACT_PRIORITY (sync-light). A costly order stops there unless
 * __GFP_RETRY_MAYFAIL, which goes on while should_compact_retry() says so
 * (Linux does this after each reclaim round with progress; Pagoda has no
 * reclaim, and retries only for __GFP_RETRY_MAYFAIL). There is no OOM
 * killer here: a failure returns NULL, with a warning unless __GFP_NOWARN.
 */
static struct page *__alloc_pages_slowpath(gfp_t gfp, unsigned int order)
{
	enum compact_priority compact_priority = DEF_COMPACT_PRIORITY;
	enum compact_result compact_result;
	unsigned int alloc_flags = ALLOC_WMARK_MIN;
	int compaction_retries = 0;
	struct page *page;

	if (gfp & __GFP_HIGH)
		alloc_flags |= ALLOC_MIN_RESERVE;
	if (gfp & __GFP_MEMALLOC)
		alloc_flags |= ALLOC_NO_WATERMARKS;
	page = get_page_from_freelist(gfp, order, alloc_flags);
	if (!page) {	/* Linux drains after direct reclaim; Pagoda has none */
		drain_all_pages(NULL);
		page = get_page_from_freelist(gfp, order, alloc_flags);
	}
	if (page || !(gfp & __GFP_DIRECT_RECLAIM) || !order)
		goto out;
	wakeup_kcompactd(NODE_DATA(0), order, gfp_zone(gfp));
	page = __alloc_pages_direct_compact(gfp, order, alloc_flags, INIT_COMPACT_PRIORITY,
					    &compact_result);
	if (page || compact_result == COMPACT_SKIPPED)
		goto out;
	for (;;) {
		page = __alloc_pages_direct_compact(gfp, order, alloc_flags, compact_priority,
						    &compact_result);
		if (page || !(gfp & __GFP_RETRY_MAYFAIL))
			break;
		if (!should_compact_retry(order, compact_result, &compact_priority,
					  &compaction_retries))
			break;
	}
out:
	if (!page)
		warn_alloc(gfp, order);
	return page;
}

/**
 * alloc_pages - allocate 2^@order contiguous pages
 * @gfp: GFP flags: zone, migratetype and modifiers
 * @order: 0 .. MAX_ORDER-1
 *
 * The fast path keeps every zone above its low watermark; the slow path
 * (__alloc_pages_slowpath()) may go down to the min watermark (half of it
 * for __GFP_HIGH; all the way with __GFP_MEMALLOC, which Linux reserves
 * for reclaim itself) and compacts for order > 0.
 *
 * Returns the first page with _refcount 1, or NULL.
 */
struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct page *page;

	if (order >= MAX_ORDER) {
		WARN_ON_ONCE(!(gfp & __GFP_NOWARN));
		return NULL;
	}
	page = get_page_from_freelist(gfp, order, ALLOC_WMARK_LOW);
	if (page)
		return page;
	return __alloc_pages_slowpath(gfp, order);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

unsigned long nr_free_pages(void)
{
	return global_zone_page_state(NR_FREE_PAGES);
}

/* ---------------------------------------------------------------------- */
/* Watermarks and the lowmem reserve */

int min_free_kbytes = 1024;
static const int watermark_scale_factor = 10;	/* 0.1% of the zone */
static const int lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 256, 32 };

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

/*
 * setup_per_zone_wmarks - split min_free_kbytes over the zones by size
 * (WMARK_MIN), then low = min + max(min/4, 0.1% of the zone), high = low
 * plus the same step.
 */
void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_zone(zone)
		lowmem_pages += zone_managed_pages(zone);
	for_each_zone(zone) {
		unsigned long managed = zone_managed_pages(zone);
		unsigned long tmp = lowmem_pages ? pages_min * managed / lowmem_pages : 0;

		zone->_watermark[WMARK_MIN] = tmp;
		tmp = max(tmp >> 2, managed * watermark_scale_factor / 10000);
		zone->_watermark[WMARK_LOW] = min_wmark_pages(zone) + tmp;
		zone->_watermark[WMARK_HIGH] = low_wmark_pages(zone) + tmp;
	}
	for_each_zone(zone)
		zone_pcp_update(zone);
}

/*
 * setup_per_zone_lowmem_reserve - an allocation that could use zone j must
 * leave lowmem_reserve[j] pages of a lower zone i alone: the sum of the
 * managed pages of zones i+1..j divided by lowmem_reserve_ratio[i].
 */
static void setup_per_zone_lowmem_reserve(void)
{
	struct zone *zones = contig_page_data.node_zones;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		unsigned long managed = 0;
		bool clear = !zone_managed_pages(&zones[i]);

		for (int j = i + 1; j < MAX_NR_ZONES; j++) {
			managed += zone_managed_pages(&zones[j]);
			zones[i].lowmem_reserve[j] = clear || !zone_managed_pages(&zones[j]) ?
						     0 : managed / lowmem_reserve_ratio[i];
		}
	}
}

/**
 * init_per_zone_wmark_min - min_free_kbytes = sqrt(lowmem_kbytes * 16),
 * clamped to [128, 262144], then the watermarks and reserves follow
 */
void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes = nr_free_pages() * (PAGE_SIZE >> 10);

	min_free_kbytes = clamp(int_sqrt(lowmem_kbytes * 16), 128UL, 262144UL);
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
}
