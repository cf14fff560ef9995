// SPDX-License-Identifier: GPL-2.0
/*
 * test_rbtree.c - host-side unit test of kernel/lib/rbtree.c and the
 * augmented tree in include/linux/rbtree_augmented.h.
 *
 * Random insert/erase sequences with fixed seeds are checked against a
 * sorted array, and after every operation a checker verifies the red-black
 * rules, the parent pointers, the in-order order, rb_first/rb_last/rb_next/
 * rb_prev, the cached leftmost node and (for the augmented tree) every
 * node's subtree maximum. Small hand-worked trees pin down exact shapes.
 *
 * Output is TAP: one "ok N - ..." or "not ok N - ... # file:line detail"
 * per check group, then "1..N". Exit status is 1 if any group failed.
 */
/* HOST-SOURCES: kernel/lib/rbtree.c */
/*
 * Kernel headers first: glibc's <sys/cdefs.h> undefines __always_inline
 * before defining its own, but compiler.h does not.
 */
#include <linux/rbtree_augmented.h>

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

/* ---- the test node: key for ordering, val for the augmented maximum ---- */

struct test_node {
	struct rb_node rb;
	unsigned long key;
	unsigned long val;
	unsigned long max_val;	/* augmented: largest val in the subtree */
	bool in_tree;
};

#define POOL 512
static struct test_node pool[POOL];

static struct test_node *to_test(const struct rb_node *rb)
{
	return rb ? rb_entry(rb, struct test_node, rb) : NULL;
}

static unsigned long node_val(const struct test_node *n)
{
	return n->val;
}

RB_DECLARE_CALLBACKS_MAX(static, test_augment, struct test_node, rb,
			 unsigned long, max_val, node_val)

/* Plain insert: equal keys go right, so they keep insertion order. */
static struct rb_node **find_link(struct rb_root *root, unsigned long key,
				  struct rb_node **parent, bool *leftmost,
				  bool augment_val, unsigned long val)
{
	struct rb_node **link = &root->rb_node;

	*parent = NULL;
	*leftmost = true;
	while (*link) {
		struct test_node *p = to_test(*link);

		*parent = *link;
		if (augment_val && p->max_val < val)
			p->max_val = val;
		if (key < p->key) {
			link = &p->rb.rb_left;
		} else {
			link = &p->rb.rb_right;
			*leftmost = false;
		}
	}
	return link;
}

static void insert_plain(struct test_node *n, struct rb_root *root)
{
	struct rb_node *parent, **link;
	bool leftmost;

	link = find_link(root, n->key, &parent, &leftmost, false, 0);
	rb_link_node(&n->rb, parent, link);
	rb_insert_color(&n->rb, root);
	n->in_tree = true;
}

static void insert_cached(struct test_node *n, struct rb_root_cached *root)
{
	struct rb_node *parent, **link;
	bool leftmost;

	link = find_link(&root->rb_root, n->key, &parent, &leftmost, false, 0);
	rb_link_node(&n->rb, parent, link);
	rb_insert_color_cached(&n->rb, root, leftmost);
	n->in_tree = true;
}

static void insert_augmented(struct test_node *n, struct rb_root_cached *root)
{
	struct rb_node *parent, **link;
	bool leftmost;

	link = find_link(&root->rb_root, n->key, &parent, &leftmost, true,
			 n->val);
	n->max_val = n->val;
	rb_link_node(&n->rb, parent, link);
	rb_insert_augmented_cached(&n->rb, root, leftmost, &test_augment);
	n->in_tree = true;
}

/* ---- the checker ---- */

struct walk {
	int count;			/* nodes visited so far, in order */
	const struct test_node *first;	/* the first node in order */
	const struct test_node *prev;	/* the previous node in order */
	bool augmented;
};

