// SPDX-License-Identifier: GPL-2.0
/*
 * test_interval_tree.c - host-side unit test of kernel/lib/interval_tree.c
 * and of the INTERVAL_TREE_DEFINE() template behind it.
 *
 * Two instances are driven by the same workloads:
 *  - "interval_tree", the generic one, whose nodes store start and last;
 *  - "range_tree", defined here, whose nodes store a base and a page count
 *    and compute last = base + pages - 1, caching only the subtree last,
 *    the way mm/interval_tree.c indexes anon_vma_chains by their VMA.
 *
 * Random inserts and removes (fixed seeds, duplicates and one-value
 * intervals [x, x] included) are followed by a structure check (every
 * cached subtree last equals the true maximum below it, start order,
 * parent pointers, the leftmost cache) and, regularly, by many random
 * queries whose iter_first/iter_next results are compared with a
 * brute-force scan. Hand-worked examples pin down exact results.
 *
 * Output is TAP: one "ok N - ..." or "not ok N - ... # file:line detail"
 * per check group, then "1..N". Exit status is 1 if any group failed.
 */
/* HOST-SOURCES: kernel/lib/rbtree.c kernel/lib/interval_tree.c */

/*
 * Kernel headers first: glibc's <sys/cdefs.h> undefines __always_inline
 * before defining its own, but compiler.h does not.
 */
#include <linux/interval_tree.h>
#include <linux/interval_tree_generic.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- TAP reporting ---- */

static int tap_count, tap_failures;
static struct {
	bool failed;
	const char *file;
	int line;
	char detail[512];
} failure;

/* Record the first failure of the current group; always returns false. */
static bool __printf(3, 4) fail_at(const char *file, int line,
				   const char *fmt, ...)
{
	va_list ap;

	if (failure.failed)
		return false;
	failure.failed = true;
	failure.file = file;
	failure.line = line;
	va_start(ap, fmt);
	vsnprintf(failure.detail, sizeof(failure.detail), fmt, ap);
	va_end(ap);
	return false;
}

/* EXPECT(cond, fmt, ...) - true if cond holds, else records why and false. */
#define EXPECT(cond, ...) \
	((cond) ? true : fail_at(__FILE__, __LINE__, __VA_ARGS__))

static void run_group(const char *description, void (*group)(void))
{
	memset(&failure, 0, sizeof(failure));
	group();
	tap_count++;
	if (failure.failed) {
		tap_failures++;
		printf("not ok %d - %s # %s:%d %s\n", tap_count, description,
		       failure.file, failure.line, failure.detail);
	} else {
		printf("ok %d - %s\n", tap_count, description);
	}
}

/* xorshift64: a fixed, portable pseudo-random sequence per seed. */
static u64 rng_state;

static unsigned long rng(unsigned long bound)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state % bound;
}

/*
 * ---- the model: pool slot i holds [start[i], last[i]] while in_tree[i] ----
 *
 * Both instances use the same slot numbers, so the workloads, the checker
 * and the brute-force scan only ever deal in slots.
 */
#define POOL 400
/* A red-black tree of n nodes is at most 2 * log2(n + 1) < 18 deep. */
#define MAX_DEPTH 18

static struct {
	unsigned long start[POOL];
	unsigned long last[POOL];
	bool in_tree[POOL];
	int count;
} model;

/* ---- instance 1: the generic tree, intervals stored in the node ---- */

static struct interval_tree_node plain_nodes[POOL];
static struct rb_root_cached plain_root;

static void plain_insert(int i)
{
	plain_nodes[i].start = model.start[i];
	plain_nodes[i].last = model.last[i];
	interval_tree_insert(&plain_nodes[i], &plain_root);
}

static void plain_remove(int i)
{
	interval_tree_remove(&plain_nodes[i], &plain_root);
}

static int plain_slot(struct interval_tree_node *n)
{
	return n ? (int)(n - plain_nodes) : -1;
}

static int plain_first(unsigned long start, unsigned long last)
{
	return plain_slot(interval_tree_iter_first(&plain_root, start, last));
}

static int plain_next(int i, unsigned long start, unsigned long last)
{
	return plain_slot(interval_tree_iter_next(&plain_nodes[i], start,
						  last));
}

static int plain_rb_slot(const struct rb_node *rb)
{
	return plain_slot(rb_entry(rb, struct interval_tree_node, rb));
}

