// SPDX-License-Identifier: GPL-2.0
/*
 * memory.c - user page tables and what fills and empties them: demand
 * paging, copy-on-write, fork's page-table copy, unmapping and freeing page
 * tables. Mirrors mm/memory.c (and x86's pgd_alloc() from
 * arch/x86/mm/pgtable.c).
 *
 * A user address is translated by four levels of tables (pgd -> pud -> pmd
 * -> pte, see asm/pgtable.h). The tables below the PGD are allocated on the
 * first fault in their range (__pud_alloc() ... __pte_alloc()) and freed by
 * free_pgtables() once no VMA covers them.
 *
 * The fault path reads top-down, as Linux 6.12's:
 *
 *   handle_mm_fault()            count it
 *     __handle_mm_fault()        the PUD and PMD tables, the vm_fault
 *       handle_pte_fault()       look at the PTE
 *         no PTE: do_pte_missing()
 *           anonymous VMA        do_anonymous_page(): the zero page for a
 *                                read, a new zeroed folio for a write
 *           file VMA             do_fault(): do_read_fault() maps the
 *                                page-cache folio (read-only unless the
 *                                mapping is shared and writable);
 *                                do_cow_fault() a private copy for a
 *                                write to a private mapping;
 *                                do_shared_fault() the page-cache folio
 *                                writable -- all through finish_fault()
 *         PTE read-only, write   do_wp_page(): copy-on-write -- reuse the
 *                                page if we are its only user
 *                                (wp_page_reuse()), else copy
 *                                (wp_page_copy()); a shared mapping just
 *                                makes it writable (wp_page_shared())
 *         otherwise              mark the PTE young (and dirty)
 *
 * fork() does not copy pages: copy_page_range() -> copy_pte_range() ->
 * copy_present_ptes() makes the child's PTEs point at the parent's
 * pages, write-protecting both sides of private writable mappings, and
 * do_wp_page() breaks the sharing on the first write. docs/cow.md tells the whole story. Shared mappings are not copied
 * at all: the child faults their page-cache pages in again.
 *
 * unmap_mapping_range() is the other way in: truncation zaps a file's
 * pages from every process mapping them, found in the file's i_mmap tree.
 *
 * Locking: mm->page_table_lock protects the PTEs (pte_offset_map_lock();
 * Linux has one lock per table); the caller holds mmap_lock. One CPU and no preemption in the
 * kernel make both simple, but they are taken where Linux takes them.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/rmap.h>
#include <linux/ksm.h>
#include <linux/swapops.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/printk.h>
#include <linux/init.h>
#include <asm/pgalloc.h>
#include <asm-generic/tlb.h>
#include <linux/hugetlb.h>
#include "internal.h"

/* The shared zero page: every read fault on untouched anonymous memory maps it. */
static u8 empty_zero_page[PAGE_SIZE] __aligned(PAGE_SIZE);
unsigned long zero_pfn;

/* init_zero_pfn - note the zero page's frame (Linux: an early_initcall). */
static int __init init_zero_pfn(void)
{
	zero_pfn = virt_to_pfn(empty_zero_page);
	return 0;
}
core_initcall(init_zero_pfn);

/* --- page-table pages --- */

/* pgtable_alloc - a zeroed page for a user page table, counted in NR_PAGETABLE. */
static void *pgtable_alloc(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return NULL;
	mod_node_page_state(page_pgdat(page), NR_PAGETABLE, 1);
	return page_address(page);
}

/* pgtable_free - give back a page-table page that was never hooked in. */
static void pgtable_free(void *table)
{
	mod_node_page_state(page_pgdat(virt_to_page(table)), NR_PAGETABLE, -1);
	free_page((unsigned long)table);
}

/*
 * pgtable_free_tlb - queue a page-table page for freeing after the TLB
 * flush. @addr, an address the table mapped, joins the range to flush:
 * the CPU may still cache the entries that led to the table (its
 * paging-structure caches, which invlpg and a CR3 load drop), so the
 * flush is needed even when this gather cleared no PTE -- free_pgtables()
 * never does. Linux's pte/pmd/pud_free_tlb() widen the range the same way.
 */
static void pgtable_free_tlb(struct mmu_gather *tlb, void *table, unsigned long addr)
{
	mod_node_page_state(page_pgdat(virt_to_page(table)), NR_PAGETABLE, -1);
	__tlb_adjust_range(tlb, addr, PAGE_SIZE);
	tlb->freed_tables = 1;
	tlb_remove_table(tlb, table);
}

/*
 * pgd_alloc - the top-level table of a new address space: an empty user
 * half, and the kernel half copied from init_mm (the kernel's PGD entries
 * never change after boot, so every process shares the kernel's tables).
 */
pgd_t *pgd_alloc(struct mm_struct *mm)
{
	pgd_t *pgd = (pgd_t *)__get_free_page(GFP_KERNEL | __GFP_ZERO);

	if (!pgd)
		return NULL;
	memcpy(pgd + KERNEL_PGD_BOUNDARY, swapper_pg_dir + KERNEL_PGD_BOUNDARY,
	       (PTRS_PER_PGD - KERNEL_PGD_BOUNDARY) * sizeof(pgd_t));
	return pgd;
}

/* pgd_free - free the top-level table (the tables below are gone already). */
void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	free_page((unsigned long)pgd);
}

