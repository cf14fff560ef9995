// SPDX-License-Identifier: GPL-2.0
/*
 * migrate.c - moving a folio's contents to another folio under the feet
 * of the processes that map it. Mirrors mm/migrate.c.
 *
 * migrate_pages() takes a list of folios isolated from the LRU (each with
 * the isolation's reference) and, for each, a new folio from get_new_folio(). One folio
 * moves in five steps (the 004_* article's __unmap_and_move()):
 *
 *   1. lock it (folio_lock(): a fault on one of its entries will sleep on
 *      this lock);
 *   2. try_to_migrate() (mm/rmap.c): an rmap walk replaces every PTE that
 *      maps it by a migration entry (include/linux/swapops.h) holding its
 *      frame and whether the PTE was writable, exclusive, young, dirty;
 *   3. move_to_new_folio() -> migrate_folio(): if nobody but the list
 *      holds a reference (and the page cache, for a file folio), copy the
 *      contents and flags, and for a page-cache folio put the new folio in
 *      the file's page array (folio_migrate_mapping());
 *   4. remove_migration_ptes(): an rmap walk of the new folio turns every
 *      migration entry back into a PTE, now of the new folio;
 *   5. unlock: the waiting faults find the new PTEs; the old folio goes.
 *
 * A folio someone else holds a reference to (get_user_pages(), a read()
 * in progress) fails step 3 with -EAGAIN: its entries go back to the old
 * folio and migrate_pages() retries it up to ten times, then gives up and
 * leaves it on the list for putback_movable_pages().
 *
 * Linux batches (unmap a batch, then move it) and handles large folios,
 * hugetlb, non-LRU movable pages and device memory; Pagoda moves
 * one-page folios one at a time: the batch saves a TLB flush per folio
 * only when other CPUs have the mm loaded, and on one CPU it measured
 * slower (docs/migration.md). Its address_space has no a_ops yet, so
 * every mapping uses migrate_folio() (Linux: ramfs's
 * filemap_migrate_folio() and shmem's migrate_folio() do the same for
 * folios without private data).
 */
#include <linux/ksm.h>
#include <linux/migrate.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/swapops.h>
#include <linux/pagemap.h>
#include <linux/swap.h>
#include <linux/highmem.h>
#include <linux/fs.h>
#include <linux/vmstat.h>
#include <linux/errno.h>
#include "internal.h"

/* Passes over the list before a folio that keeps failing with -EAGAIN is given up. */
#define NR_MAX_MIGRATE_PAGES_RETRY	10

/* --- faults on migration entries --- */

/**
 * migration_entry_wait - a fault found a migration entry: wait for it to go
 * @mm: the faulting mm
 * @pmd: the PMD entry above the PTE
 * @address: the faulting address
 *
 * Rechecks the PTE under the page-table lock (the migration may be over
 * already), then sleeps until the folio is unlocked. The caller returns
 * and the access faults again on whatever the PTE holds by then.
 */
void migration_entry_wait(struct mm_struct *mm, pmd_t *pmd, unsigned long address)
{
	spinlock_t *ptl;
	pte_t *ptep = pte_offset_map_lock(mm, pmd, address, &ptl);
	pte_t pte = *ptep;

	if (!is_swap_pte(pte) || !is_migration_entry(pte_to_swp_entry(pte))) {
		spin_unlock(ptl);
		return;
	}
	migration_entry_wait_on_locked(pte_to_swp_entry(pte), ptl);
}

/* --- undoing and restoring the mappings --- */

/*
 * remove_migration_pte - turn the migration entries of @arg (the old
 * folio) in @vma into PTEs mapping @folio (the new one, or the old one
 * itself when the migration is undone): the VMA's protection, writable if
 * the entry was, young and dirty as the PTE was; the folio gets a mapping
 * (exclusive where the entry said so) and a reference for each.
 */
