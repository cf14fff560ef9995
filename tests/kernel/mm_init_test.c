// SPDX-License-Identifier: GPL-2.0
/*
 * mm_init_test.c - ktest cases for boot-time memory setup: zone sizes
 * against the e820 map, watermarks, struct pages, the kernel page tables
 * (arch/x86_64/mm/init_64.c) and memblock's reservations.
 */
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/vmstat.h>
#include <linux/multiboot2.h>
#include <asm/e820.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include "../../mm/internal.h"

/* RAM pages of the e820 map in [lo, hi), page 0 excluded (as boot does). */
static unsigned long e820_ram_pages(unsigned long lo, unsigned long hi)
{
	unsigned long pages = 0;

	for (u32 i = 0; i < e820_table.nr_entries; i++) {
		struct e820_entry *e = &e820_table.entries[i];
		unsigned long s = max(max(PFN_UP(e->addr), 1UL), lo);
		unsigned long end = min(PFN_DOWN(e->addr + e->size), hi);

		if (e->type == E820_TYPE_RAM && s < end)
			pages += end - s;
	}
	return pages;
}

KTEST(zone, sizes_match_the_e820_map)
{
	const unsigned long limits[MAX_NR_ZONES] = { MAX_DMA_PFN, MAX_DMA32_PFN, ~0UL };
	unsigned long lo = 1, managed = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++) {
		struct zone *zone = &contig_page_data.node_zones[z];
		unsigned long hi = min(limits[z], max_pfn);

		if (lo >= hi) {
			KTEST_EXPECT_EQ(t, zone->spanned_pages, 0);
			KTEST_EXPECT_EQ(t, zone->present_pages, 0);
			continue;
		}
		KTEST_EXPECT_EQ(t, zone->zone_start_pfn, lo);
		KTEST_EXPECT_EQ(t, zone->spanned_pages, hi - lo);
		KTEST_EXPECT_EQ(t, zone->present_pages, e820_ram_pages(lo, hi));
		KTEST_EXPECT_LE(t, zone_managed_pages(zone), zone->present_pages);
		KTEST_EXPECT_GT(t, zone_managed_pages(zone), 0);
		managed += zone_managed_pages(zone);
		lo = hi;
	}
	KTEST_EXPECT_EQ(t, managed, totalram_pages);
	KTEST_EXPECT_EQ(t, populated_zone(&contig_page_data.node_zones[ZONE_NORMAL]),
			max_pfn > MAX_DMA32_PFN);
}

KTEST(zone, zonelist_falls_back_normal_dma32_dma)
{
	struct zoneref *z = contig_page_data.node_zonelists[0]._zonerefs;
	int last = MAX_NR_ZONES;

	for (; z->zone; z++) {
		KTEST_EXPECT_LT(t, z->zone_idx, last);
		KTEST_EXPECT_TRUE(t, populated_zone(z->zone));
		last = z->zone_idx;
	}
	KTEST_EXPECT_EQ(t, last, ZONE_DMA);
}

KTEST(zone, watermarks_follow_min_free_kbytes)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10), sum = 0, zones = 0;
	struct zone *zone;

	/*
	 * Pages freed after boot (the initramfs image) grew totalram_pages
	 * since the boot computation: recompute, as writing the sysctl does.
	 */
	setup_per_zone_wmarks();
	KTEST_EXPECT_GE(t, min_free_kbytes, 128);
	KTEST_EXPECT_LE(t, min_free_kbytes, 262144);
	for_each_populated_zone(zone) {
		unsigned long managed = zone_managed_pages(zone);
		unsigned long step = max(min_wmark_pages(zone) / 4, managed * 10 / 10000);

		KTEST_EXPECT_EQ(t, min_wmark_pages(zone), pages_min * managed / totalram_pages);
		KTEST_EXPECT_EQ(t, low_wmark_pages(zone), min_wmark_pages(zone) + step);
		KTEST_EXPECT_EQ(t, high_wmark_pages(zone), low_wmark_pages(zone) + step);
		sum += min_wmark_pages(zone);
		zones++;
	}
	/* Rounding down per zone loses less than one page per zone. */
	KTEST_EXPECT_LE(t, sum, pages_min);
	KTEST_EXPECT_GT(t, sum + zones, pages_min);
}

