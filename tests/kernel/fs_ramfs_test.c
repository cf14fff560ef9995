// SPDX-License-Identifier: GPL-2.0
/*
 * fs_ramfs_test.c - ktest cases for ramfs and its page cache
 * (kernel/fs/ramfs.c, filemap.c, libfs.c): write, read, seek, truncate,
 * holes and unlink with exact sizes and contents, directory listings, the
 * removal rules -- and every page and object given back afterwards.
 */
#include "fs_test.h"
#include <linux/init_syscalls.h>

#define DIR	"/tmp/ktest-ramfs"
#define FILE_A	DIR "/a"

static void pattern(unsigned char *buf, size_t len, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (unsigned char)(i * 7 + seed + i / 4096);
}

static long file_size(const char *name)
{
	struct path path;
	long size;
	int err = kern_path(name, 0, &path);

	if (err)
		return err;
	size = path.dentry->d_inode->i_size;
	path_put(&path);
	return size;
}

KTEST(ramfs, write_read_seek_truncate)
{
	static unsigned char data[3 * 4096 + 123], back[sizeof(data)];
	struct fs_counts before;
	struct inode *inode;
	struct file *f;
	loff_t pos = 0;

	fs_counts_take(&before);
	KTEST_ASSERT_EQ(t, init_mkdir(DIR, 0755), 0);
	pattern(data, sizeof(data), 3);
	f = filp_open(FILE_A, O_RDWR | O_CREAT | O_EXCL, 0644);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	inode = file_inode(f);
	KTEST_EXPECT_EQ(t, inode->i_mode, S_IFREG | 0644);
	KTEST_EXPECT_EQ(t, kernel_write(f, data, sizeof(data), &pos), sizeof(data));
	KTEST_EXPECT_EQ(t, inode->i_size, sizeof(data));
	KTEST_EXPECT_EQ(t, inode->i_mapping->nrpages, 4);

	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_read(f, back, sizeof(back), &pos), sizeof(data));
	KTEST_EXPECT_EQ(t, memcmp(data, back, sizeof(data)), 0);
	KTEST_EXPECT_EQ(t, kernel_read(f, back, 10, &pos), 0);	/* at EOF */

	/* lseek: SEEK_END - 100 reads the last 100 bytes */
	KTEST_EXPECT_EQ(t, vfs_llseek(f, -100, SEEK_END), sizeof(data) - 100);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, -100000, SEEK_CUR), -EINVAL);
	pos = f->f_pos;
	KTEST_EXPECT_EQ(t, kernel_read(f, back, sizeof(back), &pos), 100);
	KTEST_EXPECT_EQ(t, memcmp(back, data + sizeof(data) - 100, 100), 0);

	/* truncate into the second page: the rest goes, and the tail reads zeros after regrowth */
	KTEST_EXPECT_EQ(t, do_truncate(f->f_path.dentry, 5000), 0);
	KTEST_EXPECT_EQ(t, inode->i_size, 5000);
	KTEST_EXPECT_EQ(t, inode->i_mapping->nrpages, 2);
	KTEST_EXPECT_EQ(t, do_truncate(f->f_path.dentry, 9000), 0);
	pos = 4990;
	KTEST_EXPECT_EQ(t, kernel_read(f, back, 20, &pos), 20);
	KTEST_EXPECT_EQ(t, memcmp(back, data + 4990, 10), 0);
	KTEST_EXPECT_EQ(t, memchr_inv(back + 10, 0, 10), NULL);

	/* a write far past the end leaves a hole with no pages */
	pos = 10 * 4096 + 1;
	KTEST_EXPECT_EQ(t, kernel_write(f, "x", 1, &pos), 1);
	KTEST_EXPECT_EQ(t, inode->i_size, 10 * 4096 + 2);
	KTEST_EXPECT_EQ(t, inode->i_mapping->nrpages, 3);
	pos = 6 * 4096;
	memset(back, 'q', 4096);
	KTEST_EXPECT_EQ(t, kernel_read(f, back, 4096, &pos), 4096);
	KTEST_EXPECT_EQ(t, memchr_inv(back, 0, 4096), NULL);
	fput(f);

	/* O_TRUNC empties it; O_APPEND writes at the end */
	f = filp_open(FILE_A, O_WRONLY | O_TRUNC | O_APPEND, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, file_inode(f)->i_size, 0);
	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_write(f, "abc", 3, &pos), 3);
	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_write(f, "de", 2, &pos), 2);
	KTEST_EXPECT_EQ(t, pos, 5);
	fput(f);
	KTEST_EXPECT_EQ(t, fs_read_file(FILE_A, (char *)back, sizeof(back)), 5);
	KTEST_EXPECT_STREQ(t, (char *)back, "abcde");

	KTEST_EXPECT_EQ(t, init_unlink(FILE_A), 0);
	KTEST_EXPECT_EQ(t, file_size(FILE_A), -ENOENT);
	KTEST_EXPECT_EQ(t, init_rmdir(DIR), 0);
	FS_EXPECT_NO_LEAK(t, &before);
}

