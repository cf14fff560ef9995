// SPDX-License-Identifier: GPL-2.0
/*
 * slab_test.c - ktest cases for the slab allocator (mm/slub.c and
 * mm/slab_debug.c): object layout and alignment, LIFO reuse, constructors,
 * kmalloc size classes and large kmalloc, the debug checks with exact
 * report counts, shrinking and destroying with exact free-page counts, and
 * /proc/slabinfo.
 */
#include <linux/ktest.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/sprintf.h>

/* One line of /proc/slabinfo. */
struct slabinfo {
	unsigned long active_objs, num_objs, objsize, objperslab, pagesperslab;
	unsigned long tunables[3], active_slabs, num_slabs, sharedavail;
};

static char slabinfo_text[16384];

static const char slabinfo_header[] =
	"slabinfo - version: 2.1\n"
	"# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	" : tunables <limit> <batchcount> <sharedfactor>"
	" : slabdata <active_slabs> <num_slabs> <sharedavail>\n";

/* Render /proc/slabinfo into slabinfo_text; false if it did not fit. */
static bool slabinfo_read(void)
{
	struct seq_file m = { .buf = slabinfo_text, .size = sizeof(slabinfo_text) };

	slabinfo_show(&m, NULL);
	if (seq_has_overflowed(&m))
		return false;
	slabinfo_text[m.count] = '\0';
	return true;
}

/* The next space-separated word of *@s (NULL at the end of the line). */
static char *next_word(char **s)
{
	char *w;

	do {
		w = strsep(s, " ");
	} while (w && !*w);
	return w;
}

static bool parse_number(char **s, unsigned long *v)
{
	char *w = next_word(s);

	return w && !kstrtoul(w, 10, v);
}

static bool parse_literal(char **s, const char *lit)
{
	char *w = next_word(s);

	return w && !strcmp(w, lit);
}

/*
 * parse_slabinfo_line - split a cache's line (modified in place) into its
 * name and the 2.1 fields; false unless it has exactly those.
 */
static bool parse_slabinfo_line(char *line, char **name, struct slabinfo *si)
{
	*name = next_word(&line);
	return *name && parse_number(&line, &si->active_objs) &&
	       parse_number(&line, &si->num_objs) && parse_number(&line, &si->objsize) &&
	       parse_number(&line, &si->objperslab) && parse_number(&line, &si->pagesperslab) &&
	       parse_literal(&line, ":") && parse_literal(&line, "tunables") &&
	       parse_number(&line, &si->tunables[0]) && parse_number(&line, &si->tunables[1]) &&
	       parse_number(&line, &si->tunables[2]) && parse_literal(&line, ":") &&
	       parse_literal(&line, "slabdata") && parse_number(&line, &si->active_slabs) &&
	       parse_number(&line, &si->num_slabs) && parse_number(&line, &si->sharedavail) &&
	       !next_word(&line);
}

/* The slabinfo line of cache @cache: true if it exists and parses. */
static bool slabinfo_get(const char *cache, struct slabinfo *si)
{
	static char line[256];
	size_t len = strlen(cache);
	char *p, *name;

	if (!slabinfo_read())
		return false;
	for (p = slabinfo_text; (p = strstr(p, cache)); p += len) {
		char *end = strchr(p, '\n');

		if ((p != slabinfo_text && p[-1] != '\n') || p[len] != ' ' || !end)
			continue;
		strscpy(line, p, min((size_t)(end - p + 1), sizeof(line)));
		return parse_slabinfo_line(line, &name, si);
	}
	return false;
}

