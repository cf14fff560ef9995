// SPDX-License-Identifier: GPL-2.0
/*
 * ramfs.c - the RAM file system: files live only in the page cache and
 * the dcache. Mirrors fs/ramfs/inode.c and file-mmu.c.
 *
 * Creating a name makes a new inode and pins its dentry (d_instantiate()
 * plus an extra dget(), exactly like Linux's ramfs_mknod()); that pin is
 * what keeps the file alive, and unlink drops it. Regular files read and
 * write their pages through filemap.c; symlinks keep their target string in
 * i_link; device nodes get their driver at open (init_special_inode()).
 *
 * Registered as "ramfs" and as "rootfs", the instance mounted at "/" at
 * boot; shmem.c registers it a third time as "tmpfs" (Pagoda's tmpfs is
 * ramfs: no size limit, no swap). Unmounting an instance frees all of its
 * files (kill_litter_super()).
 */
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/ramfs.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/magic.h>
#include "internal.h"

static const struct inode_operations ramfs_dir_inode_operations;
static const struct inode_operations ramfs_file_inode_operations;
static const struct inode_operations ramfs_symlink_inode_operations;

static const struct file_operations ramfs_file_operations = {
	.llseek = generic_file_llseek,
	.read_iter = generic_file_read_iter,
	.write_iter = generic_file_write_iter,
	.mmap = generic_file_mmap,
	.fsync = noop_fsync,
};

/* ramfs_get_inode - a new inode of type and mode @mode in @sb. */
struct inode *ramfs_get_inode(struct super_block *sb, umode_t mode, dev_t dev)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	/* No backing store: never reclaimed (tmpfs's inodes, mm/shmem.c, are swap-backed). */
	if (!shmem_mapping(inode->i_mapping))
		mapping_set_unevictable(inode->i_mapping);
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = &ramfs_file_operations;
		break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &simple_dir_operations;
		inc_nlink(inode);	/* "." */
		break;
	case S_IFLNK:
		inode->i_op = &ramfs_symlink_inode_operations;
		break;
	default:
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

/* ramfs_mknod - every create ends here: a new inode, instantiated and pinned. */
static int ramfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	struct inode *inode = ramfs_get_inode(dir->i_sb, mode, dev);

	if (!inode)
		return -ENOSPC;
	d_instantiate(dentry, inode);
	dget(dentry);		/* the pin: keeps the file in the dcache */
	inode_set_mtime_ctime_now(dir);
	return 0;
}

static int ramfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	int err = ramfs_mknod(dir, dentry, mode | S_IFDIR, 0);

	if (!err)
		inc_nlink(dir);	/* the new directory's ".." */
	return err;
}

static int ramfs_create(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl)
{
	return ramfs_mknod(dir, dentry, mode | S_IFREG, 0);
}

static int ramfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	size_t len = strlen(target) + 1;
	char *link;
	int err;

	if (len > PAGE_SIZE)
		return -ENAMETOOLONG;
	link = kmalloc(len, GFP_KERNEL);
	if (!link)
		return -ENOMEM;
	memcpy(link, target, len);
	err = ramfs_mknod(dir, dentry, S_IFLNK | S_IRWXUGO, 0);
	if (err) {
		kfree(link);
		return err;
	}
	dentry->d_inode->i_link = link;
	dentry->d_inode->i_size = len - 1;
	return 0;
}

static const char *ramfs_get_link(struct dentry *dentry, struct inode *inode, char *buf,
				  int buflen)
{
	return inode->i_link;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.lookup = simple_lookup,
	.create = ramfs_create,
	.unlink = simple_unlink,
	.symlink = ramfs_symlink,
	.mkdir = ramfs_mkdir,
	.rmdir = simple_rmdir,
	.mknod = ramfs_mknod,
	.link = simple_link,
	.rename = simple_rename,
	.setattr = simple_setattr,
};

static const struct inode_operations ramfs_file_inode_operations = {
	.setattr = simple_setattr,
};

static const struct inode_operations ramfs_symlink_inode_operations = {
	.get_link = ramfs_get_link,
	.setattr = simple_setattr,
};

/* ramfs_evict_inode - a symlink's target goes with it (pages are already gone). */
static void ramfs_evict_inode(struct inode *inode)
{
	if (S_ISLNK(inode->i_mode))
		kfree(inode->i_link);
}

static const struct super_operations ramfs_ops = {
	.evict_inode = ramfs_evict_inode,
};

static int ramfs_fill_super(struct super_block *sb, void *data)
{
	sb->s_magic = RAMFS_MAGIC;
	sb->s_op = &ramfs_ops;
	sb->s_root = d_make_root(ramfs_get_inode(sb, S_IFDIR | 0755, 0));
	return sb->s_root ? 0 : -ENOMEM;
}

struct dentry *ramfs_mount(struct file_system_type *fs_type, int flags,
			   const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, ramfs_fill_super);
}

static struct file_system_type ramfs_fs_type = {
	.name = "ramfs",
	.mount = ramfs_mount,
	.kill_sb = kill_litter_super,
};

struct file_system_type rootfs_fs_type = {
	.name = "rootfs",
	.mount = ramfs_mount,
	.kill_sb = kill_litter_super,
};

/* init_rootfs - register the RAM file-system types (before the root mount). */
void init_rootfs(void)
{
	register_filesystem(&rootfs_fs_type);
	register_filesystem(&ramfs_fs_type);
}
