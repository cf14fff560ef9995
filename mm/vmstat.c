// SPDX-License-Identifier: GPL-2.0
/*
 * vmstat.c - memory counters and the pseudo-files that show them:
 * /proc/vmstat, /proc/buddyinfo, /proc/pagetypeinfo and /proc/zoneinfo,
 * each in Linux's exact format. Mirrors mm/vmstat.c.
 *
 * The boot word proc_show=buddyinfo,zoneinfo,vmstat,meminfo,... prints
 * the named files at the end of boot.
 */
#include <linux/vmstat.h>
#include <linux/mm.h>
#include <linux/seq_file.h>
#include <linux/proc_views.h>
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/compaction.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include "internal.h"

atomic_long_t vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
atomic_long_t vm_node_stat[NR_VM_NODE_STAT_ITEMS];
unsigned long vm_event_states[NR_VM_EVENT_ITEMS];

static const char *const zone_stat_names[NR_VM_ZONE_STAT_ITEMS] = {
	[NR_FREE_PAGES] = "nr_free_pages",
	[NR_ZONE_INACTIVE_ANON] = "nr_zone_inactive_anon",
	[NR_ZONE_ACTIVE_ANON] = "nr_zone_active_anon",
	[NR_ZONE_INACTIVE_FILE] = "nr_zone_inactive_file",
	[NR_ZONE_ACTIVE_FILE] = "nr_zone_active_file",
	[NR_ZONE_UNEVICTABLE] = "nr_zone_unevictable",
	[NR_MLOCK] = "nr_mlock",
};

static const char *const node_stat_names[NR_VM_NODE_STAT_ITEMS] = {
	[NR_INACTIVE_ANON] = "nr_inactive_anon",
	[NR_ACTIVE_ANON] = "nr_active_anon",
	[NR_INACTIVE_FILE] = "nr_inactive_file",
	[NR_ACTIVE_FILE] = "nr_active_file",
	[NR_UNEVICTABLE] = "nr_unevictable",
	[NR_ANON_MAPPED] = "nr_anon_pages",
	[NR_FILE_MAPPED] = "nr_mapped",
	[NR_FILE_PAGES] = "nr_file_pages",
	[NR_SHMEM] = "nr_shmem",
	[NR_SLAB_RECLAIMABLE_B] = "nr_slab_reclaimable",
	[NR_SLAB_UNRECLAIMABLE_B] = "nr_slab_unreclaimable",
	[NR_FOLL_PIN_ACQUIRED] = "nr_foll_pin_acquired",
	[NR_FOLL_PIN_RELEASED] = "nr_foll_pin_released",
	[NR_KERNEL_STACK_KB] = "nr_kernel_stack",
	[NR_PAGETABLE] = "nr_page_table_pages",
};

static const char *const vm_event_names[NR_VM_EVENT_ITEMS] = {
	[PGALLOC_DMA] = "pgalloc_dma",
	[PGALLOC_DMA32] = "pgalloc_dma32",
	[PGALLOC_NORMAL] = "pgalloc_normal",
	[PGFREE] = "pgfree",
	[PGACTIVATE] = "pgactivate",
	[PGFAULT] = "pgfault",
	[PGMAJFAULT] = "pgmajfault",
	[PGREUSE] = "pgreuse",
	[PGMIGRATE_SUCCESS] = "pgmigrate_success",
	[PGMIGRATE_FAIL] = "pgmigrate_fail",
	[COMPACTMIGRATE_SCANNED] = "compact_migrate_scanned",
	[COMPACTFREE_SCANNED] = "compact_free_scanned",
	[COMPACTISOLATED] = "compact_isolated",
	[COMPACTSTALL] = "compact_stall",
	[COMPACTFAIL] = "compact_fail",
	[COMPACTSUCCESS] = "compact_success",
	[COW_KSM] = "cow_ksm",
	[KCOMPACTD_WAKE] = "compact_daemon_wake",
	[KCOMPACTD_MIGRATE_SCANNED] = "compact_daemon_migrate_scanned",
	[KCOMPACTD_FREE_SCANNED] = "compact_daemon_free_scanned",
	[HTLB_BUDDY_PGALLOC] = "htlb_buddy_alloc_success",
	[HTLB_BUDDY_PGALLOC_FAIL] = "htlb_buddy_alloc_fail",
	[UNEVICTABLE_PGCULLED] = "unevictable_pgs_culled",
	[UNEVICTABLE_PGRESCUED] = "unevictable_pgs_rescued",
	[UNEVICTABLE_PGMLOCKED] = "unevictable_pgs_mlocked",
	[UNEVICTABLE_PGMUNLOCKED] = "unevictable_pgs_munlocked",
	[UNEVICTABLE_PGCLEARED] = "unevictable_pgs_cleared",
	[UNEVICTABLE_PGSTRANDED] = "unevictable_pgs_stranded",
#ifdef CONFIG_DEBUG_TLBFLUSH
	[NR_TLB_REMOTE_FLUSH] = "nr_tlb_remote_flush",
	[NR_TLB_REMOTE_FLUSH_RECEIVED] = "nr_tlb_remote_flush_received",
	[NR_TLB_LOCAL_FLUSH_ALL] = "nr_tlb_local_flush_all",
	[NR_TLB_LOCAL_FLUSH_ONE] = "nr_tlb_local_flush_one",
#endif
	[COW_FAULT] = "cow_fault",
	[COW_COPY] = "cow_copy",
};

