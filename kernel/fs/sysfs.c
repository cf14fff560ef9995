// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs.c - /sys: kobjects as directories, their attributes as files.
 * Mirrors lib/kobject.c and fs/sysfs/ (file.c, group.c, mount.c).
 *
 * Linux builds sysfs on kernfs, a tree of its own that makes dentries on
 * lookup. Pagoda's sysfs is a pinned-dentry file system like debugfs: a
 * kobject's directory and its attribute files are dentries created at
 * registration (simple_create_dentry()) in the one sysfs instance, which a
 * kernel-internal mount keeps alive; mount(2) shows that same instance.
 * A directory's inode points to its kobject (i_private), an attribute
 * file's to its struct attribute.
 */
#include <linux/fs.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/stdarg.h>
#include <linux/mm.h>
#include <linux/bug.h>
#include <uapi/linux/magic.h>
#include "internal.h"

struct kobject *kernel_kobj;
struct kobject *mm_kobj;

static struct vfsmount *sysfs_mnt;

/**
 * sysfs_emit - format an attribute's value into show()'s @buf
 *
 * Returns the length (at most PAGE_SIZE - 1).
 */
int sysfs_emit(char *buf, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, PAGE_SIZE, fmt, args);
	va_end(args);
	return len;
}

/* The kobject and attribute behind an open attribute file. */
static struct kobj_attribute *file_attr(struct file *file, struct kobject **kobj)
{
	*kobj = file->f_path.dentry->d_parent->d_inode->i_private;
	return container_of((struct attribute *)file_inode(file)->i_private,
			    struct kobj_attribute, attr);
}

/* sysfs_kf_read - run show() into a page and read from it at ki_pos. */
static ssize_t sysfs_kf_read(struct kiocb *iocb, struct iov_iter *to)
{
	struct kobject *kobj;
	struct kobj_attribute *attr = file_attr(iocb->ki_filp, &kobj);
	char *buf;
	ssize_t len;

	if (!attr->show)
		return -EIO;
	buf = (char *)get_zeroed_page(GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	len = attr->show(kobj, attr, buf);
	if (len >= 0)
		len = simple_read_iter_from_buffer(iocb, to, buf, min_t(size_t, len, PAGE_SIZE));
	free_page((unsigned long)buf);
	return len;
}

/* sysfs_kf_write - hand one write, NUL-terminated, to store(). */
static ssize_t sysfs_kf_write(struct kiocb *iocb, struct iov_iter *from)
{
	struct kobject *kobj;
	struct kobj_attribute *attr = file_attr(iocb->ki_filp, &kobj);
	size_t count = min_t(size_t, iov_iter_count(from), PAGE_SIZE - 1);
	char *buf;
	ssize_t ret;

	if (!attr->store)
		return -EIO;
	buf = (char *)get_zeroed_page(GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_iter(buf, count, from) == count)
		ret = attr->store(kobj, attr, buf, count);
	if (ret > 0)
		iocb->ki_pos += ret;
	free_page((unsigned long)buf);
	return ret;
}

/*
 * sysfs_kf_open - as kernfs_fop_open(): opening for writing needs a write
 * bit in the mode and a store() (for reading: a read bit and a show()),
 * whoever opens it (root too): -EACCES.
 */
static int sysfs_kf_open(struct inode *inode, struct file *file)
{
	struct kobject *kobj;
	struct kobj_attribute *attr = file_attr(file, &kobj);

	if ((file->f_mode & FMODE_WRITE) && (!(inode->i_mode & S_IWUGO) || !attr->store))
		return -EACCES;
	if ((file->f_mode & FMODE_READ) && (!(inode->i_mode & S_IRUGO) || !attr->show))
		return -EACCES;
	return 0;
}

static const struct file_operations sysfs_file_operations = {
	.open = sysfs_kf_open,
	.llseek = generic_file_llseek,
	.read_iter = sysfs_kf_read,
	.write_iter = sysfs_kf_write,
};

/* sysfs_add_file - the file of @attr in directory @dir. */
static int sysfs_add_file(struct dentry *dir, const struct attribute *attr)
{
	struct dentry *d = simple_create_dentry(dir, attr->name,
						S_IFREG | (attr->mode & S_IALLUGO), NULL,
						&sysfs_file_operations, (void *)attr);

	return PTR_ERR_OR_ZERO(d);
}

/* sysfs_create_file - the file @attr in @kobj's directory. */
int sysfs_create_file(struct kobject *kobj, const struct attribute *attr)
{
	return sysfs_add_file(kobj->sd, attr);
}

/* sysfs_create_dir - the directory of @kobj, holding it in i_private. */
static struct dentry *sysfs_create_dir(struct kobject *kobj, struct dentry *parent,
				       const char *name)
{
	return simple_create_dentry(parent, name, S_IFDIR | 0755, &simple_dir_inode_operations,
				    &simple_dir_operations, kobj);
}

/**
 * sysfs_create_group - @grp's attribute files in @kobj's directory, or in a
 * subdirectory grp->name of it. Returns 0 or -errno.
 */
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp)
{
	struct dentry *dir = kobj->sd;

	if (grp->name) {
		dir = sysfs_create_dir(kobj, kobj->sd, grp->name);
		if (IS_ERR(dir))
			return PTR_ERR(dir);
	}
	for (struct attribute **attr = grp->attrs; *attr; attr++) {
		int err = sysfs_add_file(dir, *attr);

		if (err)
			return err;
	}
	return 0;
}

