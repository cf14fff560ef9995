// SPDX-License-Identifier: GPL-2.0
/*
 * memory_test.c - ktest suite "memory": demand paging, copy-on-write,
 * fork's page-table copy, unmapping, page-table freeing and
 * access_process_vm() (mm/memory.c, mm/mmu_gather.c).
 *
 * The address spaces are built by hand with mm_test.h, as in
 * rmap_test.c: mm_alloc(), anonymous VMAs linked with insert_vm_struct(),
 * faults through handle_mm_fault(); fork's own dup_mm() copies them
 * (vm_area_dup, anon_vma_fork, copy_page_range). Fault counts come from
 * the vm events: Linux's pgfault and Pagoda's cow_fault, cow_copy and
 * pgreuse. Every case checks mm_verify() while its mms are alive, and
 * once they are gone, that the free pages and NR_PAGETABLE are back at
 * their counts from before and mm_verify() is still clean.
 */
#include "mm_test.h"
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mm_verify.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmstat.h>

#define BASE		0x40000000UL	/* 1 GiB: a PUD entry's range starts here */

static unsigned long pg(int i)
{
	return BASE + i * PAGE_SIZE;
}

/* What a case must give back once its address spaces are gone. */
struct baseline {
	unsigned long free_pages;
	unsigned long pagetables;
};

static void baseline_take(struct baseline *b)
{
	kmem_cache_shrink_all();
	b->free_pages = ktest_free_pages();
	b->pagetables = global_node_page_state(NR_PAGETABLE);
}

#define EXPECT_BASELINE(t, before)					\
	do {								\
		struct baseline __now;					\
									\
		baseline_take(&__now);					\
		KTEST_EXPECT_EQ(t, __now.free_pages, (before)->free_pages); \
		KTEST_EXPECT_EQ(t, __now.pagetables, (before)->pagetables); \
		KTEST_EXPECT_EQ(t, mm_verify(), 0);			\
	} while (0)

/* The vm events at one moment; ev_since() counts those that came after. */
struct events {
	unsigned long n[NR_VM_EVENT_ITEMS];
};

static void events_take(struct events *e)
{
	memcpy(e->n, vm_event_states, sizeof(e->n));
}

static unsigned long ev_since(const struct events *e, enum vm_event_item item)
{
	return vm_event_states[item] - e->n[item];
}

static unsigned long anon_pages(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_ANONPAGES);
}

