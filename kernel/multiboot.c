// SPDX-License-Identifier: GPL-2.0
/*
 * multiboot.c - read GRUB's multiboot2 information: the command line, the
 * boot loader's name, the memory map (into e820_table) and the modules
 * (the initramfs). Linux's counterpart is the boot_params copy in
 * arch/x86/kernel/head64.c plus e820__memory_setup().
 *
 * It runs before the kernel page tables exist: the boot page tables map
 * the first GiB at PAGE_OFFSET, and GRUB places the information there.
 */
#include <linux/kernel.h>
#include <linux/multiboot2.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/panic.h>
#include <asm/e820.h>
#include <asm/page_types.h>

char boot_command_line[COMMAND_LINE_SIZE];
char boot_loader_name[64];
struct boot_module boot_modules[MAX_BOOT_MODULES];
int nr_boot_modules;

static void parse_mmap(const struct multiboot_tag_mmap *tag)
{
	const u8 *p = (const u8 *)tag->entries, *end = (const u8 *)tag + tag->size;

	for (; p + tag->entry_size <= end; p += tag->entry_size) {
		const struct multiboot_mmap_entry *e = (const void *)p;

		e820__range_add(e->addr, e->len, e->type);
	}
}

static void parse_module(const struct multiboot_tag_module *tag)
{
	struct boot_module *m;

	if (nr_boot_modules >= MAX_BOOT_MODULES)
		return;
	m = &boot_modules[nr_boot_modules++];
	m->start = tag->mod_start;
	m->end = tag->mod_end;
	strscpy(m->cmdline, tag->cmdline, sizeof(m->cmdline));
}

/**
 * parse_multiboot2 - walk the tags of the multiboot2 information
 * @mbi_phys: its physical address, as GRUB passed it in ebx
 */
void parse_multiboot2(unsigned long mbi_phys)
{
	const u8 *mbi = __va(mbi_phys);
	u32 total = *(const u32 *)mbi;
	const struct multiboot_tag *tag;

	if (mbi_phys + total > GB(1))
		panic("multiboot2 information above 1 GiB (at %#lx)", mbi_phys);

	for (tag = (const void *)(mbi + 8); tag->type != MULTIBOOT_TAG_TYPE_END;
	     tag = (const void *)((const u8 *)tag + ALIGN(tag->size, 8))) {
		switch (tag->type) {
		case MULTIBOOT_TAG_TYPE_CMDLINE:
			strscpy(boot_command_line,
				((const struct multiboot_tag_string *)tag)->string,
				sizeof(boot_command_line));
			break;
		case MULTIBOOT_TAG_TYPE_BOOT_LOADER_NAME:
			strscpy(boot_loader_name,
				((const struct multiboot_tag_string *)tag)->string,
				sizeof(boot_loader_name));
			break;
		case MULTIBOOT_TAG_TYPE_MMAP:
			parse_mmap((const void *)tag);
			break;
		case MULTIBOOT_TAG_TYPE_MODULE:
			parse_module((const void *)tag);
			break;
		}
	}
}
