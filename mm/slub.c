// SPDX-License-Identifier: GPL-2.0
/*
 * slub.c - the slab allocator: caches of equal-sized objects carved out of
 * pages from the buddy allocator, and kmalloc() on top of them. A miniature
 * of SLUB: mirrors mm/slub.c (slabs, allocation, freeing) and
 * mm/slab_common.c (cache creation, kmalloc caches, /proc/slabinfo).
 *
 * A cache (struct kmem_cache, mm/slab.h) hands out objects of one size. It
 * gets memory a slab at a time: 2^s->order pages cut into s->objects slots.
 * The free objects of a slab are chained through a free pointer stored in
 * each free object at s->offset; page->freelist is the first of them and
 * page->inuse counts the objects handed out. Slabs with free objects are on
 * the cache's partial list, the others on its full list:
 *
 *   kmem_cache_alloc: first object of the first partial slab; a slab that
 *                     becomes full moves to the full list. No partial slab:
 *                     a new one from alloc_pages().
 *   kmem_cache_free:  push the object on its slab's freelist; a full slab
 *                     moves to the tail of the partial list. A slab that
 *                     becomes empty goes back to the buddy allocator, unless
 *                     fewer than s->min_partial slabs are partial.
 *
 * One CPU: SLUB's per-CPU slabs and lockless fast path are left out, every
 * operation takes the cache's list_lock. Unlike SLUB, full slabs are on a
 * list even without debugging, so that kmem_cache_destroy() can name every
 * object still allocated. Slab debugging is in mm/slab_debug.c.
 *
 * kmalloc(size) takes an object from the smallest of the caches kmalloc-8
 * .. kmalloc-8k that fits; larger requests get whole pages (PG_large_kmalloc
 * on the first page, the order in page->private).
 */
#include "slab.h"
#include <linux/gfp.h>
#include <linux/vmstat.h>
#include <linux/seq_file.h>
#include <linux/printk.h>
#include <linux/panic.h>
#include <linux/bug.h>
#include <linux/string.h>
#include <linux/errno.h>

#define L1_CACHE_BYTES		64	/* x86-64 cache line: Linux's cache_line_size() */
#define ARCH_SLAB_MINALIGN	8	/* __alignof__(unsigned long long) */
#define SLUB_MAX_ORDER		3	/* PAGE_ALLOC_COSTLY_ORDER: slub_max_order */
#define SLUB_MIN_OBJECTS	8	/* 4 * (fls(nr_cpu_ids) + 1) with one CPU */
#define MIN_PARTIAL		5UL	/* bounds of s->min_partial */
#define MAX_PARTIAL		10UL
#define KMALLOC_SHIFT_LOW	3	/* kmalloc-8 is the smallest cache */
#define KMALLOC_MAX_SIZE	(PAGE_SIZE << (MAX_ORDER - 1))	/* largest kmalloc() */

/* The cache of struct kmem_cache itself; the first cache (bootstrap()). */
static struct kmem_cache *kmem_cache;

/* All caches, newest first. Linux guards the list with slab_mutex. */
static LIST_HEAD(slab_caches);
static DEFINE_SPINLOCK(slab_caches_lock);

static struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];

static const char *const kmalloc_names[KMALLOC_SHIFT_HIGH + 1] = {
	[3] = "kmalloc-8",	[4] = "kmalloc-16",	[5] = "kmalloc-32",
	[6] = "kmalloc-64",	[7] = "kmalloc-128",	[8] = "kmalloc-256",
	[9] = "kmalloc-512",	[10] = "kmalloc-1k",	[11] = "kmalloc-2k",
	[12] = "kmalloc-4k",	[13] = "kmalloc-8k",
};

/* get_order - the smallest order whose block holds @size bytes (getorder.h). */
static unsigned int get_order(unsigned long size)
{
	return size > PAGE_SIZE ? 64 - __builtin_clzl((size - 1) >> PAGE_SHIFT) : 0;
}