/*
 * Check the subtree under @rb, whose parent must be @parent, and return its
 * black height (NULL links count as black height 0), or -1 after recording
 * a failure. In-order position is checked through @w. Recursion depth is
 * bounded by @depth_left, so a corrupted (cyclic or degenerate) tree fails
 * instead of overflowing the stack; 2 * log2(POOL + 1) bounds a valid one.
 */
static int check_subtree(const struct rb_node *rb, const struct rb_node *parent,
			 int depth_left, struct walk *w)
{
	const struct test_node *n = to_test(rb);
	int left_bh, right_bh;
	unsigned long max;

	if (!rb)
		return 0;
	if (!EXPECT(depth_left > 0, "tree deeper than 2*log2(n+1)"))
		return -1;
	if (!EXPECT(rb_parent(rb) == parent,
		    "key %lu: parent %p, expected %p", n->key,
		    (void *)rb_parent(rb), (void *)parent))
		return -1;
	if (!EXPECT(!(rb->__rb_parent_color & 2),
		    "key %lu: unused bit 1 of __rb_parent_color set", n->key))
		return -1;
	if (!EXPECT(n->in_tree, "key %lu: reachable but erased", n->key))
		return -1;
	if (rb_is_red(rb) &&
	    !EXPECT((!rb->rb_left || rb_is_black(rb->rb_left)) &&
		    (!rb->rb_right || rb_is_black(rb->rb_right)),
		    "key %lu: red node with a red child", n->key))
		return -1;

	left_bh = check_subtree(rb->rb_left, rb, depth_left - 1, w);
	if (left_bh < 0)
		return -1;

	if (!EXPECT(!w->prev || w->prev->key <= n->key,
		    "in-order keys %lu then %lu", w->prev ? w->prev->key : 0,
		    n->key))
		return -1;
	if (!EXPECT(rb_prev(rb) == (w->prev ? &w->prev->rb : NULL),
		    "key %lu: rb_prev disagrees with the in-order walk",
		    n->key))
		return -1;
	if (w->prev && !EXPECT(rb_next(&w->prev->rb) == rb,
			       "key %lu: rb_next disagrees with the walk",
			       w->prev->key))
		return -1;
	if (!w->prev)
		w->first = n;
	w->prev = n;
	w->count++;

	right_bh = check_subtree(rb->rb_right, rb, depth_left - 1, w);
	if (right_bh < 0)
		return -1;
	if (!EXPECT(left_bh == right_bh, "key %lu: black heights %d and %d",
		    n->key, left_bh, right_bh))
		return -1;

	if (w->augmented) {
		max = n->val;
		if (rb->rb_left && to_test(rb->rb_left)->max_val > max)
			max = to_test(rb->rb_left)->max_val;
		if (rb->rb_right && to_test(rb->rb_right)->max_val > max)
			max = to_test(rb->rb_right)->max_val;
		if (!EXPECT(n->max_val == max, "key %lu: max_val %lu, true %lu",
			    n->key, n->max_val, max))
			return -1;
	}
	return left_bh + rb_is_black(rb);
}

/*
 * 2 * (floor(log2(n + 1)) + 1): an integer no smaller than the red-black
 * height bound 2 * log2(n + 1).
 */
static int height_bound(int n)
{
	int bits = 0;

	while ((2UL << bits) <= (unsigned long)n + 1)
		bits++;
	return 2 * (bits + 1);
}

/*
 * Verify every rule on @root holding @expected_count nodes, and that
 * rb_first/rb_last match the ends of the walk.
 */
static bool check_tree(const struct rb_root *root, int expected_count,
		       bool augmented)
{
	struct walk w = { .augmented = augmented };
	const struct rb_node *top = root->rb_node;

	if (top && !EXPECT(rb_is_black(top), "root is red"))
		return false;
	if (check_subtree(top, NULL, height_bound(expected_count), &w) < 0)
		return false;
	if (!EXPECT(w.count == expected_count, "walk found %d nodes, want %d",
		    w.count, expected_count))
		return false;
	if (!EXPECT(rb_first(root) == (w.first ? &w.first->rb : NULL),
		    "rb_first is not the first node of the walk"))
		return false;
	if (!EXPECT(rb_last(root) == (w.prev ? &w.prev->rb : NULL),
		    "rb_last is not the last node of the walk"))
		return false;
	return !w.prev || EXPECT(rb_next(&w.prev->rb) == NULL,
				 "rb_next of the last node is not NULL");
}

