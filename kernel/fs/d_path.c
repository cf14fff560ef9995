// SPDX-License-Identifier: GPL-2.0
/*
 * d_path.c - from a path back to its name: d_path() for /proc/PID/maps
 * and friends, getcwd(2). Mirrors fs/d_path.c.
 *
 * The name is built backwards from the end of the caller's buffer: each
 * dentry's name, then "/", climbing d_parent; at the root of a mount the
 * climb continues from the dentry it is mounted on, until the process's
 * root. A name no longer in its directory (unlinked while open) gets
 * " (deleted)" appended; pseudo files name themselves (d_dname: a pipe is
 * "pipe:[inode]", a memfd "/memfd:NAME (deleted)").
 */
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/slab.h>
#include "internal.h"

/* What the name of a file no longer in its directory ends with. */
static const char deleted[] = " (deleted)";

/* prepend - put @len bytes of @str before *@p; false if *@buflen is too small. */
static bool prepend(char **p, int *buflen, const char *str, int len)
{
	if (*buflen < len)
		return false;
	*buflen -= len;
	*p -= len;
	memcpy(*p, str, len);
	return true;
}

/*
 * prepend_path - the names from @path up to @root before *@p. Returns 0,
 * or -ENAMETOOLONG.
 */
static int prepend_path(const struct path *path, const struct path *root, char **p,
			int *buflen)
{
	struct dentry *dentry = path->dentry;
	struct mount *mnt = real_mount(path->mnt);
	char *end = *p;

	while (dentry != root->dentry || &mnt->mnt != root->mnt) {
		if (dentry == mnt->mnt.mnt_root) {
			if (mnt->mnt_parent == mnt)
				break;	/* outside the root: the global root */
			dentry = mnt->mnt_mountpoint;
			mnt = mnt->mnt_parent;
			continue;
		}
		if (!prepend(p, buflen, dentry->d_name.name, dentry->d_name.len) ||
		    !prepend(p, buflen, "/", 1))
			return -ENAMETOOLONG;
		dentry = dentry->d_parent;
	}
	if (*p == end && !prepend(p, buflen, "/", 1))
		return -ENAMETOOLONG;
	return 0;
}

/*
 * simple_dname - the name of a pseudo file in no directory, "/NAME (deleted)":
 * it has no path, and like an unlinked file it cannot be opened by name.
 */
char *simple_dname(struct dentry *dentry, char *buffer, int buflen)
{
	char *p = buffer + buflen;

	if (!prepend(&p, &buflen, deleted, sizeof(deleted)) ||	/* with the NUL */
	    !prepend(&p, &buflen, dentry->d_name.name, dentry->d_name.len) ||
	    !prepend(&p, &buflen, "/", 1))
		return ERR_PTR(-ENAMETOOLONG);
	return p;
}

/**
 * d_path - the absolute name of @path as the current process sees it
 * @buf: where to build it (the result points into it)
 *
 * Returns a pointer into @buf, or ERR_PTR(-ENAMETOOLONG).
 */
char *d_path(const struct path *path, char *buf, int buflen)
{
	struct dentry *dentry = path->dentry;
	char *p = buf + buflen;
	struct path root;
	int err;

	if (dentry->d_op && dentry->d_op->d_dname)
		return dentry->d_op->d_dname(dentry, buf, buflen);
	if (!prepend(&p, &buflen, "", 1))
		return ERR_PTR(-ENAMETOOLONG);
	if (d_unhashed(dentry) && !IS_ROOT(dentry) &&
	    !prepend(&p, &buflen, deleted, sizeof(deleted) - 1))
		return ERR_PTR(-ENAMETOOLONG);
	get_fs_root(current->fs, &root);
	err = prepend_path(path, &root, &p, &buflen);
	path_put(&root);
	return err ? ERR_PTR(err) : p;
}

/* file_path - the absolute name of open file @file (see d_path()). */
char *file_path(struct file *file, char *buf, int buflen)
{
	return d_path(&file->f_path, buf, buflen);
}

/*
 * getcwd(2): the current directory's name and its length with the NUL;
 * -ENOENT if it was removed, -ERANGE if @size is too small.
 */
SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	char *page = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path pwd, root;
	int buflen = PATH_MAX;
	char *p = page + PATH_MAX;
	long len;

	if (!page)
		return -ENOMEM;
	get_fs_pwd(current->fs, &pwd);
	get_fs_root(current->fs, &root);
	len = -ENOENT;
	if (d_unhashed(pwd.dentry) && !IS_ROOT(pwd.dentry))
		goto out;
	prepend(&p, &buflen, "", 1);
	len = prepend_path(&pwd, &root, &p, &buflen);
	if (len)
		goto out;
	len = page + PATH_MAX - p;
	if (len > size)
		len = -ERANGE;
	else if (copy_to_user(buf, p, len))
		len = -EFAULT;
out:
	path_put(&pwd);
	path_put(&root);
	kfree(page);
	return len;
}
