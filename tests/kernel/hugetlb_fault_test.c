// SPDX-License-Identifier: GPL-2.0
/*
 * hugetlb_fault_test.c - ktest suite "hugetlb_fault": MAP_HUGETLB
 * mappings faulted, forked and copied (mm/hugetlb.c: alloc_hugetlb_folio(),
 * hugetlb_no_page(), hugetlb_wp(), copy_hugetlb_page_range()). Each case
 * fills a pool of three pages (sysfs is mounted on /sys), maps 4 MiB
 * with mmap() on an address space the test thread runs on, faults it
 * through handle_mm_fault() and reads the huge PMD (huge_pte_offset()),
 * the folio and the pool's counters; at the end the pool is emptied and
 * every page is back.
 */
#include "fs_test.h"
#include "mm_test.h"
#include <linux/hugetlb.h>
#include <linux/init_syscalls.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mm_verify.h>
#include <linux/rmap.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <uapi/linux/mman.h>

long __x64_sys_mmap(const struct pt_regs *regs);
long __x64_sys_munmap(const struct pt_regs *regs);

#define NR_HUGEPAGES	"/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages"

static unsigned long free_before(void)
{
	kmem_cache_shrink_all();
	return ktest_free_pages();
}

/* set_pool - resize the pool to @n pages: true if it has them. */
static bool set_pool(unsigned long n)
{
	char text[16];
	int len = snprintf(text, sizeof(text), "%lu", n);

	return fs_write_file(NR_HUGEPAGES, text, len, 0) == len &&
	       default_hstate.nr_huge_pages == n;
}

/* map_private_huge - mmap() 4 MiB of private MAP_HUGETLB memory in the current mm. */
static unsigned long map_private_huge(void)
{
	return SYS(mmap, .di = 0, .si = 2 * PMD_SIZE, .dx = PROT_READ | PROT_WRITE,
		   .r10 = MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB, .r8 = -1, .r9 = 0);
}

/* huge_fault - a user access to @addr of @mm: the PMD entry it leaves, none if it failed. */
static pte_t huge_fault(struct mm_struct *mm, unsigned long addr, bool write)
{
	vm_fault_t ret;
	pte_t *ptep;

	mmap_read_lock(mm);
	ret = handle_mm_fault(find_vma(mm, addr), addr,
			      FAULT_FLAG_USER | (write ? FAULT_FLAG_WRITE : 0));
	mmap_read_unlock(mm);
	ptep = huge_pte_offset(mm, addr);
	return ret & VM_FAULT_ERROR || !ptep ? __pte(0) : *ptep;
}

static struct folio *entry_folio(pte_t entry)
{
	return pte_present(entry) ? pfn_folio(pte_pfn(entry)) : NULL;
}

/* is_zeroed - every byte of @folio's 512 pages is 0. */
static bool is_zeroed(struct folio *folio)
{
	for (long i = 0; i < folio_nr_pages(folio); i++)
		if (memchr_inv(page_address(folio_page(folio, i)), 0, PAGE_SIZE))
			return false;
	return true;
}

/*
 * struct huge_env - what a case sets up: sysfs on /sys, a pool of three
 * pages, an address space the test thread runs on with 4 MiB of private
 * MAP_HUGETLB memory at @addr, and the free page count before.
 */
struct huge_env {
	unsigned long before, addr;
	struct mm_struct *mm, *prev;
	bool mounted;
};

/* huge_env_start - set @e up; false (and nothing to undo but huge_env_end()) if a step fails. */
static bool huge_env_start(struct huge_env *e)
{
	e->before = free_before();
	e->mounted = init_mount("sysfs", "/sys", "sysfs", 0, NULL) == 0;
	e->mm = mm_alloc();
	if (!e->mm)
		return false;
	arch_pick_mmap_layout(e->mm);
	e->prev = mm_test_use_mm(e->mm);
	if (!set_pool(3))
		return false;
	e->addr = map_private_huge();
	return !IS_ERR_VALUE(e->addr);
}

/* huge_env_end - undo huge_env_start(): every pool page free, the pool empty, every page back. */
static void huge_env_end(struct ktest *t, struct huge_env *e)
{
	if (e->mm) {
		mm_test_unuse_mm(e->prev);
		mmput(e->mm);
	}
	KTEST_EXPECT_EQ(t, default_hstate.free_huge_pages, default_hstate.nr_huge_pages);
	KTEST_EXPECT_TRUE(t, set_pool(0));
	if (e->mounted)
		KTEST_EXPECT_EQ(t, init_umount("/sys", 0), 0);
	KTEST_EXPECT_EQ(t, free_before(), e->before);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
}

/*
 * A read fault and a write fault, one per huge page of the mapping: each
 * takes a zeroed folio from the pool against the mapping's reservation
 * and maps it by a huge PMD, read-only for the read, writable and dirty
 * for the write (the folio is the mapping's alone).
 */
