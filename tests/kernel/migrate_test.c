// SPDX-License-Identifier: GPL-2.0
/*
 * migrate_test.c - ktest suite "migrate": migration entries
 * (include/linux/swapops.h) in the page tables and migrate_pages()
 * (mm/migrate.c, try_to_migrate() in mm/rmap.c).
 *
 * Address spaces are built by hand with mm_test.h; each case checks the
 * exact state of the old and new folio (PTE bits, mapcount, refcount,
 * exclusive flag, page-cache slot, contents), mm_verify() and that
 * nothing leaked.
 */
#include "mm_test.h"
#include <linux/ksm.h>
#include <linux/ktest.h>
#include <linux/migrate.h>
#include <linux/swapops.h>
#include <linux/rmap.h>
#include <linux/pagemap.h>
#include <linux/swap.h>
#include <linux/mm_verify.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/sched.h>
#include <linux/init_syscalls.h>
#include <uapi/linux/mman.h>

#define BASE		0x400000UL
#define NPAGES		4
#define FILE_PATH	"/tmp/ktest-migrate"

static unsigned long addr(int i)
{
	return BASE + i * PAGE_SIZE;
}

/* fill - write page @i of @mm with a pattern of its own; false if the fault failed. */
static bool fill(struct mm_struct *mm, int i)
{
	struct page *page;

	if (!pte_present(mm_test_fault(mm, addr(i), true)))
		return false;
	page = mm_test_page(mm, addr(i));
	memset(page_address(page), 'a' + i, PAGE_SIZE);
	return true;
}

static bool filled(struct page *page, int c)
{
	const unsigned char *p = page_address(page);

	for (int i = 0; i < PAGE_SIZE; i++)
		if (p[i] != c)
			return false;
	return true;
}

static struct folio *new_folio(struct folio *src, unsigned long private)
{
	return folio_alloc(GFP_HIGHUSER_MOVABLE, 0);
}

/* migrate_one - migrate_pages() of the folio of @page alone; the number that failed. */
static int migrate_one(struct page *page, unsigned int *succeeded)
{
	struct folio *folio = page_folio(page);
	LIST_HEAD(list);
	int ret;

	if (!folio_isolate_lru(folio))
		return -EBUSY;
	list_add(&folio->lru, &list);
	ret = migrate_pages(&list, new_folio, NULL, 0, MIGRATE_SYNC, MR_SYSCALL, succeeded);
	putback_movable_pages(&list);
	return ret;
}

struct counts {
	unsigned long free_pages, success, fail;
};

static void counts_take(struct counts *c)
{
	kmem_cache_shrink_all();
	c->free_pages = ktest_free_pages();
	c->success = vm_event_states[PGMIGRATE_SUCCESS];
	c->fail = vm_event_states[PGMIGRATE_FAIL];
}

/* The PTE and swp_entry_t formats round-trip, and the bits stay apart. */
KTEST(migrate, entry_encoding)
{
	unsigned long pfn = 0x12345;
	swp_entry_t e = make_migration_entry_dirty(make_migration_entry_young(
				make_writable_migration_entry(pfn)));
	pte_t pte = swp_entry_to_pte(e);

	KTEST_EXPECT_TRUE(t, is_swap_pte(pte));
	KTEST_EXPECT_FALSE(t, pte_present(pte));
	KTEST_EXPECT_EQ(t, pte_to_swp_entry(pte).val, e.val);
	KTEST_EXPECT_EQ(t, pte_to_swp_entry(pte_swp_mkexclusive(pte)).val, e.val);
	KTEST_EXPECT_TRUE(t, is_writable_migration_entry(e));
	KTEST_EXPECT_TRUE(t, is_migration_entry_young(e) && is_migration_entry_dirty(e));
	KTEST_EXPECT_EQ(t, swp_offset_pfn(e), pfn);
	KTEST_EXPECT_EQ(t, swp_type(e), 31);
	e = make_readable_exclusive_migration_entry(pfn);
	KTEST_EXPECT_TRUE(t, is_readable_exclusive_migration_entry(e) && !is_writable_migration_entry(e));
	KTEST_EXPECT_FALSE(t, is_migration_entry_young(e) || is_migration_entry_dirty(e));
	KTEST_EXPECT_EQ(t, swp_offset_pfn(pte_to_swp_entry(swp_entry_to_pte(e))), pfn);
	KTEST_EXPECT_FALSE(t, is_migration_entry(swp_entry(0, pfn)));
}

