/* SPDX-License-Identifier: GPL-2.0 */
/*
 * termios.h - the terminal interface of the TCGETS/TCSETS ioctls: the
 * kernel's struct termios, struct winsize, the flag bits and the ioctl
 * numbers, with Linux's x86-64 values (include/uapi/asm-generic/termbits.h,
 * termios.h and ioctls.h). The C library's struct termios is larger; the
 * kernel reads and writes only this prefix of it.
 */
#ifndef _UAPI_LINUX_TERMIOS_H
#define _UAPI_LINUX_TERMIOS_H

typedef unsigned char cc_t;
typedef unsigned int tcflag_t;

#define NCCS 19
struct termios {
	tcflag_t c_iflag;	/* input modes */
	tcflag_t c_oflag;	/* output modes */
	tcflag_t c_cflag;	/* control modes */
	tcflag_t c_lflag;	/* local modes */
	cc_t c_line;		/* line discipline */
	cc_t c_cc[NCCS];	/* control characters */
};

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

/* c_cc indices */
#define VINTR		0
#define VQUIT		1
#define VERASE		2
#define VKILL		3
#define VEOF		4
#define VTIME		5
#define VMIN		6
#define VSWTC		7
#define VSTART		8
#define VSTOP		9
#define VSUSP		10
#define VEOL		11
#define VREPRINT	12
#define VDISCARD	13
#define VWERASE		14
#define VLNEXT		15
#define VEOL2		16

/* c_iflag */
#define IGNCR		0000200
#define ICRNL		0000400
#define IXON		0002000

/* c_oflag */
#define OPOST		0000001
#define ONLCR		0000004

/* c_cflag */
#define B38400		0000017
#define CS8		0000060
#define CREAD		0000200
#define HUPCL		0002000
#define CLOCAL		0004000

/* c_lflag */
#define ISIG		0000001
#define ICANON		0000002
#define ECHO		0000010
#define ECHOE		0000020
#define ECHOK		0000040
#define ECHONL		0000100
#define NOFLSH		0000200
#define ECHOCTL		0001000
#define ECHOKE		0004000
#define IEXTEN		0100000

/* ioctl numbers */
#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403	/* after output drains */
#define TCSETSF		0x5404	/* ... and flush pending input */
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429
#define FIONREAD	0x541B	/* bytes ready to read */
#define FIONBIO		0x5421	/* set/clear O_NONBLOCK */
#define FIONCLEX	0x5450	/* clear close-on-exec */
#define FIOCLEX		0x5451	/* set close-on-exec */

#endif /* _UAPI_LINUX_TERMIOS_H */
