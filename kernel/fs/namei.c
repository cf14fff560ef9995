// SPDX-License-Identifier: GPL-2.0
/*
 * namei.c - from a path name to a (mount, dentry) pair, and the
 * operations that create and remove names: open with O_CREAT, mkdir,
 * rmdir, unlink, mknod, symlink. Mirrors fs/namei.c.
 *
 * The walk (struct nameidata) starts at the root for "/...", else at the
 * cwd or at a directory fd (the *at() calls), and takes one component at a
 * time (link_path_walk()):
 *   "."     stays;
 *   ".."    goes to the parent, climbing out of a mount at its root, but
 *           never above the process's root (follow_dotdot());
 *   a name  is looked up in the directory: first among the directory's
 *           dentries (d_lookup()), then by asking the file system
 *           (->lookup()); the walk then crosses any mount on top of it and
 *           follows a symlink (get_link(); at most 8 nested, 40 in all:
 *           ELOOP), and the next component must be a directory (ENOTDIR).
 * The last component is left to the caller (LAST_NORM, or LAST_ROOT /
 * LAST_DOT / LAST_DOTDOT for "/", "." and ".."): a lookup resolves it like
 * the others, following a final symlink only with LOOKUP_FOLLOW; a create
 * looks it up in its parent with the parent's inode locked. A trailing
 * slash makes the last component a directory.
 *
 * Symlinks are followed by recursion, as Linux did before 4.2. Pagoda has
 * one user, root, so there are no permission checks on the way: root may
 * search every directory.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include "internal.h"

#define MAX_NESTED_LINKS	8
#define MAXSYMLINKS		40

enum { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

struct nameidata {
	struct path path;	/* where the walk is */
	struct qstr last;	/* the last component, once link_path_walk() returns */
	int last_type;
	bool last_slash;	/* the name ended in '/' */
	unsigned int flags;	/* LOOKUP_* */
	int depth;		/* symlinks being followed right now */
	int total_links;	/* symlinks followed by this walk */
	struct path root;	/* the process's root: ".." stops here */
};

/**
 * getname_flags - copy a path name from user memory
 *
 * Returns a kernel copy (free it with putname()), or ERR_PTR: -EFAULT,
 * -ENAMETOOLONG (PATH_MAX bytes with no NUL), -ENOENT for "" unless
 * @flags has LOOKUP_EMPTY.
 */
static char *getname_flags(const char __user *filename, unsigned int flags)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long len;

	if (!name)
		return ERR_PTR(-ENOMEM);
	len = strncpy_from_user(name, filename, PATH_MAX);
	if (len < 0 || len == PATH_MAX || (!len && !(flags & LOOKUP_EMPTY))) {
		kfree(name);
		return ERR_PTR(len < 0 ? len : len ? -ENAMETOOLONG : -ENOENT);
	}
	return name;
}

char *getname(const char __user *filename)
{
	return getname_flags(filename, 0);
}

void putname(char *name)
{
	kfree(name);
}

/* path_get - one more reference to both halves of @path. */
void path_get(const struct path *path)
{
	mntget(path->mnt);
	dget(path->dentry);
}

/* path_put - drop the references path_get() took. */
void path_put(const struct path *path)
{
	dput(path->dentry);
	mntput(path->mnt);
}

/* path_init - where a walk of @name starts: root, cwd or directory fd @dfd. */
static int path_init(struct nameidata *nd, int dfd, const char *name, unsigned int flags)
{
	struct fs_struct *fs = current->fs;

	nd->flags = flags;
	nd->depth = 0;
	nd->total_links = 0;
	get_fs_root(fs, &nd->root);
	if (*name == '/') {
		nd->path = nd->root;
		path_get(&nd->path);
	} else if (dfd == AT_FDCWD) {
		get_fs_pwd(fs, &nd->path);
	} else {
		struct file *file = fget(dfd);

		if (!file) {
			path_put(&nd->root);
			return -EBADF;
		}
		nd->path = file->f_path;
		path_get(&nd->path);
		fput(file);
		if (*name && !d_can_lookup(nd->path.dentry)) {
			path_put(&nd->path);
			path_put(&nd->root);
			return -ENOTDIR;
		}
	}
	return 0;
}