/* __pud_alloc - give the empty PGD entry @pgd a PUD table. 0 or -ENOMEM. */
int __pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long address)
{
	pud_t *new = pgtable_alloc();

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (pgd_none(*pgd)) {
		mm_inc_nr_puds(mm);
		pgd_populate(mm, pgd, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)	/* raced: someone else populated it */
		pgtable_free(new);
	return 0;
}

/* __pmd_alloc - give the empty PUD entry @pud a PMD table. 0 or -ENOMEM. */
int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long address)
{
	pmd_t *new = pgtable_alloc();

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (pud_none(*pud)) {
		mm_inc_nr_pmds(mm);
		pud_populate(mm, pud, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		pgtable_free(new);
	return 0;
}

/* __pte_alloc - give the empty PMD entry @pmd a PTE table. 0 or -ENOMEM. */
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd)
{
	/* LAB pagetables: pr_warn_once("LAB pagetables: %s() is not written yet: see docs/labs/pagetables.md\n", __func__); return -ENOMEM; */
	pte_t *new = pgtable_alloc();

	if (!new)
		return -ENOMEM;
	spin_lock(&mm->page_table_lock);
	if (pmd_none(*pmd)) {
		mm_inc_nr_ptes(mm);
		pmd_populate(mm, pmd, new);
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	if (new)
		pgtable_free(new);
	return 0;
	/* LAB pagetables end */
}

/*
 * __pte_alloc_kernel - a PTE table for a kernel mapping (vmalloc) in
 * init_mm, counted like its PUD and PMD tables (init_mm's VmPTE and
 * NR_PAGETABLE). Kernel page tables are never freed.
 */
int __pte_alloc_kernel(pmd_t *pmd)
{
	pte_t *new = pgtable_alloc();

	if (!new)
		return -ENOMEM;
	spin_lock(&init_mm.page_table_lock);
	if (pmd_none(*pmd)) {
		mm_inc_nr_ptes(&init_mm);
		pmd_populate_kernel(&init_mm, pmd, new);
		new = NULL;
	}
	spin_unlock(&init_mm.page_table_lock);
	if (new)
		pgtable_free(new);
	return 0;
}

/**
 * walk_to_pmd - the PMD entry of @addr, page tables allocated on the way
 * @mm: the address space
 * @addr: a user address
 *
 * Allocates the PUD and PMD tables if missing; NULL when out of memory.
 */
pmd_t *walk_to_pmd(struct mm_struct *mm, unsigned long addr)
{
	/* LAB pagetables: pr_warn_once("LAB pagetables: %s() is not written yet: see docs/labs/pagetables.md\n", __func__); return NULL; */
	pgd_t *pgd = pgd_offset(mm, addr);
	pud_t *pud = pud_alloc(mm, pgd, addr);

	return pud ? pmd_alloc(mm, pud, addr) : NULL;
	/* LAB pagetables end */
}

/**
 * vm_normal_page - the struct page a PTE maps, if it is a "normal" page
 * @vma: the VMA of the PTE
 * @addr: its address
 * @pte: the PTE
 *
 * NULL for the shared zero page (it belongs to nobody: no refcount, no
 * mapcount, no RSS) and for frames outside RAM.
 */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr, pte_t pte)
{
	unsigned long pfn = pte_pfn(pte);

	if (is_zero_pfn(pfn) || !pfn_valid(pfn))
		return NULL;
	return pfn_to_page(pfn);
}

/* --- fork: copy_page_range() --- */

/*
 * folio_prealloc - a movable folio for a private copy at @addr, zeroed if
 * @need_zero (Linux also charges it to the memory cgroup of @src_mm).
 */
static struct folio *folio_prealloc(struct mm_struct *src_mm, struct vm_area_struct *vma,
				    unsigned long addr, bool need_zero)
{
	if (need_zero)
		return vma_alloc_zeroed_movable_folio(vma, addr);
	return vma_alloc_folio(GFP_HIGHUSER_MOVABLE, 0, vma, addr);
}

/*
 * __copy_present_ptes - the child's PTE: the parent's, write-protected on
 * both sides for a private writable (COW) mapping, so that the first
 * write by either faults into do_wp_page(); old (not yet accessed) in the
 * child. (Linux also cleans the child's PTE of a shared mapping; Pagoda
 * never copies those: vma_needs_copy().)
 */
static void __copy_present_ptes(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
				pte_t *dst_pte, pte_t *src_pte, pte_t pte, unsigned long addr)
{
	/* LAB cow: */
	struct mm_struct *src_mm = src_vma->vm_mm;

	if (is_cow_mapping(src_vma->vm_flags) && pte_write(pte)) {
		ptep_set_wrprotect(src_mm, addr, src_pte);
		pte = pte_wrprotect(pte);
	}
	/* LAB cow end */
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, pte_mkold(pte));
}

/*
 * copy_present_page - fork: the parent may have pinned @page, so the
 * child must not share it (folio_try_dup_anon_rmap_pte() refused): give
 * the child its own exclusive copy now, writable if the VMA is. The
 * parent's PTE stays as it was. (Linux allocates the folio before taking
 * the page-table locks and retries; Pagoda's allocator never sleeps.)
 */
static int copy_present_page(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			     pte_t *dst_pte, unsigned long addr, int *rss, struct page *page)
{
	struct folio *new_folio = folio_prealloc(src_vma->vm_mm, dst_vma, addr, false);
	pte_t pte;

	if (!new_folio)
		return -ENOMEM;
	copy_user_highpage(&new_folio->page, page, addr, src_vma);
	folio_add_new_anon_rmap(new_folio, dst_vma, addr, RMAP_EXCLUSIVE);
	rss[MM_ANONPAGES]++;
	pte = maybe_mkwrite(pte_mkdirty(mk_pte(&new_folio->page, dst_vma->vm_page_prot)), dst_vma);
	set_pte_at(dst_vma->vm_mm, addr, dst_pte, pte);
	return 0;
}

/*
 * copy_present_ptes - fork: the child maps the parent's page too. The
 * folio gets one more reference and mapping; an anonymous one is no longer
 * exclusive to either process -- unless it may be pinned: then
 * folio_try_dup_anon_rmap_pte() refuses and the child gets a copy at once
 * (copy_present_page()). Returns the number of PTEs copied: 1 (Linux
 * copies up to a large folio's worth at once), or -ENOMEM.
 */
static int copy_present_ptes(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			     pte_t *dst_pte, pte_t *src_pte, pte_t pte, unsigned long addr,
			     int *rss)
{
	struct page *page = vm_normal_page(src_vma, addr, pte);
	struct folio *folio;

	if (unlikely(!page))
		goto copy_pte;
	folio = page_folio(page);
	folio_get(folio);
	if (folio_test_anon(folio)) {
		/* LAB cow: if (pte_write(pte) || folio_try_dup_anon_rmap_pte(folio, page, src_vma)) { */
		if (unlikely(folio_try_dup_anon_rmap_pte(folio, page, src_vma))) {
		/* LAB cow end */
			/* Page may be pinned: the child gets a copy. */
			folio_put(folio);
			return copy_present_page(dst_vma, src_vma, dst_pte, addr, rss, page) ?: 1;
		}
		rss[MM_ANONPAGES]++;
	} else {
		folio_dup_file_rmap_pte(folio, page);
		rss[mm_counter_file(folio)]++;
	}
copy_pte:
	__copy_present_ptes(dst_vma, src_vma, dst_pte, src_pte, pte, addr);
	return 1;
}

