// SPDX-License-Identifier: GPL-2.0
/*
 * gup_test.c - ktest suite "gup": get_user_pages() and pins (mm/gup.c)
 * and the anonymous-exclusive rules that keep a pin coherent: a pinned
 * page is copied for the child at fork (copy_present_pte()), a read pin
 * of a shared page unshares it first (FAULT_FLAG_UNSHARE), a forced write
 * into a read-only private mapping writes a private copy, and
 * MADV_POPULATE's errors (faultin_page_range()).
 *
 * The address spaces are built by hand as in memory_test.c; the pins are
 * taken with the *_remote() entry points under mmap_lock. Every case
 * checks mm_verify() and, at the end, that every page came back.
 */
#include "mm_test.h"
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mm_verify.h>
#include <linux/rmap.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmstat.h>

#define BASE		0x40000000UL

static unsigned long pg(int i)
{
	return BASE + i * PAGE_SIZE;
}

static unsigned long free_before(void)
{
	kmem_cache_shrink_all();
	return ktest_free_pages();
}

#define EXPECT_ALL_BACK(t, before)					\
	do {								\
		KTEST_EXPECT_EQ(t, free_before(), (before));		\
		KTEST_EXPECT_EQ(t, mm_verify(), 0);			\
	} while (0)

/* pin - pin_user_pages_remote() of one page of @mm: the page, or NULL. */
static struct page *pin(struct mm_struct *mm, unsigned long addr, unsigned int flags)
{
	struct page *page;
	long got;

	mmap_read_lock(mm);
	got = pin_user_pages_remote(mm, addr, 1, flags, &page);
	mmap_read_unlock(mm);
	return got == 1 ? page : NULL;
}

/* get - get_user_pages_remote() of @nr pages: the count or the error. */
static long get(struct mm_struct *mm, unsigned long addr, long nr, unsigned int flags,
		struct page **pages)
{
	long got;

	mmap_read_lock(mm);
	got = get_user_pages_remote(mm, addr, nr, flags, pages);
	mmap_read_unlock(mm);
	return got;
}

static void put_pages(struct page **pages, long nr)
{
	for (long i = 0; i < nr; i++)
		put_page(pages[i]);
}

KTEST(gup, pin_counts_with_bias)
{
	unsigned long before = free_before();
	unsigned long acquired = global_node_page_state(NR_FOLL_PIN_ACQUIRED);
	unsigned long released = global_node_page_state(NR_FOLL_PIN_RELEASED);
	struct page *page, *pinned, *zero_page = pfn_to_page(zero_pfn);
	int zero_refs = page_count(zero_page);
	struct mm_struct *mm;

	mm = mm_test_new_mm(BASE, 2);
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_FALSE(t, test_bit(MMF_HAS_PINNED, &mm->flags));

	/* A write pin faults the page in, writable and exclusive. */
	pinned = pin(mm, pg(0), FOLL_WRITE);
	KTEST_ASSERT_NOT_NULL(t, pinned);
	page = mm_test_page(mm, pg(0));
	KTEST_EXPECT_TRUE(t, page == pinned);
	KTEST_EXPECT_TRUE(t, pte_write(mm_test_pte(mm, pg(0))));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(page));
	KTEST_EXPECT_EQ(t, page_count(page), 1 + GUP_PIN_COUNTING_BIAS);
	KTEST_EXPECT_TRUE(t, folio_maybe_dma_pinned(page_folio(page)));
	KTEST_EXPECT_TRUE(t, test_bit(MMF_HAS_PINNED, &mm->flags));
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FOLL_PIN_ACQUIRED), acquired + 1);
	/* mm_verify: a pinned page that is still mapped must be exclusive. */
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	ClearPageAnonExclusive(page);
	KTEST_EXPECT_EQ(t, mm_verify(), 1);
	SetPageAnonExclusive(page);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* A second pin adds another bias; unpinning both leaves the mapping's reference. */
	KTEST_EXPECT_TRUE(t, pin(mm, pg(0), 0) == page);
	KTEST_EXPECT_EQ(t, page_count(page), 1 + 2 * GUP_PIN_COUNTING_BIAS);
	unpin_user_page(page);
	KTEST_EXPECT_TRUE(t, folio_maybe_dma_pinned(page_folio(page)));
	unpin_user_page(page);
	KTEST_EXPECT_FALSE(t, folio_maybe_dma_pinned(page_folio(page)));
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FOLL_PIN_RELEASED), released + 2);

	/* A read pin of untouched memory gets the zero page, which is never pinned. */
	pinned = pin(mm, pg(1), 0);
	KTEST_EXPECT_EQ(t, page_to_pfn(pinned), zero_pfn);
	KTEST_EXPECT_EQ(t, page_count(zero_page), zero_refs);
	unpin_user_page(pinned);
	KTEST_EXPECT_EQ(t, page_count(zero_page), zero_refs);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_FOLL_PIN_ACQUIRED), acquired + 2);

	/* A reference (FOLL_GET) is a plain one: not a pin. */
	KTEST_EXPECT_EQ(t, get(mm, pg(0), 1, FOLL_GET, &pinned), 1);
	KTEST_EXPECT_EQ(t, page_count(page), 2);
	KTEST_EXPECT_FALSE(t, folio_maybe_dma_pinned(page_folio(page)));
	put_page(pinned);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(mm);
	EXPECT_ALL_BACK(t, before);
}