/**
 * kobject_create_and_add - a new kobject and its directory @name in
 * @parent's (NULL: /sys). Returns NULL on failure, as Linux does.
 */
struct kobject *kobject_create_and_add(const char *name, struct kobject *parent)
{
	struct kobject *kobj = kzalloc(sizeof(*kobj), GFP_KERNEL);
	struct dentry *d;

	if (!kobj)
		return NULL;
	kobj->parent = parent;
	d = sysfs_create_dir(kobj, parent ? parent->sd : sysfs_mnt->mnt_root, name);
	if (IS_ERR(d)) {
		kfree(kobj);
		return NULL;
	}
	kobj->sd = d;
	kobj->name = d->d_name.name;
	return kobj;
}

/* sysfs_create_mount_point - an empty directory to mount on (/sys/kernel/debug). */
int sysfs_create_mount_point(struct kobject *parent, const char *name)
{
	return PTR_ERR_OR_ZERO(sysfs_create_dir(NULL, parent->sd, name));
}

static int sysfs_fill_super(struct super_block *sb, void *data)
{
	struct inode *root = new_inode(sb);

	sb->s_magic = SYSFS_MAGIC;
	if (root) {
		root->i_mode = S_IFDIR | 0555;
		root->i_op = &simple_dir_inode_operations;
		root->i_fop = &simple_dir_operations;
		root->i_nlink = 2;
	}
	sb->s_root = d_make_root(root);
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *sysfs_mount(struct file_system_type *fs_type, int flags,
				  const char *dev_name, void *data)
{
	return mount_single(fs_type, flags, data, sysfs_fill_super);
}

static struct file_system_type sysfs_fs_type = {
	.name = "sysfs",
	.mount = sysfs_mount,
	.kill_sb = kill_litter_super,
};

/* sysfs_init - the sysfs instance, /sys/kernel and /sys/kernel/mm. */
void sysfs_init(void)
{
	BUG_ON(register_filesystem(&sysfs_fs_type));
	sysfs_mnt = kern_mount(&sysfs_fs_type);
	BUG_ON(IS_ERR(sysfs_mnt));
	kernel_kobj = kobject_create_and_add("kernel", NULL);
	mm_kobj = kobject_create_and_add("mm", kernel_kobj);
	BUG_ON(!kernel_kobj || !mm_kobj);
}
