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
 * The fault path, as in Linux:
 *
 *   handle_mm_fault()            count it, allocate the tables
 *     handle_pte_fault()         look at the PTE under the page-table lock
 *       pte none, anonymous VMA  do_anonymous_page(): the zero page for a
 *                                read, a new zeroed page for a write
 *       pte none, file VMA       do_read_fault(): map the page-cache page
 *                                (read-only unless the mapping is shared
 *                                and writable); do_cow_fault(): a write to
 *                                a private mapping gets a private copy;
 *                                do_shared_fault(): a write to a shared one
 *                                maps the page-cache page writable
 *       pte read-only, write     do_wp_page(): copy-on-write -- reuse the
 *                                page if we are its only user, else copy;
 *                                a shared mapping just makes it writable
 *       otherwise                mark the PTE young (and dirty)
 *
 * fork() does not copy pages: copy_page_range() makes the child's PTEs
 * point at the parent's pages, write-protecting both sides of private
 * writable mappings, and do_wp_page() breaks the sharing on the first
 * write. docs/cow.md tells the whole story. Shared mappings are not copied
 * at all: the child faults their page-cache pages in again.
 *
 * unmap_mapping_range() is the other way in: truncation zaps a file's
 * pages from every process mapping them, found in the file's i_mmap tree.
 *
 * Locking: mm->page_table_lock protects the PTEs (Linux splits it per
 * table); the caller holds mmap_lock. One CPU and no preemption in the
 * kernel make both simple, but they are taken where Linux takes them.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/rmap.h>
#include <linux/ksm.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/init.h>
#include <asm/pgalloc.h>
#include <asm-generic/tlb.h>
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
	pgd_t *pgd = pgd_offset(mm, addr);
	pud_t *pud = pud_alloc(mm, pgd, addr);

	return pud ? pmd_alloc(mm, pud, addr) : NULL;
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
 * copy_present_pte - the child's PTE for @pte: the same page, one more
 * reference and mapping. For a private writable (COW) mapping both PTEs
 * become read-only, so the first write by either side faults into
 * do_wp_page(). The child's PTE starts old, as in Linux.
 */
static void copy_present_pte(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			     pte_t *dst_pte, pte_t *src_pte, unsigned long addr, int *rss)
{
	struct mm_struct *src_mm = src_vma->vm_mm;
	pte_t pte = *src_pte;
	struct page *page = vm_normal_page(src_vma, addr, pte);
	struct folio *folio;

	if (page) {
		folio = page_folio(page);
		folio_get(folio);
		if (folio_test_anon(folio))
			folio_try_dup_anon_rmap_pte(folio, page, src_vma);
		else
			folio_dup_file_rmap_pte(folio, page);
		rss[mm_counter(folio)]++;
	}
	if (is_cow_mapping(src_vma->vm_flags) && pte_write(pte)) {
		ptep_set_wrprotect(src_mm, addr, src_pte);
		pte = pte_wrprotect(pte);
	}
	set_pte(dst_pte, pte_mkold(pte));
}

/* copy_pte_range - copy the PTEs of [addr, end), inside one page table. */
static int copy_pte_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma,
			  pmd_t *dst_pmd, pmd_t *src_pmd, unsigned long addr, unsigned long end)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm, *src_mm = src_vma->vm_mm;
	int rss[NR_MM_COUNTERS] = { 0 };
	pte_t *src_pte, *dst_pte;

	if (pte_alloc(dst_mm, dst_pmd))
		return -ENOMEM;
	dst_pte = pte_offset_map(dst_pmd, addr);
	src_pte = pte_offset_map(src_pmd, addr);
	spin_lock(&dst_mm->page_table_lock);
	spin_lock(&src_mm->page_table_lock);
	for (; addr != end; addr += PAGE_SIZE, src_pte++, dst_pte++) {
		if (pte_none(*src_pte))
			continue;
		copy_present_pte(dst_vma, src_vma, dst_pte, src_pte, addr, rss);
	}
	spin_unlock(&src_mm->page_table_lock);
	spin_unlock(&dst_mm->page_table_lock);
	for (int i = 0; i < NR_MM_COUNTERS; i++)
		if (rss[i])
			add_mm_counter(dst_mm, i, rss[i]);
	return 0;
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
 * TLB flush of the parent's range, done here. 0 or -ENOMEM.
 */
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma)
{
	struct mm_struct *dst_mm = dst_vma->vm_mm, *src_mm = src_vma->vm_mm;
	unsigned long addr = src_vma->vm_start, end = src_vma->vm_end, next;
	pgd_t *src_pgd, *dst_pgd;
	int ret = 0;

	if (!vma_needs_copy(dst_vma, src_vma))
		return 0;
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
	if (is_cow_mapping(src_vma->vm_flags))
		flush_tlb_mm_range(src_mm, src_vma->vm_start, src_vma->vm_end);
	return ret;
}

