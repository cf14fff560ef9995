/* SPDX-License-Identifier: GPL-2.0 */
/*
 * slab.h - the slab allocator: caches of equal-sized objects carved out of
 * pages, and kmalloc() on top of them. Mirrors include/linux/slab.h;
 * implemented in mm/slub.c (a miniature of SLUB, mm/slub.c).
 */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>

struct seq_file;

/* kmem_cache_create() flags (Linux's values). */
#define SLAB_CONSISTENCY_CHECKS	((slab_flags_t)0x00000100U)	/* check every alloc/free */
#define SLAB_RED_ZONE		((slab_flags_t)0x00000400U)	/* guard bytes around objects */
#define SLAB_POISON		((slab_flags_t)0x00000800U)	/* fill free objects with 0x6b */
#define SLAB_HWCACHE_ALIGN	((slab_flags_t)0x00002000U)	/* align objects to cache lines */
#define SLAB_RECLAIM_ACCOUNT	((slab_flags_t)0x00020000U)	/* reclaimable: MIGRATE_RECLAIMABLE */
#define SLAB_PANIC		((slab_flags_t)0x00040000U)	/* panic if creation fails */
#define SLAB_DEBUG_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON)

#define KMALLOC_MIN_SIZE	8
#define KMALLOC_SHIFT_HIGH	13		/* kmalloc-8k is the largest cache */
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)

/* Poison values (include/linux/poison.h). */
#define POISON_INUSE		0x5a	/* fresh object memory, not yet written */
#define POISON_FREE		0x6b	/* a freed object */
#define POISON_END		0xa5	/* the last byte of a poisoned object */
#define SLUB_RED_INACTIVE	0xbb	/* red zone of a free object */
#define SLUB_RED_ACTIVE		0xcc	/* red zone of an allocated object */

/* kmalloc(0) returns ZERO_SIZE_PTR: not NULL, yet faults when dereferenced. */
#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags);
void kmem_cache_free(struct kmem_cache *s, void *objp);
int kmem_cache_shrink(struct kmem_cache *s);
unsigned int kmem_cache_size(struct kmem_cache *s);

static inline void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags)
{
	return kmem_cache_alloc(s, flags | __GFP_ZERO);
}

void *kmalloc(size_t size, gfp_t flags);
void kfree(const void *objp);
size_t ksize(const void *objp);

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kzalloc(n * size, flags);
}

void kmem_cache_init(void);
void kmem_cache_shrink_all(void);	/* echo 2/3 > /proc/sys/vm/drop_caches */
int slabinfo_show(struct seq_file *m, void *v);	/* /proc/slabinfo */
extern unsigned long slab_error_count;	/* corruption reports so far (debug) */

#endif /* _LINUX_SLAB_H */