static bool remove_migration_pte(struct folio *folio, struct vm_area_struct *vma,
				 unsigned long addr, void *arg)
{
	/* LAB compaction: BUG(); */
	struct folio *old = arg;
	DEFINE_FOLIO_VMA_WALK(pvmw, old, vma, addr, PVMW_SYNC | PVMW_MIGRATION);

	while (page_vma_mapped_walk(&pvmw)) {
		swp_entry_t entry = pte_to_swp_entry(*pvmw.pte);
		struct page *new = folio_page(folio, swp_offset_pfn(entry) - folio_pfn(old));
		rmap_t rmap_flags = RMAP_NONE;
		pte_t pte = mk_pte(new, vma->vm_page_prot);

		folio_get(folio);
		pte = is_migration_entry_young(entry) ? pte_mkyoung(pte) : pte_mkold(pte);
		if (folio_test_dirty(folio) && is_migration_entry_dirty(entry))
			pte = pte_mkdirty(pte);
		if (is_writable_migration_entry(entry))
			pte = pte_mkwrite(pte);
		if (folio_test_anon(folio)) {
			if (!is_readable_migration_entry(entry))
				rmap_flags |= RMAP_EXCLUSIVE;
			folio_add_anon_rmap_pte(folio, new, vma, pvmw.address, rmap_flags);
		} else {
			folio_add_file_rmap_pte(folio, new, vma);
		}
		set_pte_at(vma->vm_mm, pvmw.address, pvmw.pte, pte);
	}
	return true;
	/* LAB compaction end */
}

/**
 * remove_migration_ptes - restore the PTEs that migration entries replaced
 * @src: the folio the entries name
 * @dst: the folio the PTEs will map (@src itself to undo a migration)
 * @locked: the caller holds the anon_vma lock or i_mmap_rwsem
 *
 * An rmap walk of @dst, which by now has @src's anon_vma or file and index.
 */
void remove_migration_ptes(struct folio *src, struct folio *dst, bool locked)
{
	struct rmap_walk_control rwc = {
		.rmap_one = remove_migration_pte,
		.arg = src,
	};

	if (locked)
		rmap_walk_locked(dst, &rwc);
	else
		rmap_walk(dst, &rwc);
}

/* --- moving the contents --- */

/*
 * folio_expected_refs - the references a folio nobody else uses has: the
 * one migrate_pages()'s list holds, and the page cache's.
 */
static int folio_expected_refs(struct address_space *mapping, struct folio *folio)
{
	return 1 + (mapping ? folio_nr_pages(folio) : 0);
}

/**
 * folio_migrate_mapping - give @newfolio @folio's place in its mapping
 * @mapping: @folio's page cache, NULL for an anonymous folio
 * @newfolio: the new folio, locked
 * @folio: the old one, locked and unmapped
 * @extra_count: references beyond folio_expected_refs() the caller holds
 *
 * Fails with -EAGAIN if someone else holds a reference. An anonymous
 * folio only hands over its anon_vma and index; a page-cache folio also
 * its slot in the file's page array, with the page cache's reference and
 * the dirty bit (which the page cache accounts).
 */
int folio_migrate_mapping(struct address_space *mapping, struct folio *newfolio,
			  struct folio *folio, int extra_count)
{
	int expected_count = folio_expected_refs(mapping, folio) + extra_count;
	long nr = folio_nr_pages(folio);

	if (folio_ref_count(folio) != expected_count)
		return -EAGAIN;
	newfolio->index = folio->index;
	newfolio->mapping = folio->mapping;
	if (folio_test_swapbacked(folio))
		__folio_set_swapbacked(newfolio);
	if (!mapping)
		return MIGRATEPAGE_SUCCESS;

	page_ref_add(&newfolio->page, nr);		/* the page cache's */
	VM_BUG_ON(mapping->pages[folio->index] != &folio->page);
	mapping->pages[folio->index] = &newfolio->page;
	page_ref_add(&folio->page, -nr);
	if (folio_test_dirty(folio)) {
		folio_clear_dirty(folio);
		folio_set_dirty(newfolio);
	}
	return MIGRATEPAGE_SUCCESS;
}

/*
 * folio_migrate_flags - the page flags that describe the contents follow
 * them: referenced, active or unevictable (the LRU list the new folio
 * joins), dirty (an anonymous folio's; a page-cache folio's went with its
 * mapping). Mlocked is not copied: the new folio's mappings in VM_LOCKED
 * VMAs mlock it again (folio_add_*_rmap_pte() -> mlock_vma_folio()).
 * A KSM folio's stable node follows it (folio_migrate_ksm()). Linux also
 * moves uptodate, workingset and young/idle.
 */