/* --- unmapping: zap_page_range(), unmap_vmas() --- */

/*
 * zap_pte_range - clear the PTEs of [addr, end) inside one page table.
 * Each page loses a mapping now and its reference after the TLB flush
 * (the mmu_gather holds it until then).
 */
static void zap_pte_range(struct mmu_gather *tlb, struct vm_area_struct *vma, pmd_t *pmd,
			  unsigned long addr, unsigned long end)
{
	struct mm_struct *mm = tlb->mm;
	pte_t *pte = pte_offset_map(pmd, addr);
	int rss[NR_MM_COUNTERS] = { 0 };

	spin_lock(&mm->page_table_lock);
	for (; addr != end; addr += PAGE_SIZE, pte++) {
		pte_t ptent = *pte;
		struct folio *folio;
		struct page *page;

		if (pte_none(ptent))
			continue;
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
	spin_unlock(&mm->page_table_lock);
	for (int i = 0; i < NR_MM_COUNTERS; i++)
		if (rss[i])
			add_mm_counter(mm, i, rss[i]);
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
	unmap_page_range(tlb, vma, start, end);
	tlb_end_vma(tlb, vma);
}

/**
 * unmap_vmas - unmap the pages of a range of VMAs
 * @vma: the first VMA
 * @start_addr: start of the range
 * @end_addr: end of the range (-1UL: everything, at exit)
 *
 * Walks @vma and the VMAs after it that start below @end_addr. The page
 * tables stay: free_pgtables() frees them.
 */
void unmap_vmas(struct vm_area_struct *vma, unsigned long start_addr, unsigned long end_addr)
{
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, vma->vm_mm);
	for (; vma && vma->vm_start < end_addr; vma = vma->vm_next)
		unmap_single_vma(&tlb, vma, start_addr, end_addr);
	tlb_finish_mmu(&tlb);
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
 * @mm: the address space
 * @vma: the first VMA of the list (their pages are unmapped already)
 * @floor: the end of the VMA before the list (tables below stay)
 * @ceiling: the start of the VMA after it (0: no limit)
 *
 * VMAs closer than a PMD apart are freed as one range.
 */
void free_pgtables(struct mm_struct *mm, struct vm_area_struct *vma,
		   unsigned long floor, unsigned long ceiling)
{
	struct mmu_gather tlb;

	tlb_gather_mmu(&tlb, mm);
	while (vma) {
		struct vm_area_struct *next = vma->vm_next;
		unsigned long addr = vma->vm_start;

		while (next && next->vm_start <= vma->vm_end + PMD_SIZE) {
			vma = next;
			next = vma->vm_next;
		}
		free_pgd_range(&tlb, addr, vma->vm_end, floor, next ? next->vm_start : ceiling);
		vma = next;
	}
	tlb_finish_mmu(&tlb);
}

/* --- page faults --- */

/* set_pte_at_fault - install @entry at the fault's PTE (same address: no flush needed). */
static void set_pte_at_fault(struct vm_fault *vmf, pte_t entry)
{
	set_pte(vmf->pte, entry);
}

/* pte_same_locked - the PTE still is what the fault saw (nothing raced with us). */
static bool pte_same_locked(struct vm_fault *vmf)
{
	return pte_val(*vmf->pte) == pte_val(vmf->orig_pte);
}

/* copy_user_page - copy a user page's contents (Linux: copy_user_highpage()). */
static void copy_user_page(struct page *to, struct page *from)
{
	memcpy(page_address(to), page_address(from), PAGE_SIZE);
}

/* alloc_anon_page - a zeroed, movable page for anonymous memory. */
static struct page *alloc_anon_page(void)
{
	return alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
}

/*
 * do_anonymous_page - first touch of anonymous memory. A read maps the
 * shared zero page read-only (no memory used until a write); a write gets
 * a new zeroed page, mapped writable and dirty, added to the VMA's
 * anon_vma.
 */
static vm_fault_t do_anonymous_page(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page;
	pte_t entry;

	if (!(vmf->flags & FAULT_FLAG_WRITE)) {
		entry = pte_wrprotect(pfn_pte(zero_pfn, vma->vm_page_prot));
		spin_lock(vmf->ptl);
		if (pte_none(*vmf->pte))
			set_pte_at_fault(vmf, entry);
		spin_unlock(vmf->ptl);
		return 0;
	}
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	page = alloc_anon_page();
	if (!page)
		return VM_FAULT_OOM;
	entry = maybe_mkwrite(pte_mkdirty(mk_pte(page, vma->vm_page_prot)), vma);
	spin_lock(vmf->ptl);
	if (!pte_none(*vmf->pte)) {
		spin_unlock(vmf->ptl);
		put_page(page);
		return 0;
	}
	inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	folio_add_new_anon_rmap(page_folio(page), vma, vmf->address, RMAP_EXCLUSIVE);
	set_pte_at_fault(vmf, entry);
	spin_unlock(vmf->ptl);
	return 0;
}

/*
 * finish_fault - map the page-cache page vmf->page at the fault's PTE,
 * unless something got there first. The protection is the VMA's:
 * read-only for a private mapping (PAGE_COPY), writable for a shared
 * writable one; a write fault's PTE starts dirty. The PTE takes over the
 * caller's reference to the page.
 */
static void finish_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *page = vmf->page;
	struct folio *folio = page_folio(page);
	pte_t entry = mk_pte(page, vma->vm_page_prot);

	if (vmf->flags & FAULT_FLAG_WRITE)
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	vmf->page = NULL;
	spin_lock(vmf->ptl);
	if (pte_none(*vmf->pte)) {
		inc_mm_counter(vma->vm_mm, mm_counter_file(folio));
		folio_add_file_rmap_pte(folio, page, vma);
		set_pte_at_fault(vmf, entry);
		folio = NULL;	/* the PTE holds the reference now */
	}
	spin_unlock(vmf->ptl);
	if (folio)
		folio_put(folio);
}