static void sort_pointers(void **v, unsigned long n)
{
	for (unsigned long i = 1; i < n; i++) {
		void *x = v[i];
		unsigned long j = i;

		for (; j && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/*
 * Exact layouts (slot sizes, objects per slab) assume the boot command line
 * has no slub_debug, which adds red zones and free pointers to every cache.
 */
static bool skip_if_slub_debug(struct ktest *t)
{
	struct slabinfo si;

	if (slabinfo_get("kmalloc-64", &si) && si.objsize == 64)
		return false;
	ktest_skip(t, "slub_debug changes the slab layout");
	return true;
}

#define NR_OBJS 600
static void *objs[NR_OBJS];

/* Allocate @n objects of @s into objs[]; false if one allocation fails. */
static bool alloc_objs(struct kmem_cache *s, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		if (!objs[i])
			return false;
	}
	return true;
}

static void free_objs(struct kmem_cache *s, unsigned long n)
{
	for (unsigned long i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
}

/* ---------------------------------------------------------------------- */

KTEST(slab, boot_caches_follow_the_order_rule)
{
	static const struct {
		const char *name;
		unsigned long objsize, objperslab, pagesperslab;
	} caches[] = {
		{ "kmalloc-8", 8, 512, 1 },	{ "kmalloc-16", 16, 256, 1 },
		{ "kmalloc-32", 32, 128, 1 },	{ "kmalloc-64", 64, 64, 1 },
		{ "kmalloc-128", 128, 32, 1 },	{ "kmalloc-256", 256, 16, 1 },
		{ "kmalloc-512", 512, 8, 1 },	{ "kmalloc-1k", 1024, 8, 2 },
		{ "kmalloc-2k", 2048, 8, 4 },	{ "kmalloc-4k", 4096, 8, 8 },
		{ "kmalloc-8k", 8192, 4, 8 },
	};
	struct slabinfo si;

	if (skip_if_slub_debug(t))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(caches); i++) {
		KTEST_ASSERT_TRUE(t, slabinfo_get(caches[i].name, &si));
		KTEST_EXPECT_EQ(t, si.objsize, caches[i].objsize);
		KTEST_EXPECT_EQ(t, si.objperslab, caches[i].objperslab);
		KTEST_EXPECT_EQ(t, si.pagesperslab, caches[i].pagesperslab);
	}
	KTEST_ASSERT_TRUE(t, slabinfo_get("kmem_cache", &si));
	KTEST_EXPECT_EQ(t, si.objsize % 64, 0);		/* SLAB_HWCACHE_ALIGN */
	KTEST_EXPECT_GE(t, si.active_objs, 12);		/* itself and 11 kmalloc caches */
}

KTEST(slab, order_rule_wastes_little)
{
	/* size -> slot, objects and pages per slab (mm/slub.c: calculate_order) */
	static const struct {
		unsigned int size;
		unsigned long objsize, objperslab, pagesperslab;
	} cases[] = {
		{ 100, 104, 39, 1 },	/* 8 objects fit in order 0, 40 bytes left */
		{ 700, 704, 11, 2 },	/* order 1 leaves 448 <= 8192/16 */
		{ 3000, 3000, 10, 8 },	/* order 3 leaves 2768: only <= 1/8 */
		{ 20000, 20000, 1, 8 },	/* one object per order-3 slab */
		{ 40000, 40000, 1, 16 },/* too big for order 3: the order holding one */
	};
	struct slabinfo si;

	if (skip_if_slub_debug(t))
		return;
	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		struct kmem_cache *s = kmem_cache_create("slab_test_order", cases[i].size, 0, 0, NULL);

		KTEST_ASSERT_NOT_NULL(t, s);
		KTEST_EXPECT_EQ(t, kmem_cache_size(s), cases[i].size);
		KTEST_ASSERT_TRUE(t, slabinfo_get("slab_test_order", &si));
		KTEST_EXPECT_EQ(t, si.objsize, cases[i].objsize);
		KTEST_EXPECT_EQ(t, si.objperslab, cases[i].objperslab);
		KTEST_EXPECT_EQ(t, si.pagesperslab, cases[i].pagesperslab);
		kmem_cache_destroy(s);
	}
}

KTEST(slab, objects_are_aligned_distinct_and_writable)
{
	static const struct {
		unsigned int size, align;
		slab_flags_t flags;
		unsigned long expect_align;
	} layouts[] = {
		{ 1, 0, 0, 8 },
		{ 7, 0, 0, 8 },
		{ 24, 16, 0, 16 },
		{ 20, 0, SLAB_HWCACHE_ALIGN, 32 },	/* half a line is enough */
		{ 100, 0, SLAB_HWCACHE_ALIGN, 64 },
		{ 200, 256, 0, 256 },
		{ 3000, 64, 0, 64 },
		{ 5000, 4096, 0, 4096 },
		{ 13, 128, SLAB_RED_ZONE, 128 },
		{ 40, 0, SLAB_DEBUG_FLAGS, 8 },
	};
	const unsigned long n = 200;

	for (unsigned int l = 0; l < ARRAY_SIZE(layouts); l++) {
		unsigned int size = layouts[l].size;
		struct kmem_cache *s = kmem_cache_create("slab_test_layout", size,
							 layouts[l].align, layouts[l].flags, NULL);

		KTEST_ASSERT_NOT_NULL(t, s);
		KTEST_ASSERT_TRUE(t, alloc_objs(s, n));
		for (unsigned long i = 0; i < n; i++) {
			KTEST_EXPECT_EQ(t, (unsigned long)objs[i] % layouts[l].expect_align, 0);
			KTEST_EXPECT_TRUE(t, PageSlab(virt_to_page(objs[i])));
			KTEST_EXPECT_TRUE(t, PageSlab(virt_to_page(objs[i] + size - 1)));
			memset(objs[i], i & 0xff, size);
		}
		for (unsigned long i = 0; i < n; i++)
			KTEST_EXPECT_NULL(t, memchr_inv(objs[i], i & 0xff, size));
		free_objs(s, n);
		sort_pointers(objs, n);
		for (unsigned long i = 1; i < n; i++)
			KTEST_EXPECT_LE(t, objs[i - 1] + size, objs[i]);
		kmem_cache_destroy(s);
	}
}

KTEST(slab, freed_object_is_reused_first)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_lifo", 64, 0, 0, NULL);
	struct slabinfo si;
	void *a, *b;

	KTEST_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_ASSERT_TRUE(t, slabinfo_get("slab_test_lifo", &si));
	KTEST_EXPECT_EQ(t, b, a + si.objsize);	/* a new slab hands out in address order */
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	KTEST_EXPECT_EQ(t, kmem_cache_alloc(s, GFP_KERNEL), b);
	KTEST_EXPECT_EQ(t, kmem_cache_alloc(s, GFP_KERNEL), a);
	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	kmem_cache_destroy(s);
}

