// SPDX-License-Identifier: GPL-2.0
/*
 * inode.c - inodes: allocation, reference counting and eviction. Mirrors
 * fs/inode.c.
 *
 * Every file system here lives in memory, so an inode exists exactly as
 * long as something references it: the dentries naming it, open files
 * (through their dentry) and the kernel. iput() of the last reference
 * evicts it at once: its pages go back to the page allocator and the file
 * system frees what it attached (a symlink's target, a pipe's buffer).
 * Linux keeps unused inodes of disk file systems cached in a hash table;
 * in-memory ones are dropped the same way as here.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/time.h>
#include <linux/bug.h>
#include "internal.h"

static struct kmem_cache *inode_cachep;

/* Inodes in existence: /proc/sys/fs/inode-nr's first number. */
long nr_inodes;

/* The methods of an inode whose file system sets none. */
static const struct inode_operations empty_iops = {};

/**
 * get_next_ino - a new inode number
 *
 * File systems without on-disk inode numbers take theirs from one
 * counter, so every inode of the system has a different number.
 */
unsigned long get_next_ino(void)
{
	static unsigned long last_ino;

	return ++last_ino;
}

/* inode_set_mtime_ctime_now - the file's data changed now. */
void inode_set_mtime_ctime_now(struct inode *inode)
{
	u64 now = ktime_get_real_ns();

	inode->i_mtime_sec = inode->i_ctime_sec = now / NSEC_PER_SEC;
	inode->i_mtime_nsec = inode->i_ctime_nsec = now % NSEC_PER_SEC;
}

/* inode_set_ctime_current - the inode itself changed now (a new link, a rename). */
void inode_set_ctime_current(struct inode *inode)
{
	u64 now = ktime_get_real_ns();

	inode->i_ctime_sec = now / NSEC_PER_SEC;
	inode->i_ctime_nsec = now % NSEC_PER_SEC;
}

/* file_update_time - the data of open @file changed (a store through a shared mapping). */
void file_update_time(struct file *file)
{
	inode_set_mtime_ctime_now(file_inode(file));
}

/**
 * new_inode - a new inode of @sb: one reference, one link, a new number,
 * all three times "now"; the caller fills in mode and methods.
 */
struct inode *new_inode(struct super_block *sb)
{
	struct inode *inode = kmem_cache_zalloc(inode_cachep, GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_ino = get_next_ino();
	inode->i_nlink = 1;
	inode->i_op = &empty_iops;
	atomic_set(&inode->i_count, 1);
	init_rwsem(&inode->i_rwsem);
	inode->i_data.host = inode;
	inode->i_data.i_mmap = RB_ROOT_CACHED;
	init_rwsem(&inode->i_data.i_mmap_rwsem);
	inode->i_mapping = &inode->i_data;
	inode_set_mtime_ctime_now(inode);
	inode->i_atime_sec = inode->i_mtime_sec;
	inode->i_atime_nsec = inode->i_mtime_nsec;
	nr_inodes++;
	return inode;
}

/*
 * evict - free an inode nobody references, with its pages. No VMA can map
 * it: each holds a reference to an open file of it.
 */
static void evict(struct inode *inode)
{
	const struct super_operations *op = inode->i_sb->s_op;

	WARN_ON(mapping_mapped(&inode->i_data));
	truncate_inode_pages(&inode->i_data, 0);
	if (op && op->evict_inode)
		op->evict_inode(inode);
	kmem_cache_free(inode_cachep, inode);
	nr_inodes--;
}

/* iput - drop a reference to @inode; the last one evicts it. */
void iput(struct inode *inode)
{
	if (!inode)
		return;
	BUG_ON(atomic_read(&inode->i_count) <= 0);
	if (atomic_dec_and_test(&inode->i_count))
		evict(inode);
}

/**
 * init_special_inode - methods for a device node or FIFO of type @mode
 *
 * Opening a character device looks its driver up by @rdev (char_dev.c); a
 * FIFO opens as a pipe (pipe.c). Pagoda has no block devices and no
 * sockets: opening such a node fails with -ENXIO.
 */
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev)
{
	inode->i_mode = mode;
	if (S_ISCHR(mode))
		inode->i_fop = &def_chr_fops;
	else if (S_ISFIFO(mode))
		inode->i_fop = &pipefifo_fops;
	inode->i_rdev = rdev;
}

void inode_init(void)
{
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode), 0,
					 SLAB_RECLAIM_ACCOUNT | SLAB_PANIC, NULL);
}
