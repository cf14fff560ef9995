// SPDX-License-Identifier: GPL-2.0
/*
 * proc_fd.c - /proc/PID/fd/ and /proc/PID/fdinfo/: a process's open files.
 * Mirrors fs/proc/fd.c.
 *
 * fd/N is a symlink to what fd N is, named as d_path() names it: a path,
 * "pipe:[ino]", "anon_inode:[eventpoll]", "/memfd:NAME (deleted)". Its
 * mode says how the file is open (r-x for reading, -wx for writing).
 * fdinfo/N is a text file: the file position, the open flags (with
 * O_CLOEXEC if the fd has it), the mount id and the inode number, in
 * Linux's format. Both directories list the fds open at the time.
 *
 * One difference: Linux's fd/N link, when followed, jumps to the open
 * file itself (nd_jump_link()), so open("/proc/self/fd/N") reopens even a
 * pipe or a deleted file; here the link is followed as its text, which
 * reaches a file that still has its name, and nothing else.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <uapi/linux/fcntl.h>
#include "proc_internal.h"

/* proc_fd_task - the task whose fd directory @dir is (referenced), or NULL. */
static struct task_struct *proc_fd_task(const struct inode *dir)
{
	struct task_struct *task = find_task_by_pid((pid_t)(unsigned long)dir->i_private);

	if (task)
		get_task_struct(task);
	return task;
}

/* proc_fd_file - the file behind fd/N or fdinfo/N at @dentry (referenced), or NULL. */
static struct file *proc_fd_file(struct dentry *dentry)
{
	struct task_struct *task = proc_fd_task(dentry->d_parent->d_inode);
	struct file *file;

	if (!task)
		return NULL;
	file = fget_task(task, (unsigned long)dentry->d_inode->i_private);
	put_task_struct(task);
	return file;
}

static const char *proc_fd_get_link(struct dentry *dentry, struct inode *inode, char *buf,
				    int buflen)
{
	struct file *file = proc_fd_file(dentry);
	char *name;

	if (!file)
		return ERR_PTR(-ENOENT);
	name = file_path(file, buf, buflen);
	fput(file);
	return name;
}

static const struct inode_operations proc_fd_link_inode_operations = {
	.get_link = proc_fd_get_link,
};

static int seq_fdinfo_show(struct seq_file *m, void *v)
{
	struct file *file = m->private;
	struct dentry *dentry = file->f_path.dentry;
	struct task_struct *task = proc_fd_task(dentry->d_parent->d_inode);
	unsigned int fd = (unsigned long)file_inode(file)->i_private;
	struct file *target = task ? fget_task(task, fd) : NULL;
	unsigned int flags;

	if (!target) {
		if (task)
			put_task_struct(task);
		return -ENOENT;
	}
	flags = target->f_flags | (close_on_exec(fd, task->files) ? O_CLOEXEC : 0);
	seq_printf(m, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n", target->f_pos, flags,
		   real_mount(target->f_path.mnt)->mnt_id, file_inode(target)->i_ino);
	fput(target);
	put_task_struct(task);
	return 0;
}

static int seq_fdinfo_open(struct inode *inode, struct file *file)
{
	return single_open(file, seq_fdinfo_show, file);
}

static const struct file_operations proc_fdinfo_file_operations = {
	.open = seq_fdinfo_open,
	.read_iter = seq_read_iter,
	.llseek = seq_lseek,
	.release = single_release,
};

/* fd_of_name - the fd number a directory entry name spells, or -1. */
static long fd_of_name(const struct qstr *name)
{
	unsigned long fd;
	char num[12];

	if (!name->len || name->len >= sizeof(num) || (name->name[0] == '0' && name->len > 1))
		return -1;
	memcpy(num, name->name, name->len);
	num[name->len] = '\0';
	return kstrtoul(num, 10, &fd) || num[name->len - 1] == '\n' || fd > INT_MAX ? -1 : (long)fd;
}

/*
 * proc_fd_instantiate - fd/N (@link) or fdinfo/N: an inode for an open fd
 * of the directory's task; a negative dentry if the fd is not open.
 */
static struct dentry *proc_fd_instantiate(struct inode *dir, struct dentry *dentry, bool link)
{
	struct task_struct *task = proc_fd_task(dir);
	long fd = fd_of_name(&dentry->d_name);
	struct file *file = task && fd >= 0 ? fget_task(task, fd) : NULL;
	struct inode *inode;

	if (task)
		put_task_struct(task);
	if (!file)
		return NULL;
	inode = new_inode(dir->i_sb);
	if (inode) {
		inode->i_private = (void *)fd;
		if (link) {
			inode->i_mode = S_IFLNK;
			if (file->f_mode & FMODE_READ)
				inode->i_mode |= S_IRUSR | S_IXUSR;
			if (file->f_mode & FMODE_WRITE)
				inode->i_mode |= S_IWUSR | S_IXUSR;
			inode->i_op = &proc_fd_link_inode_operations;
		} else {
			inode->i_mode = S_IFREG | S_IRUSR;
			inode->i_fop = &proc_fdinfo_file_operations;
		}
		d_instantiate(dentry, inode);
	}
	fput(file);
	return inode ? NULL : ERR_PTR(-ENOMEM);
}

static struct dentry *proc_lookupfd(struct inode *dir, struct dentry *dentry, unsigned int flags)
{
	return proc_fd_instantiate(dir, dentry, true);
}

static struct dentry *proc_lookupfdinfo(struct inode *dir, struct dentry *dentry,
					unsigned int flags)
{
	return proc_fd_instantiate(dir, dentry, false);
}

/* proc_readfd_common - ".", "..", then each open fd in order (position 2 + fd). */
static int proc_readfd_common(struct file *file, struct dir_context *ctx, unsigned char type)
{
	struct task_struct *task = proc_fd_task(file_inode(file));
	unsigned int fd;

	if (!task)
		return -ENOENT;
	if (!dir_emit_dots(file, ctx))
		goto out;
	for (fd = ctx->pos - 2; task->files && fd < task->files->fdt->max_fds; fd++) {
		char name[12];
		int len;

		if (!task->files->fdt->fd[fd])
			continue;
		len = snprintf(name, sizeof(name), "%u", fd);
		ctx->pos = 2 + fd;
		if (!dir_emit(ctx, name, len, 1, type))	/* inodes are made at lookup */
			goto out;
	}
	ctx->pos = 2 + fd;
out:
	put_task_struct(task);
	return 0;
}

static int proc_readfd(struct file *file, struct dir_context *ctx)
{
	return proc_readfd_common(file, ctx, DT_LNK);
}

static int proc_readfdinfo(struct file *file, struct dir_context *ctx)
{
	return proc_readfd_common(file, ctx, DT_REG);
}

static const struct inode_operations proc_fd_inode_operations = {
	.lookup = proc_lookupfd,
};

static const struct file_operations proc_fd_operations = {
	.read_iter = generic_read_dir,
	.iterate_shared = proc_readfd,
};

static const struct inode_operations proc_fdinfo_inode_operations = {
	.lookup = proc_lookupfdinfo,
};

static const struct file_operations proc_fdinfo_operations = {
	.read_iter = generic_read_dir,
	.iterate_shared = proc_readfdinfo,
};

/* The two directories, for /proc/PID's lookup and readdir (proc_base.c). */
const struct proc_pid_subdir proc_fd_dirs[2] = {
	{ "fd", &proc_fd_inode_operations, &proc_fd_operations },
	{ "fdinfo", &proc_fdinfo_inode_operations, &proc_fdinfo_operations },
};
