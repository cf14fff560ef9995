// SPDX-License-Identifier: GPL-2.0
/*
 * proc_generic.c - the proc_dir_entry tree: registering /proc files and
 * directories, and looking them up and listing them. Mirrors
 * fs/proc/generic.c, inode.c (proc_get_inode()) and the single_open()
 * files of fs/proc/.
 *
 * A PDE is permanent; the VFS objects for it are not: proc_lookup() makes
 * an inode and dentry for a PDE when a path names it, and they are freed
 * again when no one uses them (see dcache.c). So an entry registered after
 * /proc was mounted simply appears.
 */
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "proc_internal.h"

static const struct inode_operations proc_dir_inode_operations;
static const struct file_operations proc_dir_operations;

/* pde_subdir_find - the child of @dir called @name (@len bytes), or NULL. */
struct proc_dir_entry *pde_subdir_find(struct proc_dir_entry *dir, const char *name,
				       unsigned int len)
{
	struct proc_dir_entry *de;

	list_for_each_entry(de, &dir->subdir, subdir_node)
		if (strlen(de->name) == len && !memcmp(de->name, name, len))
			return de;
	return NULL;
}

/**
 * proc_create_entry - a new PDE @name in @parent (NULL: /proc)
 *
 * Returns it, or NULL if the name exists or memory is short.
 */
struct proc_dir_entry *proc_create_entry(const char *name, umode_t mode,
					 struct proc_dir_entry *parent)
{
	size_t len = strlen(name);
	struct proc_dir_entry *de;

	if (!parent)
		parent = &proc_root;
	if (!len || len > NAME_MAX || strchr(name, '/') || pde_subdir_find(parent, name, len))
		return NULL;
	de = kzalloc(sizeof(*de) + len + 1, GFP_KERNEL);
	if (!de)
		return NULL;
	memcpy(de->name, name, len + 1);
	de->mode = mode;
	de->low_ino = get_next_ino();
	de->parent = parent;
	INIT_LIST_HEAD(&de->subdir);
	if (S_ISDIR(mode)) {
		de->proc_iops = &proc_dir_inode_operations;
		de->proc_fops = &proc_dir_operations;
	}
	list_add_tail(&de->subdir_node, &parent->subdir);
	return de;
}

/* proc_mkdir - the directory /proc/.../@name. */
struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent)
{
	return proc_create_entry(name, S_IFDIR | 0555, parent);
}

/* file_mode - a regular file's mode: 0444 if none is given. */
static umode_t file_mode(umode_t mode)
{
	if (!(mode & S_IALLUGO))
		mode |= 0444;
	return S_IFREG | (mode & S_IALLUGO);
}

static int proc_single_open(struct inode *inode, struct file *file)
{
	return single_open(file, PDE(inode)->single_show, pde_data(inode));
}

/* proc_reg_mmap - no /proc file can be mapped (Linux: no ->proc_mmap). */
static int proc_reg_mmap(struct file *file, struct vm_area_struct *vma)
{
	return -EIO;
}

static const struct file_operations proc_single_fops = {
	.open = proc_single_open,
	.read_iter = seq_read_iter,
	.llseek = seq_lseek,
	.release = single_release,
	.mmap = proc_reg_mmap,
};

/**
 * proc_create_single - a text file whose content @show writes into a
 * seq_file; readers see it in pieces at any offset.
 */
struct proc_dir_entry *proc_create_single(const char *name, umode_t mode,
					  struct proc_dir_entry *parent,
					  int (*show)(struct seq_file *, void *))
{
	struct proc_dir_entry *de = proc_create_entry(name, file_mode(mode), parent);

	if (de) {
		de->single_show = show;
		de->proc_fops = &proc_single_fops;
	}
	return de;
}

static ssize_t proc_reg_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	const struct proc_ops *ops = PDE(file_inode(file))->proc_ops;

	return ops->proc_read ? ops->proc_read(file, buf, count, ppos) : -EIO;
}

static ssize_t proc_reg_write(struct file *file, const char __user *buf, size_t count,
			      loff_t *ppos)
{
	const struct proc_ops *ops = PDE(file_inode(file))->proc_ops;

	return ops->proc_write ? ops->proc_write(file, buf, count, ppos) : -EIO;
}

static const struct file_operations proc_reg_fops = {
	.llseek = generic_file_llseek,
	.read = proc_reg_read,
	.write = proc_reg_write,
	.mmap = proc_reg_mmap,
};

/** proc_create - a file with its own @ops (binary data, writes). */
struct proc_dir_entry *proc_create(const char *name, umode_t mode,
				   struct proc_dir_entry *parent, const struct proc_ops *ops)
{
	struct proc_dir_entry *de = proc_create_entry(name, file_mode(mode), parent);

	if (de) {
		de->proc_ops = ops;
		de->proc_fops = &proc_reg_fops;
	}
	return de;
}

static const char *proc_get_link(struct dentry *dentry, struct inode *inode, char *buf,
				 int buflen)
{
	return pde_data(inode);
}

static const struct inode_operations proc_link_inode_operations = {
	.get_link = proc_get_link,
};

/** proc_symlink - a symlink /proc/.../@name pointing to @dest (a string that lives on). */
struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent,
				    const char *dest)
{
	struct proc_dir_entry *de = proc_create_entry(name, S_IFLNK | S_IRWXUGO, parent);

	if (de) {
		de->data = (void *)dest;
		de->proc_iops = &proc_link_inode_operations;
	}
	return de;
}

/* proc_get_inode - a new inode for @de. */
struct inode *proc_get_inode(struct super_block *sb, struct proc_dir_entry *de)
{
	struct inode *inode = new_inode(sb);

	if (!inode)
		return NULL;
	inode->i_ino = de->low_ino;
	inode->i_mode = de->mode;
	inode->i_private = de;
	if (de->proc_iops)
		inode->i_op = de->proc_iops;
	inode->i_fop = de->proc_fops;
	if (S_ISDIR(de->mode))
		inode->i_nlink = 2;
	return inode;
}

/* proc_lookup - fill @dentry from the PDE of that name in @dir, if any. */
struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	struct proc_dir_entry *de = pde_subdir_find(PDE(dir), dentry->d_name.name,
						    dentry->d_name.len);
	struct inode *inode;

	if (!de)
		return NULL;
	inode = proc_get_inode(dir->i_sb, de);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	d_instantiate(dentry, inode);
	return NULL;
}

/*
 * proc_readdir_de - list @de's children from position ctx->pos on; the
 * first child is at position 2. Returns 0 when all fit, 1 when the buffer
 * filled up.
 */
int proc_readdir_de(struct file *file, struct dir_context *ctx, struct proc_dir_entry *de)
{
	struct proc_dir_entry *child;
	loff_t i = 2;

	if (!dir_emit_dots(file, ctx))
		return 1;
	list_for_each_entry(child, &de->subdir, subdir_node) {
		if (i++ < ctx->pos)
			continue;
		if (!dir_emit(ctx, child->name, strlen(child->name), child->low_ino,
			      fs_umode_to_dtype(child->mode)))
			return 1;
		ctx->pos++;
	}
	return 0;
}

static int proc_readdir(struct file *file, struct dir_context *ctx)
{
	proc_readdir_de(file, ctx, PDE(file_inode(file)));
	return 0;
}

static const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
};

static const struct file_operations proc_dir_operations = {
	.read_iter = generic_read_dir,
	.iterate_shared = proc_readdir,
};