/* /proc/vmstat: "name value" per line: zone, then node counters, then events. */
int vmstat_show(struct seq_file *m, void *v)
{
	for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", zone_stat_names[i], global_zone_page_state(i));
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", node_stat_names[i], global_node_page_state(i));
	for (int i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vm_event_names[i], vm_event_states[i]);
	return 0;
}

/* --- fragmentation: the numbers compaction decides by (and debugfs extfrag shows) --- */

struct contig_page_info {
	unsigned long free_pages;
	unsigned long free_blocks_total;
	unsigned long free_blocks_suitable;	/* blocks of @suitable_order a free list could give */
};

static void fill_contig_page_info(struct zone *zone, unsigned int suitable_order,
				  struct contig_page_info *info)
{
	info->free_pages = info->free_blocks_total = info->free_blocks_suitable = 0;
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = zone->free_area[order].nr_free;

		info->free_blocks_total += blocks;
		info->free_pages += blocks << order;
		if (order >= suitable_order)
			info->free_blocks_suitable += blocks << (order - suitable_order);
	}
}

/*
 * __fragmentation_index - towards 0: an allocation of @order fails for
 * lack of memory; towards 1000: for lack of contiguity; -1000: it would
 * succeed. 0 with nothing free. (Mel Gorman's index, as Linux.)
 */
static int __fragmentation_index(unsigned int order, struct contig_page_info *info)
{
	unsigned long requested = 1UL << order;

	if (!info->free_blocks_total)
		return 0;
	if (info->free_blocks_suitable)
		return -1000;
	return 1000 - div_u64(1000 + div_u64(info->free_pages * 1000ULL, requested),
			      info->free_blocks_total);
}

/* fragmentation_index - __fragmentation_index() of @zone now. */
int fragmentation_index(struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	return __fragmentation_index(order, &info);
}

/* extfrag_for_order - the percentage of free memory in blocks smaller than @order. */
unsigned int extfrag_for_order(struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	if (!info.free_pages)
		return 0;
	return div_u64((info.free_pages - (info.free_blocks_suitable << order)) * 100,
		       info.free_pages);
}

/* unusable_free_index - the share (in thousandths) of free memory in blocks below @order. */
static int unusable_free_index(unsigned int order, struct contig_page_info *info)
{
	if (!info->free_pages)
		return 1000;
	return div_u64((info->free_pages - (info->free_blocks_suitable << order)) * 1000ULL,
		       info->free_pages);
}

/*
 * /sys/kernel/debug/extfrag/unusable_index and extfrag_index: per zone
 * and order, the unusable free space index (0.000 .. 1.000) and the
 * fragmentation index (-1.000 when a block is free), as Linux prints them.
 */
/* walk_zones_in_node - @print each populated zone of the node (Pagoda has one). */
static void walk_zones_in_node(struct seq_file *m, pg_data_t *pgdat,
			       void (*print)(struct seq_file *m, pg_data_t *pgdat, struct zone *zone))
{
	struct zone *zone;

	for_each_populated_zone(zone)
		print(m, pgdat, zone);
}

static void unusable_show_print(struct seq_file *m, pg_data_t *pgdat, struct zone *zone)
{
	struct contig_page_info info;

	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		int index;

		fill_contig_page_info(zone, order, &info);
		index = unusable_free_index(order, &info);
		seq_printf(m, "%d.%03d ", index / 1000, index % 1000);
	}
	seq_putc(m, '\n');
}