/* An exclusive, written anonymous page moves: same data, new frame, same rmap state. */
KTEST(migrate, anon_exclusive)
{
	struct counts before, after;
	unsigned int succeeded = 0;
	struct page *old, *new;
	struct anon_vma *av;
	struct mm_struct *mm;
	pte_t pte;

	counts_take(&before);
	mm = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mm);
	for (int i = 0; i < NPAGES; i++)
		KTEST_ASSERT_TRUE(t, fill(mm, i));
	old = mm_test_page(mm, addr(1));
	av = folio_anon_vma(page_folio(old));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(old));

	KTEST_EXPECT_EQ(t, migrate_one(old, &succeeded), 0);
	KTEST_EXPECT_EQ(t, succeeded, 1);
	new = mm_test_page(mm, addr(1));
	KTEST_ASSERT_NOT_NULL(t, new);
	KTEST_EXPECT_TRUE(t, new != old);
	KTEST_EXPECT_TRUE(t, filled(new, 'b'));
	pte = mm_test_pte(mm, addr(1));
	KTEST_EXPECT_TRUE(t, pte_write(pte) && pte_dirty(pte) && pte_young(pte));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(new));
	KTEST_EXPECT_TRUE(t, folio_anon_vma(page_folio(new)) == av);
	KTEST_EXPECT_EQ(t, new->index, (BASE >> PAGE_SHIFT) + 1);
	KTEST_EXPECT_EQ(t, page_mapcount(new), 1);
	KTEST_EXPECT_EQ(t, page_count(new), 1);
	drain_all_pages(NULL);
	KTEST_EXPECT_TRUE(t, PageBuddy(old));		/* freed */
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_ANONPAGES), NPAGES);
	KTEST_EXPECT_TRUE(t, mm_test_page(mm, addr(0)) != new && filled(mm_test_page(mm, addr(2)), 'c'));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	/* A write goes to the new page without a fault: it is writable. */
	mmput(mm);
	counts_take(&after);
	KTEST_EXPECT_EQ(t, after.success - before.success, 1);
	KTEST_EXPECT_EQ(t, after.fail, before.fail);
	KTEST_EXPECT_EQ(t, after.free_pages, before.free_pages);
}

/* A page shared by parent and child after fork moves in both, read-only, not exclusive. */
KTEST(migrate, anon_shared_by_fork)
{
	struct mm_struct *mm, *child;
	struct counts before, after;
	struct page *old, *new;

	counts_take(&before);
	mm = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_TRUE(t, fill(mm, 2));
	child = dup_mm(mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	old = mm_test_page(mm, addr(2));
	KTEST_EXPECT_TRUE(t, old == mm_test_page(child, addr(2)));
	KTEST_EXPECT_EQ(t, page_mapcount(old), 2);

	KTEST_EXPECT_EQ(t, migrate_one(old, NULL), 0);
	new = mm_test_page(mm, addr(2));
	KTEST_ASSERT_NOT_NULL(t, new);
	KTEST_EXPECT_TRUE(t, new != old && new == mm_test_page(child, addr(2)));
	KTEST_EXPECT_TRUE(t, filled(new, 'c'));
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(mm, addr(2))));
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(child, addr(2))));
	KTEST_EXPECT_FALSE(t, PageAnonExclusive(new));
	KTEST_EXPECT_EQ(t, page_mapcount(new), 2);
	KTEST_EXPECT_EQ(t, page_count(new), 2);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	/* COW still works on the new page: the child's write copies it. */
	KTEST_EXPECT_TRUE(t, pte_write(mm_test_fault(child, addr(2), true)));
	KTEST_EXPECT_TRUE(t, mm_test_page(child, addr(2)) != new);
	KTEST_EXPECT_EQ(t, page_mapcount(new), 1);
	mmput(child);
	mmput(mm);
	counts_take(&after);
	KTEST_EXPECT_EQ(t, after.success - before.success, 1);
	KTEST_EXPECT_EQ(t, after.free_pages, before.free_pages);
}

