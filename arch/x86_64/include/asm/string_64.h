/* SPDX-License-Identifier: GPL-2.0 */
/*
 * string_64.h - the x86-64 bodies of memcpy() and memset() that do not
 * use `rep movsb`/`rep stosb` (memcpy_64.asm, memset_64.asm). Mirrors
 * arch/x86/include/asm/string_64.h. kernel/lib/string.c picks a body by
 * CPU feature at each call, where Linux patches the choice in at boot.
 */
#ifndef _ASM_X86_STRING_64_H
#define _ASM_X86_STRING_64_H

#include <linux/types.h>

void *memcpy_orig(void *dest, const void *src, size_t n);
void *memset_orig(void *s, int c, size_t n);

#endif /* _ASM_X86_STRING_64_H */