/* ---------------------------------------------------------------------- */
/* Cache geometry: alignment, slot layout, slab order */

/*
 * calculate_alignment - the object alignment: at least 8 bytes;
 * SLAB_HWCACHE_ALIGN asks for a cache line, or the largest power-of-two
 * fraction of one that the object still fills more than half of.
 */
static unsigned int calculate_alignment(slab_flags_t flags, unsigned int align,
					unsigned int size)
{
	if (flags & SLAB_HWCACHE_ALIGN) {
		unsigned int ralign = L1_CACHE_BYTES;

		while (size <= ralign / 2)
			ralign /= 2;
		align = max(align, ralign);
	}
	align = max(align, (unsigned int)ARCH_SLAB_MINALIGN);
	return ALIGN(align, sizeof(void *));
}

/*
 * calc_slab_order - the smallest order in [@min_order, @max_order] whose
 * leftover (the tail too short for one more object) is at most 1/@fract of
 * the slab; @max_order + 1 if there is none.
 */
static unsigned int calc_slab_order(unsigned int size, unsigned int min_order,
				    unsigned int max_order, unsigned int fract)
{
	unsigned int order;

	for (order = min_order; order <= max_order; order++) {
		unsigned int slab_size = PAGE_SIZE << order;

		if (slab_size % size <= slab_size / fract)
			break;
	}
	return order;
}

/*
 * calculate_order - SLUB's rule for the slab order of @size-byte slots.
 * Start at the order that holds SLUB_MIN_OBJECTS objects (as many as an
 * order-3 slab holds, if fewer); from there take the smallest order up to 3
 * that wastes at most 1/16 of the slab, else 1/8, else 1/4, else 1/2. An
 * object too big for an order-3 slab gets the smallest order holding it.
 */
static int calculate_order(unsigned int size)
{
	unsigned int min_objects = min_t(unsigned int, SLUB_MIN_OBJECTS,
					 (PAGE_SIZE << SLUB_MAX_ORDER) / size);
	unsigned int min_order = get_order((unsigned long)min_objects * size);
	unsigned int order, fract;

	for (fract = 16; fract > 1; fract /= 2) {
		order = calc_slab_order(size, min_order, SLUB_MAX_ORDER, fract);
		if (order <= SLUB_MAX_ORDER)
			return order;
	}
	order = get_order(size);
	return order < MAX_ORDER ? (int)order : -E2BIG;
}

/*
 * calculate_sizes - lay out a slot (see mm/slab.h) and choose the order.
 * The free pointer sits in the middle of the object, where an overflow from
 * the previous object is less likely to reach it, unless the object's
 * bytes must stay untouched while it is free (poison, a constructed
 * object) or a red-zoned object is too small for it: then it follows the
 * object's metadata.
 */
static int calculate_sizes(struct kmem_cache *s)
{
	slab_flags_t flags = s->flags;
	unsigned int size = ALIGN(s->object_size, sizeof(void *));
	int order;

	if ((flags & SLAB_POISON) && !s->ctor)
		s->flags |= __OBJECT_POISON;
	else
		s->flags &= ~__OBJECT_POISON;

	/* a right red zone of at least one word */
	if ((flags & SLAB_RED_ZONE) && size == s->object_size)
		size += sizeof(void *);
	s->inuse = size;

	if ((flags & SLAB_POISON) || s->ctor ||
	    ((flags & SLAB_RED_ZONE) && s->object_size < sizeof(void *))) {
		s->offset = size;
		size += sizeof(void *);
	} else {
		s->offset = ALIGN_DOWN(s->object_size / 2, sizeof(void *));
	}

	if (flags & SLAB_RED_ZONE) {
		s->red_left_pad = ALIGN(sizeof(void *), s->align);
		size += s->red_left_pad;
	}
	s->size = ALIGN(size, s->align);

	order = calculate_order(s->size);
	if (order < 0)
		return order;
	s->order = order;
	s->objects = (PAGE_SIZE << order) / s->size;
	return 0;
}

