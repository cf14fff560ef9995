// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs.c - debugfs: a pinned-dentry RAM file system whose files are
 * served by the file_operations of the code that created them. Mirrors
 * fs/debugfs/inode.c and file.c.
 *
 * There is one instance, created at boot and kept by an internal mount, so
 * files can be created before anything is mounted; mount(2) of "debugfs"
 * (init does it at /sys/kernel/debug) shows that instance. An inode's
 * i_private holds the creator's data and fops; debugfs_open() installs
 * them in the file (Linux goes through a proxy that also guards against
 * removal; Pagoda's debugfs files are never removed).
 */
#include <linux/fs.h>
#include <linux/debugfs.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/bug.h>
#include <uapi/linux/magic.h>
#include "internal.h"

struct debugfs_fsdata {
	void *data;
	const struct file_operations *real_fops;
};

static struct vfsmount *debugfs_mnt;

/* debugfs_open - private_data = the creator's data, then its methods. */
static int debugfs_open(struct inode *inode, struct file *file)
{
	struct debugfs_fsdata *fsd = inode->i_private;

	file->private_data = fsd->data;
	file->f_op = fsd->real_fops;
	return file->f_op->open ? file->f_op->open(inode, file) : 0;
}

static const struct file_operations debugfs_open_fops = {
	.open = debugfs_open,
};

static struct dentry *parent_or_root(struct dentry *parent)
{
	return parent ? parent : debugfs_mnt->mnt_root;
}

/* debugfs_create_dir - a directory @name in @parent (NULL: the root). */
struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
	return simple_create_dentry(parent_or_root(parent), name, S_IFDIR | 0755,
				    &simple_dir_inode_operations, &simple_dir_operations, NULL);
}

/**
 * debugfs_create_file - a file @name in @parent served by @fops
 * @data: becomes file->private_data at each open
 */
struct dentry *debugfs_create_file(const char *name, umode_t mode, struct dentry *parent,
				   void *data, const struct file_operations *fops)
{
	struct debugfs_fsdata *fsd = kmalloc(sizeof(*fsd), GFP_KERNEL);
	struct dentry *dentry;

	if (!fsd)
		return ERR_PTR(-ENOMEM);
	fsd->data = data;
	fsd->real_fops = fops;
	dentry = simple_create_dentry(parent_or_root(parent), name,
				      S_IFREG | (mode & S_IALLUGO), NULL, &debugfs_open_fops, fsd);
	if (IS_ERR(dentry))
		kfree(fsd);
	return dentry;
}

static int debugfs_fill_super(struct super_block *sb, void *data)
{
	struct inode *root = new_inode(sb);

	sb->s_magic = DEBUGFS_MAGIC;
	if (root) {
		root->i_mode = S_IFDIR | 0700;
		root->i_op = &simple_dir_inode_operations;
		root->i_fop = &simple_dir_operations;
		root->i_nlink = 2;
	}
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *debugfs_mount(struct file_system_type *fs_type, int flags,
				    const char *dev_name, void *data)
{
	return mount_single(fs_type, flags, data, debugfs_fill_super);
}

static struct file_system_type debug_fs_type = {
	.name = "debugfs",
	.mount = debugfs_mount,
	.kill_sb = kill_litter_super,
};

/* debugfs_init - the instance, and /sys/kernel/debug to mount it on. */
void debugfs_init(void)
{
	BUG_ON(sysfs_create_mount_point(kernel_kobj, "debug"));
	BUG_ON(register_filesystem(&debug_fs_type));
	debugfs_mnt = kern_mount(&debug_fs_type);
	BUG_ON(IS_ERR(debugfs_mnt));
}
