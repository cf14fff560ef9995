/* SPDX-License-Identifier: GPL-2.0 */
/*
 * start_kernel.h - the architecture-independent boot sequence and the
 * architecture hooks it calls. Mirrors include/linux/start_kernel.h and
 * arch/x86/include/asm/setup.h.
 */
#ifndef _LINUX_START_KERNEL_H
#define _LINUX_START_KERNEL_H

__attribute__((__noreturn__)) void start_kernel(unsigned long mbi_phys);
void setup_arch(void);
void trap_init(void);
void time_init(void);

extern const char linux_banner[];

#endif /* _LINUX_START_KERNEL_H */
