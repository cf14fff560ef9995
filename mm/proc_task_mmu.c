// SPDX-License-Identifier: GPL-2.0
/*
 * proc_task_mmu.c - a process's memory as /proc shows it, in Linux's exact
 * formats: the Vm* lines of /proc/PID/status (task_mem()), /proc/PID/maps,
 * /proc/PID/smaps and /proc/PID/pagemap. Mirrors fs/proc/task_mmu.c.
 *
 * maps and smaps are text: one entry per VMA, produced whole under the
 * mmap lock. smaps walks the VMA's page tables and adds up its resident
 * pages: private ones (mapped once) count fully towards Pss, shared ones
 * by 1/mapcount. pagemap is binary: one u64 per virtual page, read at
 * offset (vaddr / PAGE_SIZE) * 8, built from the PTEs one PMD-sized
 * stretch at a time (Linux's PAGEMAP_WALK_SIZE).
 *
 * Pagoda has no swap, THP, hugetlb, vsyscall or vDSO pages: their
 * smaps lines read 0 and no [vsyscall]/[vdso] lines appear in maps.
 * PM_SWAP marks a migration entry (type and PFN in the frame field, as
 * Linux); smaps counts its page as resident and maybe shared. Its PTEs have no soft-dirty bit, so
 * PM_SOFT_DIRTY comes from the VMA's VM_SOFTDIRTY only (which Linux ORs
 * in too: until clear_refs, which Pagoda lacks, both agree).
 */
#include <linux/mm.h>
#include <linux/hugetlb.h>
#include <linux/swapops.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/proc_fs.h>
#include <linux/proc_views.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/preempt.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/bug.h>
#include "internal.h"

/* ---------------------------------------------------------------------- */
/* /proc/PID/status */

/**
 * task_mem - the memory lines of /proc/PID/status
 * @m: the status text
 * @mm: the process's address space
 *
 * Sizes in kB, right-aligned in 8 columns after a tab. VmHWM and VmPeak
 * are high-water marks that the mm updates only when RSS or size is about
 * to shrink, so the current values may be higher. Executable mappings
 * split into the program's text (VmExe) and the rest (VmLib).
 */
void task_mem(struct seq_file *m, struct mm_struct *mm)
{
	unsigned long anon = get_mm_counter(mm, MM_ANONPAGES);
	unsigned long file = get_mm_counter(mm, MM_FILEPAGES);
	unsigned long shmem = get_mm_counter(mm, MM_SHMEMPAGES);
	unsigned long total_rss = anon + file + shmem;
	unsigned long hiwater_rss = max(total_rss, mm->hiwater_rss);
	unsigned long hiwater_vm = max(mm->total_vm, mm->hiwater_vm);
	unsigned long text, lib;

	text = PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK);
	text = min(text, mm->exec_vm << PAGE_SHIFT);
	lib = (mm->exec_vm << PAGE_SHIFT) - text;

	seq_printf(m, "VmPeak:\t%8lu kB\n", hiwater_vm << (PAGE_SHIFT - 10));
	seq_printf(m, "VmSize:\t%8lu kB\n", mm->total_vm << (PAGE_SHIFT - 10));
	seq_printf(m, "VmLck:\t%8lu kB\n", mm->locked_vm << (PAGE_SHIFT - 10));
	seq_printf(m, "VmPin:\t%8lu kB\n", 0UL);	/* no pinned_vm: no RDMA pinning */
	seq_printf(m, "VmHWM:\t%8lu kB\n", hiwater_rss << (PAGE_SHIFT - 10));
	seq_printf(m, "VmRSS:\t%8lu kB\n", total_rss << (PAGE_SHIFT - 10));
	seq_printf(m, "RssAnon:\t%8lu kB\n", anon << (PAGE_SHIFT - 10));
	seq_printf(m, "RssFile:\t%8lu kB\n", file << (PAGE_SHIFT - 10));
	seq_printf(m, "RssShmem:\t%8lu kB\n", shmem << (PAGE_SHIFT - 10));
	seq_printf(m, "VmData:\t%8lu kB\n", mm->data_vm << (PAGE_SHIFT - 10));
	seq_printf(m, "VmStk:\t%8lu kB\n", mm->stack_vm << (PAGE_SHIFT - 10));
	seq_printf(m, "VmExe:\t%8lu kB\n", text >> 10);
	seq_printf(m, "VmLib:\t%8lu kB\n", lib >> 10);
	seq_printf(m, "VmPTE:\t%8lu kB\n", atomic_long_read(&mm->pgtables_bytes) >> 10);
	seq_printf(m, "VmSwap:\t%8lu kB\n", get_mm_counter(mm, MM_SWAPENTS) << (PAGE_SHIFT - 10));
	hugetlb_report_usage(m, mm);
}