KTEST(ramfs, unlinked_file_lives_while_open)
{
	struct fs_counts before;
	char buf[16] = "";
	struct file *f;
	loff_t pos = 0;

	fs_counts_take(&before);
	KTEST_ASSERT_EQ(t, fs_write_file("/tmp/ktest-unlinked", "still here", 10, 0600), 10);
	f = filp_open("/tmp/ktest-unlinked", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, init_unlink("/tmp/ktest-unlinked"), 0);
	KTEST_EXPECT_EQ(t, file_inode(f)->i_nlink, 0);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), 10);
	KTEST_EXPECT_STREQ(t, buf, "still here");
	KTEST_EXPECT_EQ(t, file_size("/tmp/ktest-unlinked"), -ENOENT);
	fput(f);	/* now the inode and its page go */
	FS_EXPECT_NO_LEAK(t, &before);
}

struct listing {
	struct dir_context ctx;
	char names[256];
	int types_ok;
};

/* list_actor - append "name" to the listing, checking d_type against stat. */
static bool list_actor(struct dir_context *ctx, const char *name, int len, loff_t off,
		       u64 ino, unsigned int type)
{
	struct listing *l = container_of(ctx, struct listing, ctx);
	size_t used = strlen(l->names);

	if (used + len + 2 > sizeof(l->names))
		return false;
	if (used)
		l->names[used++] = ' ';
	memcpy(l->names + used, name, len);
	l->names[used + len] = '\0';
	if (type != DT_DIR && type != DT_REG && type != DT_CHR && type != DT_LNK)
		l->types_ok = 0;
	return true;
}

static void list_dir(const char *dir, struct listing *l)
{
	struct file *f = filp_open(dir, O_RDONLY | O_DIRECTORY, 0);

	memset(l, 0, sizeof(*l));
	l->ctx.actor = list_actor;
	l->types_ok = 1;
	if (IS_ERR(f))
		return;
	f->f_op->iterate_shared(f, &l->ctx);
	fput(f);
}

KTEST(ramfs, getdents_listing)
{
	struct fs_counts before;
	struct listing l;

	fs_counts_take(&before);
	KTEST_ASSERT_EQ(t, init_mkdir(DIR, 0755), 0);
	KTEST_EXPECT_EQ(t, init_mkdir(DIR "/sub", 0700), 0);
	KTEST_EXPECT_EQ(t, fs_write_file(DIR "/f1", "1", 1, 0644), 1);
	KTEST_EXPECT_EQ(t, fs_write_file(DIR "/f2", "", 0, 0644), 0);
	list_dir(DIR, &l);
	KTEST_EXPECT_STREQ(t, l.names, ". .. sub f1 f2");
	KTEST_EXPECT_TRUE(t, l.types_ok);

	/* nlink: a directory has 2 + its subdirectories */
	{
		struct path p;

		KTEST_ASSERT_EQ(t, kern_path(DIR, 0, &p), 0);
		KTEST_EXPECT_EQ(t, p.dentry->d_inode->i_nlink, 3);
		path_put(&p);
	}

	/* the removal rules */
	KTEST_EXPECT_EQ(t, init_rmdir(DIR), -ENOTEMPTY);
	KTEST_EXPECT_EQ(t, init_rmdir(DIR "/f1"), -ENOTDIR);
	KTEST_EXPECT_EQ(t, init_unlink(DIR "/sub"), -EISDIR);
	KTEST_EXPECT_EQ(t, init_unlink(DIR "/nothing"), -ENOENT);
	KTEST_EXPECT_EQ(t, init_mkdir(DIR "/f1", 0755), -EEXIST);
	KTEST_EXPECT_EQ(t, init_rmdir(DIR "/sub/."), -EINVAL);

	KTEST_EXPECT_EQ(t, init_unlink(DIR "/f1"), 0);
	list_dir(DIR, &l);
	KTEST_EXPECT_STREQ(t, l.names, ". .. sub f2");
	KTEST_EXPECT_EQ(t, init_unlink(DIR "/f2"), 0);
	KTEST_EXPECT_EQ(t, init_rmdir(DIR "/sub"), 0);
	KTEST_EXPECT_EQ(t, init_rmdir(DIR), 0);
	FS_EXPECT_NO_LEAK(t, &before);
}
