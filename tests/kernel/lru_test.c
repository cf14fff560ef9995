// SPDX-License-Identifier: GPL-2.0
/*
 * lru_test.c - ktest suite "lru": the LRU lists (mm/swap.c, mm/vmscan.c,
 * include/linux/mm_inline.h) and the mlocked state (mm/mlock.c). A folio
 * faulted in joins the inactive anon list; two accesses activate it;
 * isolation takes it off (PG_lru clear, one more reference) and putback
 * returns it; freeing takes it off for good. A fault in a VM_LOCKED VMA
 * puts the folio on LRU_UNEVICTABLE, mlocked, and munlock brings it back;
 * page-cache folios go to the anon lists (shmem) or unevictable (ramfs).
 * Every step checks the lists themselves, the node and zone counters, and
 * mm_verify().
 */
#include "mm_test.h"
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/init_syscalls.h>
#include <linux/ktest.h>
#include <linux/mm_inline.h>
#include <linux/mm_verify.h>
#include <linux/shmem_fs.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <uapi/linux/fcntl.h>

#define BASE		0x40000000UL

/* on_lru_list - is @folio on list @lru of its node (found by walking it)? */
static bool on_lru_list(struct folio *folio, enum lru_list lru)
{
	struct folio *f;

	list_for_each_entry(f, &folio_lruvec(folio)->lists[lru], lru)
		if (f == folio)
			return true;
	return false;
}

/* The node's LRU counters at one moment; lru_since() is the change since. */
struct lru_counts {
	long node[NR_LRU_LISTS];
	long mlock;
};

static void lru_take(struct lru_counts *c)
{
	enum lru_list lru;

	for_each_lru(lru)
		c->node[lru] = global_node_page_state(NR_LRU_BASE + lru);
	c->mlock = global_zone_page_state(NR_MLOCK);
}

static long lru_since(const struct lru_counts *c, enum lru_list lru)
{
	return (long)global_node_page_state(NR_LRU_BASE + lru) - c->node[lru];
}

/* A fault adds the new anonymous folio to the inactive anon list; two accesses activate it. */
KTEST(lru, fault_adds_inactive_then_accesses_activate)
{
	unsigned long activations = vm_event_states[PGACTIVATE];
	struct lru_counts before;
	struct mm_struct *mm;
	struct folio *folio;

	lru_take(&before);
	mm = mm_test_new_mm(BASE, 1);
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, BASE, true)));
	folio = page_folio(mm_test_page(mm, BASE));
	KTEST_EXPECT_TRUE(t, folio_test_lru(folio));
	KTEST_EXPECT_FALSE(t, folio_test_active(folio));
	KTEST_EXPECT_FALSE(t, folio_test_unevictable(folio));
	KTEST_EXPECT_EQ(t, folio_lru_list(folio), LRU_INACTIVE_ANON);
	KTEST_EXPECT_TRUE(t, on_lru_list(folio, LRU_INACTIVE_ANON));
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_INACTIVE_ANON), 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	folio_mark_accessed(folio);		/* referenced, still inactive */
	KTEST_EXPECT_TRUE(t, folio_test_referenced(folio));
	KTEST_EXPECT_FALSE(t, folio_test_active(folio));
	folio_mark_accessed(folio);		/* used again: activated */
	KTEST_EXPECT_FALSE(t, folio_test_referenced(folio));
	KTEST_EXPECT_TRUE(t, folio_test_active(folio));
	KTEST_EXPECT_TRUE(t, on_lru_list(folio, LRU_ACTIVE_ANON));
	KTEST_EXPECT_FALSE(t, on_lru_list(folio, LRU_INACTIVE_ANON));
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_INACTIVE_ANON), 0);
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_ACTIVE_ANON), 1);
	KTEST_EXPECT_EQ(t, vm_event_states[PGACTIVATE] - activations, 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(mm);				/* the folio is freed: off the list */
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_ACTIVE_ANON), 0);
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_INACTIVE_ANON), 0);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
}

/* Isolation takes a folio off its list with a reference; putback returns both. */
KTEST(lru, isolate_and_putback)
{
	struct lru_counts before;
	struct mm_struct *mm;
	struct folio *folio;
	int refs;

	lru_take(&before);
	mm = mm_test_new_mm(BASE, 1);
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, BASE, true)));
	folio = page_folio(mm_test_page(mm, BASE));
	refs = folio_ref_count(folio);

	KTEST_EXPECT_TRUE(t, folio_isolate_lru(folio));
	KTEST_EXPECT_FALSE(t, folio_test_lru(folio));
	KTEST_EXPECT_FALSE(t, on_lru_list(folio, LRU_INACTIVE_ANON));
	KTEST_EXPECT_EQ(t, folio_ref_count(folio), refs + 1);
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_INACTIVE_ANON), 0);
	KTEST_EXPECT_FALSE(t, folio_isolate_lru(folio));	/* once only */
	folio_mark_accessed(folio);
	folio_mark_accessed(folio);		/* an isolated folio is not activated */
	KTEST_EXPECT_FALSE(t, folio_test_active(folio));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	folio_putback_lru(folio);
	KTEST_EXPECT_TRUE(t, folio_test_lru(folio));
	KTEST_EXPECT_TRUE(t, on_lru_list(folio, LRU_INACTIVE_ANON));
	KTEST_EXPECT_EQ(t, folio_ref_count(folio), refs);
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_INACTIVE_ANON), 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* Unmapped while isolated: the isolation's reference keeps it until putback. */
	KTEST_EXPECT_TRUE(t, folio_isolate_lru(folio));
	mmput(mm);
	KTEST_EXPECT_EQ(t, folio_ref_count(folio), 1);
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_INACTIVE_ANON), 0);
	folio_putback_lru(folio);		/* back on the list, then freed off it */
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_INACTIVE_ANON), 0);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
}

