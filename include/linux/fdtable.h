/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fdtable.h - a process's file descriptor table. Mirrors
 * include/linux/fdtable.h; implemented in kernel/fs/file.c.
 *
 * fd N is fdt->fd[N]; two bitmaps say which fds are taken (open_fds: also
 * those reserved by get_unused_fd_flags() but not yet installed) and which
 * close on execve (close_on_exec). A new table uses the arrays embedded in
 * files_struct (64 fds) and grows by doubling as fds are taken below the
 * process's RLIMIT_NOFILE (at most NR_OPEN, fs.nr_open). Threads created with CLONE_FILES share one
 * files_struct (count > 1); fork copies it.
 */
#ifndef _LINUX_FDTABLE_H
#define _LINUX_FDTABLE_H

#include <linux/bitops.h>
#include <linux/types.h>
#include <linux/atomic.h>

#define NR_OPEN_DEFAULT	BITS_PER_LONG

struct file;
struct task_struct;

struct fdtable {
	unsigned int max_fds;
	struct file **fd;
	unsigned long *close_on_exec;
	unsigned long *open_fds;
};

struct files_struct {
	atomic_t count;			/* tasks sharing it */
	struct fdtable *fdt;		/* &fdtab until the table grows */
	struct fdtable fdtab;
	unsigned int next_fd;		/* no free fd below this one */
	unsigned long close_on_exec_init[1];
	unsigned long open_fds_init[1];
	struct file *fd_array[NR_OPEN_DEFAULT];
};

extern struct files_struct init_files;

int copy_files(unsigned long clone_flags, struct task_struct *tsk);
void exit_files(struct task_struct *tsk);
void do_close_on_exec(struct files_struct *files);

#endif /* _LINUX_FDTABLE_H */
