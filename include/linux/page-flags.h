/* SPDX-License-Identifier: GPL-2.0 */
/*
 * page-flags.h - the PG_* bits of page->flags and their accessors.
 * Mirrors include/linux/page-flags.h: PageFoo(page) tests, SetPageFoo() /
 * ClearPageFoo() change a bit atomically, __SetPageFoo()/__ClearPageFoo()
 * non-atomically (for pages nobody else can see yet).
 *
 * Each flag has folio accessors (folio_test_dirty(folio) ...) and, where
 * Linux 6.12 still has them, page ones (PageDirty(page) ...). The
 * anonymous-folio test is not a flag: folio->mapping's low bits say it
 * (folio_test_anon(), folio_test_ksm()), as in Linux.
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
	PG_lru,			/* on an LRU list of its node's lruvec (mm/swap.c) */
	PG_active,		/* ... the active one of its kind */
	PG_unevictable,		/* ... counted as LRU_UNEVICTABLE (no list: mm_inline.h) */
	PG_mlocked,		/* mapped by a VM_LOCKED VMA (mm/mlock.c) */
	PG_head,		/* first page of a compound page (a large folio) */
	PG_hugetlb,		/* a hugetlb folio (mm/hugetlb.c); Linux: a page type */
	__NR_PAGEFLAGS,
};

/* The zone number lives in the top bits of page->flags (like Linux's ZONES_PGSHIFT). */
#define ZONES_WIDTH	2
#define ZONES_PGSHIFT	(64 - ZONES_WIDTH)
#define ZONES_MASK	((1UL << ZONES_WIDTH) - 1)


/*
 * A page's flags are its folio's. The only compound pages are hugetlb
 * folios (__GFP_COMP, mm/hugetlb.c), whose tail pages nothing looks up by
 * page, so Linux's policies (PF_ANY, PF_HEAD, PF_NO_TAIL, PF_NO_COMPOUND:
 * which struct page of a compound page holds the bit) all name the page
 * itself. A large folio keeps its flags in its head page (folio_flags(folio,
 * 0)) and its order in the low byte of the second's (Linux's _flags_1).
 */
#define PF_ANY(page, enforce)		(page)
#define PF_HEAD(page, enforce)		(page)
#define PF_NO_TAIL(page, enforce)	(page)
#define PF_NO_COMPOUND(page, enforce)	(page)
#define FOLIO_HEAD_PAGE			0

static inline const unsigned long *const_folio_flags(const struct folio *folio, unsigned int n)
{
	return &(&folio->page)[n].flags;
}

static inline unsigned long *folio_flags(struct folio *folio, unsigned int n)
{
	return &(&folio->page)[n].flags;
}

/*
 * The accessors, generated as Linux's page-flags.h generates them:
 * folio_test_foo(), folio_set_foo(), folio_clear_foo() (atomic),
 * __folio_set_foo(), __folio_clear_foo() (non-atomic, for a folio nobody
 * else can see yet), folio_test_set_foo(), folio_test_clear_foo(); and for
 * flags that still have page users PageFoo(), SetPageFoo() ... on a page.
 */
