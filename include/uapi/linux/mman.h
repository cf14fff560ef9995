/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mman.h - the user ABI of mmap, mprotect, mremap and madvise: Linux's
 * x86-64 values. Gathers include/uapi/asm-generic/mman-common.h,
 * include/uapi/asm-generic/mman.h, arch/x86/include/uapi/asm/mman.h and
 * include/uapi/linux/mman.h.
 */
#ifndef _UAPI_LINUX_MMAN_H
#define _UAPI_LINUX_MMAN_H

/* prot */
#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4
#define PROT_SEM	0x8
#define PROT_GROWSDOWN	0x01000000	/* mprotect: extend the change down to the stack's start */
#define PROT_GROWSUP	0x02000000

/* mmap flags */
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE	0x0f		/* the sharing type: one of the three above */
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define MAP_32BIT	0x40
#define MAP_GROWSDOWN	0x0100
#define MAP_DENYWRITE	0x0800		/* ignored */
#define MAP_EXECUTABLE	0x1000		/* ignored */
#define MAP_LOCKED	0x2000
#define MAP_NORESERVE	0x4000
#define MAP_POPULATE	0x8000
#define MAP_NONBLOCK	0x10000		/* with MAP_POPULATE: do not populate */
#define MAP_STACK	0x20000
#define MAP_HUGETLB	0x40000
#define MAP_HUGE_SHIFT	26		/* log2 of the huge page size, in the flags' bits 26-31 */
#define MAP_HUGE_MASK	0x3f
#define MAP_HUGE_2MB	(21 << MAP_HUGE_SHIFT)
#define MAP_SYNC	0x80000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_UNINITIALIZED 0x4000000	/* ignored */

/* mlock2() flags */
#define MLOCK_ONFAULT	0x01		/* lock the pages as they are faulted in */

/* mlockall() flags */
#define MCL_CURRENT	1		/* lock all that is mapped now */
#define MCL_FUTURE	2		/* ... and all that will be mapped */
#define MCL_ONFAULT	4		/* ... as it is faulted in */

/* mremap flags */
#define MREMAP_MAYMOVE	1
#define MREMAP_FIXED	2
#define MREMAP_DONTUNMAP 4

/* madvise advice */
#define MADV_NORMAL	0
#define MADV_RANDOM	1
#define MADV_SEQUENTIAL	2
#define MADV_WILLNEED	3
#define MADV_DONTNEED	4
#define MADV_FREE	8
#define MADV_REMOVE	9
#define MADV_DONTFORK	10
#define MADV_DOFORK	11
#define MADV_MERGEABLE	12
#define MADV_UNMERGEABLE 13
#define MADV_HUGEPAGE	14
#define MADV_NOHUGEPAGE	15
#define MADV_DONTDUMP	16
#define MADV_DODUMP	17
#define MADV_WIPEONFORK	18
#define MADV_KEEPONFORK	19
#define MADV_COLD	20
#define MADV_PAGEOUT	21
#define MADV_POPULATE_READ	22	/* fault the range in readable */
#define MADV_POPULATE_WRITE	23	/* ... writable */
#define MADV_DONTNEED_LOCKED	24

/* msync() flags */
#define MS_ASYNC	1	/* schedule writeback, return at once */
#define MS_INVALIDATE	2	/* invalidate other mappings of the file */
#define MS_SYNC		4	/* write back and wait */

#endif /* _UAPI_LINUX_MMAN_H */