/*
 * A page with a reference the migration does not own (as a pin would
 * hold) fails with -EAGAIN ten times: its PTE comes back as it was, and
 * pgmigrate_fail counts it once.
 */
KTEST(migrate, referenced_page_stays)
{
	struct counts before, after;
	unsigned int succeeded = 5;
	struct mm_struct *mm;
	struct page *page;
	pte_t pte;

	counts_take(&before);
	mm = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_TRUE(t, fill(mm, 0));
	page = mm_test_page(mm, addr(0));
	get_page(page);
	KTEST_EXPECT_EQ(t, migrate_one(page, &succeeded), 1);
	KTEST_EXPECT_EQ(t, succeeded, 0);
	KTEST_EXPECT_TRUE(t, mm_test_page(mm, addr(0)) == page);
	pte = mm_test_pte(mm, addr(0));
	KTEST_EXPECT_TRUE(t, pte_write(pte) && pte_dirty(pte));
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(page));
	KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
	KTEST_EXPECT_EQ(t, page_count(page), 2);
	KTEST_EXPECT_FALSE(t, PageLocked(page));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	put_page(page);
	mmput(mm);
	counts_take(&after);
	KTEST_EXPECT_EQ(t, after.fail - before.fail, 1);
	KTEST_EXPECT_EQ(t, after.success, before.success);
	KTEST_EXPECT_EQ(t, after.free_pages, before.free_pages);
}

/*
 * A KSM page shared by three mms (merged by ksmd) and a fork of the
 * first (which maps it without an rmap_item) moves: rmap_walk_ksm()
 * puts a migration entry in each of the four PTEs and restores them all
 * mapping the new page, read-only and not exclusive; the stable node
 * follows (the new folio has the old one's, whose kpfn mm_verify()
 * checks), the old page is freed, ksm's counts stay and a write still
 * breaks COW off the new page.
 */