static void terminate_walk(struct nameidata *nd)
{
	if (nd->path.dentry)
		path_put(&nd->path);
	path_put(&nd->root);
}

/*
 * __lookup_hash - @name in directory @base: the dentry already there, or a
 * new one filled in by the file system's ->lookup() (negative if no such
 * file). A removed directory gets no new dentries: -ENOENT, so nothing can
 * be created in it. The caller holds the directory's inode lock.
 */
static struct dentry *__lookup_hash(const struct qstr *name, struct dentry *base,
				    unsigned int flags)
{
	struct inode *dir = base->d_inode;
	struct dentry *dentry = d_lookup(base, name);
	struct dentry *old;

	if (dentry)
		return dentry;
	if (IS_DEADDIR(dir))
		return ERR_PTR(-ENOENT);
	dentry = d_alloc(base, name);
	if (!dentry)
		return ERR_PTR(-ENOMEM);
	old = dir->i_op->lookup(dir, dentry, flags);
	if (old) {
		dput(dentry);
		dentry = old;
	}
	return dentry;
}

/* lookup_slow - __lookup_hash() taking the directory's lock for reading. */
static struct dentry *lookup_slow(const struct qstr *name, struct dentry *dir,
				  unsigned int flags)
{
	struct dentry *dentry;

	inode_lock_shared(dir->d_inode);
	dentry = __lookup_hash(name, dir, flags);
	inode_unlock_shared(dir->d_inode);
	return dentry;
}

/* follow_dotdot - "..": the parent, across mounts, never above the root. */
static void follow_dotdot(struct nameidata *nd)
{
	for (;;) {
		if (nd->path.dentry == nd->root.dentry && nd->path.mnt == nd->root.mnt)
			return;
		if (nd->path.dentry != nd->path.mnt->mnt_root) {
			struct dentry *parent = dget(nd->path.dentry->d_parent);

			dput(nd->path.dentry);
			nd->path.dentry = parent;
			return;
		}
		if (!follow_up(&nd->path))
			return;
	}
}

static int link_path_walk(const char *name, struct nameidata *nd);
static int walk_component(struct nameidata *nd, bool follow);

/*
 * follow_link - continue the walk through the symlink at @link (consumed):
 * its target is walked from the root or from the link's directory (where
 * nd->path still is), last component included.
 */
static int follow_link(struct nameidata *nd, struct path *link)
{
	struct inode *inode = link->dentry->d_inode;
	char buf[GET_LINK_BUF];
	const char *target;
	int err = -ELOOP;

	if (nd->depth >= MAX_NESTED_LINKS || nd->total_links >= MAXSYMLINKS)
		goto out;
	nd->total_links++;
	target = inode->i_op->get_link(link->dentry, inode, buf, sizeof(buf));
	err = PTR_ERR(target);
	if (IS_ERR(target))
		goto out;
	if (*target == '/') {
		path_put(&nd->path);
		nd->path = nd->root;
		path_get(&nd->path);
	}
	nd->depth++;
	err = link_path_walk(target, nd);
	if (!err)
		err = walk_component(nd, true);
	nd->depth--;
out:
	path_put(link);
	return err;
}

/*
 * walk_component - step into nd->last: look it up, cross mounts, follow a
 * symlink if @follow. -ENOENT if it does not exist.
 */
static int walk_component(struct nameidata *nd, bool follow)
{
	struct dentry *dentry;
	struct path next;

	if (nd->last_type == LAST_DOTDOT)
		follow_dotdot(nd);
	if (nd->last_type != LAST_NORM)
		return 0;
	dentry = lookup_slow(&nd->last, nd->path.dentry, nd->flags);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	if (d_really_is_negative(dentry)) {
		dput(dentry);
		return -ENOENT;
	}
	next.mnt = mntget(nd->path.mnt);
	next.dentry = dentry;
	traverse_mounts(&next);
	if (follow && S_ISLNK(next.dentry->d_inode->i_mode))
		return follow_link(nd, &next);
	path_put(&nd->path);
	nd->path = next;
	return 0;
}

