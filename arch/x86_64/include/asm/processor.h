/* SPDX-License-Identifier: GPL-2.0 */
/*
 * processor.h - CPU instructions wrapped as C functions: CPUID, control
 * registers, MSRs, the TSC, halting. Mirrors arch/x86/include/asm/processor.h,
 * special_insns.h and msr.h.
 */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#include <linux/types.h>
#include <asm/processor-flags.h>
#include <asm/msr-index.h>

static inline void cpuid_count(u32 leaf, u32 subleaf, u32 *eax, u32 *ebx,
			       u32 *ecx, u32 *edx)
{
	__asm__ volatile("cpuid"
			 : "=a"(*eax), "=b"(*ebx), "=c"(*ecx), "=d"(*edx)
			 : "a"(leaf), "c"(subleaf));
}

static inline void cpuid(u32 leaf, u32 *eax, u32 *ebx, u32 *ecx, u32 *edx)
{
	cpuid_count(leaf, 0, eax, ebx, ecx, edx);
}

#define DEFINE_CR_ACCESSORS(n)						\
static inline unsigned long read_cr##n(void)				\
{									\
	unsigned long val;						\
	__asm__ volatile("mov %%cr" #n ", %0" : "=r"(val) : : "memory");\
	return val;							\
}									\
static inline void write_cr##n(unsigned long val)			\
{									\
	__asm__ volatile("mov %0, %%cr" #n : : "r"(val) : "memory");	\
}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)
#undef DEFINE_CR_ACCESSORS

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 val)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32))
			 : "memory");
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

/* rdtsc_ordered - a TSC read that is not executed ahead of earlier loads. */
static inline u64 rdtsc_ordered(void)
{
	__asm__ volatile("lfence" : : : "memory");
	return rdtsc();
}

static inline void native_halt(void)
{
	__asm__ volatile("hlt" : : : "memory");
}

/* safe_halt - enable interrupts and halt, atomically (sti's shadow). */
static inline void safe_halt(void)
{
	__asm__ volatile("sti; hlt" : : : "memory");
}

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" : : : "memory");
}

static inline void __flush_tlb_one(unsigned long addr)
{
	__asm__ volatile("invlpg (%0)" : : "r"(addr) : "memory");
}

/* stac/clac open and close the SMAP window for user-memory accesses. */
static inline void stac(void)
{
	extern bool smap_enabled;

	if (smap_enabled)
		__asm__ volatile("stac" : : : "memory", "cc");
}

static inline void clac(void)
{
	extern bool smap_enabled;

	if (smap_enabled)
		__asm__ volatile("clac" : : : "memory", "cc");
}

/* The x87/SSE register state saved by fxsave (512 bytes, 16-byte aligned). */
struct fxregs_state {
	u8 bytes[512];
} __attribute__((__aligned__(16)));

/*
 * struct thread_struct - a task's CPU state that is not in pt_regs: the
 * kernel stack pointer saved by the context switch, the FS/GS bases (user
 * TLS), the last user fault (address, vector, error code) and the user's
 * FPU/SSE registers. Mirrors arch/x86/include/asm/
 * processor.h.
 */
struct thread_struct {
	unsigned long sp;
	unsigned long fsbase;
	unsigned long gsbase;
	/* The last user fault, for the signal's siginfo and sigcontext. */
	unsigned long cr2;
	unsigned long trap_nr;
	unsigned long error_code;
	bool notsc;		/* PR_SET_TSC(PR_TSC_SIGSEGV): CR4.TSD while it runs (TIF_NOTSC) */
	struct fxregs_state fpu;
};

#define THREAD_SIZE (16UL << 10)	/* kernel stacks: 16 KiB, as on Linux x86-64 */

#endif /* _ASM_X86_PROCESSOR_H */