static unsigned long plain_subtree_last(int i)
{
	return plain_nodes[i].__subtree_last;
}

/* ---- instance 2: intervals computed from base and pages, not stored ---- */

struct range_node {
	struct rb_node rb;
	unsigned long base;
	unsigned long pages;
	unsigned long __subtree_last;
};

static inline unsigned long range_start(struct range_node *r)
{
	return r->base;
}

static inline unsigned long range_last(struct range_node *r)
{
	return r->base + r->pages - 1;
}

INTERVAL_TREE_DEFINE(struct range_node, rb, unsigned long, __subtree_last,
		     range_start, range_last, static, range_tree)

static struct range_node range_nodes[POOL];
static struct rb_root_cached range_root;

static void range_insert(int i)
{
	range_nodes[i].base = model.start[i];
	range_nodes[i].pages = model.last[i] - model.start[i] + 1;
	range_tree_insert(&range_nodes[i], &range_root);
}

static void range_remove(int i)
{
	range_tree_remove(&range_nodes[i], &range_root);
}

static int range_slot(struct range_node *n)
{
	return n ? (int)(n - range_nodes) : -1;
}

static int range_first(unsigned long start, unsigned long last)
{
	return range_slot(range_tree_iter_first(&range_root, start, last));
}

static int range_next(int i, unsigned long start, unsigned long last)
{
	return range_slot(range_tree_iter_next(&range_nodes[i], start, last));
}

static int range_rb_slot(const struct rb_node *rb)
{
	return range_slot(rb_entry(rb, struct range_node, rb));
}

static unsigned long range_subtree_last(int i)
{
	return range_nodes[i].__subtree_last;
}

/* ---- one interface over both instances, in terms of pool slots ---- */

struct instance {
	struct rb_root_cached *root;
	void (*insert)(int slot);
	void (*remove)(int slot);
	int (*iter_first)(unsigned long start, unsigned long last);
	int (*iter_next)(int slot, unsigned long start, unsigned long last);
	int (*rb_slot)(const struct rb_node *rb);
	unsigned long (*subtree_last)(int slot);
};

static const struct instance plain = {
	&plain_root, plain_insert, plain_remove, plain_first, plain_next,
	plain_rb_slot, plain_subtree_last,
};

static const struct instance range = {
	&range_root, range_insert, range_remove, range_first, range_next,
	range_rb_slot, range_subtree_last,
};

static void reset(const struct instance *it)
{
	memset(&model, 0, sizeof(model));
	*it->root = RB_ROOT_CACHED;
}

static void add(const struct instance *it, int slot, unsigned long start,
		unsigned long last)
{
	model.start[slot] = start;
	model.last[slot] = last;
	model.in_tree[slot] = true;
	model.count++;
	it->insert(slot);
}

static void del(const struct instance *it, int slot)
{
	model.in_tree[slot] = false;
	model.count--;
	it->remove(slot);
}

/* ---- structure checker ---- */

struct walk {
	const struct instance *it;
	int count;		/* nodes visited so far, in order */
	int first, prev;	/* first and previous slot in order, or -1 */
};

/*
 * Check the subtree under @rb (child of @parent) and return the largest
 * last in it, computed from the model, or 0 with a failure recorded.
 * The cached value of each node must equal that true maximum. Recursion
 * is bounded by @depth_left so a corrupted tree fails cleanly.
 */
static unsigned long check_subtree(const struct rb_node *rb,
				   const struct rb_node *parent,
				   int depth_left, struct walk *w)
{
	unsigned long max, child_max;
	int slot;

	if (!EXPECT(depth_left > 0, "tree deeper than %d", MAX_DEPTH))
		return 0;
	slot = w->it->rb_slot(rb);
	if (!EXPECT(slot >= 0 && slot < POOL && model.in_tree[slot],
		    "reachable node %d is not in the model", slot) ||
	    !EXPECT(rb_parent(rb) == parent, "slot %d: wrong parent", slot))
		return 0;

	max = model.last[slot];
	if (rb->rb_left) {
		child_max = check_subtree(rb->rb_left, rb, depth_left - 1, w);
		if (failure.failed)
			return 0;
		if (child_max > max)
			max = child_max;
	}

	if (!EXPECT(w->prev < 0 || model.start[w->prev] <= model.start[slot],
		    "in-order starts %lu then %lu",
		    w->prev < 0 ? 0 : model.start[w->prev],
		    model.start[slot]))
		return 0;
	if (w->prev < 0)
		w->first = slot;
	w->prev = slot;
	w->count++;

	if (rb->rb_right) {
		child_max = check_subtree(rb->rb_right, rb, depth_left - 1, w);
		if (failure.failed)
			return 0;
		if (child_max > max)
			max = child_max;
	}

	if (!EXPECT(w->it->subtree_last(slot) == max,
		    "[%lu, %lu]: cached subtree last %lu, true %lu",
		    model.start[slot], model.last[slot],
		    w->it->subtree_last(slot), max))
		return 0;
	return max;
}