static void extfrag_show_print(struct seq_file *m, pg_data_t *pgdat, struct zone *zone)
{
	struct contig_page_info info;

	seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		int index;

		fill_contig_page_info(zone, order, &info);
		index = __fragmentation_index(order, &info);
		seq_printf(m, "%2d.%03d ", index / 1000, index % 1000);
	}
	seq_putc(m, '\n');
}

static int unusable_show(struct seq_file *m, void *v)
{
	walk_zones_in_node(m, &contig_page_data, unusable_show_print);
	return 0;
}

static int extfrag_show(struct seq_file *m, void *v)
{
	walk_zones_in_node(m, &contig_page_data, extfrag_show_print);
	return 0;
}

static int unusable_open(struct inode *inode, struct file *file)
{
	return single_open(file, unusable_show, NULL);
}

static int extfrag_open(struct inode *inode, struct file *file)
{
	return single_open(file, extfrag_show, NULL);
}

static const struct file_operations unusable_fops = {
	.open = unusable_open,
	.read_iter = seq_read_iter,
	.release = single_release,
};

static const struct file_operations extfrag_fops = {
	.open = extfrag_open,
	.read_iter = seq_read_iter,
	.release = single_release,
};

static int __init extfrag_debug_init(void)
{
	struct dentry *dir = debugfs_create_dir("extfrag", NULL);

	if (IS_ERR(dir) ||
	    IS_ERR(debugfs_create_file("unusable_index", 0444, dir, NULL, &unusable_fops)) ||
	    IS_ERR(debugfs_create_file("extfrag_index", 0444, dir, NULL, &extfrag_fops)))
		pr_err("vmstat: cannot create the extfrag debugfs files\n");
	return 0;
}
late_initcall(extfrag_debug_init);

/* /proc/buddyinfo: free blocks per order, one line per zone. */
int buddyinfo_show(struct seq_file *m, void *v)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		seq_printf(m, "Node %d, zone %8s ", 0, zone->name);
		for (int order = 0; order < MAX_ORDER; order++)
			seq_printf(m, "%6lu ", zone->free_area[order].nr_free);
		seq_putc(m, '\n');
	}
	return 0;
}

static void pagetypeinfo_showfree(struct seq_file *m)
{
	struct zone *zone;

	seq_printf(m, "%-43s ", "Free pages count per migrate type at order");
	for (int order = 0; order < MAX_ORDER; order++)
		seq_printf(m, "%6d ", order);
	seq_putc(m, '\n');
	for_each_populated_zone(zone) {
		for (int mt = 0; mt < MIGRATE_TYPES; mt++) {
			seq_printf(m, "Node %4d, zone %8s, type %12s ", 0, zone->name,
				   migratetype_names[mt]);
			for (int order = 0; order < MAX_ORDER; order++)
				seq_printf(m, "%6lu ",
					   list_count_nodes(&zone->free_area[order].free_list[mt]));
			seq_putc(m, '\n');
		}
	}
}

