/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rbtree_augmented.h - red-black trees whose nodes carry a value summarising
 * their whole subtree (for example the largest interval end below a node).
 *
 * Mirrors include/linux/rbtree_augmented.h.
 *
 * Such a value depends on which nodes sit below a node, so it has to be
 * repaired whenever the shape of the tree changes. The tree code reports
 * every shape change through three callbacks:
 *
 *  - rotate(old, new): a rotation moved @new into @old's place, @old is now
 *    a child of @new. @new now heads exactly the nodes @old headed, so it
 *    takes @old's value; @old's value is recomputed from its new children.
 *  - copy(old, new): erase put @new in @old's place (@new was @old's
 *    successor); @new starts from @old's value.
 *  - propagate(node, stop): the nodes below @node changed; recompute the
 *    values from @node up towards the root, stopping before @stop.
 *
 * RB_DECLARE_CALLBACKS_MAX() writes all three for the common case "the
 * value is the maximum of some per-node quantity over the subtree".
 *
 * This header also holds the colour helpers and the erase core that
 * lib/rbtree.c shares, so that with inline callbacks the compiler can
 * fold them into the tree code.
 */
#ifndef _LINUX_RBTREE_AUGMENTED_H
#define _LINUX_RBTREE_AUGMENTED_H

#include <linux/rbtree.h>

struct rb_augment_callbacks {
	void (*propagate)(struct rb_node *node, struct rb_node *stop);
	void (*copy)(struct rb_node *old, struct rb_node *new);
	void (*rotate)(struct rb_node *old, struct rb_node *new);
};

void __rb_insert_augmented(struct rb_node *node, struct rb_root *root,
			   void (*augment_rotate)(struct rb_node *old,
						  struct rb_node *new));
void __rb_erase_color(struct rb_node *parent, struct rb_root *root,
		      void (*augment_rotate)(struct rb_node *old,
					     struct rb_node *new));

/**
 * rb_insert_augmented - rebalance after linking a node into an augmented tree
 * @node: the node just attached with rb_link_node()
 * @root: the tree
 * @augment: the tree's callbacks
 *
 * Before calling this the caller must already have set @node's value and
 * updated the values of the nodes it passed on the way down, because
 * rebalancing only reports the rotations it does.
 */
static inline void
rb_insert_augmented(struct rb_node *node, struct rb_root *root,
		    const struct rb_augment_callbacks *augment)
{
	__rb_insert_augmented(node, root, augment->rotate);
}

/**
 * rb_insert_augmented_cached - rb_insert_augmented() keeping rb_leftmost
 * @node: the node just attached with rb_link_node()
 * @root: the cached tree
 * @newleft: true if the search for @node's place only ever went left
 * @augment: the tree's callbacks
 */
static inline void
rb_insert_augmented_cached(struct rb_node *node, struct rb_root_cached *root,
			   bool newleft,
			   const struct rb_augment_callbacks *augment)
{
	if (newleft)
		root->rb_leftmost = node;
	rb_insert_augmented(node, &root->rb_root, augment);
}

/*
 * RB_DECLARE_CALLBACKS - define the three callbacks and the callback table
 * @RBSTATIC: storage class of the table (static or empty)
 * @RBNAME: name of the struct rb_augment_callbacks table; the callbacks
 *          are RBNAME_propagate, RBNAME_copy and RBNAME_rotate
 * @RBSTRUCT: the structure that embeds struct rb_node
 * @RBFIELD: name of the struct rb_node member in RBSTRUCT
 * @RBAUGMENTED: name of the member holding the subtree value
 * @RBCOMPUTE: bool RBCOMPUTE(RBSTRUCT *node, bool exit) recomputes
 *             node->RBAUGMENTED from the node and its children. With
 *             @exit set it returns true, storing nothing, when the value
 *             would not change, which ends a propagation early: the
 *             values above cannot change either.
 */
#define RB_DECLARE_CALLBACKS(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD,	\
			     RBAUGMENTED, RBCOMPUTE)			\
