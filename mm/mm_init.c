// SPDX-License-Identifier: GPL-2.0
/*
 * mm_init.c - setting up the memory-management core at boot: zones, the
 * mem_map array of struct pages, pageblock bitmaps, zonelists, and handing
 * memblock's free memory to the buddy allocator. Mirrors mm/mm_init.c.
 *
 * Every struct page starts out reserved (PG_reserved, _refcount 1); only
 * the pages memblock_free_all() releases become free buddy pages. Every
 * pageblock starts as MIGRATE_MOVABLE, as in Linux; kernel allocations
 * claim blocks for themselves by fallback stealing (page_alloc.c).
 */
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/slab.h>
#include <asm/sections.h>
#include "internal.h"

struct pglist_data contig_page_data;
struct page *mem_map;
unsigned long totalram_pages;

static const char *const zone_names[MAX_NR_ZONES] = { "DMA", "DMA32", "Normal" };

/* The RAM pages (memblock.memory) in [start_pfn, end_pfn). */
static unsigned long present_pages_in_range(unsigned long start_pfn, unsigned long end_pfn)
{
	struct memblock_region *r;
	unsigned long pages = 0;
	u64 i;

	for_each_mem_region(i, r) {
		unsigned long s = max(start_pfn, PFN_DOWN(r->base));
		unsigned long e = min(end_pfn, PFN_DOWN(r->base + r->size));

		if (s < e)
			pages += e - s;
	}
	return pages;
}

static void print_zone_ranges(unsigned long *zone_start, unsigned long *zone_end)
{
	struct memblock_region *r;
	u64 i;

	pr_info("Zone ranges:\n");
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		if (zone_start[z] == zone_end[z])
			pr_info("  %-8s empty\n", zone_names[z]);
		else
			pr_info("  %-8s [mem %#018lx-%#018lx]\n", zone_names[z],
				PFN_PHYS(zone_start[z]), PFN_PHYS(zone_end[z]) - 1);
	}
	pr_info("Early memory node ranges\n");
	for_each_mem_region(i, r)
		pr_info("  node   0: [mem %#018lx-%#018lx]\n", r->base, r->base + r->size - 1);
}

/* The pageblock bitmap covers the zone from its first pageblock boundary. */
static void setup_usemap(struct zone *zone)
{
	unsigned long start = ALIGN_DOWN(zone->zone_start_pfn, pageblock_nr_pages);
	unsigned long blocks = DIV_ROUND_UP(zone_end_pfn(zone) - start, pageblock_nr_pages);
	unsigned long bits = blocks * NR_PAGEBLOCK_BITS;

	zone->pageblock_flags = memblock_alloc(DIV_ROUND_UP(bits, 64) * sizeof(long), 8);
}

/* __init_single_page - a reserved page of @zone (as Linux's memmap init does). */
static void __init_single_page(struct page *page, enum zone_type zone)
{
	memset(page, 0, sizeof(*page));
	set_page_zone(page, zone);
	init_page_count(page);
	page_mapcount_reset(page);
	INIT_LIST_HEAD(&page->lru);
	__SetPageReserved(page);
}

static void memmap_init_zone(struct zone *zone)
{
	enum zone_type z = zone_idx(zone);

	for (unsigned long pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++) {
		struct page *page = pfn_to_page(pfn);

		__init_single_page(page, z);
		if (IS_ALIGNED(pfn, pageblock_nr_pages) || pfn == zone->zone_start_pfn)
			set_pageblock_migratetype(page, MIGRATE_MOVABLE);
	}
}

static void zone_init(struct zone *zone, enum zone_type z, unsigned long start_pfn,
		      unsigned long end_pfn)
{
	unsigned int order, t;

	zone->name = zone_names[z];
	zone->zone_pgdat = &contig_page_data;
	zone->zone_start_pfn = start_pfn;
	zone->spanned_pages = end_pfn - start_pfn;
	zone->present_pages = present_pages_in_range(start_pfn, end_pfn);
	spin_lock_init(&zone->lock);
	for_each_migratetype_order(order, t)
		INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
	zone_pcp_init(zone);
	if (!zone->spanned_pages)
		return;
	setup_usemap(zone);
	memmap_init_zone(zone);
}

/*
 * build_all_zonelists - the fallback order: Normal, then DMA32, then DMA.
 * An allocation limited to zone Z starts at the first entry <= Z.
 */
static void build_all_zonelists(void)
{
	struct zoneref *zref = contig_page_data.node_zonelists[0]._zonerefs;
	int n = 0;

	for (int z = MAX_NR_ZONES - 1; z >= 0; z--) {
		struct zone *zone = &contig_page_data.node_zones[z];

		if (populated_zone(zone))
			zref[n++] = (struct zoneref){ zone, z };
	}
	zref[n] = (struct zoneref){ NULL, 0 };
	pr_info("Built 1 zonelists, mobility grouping on. Total pages: %lu\n",
		contig_page_data.node_present_pages);
}

/**
 * free_area_init - initialise the node, its zones and every struct page
 * @max_zone_pfn: for each zone, the pfn it ends at
 */
void free_area_init(unsigned long *max_zone_pfn)
{
	struct pglist_data *pgdat = &contig_page_data;
	unsigned long zone_start[MAX_NR_ZONES], zone_end[MAX_NR_ZONES];
	unsigned long start = PFN_DOWN(memblock_start_of_DRAM());
	size_t map_size = max_pfn * sizeof(struct page);

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		zone_start[z] = z ? zone_end[z - 1] : start;
		zone_end[z] = max(max_zone_pfn[z], zone_start[z]);
	}
	print_zone_ranges(zone_start, zone_end);
	pr_info("Initmem setup node 0 [mem %#018lx-%#018lx]\n", PFN_PHYS(start),
		PFN_PHYS(max_pfn) - 1);

	mem_map = memblock_alloc(map_size, PAGE_SIZE);
	pr_info("mem_map: %lu struct pages of %zu bytes: %luK at %px\n", max_pfn,
		sizeof(struct page), (unsigned long)(map_size >> 10), mem_map);
	for (unsigned long pfn = 0; pfn < start; pfn++)	/* below the first zone */
		__init_single_page(pfn_to_page(pfn), ZONE_DMA);

	pgdat->node_start_pfn = start;
	lruvec_init(&pgdat->__lruvec);
	pgdat->node_spanned_pages = max_pfn - start;
	for (int z = 0; z < MAX_NR_ZONES; z++) {
		zone_init(&pgdat->node_zones[z], z, zone_start[z], zone_end[z]);
		pgdat->node_present_pages += pgdat->node_zones[z].present_pages;
	}
	build_all_zonelists();
}

static void print_memory_summary(void)
{
	unsigned long physpages = contig_page_data.node_present_pages;
	unsigned long codesize = _etext - _text, rosize = _erodata - _rodata;
	unsigned long datasize = _edata - _sdata, bsssize = __bss_stop - __bss_start;

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, "
		"%luK bss, %luK reserved)\n", nr_free_pages() << (PAGE_SHIFT - 10),
		physpages << (PAGE_SHIFT - 10), codesize >> 10, datasize >> 10, rosize >> 10,
		bsssize >> 10, (physpages - totalram_pages) << (PAGE_SHIFT - 10));
}

/**
 * mm_core_init - bring up the page and slab allocators and vmalloc
 *
 * After this, alloc_pages(), kmalloc() and vmalloc() work and memblock is
 * retired.
 */
void mm_core_init(void)
{
	totalram_pages = memblock_free_all();
	init_per_zone_wmark_min();
	print_memory_summary();
	kmem_cache_init();
	vmalloc_init();
}
