/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm_types.h - struct page. Mirrors include/linux/mm_types.h.
 *
 * There is one struct page for every physical page frame, in the mem_map
 * array (pfn_to_page(pfn) == mem_map + pfn). It is 56 bytes: 1.4% of RAM.
 *
 *   flags      PG_* bits (page-flags.h); the zone number in the top bits
 *   lru        a free page: its link in zone->free_area[order].free_list[mt]
 *   mapping    an anonymous page: its anon_vma | PAGE_MAPPING_ANON;
 *              a KSM page: its stable_node | PAGE_MAPPING_KSM
 *   index      an anonymous page: its linear page index in the VMA's
 *              "file" (vm_pgoff + page offset in the VMA); see mm/rmap.c
 *   private    a free page: its buddy order
 *   _mapcount  page-table entries mapping the page, minus one (-1: none)
 *   _refcount  references (mappings, the allocator's caller, GUP...);
 *              0 for a free page
 *
 * A slab page uses the middle words differently (the second struct in the
 * union), as Linux's struct slab overlays struct page.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>

struct address_space;
struct kmem_cache;

struct page {
	unsigned long flags;
	union {
		struct {	/* anonymous, KSM and free (buddy) pages */
			struct list_head lru;
			struct address_space *mapping;
			pgoff_t index;
			unsigned long private;
		};
		struct {	/* slab pages: mm/slab.c */
			struct list_head slab_list;
			struct kmem_cache *slab_cache;
			void *freelist;		/* first free object */
			unsigned int inuse;	/* objects handed out */
			unsigned int objects;	/* objects in this slab */
		};
	};
	atomic_t _mapcount;
	atomic_t _refcount;
};

#endif /* _LINUX_MM_TYPES_H */