static inline void							\
RBNAME ## _propagate(struct rb_node *rb, struct rb_node *stop)		\
{									\
	while (rb != stop) {						\
		RBSTRUCT *node = rb_entry(rb, RBSTRUCT, RBFIELD);	\
		if (RBCOMPUTE(node, true))				\
			break;						\
		rb = rb_parent(&node->RBFIELD);				\
	}								\
}									\
static inline void							\
RBNAME ## _copy(struct rb_node *rb_old, struct rb_node *rb_new)		\
{									\
	RBSTRUCT *old = rb_entry(rb_old, RBSTRUCT, RBFIELD);		\
	RBSTRUCT *new = rb_entry(rb_new, RBSTRUCT, RBFIELD);		\
	new->RBAUGMENTED = old->RBAUGMENTED;				\
}									\
static void								\
RBNAME ## _rotate(struct rb_node *rb_old, struct rb_node *rb_new)	\
{									\
	RBSTRUCT *old = rb_entry(rb_old, RBSTRUCT, RBFIELD);		\
	RBSTRUCT *new = rb_entry(rb_new, RBSTRUCT, RBFIELD);		\
	new->RBAUGMENTED = old->RBAUGMENTED;				\
	RBCOMPUTE(old, false);						\
}									\
RBSTATIC const struct rb_augment_callbacks RBNAME = {			\
	.propagate = RBNAME ## _propagate,				\
	.copy = RBNAME ## _copy,					\
	.rotate = RBNAME ## _rotate					\
};

/*
 * RB_DECLARE_CALLBACKS_MAX - callbacks keeping a subtree maximum
 * @RBSTATIC, @RBNAME, @RBSTRUCT, @RBFIELD, @RBAUGMENTED: as above
 * @RBTYPE: type of the RBAUGMENTED member
 * @RBCOMPUTE: RBTYPE RBCOMPUTE(RBSTRUCT *node) gives the node's own scalar
 *
 * Maintains node->RBAUGMENTED == the largest RBCOMPUTE() over the node's
 * subtree. The generated RBNAME_compute_max() is what the interval tree
 * uses to keep each node's "last end below me".
 */
#define RB_DECLARE_CALLBACKS_MAX(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD,	\
				 RBTYPE, RBAUGMENTED, RBCOMPUTE)	\