/* Keep ilog2(size)/2 partial slabs, within [MIN_PARTIAL, MAX_PARTIAL]. */
static void set_min_partial(struct kmem_cache *s)
{
	unsigned long min = (31 - __builtin_clz(s->size)) / 2;

	s->min_partial = clamp(min, MIN_PARTIAL, MAX_PARTIAL);
}

static void init_kmem_cache_node(struct kmem_cache_node *n)
{
	spin_lock_init(&n->list_lock);
	n->nr_partial = 0;
	INIT_LIST_HEAD(&n->partial);
	INIT_LIST_HEAD(&n->full);
	n->nr_slabs = 0;
	n->total_objects = 0;
}

/* kmem_cache_open - fill in a cache (Linux: __kmem_cache_create()). */
static int kmem_cache_open(struct kmem_cache *s, const char *name, unsigned int size,
			   unsigned int align, slab_flags_t flags, void (*ctor)(void *))
{
	int err;

	s->name = name;
	s->object_size = size;
	s->align = calculate_alignment(flags, align, size);
	s->ctor = ctor;
	s->flags = kmem_cache_flags(name, flags);
	s->allocflags = (s->flags & SLAB_RECLAIM_ACCOUNT) ? __GFP_RECLAIMABLE : 0;
	err = calculate_sizes(s);
	if (err)
		return err;
	set_min_partial(s);
	init_kmem_cache_node(&s->node);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* Slabs: pages in and out of a cache */

/* The node counters: despite the _B suffix (bytes in Linux), Pagoda counts pages. */
static enum node_stat_item cache_vmstat_idx(struct kmem_cache *s)
{
	return (s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE_B : NR_SLAB_UNRECLAIMABLE_B;
}

static void account_slab(struct kmem_cache *s, long pages)
{
	mod_node_page_state(&contig_page_data, cache_vmstat_idx(s), pages);
}

/* Mark (@s) or unmark (NULL) every page of @slab as belonging to a cache. */
static void set_slab_cache(struct page *slab, unsigned int order, struct kmem_cache *s)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		if (s)
			__SetPageSlab(slab + i);
		else
			__ClearPageSlab(slab + i);
		slab[i].slab_cache = s;
	}
}

/* setup_object - a new slab's object: debug patterns, then the constructor. */
static void setup_object(struct kmem_cache *s, void *object)
{
	if (kmem_cache_debug(s))
		init_object(s, object, SLUB_RED_INACTIVE);
	if (s->ctor)
		s->ctor(object);
}

/*
 * allocate_slab - a new slab from the buddy allocator, every object free
 * and chained in address order, so that the first is handed out first.
 */
static struct page *allocate_slab(struct kmem_cache *s, gfp_t flags)
{
	struct page *slab = alloc_pages((flags & ~__GFP_ZERO) | s->allocflags, s->order);
	void *p;

	if (!slab)
		return NULL;
	set_slab_cache(slab, s->order, s);
	slab->objects = s->objects;
	slab->inuse = 0;
	account_slab(s, 1L << s->order);
	setup_slab_debug(s, slab);

	p = fixup_red_left(s, slab_address(slab));
	slab->freelist = p;
	for (unsigned int i = 0; i < slab->objects; i++, p += s->size) {
		setup_object(s, p);
		set_freepointer(s, p, i + 1 < slab->objects ? p + s->size : NULL);
	}
	return slab;
}

/* free_slab - give an empty slab, already off the lists, back to the buddy allocator. */
static void free_slab(struct kmem_cache *s, struct page *slab)
{
	if (kmem_cache_debug(s))
		check_free_slab(s, slab);
	set_slab_cache(slab, s->order, NULL);
	account_slab(s, -(1L << s->order));
	__free_pages(slab, s->order);
}