/*
 * do_read_fault - a read of a file mapping: map the page-cache page itself,
 * so that processes share the file's pages (a private mapping's until one
 * of them writes).
 */
static vm_fault_t do_read_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = filemap_fault(vmf);

	if (ret)
		return ret;
	finish_fault(vmf);
	return 0;
}

/*
 * do_cow_fault - a write to a private file mapping with no page yet: the
 * process gets its own anonymous copy of the file's page at once.
 */
static vm_fault_t do_cow_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct page *new_page;
	vm_fault_t ret;

	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	new_page = alloc_page(GFP_HIGHUSER_MOVABLE);
	if (!new_page)
		return VM_FAULT_OOM;
	ret = filemap_fault(vmf);
	if (ret) {
		put_page(new_page);
		return ret;
	}
	copy_user_page(new_page, vmf->page);
	put_page(vmf->page);

	spin_lock(vmf->ptl);
	if (!pte_none(*vmf->pte)) {
		spin_unlock(vmf->ptl);
		put_page(new_page);
		return 0;
	}
	inc_mm_counter(vma->vm_mm, MM_ANONPAGES);
	folio_add_new_anon_rmap(page_folio(new_page), vma, vmf->address, RMAP_EXCLUSIVE);
	set_pte_at_fault(vmf, maybe_mkwrite(pte_mkdirty(mk_pte(new_page, vma->vm_page_prot)), vma));
	spin_unlock(vmf->ptl);
	return 0;
}

/*
 * fault_dirty_shared_page - a store through a shared mapping is about to
 * change @page: it is dirty (in every process mapping it: smaps'
 * Shared_Dirty) and the file's mtime and ctime are now, as after write().
 */
static void fault_dirty_shared_page(struct vm_fault *vmf, struct page *page)
{
	folio_set_dirty(page_folio(page));
	file_update_time(vmf->vma->vm_file);
}

/*
 * do_shared_fault - a write to a shared file mapping with no page yet: map
 * the page-cache page writable and dirty.
 */