static unsigned long ctor_calls;

static void test_ctor(void *object)
{
	ctor_calls++;
	memset(object, 0x42, 48);
}

KTEST(slab, ctor_runs_once_per_object_of_a_new_slab)
{
	struct kmem_cache *s;
	struct slabinfo si;
	unsigned long per_slab;

	if (skip_if_slub_debug(t))
		return;
	s = kmem_cache_create("slab_test_ctor", 48, 0, 0, test_ctor);
	KTEST_ASSERT_NOT_NULL(t, s);
	ctor_calls = 0;
	KTEST_ASSERT_TRUE(t, alloc_objs(s, 1));
	KTEST_ASSERT_TRUE(t, slabinfo_get("slab_test_ctor", &si));
	per_slab = si.objperslab;
	KTEST_EXPECT_EQ(t, per_slab, 73);	/* 48 + free pointer = 56-byte slots */
	KTEST_EXPECT_EQ(t, ctor_calls, per_slab);
	kmem_cache_free(s, objs[0]);

	KTEST_ASSERT_TRUE(t, alloc_objs(s, per_slab + 1));
	KTEST_EXPECT_EQ(t, ctor_calls, 2 * per_slab);
	for (unsigned long i = 0; i <= per_slab; i++)
		KTEST_EXPECT_NULL(t, memchr_inv(objs[i], 0x42, 48));
	free_objs(s, per_slab + 1);
	KTEST_ASSERT_TRUE(t, alloc_objs(s, per_slab + 1));	/* both slabs were kept */
	KTEST_EXPECT_EQ(t, ctor_calls, 2 * per_slab);
	free_objs(s, per_slab + 1);
	kmem_cache_destroy(s);
}

KTEST(slab, zalloc_zeroes)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_zero", 40, 0, 0, NULL);
	u8 *p, *q;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0xff, 40);
	kmem_cache_free(s, p);
	q = kmem_cache_zalloc(s, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, q, p);
	KTEST_EXPECT_NULL(t, memchr_inv(q, 0, 40));
	kmem_cache_free(s, q);
	kmem_cache_destroy(s);

	p = kmalloc(200, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0xff, ksize(p));
	kfree(p);
	q = kzalloc(200, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, q, p);
	KTEST_EXPECT_EQ(t, ksize(q), 256);
	KTEST_EXPECT_NULL(t, memchr_inv(q, 0, 256));
	kfree(q);
}