/*
 * link_path_walk - walk every component of @name but the last, which is
 * left in nd->last / nd->last_type / nd->last_slash.
 */
static int link_path_walk(const char *name, struct nameidata *nd)
{
	nd->last_type = LAST_ROOT;
	nd->last_slash = false;
	while (*name == '/')
		name++;
	while (*name) {
		const char *next;
		size_t len;
		int err;

		if (!d_can_lookup(nd->path.dentry))
			return -ENOTDIR;
		for (len = 0; name[len] && name[len] != '/'; len++)
			;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		nd->last.name = name;
		nd->last.len = len;
		nd->last_type = LAST_NORM;
		if (name[0] == '.' && len == 1)
			nd->last_type = LAST_DOT;
		else if (name[0] == '.' && name[1] == '.' && len == 2)
			nd->last_type = LAST_DOTDOT;
		next = name + len;
		nd->last_slash = *next == '/';
		while (*next == '/')
			next++;
		if (!*next)
			return 0;
		err = walk_component(nd, true);
		if (err)
			return err;
		if (!d_can_lookup(nd->path.dentry))
			return -ENOTDIR;
		name = next;
	}
	return 0;
}

/*
 * path_lookupat - the whole walk of @name; the last component follows a
 * symlink if LOOKUP_FOLLOW or a trailing slash asks for it.
 */
static int path_lookupat(int dfd, const char *name, unsigned int flags, struct path *path)
{
	struct nameidata nd;
	bool slash = false;
	int err = path_init(&nd, dfd, name, flags);

	if (err)
		return err;
	err = link_path_walk(name, &nd);
	if (!err) {
		slash = nd.last_slash;	/* a symlink's own walk will change it */
		err = walk_component(&nd, (flags & LOOKUP_FOLLOW) || slash);
	}
	if (!err && (slash || (flags & LOOKUP_DIRECTORY)) && !d_can_lookup(nd.path.dentry))
		err = -ENOTDIR;
	if (!err) {
		*path = nd.path;
		nd.path.dentry = NULL;
	}
	terminate_walk(&nd);
	return err;
}

/**
 * filename_lookup - resolve kernel string @name relative to @dfd
 * @flags: LOOKUP_FOLLOW, LOOKUP_DIRECTORY
 *
 * On success @path holds references (path_put() them).
 */
static int filename_lookup(int dfd, const char *name, unsigned int flags, struct path *path)
{
	if (!*name && !(flags & LOOKUP_EMPTY))
		return -ENOENT;
	return path_lookupat(dfd, name, flags, path);
}

/* kern_path - resolve a kernel path name (relative to the cwd). */
int kern_path(const char *name, unsigned int flags, struct path *path)
{
	return filename_lookup(AT_FDCWD, name, flags, path);
}

/* user_path_at - resolve a user path name relative to @dfd. */
int user_path_at(int dfd, const char __user *name, unsigned int flags, struct path *path)
{
	char *kname = getname_flags(name, flags);
	int err;

	if (IS_ERR(kname))
		return PTR_ERR(kname);
	err = filename_lookup(dfd, kname, flags, path);
	putname(kname);
	return err;
}

/*
 * filename_parentat - walk to the directory of @name's last component.
 * nd->path is the parent; nd->last points into @name.
 */
static int filename_parentat(int dfd, const char *name, struct nameidata *nd)
{
	int err = path_init(nd, dfd, name, 0);

	if (err)
		return err;
	err = link_path_walk(name, nd);
	if (err)
		terminate_walk(nd);
	return err;
}

/**
 * kern_path_create - look up the parent of @name for creating its last
 * component
 * @lookup_flags: LOOKUP_DIRECTORY when creating a directory (a trailing
 *                slash is then allowed)
 *
 * Returns the new, negative dentry with the parent directory's inode
 * locked and the parent in @path, or ERR_PTR: -EEXIST if the name exists
 * (or is "/", "." or ".."). Finish with done_path_create().
 */
