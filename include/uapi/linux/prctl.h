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
#define PR_GET_TSC		25	/* may user mode read the time stamp counter? */
#define PR_SET_TSC		26
# define PR_TSC_ENABLE		1	/* rdtsc works */
# define PR_TSC_SIGSEGV		2	/* rdtsc raises SIGSEGV */
#define PR_SET_TIMERSLACK	29	/* task->timer_slack_ns; 0: back to the default */
#define PR_GET_TIMERSLACK	30
#define PR_SET_MEMORY_MERGE	67	/* KSM merges every compatible VMA (fork and exec keep it) */
#define PR_GET_MEMORY_MERGE	68

#endif /* _UAPI_LINUX_PRCTL_H */