/*
 * virt_to_slab - the slab holding @x, or NULL if @x is not in one. A slab
 * of order > 0 is a naturally aligned buddy block, so its first page is
 * found by rounding the pfn down (Linux finds it through compound_head()).
 */
static struct page *virt_to_slab(const void *x)
{
	unsigned long pfn = virt_to_pfn(x);
	struct page *page;

	if ((unsigned long)x < PAGE_OFFSET || !pfn_valid(pfn))
		return NULL;
	page = pfn_to_page(pfn);
	if (!PageSlab(page))
		return NULL;
	return pfn_to_page(ALIGN_DOWN(pfn, 1UL << page->slab_cache->order));
}

/* The page of kmalloc_large()'s @x, or NULL if @x is not the start of one. */
static struct page *virt_to_large_kmalloc(const void *x)
{
	unsigned long pfn = virt_to_pfn(x);

	if ((unsigned long)x < PAGE_OFFSET || !pfn_valid(pfn) || !IS_ALIGNED((unsigned long)x, PAGE_SIZE))
		return NULL;
	return PageLargeKmalloc(pfn_to_page(pfn)) ? pfn_to_page(pfn) : NULL;
}

/* ---------------------------------------------------------------------- */
/* The node lists (list_lock held) */

/* A new slab goes to the head of the partial list, a slab that was full to its tail. */
static void add_partial(struct kmem_cache_node *n, struct page *slab, bool tail)
{
	n->nr_partial++;
	if (tail)
		list_add_tail(&slab->slab_list, &n->partial);
	else
		list_add(&slab->slab_list, &n->partial);
}

static void remove_partial(struct kmem_cache_node *n, struct page *slab)
{
	list_del(&slab->slab_list);
	n->nr_partial--;
}

static void add_full(struct kmem_cache_node *n, struct page *slab)
{
	list_add(&slab->slab_list, &n->full);
}

static void remove_full(struct page *slab)
{
	list_del(&slab->slab_list);
}

static void inc_slabs_node(struct kmem_cache_node *n, unsigned int objects)
{
	n->nr_slabs++;
	n->total_objects += objects;
}

static void dec_slabs_node(struct kmem_cache_node *n, unsigned int objects)
{
	n->nr_slabs--;
	n->total_objects -= objects;
}

/* The free objects of the partial slabs (the full ones have none). */
static unsigned long count_partial_free(struct kmem_cache_node *n)
{
	unsigned long flags, free = 0;
	struct page *slab;

	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry(slab, &n->partial, slab_list)
		free += slab->objects - slab->inuse;
	spin_unlock_irqrestore(&n->list_lock, flags);
	return free;
}

/* ---------------------------------------------------------------------- */
/* Allocating and freeing objects */

/*
 * alloc_from_slab - take the first free object of the partial slab @slab
 * (list_lock held); a slab left without free objects moves to the full
 * list. NULL if the debug checks found the freelist corrupt: the slab is
 * then given up as full.
 */
static void *alloc_from_slab(struct kmem_cache *s, struct page *slab)
{
	void *object = slab->freelist;

	if (kmem_cache_debug(s) && !alloc_debug_processing(s, slab, object)) {
		object = NULL;
	} else {
		slab->freelist = get_freepointer(s, object);
		slab->inuse++;
	}
	if (slab->inuse == slab->objects) {
		remove_partial(&s->node, slab);
		add_full(&s->node, slab);
	}
	return object;
}

static void slab_out_of_memory(struct kmem_cache *s, gfp_t gfp)
{
	struct kmem_cache_node *n = &s->node;

	if (gfp & __GFP_NOWARN)
		return;
	pr_warn("SLUB: Unable to allocate memory on node -1, gfp=%#x\n", gfp);
	pr_warn("  cache: %s, object size: %u, buffer size: %u, default order: %u, min order: %u\n",
		s->name, s->object_size, s->size, s->order, s->order);
	pr_warn("  node 0: slabs: %lu, objs: %lu, free: %lu\n", n->nr_slabs, n->total_objects,
		count_partial_free(n));
}