struct dentry *kern_path_create(int dfd, const char *name, struct path *path,
				unsigned int lookup_flags)
{
	struct nameidata nd;
	struct dentry *dentry;
	int err = filename_parentat(dfd, name, &nd);

	if (err)
		return ERR_PTR(err);
	err = -EEXIST;
	if (nd.last_type != LAST_NORM)
		goto fail;
	inode_lock(nd.path.dentry->d_inode);
	dentry = __lookup_hash(&nd.last, nd.path.dentry, 0);
	if (IS_ERR(dentry)) {
		err = PTR_ERR(dentry);
		goto unlock;
	}
	if (!d_really_is_negative(dentry)) {
		dput(dentry);
		goto unlock;
	}
	if (nd.last_slash && !(lookup_flags & LOOKUP_DIRECTORY)) {
		dput(dentry);
		err = -ENOENT;
		goto unlock;
	}
	*path = nd.path;
	nd.path.dentry = NULL;
	terminate_walk(&nd);
	return dentry;
unlock:
	inode_unlock(nd.path.dentry->d_inode);
fail:
	terminate_walk(&nd);
	return ERR_PTR(err);
}

/* done_path_create - unlock the parent, drop both references. */
void done_path_create(struct path *path, struct dentry *dentry)
{
	dput(dentry);
	inode_unlock(path->dentry->d_inode);
	path_put(path);
}

/* --- the vfs_* operations: checks, then the file system's method --- */

/* vfs_create - a new regular file @dentry in @dir. */
int vfs_create(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	if (!dir->i_op->create)
		return -EACCES;
	return dir->i_op->create(dir, dentry, (mode & S_IALLUGO) | S_IFREG, true);
}

/* vfs_mkdir - a new directory @dentry in @dir. */
int vfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode)
{
	if (!dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, dentry, mode & (S_IRWXUGO | S_ISVTX));
}

/* vfs_mknod - a device node (or FIFO, socket, regular file) @dentry in @dir. */
int vfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev)
{
	if (!dir->i_op->mknod)
		return -EPERM;
	return dir->i_op->mknod(dir, dentry, mode, dev);
}

/* vfs_symlink - a symlink @dentry in @dir pointing to @target. */
int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target)
{
	if (!dir->i_op->symlink)
		return -EPERM;
	return dir->i_op->symlink(dir, dentry, target);
}

/* vfs_unlink - remove the non-directory @dentry from @dir. */
int vfs_unlink(struct inode *dir, struct dentry *dentry)
{
	int err;

	if (d_can_lookup(dentry))
		return -EISDIR;
	if (!dir->i_op->unlink)
		return -EPERM;
	if (d_mountpoint(dentry))
		return -EBUSY;
	err = dir->i_op->unlink(dir, dentry);
	if (!err)
		d_delete(dentry);
	return err;
}

/* vfs_rmdir - remove the empty directory @dentry from @dir. */
int vfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	int err;

	if (!d_can_lookup(dentry))
		return -ENOTDIR;
	if (!dir->i_op->rmdir)
		return -EPERM;
	if (d_mountpoint(dentry))
		return -EBUSY;
	err = dir->i_op->rmdir(dir, dentry);
	if (err)
		return err;
	dentry->d_inode->i_flags |= S_DEAD;
	d_delete(dentry);
	return 0;
}

/* --- removing names (the system calls' bodies, also fs/init.c's) --- */

/*
 * do_remove - unlink (or, with @dir, rmdir) kernel path @name: the last
 * component is looked up and removed under the parent's lock.
 */
