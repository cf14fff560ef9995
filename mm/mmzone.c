// SPDX-License-Identifier: GPL-2.0
/*
 * mmzone.c - helpers for the node structure. Mirrors mm/mmzone.c's
 * lruvec_init().
 */
#include <linux/mmzone.h>

/**
 * lruvec_init - empty LRU lists for a node
 * @lruvec: the node's lruvec
 */
void lruvec_init(struct lruvec *lruvec)
{
	enum lru_list lru;

	spin_lock_init(&lruvec->lru_lock);
	for_each_lru(lru)
		INIT_LIST_HEAD(&lruvec->lists[lru]);
}
