/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pgtable.h - reading, building and walking page-table entries. Mirrors
 * arch/x86/include/asm/pgtable.h and pgtable_64.h and
 * include/linux/pgtable.h.
 *
 * Walking from an mm to the PTE of an address:
 *     pgd_t *pgd = pgd_offset(mm, addr);
 *     pud_t *pud = pud_offset(pgd, addr);
 *     pmd_t *pmd = pmd_offset(pud, addr);
 *     pte_t *pte = pte_offset_kernel(pmd, addr);
 * checking pXd_none()/pXd_present() at each level.
 */
#ifndef _ASM_X86_PGTABLE_H
#define _ASM_X86_PGTABLE_H

#include <linux/types.h>
#include <asm/pgtable_types.h>
#include <asm/page_types.h>
#include <asm/processor.h>

struct mm_struct;
struct vm_area_struct;

#define pgd_index(addr) (((addr) >> PGDIR_SHIFT) & (PTRS_PER_PGD - 1))
#define pud_index(addr) (((addr) >> PUD_SHIFT) & (PTRS_PER_PUD - 1))
#define pmd_index(addr) (((addr) >> PMD_SHIFT) & (PTRS_PER_PMD - 1))
#define pte_index(addr) (((addr) >> PAGE_SHIFT) & (PTRS_PER_PTE - 1))

/* The first PGD entry of the kernel half (shared by every process). */
#define KERNEL_PGD_BOUNDARY	pgd_index(PAGE_OFFSET)
#define USER_PTRS_PER_PGD	256

/* --- PTEs --- */
static inline unsigned long pte_flags(pte_t pte) { return pte_val(pte) & PTE_FLAGS_MASK; }
static inline unsigned long pte_pfn(pte_t pte) { return (pte_val(pte) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline int pte_none(pte_t pte) { return !pte_val(pte); }
/* pte_present - maps a page (also a PROT_NONE one, which the CPU sees as absent). */
static inline int pte_present(pte_t pte) { return pte_flags(pte) & (_PAGE_PRESENT | _PAGE_PROTNONE); }
static inline int pte_write(pte_t pte) { return pte_flags(pte) & _PAGE_RW; }
static inline int pte_dirty(pte_t pte) { return pte_flags(pte) & _PAGE_DIRTY; }
static inline int pte_young(pte_t pte) { return pte_flags(pte) & _PAGE_ACCESSED; }
static inline int pte_exec(pte_t pte) { return !(pte_flags(pte) & _PAGE_NX); }
static inline int pte_user(pte_t pte) { return pte_flags(pte) & _PAGE_USER; }

static inline pte_t pte_set_flags(pte_t pte, unsigned long set) { return __pte(pte_val(pte) | set); }
static inline pte_t pte_clear_flags(pte_t pte, unsigned long clr) { return __pte(pte_val(pte) & ~clr); }
static inline pte_t pte_mkwrite(pte_t pte) { return pte_set_flags(pte, _PAGE_RW); }
static inline pte_t pte_wrprotect(pte_t pte) { return pte_clear_flags(pte, _PAGE_RW); }
static inline pte_t pte_mkdirty(pte_t pte) { return pte_set_flags(pte, _PAGE_DIRTY); }
static inline pte_t pte_mkclean(pte_t pte) { return pte_clear_flags(pte, _PAGE_DIRTY); }
static inline pte_t pte_mkyoung(pte_t pte) { return pte_set_flags(pte, _PAGE_ACCESSED); }
static inline pte_t pte_mkold(pte_t pte) { return pte_clear_flags(pte, _PAGE_ACCESSED); }

/*
 * --- Swap-format PTEs (pgtable_64.h) ---
 *
 * A PTE with _PAGE_PRESENT and _PAGE_PROTNONE clear but not zero is a
 * swap entry: Linux keeps a swap slot there, or a migration entry (the
 * frame under migration, include/linux/swapops.h). The 5-bit type sits in
 * the top bits, the offset inverted (L1TF: a stale TLB entry must not
 * point at real memory) above the protnone bit; bit 3 (_PAGE_PWT) keeps
 * the anon-exclusive mark of the page that was there.
 */
#define SWP_TYPE_BITS		5
#define SWP_OFFSET_FIRST_BIT	(_PAGE_BIT_GLOBAL + 1)	/* _PAGE_BIT_PROTNONE + 1 */
#define SWP_OFFSET_SHIFT	(SWP_OFFSET_FIRST_BIT + SWP_TYPE_BITS)
#define _PAGE_SWP_EXCLUSIVE	_PAGE_PWT

#define __swp_type(x)		((x).val >> (64 - SWP_TYPE_BITS))
#define __swp_offset(x)		(~(x).val << SWP_TYPE_BITS >> SWP_OFFSET_SHIFT)
#define __swp_entry(type, offset) ((swp_entry_t) {				\
	(~(unsigned long)(offset) << SWP_OFFSET_SHIFT >> SWP_TYPE_BITS)		\
	| ((unsigned long)(type) << (64 - SWP_TYPE_BITS)) })
