// SPDX-License-Identifier: GPL-2.0
/*
 * setup.c - setup_arch(): the machine-specific part of boot, mostly memory.
 * Mirrors arch/x86/kernel/setup.c.
 *
 *   1. the e820 map from GRUB -> memblock.memory (all RAM)
 *   2. what is already in use -> memblock.reserved: the kernel image and
 *      the modules (the initramfs); the multiboot information was copied
 *      by parse_multiboot2() and is not needed any more
 *   3. the final kernel page tables (init_mem_mapping)
 *   4. zones and struct pages for every page frame (paging_init)
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/memblock.h>
#include <linux/multiboot2.h>
#include <linux/start_kernel.h>
#include <linux/mm.h>
#include <asm/e820.h>
#include <asm/sections.h>
#include <asm/setup.h>

unsigned long max_pfn;

static void reserve_boot_memory(void)
{
	phys_addr_t image_start = (phys_addr_t)_boot_start;

	memblock_reserve(image_start, __pa(_end) - image_start);
	for (int i = 0; i < nr_boot_modules; i++) {
		struct boot_module *m = &boot_modules[i];

		pr_info("multiboot2: module %d [mem %#018lx-%#018lx] %s\n", i, m->start,
			m->end - 1, m->cmdline);
		memblock_reserve(m->start, PAGE_ALIGN(m->end) - m->start);
	}
}

/*
 * free_boot_code - the 32-bit entry code and boot page tables are not
 * needed once the final page tables are loaded.
 */
static void free_boot_code(void)
{
	unsigned long size = (unsigned long)(_boot_end - _boot_start);

	memblock_phys_free((phys_addr_t)_boot_start, size);
	pr_info("Freeing boot code and page tables: %luK\n", size >> 10);
}

void setup_arch(void)
{
	e820__print_table("BIOS-e820");
	e820__memblock_setup();
	reserve_boot_memory();
	max_pfn = e820__end_of_ram_pfn();
	pr_info("last_pfn = %#lx max_arch_pfn = %#lx\n", max_pfn, 1UL << (52 - PAGE_SHIFT));

	/* The boot page tables map 1 GiB: early page tables must come from there. */
	memblock_set_current_limit(GB(1));
	init_mem_mapping();
	memblock_set_current_limit(MEMBLOCK_ALLOC_ANYWHERE);
	free_boot_code();
	memblock_dump_all();

	paging_init();
}
