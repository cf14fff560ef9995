// SPDX-License-Identifier: GPL-2.0
/*
 * proc_base.c - the per-process directories /proc/PID and the /proc/self
 * symlink. Mirrors fs/proc/base.c.
 *
 * /proc/PID exists while find_task_by_pid(PID) finds a task (zombies
 * included). Its files are pid_entries that subsystems register at boot
 * (proc_pid_register(): stat, status and cmdline here, maps, smaps,
 * pagemap... from mm/; mem is this file's): every process directory has
 * all of them, and a directory task/ with one such directory per thread,
 * /proc/PID/task/TID, which has the same files but no task/ (Linux's
 * tid_base_stuff; a thread's own /proc/TID works too, unlisted, as in
 * Linux). A file finds its process again at each open or read from the
 * pid of its directory, so a file of a process that has exited fails
 * with -ESRCH.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#include <linux/pid.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/uaccess.h>
#include <linux/init.h>
#include <linux/bug.h>
#include <linux/mm.h>
#include <linux/ksm.h>
#include <linux/ptrace.h>
#include "proc_internal.h"

/* /proc/PID inode numbers: fixed, above anything get_next_ino() hands out. */
#define PROC_PID_INO_BASE	(1UL << 32)
/* /proc/PID/task/TID: other numbers, so no directory has its parent's. */
#define PROC_TID_INO_BASE	(2UL << 32)
#define PID_MAX_LIMIT		(4 * 1024 * 1024)	/* no pid reaches this */

struct pid_entry {
	struct list_head list;
	umode_t mode;
	int (*show)(struct seq_file *m, struct task_struct *task);
	ssize_t (*read)(struct task_struct *task, char __user *buf, size_t count, loff_t *ppos);
	ssize_t (*write)(struct task_struct *task, const char __user *buf, size_t count);
	const struct file_operations *fops;	/* a file with its own operations (mem) */
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
			 ssize_t (*read)(struct task_struct *, char __user *, size_t, loff_t *),
			 const struct file_operations *fops)
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
	p->fops = fops;
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
	return pid_entry_add(name, mode, show, NULL, NULL);
}

/**
 * proc_pid_register_rw - a text file as proc_pid_register()'s that
 * @write(task, buf, count) also changes (one write(2) at a time).
 */
int proc_pid_register_rw(const char *name, umode_t mode,
			 int (*show)(struct seq_file *m, struct task_struct *task),
			 ssize_t (*write)(struct task_struct *task, const char __user *buf,
					  size_t count))
{
	int err = pid_entry_add(name, mode, show, NULL, NULL);

	if (!err)
		pid_entry_find(name, strlen(name))->write = write;
	return err;
}

/**
 * proc_pid_register_read - a binary file /proc/PID/@name: @read(task, buf,
 * count, ppos) copies to the user buffer at *ppos and advances it.
 */
