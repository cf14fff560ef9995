/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm.h - the memory-management interface: struct page helpers (reference
 * and map counts, page <-> pfn <-> address), and the mm subsystem's
 * entry points. Mirrors include/linux/mm.h, page_ref.h and mm_inline.h.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/mmzone.h>
#include <linux/gfp.h>
#include <asm/page_types.h>
#include <asm/pgtable.h>

extern struct page *mem_map;
extern unsigned long max_pfn;		/* one past the highest RAM page frame */
extern unsigned long totalram_pages;	/* pages managed by the buddy allocator */

/* --- page <-> pfn <-> kernel virtual address (the direct map) --- */
static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

static inline void *page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(__pa(addr)));
}

#define virt_to_pfn(addr) PFN_DOWN(__pa(addr))

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &contig_page_data.node_zones[page_zonenum(page)];
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= (unsigned long)zone << ZONES_PGSHIFT;
}

/* --- reference counts --- */
static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline int page_count(const struct page *page)
{
	return page_ref_count(page);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline void page_ref_inc(struct page *page)
{
	atomic_inc(&page->_refcount);
}

static inline void page_ref_add(struct page *page, int nr)
{
	atomic_add(nr, &page->_refcount);
}

static inline bool page_ref_dec_and_test(struct page *page)
{
	return atomic_dec_and_test(&page->_refcount);
}

static inline void page_ref_dec(struct page *page)
{
	atomic_dec(&page->_refcount);
}

static inline void get_page(struct page *page)
{
	VM_BUG_ON(page_ref_count(page) <= 0);
	page_ref_inc(page);
}

/* put_page_testzero - drop a reference; true if it was the last one. */
static inline bool put_page_testzero(struct page *page)
{
	VM_BUG_ON(page_ref_count(page) == 0);
	return page_ref_dec_and_test(page);
}

void put_page(struct page *page);

/* --- map counts: _mapcount starts at -1, so page_mapcount() is the PTE count. --- */
static inline void page_mapcount_reset(struct page *page)
{
	atomic_set(&page->_mapcount, -1);
}

static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline bool page_mapped(const struct page *page)
{
	return page_mapcount(page) > 0;
}

/*
 * --- anonymous pages: page->mapping is the anon_vma with the low bit set ---
 * (PAGE_MAPPING_KSM: both bits, pointing to a KSM stable_node)
 */
#define PAGE_MAPPING_ANON	0x1
#define PAGE_MAPPING_MOVABLE	0x2
#define PAGE_MAPPING_KSM	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
#define PAGE_MAPPING_FLAGS	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)

static inline bool PageAnon(const struct page *page)
{
	return (unsigned long)page->mapping & PAGE_MAPPING_ANON;
}

/* --- the buddy order of a free page --- */
static inline unsigned int buddy_order(const struct page *page)
{
	return page->private;
}

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

/* --- boot and bookkeeping (mm/mm_init.c, mm/page_alloc.c) --- */
#define MAX_DMA_PFN	((16UL << 20) >> PAGE_SHIFT)
#define MAX_DMA32_PFN	((4UL << 30) >> PAGE_SHIFT)

void free_area_init(unsigned long *max_zone_pfn);
void mm_core_init(void);
void __free_pages_core(struct page *page, unsigned int order);
void init_per_zone_wmark_min(void);
extern int min_free_kbytes;
void dump_page(struct page *page, const char *reason);
void bad_page(struct page *page, const char *reason);
extern unsigned long bad_page_count;	/* how many bad_page() reports so far */
void show_mem(void);
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
unsigned long nr_free_pages(void);

#endif /* _LINUX_MM_H */