KTEST(migrate, ksm_shared_by_several_mms)
{
	struct mm_struct *mms[4] = { };	/* three merged, a fork of the first */
	struct address_space *stable;
	struct counts before, after;
	struct page *old, *new;
	unsigned int succeeded = 0;
	bool mounted;

	counts_take(&before);
	mounted = init_mount("sysfs", "/sys", "sysfs", 0, NULL) == 0;
	KTEST_ASSERT_EQ(t, mm_test_ksm_knob("sleep_millisecs", "0"), 0);
	for (int i = 0; i < 3; i++) {
		mms[i] = mm_test_ksm_mm(BASE, 'a');
		KTEST_ASSERT_NOT_NULL(t, mms[i]);
	}
	KTEST_ASSERT_TRUE(t, mm_test_ksm_merge());
	old = mm_test_page(mms[0], addr(0));
	KTEST_ASSERT_TRUE(t, PageKsm(old));
	mms[3] = dup_mm(mms[0]);
	KTEST_ASSERT_NOT_NULL(t, mms[3]);
	for (int i = 1; i < 4; i++)
		KTEST_ASSERT_TRUE(t, mm_test_page(mms[i], addr(0)) == old);
	KTEST_EXPECT_EQ(t, page_mapcount(old), 4);
	KTEST_EXPECT_EQ(t, page_count(old), 4);
	stable = page_folio(old)->mapping;

	KTEST_EXPECT_EQ(t, migrate_one(old, &succeeded), 0);
	KTEST_EXPECT_EQ(t, succeeded, 1);
	new = mm_test_page(mms[0], addr(0));
	KTEST_ASSERT_NOT_NULL(t, new);
	KTEST_EXPECT_TRUE(t, new != old);
	drain_all_pages(NULL);
	KTEST_EXPECT_TRUE(t, PageBuddy(old));		/* freed */
	KTEST_EXPECT_TRUE(t, PageKsm(new));
	KTEST_EXPECT_TRUE(t, page_folio(new)->mapping == stable);
	KTEST_EXPECT_TRUE(t, filled(new, 'a'));
	for (int i = 0; i < 4; i++) {
		pte_t pte = mm_test_pte(mms[i], addr(0));

		KTEST_EXPECT_TRUE(t, mm_test_page(mms[i], addr(0)) == new);
		KTEST_EXPECT_TRUE(t, pte_present(pte) && !pte_write(pte));
	}
	KTEST_EXPECT_FALSE(t, PageAnonExclusive(new));
	KTEST_EXPECT_EQ(t, page_mapcount(new), 4);
	KTEST_EXPECT_EQ(t, page_count(new), 4);
	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("pages_shared", NULL), 1);
	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("pages_sharing", NULL), 2);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);		/* the stable node's kpfn is new's */

	KTEST_EXPECT_TRUE(t, pte_write(mm_test_fault(mms[3], addr(0), true)));
	KTEST_EXPECT_TRUE(t, mm_test_page(mms[3], addr(0)) != new);
	KTEST_EXPECT_TRUE(t, filled(mm_test_page(mms[3], addr(0)), 'a'));
	KTEST_EXPECT_EQ(t, page_mapcount(new), 3);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("run", "2"), 2);	/* unmerge, free the rmap_items */
	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("pages_shared", NULL), 0);
	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("run", "0"), 0);
	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("sleep_millisecs", "20"), 20);
	for (int i = 0; i < 4; i++)
		mmput(mms[i]);
	if (mounted)
		KTEST_EXPECT_EQ(t, init_umount("/sys", 0), 0);
	counts_take(&after);
	KTEST_EXPECT_EQ(t, after.success - before.success, 1);
	KTEST_EXPECT_EQ(t, after.fail, before.fail);
	KTEST_EXPECT_EQ(t, after.free_pages, before.free_pages);
}

/* The file case's world: a two-page ramfs file ("ff..", "gg..") and an mm to map it in. */
static bool file_start(struct mm_test_file *fw)
{
	static char buf[2 * PAGE_SIZE];

	memset(buf, 'f', PAGE_SIZE);
	memset(buf + PAGE_SIZE, 'g', PAGE_SIZE);
	return mm_test_file_start(fw, FILE_PATH, buf, sizeof(buf));
}

/*
 * A page-cache page mapped shared (written) and private (read) moves: the
 * file's page array points at the new page, which has the cache's
 * reference and both mappings; read() sees the same data.
 */
KTEST(migrate, page_cache_shared_and_private)
{
	unsigned long shared, private;
	struct counts before, after;
	struct mm_test_file fw;
	struct page *old, *new;
	char buf[8];
	loff_t pos = PAGE_SIZE;

	counts_take(&before);
	KTEST_ASSERT_TRUE(t, file_start(&fw));
	shared = vm_mmap_pgoff(fw.file, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	private = vm_mmap_pgoff(fw.file, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR_VALUE(shared) || IS_ERR_VALUE(private));
	KTEST_ASSERT_TRUE(t, pte_write(mm_test_fault(fw.mm, shared + PAGE_SIZE, true)));
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(fw.mm, private + PAGE_SIZE, false)));
	old = mm_test_page(fw.mm, shared + PAGE_SIZE);
	KTEST_ASSERT_TRUE(t, old && old == fw.mapping->pages[1]);
	KTEST_EXPECT_EQ(t, page_count(old), 3);

	KTEST_EXPECT_EQ(t, migrate_one(old, NULL), 0);
	new = fw.mapping->pages[1];
	KTEST_EXPECT_TRUE(t, new != old);
	KTEST_EXPECT_TRUE(t, mm_test_page(fw.mm, shared + PAGE_SIZE) == new);
	KTEST_EXPECT_TRUE(t, mm_test_page(fw.mm, private + PAGE_SIZE) == new);
	KTEST_EXPECT_TRUE(t, folio_mapping(page_folio(new)) == fw.mapping && new->index == 1);
	KTEST_EXPECT_TRUE(t, pte_write(mm_test_pte(fw.mm, shared + PAGE_SIZE)));
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(fw.mm, private + PAGE_SIZE)));
	KTEST_EXPECT_TRUE(t, PageDirty(new));
	KTEST_EXPECT_FALSE(t, PageDirty(old));
	KTEST_EXPECT_EQ(t, page_mapcount(new), 2);
	KTEST_EXPECT_EQ(t, page_count(new), 3);	/* the cache and two PTEs */
	drain_all_pages(NULL);
	KTEST_EXPECT_TRUE(t, PageBuddy(old));
	KTEST_EXPECT_TRUE(t, filled(new, 'g'));
	KTEST_EXPECT_EQ(t, kernel_read(fw.file, buf, sizeof(buf), &pos), (ssize_t)sizeof(buf));
	KTEST_EXPECT_TRUE(t, !memcmp(buf, "gggggggg", 8));
	KTEST_EXPECT_EQ(t, get_mm_counter(fw.mm, MM_FILEPAGES), 2);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	KTEST_EXPECT_TRUE(t, mm_test_file_end(&fw));
	counts_take(&after);
	KTEST_EXPECT_EQ(t, after.success - before.success, 1);
	KTEST_EXPECT_EQ(t, after.free_pages, before.free_pages);
}