KTEST(gup, fork_copies_pinned_page)
{
	unsigned long before = free_before();
	struct mm_struct *parent, *child;
	struct page *pinned, *shared, *copy;

	parent = mm_test_new_mm(BASE, 2);
	KTEST_ASSERT_NOT_NULL(t, parent);
	mm_test_fault(parent, pg(0), true);
	mm_test_fault(parent, pg(1), true);
	pinned = pin(parent, pg(0), FOLL_WRITE | FOLL_LONGTERM);
	KTEST_ASSERT_NOT_NULL(t, pinned);
	memset(page_address(pinned), 'D', PAGE_SIZE);	/* as a device would */
	shared = mm_test_page(parent, pg(1));

	child = dup_mm(parent);
	KTEST_ASSERT_NOT_NULL(t, child);

	/* The pinned page stays the parent's alone, still writable there ... */
	KTEST_EXPECT_TRUE(t, mm_test_page(parent, pg(0)) == pinned);
	KTEST_EXPECT_TRUE(t, pte_write(mm_test_pte(parent, pg(0))));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(pinned));
	KTEST_EXPECT_EQ(t, page_mapcount(pinned), 1);
	/* ... the child got a copy at fork: another frame, same contents, its own ... */
	copy = mm_test_page(child, pg(0));
	KTEST_ASSERT_NOT_NULL(t, copy);
	KTEST_EXPECT_NE(t, page_to_pfn(copy), page_to_pfn(pinned));
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(copy), 'D', PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, pte_write(mm_test_pte(child, pg(0))));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(copy));
	KTEST_EXPECT_EQ(t, page_count(copy), 1);
	KTEST_EXPECT_EQ(t, get_mm_counter(child, MM_ANONPAGES), 2);
	/* ... while the unpinned neighbour is shared copy-on-write as always. */
	KTEST_EXPECT_TRUE(t, mm_test_page(child, pg(1)) == shared);
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(parent, pg(1))));
	KTEST_EXPECT_FALSE(t, PageAnonExclusive(shared));
	KTEST_EXPECT_EQ(t, page_mapcount(shared), 2);
	/* The child has pinned nothing itself. */
	KTEST_EXPECT_FALSE(t, test_bit(MMF_HAS_PINNED, &child->flags));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* The device's later writes reach the parent only. */
	memset(page_address(pinned), 'E', PAGE_SIZE);
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(copy), 'D', PAGE_SIZE));
	unpin_user_page(pinned);
	KTEST_EXPECT_FALSE(t, folio_maybe_dma_pinned(page_folio(pinned)));

	mmput(child);
	mmput(parent);
	EXPECT_ALL_BACK(t, before);
}

