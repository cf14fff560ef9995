// SPDX-License-Identifier: GPL-2.0
/*
 * fs_tty_test.c - ktest cases for the N_TTY line discipline
 * (kernel/fs/n_tty.c) on a terminal whose "hardware" is a buffer: what
 * typing echoes, line editing (erase, kill), end of file, one line per
 * read, and raw mode.
 */
#include <linux/ktest.h>
#include <linux/tty.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/uio.h>

static char screen[256];
static size_t screen_len;

static void screen_put_char(char c)
{
	if (screen_len < sizeof(screen) - 1)
		screen[screen_len++] = c;
	screen[screen_len] = '\0';
}

static void tty_setup(struct tty_struct *tty)
{
	memset(tty, 0, sizeof(*tty));
	n_tty_init(tty);
	tty->put_char = screen_put_char;
	screen_len = 0;
	screen[0] = '\0';
}

static void type(struct tty_struct *tty, const char *s)
{
	while (*s)
		n_tty_receive_char(tty, *s++);
}

/* tty_read_k - a non-blocking read of at most @n bytes, NUL-terminated. */
static ssize_t tty_read_k(struct tty_struct *tty, char *buf, size_t n)
{
	struct kvec kv = { buf, n };
	struct iov_iter iter;
	ssize_t ret;

	iov_iter_kvec(&iter, ITER_DEST, &kv, 1, n);
	ret = n_tty_read(tty, &iter, true);
	buf[ret > 0 ? ret : 0] = '\0';
	return ret;
}

KTEST(tty, canonical_editing_and_echo)
{
	static struct tty_struct tty;
	char buf[64];

	tty_setup(&tty);
	type(&tty, "lx\x7fs");
	KTEST_EXPECT_EQ(t, tty_read_k(&tty, buf, sizeof(buf)), -EAGAIN);	/* no line yet */
	type(&tty, "\r");
	KTEST_EXPECT_STREQ(t, screen, "lx\b \bs\r\n");
	KTEST_EXPECT_EQ(t, tty_read_k(&tty, buf, 1), 1);	/* a line, a byte at a time */
	KTEST_EXPECT_STREQ(t, buf, "l");
	KTEST_EXPECT_EQ(t, tty_read_k(&tty, buf, sizeof(buf)), 2);
	KTEST_EXPECT_STREQ(t, buf, "s\n");

	/* ^U kills the line; ^H erases too; two lines need two reads */
	type(&tty, "junk\x15" "a\bb\nc\n");
	KTEST_EXPECT_EQ(t, tty_read_k(&tty, buf, sizeof(buf)), 2);
	KTEST_EXPECT_STREQ(t, buf, "b\n");
	KTEST_EXPECT_EQ(t, tty_read_k(&tty, buf, sizeof(buf)), 2);
	KTEST_EXPECT_STREQ(t, buf, "c\n");
	/* erase at the start of a line erases nothing */
	screen_len = 0;
	type(&tty, "\x7f");
	KTEST_EXPECT_EQ(t, screen_len, 0);
}

KTEST(tty, end_of_file_and_raw_mode)
{
	static struct tty_struct tty;
	char buf[64];

	tty_setup(&tty);
	type(&tty, "\x04");		/* ^D on an empty line: end of file */
	KTEST_EXPECT_EQ(t, tty_read_k(&tty, buf, sizeof(buf)), 0);
	KTEST_EXPECT_EQ(t, screen_len, 0);
	type(&tty, "ab\x04");		/* ^D after text: the text, without a newline */
	KTEST_EXPECT_EQ(t, tty_read_k(&tty, buf, sizeof(buf)), 2);
	KTEST_EXPECT_STREQ(t, buf, "ab");

	tty.termios.c_lflag &= ~(ICANON | ECHO);	/* raw: what is typed, at once */
	screen_len = 0;
	type(&tty, "q\x7f");
	KTEST_EXPECT_EQ(t, tty_read_k(&tty, buf, sizeof(buf)), 2);
	KTEST_EXPECT_STREQ(t, buf, "q\x7f");
	KTEST_EXPECT_EQ(t, screen_len, 0);
}
