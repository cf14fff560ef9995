// SPDX-License-Identifier: GPL-2.0
/*
 * interval_tree.c - the generic interval tree of struct interval_tree_node.
 *
 * Mirrors lib/interval_tree.c: one instance of INTERVAL_TREE_DEFINE() whose
 * intervals are simply the node's start and last fields. See
 * interval_tree_generic.h for how the tree works, and mm/interval_tree.c
 * for an instance whose intervals are computed instead of stored.
 */
#include <linux/interval_tree.h>
#include <linux/interval_tree_generic.h>

#define START(node) ((node)->start)
#define LAST(node)  ((node)->last)

INTERVAL_TREE_DEFINE(struct interval_tree_node, rb,
		     unsigned long, __subtree_last,
		     START, LAST, , interval_tree)
