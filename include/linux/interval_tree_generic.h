/* SPDX-License-Identifier: GPL-2.0 */
/*
 * interval_tree_generic.h - a template that writes an interval tree for any
 * structure embedding a struct rb_node.
 *
 * Mirrors include/linux/interval_tree_generic.h.
 *
 * Intervals are closed, [start, last], and a node's start and last are not
 * read from fields but computed by ITSTART(node) and ITLAST(node), which may
 * be functions or macros. This is what lets mm/interval_tree.c index each
 * anon_vma_chain by the page offsets its VMA covers without storing them.
 *
 * The tree is an augmented red-black tree (see rbtree_augmented.h) sorted by
 * start (equal starts keep insertion order). Each node caches in ITSUBTREE
 * the largest last of the intervals in its subtree, which is the one value
 * a query needs to skip a whole subtree: if it is below the query's start,
 * nothing in that subtree can overlap.
 *
 * INTERVAL_TREE_DEFINE(ITSTRUCT, ITRB, ITTYPE, ITSUBTREE,
 *			ITSTART, ITLAST, ITSTATIC, ITPREFIX)
 *
 * @ITSTRUCT:  the node structure, e.g. struct interval_tree_node
 * @ITRB:      name of its struct rb_node member
 * @ITTYPE:    the type of the interval ends, e.g. unsigned long
 * @ITSUBTREE: name of its ITTYPE member caching the subtree's largest last
 * @ITSTART:   ITTYPE ITSTART(ITSTRUCT *node), the interval's first value
 * @ITLAST:    ITTYPE ITLAST(ITSTRUCT *node), the interval's last value
 * @ITSTATIC:  storage class of the generated functions (static or empty)
 * @ITPREFIX:  prefix of the generated names
 *
 * generates, on a struct rb_root_cached:
 *
 *	void ITPREFIX_insert(ITSTRUCT *node, struct rb_root_cached *root);
 *	void ITPREFIX_remove(ITSTRUCT *node, struct rb_root_cached *root);
 *	ITSTRUCT *ITPREFIX_iter_first(struct rb_root_cached *root,
 *				      ITTYPE start, ITTYPE last);
 *	ITSTRUCT *ITPREFIX_iter_next(ITSTRUCT *node, ITTYPE start, ITTYPE last);
 *
 * iter_first() returns the first interval (in start order) overlapping
 * [start, last], iter_next() the one after @node; both return NULL at the
 * end. A node's ITSTART/ITLAST must not change while it is in the tree.
 */
#ifndef _LINUX_INTERVAL_TREE_GENERIC_H
#define _LINUX_INTERVAL_TREE_GENERIC_H

#include <linux/rbtree_augmented.h>

#define INTERVAL_TREE_DEFINE(ITSTRUCT, ITRB, ITTYPE, ITSUBTREE,		\
			     ITSTART, ITLAST, ITSTATIC, ITPREFIX)	\
									\
/* Callbacks keeping node->ITSUBTREE == max ITLAST() over the subtree. */ \
RB_DECLARE_CALLBACKS_MAX(static, ITPREFIX ## _augment, ITSTRUCT, ITRB,	\
			 ITTYPE, ITSUBTREE, ITLAST)			\
									\
/**									\
 * ITPREFIX_insert - add an interval to the tree			\
 * @node: the node; ITSTART/ITLAST must already give its interval	\
 * @root: the tree							\
 */									\