#define FOLIO_TEST_FLAG(name, page)						\
static inline bool folio_test_##name(const struct folio *folio)			\
{ return test_bit(PG_##name, const_folio_flags(folio, page)); }

#define FOLIO_SET_FLAG(name, page)						\
static inline void folio_set_##name(struct folio *folio)			\
{ set_bit(PG_##name, folio_flags(folio, page)); }

#define FOLIO_CLEAR_FLAG(name, page)						\
static inline void folio_clear_##name(struct folio *folio)			\
{ clear_bit(PG_##name, folio_flags(folio, page)); }

#define __FOLIO_SET_FLAG(name, page)						\
static inline void __folio_set_##name(struct folio *folio)			\
{ __set_bit(PG_##name, folio_flags(folio, page)); }

#define __FOLIO_CLEAR_FLAG(name, page)						\
static inline void __folio_clear_##name(struct folio *folio)			\
{ __clear_bit(PG_##name, folio_flags(folio, page)); }

#define FOLIO_TEST_SET_FLAG(name, page)						\
static inline bool folio_test_set_##name(struct folio *folio)			\
{ return test_and_set_bit(PG_##name, folio_flags(folio, page)); }

#define FOLIO_TEST_CLEAR_FLAG(name, page)					\
static inline bool folio_test_clear_##name(struct folio *folio)		\
{ return test_and_clear_bit(PG_##name, folio_flags(folio, page)); }

#define FOLIO_FLAG(name, page)							\
FOLIO_TEST_FLAG(name, page)							\
FOLIO_SET_FLAG(name, page)							\
FOLIO_CLEAR_FLAG(name, page)

#define TESTPAGEFLAG(uname, lname, policy)					\
FOLIO_TEST_FLAG(lname, FOLIO_HEAD_PAGE)						\
static inline bool Page##uname(const struct page *page)				\
{ return test_bit(PG_##lname, &policy(page, 0)->flags); }

#define SETPAGEFLAG(uname, lname, policy)					\
FOLIO_SET_FLAG(lname, FOLIO_HEAD_PAGE)						\
static inline void SetPage##uname(struct page *page)				\
{ set_bit(PG_##lname, &policy(page, 1)->flags); }

#define CLEARPAGEFLAG(uname, lname, policy)					\
FOLIO_CLEAR_FLAG(lname, FOLIO_HEAD_PAGE)					\
static inline void ClearPage##uname(struct page *page)				\
{ clear_bit(PG_##lname, &policy(page, 1)->flags); }

#define __SETPAGEFLAG(uname, lname, policy)					\
__FOLIO_SET_FLAG(lname, FOLIO_HEAD_PAGE)					\
static inline void __SetPage##uname(struct page *page)				\
{ __set_bit(PG_##lname, &policy(page, 1)->flags); }

#define __CLEARPAGEFLAG(uname, lname, policy)					\
__FOLIO_CLEAR_FLAG(lname, FOLIO_HEAD_PAGE)					\
static inline void __ClearPage##uname(struct page *page)			\
{ __clear_bit(PG_##lname, &policy(page, 1)->flags); }

#define TESTSETFLAG(uname, lname, policy)					\
FOLIO_TEST_SET_FLAG(lname, FOLIO_HEAD_PAGE)					\
static inline bool TestSetPage##uname(struct page *page)			\
{ return test_and_set_bit(PG_##lname, &policy(page, 1)->flags); }

#define TESTCLEARFLAG(uname, lname, policy)					\
FOLIO_TEST_CLEAR_FLAG(lname, FOLIO_HEAD_PAGE)					\
static inline bool TestClearPage##uname(struct page *page)			\
{ return test_and_clear_bit(PG_##lname, &policy(page, 1)->flags); }

#define PAGEFLAG(uname, lname, policy)						\
	TESTPAGEFLAG(uname, lname, policy)					\
	SETPAGEFLAG(uname, lname, policy)					\
	CLEARPAGEFLAG(uname, lname, policy)

#define __PAGEFLAG(uname, lname, policy)					\
	TESTPAGEFLAG(uname, lname, policy)					\
	__SETPAGEFLAG(uname, lname, policy)					\
	__CLEARPAGEFLAG(uname, lname, policy)

#define TESTSCFLAG(uname, lname, policy)					\
	TESTSETFLAG(uname, lname, policy)					\
	TESTCLEARFLAG(uname, lname, policy)

__PAGEFLAG(Locked, locked, PF_NO_TAIL)
FOLIO_FLAG(referenced, FOLIO_HEAD_PAGE)
	FOLIO_TEST_CLEAR_FLAG(referenced, FOLIO_HEAD_PAGE)
	__FOLIO_SET_FLAG(referenced, FOLIO_HEAD_PAGE)
PAGEFLAG(Dirty, dirty, PF_HEAD) TESTSCFLAG(Dirty, dirty, PF_HEAD)
	__CLEARPAGEFLAG(Dirty, dirty, PF_HEAD)
PAGEFLAG(Reserved, reserved, PF_NO_COMPOUND)
	__CLEARPAGEFLAG(Reserved, reserved, PF_NO_COMPOUND)
	__SETPAGEFLAG(Reserved, reserved, PF_NO_COMPOUND)
FOLIO_FLAG(swapbacked, FOLIO_HEAD_PAGE)
	__FOLIO_CLEAR_FLAG(swapbacked, FOLIO_HEAD_PAGE)
	__FOLIO_SET_FLAG(swapbacked, FOLIO_HEAD_PAGE)
PAGEFLAG(Isolated, isolated, PF_ANY)
PAGEFLAG(LRU, lru, PF_HEAD) __CLEARPAGEFLAG(LRU, lru, PF_HEAD)
	TESTCLEARFLAG(LRU, lru, PF_HEAD)
PAGEFLAG(Active, active, PF_HEAD) __CLEARPAGEFLAG(Active, active, PF_HEAD)
	TESTCLEARFLAG(Active, active, PF_HEAD)
PAGEFLAG(Unevictable, unevictable, PF_HEAD)
	__CLEARPAGEFLAG(Unevictable, unevictable, PF_HEAD)
	TESTCLEARFLAG(Unevictable, unevictable, PF_HEAD)
PAGEFLAG(Mlocked, mlocked, PF_NO_TAIL)
	__CLEARPAGEFLAG(Mlocked, mlocked, PF_NO_TAIL)
	TESTSCFLAG(Mlocked, mlocked, PF_NO_TAIL)

__PAGEFLAG(Head, head, PF_ANY)

/*
 * Page types: Linux 6.12 keeps these in page->page_type, not in flags
 * (docs/linux-6.12.md); the accessors have Linux's names.
 */
__PAGEFLAG(Buddy, buddy, PF_ANY)
__PAGEFLAG(Slab, slab, PF_NO_TAIL)
__PAGEFLAG(LargeKmalloc, large_kmalloc, PF_ANY)
FOLIO_TEST_FLAG(hugetlb, FOLIO_HEAD_PAGE)
__FOLIO_SET_FLAG(hugetlb, FOLIO_HEAD_PAGE)
__FOLIO_CLEAR_FLAG(hugetlb, FOLIO_HEAD_PAGE)

/*
 * --- anonymous and KSM folios: folio->mapping's low bits, not a flag ---
 * PAGE_MAPPING_ANON: mapping is the anon_vma; PAGE_MAPPING_KSM (both
 * bits): a KSM stable_node.
 */
#define PAGE_MAPPING_ANON	0x1
#define PAGE_MAPPING_MOVABLE	0x2
#define PAGE_MAPPING_KSM	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
#define PAGE_MAPPING_FLAGS	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)

/* folio_mapping_flags - is folio->mapping an anon_vma or KSM/movable cookie (not a file)? */
static inline bool folio_mapping_flags(const struct folio *folio)
{
	return ((unsigned long)folio->mapping & PAGE_MAPPING_FLAGS) != 0;
}

static inline bool folio_test_anon(const struct folio *folio)
{
	return ((unsigned long)folio->mapping & PAGE_MAPPING_ANON) != 0;
}

static inline bool PageAnon(const struct page *page)
{
	return folio_test_anon((const struct folio *)page);
}

/* folio_test_ksm - a KSM folio: its mapping is a stable_node | PAGE_MAPPING_KSM. */
static inline bool folio_test_ksm(const struct folio *folio)
{
	return ((unsigned long)folio->mapping & PAGE_MAPPING_FLAGS) == PAGE_MAPPING_KSM;
}

static inline bool PageKsm(const struct page *page)
{
	return folio_test_ksm((const struct folio *)page);
}

/*
 * PageAnonExclusive - only this process maps the anonymous page: a write
 * fault may reuse it (mm/memory.c, docs/cow.md). A page flag with page
 * accessors only, as in Linux: a large folio keeps it per page.
 */
static inline bool PageAnonExclusive(const struct page *page)
{
	return test_bit(PG_anon_exclusive, &PF_ANY(page, 1)->flags);
}

static inline void SetPageAnonExclusive(struct page *page)
{
	set_bit(PG_anon_exclusive, &PF_ANY(page, 1)->flags);
}

static inline void ClearPageAnonExclusive(struct page *page)
{
	clear_bit(PG_anon_exclusive, &PF_ANY(page, 1)->flags);
}

/* folio_test_large - more than one page: a compound page's head. */
static inline bool folio_test_large(const struct folio *folio)
{
	return folio_test_head(folio);
}

/* PAGE_FLAGS_SECOND - what a compound page keeps in its second page's flags: the order. */
#define PAGE_FLAGS_SECOND	0xffUL

/* Flags that must be clear when a page is freed or handed out (bad_page()). */
#define PAGE_FLAGS_CHECK_AT_FREE					\
	((1UL << PG_locked) | (1UL << PG_slab) | (1UL << PG_reserved) |	\
	 (1UL << PG_buddy) | (1UL << PG_anon_exclusive) |		\
	 (1UL << PG_large_kmalloc) | (1UL << PG_isolated) | (1UL << PG_lru) |	\
	 (1UL << PG_active) | (1UL << PG_unevictable) | (1UL << PG_mlocked) |	\
	 (1UL << PG_hugetlb))
#define PAGE_FLAGS_CHECK_AT_PREP ((1UL << __NR_PAGEFLAGS) - 1)

extern const char *const pageflag_names[__NR_PAGEFLAGS];

#endif /* _LINUX_PAGE_FLAGS_H */