KTEST(hugetlb_fault, private_faults_take_reserved_pages)
{
	struct hstate *h = &default_hstate;
	struct folio *folio, *second;
	struct huge_env e = {};
	pte_t entry;

	if (!huge_env_start(&e)) {
		ktest_fail(t, __FILE__, __LINE__, "no pool of 3 or no mapping");
		goto out;
	}
	KTEST_EXPECT_EQ(t, h->free_huge_pages, 3);
	KTEST_EXPECT_EQ(t, h->resv_huge_pages, 2);

	entry = huge_fault(e.mm, e.addr + 12345, false);
	folio = entry_folio(entry);
	if (!folio) {
		ktest_fail(t, __FILE__, __LINE__, "the read fault mapped nothing");
		goto out;
	}
	KTEST_EXPECT_EQ(t, pte_pfn(entry) % 512, 0);
	KTEST_EXPECT_TRUE(t, pte_flags(entry) & _PAGE_PSE);
	KTEST_EXPECT_FALSE(t, pte_write(entry));
	KTEST_EXPECT_TRUE(t, folio_test_hugetlb(folio));
	KTEST_EXPECT_EQ(t, folio_order(folio), 9);
	KTEST_EXPECT_TRUE(t, folio_test_anon(folio));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(&folio->page));
	KTEST_EXPECT_EQ(t, folio_mapcount(folio), 1);
	KTEST_EXPECT_EQ(t, folio_ref_count(folio), 1);
	KTEST_EXPECT_TRUE(t, is_zeroed(folio));
	KTEST_EXPECT_EQ(t, h->free_huge_pages, 2);
	KTEST_EXPECT_EQ(t, h->resv_huge_pages, 1);
	KTEST_EXPECT_EQ(t, atomic_long_read(&e.mm->hugetlb_usage), 512);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	entry = huge_fault(e.mm, e.addr + PMD_SIZE, true);
	second = entry_folio(entry);
	KTEST_EXPECT_TRUE(t, second && second != folio);
	KTEST_EXPECT_TRUE(t, pte_write(entry) && pte_dirty(entry));
	if (second && second != folio) {
		KTEST_EXPECT_TRUE(t, PageAnonExclusive(&second->page));
		KTEST_EXPECT_TRUE(t, is_zeroed(second));
	}
	KTEST_EXPECT_EQ(t, h->free_huge_pages, 1);
	KTEST_EXPECT_EQ(t, h->resv_huge_pages, 0);
	KTEST_EXPECT_EQ(t, atomic_long_read(&e.mm->hugetlb_usage), 1024);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	KTEST_EXPECT_EQ(t, SYS(munmap, .di = e.addr, .si = 2 * PMD_SIZE), 0);
	KTEST_EXPECT_EQ(t, h->free_huge_pages, 3);
	KTEST_EXPECT_EQ(t, atomic_long_read(&e.mm->hugetlb_usage), 0);
out:
	huge_env_end(t, &e);
}

/*
 * fork shares the written huge page read-only; the child's write copies
 * it into a pool page nobody was promised; the parent's write, the page
 * now its alone, reuses it.
 */
KTEST(hugetlb_fault, fork_copy_then_reuse)
{
	struct hstate *h = &default_hstate;
	struct folio *folio = NULL, *copy;
	struct mm_struct *child = NULL;
	struct huge_env e = {};
	pte_t entry;

	if (huge_env_start(&e))
		folio = entry_folio(huge_fault(e.mm, e.addr, true));
	if (folio)
		child = dup_mm(e.mm);
	if (!child) {
		ktest_fail(t, __FILE__, __LINE__, "no mapping (%d), no folio (%d) or fork failed",
			   !IS_ERR_VALUE(e.addr), !!folio);
		goto out;
	}
	memset(page_address(folio_page(folio, 511)), 'p', PAGE_SIZE);

	/* fork: the same folio in both, read-only, shared. */
	entry = *huge_pte_offset(child, e.addr);
	KTEST_EXPECT_TRUE(t, entry_folio(entry) == folio);
	KTEST_EXPECT_TRUE(t, pte_flags(entry) & _PAGE_PSE);
	KTEST_EXPECT_FALSE(t, pte_write(entry));
	KTEST_EXPECT_FALSE(t, pte_write(*huge_pte_offset(e.mm, e.addr)));
	KTEST_EXPECT_FALSE(t, PageAnonExclusive(&folio->page));
	KTEST_EXPECT_EQ(t, folio_mapcount(folio), 2);
	KTEST_EXPECT_EQ(t, folio_ref_count(folio), 2);
	KTEST_EXPECT_EQ(t, atomic_long_read(&child->hugetlb_usage), 512);
	KTEST_EXPECT_EQ(t, h->free_huge_pages, 2);
	KTEST_EXPECT_EQ(t, h->resv_huge_pages, 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* The child writes: a copy from the pool, its own. */
	entry = huge_fault(child, e.addr + PMD_SIZE - 1, true);
	copy = entry_folio(entry);
	KTEST_EXPECT_TRUE(t, copy && copy != folio);
	KTEST_EXPECT_TRUE(t, pte_write(entry));
	KTEST_EXPECT_EQ(t, h->free_huge_pages, 1);
	KTEST_EXPECT_EQ(t, h->resv_huge_pages, 1);
	if (copy && copy != folio) {
		KTEST_EXPECT_TRUE(t, folio_test_hugetlb(copy));
		KTEST_EXPECT_TRUE(t, PageAnonExclusive(&copy->page));
		KTEST_EXPECT_NULL(t, memchr_inv(page_address(folio_page(copy, 511)), 'p',
						PAGE_SIZE));
		KTEST_EXPECT_NULL(t, memchr_inv(page_address(folio_page(copy, 0)), 0, PAGE_SIZE));
	}
	KTEST_EXPECT_EQ(t, folio_mapcount(folio), 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* The parent writes: mapped once now, reused in place. */
	entry = huge_fault(e.mm, e.addr, true);
	KTEST_EXPECT_TRUE(t, entry_folio(entry) == folio);
	KTEST_EXPECT_TRUE(t, pte_write(entry));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(&folio->page));
	KTEST_EXPECT_EQ(t, h->free_huge_pages, 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	mmput(child);
	KTEST_EXPECT_EQ(t, h->free_huge_pages, 2);
out:
	huge_env_end(t, &e);
}