/*
 * copy_nonpresent_pte - fork meets a migration entry (the only swap entry
 * Pagoda has): the child gets the entry too, and the page counts in its
 * RSS. The entry holds no reference and no mapping of the folio:
 * remove_migration_ptes() will give the new folio one for each PTE it
 * finds, the child's included. A writable entry in a COW mapping becomes
 * readable in both processes, as a present PTE would be write-protected:
 * the page is no longer exclusive to either.
 */
static void copy_nonpresent_pte(struct mm_struct *dst_mm, struct mm_struct *src_mm,
				pte_t *dst_pte, pte_t *src_pte, struct vm_area_struct *src_vma,
				unsigned long addr, int *rss)
{
	pte_t orig_pte = *src_pte, pte = orig_pte;
	swp_entry_t entry = pte_to_swp_entry(orig_pte);

	if (is_migration_entry(entry)) {
		rss[mm_counter(pfn_swap_entry_folio(entry))]++;
		if (!is_readable_migration_entry(entry) && is_cow_mapping(src_vma->vm_flags)) {
			entry = make_readable_migration_entry(swp_offset(entry));
			pte = swp_entry_to_pte(entry);
			set_pte_at(src_mm, addr, src_pte, pte);
		}
	}
	set_pte_at(dst_mm, addr, dst_pte, pte);
}

/* add_mm_rss_vec - add the per-counter page deltas @rss to @mm's RSS. */
static void add_mm_rss_vec(struct mm_struct *mm, int *rss)
{
	for (int i = 0; i < NR_MM_COUNTERS; i++)
		if (rss[i])
			add_mm_counter(mm, i, rss[i]);
}

/* copy_pte_range - copy the PTEs of [addr, end), inside one page table. */
static int copy_pte_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			  pmd_t *dst_pmd, pmd_t *src_pmd, unsigned long addr, unsigned long end)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm, *src_mm = src_vma->vm_mm;
	int rss[NR_MM_COUNTERS] = { 0 };
	pte_t *src_pte, *dst_pte;
	spinlock_t *src_ptl, *dst_ptl;
	int nr;

	dst_pte = pte_alloc_map_lock(dst_mm, dst_pmd, addr, &dst_ptl);
	if (!dst_pte)
		return -ENOMEM;
	src_pte = pte_offset_map_lock(src_mm, src_pmd, addr, &src_ptl);
	do {
		nr = 1;
		if (pte_none(*src_pte))
			continue;
		if (unlikely(!pte_present(*src_pte))) {
			copy_nonpresent_pte(dst_mm, src_mm, dst_pte, src_pte, src_vma, addr, rss);
			continue;
		}
		nr = copy_present_ptes(dst_vma, src_vma, dst_pte, src_pte, *src_pte, addr, rss);
		if (nr < 0)
			break;
	} while (dst_pte += nr, src_pte += nr, addr += PAGE_SIZE * nr, addr != end);
	pte_unmap_unlock(src_pte, src_ptl);
	add_mm_rss_vec(dst_mm, rss);
	pte_unmap_unlock(dst_pte, dst_ptl);
	return nr < 0 ? nr : 0;
}

static int copy_pmd_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			  pud_t *dst_pud, pud_t *src_pud, unsigned long addr, unsigned long end)
{
	pmd_t *src_pmd = pmd_offset(src_pud, addr);
	pmd_t *dst_pmd = pmd_alloc(dst_vma->vm_mm, dst_pud, addr);
	unsigned long next;

	if (!dst_pmd)
		return -ENOMEM;
	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*src_pmd))
			continue;
		if (copy_pte_range(dst_vma, src_vma, dst_pmd, src_pmd, addr, next))
			return -ENOMEM;
	} while (dst_pmd++, src_pmd++, addr = next, addr != end);
	return 0;
}

static int copy_pud_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			  pgd_t *dst_pgd, pgd_t *src_pgd, unsigned long addr, unsigned long end)
{
	pud_t *src_pud = pud_offset(src_pgd, addr);
	pud_t *dst_pud = pud_alloc(dst_vma->vm_mm, dst_pgd, addr);
	unsigned long next;

	if (!dst_pud)
		return -ENOMEM;
	do {
		next = pud_addr_end(addr, end);
		if (pud_none(*src_pud))
			continue;
		if (copy_pmd_range(dst_vma, src_vma, dst_pud, src_pud, addr, next))
			return -ENOMEM;
	} while (dst_pud++, src_pud++, addr = next, addr != end);
	return 0;
}

/*
 * vma_needs_copy - only VMAs with anonymous pages need their PTEs copied:
 * a file mapping without any is refilled from the page cache by faults.
 */
static bool vma_needs_copy(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	return src_vma->anon_vma != NULL;
}

/**
 * copy_page_range - fork: give @dst_vma the PTEs of @src_vma
 * @dst_vma: the child's copy of the VMA (anon_vma_fork() done)
 * @src_vma: the parent's VMA
 *
 * Walks the four levels, allocating the child's tables, and shares every
 * page (copy_present_pte()). Write-protecting the parent's PTEs needs a
 * TLB flush of the parent: dup_mmap() does one for all its VMAs at the
 * end (flush_tlb_mm()). 0 or -ENOMEM.
 */
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm, *src_mm = src_vma->vm_mm;
	unsigned long addr = src_vma->vm_start, end = src_vma->vm_end, next;
	pgd_t *src_pgd, *dst_pgd;
	int ret = 0;

	if (!vma_needs_copy(dst_vma, src_vma))
		return 0;
	if (is_vm_hugetlb_page(src_vma))
		return copy_hugetlb_page_range(dst_mm, src_mm, dst_vma, src_vma);
	dst_pgd = pgd_offset(dst_mm, addr);
	src_pgd = pgd_offset(src_mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*src_pgd))
			continue;
		ret = copy_pud_range(dst_vma, src_vma, dst_pgd, src_pgd, addr, next);
		if (ret)
			break;
	} while (dst_pgd++, src_pgd++, addr = next, addr != end);
	return ret;
}

/* --- unmapping: zap_page_range(), unmap_vmas() --- */

/*
 * zap_nonpresent_pte - clear a migration entry: its page leaves the RSS;
 * the folio has neither a mapping nor a reference to give back (the entry
 * holds none), and remove_migration_ptes() will not find the PTE.
 */
static void zap_nonpresent_pte(struct mm_struct *mm, unsigned long addr, pte_t *pte, int *rss)
{
	swp_entry_t entry = pte_to_swp_entry(*pte);

	if (is_migration_entry(entry))
		rss[mm_counter(pfn_swap_entry_folio(entry))]--;
	else
		WARN_ON_ONCE(1);
	pte_clear(pte);
}

