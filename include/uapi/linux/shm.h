/* SPDX-License-Identifier: GPL-2.0 */
/*
 * shm.h - System V shared memory's user interface (kernel/ipc/shm.c).
 * Mirrors include/uapi/linux/ipc.h, shm.h and asm-generic/shmbuf.h as
 * x86-64 lays them out.
 */
#ifndef _UAPI_LINUX_SHM_H
#define _UAPI_LINUX_SHM_H

#include <linux/types.h>

#define IPC_PRIVATE	0
#define IPC_CREAT	00001000	/* create the key if it does not exist */
#define IPC_EXCL	00002000	/* fail if it does */
#define IPC_RMID	0		/* shmctl: remove */
#define IPC_SET		1		/* set the permissions */
#define IPC_STAT	2		/* read struct shmid64_ds */
#define IPC_INFO	3		/* read struct shminfo64 */

#define SHM_RDONLY	010000		/* shmat: read-only */
#define SHM_RND		020000		/* round the address down to SHMLBA */
#define SHM_REMAP	040000		/* replace what is mapped there */
#define SHM_EXEC	0100000		/* executable */
#define SHM_LOCK	11
#define SHM_UNLOCK	12
#define SHM_STAT	13		/* IPC_STAT by slot index */
#define SHM_INFO	14		/* read struct shm_info */
#define SHM_STAT_ANY	15
#define SHM_DEST	01000		/* mode: removed, freed at the last detach */
#define SHM_LOCKED	02000		/* mode: SHM_LOCK'ed */
#define SHMLBA		4096		/* attach addresses are multiples of this */

struct ipc64_perm {
	int key;
	u32 uid, gid, cuid, cgid;
	u32 mode;
	unsigned short seq;
	unsigned short __pad2;
	unsigned long __unused1, __unused2;
};

struct shmid64_ds {
	struct ipc64_perm shm_perm;
	size_t shm_segsz;		/* bytes */
	long shm_atime, shm_dtime, shm_ctime;
	int shm_cpid, shm_lpid;		/* creator, last shmat/shmdt */
	unsigned long shm_nattch;
	unsigned long __unused4, __unused5;
};
#define shmid_ds shmid64_ds		/* what the x86-64 system call takes */

struct shminfo64 {
	unsigned long shmmax, shmmin, shmmni, shmseg, shmall;
	unsigned long __unused1, __unused2, __unused3, __unused4;
};

struct shm_info {
	int used_ids;
	unsigned long shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

#endif /* _UAPI_LINUX_SHM_H */