/* slab_alloc - an object from the first partial slab, or from a new slab. */
static void *slab_alloc(struct kmem_cache *s, gfp_t gfp)
{
	struct kmem_cache_node *n = &s->node;
	unsigned long flags;
	struct page *slab;
	void *object = NULL;

	spin_lock_irqsave(&n->list_lock, flags);
	while (!object) {
		slab = list_first_entry_or_null(&n->partial, struct page, slab_list);
		if (!slab) {
			spin_unlock_irqrestore(&n->list_lock, flags);
			slab = allocate_slab(s, gfp);
			if (!slab) {
				slab_out_of_memory(s, gfp);
				return NULL;
			}
			spin_lock_irqsave(&n->list_lock, flags);
			inc_slabs_node(n, slab->objects);
			add_partial(n, slab, false);
		}
		object = alloc_from_slab(s, slab);
	}
	spin_unlock_irqrestore(&n->list_lock, flags);
	return object;
}

/*
 * slab_free - put @object back on its slab's freelist. Freeing the object
 * that already heads the freelist is a double free caught cheaply, as
 * SLUB's hardened freelist does; the debug checks catch the others.
 */
static void slab_free(struct kmem_cache *s, struct page *slab, void *object)
{
	struct kmem_cache_node *n = &s->node;
	unsigned long flags;
	bool was_full;

	spin_lock_irqsave(&n->list_lock, flags);
	was_full = !slab->freelist;
	if (unlikely(object == slab->freelist)) {
		object_err(s, slab, object, "Object already free");
		goto out;
	}
	if (kmem_cache_debug(s) && !free_debug_processing(s, slab, object))
		goto out;

	set_freepointer(s, object, slab->freelist);
	slab->freelist = object;
	slab->inuse--;

	if (!slab->inuse && n->nr_partial >= s->min_partial) {
		if (was_full)
			remove_full(slab);
		else
			remove_partial(n, slab);
		dec_slabs_node(n, slab->objects);
		spin_unlock_irqrestore(&n->list_lock, flags);
		free_slab(s, slab);
		return;
	}
	if (was_full) {
		remove_full(slab);
		add_partial(n, slab, true);
	}
out:
	spin_unlock_irqrestore(&n->list_lock, flags);
}

/**
 * kmem_cache_alloc - allocate an object
 * @s: the cache
 * @gfpflags: GFP flags for a new slab; __GFP_ZERO zeroes the object
 *
 * Returns the object, or NULL if no slab could be allocated.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfpflags)
{
	void *object = slab_alloc(s, gfpflags);

	if (object && (gfpflags & __GFP_ZERO))
		memset(object, 0, s->object_size);
	return object;
}

/**
 * kmem_cache_free - free an object
 * @s: the cache it was allocated from
 * @x: the object
 *
 * An object of another cache is reported and freed to its own cache
 * (Linux's cache_from_obj()); a pointer outside any slab is reported and
 * otherwise ignored.
 */
void kmem_cache_free(struct kmem_cache *s, void *x)
{
	struct page *slab = virt_to_slab(x);

	if (!slab) {
		invalid_object(__func__, x);
		return;
	}
	if (unlikely(slab->slab_cache != s)) {
		slab_error_count++;
		WARN(1, "%s: Wrong slab cache. %s but object is from %s\n", __func__, s->name,
		     slab->slab_cache->name);
	}
	slab_free(slab->slab_cache, slab, x);
}

/**
 * kmem_cache_size - the object size of a cache
 * @s: the cache
 */
unsigned int kmem_cache_size(struct kmem_cache *s)
{
	return s->object_size;
}

/* ---------------------------------------------------------------------- */
/* Shrinking and destroying */

/*
 * free_empty_slabs - give every empty slab of @s back to the buddy
 * allocator; with @report, report the objects still allocated in the other
 * slabs. Returns the number of slabs left.
 */
