// SPDX-License-Identifier: GPL-2.0
/*
 * rbtree.c - red-black tree rebalancing, erase and in-order walking.
 *
 * Mirrors lib/rbtree.c.
 *
 * A red-black tree is a binary search tree whose nodes are coloured so that:
 *  1. every node is red or black;
 *  2. the root is black;
 *  3. a red node has no red child;
 *  4. every path from a node down to an empty (NULL) link passes the same
 *     number of black nodes (the node's "black height").
 * Rules 3 and 4 keep the longest root-to-leaf path at most twice the
 * shortest, so the height is O(log n).
 *
 * Insert adds a red leaf, which can only break rule 3 (or rule 2); erase can
 * remove a black node, which breaks rule 4. Both repair the tree bottom-up
 * with recolouring and at most three rotations, iteratively, never recursing.
 * Each fix-up exists twice, once as written and once mirrored left <-> right.
 *
 * The augmented variants report every rotation to a callback so that a
 * value summarising each subtree can be kept up to date; the plain tree
 * passes callbacks that do nothing.
 */
#include <linux/rbtree_augmented.h>

static inline void rb_set_black(struct rb_node *rb)
{
	rb->__rb_parent_color |= RB_BLACK;
}

/* The parent of a node known to be red: no colour bit to mask off. */
static inline struct rb_node *rb_red_parent(struct rb_node *red)
{
	return (struct rb_node *)red->__rb_parent_color;
}

/*
 * Finish a rotation: @new takes @old's parent, colour and place in the tree;
 * @old becomes a child of @new with colour @color. The caller has already
 * rewired the child pointers of @old and @new.
 */
static inline void
__rb_rotate_set_parents(struct rb_node *old, struct rb_node *new,
			struct rb_root *root, int color)
{
	struct rb_node *parent = rb_parent(old);

	new->__rb_parent_color = old->__rb_parent_color;
	rb_set_parent_color(old, new, color);
	__rb_change_child(old, new, parent, root);
}

/*
 * Repair the colours after @node was linked in as a red leaf.
 *
 * The only possible fault is a red @node below a red parent. Its
 * grandparent G is then black. Let U be the parent's sibling (the uncle):
 *
 *  - U red: paint the parent and U black and G red. The black heights are
 *    unchanged, but G may now be red below a red node; retry from G.
 *  - U black, @node on the inner side (the parent's right, when the parent
 *    is G's left): rotate the parent so that the fault is on the outer side.
 *  - U black, @node on the outer side: rotate at G so the parent takes G's
 *    place; paint the parent black and G red. Done.
 *
 * In the pictures below upper case is black and lower case is red.
 */
static __always_inline void
__rb_insert(struct rb_node *node, struct rb_root *root,
	    void (*augment_rotate)(struct rb_node *old, struct rb_node *new))
{
	struct rb_node *parent = rb_red_parent(node), *gparent, *tmp;

	while (true) {
		if (!parent) {
			/* @node is the root: rule 2 says black. */
			rb_set_parent_color(node, NULL, RB_BLACK);
			break;
		}
		if (rb_is_black(parent))
			break;

		gparent = rb_red_parent(parent);
		tmp = gparent->rb_right;
		if (parent != tmp) {		/* parent == gparent->rb_left */
			if (tmp && rb_is_red(tmp)) {
				/* Red uncle: recolour and move up. */
				rb_set_parent_color(tmp, gparent, RB_BLACK);
				rb_set_parent_color(parent, gparent, RB_BLACK);
				node = gparent;
				parent = rb_parent(node);
				rb_set_parent_color(node, parent, RB_RED);
				continue;
			}

			tmp = parent->rb_right;
			if (node == tmp) {
				/*
				 * Inner side: rotate left at parent.
				 *
				 *      G             G
				 *     / \           / \
				 *    p   U  -->    n   U
				 *     \           /
				 *      n         p
				 *
				 * n's parent pointer is fixed by the rotation
				 * at G just below.
				 */
				tmp = node->rb_left;
				parent->rb_right = tmp;
				node->rb_left = parent;
				if (tmp)
					rb_set_parent_color(tmp, parent,
							    RB_BLACK);
				rb_set_parent_color(parent, node, RB_RED);
				augment_rotate(parent, node);
				parent = node;
				tmp = node->rb_right;
			}

			/*
			 * Outer side: rotate right at G.
			 *
			 *        G           P
			 *       / \         / \
			 *      p   U  -->  n   g
			 *     /                 \
			 *    n                   U
			 */
			gparent->rb_left = tmp;
			parent->rb_right = gparent;
			if (tmp)
				rb_set_parent_color(tmp, gparent, RB_BLACK);
			__rb_rotate_set_parents(gparent, parent, root, RB_RED);
			augment_rotate(gparent, parent);
			break;
		} else {		/* mirror: parent is G's right child */
			tmp = gparent->rb_left;
			if (tmp && rb_is_red(tmp)) {
				rb_set_parent_color(tmp, gparent, RB_BLACK);
				rb_set_parent_color(parent, gparent, RB_BLACK);
				node = gparent;
				parent = rb_parent(node);
				rb_set_parent_color(node, parent, RB_RED);
				continue;
			}

			tmp = parent->rb_left;
			if (node == tmp) {
				tmp = node->rb_right;
				parent->rb_left = tmp;
				node->rb_right = parent;
				if (tmp)
					rb_set_parent_color(tmp, parent,
							    RB_BLACK);
				rb_set_parent_color(parent, node, RB_RED);
				augment_rotate(parent, node);
				parent = node;
				tmp = node->rb_left;
			}

			gparent->rb_right = tmp;
			parent->rb_left = gparent;
			if (tmp)
				rb_set_parent_color(tmp, gparent, RB_BLACK);
			__rb_rotate_set_parents(gparent, parent, root, RB_RED);
			augment_rotate(gparent, parent);
			break;
		}
	}
}

