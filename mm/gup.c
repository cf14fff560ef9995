// SPDX-License-Identifier: GPL-2.0
/*
 * gup.c - get_user_pages(): the pages behind a range of user addresses,
 * for the kernel to read or write directly (ptrace and /proc/PID/mem,
 * process_vm_readv/writev, vmsplice, and device DMA in Linux). Also
 * populating a range (MAP_POPULATE, MADV_POPULATE_READ/WRITE). Mirrors
 * mm/gup.c.
 *
 * For each page __get_user_pages() asks follow_page_pte() for the page
 * mapped there; if there is none yet, or the access needs a fault first
 * (a write to a read-only PTE: copy-on-write; a read pin of a shared
 * anonymous page: unsharing), faultin_page() takes that fault through
 * handle_mm_fault() exactly as the process's own access would, and the
 * lookup is tried again.
 *
 * Two kinds of reference come back:
 *
 *   FOLL_GET  an ordinary page reference (put_page() drops it): the page
 *             will not be freed, but the process may stop mapping it.
 *   FOLL_PIN  a pin (unpin_user_page() drops it): the caller will access
 *             the contents for a while and must keep seeing what the
 *             process sees. A pin adds GUP_PIN_COUNTING_BIAS to the
 *             refcount, so folio_maybe_dma_pinned() can tell, and marks
 *             the mm MMF_HAS_PINNED.
 *
 * A pin is only coherent if the pinned anonymous page is, and stays,
 * exclusive to the process (PageAnonExclusive): docs/gup.md explains how
 * the fault path, fork (folio_try_dup_anon_rmap_pte()) and KSM
 * (folio_try_share_anon_rmap_pte()) keep that promise.
 *
 * The caller holds mmap_lock for reading (Linux may drop and retake it
 * inside a fault; Pagoda's faults never sleep on I/O, so it never does).
 * Pagoda has no lockless fast path: get_user_pages_fast() is the slow
 * path under mmap_lock.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/vmstat.h>
#include "internal.h"

/* --- references and pins --- */

/*
 * gup_put_folio - drop @refs references taken with @flags: a pin is worth
 * GUP_PIN_COUNTING_BIAS references (none on the zero page).
 */
static void gup_put_folio(struct folio *folio, int refs, unsigned int flags)
{
	if (flags & FOLL_PIN) {
		if (is_zero_folio(folio))
			return;
		mod_node_page_state(folio_pgdat(folio), NR_FOLL_PIN_RELEASED, refs);
		refs *= GUP_PIN_COUNTING_BIAS;
	}
	folio_put_refs(folio, refs);
}

/**
 * try_grab_folio - take @refs references or pins on @folio, as @flags say
 * @folio: a folio the caller keeps alive (page-table lock held)
 * @refs: how many
 * @flags: FOLL_GET (plain references), FOLL_PIN (pins) or neither (nothing)
 *
 * The zero page is never pinned: it cannot change or go away. Returns 0,
 * or -ENOMEM for a folio that is being freed.
 */
int try_grab_folio(struct folio *folio, int refs, unsigned int flags)
{
	/* LAB gup: return -ENOMEM; */
	if (WARN_ON_ONCE(folio_ref_count(folio) <= 0))
		return -ENOMEM;
	if (flags & FOLL_GET) {
		folio_ref_add(folio, refs);
	} else if (flags & FOLL_PIN) {
		if (is_zero_folio(folio))
			return 0;
		folio_ref_add(folio, refs * GUP_PIN_COUNTING_BIAS);
		mod_node_page_state(folio_pgdat(folio), NR_FOLL_PIN_ACQUIRED, refs);
	}
	return 0;
	/* LAB gup end */
}

/**
 * unpin_user_page - drop a pin taken by pin_user_pages*()
 * @page: the pinned page
 */
void unpin_user_page(struct page *page)
{
	gup_put_folio(page_folio(page), 1, FOLL_PIN);
}

/**
 * unpin_user_pages - drop the pins on @npages pages
 * @pages: the pages pin_user_pages*() returned
 * @npages: how many
 */
void unpin_user_pages(struct page **pages, unsigned long npages)
{
	for (unsigned long i = 0; i < npages; i++)
		unpin_user_page(pages[i]);
}

/* --- looking a page up --- */

