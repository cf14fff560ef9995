// SPDX-License-Identifier: GPL-2.0
/*
 * init_64.c - the kernel's own page tables. Mirrors arch/x86/mm/init.c and
 * init_64.c (init_mem_mapping, kernel_physical_mapping_init).
 *
 * boot.asm's tables map only the first GiB, with the kernel image
 * writable and executable. init_mem_mapping() builds the final tables in
 * init_top_pgt (swapper_pg_dir, the kernel's PGD and the template of every
 * process's kernel half):
 *
 *   PAGE_OFFSET + phys -> phys for all RAM (the direct map): 2 MiB pages
 *                         where aligned, 4 KiB pages at the edges; NX.
 *   __START_KERNEL_map + phys -> the kernel image in 4 KiB pages:
 *                         .text read-only+executable, .rodata and the
 *                         symbol table read-only+NX, .data/.bss
 *                         read-write+NX.
 *
 * and nothing else: the identity map of the boot code is gone (a NULL
 * dereference now faults), and so is the writable mapping of kernel text.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/memblock.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/cpufeature.h>
#include <asm/setup.h>

pgd_t init_top_pgt[PTRS_PER_PGD] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
pgd_t *swapper_pg_dir = init_top_pgt;
unsigned long __supported_pte_mask = ~0UL;

/* Early page-table pages come from memblock, below the boot map's 1 GiB. */
static void *alloc_low_page(void)
{
	return memblock_alloc(PAGE_SIZE, PAGE_SIZE);
}

static pud_t *fill_pud(pgd_t *pgd, unsigned long vaddr)
{
	if (pgd_none(*pgd))
		set_pgd(pgd, __pgd(__pa(alloc_low_page()) | _KERNPG_TABLE));
	return pud_offset(pgd, vaddr);
}

static pmd_t *fill_pmd(pud_t *pud, unsigned long vaddr)
{
	if (pud_none(*pud))
		set_pud(pud, __pud(__pa(alloc_low_page()) | _KERNPG_TABLE));
	return pmd_offset(pud, vaddr);
}

static pte_t *fill_pte(pmd_t *pmd, unsigned long vaddr)
{
	if (pmd_none(*pmd))
		set_pmd(pmd, __pmd(__pa(alloc_low_page()) | _KERNPG_TABLE));
	return pte_offset_kernel(pmd, vaddr);
}

/**
 * kernel_map_range - map [vaddr, vaddr+size) to [paddr, ...) in swapper_pg_dir
 * @vaddr: virtual start (page aligned)
 * @paddr: physical start (page aligned)
 * @size: bytes (page aligned)
 * @prot: protection of the leaf entries, as for a PTE
 * @large: use 2 MiB pages (@prot plus _PAGE_PSE) wherever both addresses
 *	   are 2 MiB aligned
 */
static void kernel_map_range(unsigned long vaddr, phys_addr_t paddr, unsigned long size,
			     pgprot_t prot, bool large)
{
	unsigned long end = vaddr + size;

	while (vaddr < end) {
		pmd_t *pmd = fill_pmd(fill_pud(swapper_pg_dir + pgd_index(vaddr), vaddr), vaddr);

		if (large && IS_ALIGNED(vaddr | paddr, PMD_SIZE) && end - vaddr >= PMD_SIZE) {
			set_pmd(pmd, __pmd(paddr | pgprot_val(prot) | _PAGE_PSE));
			vaddr += PMD_SIZE;
			paddr += PMD_SIZE;
			continue;
		}
		set_pte(fill_pte(pmd, vaddr), pfn_pte(paddr >> PAGE_SHIFT, prot));
		vaddr += PAGE_SIZE;
		paddr += PAGE_SIZE;
	}
}

static void map_kernel_section(const char *name, void *start, void *end, pgprot_t prot)
{
	unsigned long s = (unsigned long)start, e = PAGE_ALIGN((unsigned long)end);

	kernel_map_range(s, __pa(s), e - s, prot, false);
	pr_info("  kernel %-8s [%016lx-%016lx] %s %s\n", name, s, e - 1,
		pgprot_val(prot) & _PAGE_RW ? "RW" : "RO",
		pgprot_val(prot) & _PAGE_NX ? "NX" : "X");
}

/**
 * init_mem_mapping - build the final kernel page tables and switch to them
 */
void init_mem_mapping(void)
{
	struct memblock_region *r;
	unsigned long mapped = 0;
	u64 i;

	if (!boot_cpu_has(X86_FEATURE_NX))
		__supported_pte_mask &= ~_PAGE_NX;

	for_each_mem_region(i, r) {
		kernel_map_range((unsigned long)__va(r->base), r->base, r->size,
				 PAGE_KERNEL, true);
		mapped += r->size;
	}
	pr_info("direct map: %lu MiB of RAM at %#lx\n", mapped >> 20, PAGE_OFFSET);

	map_kernel_section(".text", _text, _etext, PAGE_KERNEL_RX);
	map_kernel_section(".rodata", _rodata, _erodata, PAGE_KERNEL_RO);
	map_kernel_section(".data", _sdata, __bss_stop, PAGE_KERNEL);
	map_kernel_section("kallsyms", __kallsyms_start, _end, PAGE_KERNEL_RO);

	load_cr3(swapper_pg_dir);
}

/**
 * paging_init - set up the zones: DMA below 16 MiB, DMA32 below 4 GiB,
 * Normal above (mirrors zone_sizes_init() in arch/x86/mm/init.c)
 */
void paging_init(void)
{
	unsigned long max_zone_pfns[MAX_NR_ZONES] = {
		[ZONE_DMA] = min(MAX_DMA_PFN, max_pfn),
		[ZONE_DMA32] = min(MAX_DMA32_PFN, max_pfn),
		[ZONE_NORMAL] = max_pfn,
	};

	free_area_init(max_zone_pfns);
}

/**
 * lookup_address - find the kernel page-table entry that maps @address
 * @address: a kernel virtual address
 * @level: receives PG_LEVEL_4K, PG_LEVEL_2M or PG_LEVEL_1G
 *
 * Returns the leaf entry (a PTE, or a PMD/PUD with _PAGE_PSE, cast to
 * pte_t), or NULL if nothing maps @address. Mirrors
 * arch/x86/mm/pat/set_memory.c.
 */
pte_t *lookup_address(unsigned long address, unsigned int *level)
{
	pgd_t *pgd = swapper_pg_dir + pgd_index(address);
	pud_t *pud;
	pmd_t *pmd;
	pte_t *pte;

	if (!pgd_present(*pgd))
		return NULL;
	pud = pud_offset(pgd, address);
	*level = PG_LEVEL_1G;
	if (pud_large(*pud))
		return (pte_t *)pud;
	if (!pud_present(*pud))
		return NULL;
	pmd = pmd_offset(pud, address);
	*level = PG_LEVEL_2M;
	if (pmd_large(*pmd))
		return (pte_t *)pmd;
	if (!pmd_present(*pmd))
		return NULL;
	pte = pte_offset_kernel(pmd, address);
	*level = PG_LEVEL_4K;
	return pte_present(*pte) ? pte : NULL;
}
