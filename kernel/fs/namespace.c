// SPDX-License-Identifier: GPL-2.0
/*
 * namespace.c - the mount tree: mount(2), umount2(2), and how a path walk
 * crosses from a directory into what is mounted on it. Mirrors
 * fs/namespace.c (one mount namespace, no propagation, no bind mounts).
 *
 * Each attached mount records its parent mount and the dentry it covers
 * (mnt_mountpoint); that dentry is flagged DCACHE_MOUNTED. The walk, on
 * reaching a flagged dentry, asks lookup_mnt() for the mount on top of
 * (parent mount, dentry) and continues at that mount's root
 * (traverse_mounts()); ".." at a mount's root first climbs back to the
 * mountpoint (follow_up()). Linux hashes (parent, mountpoint) pairs;
 * Pagoda's few mounts are a list.
 */
#include <linux/fs.h>
#include <linux/shmem_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/bug.h>
#include <linux/fdtable.h>
#include <uapi/linux/mount.h>
#include "internal.h"

static struct kmem_cache *mnt_cache;
LIST_HEAD(mount_list);		/* every attached mount */

/* mntget - one more reference to @mnt. */
struct vfsmount *mntget(struct vfsmount *mnt)
{
	if (mnt)
		real_mount(mnt)->mnt_count++;
	return mnt;
}

/* mntput - drop a reference; the last one deactivates the super_block. */
void mntput(struct vfsmount *mnt)
{
	struct mount *m;

	if (!mnt)
		return;
	m = real_mount(mnt);
	BUG_ON(m->mnt_count <= 0);
	if (--m->mnt_count)
		return;
	dput(mnt->mnt_root);
	deactivate_super(mnt->mnt_sb);
	kfree(m->mnt_devname);
	kmem_cache_free(mnt_cache, m);
}

/**
 * vfs_kern_mount - an instance of @type as a mount that is not attached
 * anywhere yet (its own parent). Returns it with one reference, or ERR_PTR.
 */
static struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags,
				       const char *name, void *data)
{
	static int last_mnt_id;		/* Linux: mnt_alloc_id()'s IDA */
	struct mount *m = kmem_cache_zalloc(mnt_cache, GFP_KERNEL);
	size_t len = name ? strlen(name) + 1 : 5;
	struct dentry *root;

	if (!m)
		return ERR_PTR(-ENOMEM);
	m->mnt_devname = kmalloc(len, GFP_KERNEL);
	root = m->mnt_devname ? type->mount(type, flags, name, data) : ERR_PTR(-ENOMEM);
	if (IS_ERR(root)) {
		kfree(m->mnt_devname);
		kmem_cache_free(mnt_cache, m);
		return ERR_CAST(root);
	}
	memcpy(m->mnt_devname, name ? name : "none", len);
	m->mnt_id = ++last_mnt_id;
	m->mnt.mnt_root = root;
	m->mnt.mnt_sb = root->d_sb;
	m->mnt_parent = m;
	m->mnt_mountpoint = root;
	m->mnt_count = 1;
	INIT_LIST_HEAD(&m->mnt_list);
	return &m->mnt;
}

/**
 * kern_mount - an internal mount of @type, for the kernel's own use
 * (pipefs, sysfs and debugfs hold one so their instance always exists).
 */
struct vfsmount *kern_mount(struct file_system_type *type)
{
	return vfs_kern_mount(type, 0, type->name, NULL);
}

/**
 * lookup_mnt - the mount on top of @path's dentry in @path's mount
 *
 * Returns a new reference, or NULL.
 */
static struct vfsmount *lookup_mnt(const struct path *path)
{
	struct mount *m;

	list_for_each_entry(m, &mount_list, mnt_list)
		if (&m->mnt_parent->mnt == path->mnt && m->mnt_mountpoint == path->dentry)
			return mntget(&m->mnt);
	return NULL;
}

/* traverse_mounts - move @path onto the root of whatever is mounted on it. */
void traverse_mounts(struct path *path)
{
	while (d_mountpoint(path->dentry)) {
		struct vfsmount *mounted = lookup_mnt(path);

		if (!mounted)
			return;
		path_put(path);
		path->mnt = mounted;
		path->dentry = dget(mounted->mnt_root);
	}
}

/**
 * follow_up - from the root of a mount to the dentry it is mounted on
 *
 * Returns false if @path's mount has no parent (the root of the tree).
 */
bool follow_up(struct path *path)
{
	struct mount *m = real_mount(path->mnt);
	struct mount *parent = m->mnt_parent;
	struct dentry *mountpoint;

	if (parent == m)
		return false;
	mntget(&parent->mnt);
	mountpoint = dget(m->mnt_mountpoint);
	path_put(path);
	path->mnt = &parent->mnt;
	path->dentry = mountpoint;
	return true;
}

/* attach_mnt - mount @m on @mountpoint (both references are taken). */
static void attach_mnt(struct mount *m, const struct path *mountpoint)
{
	m->mnt_parent = real_mount(mntget(mountpoint->mnt));
	m->mnt_mountpoint = dget(mountpoint->dentry);
	m->mnt_mountpoint->d_flags |= DCACHE_MOUNTED;
	m->mnt_attached = true;
	list_add_tail(&m->mnt_list, &mount_list);
}

/* still_mounted_on - does another mount cover @dentry? */
static bool still_mounted_on(struct dentry *dentry)
{
	struct mount *m;

	list_for_each_entry(m, &mount_list, mnt_list)
		if (m->mnt_mountpoint == dentry)
			return true;
	return false;
}

