// SPDX-License-Identifier: GPL-2.0
/*
 * shmem.c - shared memory files: tmpfs, and the unlinked files behind
 * memfd_create() and MAP_SHARED|MAP_ANONYMOUS mappings. Mirrors mm/shmem.c
 * in its !CONFIG_SHMEM form, where shmem is ramfs (no swap, no size limit).
 *
 * "tmpfs" is registered here with ramfs's methods. One instance of it,
 * shm_mnt, is mounted inside the kernel only: shmem_file_setup() makes
 * each of its files there, a new regular inode with no name in any
 * directory (i_nlink 0) opened read-write on a pseudo dentry called NAME,
 * which d_path() shows as "/NAME (deleted)". The file lives as long as
 * something holds it open: fds, and each VMA mapping it.
 *
 * The pages of every tmpfs file are swap-backed: filemap.c marks them so
 * and counts them in NR_SHMEM (meminfo's Shmem), and a process mapping
 * them counts them in RssShmem rather than RssFile (mm_counter_file()).
 */
#include <linux/shmem_fs.h>
#include <linux/ramfs.h>
#include <linux/file.h>
#include <linux/mm.h>
#include <linux/bug.h>
#include "internal.h"

static struct file_system_type shmem_fs_type = {
	.name = "tmpfs",
	.mount = ramfs_mount,
	.kill_sb = kill_litter_super,
};

static struct vfsmount *shm_mnt;

/* shmem_mapping - is @mapping a tmpfs file's page cache? */
bool shmem_mapping(const struct address_space *mapping)
{
	return mapping->host->i_sb->s_type == &shmem_fs_type;
}

/**
 * shmem_file_setup - a new unlinked tmpfs file of @size bytes, open O_RDWR
 * @name: its dentry's name ("dev/zero", "memfd:NAME")
 * @size: its initial i_size
 *
 * Returns the file or an ERR_PTR.
 */
struct file *shmem_file_setup(const char *name, loff_t size)
{
	struct inode *inode = ramfs_get_inode(shm_mnt->mnt_sb, S_IFREG | S_IRWXUGO, 0);

	if (!inode)
		return ERR_PTR(-ENOSPC);
	inode->i_size = size;
	drop_nlink(inode);	/* it is unlinked: no directory names it */
	return alloc_file_pseudo(inode, shm_mnt, name, O_RDWR, inode->i_fop);
}

/**
 * shmem_zero_setup - back a new MAP_SHARED|MAP_ANONYMOUS VMA by a tmpfs file
 * @vma: the VMA, not linked yet; vm_pgoff is 0
 *
 * The file, "dev/zero" and as long as the VMA, is what fork's children map
 * too: that is how they share the memory. /proc/PID/maps shows it as
 * "/dev/zero (deleted)". Returns 0 or a negative errno.
 */
int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *file = shmem_file_setup("dev/zero", vma->vm_end - vma->vm_start);

	if (IS_ERR(file))
		return PTR_ERR(file);
	vma->vm_file = file;
	return 0;
}

/* shmem_init - register tmpfs and mount the internal instance (from mnt_init()). */
void shmem_init(void)
{
	register_filesystem(&shmem_fs_type);
	shm_mnt = kern_mount(&shmem_fs_type);
	BUG_ON(IS_ERR(shm_mnt));
}
