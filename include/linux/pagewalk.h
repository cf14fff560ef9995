/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pagewalk.h - looking up the folio mapped at one user address.
 * Mirrors the folio_walk part of include/linux/pagewalk.h.
 *
 *   struct folio_walk fw;
 *   folio = folio_walk_start(&fw, vma, addr, 0);
 *   if (folio) {
 *           ... fw.page, fw.pte, fw.ptep; the page-table lock is held ...
 *           folio_walk_end(&fw, vma);
 *   }
 *
 * Pagoda maps user memory with 4 KiB PTEs only, so fw.level is always
 * FW_LEVEL_PTE (Linux also finds PMD- and PUD-mapped folios).
 */
#ifndef _LINUX_PAGEWALK_H
#define _LINUX_PAGEWALK_H

#include <linux/mm.h>

enum folio_walk_level {
	FW_LEVEL_PTE,
};

/*
 * struct folio_walk - what folio_walk_start() found
 * @page: the page mapped at the address
 * @level: the page-table level of the entry (always FW_LEVEL_PTE)
 * @ptep: the entry
 * @pte: its value when looked at
 * @vma: the VMA (private)
 * @ptl: the page-table lock, held until folio_walk_end() (private)
 */
struct folio_walk {
	struct page *page;
	enum folio_walk_level level;
	pte_t *ptep;
	pte_t pte;
	struct vm_area_struct *vma;
	spinlock_t *ptl;
};

typedef int folio_walk_flags_t;
#define FW_ZEROPAGE	((folio_walk_flags_t)(1 << 1))	/* return the zero page's folio too */

struct folio *folio_walk_start(struct folio_walk *fw, struct vm_area_struct *vma,
			       unsigned long addr, folio_walk_flags_t flags);

#define folio_walk_end(__fw, __vma) spin_unlock((__fw)->ptl)

#endif /* _LINUX_PAGEWALK_H */