KTEST(zone, watermark_check)
{
	struct zone *zone = &contig_page_data.node_zones[ZONE_DMA32];
	unsigned long free = zone_page_state(zone, NR_FREE_PAGES);

	KTEST_ASSERT_TRUE(t, populated_zone(zone));
	KTEST_EXPECT_TRUE(t, zone_watermark_ok(zone, 0, 0, ZONE_DMA32, 0));
	KTEST_EXPECT_FALSE(t, zone_watermark_ok(zone, 0, free, ZONE_DMA32, 0));
	KTEST_EXPECT_TRUE(t, zone_watermark_ok(zone, 0, free - 2, ZONE_DMA32, 0));
	/* The DMA zone keeps a reserve from allocations that could use DMA32. */
	zone = &contig_page_data.node_zones[ZONE_DMA];
	free = zone_page_state(zone, NR_FREE_PAGES);
	KTEST_EXPECT_GT(t, zone->lowmem_reserve[ZONE_DMA32], 0);
	KTEST_EXPECT_EQ(t, zone_watermark_ok(zone, 0, 0, ZONE_DMA32, 0),
			(long)free > zone->lowmem_reserve[ZONE_DMA32]);
}

KTEST(mm_init, struct_pages)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);

	KTEST_EXPECT_EQ(t, sizeof(struct page), 64);
	KTEST_EXPECT_TRUE(t, PageReserved(pfn_to_page(0)));
	KTEST_EXPECT_TRUE(t, PageReserved(virt_to_page(_text)));
	KTEST_EXPECT_EQ(t, page_count(virt_to_page(_text)), 1);
	KTEST_EXPECT_EQ(t, page_mapcount(virt_to_page(_text)), 0);
	KTEST_EXPECT_TRUE(t, PageReserved(virt_to_page(mem_map)));
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_FALSE(t, PageReserved(page));
	KTEST_EXPECT_FALSE(t, PageBuddy(page));
	KTEST_EXPECT_TRUE(t, virt_to_page(page_address(page)) == page);
	KTEST_EXPECT_TRUE(t, pfn_to_page(page_to_pfn(page)) == page);
	KTEST_EXPECT_EQ(t, __pa(page_address(page)), PFN_PHYS(page_to_pfn(page)));
	KTEST_EXPECT_TRUE(t, zone_spans_pfn(page_zone(page), page_to_pfn(page)));
	__free_pages(page, 0);
	KTEST_EXPECT_EQ(t, page_count(page), 0);
}

static bool mapped_as(unsigned long addr, unsigned long set, unsigned long clear,
		      unsigned int want_level)
{
	unsigned int level;
	pte_t *pte = lookup_address(addr, &level);

	return pte && level == want_level && (pte_flags(*pte) & set) == set &&
	       !(pte_flags(*pte) & clear);
}

KTEST(pgtable, kernel_sections_have_their_protections)
{
	KTEST_EXPECT_TRUE(t, mapped_as((unsigned long)_text, _PAGE_PRESENT | _PAGE_GLOBAL,
				       _PAGE_RW | _PAGE_NX | _PAGE_USER, PG_LEVEL_4K));
	KTEST_EXPECT_TRUE(t, mapped_as((unsigned long)_rodata, _PAGE_PRESENT | _PAGE_NX,
				       _PAGE_RW | _PAGE_USER, PG_LEVEL_4K));
	KTEST_EXPECT_TRUE(t, mapped_as((unsigned long)_sdata, _PAGE_PRESENT | _PAGE_RW | _PAGE_NX,
				       _PAGE_USER, PG_LEVEL_4K));
	KTEST_EXPECT_TRUE(t, mapped_as((unsigned long)__bss_start,
				       _PAGE_PRESENT | _PAGE_RW | _PAGE_NX, _PAGE_USER, PG_LEVEL_4K));
	KTEST_EXPECT_TRUE(t, mapped_as((unsigned long)__kallsyms_start, _PAGE_PRESENT | _PAGE_NX,
				       _PAGE_RW, PG_LEVEL_4K));
}