/*
 * Repair the black heights after an erase.
 *
 * On entry every path through @parent's child "node" (initially the empty
 * link the erased node left behind) has one black node too few. Node is
 * black or NULL, so its sibling S exists. The cases, for node on the left:
 *
 *  1. S red (so @parent and S's children are black): rotate left at
 *     @parent, paint S black and @parent red. Node's new sibling is black;
 *     go on with cases 2-4.
 *  2. S black with two black children: paint S red, which takes one black
 *     off S's side too. If @parent was red, paint it black: done.
 *     Otherwise @parent's whole subtree is one black short; retry one
 *     level up.
 *  3. S black, its outer (right) child black, its inner (left) child red:
 *     rotate right at S so that the red child becomes the sibling, with a
 *     red node on its outer side; go on with case 4.
 *  4. S black with a red outer child: rotate left at @parent. S takes
 *     @parent's colour, @parent and the outer child turn black. Node's
 *     side has gained a black node: done.
 */
static __always_inline void
____rb_erase_color(struct rb_node *parent, struct rb_root *root,
		   void (*augment_rotate)(struct rb_node *old,
					  struct rb_node *new))
{
	struct rb_node *node = NULL, *sibling, *tmp1, *tmp2;

	while (true) {
		sibling = parent->rb_right;
		if (node != sibling) {		/* node == parent->rb_left */
			if (rb_is_red(sibling)) {
				/* Case 1 */
				tmp1 = sibling->rb_left;
				parent->rb_right = tmp1;
				sibling->rb_left = parent;
				rb_set_parent_color(tmp1, parent, RB_BLACK);
				__rb_rotate_set_parents(parent, sibling, root,
							RB_RED);
				augment_rotate(parent, sibling);
				sibling = tmp1;
			}
			tmp1 = sibling->rb_right;
			if (!tmp1 || rb_is_black(tmp1)) {
				tmp2 = sibling->rb_left;
				if (!tmp2 || rb_is_black(tmp2)) {
					/* Case 2 */
					rb_set_parent_color(sibling, parent,
							    RB_RED);
					if (rb_is_red(parent)) {
						rb_set_black(parent);
						break;
					}
					node = parent;
					parent = rb_parent(node);
					if (!parent)
						break;
					continue;
				}
				/*
				 * Case 3: tmp2 (red) moves above the sibling.
				 * Their colours and tmp2's parent pointer are
				 * set by case 4, which always follows.
				 */
				tmp1 = tmp2->rb_right;
				sibling->rb_left = tmp1;
				tmp2->rb_right = sibling;
				parent->rb_right = tmp2;
				if (tmp1)
					rb_set_parent_color(tmp1, sibling,
							    RB_BLACK);
				augment_rotate(sibling, tmp2);
				tmp1 = sibling;
				sibling = tmp2;
			}
			/* Case 4: tmp1 is the sibling's red outer child. */
			tmp2 = sibling->rb_left;
			parent->rb_right = tmp2;
			sibling->rb_left = parent;
			rb_set_parent_color(tmp1, sibling, RB_BLACK);
			if (tmp2)
				rb_set_parent(tmp2, parent);
			__rb_rotate_set_parents(parent, sibling, root,
						RB_BLACK);
			augment_rotate(parent, sibling);
			break;
		} else {			/* mirror: node is the right */
			sibling = parent->rb_left;
			if (rb_is_red(sibling)) {
				tmp1 = sibling->rb_right;
				parent->rb_left = tmp1;
				sibling->rb_right = parent;
				rb_set_parent_color(tmp1, parent, RB_BLACK);
				__rb_rotate_set_parents(parent, sibling, root,
							RB_RED);
				augment_rotate(parent, sibling);
				sibling = tmp1;
			}
			tmp1 = sibling->rb_left;
			if (!tmp1 || rb_is_black(tmp1)) {
				tmp2 = sibling->rb_right;
				if (!tmp2 || rb_is_black(tmp2)) {
					rb_set_parent_color(sibling, parent,
							    RB_RED);
					if (rb_is_red(parent)) {
						rb_set_black(parent);
						break;
					}
					node = parent;
					parent = rb_parent(node);
					if (!parent)
						break;
					continue;
				}
				tmp1 = tmp2->rb_left;
				sibling->rb_right = tmp1;
				tmp2->rb_left = sibling;
				parent->rb_left = tmp2;
				if (tmp1)
					rb_set_parent_color(tmp1, sibling,
							    RB_BLACK);
				augment_rotate(sibling, tmp2);
				tmp1 = sibling;
				sibling = tmp2;
			}
			tmp2 = sibling->rb_right;
			parent->rb_left = tmp2;
			sibling->rb_right = parent;
			rb_set_parent_color(tmp1, sibling, RB_BLACK);
			if (tmp2)
				rb_set_parent(tmp2, parent);
			__rb_rotate_set_parents(parent, sibling, root,
						RB_BLACK);
			augment_rotate(parent, sibling);
			break;
		}
	}
}

