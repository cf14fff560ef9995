// SPDX-License-Identifier: GPL-2.0
/*
 * e820.c - the physical memory map from the boot loader. Mirrors
 * arch/x86/kernel/e820.c (without sanitising overlaps: GRUB's map is sorted
 * and disjoint under QEMU).
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <asm/e820.h>
#include <asm/page_types.h>
#include <asm/setup.h>
#include <linux/memblock.h>

struct e820_table e820_table;

void e820__range_add(u64 start, u64 size, enum e820_type type)
{
	if (e820_table.nr_entries >= E820_MAX_ENTRIES) {
		pr_err("e820: too many entries; ignoring [mem %#018llx-%#018llx]\n",
		       (unsigned long long)start, (unsigned long long)(start + size - 1));
		return;
	}
	e820_table.entries[e820_table.nr_entries++] = (struct e820_entry){ start, size, type };
}

static const char *e820_type_name(enum e820_type type)
{
	switch (type) {
	case E820_TYPE_RAM: return "usable";
	case E820_TYPE_RESERVED: return "reserved";
	case E820_TYPE_ACPI: return "ACPI data";
	case E820_TYPE_NVS: return "ACPI NVS";
	case E820_TYPE_UNUSABLE: return "unusable";
	case E820_TYPE_PMEM: return "persistent (type 7)";
	default: return "type unknown";
	}
}

/* e820__print_table - "BIOS-e820: [mem 0x...-0x...] usable" lines. */
void e820__print_table(const char *who)
{
	pr_info("BIOS-provided physical RAM map:\n");
	for (u32 i = 0; i < e820_table.nr_entries; i++) {
		struct e820_entry *e = &e820_table.entries[i];

		pr_info("%s: [mem %#018llx-%#018llx] %s\n", who,
			(unsigned long long)e->addr,
			(unsigned long long)(e->addr + e->size - 1), e820_type_name(e->type));
	}
}

/* e820__end_of_ram_pfn - one past the highest usable page frame. */
u64 e820__end_of_ram_pfn(void)
{
	u64 last = 0;

	for (u32 i = 0; i < e820_table.nr_entries; i++) {
		struct e820_entry *e = &e820_table.entries[i];

		if (e->type == E820_TYPE_RAM)
			last = max(last, PFN_DOWN(e->addr + e->size));
	}
	return last;
}

/**
 * e820__memblock_setup - tell memblock about every usable RAM range
 *
 * Partial pages at the ends of a range are dropped. Like Linux, the first
 * page (physical address 0) is never used: it is reserved in the map, so
 * a physical address of 0 can mean "none".
 */
void e820__memblock_setup(void)
{
	pr_info("e820: update [mem 0x00000000-0x00000fff] usable ==> reserved\n");
	for (u32 i = 0; i < e820_table.nr_entries; i++) {
		struct e820_entry *e = &e820_table.entries[i];
		u64 start = max_t(u64, PAGE_ALIGN(e->addr), PAGE_SIZE);
		u64 end = (e->addr + e->size) & PAGE_MASK;

		if (e->type == E820_TYPE_RAM && start < end)
			memblock_add(start, end - start);
	}
}
