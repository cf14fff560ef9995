/* SPDX-License-Identifier: GPL-2.0 */
/*
 * extable.h - the exception table: "if the instruction at @insn faults,
 * continue at @fixup". Used by the user-memory accessors so that a bad user
 * pointer makes a system call return -EFAULT instead of oopsing.
 * Mirrors arch/x86/include/asm/extable.h and asm.h's _ASM_EXTABLE (with
 * absolute addresses instead of relative ones).
 */
#ifndef _ASM_X86_EXTABLE_H
#define _ASM_X86_EXTABLE_H

struct exception_table_entry {
	unsigned long insn;
	unsigned long fixup;
};

/* For inline assembly: _ASM_EXTABLE(1b, 3b) */
#define _ASM_EXTABLE(from, to)				\
	" .pushsection __ex_table, \"a\"\n"		\
	" .balign 8\n"					\
	" .quad " #from ", " #to "\n"			\
	" .popsection\n"

const struct exception_table_entry *search_exception_tables(unsigned long addr);

#endif /* _ASM_X86_EXTABLE_H */
