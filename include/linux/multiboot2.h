/* SPDX-License-Identifier: GPL-2.0 */
/*
 * multiboot2.h - the boot information GRUB hands over, as defined by the
 * Multiboot2 specification (section 3.6): a u32 total size, a reserved
 * u32, then 8-byte aligned tags {type, size, payload} ending with type 0.
 * Linux has no equivalent; its boot protocol is struct boot_params.
 */
#ifndef _LINUX_MULTIBOOT2_H
#define _LINUX_MULTIBOOT2_H

#include <linux/types.h>

#define MULTIBOOT2_BOOTLOADER_MAGIC	0x36d76289

#define MULTIBOOT_TAG_TYPE_END		0
#define MULTIBOOT_TAG_TYPE_CMDLINE	1
#define MULTIBOOT_TAG_TYPE_BOOT_LOADER_NAME 2
#define MULTIBOOT_TAG_TYPE_MODULE	3
#define MULTIBOOT_TAG_TYPE_BASIC_MEMINFO 4
#define MULTIBOOT_TAG_TYPE_MMAP		6

struct multiboot_tag {
	u32 type;
	u32 size;
};

struct multiboot_tag_string {
	u32 type;
	u32 size;
	char string[];
};

struct multiboot_tag_module {
	u32 type;
	u32 size;
	u32 mod_start;
	u32 mod_end;
	char cmdline[];
};

struct multiboot_mmap_entry {
	u64 addr;
	u64 len;
	u32 type;		/* 1 RAM, 3 ACPI reclaimable, 4 NVS, 5 bad: e820 types */
	u32 zero;
};

struct multiboot_tag_mmap {
	u32 type;
	u32 size;
	u32 entry_size;
	u32 entry_version;
	struct multiboot_mmap_entry entries[];
};

#endif /* _LINUX_MULTIBOOT2_H */

/* What kernel/multiboot.c keeps of the boot information. */
#define MAX_BOOT_MODULES 8
#define COMMAND_LINE_SIZE 2048

struct boot_module {
	unsigned long start;	/* physical */
	unsigned long end;	/* physical, exclusive */
	char cmdline[64];	/* the words after the path in grub.cfg */
};

extern struct boot_module boot_modules[MAX_BOOT_MODULES];
extern int nr_boot_modules;
extern char boot_loader_name[64];

void parse_multiboot2(unsigned long mbi_phys);