/*
 * zap_pte_range - clear the PTEs of [addr, end) inside one page table.
 * Each page loses a mapping now and its reference after the TLB flush
 * (the mmu_gather holds it until then).
 */
static void zap_pte_range(struct mmu_gather *tlb, struct vm_area_struct *vma, pmd_t *pmd,
			  unsigned long addr, unsigned long end)
{
	struct mm_struct *mm = tlb->mm;
	int rss[NR_MM_COUNTERS] = { 0 };
	pte_t *start_pte, *pte;
	spinlock_t *ptl;

	start_pte = pte = pte_offset_map_lock(mm, pmd, addr, &ptl);
	for (; addr != end; addr += PAGE_SIZE, pte++) {
		pte_t ptent = *pte;
		struct folio *folio;
		struct page *page;

		if (pte_none(ptent))
			continue;
		if (unlikely(!pte_present(ptent))) {
			zap_nonpresent_pte(mm, addr, pte, rss);
			continue;
		}
		ptent = ptep_get_and_clear(mm, addr, pte);
		tlb_remove_tlb_entry(tlb, pte, addr);
		page = vm_normal_page(vma, addr, ptent);
		if (!page) {
			ksm_might_unmap_zero_page(mm, ptent);
			continue;
		}
		folio = page_folio(page);
		if (!folio_test_anon(folio) && pte_dirty(ptent))
			folio_set_dirty(folio);
		rss[mm_counter(folio)]--;
		folio_remove_rmap_pte(folio, page, vma);
		tlb_remove_page(tlb, page);
	}
	add_mm_rss_vec(mm, rss);
	pte_unmap_unlock(start_pte, ptl);
}

static void zap_pmd_range(struct mmu_gather *tlb, struct vm_area_struct *vma, pud_t *pud,
			  unsigned long addr, unsigned long end)
{
	pmd_t *pmd = pmd_offset(pud, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (!pmd_none(*pmd))
			zap_pte_range(tlb, vma, pmd, addr, next);
		cond_resched();
	} while (pmd++, addr = next, addr != end);
}

static void zap_pud_range(struct mmu_gather *tlb, struct vm_area_struct *vma, pgd_t *pgd,
			  unsigned long addr, unsigned long end)
{
	pud_t *pud = pud_offset(pgd, addr);
	unsigned long next;

	do {
		next = pud_addr_end(addr, end);
		if (!pud_none(*pud))
			zap_pmd_range(tlb, vma, pud, addr, next);
	} while (pud++, addr = next, addr != end);
}

/* unmap_page_range - zap [addr, end) of @vma, all four levels. */
static void unmap_page_range(struct mmu_gather *tlb, struct vm_area_struct *vma,
			     unsigned long addr, unsigned long end)
{
	pgd_t *pgd = pgd_offset(vma->vm_mm, addr);
	unsigned long next;

	do {
		next = pgd_addr_end(addr, end);
		if (!pgd_none(*pgd))
			zap_pud_range(tlb, vma, pgd, addr, next);
	} while (pgd++, addr = next, addr != end);
}

/* unmap_single_vma - zap the part of @vma inside [start_addr, end_addr). */
static void unmap_single_vma(struct mmu_gather *tlb, struct vm_area_struct *vma,
			     unsigned long start_addr, unsigned long end_addr)
{
	unsigned long start = max(vma->vm_start, start_addr);
	unsigned long end = min(vma->vm_end, end_addr);

	if (start >= end)
		return;
	if (is_vm_hugetlb_page(vma))
		__unmap_hugepage_range(tlb, vma, start, end);
	else
		unmap_page_range(tlb, vma, start, end);
}

/**
 * unmap_vmas - unmap the pages of a range of VMAs
 * @tlb: the caller's gather, which frees the pages after its flush
 * @vma: the first VMA
 * @start_addr: start of the range
 * @end_addr: end of the range (ULONG_MAX: everything, at exit)
 *
 * Walks @vma and the VMAs after it that start below @end_addr. The page
 * tables stay: free_pgtables() frees them, in the same gather.
 */
void unmap_vmas(struct mmu_gather *tlb, struct vm_area_struct *vma, unsigned long start_addr,
		unsigned long end_addr)
{
	for (; vma && vma->vm_start < end_addr; vma = vma->vm_next)
		unmap_single_vma(tlb, vma, start_addr, end_addr);
}

/**
 * zap_page_range - remove the pages of [start, start + size) of @vma
 * @vma: the VMA (the range must lie inside it)
 * @start: page-aligned start
 * @size: length in bytes
 *
 * MADV_DONTNEED: the VMA stays, the next touch faults in a fresh page.
 */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long size)
{
	struct mmu_gather tlb;

	update_hiwater_rss(vma->vm_mm);
	tlb_gather_mmu(&tlb, vma->vm_mm);
	unmap_single_vma(&tlb, vma, start, start + size);
	tlb_finish_mmu(&tlb);
}

/*
 * unmap_mapping_range_tree - in each VMA of @root that maps file pages of
 * [first_index, last_index], zap the addresses those pages have there.
 */
static void unmap_mapping_range_tree(struct rb_root_cached *root, pgoff_t first_index,
				     pgoff_t last_index)
{
	struct vm_area_struct *vma;

	vma_interval_tree_foreach(vma, root, first_index, last_index) {
		pgoff_t vba = vma->vm_pgoff, vea = vba + vma_pages(vma) - 1;
		pgoff_t zba = max(first_index, vba), zea = min(last_index, vea);

		zap_page_range(vma, vma->vm_start + ((zba - vba) << PAGE_SHIFT),
			       (zea - zba + 1) << PAGE_SHIFT);
	}
}

/**
 * unmap_mapping_range - unmap a byte range of a file from every process
 * @mapping: the file's page cache
 * @holebegin: the first byte; the page holding it is unmapped whole
 * @holelen: the length in bytes (0: to the end of the file)
 *
 * Truncation calls this: afterwards no PTE maps a page of the range, the
 * page-cache pages and the private copies of private mappings alike
 * (Linux's even_cows = 1, the only way Pagoda asks), so the next access
 * faults and finds the new end of the file.
 */
void unmap_mapping_range(struct address_space *mapping, loff_t holebegin, loff_t holelen)
{
	pgoff_t hba = holebegin >> PAGE_SHIFT;
	pgoff_t hlen = (holelen + PAGE_SIZE - 1) >> PAGE_SHIFT;
	pgoff_t last = hba + hlen - 1;

	if (last < hba)		/* holelen 0, or a range running off the end */
		last = ULONG_MAX;
	i_mmap_lock_read(mapping);
	if (mapping_mapped(mapping))
		unmap_mapping_range_tree(&mapping->i_mmap, hba, last);
	i_mmap_unlock_read(mapping);
}