/*
 * Between try_to_migrate() and remove_migration_ptes() the PTEs hold
 * migration entries: the type says writable / read-exclusive / read, the
 * page stays in the RSS, mm_verify() accepts them only while the folio
 * is locked, and fork copies a writable entry as a readable one in both.
 */
KTEST(migrate, entries_in_page_tables)
{
	struct mm_struct *mm, *child;
	struct counts before, after;
	struct folio *folio;
	struct page *page;
	swp_entry_t entry;

	counts_take(&before);
	mm = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_TRUE(t, fill(mm, 0));
	page = mm_test_page(mm, addr(0));
	folio = page_folio(page);
	KTEST_ASSERT_TRUE(t, folio_isolate_lru(folio));
	folio_lock(folio);
	try_to_migrate(folio, 0);
	KTEST_EXPECT_FALSE(t, folio_mapped(folio));
	KTEST_EXPECT_EQ(t, page_count(page), 1);
	KTEST_EXPECT_TRUE(t, is_swap_pte(mm_test_pte(mm, addr(0))));
	entry = pte_to_swp_entry(mm_test_pte(mm, addr(0)));
	KTEST_EXPECT_TRUE(t, is_writable_migration_entry(entry));
	KTEST_EXPECT_TRUE(t, is_migration_entry_dirty(entry) && is_migration_entry_young(entry));
	KTEST_EXPECT_EQ(t, swp_offset_pfn(entry), page_to_pfn(page));
	KTEST_EXPECT_FALSE(t, PageAnonExclusive(page));
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_ANONPAGES), 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	folio_unlock(folio);
	KTEST_EXPECT_EQ(t, mm_verify(), 1);	/* an entry of an unlocked folio */
	folio_lock(folio);

	child = dup_mm(mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_TRUE(t, is_readable_migration_entry(pte_to_swp_entry(mm_test_pte(mm, addr(0)))));
	KTEST_EXPECT_TRUE(t, is_readable_migration_entry(pte_to_swp_entry(mm_test_pte(child, addr(0)))));
	KTEST_EXPECT_EQ(t, get_mm_counter(child, MM_ANONPAGES), 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	remove_migration_ptes(folio, folio, false);
	folio_unlock(folio);
	KTEST_EXPECT_TRUE(t, mm_test_page(mm, addr(0)) == page && mm_test_page(child, addr(0)) == page);
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(mm, addr(0))));
	KTEST_EXPECT_FALSE(t, PageAnonExclusive(page));
	KTEST_EXPECT_EQ(t, page_mapcount(page), 2);
	KTEST_EXPECT_EQ(t, page_count(page), 3);
	folio_putback_lru(folio);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	mmput(child);
	mmput(mm);
	counts_take(&after);
	KTEST_EXPECT_EQ(t, after.free_pages, before.free_pages);
}