KTEST(slab, kmalloc_sizes_land_in_the_right_cache)
{
	unsigned long errors = slab_error_count;

	for (size_t size = 1; size <= KMALLOC_MAX_CACHE_SIZE; size++) {
		size_t expect = size <= 8 ? 8 : 1UL << (64 - __builtin_clzl(size - 1));
		void *p = kmalloc(size, GFP_KERNEL);

		KTEST_ASSERT_NOT_NULL(t, p);
		KTEST_EXPECT_EQ(t, ksize(p), expect);
		KTEST_EXPECT_EQ(t, (unsigned long)p % expect, 0);	/* aligned to its size */
		KTEST_EXPECT_TRUE(t, PageSlab(virt_to_page(p)));
		kfree(p);
	}
	KTEST_EXPECT_EQ(t, kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	KTEST_EXPECT_EQ(t, ksize(ZERO_SIZE_PTR), 0);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	KTEST_EXPECT_EQ(t, slab_error_count, errors);
}

KTEST(slab, large_kmalloc_comes_from_the_page_allocator)
{
	unsigned long free0 = ktest_free_pages();
	unsigned long slab0 = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);
	u8 *p = kmalloc(64 * 1024, GFP_KERNEL), *q;
	struct page *page;

	KTEST_ASSERT_NOT_NULL(t, p);
	page = virt_to_page(p);
	KTEST_EXPECT_TRUE(t, PageLargeKmalloc(page));
	KTEST_EXPECT_FALSE(t, PageSlab(page));
	KTEST_EXPECT_EQ(t, page->private, 4);
	KTEST_EXPECT_EQ(t, (unsigned long)p % PAGE_SIZE, 0);
	KTEST_EXPECT_EQ(t, ksize(p), 64 * 1024);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0 - 16);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_SLAB_UNRECLAIMABLE_B), slab0 + 16);
	memset(p, 0xaa, 64 * 1024);

	q = kzalloc(KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL);	/* order 2 */
	KTEST_ASSERT_NOT_NULL(t, q);
	KTEST_EXPECT_EQ(t, ksize(q), 4 * PAGE_SIZE);
	KTEST_EXPECT_NULL(t, memchr_inv(q, 0, 4 * PAGE_SIZE));
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0 - 20);

	kfree(p);
	kfree(q);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_SLAB_UNRECLAIMABLE_B), slab0);
	KTEST_EXPECT_FALSE(t, PageLargeKmalloc(page));
}

KTEST(slab, poison_catches_write_after_free)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_poison", 64, 0, SLAB_POISON, NULL);
	unsigned long errors;
	u8 *a, *b, *c;

	KTEST_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	KTEST_EXPECT_NULL(t, memchr_inv(a, POISON_FREE, 63));	/* fresh memory is poison */
	KTEST_EXPECT_EQ(t, a[63], POISON_END);
	KTEST_EXPECT_EQ(t, ksize(a), 64);

	errors = slab_error_count;
	kmem_cache_free(s, a);
	a[16] = 1;				/* the write after free */
	c = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, c, a);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 1);
	KTEST_EXPECT_EQ(t, c[16], POISON_FREE);	/* restored */

	kmem_cache_free(s, c);
	c = kmem_cache_alloc(s, GFP_KERNEL);	/* the same object checks clean now */
	KTEST_EXPECT_EQ(t, c, a);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 1);

	kmem_cache_free(s, c);
	c[63] = 0;				/* the end marker counts too */
	c = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 2);
	KTEST_EXPECT_EQ(t, c[63], POISON_END);
	kmem_cache_free(s, c);
	kmem_cache_free(s, b);
	kmem_cache_destroy(s);
}

KTEST(slab, red_zone_catches_one_byte_overflow)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_redzone", 24, 0, SLAB_RED_ZONE, NULL);
	unsigned long errors;
	u8 *p, *q;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, p[24], SLUB_RED_ACTIVE);
	KTEST_EXPECT_EQ(t, p[-1], SLUB_RED_ACTIVE);
	KTEST_EXPECT_EQ(t, ksize(p), 24);

	errors = slab_error_count;
	p[24] = 0;				/* one byte past the end */
	kmem_cache_free(s, p);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 1);
	KTEST_EXPECT_EQ(t, p[24], SLUB_RED_INACTIVE);	/* repaired, then freed */

	q = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, q, p);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 1);
	q[-1] = 0;				/* one byte before the start */
	kmem_cache_free(s, q);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 2);
	KTEST_EXPECT_EQ(t, q[-1], SLUB_RED_INACTIVE);

	q = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 2);
	kmem_cache_free(s, q);
	kmem_cache_destroy(s);
}