static inline bool RBNAME ## _compute_max(RBSTRUCT *node, bool exit)	\
{									\
	RBSTRUCT *child;						\
	RBTYPE max = RBCOMPUTE(node);					\
	if (node->RBFIELD.rb_left) {					\
		child = rb_entry(node->RBFIELD.rb_left, RBSTRUCT, RBFIELD); \
		if (child->RBAUGMENTED > max)				\
			max = child->RBAUGMENTED;			\
	}								\
	if (node->RBFIELD.rb_right) {					\
		child = rb_entry(node->RBFIELD.rb_right, RBSTRUCT, RBFIELD); \
		if (child->RBAUGMENTED > max)				\
			max = child->RBAUGMENTED;			\
	}								\
	if (exit && node->RBAUGMENTED == max)				\
		return true;						\
	node->RBAUGMENTED = max;					\
	return false;							\
}									\
RB_DECLARE_CALLBACKS(RBSTATIC, RBNAME, RBSTRUCT, RBFIELD,		\
		     RBAUGMENTED, RBNAME ## _compute_max)

/* Colours live in bit 0 of __rb_parent_color. */
#define RB_RED		0
#define RB_BLACK	1

#define __rb_parent(pc)		((struct rb_node *)((pc) & ~3UL))
#define __rb_color(pc)		((pc) & 1)
#define __rb_is_black(pc)	__rb_color(pc)
#define __rb_is_red(pc)		(!__rb_color(pc))
#define rb_color(rb)		__rb_color((rb)->__rb_parent_color)
#define rb_is_red(rb)		__rb_is_red((rb)->__rb_parent_color)
#define rb_is_black(rb)		__rb_is_black((rb)->__rb_parent_color)

/* Change a node's parent, keeping its colour. */
static inline void rb_set_parent(struct rb_node *rb, struct rb_node *p)
{
	rb->__rb_parent_color = rb_color(rb) | (unsigned long)p;
}

static inline void rb_set_parent_color(struct rb_node *rb,
				       struct rb_node *p, int color)
{
	rb->__rb_parent_color = (unsigned long)p | color;
}

/* Make @parent (or the root, if @parent is NULL) point to @new, not @old. */
static inline void __rb_change_child(struct rb_node *old, struct rb_node *new,
				     struct rb_node *parent,
				     struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/*
 * __rb_erase_augmented - unlink @node, keeping the tree a binary search tree
 *
 * Returns the node below which one black node is now missing on one side
 * (the caller passes it to __rb_erase_color()), or NULL if the colours are
 * already right. The augmented values are repaired before returning.
 *
 * Three shapes:
 *  1. @node has no left child: its right child (if any) takes its place.
 *  2. @node has only a left child: that child takes its place.
 *  3. @node has two children: its successor S (leftmost node of the right
 *     subtree, so S has no left child) is unhooked from where it is and
 *     takes @node's place, position and colour.
 * In 1 and 2 a lone child must be red below a black @node (else the black
 * heights would differ), so painting the child black restores the rules.
 * In 3 the same holds for S and its right child; a black S with no child
 * leaves its old parent one black short.
 */
static __always_inline struct rb_node *
__rb_erase_augmented(struct rb_node *node, struct rb_root *root,
		     const struct rb_augment_callbacks *augment)
{
	struct rb_node *child = node->rb_right;
	struct rb_node *tmp = node->rb_left;
	struct rb_node *parent, *rebalance;
	unsigned long pc;

	if (!tmp) {
		/* Case 1: at most a right child. */
		pc = node->__rb_parent_color;
		parent = __rb_parent(pc);
		__rb_change_child(node, child, parent, root);
		if (child) {
			child->__rb_parent_color = pc;
			rebalance = NULL;
		} else {
			rebalance = __rb_is_black(pc) ? parent : NULL;
		}
		tmp = parent;
	} else if (!child) {
		/* Case 2: only a left child. */
		pc = node->__rb_parent_color;
		tmp->__rb_parent_color = pc;
		parent = __rb_parent(pc);
		__rb_change_child(node, tmp, parent, root);
		rebalance = NULL;
		tmp = parent;
	} else {
		/* Case 3: two children; find the successor. */
		struct rb_node *successor = child, *child2;
		unsigned long successor_pc;

		tmp = child->rb_left;
		if (!tmp) {
			/*
			 * The right child is the successor: it keeps its
			 * right subtree and just moves up.
			 */
			parent = successor;
			child2 = successor->rb_right;
			augment->copy(node, successor);
		} else {
			/*
			 * The successor is deeper: its parent adopts its
			 * right subtree, and it adopts @node's right child.
			 */
			do {
				parent = successor;
				successor = tmp;
				tmp = tmp->rb_left;
			} while (tmp);
			child2 = successor->rb_right;
			parent->rb_left = child2;
			successor->rb_right = child;
			rb_set_parent(child, successor);
			augment->copy(node, successor);
			augment->propagate(parent, successor);
		}

		/* The successor adopts @node's left child and its place. */
		tmp = node->rb_left;
		successor->rb_left = tmp;
		rb_set_parent(tmp, successor);

		pc = node->__rb_parent_color;
		__rb_change_child(node, successor, __rb_parent(pc), root);

		successor_pc = successor->__rb_parent_color;
		successor->__rb_parent_color = pc;
		if (child2) {
			rb_set_parent_color(child2, parent, RB_BLACK);
			rebalance = NULL;
		} else {
			rebalance = __rb_is_black(successor_pc) ? parent : NULL;
		}
		tmp = successor;
	}

	/* Everything from tmp up lost a node from its subtree. */
	augment->propagate(tmp, NULL);
	return rebalance;
}

/**
 * rb_erase_augmented - remove a node from an augmented tree
 * @node: the node to remove
 * @root: the tree
 * @augment: the tree's callbacks
 */
static __always_inline void
rb_erase_augmented(struct rb_node *node, struct rb_root *root,
		   const struct rb_augment_callbacks *augment)
{
	struct rb_node *rebalance = __rb_erase_augmented(node, root, augment);

	if (rebalance)
		__rb_erase_color(rebalance, root, augment->rotate);
}

/**
 * rb_erase_augmented_cached - rb_erase_augmented() keeping rb_leftmost
 * @node: the node to remove
 * @root: the cached tree
 * @augment: the tree's callbacks
 */
static __always_inline void
rb_erase_augmented_cached(struct rb_node *node, struct rb_root_cached *root,
			  const struct rb_augment_callbacks *augment)
{
	if (root->rb_leftmost == node)
		root->rb_leftmost = rb_next(node);
	rb_erase_augmented(node, &root->rb_root, augment);
}

#endif /* _LINUX_RBTREE_AUGMENTED_H */
