/* SPDX-License-Identifier: GPL-2.0 */
/* coredump.h - core files (kernel/coredump.c). Mirrors include/linux/coredump.h. */
#ifndef _LINUX_COREDUMP_H
#define _LINUX_COREDUMP_H

void do_coredump(int signr);

#endif /* _LINUX_COREDUMP_H */
