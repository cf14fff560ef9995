/* SPDX-License-Identifier: GPL-2.0 */
/*
 * setup.h - the memory part of setup_arch(). Mirrors
 * arch/x86/include/asm/setup.h and pgtable.h's paging_init().
 */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

void init_mem_mapping(void);
void e820__memblock_setup(void);
void paging_init(void);

#endif /* _ASM_X86_SETUP_H */