KTEST(slab, double_free_is_caught_and_not_handed_out_twice)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_dfree", 32, 0, 0, NULL);
	struct kmem_cache *f = kmem_cache_create("slab_test_dfree_f", 32, 0,
						 SLAB_CONSISTENCY_CHECKS, NULL);
	unsigned long errors = slab_error_count;
	void *a, *b, *x, *y, *z;

	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_NOT_NULL(t, f);

	/* no debugging: freeing the freelist head again is still caught */
	a = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	kmem_cache_free(s, a);
	kmem_cache_free(s, a);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 1);
	x = kmem_cache_alloc(s, GFP_KERNEL);
	y = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, x, a);
	KTEST_EXPECT_NE(t, y, a);
	kmem_cache_free(s, x);
	kmem_cache_free(s, y);

	/* consistency checks: found anywhere on the freelist */
	a = kmem_cache_alloc(f, GFP_KERNEL);
	b = kmem_cache_alloc(f, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	kmem_cache_free(f, a);
	kmem_cache_free(f, b);
	kmem_cache_free(f, a);			/* a is second on the freelist */
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 2);
	x = kmem_cache_alloc(f, GFP_KERNEL);
	y = kmem_cache_alloc(f, GFP_KERNEL);
	z = kmem_cache_alloc(f, GFP_KERNEL);
	KTEST_EXPECT_EQ(t, x, b);
	KTEST_EXPECT_EQ(t, y, a);
	KTEST_EXPECT_NE(t, z, a);
	KTEST_EXPECT_NE(t, z, b);

	kmem_cache_free(f, x + 8);		/* not an object start: refused */
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 3);
	kmem_cache_free(f, x);
	kmem_cache_free(f, y);
	kmem_cache_free(f, z);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 3);
	kmem_cache_destroy(f);
	kmem_cache_destroy(s);
}

KTEST(slab, invalid_frees_are_reported_and_ignored)
{
	static long not_from_kmalloc;
	struct kmem_cache *a = kmem_cache_create("slab_test_cache_a", 64, 0, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("slab_test_cache_b", 64, 0, 0, NULL);
	unsigned long errors = slab_error_count, free0;
	struct slabinfo si;
	u8 *large, *p;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	kfree(&not_from_kmalloc);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 1);

	large = kmalloc(4 * PAGE_SIZE, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, large);
	free0 = ktest_free_pages();
	kfree(large + PAGE_SIZE);		/* inside, not the start */
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 2);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0);
	kfree(large);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0 + 4);

	p = kmem_cache_alloc(a, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_free(b, p);			/* wrong cache: freed to its own */
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 3);
	KTEST_ASSERT_TRUE(t, slabinfo_get("slab_test_cache_a", &si));
	KTEST_EXPECT_EQ(t, si.active_objs, 0);
	kmem_cache_destroy(b);
	kmem_cache_destroy(a);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 3);
}

KTEST(slab, shrink_returns_empty_slabs_to_the_buddy_allocator)
{
	const unsigned long slabs = 10, per_slab = 16, kept = 4;	/* min_partial 5 */
	struct kmem_cache *s;
	unsigned long free0;
	struct slabinfo si;

	if (skip_if_slub_debug(t))
		return;
	s = kmem_cache_create("slab_test_shrink", 256, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, s);
	free0 = ktest_free_pages();
	KTEST_ASSERT_TRUE(t, alloc_objs(s, slabs * per_slab));
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0 - slabs);
	KTEST_ASSERT_TRUE(t, slabinfo_get("slab_test_shrink", &si));
	KTEST_EXPECT_EQ(t, si.active_objs, slabs * per_slab);
	KTEST_EXPECT_EQ(t, si.num_slabs, slabs);

	/*
	 * Freeing in allocation order empties the slabs one by one. An empty
	 * slab is kept while fewer than min_partial slabs are partial,
	 * counting itself: the first four stay.
	 */
	free_objs(s, slabs * per_slab);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0 - kept);
	KTEST_ASSERT_TRUE(t, slabinfo_get("slab_test_shrink", &si));
	KTEST_EXPECT_EQ(t, si.active_objs, 0);
	KTEST_EXPECT_EQ(t, si.num_objs, kept * per_slab);
	KTEST_EXPECT_EQ(t, si.num_slabs, kept);

	KTEST_EXPECT_EQ(t, kmem_cache_shrink(s), 0);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0);
	KTEST_ASSERT_TRUE(t, slabinfo_get("slab_test_shrink", &si));
	KTEST_EXPECT_EQ(t, si.num_objs, 0);
	KTEST_EXPECT_EQ(t, si.num_slabs, 0);
	kmem_cache_destroy(s);
}