/*
 * can_follow_write_pte - may a FOLL_WRITE access use the page of a
 * read-only PTE? A writable PTE always may. Otherwise only a forced
 * write (FOLL_FORCE, ptrace) into a private mapping the process cannot
 * write itself, and only once copy-on-write has given the process an
 * exclusive anonymous copy: a fault made one, but left the PTE read-only
 * because the VMA is (maybe_mkwrite()).
 */
static bool can_follow_write_pte(pte_t pte, struct page *page, struct vm_area_struct *vma,
				 unsigned int flags)
{
	/* LAB gup: return false; */
	if (pte_write(pte))
		return true;
	if (!(flags & FOLL_FORCE))
		return false;
	if (vma->vm_flags & (VM_MAYSHARE | VM_SHARED))
		return false;
	if (!(vma->vm_flags & VM_MAYWRITE))
		return false;
	if (vma->vm_flags & VM_WRITE)
		return false;	/* a normal write fault will make it writable */
	return page && PageAnon(page) && PageAnonExclusive(page);
	/* LAB gup end */
}

/*
 * follow_page_pte - the page the PTE of @address maps, with a reference
 * or pin as @flags ask (FOLL_GET, FOLL_PIN). NULL if the access needs a
 * fault first: no PTE, a write the PTE does not allow yet. ERR_PTR(-EMLINK)
 * if a read pin needs the page unshared first (gup_must_unshare()).
 * The zero page comes back for untouched anonymous memory.
 */
static struct page *follow_page_pte(struct vm_area_struct *vma, unsigned long address,
				    pmd_t *pmd, unsigned int flags)
{
	/* LAB gup: return ERR_PTR(-EFAULT); */
	struct mm_struct *mm = vma->vm_mm;
	struct folio *folio;
	struct page *page;
	spinlock_t *ptl;
	pte_t *ptep, pte;
	int ret;

	if (WARN_ON_ONCE((flags & (FOLL_PIN | FOLL_GET)) == (FOLL_PIN | FOLL_GET)))
		return ERR_PTR(-EINVAL);
	ptep = pte_offset_map_lock(mm, pmd, address, &ptl);
	pte = *ptep;
	if (!pte_present(pte)) {
		page = NULL;
		goto out;
	}
	page = vm_normal_page(vma, address, pte);
	if ((flags & FOLL_WRITE) && !can_follow_write_pte(pte, page, vma, flags)) {
		page = NULL;
		goto out;
	}
	if (!page) {
		if (!is_zero_pfn(pte_pfn(pte))) {	/* no struct page behind it */
			page = ERR_PTR(-EFAULT);
			goto out;
		}
		page = pfn_to_page(pte_pfn(pte));
	}
	folio = page_folio(page);
	if (!pte_write(pte) && gup_must_unshare(vma, flags, page)) {
		page = ERR_PTR(-EMLINK);
		goto out;
	}
	VM_BUG_ON((flags & FOLL_PIN) && PageAnon(page) && !PageAnonExclusive(page));
	ret = try_grab_folio(folio, 1, flags);
	if (ret) {
		page = ERR_PTR(ret);
		goto out;
	}
	/* FOLL_TOUCH: the access marks the page dirty, as the CPU would the PTE. */
	if ((flags & (FOLL_TOUCH | FOLL_WRITE)) == (FOLL_TOUCH | FOLL_WRITE) &&
	    !pte_dirty(pte) && !folio_test_dirty(folio))
		folio_set_dirty(folio);
out:
	pte_unmap_unlock(ptep, ptl);
	return page;
	/* LAB gup end */
}

/*
 * follow_page_mask - walk to the PTE of @address and follow it. No page
 * table on the way means nothing is mapped yet: NULL, fault it in.
 * (Linux's also follows huge PMD and PUD leaves; Pagoda maps user
 * memory with 4 KiB pages only.)
 */
static struct page *follow_page_mask(struct vm_area_struct *vma, unsigned long address,
				     unsigned int flags)
{
	pmd_t *pmd = mm_find_pmd(vma->vm_mm, address);

	return pmd ? follow_page_pte(vma, address, pmd, flags) : NULL;
}

/*
 * faultin_page - take the fault the access needs, as the process would:
 * a write fault for FOLL_WRITE, an unsharing fault (@unshare) for a read
 * pin of a shared anonymous page. 0, or -ENOMEM / -EFAULT.
 */