static int do_remove(int dfd, const char *name, bool dir)
{
	struct nameidata nd;
	struct dentry *dentry;
	struct inode *parent;
	int err = filename_parentat(dfd, name, &nd);

	if (err)
		return err;
	if (nd.last_type != LAST_NORM) {
		err = !dir ? -EISDIR : nd.last_type == LAST_DOT ? -EINVAL :
		      nd.last_type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
		goto out;
	}
	parent = nd.path.dentry->d_inode;
	inode_lock(parent);
	dentry = __lookup_hash(&nd.last, nd.path.dentry, 0);
	err = PTR_ERR(dentry);
	if (IS_ERR(dentry))
		goto unlock;
	if (d_really_is_negative(dentry))
		err = -ENOENT;
	else if (dir)
		err = vfs_rmdir(parent, dentry);
	else if (nd.last_slash)
		err = d_can_lookup(dentry) ? -EISDIR : -ENOTDIR;
	else
		err = vfs_unlink(parent, dentry);
	dput(dentry);
unlock:
	inode_unlock(parent);
out:
	terminate_walk(&nd);
	return err;
}

int do_unlinkat(int dfd, const char *name)
{
	return do_remove(dfd, name, false);
}

int do_rmdir(int dfd, const char *name)
{
	return do_remove(dfd, name, true);
}

/* user_call - run @fn on a kernel copy of user path @pathname. */
static long user_call(int dfd, const char __user *pathname, int (*fn)(int, const char *))
{
	char *name = getname(pathname);
	long ret;

	if (IS_ERR(name))
		return PTR_ERR(name);
	ret = fn(dfd, name);
	putname(name);
	return ret;
}

SYSCALL_DEFINE1(unlink, const char __user *, pathname)
{
	return user_call(AT_FDCWD, pathname, do_unlinkat);
}

SYSCALL_DEFINE1(rmdir, const char __user *, pathname)
{
	return user_call(AT_FDCWD, pathname, do_rmdir);
}

/* do_mkdirat - mkdir kernel path @name with @mode less the umask. */
int do_mkdirat(int dfd, const char *name, umode_t mode)
{
	struct path path;
	struct dentry *dentry = kern_path_create(dfd, name, &path, LOOKUP_DIRECTORY);
	int err;

	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	err = vfs_mkdir(path.dentry->d_inode, dentry, mode & ~current_umask());
	done_path_create(&path, dentry);
	return err;
}

/* user_mkdirat - mkdir(2)/mkdirat(2) of user path @pathname. */
static long user_mkdirat(int dfd, const char __user *pathname, umode_t mode)
{
	char *name = getname(pathname);
	long ret;

	if (IS_ERR(name))
		return PTR_ERR(name);
	ret = do_mkdirat(dfd, name, mode);
	putname(name);
	return ret;
}

SYSCALL_DEFINE2(mkdir, const char __user *, pathname, umode_t, mode)
{
	return user_mkdirat(AT_FDCWD, pathname, mode);
}

SYSCALL_DEFINE3(mkdirat, int, dfd, const char __user *, pathname, umode_t, mode)
{
	return user_mkdirat(dfd, pathname, mode);
}

/* unlinkat - unlink, or with AT_REMOVEDIR rmdir; any other flag is -EINVAL. */
SYSCALL_DEFINE3(unlinkat, int, dfd, const char __user *, pathname, int, flag)
{
	if (flag & ~AT_REMOVEDIR)
		return -EINVAL;
	return user_call(dfd, pathname, flag & AT_REMOVEDIR ? do_rmdir : do_unlinkat);
}

/* symlink_create - a symlink kernel path @name (from @dfd) pointing to @target. */
static int symlink_create(const char *target, int dfd, const char *name)
{
	struct path path;
	struct dentry *dentry;
	int err;

	if (!*target)
		return -ENOENT;		/* an empty target, as Linux refuses it */
	dentry = kern_path_create(dfd, name, &path, 0);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	err = vfs_symlink(path.dentry->d_inode, dentry, target);
	done_path_create(&path, dentry);
	return err;
}

