/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs.h - the renameat2(2) flags and statfs(2)'s struct. Mirrors
 * include/uapi/linux/fs.h and include/uapi/asm-generic/statfs.h.
 */
#ifndef _UAPI_LINUX_FS_H
#define _UAPI_LINUX_FS_H

#include <linux/types.h>

#define RENAME_NOREPLACE	(1 << 0)	/* do not overwrite the target */
#define RENAME_EXCHANGE		(1 << 1)	/* swap source and target */
#define RENAME_WHITEOUT		(1 << 2)	/* leave a whiteout (overlayfs; refused here) */

/* struct statfs as x86-64's statfs(2) and fstatfs(2) fill it. */
struct statfs {
	long f_type;		/* the file system's magic number */
	long f_bsize;		/* the block size */
	long f_blocks;		/* blocks in all */
	long f_bfree;		/* free blocks */
	long f_bavail;		/* free blocks an ordinary user may take */
	long f_files;		/* inodes in all */
	long f_ffree;		/* free inodes */
	struct { int val[2]; } f_fsid;
	long f_namelen;		/* the longest name */
	long f_frsize;		/* the fragment size */
	long f_flags;		/* ST_* mount flags */
	long f_spare[4];
};

#endif /* _UAPI_LINUX_FS_H */