ITSTATIC void ITPREFIX ## _insert(ITSTRUCT *node,			\
				  struct rb_root_cached *root)		\
{									\
	struct rb_node **link = &root->rb_root.rb_node, *rb_up = NULL;	\
	ITTYPE start = ITSTART(node), last = ITLAST(node);		\
	ITSTRUCT *parent;						\
	bool leftmost = true;						\
									\
	while (*link) {							\
		rb_up = *link;						\
		parent = rb_entry(rb_up, ITSTRUCT, ITRB);		\
		/* @node will sit below parent: widen its subtree value. */ \
		if (parent->ITSUBTREE < last)				\
			parent->ITSUBTREE = last;			\
		if (start < ITSTART(parent)) {				\
			link = &parent->ITRB.rb_left;			\
		} else {						\
			link = &parent->ITRB.rb_right;			\
			leftmost = false;				\
		}							\
	}								\
									\
	node->ITSUBTREE = last;						\
	rb_link_node(&node->ITRB, rb_up, link);				\
	rb_insert_augmented_cached(&node->ITRB, root, leftmost,		\
				   &ITPREFIX ## _augment);		\
}									\
									\
/**									\
 * ITPREFIX_remove - take an interval out of the tree			\
 * @node: the node; it must be in the tree				\
 * @root: the tree							\
 */									\
ITSTATIC void ITPREFIX ## _remove(ITSTRUCT *node,			\
				  struct rb_root_cached *root)		\
{									\
	rb_erase_augmented_cached(&node->ITRB, root, &ITPREFIX ## _augment); \
}									\
									\
/*									\
 * Find the first node, in start order, of the subtree under @node that	\
 * overlaps [start, last]. Expects node->ITSUBTREE >= start, i.e. some	\
 * interval below @node ends at or after @start.			\
 *									\
 * NULL means more than "none below @node": the walk only gives up on a	\
 * node starting after @last, and every node after it in the whole tree	\
 * starts later still.							\
 */									\
static ITSTRUCT *							\
ITPREFIX ## _subtree_search(ITSTRUCT *node, ITTYPE start, ITTYPE last)	\
{									\
	while (true) {							\
		/* Anything overlapping on the left comes first. */	\
		if (node->ITRB.rb_left) {				\
			ITSTRUCT *left = rb_entry(node->ITRB.rb_left,	\
						  ITSTRUCT, ITRB);	\
			if (start <= left->ITSUBTREE) {			\
				node = left;				\
				continue;				\
			}						\
		}							\
		/* Left pruned: it is @node itself, or on its right. */	\
		if (ITSTART(node) > last)				\
			return NULL;					\
		if (start <= ITLAST(node))				\
			return node;					\
		/*							\
		 * The subtree's last lies on the right, so in a	\
		 * consistent tree the two checks below never fire.	\
		 */							\
		if (!node->ITRB.rb_right)				\
			return NULL;					\
		node = rb_entry(node->ITRB.rb_right, ITSTRUCT, ITRB);	\
		if (node->ITSUBTREE < start)				\
			return NULL;					\
	}								\
}									\
									\
/**									\
 * ITPREFIX_iter_first - the first interval overlapping [start, last]	\
 * @root: the tree							\
 * @start: first value of the query range				\
 * @last: last value of the query range (inclusive)			\
 *									\
 * Return: the overlapping node with the smallest start, or NULL.	\
 */									\
ITSTATIC ITSTRUCT *							\
ITPREFIX ## _iter_first(struct rb_root_cached *root,			\
			ITTYPE start, ITTYPE last)			\
{									\
	ITSTRUCT *node, *leftmost;					\
									\
	if (!root->rb_root.rb_node)					\
		return NULL;						\
									\
	/* Everything ends before @start? */				\
	node = rb_entry(root->rb_root.rb_node, ITSTRUCT, ITRB);		\
	if (node->ITSUBTREE < start)					\
		return NULL;						\
									\
	/* Everything starts after @last? */				\
	leftmost = rb_entry(root->rb_leftmost, ITSTRUCT, ITRB);		\
	if (ITSTART(leftmost) > last)					\
		return NULL;						\
									\
	return ITPREFIX ## _subtree_search(node, start, last);		\
}									\
									\
/**									\
 * ITPREFIX_iter_next - the next interval overlapping [start, last]	\
 * @node: the previous result of iter_first() or iter_next()		\
 * @start: first value of the query range				\
 * @last: last value of the query range (inclusive)			\
 *									\
 * Return: the next overlapping node in start order, or NULL.		\
 */									\
ITSTATIC ITSTRUCT *							\
ITPREFIX ## _iter_next(ITSTRUCT *node, ITTYPE start, ITTYPE last)	\
{									\
	struct rb_node *rb = node->ITRB.rb_right, *prev;		\
									\
	while (true) {							\
		/*							\
		 * Here ITSTART(node) <= last and rb is node's right	\
		 * child: the nodes after @node are its right subtree,	\
		 * then the ancestors reached from their left side.	\
		 */							\
		if (rb) {						\
			ITSTRUCT *right = rb_entry(rb, ITSTRUCT, ITRB);	\
			if (start <= right->ITSUBTREE)			\
				return ITPREFIX ## _subtree_search(right, \
							start, last);	\
		}							\
									\
		/* Climb until we arrive from a left child. */		\
		do {							\
			rb = rb_parent(&node->ITRB);			\
			if (!rb)					\
				return NULL;				\
			prev = &node->ITRB;				\
			node = rb_entry(rb, ITSTRUCT, ITRB);		\
			rb = node->ITRB.rb_right;			\
		} while (prev == rb);					\
									\
		if (ITSTART(node) > last)				\
			return NULL;					\
		if (start <= ITLAST(node))				\
			return node;					\
	}								\
}

#endif /* _LINUX_INTERVAL_TREE_GENERIC_H */