/* Callbacks for the plain tree: there is no subtree value to maintain. */
static inline void dummy_propagate(struct rb_node *node __maybe_unused,
				   struct rb_node *stop __maybe_unused) {}
static inline void dummy_copy(struct rb_node *old __maybe_unused,
			      struct rb_node *new __maybe_unused) {}
static inline void dummy_rotate(struct rb_node *old __maybe_unused,
				struct rb_node *new __maybe_unused) {}

static const struct rb_augment_callbacks dummy_callbacks = {
	.propagate = dummy_propagate,
	.copy = dummy_copy,
	.rotate = dummy_rotate
};

/**
 * rb_insert_color - rebalance the tree after a node was linked in
 * @node: the node just attached with rb_link_node()
 * @root: the tree
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	__rb_insert(node, root, dummy_rotate);
}

/**
 * rb_erase - remove a node from the tree and rebalance
 * @node: the node to remove; it must be in the tree
 * @root: the tree
 *
 * @node's own fields are left stale; use RB_CLEAR_NODE() to mark it unused.
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *rebalance;

	rebalance = __rb_erase_augmented(node, root, &dummy_callbacks);
	if (rebalance)
		____rb_erase_color(rebalance, root, dummy_rotate);
}

/**
 * __rb_insert_augmented - rb_insert_color() reporting each rotation
 * @node: the node just attached with rb_link_node()
 * @root: the tree
 * @augment_rotate: called after every rotation
 *
 * Use rb_insert_augmented(), which takes the callback table.
 */
void __rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			   void (*augment_rotate)(struct rb_node *old,
						  struct rb_node *new))
{
	__rb_insert(node, root, augment_rotate);
}

/**
 * __rb_erase_color - the erase fix-up, reporting each rotation
 * @parent: the node returned by __rb_erase_augmented()
 * @root: the tree
 * @augment_rotate: called after every rotation
 *
 * Out of line so that rb_erase_augmented() can be inline without copying
 * the whole fix-up into every user.
 */
void __rb_erase_color(struct rb_node *parent, struct rb_root *root,
		      void (*augment_rotate)(struct rb_node *old,
					     struct rb_node *new))
{
	____rb_erase_color(parent, root, augment_rotate);
}

/**
 * rb_first - the leftmost (smallest) node of a tree
 * @root: the tree
 *
 * Return: the node, or NULL if the tree is empty.
 */
struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

/**
 * rb_last - the rightmost (largest) node of a tree
 * @root: the tree
 *
 * Return: the node, or NULL if the tree is empty.
 */
struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

/**
 * rb_next - the in-order successor of a node
 * @node: a node in a tree
 *
 * Return: the next larger node, or NULL if @node is the last one (or is
 * not in a tree, see RB_CLEAR_NODE()).
 */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;

	/* With a right subtree, the successor is its leftmost node. */
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}

	/*
	 * Otherwise climb while we are a right child; the first ancestor
	 * reached from its left side is the successor.
	 */
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

/**
 * rb_prev - the in-order predecessor of a node
 * @node: a node in a tree
 *
 * Return: the next smaller node, or NULL if @node is the first one (or is
 * not in a tree).
 */
struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;

	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}

	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}

/**
 * rb_replace_node - put a new node in an old node's place
 * @victim: the node to take out; it must be in the tree
 * @new: the node to put in; it must not be in a tree
 * @root: the tree
 *
 * No rebalancing: @new takes @victim's colour and links, so the caller
 * must make sure @new sorts exactly where @victim did.
 */
void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root)
{
	struct rb_node *parent = rb_parent(victim);

	*new = *victim;
	if (victim->rb_left)
		rb_set_parent(victim->rb_left, new);
	if (victim->rb_right)
		rb_set_parent(victim->rb_right, new);
	__rb_change_child(victim, new, parent, root);
}