KTEST(slab, destroy_after_freeing_everything_leaks_nothing)
{
	unsigned long free0, reclaimable0, unreclaimable0;
	struct kmem_cache *s;

	kmem_cache_shrink_all();
	free0 = ktest_free_pages();
	reclaimable0 = global_node_page_state(NR_SLAB_RECLAIMABLE_B);
	unreclaimable0 = global_node_page_state(NR_SLAB_UNRECLAIMABLE_B);

	s = kmem_cache_create("slab_test_destroy", 1000, 0, SLAB_RECLAIM_ACCOUNT, NULL);
	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_TRUE(t, alloc_objs(s, 100));	/* 13 slabs of 8 objects */
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_SLAB_RECLAIMABLE_B), reclaimable0 + 13 * 2);
	free_objs(s, 100);
	kmem_cache_destroy(s);
	kmem_cache_shrink_all();

	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_SLAB_RECLAIMABLE_B), reclaimable0);
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_SLAB_UNRECLAIMABLE_B), unreclaimable0);
}

KTEST(slab, destroy_with_objects_left_complains_and_keeps_the_cache)
{
	struct kmem_cache *s = kmem_cache_create("slab_test_leak", 128, 0, 0, NULL);
	unsigned long errors = slab_error_count;
	struct slabinfo si;
	void *p;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 1);
	KTEST_ASSERT_TRUE(t, slabinfo_get("slab_test_leak", &si));
	KTEST_EXPECT_EQ(t, si.active_objs, 1);

	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
	KTEST_EXPECT_EQ(t, slab_error_count, errors + 1);
	KTEST_EXPECT_FALSE(t, slabinfo_get("slab_test_leak", &si));
}

KTEST(slab, slabinfo_has_linux_format)
{
	char expect[160], *line, *p, *name;
	struct kmem_cache *s;
	struct slabinfo si;
	int lines = 0;

	if (skip_if_slub_debug(t))
		return;
	s = kmem_cache_create("slab_test_info", 100, 0, 0, NULL);
	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_ASSERT_TRUE(t, alloc_objs(s, 50));
	KTEST_ASSERT_TRUE(t, slabinfo_read());
	KTEST_ASSERT_TRUE(t, !strncmp(slabinfo_text, slabinfo_header, strlen(slabinfo_header)));

	/* newest cache first: ours, 50 of 2 * 39 objects in use */
	snprintf(expect, sizeof(expect), "%-17s %6u %6u %6u %4u %4u : tunables %4u %4u %4u"
		 " : slabdata %6u %6u %6u\n", "slab_test_info", 50, 78, 104, 39, 1, 0, 0, 0,
		 2, 2, 0);
	p = slabinfo_text + strlen(slabinfo_header);
	KTEST_EXPECT_TRUE(t, !strncmp(p, expect, strlen(expect)));

	while ((line = strsep(&p, "\n")) && *line) {
		KTEST_EXPECT_TRUE(t, parse_slabinfo_line(line, &name, &si));
		KTEST_EXPECT_LE(t, si.active_objs, si.num_objs);
		KTEST_EXPECT_EQ(t, si.num_objs, si.num_slabs * si.objperslab);
		lines++;
	}
	KTEST_EXPECT_GE(t, lines, 13);		/* kmem_cache, 11 kmalloc caches, ours */
	free_objs(s, 50);
	kmem_cache_destroy(s);
}
