// SPDX-License-Identifier: GPL-2.0
/*
 * dcache.c - dentries: the names of files, as a tree. Mirrors fs/dcache.c.
 *
 * A dentry names one entry of a directory: d_parent, d_name and, when the
 * name exists, d_inode. The children of a directory are its d_subdirs
 * list, and d_lookup() searches it (Linux hashes (parent, name) pairs in a
 * global hash table instead). A dentry is "hashed" while it is on its
 * parent's list: unlink and rmdir unhash the name (d_delete()), so a file
 * still open keeps its dentry and inode while the name is gone.
 *
 * Lifetime: d_count counts references; each child holds one on its parent.
 * When the count drops to zero the dentry is freed at once, together with
 * its inode reference (Linux keeps unused dentries cached on an LRU list
 * until memory runs short). RAM file systems therefore pin each dentry they
 * create with one extra reference, which unlink/rmdir drops.
 */
#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/bug.h>
#include <linux/printk.h>
#include "internal.h"

static struct kmem_cache *dentry_cache;

/* Dentries in existence: /proc/sys/fs/dentry-state's nr_dentry. */
long nr_dentry;

static struct dentry *__d_alloc(struct super_block *sb, const struct qstr *name)
{
	struct dentry *dentry = kmem_cache_zalloc(dentry_cache, GFP_KERNEL);
	char *dname;

	if (!dentry)
		return NULL;
	dname = dentry->d_iname;
	if (name->len >= DNAME_INLINE_LEN) {
		dname = kmalloc(name->len + 1, GFP_KERNEL);
		if (!dname) {
			kmem_cache_free(dentry_cache, dentry);
			return NULL;
		}
	}
	memcpy(dname, name->name, name->len);
	dname[name->len] = '\0';
	dentry->d_name.name = dname;
	dentry->d_name.len = name->len;
	dentry->d_count = 1;
	dentry->d_sb = sb;
	dentry->d_op = sb->s_d_op;
	dentry->d_parent = dentry;
	INIT_LIST_HEAD(&dentry->d_child);
	INIT_LIST_HEAD(&dentry->d_subdirs);
	nr_dentry++;
	return dentry;
}

/**
 * d_alloc - a new, negative dentry for @name in @parent
 *
 * The dentry is hashed (d_lookup() finds it) and holds a reference on
 * @parent. Returns NULL when out of memory.
 */
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *dentry = __d_alloc(parent->d_sb, name);

	if (!dentry)
		return NULL;
	dentry->d_parent = dget(parent);
	list_add_tail(&dentry->d_child, &parent->d_subdirs);
	return dentry;
}

/*
 * d_alloc_pseudo - a dentry in no directory. Its name is made up by its
 * file system's s_d_op (pipes: "pipe:[ino]"), or else is "/NAME (deleted)"
 * (simple_dname(): memfd and shared anonymous memory files).
 */
struct dentry *d_alloc_pseudo(struct super_block *sb, const struct qstr *name)
{
	static const struct dentry_operations anon_ops = { .d_dname = simple_dname };
	struct dentry *dentry = __d_alloc(sb, name);

	if (dentry && !sb->s_d_op)
		dentry->d_op = &anon_ops;
	return dentry;
}

/**
 * d_make_root - the root dentry of a new super_block, for @root_inode
 *
 * Consumes the inode reference, also on failure (returns NULL).
 */
struct dentry *d_make_root(struct inode *root_inode)
{
	static const struct qstr name = QSTR_INIT("/", 1);
	struct dentry *dentry;

	if (!root_inode)
		return NULL;
	dentry = __d_alloc(root_inode->i_sb, &name);
	if (!dentry) {
		iput(root_inode);
		return NULL;
	}
	d_instantiate(dentry, root_inode);
	return dentry;
}

/* d_instantiate - make negative @dentry name @inode (takes over its reference). */
void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	BUG_ON(dentry->d_inode);
	dentry->d_inode = inode;
}

/**
 * d_lookup - the hashed child of @parent called @name, or NULL
 *
 * Returns a new reference.
 */
struct dentry *d_lookup(struct dentry *parent, const struct qstr *name)
{
	struct dentry *dentry;

	list_for_each_entry(dentry, &parent->d_subdirs, d_child) {
		if (dentry->d_name.len == name->len &&
		    !memcmp(dentry->d_name.name, name->name, name->len))
			return dget(dentry);
	}
	return NULL;
}

/* dget - one more reference to @dentry (NULL is allowed). */
struct dentry *dget(struct dentry *dentry)
{
	if (dentry)
		dentry->d_count++;
	return dentry;
}

/*
 * dentry_kill - free a dentry nobody references; return its parent,
 * whose reference the caller must drop next (NULL for a root).
 */
static struct dentry *dentry_kill(struct dentry *dentry)
{
	struct dentry *parent = IS_ROOT(dentry) ? NULL : dentry->d_parent;

