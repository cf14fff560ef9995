/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmzone.h - zones, free areas, migratetypes and pageblocks. Mirrors
 * include/linux/mmzone.h and pageblock-flags.h.
 *
 * Physical memory (one NUMA node, contig_page_data) is split into zones by
 * what devices can address: ZONE_DMA below 16 MiB, ZONE_DMA32 below 4 GiB,
 * ZONE_NORMAL above. Each zone's free memory is kept by the buddy allocator
 * in free_area[order] (blocks of 2^order pages, order 0..MAX_ORDER-1), each
 * with one list per migratetype.
 *
 * A zone is also divided into pageblocks of 2^pageblock_order pages (2 MiB).
 * Each pageblock has a migratetype in the zone's pageblock_flags bitmap: the
 * kind of allocation the block serves. Keeping movable allocations (user
 * pages) apart from unmovable ones (kernel objects) is what lets compaction
 * later build large free blocks by moving movable pages.
 *
 * Blocks of order 0..PAGE_ALLOC_COSTLY_ORDER are freed to and allocated
 * from the zone's per-CPU page lists first (struct per_cpu_pages): the
 * buddy lists are touched a batch at a time.
 *
 *   zone->free_area[3].free_list[MIGRATE_MOVABLE] -> 8-page free blocks
 *   zone->per_cpu_pageset.lists[order_to_pindex()] -> pages kept per CPU
 *   get_pageblock_migratetype(page)               -> block's migratetype
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/vmstat_items.h>

#define MAX_ORDER		11	/* orders 0..10: blocks up to 4 MiB */
#define MAX_ORDER_NR_PAGES	(1UL << (MAX_ORDER - 1))
#define pageblock_order		9
#define pageblock_nr_pages	(1UL << pageblock_order)
#define pageblock_start_pfn(pfn)	ALIGN_DOWN((pfn), pageblock_nr_pages)
#define pageblock_end_pfn(pfn)		ALIGN((pfn) + 1, pageblock_nr_pages)
/* Orders above this are costly: the allocator tries less hard (include/linux/mmzone.h). */
#define PAGE_ALLOC_COSTLY_ORDER	3

enum migratetype {
	MIGRATE_UNMOVABLE,	/* kernel allocations: page tables, slab, stacks */
	MIGRATE_MOVABLE,	/* user pages: can be migrated by compaction */
	MIGRATE_RECLAIMABLE,	/* caches that can be freed on demand */
	MIGRATE_PCPTYPES,	/* the types that serve allocations */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,	/* Linux's reserve for high-order atomic
						 * allocations: Pagoda reserves none */
	MIGRATE_ISOLATE,	/* set aside; never allocated from */
	MIGRATE_TYPES
};

extern const char *const migratetype_names[MIGRATE_TYPES];

/* Pageblock bits: 3 bits of migratetype and the compaction skip bit. */
enum pageblock_bits {
	PB_migrate,
	PB_migrate_end = PB_migrate + 3 - 1,
	PB_migrate_skip,
	NR_PAGEBLOCK_BITS
};

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks of this order, all types */
};

/*
 * struct per_cpu_pages - the free pages a CPU keeps for itself, one list
 * per order up to PAGE_ALLOC_COSTLY_ORDER and pcp migratetype (Linux's
 * NR_PCP_THP lists are left out: no THP). Its pages are allocated as far
 * as the zone is concerned: not PageBuddy, not in NR_FREE_PAGES.
 */
#define NR_PCP_LISTS		(MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))

struct per_cpu_pages {
	spinlock_t lock;	/* protects the lists */
	int count;		/* pages on the lists */
	int high;		/* at this many, free a batch back to the buddy lists */
	int batch;		/* pages moved to or from the buddy lists at a time */
	u8 alloc_factor;	/* refills grow to batch << alloc_factor */
	short free_count;	/* pages freed in a row: frees drain that many */
	struct list_head lists[NR_PCP_LISTS];	/* hot (last freed) pages first */
};

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	MAX_NR_ZONES
};

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK
};

/*
 * The LRU lists of a node: folios in use by user space, least recently
 * used last (mm/swap.c adds them, mm/vmscan.c will reclaim from them).
 * Anonymous and file folios age apart; the active lists hold those used
 * again since they were added. LRU_UNEVICTABLE (ramfs's pages, mlocked
 * ones) is a count without a list, as in Linux.
 */
#define LRU_BASE	0
#define LRU_ACTIVE	1
#define LRU_FILE	2

