/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hashtable.h - a fixed-size hash table of hlists. Mirrors
 * include/linux/hashtable.h (without the RCU variants).
 *
 *   static DEFINE_HASHTABLE(table, 10);          1024 buckets
 *   hash_add(table, &obj->hash, key);
 *   hash_for_each_possible(table, obj, hash, key)
 *           if (obj->key == key) ...
 *   hash_del(&obj->hash);
 */
#ifndef _LINUX_HASHTABLE_H
#define _LINUX_HASHTABLE_H

#include <linux/list.h>
#include <linux/hash.h>

#define DEFINE_HASHTABLE(name, bits)						\
	struct hlist_head name[1 << (bits)] =					\
		{ [0 ... ((1 << (bits)) - 1)] = HLIST_HEAD_INIT }

#define HASH_SIZE(name) (ARRAY_SIZE(name))
#define HASH_BITS(name) (__builtin_ctzl(HASH_SIZE(name)))

/* hash_min - the bucket of @val: hash_32 for 32-bit keys, hash_long otherwise. */
#define hash_min(val, bits) hash_long((unsigned long)(val), bits)

/* hash_add - add @node to @hashtable under @key. */
#define hash_add(hashtable, node, key)						\
	hlist_add_head(node, &hashtable[hash_min(key, HASH_BITS(hashtable))])

/* hash_del - take @node out of the table it is in. */
static inline void hash_del(struct hlist_node *node)
{
	hlist_del_init(node);
}

/* hash_for_each_possible - the objects in @key's bucket (the caller compares keys). */
#define hash_for_each_possible(name, obj, member, key)				\
	hlist_for_each_entry(obj, &name[hash_min(key, HASH_BITS(name))], member)

#endif /* _LINUX_HASHTABLE_H */
