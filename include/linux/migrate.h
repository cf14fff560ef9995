/* SPDX-License-Identifier: GPL-2.0 */
/*
 * migrate.h - page migration (mm/migrate.c). Mirrors include/linux/migrate.h
 * and include/linux/migrate_mode.h.
 */
#ifndef _LINUX_MIGRATE_H
#define _LINUX_MIGRATE_H

#include <linux/mm_types.h>
#include <linux/list.h>

struct address_space;

/*
 * enum migrate_mode - how hard migrate_pages() tries: MIGRATE_ASYNC never
 * sleeps on a folio lock; MIGRATE_SYNC_LIGHT and MIGRATE_SYNC wait (Linux's
 * SYNC also waits for writeback, which Pagoda does not have).
 */
enum migrate_mode {
	MIGRATE_ASYNC,
	MIGRATE_SYNC_LIGHT,
	MIGRATE_SYNC,
};

/* enum migrate_reason - why (Linux reports it in a tracepoint). */
enum migrate_reason {
	MR_COMPACTION,
	MR_MEMORY_FAILURE,
	MR_MEMORY_HOTPLUG,
	MR_SYSCALL,
	MR_MEMPOLICY_MBIND,
	MR_NUMA_MISPLACED,
	MR_CONTIG_RANGE,
	MR_LONGTERM_PIN,
	MR_DEMOTION,
	MR_TYPES
};

#define MIGRATEPAGE_SUCCESS	0

typedef struct folio *new_folio_t(struct folio *folio, unsigned long private);
typedef void free_folio_t(struct folio *folio, unsigned long private);

int migrate_pages(struct list_head *from, new_folio_t get_new_folio, free_folio_t put_new_folio,
		  unsigned long private, enum migrate_mode mode, int reason,
		  unsigned int *ret_succeeded);
void putback_movable_pages(struct list_head *l);
int migrate_folio(struct address_space *mapping, struct folio *dst, struct folio *src,
		  enum migrate_mode mode);
int folio_migrate_mapping(struct address_space *mapping, struct folio *newfolio,
			  struct folio *folio, int extra_count);
void folio_migrate_flags(struct folio *newfolio, struct folio *folio);
void remove_migration_ptes(struct folio *src, struct folio *dst, bool locked);

#endif /* _LINUX_MIGRATE_H */