#define __pte_to_swp_entry(pte)	((swp_entry_t) { pte_val((pte)) })
#define __swp_entry_to_pte(x)	(__pte((x).val))

static inline pte_t pte_swp_mkexclusive(pte_t pte) { return pte_set_flags(pte, _PAGE_SWP_EXCLUSIVE); }
static inline int pte_swp_exclusive(pte_t pte) { return pte_flags(pte) & _PAGE_SWP_EXCLUSIVE; }
static inline pte_t pte_swp_clear_exclusive(pte_t pte) { return pte_clear_flags(pte, _PAGE_SWP_EXCLUSIVE); }

static inline pte_t pfn_pte(unsigned long pfn, pgprot_t prot)
{
	return __pte((pfn << PAGE_SHIFT) | pgprot_val(prot));
}

/* pte_modify - keep the frame and the accessed/dirty bits, take new protections. */
static inline pte_t pte_modify(pte_t pte, pgprot_t newprot)
{
	unsigned long keep = PTE_PFN_MASK | _PAGE_ACCESSED | _PAGE_DIRTY;

	return __pte((pte_val(pte) & keep) | (pgprot_val(newprot) & ~keep));
}

static inline int pte_same(pte_t a, pte_t b) { return pte_val(a) == pte_val(b); }

static inline void set_pte(pte_t *ptep, pte_t pte) { *(volatile unsigned long *)&ptep->pte = pte_val(pte); }
static inline void pte_clear(pte_t *ptep) { set_pte(ptep, __pte(0)); }

/* set_pte_at - install @pte as @mm's PTE of @addr (no flush: the entry was not present or is only widened). */
static inline void set_pte_at(struct mm_struct *mm, unsigned long addr, pte_t *ptep, pte_t pte)
{
	set_pte(ptep, pte);
}

/* ptep_get_and_clear - read and zero @mm's PTE of @addr (atomically on SMP: A/D bits). */
static inline pte_t ptep_get_and_clear(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	pte_t pte = *ptep;

	pte_clear(ptep);
	return pte;
}

/* ptep_test_and_clear_young - clear the accessed bit; was it set? (Linux: arch/x86/mm/pgtable.c) */
static inline int ptep_test_and_clear_young(struct vm_area_struct *vma, unsigned long addr,
					    pte_t *ptep)
{
	int young = pte_young(*ptep);

	if (young)
		set_pte(ptep, pte_mkold(*ptep));
	return young;
}

/*
 * ptep_set_access_flags - a fault widens a present PTE to @entry (young,
 * dirty, writable). x86 needs no TLB flush for that: the fault itself
 * dropped the stale TLB entry, and the CPU sets the accessed bit on its
 * own, so only a write fault (@dirty) stores the entry. Returns whether
 * the entry differs. (Linux: arch/x86/mm/pgtable.c.)
 */
static inline int ptep_set_access_flags(struct vm_area_struct *vma, unsigned long address,
					pte_t *ptep, pte_t entry, int dirty)
{
	int changed = !pte_same(*ptep, entry);

	if (changed && dirty)
		set_pte(ptep, entry);
	return changed;
}

/* A PTE and its TLB entry together: mm/pgtable-generic.c (Linux: declared in linux/pgtable.h). */
int ptep_clear_flush_young(struct vm_area_struct *vma, unsigned long address, pte_t *ptep);
pte_t ptep_clear_flush(struct vm_area_struct *vma, unsigned long address, pte_t *ptep);

