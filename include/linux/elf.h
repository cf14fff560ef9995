/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elf.h - the kernel's view of ELF: the native (64-bit) type names the ELF
 * loader uses, and the x86-64 facts it needs about executables it may run
 * and the auxiliary vector it hands them. Mirrors include/linux/elf.h and
 * arch/x86/include/asm/elf.h.
 */
#ifndef _LINUX_ELF_H
#define _LINUX_ELF_H

#include <uapi/linux/elf.h>
#include <asm/page_types.h>
#include <asm/processor.h>

#define elfhdr		elf64_hdr
#define elf_phdr	elf64_phdr
#define elf_addr_t	Elf64_Off
#define ELF_CLASS	ELFCLASS64
#define ELF_DATA	ELFDATA2LSB
#define ELF_ARCH	EM_X86_64

/* elf_check_arch - can this CPU run @x (an ELF header of the right class)? */
#define elf_check_arch(x)	((x)->e_machine == EM_X86_64)

#define ELF_EXEC_PAGESIZE	4096

/*
 * Where an ET_DYN program is loaded: two thirds of the way up the user
 * address space, far above the brk of a fixed-address (ET_EXEC) program
 * and far below the stack (Linux: DEFAULT_MAP_WINDOW / 3 * 2, which is
 * 0x555555554aaa; the page of the first PT_LOAD is 0x555555554000).
 * Linux adds a random offset to it; Pagoda does not randomise.
 */
#define ELF_ET_DYN_BASE		(TASK_SIZE / 3 * 2)

/*
 * AT_HWCAP: the CPU's feature bits from CPUID leaf 1, EDX (Linux hands out
 * boot_cpu_data.x86_capability[CPUID_1_EDX], the same word).
 */
static inline unsigned long elf_hwcap(void)
{
	u32 eax, ebx, ecx, edx;

	cpuid(1, &eax, &ebx, &ecx, &edx);
	return edx;
}
#define ELF_HWCAP		elf_hwcap()

/* The AT_PLATFORM string. */
#define ELF_PLATFORM		"x86_64"

/* AT_HWCAP2 bits (arch/x86/include/uapi/asm/hwcap2.h). */
#define HWCAP2_RING3MWAIT	(1 << 0)
#define HWCAP2_FSGSBASE		(1 << 1)	/* user rd/wrfsbase: Pagoda leaves CR4.FSGSBASE off */
#define ELF_HWCAP2		0

/*
 * AT_MINSIGSTKSZ: Linux computes its signal frame size at boot from the
 * FPU state it saves; this is MINSIGSTKSZ of arch/x86/include/uapi/asm/
 * signal.h, which covers Pagoda's frame (the 512-byte FXSAVE area).
 */
#define MINSIGSTKSZ		2048

/* AT_CLKTCK: the USER_HZ of times() and /proc tick counts. */
#define CLOCKS_PER_SEC		100

#endif /* _LINUX_ELF_H */