static int faultin_page(struct vm_area_struct *vma, unsigned long address,
			unsigned int flags, bool unshare)
{
	unsigned int fault_flags = 0;
	vm_fault_t ret;

	if (flags & FOLL_WRITE)
		fault_flags |= FAULT_FLAG_WRITE;
	if (flags & FOLL_REMOTE)
		fault_flags |= FAULT_FLAG_REMOTE;
	if (unshare) {
		fault_flags |= FAULT_FLAG_UNSHARE;
		VM_BUG_ON(fault_flags & FAULT_FLAG_WRITE);
	}
	ret = handle_mm_fault(vma, address, fault_flags);
	if (ret & VM_FAULT_ERROR)
		return vm_fault_to_errno(ret);
	return 0;
}

/*
 * check_vma_flags - may @gup_flags access @vma at all? A write needs
 * VM_WRITE, or FOLL_FORCE on a private (COW) mapping; a read needs
 * VM_READ, or FOLL_FORCE and VM_MAYREAD. 0 or -EFAULT. Pagoda's GUP does
 * not take hugetlb pages (Linux does: follow_huge_pmd()): -EFAULT.
 */
static int check_vma_flags(struct vm_area_struct *vma, unsigned long gup_flags)
{
	unsigned long vm_flags = vma->vm_flags;

	if (vm_flags & VM_HUGETLB)
		return -EFAULT;

	if (gup_flags & FOLL_WRITE) {
		if (!(vm_flags & VM_WRITE)) {
			if (!(gup_flags & FOLL_FORCE))
				return -EFAULT;
			if (!is_cow_mapping(vm_flags))
				return -EFAULT;
		}
	} else if (!(vm_flags & VM_READ)) {
		if (!(gup_flags & FOLL_FORCE))
			return -EFAULT;
		if (!(vm_flags & VM_MAYREAD))
			return -EFAULT;
	}
	return 0;
}

/**
 * __get_user_pages - the core: look up (faulting in) @nr_pages pages
 * @mm: the address space
 * @start: the first user address (page-aligned)
 * @nr_pages: how many pages
 * @gup_flags: FOLL_*
 * @pages: where the pages go (with FOLL_GET or FOLL_PIN), or NULL
 *
 * Stops at the first address that cannot be had: no VMA (-EFAULT, or
 * -ENOMEM for MADV_POPULATE), a VMA that forbids the access (-EFAULT;
 * -EINVAL for MADV_POPULATE), a fault that fails. (Linux also stops
 * at a fatal signal; Pagoda's faults never wait, so the loop is short.)
 * Returns the number of pages done if any, else the error.
 */
static long __get_user_pages(struct mm_struct *mm, unsigned long start,
			     unsigned long nr_pages, unsigned int gup_flags,
			     struct page **pages)
{
	/* LAB gup: return -EFAULT; */
	struct vm_area_struct *vma = NULL;
	long ret = 0, i = 0;

	VM_BUG_ON(!!pages != !!(gup_flags & (FOLL_GET | FOLL_PIN)));
	while (nr_pages) {
		struct page *page;

		if (!vma || start >= vma->vm_end) {
			vma = find_vma(mm, start);
			if (vma && vma->vm_start > start)
				vma = NULL;
			if (gup_flags & FOLL_MADV_POPULATE) {
				ret = !vma ? -ENOMEM : check_vma_flags(vma, gup_flags) ? -EINVAL : 0;
			} else {
				ret = vma ? check_vma_flags(vma, gup_flags) : -EFAULT;
			}
			if (ret)
				break;
		}
retry:
		page = follow_page_mask(vma, start, gup_flags);
		if (!page || PTR_ERR(page) == -EMLINK) {
			ret = faultin_page(vma, start, gup_flags, PTR_ERR(page) == -EMLINK);
			if (!ret)
				goto retry;
			break;
		}
		if (IS_ERR(page)) {
			ret = PTR_ERR(page);
			break;
		}
		if (pages)
			pages[i] = page;
		i++;
		start += PAGE_SIZE;
		nr_pages--;
	}
	return i ? i : ret;
	/* LAB gup end */
}

/*
 * __get_user_pages_locked - __get_user_pages() for the entry points: a
 * pin marks the mm MMF_HAS_PINNED first, so that a fork from now on
 * checks its pages (folio_needs_cow_for_dma()).
 */