/* --- freeing page tables: free_pgtables() --- */

/* free_pte_range - unhook and free the PTE table under @pmd. */
static void free_pte_range(struct mmu_gather *tlb, pmd_t *pmd, unsigned long addr)
{
	pte_t *table = pmd_page_vaddr(*pmd);

	pmd_clear(pmd);
	pgtable_free_tlb(tlb, table, addr);
	mm_dec_nr_ptes(tlb->mm);
}

/*
 * free_pmd_range - free the PTE tables of [addr, end), then the PMD table
 * itself if all of the PUD entry's range lies within [floor, ceiling).
 */
static void free_pmd_range(struct mmu_gather *tlb, pud_t *pud, unsigned long addr,
			   unsigned long end, unsigned long floor, unsigned long ceiling)
{
	unsigned long next, start = addr;
	pmd_t *pmd = pmd_offset(pud, addr);

	do {
		next = pmd_addr_end(addr, end);
		if (!pmd_none(*pmd))
			free_pte_range(tlb, pmd, addr);
	} while (pmd++, addr = next, addr != end);

	start &= PUD_MASK;
	if (start < floor)
		return;
	if (ceiling) {
		ceiling &= PUD_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		return;
	pmd = pud_page_vaddr(*pud);
	pud_clear(pud);
	pgtable_free_tlb(tlb, pmd, start);
	mm_dec_nr_pmds(tlb->mm);
}

/* free_pud_range - the same one level up: PMD tables, then the PUD table. */
static void free_pud_range(struct mmu_gather *tlb, pgd_t *pgd, unsigned long addr,
			   unsigned long end, unsigned long floor, unsigned long ceiling)
{
	unsigned long next, start = addr;
	pud_t *pud = pud_offset(pgd, addr);

	do {
		next = pud_addr_end(addr, end);
		if (!pud_none(*pud))
			free_pmd_range(tlb, pud, addr, next, floor, ceiling);
	} while (pud++, addr = next, addr != end);

	start &= PGDIR_MASK;
	if (start < floor)
		return;
	if (ceiling) {
		ceiling &= PGDIR_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		return;
	pud = pgd_page_vaddr(*pgd);
	pgd_clear(pgd);
	pgtable_free_tlb(tlb, pud, start);
	mm_dec_nr_puds(tlb->mm);
}

/*
 * free_pgd_range - free the page tables that map only [addr, end), never
 * one that also maps something below @floor or at/above @ceiling (a
 * neighbouring VMA's). A PTE table covers 2 MiB, so the range is first
 * shrunk to whole PMD entries inside [floor, ceiling).
 */
static void free_pgd_range(struct mmu_gather *tlb, unsigned long addr, unsigned long end,
			   unsigned long floor, unsigned long ceiling)
{
	unsigned long next;
	pgd_t *pgd;

	addr &= PMD_MASK;
	if (addr < floor) {
		addr += PMD_SIZE;
		if (!addr)
			return;
	}
	if (ceiling) {
		ceiling &= PMD_MASK;
		if (!ceiling)
			return;
	}
	if (end - 1 > ceiling - 1)
		end -= PMD_SIZE;
	if (addr > end - 1)
		return;

	pgd = pgd_offset(tlb->mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		if (!pgd_none(*pgd))
			free_pud_range(tlb, pgd, addr, next, floor, ceiling);
	} while (pgd++, addr = next, addr != end);
}

/**
 * free_pgtables - free the page tables under a list of unmapped VMAs
 * @tlb: the gather that unmapped their pages; it frees the tables after its flush
 * @vma: the first VMA of the list (their pages are unmapped already)
 * @floor: the end of the VMA before the list (tables below stay)
 * @ceiling: the start of the VMA after it (0: no limit)
 *
 * VMAs closer than a PMD apart are freed as one range.
 */
void free_pgtables(struct mmu_gather *tlb, struct vm_area_struct *vma,
		   unsigned long floor, unsigned long ceiling)
{
	while (vma) {
		struct vm_area_struct *next = vma->vm_next;
		unsigned long addr = vma->vm_start;

		while (next && next->vm_start <= vma->vm_end + PMD_SIZE) {
			vma = next;
			next = vma->vm_next;
		}
		free_pgd_range(tlb, addr, vma->vm_end, floor, next ? next->vm_start : ceiling);
		vma = next;
	}
}

/* --- page faults --- */

/* vmf_pte_changed - the PTE is no longer what the fault found (another fault got there). */
static bool vmf_pte_changed(struct vm_fault *vmf)
{
	if (vmf->flags & FAULT_FLAG_ORIG_PTE_VALID)
		return !pte_same(*vmf->pte, vmf->orig_pte);
	return !pte_none(*vmf->pte);
}

/* vmf_anon_prepare - the VMA gets its anon_vma before its first anonymous folio. */
static vm_fault_t vmf_anon_prepare(struct vm_fault *vmf)
{
	if (likely(vmf->vma->anon_vma))
		return 0;
	return __anon_vma_prepare(vmf->vma) ? VM_FAULT_OOM : 0;
}

/*
 * do_anonymous_page - first touch of anonymous memory. A read maps the
 * shared zero page read-only (no memory used until a write); a write gets
 * a new zeroed folio, mapped writable and dirty, in the VMA's anon_vma.
 * Linux would try a large folio first (alloc_anon_folio()).
 */
static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	/* LAB pagetables: pr_warn_once("LAB pagetables: %s() is not written yet: see docs/labs/pagetables.md\n", __func__); return VM_FAULT_SIGSEGV; */
	struct vm_area_struct *vma = vmf->vma;
	unsigned long addr = vmf->address;
	struct folio *folio;
	vm_fault_t ret;
	pte_t entry;

	if (pte_alloc(vma->vm_mm, vmf->pmd))
		return VM_FAULT_OOM;
	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		entry = pte_wrprotect(pfn_pte(zero_pfn, vma->vm_page_prot));
		vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, addr, &vmf->ptl);
		if (!vmf_pte_changed(vmf))
			set_pte_at(vma->vm_mm, addr, vmf->pte, entry);
		goto unlock;
	}
	ret = vmf_anon_prepare(vmf);
	if (ret)
		return ret;
	folio = folio_prealloc(vma->vm_mm, vma, addr, true);
	if (!folio)
		return VM_FAULT_OOM;
	entry = mk_pte(&folio->page, vma->vm_page_prot);
	if (vma->vm_flags & VM_WRITE)
		entry = pte_mkwrite(pte_mkdirty(entry));
	vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, addr, &vmf->ptl);
	if (vmf_pte_changed(vmf)) {
		pte_unmap_unlock(vmf->pte, vmf->ptl);
		folio_put(folio);
		return 0;
	}
	inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	folio_add_new_anon_rmap(folio, vma, addr, RMAP_EXCLUSIVE);
	folio_add_lru_vma(folio, vma);
	set_pte_at(vma->vm_mm, addr, vmf->pte, entry);
