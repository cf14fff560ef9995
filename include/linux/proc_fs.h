/* SPDX-License-Identifier: GPL-2.0 */
/*
 * proc_fs.h - registering files in /proc. Mirrors include/linux/proc_fs.h.
 *
 *   proc_create_single("meminfo", 0444, NULL, meminfo_show);
 *       a text file: meminfo_show(m, v) writes all of it with seq_printf()
 *   proc_create("kpagecount", 0400, NULL, &kpagecount_proc_ops);
 *       a binary or writable file: its own proc_read/proc_write on user
 *       buffers, at *ppos
 *   proc_pid_register("maps", 0444, show_map);
 *       /proc/PID/maps for every process: show_map(m, task)
 *   proc_pid_register_read("pagemap", 0400, pagemap_read);
 *       /proc/PID/pagemap: pagemap_read(task, buf, count, ppos)
 *
 * A NULL parent means /proc itself. Registration works any time after
 * the slab allocator is up (from any initcall), before or after /proc is
 * mounted. /proc/sys files are registered with register_sysctl()
 * (sysctl.h). Implemented in kernel/fs/proc_*.c.
 */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <linux/fs.h>

struct seq_file;
struct task_struct;
struct proc_dir_entry;

struct proc_ops {
	ssize_t (*proc_read)(struct file *file, char __user *buf, size_t count, loff_t *ppos);
	ssize_t (*proc_write)(struct file *file, const char __user *buf, size_t count,
			      loff_t *ppos);
};

struct proc_dir_entry *proc_mkdir(const char *name, struct proc_dir_entry *parent);
struct proc_dir_entry *proc_create_single(const char *name, umode_t mode,
					  struct proc_dir_entry *parent,
					  int (*show)(struct seq_file *, void *));
struct proc_dir_entry *proc_create(const char *name, umode_t mode,
				   struct proc_dir_entry *parent, const struct proc_ops *ops);
struct proc_dir_entry *proc_symlink(const char *name, struct proc_dir_entry *parent,
				    const char *dest);

int proc_pid_register(const char *name, umode_t mode,
		      int (*show)(struct seq_file *m, struct task_struct *task));
int proc_pid_register_rw(const char *name, umode_t mode,
			 int (*show)(struct seq_file *m, struct task_struct *task),
			 ssize_t (*write)(struct task_struct *task, const char __user *buf,
					  size_t count));
int proc_pid_register_read(const char *name, umode_t mode,
			   ssize_t (*read)(struct task_struct *task, char __user *buf,
					   size_t count, loff_t *ppos));

#endif /* _LINUX_PROC_FS_H */
