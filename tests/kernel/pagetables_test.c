// SPDX-License-Identifier: GPL-2.0
/*
 * pagetables_test.c - ktest cases for the four-level page-table walk and
 * demand paging of anonymous memory (mm/memory.c: walk_to_pmd(),
 * __pte_alloc(), mm_find_pmd(), do_anonymous_page()).
 *
 * The page-table lab (docs/labs/pagetables.md) is graded with these, so
 * they use nothing the later labs write: no fork, no copy-on-write and no
 * rmap walk (mm_verify() walks the rmap; the memory suite checks it).
 * Each case builds its own address space and must give every page and
 * page table back once it is gone.
 */
#include "mm_test.h"
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmstat.h>

#define BASE	0x40000000UL	/* 1 GiB: a PUD entry's range starts here */

/* Addresses sharing less and less of the walk with BASE. */
static const unsigned long walk_addrs[] = {
	BASE,			/* PUD, PMD and PTE table: 3 new tables */
	BASE + PAGE_SIZE,	/* the same PTE table: none */
	BASE + PMD_SIZE,	/* the same PMD table, a new PTE table: 1 */
	BASE + PUD_SIZE,	/* the same PUD table: a PMD and a PTE table: 2 */
	PGDIR_SIZE,		/* another PGD entry: PUD, PMD, PTE: 3 */
};
static const int walk_tables[] = { 3, 3, 4, 6, 9 };	/* after each */

/* What a case must give back: free pages (slab caches shrunk) and page tables. */
struct given_back {
	unsigned long free_pages;
	unsigned long pagetables;
};

/* lookup_pte - the PTE of @addr if its table exists (allocates nothing), else NULL. */
static pte_t *lookup_pte(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = mm_find_pmd(mm, addr);

	return pmd ? pte_offset_map(pmd, addr) : NULL;
}

static struct given_back given_back_now(void)
{
	kmem_cache_shrink_all();
	return (struct given_back){ ktest_free_pages(), global_node_page_state(NR_PAGETABLE) };
}

/* mmput(@mm); then every page and page table is back as in @before. */
#define MMPUT_EXPECT_ALL_BACK(t, mm, before)					\
	do {									\
		struct given_back __now;					\
										\
		mmput(mm);							\
		__now = given_back_now();					\
		KTEST_EXPECT_EQ(t, __now.free_pages, (before).free_pages);	\
		KTEST_EXPECT_EQ(t, __now.pagetables, (before).pagetables);	\
	} while (0)

KTEST(pagetables, walk_allocates_each_level)
{
	struct given_back before = given_back_now();
	struct mm_struct *mm = mm_alloc();
	spinlock_t *ptl;
	pte_t *pte;

	KTEST_ASSERT_NOT_NULL(t, mm);
	/* VMAs over the addresses: exit frees the page tables under VMAs only. */
	for (int i = 0; i < ARRAY_SIZE(walk_addrs); i++)
		KTEST_ASSERT_NOT_NULL(t, mm_test_new_vma(mm, walk_addrs[i], 1, MM_TEST_RW));
	for (int i = 0; i < ARRAY_SIZE(walk_addrs); i++) {
		unsigned long addr = walk_addrs[i];
		pmd_t *pmd;

		pmd = walk_to_pmd(mm, addr);
		KTEST_ASSERT_NOT_NULL(t, pmd);
		KTEST_EXPECT_FALSE(t, pgd_none(*pgd_offset(mm, addr)));
		KTEST_EXPECT_TRUE(t, pmd == pmd_offset(pud_offset(pgd_offset(mm, addr), addr), addr));
		KTEST_EXPECT_TRUE(t, walk_to_pmd(mm, addr) == pmd);	/* nothing new */
		pte = pte_alloc_map_lock(mm, pmd, addr, &ptl);
		KTEST_ASSERT_NOT_NULL(t, pte);
		pte_unmap_unlock(pte, ptl);
		KTEST_EXPECT_TRUE(t, pte_none(*pte));
		KTEST_EXPECT_TRUE(t, mm_find_pmd(mm, addr) == pmd);
		KTEST_EXPECT_TRUE(t, lookup_pte(mm, addr) == pte);
		KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), walk_tables[i] * PAGE_SIZE);
		KTEST_EXPECT_EQ(t, global_node_page_state(NR_PAGETABLE) - before.pagetables,
				walk_tables[i]);
	}
	/* Neighbouring PTEs of one table are neighbours in memory. */
	KTEST_EXPECT_TRUE(t, lookup_pte(mm, BASE + PAGE_SIZE) ==
			     lookup_pte(mm, BASE) + 1);
	MMPUT_EXPECT_ALL_BACK(t, mm, before);
}

