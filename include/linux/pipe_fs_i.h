/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pipe_fs_i.h - what is known of pipes outside kernel/fs/pipe.c. Mirrors
 * include/linux/pipe_fs_i.h (struct pipe_inode_info stays private to pipe.c).
 */
#ifndef _LINUX_PIPE_FS_I_H
#define _LINUX_PIPE_FS_I_H

#define PIPE_DEF_BUFFERS	16	/* pages in a new pipe: 64 KiB */

#endif /* _LINUX_PIPE_FS_I_H */