void folio_migrate_flags(struct folio *newfolio, struct folio *folio)
{
	if (folio_test_referenced(folio))
		folio_set_referenced(newfolio);
	if (folio_test_clear_active(folio)) {
		VM_BUG_ON(folio_test_unevictable(folio));
		folio_set_active(newfolio);
	} else if (folio_test_clear_unevictable(folio)) {
		folio_set_unevictable(newfolio);
	}
	if (folio_test_dirty(folio))
		folio_set_dirty(newfolio);
	folio_migrate_ksm(newfolio, folio);
}

/* __migrate_folio - the reference check, then the contents, mapping and flags. */
static int __migrate_folio(struct address_space *mapping, struct folio *dst,
			   struct folio *src, enum migrate_mode mode)
{
	/* LAB compaction: return -EAGAIN; */
	int rc;

	if (folio_ref_count(src) != folio_expected_refs(mapping, src))
		return -EAGAIN;
	folio_copy(dst, src);
	rc = folio_migrate_mapping(mapping, dst, src, 0);
	if (rc != MIGRATEPAGE_SUCCESS)
		return rc;
	folio_migrate_flags(dst, src);
	return MIGRATEPAGE_SUCCESS;
	/* LAB compaction end */
}

/**
 * migrate_folio - the simple migration of a folio without private data
 * @mapping: the folio's page cache, or NULL
 * @dst: the new folio, locked
 * @src: the old one, locked and unmapped
 * @mode: how hard to try (the copy never blocks: unused)
 *
 * MIGRATEPAGE_SUCCESS or -EAGAIN (a reference the migration does not own).
 */
int migrate_folio(struct address_space *mapping, struct folio *dst, struct folio *src,
		  enum migrate_mode mode)
{
	return __migrate_folio(mapping, dst, src, mode);
}

/*
 * move_to_new_folio - migrate @src's contents and identity to @dst. On
 * success a page-cache @src forgets its file before it is freed; an
 * anonymous one keeps its (flagged) anon_vma pointer, which the freeing
 * clears, so that the statistics still see it as anonymous.
 */
static int move_to_new_folio(struct folio *dst, struct folio *src, enum migrate_mode mode)
{
	int rc;

	VM_BUG_ON(!folio_test_locked(src) || !folio_test_locked(dst));
	rc = migrate_folio(folio_mapping(src), dst, src, mode);
	if (rc == MIGRATEPAGE_SUCCESS && !folio_mapping_flags(src))
		src->mapping = NULL;
	return rc;
}

/* --- one folio: unmap, move --- */

/*
 * migrate_folio_unmap - lock @src and replace its PTEs by migration
 * entries. An anonymous folio's anon_vma is pinned meanwhile (*@anon_vmap):
 * once unmapped, nothing else keeps the VMAs' anon_vma from being freed.
 * -EAGAIN if the lock is contended in MIGRATE_ASYNC mode or a PTE stayed.
 */
static int migrate_folio_unmap(struct folio *src, enum migrate_mode mode,
			       struct anon_vma **anon_vmap)
{
	struct anon_vma *anon_vma = NULL;

	if (!folio_trylock(src)) {
		if (mode == MIGRATE_ASYNC)
			return -EAGAIN;
		folio_lock(src);
	}
	if (folio_test_anon(src) && !folio_test_ksm(src)) {
		anon_vma = folio_anon_vma(src);
		get_anon_vma(anon_vma);
	}
	if (folio_mapped(src))
		try_to_migrate(src, 0);
	*anon_vmap = anon_vma;
	if (folio_mapped(src)) {
		remove_migration_ptes(src, src, false);
		return -EAGAIN;
	}
	return MIGRATEPAGE_SUCCESS;
}

/*
 * migrate_folio_move - the unmapped @src moves into @dst, which joins the
 * LRU, and the PTEs come back mapping @dst; on failure they come back
 * mapping @src.
 */
static int migrate_folio_move(struct folio *dst, struct folio *src, enum migrate_mode mode)
{
	int rc;

	folio_lock(dst);		/* new: nobody else can hold it */
	rc = move_to_new_folio(dst, src, mode);
	if (rc == MIGRATEPAGE_SUCCESS) {
		folio_add_lru(dst);
		remove_migration_ptes(src, dst, false);
	} else {
		remove_migration_ptes(src, src, false);
	}
	folio_unlock(dst);
	return rc;
}

