/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sections.h - the kernel image's section boundaries from linker.ld.
 * Mirrors include/asm-generic/sections.h. _boot_start/_boot_end are
 * physical addresses (the 32-bit boot code runs before paging); all others
 * are virtual addresses in the kernel map.
 */
#ifndef _ASM_X86_SECTIONS_H
#define _ASM_X86_SECTIONS_H

extern char _boot_start[], _boot_end[];
extern char _text[], _etext[];
extern char _rodata[], _erodata[];
extern char _sdata[], _edata[];
extern char __bss_start[], __bss_stop[];
extern char __kallsyms_start[], _end[];

#endif /* _ASM_X86_SECTIONS_H */
