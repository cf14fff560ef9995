/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mmu_context.h - switching address spaces. Mirrors
 * arch/x86/include/asm/mmu_context.h: loading CR3 switches page tables and
 * flushes every non-global TLB entry (kernel mappings are global and stay).
 */
#ifndef _LINUX_MMU_CONTEXT_H
#define _LINUX_MMU_CONTEXT_H

#include <linux/mm_types.h>
#include <asm/pgtable.h>

static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	if (prev != next)
		load_cr3(next->pgd);
}

#endif /* _LINUX_MMU_CONTEXT_H */
