/* SPDX-License-Identifier: GPL-2.0 */
/*
 * page_64.h - clearing and copying whole pages. Mirrors
 * arch/x86/include/asm/page_64.h; the bodies are in clear_page_64.asm and
 * copy_page_64.asm. Linux patches the choice of body into the call at boot
 * (alternative_call_2, ALTERNATIVE); Pagoda tests the feature bits, read
 * once from CPUID, at each call.
 */
#ifndef _ASM_X86_PAGE_64_H
#define _ASM_X86_PAGE_64_H

#include <asm/cpufeature.h>

void clear_page_orig(void *page);
void clear_page_rep(void *page);
void clear_page_erms(void *page);
void copy_page_rep(void *to, void *from);
void copy_page_regs(void *to, void *from);

/* clear_page - zero the page at kernel address @page. */
static inline void clear_page(void *page)
{
	if (boot_cpu_has(X86_FEATURE_ERMS))
		clear_page_erms(page);
	else if (boot_cpu_has(X86_FEATURE_REP_GOOD))
		clear_page_rep(page);
	else
		clear_page_orig(page);
}

/* copy_page - copy the page at kernel address @from to @to. */
static inline void copy_page(void *to, void *from)
{
	if (boot_cpu_has(X86_FEATURE_REP_GOOD))
		copy_page_rep(to, from);
	else
		copy_page_regs(to, from);
}

#endif /* _ASM_X86_PAGE_64_H */
