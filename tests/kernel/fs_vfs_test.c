// SPDX-License-Identifier: GPL-2.0
/*
 * fs_vfs_test.c - ktest cases for the VFS core: path walks and their edge
 * cases (".", "..", "//", trailing slashes, symlinks, ELOOP, long names),
 * crossing into and out of mounts, mount/umount rules, open flags,
 * d_path() names, and the fd table (lowest free fd, dup, close-on-exec).
 */
#include "fs_test.h"
#include <linux/init_syscalls.h>
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/sched_task.h>
#include <uapi/linux/mount.h>

#define MNT "/tmp/ktest-mnt"

/* lookup_ino - the inode number @name resolves to, or -errno. */
static long lookup_ino(const char *name, unsigned int flags)
{
	struct path path;
	long ret = kern_path(name, flags, &path);

	if (ret)
		return ret;
	ret = path.dentry->d_inode->i_ino;
	path_put(&path);
	return ret;
}

static int make_symlink(const char *name, const char *target)
{
	struct path parent;
	struct dentry *d = kern_path_create(AT_FDCWD, name, &parent, 0);
	int err;

	if (IS_ERR(d))
		return PTR_ERR(d);
	err = vfs_symlink(parent.dentry->d_inode, d, target);
	done_path_create(&parent, d);
	return err;
}

KTEST(vfs, path_walk_edge_cases)
{
	static char longname[NAME_MAX + 8];
	long root, init;

	root = lookup_ino("/", 0);
	init = lookup_ino("/init", 0);
	KTEST_ASSERT_GT(t, root, 0);
	KTEST_ASSERT_GT(t, init, 0);
	KTEST_EXPECT_EQ(t, lookup_ino("//init", 0), init);
	KTEST_EXPECT_EQ(t, lookup_ino("/./tests/../init", 0), init);
	KTEST_EXPECT_EQ(t, lookup_ino("/..", 0), root);		/* ".." stops at the root */
	KTEST_EXPECT_EQ(t, lookup_ino("/../../init", 0), init);
	KTEST_EXPECT_EQ(t, lookup_ino("init", 0), init);	/* relative to the cwd "/" */
	KTEST_EXPECT_EQ(t, lookup_ino("/tmp/", 0), lookup_ino("/tmp", 0));
	KTEST_EXPECT_EQ(t, lookup_ino("/init/", 0), -ENOTDIR);
	KTEST_EXPECT_EQ(t, lookup_ino("/init/x", 0), -ENOTDIR);
	KTEST_EXPECT_EQ(t, lookup_ino("/init", LOOKUP_DIRECTORY), -ENOTDIR);
	KTEST_EXPECT_EQ(t, lookup_ino("/no-such", 0), -ENOENT);
	KTEST_EXPECT_EQ(t, lookup_ino("/no-such/x", 0), -ENOENT);
	KTEST_EXPECT_EQ(t, lookup_ino("", 0), -ENOENT);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[0] = '/';
	KTEST_EXPECT_EQ(t, lookup_ino(longname, 0), -ENAMETOOLONG);

	/* symlinks: followed in the middle always, at the end on request */
	KTEST_ASSERT_EQ(t, make_symlink("/tmp/ktest-link", "../tests"), 0);
	KTEST_ASSERT_EQ(t, make_symlink("/tmp/ktest-loop", "/tmp/ktest-loop"), 0);
	KTEST_EXPECT_EQ(t, lookup_ino("/tmp/ktest-link", LOOKUP_FOLLOW), lookup_ino("/tests", 0));
	KTEST_EXPECT_NE(t, lookup_ino("/tmp/ktest-link", 0), lookup_ino("/tests", 0));
	KTEST_EXPECT_EQ(t, lookup_ino("/tmp/ktest-link/files", 0), lookup_ino("/tests/files", 0));
	KTEST_EXPECT_EQ(t, lookup_ino("/tmp/ktest-link/", 0), lookup_ino("/tests", 0));
	KTEST_EXPECT_EQ(t, lookup_ino("/tmp/ktest-loop", LOOKUP_FOLLOW), -ELOOP);
	KTEST_EXPECT_EQ(t, lookup_ino("/tmp/ktest-loop/x", 0), -ELOOP);
	KTEST_EXPECT_EQ(t, init_unlink("/tmp/ktest-link"), 0);
	KTEST_EXPECT_EQ(t, init_unlink("/tmp/ktest-loop"), 0);
}

