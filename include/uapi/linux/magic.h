/* SPDX-License-Identifier: GPL-2.0 */
/*
 * magic.h - file-system magic numbers (include/uapi/linux/magic.h), kept in
 * each super_block's s_magic as statfs(2) would report them.
 */
#ifndef _UAPI_LINUX_MAGIC_H
#define _UAPI_LINUX_MAGIC_H

#define RAMFS_MAGIC	0x858458f6
#define TMPFS_MAGIC	0x01021994
#define PROC_SUPER_MAGIC 0x9fa0
#define SYSFS_MAGIC	0x62656572
#define DEBUGFS_MAGIC	0x64626720
#define PIPEFS_MAGIC	0x50495045
#define ANON_INODE_FS_MAGIC 0x09041934

#endif /* _UAPI_LINUX_MAGIC_H */
