// SPDX-License-Identifier: GPL-2.0
/*
 * interval_tree.c - the two interval trees of the reverse map, both built
 * from the template in interval_tree_generic.h. Mirrors mm/interval_tree.c.
 *
 *   vma_interval_tree        a file's address_space->i_mmap: the VMAs
 *                            mapping the file (node: vma->shared.rb)
 *   anon_vma_interval_tree   an anon_vma's rb_root: its anon_vma_chains
 *
 * Neither stores its interval. A VMA in i_mmap is keyed by the file
 * pages it maps, [vm_pgoff, vm_pgoff + vma_pages - 1], so
 * vma_interval_tree_foreach(vma, &mapping->i_mmap, i, i) gives exactly
 * the VMAs that can map page i of the file. Whoever changes vm_start,
 * vm_end or vm_pgoff of a file VMA takes it out of the tree first and puts
 * it back after (vma_prepare()/vma_complete() in mm/vma.c).
 *
 * An anon_vma_chain is keyed by the page offsets of its VMA, the same
 * range, computed by avc_start_pgoff()/avc_last_pgoff() whenever the tree
 * looks at it. So rmap_walk() can ask "which VMAs of this anon_vma can hold
 * page index i?" with anon_vma_interval_tree_foreach(avc, root, i, i) and
 * skip the rest.
 *
 * Because the key is read from the VMA, a VMA's vm_start, vm_end or
 * vm_pgoff must not change while its chains are in the trees: whoever
 * changes them (vma_prepare()/vma_complete(), expand_stack()) takes them
 * out first with anon_vma_interval_tree_pre_update_vma() and puts them
 * back with anon_vma_interval_tree_post_update_vma() -- as Linux's
 * mm/vma.c does.
 */
#include <linux/rmap.h>
#include <linux/interval_tree_generic.h>

static inline unsigned long vma_start_pgoff(struct vm_area_struct *v)
{
	return v->vm_pgoff;
}

INTERVAL_TREE_DEFINE(struct vm_area_struct, shared.rb, unsigned long, shared.rb_subtree_last,
		     vma_start_pgoff, vma_last_pgoff, /* empty */, vma_interval_tree)

static inline unsigned long avc_start_pgoff(struct anon_vma_chain *avc)
{
	return vma_start_pgoff(avc->vma);
}

static inline unsigned long avc_last_pgoff(struct anon_vma_chain *avc)
{
	return vma_last_pgoff(avc->vma);
}

INTERVAL_TREE_DEFINE(struct anon_vma_chain, rb, unsigned long, rb_subtree_last,
		     avc_start_pgoff, avc_last_pgoff, static inline, __anon_vma_interval_tree)

/*
 * anon_vma_interval_tree_insert - add @node under its VMA's current
 * interval, remembered in cached_vma_start/last so that mm_verify() can
 * tell when the VMA was changed behind the tree's back.
 */
void anon_vma_interval_tree_insert(struct anon_vma_chain *node, struct rb_root_cached *root)
{
	node->cached_vma_start = avc_start_pgoff(node);
	node->cached_vma_last = avc_last_pgoff(node);
	__anon_vma_interval_tree_insert(node, root);
}

void anon_vma_interval_tree_remove(struct anon_vma_chain *node, struct rb_root_cached *root)
{
	__anon_vma_interval_tree_remove(node, root);
}

struct anon_vma_chain *anon_vma_interval_tree_iter_first(struct rb_root_cached *root,
							 unsigned long start, unsigned long last)
{
	return __anon_vma_interval_tree_iter_first(root, start, last);
}

struct anon_vma_chain *anon_vma_interval_tree_iter_next(struct anon_vma_chain *node,
							unsigned long start, unsigned long last)
{
	return __anon_vma_interval_tree_iter_next(node, start, last);
}

/*
 * anon_vma_interval_tree_pre_update_vma - take every chain of @vma out of
 * its anon_vma's tree before the VMA's range or vm_pgoff changes.
 */
void anon_vma_interval_tree_pre_update_vma(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;

	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma)
		anon_vma_interval_tree_remove(avc, &avc->anon_vma->rb_root);
}

/* anon_vma_interval_tree_post_update_vma - and put them back, under the new key. */
void anon_vma_interval_tree_post_update_vma(struct vm_area_struct *vma)
{
	struct anon_vma_chain *avc;

	list_for_each_entry(avc, &vma->anon_vma_chain, same_vma)
		anon_vma_interval_tree_insert(avc, &avc->anon_vma->rb_root);
}
