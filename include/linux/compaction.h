/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compaction.h - memory compaction (mm/compaction.c). Mirrors
 * include/linux/compaction.h; struct compact_control is in mm/internal.h,
 * as in Linux.
 */
#ifndef _LINUX_COMPACTION_H
#define _LINUX_COMPACTION_H

#include <linux/types.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>

/* How hard direct compaction tries: lower is harder. */
enum compact_priority {
	COMPACT_PRIO_SYNC_FULL,
	MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL,
	COMPACT_PRIO_SYNC_LIGHT,
	MIN_COMPACT_COSTLY_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	DEF_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,
	INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC
};

/* What a compaction run achieved, worst to best as Linux orders them. */
enum compact_result {
	COMPACT_NOT_SUITABLE_ZONE,	/* for internal use: no zone was suitable */
	COMPACT_SKIPPED,		/* not tried: too few free pages to migrate into */
	COMPACT_DEFERRED,		/* not tried: deferred after recent failures */
	COMPACT_NO_SUITABLE_PAGE,	/* for internal use */
	COMPACT_CONTINUE,		/* go on */
	COMPACT_COMPLETE,		/* the scanners met: the whole zone was compacted */
	COMPACT_PARTIAL_SKIPPED,	/* ... the part of it not skipped */
	COMPACT_CONTENDED,		/* stopped: lock contention or no free page */
	COMPACT_SUCCESS,		/* a block of the wanted order is free */
};

/* Deferral: at most 1 << 6 attempts skipped after repeated failures. */
#define COMPACT_MAX_DEFER_SHIFT		6
/* Proactive compaction looks at the fragmentation score this often. */
#define HPAGE_FRAG_CHECK_INTERVAL_MSEC	500
/* The order whose fragmentation the score measures (a huge page's). */
#define COMPACTION_HPAGE_ORDER		pageblock_order

#define count_compact_event(item)		count_vm_event(item)
#define count_compact_events(item, delta)	count_vm_events(item, delta)

extern int sysctl_compact_unevictable_allowed;
extern int sysctl_extfrag_threshold;
extern unsigned int sysctl_compaction_proactiveness;

/* is_via_compact_memory - order -1: compact the whole zone (compact_memory, node compact). */
static inline bool is_via_compact_memory(int order)
{
	return order == -1;
}

int fragmentation_index(struct zone *zone, unsigned int order);
enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order,
					 unsigned int alloc_flags, int highest_zoneidx,
					 enum compact_priority prio, struct page **capture);
bool compaction_suitable(struct zone *zone, int order, int highest_zoneidx);
void defer_compaction(struct zone *zone, int order);
bool compaction_deferred(struct zone *zone, int order);
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success);
void compact_node(pg_data_t *pgdat);
void wakeup_kcompactd(pg_data_t *pgdat, int order, int highest_zoneidx);
bool current_is_kcompactd(void);
unsigned int fragmentation_score_zone(struct zone *zone);
unsigned int fragmentation_score_wmark(bool low);

#endif /* _LINUX_COMPACTION_H */