static unsigned long free_empty_slabs(struct kmem_cache *s, bool report)
{
	struct kmem_cache_node *n = &s->node;
	struct page *slab, *next;
	unsigned long flags, left;
	LIST_HEAD(discard);

	spin_lock_irqsave(&n->list_lock, flags);
	list_for_each_entry_safe(slab, next, &n->partial, slab_list) {
		if (!slab->inuse) {
			remove_partial(n, slab);
			dec_slabs_node(n, slab->objects);
			list_add(&slab->slab_list, &discard);
		} else if (report) {
			list_slab_objects(s, slab);
		}
	}
	if (report)
		list_for_each_entry(slab, &n->full, slab_list)
			list_slab_objects(s, slab);
	left = n->nr_slabs;
	spin_unlock_irqrestore(&n->list_lock, flags);

	list_for_each_entry_safe(slab, next, &discard, slab_list)
		free_slab(s, slab);
	return left;
}

/**
 * kmem_cache_shrink - give a cache's empty slabs back to the buddy allocator
 * @s: the cache
 *
 * Returns 0 if the cache has no slab left, 1 otherwise (as Linux).
 */
int kmem_cache_shrink(struct kmem_cache *s)
{
	return free_empty_slabs(s, false) ? 1 : 0;
}

/**
 * kmem_cache_shrink_all - shrink every cache (echo 2 or 3 > drop_caches)
 */
void kmem_cache_shrink_all(void)
{
	struct kmem_cache *s;

	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	spin_unlock(&slab_caches_lock);
}

/**
 * kmem_cache_destroy - free a cache that no object is allocated from
 * @s: the cache (NULL is ignored)
 *
 * Objects still allocated are a bug of the cache's user: each slab holding
 * some is reported with the objects' addresses, a warning names the
 * caller, and the cache stays (leaked) as in Linux.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	bool busy;

	if (!s)
		return;
	spin_lock(&slab_caches_lock);
	busy = free_empty_slabs(s, true);
	if (!busy)
		list_del(&s->list);
	spin_unlock(&slab_caches_lock);
	if (WARN(busy, "%s %s: Slab cache still has objects when called from %pS\n", __func__,
		 s->name, __builtin_return_address(0)))
		return;
	kmem_cache_free(kmem_cache, s);
}

/* ---------------------------------------------------------------------- */
/* Creating caches */

/**
 * kmem_cache_create - create a cache of objects
 * @name: shown in /proc/slabinfo and reports; must outlive the cache
 * @size: object size, at least 1 byte
 * @align: object alignment, 0 or a power of two (at least 8 is used)
 * @flags: SLAB_* flags (slab.h)
 * @ctor: run once on every object when its slab is allocated, or NULL;
 *        the object must be back in that state whenever it is freed
 *
 * Returns the cache, or NULL (a panic with SLAB_PANIC) if @size or @align
 * is invalid or memory is short. Unlike Linux, caches are never merged.
 */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = NULL;
	int err = -EINVAL;

	if (!name || !size || size > KMALLOC_MAX_SIZE || (align & (align - 1))) {
		pr_err("kmem_cache_create(%s) integrity check failed\n", name);
		goto out;
	}
	err = -ENOMEM;
	s = kmem_cache_zalloc(kmem_cache, GFP_KERNEL);
	if (!s)
		goto out;
	err = kmem_cache_open(s, name, size, align, flags, ctor);
	if (err) {
		kmem_cache_free(kmem_cache, s);
		goto out;
	}
	spin_lock(&slab_caches_lock);
	list_add(&s->list, &slab_caches);
	spin_unlock(&slab_caches_lock);
	return s;
out:
	if (flags & SLAB_PANIC)
		panic("%s: Failed to create slab '%s'. Error %d\n", __func__, name, err);
	pr_warn("%s(%s) failed with error %d\n", __func__, name, err);
	dump_stack();
	return NULL;
}