/*
 * proc_mem_open - @task's mm with a user reference (mmput() it), or NULL
 * for a kernel thread or a process whose mm is gone.
 */
static struct mm_struct *proc_mem_open(struct task_struct *task)
{
	return get_task_mm(task);
}

/*
 * ptep_get_lookup - the PTE mapping @addr in @mm; a none PTE where there is
 * no page table (both read as "nothing mapped here").
 */
static pte_t ptep_get_lookup(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = mm_find_pmd(mm, addr);

	return pmd ? *pte_offset_map(pmd, addr) : __pte(0);
}

/* ---------------------------------------------------------------------- */
/* /proc/PID/maps */

/*
 * show_vma_header_prefix - "start-end perms offset major:minor inode ",
 * after which seq_pad() brings a name to column 73 (25 + 6 * 8 on 64-bit).
 */
static void show_vma_header_prefix(struct seq_file *m, unsigned long start, unsigned long end,
				   unsigned long flags, unsigned long long pgoff, dev_t dev,
				   unsigned long ino)
{
	seq_setwidth(m, 25 + sizeof(void *) * 6 - 1);
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ", start, end,
		   flags & VM_READ ? 'r' : '-', flags & VM_WRITE ? 'w' : '-',
		   flags & VM_EXEC ? 'x' : '-', flags & VM_MAYSHARE ? 's' : 'p',
		   pgoff, MAJOR(dev), MINOR(dev), ino);
}

/*
 * seq_file_path - the absolute name of @file, with each character of @esc
 * written as a backslash and three octal digits (a newline in a name must
 * not end the maps line). Linux's seq_path() + mangle_path().
 */
static void seq_file_path(struct seq_file *m, struct file *file, const char *esc)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	char *p;

	if (!buf) {
		m->count = m->size;	/* retried, like any overflow */
		return;
	}
	p = file_path(file, buf, PATH_MAX);
	for (; !IS_ERR(p) && *p; p++) {
		if (strchr(esc, *p))
			seq_printf(m, "\\%03o", (unsigned char)*p);
		else
			seq_putc(m, *p);
	}
	kfree(buf);
}

/*
 * show_map_vma - one maps line: the header, then the name: the file's
 * path, or [heap] for the brk area, [stack] for the VMA holding the initial
 * stack pointer, nothing (and no padding) for other anonymous memory.
 */