KTEST(gup, read_pin_unshares_shared_page)
{
	unsigned long before = free_before();
	struct mm_struct *parent, *child;
	struct page *old, *pinned, *again;

	parent = mm_test_new_mm(BASE, 1);
	KTEST_ASSERT_NOT_NULL(t, parent);
	mm_test_fault(parent, pg(0), true);
	old = mm_test_page(parent, pg(0));
	memset(page_address(old), 'P', PAGE_SIZE);
	child = dup_mm(parent);		/* no pin yet: shared */
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, page_mapcount(old), 2);

	/* A read pin by the parent must not pin a page the child shares: unshare first. */
	pinned = pin(parent, pg(0), 0);
	KTEST_ASSERT_NOT_NULL(t, pinned);
	KTEST_EXPECT_TRUE(t, pinned != old);
	KTEST_EXPECT_TRUE(t, mm_test_page(parent, pg(0)) == pinned);
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(parent, pg(0))));	/* still read-only */
	KTEST_EXPECT_FALSE(t, pte_dirty(mm_test_pte(parent, pg(0))));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(pinned));
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(pinned), 'P', PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, mm_test_page(child, pg(0)) == old);
	KTEST_EXPECT_EQ(t, page_mapcount(old), 1);

	/* The child, now the old page's only user, pins it without a copy. */
	again = pin(child, pg(0), 0);
	KTEST_EXPECT_TRUE(t, again == old);
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(old));
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(child, pg(0))));

	/* The parent's write reuses its exclusive page: the pin sees it. */
	mm_test_fault(parent, pg(0), true);
	KTEST_EXPECT_TRUE(t, mm_test_page(parent, pg(0)) == pinned);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	unpin_user_page(pinned);
	unpin_user_page(again);

	mmput(child);
	mmput(parent);
	EXPECT_ALL_BACK(t, before);
}

KTEST(gup, forced_write_copies_privately)
{
	unsigned long before = free_before();
	struct page *pages[3], *copy;
	struct mm_struct *mm;

	mm = mm_test_new_mm(BASE, 2);		/* 0-1 read-write, 2 a hole, 3 read-only */
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_NOT_NULL(t, mm_test_new_vma(mm, pg(3), 1, VM_READ | VM_MAYREAD | VM_MAYWRITE));

	/* Short at the hole; an error when nothing could be had. */
	KTEST_EXPECT_EQ(t, get(mm, pg(0), 3, FOLL_GET, pages), 2);
	put_pages(pages, 2);
	KTEST_EXPECT_EQ(t, get(mm, pg(2), 1, FOLL_GET, pages), -EFAULT);
	KTEST_EXPECT_EQ(t, get(mm, BASE - PAGE_SIZE, 1, 0, NULL), -EFAULT);
	/* No write into a read-only VMA without FOLL_FORCE. */
	KTEST_EXPECT_EQ(t, get(mm, pg(3), 1, FOLL_WRITE | FOLL_GET, pages), -EFAULT);
	KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(mm, pg(3))));

	/* Forced: an exclusive anonymous copy, mapped read-only still. */
	KTEST_EXPECT_EQ(t, get(mm, pg(3), 1, FOLL_WRITE | FOLL_FORCE | FOLL_GET, pages), 1);
	copy = mm_test_page(mm, pg(3));
	KTEST_EXPECT_TRUE(t, copy == pages[0]);
	KTEST_EXPECT_TRUE(t, PageAnon(copy) && PageAnonExclusive(copy));
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(mm, pg(3))));
	put_page(pages[0]);
	/* Again: the same page, no new fault needed. */
	KTEST_EXPECT_EQ(t, get(mm, pg(3), 1, FOLL_WRITE | FOLL_FORCE | FOLL_GET, pages), 1);
	KTEST_EXPECT_TRUE(t, pages[0] == copy);
	put_page(pages[0]);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(mm);
	EXPECT_ALL_BACK(t, before);
}

KTEST(gup, faultin_page_range_errors)
{
	unsigned long before = free_before();
	struct mm_struct *mm;

	mm = mm_test_new_mm(BASE, 2);		/* 0-1 read-write, 2 a hole, 3 read-only */
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_NOT_NULL(t, mm_test_new_vma(mm, pg(3), 1, VM_READ | VM_MAYREAD));

	mmap_read_lock(mm);
	KTEST_EXPECT_EQ(t, faultin_page_range(mm, pg(0), pg(2), true), 2);
	KTEST_EXPECT_EQ(t, faultin_page_range(mm, pg(0), pg(3), false), 2);	/* stops at the hole */
	KTEST_EXPECT_EQ(t, faultin_page_range(mm, pg(2), pg(3), false), -ENOMEM);
	KTEST_EXPECT_EQ(t, faultin_page_range(mm, pg(3), pg(4), true), -EINVAL);
	KTEST_EXPECT_EQ(t, faultin_page_range(mm, pg(3), pg(4), false), 1);
	mmap_read_unlock(mm);
	KTEST_EXPECT_TRUE(t, pte_write(mm_test_pte(mm, pg(1))));
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_ANONPAGES), 2);
	KTEST_EXPECT_EQ(t, pte_pfn(mm_test_pte(mm, pg(3))), zero_pfn);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(mm);
	EXPECT_ALL_BACK(t, before);
}
