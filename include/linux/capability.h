/* SPDX-License-Identifier: GPL-2.0 */
/*
 * capability.h - the capabilities that checks in Pagoda name. Mirrors
 * include/linux/capability.h and include/uapi/linux/capability.h.
 *
 * Pagoda has no credentials yet: every task runs as root with the full
 * capability set, so capable() is always true. The checks are written as
 * Linux writes them, so that they take effect when credentials come.
 */
#ifndef _LINUX_CAPABILITY_H
#define _LINUX_CAPABILITY_H

#include <linux/types.h>

#define CAP_IPC_LOCK		14	/* mlock() beyond RLIMIT_MEMLOCK */

/* capable - may current use capability @cap? (Always: every task is root.) */
static inline bool capable(int cap)
{
	return true;
}

#endif /* _LINUX_CAPABILITY_H */
