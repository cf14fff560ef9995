/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmstat_items.h - the counters behind /proc/vmstat, /proc/zoneinfo and
 * /proc/meminfo. Mirrors the enums of include/linux/mmzone.h and
 * vm_event_item.h; the names printed for them (mm/vmstat.c) are Linux's.
 *
 * Zone and node counters are levels (pages now free, pages of page
 * tables...); events only ever count up (page faults, allocations...).
 */
#ifndef _LINUX_VMSTAT_ITEMS_H
#define _LINUX_VMSTAT_ITEMS_H

enum zone_stat_item {
	NR_FREE_PAGES,
	NR_ZONE_LRU_BASE,		/* the LRU pages of the zone, per list (enum lru_list) */
	NR_ZONE_INACTIVE_ANON = NR_ZONE_LRU_BASE,
	NR_ZONE_ACTIVE_ANON,
	NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE,
	NR_ZONE_UNEVICTABLE,
	NR_MLOCK,			/* PG_mlocked pages (mm/mlock.c) */
	NR_VM_ZONE_STAT_ITEMS
};

enum node_stat_item {
	NR_LRU_BASE,			/* the LRU pages of the node, per list (enum lru_list) */
	NR_INACTIVE_ANON = NR_LRU_BASE,
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,
	NR_ACTIVE_FILE,
	NR_UNEVICTABLE,
	NR_ANON_MAPPED,			/* mapped anonymous pages: "nr_anon_pages" */
	NR_FILE_MAPPED,			/* page-cache pages mapped by a process: "nr_mapped" */
	NR_FILE_PAGES,			/* page-cache pages (ramfs and shmem files) */
	NR_SHMEM,			/* ... of them shmem's (memfd, MAP_SHARED|MAP_ANONYMOUS) */
	NR_SLAB_RECLAIMABLE_B,		/* slab pages (Pagoda counts pages, not bytes) */
	NR_SLAB_UNRECLAIMABLE_B,
	NR_FOLL_PIN_ACQUIRED,		/* pins taken (FOLL_PIN) so far ... */
	NR_FOLL_PIN_RELEASED,		/* ... and dropped: the difference is held now */
	NR_KERNEL_STACK_KB,		/* in KiB */
	NR_PAGETABLE,			/* page-table pages of user address spaces */
	NR_VM_NODE_STAT_ITEMS
};

enum vm_event_item {
	PGALLOC_DMA,			/* PGALLOC_DMA + zone index */
	PGALLOC_DMA32,
	PGALLOC_NORMAL,
	PGFREE,
	PGACTIVATE,			/* folios moved to an active list (folio_activate) */
	PGFAULT,
	PGMAJFAULT,
	PGREUSE,			/* write faults resolved by reusing the page (wp_page_reuse) */
	PGMIGRATE_SUCCESS,		/* folios migrate_pages() moved (mm/migrate.c) */
	PGMIGRATE_FAIL,
	COMPACTMIGRATE_SCANNED,
	COMPACTFREE_SCANNED,
	COMPACTISOLATED,
	COMPACTSTALL,
	COMPACTFAIL,
	COMPACTSUCCESS,
	COW_KSM,			/* write faults that copied a KSM page */
	KCOMPACTD_WAKE,			/* kcompactd woken by the allocator */
	KCOMPACTD_MIGRATE_SCANNED,	/* ... and the pages its runs scanned */
	KCOMPACTD_FREE_SCANNED,
	HTLB_BUDDY_PGALLOC,		/* hugetlb pool pages the buddy allocator gave (mm/hugetlb.c) */
	HTLB_BUDDY_PGALLOC_FAIL,	/* ... or could not give */
	UNEVICTABLE_PGCULLED,		/* put on the unevictable list (mm/swap.c, mm/mlock.c) */
	UNEVICTABLE_PGRESCUED,		/* ... taken back to an evictable list */
	UNEVICTABLE_PGMLOCKED,		/* PG_mlocked set */
	UNEVICTABLE_PGMUNLOCKED,	/* ... cleared by munlock */
	UNEVICTABLE_PGCLEARED,		/* ... cleared when the folio was freed */
	UNEVICTABLE_PGSTRANDED,		/* ... cleared while off the LRU */
#ifdef CONFIG_DEBUG_TLBFLUSH
	NR_TLB_REMOTE_FLUSH,		/* flush_tlb_all() calls (Pagoda makes none) */
	NR_TLB_REMOTE_FLUSH_RECEIVED,	/* whole-TLB flushes run for everyone: long kernel ranges */
	NR_TLB_LOCAL_FLUSH_ALL,		/* a user address space flushed whole (CR3 reload) */
	NR_TLB_LOCAL_FLUSH_ONE,		/* pages flushed one by one (invlpg), user or kernel */
#endif
	COW_FAULT,			/* Pagoda: write faults that break copy-on-write */
	COW_COPY,			/* ... by copying the page */
	NR_VM_EVENT_ITEMS
};

#endif /* _LINUX_VMSTAT_ITEMS_H */
