// SPDX-License-Identifier: GPL-2.0
/*
 * super.c - file-system types and super_blocks. Mirrors fs/super.c and
 * fs/filesystems.c.
 *
 * A file-system type (ramfs, proc, sysfs...) is registered by name; mount(2)
 * and kern_mount() call its ->mount(), which returns the root dentry of an
 * instance, a super_block. Two policies, as in Linux:
 *   mount_nodev()   a new instance each time (ramfs, tmpfs)
 *   mount_single()  one instance shared by every mount (proc, sysfs,
 *                   debugfs: their contents are the kernel's, not the
 *                   mount's)
 * s_active counts the mounts of an instance; the last one going away kills
 * it (->kill_sb), which for a RAM file system frees every file in it.
 * Each instance gets an anonymous device number 0:N for st_dev.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "internal.h"

static struct file_system_type *file_systems;
static LIST_HEAD(super_blocks);

/**
 * register_filesystem - make a file-system type known to mount(2)
 *
 * Returns 0, or -EBUSY if a type of that name exists.
 */
int register_filesystem(struct file_system_type *fs)
{
	struct file_system_type **p;

	for (p = &file_systems; *p; p = &(*p)->next)
		if (!strcmp((*p)->name, fs->name))
			return -EBUSY;
	fs->next = NULL;
	*p = fs;
	return 0;
}

/* get_fs_type - the registered type called @name, or NULL. */
struct file_system_type *get_fs_type(const char *name)
{
	struct file_system_type *fs;

	for (fs = file_systems; fs; fs = fs->next)
		if (!strcmp(fs->name, name))
			return fs;
	return NULL;
}

/* get_anon_dev - a device number 0:N for a super_block with no device. */
static dev_t get_anon_dev(void)
{
	static unsigned int next_minor = 1;

	return MKDEV(0, next_minor++);
}

static struct super_block *alloc_super(struct file_system_type *type)
{
	struct super_block *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->s_type = type;
	sb->s_dev = get_anon_dev();
	list_add_tail(&sb->s_list, &super_blocks);
	return sb;
}

static void destroy_super(struct super_block *sb)
{
	list_del(&sb->s_list);
	kfree(sb);
}

/* new_super - a new, filled-in instance with one active mount. */
static struct super_block *new_super(struct file_system_type *type, void *data,
				     int (*fill_super)(struct super_block *, void *))
{
	struct super_block *sb = alloc_super(type);
	int err;

	if (!sb)
		return ERR_PTR(-ENOMEM);
	err = fill_super(sb, data);
	if (err) {
		dput(sb->s_root);
		destroy_super(sb);
		return ERR_PTR(err);
	}
	sb->s_active = 1;
	return sb;
}

/* mount_nodev - a new instance for every mount. Returns a root reference. */
struct dentry *mount_nodev(struct file_system_type *fs_type, int flags, void *data,
			   int (*fill_super)(struct super_block *sb, void *data))
{
	struct super_block *sb = new_super(fs_type, data, fill_super);

	return IS_ERR(sb) ? ERR_CAST(sb) : dget(sb->s_root);
}

/* mount_single - one instance of @fs_type, shared by every mount. */
struct dentry *mount_single(struct file_system_type *fs_type, int flags, void *data,
			    int (*fill_super)(struct super_block *sb, void *data))
{
	struct super_block *sb;

	list_for_each_entry(sb, &super_blocks, s_list) {
		if (sb->s_type == fs_type) {
			sb->s_active++;
			return dget(sb->s_root);
		}
	}
	return mount_nodev(fs_type, flags, data, fill_super);
}

/**
 * deactivate_super - a mount of @sb went away
 *
 * The last one kills the instance: ->kill_sb frees its files, then the
 * super_block goes.
 */
void deactivate_super(struct super_block *sb)
{
	if (--sb->s_active)
		return;
	sb->s_type->kill_sb(sb);
	destroy_super(sb);
}

/* kill_anon_super - drop the root: enough when nothing pins dentries. */
void kill_anon_super(struct super_block *sb)
{
	dput(sb->s_root);
	sb->s_root = NULL;
}

/* kill_litter_super - also drop every pinned dentry (ramfs, tmpfs). */
void kill_litter_super(struct super_block *sb)
{
	d_genocide(sb->s_root);
	kill_anon_super(sb);
}
