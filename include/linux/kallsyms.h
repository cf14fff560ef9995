/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kallsyms.h - look up the kernel function containing an address, using the
 * symbol table embedded at build time (tools/kallsyms.py). Mirrors
 * include/linux/kallsyms.h.
 */
#ifndef _LINUX_KALLSYMS_H
#define _LINUX_KALLSYMS_H

#include <linux/types.h>
#include <linux/stddef.h>

#define KSYM_NAME_LEN 128

const char *kallsyms_lookup(unsigned long addr, unsigned long *symbolsize,
			    unsigned long *offset);
unsigned long kallsyms_lookup_name(const char *name);
int sprint_symbol(char *buf, size_t size, unsigned long addr, bool with_offset);
int sprint_backtrace(char *buf, size_t size, unsigned long addr);

#endif /* _LINUX_KALLSYMS_H */
