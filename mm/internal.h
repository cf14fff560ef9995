/* SPDX-License-Identifier: GPL-2.0 */
/*
 * internal.h - what the files of mm/ share and the rest of the kernel does
 * not see. Mirrors mm/internal.h: one section per file that defines the
 * declarations ("in mm/rmap.c", ...); include/linux/mm.h keeps the
 * interface of the whole kernel. The kernel tests of mm/ include it too.
 */
#ifndef __MM_INTERNAL_H
#define __MM_INTERNAL_H

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>

#include "vma.h"

struct mmu_gather;

/*
 * in mm/memory.c:
 */
void free_pgtables(struct mmu_gather *tlb, struct vm_area_struct *vma,
		   unsigned long floor, unsigned long ceiling);
/* walk_to_pmd - static in Linux's memory.c; mremap's move_page_tables() shares it here. */
pmd_t *walk_to_pmd(struct mm_struct *mm, unsigned long addr);

/*
 * in mm/rmap.c:
 */
pmd_t *mm_find_pmd(struct mm_struct *mm, unsigned long address);
unsigned long page_address_in_vma(struct page *page, struct vm_area_struct *vma);

/*
 * in mm/gup.c:
 */
/* GUP flags only mm/gup.c's own entry points set (Linux's internal FOLL_*). */
enum {
	FOLL_TOUCH = 1 << 16,		/* mark the page accessed (and dirty for a write) */
	FOLL_REMOTE = 1 << 18,		/* another process's mm */
	FOLL_PIN = 1 << 19,		/* a pin: GUP_PIN_COUNTING_BIAS, unpin_user_page() */
	FOLL_MADV_POPULATE = 1 << 22,	/* MADV_POPULATE_*: madvise's errors */
};
#define INTERNAL_GUP_FLAGS (FOLL_TOUCH | FOLL_REMOTE | FOLL_PIN | FOLL_MADV_POPULATE)

int try_grab_folio(struct folio *folio, int refs, unsigned int flags);
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end);
long faultin_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			bool write);

/**
 * gup_must_unshare - must a read pin of @page first make it exclusive?
 * @vma: the VMA of the page
 * @flags: the GUP flags
 * @page: the page a read-only PTE maps
 *
 * A FOLL_PIN without FOLL_WRITE of an anonymous page that is not
 * exclusive (shared with a fork relative) would pin a page that a later
 * write by either process copies away from: the pin and the process
 * would see different memory. Such a pin first takes an unsharing fault
 * (FAULT_FLAG_UNSHARE), which copies the page unless we are its only
 * user. Page-cache pages matter only for a FOLL_LONGTERM pin in a
 * private mapping. (A write pin never gets here: its PTE is writable, so
 * the page is exclusive.)
 */
static inline bool gup_must_unshare(struct vm_area_struct *vma, unsigned int flags,
				    struct page *page)
{
	if ((flags & (FOLL_WRITE | FOLL_PIN)) != FOLL_PIN)
		return false;
	if (!PageAnon(page))
		return (flags & FOLL_LONGTERM) && is_cow_mapping(vma->vm_flags);
	return !PageAnonExclusive(page);
}

/*
 * in mm/page_alloc.c
 */
extern int min_free_kbytes;

void setup_per_zone_wmarks(void);
void init_per_zone_wmark_min(void);
void __free_pages_core(struct page *page, unsigned int order);
void post_alloc_hook(struct page *page, unsigned int order, gfp_t gfp_flags);
unsigned long move_freepages_block(struct zone *zone, struct page *page, int migratetype,
				   unsigned long *num_movable);

void free_unref_page(struct page *page, unsigned int order);
void zone_pcp_init(struct zone *zone);
void zone_pcp_disable(struct zone *zone);
void zone_pcp_enable(struct zone *zone);

/* The per-CPU list of @order and @migratetype: zone->per_cpu_pageset.lists[pindex]. */
static inline unsigned int order_to_pindex(int migratetype, int order)
{
	return MIGRATE_PCPTYPES * order + migratetype;
}

static inline int pindex_to_order(unsigned int pindex)
{
	return pindex / MIGRATE_PCPTYPES;
}
int __isolate_free_page(struct page *page, unsigned int order);
void split_page(struct page *page, unsigned int order);

/*
 * in mm/vmstat.c
 */
unsigned int extfrag_for_order(struct zone *zone, unsigned int order);

/*
 * in mm/compaction.c
 */
#include <linux/compaction.h>
#include <linux/migrate.h>

/*
 * struct compact_control - one compaction run over @zone: the two
 * scanners' positions, the folios isolated to move (migratepages) and the
 * free pages isolated to move them into (freepages), and what it is for.
 */
struct compact_control {
	struct list_head freepages;	/* order-0 pages from the free scanner */
	struct list_head migratepages;	/* folios isolated from the LRU */
	unsigned int nr_freepages;
	unsigned int nr_migratepages;
	unsigned long free_pfn;		/* the free scanner: a pageblock start, going down */
	unsigned long migrate_pfn;	/* the migrate scanner, going up */
	unsigned long total_migrate_scanned;
	unsigned long total_free_scanned;
	unsigned long nr_isolated;	/* folios isolated in the whole run */
	struct zone *zone;
	gfp_t gfp_mask;			/* of the allocation compaction is for */
	int order;			/* its order; -1: the whole zone */
	int migratetype;		/* its migratetype */
	unsigned int alloc_flags;
	int highest_zoneidx;
	enum migrate_mode mode;		/* async, sync-light, sync */
	bool ignore_skip_hint;		/* scan blocks whose skip bit is set */
	bool no_set_skip_hint;		/* do not mark the zone for a skip-bit reset */
	bool whole_zone;		/* from the zone's ends, not the cached positions */
	bool proactive_compaction;	/* kcompactd's proactive run */
	bool direct_compaction;		/* for an allocation (try_to_compact_pages()) */
	int search_order;		/* fast_isolate_freepages(): the order to search first */
	unsigned short fast_search_fail;	/* free-list searches that found nothing */
	unsigned long fast_start_pfn;	/* the lowest block fast_find_migrateblock() chose */
};

