// SPDX-License-Identifier: GPL-2.0
/*
 * proc_root.c - the proc file system and its root directory. Mirrors
 * fs/proc/root.c (one instance, shared by every mount).
 *
 * The root lists and looks up two things: the registered entries
 * (meminfo, sys, self...) and one directory per process, named by its
 * PID. proc_root_init() registers the memory-management views, which
 * mm/ produces in Linux's formats (proc_views.h, slab.h).
 */
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/proc_views.h>
#include <linux/slab.h>
#include <linux/bug.h>
#include <uapi/linux/magic.h>
#include "proc_internal.h"

static struct dentry *proc_root_lookup(struct inode *dir, struct dentry *dentry,
				       unsigned int flags)
{
	struct dentry *ret = proc_lookup(dir, dentry, flags);

	if (ret || dentry->d_inode)
		return ret;
	return proc_pid_lookup(dentry, flags);
}

/* proc_root_readdir - the entries (positions 2..), then the processes. */
static int proc_root_readdir(struct file *file, struct dir_context *ctx)
{
	loff_t first = 2 + list_count_nodes(&proc_root.subdir);

	if (proc_readdir_de(file, ctx, &proc_root))
		return 0;
	return proc_pid_readdir(file, ctx, first);
}

static const struct inode_operations proc_root_inode_operations = {
	.lookup = proc_root_lookup,
};

static const struct file_operations proc_root_operations = {
	.read_iter = generic_read_dir,
	.iterate_shared = proc_root_readdir,
};

struct proc_dir_entry proc_root = {
	.low_ino = 1,
	.mode = S_IFDIR | 0555,
	.parent = &proc_root,
	.subdir = LIST_HEAD_INIT(proc_root.subdir),
	.proc_iops = &proc_root_inode_operations,
	.proc_fops = &proc_root_operations,
};

static int proc_fill_super(struct super_block *sb, void *data)
{
	sb->s_magic = PROC_SUPER_MAGIC;
	sb->s_root = d_make_root(proc_get_inode(sb, &proc_root));
	return sb->s_root ? 0 : -ENOMEM;
}

static struct dentry *proc_mount(struct file_system_type *fs_type, int flags,
				 const char *dev_name, void *data)
{
	return mount_single(fs_type, flags, data, proc_fill_super);
}

static struct file_system_type proc_fs_type = {
	.name = "proc",
	.mount = proc_mount,
	.kill_sb = kill_anon_super,
};

/*
 * proc_root_init - register "proc" and the entries every kernel has:
 * self, sys, the memory views, and /proc/PID's stat, status, cmdline,
 * ksm_merging_pages and ksm_stat.
 */
void proc_root_init(void)
{
	BUG_ON(register_filesystem(&proc_fs_type));
	proc_self_init();
	proc_sys_init();
	proc_array_init();
	BUG_ON(proc_pid_register("ksm_merging_pages", 0400, proc_pid_ksm_merging_pages));
	BUG_ON(proc_pid_register("ksm_stat", 0400, proc_pid_ksm_stat));
	proc_create_single("meminfo", 0444, NULL, meminfo_show);
	proc_create_single("buddyinfo", 0444, NULL, buddyinfo_show);
	proc_create_single("pagetypeinfo", 0400, NULL, pagetypeinfo_show);
	proc_create_single("zoneinfo", 0444, NULL, zoneinfo_show);
	proc_create_single("vmstat", 0444, NULL, vmstat_show);
	proc_create_single("slabinfo", 0400, NULL, slabinfo_show);
}
