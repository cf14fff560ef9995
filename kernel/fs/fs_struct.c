// SPDX-License-Identifier: GPL-2.0
/*
 * fs_struct.c - a process's root directory, current directory and umask.
 * Mirrors fs/fs_struct.c and kernel/fork.c's copy_fs().
 *
 * Both directories are paths holding references, so a directory in use as
 * a cwd cannot be unmounted (-EBUSY) and stays valid after rmdir (getcwd
 * then fails with -ENOENT, as in Linux). CLONE_FS shares one fs_struct.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/sched.h>
#include <linux/sched_task.h>
#include "internal.h"

/* init_task's; vfs_caches_init() sets root and cwd to "/". */
struct fs_struct init_fs = {
	.users = 1,
	.umask = 0022,
};

/* set_fs_root - make @path the root of @fs (references taken). */
void set_fs_root(struct fs_struct *fs, const struct path *path)
{
	struct path old = fs->root;

	path_get(path);
	fs->root = *path;
	if (old.dentry)
		path_put(&old);
}

/* set_fs_pwd - make @path the current directory of @fs. */
void set_fs_pwd(struct fs_struct *fs, const struct path *path)
{
	struct path old = fs->pwd;

	path_get(path);
	fs->pwd = *path;
	if (old.dentry)
		path_put(&old);
}

/* get_fs_root - a referenced copy of @fs's root. */
void get_fs_root(struct fs_struct *fs, struct path *root)
{
	*root = fs->root;
	path_get(root);
}

/* get_fs_pwd - a referenced copy of @fs's current directory. */
void get_fs_pwd(struct fs_struct *fs, struct path *pwd)
{
	*pwd = fs->pwd;
	path_get(pwd);
}

/* current_umask - the bits a create takes away from the mode asked for. */
int current_umask(void)
{
	return current->fs->umask;
}

static struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kmalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->users = 1;
	fs->umask = old->umask;
	get_fs_root(old, &fs->root);
	get_fs_pwd(old, &fs->pwd);
	return fs;
}

/**
 * copy_fs - fork's part: @tsk shares the parent's fs_struct (CLONE_FS) or
 * gets a copy with the same root, cwd and umask.
 */
int copy_fs(unsigned long clone_flags, struct task_struct *tsk)
{
	struct fs_struct *fs = current->fs;

	if (!fs)
		return 0;
	if (clone_flags & CLONE_FS) {
		fs->users++;
		tsk->fs = fs;
		return 0;
	}
	tsk->fs = copy_fs_struct(fs);
	return tsk->fs ? 0 : -ENOMEM;
}

/* exit_fs - a task exits: drop its fs_struct (the last user frees it). */
void exit_fs(struct task_struct *tsk)
{
	struct fs_struct *fs = tsk->fs;

	if (!fs)
		return;
	tsk->fs = NULL;
	if (--fs->users)
		return;
	path_put(&fs->root);
	path_put(&fs->pwd);
	if (fs != &init_fs)
		kfree(fs);
}
