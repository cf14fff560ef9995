/* SPDX-License-Identifier: GPL-2.0 */
/*
 * page.h - copying a page of user memory. Mirrors arch/x86/include/asm/page.h:
 * x86 caches need no flushing, so the user address does not matter.
 */
#ifndef _ASM_X86_PAGE_H
#define _ASM_X86_PAGE_H

#include <asm/page_64.h>

struct page;

static inline void copy_user_page(void *to, void *from, unsigned long vaddr,
				  struct page *topage)
{
	copy_page(to, from);
}

#endif /* _ASM_X86_PAGE_H */