/*
 * umount_tree - detach @m and every mount below it, dropping the tree's
 * references. Whoever still uses a detached mount keeps it alive (a lazy
 * MNT_DETACH unmount); the last mntput() frees it.
 */
static void umount_tree(struct mount *m)
{
	struct mount *child, *next;
	struct path mountpoint = { &m->mnt_parent->mnt, m->mnt_mountpoint };

	list_for_each_entry_safe(child, next, &mount_list, mnt_list)
		if (child->mnt_parent == m)
			umount_tree(child);
	list_del_init(&m->mnt_list);
	m->mnt_attached = false;
	if (!still_mounted_on(mountpoint.dentry))
		mountpoint.dentry->d_flags &= ~DCACHE_MOUNTED;
	m->mnt_parent = m;
	m->mnt_mountpoint = m->mnt.mnt_root;
	path_put(&mountpoint);
	mntput(&m->mnt);	/* the tree's reference */
}

/*
 * do_new_mount - mount a new instance of @fstype on @path. Refuses to put
 * the same super_block twice on one place (Linux's rule for single-instance
 * file systems like sysfs): -EBUSY.
 */
static int do_new_mount(const struct path *path, const char *fstype, int flags,
			const char *name, void *data)
{
	struct file_system_type *type = get_fs_type(fstype);
	struct vfsmount *mnt;

	if (!type)
		return -ENODEV;
	if (!d_can_lookup(path->dentry))
		return -ENOTDIR;
	mnt = vfs_kern_mount(type, flags, name, data);
	if (IS_ERR(mnt))
		return PTR_ERR(mnt);
	if (path->mnt->mnt_sb == mnt->mnt_sb && path->mnt->mnt_root == path->dentry) {
		mntput(mnt);
		return -EBUSY;
	}
	mnt->mnt_flags = MNT_RELATIME;		/* Linux's default for mount(2) */
	attach_mnt(real_mount(mnt), path);
	return 0;
}

/**
 * path_mount - mount a new instance of file-system type @type on @path
 *
 * Only new mounts of a registered type ("proc", "sysfs", "debugfs",
 * "ramfs", "tmpfs"): MS_REMOUNT, MS_BIND and MS_MOVE are not supported
 * (-EINVAL); the other flags and the option string are ignored.
 */
int path_mount(const char *dev_name, const struct path *path, const char *type,
	       unsigned long flags, void *data)
{
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & (MS_REMOUNT | MS_BIND | MS_MOVE))
		return -EINVAL;
	if (!type)
		return -EINVAL;
	return do_new_mount(path, type, flags, dev_name, data);
}

/* copy_mount_string - a kernel copy of an optional user string. */
static char *copy_mount_string(const char __user *s)
{
	return s ? getname(s) : NULL;
}

SYSCALL_DEFINE5(mount, char __user *, dev_name, char __user *, dir_name,
		char __user *, type, unsigned long, flags, void __user *, data)
{
	char *kernel_type, *kernel_dev;
	struct path path;
	int ret;

	kernel_type = copy_mount_string(type);
	if (IS_ERR(kernel_type))
		return PTR_ERR(kernel_type);
	kernel_dev = copy_mount_string(dev_name);
	ret = PTR_ERR(kernel_dev);
	if (IS_ERR(kernel_dev))
		goto out_type;
	ret = user_path_at(AT_FDCWD, dir_name, LOOKUP_FOLLOW, &path);
	if (!ret) {
		ret = path_mount(kernel_dev, &path, kernel_type, flags, NULL);
		path_put(&path);
	}
	putname(kernel_dev);
out_type:
	putname(kernel_type);
	return ret;
}

/**
 * path_umount - unmount the mount whose root @path is, and put @path
 *
 * Busy (-EBUSY) while anything but the tree and this lookup references the
 * mount -- open files, a cwd, mounts on top of it -- unless MNT_DETACH asks
 * for a lazy unmount. -EINVAL if @path is not the root of an attached mount.
 */
int path_umount(struct path *path, int flags)
{
	struct mount *m = real_mount(path->mnt);
	int ret = -EINVAL;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		goto out;
	if (path->dentry != path->mnt->mnt_root || !m->mnt_attached)
		goto out;
	ret = -EBUSY;
	if (!(flags & MNT_DETACH) && m->mnt_count > 2)
		goto out;
	umount_tree(m);
	ret = 0;
out:
	path_put(path);
	return ret;
}

SYSCALL_DEFINE2(umount2, char __user *, name, int, flags)
{
	struct path path;
	int ret;

	ret = user_path_at(AT_FDCWD, name, flags & UMOUNT_NOFOLLOW ? 0 : LOOKUP_FOLLOW, &path);
	if (ret)
		return ret;
	return path_umount(&path, flags);
}

/*
 * init_mount_tree - mount rootfs (a ramfs) as "/" and make it the root and
 * cwd of init_task, whom every process inherits them from (and the fd
 * table init_files).
 */
static void init_mount_tree(void)
{
	struct vfsmount *mnt = vfs_kern_mount(&rootfs_fs_type, 0, "rootfs", NULL);
	struct path root;

	BUG_ON(IS_ERR(mnt));
	root.mnt = mnt;
	root.dentry = mnt->mnt_root;
	set_fs_root(&init_fs, &root);
	set_fs_pwd(&init_fs, &root);
	init_task.fs = &init_fs;
	init_task.files = &init_files;
	mntput(mnt);		/* init_fs holds it now */
}

void mnt_init(void)
{
	mnt_cache = kmem_cache_create("mnt_cache", sizeof(struct mount), 0, SLAB_PANIC, NULL);
	shmem_init();
	init_rootfs();
	init_mount_tree();
}