/*
 * create_boot_cache - fill in a cache that kmem_cache_init() needs: the
 * kmem_cache cache and the kmalloc caches. Power-of-two sizes are aligned
 * to their size, as kmalloc() guarantees.
 */
static void create_boot_cache(struct kmem_cache *s, const char *name, unsigned int size,
			      slab_flags_t flags)
{
	unsigned int align = (size & (size - 1)) ? 0 : size;
	int err = kmem_cache_open(s, name, size, align, flags, NULL);

	if (err)
		panic("Creation of kmalloc slab %s size=%u failed. Reason %d\n", name, size, err);
}

static struct kmem_cache *create_kmalloc_cache(const char *name, unsigned int size)
{
	struct kmem_cache *s = kmem_cache_zalloc(kmem_cache, GFP_NOWAIT);

	if (!s)
		panic("Out of memory when creating slab %s\n", name);
	create_boot_cache(s, name, size, 0);
	list_add(&s->list, &slab_caches);
	return s;
}

/*
 * bootstrap - move a static boot cache into an object of the kmem_cache
 * cache: copy it, relink its lists to the copy and point its slabs at it.
 */
static struct kmem_cache *bootstrap(struct kmem_cache *static_cache)
{
	struct kmem_cache *s = kmem_cache_zalloc(kmem_cache, GFP_NOWAIT);
	struct kmem_cache_node *n = &s->node;
	struct page *slab;

	if (!s)
		panic("Out of memory when creating slab %s\n", static_cache->name);
	memcpy(s, static_cache, sizeof(*s));
	INIT_LIST_HEAD(&n->partial);
	INIT_LIST_HEAD(&n->full);
	list_splice_init(&static_cache->node.partial, &n->partial);
	list_splice_init(&static_cache->node.full, &n->full);
	list_for_each_entry(slab, &n->partial, slab_list)
		set_slab_cache(slab, s->order, s);
	list_for_each_entry(slab, &n->full, slab_list)
		set_slab_cache(slab, s->order, s);
	list_add(&s->list, &slab_caches);
	return s;
}

/**
 * kmem_cache_init - create the kmem_cache cache and the kmalloc caches
 *
 * Called by mm_core_init() once the buddy allocator has memory. The cache
 * of struct kmem_cache cannot be allocated from itself, so it starts as a
 * static structure and moves into its own first object (bootstrap()).
 */
void kmem_cache_init(void)
{
	static struct kmem_cache boot_kmem_cache;

	kmem_cache = &boot_kmem_cache;
	create_boot_cache(kmem_cache, "kmem_cache", sizeof(struct kmem_cache), SLAB_HWCACHE_ALIGN);
	kmem_cache = bootstrap(&boot_kmem_cache);

	for (int i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++)
		kmalloc_caches[i] = create_kmalloc_cache(kmalloc_names[i], 1U << i);

	pr_info("SLUB: HWalign=%d, Order=%u-%u, MinObjects=%u, CPUs=%u, Nodes=%u\n",
		L1_CACHE_BYTES, 0, SLUB_MAX_ORDER, 0, 1, 1);
}

/* ---------------------------------------------------------------------- */
/* kmalloc */

/* The kmalloc cache for @size (1 .. KMALLOC_MAX_CACHE_SIZE): kmalloc-2^index. */
static unsigned int kmalloc_index(size_t size)
{
	if (size <= KMALLOC_MIN_SIZE)
		return KMALLOC_SHIFT_LOW;
	return 64 - __builtin_clzl(size - 1);
}

/* kmalloc_large - whole pages, counted as unreclaimable slab like Linux does. */
static void *kmalloc_large(size_t size, gfp_t flags)
{
	unsigned int order = get_order(size);
	struct page *page = alloc_pages(flags, order);

	if (!page)
		return NULL;
	__SetPageLargeKmalloc(page);
	set_page_private(page, order);
	mod_node_page_state(&contig_page_data, NR_SLAB_UNRECLAIMABLE_B, 1L << order);
	return page_address(page);
}

