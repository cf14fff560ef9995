/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cpufeature.h - the CPU features Pagoda looks at, read once by
 * arch/x86_64/cpu.c from CPUID. Mirrors arch/x86/include/asm/cpufeature.h
 * (with a small named set instead of Linux's capability words).
 */
#ifndef _ASM_X86_CPUFEATURE_H
#define _ASM_X86_CPUFEATURE_H

#include <linux/types.h>

enum x86_feature {
	X86_FEATURE_FPU,
	X86_FEATURE_TSC,
	X86_FEATURE_PGE,
	X86_FEATURE_PAT,
	X86_FEATURE_FXSR,
	X86_FEATURE_XMM,
	X86_FEATURE_XMM2,
	X86_FEATURE_APIC,
	X86_FEATURE_NX,
	X86_FEATURE_GBPAGES,
	X86_FEATURE_LM,
	X86_FEATURE_SYSCALL,
	X86_FEATURE_RDRAND,
	X86_FEATURE_CONSTANT_TSC,
	X86_FEATURE_FSGSBASE,
	X86_FEATURE_SMEP,
	X86_FEATURE_SMAP,
	X86_FEATURE_UMIP,
	X86_FEATURE_ERMS,
	X86_FEATURE_FSRM,		/* fast short rep movsb */
	X86_FEATURE_FSRS,		/* fast short rep stosb */
	X86_FEATURE_HYPERVISOR,
	X86_FEATURE_REP_GOOD,		/* synthetic: rep string insns are fast */
	NR_X86_FEATURES
};

struct cpuinfo_x86 {
	char vendor_id[16];
	char model_id[64];
	u32 family;
	u32 model;
	u32 stepping;
	u32 max_leaf;
	u32 max_ext_leaf;
	u8 phys_bits;
	u8 virt_bits;
	u64 features;		/* bit n = enum x86_feature n */
};

extern struct cpuinfo_x86 boot_cpu_data;
extern const char *const x86_feature_names[NR_X86_FEATURES];

static inline bool boot_cpu_has(enum x86_feature f)
{
	return boot_cpu_data.features & (1ULL << f);
}

void early_cpu_init(void);
void cpu_init_features(void);

#endif /* _ASM_X86_CPUFEATURE_H */
