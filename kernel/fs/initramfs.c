// SPDX-License-Identifier: GPL-2.0
/*
 * initramfs.c - unpack the initramfs, a "newc" cpio archive that GRUB
 * loaded as boot module 0, into the root ramfs. Mirrors init/initramfs.c.
 *
 * A newc archive is a sequence of entries, each a 110-byte header of
 * ASCII hex fields, the NUL-terminated path name and the data (a file's
 * content, a symlink's target), name and data each padded to 4 bytes. The
 * entry "TRAILER!!!" ends it; NUL padding between archives is skipped.
 * Paths are relative ("bin/sh", "." for the root) and resolved from the
 * cwd, so the archive unpacks wherever the unpacker stands (boot: "/").
 *
 * Each entry is created with its mode exactly (no umask), then gets its
 * owner and mtime. Directories, regular files, device nodes and symlinks
 * are supported; hard links (an inode number seen twice) are unpacked as
 * separate copies. The archive's pages are then given back to the page
 * allocator, unless the command line says retain_initrd (as Linux's; it
 * also shows the kept archive as /sys/firmware/initrd, which Pagoda does
 * not).
 */
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/printk.h>
#include <linux/multiboot2.h>
#include "internal.h"

#define CPIO_HDR_LEN	110
#define CPIO_TRAILER	"TRAILER!!!"

enum { C_INO, C_MODE, C_UID, C_GID, C_NLINK, C_MTIME, C_FILESIZE, C_MAJ, C_MIN,
       C_RMAJ, C_RMIN, C_NAMESIZE, C_CHKSUM, C_NFIELDS };

struct cpio_entry {
	unsigned long f[C_NFIELDS];
	const char *name;
	const char *body;	/* f[C_FILESIZE] bytes */
};

/* parse_header - the 13 hex fields after the magic "070701" (or "070702"). */
static int parse_header(const char *p, struct cpio_entry *e)
{
	if (memcmp(p, "07070", 5) || (p[5] != '1' && p[5] != '2'))
		return -EINVAL;
	for (int i = 0; i < C_NFIELDS; i++) {
		unsigned long v = 0;

		for (const char *h = p + 6 + 8 * i; h < p + 14 + 8 * i; h++) {
			int digit = *h >= '0' && *h <= '9' ? *h - '0' :
				    (*h | 0x20) >= 'a' && (*h | 0x20) <= 'f' ? (*h | 0x20) - 'a' + 10 :
				    -1;

			if (digit < 0)
				return -EINVAL;
			v = v * 16 + digit;
		}
		e->f[i] = v;
	}
	return 0;
}

/* set_attrs - owner, mtime and (but for symlinks) the exact mode. */
static int set_attrs(struct dentry *dentry, const struct cpio_entry *e)
{
	struct iattr attr = {
		.ia_valid = ATTR_UID | ATTR_GID | ATTR_MTIME | ATTR_MTIME_SET,
		.ia_mode = e->f[C_MODE],
		.ia_uid = e->f[C_UID],
		.ia_gid = e->f[C_GID],
		.ia_mtime.tv_sec = e->f[C_MTIME],
	};
	int err;

	if (!S_ISLNK(e->f[C_MODE]))
		attr.ia_valid |= ATTR_MODE;
	inode_lock(dentry->d_inode);
	err = notify_change(dentry, &attr);
	inode_unlock(dentry->d_inode);
	return err;
}

/* write_body - a new regular file's content. */
static int write_body(struct path *parent, struct dentry *dentry, const struct cpio_entry *e)
{
	struct path path = { parent->mnt, dentry };
	struct file *file = dentry_open(&path, O_WRONLY);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(file))
		return PTR_ERR(file);
	n = kernel_write(file, e->body, e->f[C_FILESIZE], &pos);
	fput(file);
	return n == (ssize_t)e->f[C_FILESIZE] ? 0 : n < 0 ? n : -ENOSPC;
}