unlock:
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return 0;
	/* LAB pagetables end */
}

/**
 * set_pte_range - map @page of @folio at @addr, the fault's PTE
 * @vmf: the fault (the ptl held)
 * @folio: the folio
 * @page: its page to map
 * @nr: how many pages (1)
 * @addr: the address
 *
 * A write fault of a private mapping maps its private copy (do_cow_fault()),
 * a new anonymous folio; anything else maps the page-cache folio, with the
 * VMA's protection -- read-only for a private mapping (PAGE_COPY). A write
 * fault's PTE starts dirty.
 */
static void set_pte_range(struct vm_fault *vmf, struct folio *folio, struct page *page,
			  unsigned int nr, unsigned long addr)
{
	struct vm_area_struct *vma = vmf->vma;
	bool write = vmf->flags & FAULT_FLAG_WRITE;
	pte_t entry = mk_pte(page, vma->vm_page_prot);

	if (write)
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	if (write && !(vma->vm_flags & VM_SHARED)) {
		VM_BUG_ON(nr != 1);
		folio_add_new_anon_rmap(folio, vma, addr, RMAP_EXCLUSIVE);
		folio_add_lru_vma(folio, vma);
	} else {
		folio_add_file_rmap_ptes(folio, page, nr, vma);
	}
	set_pte_at(vma->vm_mm, addr, vmf->pte, entry);
}

/**
 * finish_fault - map the page a file fault prepared
 * @vmf: the fault: vmf->page from filemap_fault(), or vmf->cow_page for a
 *       write to a private mapping
 *
 * Unless another fault got there first (VM_FAULT_NOPAGE), the PTE takes
 * over the caller's reference to the page. Returns 0 or VM_FAULT_*.
 */
static vm_fault_t finish_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	bool is_cow = (vmf->flags & FAULT_FLAG_WRITE) && !(vma->vm_flags & VM_SHARED);
	struct page *page = is_cow ? vmf->cow_page : vmf->page;
	struct folio *folio = page_folio(page);
	vm_fault_t ret = 0;

	if (pte_alloc(vma->vm_mm, vmf->pmd))
		return VM_FAULT_OOM;
	vmf->pte = pte_offset_map_lock(vma->vm_mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (vmf_pte_changed(vmf)) {
		ret = VM_FAULT_NOPAGE;
		goto unlock;
	}
	set_pte_range(vmf, folio, page, 1, vmf->address);
	inc_mm_counter(vma->vm_mm, is_cow ? MM_ANONPAGES : mm_counter_file(folio));
unlock:
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return ret;
}

/*
 * do_read_fault - a read of a file mapping: map the page-cache folio
 * itself, so that processes share the file's pages (a private mapping's
 * until one of them writes). filemap_fault() is Linux's
 * vma->vm_ops->fault() (__do_fault()) for every Pagoda file.
 */
static vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = filemap_fault(vmf);

	if (unlikely(ret & VM_FAULT_ERROR))
		return ret;
	ret |= finish_fault(vmf);
	if (unlikely(ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)))
		put_page(vmf->page);
	return ret;
}

/*
 * do_cow_fault - a write to a private file mapping with no page yet: the
 * process gets its own anonymous copy of the file's page at once.
 */
static vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct folio *folio;
	vm_fault_t ret;

	ret = vmf_anon_prepare(vmf);
	if (unlikely(ret))
		return ret;
	folio = folio_prealloc(vma->vm_mm, vma, vmf->address, false);
	if (!folio)
		return VM_FAULT_OOM;
	vmf->cow_page = &folio->page;
	ret = filemap_fault(vmf);
	if (unlikely(ret & VM_FAULT_ERROR))
		goto uncharge_out;
	copy_user_highpage(vmf->cow_page, vmf->page, vmf->address, vma);
	ret |= finish_fault(vmf);
	put_page(vmf->page);
	if (unlikely(ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE)))
		goto uncharge_out;
	return ret;
uncharge_out:
	folio_put(folio);
	return ret;
}

/*
 * fault_dirty_shared_page - a store through a shared mapping is about to
 * change vmf->page: it is dirty (in every process mapping it: smaps'
 * Shared_Dirty) and the file's mtime and ctime are now, as after write().
 */
static vm_fault_t fault_dirty_shared_page(struct vm_fault *vmf)
{
	folio_set_dirty(page_folio(vmf->page));
	file_update_time(vmf->vma->vm_file);
	return 0;
}

/*
 * do_shared_fault - a write to a shared file mapping with no page yet: map
 * the page-cache folio writable and dirty.
 */
static vm_fault_t do_shared_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = filemap_fault(vmf);

	if (unlikely(ret & VM_FAULT_ERROR))
		return ret;
	ret |= finish_fault(vmf);
	if (unlikely(ret & (VM_FAULT_ERROR | VM_FAULT_NOPAGE))) {
		put_page(vmf->page);
		return ret;
	}
	return ret | fault_dirty_shared_page(vmf);
}

/* do_fault - first touch of a file mapping (or of MAP_SHARED|MAP_ANONYMOUS memory). */
static vm_fault_t do_fault(struct vm_fault *vmf)
{
	if (!(vmf->flags & FAULT_FLAG_WRITE))
		return do_read_fault(vmf);
	if (!(vmf->vma->vm_flags & VM_SHARED))
		return do_cow_fault(vmf);
	return do_shared_fault(vmf);
}

/*
 * wp_page_reuse - the write fault keeps the page: make the PTE writable,
 * dirty and young in place (no TLB flush: ptep_set_access_flags()).
 * Called with the ptl held; releases it.
 */
