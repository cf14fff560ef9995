/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mount.h - mount(2) and umount2(2) flags (include/uapi/linux/mount.h and
 * include/linux/fs.h). Pagoda accepts and ignores the per-mount MS_* flags.
 */
#ifndef _UAPI_LINUX_MOUNT_H
#define _UAPI_LINUX_MOUNT_H

#define MS_RDONLY	1
#define MS_NOSUID	2
#define MS_NODEV	4
#define MS_NOEXEC	8
#define MS_REMOUNT	32
#define MS_BIND		4096
#define MS_MOVE		8192
#define MS_MGC_VAL	0xC0ED0000	/* old "magic" in the top half: ignored */
#define MS_MGC_MSK	0xffff0000

#define MNT_FORCE	0x00000001
#define MNT_DETACH	0x00000002	/* lazy: detach now, free when unused */
#define MNT_EXPIRE	0x00000004
#define UMOUNT_NOFOLLOW	0x00000008

#endif /* _UAPI_LINUX_MOUNT_H */
