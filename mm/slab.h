/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm/slab.h - the slab allocator's private structures and helpers, shared
 * by mm/slub.c (the allocator) and mm/slab_debug.c (slub_debug: poison,
 * red zones, consistency checks and their reports). Mirrors mm/slab.h and
 * the definitions at the top of mm/slub.c.
 *
 * A slab is a block of 2^order pages from the buddy allocator, cut into
 * equal slots of s->size bytes. Pagoda has no separate struct slab: the
 * slab half of struct page's union plays that part (slab_list, slab_cache,
 * freelist, inuse, objects), as Linux's struct slab overlays struct page.
 * Every page of a multi-page slab has PG_slab and slab_cache set; the
 * first one (the "head") holds the freelist and counters.
 *
 * One slot, from its start (offsets from the object pointer p):
 *
 *   p - red_left_pad   left red zone           (SLAB_RED_ZONE only)
 *   p                  the object: object_size bytes
 *   p + object_size    right red zone, to inuse (SLAB_RED_ZONE only)
 *   p + offset         free pointer: inside the object, or at inuse when
 *                      the object's bytes must survive while it is free
 *   ...                padding up to s->size (the slot stride)
 */
#ifndef _MM_SLAB_H
#define _MM_SLAB_H

#include <linux/slab.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mm.h>

/* Internal flag: free objects are filled with POISON_FREE (Linux's value). */
#define __OBJECT_POISON		((slab_flags_t)0x80000000U)

/*
 * struct kmem_cache_node - the slabs of a cache that are not empty... or
 * are kept although empty. Linux has one per NUMA node; Pagoda has one node
 * and embeds it in struct kmem_cache.
 */
struct kmem_cache_node {
	spinlock_t list_lock;		/* protects the lists and the slabs' freelists */
	unsigned long nr_partial;	/* slabs on @partial */
	struct list_head partial;	/* slabs with free objects, allocated from first */
	struct list_head full;		/* slabs with no free object */
	unsigned long nr_slabs;		/* all slabs of the cache */
	unsigned long total_objects;	/* objects in all of them */
};

/*
 * struct kmem_cache - a cache of equal objects. Linux keeps most of the
 * fast path in a per-CPU struct kmem_cache_cpu (a CPU's current slab and
 * its lockless freelist); Pagoda runs on one CPU and allocates straight from
 * the node's partial list under list_lock.
 */
struct kmem_cache {
	slab_flags_t flags;		/* SLAB_* and __OBJECT_POISON */
	unsigned long min_partial;	/* keep this many partial slabs, even empty */
	unsigned int size;		/* slot size: object and metadata, aligned */
	unsigned int object_size;	/* what the creator asked for */
	unsigned int offset;		/* free pointer offset from the object */
	unsigned int order;		/* slab = 2^order pages (Linux: oo_order(s->oo)) */
	unsigned int objects;		/* objects per slab (Linux: oo_objects(s->oo)) */
	gfp_t allocflags;		/* added to every alloc_pages() for a slab */
	void (*ctor)(void *object);	/* run once per object when its slab is made */
	unsigned int inuse;		/* offset to the metadata after the object */
	unsigned int align;		/* object alignment */
	unsigned int red_left_pad;	/* left red zone size */
	const char *name;		/* shown in /proc/slabinfo and reports */
	struct list_head list;		/* on slab_caches */
	struct kmem_cache_node node;	/* Linux: node[MAX_NUMNODES], pointers */
};

static inline void *slab_address(const struct page *slab)
{
	return page_address(slab);
}

/* The free pointer of a free object: the next free object, or NULL. */
static inline void *get_freepointer(struct kmem_cache *s, void *object)
{
	return *(void **)(object + s->offset);
}

static inline void set_freepointer(struct kmem_cache *s, void *object, void *fp)
{
	*(void **)(object + s->offset) = fp;
}

/* The object of a slot starts after its left red zone, if any. */
static inline void *fixup_red_left(struct kmem_cache *s, void *slot)
{
	return slot + s->red_left_pad;
}

#define for_each_object(__p, __s, __addr, __objects)			\
	for (__p = fixup_red_left(__s, __addr);			\
	     __p < (__addr) + (__objects) * (__s)->size;		\
	     __p += (__s)->size)

static inline bool kmem_cache_debug(struct kmem_cache *s)
{
	return s->flags & SLAB_DEBUG_FLAGS;
}

/* mm/slab_debug.c: slub_debug and the reports */
slab_flags_t kmem_cache_flags(const char *name, slab_flags_t flags);
void setup_slab_debug(struct kmem_cache *s, struct page *slab);
void init_object(struct kmem_cache *s, void *object, u8 val);
bool alloc_debug_processing(struct kmem_cache *s, struct page *slab, void *object);
bool free_debug_processing(struct kmem_cache *s, struct page *slab, void *object);
void check_free_slab(struct kmem_cache *s, struct page *slab);
void object_err(struct kmem_cache *s, struct page *slab, void *object, const char *reason);
void list_slab_objects(struct kmem_cache *s, struct page *slab);
void invalid_object(const char *func, const void *object);

#endif /* _MM_SLAB_H */
