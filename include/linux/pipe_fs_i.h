/* SPDX-License-Identifier: GPL-2.0 */
/*
 * pipe_fs_i.h - a pipe's state, for kernel/fs/pipe.c and (vmsplice)
 * kernel/fs/splice.c. Mirrors include/linux/pipe_fs_i.h.
 *
 * Pagoda's pipe is a byte ring (see pipe.c): head and tail count the
 * bytes ever written and read. Data that vmsplice() put in is not copied
 * into the ring: a struct pipe_buffer holds a reference to the user's page
 * and says where in the byte stream its bytes belong (@pos). Their ring
 * bytes are left unused, so the pipe's capacity counts them like any
 * data. (In Linux every slot of the ring is a pipe_buffer, with ops
 * telling a page the pipe allocated from a user's page.)
 */
#ifndef _LINUX_PIPE_FS_I_H
#define _LINUX_PIPE_FS_I_H

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/wait.h>

#define PIPE_DEF_BUFFERS	16	/* pages in a new pipe: 64 KiB */
#define PIPE_BUF		4096	/* writes up to this size are atomic (POSIX) */

/**
 * struct pipe_buffer - pipe data that lives in a page of its own
 * @list: in the pipe's @spliced list, in stream order
 * @page: the page, referenced
 * @offset: where the data starts in @page
 * @len: its bytes
 * @pos: the byte count (head) at which the data starts in the stream
 */
struct pipe_buffer {
	struct list_head list;
	struct page *page;
	unsigned int offset, len;
	unsigned int pos;
};

struct pipe_inode_info {
	struct mutex mutex;
	wait_queue_head_t rd_wait, wr_wait;
	char **bufs;			/* ring_size pages, or NULL where nothing is */
	unsigned int ring_size;		/* pages: a power of two */
	unsigned int head;		/* bytes written so far */
	unsigned int tail;		/* bytes read so far */
	unsigned int readers, writers;	/* open ends */
	unsigned int r_counter, w_counter;	/* opens of a FIFO's ends, ever */
	struct list_head spliced;	/* struct pipe_buffer, oldest first */
};

static inline unsigned int pipe_occupancy(const struct pipe_inode_info *pipe)
{
	return pipe->head - pipe->tail;
}

/* pipe_size - how many bytes the pipe holds when full. */
static inline size_t pipe_size(const struct pipe_inode_info *pipe)
{
	return (size_t)pipe->ring_size << PAGE_SHIFT;
}

/*
 * pipe_room - how many bytes a write may add: the page being read still
 * takes its whole slot (as a pipe_buffer does in Linux), so no two pages
 * of the pipe ever share one.
 */
static inline size_t pipe_room(const struct pipe_inode_info *pipe)
{
	return pipe_size(pipe) - (pipe->head - (pipe->tail & PAGE_MASK));
}

struct pipe_inode_info *get_pipe_info(struct file *file);

#endif /* _LINUX_PIPE_FS_I_H */
