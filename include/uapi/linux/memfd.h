/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * memfd.h - memfd_create(2)'s flags. Mirrors include/uapi/linux/memfd.h
 * (the one Pagoda supports; MFD_ALLOW_SEALING, MFD_HUGETLB, MFD_NOEXEC_SEAL
 * and MFD_EXEC are Linux's 0x2, 0x4, 0x8 and 0x10).
 */
#ifndef _UAPI_LINUX_MEMFD_H
#define _UAPI_LINUX_MEMFD_H

#define MFD_CLOEXEC	0x0001U

#endif /* _UAPI_LINUX_MEMFD_H */