/*
 * unmap_and_move - migrate one folio of the list. On success the folio
 * leaves the list and its reference is dropped (freeing it); @dst keeps
 * its mappings, page-cache slot and LRU place, and the allocation's
 * reference goes.
 * On failure @src stays on the list, and @dst goes back through
 * put_new_folio() (or is freed).
 */
static int unmap_and_move(new_folio_t get_new_folio, free_folio_t put_new_folio,
			  unsigned long private, struct folio *src, enum migrate_mode mode)
{
	struct anon_vma *anon_vma = NULL;
	struct folio *dst;
	int rc;

	if (folio_ref_count(src) == 1) {	/* freed meanwhile: nothing to move */
		list_del(&src->lru);
		folio_put(src);
		return MIGRATEPAGE_SUCCESS;
	}
	dst = get_new_folio(src, private);
	if (!dst)
		return -ENOMEM;
	rc = migrate_folio_unmap(src, mode, &anon_vma);
	if (rc == MIGRATEPAGE_SUCCESS)
		rc = migrate_folio_move(dst, src, mode);
	if (folio_test_locked(src))
		folio_unlock(src);
	if (anon_vma)
		put_anon_vma(anon_vma);
	if (rc == MIGRATEPAGE_SUCCESS) {
		list_del(&src->lru);
		folio_put(src);
		folio_put(dst);
	} else if (put_new_folio) {
		put_new_folio(dst, private);
	} else {
		folio_put(dst);
	}
	return rc;
}

/**
 * migrate_pages - migrate the folios on a list to new folios
 * @from: the folios, linked by ->lru, each isolated from its LRU list
 *        (folio_isolate_lru(): the list owns that reference)
 * @get_new_folio: allocates the destination of a folio
 * @put_new_folio: frees a destination that was not used (NULL: folio_put())
 * @private: passed to both
 * @mode: MIGRATE_ASYNC (never sleep on a folio lock), MIGRATE_SYNC_LIGHT,
 *        MIGRATE_SYNC (Pagoda has no writeback, so both sync modes only
 *        differ from async in waiting for the lock)
 * @reason: MR_COMPACTION, MR_SYSCALL, ... (for tracing)
 * @ret_succeeded: if not NULL, set to the number of folios migrated
 *
 * Folios that moved leave the list; the others stay there for the caller
 * to give back with putback_movable_pages(). Returns the number of folios
 * that could not be migrated, or -ENOMEM if a destination could not be
 * allocated (the rest of the list is left alone). pgmigrate_success and
 * pgmigrate_fail count the pages.
 */
int migrate_pages(struct list_head *from, new_folio_t get_new_folio, free_folio_t put_new_folio,
		  unsigned long private, enum migrate_mode mode, int reason,
		  unsigned int *ret_succeeded)
{
	unsigned int nr_succeeded = 0, nr_failed = 0;
	int retry = 1, pass, rc = 0;
	struct folio *folio, *next;

	for (pass = 0; pass < NR_MAX_MIGRATE_PAGES_RETRY && retry; pass++) {
		retry = 0;
		list_for_each_entry_safe(folio, next, from, lru) {
			rc = unmap_and_move(get_new_folio, put_new_folio, private, folio, mode);
			if (rc == MIGRATEPAGE_SUCCESS)
				nr_succeeded++;
			else if (rc == -EAGAIN)
				retry++;
			else
				goto out;
		}
	}
	rc = 0;
out:
	nr_failed = list_count_nodes(from);
	count_vm_events(PGMIGRATE_SUCCESS, nr_succeeded);
	count_vm_events(PGMIGRATE_FAIL, nr_failed);
	if (ret_succeeded)
		*ret_succeeded = nr_succeeded;
	return rc ? rc : nr_failed;
}

/**
 * putback_movable_pages - give back the folios migrate_pages() left on @l
 * @l: the list
 *
 * Each leaves the list and goes back on its LRU list, dropping the
 * isolation's reference (folio_putback_lru()).
 */
void putback_movable_pages(struct list_head *l)
{
	struct folio *folio, *next;

	list_for_each_entry_safe(folio, next, l, lru) {
		list_del(&folio->lru);
		folio_putback_lru(folio);
	}
}
