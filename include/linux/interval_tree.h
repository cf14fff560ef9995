/* SPDX-License-Identifier: GPL-2.0 */
/*
 * interval_tree.h - a ready-made interval tree of [start, last] ranges of
 * unsigned long, for users that simply store the two ends in the node.
 *
 * Mirrors include/linux/interval_tree.h. The code is generated in
 * kernel/lib/interval_tree.c from interval_tree_generic.h.
 */
#ifndef _LINUX_INTERVAL_TREE_H
#define _LINUX_INTERVAL_TREE_H

#include <linux/rbtree.h>

struct interval_tree_node {
	struct rb_node rb;
	unsigned long start;		/* first value in the interval */
	unsigned long last;		/* last value in the interval */
	unsigned long __subtree_last;	/* largest last in this subtree */
};

void interval_tree_insert(struct interval_tree_node *node,
			  struct rb_root_cached *root);
void interval_tree_remove(struct interval_tree_node *node,
			  struct rb_root_cached *root);
struct interval_tree_node *
interval_tree_iter_first(struct rb_root_cached *root,
			 unsigned long start, unsigned long last);
struct interval_tree_node *
interval_tree_iter_next(struct interval_tree_node *node,
			unsigned long start, unsigned long last);

#endif /* _LINUX_INTERVAL_TREE_H */
