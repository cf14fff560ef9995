// SPDX-License-Identifier: GPL-2.0
/*
 * futex_test.c - ktest suite "futex": the keys of futex words (private,
 * shared in private memory, shared in a shared mapping, across fork) and
 * which waiters FUTEX_WAKE and FUTEX_REQUEUE take, on hand-queued
 * futex_qs.
 */
#include "mm_test.h"
#include "../../kernel/futex/futex.h"
#include <linux/ktest.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <uapi/linux/mman.h>

#define RW	(PROT_READ | PROT_WRITE)

static u32 __user *uword(unsigned long addr)
{
	return (u32 __user *)addr;
}

/* A private and a shared anonymous mapping; their keys, also from a fork of the mm. */
KTEST(futex, keys)
{
	struct mm_struct *mm = mm_alloc(), *child, *prev;
	struct futex_key a, b, c;
	unsigned long priv, shared;
	struct vm_area_struct *vma;

	KTEST_ASSERT_NOT_NULL(t, mm);
	arch_pick_mmap_layout(mm);
	prev = mm_test_use_mm(mm);
	priv = vm_mmap_pgoff(NULL, 0, 2 * PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS, 0);
	shared = vm_mmap_pgoff(NULL, 0, 2 * PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS, 0);
	vma = find_vma(mm, shared);

	KTEST_EXPECT_EQ(t, get_futex_key(uword(priv + 8), 0, &a), 0);
	KTEST_EXPECT_EQ(t, a.ptr, mm);
	KTEST_EXPECT_EQ(t, a.word, priv);
	KTEST_EXPECT_EQ(t, a.offset, 8);
	KTEST_EXPECT_EQ(t, get_futex_key(uword(priv + 8), FLAGS_SHARED, &b), 0);
	KTEST_EXPECT_EQ(t, b.offset, 8 | FUT_OFF_MMSHARED);
	KTEST_EXPECT_FALSE(t, futex_match(&a, &b));	/* a private wake misses a shared waiter */

	KTEST_EXPECT_EQ(t, get_futex_key(uword(shared + PAGE_SIZE + 4), FLAGS_SHARED, &c), 0);
	KTEST_EXPECT_EQ(t, c.ptr, file_inode(vma->vm_file));
	KTEST_EXPECT_EQ(t, c.word, vma->vm_pgoff + 1);
	KTEST_EXPECT_EQ(t, c.offset, 4 | FUT_OFF_INODE);

	KTEST_EXPECT_EQ(t, get_futex_key(uword(priv + 2), 0, &a), -EINVAL);
	KTEST_EXPECT_EQ(t, get_futex_key(uword(PAGE_SIZE), FLAGS_SHARED, &a), -EFAULT);
	KTEST_EXPECT_EQ(t, get_futex_key(uword(PAGE_SIZE), 0, &a), 0);	/* not even looked up */

	/* After fork the shared word keeps its key, the private one does not. */
	child = dup_mm(mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	mm_test_unuse_mm(prev);
	mm_test_use_mm(child);
	KTEST_EXPECT_EQ(t, get_futex_key(uword(shared + PAGE_SIZE + 4), FLAGS_SHARED, &a), 0);
	KTEST_EXPECT_TRUE(t, futex_match(&a, &c));
	KTEST_EXPECT_EQ(t, get_futex_key(uword(priv + 8), FLAGS_SHARED, &a), 0);
	KTEST_EXPECT_FALSE(t, futex_match(&a, &b));
	mm_test_unuse_mm(prev);
	mmput(child);
	mmput(mm);
}

/* queue - put @q on @addr's private futex as futex_wait() would, without sleeping. */
static void queue(struct futex_q *q, unsigned long addr, u32 bitset)
{
	q->task = current;
	q->bitset = bitset;
	get_futex_key(uword(addr), 0, &q->key);
	list_add_tail(&q->list, futex_hash(&q->key));
}

/* Waiters go in order, by bitset; requeue wakes some and moves others. */
KTEST(futex, wake_and_requeue)
{
	const unsigned long a = 0x10000000, b = 0x10000004;	/* private: never read */
	struct futex_q q[4];

	for (int i = 0; i < 4; i++)
		queue(&q[i], a, i == 3 ? 0x2 : FUTEX_BITSET_MATCH_ANY);
	KTEST_EXPECT_EQ(t, futex_wake(uword(a), 0, 1, 0x1), 1);
	KTEST_EXPECT_TRUE(t, list_empty(&q[0].list));		/* the first waiter */
	KTEST_EXPECT_EQ(t, futex_requeue(uword(a), 0, uword(b), 1, 1, NULL), 2);
	KTEST_EXPECT_TRUE(t, list_empty(&q[1].list));		/* woken */
	KTEST_EXPECT_EQ(t, q[2].key.offset, b & ~PAGE_MASK);	/* moved to b */
	KTEST_EXPECT_EQ(t, futex_wake(uword(a), 0, 5, 0x1), 0);	/* q[3] waits for 0x2 only */
	KTEST_EXPECT_EQ(t, futex_wake(uword(a), 0, 0, 0x2), 1);	/* nr_wake 0 wakes one */
	KTEST_EXPECT_TRUE(t, list_empty(&q[3].list));
	KTEST_EXPECT_EQ(t, futex_wake(uword(b), 0, 5, FUTEX_BITSET_MATCH_ANY), 1);
	KTEST_EXPECT_TRUE(t, list_empty(&q[2].list));
	KTEST_EXPECT_EQ(t, futex_wake(uword(a), 0, 1, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, futex_requeue(uword(a), 0, uword(b), -1, 0, NULL), -EINVAL);
}
