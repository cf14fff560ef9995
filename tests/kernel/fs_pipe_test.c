// SPDX-License-Identifier: GPL-2.0
/*
 * fs_pipe_test.c - ktest cases for pipes (kernel/fs/pipe.c) with
 * non-blocking ends, so one thread can play both sides: the ring buffer
 * wrapping around, a full pipe, PIPE_BUF atomicity, EOF once the writer is
 * gone, EPIPE once the reader is gone, and no page or object left after.
 */
#include "fs_test.h"

static ssize_t pwrite_k(struct file *f, const void *buf, size_t len)
{
	loff_t pos = 0;

	return kernel_write(f, buf, len, &pos);
}

static ssize_t pread_k(struct file *f, void *buf, size_t len)
{
	loff_t pos = 0;

	return kernel_read(f, buf, len, &pos);
}

KTEST(pipe, ring_wraps_around)
{
	static unsigned char out[3000], in[4096];
	struct fs_counts before;
	struct file *p[2];

	fs_counts_take(&before);
	KTEST_ASSERT_EQ(t, create_pipe_files(p, O_NONBLOCK), 0);
	KTEST_EXPECT_TRUE(t, S_ISFIFO(file_inode(p[0])->i_mode));
	KTEST_EXPECT_EQ(t, file_inode(p[0]), file_inode(p[1]));
	KTEST_EXPECT_EQ(t, vfs_llseek(p[0], 0, SEEK_SET), -ESPIPE);
	KTEST_EXPECT_EQ(t, pread_k(p[1], in, 1), -EBADF);	/* the write end */
	KTEST_EXPECT_EQ(t, pwrite_k(p[0], out, 1), -EBADF);	/* the read end */
	KTEST_EXPECT_EQ(t, pread_k(p[0], in, 1), -EAGAIN);	/* empty, a writer exists */
	for (int round = 0; round < 5; round++) {	/* 15000 bytes through 4096 */
		for (size_t i = 0; i < sizeof(out); i++)
			out[i] = (unsigned char)(i + round * 31);
		KTEST_EXPECT_EQ(t, pwrite_k(p[1], out, sizeof(out)), sizeof(out));
		KTEST_EXPECT_EQ(t, pread_k(p[0], in, sizeof(in)), sizeof(out));
		KTEST_EXPECT_EQ(t, memcmp(in, out, sizeof(out)), 0);
	}
	fput(p[0]);
	fput(p[1]);
	FS_EXPECT_NO_LEAK(t, &before);
}

KTEST(pipe, full_pipe_and_atomic_writes)
{
	static unsigned char buf[65536 + 4096];
	struct fs_counts before;
	struct file *p[2];

	fs_counts_take(&before);
	KTEST_ASSERT_EQ(t, create_pipe_files(p, O_NONBLOCK), 0);
	/* a big write goes in partly: as much as fits, 16 pages */
	KTEST_EXPECT_EQ(t, pwrite_k(p[1], buf, sizeof(buf)), 65536);
	KTEST_EXPECT_EQ(t, pwrite_k(p[1], buf, 1), -EAGAIN);
	/* the page being read keeps its slot until all of it is read */
	KTEST_EXPECT_EQ(t, pread_k(p[0], buf, 4086), 4086);
	KTEST_EXPECT_EQ(t, pwrite_k(p[1], buf, 1), -EAGAIN);
	KTEST_EXPECT_EQ(t, pread_k(p[0], buf, 10), 10);
	KTEST_EXPECT_EQ(t, pwrite_k(p[1], buf, 20), 20);
	/* 4077 bytes <= PIPE_BUF must go in whole: 4076 free is not enough */
	KTEST_EXPECT_EQ(t, pwrite_k(p[1], buf, 4077), -EAGAIN);
	KTEST_EXPECT_EQ(t, pwrite_k(p[1], buf, 4076), 4076);
	KTEST_EXPECT_EQ(t, pread_k(p[0], buf, sizeof(buf)), 65536);
	fput(p[0]);
	fput(p[1]);
	FS_EXPECT_NO_LEAK(t, &before);
}

KTEST(pipe, eof_and_epipe)
{
	struct fs_counts before;
	struct file *p[2];
	char buf[8];

	fs_counts_take(&before);
	KTEST_ASSERT_EQ(t, create_pipe_files(p, O_NONBLOCK), 0);
	KTEST_EXPECT_EQ(t, pwrite_k(p[1], "bye", 3), 3);
	fput(p[1]);				/* the last writer goes */
	KTEST_EXPECT_EQ(t, pread_k(p[0], buf, sizeof(buf)), 3);	/* the data first */
	KTEST_EXPECT_EQ(t, pread_k(p[0], buf, sizeof(buf)), 0);	/* then EOF, not EAGAIN */
	fput(p[0]);

	KTEST_ASSERT_EQ(t, create_pipe_files(p, O_NONBLOCK), 0);
	fput(p[0]);				/* the last reader goes */
	KTEST_EXPECT_EQ(t, pwrite_k(p[1], "x", 1), -EPIPE);
	fput(p[1]);
	FS_EXPECT_NO_LEAK(t, &before);
}