KTEST(memory, zero_page_then_write)
{
	struct page *zero_page = pfn_to_page(zero_pfn), *page;
	int zero_refs = page_count(zero_page);
	long anon_mapped = global_node_page_state(NR_ANON_MAPPED);
	struct baseline before;
	struct mm_struct *mm;
	struct events ev;
	pte_t pte;

	baseline_take(&before);
	mm = mm_test_new_mm(BASE, 2);
	KTEST_ASSERT_NOT_NULL(t, mm);

	/* A read of untouched memory maps the shared zero page, read-only. */
	events_take(&ev);
	pte = mm_test_fault(mm, pg(0), false);
	KTEST_EXPECT_TRUE(t, pte_present(pte));
	KTEST_EXPECT_EQ(t, pte_pfn(pte), zero_pfn);
	KTEST_EXPECT_FALSE(t, pte_write(pte));
	KTEST_EXPECT_NULL(t, vm_normal_page(find_vma(mm, pg(0)), pg(0), pte));
	KTEST_EXPECT_EQ(t, get_mm_rss(mm), 0);
	KTEST_EXPECT_EQ(t, page_count(zero_page), zero_refs);
	KTEST_EXPECT_NULL(t, find_vma(mm, BASE)->anon_vma);	/* a read needs none */
	KTEST_EXPECT_EQ(t, ev_since(&ev, PGFAULT), 1);
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_FAULT), 0);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 3 * PAGE_SIZE);	/* PUD, PMD, PTE */

	/* Writing it is copy-on-write of the zero page: do_wp_page() -> wp_page_copy(). */
	events_take(&ev);
	pte = mm_test_fault(mm, pg(0), true);
	page = mm_test_page(mm, pg(0));
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_NE(t, pte_pfn(pte), zero_pfn);
	KTEST_EXPECT_TRUE(t, pte_write(pte));
	KTEST_EXPECT_TRUE(t, pte_dirty(pte));
	KTEST_EXPECT_TRUE(t, PageAnon(page));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(page));
	KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_TRUE(t, folio_anon_vma(page_folio(page)) == find_vma(mm, BASE)->anon_vma);
	KTEST_EXPECT_EQ(t, page->index, pg(0) >> PAGE_SHIFT);
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(page), 0, PAGE_SIZE));
	KTEST_EXPECT_EQ(t, anon_pages(mm), 1);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_ANON_MAPPED) - anon_mapped, 1);
	KTEST_EXPECT_EQ(t, page_count(zero_page), zero_refs);
	KTEST_EXPECT_EQ(t, ev_since(&ev, PGFAULT), 1);
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_FAULT), 1);
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_COPY), 1);
	KTEST_EXPECT_EQ(t, ev_since(&ev, PGREUSE), 0);

	/* A first touch that writes is no copy-on-write: do_anonymous_page(). */
	events_take(&ev);
	pte = mm_test_fault(mm, pg(1), true);
	KTEST_EXPECT_TRUE(t, pte_write(pte) && pte_dirty(pte));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(mm_test_page(mm, pg(1))));
	KTEST_EXPECT_EQ(t, anon_pages(mm), 2);
	KTEST_EXPECT_EQ(t, ev_since(&ev, PGFAULT), 1);
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_FAULT), 0);

	/* Writing a writable PTE again changes nothing but the accessed/dirty bits. */
	events_take(&ev);
	pte = mm_test_fault(mm, pg(0), true);
	KTEST_EXPECT_EQ(t, pte_pfn(pte), page_to_pfn(page));
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_FAULT), 0);
	KTEST_EXPECT_EQ(t, anon_pages(mm), 2);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(mm);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_ANON_MAPPED), anon_mapped);
	EXPECT_BASELINE(t, &before);
}