/* Cached subtree lasts, start order, node count and the leftmost cache. */
static bool check_tree(const struct instance *it)
{
	struct walk w = { .it = it, .first = -1, .prev = -1 };
	const struct rb_node *top = it->root->rb_root.rb_node;
	const struct rb_node *leftmost = it->root->rb_leftmost;

	if (top) {
		check_subtree(top, NULL, MAX_DEPTH, &w);
		if (failure.failed)
			return false;
	}
	if (!EXPECT(w.count == model.count, "tree has %d nodes, model %d",
		    w.count, model.count))
		return false;
	return EXPECT(leftmost ? it->rb_slot(leftmost) == w.first
			       : w.first < 0,
		      "rb_leftmost is slot %d, first in order is %d",
		      leftmost ? it->rb_slot(leftmost) : -1, w.first);
}

/* ---- queries ---- */

static bool overlaps(int slot, unsigned long start, unsigned long last)
{
	return model.start[slot] <= last && start <= model.last[slot];
}

/*
 * Iterate over [start, last] and compare with a brute-force scan: every
 * result must overlap, come in start order, appear once, and the number
 * of results must equal the number of overlapping intervals.
 */
static bool check_query(const struct instance *it, unsigned long start,
			unsigned long last)
{
	static bool seen[POOL];
	int slot, prev = -1, found = 0, want = 0, i;

	memset(seen, 0, sizeof(seen));
	for (slot = it->iter_first(start, last); slot >= 0;
	     slot = it->iter_next(slot, start, last)) {
		if (!EXPECT(model.in_tree[slot] && !seen[slot] &&
			    overlaps(slot, start, last),
			    "query [%lu, %lu] returned [%lu, %lu]%s", start,
			    last, model.start[slot], model.last[slot],
			    seen[slot] ? " twice" : "") ||
		    !EXPECT(prev < 0 || model.start[prev] <= model.start[slot],
			    "query [%lu, %lu]: start %lu after %lu", start,
			    last, model.start[slot], model.start[prev]))
			return false;
		seen[slot] = true;
		prev = slot;
		found++;
	}
	for (i = 0; i < POOL; i++)
		want += model.in_tree[i] && overlaps(i, start, last);
	return EXPECT(found == want, "query [%lu, %lu]: %d results, %d overlap",
		      start, last, found, want);
}

/* Query results as "[s,l] [s,l]" for the exact examples. */
static bool expect_query(const struct instance *it, unsigned long start,
			 unsigned long last, const char *want)
{
	char got[256] = "";
	int slot, used = 0;

	for (slot = it->iter_first(start, last); slot >= 0 && used < 200;
	     slot = it->iter_next(slot, start, last))
		used += snprintf(got + used, sizeof(got) - used, "%s[%lu,%lu]",
				 used ? " " : "", model.start[slot],
				 model.last[slot]);
	return EXPECT(!strcmp(got, want),
		      "query [%lu, %lu] gave \"%s\", want \"%s\"",
		      start, last, got, want);
}

/* ---- groups ---- */

