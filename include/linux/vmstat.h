/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vmstat.h - updating and reading the memory counters. Mirrors
 * include/linux/vmstat.h (without per-CPU differentials: one CPU).
 *
 * A zone counter is kept both in the zone and in the global sum; node
 * counters in the node and the global sum; events only globally.
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/mmzone.h>
#include <linux/atomic.h>

extern atomic_long_t vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
extern atomic_long_t vm_node_stat[NR_VM_NODE_STAT_ITEMS];
extern unsigned long vm_event_states[NR_VM_EVENT_ITEMS];

static inline void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	atomic_long_add(delta, &zone->vm_stat[item]);
	atomic_long_add(delta, &vm_zone_stat[item]);
}

static inline unsigned long zone_page_state(const struct zone *zone, enum zone_stat_item item)
{
	long x = atomic_long_read(&zone->vm_stat[item]);

	return x < 0 ? 0 : x;
}

static inline unsigned long global_zone_page_state(enum zone_stat_item item)
{
	long x = atomic_long_read(&vm_zone_stat[item]);

	return x < 0 ? 0 : x;
}

static inline void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item,
				       long delta)
{
	atomic_long_add(delta, &pgdat->vm_stat[item]);
	atomic_long_add(delta, &vm_node_stat[item]);
}

static inline unsigned long global_node_page_state(enum node_stat_item item)
{
	long x = atomic_long_read(&vm_node_stat[item]);

	return x < 0 ? 0 : x;
}

static inline void count_vm_event(enum vm_event_item item)
{
	vm_event_states[item]++;
}

static inline void count_vm_events(enum vm_event_item item, long delta)
{
	vm_event_states[item] += delta;
}

/* The TLB flush counters: only with CONFIG_DEBUG_TLBFLUSH (the debuggable kernel), as Linux. */
#ifdef CONFIG_DEBUG_TLBFLUSH
#define count_vm_tlb_event(x)		count_vm_event(x)
#define count_vm_tlb_events(x, y)	count_vm_events(x, y)
#else
#define count_vm_tlb_event(x)		do {} while (0)
#define count_vm_tlb_events(x, y)	do { (void)(y); } while (0)
#endif

#endif /* _LINUX_VMSTAT_H */