static void free_large_kmalloc(struct page *page)
{
	unsigned int order = page->private;

	mod_node_page_state(&contig_page_data, NR_SLAB_UNRECLAIMABLE_B, -(1L << order));
	__ClearPageLargeKmalloc(page);
	set_page_private(page, 0);
	__free_pages(page, order);
}

/**
 * kmalloc - allocate memory
 * @size: bytes wanted
 * @flags: GFP flags; __GFP_ZERO zeroes the memory
 *
 * Up to 8 KiB the memory comes from the smallest kmalloc cache that fits
 * and is aligned to that cache's (power-of-two) size; above, from the
 * buddy allocator. kmalloc(0) returns ZERO_SIZE_PTR.
 */
void *kmalloc(size_t size, gfp_t flags)
{
	if (unlikely(size > KMALLOC_MAX_CACHE_SIZE))
		return kmalloc_large(size, flags);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	return kmem_cache_alloc(kmalloc_caches[kmalloc_index(size)], flags);
}

/**
 * kfree - free memory from kmalloc()
 * @objp: the memory; NULL and ZERO_SIZE_PTR are ignored
 *
 * A pointer that is neither a slab object nor the start of a large
 * kmalloc is reported and otherwise ignored.
 */
void kfree(const void *objp)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return;
	page = virt_to_slab(objp);
	if (page) {
		slab_free(page->slab_cache, page, (void *)objp);
		return;
	}
	page = virt_to_large_kmalloc(objp);
	if (page) {
		free_large_kmalloc(page);
		return;
	}
	invalid_object(__func__, objp);
}

/* The usable bytes of an object: never the debug metadata or the free pointer. */
static size_t slab_ksize(struct kmem_cache *s)
{
	if (s->flags & (SLAB_RED_ZONE | SLAB_POISON))
		return s->object_size;
	if (s->offset >= s->inuse)
		return s->inuse;
	return s->size;
}

/**
 * ksize - how many bytes of a kmalloc()ed block may be used
 * @objp: the block
 */
size_t ksize(const void *objp)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(objp)))
		return 0;
	page = virt_to_slab(objp);
	if (page)
		return slab_ksize(page->slab_cache);
	page = virt_to_large_kmalloc(objp);
	if (page)
		return PAGE_SIZE << page->private;
	invalid_object(__func__, objp);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* /proc/slabinfo */

static void cache_show(struct kmem_cache *s, struct seq_file *m)
{
	struct kmem_cache_node *n = &s->node;
	unsigned long active_objs = n->total_objects - count_partial_free(n);

	seq_printf(m, "%-17s %6lu %6lu %6u %4u %4d", s->name, active_objs, n->total_objects,
		   s->size, s->objects, 1 << s->order);
	seq_printf(m, " : tunables %4u %4u %4u", 0, 0, 0);
	seq_printf(m, " : slabdata %6lu %6lu %6lu", n->nr_slabs, n->nr_slabs, 0UL);
	seq_putc(m, '\n');
}

/**
 * slabinfo_show - the text of /proc/slabinfo
 * @m: the output
 * @v: unused
 *
 * Linux's format 2.1, newest cache first. SLUB has no tunables or shared
 * arrays (zeros), and active_slabs is num_slabs.
 */
int slabinfo_show(struct seq_file *m, void *v)
{
	struct kmem_cache *s;

	seq_puts(m, "slabinfo - version: 2.1\n");
	seq_puts(m, "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>");
	seq_puts(m, " : tunables <limit> <batchcount> <sharedfactor>");
	seq_puts(m, " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	spin_lock(&slab_caches_lock);
	list_for_each_entry(s, &slab_caches, list)
		cache_show(s, m);
	spin_unlock(&slab_caches_lock);
	return 0;
}
