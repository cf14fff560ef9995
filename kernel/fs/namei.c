// SPDX-License-Identifier: GPL-2.0
/*
 * namei.c - from a path name to a (mount, dentry) pair, and the
 * operations that create, remove and move names: open with O_CREAT, mkdir,
 * rmdir, unlink, mknod, symlink, link, rename. Mirrors fs/namei.c.
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
#include <uapi/linux/fs.h>
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

/* --- mknod, link, rename --- */

/* may_mknod - the types mknod(2) makes: -EPERM for a directory, -EINVAL for a bad type. */
static int may_mknod(umode_t mode)
{
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return 0;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

/*
 * do_mknodat - a regular file (no type bits, or S_IFREG), a device node
 * (@dev in its user encoding), a FIFO or a socket node at user path @filename.
 */
static long do_mknodat(int dfd, const char __user *filename, umode_t mode, unsigned int dev)
{
	struct path path;
	struct dentry *dentry;
	char *name;
	long err = may_mknod(mode);

	if (err)
		return err;
	name = getname(filename);
	if (IS_ERR(name))
		return PTR_ERR(name);
	dentry = kern_path_create(dfd, name, &path, 0);
	putname(name);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	mode &= ~current_umask();
	switch (mode & S_IFMT) {
	case 0:
	case S_IFREG:
		err = vfs_create(path.dentry->d_inode, dentry, mode);
		break;
	case S_IFCHR:
	case S_IFBLK:
		err = vfs_mknod(path.dentry->d_inode, dentry, mode, new_decode_dev(dev));
		break;
	default:
		err = vfs_mknod(path.dentry->d_inode, dentry, mode, 0);
		break;
	}
	done_path_create(&path, dentry);
	return err;
}

SYSCALL_DEFINE4(mknodat, int, dfd, const char __user *, filename, umode_t, mode,
		unsigned int, dev)
{
	return do_mknodat(dfd, filename, mode, dev);
}

SYSCALL_DEFINE3(mknod, const char __user *, filename, umode_t, mode, unsigned int, dev)
{
	return do_mknodat(AT_FDCWD, filename, mode, dev);
}

/* vfs_link - @new_dentry in @dir becomes another name of @old_dentry's inode. */
int vfs_link(struct dentry *old_dentry, struct inode *dir, struct dentry *new_dentry)
{
	struct inode *inode = old_dentry->d_inode;

	if (IS_DEADDIR(dir))
		return -ENOENT;
	if (!dir->i_op->link || S_ISDIR(inode->i_mode))
		return -EPERM;
	if (!inode->i_nlink)
		return -ENOENT;		/* unlinked while open */
	return dir->i_op->link(old_dentry, dir, new_dentry);
}

/*
 * do_linkat - link(2)/linkat(2): a new name @newname for what @oldname
 * names, on the same mount (-EXDEV). A final symlink in @oldname is
 * followed only with AT_SYMLINK_FOLLOW; AT_EMPTY_PATH links @olddfd itself.
 */
static long do_linkat(int olddfd, const char __user *oldname, int newdfd,
		      const char __user *newname, int flags)
{
	struct path old_path, new_path;
	struct dentry *new_dentry;
	unsigned int how = 0;
	char *name;
	long err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (flags & AT_SYMLINK_FOLLOW)
		how |= LOOKUP_FOLLOW;
	if (flags & AT_EMPTY_PATH)
		how |= LOOKUP_EMPTY;
	err = user_path_at(olddfd, oldname, how, &old_path);
	if (err)
		return err;
	name = getname(newname);
	err = PTR_ERR(name);
	if (IS_ERR(name))
		goto out;
	new_dentry = kern_path_create(newdfd, name, &new_path, 0);
	putname(name);
	err = PTR_ERR(new_dentry);
	if (IS_ERR(new_dentry))
		goto out;
	err = old_path.mnt != new_path.mnt ? -EXDEV :
	      vfs_link(old_path.dentry, new_path.dentry->d_inode, new_dentry);
	done_path_create(&new_path, new_dentry);
out:
	path_put(&old_path);
	return err;
}

SYSCALL_DEFINE5(linkat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, int, flags)
{
	return do_linkat(olddfd, oldname, newdfd, newname, flags);
}

SYSCALL_DEFINE2(link, const char __user *, oldname, const char __user *, newname)
{
	return do_linkat(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
}

/*
 * may_delete - may @victim leave @dir, replaced by (or being) a directory
 * if @isdir? -ENOTDIR / -EISDIR when the types differ, -EBUSY for a root.
 */
static int may_delete(struct inode *dir, struct dentry *victim, bool isdir)
{
	if (!victim->d_inode)
		return -ENOENT;
	if (isdir) {
		if (!d_can_lookup(victim))
			return -ENOTDIR;
		if (IS_ROOT(victim))
			return -EBUSY;
	} else if (d_can_lookup(victim)) {
		return -EISDIR;
	}
	return IS_DEADDIR(dir) ? -ENOENT : 0;
}

/**
 * vfs_rename - @old_dentry in @old_dir takes the name @new_dentry in
 * @new_dir (replacing what is there; with RENAME_EXCHANGE the two swap).
 * Both directories are locked; the caller has ruled out loops.
 */
int vfs_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
	       struct dentry *new_dentry, unsigned int flags)
{
	bool is_dir = d_can_lookup(old_dentry), exchange = flags & RENAME_EXCHANGE;
	struct inode *target = new_dentry->d_inode;
	int err;

	if (old_dentry->d_inode == target)
		return 0;
	err = may_delete(old_dir, old_dentry, is_dir);
	if (err)
		return err;
	if (!target)
		err = IS_DEADDIR(new_dir) ? -ENOENT : 0;
	else
		err = may_delete(new_dir, new_dentry, exchange ? d_can_lookup(new_dentry) : is_dir);
	if (err)
		return err;
	if (!old_dir->i_op->rename)
		return -EPERM;
	if (d_mountpoint(old_dentry) || d_mountpoint(new_dentry))
		return -EBUSY;
	err = old_dir->i_op->rename(old_dir, old_dentry, new_dir, new_dentry, flags);
	if (err)
		return err;
	if (exchange) {
		d_exchange(old_dentry, new_dentry);
		return 0;
	}
	if (target && is_dir)
		target->i_flags |= S_DEAD;
	d_move(old_dentry, new_dentry);
	return 0;
}

/*
 * lock_rename - lock both parents of a rename. Returns the "trap": the
 * child of one parent that the other parent is below (a rename must not
 * make a directory its own descendant), or NULL.
 */
static struct dentry *lock_rename(struct dentry *p1, struct dentry *p2)
{
	struct dentry *trap;

	inode_lock(p1->d_inode);
	if (p1 == p2)
		return NULL;
	inode_lock(p2->d_inode);
	trap = d_ancestor(p2, p1);
	return trap ? trap : d_ancestor(p1, p2);
}

static void unlock_rename(struct dentry *p1, struct dentry *p2)
{
	inode_unlock(p1->d_inode);
	if (p1 != p2)
		inode_unlock(p2->d_inode);
}

/*
 * rename_lookup - look up both last components under the parents' locks
 * and rename, with Linux's checks in Linux's order.
 */
static int rename_lookup(struct nameidata *old, struct nameidata *new, unsigned int flags)
{
	struct dentry *old_dentry, *new_dentry, *trap;
	int err;

	trap = lock_rename(new->path.dentry, old->path.dentry);
	old_dentry = __lookup_hash(&old->last, old->path.dentry, 0);
	err = PTR_ERR(old_dentry);
	if (IS_ERR(old_dentry))
		goto unlock;
	new_dentry = __lookup_hash(&new->last, new->path.dentry, 0);
	err = PTR_ERR(new_dentry);
	if (IS_ERR(new_dentry))
		goto put_old;
	if (!old_dentry->d_inode)
		err = -ENOENT;
	else if ((flags & RENAME_NOREPLACE) && new_dentry->d_inode)
		err = -EEXIST;
	else if ((flags & RENAME_EXCHANGE) && !new_dentry->d_inode)
		err = -ENOENT;
	else if ((flags & RENAME_EXCHANGE) && !d_can_lookup(new_dentry) && new->last_slash)
		err = -ENOTDIR;
	else if (!d_can_lookup(old_dentry) &&
		 (old->last_slash || (!(flags & RENAME_EXCHANGE) && new->last_slash)))
		err = -ENOTDIR;
	else if (old_dentry == trap)
		err = -EINVAL;		/* into its own subtree */
	else if (new_dentry == trap)
		err = flags & RENAME_EXCHANGE ? -EINVAL : -ENOTEMPTY;	/* over an ancestor */
	else
		err = vfs_rename(old->path.dentry->d_inode, old_dentry, new->path.dentry->d_inode,
				 new_dentry, flags);
	dput(new_dentry);
put_old:
	dput(old_dentry);
unlock:
	unlock_rename(new->path.dentry, old->path.dentry);
	return err;
}

/* do_renameat2 - rename(2), renameat(2), renameat2(2) of kernel paths. */
static int do_renameat2(int olddfd, const char *from, int newdfd, const char *to,
			unsigned int flags)
{
	struct nameidata old, new;
	int err;

	if ((flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) ||
	    ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT))))
		return -EINVAL;
	err = filename_parentat(olddfd, from, &old);
	if (err)
		return err;
	err = filename_parentat(newdfd, to, &new);
	if (err)
		goto put_old;
	if (old.path.mnt != new.path.mnt)
		err = -EXDEV;
	else if (old.last_type != LAST_NORM)
		err = -EBUSY;
	else if (new.last_type != LAST_NORM)
		err = flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
	else
		err = rename_lookup(&old, &new, flags);
	terminate_walk(&new);
put_old:
	terminate_walk(&old);
	return err;
}

/* user_renameat2 - do_renameat2() of two user paths. */
static long user_renameat2(int olddfd, const char __user *oldname, int newdfd,
			   const char __user *newname, unsigned int flags)
{
	char *from = getname(oldname), *to;
	long ret;

	if (IS_ERR(from))
		return PTR_ERR(from);
	to = getname(newname);
	ret = IS_ERR(to) ? PTR_ERR(to) : do_renameat2(olddfd, from, newdfd, to, flags);
	if (!IS_ERR(to))
		putname(to);
	putname(from);
	return ret;
}

SYSCALL_DEFINE5(renameat2, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname, unsigned int, flags)
{
	return user_renameat2(olddfd, oldname, newdfd, newname, flags);
}

SYSCALL_DEFINE4(renameat, int, olddfd, const char __user *, oldname, int, newdfd,
		const char __user *, newname)
{
	return user_renameat2(olddfd, oldname, newdfd, newname, 0);
}

SYSCALL_DEFINE2(rename, const char __user *, oldname, const char __user *, newname)
{
	return user_renameat2(AT_FDCWD, oldname, AT_FDCWD, newname, 0);
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
