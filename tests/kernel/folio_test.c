// SPDX-License-Identifier: GPL-2.0
/*
 * folio_test.c - ktest suite "folio": struct folio over struct page
 * (include/linux/mm_types.h, mm.h, page-flags.h) and the folio lock
 * (include/linux/pagemap.h, mm/filemap.c): a task that finds a
 * folio locked sleeps until the holder unlocks it.
 */
#include <linux/ktest.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/sched.h>
#include <linux/time.h>

/* A folio is its head page seen whole: the same memory, the same counts. */
KTEST(folio, overlays_its_page)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct folio *folio;

	KTEST_ASSERT_NOT_NULL(t, page);
	folio = page_folio(page);
	KTEST_EXPECT_TRUE(t, &folio->page == page);
	KTEST_EXPECT_TRUE(t, folio_page(folio, 0) == page);
	KTEST_EXPECT_EQ(t, folio_pfn(folio), page_to_pfn(page));
	KTEST_EXPECT_TRUE(t, pfn_folio(page_to_pfn(page)) == folio);
	KTEST_EXPECT_EQ(t, folio_order(folio), 0);
	KTEST_EXPECT_EQ(t, folio_nr_pages(folio), 1);
	KTEST_EXPECT_TRUE(t, folio_address(folio) == page_address(page));
	KTEST_EXPECT_EQ(t, folio_ref_count(folio), 1);
	KTEST_EXPECT_EQ(t, folio_mapcount(folio), 0);
	KTEST_EXPECT_FALSE(t, folio_test_anon(folio));
	KTEST_EXPECT_NULL(t, folio_mapping(folio));

	folio_get(folio);
	KTEST_EXPECT_EQ(t, page_count(page), 2);
	folio_set_dirty(folio);
	KTEST_EXPECT_TRUE(t, PageDirty(page));
	KTEST_EXPECT_TRUE(t, folio_test_clear_dirty(folio));
	KTEST_EXPECT_FALSE(t, folio_test_dirty(folio));
	folio_put(folio);
	KTEST_EXPECT_EQ(t, folio_ref_count(folio), 1);
	folio_put(folio);
}

struct lock_waiter {
	struct folio *folio;
	bool take;			/* folio_lock(), else folio_wait_locked() */
	int stage;			/* 1: past the wait */
	bool saw_locked;		/* the folio was still locked after the wait */
	struct completion done;
};

static int lock_waiter_fn(void *data)
{
	struct lock_waiter *w = data;

	if (w->take)
		folio_lock(w->folio);
	else
		folio_wait_locked(w->folio);
	w->stage = 1;
	w->saw_locked = folio_test_locked(w->folio);
	if (w->take)
		folio_unlock(w->folio);
	complete(&w->done);
	return 0;
}

/*
 * run_waiter - start a thread that locks (or waits for) a folio we hold
 * locked; it must sleep, uninterruptibly, until folio_unlock() wakes it.
 */
static void run_waiter(struct ktest *t, bool take)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct lock_waiter w = { .take = take };
	struct task_struct *k;
	int tries = 0;

	KTEST_ASSERT_NOT_NULL(t, page);
	w.folio = page_folio(page);
	init_completion(&w.done);
	folio_lock(w.folio);
	KTEST_EXPECT_TRUE(t, folio_test_locked(w.folio));
	KTEST_EXPECT_FALSE(t, folio_trylock(w.folio));

	k = kthread_run(lock_waiter_fn, &w, "ktest_folio");
	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	get_task_struct(k);
	do
		msleep(10);
	while (task_state(k) != TASK_UNINTERRUPTIBLE && ++tries < 100);
	msleep(20);		/* it stays asleep: nothing wakes it but the unlock */
	KTEST_EXPECT_EQ(t, task_state(k), TASK_UNINTERRUPTIBLE);
	KTEST_EXPECT_EQ(t, w.stage, 0);

	folio_unlock(w.folio);
	wait_for_completion(&w.done);
	KTEST_EXPECT_EQ(t, w.stage, 1);
	/* A locker holds the lock after its wait; a waiter does not take it. */
	KTEST_EXPECT_EQ(t, w.saw_locked, take);
	KTEST_EXPECT_FALSE(t, folio_test_locked(w.folio));
	put_task_struct(k);
	folio_put(w.folio);
}

KTEST(folio, lock_sleeps_until_unlock)
{
	run_waiter(t, true);
}

KTEST(folio, wait_locked_sleeps_until_unlock)
{
	run_waiter(t, false);
}
