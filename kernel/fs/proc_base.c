// SPDX-License-Identifier: GPL-2.0
/*
 * proc_base.c - the per-process directories /proc/PID and the /proc/self
 * symlink. Mirrors fs/proc/base.c.
 *
 * /proc/PID exists while find_task_by_pid(PID) finds a task (zombies
 * included). Its files are pid_entries that subsystems register at boot
 * (proc_pid_register(): stat, status and cmdline here, maps, smaps,
 * pagemap... from mm/): every process directory has all of them, and a
 * directory task/ with one such directory per thread, /proc/PID/task/TID
 * (a thread's own /proc/TID works too, unlisted, as in Linux). A file
 * finds its process again at each open or read from the pid of its
 * directory, so a file of a process that has exited fails with -ESRCH.
 */
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/mm.h>
#include <linux/ksm.h>
#include "proc_internal.h"

/* /proc/PID inode numbers: fixed, above anything get_next_ino() hands out. */
#define PROC_PID_INO_BASE	(1UL << 32)
#define PID_MAX_LIMIT		(4 * 1024 * 1024)	/* no pid reaches this */

struct pid_entry {
	struct list_head list;
	umode_t mode;
	int (*show)(struct seq_file *m, struct task_struct *task);
	ssize_t (*read)(struct task_struct *task, char __user *buf, size_t count, loff_t *ppos);
	char name[];
};

static LIST_HEAD(pid_entries);

static struct pid_entry *pid_entry_find(const char *name, unsigned int len)
{
	struct pid_entry *p;

	list_for_each_entry(p, &pid_entries, list)
		if (strlen(p->name) == len && !memcmp(p->name, name, len))
			return p;
	return NULL;
}

static int pid_entry_add(const char *name, umode_t mode,
			 int (*show)(struct seq_file *, struct task_struct *),
			 ssize_t (*read)(struct task_struct *, char __user *, size_t, loff_t *))
{
	size_t len = strlen(name);
	struct pid_entry *p;

	if (pid_entry_find(name, len))
		return -EEXIST;
	p = kzalloc(sizeof(*p) + len + 1, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	memcpy(p->name, name, len + 1);
	p->mode = S_IFREG | (mode & S_IALLUGO);
	p->show = show;
	p->read = read;
	list_add_tail(&p->list, &pid_entries);
	return 0;
}

/**
 * proc_pid_register - a text file /proc/PID/@name in every process
 * directory, written by @show(m, task). Returns 0 or -EEXIST, -ENOMEM.
 */
int proc_pid_register(const char *name, umode_t mode,
		      int (*show)(struct seq_file *m, struct task_struct *task))
{
	return pid_entry_add(name, mode, show, NULL);
}

/**
 * proc_pid_register_read - a binary file /proc/PID/@name: @read(task, buf,
 * count, ppos) copies to the user buffer at *ppos and advances it.
 */
int proc_pid_register_read(const char *name, umode_t mode,
			   ssize_t (*read)(struct task_struct *task, char __user *buf,
					   size_t count, loff_t *ppos))
{
	return pid_entry_add(name, mode, NULL, read);
}

/* proc_pid - the pid a /proc/PID directory inode stands for. */
static pid_t proc_pid(const struct inode *dir)
{
	return (pid_t)(unsigned long)dir->i_private;
}

/* get_proc_task - the task of the directory @file is in, referenced, or NULL. */
static struct task_struct *get_proc_task(struct file *file)
{
	struct task_struct *task = find_task_by_pid(proc_pid(file->f_path.dentry->d_parent->d_inode));

	if (task)
		get_task_struct(task);
	return task;
}

/* proc_single_show - a text pid_entry: m->private is the open file. */
static int proc_single_show(struct seq_file *m, void *v)
{
	struct file *file = m->private;
	struct pid_entry *p = file_inode(file)->i_private;
	struct task_struct *task = get_proc_task(file);
	int ret;

	if (!task)
		return -ESRCH;
	ret = p->show(m, task);
	put_task_struct(task);
	return ret;
}

static int proc_pid_single_open(struct inode *inode, struct file *file)
{
	return single_open(file, proc_single_show, file);
}

static const struct file_operations proc_pid_single_fops = {
	.open = proc_pid_single_open,
	.read_iter = seq_read_iter,
	.llseek = seq_lseek,
	.release = single_release,
};

static ssize_t proc_pid_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	struct pid_entry *p = file_inode(file)->i_private;
	struct task_struct *task = get_proc_task(file);
	ssize_t ret;

	if (!task)
		return -ESRCH;
	ret = p->read(task, buf, count, ppos);
	put_task_struct(task);
	return ret;
}

