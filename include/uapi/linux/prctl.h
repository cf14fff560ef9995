/* SPDX-License-Identifier: GPL-2.0 */
/*
 * prctl.h - prctl() options Pagoda implements (kernel/sys.c). Mirrors
 * include/uapi/linux/prctl.h; the numbers are Linux's.
 */
#ifndef _UAPI_LINUX_PRCTL_H
#define _UAPI_LINUX_PRCTL_H

#define PR_SET_PDEATHSIG	1	/* signal to get when the parent dies */
#define PR_GET_PDEATHSIG	2
#define PR_SET_NAME		15	/* task->comm, at most 15 bytes + NUL */
#define PR_GET_NAME		16
#define PR_SET_MEMORY_MERGE	67	/* KSM merges every compatible VMA (fork and exec keep it) */
#define PR_GET_MEMORY_MERGE	68

#endif /* _UAPI_LINUX_PRCTL_H */
