// SPDX-License-Identifier: GPL-2.0
/*
 * fs_procfs_test.c - ktest cases for procfs (kernel/fs/proc_*.c, seq_read.c):
 * /proc/meminfo through vfs reads, a seq_file text longer than a page read
 * in pieces and at offsets, the root listing, and /proc/sys with
 * proc_dointvec and proc_doulongvec_minmax parsing and formatting.
 */
#include "fs_test.h"
#include <linux/init_syscalls.h>
#include <linux/proc_fs.h>
#include <linux/proc_views.h>
#include <linux/seq_file.h>
#include <linux/sysctl.h>
#include <linux/sprintf.h>
#include <linux/ctype.h>

#define LONG_LINES 1000

static int long_show(struct seq_file *m, void *v)
{
	for (int i = 0; i < LONG_LINES; i++)
		seq_printf(m, "line %d\n", i);
	return 0;
}

static size_t long_text(char *buf, size_t size)
{
	size_t len = 0;

	for (int i = 0; i < LONG_LINES; i++)
		len += scnprintf(buf + len, size - len, "line %d\n", i);
	return len;
}

/* mount_proc - /proc mounted (it may already be: then nothing to undo). */
static bool mount_proc(void)
{
	return init_mount("proc", "/proc", "proc", 0, NULL) == 0;
}

KTEST(procfs, meminfo_through_vfs_read)
{
	static char text[8192], direct[8192];
	struct seq_file m = { .buf = direct, .size = sizeof(direct) };
	struct fs_counts before;
	char *nl, *p;
	bool mounted;

	fs_counts_take(&before);
	mounted = mount_proc();
	KTEST_ASSERT_GT(t, fs_read_file("/proc/meminfo", text, sizeof(text)), 0);
	meminfo_show(&m, NULL);
	/* "MemTotal:" spaces, the number right-aligned, " kB" */
	nl = strchr(text, '\n');
	KTEST_ASSERT_NOT_NULL(t, nl);
	KTEST_EXPECT_EQ(t, strncmp(text, "MemTotal:", 9), 0);
	for (p = text + 9; *p == ' '; p++)
		;
	KTEST_EXPECT_TRUE(t, isdigit(*p));
	while (isdigit(*p))
		p++;
	KTEST_EXPECT_EQ(t, p + 4, nl + 1);
	KTEST_EXPECT_EQ(t, strncmp(p, " kB\n", 4), 0);
	KTEST_EXPECT_EQ(t, strncmp(text, direct, nl + 1 - text), 0);	/* show()'s own line */
	KTEST_EXPECT_EQ(t, nl + 1 - text, 28);				/* Linux's widths */
	if (mounted)
		KTEST_EXPECT_EQ(t, init_umount("/proc", 0), 0);
	FS_EXPECT_NO_LEAK(t, &before);
}

KTEST(procfs, long_text_in_pieces)
{
	static char expect[16384], got[16384];
	size_t len = long_text(expect, sizeof(expect)), done = 0;
	struct fs_counts before;
	struct file *f;
	loff_t pos = 0;
	bool mounted;
	ssize_t n;

	KTEST_ASSERT_GT(t, len, 2 * PAGE_SIZE);	/* show() must overflow a page */
	if (!proc_create_single("ktest-long", 0444, NULL, long_show))
		KTEST_EXPECT_EQ(t, "already registered", NULL);
	fs_counts_take(&before);
	mounted = mount_proc();
	f = filp_open("/proc/ktest-long", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	while ((n = kernel_read(f, got + done, 100, &pos)) > 0)
		done += n;
	KTEST_EXPECT_EQ(t, n, 0);
	KTEST_EXPECT_EQ(t, done, len);
	KTEST_EXPECT_EQ(t, memcmp(got, expect, len), 0);
	pos = 5000;
	KTEST_EXPECT_EQ(t, kernel_read(f, got, 10, &pos), 10);
	KTEST_EXPECT_EQ(t, memcmp(got, expect + 5000, 10), 0);
	pos = len - 3;
	KTEST_EXPECT_EQ(t, kernel_read(f, got, 10, &pos), 3);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0, SEEK_END), -EINVAL);
	fput(f);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/no-such", O_RDONLY, 0)), -ENOENT);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/meminfo/x", O_RDONLY, 0)), -ENOTDIR);
	if (mounted)
		KTEST_EXPECT_EQ(t, init_umount("/proc", 0), 0);
	FS_EXPECT_NO_LEAK(t, &before);
}

static int ktest_ints[2] = { 1, 2 };
static unsigned long ktest_ulong = 10, ktest_min = 5, ktest_max = 100;
static struct ctl_table ktest_table[] = {
	{ .procname = "ints", .data = ktest_ints, .maxlen = sizeof(ktest_ints), .mode = 0644,
	  .proc_handler = proc_dointvec },
	{ .procname = "ulong", .data = &ktest_ulong, .maxlen = sizeof(ktest_ulong), .mode = 0644,
	  .proc_handler = proc_doulongvec_minmax, .extra1 = &ktest_min, .extra2 = &ktest_max },
};