KTEST(pagetables, lookup_allocates_nothing)
{
	struct given_back before = given_back_now();
	struct mm_struct *mm = mm_test_new_mm(BASE, 1);

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_NULL(t, mm_find_pmd(mm, BASE));
	KTEST_EXPECT_NULL(t, lookup_pte(mm, BASE));
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 0);
	/* PUD and PMD tables, but no PTE table: still nothing to find. */
	KTEST_ASSERT_NOT_NULL(t, walk_to_pmd(mm, BASE));
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 2 * PAGE_SIZE);
	KTEST_EXPECT_NULL(t, mm_find_pmd(mm, BASE));
	KTEST_EXPECT_NULL(t, lookup_pte(mm, BASE));
	KTEST_EXPECT_NULL(t, mm_find_pmd(mm, BASE + PUD_SIZE));
	KTEST_EXPECT_NULL(t, mm_find_pmd(mm, PGDIR_SIZE));
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_PAGETABLE) - before.pagetables, 2);
	MMPUT_EXPECT_ALL_BACK(t, mm, before);
}

KTEST(pagetables, read_maps_zero_page)
{
	struct given_back before = given_back_now();
	struct mm_struct *mm = mm_test_new_mm(BASE, 4);
	int zero_refs = page_count(pfn_to_page(zero_pfn));
	pte_t pte;

	KTEST_ASSERT_NOT_NULL(t, mm);
	for (int i = 0; i < 4; i++) {
		pte = mm_test_fault(mm, BASE + i * PAGE_SIZE, false);
		KTEST_EXPECT_TRUE(t, pte_present(pte));
		KTEST_EXPECT_EQ(t, pte_pfn(pte), zero_pfn);
		KTEST_EXPECT_FALSE(t, pte_write(pte));
	}
	KTEST_EXPECT_EQ(t, get_mm_rss(mm), 0);
	KTEST_EXPECT_NULL(t, find_vma(mm, BASE)->anon_vma);	/* a read needs none */
	KTEST_EXPECT_EQ(t, page_count(pfn_to_page(zero_pfn)), zero_refs);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 3 * PAGE_SIZE);
	MMPUT_EXPECT_ALL_BACK(t, mm, before);
}

KTEST(pagetables, write_maps_new_zeroed_page)
{
	struct given_back before = given_back_now();
	long anon_mapped = global_node_page_state(NR_ANON_MAPPED);
	struct mm_struct *mm = mm_test_new_mm(BASE, 4);
	struct page *pages[4];

	KTEST_ASSERT_NOT_NULL(t, mm);
	for (int i = 0; i < 4; i++) {
		unsigned long addr = BASE + i * PAGE_SIZE;
		pte_t pte = mm_test_fault(mm, addr, true);
		struct page *page = mm_test_page(mm, addr);

		KTEST_ASSERT_NOT_NULL(t, page);
		pages[i] = page;
		KTEST_EXPECT_TRUE(t, pte_write(pte) && pte_dirty(pte));
		KTEST_EXPECT_TRUE(t, PageAnon(page));
		KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
		KTEST_EXPECT_EQ(t, page_count(page), 1);
		KTEST_EXPECT_TRUE(t, folio_anon_vma(page_folio(page)) == find_vma(mm, BASE)->anon_vma);
		KTEST_EXPECT_EQ(t, page->index, addr >> PAGE_SHIFT);
		KTEST_EXPECT_NULL(t, memchr_inv(page_address(page), 0, PAGE_SIZE));
		for (int j = 0; j < i; j++)
			KTEST_EXPECT_TRUE(t, pages[j] != page);
		memset(page_address(page), 0x5a, PAGE_SIZE);	/* the user writes */
	}
	/* A second write to a present, writable PTE maps nothing new. */
	KTEST_EXPECT_EQ(t, pte_pfn(mm_test_fault(mm, BASE, true)), page_to_pfn(pages[0]));
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_ANONPAGES), 4);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_ANON_MAPPED) - anon_mapped, 4);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 3 * PAGE_SIZE);
	MMPUT_EXPECT_ALL_BACK(t, mm, before);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_ANON_MAPPED), anon_mapped);
}
