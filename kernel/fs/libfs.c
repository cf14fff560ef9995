// SPDX-License-Identifier: GPL-2.0
/*
 * libfs.c - the building blocks of RAM-based file systems: their
 * directories are just their dentries. Mirrors fs/libfs.c.
 *
 * ramfs, sysfs and debugfs keep every file as a dentry pinned in the
 * dcache, so lookup has nothing to find beyond what d_lookup() already
 * searched (simple_lookup() leaves the dentry negative), readdir lists the
 * directory's positive children (dcache_readdir()), and removing a name
 * drops the pin (simple_unlink()). init_pseudo() sets up the internal
 * file systems that have no names at all (pipefs, anon_inodefs).
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <uapi/linux/fs.h>
#include "internal.h"

/* simple_lookup - nothing exists that is not already in the dcache. */
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	if (dentry->d_name.len > NAME_MAX)
		return ERR_PTR(-ENAMETOOLONG);
	return NULL;
}

/* dir_emit_dots - "." and ".." at positions 0 and 1. */
bool dir_emit_dots(struct file *file, struct dir_context *ctx)
{
	struct dentry *dentry = file->f_path.dentry;

	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, dentry->d_inode->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, dentry->d_parent->d_inode->i_ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

/*
 * dcache_readdir - list a RAM directory: ".", "..", then its positive
 * children in creation order; position 2 + n is the n-th child.
 */
static int dcache_readdir(struct file *file, struct dir_context *ctx)
{
	struct dentry *dir = file->f_path.dentry, *child;
	loff_t n = 2;

	if (!dir_emit_dots(file, ctx))
		return 0;
	list_for_each_entry(child, &dir->d_subdirs, d_child) {
		struct inode *inode = child->d_inode;

		if (!inode || n++ < ctx->pos)
			continue;
		if (!dir_emit(ctx, child->d_name.name, child->d_name.len, inode->i_ino,
			      fs_umode_to_dtype(inode->i_mode)))
			break;
		ctx->pos++;
	}
	return 0;
}

/* generic_read_dir - read(2) on a directory: -EISDIR. */
ssize_t generic_read_dir(struct kiocb *iocb, struct iov_iter *to)
{
	return -EISDIR;
}

/*
 * dcache_dir_lseek - lseek on a RAM directory: a position is an entry
 * number, so only SEEK_SET and SEEK_CUR to a non-negative one (-EINVAL).
 */
static loff_t dcache_dir_lseek(struct file *file, loff_t offset, int whence)
{
	switch (whence) {
	case SEEK_CUR:
		offset += file->f_pos;
		fallthrough;
	case SEEK_SET:
		if (offset >= 0)
			break;
		fallthrough;
	default:
		return -EINVAL;
	}
	file->f_pos = offset;
	return offset;
}

const struct file_operations simple_dir_operations = {
	.llseek = dcache_dir_lseek,
	.read_iter = generic_read_dir,
	.iterate_shared = dcache_readdir,
	.fsync = noop_fsync,
};

/* noop_fsync - fsync(2) of a RAM file: its pages are its only copy, nothing to write. */
int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	return 0;
}

const struct inode_operations simple_dir_inode_operations = {
	.lookup = simple_lookup,
};

/* simple_empty - does @dentry have no positive children? */
static bool simple_empty(struct dentry *dentry)
{
	struct dentry *child;

	list_for_each_entry(child, &dentry->d_subdirs, d_child)
		if (child->d_inode)
			return false;
	return true;
}

/* simple_unlink - drop a name: one link fewer, and the dentry's pin. */
int simple_unlink(struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = dentry->d_inode;

	inode_set_mtime_ctime_now(dir);
	drop_nlink(inode);
	dput(dentry);
	return 0;
}

/* simple_rmdir - remove an empty directory (-ENOTEMPTY otherwise). */
int simple_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!simple_empty(dentry))
		return -ENOTEMPTY;
	drop_nlink(dentry->d_inode);	/* its "." */
	simple_unlink(dir, dentry);
	drop_nlink(dir);		/* its ".." */
	return 0;
}

/* simple_link - another name for the inode: one more link, a pinned dentry. */
int simple_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry)
{
	struct inode *inode = old_dentry->d_inode;

	inode_set_ctime_current(inode);
	inode_set_mtime_ctime_now(dir);
	inc_nlink(inode);
	ihold(inode);
	dget(dentry);		/* the pin, as for a new file */
	d_instantiate(dentry, inode);
	return 0;
}

/* simple_rename_exchange - only the directories' ".." links move. */
static void simple_rename_exchange(struct inode *old_dir, struct dentry *old_dentry,
				   struct inode *new_dir, struct dentry *new_dentry)
{
	bool old_is_dir = d_can_lookup(old_dentry), new_is_dir = d_can_lookup(new_dentry);

	if (old_dir != new_dir && old_is_dir != new_is_dir) {
		if (old_is_dir) {
			drop_nlink(old_dir);
			inc_nlink(new_dir);
		} else {
			drop_nlink(new_dir);
			inc_nlink(old_dir);
		}
	}
}

/*
 * simple_rename - the inode side of a rename in a RAM file system: a
 * replaced target is unlinked (its pin dropped), link counts follow a
 * moved directory's "..". vfs_rename() moves the dentries afterwards.
 */
