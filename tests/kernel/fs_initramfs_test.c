// SPDX-License-Identifier: GPL-2.0
/*
 * fs_initramfs_test.c - ktest cases for the cpio unpacker
 * (kernel/fs/initramfs.c): an archive made here with every entry type,
 * the real initramfs (GRUB's copy, kept by a boot with retain_initrd)
 * unpacked again and compared with an independent reading of its headers,
 * and the populated root's /init. ktests run after populate_rootfs(), so
 * real_archive skips unless the archive's pages are still reserved.
 */
#include "fs_test.h"
#include <linux/init_syscalls.h>
#include <linux/sprintf.h>

#define SCRATCH "/ktest-cpio"

/* cpio_add - append one newc entry to @buf at *@len. */
static void cpio_add(char *buf, size_t *len, const char *name, unsigned int mode,
		     unsigned int rmaj, unsigned int rmin, const char *body, size_t size)
{
	size_t namesize = strlen(name) + 1;

	*len += snprintf(buf + *len, 111, "070701%08x%08x%08x%08x%08x%08x%08zx%08x%08x%08x%08x%08zx%08x",
			1, mode, 12, 34, 1, 1000000, size, 0, 0, rmaj, rmin, namesize, 0);
	memcpy(buf + *len, name, namesize);
	*len = ALIGN(*len + namesize, 4);
	memcpy(buf + *len, body, size);
	*len = ALIGN(*len + size, 4);
}

/* The mode, size and inode of @name, or -errno. */
static int stat_path(const char *name, umode_t *mode, loff_t *size, struct inode **inode)
{
	struct path path;
	int err = kern_path(name, 0, &path);

	if (err)
		return err;
	*mode = path.dentry->d_inode->i_mode;
	*size = path.dentry->d_inode->i_size;
	if (inode)
		*inode = path.dentry->d_inode;
	path_put(&path);
	return 0;
}

/* Unpack @len bytes of @buf into a fresh tmpfs at SCRATCH (cwd there). */
static int unpack_in_scratch(const char *buf, size_t len)
{
	int err = init_mkdir(SCRATCH, 0755);

	if (!err)
		err = init_mount("none", SCRATCH, "tmpfs", 0, NULL);
	if (!err)
		err = init_chdir(SCRATCH);
	if (!err)
		err = unpack_to_rootfs(buf, len);
	init_chdir("/");
	return err;
}

static void scratch_done(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, init_umount(SCRATCH, 0), 0);
	KTEST_EXPECT_EQ(t, init_rmdir(SCRATCH), 0);
}

