// SPDX-License-Identifier: GPL-2.0
/*
 * tty_io.c - the console terminal device, /dev/console (5:1): the serial
 * port with the N_TTY line discipline, and its termios ioctls; /dev/tty
 * (5:0), the opener's controlling terminal. Mirrors
 * drivers/tty/tty_io.c and tty_ioctl.c for one terminal; and
 * console_on_rootfs() from init/main.c, which gives the first process its
 * standard input, output and error.
 */
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/tty.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <asm/serial.h>
#include "internal.h"

static struct tty_struct console_tty;

static ssize_t tty_read(struct kiocb *iocb, struct iov_iter *to)
{
	return n_tty_read(&console_tty, to, iocb->ki_flags & IOCB_NOWAIT);
}

static ssize_t tty_write(struct kiocb *iocb, struct iov_iter *from)
{
	return n_tty_write(&console_tty, from);
}

/* set_termios - TCSETS*: new settings (TCSETSF also drops pending input). */
static long set_termios(struct tty_struct *tty, unsigned int cmd, void __user *arg)
{
	struct termios tmp;

	if (copy_from_user(&tmp, arg, sizeof(tmp)))
		return -EFAULT;
	if (cmd == TCSETSF)
		n_tty_flush_input(tty);
	tty->termios = tmp;
	return 0;
}

/* tty_ioctl - termios, window size and job control; anything else is not for a tty. */
static long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = &console_tty;
	void __user *p = (void __user *)arg;
	long ret;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &tty->termios, sizeof(tty->termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(tty, cmd, p);
	case TIOCGWINSZ:
		return copy_to_user(p, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty->winsize, p, sizeof(tty->winsize)) ? -EFAULT : 0;
	}
	ret = tty_jobctrl_ioctl(tty, cmd, arg);
	return ret == -ENOIOCTLCMD ? -ENOTTY : ret;
}

static __poll_t tty_poll(struct file *file, poll_table *wait)
{
	return n_tty_poll(&console_tty, file, wait);
}

/* tty_open - a terminal is a stream: no positioned I/O. */
static int tty_open(struct inode *inode, struct file *file)
{
	file->f_mode &= ~(FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

static const struct file_operations console_fops = {
	.llseek = no_llseek,
	.read_iter = tty_read,
	.write_iter = tty_write,
	.unlocked_ioctl = tty_ioctl,
	.poll = tty_poll,
	.open = tty_open,
};

/*
 * tty_open_current_tty - /dev/tty (5:0) is the opener's controlling
 * terminal (-ENXIO without one): here always the console.
 */
static int tty_open_current_tty(struct inode *inode, struct file *file)
{
	if (!current->tty)
		return -ENXIO;
	file->f_op = &console_fops;
	return tty_open(inode, file);
}

static const struct file_operations tty_fops = {
	.open = tty_open_current_tty,
};

static void console_receive(unsigned char c)
{
	n_tty_receive_char(&console_tty, c);
}

/* tty_init - the console terminal: settings, device 5:1, the UART's input. */
void tty_init(void)
{
	n_tty_init(&console_tty);
	console_tty.put_char = serial_putc;
	console_tty.dev = MKDEV(TTYAUX_MAJOR, 1);
	BUG_ON(__register_chrdev(TTYAUX_MAJOR, 1, 1, "console", &console_fops));
	BUG_ON(__register_chrdev(TTYAUX_MAJOR, 0, 1, "tty", &tty_fops));
	serial_set_rx_handler(console_receive);
}

/**
 * console_on_rootfs - open /dev/console as fds 0, 1 and 2 of the current
 * task (the future init), as Linux's init/main.c does. Needs the
 * initramfs's /dev/console node (populate_rootfs()).
 */
void console_on_rootfs(void)
{
	struct file *file = filp_open("/dev/console", O_RDWR, 0);

	if (IS_ERR(file)) {
		pr_err("Warning: unable to open an initial console.\n");
		return;
	}
	for (int i = 0; i < 3; i++) {
		int fd = get_unused_fd_flags(0);

		if (fd >= 0)
			fd_install(fd, get_file(file));
	}
	fput(file);
}