KTEST(vfs, mounts)
{
	struct fs_counts before;
	struct path path;
	struct file *f;
	char buf[64], *name;

	fs_counts_take(&before);
	KTEST_ASSERT_EQ(t, init_mkdir(MNT, 0755), 0);
	KTEST_EXPECT_EQ(t, init_mount("none", MNT, "nosuchfs", 0, NULL), -ENODEV);
	KTEST_EXPECT_EQ(t, init_mount("none", "/init", "tmpfs", 0, NULL), -ENOTDIR);
	KTEST_ASSERT_EQ(t, init_mount("none", MNT, "tmpfs", 0, NULL), 0);
	KTEST_EXPECT_EQ(t, fs_write_file(MNT "/f", "in the mount", 12, 0644), 12);

	/* the mount's root is a different file system; ".." climbs out of it */
	KTEST_ASSERT_EQ(t, kern_path(MNT, 0, &path), 0);
	KTEST_EXPECT_EQ(t, path.dentry, path.mnt->mnt_root);
	KTEST_EXPECT_NE(t, path.mnt->mnt_sb, init_task.fs->root.mnt->mnt_sb);
	path_put(&path);
	KTEST_EXPECT_EQ(t, lookup_ino(MNT "/..", 0), lookup_ino("/tmp", 0));
	KTEST_EXPECT_EQ(t, lookup_ino(MNT "/../ktest-mnt/f", 0), lookup_ino(MNT "/f", 0));

	/* d_path names a file across the mount */
	f = filp_open(MNT "/f", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	name = file_path(f, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, IS_ERR(name) ? "(error)" : name, MNT "/f");
	KTEST_EXPECT_TRUE(t, IS_ERR(file_path(f, buf, 5)));

	/* busy while a file is open; not a mount root; the directory under it is busy */
	KTEST_EXPECT_EQ(t, init_umount(MNT, 0), -EBUSY);
	KTEST_EXPECT_EQ(t, init_umount("/tmp", 0), -EINVAL);
	KTEST_EXPECT_EQ(t, init_rmdir(MNT), -EBUSY);
	fput(f);
	KTEST_EXPECT_EQ(t, init_umount(MNT, 0), 0);
	KTEST_EXPECT_EQ(t, lookup_ino(MNT "/f", 0), -ENOENT);	/* the tmpfs and its file are gone */
	KTEST_EXPECT_EQ(t, init_umount(MNT, 0), -EINVAL);

	/* the same single-instance file system twice on one place: -EBUSY */
	KTEST_ASSERT_EQ(t, init_mount("proc", MNT, "proc", 0, NULL), 0);
	KTEST_EXPECT_EQ(t, init_mount("proc", MNT, "proc", 0, NULL), -EBUSY);
	KTEST_EXPECT_EQ(t, init_mount("none", MNT, "tmpfs", 0, NULL), 0);	/* stacking is fine */
	KTEST_EXPECT_EQ(t, init_umount(MNT, 0), 0);
	KTEST_EXPECT_EQ(t, init_umount(MNT, 0), 0);

	/* a lazy unmount detaches at once and frees when the last user goes */
	KTEST_ASSERT_EQ(t, init_mount("none", MNT, "tmpfs", 0, NULL), 0);
	KTEST_EXPECT_EQ(t, fs_write_file(MNT "/g", "x", 1, 0644), 1);
	f = filp_open(MNT "/g", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, init_umount(MNT, MNT_DETACH), 0);
	KTEST_EXPECT_EQ(t, lookup_ino(MNT "/g", 0), -ENOENT);
	fput(f);

	KTEST_EXPECT_EQ(t, init_rmdir(MNT), 0);
	FS_EXPECT_NO_LEAK(t, &before);
}

KTEST(vfs, open_flags)
{
	struct fs_counts before;
	struct file *f;
	char buf[64], *name;

	fs_counts_take(&before);
	f = filp_open("/tmp/ktest-open", O_RDWR | O_CREAT | O_EXCL, 0600);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/tmp/ktest-open", O_RDWR | O_CREAT | O_EXCL, 0600)),
			-EEXIST);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/tmp/ktest-open", O_RDONLY | O_DIRECTORY, 0)),
			-ENOTDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/tmp", O_WRONLY, 0)), -EISDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/tmp", O_RDONLY | O_CREAT, 0644)), -EISDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/tmp/new/", O_RDWR | O_CREAT, 0644)), -EISDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/no-dir/x", O_RDWR | O_CREAT, 0644)), -ENOENT);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/dev/null/x", O_RDONLY, 0)), -ENOTDIR);

	/* access modes: a read-only file cannot be written, and vice versa */
	KTEST_EXPECT_TRUE(t, (f->f_mode & (FMODE_READ | FMODE_WRITE)) == (FMODE_READ | FMODE_WRITE));
	KTEST_EXPECT_TRUE(t, f->f_flags & O_LARGEFILE);
	KTEST_EXPECT_FALSE(t, may_exec(f));
	fput(f);
	f = filp_open("/tmp/ktest-open", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	{
		loff_t pos = 0;

		KTEST_EXPECT_EQ(t, kernel_write(f, "x", 1, &pos), -EBADF);
	}
	/* unlinked while open: d_path says so */
	KTEST_EXPECT_EQ(t, init_unlink("/tmp/ktest-open"), 0);
	name = file_path(f, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, IS_ERR(name) ? "(error)" : name, "/tmp/ktest-open (deleted)");
	fput(f);

	/* exec needs a regular file with an x bit */
	f = filp_open("/init", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_TRUE(t, may_exec(f));
	fput(f);
	FS_EXPECT_NO_LEAK(t, &before);
}

KTEST(vfs, fd_table)
{
	struct files_struct *saved = current->files, empty;
	struct task_struct *child, *thread;
	struct fs_counts before;
	struct file *f;
	int fd;

	fs_counts_take(&before);
	child = kzalloc(sizeof(*child), GFP_KERNEL);
	thread = kzalloc(sizeof(*thread), GFP_KERNEL);
	KTEST_ASSERT_TRUE(t, child && thread);
	/* fork from an empty table: the child's is a real, empty copy */
	memset(&empty, 0, sizeof(empty));
	atomic_set(&empty.count, 1);
	empty.fdt = &empty.fdtab;
	empty.fdtab.max_fds = NR_OPEN_DEFAULT;
	empty.fdtab.fd = empty.fd_array;
	empty.fdtab.open_fds = empty.open_fds_init;
	empty.fdtab.close_on_exec = empty.close_on_exec_init;
	current->files = &empty;
	KTEST_ASSERT_EQ(t, copy_files(0, child), 0);
	current->files = child->files;

	f = filp_open("/dev/null", O_RDWR, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	for (int i = 0; i < 3; i++) {
		fd = get_unused_fd_flags(i == 1 ? O_CLOEXEC : 0);
		KTEST_EXPECT_EQ(t, fd, i);
		fd_install(fd, get_file(f));
	}
	KTEST_EXPECT_EQ(t, atomic_long_read(&f->f_count), 4);
	KTEST_EXPECT_EQ(t, close_fd(0), 0);
	KTEST_EXPECT_EQ(t, close_fd(0), -EBADF);
	KTEST_EXPECT_EQ(t, f_dupfd(0, f, 0), 0);		/* the lowest free fd again */
	KTEST_EXPECT_EQ(t, replace_fd(200, f, 0), 200);	/* the table grows */
	KTEST_EXPECT_EQ(t, current->files->fdt->max_fds, 256);
	KTEST_EXPECT_EQ(t, f_dupfd(0, f, 0), 3);
	KTEST_EXPECT_TRUE(t, get_close_on_exec(1));
	do_close_on_exec(current->files);
	KTEST_EXPECT_EQ(t, close_fd(1), -EBADF);		/* closed by exec */
	KTEST_EXPECT_EQ(t, get_unused_fd_flags(0), 1);
	put_unused_fd(1);
	KTEST_EXPECT_EQ(t, atomic_long_read(&f->f_count), 5);
	fput(f);

	/* CLONE_FILES shares the table; exit drops one user */
	KTEST_ASSERT_EQ(t, copy_files(CLONE_FILES, thread), 0);
	KTEST_EXPECT_EQ(t, thread->files, child->files);
	exit_files(thread);
	KTEST_EXPECT_EQ(t, atomic_read(&child->files->count), 1);
	current->files = saved;
	exit_files(child);		/* the last user: every fd closes */
	KTEST_EXPECT_NULL(t, child->files);
	kfree(child);
	kfree(thread);
	FS_EXPECT_NO_LEAK(t, &before);
}