KTEST(memory, fork_cow_copy_then_reuse)
{
	struct mm_struct *parent, *child;
	struct page *old, *copy;
	struct baseline before;
	struct events ev;
	pte_t ppte, cpte;

	baseline_take(&before);
	parent = mm_test_new_mm(BASE, 3);
	KTEST_ASSERT_NOT_NULL(t, parent);
	mm_test_fault(parent, pg(0), true);
	old = mm_test_page(parent, pg(0));
	KTEST_ASSERT_NOT_NULL(t, old);
	memset(page_address(old), 'P', PAGE_SIZE);	/* what the parent wrote */
	mm_test_fault(parent, pg(1), false);		/* the zero page; pg(2) untouched */

	child = dup_mm(parent);
	KTEST_ASSERT_NOT_NULL(t, child);

	/* Both PTEs map the same frame, read-only; the child's starts old. */
	ppte = mm_test_pte(parent, pg(0));
	cpte = mm_test_pte(child, pg(0));
	KTEST_EXPECT_EQ(t, pte_pfn(ppte), page_to_pfn(old));
	KTEST_EXPECT_EQ(t, pte_pfn(cpte), page_to_pfn(old));
	KTEST_EXPECT_FALSE(t, pte_write(ppte));
	KTEST_EXPECT_FALSE(t, pte_write(cpte));
	KTEST_EXPECT_TRUE(t, pte_young(ppte));
	KTEST_EXPECT_FALSE(t, pte_young(cpte));
	KTEST_EXPECT_EQ(t, page_mapcount(old), 2);
	KTEST_EXPECT_EQ(t, page_count(old), 2);
	KTEST_EXPECT_FALSE(t, PageAnonExclusive(old));
	KTEST_EXPECT_EQ(t, anon_pages(parent), 1);
	KTEST_EXPECT_EQ(t, anon_pages(child), anon_pages(parent));
	KTEST_EXPECT_EQ(t, pte_pfn(mm_test_pte(child, pg(1))), zero_pfn);
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(child, pg(1))));
	KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(child, pg(2))));
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(child), 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* The child writes first: it gets a copy, the parent keeps the frame. */
	events_take(&ev);
	cpte = mm_test_fault(child, pg(0), true);
	copy = mm_test_page(child, pg(0));
	KTEST_ASSERT_NOT_NULL(t, copy);
	KTEST_EXPECT_TRUE(t, copy != old);
	KTEST_EXPECT_TRUE(t, pte_write(cpte));
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_FAULT), 1);
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_COPY), 1);
	KTEST_EXPECT_EQ(t, ev_since(&ev, PGREUSE), 0);
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(copy), 'P', PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(copy));
	KTEST_EXPECT_EQ(t, page_mapcount(copy), 1);
	KTEST_EXPECT_EQ(t, page_count(copy), 1);
	KTEST_EXPECT_TRUE(t, folio_anon_vma(page_folio(copy)) == find_vma(child, BASE)->anon_vma);
	KTEST_EXPECT_TRUE(t, folio_anon_vma(page_folio(copy)) != folio_anon_vma(page_folio(old)));
	ppte = mm_test_pte(parent, pg(0));
	KTEST_EXPECT_EQ(t, pte_pfn(ppte), page_to_pfn(old));
	KTEST_EXPECT_FALSE(t, pte_write(ppte));
	KTEST_EXPECT_EQ(t, page_mapcount(old), 1);
	KTEST_EXPECT_EQ(t, page_count(old), 1);
	KTEST_EXPECT_FALSE(t, PageAnonExclusive(old));
	KTEST_EXPECT_EQ(t, anon_pages(child), 1);

	/* Then the parent writes: the only user left, it reuses the frame. */
	events_take(&ev);
	ppte = mm_test_fault(parent, pg(0), true);
	KTEST_EXPECT_EQ(t, pte_pfn(ppte), page_to_pfn(old));
	KTEST_EXPECT_TRUE(t, pte_write(ppte));
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_FAULT), 1);
	KTEST_EXPECT_EQ(t, ev_since(&ev, PGREUSE), 1);
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_COPY), 0);
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(old));
	KTEST_EXPECT_EQ(t, page_mapcount(old), 1);
	KTEST_EXPECT_EQ(t, page_count(old), 1);
	KTEST_EXPECT_EQ(t, anon_pages(parent), 1);

	/* The child writes the zero page it inherited: a zeroed page of its own. */
	events_take(&ev);
	cpte = mm_test_fault(child, pg(1), true);
	KTEST_EXPECT_NE(t, pte_pfn(cpte), zero_pfn);
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_COPY), 1);
	KTEST_EXPECT_EQ(t, anon_pages(child), 2);
	KTEST_EXPECT_EQ(t, pte_pfn(mm_test_pte(parent, pg(1))), zero_pfn);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(child);
	mmput(parent);
	EXPECT_BASELINE(t, &before);
}

KTEST(memory, fork_skips_vma_without_anon_vma)
{
	struct mm_struct *parent, *child;
	struct baseline before;

	baseline_take(&before);
	parent = mm_test_new_mm(BASE, 2);
	KTEST_ASSERT_NOT_NULL(t, parent);
	mm_test_fault(parent, pg(0), false);
	mm_test_fault(parent, pg(1), false);
	KTEST_EXPECT_NULL(t, find_vma(parent, BASE)->anon_vma);

	/* Only zero-page PTEs: nothing to copy, the child starts without tables. */
	child = dup_mm(parent);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_NULL(t, mm_test_ptep(child, pg(0)));
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(child), 0);
	KTEST_EXPECT_EQ(t, pte_pfn(mm_test_pte(parent, pg(0))), zero_pfn);

	/* Its first read faults the zero page in, as the parent's did. */
	KTEST_EXPECT_EQ(t, pte_pfn(mm_test_fault(child, pg(1), false)), zero_pfn);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(child), 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, get_mm_rss(child), 0);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(child);
	mmput(parent);
	EXPECT_BASELINE(t, &before);
}