static vm_fault_t do_shared_fault(struct vm_fault *vmf)
{
	vm_fault_t ret = filemap_fault(vmf);

	if (ret)
		return ret;
	fault_dirty_shared_page(vmf, vmf->page);
	finish_fault(vmf);
	return 0;
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
 * wp_page_reuse - the faulting process is the page's only user: make the
 * PTE writable in place. Called with the ptl held; releases it.
 */
static vm_fault_t wp_page_reuse(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	pte_t entry = maybe_mkwrite(pte_mkdirty(pte_mkyoung(vmf->orig_pte)), vma);

	set_pte_at_fault(vmf, entry);
	flush_tlb_page(vma, vmf->address);
	spin_unlock(vmf->ptl);
	count_vm_event(PGREUSE);
	return 0;
}

/*
 * wp_page_copy - break the sharing: copy @old_page (or zero-fill, for the
 * zero page) into a new anonymous page and point the PTE at it. The old
 * page loses this mapping and this reference. Called with the ptl held;
 * releases it.
 */
static vm_fault_t wp_page_copy(struct vm_fault *vmf, struct page *old_page)
{
	struct vm_area_struct *vma = vmf->vma;
	struct mm_struct *mm = vma->vm_mm;
	struct page *new_page;
	pte_t entry;

	if (old_page)
		get_page(old_page);	/* keep it while the ptl is dropped */
	spin_unlock(vmf->ptl);

	if (anon_vma_prepare(vma))
		goto oom;
	new_page = old_page ? alloc_page(GFP_HIGHUSER_MOVABLE) : alloc_anon_page();
	if (!new_page)
		goto oom;
	if (old_page)
		copy_user_page(new_page, old_page);

	spin_lock(vmf->ptl);
	if (!pte_same_locked(vmf)) {
		/* Someone else fixed the fault meanwhile. */
		spin_unlock(vmf->ptl);
		put_page(new_page);
		goto out;
	}
	if (old_page && !PageAnon(old_page)) {
		dec_mm_counter(mm, mm_counter_file(page_folio(old_page)));
		inc_mm_counter(mm, MM_ANONPAGES);
	} else if (!old_page) {
		ksm_might_unmap_zero_page(mm, vmf->orig_pte);
		inc_mm_counter(mm, MM_ANONPAGES);
	}
	entry = mk_pte(new_page, vma->vm_page_prot);
	/* An unshare (break_ksm()) copies without making the page writable. */
	if (!(vmf->flags & FAULT_FLAG_UNSHARE))
		entry = maybe_mkwrite(pte_mkdirty(entry), vma);
	ptep_clear_flush(vma, vmf->address, vmf->pte);
	folio_add_new_anon_rmap(page_folio(new_page), vma, vmf->address, RMAP_EXCLUSIVE);
	set_pte_at_fault(vmf, entry);
	if (old_page) {
		folio_remove_rmap_pte(page_folio(old_page), old_page, vma);
		put_page(old_page);	/* the old PTE's reference */
	}
	spin_unlock(vmf->ptl);
	count_vm_event(COW_COPY);
out:
	if (old_page)
		put_page(old_page);
	return 0;
oom:
	if (old_page)
		put_page(old_page);
	return VM_FAULT_OOM;
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
	if (folio_test_ksm(folio) || folio_ref_count(folio) != 1)
		return false;
	if (!folio_trylock(folio))
		return false;
	folio_move_anon_rmap(folio, vma);
	folio_unlock(folio);
	return true;
}

/*
 * wp_page_shared - a write to a read-only PTE of a shared writable mapping
 * (made writable by mprotect after the page was mapped): no copy, the page
 * itself becomes writable, and dirty. Called with the ptl held; releases it.
 */
static vm_fault_t wp_page_shared(struct vm_fault *vmf, struct page *page)
{
	vm_fault_t ret = wp_page_reuse(vmf);

	fault_dirty_shared_page(vmf, page);
	return ret;
}

/**
 * do_wp_page - a write to a present, read-only PTE of a writable VMA
 * @vmf: the fault, ptl held
 *
 * A shared mapping writes to the page-cache page itself. Otherwise
 * copy-on-write: an anonymous page only we use is reused in place;
 * anything else -- a page shared with a fork relative, a KSM page (counted
 * in cow_ksm), the zero page, a page-cache page of a private file mapping
 * -- is copied. FAULT_FLAG_UNSHARE (break_ksm()) asks only for an
 * exclusive page: an exclusive one is left alone, a shared one copied to a
 * read-only PTE. Releases the ptl.
 */
static vm_fault_t do_wp_page(struct vm_fault *vmf)
{
	const bool unshare = vmf->flags & FAULT_FLAG_UNSHARE;
	struct vm_area_struct *vma = vmf->vma;
	struct page *page = vm_normal_page(vma, vmf->address, vmf->orig_pte);

	if (vma->vm_flags & VM_SHARED) {
		if (unshare) {		/* nothing to unshare in a shared mapping */
			spin_unlock(vmf->ptl);
			return 0;
		}
		return wp_page_shared(vmf, page);
	}
	count_vm_event(COW_FAULT);
	if (page && PageAnon(page) &&
	    (PageAnonExclusive(page) || wp_can_reuse_anon_folio(page_folio(page), vma))) {
		SetPageAnonExclusive(page);
		if (unlikely(unshare)) {	/* exclusive already: keep the PTE as it is */
			spin_unlock(vmf->ptl);
			return 0;
		}
		return wp_page_reuse(vmf);
	}
	if (page && PageKsm(page))
		count_vm_event(COW_KSM);
	return wp_page_copy(vmf, page);
}

/*
 * handle_pte_fault - decide what the fault needs from the PTE it finds:
 * nothing there yet (first touch), a write to a read-only PTE (COW), or
 * only the accessed/dirty bits (another process or a TLB race fixed it).
 */
static vm_fault_t handle_pte_fault(struct vm_fault *vmf)
{
	pte_t entry;

	vmf->orig_pte = *vmf->pte;
	if (pte_none(vmf->orig_pte))
		return vma_is_anonymous(vmf->vma) ? do_anonymous_page(vmf) : do_fault(vmf);

	spin_lock(vmf->ptl);
	if (!pte_same_locked(vmf)) {
		spin_unlock(vmf->ptl);
		return 0;
	}
	entry = vmf->orig_pte;
	if (vmf->flags & (FAULT_FLAG_WRITE | FAULT_FLAG_UNSHARE)) {
		if (!pte_write(entry))
			return do_wp_page(vmf);
		if (vmf->flags & FAULT_FLAG_WRITE)
			entry = pte_mkdirty(entry);
	}
	set_pte_at_fault(vmf, pte_mkyoung(entry));
	flush_tlb_page(vmf->vma, vmf->address);
	spin_unlock(vmf->ptl);
	return 0;
}

/**
 * handle_mm_fault - resolve a page fault in @vma
 * @vma: the VMA containing @address (access rights checked by the caller)
 * @address: the faulting address
 * @flags: FAULT_FLAG_*
 *
 * Allocates the page tables down to the PTE, then handle_pte_fault().
 * Called with mmap_lock held. Returns 0 or VM_FAULT_* error bits.
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct vm_fault vmf = {
		.vma = vma,
		.address = address & PAGE_MASK,
		.flags = flags,
		.pgoff = linear_page_index(vma, address & PAGE_MASK),
		.ptl = &mm->page_table_lock,
	};

	count_vm_event(PGFAULT);
	vmf.pmd = walk_to_pmd(mm, address);
	if (!vmf.pmd || pte_alloc(mm, vmf.pmd))
		return VM_FAULT_OOM;
	vmf.pte = pte_offset_map(vmf.pmd, address);
	return handle_pte_fault(&vmf);
}

/* --- reaching another process's memory --- */

/*
 * follow_page_pte - the page mapped at @addr, faulting it in if needed
 * (writable for @write); a reference is taken. NULL if the VMA forbids the
 * access or memory ran out. The zero page comes back for unwritten memory.
 */
static struct page *follow_page_pte(struct vm_area_struct *vma, unsigned long addr, int write)
{
	struct mm_struct *mm = vma->vm_mm;
	unsigned long need = write ? VM_WRITE : VM_READ;
	struct page *page;
	pte_t *pte;

	if (!(vma->vm_flags & need))
		return NULL;
	for (;;) {
		pmd_t *pmd = mm_find_pmd(mm, addr);

		pte = pmd ? pte_offset_map(pmd, addr) : NULL;
		if (pte && pte_present(*pte) && (!write || pte_write(*pte)))
			break;
		if (handle_mm_fault(vma, addr, write ? FAULT_FLAG_WRITE : 0) & VM_FAULT_ERROR)
			return NULL;
	}
	spin_lock(&mm->page_table_lock);
	page = vm_normal_page(vma, addr, *pte);
	if (!page)
		page = pfn_to_page(zero_pfn);
	get_page(page);
	spin_unlock(&mm->page_table_lock);
	return page;
}

/**
 * access_process_vm - copy to or from another process's memory
 * @tsk: the process
 * @addr: user address in its address space
 * @buf: kernel buffer
 * @len: bytes
 * @write: nonzero to write @buf into the process
 *
 * Faults pages in as the process would (respecting its VMAs'
 * protections). Returns the number of bytes copied, short at the first
 * unmapped or inaccessible page (/proc/PID/cmdline reads through this).
 */
int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf, int len,
		      int write)
{
	struct mm_struct *mm = get_task_mm(tsk);
	int done = 0;

	if (!mm)
		return 0;
	mmap_read_lock(mm);
	while (done < len) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned long offset = addr & ~PAGE_MASK;
		int bytes = min_t(int, len - done, PAGE_SIZE - offset);
		struct page *page;

		if (!vma || vma->vm_start > addr)
			break;
		page = follow_page_pte(vma, addr, write);
		if (!page)
			break;
		if (write)
			memcpy(page_address(page) + offset, buf + done, bytes);
		else
			memcpy(buf + done, page_address(page) + offset, bytes);
		put_page(page);
		done += bytes;
		addr += bytes;
	}
	mmap_read_unlock(mm);
	mmput(mm);
	return done;
}