static void pagetypeinfo_showblockcount(struct seq_file *m)
{
	struct zone *zone;

	seq_printf(m, "\n%-23s", "Number of blocks type ");
	for (int mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_printf(m, "%12s ", migratetype_names[mt]);
	seq_putc(m, '\n');
	for_each_populated_zone(zone) {
		unsigned long count[MIGRATE_TYPES] = { 0 };
		unsigned long pfn = ALIGN(zone->zone_start_pfn, pageblock_nr_pages);

		for (; pfn < zone_end_pfn(zone); pfn += pageblock_nr_pages)
			count[get_pageblock_migratetype(pfn_to_page(pfn))]++;
		seq_printf(m, "Node %d, zone %8s ", 0, zone->name);
		for (int mt = 0; mt < MIGRATE_TYPES; mt++)
			seq_printf(m, "%12lu ", count[mt]);
		seq_putc(m, '\n');
	}
}

/* /proc/pagetypeinfo: free blocks per order and migratetype, pageblocks per type. */
int pagetypeinfo_show(struct seq_file *m, void *v)
{
	seq_printf(m, "Page block order: %d\n", pageblock_order);
	seq_printf(m, "Pages per block:  %lu\n", pageblock_nr_pages);
	seq_putc(m, '\n');
	pagetypeinfo_showfree(m);
	pagetypeinfo_showblockcount(m);
	return 0;
}

static void zoneinfo_show_node_stats(struct seq_file *m)
{
	seq_printf(m, "\n  per-node stats");
	for (int i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		seq_printf(m, "\n      %-12s %lu", node_stat_names[i],
			   (unsigned long)atomic_long_read(&contig_page_data.vm_stat[i]));
}

static void zoneinfo_show_zone(struct seq_file *m, struct zone *zone, bool first)
{
	seq_printf(m, "Node %d, zone %8s", 0, zone->name);
	if (first)
		zoneinfo_show_node_stats(m);
	seq_printf(m,
		   "\n  pages free     %lu"
		   "\n        boost    %lu"
		   "\n        min      %lu"
		   "\n        low      %lu"
		   "\n        high     %lu"
		   "\n        spanned  %lu"
		   "\n        present  %lu"
		   "\n        managed  %lu",
		   zone_page_state(zone, NR_FREE_PAGES), 0UL, min_wmark_pages(zone),
		   low_wmark_pages(zone), high_wmark_pages(zone), zone->spanned_pages,
		   zone->present_pages, zone_managed_pages(zone));
	seq_printf(m, "\n        protection: (%ld", zone->lowmem_reserve[0]);
	for (int i = 1; i < MAX_NR_ZONES; i++)
		seq_printf(m, ", %ld", zone->lowmem_reserve[i]);
	seq_putc(m, ')');
	if (populated_zone(zone)) {
		for (int i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
			seq_printf(m, "\n      %-12s %lu", zone_stat_names[i],
				   zone_page_state(zone, i));
		seq_printf(m, "\n  pagesets"
			   "\n    cpu: %i"
			   "\n              count: %i"
			   "\n              high:  %i"
			   "\n              batch: %i",
			   0, zone->per_cpu_pageset.count, zone->per_cpu_pageset.high,
			   zone->per_cpu_pageset.batch);
		/*
		 * Linux folds a CPU's counter deltas into the zone's beyond this
		 * threshold; Pagoda's counters have no per-CPU deltas: 0. No
		 * kswapd, so reclaim never gives up on the node: 0.
		 */
		seq_printf(m, "\n  vm stats threshold: 0"
			   "\n  node_unreclaimable:  0"
			   "\n  start_pfn:           %lu", zone->zone_start_pfn);
	}
	seq_putc(m, '\n');
}

/* /proc/zoneinfo: per-zone watermarks, sizes, counters and per-CPU lists (a subset of Linux's). */
int zoneinfo_show(struct seq_file *m, void *v)
{
	struct zone *zone;
	bool first = true;

	for_each_zone(zone) {
		zoneinfo_show_zone(m, zone, first && populated_zone(zone));
		first &= !populated_zone(zone);
	}
	return 0;
}

/* ---------------------------------------------------------------------- */

static char proc_show_names[128];

static int __init set_proc_show(char *arg)
{
	strscpy(proc_show_names, arg, sizeof(proc_show_names));
	return 1;
}
__setup("proc_show=", set_proc_show);

static const struct {
	const char *name;
	seq_show_t show;
} boot_views[] = {
	{ "buddyinfo", buddyinfo_show },
	{ "pagetypeinfo", pagetypeinfo_show },
	{ "zoneinfo", zoneinfo_show },
	{ "vmstat", vmstat_show },
	{ "meminfo", meminfo_show },
};

static void print_view(const char *name, seq_show_t show)
{
	const unsigned int order = 2;
	struct page *page = alloc_pages(GFP_KERNEL, order);
	struct seq_file m = { .size = PAGE_SIZE << order };

	if (!page)
		return;
	m.buf = page_address(page);
	show(&m, NULL);
	pr_info("/proc/%s:\n", name);
	for (char *line = m.buf, *end = m.buf + m.count; line < end;) {
		char *nl = memchr(line, '\n', end - line);

		*nl = '\0';
		pr_info("%s\n", line);
		line = nl + 1;
	}
	__free_pages(page, order);
}

/**
 * proc_show_at_boot - print the pseudo-files named by proc_show=
 */
void proc_show_at_boot(void)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(boot_views); i++)
		if (strstr(proc_show_names, boot_views[i].name))
			print_view(boot_views[i].name, boot_views[i].show);
}