static const struct file_operations proc_pid_read_fops = {
	.llseek = generic_file_llseek,
	.read = proc_pid_read,
};

static const struct inode_operations proc_task_inode_operations;
static const struct file_operations proc_task_operations;

/*
 * proc_dir_instantiate - @dentry becomes a directory of task @pid with
 * @iop and @fop; inode number @ino (0: the next free one).
 */
static struct dentry *proc_dir_instantiate(struct dentry *dentry, pid_t pid, unsigned long ino,
					   const struct inode_operations *iop,
					   const struct file_operations *fop)
{
	struct inode *inode = new_inode(dentry->d_sb);

	if (!inode)
		return ERR_PTR(-ENOMEM);
	if (ino)
		inode->i_ino = ino;
	inode->i_mode = S_IFDIR | 0555;
	inode->i_nlink = 2;
	inode->i_private = (void *)(unsigned long)pid;
	inode->i_op = iop;
	inode->i_fop = fop;
	d_instantiate(dentry, inode);
	return NULL;
}

/* proc_tgid_base_lookup - a file of /proc/PID by name, or task/. */
static struct dentry *proc_tgid_base_lookup(struct inode *dir, struct dentry *dentry,
					    unsigned int flags)
{
	struct pid_entry *p = pid_entry_find(dentry->d_name.name, dentry->d_name.len);
	struct inode *inode;

	if (!find_task_by_pid(proc_pid(dir)))
		return NULL;
	if (dentry->d_name.len == 4 && !memcmp(dentry->d_name.name, "task", 4))
		return proc_dir_instantiate(dentry, proc_pid(dir), 0, &proc_task_inode_operations,
					    &proc_task_operations);
	if (!p)
		return NULL;
	inode = new_inode(dir->i_sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_mode = p->mode;
	inode->i_private = p;
	inode->i_fop = p->show ? &proc_pid_single_fops : &proc_pid_read_fops;
	d_instantiate(dentry, inode);
	return NULL;
}

/* proc_tgid_base_readdir - ".", "..", task, then the pid_entries. */
static int proc_tgid_base_readdir(struct file *file, struct dir_context *ctx)
{
	struct pid_entry *p;
	loff_t i = 3;

	if (!dir_emit_dots(file, ctx))
		return 0;
	if (ctx->pos == 2) {
		if (!dir_emit(ctx, "task", 4, 1, DT_DIR))
			return 0;
		ctx->pos++;
	}
	list_for_each_entry(p, &pid_entries, list) {
		if (i++ < ctx->pos)
			continue;
		/* Its inode (and number) is only made at lookup: report 1. */
		if (!dir_emit(ctx, p->name, strlen(p->name), 1, DT_REG))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct inode_operations proc_tgid_base_inode_operations = {
	.lookup = proc_tgid_base_lookup,
};

static const struct file_operations proc_tgid_base_operations = {
	.read_iter = generic_read_dir,
	.iterate_shared = proc_tgid_base_readdir,
};

/* name_to_pid - the decimal pid @name spells, or -1. */
static pid_t name_to_pid(const char *name, unsigned int len)
{
	long pid = 0;

	if (!len || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (unsigned int i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid;
}

/* proc_pid_dir - the directory of task @pid's files (/proc/PID or /proc/PID/task/TID). */
static struct dentry *proc_pid_dir(struct dentry *dentry, pid_t pid)
{
	return proc_dir_instantiate(dentry, pid, PROC_PID_INO_BASE + pid,
				    &proc_tgid_base_inode_operations, &proc_tgid_base_operations);
}

/* proc_pid_lookup - /proc/PID for a PID that names a live (or zombie) task. */
struct dentry *proc_pid_lookup(struct dentry *dentry, unsigned int flags)
{
	pid_t pid = name_to_pid(dentry->d_name.name, dentry->d_name.len);

	if (pid <= 0 || !find_task_by_pid(pid))
		return NULL;
	return proc_pid_dir(dentry, pid);
}

/* proc_task_lookup - /proc/PID/task/TID for a thread TID of the process PID. */
static struct dentry *proc_task_lookup(struct inode *dir, struct dentry *dentry,
				       unsigned int flags)
{
	pid_t tid = name_to_pid(dentry->d_name.name, dentry->d_name.len);
	struct task_struct *leader = find_task_by_pid(proc_pid(dir));
	struct task_struct *task = tid > 0 ? find_task_by_pid(tid) : NULL;

	if (!leader || !task || task->tgid != leader->tgid)
		return NULL;
	return proc_pid_dir(dentry, tid);
}

/* proc_task_readdir - ".", "..", then each thread's tid, in thread-list order (leader first). */
static int proc_task_readdir(struct file *file, struct dir_context *ctx)
{
	struct task_struct *leader = find_task_by_pid(proc_pid(file_inode(file)));
	struct task_struct *t;
	loff_t i = 2;

	if (!dir_emit_dots(file, ctx) || !leader)
		return 0;
	for_each_thread(leader, t) {
		char name[16];
		int len;

		if (i++ < ctx->pos)
			continue;
		len = snprintf(name, sizeof(name), "%d", t->pid);
		if (!dir_emit(ctx, name, len, PROC_PID_INO_BASE + t->pid, DT_DIR))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct inode_operations proc_task_inode_operations = {
	.lookup = proc_task_lookup,
};

static const struct file_operations proc_task_operations = {
	.read_iter = generic_read_dir,
	.iterate_shared = proc_task_readdir,
};

/* next_tgid - the lowest process (thread-group leader) pid >= @pid, or 0. */
static pid_t next_tgid(pid_t pid)
{
	struct task_struct *p;
	pid_t best = 0;

	for_each_process(p)
		if (p->pid > 0 && p->pid == p->tgid && p->pid >= pid && (!best || p->pid < best))
			best = p->pid;
	return best;
}

/*
 * proc_pid_readdir - one directory per process, in pid order: position
 * @first + PID stands for PID, so a listing continues correctly after
 * processes come and go.
 */
int proc_pid_readdir(struct file *file, struct dir_context *ctx, loff_t first)
{
	pid_t pid = ctx->pos > first ? ctx->pos - first : 1;

	while ((pid = next_tgid(pid))) {
		char name[16];
		int len = snprintf(name, sizeof(name), "%d", pid);

		ctx->pos = first + pid;
		if (!dir_emit(ctx, name, len, PROC_PID_INO_BASE + pid, DT_DIR))
			return 0;
		pid++;
	}
	ctx->pos = first + PID_MAX_LIMIT;
	return 0;
}

static const char *proc_self_get_link(struct dentry *dentry, struct inode *inode, char *buf,
				      int buflen)
{
	snprintf(buf, buflen, "%d", current->tgid);
	return buf;
}

static const struct inode_operations proc_self_inode_operations = {
	.get_link = proc_self_get_link,
};

/* proc_self_init - /proc/self: a symlink to the reader's own /proc/PID. */
void proc_self_init(void)
{
	struct proc_dir_entry *de = proc_create_entry("self", S_IFLNK | S_IRWXUGO, NULL);

	if (de)
		de->proc_iops = &proc_self_inode_operations;
}

/* proc_pid_ksm_merging_pages - /proc/PID/ksm_merging_pages: its PTEs of KSM pages. */
int proc_pid_ksm_merging_pages(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);

	if (mm) {
		seq_printf(m, "%lu\n", mm->ksm_merging_pages);
		mmput(mm);
	}
	return 0;
}

/* proc_pid_ksm_stat - /proc/PID/ksm_stat: the process's KSM counters and profit. */
int proc_pid_ksm_stat(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);

	if (mm) {
		seq_printf(m, "ksm_rmap_items %lu\n", mm->ksm_rmap_items);
		seq_printf(m, "ksm_zero_pages %ld\n", mm_ksm_zero_pages(mm));
		seq_printf(m, "ksm_merging_pages %lu\n", mm->ksm_merging_pages);
		seq_printf(m, "ksm_process_profit %ld\n", ksm_process_profit(mm));
		mmput(mm);
	}
	return 0;
}
