/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rbtree.h - red-black trees: the node, the root and the basic operations.
 *
 * Mirrors include/linux/rbtree.h and include/linux/rbtree_types.h.
 *
 * The tree is intrusive: a struct rb_node is embedded in the caller's
 * structure and rb_entry() gets back to the container. The tree code never
 * compares keys. The caller walks down from the root itself, comparing its
 * own keys, finds the empty link where the new node belongs, attaches it
 * with rb_link_node() and then calls rb_insert_color() to rebalance:
 *
 *	struct rb_node **link = &root->rb_node, *parent = NULL;
 *
 *	while (*link) {
 *		parent = *link;
 *		if (key < rb_entry(parent, struct thing, node)->key)
 *			link = &parent->rb_left;
 *		else
 *			link = &parent->rb_right;
 *	}
 *	rb_link_node(&new->node, parent, link);
 *	rb_insert_color(&new->node, root);
 *
 * Each node's parent pointer and colour share one word, __rb_parent_color:
 * nodes are at least 4-byte aligned, so bit 0 of a node address is always
 * zero and holds the colour instead (0 = red, 1 = black).
 */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H

#include <linux/kernel.h>

struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
	struct rb_node *rb_node;
};

/*
 * A root that also remembers its leftmost (smallest) node, so that
 * rb_first_cached() is O(1) instead of a walk down the left spine.
 */
struct rb_root_cached {
	struct rb_root rb_root;
	struct rb_node *rb_leftmost;
};

#define RB_ROOT		((struct rb_root) { NULL })
#define RB_ROOT_CACHED	((struct rb_root_cached) { { NULL }, NULL })

/* The parent pointer, with the colour bit masked off. */
#define rb_parent(r)	((struct rb_node *)((r)->__rb_parent_color & ~3UL))

#define rb_entry(ptr, type, member) container_of(ptr, type, member)

#define RB_EMPTY_ROOT(root)	((root)->rb_node == NULL)

/*
 * A node that is not in any tree points to itself. RB_CLEAR_NODE() marks
 * a node that way; RB_EMPTY_NODE() tests for it.
 */
#define RB_EMPTY_NODE(node) \
	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node) \
	((node)->__rb_parent_color = (unsigned long)(node))

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);

void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root);

/**
 * rb_link_node - attach a new node at an empty link found by a search
 * @node: the node to attach; it becomes a red leaf
 * @parent: the node whose child @node becomes (NULL for an empty tree)
 * @rb_link: the empty child pointer of @parent (or the root pointer)
 *
 * The tree may now break the red-black rules; follow with
 * rb_insert_color() (or an augmented/cached variant) to repair it.
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = NULL;
	node->rb_right = NULL;
	*rb_link = node;
}

/* The smallest node of a cached tree, or NULL if it is empty. */
#define rb_first_cached(root) ((root)->rb_leftmost)

/**
 * rb_insert_color_cached - rebalance after linking, keeping rb_leftmost
 * @node: the node just attached with rb_link_node()
 * @root: the cached tree
 * @leftmost: true if the search for @node's place only ever went left
 */
static inline void rb_insert_color_cached(struct rb_node *node,
					  struct rb_root_cached *root,
					  bool leftmost)
{
	if (leftmost)
		root->rb_leftmost = node;
	rb_insert_color(node, &root->rb_root);
}

/**
 * rb_erase_cached - remove a node from a cached tree
 * @node: the node to remove
 * @root: the cached tree
 */
static inline void rb_erase_cached(struct rb_node *node,
				   struct rb_root_cached *root)
{
	if (root->rb_leftmost == node)
		root->rb_leftmost = rb_next(node);
	rb_erase(node, &root->rb_root);
}

#endif /* _LINUX_RBTREE_H */
