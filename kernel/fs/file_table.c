// SPDX-License-Identifier: GPL-2.0
/*
 * file_table.c - struct file: allocation and the last fput(). Mirrors
 * fs/file_table.c.
 *
 * An open file is shared by every fd that dup() or fork() made from the
 * same open(): they share its position and flags. f_count counts them
 * (and kernel users: exec, a VMA mapping the file). The last fput()
 * releases it at once -- out of every epoll set watching it
 * (eventpoll_release()), the driver's ->release(), then its dentry and
 * mount -- where Linux defers that to the task's return to user mode.
 */
#include <linux/fs.h>
#include <linux/eventpoll.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/bug.h>
#include "internal.h"

static struct kmem_cache *filp_cachep;

/* Open files in existence: /proc/sys/fs/file-nr's first number. */
long nr_files;

/* alloc_empty_file - a zeroed file with one reference and @flags. */
struct file *alloc_empty_file(int flags)
{
	struct file *f = kmem_cache_zalloc(filp_cachep, GFP_KERNEL);

	if (!f)
		return NULL;
	atomic_long_set(&f->f_count, 1);
	f->f_flags = flags;
	INIT_LIST_HEAD(&f->f_ep);
	nr_files++;
	return f;
}

/**
 * alloc_file_pseudo - an open file on a new inode with no name in any
 * directory (a pipe end): the dentry @name is created in @mnt's super_block
 * and takes over the @inode reference (dropped on failure too). Returns
 * the file or ERR_PTR.
 */
struct file *alloc_file_pseudo(struct inode *inode, struct vfsmount *mnt, const char *name,
			       int flags, const struct file_operations *fops)
{
	struct qstr this = QSTR_INIT(name, strlen(name));
	struct path path;
	struct file *file;

	path.dentry = d_alloc_pseudo(mnt->mnt_sb, &this);
	if (!path.dentry) {
		iput(inode);
		return ERR_PTR(-ENOMEM);
	}
	path.mnt = mntget(mnt);
	d_instantiate(path.dentry, inode);
	file = alloc_empty_file(flags);
	if (!file) {
		path_put(&path);
		return ERR_PTR(-ENFILE);
	}
	file->f_path = path;
	file->f_inode = inode;
	file->f_op = fops;
	file->f_mode = ((flags + 1) & O_ACCMODE) | FMODE_OPENED;
	return file;
}

/**
 * alloc_file_clone - another open file on @base's path (the other end of
 * a pipe), with its own @flags and methods.
 */
struct file *alloc_file_clone(struct file *base, int flags, const struct file_operations *fops)
{
	struct file *file = alloc_empty_file(flags);

	if (!file)
		return ERR_PTR(-ENFILE);
	file->f_path = base->f_path;
	path_get(&file->f_path);
	file->f_inode = base->f_inode;
	file->f_op = fops;
	file->f_mode = ((flags + 1) & O_ACCMODE) | FMODE_OPENED;
	return file;
}

/* __fput - the last reference is gone: release and free @file. */
static void __fput(struct file *file)
{
	eventpoll_release(file);
	if ((file->f_mode & FMODE_OPENED) && file->f_op->release)
		file->f_op->release(file->f_inode, file);
	if (file->f_mode & FMODE_WRITER)
		put_write_access(file->f_inode);
	if (file->f_path.dentry)
		path_put(&file->f_path);
	kmem_cache_free(filp_cachep, file);
	nr_files--;
}

/* fput - drop a reference to @file; the last one closes it. */
void fput(struct file *file)
{
	long count = atomic_long_add_return(-1, &file->f_count);

	BUG_ON(count < 0);
	if (!count)
		__fput(file);
}

void files_init(void)
{
	files_cache_init();
	filp_cachep = kmem_cache_create("filp", sizeof(struct file), 0, SLAB_PANIC, NULL);
}