enum lru_list {
	LRU_INACTIVE_ANON = LRU_BASE,
	LRU_ACTIVE_ANON = LRU_BASE + LRU_ACTIVE,
	LRU_INACTIVE_FILE = LRU_BASE + LRU_FILE,
	LRU_ACTIVE_FILE = LRU_BASE + LRU_FILE + LRU_ACTIVE,
	LRU_UNEVICTABLE,
	NR_LRU_LISTS
};

#define for_each_lru(lru) for (lru = 0; lru < NR_LRU_LISTS; lru++)
#define for_each_evictable_lru(lru) for (lru = 0; lru <= LRU_ACTIVE_FILE; lru++)

static inline bool is_file_lru(enum lru_list lru)
{
	return lru == LRU_INACTIVE_FILE || lru == LRU_ACTIVE_FILE;
}

static inline bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON || lru == LRU_ACTIVE_FILE;
}

/* struct lruvec - a node's LRU lists (Linux: per memory cgroup and node). */
struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
	spinlock_t lru_lock;		/* protects lists and PG_lru changes of listed folios */
};

struct pglist_data;

struct zone {
	unsigned long _watermark[NR_WMARK];
	/* Pages kept back from allocations that could use a higher zone. */
	long lowmem_reserve[MAX_NR_ZONES];
	struct pglist_data *zone_pgdat;
	unsigned long *pageblock_flags;	/* NR_PAGEBLOCK_BITS per pageblock */

	unsigned long zone_start_pfn;
	unsigned long spanned_pages;	/* zone_end_pfn - zone_start_pfn, holes included */
	unsigned long present_pages;	/* RAM pages in the span */
	atomic_long_t managed_pages;	/* pages given to the buddy allocator */
	const char *name;

	/* One CPU: this CPU's lists (Linux: a __percpu pointer). */
	struct per_cpu_pages per_cpu_pageset;

	spinlock_t lock;		/* protects free_area and pageblock_flags */
	struct free_area free_area[MAX_ORDER];

	/* Compaction (mm/compaction.c): where the scanners stopped, deferral. */
	unsigned long compact_cached_free_pfn;
	unsigned long compact_cached_migrate_pfn[2];	/* [async, sync] */
	unsigned long compact_init_free_pfn;	/* where a fresh free scanner starts */
	unsigned int compact_considered;	/* attempts since the deferral began */
	unsigned int compact_defer_shift;	/* skip 1 << shift attempts */
	int compact_order_failed;		/* lowest order that failed */
	bool compact_blockskip_flush;		/* the scanners met: clear skip bits */

	atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS];
};

/* A zonelist: the zones to try, best first, for an allocation. */
struct zoneref {
	struct zone *zone;
	int zone_idx;
};

struct zonelist {
	struct zoneref _zonerefs[MAX_NR_ZONES + 1];	/* NULL-terminated */
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[1];
	int nr_zones;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
	struct lruvec __lruvec;		/* use folio_lruvec() */
	atomic_long_t vm_stat[NR_VM_NODE_STAT_ITEMS];
} pg_data_t;

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid) (&contig_page_data)

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return (unsigned long)atomic_long_read(&zone->managed_pages);
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages;
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone_managed_pages(zone);
}

static inline int zone_idx(const struct zone *zone)
{
	return zone - zone->zone_pgdat->node_zones;
}

#define min_wmark_pages(z) ((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z) ((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z) ((z)->_watermark[WMARK_HIGH])
#define wmark_pages(z, i) ((z)->_watermark[i])

static inline bool free_area_empty(const struct free_area *area, int migratetype)
{
	return list_empty(&area->free_list[migratetype]);
}

#define for_each_migratetype_order(order, type)			\
	for (order = 0; order < MAX_ORDER; order++)			\
		for (type = 0; type < MIGRATE_TYPES; type++)

#define for_each_zone(zone)						\
	for (zone = contig_page_data.node_zones;			\
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)

#define for_each_populated_zone(zone)					\
	for_each_zone(zone)						\
		if (!populated_zone(zone))				\
			; /* do nothing */				\
		else

void lruvec_init(struct lruvec *lruvec);

struct page;
unsigned long get_pfnblock_flags_mask(const struct page *page, unsigned long pfn,
				      unsigned long mask);
void set_pfnblock_flags_mask(struct page *page, unsigned long flags, unsigned long pfn,
			     unsigned long mask);
int get_pageblock_migratetype(const struct page *page);
void set_pageblock_migratetype(struct page *page, int migratetype);

#endif /* _LINUX_MMZONE_H */
