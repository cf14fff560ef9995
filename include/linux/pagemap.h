/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pagemap.h - folios as members of a file's page cache: their mapping,
 * their offset, and the folio lock. Mirrors include/linux/pagemap.h (the
 * lock's slow paths are in mm/filemap.c, Linux's mm/filemap.c).
 *
 * The folio lock (PG_locked) is a sleeping bit lock. It will keep a folio
 * stable while KSM or migration rewrites its mappings: a task that finds
 * it taken sleeps in folio_wait_bit() on one of a table of shared wait
 * queues (hashed by folio, as in Linux) until folio_unlock() wakes it.
 */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/page-flags.h>

struct address_space *folio_mapping(struct folio *folio);

/* Bits in mapping->flags. */
enum mapping_flags {
	AS_UNEVICTABLE = 3,	/* its folios go on LRU_UNEVICTABLE (ramfs) */
};

static inline void mapping_set_unevictable(struct address_space *mapping)
{
	set_bit(AS_UNEVICTABLE, &mapping->flags);
}

static inline void mapping_clear_unevictable(struct address_space *mapping)
{
	clear_bit(AS_UNEVICTABLE, &mapping->flags);
}

static inline bool mapping_unevictable(struct address_space *mapping)
{
	return mapping && test_bit(AS_UNEVICTABLE, &mapping->flags);
}

/* folio_pgoff - the folio's offset in its file (or anon_vma), in pages. */
static inline pgoff_t folio_pgoff(struct folio *folio)
{
	return folio->index;
}

void __folio_lock(struct folio *folio);
void folio_unlock(struct folio *folio);
void folio_wait_bit(struct folio *folio, int bit_nr);

/* folio_trylock - take the folio lock if it is free; true if we got it. */
static inline bool folio_trylock(struct folio *folio)
{
	return !test_and_set_bit(PG_locked, folio_flags(folio, 0));
}

/*
 * folio_lock - take the folio lock, sleeping until its holder releases it.
 * Context: may sleep; the caller holds a reference to the folio.
 */
static inline void folio_lock(struct folio *folio)
{
	if (!folio_trylock(folio))
		__folio_lock(folio);
}

/* folio_wait_locked - sleep until the folio is unlocked (without taking the lock). */
static inline void folio_wait_locked(struct folio *folio)
{
	if (folio_test_locked(folio))
		folio_wait_bit(folio, PG_locked);
}

#endif /* _LINUX_PAGEMAP_H */