static int munmap_mm(struct mm_struct *mm, unsigned long start, size_t len)
{
	int ret;

	mmap_write_lock(mm);
	ret = do_munmap(mm, start, len);
	mmap_write_unlock(mm);
	return ret;
}

/*
 * One-page VMAs: a and b share a PTE table (same 2 MiB), c has the next
 * PTE table under the same PMD table (same 1 GiB), d the next PUD entry,
 * e the next PGD entry (512 GiB).
 */
#define PT_A	(BASE)
#define PT_B	(BASE + 0x100000UL)
#define PT_C	(BASE + PMD_SIZE)
#define PT_D	(BASE + PUD_SIZE)
#define PT_E	(PGDIR_SIZE)

KTEST(memory, page_table_accounting)
{
	static const unsigned long addrs[] = { PT_A, PT_B, PT_C, PT_D, PT_E };
	static const int tables[] = { 3, 3, 4, 6, 9 };	/* after faulting each */
	struct baseline before;
	struct mm_struct *mm;

	baseline_take(&before);
	mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 0);	/* the PGD is not counted */
	for (int i = 0; i < ARRAY_SIZE(addrs); i++)
		KTEST_ASSERT_NOT_NULL(t, mm_test_new_vma(mm, addrs[i], 1, MM_TEST_RW));
	for (int i = 0; i < ARRAY_SIZE(addrs); i++) {
		KTEST_EXPECT_TRUE(t, pte_write(mm_test_fault(mm, addrs[i], true)));
		KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), tables[i] * PAGE_SIZE);
		KTEST_EXPECT_EQ(t, global_node_page_state(NR_PAGETABLE) - before.pagetables,
				tables[i]);
	}
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* a: its PTE table also maps b (ceiling inside the same 2 MiB): all stay. */
	KTEST_EXPECT_EQ(t, munmap_mm(mm, PT_A, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 9 * PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(mm, PT_A)));
	KTEST_EXPECT_TRUE(t, pte_present(mm_test_pte(mm, PT_B)));

	/* c: its PTE table goes; the PMD table stays for b (floor in the same 1 GiB). */
	KTEST_EXPECT_EQ(t, munmap_mm(mm, PT_C, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 8 * PAGE_SIZE);
	KTEST_EXPECT_NULL(t, mm_find_pmd(mm, PT_C));
	KTEST_EXPECT_NOT_NULL(t, mm_find_pmd(mm, PT_B));

	/* b: PTE and PMD table; the PUD table stays for d (same 512 GiB). */
	KTEST_EXPECT_EQ(t, munmap_mm(mm, PT_B, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 6 * PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, pud_none(*pud_offset(pgd_offset(mm, PT_B), PT_B)));
	KTEST_EXPECT_FALSE(t, pgd_none(*pgd_offset(mm, PT_B)));

	/* d: the last user of the first PGD entry takes the PUD table with it. */
	KTEST_EXPECT_EQ(t, munmap_mm(mm, PT_D, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 3 * PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, pgd_none(*pgd_offset(mm, PT_D)));

	KTEST_EXPECT_EQ(t, munmap_mm(mm, PT_E, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 0);
	KTEST_EXPECT_TRUE(t, pgd_none(*pgd_offset(mm, PT_E)));
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_PAGETABLE), before.pagetables);
	KTEST_EXPECT_EQ(t, get_mm_rss(mm), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 0);
	KTEST_EXPECT_EQ(t, mm->total_vm, 0);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(mm);
	EXPECT_BASELINE(t, &before);
}

KTEST(memory, exit_frees_page_tables)
{
	struct baseline before;
	struct mm_struct *mm;

	baseline_take(&before);
	mm = mm_test_new_mm(BASE, 1);
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_NOT_NULL(t, mm_test_new_vma(mm, PT_D, 1, MM_TEST_RW));
	KTEST_ASSERT_NOT_NULL(t, mm_test_new_vma(mm, PT_E, 1, MM_TEST_RW));
	mm_test_fault(mm, BASE, true);
	mm_test_fault(mm, PT_D, true);
	mm_test_fault(mm, PT_E, false);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(mm), 8 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_PAGETABLE) - before.pagetables, 8);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(mm);	/* exit_mmap(): unmap_vmas() and free_pgtables() over everything */
	EXPECT_BASELINE(t, &before);
}

