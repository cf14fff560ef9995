// SPDX-License-Identifier: GPL-2.0
/*
 * core.c - futex keys and the hash of waiters. Mirrors kernel/futex/core.c.
 *
 * A futex is a 32-bit word in user memory. A task waiting on it sleeps on
 * a futex_q hashed by the word's key; a wake looks the key up in the same
 * bucket. A private futex (FUTEX_PRIVATE_FLAG) is keyed by the caller's
 * mm and the address; a shared one by the same unless the word lies in a
 * shared mapping of a file (or of shmem), where it is keyed by the inode
 * and the page index, so processes mapping it at different addresses meet.
 * With one CPU and no kernel preemption no lock guards the hash: nothing
 * runs between reading the word and sleeping.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/errno.h>
#include "futex.h"

#define FUTEX_HASHBITS	8

static struct list_head futex_queues[1 << FUTEX_HASHBITS];

/* futex_hash - the bucket of @key. */
struct list_head *futex_hash(const struct futex_key *key)
{
	unsigned long h = (unsigned long)key->ptr ^ (key->word << 4) ^ key->offset;

	h ^= h >> 17;
	h ^= h >> FUTEX_HASHBITS;
	return &futex_queues[(h * 0x9e3779b97f4a7c15UL) >> (64 - FUTEX_HASHBITS)];
}

bool futex_match(const struct futex_key *a, const struct futex_key *b)
{
	return a->ptr == b->ptr && a->word == b->word && a->offset == b->offset;
}

/**
 * get_futex_key - the key of the futex word at @uaddr
 * @uaddr: the word
 * @flags: FLAGS_SHARED unless the caller said FUTEX_PRIVATE_FLAG
 * @key: filled in
 *
 * Return: 0; -EINVAL if @uaddr is not 4-aligned; -EFAULT if a shared
 * futex's word is not mapped.
 */
int get_futex_key(u32 __user *uaddr, unsigned int flags, struct futex_key *key)
{
	unsigned long address = (unsigned long)uaddr;
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;

	if (address % sizeof(u32))
		return -EINVAL;
	key->offset = offset_in_page(address);
	key->ptr = mm;
	key->word = address & PAGE_MASK;
	if (!(flags & FLAGS_SHARED))
		return 0;
	if (address >= TASK_SIZE)
		return -EFAULT;
	mmap_read_lock(mm);
	vma = find_vma(mm, address);
	if (!vma || vma->vm_start > address) {
		mmap_read_unlock(mm);
		return -EFAULT;
	}
	if ((vma->vm_flags & VM_SHARED) && vma->vm_file) {
		key->ptr = file_inode(vma->vm_file);
		key->word = vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);
		key->offset |= FUT_OFF_INODE;
	} else {
		key->offset |= FUT_OFF_MMSHARED;
	}
	mmap_read_unlock(mm);
	return 0;
}

/* futex_wake_q - take @q off its bucket (its futex_wait() sees it was woken) and wake it. */
void futex_wake_q(struct futex_q *q)
{
	list_del_init(&q->list);
	wake_up_process(q->task);
}

/* futex_init - the empty hash (Linux sizes it by the number of CPUs). */
void futex_init(void)
{
	for (int i = 0; i < ARRAY_SIZE(futex_queues); i++)
		INIT_LIST_HEAD(&futex_queues[i]);
}
