/* SPDX-License-Identifier: GPL-2.0 */
/*
 * eventpoll.h - what the VFS calls into epoll for (include/linux/eventpoll.h).
 */
#ifndef _LINUX_EVENTPOLL_H
#define _LINUX_EVENTPOLL_H

struct file;

/* eventpoll_release - @file is being closed: take it out of every epoll set. */
void eventpoll_release(struct file *file);

#endif /* _LINUX_EVENTPOLL_H */