/* ---- the model: the sorted keys the tree should hold ---- */

static unsigned long model[POOL];
static int model_count;

static void model_insert(unsigned long key)
{
	int i = model_count;

	while (i > 0 && model[i - 1] > key) {
		model[i] = model[i - 1];
		i--;
	}
	model[i] = key;
	model_count++;
}

static void model_erase(unsigned long key)
{
	int i = 0;

	while (model[i] != key)
		i++;
	memmove(&model[i], &model[i + 1],
		(model_count - i - 1) * sizeof(model[0]));
	model_count--;
}

/* The keys in tree order must equal the model, forwards and backwards. */
static bool check_against_model(const struct rb_root *root)
{
	const struct rb_node *rb;
	int i = 0;

	for (rb = rb_first(root); rb; rb = rb_next(rb), i++)
		if (!EXPECT(i < model_count && to_test(rb)->key == model[i],
			    "position %d: key %lu, model %lu", i,
			    to_test(rb)->key, i < model_count ? model[i] : 0))
			return false;
	if (!EXPECT(i == model_count, "%d nodes forwards, model has %d", i,
		    model_count))
		return false;
	for (rb = rb_last(root); rb; rb = rb_prev(rb))
		if (!EXPECT(--i >= 0 && to_test(rb)->key == model[i],
			    "backwards position %d: key %lu", i,
			    to_test(rb)->key))
			return false;
	return EXPECT(i == 0, "backwards walk stopped %d nodes early", i);
}

/* ---- random workloads ---- */

enum tree_kind { PLAIN, CACHED, AUGMENTED };

static void reset_pool(void)
{
	memset(pool, 0, sizeof(pool));
	model_count = 0;
}

static void do_insert(struct test_node *n, enum tree_kind kind,
		      struct rb_root_cached *root)
{
	if (kind == PLAIN)
		insert_plain(n, &root->rb_root);
	else if (kind == CACHED)
		insert_cached(n, root);
	else
		insert_augmented(n, root);
}

static void do_erase(struct test_node *n, enum tree_kind kind,
		     struct rb_root_cached *root)
{
	if (kind == PLAIN)
		rb_erase(&n->rb, &root->rb_root);
	else if (kind == CACHED)
		rb_erase_cached(&n->rb, root);
	else
		rb_erase_augmented_cached(&n->rb, root, &test_augment);
	n->in_tree = false;
}

/* Everything check_tree() checks, plus the model and the leftmost cache. */
static bool check_all(struct rb_root_cached *root, enum tree_kind kind)
{
	if (!check_tree(&root->rb_root, model_count, kind == AUGMENTED))
		return false;
	if (!check_against_model(&root->rb_root))
		return false;
	return kind == PLAIN ||
	       EXPECT(rb_first_cached(root) == rb_first(&root->rb_root),
		      "rb_leftmost is not rb_first");
}

/*
 * @ops random inserts and erases: the tree grows for the first half and
 * shrinks for the second, then whatever is left is erased one by one.
 * Keys are drawn from a small range so duplicates are common.
 */