/* An munmap() of a migration entry: the RSS drops, the folio is untouched. */
KTEST(migrate, zap_entry)
{
	struct counts before, after;
	struct mm_struct *mm;
	struct folio *folio;

	counts_take(&before);
	mm = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_TRUE(t, fill(mm, 3));
	folio = page_folio(mm_test_page(mm, addr(3)));
	KTEST_ASSERT_TRUE(t, folio_isolate_lru(folio));
	folio_lock(folio);
	try_to_migrate(folio, 0);
	zap_page_range(find_vma(mm, BASE), addr(3), PAGE_SIZE);
	KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(mm, addr(3))));
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_ANONPAGES), 0);
	KTEST_EXPECT_EQ(t, folio_ref_count(folio), 1);
	remove_migration_ptes(folio, folio, false);	/* finds nothing */
	KTEST_EXPECT_FALSE(t, folio_mapped(folio));
	folio_unlock(folio);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	folio_putback_lru(folio);		/* the last reference: freed */
	mmput(mm);
	counts_take(&after);
	KTEST_EXPECT_EQ(t, after.free_pages, before.free_pages);
}

struct faulter {
	struct mm_struct *mm;
	struct completion started;
	int stage;
	pte_t pte;
};

static int fault_on_entry(void *data)
{
	struct faulter *f = data;

	f->stage = 1;
	complete(&f->started);
	f->pte = mm_test_fault(f->mm, addr(1), true);	/* sleeps on the folio lock */
	f->stage = 2;
	return 0;
}

/*
 * Two tasks: the test unmaps a folio to migration entries and holds its
 * lock; a thread that faults on the entry sleeps (migration_entry_wait())
 * until the move is complete and the lock dropped, then its fault finds
 * the new page.
 */
KTEST(migrate, fault_waits_for_move)
{
	struct folio *src, *dst;
	struct task_struct *k;
	struct faulter f = { };
	struct counts before, after;

	counts_take(&before);
	f.mm = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, f.mm);
	KTEST_ASSERT_TRUE(t, fill(f.mm, 1));
	src = page_folio(mm_test_page(f.mm, addr(1)));
	KTEST_ASSERT_TRUE(t, folio_isolate_lru(src));
	folio_lock(src);
	try_to_migrate(src, 0);
	KTEST_ASSERT_TRUE(t, is_swap_pte(mm_test_pte(f.mm, addr(1))));

	init_completion(&f.started);
	k = kthread_run(fault_on_entry, &f, "ktest_migfault");
	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	get_task_struct(k);
	wait_for_completion(&f.started);
	for (int i = 0; i < 20; i++)
		yield();
	KTEST_EXPECT_EQ(t, f.stage, 1);		/* asleep on the entry */

	/* The move, as migrate_folio_move() does it. */
	dst = folio_alloc(GFP_HIGHUSER_MOVABLE, 0);
	KTEST_ASSERT_NOT_NULL(t, dst);
	folio_lock(dst);
	KTEST_EXPECT_EQ(t, migrate_folio(NULL, dst, src, MIGRATE_SYNC), MIGRATEPAGE_SUCCESS);
	folio_add_lru(dst);
	remove_migration_ptes(src, dst, false);
	folio_unlock(dst);
	KTEST_EXPECT_EQ(t, f.stage, 1);		/* still asleep: src is locked */
	folio_unlock(src);
	while (f.stage != 2)
		yield();
	KTEST_EXPECT_TRUE(t, pte_present(f.pte) && pte_pfn(f.pte) == folio_pfn(dst));
	KTEST_EXPECT_TRUE(t, filled(&dst->page, 'b'));
	KTEST_EXPECT_EQ(t, folio_mapcount(dst), 1);
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(&dst->page));
	folio_put(src);
	folio_put(dst);
	KTEST_EXPECT_EQ(t, folio_ref_count(dst), 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	put_task_struct(k);
	mmput(f.mm);
	counts_take(&after);
	KTEST_EXPECT_EQ(t, after.free_pages, before.free_pages);
}
