// SPDX-License-Identifier: GPL-2.0
/*
 * anon_inodes.c - files that need no inode of their own: every one of them
 * shares the single inode of the internal anon_inodefs, and its
 * private_data says what it is. /proc/PID/maps and friends name such a
 * file "anon_inode:[NAME]" (epoll's is "anon_inode:[eventpoll]").
 * Mirrors fs/anon_inodes.c.
 */
#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <uapi/linux/magic.h>
#include "internal.h"

static struct vfsmount *anon_inode_mnt;
static struct inode *anon_inode_inode;

/* anon_inodefs_dname - "anon_inode:[eventpoll]". */
static char *anon_inodefs_dname(struct dentry *dentry, char *buffer, int buflen)
{
	if (snprintf(buffer, buflen, "anon_inode:%s", dentry->d_name.name) >= buflen)
		return ERR_PTR(-ENAMETOOLONG);
	return buffer;
}

static const struct dentry_operations anon_inodefs_dentry_operations = {
	.d_dname = anon_inodefs_dname,
};

static int anon_inodefs_fill_super(struct super_block *sb, void *data)
{
	return init_pseudo(sb, ANON_INODE_FS_MAGIC, NULL, &anon_inodefs_dentry_operations);
}

static struct dentry *anon_inodefs_mount(struct file_system_type *fs_type, int flags,
					 const char *dev_name, void *data)
{
	return mount_nodev(fs_type, flags, data, anon_inodefs_fill_super);
}

/* Internal only: no mount(2) can name it. */
static struct file_system_type anon_inode_fs_type = {
	.name = "anon_inodefs",
	.mount = anon_inodefs_mount,
	.kill_sb = kill_anon_super,
};

/**
 * anon_inode_getfile - a new file on the shared anonymous inode
 * @name: what it is, e.g. "[eventpoll]"
 * @fops: its methods
 * @priv: its private_data
 * @flags: O_RDWR, O_NONBLOCK...
 *
 * Return: the file, or an ERR_PTR.
 */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, int flags)
{
	struct file *file;

	ihold(anon_inode_inode);	/* alloc_file_pseudo() takes over a reference */
	file = alloc_file_pseudo(anon_inode_inode, anon_inode_mnt, name,
				 flags & (O_ACCMODE | O_NONBLOCK), fops);
	if (!IS_ERR(file))
		file->private_data = priv;
	return file;
}

/* anon_inode_getfd - anon_inode_getfile() installed at a new fd (O_CLOEXEC in @flags). */
int anon_inode_getfd(const char *name, const struct file_operations *fops, void *priv,
		     int flags)
{
	int fd = get_unused_fd_flags(flags);
	struct file *file;

	if (fd < 0)
		return fd;
	file = anon_inode_getfile(name, fops, priv, flags);
	if (IS_ERR(file)) {
		put_unused_fd(fd);
		return PTR_ERR(file);
	}
	fd_install(fd, file);
	return fd;
}

/* anon_inode_init - mount anon_inodefs and make its one inode. */
void anon_inode_init(void)
{
	anon_inode_mnt = kern_mount(&anon_inode_fs_type);
	BUG_ON(IS_ERR(anon_inode_mnt));
	anon_inode_inode = new_inode(anon_inode_mnt->mnt_sb);
	BUG_ON(!anon_inode_inode);
	anon_inode_inode->i_mode = S_IRUSR | S_IWUSR;
}
