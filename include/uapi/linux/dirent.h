/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dirent.h - the records getdents64(2) and getdents(2) return (struct
 * linux_dirent64 and linux_dirent of fs/readdir.c) and the d_type values
 * (include/linux/fs_types.h).
 */
#ifndef _UAPI_LINUX_DIRENT_H
#define _UAPI_LINUX_DIRENT_H

#include <linux/types.h>

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;		/* the directory offset of the NEXT record */
	unsigned short d_reclen;	/* the whole record, a multiple of 8 */
	unsigned char d_type;
	char d_name[];		/* NUL-terminated */
};

/* getdents(2)'s older record: d_type is the record's last byte. */
struct linux_dirent {
	unsigned long d_ino;
	unsigned long d_off;
	unsigned short d_reclen;
	char d_name[];		/* NUL-terminated, then padding, then d_type */
};

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12

#endif /* _UAPI_LINUX_DIRENT_H */
