/* SPDX-License-Identifier: GPL-2.0 */
/*
 * msr-index.h - model-specific register numbers and bits we use. Mirrors
 * arch/x86/include/asm/msr-index.h.
 */
#ifndef _ASM_X86_MSR_INDEX_H
#define _ASM_X86_MSR_INDEX_H

#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_CSTAR		0xc0000083
#define MSR_SYSCALL_MASK	0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102

#define EFER_SCE		(1UL << 0)	/* SYSCALL/SYSRET enable */
#define EFER_LME		(1UL << 8)	/* long mode enable */
#define EFER_LMA		(1UL << 10)	/* long mode active */
#define EFER_NX			(1UL << 11)	/* no-execute enable */

#endif /* _ASM_X86_MSR_INDEX_H */