static void show_map_vma(struct seq_file *m, struct vm_area_struct *vma)
{
	struct file *file = vma->vm_file;
	unsigned long long pgoff = 0;
	const char *name = NULL;
	unsigned long ino = 0;
	dev_t dev = 0;

	if (file) {
		struct inode *inode = file_inode(file);

		dev = inode->i_sb->s_dev;
		ino = inode->i_ino;
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
	}
	show_vma_header_prefix(m, vma->vm_start, vma->vm_end, vma->vm_flags, pgoff, dev, ino);

	if (file) {
		seq_pad(m, ' ');
		seq_file_path(m, file, "\n");
	} else if (vma_is_initial_heap(vma)) {
		name = "[heap]";
	} else if (vma_is_initial_stack(vma)) {
		name = "[stack]";
	}
	if (name) {
		seq_pad(m, ' ');
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
}

/**
 * proc_pid_maps_show - /proc/PID/maps: a line per VMA, in address order
 * (nothing for a kernel thread or an exited process).
 */
int proc_pid_maps_show(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = proc_mem_open(task);
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	if (!mm)
		return 0;
	mmap_read_lock(mm);
	for_each_vma(vmi, vma)
		show_map_vma(m, vma);
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* /proc/PID/smaps */

/*
 * Proportional set size: each resident page counts PAGE_SIZE divided by the
 * number of PTEs mapping it. Kept in fixed point (<< PSS_SHIFT) so that
 * the divisions' remainders add up instead of being lost.
 */
#define PSS_SHIFT 12

struct mem_size_stats {
	unsigned long resident;
	unsigned long shared_clean;
	unsigned long shared_dirty;
	unsigned long private_clean;
	unsigned long private_dirty;
	unsigned long referenced;
	unsigned long anonymous;
	unsigned long ksm;
	unsigned long lazyfree;
	unsigned long shared_hugetlb;	/* hugetlb pages mapped more than once */
	unsigned long private_hugetlb;
	u64 pss;
	u64 pss_anon;		/* Pss split by kind, for smaps_rollup */
	u64 pss_file;
	u64 pss_shmem;
	u64 pss_dirty;
	u64 pss_locked;
};

/* smaps_page_accumulate - add one page's share to the clean/dirty, private/shared sums. */
static void smaps_page_accumulate(struct mem_size_stats *mss, struct page *page,
				  unsigned long size, u64 pss, bool dirty, bool locked,
				  bool private)
{
	struct folio *folio = page_folio(page);

	mss->pss += pss;
	if (folio_test_anon(folio))
		mss->pss_anon += pss;
	else if (folio_test_swapbacked(folio))
		mss->pss_shmem += pss;
	else
		mss->pss_file += pss;
	if (locked)
		mss->pss_locked += pss;
	if (dirty || PageDirty(page)) {
		mss->pss_dirty += pss;
		if (private)
			mss->private_dirty += size;
		else
			mss->shared_dirty += size;
	} else {
		if (private)
			mss->private_clean += size;
		else
			mss->shared_clean += size;
	}
}

/*
 * smaps_account - count a resident page mapped by a PTE. A page mapped
 * once is private and counts fully towards Pss; one mapped by several
 * PTEs (after fork) is shared and counts 1/mapcount. An anonymous page
 * that MADV_FREE made clean and not swap-backed is LazyFree.
 */
static void smaps_account(struct mem_size_stats *mss, struct page *page, bool young,
			  bool dirty, bool locked, bool present)
{
	int mapcount = page_mapcount(page);
	u64 pss = (u64)PAGE_SIZE << PSS_SHIFT;

	if (PageAnon(page)) {
		mss->anonymous += PAGE_SIZE;
		if (!folio_test_swapbacked(page_folio(page)) && !dirty && !PageDirty(page))
			mss->lazyfree += PAGE_SIZE;
	}
	if (PageKsm(page))
		mss->ksm += PAGE_SIZE;
	mss->resident += PAGE_SIZE;
	if (young || folio_test_referenced(page_folio(page)))
		mss->referenced += PAGE_SIZE;
	/*
	 * A migration entry (!@present) counts as "maybe shared": the folio
	 * lost its mapcount to the migration, so it says nothing.
	 */
	if (!present) {
		smaps_page_accumulate(mss, page, PAGE_SIZE, pss, dirty, locked, false);
		return;
	}
	if (mapcount >= 2)
		pss /= mapcount;
	smaps_page_accumulate(mss, page, PAGE_SIZE, pss, dirty, locked, mapcount < 2);
}

/*
 * smaps_pte_range - account the pages of [addr, end), inside one page table,
 * under the page-table lock (which keeps them from being unmapped and freed
 * meanwhile). Only "normal" pages count: the shared zero page
 * (vm_normal_page() is NULL for it) is not resident memory of the process.
 */
static void smaps_pte_range(struct vm_area_struct *vma, unsigned long addr, unsigned long end,
			    struct mem_size_stats *mss)
{
	bool locked = vma->vm_flags & VM_LOCKED;
	struct mm_struct *mm = vma->vm_mm;

	spin_lock(&mm->page_table_lock);
	for (; addr < end; addr += PAGE_SIZE) {
		pte_t pte = ptep_get_lookup(mm, addr);
		struct page *page;

		if (is_swap_pte(pte)) {		/* a migration entry */
			smaps_account(mss, pfn_swap_entry_to_page(pte_to_swp_entry(pte)), false,
				      false, locked, false);
			continue;
		}
		if (!pte_present(pte))
			continue;
		page = vm_normal_page(vma, addr, pte);
		if (page)
			smaps_account(mss, page, pte_young(pte), pte_dirty(pte), locked, true);
	}
	spin_unlock(&mm->page_table_lock);
}

/*
 * smaps_hugetlb_range - a hugetlb VMA's huge pages: Shared_Hugetlb if
 * mapped more than once, else Private_Hugetlb (not Rss, as in Linux).
 */
static void smaps_hugetlb_range(struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	unsigned long size = huge_page_size(hstate_vma(vma));

	for (unsigned long addr = vma->vm_start; addr < vma->vm_end; addr += size) {
		pte_t *ptep = huge_pte_offset(vma->vm_mm, addr);

		if (!ptep || !pte_present(*ptep))
			continue;
		if (folio_mapcount(pfn_folio(pte_pfn(*ptep))) > 1)
			mss->shared_hugetlb += size;
		else
			mss->private_hugetlb += size;
	}
}

/* smap_gather_stats - walk the VMA one page table (PMD entry) at a time. */
static void smap_gather_stats(struct vm_area_struct *vma, struct mem_size_stats *mss)
{
	unsigned long addr, next;

	if (is_vm_hugetlb_page(vma)) {
		smaps_hugetlb_range(vma, mss);
		return;
	}
	for (addr = vma->vm_start; addr < vma->vm_end; addr = next) {
		next = pmd_addr_end(addr, vma->vm_end);
		smaps_pte_range(vma, addr, next, mss);
		cond_resched();
	}
}

/* smap_line - "Name:" padded to 16 columns, then kB in 8. */
static void smap_line(struct seq_file *m, const char *name, u64 bytes)
{
	seq_printf(m, "%-16s%8llu kB\n", name, (unsigned long long)(bytes >> 10));
}

/*
 * __show_smap - the Rss..Locked lines of one VMA, or of all of them
 * (@rollup_mode: smaps_rollup, which also splits Pss by kind).
 * fs/proc/task_mmu.c: __show_smap().
 */
static void __show_smap(struct seq_file *m, const struct mem_size_stats *mss, bool rollup_mode)
{
	smap_line(m, "Rss:", mss->resident);
	smap_line(m, "Pss:", mss->pss >> PSS_SHIFT);
	smap_line(m, "Pss_Dirty:", mss->pss_dirty >> PSS_SHIFT);
	if (rollup_mode) {
		smap_line(m, "Pss_Anon:", mss->pss_anon >> PSS_SHIFT);
		smap_line(m, "Pss_File:", mss->pss_file >> PSS_SHIFT);
		smap_line(m, "Pss_Shmem:", mss->pss_shmem >> PSS_SHIFT);
	}
	smap_line(m, "Shared_Clean:", mss->shared_clean);
	smap_line(m, "Shared_Dirty:", mss->shared_dirty);
	smap_line(m, "Private_Clean:", mss->private_clean);
	smap_line(m, "Private_Dirty:", mss->private_dirty);
	smap_line(m, "Referenced:", mss->referenced);
	smap_line(m, "Anonymous:", mss->anonymous);
	smap_line(m, "KSM:", mss->ksm);
	smap_line(m, "LazyFree:", mss->lazyfree);
	smap_line(m, "AnonHugePages:", 0);	/* no transparent huge pages */
	smap_line(m, "ShmemPmdMapped:", 0);
	smap_line(m, "FilePmdMapped:", 0);
	smap_line(m, "Shared_Hugetlb:", mss->shared_hugetlb);
	seq_printf(m, "Private_Hugetlb: %7lu kB\n", mss->private_hugetlb >> 10);
	smap_line(m, "Swap:", 0);		/* no swap */
	smap_line(m, "SwapPss:", 0);
	smap_line(m, "Locked:", mss->pss_locked >> PSS_SHIFT);
}

/*
 * show_smap_vma_flags - "VmFlags:" and a two-letter code, each followed by
 * a space, per vm_flags bit in bit order; "??" for a bit without a code.
 * The codes are Linux's; the list has the flags Pagoda knows.
 */
static void show_smap_vma_flags(struct seq_file *m, struct vm_area_struct *vma)
{
	static const struct {
		unsigned long flag;
		char code[3];
	} mnemonics[] = {
		{ VM_READ, "rd" }, { VM_WRITE, "wr" }, { VM_EXEC, "ex" },
		{ VM_SHARED, "sh" }, { VM_MAYREAD, "mr" }, { VM_MAYWRITE, "mw" },
		{ VM_MAYEXEC, "me" }, { VM_MAYSHARE, "ms" }, { VM_GROWSDOWN, "gd" },
		{ VM_LOCKED, "lo" }, { VM_DONTCOPY, "dc" }, { VM_DONTEXPAND, "de" },
		{ VM_LOCKONFAULT, "lf" },
		{ VM_ACCOUNT, "ac" }, { VM_NORESERVE, "nr" }, { VM_HUGETLB, "ht" },
		{ VM_WIPEONFORK, "wf" },
		{ VM_SOFTDIRTY, "sd" }, { VM_HUGEPAGE, "hg" }, { VM_NOHUGEPAGE, "nh" },
		{ VM_MERGEABLE, "mg" },
	};

	seq_puts(m, "VmFlags: ");
	for (int bit = 0; bit < 8 * (int)sizeof(vma->vm_flags); bit++) {
		const char *code = "??";

		if (!(vma->vm_flags & (1UL << bit)))
			continue;
		for (size_t i = 0; i < ARRAY_SIZE(mnemonics); i++)
			if (mnemonics[i].flag == 1UL << bit)
				code = mnemonics[i].code;
		seq_printf(m, "%s ", code);
	}
	seq_putc(m, '\n');
}

/*
 * show_smap - the maps line, sizes, the page-table walk's sums, and flags.
 * THPeligible is 0: Pagoda maps 4 KiB pages only (Linux's tests run with
 * transparent huge pages "never", which gives 0 too).
 */
static void show_smap(struct seq_file *m, struct vm_area_struct *vma)
{
	struct mem_size_stats mss = {};

	smap_gather_stats(vma, &mss);
	show_map_vma(m, vma);
	smap_line(m, "Size:", vma->vm_end - vma->vm_start);
	smap_line(m, "KernelPageSize:", vma_kernel_pagesize(vma));
	smap_line(m, "MMUPageSize:", vma_kernel_pagesize(vma));
	__show_smap(m, &mss, false);
	seq_printf(m, "THPeligible:    %8u\n", 0U);
	show_smap_vma_flags(m, vma);
}

/**
 * proc_pid_smaps_show - /proc/PID/smaps: an entry per VMA.
 */
int proc_pid_smaps_show(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = proc_mem_open(task);
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	if (!mm)
		return 0;
	mmap_read_lock(mm);
	for_each_vma(vmi, vma)
		show_smap(m, vma);
	mmap_read_unlock(mm);
	mmput(mm);
	return 0;
}

/**
 * proc_pid_smaps_rollup_show - /proc/PID/smaps_rollup: the smaps sums of
 * every VMA under one header spanning them, named [rollup]
 * (fs/proc/task_mmu.c: show_smaps_rollup()).
 */
int proc_pid_smaps_rollup_show(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = proc_mem_open(task);
	struct mem_size_stats mss = {};
	unsigned long vma_start = 0, last_vma_end = 0;
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	if (!mm)
		return 0;
	mmap_read_lock(mm);
	for_each_vma(vmi, vma) {
		if (!last_vma_end)
			vma_start = vma->vm_start;
		smap_gather_stats(vma, &mss);
		last_vma_end = vma->vm_end;
	}
	mmap_read_unlock(mm);
	mmput(mm);
	show_vma_header_prefix(m, vma_start, last_vma_end, 0, 0, 0, 0);
	seq_pad(m, ' ');
	seq_puts(m, "[rollup]\n");
	__show_smap(m, &mss, true);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* /proc/PID/pagemap (Documentation/admin-guide/mm/pagemap.rst) */

typedef struct {
	u64 pme;
} pagemap_entry_t;

#define PM_ENTRY_BYTES		sizeof(pagemap_entry_t)
#define PM_PFRAME_BITS		55
#define PM_PFRAME_MASK		((1ULL << PM_PFRAME_BITS) - 1)
#define PM_SOFT_DIRTY		(1ULL << 55)
#define PM_MMAP_EXCLUSIVE	(1ULL << 56)
#define PM_FILE			(1ULL << 61)
#define PM_SWAP			(1ULL << 62)
#define PM_PRESENT		(1ULL << 63)

/* One walk step covers a PMD's worth of pages: PAGEMAP_WALK_SIZE >> PAGE_SHIFT entries. */
#define PAGEMAP_WALK_SIZE	PMD_SIZE
#define PAGEMAP_WALK_MASK	(~(PAGEMAP_WALK_SIZE - 1))

struct pagemapread {
	int pos;		/* entries filled */
	pagemap_entry_t *buffer;
};

static pagemap_entry_t make_pme(u64 frame, u64 flags)
{
	return (pagemap_entry_t){ .pme = (frame & PM_PFRAME_MASK) | flags };
}

static void add_to_pagemap(pagemap_entry_t pme, struct pagemapread *pm)
{
	pm->buffer[pm->pos++] = pme;
}

/*
 * pte_to_pagemap_entry - the entry of a page of @vma: the PFN of a present
 * PTE (the zero page's too), PM_FILE for a page that is not anonymous,
 * PM_MMAP_EXCLUSIVE when this is its only mapping.
 */
static pagemap_entry_t pte_to_pagemap_entry(struct vm_area_struct *vma, unsigned long addr,
					    pte_t pte)
{
	u64 frame = 0, flags = 0;
	struct page *page = NULL;

	if (pte_present(pte)) {
		frame = pte_pfn(pte);
		flags |= PM_PRESENT;
		page = vm_normal_page(vma, addr, pte);
	} else if (is_swap_pte(pte)) {		/* a migration entry */
		swp_entry_t entry = pte_to_swp_entry(pte);

		frame = swp_type(entry) | (swp_offset_pfn(entry) << MAX_SWAPFILES_SHIFT);
		flags |= PM_SWAP;
		page = pfn_swap_entry_to_page(entry);
	}
	if (page) {
		if (!PageAnon(page))
			flags |= PM_FILE;
		if ((flags & PM_PRESENT) && page_mapcount(page) == 1)
			flags |= PM_MMAP_EXCLUSIVE;
	}
	if (vma->vm_flags & VM_SOFTDIRTY)
		flags |= PM_SOFT_DIRTY;
	return make_pme(frame, flags);
}

/*
 * pagemap_hugetlb_entry - the entry of a page of a hugetlb VMA: its huge
 * page's first PFN plus the page's offset in it (pagemap_hugetlb_range()).
 */
static pagemap_entry_t pagemap_hugetlb_entry(struct vm_area_struct *vma, unsigned long addr)
{
	pte_t *ptep = huge_pte_offset(vma->vm_mm, addr);
	u64 frame = 0, flags = 0;

	if (vma->vm_flags & VM_SOFTDIRTY)
		flags |= PM_SOFT_DIRTY;
	if (ptep && pte_present(*ptep)) {
		struct folio *folio = pfn_folio(pte_pfn(*ptep));

		if (!folio_test_anon(folio))
			flags |= PM_FILE;
		if (folio_mapcount(folio) == 1)
			flags |= PM_MMAP_EXCLUSIVE;
		flags |= PM_PRESENT;
		frame = pte_pfn(*ptep) + ((addr & ~huge_page_mask(hstate_vma(vma))) >> PAGE_SHIFT);
	}
	return make_pme(frame, flags);
}

/*
 * pagemap_walk - the entries of [addr, end), at most one PMD's worth:
 * 0 where no VMA is (pagemap_pte_hole()), else from the PTEs, read under
 * the page-table lock (pagemap_pmd_range()).
 */
static void pagemap_walk(struct mm_struct *mm, unsigned long addr, unsigned long end,
			 struct pagemapread *pm)
{
	while (addr < end) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned long hole_end = vma ? min(end, vma->vm_start) : end;

		for (; addr < hole_end; addr += PAGE_SIZE)
			add_to_pagemap(make_pme(0, 0), pm);
		if (!vma)
			break;
		spin_lock(&mm->page_table_lock);
		for (; addr < min(end, vma->vm_end); addr += PAGE_SIZE) {
			if (is_vm_hugetlb_page(vma))
				add_to_pagemap(pagemap_hugetlb_entry(vma, addr), pm);
			else
				add_to_pagemap(pte_to_pagemap_entry(vma, addr,
								   ptep_get_lookup(mm, addr)), pm);
		}
		spin_unlock(&mm->page_table_lock);
	}
}

/*
 * pagemap_read - /proc/PID/pagemap: @count bytes of entries from entry
 * *@ppos / 8, i.e. virtual page number. Offset and size must be multiples
 * of 8 (-EINVAL); reading past the task's address space gives 0 bytes.
 * PFNs are shown: every Pagoda process is root (CAP_SYS_ADMIN).
 */
static ssize_t pagemap_read(struct task_struct *task, char __user *buf, size_t count,
			    loff_t *ppos)
{
	struct mm_struct *mm = proc_mem_open(task);
	unsigned long src, svpfn, start_vaddr, end_vaddr;
	struct pagemapread pm;
	size_t copied = 0;
	ssize_t ret;

	if (!mm)
		return 0;
	ret = -EINVAL;
	if ((*ppos % PM_ENTRY_BYTES) || (count % PM_ENTRY_BYTES))
		goto out_mm;
	ret = 0;
	if (!count)
		goto out_mm;
	ret = -ENOMEM;
	pm.buffer = kmalloc((PAGEMAP_WALK_SIZE >> PAGE_SHIFT) * PM_ENTRY_BYTES, GFP_KERNEL);
	if (!pm.buffer)
		goto out_mm;

	src = *ppos;
	svpfn = src / PM_ENTRY_BYTES;
	end_vaddr = mm->task_size;
	/* watch out for wraparound */
	start_vaddr = end_vaddr;
	if (svpfn <= (ULONG_MAX >> PAGE_SHIFT)) {
		unsigned long end;

		start_vaddr = svpfn << PAGE_SHIFT;
		end = start_vaddr + ((count / PM_ENTRY_BYTES) << PAGE_SHIFT);
		if (end >= start_vaddr && end < mm->task_size)
			end_vaddr = end;
	}
	/* Ensure the address is inside the task */
	if (start_vaddr > mm->task_size)
		start_vaddr = end_vaddr;

	ret = 0;
	while (count && start_vaddr < end_vaddr) {
		unsigned long end = (start_vaddr + PAGEMAP_WALK_SIZE) & PAGEMAP_WALK_MASK;
		size_t len;

		if (end < start_vaddr || end > end_vaddr)	/* overflow? */
			end = end_vaddr;
		pm.pos = 0;
		mmap_read_lock(mm);
		pagemap_walk(mm, start_vaddr, end, &pm);
		mmap_read_unlock(mm);
		start_vaddr = end;

		len = min(count, PM_ENTRY_BYTES * pm.pos);
		if (copy_to_user(buf, pm.buffer, len)) {
			ret = -EFAULT;
			goto out_free;
		}
		copied += len;
		buf += len;
		count -= len;
	}
	*ppos += copied;
	ret = copied;

out_free:
	kfree(pm.buffer);
out_mm:
	mmput(mm);
	return ret;
}

/* proc_task_mmu_init - maps, smaps, smaps_rollup and pagemap in every /proc/PID. */
static int __init proc_task_mmu_init(void)
{
	BUG_ON(proc_pid_register("maps", 0444, proc_pid_maps_show));
	BUG_ON(proc_pid_register("smaps", 0444, proc_pid_smaps_show));
	BUG_ON(proc_pid_register("smaps_rollup", 0444, proc_pid_smaps_rollup_show));
	BUG_ON(proc_pid_register_read("pagemap", 0400, pagemap_read));
	return 0;
}
fs_initcall(proc_task_mmu_init);
