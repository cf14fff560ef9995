// SPDX-License-Identifier: GPL-2.0
/*
 * n_tty.c - the N_TTY line discipline: canonical line editing, echo, and
 * output post-processing, and the signal characters (^C SIGINT, ^\ SIGQUIT,
 * ^Z SIGTSTP to the foreground process group, tty_jobctrl.c). Mirrors
 * drivers/tty/n_tty.c (no flow control, no tab echo rules).
 * See tty.h for the buffer layout.
 */
#include <linux/tty.h>
#include <linux/sched.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/signal.h>

#define L_ICANON(tty)	((tty)->termios.c_lflag & ICANON)
#define L_ECHO(tty)	((tty)->termios.c_lflag & ECHO)
#define L_ISIG(tty)	((tty)->termios.c_lflag & ISIG)
#define L_NOFLSH(tty)	((tty)->termios.c_lflag & NOFLSH)
#define L_ECHOCTL(tty)	((tty)->termios.c_lflag & ECHOCTL)
#define I_ICRNL(tty)	((tty)->termios.c_iflag & ICRNL)
#define I_IGNCR(tty)	((tty)->termios.c_iflag & IGNCR)
#define O_OPOST(tty)	((tty)->termios.c_oflag & OPOST)
#define O_ONLCR(tty)	((tty)->termios.c_oflag & ONLCR)

#define READ_CHUNK	128	/* bytes moved out from under the lock at once */

/* The default terminal settings: Linux's tty_std_termios. */
static const struct termios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD | HUPCL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = {
		[VINTR] = 'C' - '@', [VQUIT] = '\\' - '@', [VERASE] = 0177,
		[VKILL] = 'U' - '@', [VEOF] = 'D' - '@', [VMIN] = 1,
		[VSTART] = 'Q' - '@', [VSTOP] = 'S' - '@', [VSUSP] = 'Z' - '@',
		[VREPRINT] = 'R' - '@', [VDISCARD] = 'O' - '@', [VWERASE] = 'W' - '@',
		[VLNEXT] = 'V' - '@',
	},
};

static unsigned char *buf_at(struct tty_struct *tty, size_t n)
{
	return &tty->read_buf[n % N_TTY_BUF_SIZE];
}

static bool is_line_end(struct tty_struct *tty, size_t n)
{
	n %= N_TTY_BUF_SIZE;
	return tty->read_flags[n / 64] & (1UL << (n % 64));
}

static void set_line_end(struct tty_struct *tty, size_t n, bool on)
{
	n %= N_TTY_BUF_SIZE;
	if (on)
		tty->read_flags[n / 64] |= 1UL << (n % 64);
	else
		tty->read_flags[n / 64] &= ~(1UL << (n % 64));
}

/* tty_put_char - one character out, with ONLCR's "\n" -> "\r\n". */
static void tty_put_char(struct tty_struct *tty, unsigned char c)
{
	if (c == '\n' && O_OPOST(tty) && O_ONLCR(tty))
		tty->put_char('\r');
	tty->put_char(c);
}

static void echo_char(struct tty_struct *tty, unsigned char c)
{
	if (L_ECHO(tty))
		tty_put_char(tty, c);
}

/* echo_erase - take the last character back on the screen: "\b \b". */
static void echo_erase(struct tty_struct *tty)
{
	if (L_ECHO(tty)) {
		tty->put_char('\b');
		tty->put_char(' ');
		tty->put_char('\b');
	}
}

/* echo_ctl_char - a control character as ECHOCTL shows it: ^C for 0x03. */
static void echo_ctl_char(struct tty_struct *tty, unsigned char c)
{
	if (!L_ECHO(tty))
		return;
	if (L_ECHOCTL(tty) && c < 0x20) {
		tty->put_char('^');
		c ^= 0100;
	}
	tty->put_char(c);
}

/* signal_of - the signal a typed character raises under ISIG, or 0. */
static int signal_of(struct tty_struct *tty, unsigned char c)
{
	const cc_t *cc = tty->termios.c_cc;

	if (!L_ISIG(tty) || !c)		/* a 0 in c_cc disables the character */
		return 0;
	if (c == cc[VINTR])
		return SIGINT;
	if (c == cc[VQUIT])
		return SIGQUIT;
	if (c == cc[VSUSP])
		return SIGTSTP;
	return 0;
}

/*
 * n_tty_receive_signal_char - ^C, ^\ or ^Z: signal the foreground process
 * group, drop the input not yet read (unless NOFLSH) and echo the character.
 */
static void n_tty_receive_signal_char(struct tty_struct *tty, int sig, unsigned char c)
{
	tty_kill_pgrp(tty, sig);
	if (!L_NOFLSH(tty))
		tty->read_tail = tty->canon_head = tty->read_head;
	echo_ctl_char(tty, c);
}

/* n_tty_init - an empty buffer and the default settings. */
void n_tty_init(struct tty_struct *tty)
{
	tty->termios = tty_std_termios;
	spin_lock_init(&tty->lock);
	init_waitqueue_head(&tty->read_wait);
	tty->read_head = tty->canon_head = tty->read_tail = 0;
}

/* put_char_in_buf - store @c; false if only a line end still fits. */
static bool put_char_in_buf(struct tty_struct *tty, unsigned char c, bool line_end)
{
	size_t used = tty->read_head - tty->read_tail;

	if (used >= N_TTY_BUF_SIZE || (!line_end && used >= N_TTY_BUF_SIZE - 1))
		return false;
	*buf_at(tty, tty->read_head) = c;
	set_line_end(tty, tty->read_head, line_end);
	tty->read_head++;
	return true;
}