KTEST(memory, dontneed_zaps)
{
	struct mm_struct *parent, *child;
	struct baseline before;
	struct page *shared;
	unsigned long free;
	struct events ev;

	baseline_take(&before);
	parent = mm_test_new_mm(BASE, 4);
	KTEST_ASSERT_NOT_NULL(t, parent);
	for (int i = 0; i < 4; i++)
		KTEST_ASSERT_TRUE(t, pte_write(mm_test_fault(parent, pg(i), true)));
	child = dup_mm(parent);
	KTEST_ASSERT_NOT_NULL(t, child);
	shared = mm_test_page(parent, pg(1));
	KTEST_ASSERT_NOT_NULL(t, shared);
	KTEST_EXPECT_EQ(t, page_mapcount(shared), 2);
	KTEST_EXPECT_EQ(t, child->hiwater_rss, 4);	/* dup_mm() starts the peak at the RSS */
	child->hiwater_rss = 0;				/* forget it: the zap must record it */

	/* MADV_DONTNEED of the child's first two pages. */
	mmap_read_lock(child);
	zap_page_range(find_vma(child, BASE), pg(0), 2 * PAGE_SIZE);
	mmap_read_unlock(child);
	KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(child, pg(0))));
	KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(child, pg(1))));
	KTEST_EXPECT_TRUE(t, pte_present(mm_test_pte(child, pg(2))));
	KTEST_EXPECT_EQ(t, anon_pages(child), 2);
	KTEST_EXPECT_EQ(t, child->hiwater_rss, 4);	/* the peak is kept first */
	KTEST_EXPECT_EQ(t, anon_pages(parent), 4);
	KTEST_EXPECT_EQ(t, page_mapcount(shared), 1);
	KTEST_EXPECT_EQ(t, page_count(shared), 1);
	KTEST_EXPECT_EQ(t, mm_pgtables_bytes(child), 3 * PAGE_SIZE);	/* tables stay */
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* The next read maps the zero page, the next write a new page: no COW. */
	events_take(&ev);
	KTEST_EXPECT_EQ(t, pte_pfn(mm_test_fault(child, pg(1), false)), zero_pfn);
	KTEST_EXPECT_NE(t, pte_pfn(mm_test_fault(child, pg(0), true)),
			page_to_pfn(mm_test_page(parent, pg(0))));
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_FAULT), 0);
	KTEST_EXPECT_EQ(t, anon_pages(child), 3);

	/* Zapping the last mapping of a page frees it. */
	free = ktest_free_pages();
	mmap_read_lock(parent);
	zap_page_range(find_vma(parent, BASE), pg(1), PAGE_SIZE);
	mmap_read_unlock(parent);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free + 1);
	KTEST_EXPECT_EQ(t, anon_pages(parent), 3);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(child);
	mmput(parent);
	EXPECT_BASELINE(t, &before);
}