/* do_symlinkat - symlink(2)/symlinkat(2): user path @newname -> user string @oldname. */
static long do_symlinkat(const char __user *oldname, int newdfd, const char __user *newname)
{
	char *target = getname(oldname), *name;
	long ret;

	if (IS_ERR(target))
		return PTR_ERR(target);
	name = getname(newname);
	ret = IS_ERR(name) ? PTR_ERR(name) : symlink_create(target, newdfd, name);
	if (!IS_ERR(name))
		putname(name);
	putname(target);
	return ret;
}

SYSCALL_DEFINE3(symlinkat, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return do_symlinkat(oldname, newdfd, newname);
}

SYSCALL_DEFINE2(symlink, const char __user *, oldname, const char __user *, newname)
{
	return do_symlinkat(oldname, AT_FDCWD, newname);
}

/* --- opening, with O_CREAT --- */

/*
 * open_create - the O_CREAT half of an open: create the last component if
 * it does not exist (-EEXIST if it does and O_EXCL), under the parent's
 * lock. A symlink found there is followed by a fresh lookup (a dangling
 * one gives -ENOENT: Linux would create its target).
 */
static int open_create(int dfd, const char *name, const struct open_flags *op,
		       struct path *path)
{
	struct nameidata nd;
	struct dentry *dentry;
	struct inode *dir;
	int err = filename_parentat(dfd, name, &nd);

	if (err)
		return err;
	err = -EISDIR;
	if (nd.last_type != LAST_NORM || nd.last_slash)
		goto out;
	dir = nd.path.dentry->d_inode;
	inode_lock(dir);
	dentry = __lookup_hash(&nd.last, nd.path.dentry, 0);
	err = PTR_ERR(dentry);
	if (IS_ERR(dentry)) {
		inode_unlock(dir);
		goto out;
	}
	err = 0;
	if (d_really_is_negative(dentry))
		err = vfs_create(dir, dentry, op->mode & ~current_umask());
	else if (op->open_flag & O_EXCL)
		err = -EEXIST;
	inode_unlock(dir);
	if (err) {
		dput(dentry);
		goto out;
	}
	path->mnt = mntget(nd.path.mnt);
	path->dentry = dentry;
	traverse_mounts(path);
	if (S_ISLNK(path->dentry->d_inode->i_mode) && !(op->open_flag & O_NOFOLLOW)) {
		path_put(path);
		err = filename_lookup(dfd, name, LOOKUP_FOLLOW, path);
	}
out:
	terminate_walk(&nd);
	return err;
}

/*
 * may_open - can the file at @path be opened as @op asks? Symlinks only
 * reach here with O_NOFOLLOW: -ELOOP. Directories only for reading.
 */
static int may_open(const struct path *path, const struct open_flags *op)
{
	umode_t mode = path->dentry->d_inode->i_mode;

	if (S_ISLNK(mode))
		return -ELOOP;
	if (S_ISDIR(mode) && ((op->acc_mode & MAY_WRITE) || (op->open_flag & O_CREAT)))
		return -EISDIR;
	if (!S_ISDIR(mode) && (op->open_flag & O_DIRECTORY))
		return -ENOTDIR;
	return 0;
}

/**
 * do_filp_open - open kernel path @pathname as @op describes
 *
 * Returns the new file, or ERR_PTR.
 */
struct file *do_filp_open(int dfd, const char *pathname, const struct open_flags *op)
{
	struct file *file;
	struct path path;
	int err;

	if (op->open_flag & O_CREAT)
		err = open_create(dfd, pathname, op, &path);
	else
		err = filename_lookup(dfd, pathname, op->lookup_flags, &path);
	if (err)
		return ERR_PTR(err);
	err = may_open(&path, op);
	if (err)
		goto out;
	file = alloc_empty_file(op->open_flag);
	err = -ENFILE;
	if (!file)
		goto out;
	err = vfs_open(&path, file);
	if (!err && (op->open_flag & O_TRUNC) && S_ISREG(path.dentry->d_inode->i_mode))
		err = do_truncate(path.dentry, 0);
	if (err) {
		fput(file);
		goto out;
	}
	path_put(&path);
	return file;
out:
	path_put(&path);
	return ERR_PTR(err);
}