KTEST(initramfs, rootfs_has_init)
{
	struct file *f;

	f = filp_open("/init", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_TRUE(t, S_ISREG(file_inode(f)->i_mode));
	KTEST_EXPECT_TRUE(t, may_exec(f));
	KTEST_EXPECT_GT(t, file_inode(f)->i_size, 4096);
	fput(f);
	f = filp_open("/sbin/init", O_RDONLY, 0);	/* the same program, packed twice */
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_TRUE(t, may_exec(f));
	fput(f);
}

KTEST(initramfs, every_entry_type)
{
	static char archive[4096];
	struct fs_counts before;
	struct inode *inode = NULL;
	char text[32];
	size_t len = 0;
	umode_t mode = 0;
	loff_t size = 0;
	struct path path;

	fs_counts_take(&before);
	cpio_add(archive, &len, ".", S_IFDIR | 0700, 0, 0, "", 0);
	cpio_add(archive, &len, "dir", S_IFDIR | 0750, 0, 0, "", 0);
	cpio_add(archive, &len, "dir/file", S_IFREG | 0751, 0, 0, "hello, cpio", 11);
	cpio_add(archive, &len, "dir/null", S_IFCHR | 0666, 1, 3, "", 0);
	cpio_add(archive, &len, "link", S_IFLNK | 0777, 0, 0, "dir/file", 8);
	cpio_add(archive, &len, "TRAILER!!!", 0, 0, 0, "", 0);
	KTEST_ASSERT_EQ(t, unpack_in_scratch(archive, len), 0);

	KTEST_EXPECT_EQ(t, stat_path(SCRATCH, &mode, &size, NULL), 0);
	KTEST_EXPECT_EQ(t, mode, S_IFDIR | 0700);		/* "." is the root */
	KTEST_EXPECT_EQ(t, stat_path(SCRATCH "/dir", &mode, &size, NULL), 0);
	KTEST_EXPECT_EQ(t, mode, S_IFDIR | 0750);		/* exact: no umask */
	KTEST_EXPECT_EQ(t, stat_path(SCRATCH "/dir/file", &mode, &size, &inode), 0);
	KTEST_EXPECT_EQ(t, mode, S_IFREG | 0751);
	KTEST_EXPECT_EQ(t, size, 11);
	KTEST_ASSERT_NOT_NULL(t, inode);
	KTEST_EXPECT_EQ(t, inode->i_uid, 12);
	KTEST_EXPECT_EQ(t, inode->i_gid, 34);
	KTEST_EXPECT_EQ(t, inode->i_mtime_sec, 1000000);
	KTEST_EXPECT_EQ(t, fs_read_file(SCRATCH "/link", text, sizeof(text)), 11);
	KTEST_EXPECT_STREQ(t, text, "hello, cpio");
	KTEST_ASSERT_EQ(t, kern_path(SCRATCH "/dir/null", 0, &path), 0);
	KTEST_EXPECT_TRUE(t, S_ISCHR(path.dentry->d_inode->i_mode));
	KTEST_EXPECT_EQ(t, path.dentry->d_inode->i_rdev, MKDEV(1, 3));
	path_put(&path);

	/* a damaged header stops the unpacking */
	KTEST_EXPECT_EQ(t, init_chdir(SCRATCH), 0);
	KTEST_EXPECT_EQ(t, unpack_to_rootfs("070701zz", 8), -EINVAL);
	KTEST_EXPECT_EQ(t, init_chdir("/"), 0);
	scratch_done(t);
	FS_EXPECT_NO_LEAK(t, &before);
}

/* cpio_find - the body, size and mode of @want in the archive, read independently. */
static const char *cpio_find(const char *buf, size_t len, const char *want, size_t *size,
			     unsigned long *mode)
{
	size_t pos = 0;

	while (pos + 110 <= len && !memcmp(buf + pos, "070701", 6)) {
		char field[9] = "";
		unsigned long namesize, filesize;
		const char *name = buf + pos + 110;

		memcpy(field, buf + pos + 6 + 8, 8);
		*mode = simple_strtoul(field, NULL, 16);
		memcpy(field, buf + pos + 6 + 6 * 8, 8);
		filesize = simple_strtoul(field, NULL, 16);
		memcpy(field, buf + pos + 6 + 11 * 8, 8);
		namesize = simple_strtoul(field, NULL, 16);
		pos = ALIGN(pos + 110 + namesize, 4);
		if (!strcmp(name, want)) {
			*size = filesize;
			return buf + pos;
		}
		pos = ALIGN(pos + filesize, 4);
	}
	return NULL;
}

KTEST(initramfs, real_archive)
{
	const char *archive, *init;
	unsigned long archive_mode;
	struct fs_counts before;
	size_t len, init_size;
	struct file *f;
	umode_t mode = 0;
	loff_t size = 0;
	char *copy;

	if (!nr_boot_modules ||
	    !PageReserved(virt_to_page(__va(PAGE_ALIGN(boot_modules[0].start))))) {
		ktest_skip(t, "the boot freed the initramfs after unpacking it (no retain_initrd)");
		return;
	}
	archive = __va(boot_modules[0].start);
	len = boot_modules[0].end - boot_modules[0].start;
	init = cpio_find(archive, len, "init", &init_size, &archive_mode);
	KTEST_ASSERT_NOT_NULL(t, init);
	fs_counts_take(&before);
	KTEST_ASSERT_EQ(t, unpack_in_scratch(archive, len), 0);
	KTEST_EXPECT_EQ(t, stat_path(SCRATCH "/init", &mode, &size, NULL), 0);
	KTEST_EXPECT_EQ(t, mode, archive_mode);
	KTEST_EXPECT_EQ(t, size, init_size);
	copy = kmalloc(init_size + 1, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, copy);
	KTEST_EXPECT_EQ(t, fs_read_file(SCRATCH "/init", copy, init_size + 1), init_size);
	KTEST_EXPECT_EQ(t, memcmp(copy, init, init_size), 0);
	kfree(copy);
	f = filp_open(SCRATCH "/dev/console", O_RDWR, 0);
	KTEST_EXPECT_FALSE(t, IS_ERR(f));
	if (!IS_ERR(f))
		fput(f);
	scratch_done(t);
	FS_EXPECT_NO_LEAK(t, &before);
}
