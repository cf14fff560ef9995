/* SPDX-License-Identifier: GPL-2.0 */
/*
 * gfp.h - "get free pages" flags and the page allocator's interface.
 * Mirrors include/linux/gfp_types.h and gfp.h (same bit values).
 *
 * The flags say which zones an allocation may use (__GFP_DMA,
 * __GFP_DMA32, otherwise up to ZONE_NORMAL), its mobility
 * (__GFP_MOVABLE / __GFP_RECLAIMABLE select the migratetype, see
 * gfp_migratetype()), and modifiers (__GFP_ZERO, __GFP_NOWARN,
 * __GFP_HIGH may dip into the reserves, __GFP_MEMALLOC may take them all;
 * __GFP_RETRY_MAYFAIL lets a costly order compact again and fail quietly,
 * __GFP_COMP makes a large block one folio).
 */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>
#include <linux/mmzone.h>
#include <linux/bug.h>

#define ___GFP_DMA		0x01u
#define ___GFP_HIGHMEM		0x02u
#define ___GFP_DMA32		0x04u
#define ___GFP_MOVABLE		0x08u
#define ___GFP_RECLAIMABLE	0x10u
#define ___GFP_HIGH		0x20u
#define ___GFP_IO		0x40u
#define ___GFP_FS		0x80u
#define ___GFP_ZERO		0x100u
#define ___GFP_DIRECT_RECLAIM	0x400u
#define ___GFP_KSWAPD_RECLAIM	0x800u
#define ___GFP_NOWARN		0x2000u
#define ___GFP_RETRY_MAYFAIL	0x4000u
#define ___GFP_MEMALLOC		0x20000u
#define ___GFP_COMP		0x40000u
#define ___GFP_HARDWALL		0x100000u

#define __GFP_DMA		((gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM		((gfp_t)___GFP_HIGHMEM)	/* no highmem on x86-64: Normal */
#define __GFP_DMA32		((gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE		((gfp_t)___GFP_MOVABLE)
#define __GFP_RECLAIMABLE	((gfp_t)___GFP_RECLAIMABLE)
#define __GFP_HIGH		((gfp_t)___GFP_HIGH)	/* may use half the min reserve */
#define __GFP_IO		((gfp_t)___GFP_IO)
#define __GFP_FS		((gfp_t)___GFP_FS)
#define __GFP_ZERO		((gfp_t)___GFP_ZERO)
#define __GFP_DIRECT_RECLAIM	((gfp_t)___GFP_DIRECT_RECLAIM)	/* may sleep to make room */
#define __GFP_KSWAPD_RECLAIM	((gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM		(__GFP_DIRECT_RECLAIM | __GFP_KSWAPD_RECLAIM)
#define __GFP_NOWARN		((gfp_t)___GFP_NOWARN)
#define __GFP_RETRY_MAYFAIL	((gfp_t)___GFP_RETRY_MAYFAIL)	/* costly: compact harder, may fail, never OOM */
#define __GFP_MEMALLOC		((gfp_t)___GFP_MEMALLOC)	/* ignore the watermarks */
#define __GFP_COMP		((gfp_t)___GFP_COMP)	/* a compound page: one large folio */
#define __GFP_HARDWALL		((gfp_t)___GFP_HARDWALL)

#define GFP_ATOMIC		(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL		(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_NOWAIT		(__GFP_KSWAPD_RECLAIM)
#define GFP_USER		(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA			__GFP_DMA
#define GFP_DMA32		__GFP_DMA32
#define GFP_HIGHUSER		(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE)

#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)
#define GFP_MOVABLE_SHIFT	3

/* gfp_migratetype - MIGRATE_MOVABLE for __GFP_MOVABLE, ... (bits 3-4 >> 3). */
static inline int gfp_migratetype(gfp_t gfp_flags)
{
	return (gfp_flags & GFP_MOVABLE_MASK) >> GFP_MOVABLE_SHIFT;
}

/* gfp_zone - the highest zone an allocation may come from. */
static inline enum zone_type gfp_zone(gfp_t flags)
{
	if (flags & __GFP_DMA)
		return ZONE_DMA;
	if (flags & __GFP_DMA32)
		return ZONE_DMA32;
	return ZONE_NORMAL;
}

struct page;

struct page *alloc_pages(gfp_t gfp, unsigned int order);
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
unsigned long get_zeroed_page(gfp_t gfp);
void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);

struct zone;
void drain_local_pages(struct zone *zone);
void drain_all_pages(struct zone *zone);

#define alloc_page(gfp) alloc_pages(gfp, 0)

struct folio;
struct vm_area_struct;

/*
 * folio_alloc - a folio of 2^@order pages: __GFP_COMP makes a large one a
 * compound page (its order in the second page, prep_compound_page()). A
 * folio's first words are its head struct page (page_folio()).
 */
static inline struct folio *folio_alloc(gfp_t gfp, unsigned int order)
{
	return (struct folio *)alloc_pages(order ? gfp | __GFP_COMP : gfp, order);
}

/* vma_alloc_folio - a folio for user address @addr of @vma (NUMA would pick the node here). */
static inline struct folio *vma_alloc_folio(gfp_t gfp, int order, struct vm_area_struct *vma,
					    unsigned long addr)
{
	return folio_alloc(gfp, order);
}

/* vma_alloc_zeroed_movable_folio - anonymous memory's folios (Linux: x86's asm/page.h). */
#define vma_alloc_zeroed_movable_folio(vma, vaddr) \
	vma_alloc_folio(GFP_HIGHUSER_MOVABLE | __GFP_ZERO, 0, vma, vaddr)
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
#define __free_page(page) __free_pages(page, 0)
#define free_page(addr) free_pages(addr, 0)

#endif /* _LINUX_GFP_H */
