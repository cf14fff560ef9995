/* SPDX-License-Identifier: GPL-2.0 */
/*
 * futex.h - the futex code's own structures: keys, waiters and the hash
 * of waiters. Mirrors kernel/futex/futex.h.
 */
#ifndef _KERNEL_FUTEX_H
#define _KERNEL_FUTEX_H

#include <linux/futex.h>
#include <linux/list.h>
#include <linux/sched.h>

/* key.offset's low bits say which kind of key it is (the word is 4-aligned). */
#define FUT_OFF_INODE		1	/* a shared file mapping: (inode, page index) */
#define FUT_OFF_MMSHARED	2	/* a shared futex in private memory: (mm, address) */

/*
 * futex_key - what identifies a futex word: its mm and page address
 * (private futexes, and shared ones in private memory), or its file's
 * inode and page index (a shared mapping, which several mms may map at
 * different addresses); offset is the word's offset in the page, plus
 * the FUT_OFF_* kind.
 */
struct futex_key {
	void *ptr;			/* the mm_struct or the inode */
	unsigned long word;		/* the page's address or its index in the file */
	unsigned int offset;
};

/* futex_q - a task in futex_wait(), hashed by its key. */
struct futex_q {
	struct list_head list;		/* in its hash bucket; empty once woken */
	struct task_struct *task;
	struct futex_key key;
	u32 bitset;			/* FUTEX_WAIT_BITSET's bits (all for FUTEX_WAIT) */
};

struct list_head *futex_hash(const struct futex_key *key);
bool futex_match(const struct futex_key *a, const struct futex_key *b);
int get_futex_key(u32 __user *uaddr, unsigned int flags, struct futex_key *key);
void futex_wake_q(struct futex_q *q);

int futex_wait(u32 __user *uaddr, unsigned int flags, u32 val, s64 deadline, u32 bitset);
int futex_requeue(u32 __user *uaddr1, unsigned int flags, u32 __user *uaddr2, int nr_wake,
		  int nr_requeue, const u32 *cmpval);

#endif /* _KERNEL_FUTEX_H */
