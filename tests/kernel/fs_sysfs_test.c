// SPDX-License-Identifier: GPL-2.0
/*
 * fs_sysfs_test.c - ktest cases for sysfs and debugfs (kernel/fs/sysfs.c,
 * debugfs.c): an attribute group's show/store round trip through file
 * reads and writes, the standard directories, and a debugfs file served by
 * its creator's file_operations with its data as private_data.
 */
#include "fs_test.h"
#include <linux/init_syscalls.h>
#include <linux/kobject.h>
#include <linux/debugfs.h>

static int ktest_value = 7;

static ssize_t value_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", ktest_value);
}

static ssize_t value_store(struct kobject *kobj, struct kobj_attribute *attr,
			   const char *buf, size_t count)
{
	long v;
	int err = kstrtol(buf, 10, &v);

	if (err)
		return err;
	ktest_value = v;
	return count;
}

static struct kobj_attribute value_attr = __ATTR_RW(value);
static struct attribute *ktest_attrs[] = { &value_attr.attr, NULL };
static const struct attribute_group ktest_group = { .name = "grp", .attrs = ktest_attrs };

static struct kobject *ktest_kobj;

static bool mount_sysfs(void)
{
	return init_mount("sysfs", "/sys", "sysfs", 0, NULL) == 0;
}

KTEST(sysfs, show_store_round_trip)
{
	struct fs_counts before;
	char text[32];
	struct file *f;
	loff_t pos;
	bool mounted;

	if (!ktest_kobj) {
		ktest_kobj = kobject_create_and_add("ktest", kernel_kobj);
		KTEST_ASSERT_NOT_NULL(t, ktest_kobj);
		KTEST_ASSERT_EQ(t, sysfs_create_group(ktest_kobj, &ktest_group), 0);
	}
	KTEST_EXPECT_EQ(t, sysfs_create_group(ktest_kobj, &ktest_group), -EEXIST);
	fs_counts_take(&before);
	mounted = mount_sysfs();
	KTEST_EXPECT_EQ(t, fs_read_file("/sys/kernel/ktest/grp/value", text, sizeof(text)), 2);
	KTEST_EXPECT_STREQ(t, text, "7\n");
	KTEST_EXPECT_EQ(t, fs_write_file("/sys/kernel/ktest/grp/value", "42\n", 3, 0), 3);
	KTEST_EXPECT_EQ(t, ktest_value, 42);
	KTEST_EXPECT_EQ(t, fs_write_file("/sys/kernel/ktest/grp/value", "x", 1, 0), -EINVAL);
	/* repeated reads at offset 0 see the current value */
	f = filp_open("/sys/kernel/ktest/grp/value", O_RDWR, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_read(f, text, sizeof(text), &pos), 3);
	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_write(f, "5", 1, &pos), 1);
	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_read(f, text, sizeof(text), &pos), 2);
	KTEST_EXPECT_EQ(t, memcmp(text, "5\n", 2), 0);
	pos = 1;
	KTEST_EXPECT_EQ(t, kernel_read(f, text, sizeof(text), &pos), 1);
	fput(f);
	KTEST_EXPECT_EQ(t, fs_read_file("/sys/kernel/mm", text, sizeof(text)), -EISDIR);
	KTEST_EXPECT_EQ(t, fs_read_file("/sys/kernel/debug", text, sizeof(text)), -EISDIR);
	if (mounted)
		KTEST_EXPECT_EQ(t, init_umount("/sys", 0), 0);
	FS_EXPECT_NO_LEAK(t, &before);
}

static ssize_t ktest_debug_read(struct kiocb *iocb, struct iov_iter *to)
{
	const char *data = iocb->ki_filp->private_data;

	return simple_read_iter_from_buffer(iocb, to, data, strlen(data));
}

static const struct file_operations ktest_debug_fops = {
	.read_iter = ktest_debug_read,
};

KTEST(sysfs, debugfs_file_gets_its_data)
{
	static struct dentry *dir;
	struct fs_counts before;
	char text[32];
	bool sys_mounted;

	if (!dir) {
		dir = debugfs_create_dir("ktest", NULL);
		KTEST_ASSERT_FALSE(t, IS_ERR(dir));
		KTEST_ASSERT_FALSE(t, IS_ERR(debugfs_create_file("hello", 0400, dir,
								 "private data",
								 &ktest_debug_fops)));
	}
	KTEST_EXPECT_EQ(t, PTR_ERR(debugfs_create_dir("ktest", NULL)), -EEXIST);
	fs_counts_take(&before);
	sys_mounted = mount_sysfs();
	KTEST_ASSERT_EQ(t, init_mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL), 0);
	KTEST_EXPECT_EQ(t, fs_read_file("/sys/kernel/debug/ktest/hello", text, sizeof(text)), 12);
	KTEST_EXPECT_STREQ(t, text, "private data");
	if (sys_mounted)
		KTEST_EXPECT_EQ(t, init_umount("/sys", 0), -EBUSY);	/* debugfs is on it */
	KTEST_EXPECT_EQ(t, init_umount("/sys/kernel/debug", 0), 0);
	if (sys_mounted)
		KTEST_EXPECT_EQ(t, init_umount("/sys", 0), 0);
	FS_EXPECT_NO_LEAK(t, &before);
}
