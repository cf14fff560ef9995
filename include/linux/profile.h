/* SPDX-License-Identifier: GPL-2.0 */
/*
 * profile.h - the kernel's sampling profiler (profile= and /proc/profile).
 * Mirrors include/linux/profile.h; Pagoda has CPU_PROFILING only.
 */
#ifndef _LINUX_PROFILE_H
#define _LINUX_PROFILE_H

#include <linux/types.h>

#define CPU_PROFILING	1

extern int prof_on;
/* The counters (static in Linux; tests/kernel/profile_test.c reads them). */
extern atomic_t *prof_buffer;
extern unsigned long prof_len;
extern unsigned short prof_shift;

int profile_init(void);
void profile_tick(int type);

#endif /* _LINUX_PROFILE_H */