/* create_entry - make the file @e describes, in its parent (locked). */
static int create_entry(struct path *parent, struct dentry *dentry, const struct cpio_entry *e)
{
	struct inode *dir = parent->dentry->d_inode;
	umode_t mode = e->f[C_MODE];
	char *target;
	int err;

	switch (mode & S_IFMT) {
	case S_IFDIR:
		return vfs_mkdir(dir, dentry, mode);
	case S_IFREG:
		err = vfs_create(dir, dentry, mode);
		return err ? err : write_body(parent, dentry, e);
	case S_IFLNK:
		target = kmalloc(e->f[C_FILESIZE] + 1, GFP_KERNEL);
		if (!target)
			return -ENOMEM;
		memcpy(target, e->body, e->f[C_FILESIZE]);
		target[e->f[C_FILESIZE]] = '\0';
		err = vfs_symlink(dir, dentry, target);
		kfree(target);
		return err;
	default:
		return vfs_mknod(dir, dentry, mode, MKDEV(e->f[C_RMAJ], e->f[C_RMIN]));
	}
}

/* do_entry - one archive member: "." is the directory we unpack into. */
static int do_entry(const struct cpio_entry *e)
{
	struct dentry *dentry;
	struct path parent;
	int err;

	if (!strcmp(e->name, ".")) {
		err = kern_path(".", 0, &parent);
		if (!err) {
			err = set_attrs(parent.dentry, e);
			path_put(&parent);
		}
		return err;
	}
	dentry = kern_path_create(AT_FDCWD, e->name, &parent, 0);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	err = create_entry(&parent, dentry, e);
	if (!err)
		err = set_attrs(dentry, e);
	done_path_create(&parent, dentry);
	return err;
}

/**
 * unpack_to_rootfs - unpack the newc archive(s) in [@buf, @buf + @len)
 * into the current directory
 *
 * Returns 0, or -EINVAL for a malformed archive (entries before the error
 * stay), or the error of the first entry that could not be created.
 */
int unpack_to_rootfs(const char *buf, unsigned long len)
{
	unsigned long pos = 0;

	while (pos < len) {
		struct cpio_entry e;
		unsigned long namesize, next;
		int err;

		if (!buf[pos]) {		/* padding between archives */
			pos = ALIGN(pos + 1, 4);
			continue;
		}
		if (len - pos < CPIO_HDR_LEN || parse_header(buf + pos, &e))
			return -EINVAL;
		namesize = e.f[C_NAMESIZE];
		e.name = buf + pos + CPIO_HDR_LEN;
		e.body = buf + ALIGN(pos + CPIO_HDR_LEN + namesize, 4);
		next = ALIGN(e.body - buf + e.f[C_FILESIZE], 4);
		if (!namesize || namesize > PATH_MAX || e.body - buf > len ||
		    e.f[C_FILESIZE] > len - (e.body - buf) || e.name[namesize - 1])
			return -EINVAL;
		if (!strcmp(e.name, CPIO_TRAILER)) {
			pos = next;
			continue;
		}
		err = do_entry(&e);
		if (err) {
			pr_err("initramfs: cannot create %s: error %d\n", e.name, err);
			return err;
		}
		pos = next;
	}
	return 0;
}

static bool do_retain_initrd;	/* retain_initrd: keep the archive's pages */

static int __init retain_initrd_param(char *str)
{
	do_retain_initrd = true;
	return 1;
}
__setup("retain_initrd", retain_initrd_param);

/**
 * populate_rootfs - unpack boot module 0 into "/" and free its pages
 * (unless retain_initrd)
 *
 * Call after vfs_caches_init(), with the current task's cwd at "/".
 */
void populate_rootfs(void)
{
	struct boot_module *m = &boot_modules[0];
	int err;

	if (!nr_boot_modules) {
		pr_warn("initramfs: no boot module, / stays empty\n");
		return;
	}
	pr_info("Trying to unpack rootfs image as initramfs...\n");
	err = unpack_to_rootfs(__va(m->start), m->end - m->start);
	if (err)
		pr_err("Initramfs unpacking failed: error %d\n", err);
	if (!do_retain_initrd)
		free_reserved_area(__va(m->start), __va(m->end), -1, "initrd");
}