static void random_workload(u64 seed, int ops, enum tree_kind kind)
{
	struct rb_root_cached root = RB_ROOT_CACHED;
	int op, i;

	reset_pool();
	rng_state = seed;
	for (op = 0; op < ops; op++) {
		int grow = op < ops / 2 ? 60 : 40;
		bool insert = model_count == 0 ||
			(model_count < POOL && (int)rng(100) < grow);
		struct test_node *n;

		if (insert) {
			do
				n = &pool[rng(POOL)];
			while (n->in_tree);
			n->key = rng(POOL / 2);
			n->val = rng(100000);
			do_insert(n, kind, &root);
			model_insert(n->key);
		} else {
			do
				n = &pool[rng(POOL)];
			while (!n->in_tree);
			do_erase(n, kind, &root);
			model_erase(n->key);
		}
		if (!check_all(&root, kind))
			return;
	}

	for (i = 0; i < POOL; i++) {
		if (!pool[i].in_tree)
			continue;
		do_erase(&pool[i], kind, &root);
		model_erase(pool[i].key);
		if (!check_all(&root, kind))
			return;
	}
	EXPECT(RB_EMPTY_ROOT(&root.rb_root) && !rb_first_cached(&root),
	       "tree not empty after erasing everything");
}

static void test_random_plain_1(void)
{
	random_workload(1, 6000, PLAIN);
}

static void test_random_plain_2(void)
{
	random_workload(0x9e3779b97fULL, 6000, PLAIN);
}

static void test_random_cached(void)
{
	random_workload(42, 6000, CACHED);
}

static void test_random_augmented_1(void)
{
	random_workload(7, 6000, AUGMENTED);
}

static void test_random_augmented_2(void)
{
	random_workload(0xdeadbeefcafeULL, 6000, AUGMENTED);
}

/* ---- exact shapes ---- */

/*
 * Describe the tree as key+colour, children in parentheses, "-" for an
 * empty link: "2B(1B,4R)". Returns the length written.
 */
static int shape(const struct rb_node *rb, char *buf, int len)
{
	int used;

	if (!rb)
		return snprintf(buf, len, "-");
	used = snprintf(buf, len, "%lu%c", to_test(rb)->key,
			rb_is_black(rb) ? 'B' : 'R');
	if (!rb->rb_left && !rb->rb_right)
		return used;
	used += snprintf(buf + used, len - used, "(");
	used += shape(rb->rb_left, buf + used, len - used);
	used += snprintf(buf + used, len - used, ",");
	used += shape(rb->rb_right, buf + used, len - used);
	used += snprintf(buf + used, len - used, ")");
	return used;
}

static bool expect_shape(const struct rb_root *root, const char *want)
{
	char got[256];

	shape(root->rb_node, got, sizeof(got));
	return EXPECT(!strcmp(got, want), "shape %s, want %s", got, want);
}

static void test_empty(void)
{
	struct rb_root root = RB_ROOT;
	struct rb_root_cached cached = RB_ROOT_CACHED;
	struct test_node n = { .key = 1 };

	if (!EXPECT(RB_EMPTY_ROOT(&root), "RB_ROOT is not empty") ||
	    !EXPECT(!rb_first(&root) && !rb_last(&root),
		    "rb_first/rb_last of an empty tree") ||
	    !EXPECT(!rb_first_cached(&cached), "RB_ROOT_CACHED leftmost"))
		return;

	RB_CLEAR_NODE(&n.rb);
	if (!EXPECT(RB_EMPTY_NODE(&n.rb), "cleared node is not empty") ||
	    !EXPECT(!rb_next(&n.rb) && !rb_prev(&n.rb),
		    "rb_next/rb_prev of a cleared node"))
		return;

	insert_plain(&n, &root);
	if (!EXPECT(!RB_EMPTY_ROOT(&root) && !RB_EMPTY_NODE(&n.rb),
		    "one-node tree looks empty") ||
	    !EXPECT(rb_first(&root) == &n.rb && rb_last(&root) == &n.rb,
		    "rb_first/rb_last of a one-node tree") ||
	    !expect_shape(&root, "1B"))
		return;
	rb_erase(&n.rb, &root);
	EXPECT(RB_EMPTY_ROOT(&root), "tree not empty after erasing its node");
}