static long __get_user_pages_locked(struct mm_struct *mm, unsigned long start,
				    unsigned long nr_pages, struct page **pages,
				    unsigned int flags)
{
	if (flags & FOLL_PIN)
		set_bit(MMF_HAS_PINNED, &mm->flags);
	return __get_user_pages(mm, start & PAGE_MASK, nr_pages, flags, pages);
}

/*
 * is_valid_gup_args - reject flag combinations the entry points do not
 * take, then add the entry point's own (@to_set).
 */
static bool is_valid_gup_args(struct page **pages, unsigned int *gup_flags_p,
			      unsigned int to_set)
{
	unsigned int gup_flags = *gup_flags_p;

	if (WARN_ON_ONCE(gup_flags & INTERNAL_GUP_FLAGS))
		return false;
	gup_flags |= to_set;
	if (WARN_ON_ONCE((gup_flags & (FOLL_PIN | FOLL_GET)) == (FOLL_PIN | FOLL_GET)))
		return false;
	if (WARN_ON_ONCE(!(gup_flags & FOLL_PIN) && (gup_flags & FOLL_LONGTERM)))
		return false;
	if (WARN_ON_ONCE((gup_flags & (FOLL_GET | FOLL_PIN)) && !pages))
		return false;
	*gup_flags_p = gup_flags;
	return true;
}

/* --- the entry points (mmap_lock held for reading) --- */

/**
 * get_user_pages_remote - references to pages of another process's memory
 * @mm: its address space (the caller holds a reference and mmap_lock)
 * @start: the first user address
 * @nr_pages: how many pages
 * @gup_flags: FOLL_WRITE, FOLL_FORCE, FOLL_GET (with @pages)
 * @pages: where the pages go, or NULL to fault them in only
 *
 * The pages are those the process would access at this instant; it may
 * map others later. Each comes with a reference put_page() drops.
 * Returns how many pages, or an error if none.
 */
long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages)
{
	if (!is_valid_gup_args(pages, &gup_flags, FOLL_TOUCH | FOLL_REMOTE))
		return -EINVAL;
	return __get_user_pages_locked(mm, start, nr_pages, pages, gup_flags);
}

/**
 * get_user_pages - get_user_pages_remote() for current's own memory
 * @start: the first user address
 * @nr_pages: how many pages
 * @gup_flags: FOLL_*
 * @pages: where the pages go, or NULL
 */
long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages)
{
	if (!is_valid_gup_args(pages, &gup_flags, FOLL_TOUCH))
		return -EINVAL;
	return __get_user_pages_locked(current->mm, start, nr_pages, pages, gup_flags);
}

/**
 * get_user_pages_fast - references to current's pages, taking mmap_lock itself
 * @start: the first user address
 * @nr_pages: how many pages
 * @gup_flags: FOLL_WRITE and the like; FOLL_GET is implied
 * @pages: where the pages go
 *
 * Linux first walks the page tables without any lock and falls back to
 * this slow path for what it cannot get; Pagoda always takes the slow
 * path. Returns how many pages, or an error if none.
 */
int get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages)
{
	struct mm_struct *mm = current->mm;
	long ret;

	if (!is_valid_gup_args(pages, &gup_flags, FOLL_GET))
		return -EINVAL;
	mmap_read_lock(mm);
	ret = __get_user_pages_locked(mm, start, nr_pages, pages, gup_flags | FOLL_TOUCH);
	mmap_read_unlock(mm);
	return ret;
}

/**
 * pin_user_pages_remote - pin pages of another process's memory
 * @mm: its address space (reference and mmap_lock held)
 * @start: the first user address
 * @nr_pages: how many pages
 * @gup_flags: FOLL_WRITE, FOLL_FORCE, FOLL_LONGTERM
 * @pages: where the pinned pages go
 *
 * unpin_user_page(s)() releases them. Pagoda has no ZONE_MOVABLE or CMA
 * for FOLL_LONGTERM to migrate pages out of first. Returns how many
 * pages, or 0 for arguments the function does not take, or an error.
 */
long pin_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages)
{
	if (!is_valid_gup_args(pages, &gup_flags, FOLL_PIN | FOLL_TOUCH | FOLL_REMOTE))
		return 0;
	return __get_user_pages_locked(mm, start, nr_pages, pages, gup_flags);
}

