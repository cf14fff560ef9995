// SPDX-License-Identifier: GPL-2.0
/*
 * meminfo.c - /proc/meminfo and show_mem(). Mirrors fs/proc/meminfo.c,
 * mm/show_mem.c and si_mem_available() in mm/page_alloc.c.
 *
 * The page cache is ramfs's and shmem's (Cached, Mapped; Shmem the part
 * that is shmem's: memfd files and shared anonymous memory). Active,
 * Inactive and Unevictable are the LRU lists (mm/swap.c): anonymous and
 * shmem folios on the anon lists, ramfs's and mlocked ones unevictable;
 * Mlocked counts PG_mlocked pages. There is no swap or huge pages, so
 * those lines read 0 -- which is what they are -- but every line Linux
 * prints is present, in Linux's format, so tools that parse /proc/meminfo
 * work unchanged.
 */
#include <linux/mm.h>
#include <linux/hugetlb.h>
#include <linux/vmstat.h>
#include <linux/seq_file.h>
#include <linux/proc_views.h>
#include <linux/printk.h>
#include <linux/slab.h>

/*
 * si_mem_available - free memory minus the reserves the allocator keeps
 * (watermarks and lowmem reserves), plus reclaimable slab.
 */
static unsigned long si_mem_available(void)
{
	unsigned long reserve = 0, wmark_low = 0, reclaimable;
	long available;
	struct zone *zone;

	for_each_zone(zone) {
		long max_reserve = 0;

		for (int j = 0; j < MAX_NR_ZONES; j++)
			max_reserve = max(max_reserve, zone->lowmem_reserve[j]);
		reserve += min_t(unsigned long, max_reserve + high_wmark_pages(zone),
				 zone_managed_pages(zone));
		wmark_low += low_wmark_pages(zone);
	}
	available = (long)nr_free_pages() - (long)reserve;
	reclaimable = global_node_page_state(NR_SLAB_RECLAIMABLE_B);
	available += reclaimable - min(reclaimable / 2, wmark_low);
	return available < 0 ? 0 : available;
}

static void show_val_kb(struct seq_file *m, const char *label, unsigned long pages)
{
	seq_printf(m, "%s%8lu kB\n", label, pages << (PAGE_SHIFT - 10));
}

int meminfo_show(struct seq_file *m, void *v)
{
	unsigned long sreclaimable = global_node_page_state(NR_SLAB_RECLAIMABLE_B);
	unsigned long sunreclaim = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);
	unsigned long anon = global_node_page_state(NR_ANON_MAPPED);
	unsigned long file = global_node_page_state(NR_FILE_PAGES);
	unsigned long shmem = global_node_page_state(NR_SHMEM);
	unsigned long pages[NR_LRU_LISTS];
	enum lru_list lru;

	for_each_lru(lru)
		pages[lru] = global_node_page_state(NR_LRU_BASE + lru);

	show_val_kb(m, "MemTotal:       ", totalram_pages);
	show_val_kb(m, "MemFree:        ", nr_free_pages());
	show_val_kb(m, "MemAvailable:   ", si_mem_available());
	show_val_kb(m, "Buffers:        ", 0);
	show_val_kb(m, "Cached:         ", file);
	show_val_kb(m, "SwapCached:     ", 0);
	show_val_kb(m, "Active:         ", pages[LRU_ACTIVE_ANON] + pages[LRU_ACTIVE_FILE]);
	show_val_kb(m, "Inactive:       ", pages[LRU_INACTIVE_ANON] + pages[LRU_INACTIVE_FILE]);
	show_val_kb(m, "Active(anon):   ", pages[LRU_ACTIVE_ANON]);
	show_val_kb(m, "Inactive(anon): ", pages[LRU_INACTIVE_ANON]);
	show_val_kb(m, "Active(file):   ", pages[LRU_ACTIVE_FILE]);
	show_val_kb(m, "Inactive(file): ", pages[LRU_INACTIVE_FILE]);
	show_val_kb(m, "Unevictable:    ", pages[LRU_UNEVICTABLE]);
	show_val_kb(m, "Mlocked:        ", global_zone_page_state(NR_MLOCK));
	show_val_kb(m, "SwapTotal:      ", 0);
	show_val_kb(m, "SwapFree:       ", 0);
	show_val_kb(m, "Dirty:          ", 0);
	show_val_kb(m, "Writeback:      ", 0);
	show_val_kb(m, "AnonPages:      ", anon);
	show_val_kb(m, "Mapped:         ", global_node_page_state(NR_FILE_MAPPED));
	show_val_kb(m, "Shmem:          ", shmem);
	show_val_kb(m, "KReclaimable:   ", sreclaimable);
	show_val_kb(m, "Slab:           ", sreclaimable + sunreclaim);
	show_val_kb(m, "SReclaimable:   ", sreclaimable);
	show_val_kb(m, "SUnreclaim:     ", sunreclaim);
	seq_printf(m, "KernelStack:    %8lu kB\n", global_node_page_state(NR_KERNEL_STACK_KB));
	show_val_kb(m, "PageTables:     ", global_node_page_state(NR_PAGETABLE));
	show_val_kb(m, "Bounce:         ", 0);
	show_val_kb(m, "CommitLimit:    ", vm_commit_limit());
	show_val_kb(m, "Committed_AS:   ", vm_memory_committed());
	seq_printf(m, "VmallocTotal:   %8lu kB\n", (VMALLOC_END - VMALLOC_START) >> 10);
	show_val_kb(m, "VmallocUsed:    ", vmalloc_nr_pages());
	show_val_kb(m, "VmallocChunk:   ", 0);
	show_val_kb(m, "AnonHugePages:  ", 0);
	hugetlb_report_meminfo(m);
	return 0;
}

/**
 * show_mem - print the state of memory (after an allocation failure),
 * like Linux's "Mem-Info:" report
 */
void show_mem(void)
{
	struct zone *zone;

	pr_info("Mem-Info:\n");
	pr_info("free:%lu slab_reclaimable:%lu slab_unreclaimable:%lu pagetables:%lu anon:%lu\n",
		nr_free_pages(), global_node_page_state(NR_SLAB_RECLAIMABLE_B),
		global_node_page_state(NR_SLAB_UNRECLAIMABLE_B),
		global_node_page_state(NR_PAGETABLE), global_node_page_state(NR_ANON_MAPPED));
	for_each_populated_zone(zone) {
		pr_info("Node 0 %s free:%lukB min:%lukB low:%lukB high:%lukB present:%lukB managed:%lukB\n",
			zone->name, zone_page_state(zone, NR_FREE_PAGES) << 2,
			min_wmark_pages(zone) << 2, low_wmark_pages(zone) << 2,
			high_wmark_pages(zone) << 2, zone->present_pages << 2,
			zone_managed_pages(zone) << 2);
		pr_info("Node 0 %s:", zone->name);
		for (int order = 0; order < MAX_ORDER; order++)
			pr_cont(" %lu*%luKB", zone->free_area[order].nr_free, 4UL << order);
		pr_cont("\n");
	}
}