static void wp_page_reuse(struct vm_fault *vmf, struct folio *folio)
{
	struct vm_area_struct *vma = vmf->vma;
	pte_t entry;

	VM_BUG_ON(folio && folio_test_anon(folio) && !PageAnonExclusive(vmf->page));
	entry = maybe_mkwrite(pte_mkdirty(pte_mkyoung(vmf->orig_pte)), vma);
	ptep_set_access_flags(vma, vmf->address, vmf->pte, entry, 1);
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	count_vm_event(PGREUSE);
}

/**
 * wp_page_copy - break the sharing: copy the old page (or zero-fill, for
 * the zero page) into a new anonymous folio and point the PTE at it
 * @vmf: the fault; vmf->page is the old page (NULL: the zero page), of
 *       which do_wp_page() took a reference; the ptl is not held
 *
 * The old folio loses this mapping and its PTE's reference. An unsharing
 * fault (FAULT_FLAG_UNSHARE, a read pin) maps the copy read-only and
 * clean: nothing was written.
 */
static vm_fault_t wp_page_copy(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct folio *old_folio = vmf->page ? page_folio(vmf->page) : NULL;
	bool pfn_is_zero = is_zero_pfn(pte_pfn(vmf->orig_pte));
	struct folio *new_folio;
	vm_fault_t ret;
	pte_t entry;

	ret = vmf_anon_prepare(vmf);
	if (unlikely(ret))
		goto out;
	new_folio = folio_prealloc(mm, vma, vmf->address, pfn_is_zero);
	ret = VM_FAULT_OOM;
	if (!new_folio)
		goto out;
	if (!pfn_is_zero)
		copy_user_highpage(&new_folio->page, vmf->page, vmf->address, vma);

	vmf->pte = pte_offset_map_lock(mm, vmf->pmd, vmf->address, &vmf->ptl);
	if (likely(pte_same(*vmf->pte, vmf->orig_pte))) {
		if (!old_folio)
			ksm_might_unmap_zero_page(mm, vmf->orig_pte);
		if (!old_folio || !folio_test_anon(old_folio))
			inc_mm_counter(mm, MM_ANONPAGES);
		if (old_folio && !folio_test_anon(old_folio))
			dec_mm_counter(mm, mm_counter_file(old_folio));
		entry = mk_pte(&new_folio->page, vma->vm_page_prot);
		if (!(vmf->flags & FAULT_FLAG_UNSHARE))
			entry = maybe_mkwrite(pte_mkdirty(entry), vma);
		ptep_clear_flush(vma, vmf->address, vmf->pte);
		folio_add_new_anon_rmap(new_folio, vma, vmf->address, RMAP_EXCLUSIVE);
		folio_add_lru_vma(new_folio, vma);
		set_pte_at(mm, vmf->address, vmf->pte, entry);
		if (old_folio)
			folio_remove_rmap_pte(old_folio, vmf->page, vma);
		/* Below, drop the old PTE's reference instead of the new folio. */
		new_folio = old_folio;
		count_vm_event(COW_COPY);
	}
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	if (new_folio)
		folio_put(new_folio);
	ret = 0;
out:
	if (old_folio)
		folio_put(old_folio);
	return ret;
}

/*
 * wp_page_shared - a write to a read-only PTE of a shared writable mapping
 * (made writable by mprotect after the page was mapped): no copy, the page
 * itself becomes writable, and dirty. Called with the ptl held; releases it.
 */
static vm_fault_t wp_page_shared(struct vm_fault *vmf, struct folio *folio)
{
	wp_page_reuse(vmf, folio);
	return fault_dirty_shared_page(vmf);
}

/*
 * wp_can_reuse_anon_folio - may the write fault take @folio over although
 * its page is not marked exclusive? Yes if our PTE holds its only
 * reference -- then no other PTE, and nobody else, can see it (Linux's
 * refcount test; KSM folios are always copied). The folio then moves to
 * this VMA's own anon_vma, under the folio lock.
 */
static bool wp_can_reuse_anon_folio(struct folio *folio, struct vm_area_struct *vma)
{
	/* LAB cow: return false; */
	if (folio_test_ksm(folio) || folio_ref_count(folio) != 1)
		return false;
	if (!folio_trylock(folio))
		return false;
	folio_move_anon_rmap(folio, vma);
	folio_unlock(folio);
	return true;
	/* LAB cow end */
}

/**
 * do_wp_page - a write to a present, read-only PTE of a writable VMA, or
 * an unsharing fault (FAULT_FLAG_UNSHARE) on one
 * @vmf: the fault, ptl held
 *
 * A shared mapping writes to the page-cache page itself. Otherwise
 * copy-on-write: an anonymous page only we use is reused in place;
 * anything else -- a page shared with a fork relative, a KSM page (counted
 * in cow_ksm), the zero page, a page-cache page of a private file mapping
 * -- is copied. Unsharing (FAULT_FLAG_UNSHARE: a read pin, break_ksm())
 * asks only for an exclusive page: an exclusive one is left alone, a
 * shared one is copied to a read-only PTE, so a read pin of it stays
 * coherent. Releases the ptl.
 */
static vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	const bool unshare = vmf->flags & FAULT_FLAG_UNSHARE;
	struct vm_area_struct *vma = vmf->vma;
	struct folio *folio = NULL;

	vmf->page = vm_normal_page(vma, vmf->address, vmf->orig_pte);
	if (vmf->page)
		folio = page_folio(vmf->page);
	if (vma->vm_flags & (VM_SHARED | VM_MAYSHARE)) {
		if (unlikely(unshare)) {	/* nothing to unshare in a shared mapping */
			pte_unmap_unlock(vmf->pte, vmf->ptl);
			return 0;
		}
		return wp_page_shared(vmf, folio);
	}

	count_vm_event(COW_FAULT);
	if (folio && folio_test_anon(folio) &&
	    (PageAnonExclusive(vmf->page) || wp_can_reuse_anon_folio(folio, vma))) {
		SetPageAnonExclusive(vmf->page);
		if (unlikely(unshare)) {
			pte_unmap_unlock(vmf->pte, vmf->ptl);
			return 0;
		}
		wp_page_reuse(vmf, folio);
		return 0;
	}
	if (folio && folio_test_ksm(folio))
		count_vm_event(COW_KSM);
	if (folio)
		folio_get(folio);	/* kept while the ptl is dropped */
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return wp_page_copy(vmf);
}

/* do_pte_missing - no PTE yet: first touch of anonymous or file-backed memory. */
static vm_fault_t do_pte_missing(struct vm_fault *vmf)
{
	if (vma_is_anonymous(vmf->vma))
		return do_anonymous_page(vmf);
	return do_fault(vmf);
}