int simple_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		  struct dentry *new_dentry, unsigned int flags)
{
	bool they_are_dirs = d_can_lookup(old_dentry);

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & RENAME_EXCHANGE) {
		simple_rename_exchange(old_dir, old_dentry, new_dir, new_dentry);
	} else if (!simple_empty(new_dentry)) {
		return -ENOTEMPTY;
	} else if (new_dentry->d_inode) {
		simple_unlink(new_dir, new_dentry);
		if (they_are_dirs) {
			drop_nlink(new_dentry->d_inode);
			drop_nlink(old_dir);
		}
	} else if (they_are_dirs) {
		drop_nlink(old_dir);
		inc_nlink(new_dir);
	}
	inode_set_mtime_ctime_now(old_dir);
	inode_set_mtime_ctime_now(new_dir);
	inode_set_ctime_current(old_dentry->d_inode);
	return 0;
}

/* simple_setattr - apply @attr to the inode; ATTR_SIZE truncates. */
int simple_setattr(struct dentry *dentry, struct iattr *attr)
{
	struct inode *inode = dentry->d_inode;

	if (attr->ia_valid & ATTR_SIZE)
		truncate_setsize(inode, attr->ia_size);
	if (attr->ia_valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
	if (attr->ia_valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (attr->ia_valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	inode_set_ctime_current(inode);
	if (attr->ia_valid & ATTR_SIZE)
		inode_set_mtime_ctime_now(inode);
	if (attr->ia_valid & ATTR_ATIME) {
		inode->i_atime_sec = attr->ia_atime.tv_sec;
		inode->i_atime_nsec = attr->ia_atime.tv_nsec;
	}
	if (attr->ia_valid & ATTR_MTIME) {
		inode->i_mtime_sec = attr->ia_mtime.tv_sec;
		inode->i_mtime_nsec = attr->ia_mtime.tv_nsec;
	}
	return 0;
}

/**
 * simple_read_from_buffer - copy to user @to from the @available bytes of
 * @from, starting at *@ppos. Returns the bytes copied (0 past the end) or
 * -EFAULT.
 */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available)
{
	loff_t pos = *ppos;
	size_t n;

	if (pos < 0)
		return -EINVAL;
	if (pos >= available || !count)
		return 0;
	n = min(count, available - (size_t)pos);
	n -= copy_to_user(to, (const char *)from + pos, n);
	if (!n)
		return -EFAULT;
	*ppos = pos + n;
	return n;
}

/**
 * simple_read_iter_from_buffer - read_iter's simple_read_from_buffer():
 * the @available bytes of @from, read at iocb->ki_pos into @to.
 */
ssize_t simple_read_iter_from_buffer(struct kiocb *iocb, struct iov_iter *to,
				     const void *from, size_t available)
{
	loff_t pos = iocb->ki_pos;
	size_t n, copied;

	if (pos < 0)
		return -EINVAL;
	if (pos >= available || !iov_iter_count(to))
		return 0;
	n = min(available - (size_t)pos, iov_iter_count(to));
	copied = copy_to_iter((const char *)from + pos, n, to);
	if (!copied)
		return -EFAULT;
	iocb->ki_pos = pos + copied;
	return copied;
}

/**
 * simple_create_dentry - a new file or directory @name in @parent of a
 * pinned-dentry file system (sysfs, debugfs)
 *
 * Returns the dentry (the tree owns its only reference: the pin), or
 * ERR_PTR: -EEXIST, -ENOMEM.
 */
struct dentry *simple_create_dentry(struct dentry *parent, const char *name, umode_t mode,
				    const struct inode_operations *iop,
				    const struct file_operations *fop, void *private)
{
	struct qstr qname = QSTR_INIT(name, strlen(name));
	struct inode *dir = parent->d_inode, *inode;
	struct dentry *dentry;

	inode_lock(dir);
	dentry = d_lookup(parent, &qname);
	if (dentry) {
		dput(dentry);
		dentry = ERR_PTR(-EEXIST);
		goto out;
	}
	dentry = d_alloc(parent, &qname);
	inode = dentry ? new_inode(parent->d_sb) : NULL;
	if (!inode) {
		dput(dentry);
		dentry = ERR_PTR(-ENOMEM);
		goto out;
	}
	inode->i_mode = mode;
	if (iop)
		inode->i_op = iop;
	inode->i_fop = fop;
	inode->i_private = private;
	if (S_ISDIR(mode)) {
		inc_nlink(inode);
		inc_nlink(dir);
	}
	d_instantiate(dentry, inode);
out:
	inode_unlock(dir);
	return dentry;
}

/**
 * init_pseudo - set up the super_block of an internal file system (pipefs,
 * anon_inodefs): its magic, methods, and a root directory nobody can reach
 * @sb: the new super_block
 * @magic: its s_magic
 * @ops: its super_operations, or NULL
 * @dops: the dentry_operations of its files (d_dname names them)
 *
 * Return: 0, or -ENOMEM.
 */
int init_pseudo(struct super_block *sb, unsigned long magic, const struct super_operations *ops,
		const struct dentry_operations *dops)
{
	struct inode *root = new_inode(sb);

	sb->s_magic = magic;
	sb->s_op = ops;
	sb->s_d_op = dops;
	if (root)
		root->i_mode = S_IFDIR | S_IRUSR | S_IWUSR;
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}