int proc_pid_register_read(const char *name, umode_t mode,
			   ssize_t (*read)(struct task_struct *task, char __user *buf,
					   size_t count, loff_t *ppos))
{
	return pid_entry_add(name, mode, NULL, read, NULL);
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

/* proc_pid_single_write - a write(2) to a pid_entry: its ->write, or -EINVAL. */
static ssize_t proc_pid_single_write(struct file *file, const char __user *buf, size_t count,
				     loff_t *ppos)
{
	struct pid_entry *p = file_inode(file)->i_private;
	struct task_struct *task;
	ssize_t ret;

	if (!p->write)
		return -EINVAL;
	task = get_proc_task(file);
	if (!task)
		return -ESRCH;
	ret = p->write(task, buf, count);
	put_task_struct(task);
	return ret;
}

static const struct file_operations proc_pid_single_fops = {
	.open = proc_pid_single_open,
	.write = proc_pid_single_write,
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

/*
 * /proc/PID/mem - the process's memory at file offset = address, as a
 * debugger reads and writes it (ptrace's PEEK/POKE): through
 * access_remote_vm() with FOLL_FORCE, so a read-only mapping can be
 * written -- privately: a private mapping's page is copied first
 * (copy-on-write), never written back to its file. The file holds on to
 * the mm it was opened on (an exec does not change what it reads). An
 * address nothing maps reads and writes as -EIO. Opening it needs ptrace
 * access (mm_access(): the same user, or CAP_SYS_PTRACE): -EACCES.
 */
static int mem_open(struct inode *inode, struct file *file)
{
	struct task_struct *task = get_proc_task(file);
	struct mm_struct *mm;

	if (!task)
		return -ESRCH;
	mm = mm_access(task, PTRACE_MODE_ATTACH_FSCREDS);
	put_task_struct(task);
	if (IS_ERR(mm))
		return PTR_ERR(mm);
	if (mm) {
		mmgrab(mm);	/* the struct stays; the memory may go */
		mmput(mm);
	}
	file->private_data = mm;
	return 0;
}

/* mem_rw - copy through a bounce page, a page at a time; returns bytes or an error. */
static ssize_t mem_rw(struct file *file, char __user *buf, size_t count, loff_t *ppos,
		      int write)
{
	struct mm_struct *mm = file->private_data;
	unsigned long addr = *ppos;
	unsigned int flags = FOLL_FORCE | (write ? FOLL_WRITE : 0);
	ssize_t ret = 0;
	char *page;

	if (!mm)
		return 0;
	page = (char *)__get_free_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	if (!mmget_not_zero(mm))
		goto free;
	while (count > 0) {
		size_t this_len = min_t(size_t, count, PAGE_SIZE);

		if (write && copy_from_user(page, buf, this_len)) {
			ret = -EFAULT;
			break;
		}
		this_len = access_remote_vm(mm, addr, page, this_len, flags);
		if (!this_len) {
			if (!ret)
				ret = -EIO;
			break;
		}
		if (!write && copy_to_user(buf, page, this_len)) {
			ret = -EFAULT;
			break;
		}
		buf += this_len;
		addr += this_len;
		ret += this_len;
		count -= this_len;
	}
	*ppos = addr;
	mmput(mm);
free:
	free_page((unsigned long)page);
	return ret;
}

static ssize_t mem_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return mem_rw(file, buf, count, ppos, 0);
}

static ssize_t mem_write(struct file *file, const char __user *buf, size_t count, loff_t *ppos)
{
	return mem_rw(file, (char __user *)buf, count, ppos, 1);
}

/* mem_lseek - any position is an address: SEEK_SET and SEEK_CUR only. */
static loff_t mem_lseek(struct file *file, loff_t offset, int orig)
{
	switch (orig) {
	case SEEK_SET:
		file->f_pos = offset;
		break;
	case SEEK_CUR:
		file->f_pos += offset;
		break;
	default:
		return -EINVAL;
	}
	return file->f_pos;
}

static int mem_release(struct inode *inode, struct file *file)
{
	struct mm_struct *mm = file->private_data;

	if (mm)
		mmdrop(mm);
	return 0;
}

static const struct file_operations proc_mem_operations = {
	.llseek = mem_lseek,
	.read = mem_read,
	.write = mem_write,
	.open = mem_open,
	.release = mem_release,
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

/* pid_entry_lookup - @dentry becomes fd/, fdinfo/ or the pid_entry of its name in @dir, if there is one. */
static struct dentry *pid_entry_lookup(struct inode *dir, struct dentry *dentry)
{
	struct pid_entry *p = pid_entry_find(dentry->d_name.name, dentry->d_name.len);
	struct inode *inode;

	if (!find_task_by_pid(proc_pid(dir)))
		return NULL;
	for (int i = 0; i < ARRAY_SIZE(proc_fd_dirs); i++)
		if (strlen(proc_fd_dirs[i].name) == dentry->d_name.len &&
		    !memcmp(proc_fd_dirs[i].name, dentry->d_name.name, dentry->d_name.len))
			return proc_dir_instantiate(dentry, proc_pid(dir), 0, proc_fd_dirs[i].iop,
						    proc_fd_dirs[i].fop);
	if (!p)
		return NULL;
	inode = new_inode(dir->i_sb);
	if (!inode)
		return ERR_PTR(-ENOMEM);
	inode->i_mode = p->mode;
	inode->i_private = p;
	inode->i_fop = p->fops ? p->fops : p->show ? &proc_pid_single_fops : &proc_pid_read_fops;
	d_instantiate(dentry, inode);
	return NULL;
}

/* pid_entry_readdir - fd, fdinfo, then the pid_entries, the first at position @first. */
static int pid_entry_readdir(struct dir_context *ctx, loff_t first)
{
	struct pid_entry *p;
	loff_t i = first + ARRAY_SIZE(proc_fd_dirs);

	while (ctx->pos < i) {
		const char *name = proc_fd_dirs[ctx->pos - first].name;

		if (!dir_emit(ctx, name, strlen(name), 1, DT_DIR))
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

/* proc_tgid_base_lookup - a file of /proc/PID by name, or task/. */
static struct dentry *proc_tgid_base_lookup(struct inode *dir, struct dentry *dentry,
					    unsigned int flags)
{
	if (dentry->d_name.len == 4 && !memcmp(dentry->d_name.name, "task", 4) &&
	    find_task_by_pid(proc_pid(dir)))
		return proc_dir_instantiate(dentry, proc_pid(dir), 0, &proc_task_inode_operations,
					    &proc_task_operations);
	return pid_entry_lookup(dir, dentry);
}

/* proc_tgid_base_readdir - ".", "..", task, fd, fdinfo, then the pid_entries. */
static int proc_tgid_base_readdir(struct file *file, struct dir_context *ctx)
{
	if (!dir_emit_dots(file, ctx))
		return 0;
	if (ctx->pos == 2) {
		if (!dir_emit(ctx, "task", 4, 1, DT_DIR))
			return 0;
		ctx->pos++;
	}
	return pid_entry_readdir(ctx, 3);
}

static const struct inode_operations proc_tgid_base_inode_operations = {
	.lookup = proc_tgid_base_lookup,
};

static const struct file_operations proc_tgid_base_operations = {
	.read_iter = generic_read_dir,
	.iterate_shared = proc_tgid_base_readdir,
};

/* proc_tid_base_lookup - a file of /proc/PID/task/TID: no task/ in a thread's directory. */
static struct dentry *proc_tid_base_lookup(struct inode *dir, struct dentry *dentry,
					   unsigned int flags)
{
	return pid_entry_lookup(dir, dentry);
}

/* proc_tid_base_readdir - ".", "..", fd, fdinfo, then the pid_entries. */
static int proc_tid_base_readdir(struct file *file, struct dir_context *ctx)
{
	if (!dir_emit_dots(file, ctx))
		return 0;
	return pid_entry_readdir(ctx, 2);
}

static const struct inode_operations proc_tid_base_inode_operations = {
	.lookup = proc_tid_base_lookup,
};

static const struct file_operations proc_tid_base_operations = {
	.read_iter = generic_read_dir,
	.iterate_shared = proc_tid_base_readdir,
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

/* proc_pid_lookup - /proc/PID for a PID that names a live (or zombie) task. */
struct dentry *proc_pid_lookup(struct dentry *dentry, unsigned int flags)
{
	pid_t pid = name_to_pid(dentry->d_name.name, dentry->d_name.len);

	if (pid <= 0 || !find_task_by_pid(pid))
		return NULL;
	return proc_dir_instantiate(dentry, pid, PROC_PID_INO_BASE + pid,
				    &proc_tgid_base_inode_operations, &proc_tgid_base_operations);
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
	return proc_dir_instantiate(dentry, tid, PROC_TID_INO_BASE + tid,
				    &proc_tid_base_inode_operations, &proc_tid_base_operations);
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
		if (!dir_emit(ctx, name, len, PROC_TID_INO_BASE + t->pid, DT_DIR))
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

/*
 * proc_self_init - /proc/self: a symlink to the reader's own /proc/PID;
 * and /proc/PID/mem, which this file implements.
 */
void proc_self_init(void)
{
	struct proc_dir_entry *de = proc_create_entry("self", S_IFLNK | S_IRWXUGO, NULL);

	if (de)
		de->proc_iops = &proc_self_inode_operations;
	BUG_ON(pid_entry_add("mem", 0600, NULL, NULL, &proc_mem_operations));
}

/* --- comm and oom_score_adj: files a process may write --- */

static int comm_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%s\n", task->comm);
	return 0;
}

/* comm_write - a thread of the same process renames @task (the first 15 bytes, kept as written). */
static ssize_t comm_write(struct task_struct *task, const char __user *buf, size_t count)
{
	char buffer[TASK_COMM_LEN] = {};

	if (copy_from_user(buffer, buf, min(count, sizeof(buffer) - 1)))
		return -EFAULT;
	if (task->tgid != current->tgid)
		return -EINVAL;
	__set_task_comm(task, buffer);
	return count;
}

static int oom_score_adj_show(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%d\n", task->signal->oom_score_adj);
	return 0;
}

/*
 * oom_score_adj_write - store an adjustment in -1000..1000 for @task's
 * process (-EINVAL otherwise). Pagoda's out-of-memory path kills the
 * process that faults and does not rank processes, so nothing reads it.
 */
static ssize_t oom_score_adj_write(struct task_struct *task, const char __user *buf,
				   size_t count)
{
	char buffer[16] = {};
	char *s = buffer;
	long val;

	if (copy_from_user(buffer, buf, min(count, sizeof(buffer) - 1)))
		return -EFAULT;
	while (*s == ' ' || *s == '\t')
		s++;
	if (kstrtol(s, 0, &val) || val < -1000 || val > 1000)
		return -EINVAL;
	task->signal->oom_score_adj = val;
	return count;
}

static int __init proc_pid_rw_init(void)
{
	BUG_ON(proc_pid_register_rw("comm", 0644, comm_show, comm_write));
	BUG_ON(proc_pid_register_rw("oom_score_adj", 0644, oom_score_adj_show,
				    oom_score_adj_write));
	return 0;
}
fs_initcall(proc_pid_rw_init);

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