KTEST(pgtable, direct_map_and_nothing_else)
{
	unsigned long ram_2m = (unsigned long)__va(32UL << 20);	/* RAM at 32 MiB: 2 MiB page */

	KTEST_EXPECT_TRUE(t, mapped_as(ram_2m, _PAGE_PRESENT | _PAGE_RW | _PAGE_NX | _PAGE_PSE,
				       _PAGE_USER, PG_LEVEL_2M));
	KTEST_EXPECT_TRUE(t, mapped_as((unsigned long)__va(0x1000), _PAGE_PRESENT | _PAGE_NX,
				       _PAGE_USER, PG_LEVEL_4K));
	KTEST_EXPECT_TRUE(t, mapped_as((unsigned long)__va(PFN_PHYS(max_pfn) - PAGE_SIZE),
				       _PAGE_PRESENT | _PAGE_RW, _PAGE_USER, PG_LEVEL_2M) ||
			     mapped_as((unsigned long)__va(PFN_PHYS(max_pfn) - PAGE_SIZE),
				       _PAGE_PRESENT | _PAGE_RW, _PAGE_USER, PG_LEVEL_4K));
	/* No identity map, no page 0, nothing beyond RAM, no boot code. */
	KTEST_EXPECT_TRUE(t, pgd_none(swapper_pg_dir[0]));
	KTEST_EXPECT_TRUE(t, pgd_none(swapper_pg_dir[pgd_index(0x7fffffffffffUL)]));
	KTEST_EXPECT_NULL(t, lookup_address((unsigned long)__va(0), &(unsigned int){ 0 }));
	KTEST_EXPECT_NULL(t, lookup_address((unsigned long)__va(PFN_PHYS(max_pfn)),
					    &(unsigned int){ 0 }));
	KTEST_EXPECT_NULL(t, lookup_address(__START_KERNEL_map + (unsigned long)_boot_start,
					    &(unsigned int){ 0 }));
}

KTEST(memblock, reservations_at_boot)
{
	phys_addr_t start, end;
	unsigned long free_pages = 0;
	u64 i;

	KTEST_EXPECT_TRUE(t, memblock_is_reserved(__pa(_text)));
	KTEST_EXPECT_TRUE(t, memblock_is_reserved(__pa(_end) - 1));
	KTEST_EXPECT_FALSE(t, memblock_is_reserved((phys_addr_t)_boot_start));	/* freed */
	KTEST_EXPECT_FALSE(t, memblock_is_memory(0));
	KTEST_EXPECT_TRUE(t, memblock_is_memory(PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, memblock_is_reserved(__pa(mem_map)));
	/* Module 0, the initramfs, was unpacked and freed (free_reserved_area()). */
	for (int m = 1; m < nr_boot_modules; m++)
		KTEST_EXPECT_TRUE(t, memblock_is_reserved(boot_modules[m].start));
	if (nr_boot_modules && boot_modules[0].end - boot_modules[0].start >= PAGE_SIZE)
		KTEST_EXPECT_FALSE(t, memblock_is_reserved(boot_modules[0].start));
	/* The free ranges are exactly what went to the buddy allocator. */
	for_each_free_mem_range(i, &start, &end)
		if (PFN_UP(start) < PFN_DOWN(end))
			free_pages += PFN_DOWN(end) - PFN_UP(start);
	KTEST_EXPECT_EQ(t, free_pages, totalram_pages);
}
