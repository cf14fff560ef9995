// SPDX-License-Identifier: GPL-2.0
/*
 * file.c - file descriptor tables: allocating the lowest free fd, dup,
 * close-on-exec, and copying or sharing the table on fork. Mirrors
 * fs/file.c.
 *
 * A process's fds are current->files->fdt: an array of struct file
 * pointers and two bitmaps (see fdtable.h). Allocating an fd first only
 * reserves it in open_fds; fd_install() publishes the file later, so a
 * failing open(2) can give the number back (put_unused_fd()). next_fd
 * remembers that no fd below it is free, so the search for the lowest free
 * fd starts there. The table grows by doubling when full (expand_files()).
 */
#include <linux/fs.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/sched_task.h>
#include <linux/syscalls.h>
#include <linux/bug.h>
#include "internal.h"

/* The table of init_task, and of every kernel thread it starts. */
struct files_struct init_files = {
	.count = { 1 },
	.fdt = &init_files.fdtab,
	.fdtab = {
		.max_fds = NR_OPEN_DEFAULT,
		.fd = &init_files.fd_array[0],
		.close_on_exec = init_files.close_on_exec_init,
		.open_fds = init_files.open_fds_init,
	},
};

static size_t bitmap_bytes(unsigned int nr)
{
	return BITS_TO_LONGS(nr) * sizeof(long);
}

static struct kmem_cache *files_cachep;

/*
 * alloc_fdtable - a table for @nr fds (a power of two), the arrays in one
 * allocation after the struct.
 */
static struct fdtable *alloc_fdtable(unsigned int nr)
{
	size_t size = sizeof(struct fdtable) + nr * sizeof(struct file *) + 2 * bitmap_bytes(nr);
	struct fdtable *fdt = kzalloc(size, GFP_KERNEL);

	if (!fdt)
		return NULL;
	fdt->max_fds = nr;
	fdt->fd = (struct file **)(fdt + 1);
	fdt->open_fds = (unsigned long *)(fdt->fd + nr);
	fdt->close_on_exec = fdt->open_fds + nr / BITS_PER_LONG;
	return fdt;
}

/* copy_fdtable - @nfdt gets the entries and bits of the smaller @ofdt. */
static void copy_fdtable(struct fdtable *nfdt, const struct fdtable *ofdt)
{
	memcpy(nfdt->fd, ofdt->fd, ofdt->max_fds * sizeof(struct file *));
	memcpy(nfdt->open_fds, ofdt->open_fds, bitmap_bytes(ofdt->max_fds));
	memcpy(nfdt->close_on_exec, ofdt->close_on_exec, bitmap_bytes(ofdt->max_fds));
}

static void free_fdtable(struct files_struct *files, struct fdtable *fdt)
{
	if (fdt != &files->fdtab)
		kfree(fdt);
}

/*
 * expand_files - make room for fd @nr: double the table until it fits.
 * -EMFILE beyond NR_OPEN (fs.nr_open), -ENOMEM.
 */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	struct fdtable *old = files->fdt, *new;
	unsigned int size = old->max_fds;

	if (nr < size)
		return 0;
	if (nr >= NR_OPEN)
		return -EMFILE;
	while (size <= nr)
		size *= 2;
	new = alloc_fdtable(size);
	if (!new)
		return -ENOMEM;
	copy_fdtable(new, old);
	files->fdt = new;
	free_fdtable(files, old);
	return 0;
}

/* alloc_fd - reserve the lowest free fd >= @start: -EMFILE from RLIMIT_NOFILE on. */
static int alloc_fd(unsigned int start, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct fdtable *fdt = files->fdt;
	unsigned int fd = max(start, files->next_fd);
	int err;

	while (fd < fdt->max_fds && test_bit(fd, fdt->open_fds))
		fd++;
	if (fd >= rlimit(RLIMIT_NOFILE))
		return -EMFILE;
	err = expand_files(files, fd);
	if (err)
		return err;
	fdt = files->fdt;
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	__set_bit(fd, fdt->open_fds);
	__assign_bit(fd, fdt->close_on_exec, flags & O_CLOEXEC);
	return fd;
}