static void exact_examples(const struct instance *it)
{
	reset(it);
	if (!EXPECT(it->iter_first(0, ULONG_MAX) < 0, "empty tree found one"))
		return;

	add(it, 0, 10, 20);
	add(it, 1, 15, 15);
	add(it, 2, 30, 40);
	add(it, 3, 0, 5);
	add(it, 4, 15, 25);
	add(it, 5, 15, 15);		/* a duplicate of slot 1 */
	if (!check_tree(it) ||
	    !expect_query(it, 15, 15, "[10,20] [15,15] [15,25] [15,15]") ||
	    !expect_query(it, 21, 29, "[15,25]") ||
	    !expect_query(it, 5, 10, "[0,5] [10,20]") ||
	    !expect_query(it, 26, 29, "") ||
	    !expect_query(it, 41, 1000, "") ||
	    !expect_query(it, 40, 40, "[30,40]") ||
	    !expect_query(it, 0, ULONG_MAX,
			  "[0,5] [10,20] [15,15] [15,25] [15,15] [30,40]"))
		return;

	del(it, 0);
	del(it, 5);
	if (!check_tree(it) ||
	    !expect_query(it, 15, 20, "[15,15] [15,25]") ||
	    !expect_query(it, 6, 14, ""))
		return;

	/* The top of the range: last == ULONG_MAX must not wrap. */
	add(it, 6, ULONG_MAX - 1, ULONG_MAX);
	add(it, 7, 100, ULONG_MAX);
	if (!check_tree(it) ||
	    !expect_query(it, ULONG_MAX, ULONG_MAX,
			  "[100,18446744073709551615] "
			  "[18446744073709551614,18446744073709551615]") ||
	    !expect_query(it, 41, 99, ""))
		return;
	EXPECT(it->subtree_last(it->rb_slot(it->root->rb_root.rb_node)) ==
	       ULONG_MAX, "root's subtree last is not ULONG_MAX");
}

static void test_exact_plain(void)
{
	exact_examples(&plain);
}

static void test_exact_range(void)
{
	exact_examples(&range);
}

/* A random interval: often [x, x], often a copy of one already present. */
static void random_interval(unsigned long *start, unsigned long *last)
{
	unsigned long roll = rng(100);
	int i;

	if (roll < 15 && model.count) {
		do
			i = rng(POOL);
		while (!model.in_tree[i]);
		*start = model.start[i];
		*last = model.last[i];
		return;
	}
	*start = rng(1000);
	*last = roll < 35 ? *start : *start + 1 + rng(200);
}

/* A random query: mostly short ranges, some points, some huge. */
static bool random_queries(const struct instance *it, int n)
{
	while (n--) {
		unsigned long roll = rng(100), start = rng(1300), last;

		if (roll < 20)
			last = start;
		else if (roll < 90)
			last = start + rng(60);
		else
			last = start + rng(ULONG_MAX - start);
		if (!check_query(it, start, last))
			return false;
	}
	return true;
}

/*
 * @ops random inserts and removes, growing for the first half and
 * shrinking for the second; the structure is checked after every
 * operation and 25 random queries run after every 10th.
 */
static void random_workload(const struct instance *it, u64 seed, int ops)
{
	int op, slot;

	reset(it);
	rng_state = seed;
	for (op = 0; op < ops; op++) {
		int grow = op < ops / 2 ? 60 : 40;
		bool insert = model.count == 0 ||
			(model.count < POOL && (int)rng(100) < grow);

		if (insert) {
			unsigned long start, last;

			random_interval(&start, &last);
			do
				slot = rng(POOL);
			while (model.in_tree[slot]);
			add(it, slot, start, last);
		} else {
			do
				slot = rng(POOL);
			while (!model.in_tree[slot]);
			del(it, slot);
		}
		if (!check_tree(it))
			return;
		if (op % 10 == 0 && !random_queries(it, 25))
			return;
	}

	for (slot = 0; slot < POOL; slot++) {
		if (!model.in_tree[slot])
			continue;
		del(it, slot);
		if (!check_tree(it) || !random_queries(it, 2))
			return;
	}
	EXPECT(RB_EMPTY_ROOT(&it->root->rb_root) && !it->root->rb_leftmost,
	       "tree not empty after removing everything");
}

static void test_random_plain_1(void)
{
	random_workload(&plain, 1, 6000);
}

static void test_random_plain_2(void)
{
	random_workload(&plain, 0x2545f4914fULL, 6000);
}

static void test_random_range(void)
{
	random_workload(&range, 99, 6000);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);

	run_group("interval_tree: exact query results", test_exact_plain);
	run_group("computed-interval instance: exact query results",
		  test_exact_range);
	run_group("interval_tree: random ops and queries, seed 1",
		  test_random_plain_1);
	run_group("interval_tree: random ops and queries, seed 0x2545f4914f",
		  test_random_plain_2);
	run_group("computed-interval instance: random ops and queries, seed 99",
		  test_random_range);

	printf("1..%d\n", tap_count);
	return tap_failures ? 1 : 0;
}