/*
 * struct capture_control - a direct compaction's claim on the block it
 * frees: __free_one_page() of the compacting task hands a block of
 * cc->order to @page instead of the free lists (compaction_capture()).
 */
struct capture_control {
	struct compact_control *cc;
	struct page *page;
};

/* isolate_migratepages()'s result. */
typedef enum {
	ISOLATE_ABORT,		/* abort: put the isolated folios back */
	ISOLATE_NONE,		/* no folio isolated */
	ISOLATE_SUCCESS,	/* folios to migrate */
} isolate_migrate_t;

enum compact_result compact_zone(struct compact_control *cc, struct capture_control *capc);

/*
 * in mm/vmscan.c
 */
bool folio_isolate_lru(struct folio *folio);
void folio_putback_lru(struct folio *folio);

/*
 * in mm/mlock.c
 */
void mlock_folio(struct folio *folio);
void munlock_folio(struct folio *folio);
void mlock_new_folio(struct folio *folio);

/**
 * folio_evictable - may reclaim take @folio?
 * @folio: the folio
 *
 * Not if its file says so (ramfs: AS_UNEVICTABLE) or it is mlocked.
 */
static inline bool folio_evictable(struct folio *folio)
{
	return !mapping_unevictable(folio_mapping(folio)) && !folio_test_mlocked(folio);
}

/*
 * mlock_vma_folio - mlock @folio, just mapped into @vma, if @vma is
 * VM_LOCKED (rmap.c, when a PTE maps it).
 */
static inline void mlock_vma_folio(struct folio *folio, struct vm_area_struct *vma)
{
	if (unlikely((vma->vm_flags & (VM_LOCKED | VM_SPECIAL)) == VM_LOCKED))
		mlock_folio(folio);
}

/* munlock_vma_folio - @folio leaves VM_LOCKED @vma: one mlock fewer (rmap.c). */
static inline void munlock_vma_folio(struct folio *folio, struct vm_area_struct *vma)
{
	if (unlikely(vma->vm_flags & VM_LOCKED))
		munlock_folio(folio);
}

/*
 * in mm/util.c
 */
struct anon_vma *folio_anon_vma(const struct folio *folio);

/* folio_raw_mapping - folio->mapping without its PAGE_MAPPING_* bits (anon_vma, stable node). */
static inline void *folio_raw_mapping(const struct folio *folio)
{
	unsigned long mapping = (unsigned long)folio->mapping;

	return (void *)(mapping & ~PAGE_MAPPING_FLAGS);
}

/**
 * vma_address - the address at which a range of pages is mapped in @vma
 * @vma: a VMA mapping the pages' file (or chained to their anon_vma)
 * @pgoff: the first page's offset in that file, in pages
 * @nr_pages: how many pages
 *
 * The first address in @vma where any of the pages appears, or -EFAULT if
 * none is inside @vma.
 */
static inline unsigned long vma_address(const struct vm_area_struct *vma, pgoff_t pgoff,
					unsigned long nr_pages)
{
	unsigned long address;

	if (pgoff >= vma->vm_pgoff) {
		address = vma->vm_start + ((pgoff - vma->vm_pgoff) << PAGE_SHIFT);
		/* Beyond the VMA, or wrapped through 0? */
		if (address < vma->vm_start || address >= vma->vm_end)
			address = -EFAULT;
	} else if (pgoff + nr_pages - 1 >= vma->vm_pgoff) {
		address = vma->vm_start;
	} else {
		address = -EFAULT;
	}
	return address;
}

/*
 * vma_address_end - the first address after @pvmw's pages in its VMA
 * (vma_address() found where they start).
 */
static inline unsigned long vma_address_end(struct page_vma_mapped_walk *pvmw)
{
	struct vm_area_struct *vma = pvmw->vma;
	unsigned long address;

	if (pvmw->nr_pages == 1)
		return pvmw->address + PAGE_SIZE;
	address = vma->vm_start + ((pvmw->pgoff + pvmw->nr_pages - vma->vm_pgoff) << PAGE_SHIFT);
	if (address < vma->vm_start || address > vma->vm_end)
		address = vma->vm_end;
	return address;
}

/* in mm/vma.c, mm/mmap.c */
/* vma_set_range - @vma covers [@start, @end) from page @pgoff. */
static inline void vma_set_range(struct vm_area_struct *vma, unsigned long start,
				 unsigned long end, pgoff_t pgoff)
{
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_pgoff = pgoff;
}

/*
 * in mm/debug_vm.c (mm_verify)
 */
struct seq_file;

struct verify_state {
	struct seq_file *m;	/* also write the reports here, or NULL */
	int errors;
	long ksm_zero_pages;	/* KSM zero-page PTEs of every mm */
};

__printf(2, 3) void verify_err(struct verify_state *vs, const char *fmt, ...);

/*
 * in mm/ksm.c: mm_verify's checks of the stable and unstable trees, the
 * counters, and each PTE of a KSM page
 */
void ksm_verify(struct verify_state *vs);
void ksm_verify_pte(struct verify_state *vs, struct vm_area_struct *vma, unsigned long address,
		    pte_t pte, struct page *page);

/* in mm/hugetlb.c: mm_verify's checks of the pool's lists and counters */
void hugetlb_verify(struct verify_state *vs);

#endif /* __MM_INTERNAL_H */