/**
 * pin_user_pages - pin pages of current's memory
 * @start: the first user address
 * @nr_pages: how many pages
 * @gup_flags: FOLL_WRITE, FOLL_FORCE, FOLL_LONGTERM
 * @pages: where the pinned pages go
 *
 * As pin_user_pages_remote(), without FOLL_TOUCH (as Linux).
 */
long pin_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages)
{
	if (!is_valid_gup_args(pages, &gup_flags, FOLL_PIN))
		return 0;
	return __get_user_pages_locked(current->mm, start, nr_pages, pages, gup_flags);
}

/**
 * get_user_page_vma_remote - one page of another process and its VMA
 * @mm: the address space (reference and mmap_lock held)
 * @addr: the user address
 * @gup_flags: FOLL_*; FOLL_GET is implied
 * @vmap: where the VMA goes
 *
 * The page with a reference, or an ERR_PTR (Linux: include/linux/mm.h).
 */
struct page *get_user_page_vma_remote(struct mm_struct *mm, unsigned long addr,
				      int gup_flags, struct vm_area_struct **vmap)
{
	struct page *page;
	long got = get_user_pages_remote(mm, addr, 1, gup_flags | FOLL_GET, &page);

	if (got < 0)
		return ERR_PTR(got);
	if (got == 0)
		return ERR_PTR(-EFAULT);
	*vmap = find_vma(mm, addr);
	return page;
}

/* --- populating --- */

/**
 * populate_vma_page_range - fault in [@start, @end) of @vma
 * @vma: the VMA
 * @start: page-aligned, inside @vma
 * @end: page-aligned, inside @vma
 *
 * As an access would: a write for a private writable mapping (so each
 * page is the process's own, not the zero page or a file's), else a read
 * (FOLL_FORCE: a write-only mapping is populated too). A PROT_NONE VMA is
 * never populated. Returns the pages done or an error; mmap_lock held.
 */
long populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			     unsigned long end)
{
	unsigned int gup_flags = FOLL_TOUCH;

	if (vma->vm_flags & VM_LOCKONFAULT)	/* mlock2(MLOCK_ONFAULT): left to its faults */
		return (end - start) >> PAGE_SHIFT;
	if (!vma_is_accessible(vma))
		return -EFAULT;
	if ((vma->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		gup_flags |= FOLL_WRITE;
	else
		gup_flags |= FOLL_FORCE;
	return __get_user_pages(vma->vm_mm, start, (end - start) >> PAGE_SHIFT, gup_flags, NULL);
}

/**
 * faultin_page_range - MADV_POPULATE_READ / MADV_POPULATE_WRITE
 * @mm: the address space (mmap_lock held)
 * @start: page-aligned start
 * @end: page-aligned end
 * @write: populate writable (breaking COW) rather than readable
 *
 * Needs the access the process itself has (no FOLL_FORCE). Returns the
 * pages done, or -ENOMEM for a hole, -EINVAL for a VMA without the
 * permission, -EFAULT (-ENOMEM) for a fault that fails.
 */
long faultin_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			bool write)
{
	unsigned int gup_flags = FOLL_TOUCH | FOLL_MADV_POPULATE;

	if (write)
		gup_flags |= FOLL_WRITE;
	return __get_user_pages_locked(mm, start, (end - start) >> PAGE_SHIFT, NULL, gup_flags);
}

/**
 * __mm_populate - fault in current's VMAs in [@start, @start + @len)
 * @start: page-aligned start
 * @len: page-aligned length
 * @ignore_errors: go on with the next VMA after an error (MAP_POPULATE)
 *
 * Holes are skipped. Returns 0 or the first error.
 */
int __mm_populate(unsigned long start, unsigned long len, int ignore_errors)
{
	struct mm_struct *mm = current->mm;
	unsigned long end = start + len, nstart, nend;
	struct vm_area_struct *vma;
	long ret = 0;

	mmap_read_lock(mm);
	for (nstart = start; nstart < end; nstart = nend) {
		vma = find_vma_intersection(mm, nstart, end);
		if (!vma)
			break;
		nend = min(end, vma->vm_end);
		if (nstart < vma->vm_start)
			nstart = vma->vm_start;
		ret = populate_vma_page_range(vma, nstart, nend);
		if (ret < 0) {
			if (ignore_errors) {
				ret = 0;
				continue;
			}
			break;
		}
		nend = nstart + ret * PAGE_SIZE;
		ret = 0;
	}
	mmap_read_unlock(mm);
	return ret;
}