/* get_unused_fd_flags - reserve the lowest free fd (O_CLOEXEC honoured). */
int get_unused_fd_flags(unsigned int flags)
{
	return alloc_fd(0, flags);
}

static void __put_unused_fd(struct files_struct *files, unsigned int fd)
{
	__clear_bit(fd, files->fdt->open_fds);
	if (fd < files->next_fd)
		files->next_fd = fd;
}

/* put_unused_fd - give back an fd reserved but never installed. */
void put_unused_fd(unsigned int fd)
{
	__put_unused_fd(current->files, fd);
}

/* fd_install - publish @file (its reference is the fd's now) at reserved @fd. */
void fd_install(unsigned int fd, struct file *file)
{
	struct fdtable *fdt = current->files->fdt;

	BUG_ON(fdt->fd[fd]);
	fdt->fd[fd] = file;
}

/* files_lookup_fd - the file at @fd of @files, or NULL (no reference taken). */
static struct file *files_lookup_fd(struct files_struct *files, unsigned int fd)
{
	struct fdtable *fdt = files->fdt;

	return fd < fdt->max_fds ? fdt->fd[fd] : NULL;
}

/**
 * fget - the open file at @fd of the current process, with a reference
 *
 * Returns NULL for a bad or closed fd (the caller's -EBADF).
 */
struct file *fget(unsigned int fd)
{
	struct file *file = files_lookup_fd(current->files, fd);

	return file ? get_file(file) : NULL;
}

/* fget_task - @task's open file at @fd with a reference, or NULL (/proc/PID/fd). */
struct file *fget_task(struct task_struct *task, unsigned int fd)
{
	struct file *file = task->files ? files_lookup_fd(task->files, fd) : NULL;

	return file ? get_file(file) : NULL;
}

/* close_on_exec - is @fd of @files close-on-exec? */
bool close_on_exec(unsigned int fd, const struct files_struct *files)
{
	return fd < files->fdt->max_fds && test_bit(fd, files->fdt->close_on_exec);
}

/* pick_file - take the file out of @fd (the caller gets its reference). */
static struct file *pick_file(struct files_struct *files, unsigned int fd)
{
	struct file *file = files_lookup_fd(files, fd);

	if (file) {
		files->fdt->fd[fd] = NULL;
		__put_unused_fd(files, fd);
	}
	return file;
}

/* close_fd - close(2): -EBADF if @fd is not open. */
int close_fd(unsigned int fd)
{
	struct file *file = pick_file(current->files, fd);

	if (!file)
		return -EBADF;
	fput(file);
	return 0;
}

void set_close_on_exec(unsigned int fd, int flag)
{
	__assign_bit(fd, current->files->fdt->close_on_exec, flag);
}

bool get_close_on_exec(unsigned int fd)
{
	return test_bit(fd, current->files->fdt->close_on_exec);
}

/**
 * replace_fd - put @file (a new reference) at @fd, closing what was there
 *
 * dup2/dup3's core: the old file is closed only after the new one is in.
 */
int replace_fd(unsigned int fd, struct file *file, unsigned int flags)
{
	struct files_struct *files = current->files;
	struct file *old;
	int err;

	if (fd >= rlimit(RLIMIT_NOFILE))
		return -EBADF;
	err = expand_files(files, fd);
	if (err)
		return err;
	old = files->fdt->fd[fd];
	files->fdt->fd[fd] = get_file(file);
	__set_bit(fd, files->fdt->open_fds);
	__assign_bit(fd, files->fdt->close_on_exec, flags & O_CLOEXEC);
	if (old)
		fput(old);
	return fd;
}

/* f_dupfd - a new fd >= @from for @file (F_DUPFD, dup). */
int f_dupfd(unsigned int from, struct file *file, unsigned int flags)
{
	int fd;

	if (from >= rlimit(RLIMIT_NOFILE))
		return -EINVAL;
	fd = alloc_fd(from, flags);
	if (fd >= 0)
		fd_install(fd, get_file(file));
	return fd;
}

