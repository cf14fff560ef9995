/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pgtable_types.h - page-table entry types and bits. Mirrors
 * arch/x86/include/asm/pgtable_types.h.
 *
 * x86-64 4-level paging: a virtual address splits into PGD (PML4) index
 * [47:39], PUD (PDPT) index [38:30], PMD (PD) index [29:21], PTE index
 * [20:12] and offset [11:0]. Each table is one 4 KiB page of 512 entries.
 * (Linux also has a P4D level between PGD and PUD for 5-level paging; with
 * 4 levels it is folded away, and Pagoda leaves it out.)
 */
#ifndef _ASM_X86_PGTABLE_TYPES_H
#define _ASM_X86_PGTABLE_TYPES_H

#include <linux/types.h>
#include <asm/page_types.h>

#define _PAGE_BIT_PRESENT	0	/* is present */
#define _PAGE_BIT_RW		1	/* writeable */
#define _PAGE_BIT_USER		2	/* userspace addressable */
#define _PAGE_BIT_PWT		3	/* page write through */
#define _PAGE_BIT_PCD		4	/* page cache disabled */
#define _PAGE_BIT_ACCESSED	5	/* set by the CPU on access */
#define _PAGE_BIT_DIRTY		6	/* set by the CPU on write */
#define _PAGE_BIT_PSE		7	/* 2 MiB / 1 GiB page (PMD/PUD level) */
#define _PAGE_BIT_GLOBAL	8	/* global TLB entry */
#define _PAGE_BIT_SOFTW1	9	/* available for software */
#define _PAGE_BIT_SOFTW2	10
#define _PAGE_BIT_SOFTW3	11
#define _PAGE_BIT_NX		63	/* no execute (needs EFER.NXE) */

#define _PAGE_PRESENT	(1UL << _PAGE_BIT_PRESENT)
#define _PAGE_RW	(1UL << _PAGE_BIT_RW)
#define _PAGE_USER	(1UL << _PAGE_BIT_USER)
#define _PAGE_PWT	(1UL << _PAGE_BIT_PWT)
#define _PAGE_PCD	(1UL << _PAGE_BIT_PCD)
#define _PAGE_ACCESSED	(1UL << _PAGE_BIT_ACCESSED)
#define _PAGE_DIRTY	(1UL << _PAGE_BIT_DIRTY)
#define _PAGE_PSE	(1UL << _PAGE_BIT_PSE)
#define _PAGE_GLOBAL	(1UL << _PAGE_BIT_GLOBAL)
#define _PAGE_SOFTW1	(1UL << _PAGE_BIT_SOFTW1)
#define _PAGE_NX	(1UL << _PAGE_BIT_NX)
/*
 * A PROT_NONE user page keeps its frame in the PTE with _PAGE_PRESENT
 * clear, so the CPU faults; _PAGE_PROTNONE (the global bit, meaningless for
 * user pages) tells the kernel the entry still maps the page.
 */
#define _PAGE_PROTNONE	_PAGE_GLOBAL

/* Physical frame bits of an entry: 52-bit physical addresses. */
#define PHYSICAL_PAGE_MASK	(((1UL << 52) - 1) & PAGE_MASK)
#define PTE_PFN_MASK		PHYSICAL_PAGE_MASK
#define PTE_FLAGS_MASK		(~PTE_PFN_MASK)

/* Table entries pointing to a lower table: everything allowed there. */
#define _KERNPG_TABLE	(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define _PAGE_TABLE	(_KERNPG_TABLE | _PAGE_USER)

#define __PAGE_KERNEL		(_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
				 _PAGE_GLOBAL | _PAGE_NX)
#define __PAGE_KERNEL_RO	(__PAGE_KERNEL & ~_PAGE_RW)
#define __PAGE_KERNEL_RX	(__PAGE_KERNEL_RO & ~_PAGE_NX)

#ifndef __ASSEMBLER__
typedef struct { unsigned long pte; } pte_t;
typedef struct { unsigned long pmd; } pmd_t;
typedef struct { unsigned long pud; } pud_t;
typedef struct { unsigned long pgd; } pgd_t;
typedef struct { unsigned long pgprot; } pgprot_t;

#define __pte(x) ((pte_t){ (x) })
#define __pmd(x) ((pmd_t){ (x) })
#define __pud(x) ((pud_t){ (x) })
#define __pgd(x) ((pgd_t){ (x) })
#define __pgprot(x) ((pgprot_t){ (x) })

#define pte_val(x) ((x).pte)
#define pmd_val(x) ((x).pmd)
#define pud_val(x) ((x).pud)
#define pgd_val(x) ((x).pgd)
#define pgprot_val(x) ((x).pgprot)

/* Bits the CPU supports: _PAGE_NX is dropped when the CPU lacks NX. */
extern unsigned long __supported_pte_mask;

#define PAGE_KERNEL		__pgprot(__PAGE_KERNEL & __supported_pte_mask)
#define PAGE_KERNEL_RO		__pgprot(__PAGE_KERNEL_RO & __supported_pte_mask)
#define PAGE_KERNEL_RX		__pgprot(__PAGE_KERNEL_RX & __supported_pte_mask)

/*
 * User protections (protection_map in mm/mmap.c picks from these). The
 * __PAGE_* values are the raw bits, constant for static tables such as
 * protection_map; vm_get_page_prot() filters them with
 * __supported_pte_mask as the PAGE_* ones below do.
 */
#define __PAGE_NONE		(_PAGE_PROTNONE | _PAGE_ACCESSED)	/* PROT_NONE */
#define __PAGE_SHARED		(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define __PAGE_SHARED_EXEC	(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define __PAGE_COPY		(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | _PAGE_NX)
#define __PAGE_COPY_EXEC	(_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED)
#define __PAGE_READONLY		__PAGE_COPY
#define __PAGE_READONLY_EXEC	__PAGE_COPY_EXEC

#define PAGE_NONE	__pgprot(__PAGE_NONE)
#define PAGE_SHARED	__pgprot(__PAGE_SHARED & __supported_pte_mask)
#define PAGE_SHARED_EXEC __pgprot(__PAGE_SHARED_EXEC)
#define PAGE_COPY	__pgprot(__PAGE_COPY & __supported_pte_mask)
#define PAGE_COPY_EXEC	__pgprot(__PAGE_COPY_EXEC)
#define PAGE_READONLY	PAGE_COPY
#define PAGE_READONLY_EXEC PAGE_COPY_EXEC
#endif

#endif /* _ASM_X86_PGTABLE_TYPES_H */