/* receive_canon - @c in canonical mode: edit the line or complete it. */
static void receive_canon(struct tty_struct *tty, unsigned char c)
{
	const cc_t *cc = tty->termios.c_cc;

	if (c == cc[VERASE] || c == '\b') {
		if (tty->read_head != tty->canon_head) {
			tty->read_head--;
			echo_erase(tty);
		}
		return;
	}
	if (c == cc[VKILL]) {
		while (tty->read_head != tty->canon_head) {
			tty->read_head--;
			echo_erase(tty);
		}
		return;
	}
	if (c == '\n' || c == cc[VEOF] || (c == cc[VEOL] && c)) {
		if (!put_char_in_buf(tty, c, true))
			return;
		if (c != cc[VEOF])
			echo_char(tty, c);
		tty->canon_head = tty->read_head;
		wake_up_interruptible(&tty->read_wait);
		return;
	}
	if (put_char_in_buf(tty, c, false))
		echo_char(tty, c);
}

/**
 * n_tty_receive_char - a character typed on the terminal
 *
 * Called from the serial interrupt handler: must not sleep.
 */
void n_tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	unsigned long flags;
	int sig;

	spin_lock_irqsave(&tty->lock, flags);
	if (c == '\r' && I_IGNCR(tty))
		goto out;
	if (c == '\r' && I_ICRNL(tty))
		c = '\n';
	sig = signal_of(tty, c);
	if (sig) {
		n_tty_receive_signal_char(tty, sig, c);
	} else if (L_ICANON(tty)) {
		receive_canon(tty, c);
	} else if (put_char_in_buf(tty, c, false)) {
		echo_char(tty, c);
		wake_up_interruptible(&tty->read_wait);
	}
out:
	spin_unlock_irqrestore(&tty->lock, flags);
}

static bool input_available(struct tty_struct *tty)
{
	size_t end = L_ICANON(tty) ? READ_ONCE(tty->canon_head) : READ_ONCE(tty->read_head);

	return end != READ_ONCE(tty->read_tail);
}

/**
 * n_tty_poll - readable once input is available (a whole line in
 * canonical mode); output never blocks on the serial console
 * @tty: the terminal
 * @file: the file being polled
 * @wait: the poll table
 */
__poll_t n_tty_poll(struct tty_struct *tty, struct file *file, poll_table *wait)
{
	__poll_t mask = POLLOUT | POLLWRNORM;

	poll_wait(file, &tty->read_wait, wait);
	if (input_available(tty))
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

/*
 * take_chars - move up to @max characters out of the buffer into @kbuf, at
 * most to the end of the current line. *@line_done is set when the line
 * end (or EOF, which is consumed but not returned) was taken.
 */
static size_t take_chars(struct tty_struct *tty, unsigned char *kbuf, size_t max,
			 bool *line_done)
{
	bool canon = L_ICANON(tty);
	size_t end = canon ? tty->canon_head : tty->read_head;
	size_t n = 0;

	while (n < max && tty->read_tail != end) {
		size_t pos = tty->read_tail++;
		unsigned char c = *buf_at(tty, pos);

		if (canon && is_line_end(tty, pos)) {
			*line_done = true;
			if (c != tty->termios.c_cc[VEOF])
				kbuf[n++] = c;
			break;
		}
		kbuf[n++] = c;
	}
	return n;
}

/**
 * n_tty_read - read(2) on the terminal
 *
 * Sleeps until input is available (a complete line in canonical mode),
 * then returns at most one line; 0 for ^D at the start of a line. -EAGAIN
 * with @nonblock, -ERESTARTSYS if a signal arrives first, -EFAULT.
 */
ssize_t n_tty_read(struct tty_struct *tty, struct iov_iter *to, bool nonblock)
{
	unsigned char kbuf[READ_CHUNK];
	bool line_done = false;
	unsigned long flags;
	ssize_t done = 0;

	while (!line_done && iov_iter_count(to)) {
		size_t n, copied;

		if (!done && !input_available(tty)) {
			if (nonblock)
				return -EAGAIN;
			if (wait_event_interruptible(tty->read_wait, input_available(tty)))
				return -ERESTARTSYS;
			continue;	/* another reader may have been first */
		}
		spin_lock_irqsave(&tty->lock, flags);
		n = take_chars(tty, kbuf, min(sizeof(kbuf), iov_iter_count(to)), &line_done);
		spin_unlock_irqrestore(&tty->lock, flags);
		if (!n && !line_done && !done)
			continue;	/* nothing after all: wait again */
		if (!n)
			break;
		copied = copy_to_iter(kbuf, n, to);
		done += copied;
		if (copied < n)
			return done ? done : -EFAULT;
	}
	return done;
}

/* n_tty_write - write(2) on the terminal: straight to the hardware. */
ssize_t n_tty_write(struct tty_struct *tty, struct iov_iter *from)
{
	unsigned char kbuf[READ_CHUNK];
	ssize_t done = 0;

	while (iov_iter_count(from)) {
		size_t want = min(sizeof(kbuf), iov_iter_count(from));
		size_t n = copy_from_iter(kbuf, want, from);

		for (size_t i = 0; i < n; i++)
			tty_put_char(tty, kbuf[i]);
		done += n;
		if (n < want)
			return done ? done : -EFAULT;
	}
	return done;
}

/* n_tty_flush_input - forget everything typed and not yet read (TCSETSF). */
void n_tty_flush_input(struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	tty->read_tail = tty->canon_head = tty->read_head;
	spin_unlock_irqrestore(&tty->lock, flags);
}
