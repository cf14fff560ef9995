/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pgalloc.h - hooking a new page-table page into the entry above it.
 * Mirrors arch/x86/include/asm/pgalloc.h.
 *
 * Entries pointing at user tables carry _PAGE_USER (_PAGE_TABLE): the CPU
 * checks the U/S bit at every level, and only the leaf PTE decides. A
 * kernel PTE table (vmalloc) is hooked in with _KERNPG_TABLE.
 */
#ifndef _ASM_X86_PGALLOC_H
#define _ASM_X86_PGALLOC_H

#include <asm/pgtable.h>

static inline void pgd_populate(struct mm_struct *mm, pgd_t *pgd, pud_t *pud)
{
	set_pgd(pgd, __pgd(_PAGE_TABLE | __pa(pud)));
}

static inline void pud_populate(struct mm_struct *mm, pud_t *pud, pmd_t *pmd)
{
	set_pud(pud, __pud(_PAGE_TABLE | __pa(pmd)));
}

static inline void pmd_populate(struct mm_struct *mm, pmd_t *pmd, pte_t *pte)
{
	set_pmd(pmd, __pmd(_PAGE_TABLE | __pa(pte)));
}

static inline void pmd_populate_kernel(struct mm_struct *mm, pmd_t *pmd, pte_t *pte)
{
	set_pmd(pmd, __pmd(_KERNPG_TABLE | __pa(pte)));
}

#endif /* _ASM_X86_PGALLOC_H */
