// SPDX-License-Identifier: GPL-2.0
/*
 * tty_jobctrl.c - the controlling terminal: which session owns the
 * console and which of its process groups is in the foreground, so that
 * ^C, ^\ and ^Z reach the program running in front and not the shell
 * behind it. Mirrors drivers/tty/tty_jobctrl.c.
 *
 * A session leader takes the terminal with TIOCSCTTY (Linux never gives
 * /dev/console away implicitly on open, and neither does Pagoda); every
 * task of the session then has it as current->tty (fork copies it,
 * setsid() drops it). A shell puts each command in its own process group
 * and hands it the foreground with TIOCSPGRP (tcsetpgrp), taking it back
 * when the command is done. The line discipline sends the signal
 * characters' signals to the foreground group (n_tty.c, isig()).
 *
 * When the session leader exits, the session loses the terminal and its
 * foreground group gets SIGHUP (disassociate_ctty()). Not here:
 * SIGTTIN/SIGTTOU for background readers and writers (stop signals do
 * not stop in Pagoda) and hangups of the line itself.
 */
#include <linux/tty.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <uapi/linux/termios.h>

/* session_set_tty - every task of session @sid gets @tty (NULL: none) as its controlling terminal. */
static void session_set_tty(pid_t sid, struct tty_struct *tty)
{
	struct task_struct *p;

	for_each_process(p)
		if (p->session == sid)
			p->tty = tty;
}

/* tty_release_session - the session owning @tty loses it: the terminal is free. */
static void tty_release_session(struct tty_struct *tty)
{
	session_set_tty(tty->session, NULL);
	tty->session = tty->pgrp = 0;
}

/*
 * tiocsctty - TIOCSCTTY: the caller, a session leader without a
 * controlling terminal, takes @tty. A terminal another session owns is
 * refused (-EPERM) unless @arg is 1 (root may steal it, as here everyone is).
 */
static int tiocsctty(struct tty_struct *tty, unsigned long arg)
{
	bool leader = current->session == current->tgid;

	if (leader && current->tty == tty)
		return 0;
	if (!leader || current->tty)
		return -EPERM;
	if (tty->session) {
		if (arg != 1)
			return -EPERM;
		tty_release_session(tty);
	}
	tty->session = current->session;
	tty->pgrp = current->pgrp;
	session_set_tty(current->session, tty);
	return 0;
}

/* tiocgpgrp - TIOCGPGRP (tcgetpgrp): the foreground process group. */
static int tiocgpgrp(struct tty_struct *tty, pid_t __user *p)
{
	if (current->tty != tty)
		return -ENOTTY;
	return put_user(tty->pgrp, p);
}

/*
 * tiocspgrp - TIOCSPGRP (tcsetpgrp): make process group *@p the foreground
 * one. -ESRCH if there is no such group, -EPERM if it is another session's.
 */
static int tiocspgrp(struct tty_struct *tty, pid_t __user *p)
{
	struct task_struct *t;
	pid_t pgrp;

	if (current->tty != tty || tty->session != current->session)
		return -ENOTTY;
	if (get_user(pgrp, p))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	for_each_process(t) {
		if (!pgrp || t->pgrp != pgrp || t->exit_state)
			continue;
		if (t->session != current->session)
			return -EPERM;
		tty->pgrp = pgrp;
		return 0;
	}
	return -ESRCH;
}

/* tiocgsid - TIOCGSID (tcgetsid): the session the terminal belongs to. */
static int tiocgsid(struct tty_struct *tty, pid_t __user *p)
{
	if (current->tty != tty || !tty->session)
		return -ENOTTY;
	return put_user(tty->session, p);
}

/*
 * tiocnotty - TIOCNOTTY: the caller gives up its controlling terminal; if it
 * leads the session, the whole session does and the terminal is free.
 */
static int tiocnotty(struct tty_struct *tty)
{
	if (current->tty != tty)
		return -ENOTTY;
	if (current->session == current->tgid)
		tty_release_session(tty);
	else
		current->tty = NULL;
	return 0;
}

/**
 * tty_jobctrl_ioctl - the job-control ioctls of a terminal
 * @tty: the terminal
 * @cmd: TIOCSCTTY, TIOCGPGRP, TIOCSPGRP, TIOCGSID or TIOCNOTTY
 * @arg: the ioctl's argument
 *
 * Return: the ioctl's result, or -ENOIOCTLCMD for any other @cmd.
 */
long tty_jobctrl_ioctl(struct tty_struct *tty, unsigned int cmd, unsigned long arg)
{
	pid_t __user *p = (pid_t __user *)arg;

	switch (cmd) {
	case TIOCSCTTY:
		return tiocsctty(tty, arg);
	case TIOCGPGRP:
		return tiocgpgrp(tty, p);
	case TIOCSPGRP:
		return tiocspgrp(tty, p);
	case TIOCGSID:
		return tiocgsid(tty, p);
	case TIOCNOTTY:
		return tiocnotty(tty);
	}
	return -ENOIOCTLCMD;
}

/**
 * disassociate_ctty - the session leader exits: the session loses its
 * terminal, and a foreground process group still on it gets SIGHUP.
 */
void disassociate_ctty(void)
{
	struct tty_struct *tty = current->tty;

	if (!tty || current->session != current->tgid)
		return;
	if (tty->pgrp && tty->pgrp != current->pgrp)
		kill_pgrp(tty->pgrp, SIGHUP, 1);
	tty_release_session(tty);
}

/**
 * proc_clear_tty - setsid(): the new session starts without a terminal
 * @p: the task
 */
void proc_clear_tty(struct task_struct *p)
{
	p->tty = NULL;
}

/**
 * tty_kill_pgrp - a signal character was typed: @sig to the foreground group
 * @tty: the terminal
 * @sig: SIGINT, SIGQUIT or SIGTSTP
 *
 * Runs in the serial interrupt. The task list is walked forwards only,
 * which list_add()/list_del() keep valid at every step.
 */
void tty_kill_pgrp(struct tty_struct *tty, int sig)
{
	if (tty->pgrp)
		kill_pgrp(tty->pgrp, sig, 1);
}
