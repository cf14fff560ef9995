/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fpu.h - saving and restoring user FPU/SSE registers. Mirrors
 * arch/x86/include/asm/fpu/ (eager switching with fxsave/fxrstor; the
 * kernel itself never uses these registers: it is built with -mno-sse).
 */
#ifndef _ASM_X86_FPU_H
#define _ASM_X86_FPU_H

#include <linux/string.h>
#include <asm/processor.h>

#define FXSAVE_FCW_OFFSET	0
#define FXSAVE_MXCSR_OFFSET	24
#define FCW_DEFAULT		0x037f	/* all x87 exceptions masked, 64-bit precision */
#define MXCSR_DEFAULT		0x1f80	/* all SSE exceptions masked */

static inline void fxsave(struct fxregs_state *fx)
{
	__asm__ volatile("fxsave64 %0" : "=m"(*fx));
}

static inline void fxrstor(const struct fxregs_state *fx)
{
	__asm__ volatile("fxrstor64 %0" : : "m"(*fx));
}

/* fpu_init_state - the FPU state a new program starts with (execve). */
static inline void fpu_init_state(struct fxregs_state *fx)
{
	u16 fcw = FCW_DEFAULT;
	u32 mxcsr = MXCSR_DEFAULT;

	memset(fx, 0, sizeof(*fx));
	memcpy(fx->bytes + FXSAVE_FCW_OFFSET, &fcw, sizeof(fcw));
	memcpy(fx->bytes + FXSAVE_MXCSR_OFFSET, &mxcsr, sizeof(mxcsr));
}

#endif /* _ASM_X86_FPU_H */
