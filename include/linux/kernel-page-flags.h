/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel-page-flags.h - /proc/kpageflags: the stable KPF_* bits
 * (uapi/linux/kernel-page-flags.h) plus the kernel-hacking bits from 32 up,
 * which show raw page-flag state. Mirrors include/linux/kernel-page-flags.h.
 */
#ifndef LINUX_KERNEL_PAGE_FLAGS_H
#define LINUX_KERNEL_PAGE_FLAGS_H

#include <linux/types.h>
#include <uapi/linux/kernel-page-flags.h>

/* kernel hacking assistances: not a stable ABI */
#define KPF_RESERVED		32
#define KPF_MLOCKED		33
#define KPF_OWNER_2		34
#define KPF_PRIVATE		35
#define KPF_PRIVATE_2		36
#define KPF_OWNER_PRIVATE	37
#define KPF_ARCH		38
#define KPF_UNCACHED		39
#define KPF_SOFTDIRTY		40
#define KPF_ARCH_2		41
#define KPF_ARCH_3		42

struct page;

/* stable_page_flags - the /proc/kpageflags entry of @page (mm/proc_page.c). */
u64 stable_page_flags(const struct page *page);

#endif /* LINUX_KERNEL_PAGE_FLAGS_H */