KTEST(memory, access_process_vm)
{
	static struct task_struct tracee;	/* access_process_vm() needs only ->mm */
	static const char msg[8] = "written";
	struct page *zero_page = pfn_to_page(zero_pfn), *old, *copy;
	int zero_refs = page_count(zero_page);
	struct mm_struct *parent, *child;
	struct baseline before;
	struct events ev;
	char buf[32];

	baseline_take(&before);
	parent = mm_test_new_mm(BASE, 2);	/* pages 0-1 read-write, 2 a hole, 3 read-only */
	KTEST_ASSERT_NOT_NULL(t, parent);
	KTEST_ASSERT_NOT_NULL(t, mm_test_new_vma(parent, pg(3), 1, VM_READ | VM_MAYREAD));
	mm_test_fault(parent, pg(0), true);
	old = mm_test_page(parent, pg(0));
	KTEST_ASSERT_NOT_NULL(t, old);
	memset(page_address(old), 'P', PAGE_SIZE);
	child = dup_mm(parent);
	KTEST_ASSERT_NOT_NULL(t, child);
	tracee.mm = child;

	/* Reads: the shared page, then across into untouched memory (the zero page). */
	KTEST_EXPECT_EQ(t, access_process_vm(&tracee, pg(0) + 100, buf, 16, 0), 16);
	KTEST_EXPECT_NULL(t, memchr_inv(buf, 'P', 16));
	KTEST_EXPECT_EQ(t, access_process_vm(&tracee, pg(1) - 8, buf, 16, 0), 16);
	KTEST_EXPECT_NULL(t, memchr_inv(buf, 'P', 8));
	KTEST_EXPECT_NULL(t, memchr_inv(buf + 8, 0, 8));
	KTEST_EXPECT_EQ(t, pte_pfn(mm_test_pte(child, pg(1))), zero_pfn);
	KTEST_EXPECT_EQ(t, get_mm_rss(child), 1);
	KTEST_EXPECT_EQ(t, page_count(zero_page), zero_refs);

	/* A write into the page shared with the parent breaks the sharing first. */
	events_take(&ev);
	KTEST_EXPECT_EQ(t, access_process_vm(&tracee, pg(0) + 200, (void *)msg, 8, FOLL_WRITE), 8);
	KTEST_EXPECT_EQ(t, ev_since(&ev, COW_COPY), 1);
	copy = mm_test_page(child, pg(0));
	KTEST_ASSERT_NOT_NULL(t, copy);
	KTEST_EXPECT_TRUE(t, copy != old);
	KTEST_EXPECT_EQ(t, memcmp(page_address(copy) + 200, msg, 8), 0);
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(copy), 'P', 200));
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(copy) + 208, 'P', PAGE_SIZE - 208));
	KTEST_EXPECT_NULL(t, memchr_inv(page_address(old), 'P', PAGE_SIZE));
	KTEST_EXPECT_EQ(t, page_to_pfn(mm_test_page(parent, pg(0))), page_to_pfn(old));
	KTEST_EXPECT_EQ(t, page_mapcount(old), 1);
	KTEST_EXPECT_EQ(t, access_process_vm(&tracee, pg(0) + 200, buf, 8, 0), 8);
	KTEST_EXPECT_EQ(t, memcmp(buf, msg, 8), 0);

	/* Short at the hole, nothing below the first VMA, nothing written read-only. */
	KTEST_EXPECT_EQ(t, access_process_vm(&tracee, pg(2) - 10, buf, 30, 0), 10);
	KTEST_EXPECT_EQ(t, access_process_vm(&tracee, BASE - PAGE_SIZE, buf, 8, 0), 0);
	KTEST_EXPECT_EQ(t, access_process_vm(&tracee, pg(3), (void *)msg, 8, FOLL_WRITE), 0);
	KTEST_EXPECT_EQ(t, access_process_vm(&tracee, pg(3), buf, 8, 0), 8);
	KTEST_EXPECT_NULL(t, memchr_inv(buf, 0, 8));
	KTEST_EXPECT_EQ(t, page_count(zero_page), zero_refs);
	KTEST_EXPECT_EQ(t, atomic_read(&child->mm_users), 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	tracee.mm = NULL;
	mmput(child);
	mmput(parent);
	EXPECT_BASELINE(t, &before);
}
