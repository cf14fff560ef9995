/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tty.h - the terminal: the serial console as /dev/console (5:1), with
 * Linux's default line discipline, N_TTY. Mirrors include/linux/tty.h and
 * the state of drivers/tty/n_tty.c.
 *
 * Characters typed arrive one by one from the UART's interrupt handler
 * (n_tty_receive_char()). In canonical mode (ICANON, the default) they are
 * edited in read_buf until a line is complete: erase (DEL or ^H) takes back
 * the last character, ^U the whole line, Enter ends the line, ^D at the
 * start of a line is end of file. read(2) sleeps on read_wait until a line
 * is complete and returns at most that line. With ECHO each character is
 * also written back. In raw mode (ICANON off) read returns what was typed.
 *
 * read_buf is a ring indexed by free-running counters:
 *   read_tail <= canon_head <= read_head
 *   [read_tail, canon_head)   complete lines, waiting for read(2)
 *   [canon_head, read_head)   the line being edited
 * read_flags marks the characters that end a line ('\n', EOL, EOF).
 * The receive side runs in interrupt context, so everything touching the
 * buffer takes tty->lock with interrupts disabled.
 */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/uio.h>
#include <linux/poll.h>
#include <uapi/linux/termios.h>

struct task_struct;

#define N_TTY_BUF_SIZE	4096
#define TTYAUX_MAJOR	5	/* 5:0 /dev/tty, 5:1 /dev/console */

struct tty_struct {
	struct termios termios;
	struct winsize winsize;		/* a serial line knows no size: 0 x 0 */
	spinlock_t lock;
	wait_queue_head_t read_wait;
	void (*put_char)(char c);	/* the hardware: serial_putc() */

	dev_t dev;			/* its device number (5:1, the console) */
	pid_t session;			/* the session it controls, 0: none */
	pid_t pgrp;			/* its foreground process group */

	size_t read_head, canon_head, read_tail;
	unsigned char read_buf[N_TTY_BUF_SIZE];
	unsigned long read_flags[N_TTY_BUF_SIZE / 64];
};

/* drivers/tty/tty_jobctrl.c */
long tty_jobctrl_ioctl(struct tty_struct *tty, unsigned int cmd, unsigned long arg);
void proc_clear_tty(struct task_struct *p);
void disassociate_ctty(void);
void tty_kill_pgrp(struct tty_struct *tty, int sig);

/* drivers/tty/n_tty.c */
void n_tty_init(struct tty_struct *tty);
void n_tty_receive_char(struct tty_struct *tty, unsigned char c);
ssize_t n_tty_read(struct tty_struct *tty, struct iov_iter *to, bool nonblock);
ssize_t n_tty_write(struct tty_struct *tty, struct iov_iter *from);
void n_tty_flush_input(struct tty_struct *tty);
__poll_t n_tty_poll(struct tty_struct *tty, struct file *file, poll_table *wait);

#endif /* _LINUX_TTY_H */
