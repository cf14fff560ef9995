/* SPDX-License-Identifier: GPL-2.0 */
/*
 * e820.h - the firmware's physical memory map. Mirrors
 * arch/x86/include/asm/e820/types.h and api.h. GRUB's multiboot2 memory
 * map uses the same types as the BIOS e820 call, so Pagoda keeps Linux's
 * name and prints it the way Linux does.
 */
#ifndef _ASM_X86_E820_H
#define _ASM_X86_E820_H

#include <linux/types.h>

enum e820_type {
	E820_TYPE_RAM = 1,
	E820_TYPE_RESERVED = 2,
	E820_TYPE_ACPI = 3,
	E820_TYPE_NVS = 4,
	E820_TYPE_UNUSABLE = 5,
	E820_TYPE_PMEM = 7,
};

struct e820_entry {
	u64 addr;
	u64 size;
	enum e820_type type;
};

#define E820_MAX_ENTRIES 128

struct e820_table {
	u32 nr_entries;
	struct e820_entry entries[E820_MAX_ENTRIES];
};

extern struct e820_table e820_table;

void e820__range_add(u64 start, u64 size, enum e820_type type);
void e820__print_table(const char *who);
u64 e820__end_of_ram_pfn(void);

#endif /* _ASM_X86_E820_H */