/*
 * do_swap_page - the PTE holds a swap entry. Linux reads the page back
 * from swap; Pagoda has no swap, so the entry is a migration entry: wait
 * until the migration ends (the folio lock is dropped) and return, and the
 * access faults again on the new PTE. Anything else is a corrupt PTE.
 */
static vm_fault_t do_swap_page(struct vm_fault *vmf)
{
	swp_entry_t entry = pte_to_swp_entry(vmf->orig_pte);

	if (is_migration_entry(entry)) {
		migration_entry_wait(vmf->vma->vm_mm, vmf->pmd, vmf->address);
		return 0;
	}
	pr_err("bad swap PTE %lx at %lx\n", pte_val(vmf->orig_pte), vmf->address);
	return VM_FAULT_SIGBUS;
}

/*
 * handle_pte_fault - decide what the fault needs from the PTE it finds:
 * nothing there yet (first touch), a migration entry (wait for the
 * migration), a write to a read-only PTE (COW) or an unsharing fault on
 * one, or
 * only the accessed/dirty bits (another thread or a stale TLB entry).
 */
static vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	pte_t entry;

	if (unlikely(pmd_none(*vmf->pmd))) {
		vmf->pte = NULL;
		vmf->flags &= ~FAULT_FLAG_ORIG_PTE_VALID;
	} else {
		vmf->pte = pte_offset_map_nolock(vmf->vma->vm_mm, vmf->pmd, vmf->address,
						 &vmf->ptl);
		vmf->orig_pte = *vmf->pte;
		vmf->flags |= FAULT_FLAG_ORIG_PTE_VALID;
		if (pte_none(vmf->orig_pte))
			vmf->pte = NULL;
	}
	if (!vmf->pte)
		return do_pte_missing(vmf);
	if (!pte_present(vmf->orig_pte))
		return do_swap_page(vmf);

	spin_lock(vmf->ptl);
	entry = vmf->orig_pte;
	if (unlikely(!pte_same(*vmf->pte, entry)))
		goto unlock;
	if (vmf->flags & (FAULT_FLAG_WRITE | FAULT_FLAG_UNSHARE)) {
		if (!pte_write(entry))
			return do_wp_page(vmf);
		if (vmf->flags & FAULT_FLAG_WRITE)
			entry = pte_mkdirty(entry);
	}
	entry = pte_mkyoung(entry);
	ptep_set_access_flags(vmf->vma, vmf->address, vmf->pte, entry,
			      vmf->flags & FAULT_FLAG_WRITE);
unlock:
	pte_unmap_unlock(vmf->pte, vmf->ptl);
	return 0;
}

/*
 * __handle_mm_fault - walk down to the PMD entry of the address, allocating
 * the PUD and PMD tables on the way (x86-64's four levels: no P4D), then
 * handle_pte_fault(). The PTE table is allocated by whoever fills it:
 * do_anonymous_page(), finish_fault().
 */
static vm_fault_t __handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
				    unsigned int flags)
{
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.flags = flags,
		.pgoff = linear_page_index(vma, address & PAGE_MASK),
	};
	struct mm_struct *mm = vma->vm_mm;
	pgd_t *pgd = pgd_offset(mm, address);
	pud_t *pud = pud_alloc(mm, pgd, address);

	if (!pud)
		return VM_FAULT_OOM;
	vmf.pmd = pmd_alloc(mm, pud, address);
	if (!vmf.pmd)
		return VM_FAULT_OOM;
	return handle_pte_fault(&vmf);
}

/**
 * handle_mm_fault - resolve a page fault in @vma
 * @vma: the VMA containing @address (access rights checked by the caller)
 * @address: the faulting address
 * @flags: FAULT_FLAG_*
 *
 * Called with mmap_lock held. A hugetlb VMA's faults go to hugetlb_fault().
 * Returns 0 or VM_FAULT_* bits.
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags)
{
	count_vm_event(PGFAULT);
	if (is_vm_hugetlb_page(vma))
		return hugetlb_fault(vma->vm_mm, vma, address, flags);
	return __handle_mm_fault(vma, address, flags);
}

/* --- reaching another process's memory --- */

/*
 * __access_remote_vm - copy between @buf and @mm's memory, a page at a
 * time through get_user_page_vma_remote(): each page is faulted in as
 * the process's own access would be (with FOLL_FORCE even where its VMA
 * forbids the access: a forced write into a private read-only mapping
 * writes a private copy, never the file). Short at the first page that
 * cannot be had.
 */
static int __access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
			      unsigned int gup_flags)
{
	int write = gup_flags & FOLL_WRITE;
	void *old_buf = buf;

	mmap_read_lock(mm);
	while (len) {
		struct vm_area_struct *vma;
		struct page *page = get_user_page_vma_remote(mm, addr, gup_flags, &vma);
		int offset = addr & (PAGE_SIZE - 1);
		int bytes = min_t(int, len, PAGE_SIZE - offset);

		if (IS_ERR(page))
			break;
		if (write) {
			memcpy(page_address(page) + offset, buf, bytes);
			folio_set_dirty(page_folio(page));
		} else {
			memcpy(buf, page_address(page) + offset, bytes);
		}
		put_page(page);
		len -= bytes;
		buf += bytes;
		addr += bytes;
	}
	mmap_read_unlock(mm);
	return buf - old_buf;
}

/**
 * access_remote_vm - copy to or from another address space
 * @mm: the address space (the caller holds a reference)
 * @addr: the user address
 * @buf: kernel buffer
 * @len: bytes
 * @gup_flags: FOLL_WRITE to write @buf into @mm, FOLL_FORCE (ptrace,
 *             /proc/PID/mem) to ignore the VMAs' protections
 *
 * Returns the number of bytes copied, short at the first unmapped or
 * inaccessible page.
 */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags)
{
	return __access_remote_vm(mm, addr, buf, len, gup_flags);
}

/**
 * access_process_vm - access_remote_vm() on a task's address space
 * @tsk: the task
 * @addr: the user address
 * @buf: kernel buffer
 * @len: bytes
 * @gup_flags: FOLL_*
 *
 * 0 if the task has no address space (a kernel thread, an exited task).
 */
int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf, int len,
		      unsigned int gup_flags)
{
	struct mm_struct *mm = get_task_mm(tsk);
	int ret;

	if (!mm)
		return 0;
	ret = __access_remote_vm(mm, addr, buf, len, gup_flags);
	mmput(mm);
	return ret;
}