/*
 * Inserting 1..7 in order exercises the recolour and both rotation cases;
 * erasing the root 2 then takes its successor 3 from deep in the right
 * subtree and needs the sibling-with-red-outer-child fix-up.
 */
static void test_exact_shapes(void)
{
	static const char *const after_insert[] = {
		"1B", "1B(-,2R)", "2B(1R,3R)", "2B(1B,3B(-,4R))",
		"2B(1B,4B(3R,5R))", "2B(1B,4R(3B,5B(-,6R)))",
		"2B(1B,4R(3B,6B(5R,7R)))",
	};
	struct rb_root root = RB_ROOT;
	int i;

	reset_pool();
	for (i = 0; i < 7; i++) {
		pool[i].key = i + 1;
		insert_plain(&pool[i], &root);
		model_insert(i + 1);
		if (!expect_shape(&root, after_insert[i]) ||
		    !check_tree(&root, model_count, false))
			return;
	}

	rb_erase(&pool[1].rb, &root);	/* key 2 */
	pool[1].in_tree = false;
	if (!expect_shape(&root, "3B(1B,6R(4B(-,5R),7B))"))
		return;
	/* key 1: red sibling 6, then the new sibling 4 has a red outer 5 */
	rb_erase(&pool[0].rb, &root);
	pool[0].in_tree = false;
	if (!expect_shape(&root, "6B(4R(3B,5B),7B)"))
		return;
	check_tree(&root, 5, false);
}

/*
 * Ascending and descending runs are the worst case for an unbalanced
 * tree; here the height must stay within 2*log2(n+1) (check_tree).
 */
static void test_sorted_runs(void)
{
	struct rb_root root = RB_ROOT;
	int i;

	reset_pool();
	for (i = 0; i < POOL; i++) {
		pool[i].key = i < POOL / 2 ? i : 3 * POOL / 2 - i;
		insert_plain(&pool[i], &root);
		model_insert(pool[i].key);
		if (!check_tree(&root, i + 1, false))
			return;
	}
	check_against_model(&root);
}

/* rb_replace_node() swaps a node for a copy without any rebalancing. */
static void test_replace(void)
{
	static struct test_node spare[POOL / 4];
	struct rb_root root = RB_ROOT;
	int i;

	reset_pool();
	rng_state = 3;
	for (i = 0; i < POOL / 2; i++) {
		pool[i].key = rng(1000);
		insert_plain(&pool[i], &root);
		model_insert(pool[i].key);
	}
	for (i = 0; i < POOL / 4; i++) {
		struct test_node *victim = &pool[2 * i];
		unsigned long color = rb_color(&victim->rb);

		spare[i].key = victim->key;
		spare[i].in_tree = true;
		rb_replace_node(&victim->rb, &spare[i].rb, &root);
		victim->in_tree = false;
		if (!EXPECT(rb_color(&spare[i].rb) == color,
			    "key %lu: colour not kept", victim->key) ||
		    !check_tree(&root, POOL / 2, false))
			return;
	}
	check_against_model(&root);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);

	run_group("empty tree, cleared node, single node", test_empty);
	run_group("exact shapes inserting 1..7 and erasing 2 and 1",
		  test_exact_shapes);
	run_group("sorted runs stay balanced", test_sorted_runs);
	run_group("rb_replace_node keeps shape and colour", test_replace);
	run_group("random insert/erase vs sorted array, seed 1",
		  test_random_plain_1);
	run_group("random insert/erase vs sorted array, seed 0x9e3779b97f",
		  test_random_plain_2);
	run_group("cached tree: rb_leftmost tracks rb_first",
		  test_random_cached);
	run_group("augmented subtree max, seed 7", test_random_augmented_1);
	run_group("augmented subtree max, seed 0xdeadbeefcafe",
		  test_random_augmented_2);

	printf("1..%d\n", tap_count);
	return tap_failures ? 1 : 0;
}
