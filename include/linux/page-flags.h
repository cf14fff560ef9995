/* SPDX-License-Identifier: GPL-2.0 */
/*
 * page-flags.h - the PG_* bits of page->flags and their accessors.
 * Mirrors include/linux/page-flags.h: PageFoo(page) tests, SetPageFoo() /
 * ClearPageFoo() change a bit atomically, __SetPageFoo()/__ClearPageFoo()
 * non-atomically (for pages nobody else can see yet).
 *
 * The anonymous-page test is not a flag: page->mapping's low bits say it
 * (PageAnon(), PageKsm() in mm.h), as in Linux.
 */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/types.h>
#include <linux/mm_types.h>
#include <linux/bitops.h>

enum pageflags {
	PG_locked,		/* the page is locked (e.g. during migration) */
	PG_referenced,		/* recently accessed */
	PG_dirty,		/* content differs from backing store */
	PG_slab,		/* owned by the slab allocator */
	PG_reserved,		/* never freed: kernel image, holes, boot memory */
	PG_buddy,		/* free, in the buddy allocator; order in private */
	PG_swapbacked,		/* anonymous memory (backed by swap, if we had it) */
	PG_anon_exclusive,	/* anon page mapped by exactly one process, see rmap.c */
	PG_large_kmalloc,	/* first page of a kmalloc() above the slab caches */
	PG_isolated,		/* taken out of circulation for migration */
	__NR_PAGEFLAGS,
};

/* The zone number lives in the top bits of page->flags (like Linux's ZONES_PGSHIFT). */
#define ZONES_WIDTH	2
#define ZONES_PGSHIFT	(64 - ZONES_WIDTH)
#define ZONES_MASK	((1UL << ZONES_WIDTH) - 1)


#define PAGEFLAG(uname, lname)							\
static inline bool Page##uname(const struct page *page)			\
	{ return test_bit(PG_##lname, &page->flags); }				\
static inline void SetPage##uname(struct page *page)				\
	{ set_bit(PG_##lname, &page->flags); }					\
static inline void ClearPage##uname(struct page *page)			\
	{ clear_bit(PG_##lname, &page->flags); }				\
static inline void __SetPage##uname(struct page *page)			\
	{ page->flags |= 1UL << PG_##lname; }					\
static inline void __ClearPage##uname(struct page *page)			\
	{ page->flags &= ~(1UL << PG_##lname); }				\
static inline bool TestSetPage##uname(struct page *page)			\
	{ return test_and_set_bit(PG_##lname, &page->flags); }			\
static inline bool TestClearPage##uname(struct page *page)			\
	{ return test_and_clear_bit(PG_##lname, &page->flags); }

PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(Slab, slab)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(SwapBacked, swapbacked)
PAGEFLAG(AnonExclusive, anon_exclusive)
PAGEFLAG(LargeKmalloc, large_kmalloc)
PAGEFLAG(Isolated, isolated)

/* Flags that must be clear when a page is freed or handed out (bad_page()). */
#define PAGE_FLAGS_CHECK_AT_FREE					\
	((1UL << PG_locked) | (1UL << PG_slab) | (1UL << PG_reserved) |	\
	 (1UL << PG_buddy) | (1UL << PG_anon_exclusive) |		\
	 (1UL << PG_large_kmalloc) | (1UL << PG_isolated))
#define PAGE_FLAGS_CHECK_AT_PREP ((1UL << __NR_PAGEFLAGS) - 1)

extern const char *const pageflag_names[__NR_PAGEFLAGS];

#endif /* _LINUX_PAGE_FLAGS_H */
