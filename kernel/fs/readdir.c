// SPDX-License-Identifier: GPL-2.0
/*
 * readdir.c - getdents64(2) and getdents(2): directory entries as
 * linux_dirent64 records (or the older linux_dirent). Mirrors fs/readdir.c.
 *
 * The file system's ->iterate_shared() calls an "actor" for each entry from
 * the directory position on (dir_emit()); filldir() appends a record to
 * the user buffer and stops the walk when the next one does not fit. The
 * position (f_pos) is the file system's own: for RAM directories the index
 * of the entry, "." and ".." being 0 and 1. A record's d_off is the
 * position after it; d_reclen is a multiple of 8.
 */
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/string.h>
#include <uapi/linux/dirent.h>
#include "internal.h"

/*
 * iterate_dir - walk directory @file from ctx->pos on, under its inode
 * lock. A removed directory has no entries, not even . and ..: -ENOENT.
 */
static int iterate_dir(struct file *file, struct dir_context *ctx)
{
	struct inode *inode = file_inode(file);
	int err = -ENOENT;

	if (!file->f_op->iterate_shared)
		return -ENOTDIR;
	inode_lock_shared(inode);
	if (!IS_DEADDIR(inode)) {
		ctx->pos = file->f_pos;
		err = file->f_op->iterate_shared(file, ctx);
		file->f_pos = ctx->pos;
	}
	inode_unlock_shared(inode);
	return err;
}

struct getdents_callback {
	struct dir_context ctx;
	char __user *current_dir;
	int prev_reclen;
	int count;		/* room left in the user buffer */
	int error;
	bool old;		/* getdents(): struct linux_dirent, else linux_dirent64 */
};

/*
 * filldir - one record into the user buffer; false when it is full.
 * Both layouts start with d_ino, d_off, d_reclen; a linux_dirent64 then
 * has d_type and the name, an old linux_dirent the name and d_type in
 * the record's last byte.
 */
static bool filldir(struct dir_context *ctx, const char *name, int namlen, loff_t offset,
		    u64 ino, unsigned int d_type)
{
	struct getdents_callback *buf = container_of(ctx, struct getdents_callback, ctx);
	size_t name_off = buf->old ? offsetof(struct linux_dirent, d_name) :
				     offsetof(struct linux_dirent64, d_name);
	int reclen = ALIGN(name_off + namlen + (buf->old ? 2 : 1), sizeof(u64));
	struct linux_dirent64 __user *prev = (void __user *)(buf->current_dir - buf->prev_reclen);
	union {
		struct linux_dirent64 d;
		char bytes[sizeof(struct linux_dirent64) + NAME_MAX + 1 + sizeof(u64)];
	} rec;

	if (reclen > buf->count) {
		buf->error = -EINVAL;	/* only reported if nothing fit */
		return false;
	}
	if (buf->prev_reclen && put_user(offset, &prev->d_off))
		goto efault;
	memset(&rec, 0, reclen);
	rec.d.d_ino = ino;
	rec.d.d_off = 0;	/* set when the next record is added, or by the caller */
	rec.d.d_reclen = reclen;
	memcpy(rec.bytes + name_off, name, namlen);
	rec.bytes[buf->old ? reclen - 1 : (int)offsetof(struct linux_dirent64, d_type)] = d_type;
	if (copy_to_user(buf->current_dir, &rec, reclen))
		goto efault;
	buf->prev_reclen = reclen;
	buf->current_dir += reclen;
	buf->count -= reclen;
	return true;
efault:
	buf->error = -EFAULT;
	return false;
}

/* do_getdents - fill @dirent with records of directory @fd in either layout. */
static long do_getdents(unsigned int fd, void __user *dirent, unsigned int count, bool old)
{
	struct getdents_callback buf = {
		.ctx.actor = filldir,
		.count = count,
		.current_dir = dirent,
		.old = old,
	};
	struct file *file;
	int err;

	file = fget(fd);
	if (!file)
		return -EBADF;
	err = iterate_dir(file, &buf.ctx);
	if (err >= 0)
		err = buf.error;
	if (buf.prev_reclen) {
		struct linux_dirent64 __user *last = (void __user *)(buf.current_dir -
								     buf.prev_reclen);

		err = put_user(buf.ctx.pos, &last->d_off) ? -EFAULT : count - buf.count;
	}
	fput(file);
	return err;
}

SYSCALL_DEFINE3(getdents, unsigned int, fd, struct linux_dirent __user *, dirent,
		unsigned int, count)
{
	return do_getdents(fd, dirent, count, true);
}

SYSCALL_DEFINE3(getdents64, unsigned int, fd, struct linux_dirent64 __user *, dirent,
		unsigned int, count)
{
	return do_getdents(fd, dirent, count, false);
}
