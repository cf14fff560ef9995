/* SPDX-License-Identifier: GPL-2.0 */
/*
 * proc_internal.h - what the procfs files share. Mirrors fs/proc/internal.h.
 *
 * /proc is made of two kinds of entries:
 *   - proc_dir_entry (PDE) trees: the files other subsystems register
 *     (meminfo, sys/vm/..., self). A PDE lives as long as the kernel; its
 *     inode and dentry are made on lookup and go when unused.
 *   - the per-process directories /proc/PID, made up on lookup from the
 *     task list, with one file per registered pid_entry.
 * An inode's i_private is its PDE, or for /proc/PID its pid, or for a file
 * in it its pid_entry.
 */
#ifndef _KERNEL_FS_PROC_INTERNAL_H
#define _KERNEL_FS_PROC_INTERNAL_H

#include <linux/proc_fs.h>
#include "internal.h"

struct proc_dir_entry {
	unsigned long low_ino;		/* its inode number, fixed */
	umode_t mode;
	struct proc_dir_entry *parent;
	struct list_head subdir;	/* children, in creation order */
	struct list_head subdir_node;	/* in parent->subdir */
	const struct inode_operations *proc_iops;
	const struct file_operations *proc_fops;
	const struct proc_ops *proc_ops;
	int (*single_show)(struct seq_file *m, void *v);
	void *data;
	char name[];
};

static inline struct proc_dir_entry *PDE(const struct inode *inode)
{
	return inode->i_private;
}

/* pde_data - the data pointer of the entry behind @inode. */
static inline void *pde_data(const struct inode *inode)
{
	return PDE(inode)->data;
}

extern struct proc_dir_entry proc_root;

/* proc_generic.c */
struct proc_dir_entry *proc_create_entry(const char *name, umode_t mode,
					 struct proc_dir_entry *parent);
struct proc_dir_entry *pde_subdir_find(struct proc_dir_entry *dir, const char *name,
				       unsigned int len);
struct dentry *proc_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags);
int proc_readdir_de(struct file *file, struct dir_context *ctx, struct proc_dir_entry *de);
struct inode *proc_get_inode(struct super_block *sb, struct proc_dir_entry *de);

/* A subdirectory of /proc/PID made by another file: its name and operations. */
struct proc_pid_subdir {
	const char *name;
	const struct inode_operations *iop;
	const struct file_operations *fop;
};

/* proc_fd.c: fd/ and fdinfo/ */
extern const struct proc_pid_subdir proc_fd_dirs[2];

/* proc_base.c: /proc/PID and /proc/self */
struct dentry *proc_pid_lookup(struct dentry *dentry, unsigned int flags);
int proc_pid_readdir(struct file *file, struct dir_context *ctx, loff_t first);
void proc_self_init(void);
int proc_pid_ksm_merging_pages(struct seq_file *m, struct task_struct *task);
int proc_pid_ksm_stat(struct seq_file *m, struct task_struct *task);

/* proc_array.c */
void proc_array_init(void);

/* proc_sysctl.c */
void proc_sys_init(void);

#endif /* _KERNEL_FS_PROC_INTERNAL_H */
