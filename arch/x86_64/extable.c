// SPDX-License-Identifier: GPL-2.0
/*
 * extable.c - look up a faulting kernel instruction in __ex_table and, if it
 * has a fixup, resume there. Mirrors arch/x86/mm/extable.c and
 * kernel/extable.c (a linear scan: the table has a handful of entries).
 */
#include <linux/kernel.h>
#include <asm/extable.h>
#include <asm/traps.h>

extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

const struct exception_table_entry *search_exception_tables(unsigned long addr)
{
	for (const struct exception_table_entry *e = __start___ex_table;
	     e < __stop___ex_table; e++)
		if (e->insn == addr)
			return e;
	return NULL;
}

/**
 * fixup_exception - redirect a faulting kernel instruction to its fixup
 * @regs: the registers at the fault
 *
 * Returns 1 if @regs->ip was redirected, 0 if the fault has no fixup.
 */
int fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->ip);

	if (!e)
		return 0;
	regs->ip = e->fixup;
	return 1;
}