static int ksys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	struct file *file;
	int ret;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	file = fget(oldfd);
	if (!file)
		return -EBADF;
	ret = replace_fd(newfd, file, flags);
	fput(file);
	return ret;
}

SYSCALL_DEFINE3(dup3, unsigned int, oldfd, unsigned int, newfd, int, flags)
{
	return ksys_dup3(oldfd, newfd, flags);
}

SYSCALL_DEFINE2(dup2, unsigned int, oldfd, unsigned int, newfd)
{
	if (oldfd == newfd)
		return files_lookup_fd(current->files, oldfd) ? (long)newfd : -EBADF;
	return ksys_dup3(oldfd, newfd, 0);
}

SYSCALL_DEFINE1(dup, unsigned int, fildes)
{
	struct file *file = fget(fildes);
	int ret;

	if (!file)
		return -EBADF;
	ret = f_dupfd(0, file, 0);
	fput(file);
	return ret;
}

/* dup_fd - a copy of @old for a child: the same open files, one more reference each. */
static struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *newf = kmem_cache_zalloc(files_cachep, GFP_KERNEL);
	struct fdtable *ofdt = old->fdt, *nfdt;

	if (!newf)
		return NULL;
	atomic_set(&newf->count, 1);
	newf->next_fd = old->next_fd;
	newf->fdtab.max_fds = NR_OPEN_DEFAULT;
	newf->fdtab.fd = newf->fd_array;
	newf->fdtab.open_fds = newf->open_fds_init;
	newf->fdtab.close_on_exec = newf->close_on_exec_init;
	nfdt = &newf->fdtab;
	if (ofdt->max_fds > NR_OPEN_DEFAULT) {
		nfdt = alloc_fdtable(ofdt->max_fds);
		if (!nfdt) {
			kmem_cache_free(files_cachep, newf);
			return NULL;
		}
	}
	newf->fdt = nfdt;
	copy_fdtable(nfdt, ofdt);
	for (unsigned int fd = 0; fd < ofdt->max_fds; fd++) {
		if (nfdt->fd[fd])
			get_file(nfdt->fd[fd]);
		else	/* reserved by an open still in progress: not the child's */
			__clear_bit(fd, nfdt->open_fds);
	}
	return newf;
}

/**
 * copy_files - fork's part: @tsk shares the parent's table (CLONE_FILES,
 * threads) or gets a copy of it.
 */
int copy_files(unsigned long clone_flags, struct task_struct *tsk)
{
	struct files_struct *oldf = current->files;

	if (!oldf)
		return 0;
	if (clone_flags & CLONE_FILES) {
		atomic_inc(&oldf->count);
		tsk->files = oldf;
		return 0;
	}
	tsk->files = dup_fd(oldf);
	return tsk->files ? 0 : -ENOMEM;
}

/* put_files_struct - drop a user of @files; the last closes every fd. */
static void put_files_struct(struct files_struct *files)
{
	struct fdtable *fdt = files->fdt;

	if (!atomic_dec_and_test(&files->count))
		return;
	for (unsigned int fd = 0; fd < fdt->max_fds; fd++)
		if (fdt->fd[fd])
			fput(fdt->fd[fd]);
	free_fdtable(files, fdt);
	if (files != &init_files)
		kmem_cache_free(files_cachep, files);
}

/* exit_files - a task exits: let go of its fd table. */
void exit_files(struct task_struct *tsk)
{
	struct files_struct *files = tsk->files;

	if (files) {
		tsk->files = NULL;
		put_files_struct(files);
	}
}

/* do_close_on_exec - execve(): close every fd marked close-on-exec. */
void do_close_on_exec(struct files_struct *files)
{
	struct fdtable *fdt = files->fdt;

	for (unsigned int fd = 0; fd < fdt->max_fds; fd++) {
		struct file *file;

		if (!test_bit(fd, fdt->close_on_exec))
			continue;
		__clear_bit(fd, fdt->close_on_exec);
		file = pick_file(files, fd);
		if (file)
			fput(file);
	}
}

void files_cache_init(void)
{
	files_cachep = kmem_cache_create("files_cache", sizeof(struct files_struct), 0,
					 SLAB_PANIC, NULL);
}