/*
 * A fault in a VM_LOCKED VMA mlocks the new folio onto LRU_UNEVICTABLE;
 * munlock_folio() moves it back. An mlock while isolated only marks it:
 * putback finds it unevictable.
 */
KTEST(lru, mlocked_folio_is_unevictable)
{
	unsigned long culled = vm_event_states[UNEVICTABLE_PGCULLED];
	unsigned long rescued = vm_event_states[UNEVICTABLE_PGRESCUED];
	struct lru_counts before;
	struct vm_area_struct *vma;
	struct mm_struct *mm;
	struct folio *folio;

	lru_take(&before);
	mm = mm_test_new_mm(BASE, 1);
	KTEST_ASSERT_NOT_NULL(t, mm);
	vma = find_vma(mm, BASE);
	vma->vm_flags |= VM_LOCKED;
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, BASE, true)));
	folio = page_folio(mm_test_page(mm, BASE));
	KTEST_EXPECT_TRUE(t, folio_test_mlocked(folio));
	KTEST_EXPECT_TRUE(t, folio_test_unevictable(folio));
	KTEST_EXPECT_TRUE(t, folio_test_lru(folio));
	KTEST_EXPECT_EQ(t, folio->mlock_count, 1);
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_UNEVICTABLE), 1);
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_INACTIVE_ANON), 0);
	KTEST_EXPECT_EQ(t, global_zone_page_state(NR_MLOCK) - before.mlock, 1);
	KTEST_EXPECT_EQ(t, vm_event_states[UNEVICTABLE_PGCULLED] - culled, 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	vma->vm_flags &= ~VM_LOCKED;		/* as munlock's walk does */
	munlock_folio(folio);
	KTEST_EXPECT_FALSE(t, folio_test_mlocked(folio));
	KTEST_EXPECT_FALSE(t, folio_test_unevictable(folio));
	KTEST_EXPECT_TRUE(t, on_lru_list(folio, LRU_INACTIVE_ANON));
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_UNEVICTABLE), 0);
	KTEST_EXPECT_EQ(t, global_zone_page_state(NR_MLOCK) - before.mlock, 0);
	KTEST_EXPECT_EQ(t, vm_event_states[UNEVICTABLE_PGRESCUED] - rescued, 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	KTEST_EXPECT_TRUE(t, folio_isolate_lru(folio));
	vma->vm_flags |= VM_LOCKED;
	mlock_folio(folio);			/* isolated: only PG_mlocked */
	KTEST_EXPECT_TRUE(t, folio_test_mlocked(folio));
	KTEST_EXPECT_FALSE(t, folio_test_unevictable(folio));
	folio_putback_lru(folio);
	KTEST_EXPECT_TRUE(t, folio_test_unevictable(folio));
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_UNEVICTABLE), 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(mm);				/* the unmap munlocks, the free uncounts */
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_UNEVICTABLE), 0);
	KTEST_EXPECT_EQ(t, global_zone_page_state(NR_MLOCK) - before.mlock, 0);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
}

#define LRU_TEST_FILE "/lru_test_file"

/* Page-cache folios: ramfs's are unevictable, shmem's age on the anon lists. */
KTEST(lru, page_cache_folios)
{
	static char buf[2 * PAGE_SIZE];
	struct lru_counts before;
	struct file *file;
	struct folio *folio;
	loff_t pos = 0;

	lru_take(&before);
	file = filp_open(LRU_TEST_FILE, O_RDWR | O_CREAT | O_EXCL, 0600);
	KTEST_ASSERT_FALSE(t, IS_ERR(file));
	KTEST_EXPECT_EQ(t, kernel_write(file, buf, sizeof(buf), &pos), sizeof(buf));
	folio = page_folio(file_inode(file)->i_mapping->pages[0]);
	KTEST_EXPECT_TRUE(t, folio_test_unevictable(folio));
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_UNEVICTABLE), 2);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	fput(file);
	init_unlink(LRU_TEST_FILE);
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_UNEVICTABLE), 0);

	file = shmem_file_setup("lru_test", 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(file));
	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_write(file, buf, PAGE_SIZE, &pos), PAGE_SIZE);
	folio = page_folio(file_inode(file)->i_mapping->pages[0]);
	KTEST_EXPECT_FALSE(t, folio_test_unevictable(folio));
	KTEST_EXPECT_TRUE(t, on_lru_list(folio, LRU_INACTIVE_ANON));
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_INACTIVE_ANON), 1);
	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_read(file, buf, 1, &pos), 1);
	KTEST_EXPECT_EQ(t, kernel_read(file, buf, 1, &pos), 1);	/* read twice: active */
	KTEST_EXPECT_TRUE(t, on_lru_list(folio, LRU_ACTIVE_ANON));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	fput(file);
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_INACTIVE_ANON), 0);
	KTEST_EXPECT_EQ(t, lru_since(&before, LRU_ACTIVE_ANON), 0);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
}
