/* SPDX-License-Identifier: GPL-2.0 */
/*
 * swapops.h - swap entries: what a PTE holds when it maps no page but is
 * not empty. Mirrors include/linux/swapops.h (and the MAX_SWAPFILES
 * arithmetic of include/linux/swap.h).
 *
 * The PTE's own format is the arch's (__swp_type(), __swp_offset() in
 * asm/pgtable.h); pte_to_swp_entry() turns it into the arch-independent
 * swp_entry_t: type in the top bits, offset below. Of the 32 types the
 * last three are not swap files but migration entries: the offset is the
 * page frame of a folio being migrated, and the type says how the PTE
 * mapped it (read-only, read-only and anon-exclusive, writable). The
 * offset also keeps the PTE's young and dirty bits (SWP_MIG_YOUNG,
 * SWP_MIG_DIRTY), so that remove_migration_ptes() restores them.
 *
 * Pagoda has no swap: every swap entry in a page table is a migration
 * entry (MAX_SWAPFILES types stay unused). Linux also has device-private,
 * hwpoison and PTE-marker entries; Pagoda has none of those, so
 * MAX_SWAPFILES counts only the migration types out of the 32.
 */
#ifndef _LINUX_SWAPOPS_H
#define _LINUX_SWAPOPS_H

#include <linux/mm.h>
#include <linux/bug.h>

#define MAX_SWAPFILES_SHIFT	5
#define SWP_MIGRATION_NUM	3
#define MAX_SWAPFILES		((1 << MAX_SWAPFILES_SHIFT) - SWP_MIGRATION_NUM)
#define SWP_MIGRATION_READ		MAX_SWAPFILES
#define SWP_MIGRATION_READ_EXCLUSIVE	(MAX_SWAPFILES + 1)
#define SWP_MIGRATION_WRITE		(MAX_SWAPFILES + 2)

#define BITS_PER_XA_VALUE	(BITS_PER_LONG - 1)
#define SWP_TYPE_SHIFT		(BITS_PER_XA_VALUE - MAX_SWAPFILES_SHIFT)
#define SWP_OFFSET_MASK		((1UL << SWP_TYPE_SHIFT) - 1)

/* A PFN needs MAX_PHYSMEM_BITS - PAGE_SHIFT bits (46-bit physical addresses, 4-level x86-64). */
#define SWP_PFN_BITS		(46 - PAGE_SHIFT)
#define SWP_PFN_MASK		((1UL << SWP_PFN_BITS) - 1)
#define SWP_MIG_YOUNG_BIT	(SWP_PFN_BITS)
#define SWP_MIG_DIRTY_BIT	(SWP_PFN_BITS + 1)
#define SWP_MIG_YOUNG		(1UL << SWP_MIG_YOUNG_BIT)
#define SWP_MIG_DIRTY		(1UL << SWP_MIG_DIRTY_BIT)

/* swp_entry - build an entry of @type and @offset (arch-independent format). */
static inline swp_entry_t swp_entry(unsigned long type, pgoff_t offset)
{
	return (swp_entry_t){ (type << SWP_TYPE_SHIFT) | (offset & SWP_OFFSET_MASK) };
}

static inline unsigned int swp_type(swp_entry_t entry)
{
	return entry.val >> SWP_TYPE_SHIFT;
}

static inline pgoff_t swp_offset(swp_entry_t entry)
{
	return entry.val & SWP_OFFSET_MASK;
}

/* pte_swp_clear_flags - the PTE without the bits that are not part of the entry. */
static inline pte_t pte_swp_clear_flags(pte_t pte)
{
	return pte_swp_exclusive(pte) ? pte_swp_clear_exclusive(pte) : pte;
}

/* is_swap_pte - neither empty nor mapping a page: a swap or migration entry. */
static inline int is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

/* pte_to_swp_entry - the entry of a swap PTE, without its exclusive bit. */
static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	swp_entry_t arch_entry = __pte_to_swp_entry(pte_swp_clear_flags(pte));

	return swp_entry(__swp_type(arch_entry), __swp_offset(arch_entry));
}

/* swp_entry_to_pte - the PTE that holds @entry (the inverse of pte_to_swp_entry()). */
static inline pte_t swp_entry_to_pte(swp_entry_t entry)
{
	swp_entry_t arch_entry = __swp_entry(swp_type(entry), swp_offset(entry));

	return __swp_entry_to_pte(arch_entry);
}

static inline swp_entry_t make_readable_migration_entry(pgoff_t offset)
{
	return swp_entry(SWP_MIGRATION_READ, offset);
}

static inline swp_entry_t make_readable_exclusive_migration_entry(pgoff_t offset)
{
	return swp_entry(SWP_MIGRATION_READ_EXCLUSIVE, offset);
}

static inline swp_entry_t make_writable_migration_entry(pgoff_t offset)
{
	return swp_entry(SWP_MIGRATION_WRITE, offset);
}

static inline int is_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_READ ||
	       swp_type(entry) == SWP_MIGRATION_READ_EXCLUSIVE ||
	       swp_type(entry) == SWP_MIGRATION_WRITE;
}

static inline int is_writable_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_WRITE;
}

static inline int is_readable_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_READ;
}

static inline int is_readable_exclusive_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_READ_EXCLUSIVE;
}

/* The young and dirty bits of the PTE a migration entry replaced. */
static inline swp_entry_t make_migration_entry_young(swp_entry_t entry)
{
	return swp_entry(swp_type(entry), swp_offset(entry) | SWP_MIG_YOUNG);
}

static inline bool is_migration_entry_young(swp_entry_t entry)
{
	return swp_offset(entry) & SWP_MIG_YOUNG;
}

static inline swp_entry_t make_migration_entry_dirty(swp_entry_t entry)
{
	return swp_entry(swp_type(entry), swp_offset(entry) | SWP_MIG_DIRTY);
}

static inline bool is_migration_entry_dirty(swp_entry_t entry)
{
	return swp_offset(entry) & SWP_MIG_DIRTY;
}

/* is_pfn_swap_entry - the offset is a page frame (Pagoda: a migration entry). */
static inline bool is_pfn_swap_entry(swp_entry_t entry)
{
	return is_migration_entry(entry);
}

static inline unsigned long swp_offset_pfn(swp_entry_t entry)
{
	VM_BUG_ON(!is_pfn_swap_entry(entry));
	return swp_offset(entry) & SWP_PFN_MASK;
}

static inline struct page *pfn_swap_entry_to_page(swp_entry_t entry)
{
	return pfn_to_page(swp_offset_pfn(entry));
}

static inline struct folio *pfn_swap_entry_folio(swp_entry_t entry)
{
	return page_folio(pfn_swap_entry_to_page(entry));
}

/* Faults on a migration entry: mm/migrate.c, mm/filemap.c. */
void migration_entry_wait(struct mm_struct *mm, pmd_t *pmd, unsigned long address);
void migration_entry_wait_on_locked(swp_entry_t entry, spinlock_t *ptl);

#endif /* _LINUX_SWAPOPS_H */
