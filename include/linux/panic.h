/* SPDX-License-Identifier: GPL-2.0 */
/*
 * panic.h - stopping the kernel. Mirrors include/linux/panic.h and
 * include/linux/reboot.h.
 */
#ifndef _LINUX_PANIC_H
#define _LINUX_PANIC_H

#include <linux/compiler.h>

/* QEMU exits with (status << 1) | 1 through isa-debug-exit: 255 on panic. */
#define PANIC_EXIT_STATUS 0x7f

__printf(1, 2) __noreturn void panic(const char *fmt, ...);
void dump_stack(void);
extern int oops_in_progress;

/*
 * machine_power_off - stop the machine. QEMU exits with status 0 when
 * @status is 0 (ACPI power-off), else with (@status << 1) | 1.
 */
__noreturn void machine_power_off(int status);

#endif /* _LINUX_PANIC_H */