/* handle - run @table's handler on @text (a write) or into @text (a read). */
static int handle(const struct ctl_table *table, int write, char *text, size_t size)
{
	size_t len = write ? strlen(text) : size;
	int err = table->proc_handler(table, write, text, &len);

	if (!err && !write)
		text[len] = '\0';
	return err;
}

KTEST(procfs, sysctl_handlers)
{
	char text[64];

	strscpy(text, "-7 8\n", sizeof(text));
	KTEST_EXPECT_EQ(t, handle(&ktest_table[0], 1, text, 0), 0);
	KTEST_EXPECT_EQ(t, ktest_ints[0], -7);
	KTEST_EXPECT_EQ(t, ktest_ints[1], 8);
	KTEST_EXPECT_EQ(t, handle(&ktest_table[0], 0, text, sizeof(text)), 0);
	KTEST_EXPECT_STREQ(t, text, "-7\t8\n");
	strscpy(text, "3", sizeof(text));		/* fewer values than the vector */
	KTEST_EXPECT_EQ(t, handle(&ktest_table[0], 1, text, 0), 0);
	KTEST_EXPECT_EQ(t, ktest_ints[0], 3);
	KTEST_EXPECT_EQ(t, ktest_ints[1], 8);
	strscpy(text, "1 2 3", sizeof(text));		/* more */
	KTEST_EXPECT_EQ(t, handle(&ktest_table[0], 1, text, 0), -EINVAL);
	strscpy(text, "x", sizeof(text));
	KTEST_EXPECT_EQ(t, handle(&ktest_table[0], 1, text, 0), -EINVAL);
	strscpy(text, "\n", sizeof(text));
	KTEST_EXPECT_EQ(t, handle(&ktest_table[0], 1, text, 0), -EINVAL);
	strscpy(text, "12abc", sizeof(text));
	KTEST_EXPECT_EQ(t, handle(&ktest_table[0], 1, text, 0), -EINVAL);
	strscpy(text, "2147483648", sizeof(text));	/* INT_MAX + 1 */
	KTEST_EXPECT_EQ(t, handle(&ktest_table[0], 1, text, 0), -EINVAL);
	strscpy(text, "-2147483648", sizeof(text));	/* INT_MIN */
	KTEST_EXPECT_EQ(t, handle(&ktest_table[0], 1, text, 0), 0);
	KTEST_EXPECT_EQ(t, ktest_ints[0], -INT_MAX - 1);

	strscpy(text, "50\n", sizeof(text));
	KTEST_EXPECT_EQ(t, handle(&ktest_table[1], 1, text, 0), 0);
	KTEST_EXPECT_EQ(t, ktest_ulong, 50);
	strscpy(text, "101", sizeof(text));
	KTEST_EXPECT_EQ(t, handle(&ktest_table[1], 1, text, 0), -EINVAL);
	strscpy(text, "4", sizeof(text));
	KTEST_EXPECT_EQ(t, handle(&ktest_table[1], 1, text, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, ktest_ulong, 50);
	KTEST_EXPECT_EQ(t, handle(&ktest_table[1], 0, text, sizeof(text)), 0);
	KTEST_EXPECT_STREQ(t, text, "50\n");
}

KTEST(procfs, proc_sys_files)
{
	struct fs_counts before;
	char text[64];
	bool mounted;

	if (register_sysctl("ktest/sub", ktest_table, ARRAY_SIZE(ktest_table)))
		KTEST_EXPECT_EQ(t, "already registered", NULL);
	fs_counts_take(&before);
	mounted = mount_proc();
	KTEST_EXPECT_EQ(t, fs_write_file("/proc/sys/ktest/sub/ulong", "77\n", 3, 0), 3);
	KTEST_EXPECT_EQ(t, ktest_ulong, 77);
	KTEST_EXPECT_EQ(t, fs_read_file("/proc/sys/ktest/sub/ulong", text, sizeof(text)), 3);
	KTEST_EXPECT_STREQ(t, text, "77\n");
	KTEST_EXPECT_EQ(t, fs_write_file("/proc/sys/ktest/sub/ulong", "1000", 4, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, fs_write_file("/proc/sys/ktest/sub/ints", "4 5", 3, 0), 3);
	KTEST_EXPECT_EQ(t, fs_read_file("/proc/sys/ktest/sub/ints", text, sizeof(text)), 4);
	KTEST_EXPECT_STREQ(t, text, "4\t5\n");
	if (mounted)
		KTEST_EXPECT_EQ(t, init_umount("/proc", 0), 0);
	FS_EXPECT_NO_LEAK(t, &before);
}