	BUG_ON(!list_empty(&dentry->d_subdirs));
	list_del_init(&dentry->d_child);
	if (dentry->d_inode)
		iput(dentry->d_inode);
	if (dentry->d_name.name != dentry->d_iname)
		kfree(dentry->d_name.name);
	kmem_cache_free(dentry_cache, dentry);
	nr_dentry--;
	return parent;
}

/**
 * dput - drop a reference to @dentry
 *
 * The last reference frees it, which drops the reference it held on its
 * parent: that may free the parent too, and so on up (a loop, not recursion).
 */
void dput(struct dentry *dentry)
{
	while (dentry) {
		BUG_ON(dentry->d_count <= 0);
		if (--dentry->d_count)
			return;
		dentry = dentry_kill(dentry);
	}
}

/**
 * d_delete - the name is gone (unlink, rmdir): unhash @dentry
 *
 * Lookups no longer find it; whoever still holds it (an open file, a
 * process's cwd) keeps it and its inode until the last dput().
 */
void d_delete(struct dentry *dentry)
{
	list_del_init(&dentry->d_child);
}

/* swap_names - @a and @b trade names: inline ones are copied, others trade pointers. */
static void swap_names(struct dentry *a, struct dentry *b)
{
	bool a_inline = a->d_name.name == a->d_iname, b_inline = b->d_name.name == b->d_iname;
	const char *a_name = a->d_name.name, *b_name = b->d_name.name;
	char tmp[DNAME_INLINE_LEN];
	u32 len = a->d_name.len;

	memcpy(tmp, a->d_iname, sizeof(tmp));
	memcpy(a->d_iname, b->d_iname, sizeof(tmp));
	memcpy(b->d_iname, tmp, sizeof(tmp));
	a->d_name.name = b_inline ? a->d_iname : b_name;
	b->d_name.name = a_inline ? b->d_iname : a_name;
	a->d_name.len = b->d_name.len;
	b->d_name.len = len;
}

/*
 * __d_move - @dentry takes @target's name and place; @target takes
 * @dentry's and stays hashed only for an exchange. Each parent keeps the
 * one reference it had from one of the two.
 */
static void __d_move(struct dentry *dentry, struct dentry *target, bool exchange)
{
	struct dentry *old_parent = dentry->d_parent;

	swap_names(dentry, target);
	dentry->d_parent = target->d_parent;
	target->d_parent = old_parent;
	list_move_tail(&dentry->d_child, &dentry->d_parent->d_subdirs);
	if (exchange)
		list_move_tail(&target->d_child, &old_parent->d_subdirs);
	else
		list_del_init(&target->d_child);
}

/**
 * d_move - after a rename: @dentry now has @target's name in @target's
 * directory, and @target (the replaced file, or a negative dentry) is unhashed
 */
void d_move(struct dentry *dentry, struct dentry *target)
{
	__d_move(dentry, target, false);
}

/* d_exchange - after RENAME_EXCHANGE: the two dentries trade names and places. */
void d_exchange(struct dentry *dentry1, struct dentry *dentry2)
{
	__d_move(dentry1, dentry2, true);
}

/**
 * d_ancestor - the child of @p1 on the way up from @p2 (@p2 itself if it
 * is a child of @p1), or NULL if @p1 is not an ancestor of @p2
 */
struct dentry *d_ancestor(struct dentry *p1, struct dentry *p2)
{
	for (struct dentry *p = p2; !IS_ROOT(p); p = p->d_parent)
		if (p->d_parent == p1)
			return p;
	return NULL;
}

/**
 * d_genocide - drop the pins of every dentry below @root
 *
 * Used when an in-memory file system is unmounted (kill_litter_super()):
 * each positive dentry was pinned by one reference when it was created.
 */
void d_genocide(struct dentry *root)
{
	struct dentry *child, *next;

	list_for_each_entry_safe(child, next, &root->d_subdirs, d_child) {
		if (!child->d_inode)
			continue;
		dget(child);
		d_genocide(child);
		d_delete(child);
		dput(child);	/* the pin */
		dput(child);	/* ours */
	}
}

static void dcache_init(void)
{
	dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry), 0,
					 SLAB_RECLAIM_ACCOUNT | SLAB_PANIC, NULL);
}

/**
 * vfs_caches_init - start the VFS at boot
 *
 * The dentry, inode and file caches, the registered file systems, the
 * root ramfs ("rootfs") mounted as "/" and made init_task's root and cwd,
 * the pipe and pseudo file systems (/proc, /sys, debugfs) and the character
 * devices (mem: null, zero; tty: console). The /dev nodes themselves come
 * from the initramfs (populate_rootfs()). Mirrors fs/dcache.c's
 * vfs_caches_init() plus proc_root_init() from init/main.c.
 */
void vfs_caches_init(void)
{
	dcache_init();
	inode_init();
	files_init();
	mnt_init();
	pipe_init();
	anon_inode_init();
	sysfs_init();
	proc_root_init();
	debugfs_init();
	chr_dev_init();
	tty_init();
}