/* --- PMDs, PUDs, PGDs: entries pointing at the next table (or a huge page). --- */
static inline unsigned long pmd_pfn(pmd_t pmd) { return (pmd_val(pmd) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline int pmd_none(pmd_t pmd) { return !pmd_val(pmd); }
static inline int pmd_present(pmd_t pmd) { return pmd_val(pmd) & _PAGE_PRESENT; }
static inline int pmd_large(pmd_t pmd) { return pmd_val(pmd) & _PAGE_PSE; }
static inline unsigned long pud_pfn(pud_t pud) { return (pud_val(pud) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline int pud_none(pud_t pud) { return !pud_val(pud); }
static inline int pud_present(pud_t pud) { return pud_val(pud) & _PAGE_PRESENT; }
static inline int pud_large(pud_t pud) { return pud_val(pud) & _PAGE_PSE; }
static inline unsigned long pgd_pfn(pgd_t pgd) { return (pgd_val(pgd) & PTE_PFN_MASK) >> PAGE_SHIFT; }
static inline int pgd_none(pgd_t pgd) { return !pgd_val(pgd); }
static inline int pgd_present(pgd_t pgd) { return pgd_val(pgd) & _PAGE_PRESENT; }

static inline void set_pmd(pmd_t *pmdp, pmd_t pmd) { *(volatile unsigned long *)&pmdp->pmd = pmd_val(pmd); }
static inline void set_pud(pud_t *pudp, pud_t pud) { *(volatile unsigned long *)&pudp->pud = pud_val(pud); }
static inline void set_pgd(pgd_t *pgdp, pgd_t pgd) { *(volatile unsigned long *)&pgdp->pgd = pgd_val(pgd); }
static inline void pmd_clear(pmd_t *pmdp) { set_pmd(pmdp, __pmd(0)); }
static inline void pud_clear(pud_t *pudp) { set_pud(pudp, __pud(0)); }
static inline void pgd_clear(pgd_t *pgdp) { set_pgd(pgdp, __pgd(0)); }

/* The tables an entry points to, through the direct map. */
static inline pud_t *pgd_page_vaddr(pgd_t pgd) { return __va(pgd_val(pgd) & PTE_PFN_MASK); }
static inline pmd_t *pud_page_vaddr(pud_t pud) { return __va(pud_val(pud) & PTE_PFN_MASK); }
static inline pte_t *pmd_page_vaddr(pmd_t pmd) { return __va(pmd_val(pmd) & PTE_PFN_MASK); }

static inline pud_t *pud_offset(pgd_t *pgd, unsigned long addr)
{
	return pgd_page_vaddr(*pgd) + pud_index(addr);
}

static inline pmd_t *pmd_offset(pud_t *pud, unsigned long addr)
{
	return pud_page_vaddr(*pud) + pmd_index(addr);
}

static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long addr)
{
	return pmd_page_vaddr(*pmd) + pte_index(addr);
}

/* The top-level entry of @address in @mm's page tables; _k: in the kernel's (init_mm). */
#define pgd_offset(mm, address)	((mm)->pgd + pgd_index(address))
#define pgd_offset_k(address)	pgd_offset(&init_mm, (address))

/* A user PTE table is reached through the direct map (no highmem on x86-64). */
#define pte_offset_map(pmd, address)	pte_offset_kernel(pmd, address)

/* ptep_set_wrprotect - fork: make a COW page read-only in the parent. */
static inline void ptep_set_wrprotect(struct mm_struct *mm, unsigned long addr, pte_t *ptep)
{
	set_pte(ptep, pte_wrprotect(*ptep));
}

/*
 * free_pgtables() bounds for a whole address space: user page tables may
 * be freed from address 0 up to the top (a ceiling of 0 means "no limit").
 */
#define FIRST_USER_ADDRESS	0UL
#define USER_PGTABLES_CEILING	0UL

/* Range helpers: the end of the entry covering @addr, capped at @end. */
#define __pX_addr_end(addr, end, size)					\
({	unsigned long __boundary = ((addr) + (size)) & ~((size) - 1);	\
	(__boundary - 1 < (end) - 1) ? __boundary : (end);		\
})
#define pgd_addr_end(addr, end) __pX_addr_end(addr, end, PGDIR_SIZE)
#define pud_addr_end(addr, end) __pX_addr_end(addr, end, PUD_SIZE)
#define pmd_addr_end(addr, end) __pX_addr_end(addr, end, PMD_SIZE)

enum pg_level { PG_LEVEL_4K = 1, PG_LEVEL_2M, PG_LEVEL_1G };
pte_t *lookup_address(unsigned long address, unsigned int *level);

extern pgd_t *swapper_pg_dir;	/* the kernel's page tables (init_mm.pgd) */

static inline void load_cr3(pgd_t *pgd)
{
	write_cr3(__pa(pgd));
}

/* TLB: one address, or everything but global (kernel) entries. */
static inline void flush_tlb_one_kernel(unsigned long addr)
{
	__flush_tlb_one(addr);
}

static inline void __flush_tlb_local(void)
{
	write_cr3(read_cr3());
}

#endif /* _ASM_X86_PGTABLE_H */
