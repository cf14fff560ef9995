/* SPDX-License-Identifier: GPL-2.0 */
/*
 * processor-flags.h - bits of EFLAGS, CR0 and CR4. Mirrors
 * arch/x86/include/uapi/asm/processor-flags.h.
 */
#ifndef _ASM_X86_PROCESSOR_FLAGS_H
#define _ASM_X86_PROCESSOR_FLAGS_H

#define X86_EFLAGS_CF	(1UL << 0)
#define X86_EFLAGS_FIXED (1UL << 1)	/* always set */
#define X86_EFLAGS_PF	(1UL << 2)
#define X86_EFLAGS_AF	(1UL << 4)
#define X86_EFLAGS_ZF	(1UL << 6)
#define X86_EFLAGS_SF	(1UL << 7)
#define X86_EFLAGS_TF	(1UL << 8)
#define X86_EFLAGS_IF	(1UL << 9)
#define X86_EFLAGS_DF	(1UL << 10)
#define X86_EFLAGS_OF	(1UL << 11)
#define X86_EFLAGS_IOPL	(3UL << 12)
#define X86_EFLAGS_NT	(1UL << 14)
#define X86_EFLAGS_RF	(1UL << 16)
#define X86_EFLAGS_AC	(1UL << 18)
#define X86_EFLAGS_ID	(1UL << 21)

#define X86_CR0_PE	(1UL << 0)
#define X86_CR0_MP	(1UL << 1)
#define X86_CR0_EM	(1UL << 2)
#define X86_CR0_TS	(1UL << 3)
#define X86_CR0_NE	(1UL << 5)
#define X86_CR0_WP	(1UL << 16)
#define X86_CR0_AM	(1UL << 18)
#define X86_CR0_PG	(1UL << 31)

#define X86_CR4_TSD	(1UL << 2)	/* rdtsc in user mode raises #GP */
#define X86_CR4_PAE	(1UL << 5)
#define X86_CR4_PGE	(1UL << 7)
#define X86_CR4_OSFXSR	(1UL << 9)
#define X86_CR4_OSXMMEXCPT (1UL << 10)
#define X86_CR4_UMIP	(1UL << 11)
#define X86_CR4_FSGSBASE (1UL << 16)
#define X86_CR4_SMEP	(1UL << 20)
#define X86_CR4_SMAP	(1UL << 21)

#endif /* _ASM_X86_PROCESSOR_FLAGS_H */
