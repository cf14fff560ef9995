/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs.h - the virtual file system: the objects every file system shares and
 * the VFS entry points. Mirrors include/linux/fs.h (with the pieces of
 * dcache.h, path.h, mount.h, fs_struct.h and kdev_t.h Pagoda needs).
 *
 *   super_block  one mounted file-system instance (ramfs, proc, sysfs...)
 *   inode        one file: type and mode, size, its pages, its methods
 *   dentry       one name in a directory, pointing to an inode (or to
 *                nothing: a "negative" dentry, the answer "no such file")
 *   vfsmount     where a super_block is attached in the tree
 *   path         a (vfsmount, dentry) pair: a place in the tree
 *   file         an open file: a path, a position, access mode, methods
 *
 * The dentries of a directory are its d_subdirs list. In-memory file
 * systems (ramfs, sysfs, debugfs) keep their files as dentries pinned
 * with an extra reference, exactly as Linux's ramfs does; procfs creates
 * its dentries on lookup and they go away with their last user. Unlike
 * Linux, Pagoda caches no unused dentries: dput() of the last reference to
 * an unpinned dentry frees it at once.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/rbtree.h>
#include <linux/errno.h>
#include <linux/uio.h>
#include <linux/time64.h>
#include <linux/poll.h>
#include <uapi/linux/fcntl.h>
#include <uapi/linux/stat.h>
#include <asm/page_types.h>

typedef unsigned short umode_t;
typedef unsigned int fmode_t;

struct page;
struct dentry;
struct inode;
struct file;
struct super_block;
struct seq_file;
struct task_struct;
struct files_struct;
struct pipe_inode_info;
struct vm_area_struct;

/* --- device numbers (include/linux/kdev_t.h): 12-bit major, 20-bit minor --- */
#define MINORBITS	20
#define MINORMASK	((1U << MINORBITS) - 1)
#define MAJOR(dev)	((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int)((dev) & MINORMASK))
#define MKDEV(ma, mi)	(((dev_t)(ma) << MINORBITS) | (dev_t)(mi))

/* new_encode_dev - the user-visible encoding (st_dev, st_rdev). */
static inline u32 new_encode_dev(dev_t dev)
{
	unsigned int major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

/* new_decode_dev - a device number from its user-visible encoding (mknod(2)). */
static inline dev_t new_decode_dev(u32 dev)
{
	unsigned int major = (dev & 0xfff00) >> 8, minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return MKDEV(major, minor);
}

/* --- limits --- */
#define NAME_MAX	255	/* one path component */
#define PATH_MAX	4096	/* a whole path, with its NUL */
#define MAX_RW_COUNT	(INT_MAX & PAGE_MASK)	/* the most one read/write moves */
#define MAX_LFS_FILESIZE ((loff_t)LONG_MAX)

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* --- struct file's f_mode (Linux's values) --- */
#define FMODE_READ	((fmode_t)0x1)
#define FMODE_WRITE	((fmode_t)0x2)
#define FMODE_LSEEK	((fmode_t)0x4)	/* lseek() works */
#define FMODE_PREAD	((fmode_t)0x8)	/* pread() works */
#define FMODE_PWRITE	((fmode_t)0x10)	/* pwrite() works */
#define FMODE_EXEC	((fmode_t)0x20)
#define FMODE_WRITER	((fmode_t)0x10000)	/* holds i_writecount (get_write_access) */
#define FMODE_PATH	((fmode_t)0x4000)	/* O_PATH: a handle, no I/O */
#define FMODE_OPENED	((fmode_t)0x80000)	/* ->open() succeeded: ->release() is due */

/* may_open()/inode_permission() masks (MAY_* in Linux) */
#define MAY_EXEC	0x1
#define MAY_WRITE	0x2
#define MAY_READ	0x4

/* --- names and paths --- */
struct qstr {
	const char *name;	/* not NUL-terminated while walking a path */
	u32 len;
};

#define QSTR_INIT(n, l) { .name = (n), .len = (l) }

#define DNAME_INLINE_LEN 32

struct dentry_operations {
	/* A name made up for d_path() (pipes: "pipe:[ino]"). */
	char *(*d_dname)(struct dentry *dentry, char *buf, int buflen);
};

struct dentry {
	int d_count;			/* references (one CPU, no kernel preemption) */
	unsigned int d_flags;		/* DCACHE_* */
	struct dentry *d_parent;	/* itself for a file system's root */
	struct qstr d_name;
	struct inode *d_inode;		/* NULL: a negative dentry */
	struct super_block *d_sb;
	const struct dentry_operations *d_op;
	void *d_fsdata;			/* the file system's own (proc: its entry) */
	struct list_head d_child;	/* in d_parent->d_subdirs; empty once unhashed */
	struct list_head d_subdirs;	/* our children */
	char d_iname[DNAME_INLINE_LEN];	/* short names live here */
};

#define DCACHE_MOUNTED	0x1	/* something is mounted on it */

static inline bool d_unhashed(const struct dentry *dentry)
{
	return list_empty(&dentry->d_child);
}

static inline bool d_mountpoint(const struct dentry *dentry)
{
	return dentry->d_flags & DCACHE_MOUNTED;
}

static inline bool IS_ROOT(const struct dentry *dentry)
{
	return dentry == dentry->d_parent;
}

static inline struct inode *d_inode(const struct dentry *dentry)
{
	return dentry->d_inode;
}

static inline bool d_really_is_negative(const struct dentry *dentry)
{
	return !dentry->d_inode;
}

struct vfsmount {
	struct dentry *mnt_root;	/* the root of the mounted tree */
	struct super_block *mnt_sb;
	int mnt_flags;			/* MNT_RELATIME for mount(2)'s mounts */
};

#define MNT_RELATIME	0x20

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

/* --- inodes --- */

/*
 * The page cache of one file: page i of the file is pages[i] (NULL: a hole
 * that reads as zeros). Linux keeps them in an xarray (a radix tree); a
 * growing array is enough for RAM file systems.
 *
 * i_mmap is the file's reverse map: every VMA mapping the file, in an
 * interval tree keyed by the page offsets it covers (vma_interval_tree_*,
 * mm/interval_tree.c), under i_mmap_rwsem. rmap_walk() of a page-cache page
 * and truncation (unmap_mapping_range()) look the page's index up there.
 */
struct address_space {
	struct inode *host;
	struct page **pages;
	pgoff_t nr_slots;		/* size of pages[] */
	unsigned long nrpages;		/* pages present */
	struct rb_root_cached i_mmap;	/* the VMAs mapping the file */
	struct rw_semaphore i_mmap_rwsem;	/* protects i_mmap */
	unsigned long flags;		/* AS_* bits (pagemap.h) */
};

static inline void i_mmap_lock_write(struct address_space *mapping)
{
	down_write(&mapping->i_mmap_rwsem);
}

static inline void i_mmap_unlock_write(struct address_space *mapping)
{
	up_write(&mapping->i_mmap_rwsem);
}

static inline void i_mmap_lock_read(struct address_space *mapping)
{
	down_read(&mapping->i_mmap_rwsem);
}

static inline void i_mmap_unlock_read(struct address_space *mapping)
{
	up_read(&mapping->i_mmap_rwsem);
}

/* mapping_mapped - does some VMA map the file? */
static inline bool mapping_mapped(const struct address_space *mapping)
{
	return !RB_EMPTY_ROOT(&mapping->i_mmap.rb_root);
}

struct page *find_get_page(struct address_space *mapping, pgoff_t index);	/* filemap.c */

struct iattr {
	unsigned int ia_valid;		/* ATTR_* */
	umode_t ia_mode;
	uid_t ia_uid;
	gid_t ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime;	/* with ATTR_[AM]TIME_SET; else now */
};

#define ATTR_MODE	(1 << 0)
#define ATTR_UID	(1 << 1)
#define ATTR_GID	(1 << 2)
#define ATTR_SIZE	(1 << 3)
#define ATTR_ATIME	(1 << 4)
#define ATTR_MTIME	(1 << 5)
#define ATTR_CTIME	(1 << 6)
#define ATTR_ATIME_SET	(1 << 7)
#define ATTR_MTIME_SET	(1 << 8)

struct inode {
	umode_t i_mode;
	unsigned int i_nlink;
	uid_t i_uid;
	gid_t i_gid;
	dev_t i_rdev;			/* a device node's device */
	loff_t i_size;
	unsigned long i_ino;
	atomic_t i_count;
	atomic_t i_writecount;		/* > 0: open for writing; < 0: being executed */
	unsigned int i_flags;		/* S_DEAD */
	s64 i_atime_sec, i_mtime_sec, i_ctime_sec;
	u32 i_atime_nsec, i_mtime_nsec, i_ctime_nsec;
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;	/* what open() installs */
	struct rw_semaphore i_rwsem;	/* inode_lock(): directory changes, writes */
	struct address_space *i_mapping;
	struct address_space i_data;
	union {
		struct pipe_inode_info *i_pipe;	/* a pipe */
		char *i_link;			/* a ramfs symlink's target */
	};
	void *i_private;		/* the file system's (sysfs: the attribute) */
};

/* inode->i_flags */
#define S_DEAD		(1 << 4)	/* a removed directory: nothing can be created in it */

#define IS_DEADDIR(inode)	((inode)->i_flags & S_DEAD)

static inline loff_t i_size_read(const struct inode *inode)
{
	return inode->i_size;
}

struct inode_operations {
	struct dentry *(*lookup)(struct inode *dir, struct dentry *dentry, unsigned int flags);
	/* The target of a symlink; a made-up one may be formatted into @buf. */
	const char *(*get_link)(struct dentry *dentry, struct inode *inode, char *buf, int buflen);
	int (*create)(struct inode *dir, struct dentry *dentry, umode_t mode, bool excl);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*symlink)(struct inode *dir, struct dentry *dentry, const char *target);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, umode_t mode);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	int (*mknod)(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
	int (*link)(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry);
	int (*rename)(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		      struct dentry *new_dentry, unsigned int flags);
	int (*setattr)(struct dentry *dentry, struct iattr *attr);
};

#define GET_LINK_BUF	32	/* room a get_link() may format into */

static inline void inode_lock(struct inode *inode)
{
	down_write(&inode->i_rwsem);
}

static inline void inode_unlock(struct inode *inode)
{
	up_write(&inode->i_rwsem);
}

static inline void inode_lock_shared(struct inode *inode)
{
	down_read(&inode->i_rwsem);
}

static inline void inode_unlock_shared(struct inode *inode)
{
	up_read(&inode->i_rwsem);
}

/* --- super blocks and file-system types --- */
struct super_operations {
	void (*evict_inode)(struct inode *inode);	/* last reference gone */
};

struct super_block {
	struct list_head s_list;	/* every super_block: super_blocks */
	dev_t s_dev;			/* 0:N, an anonymous device */
	unsigned long s_magic;
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root;
	const struct dentry_operations *s_d_op;	/* default for its dentries */
	int s_active;			/* mounts of it (kern_mount included) */
};

struct file_system_type {
	const char *name;
	/* The root dentry of a (new or the one shared) instance, or ERR_PTR. */
	struct dentry *(*mount)(struct file_system_type *fs_type, int flags,
				const char *dev_name, void *data);
	void (*kill_sb)(struct super_block *sb);	/* last mount gone */
	struct file_system_type *next;
};

/* --- open files --- */
struct kiocb {
	struct file *ki_filp;
	loff_t ki_pos;
	int ki_flags;			/* IOCB_* */
};

#define IOCB_APPEND	(1 << 1)
#define IOCB_NOWAIT	(1 << 7)	/* O_NONBLOCK */

struct dir_context;
/* A readdir actor: false when the caller's buffer is full. */
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen,
			  loff_t offset, u64 ino, unsigned int d_type);

struct dir_context {
	filldir_t actor;
	loff_t pos;			/* entries before this one are done */
};

struct file_operations {
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	ssize_t (*read)(struct file *file, char __user *buf, size_t count, loff_t *pos);
	ssize_t (*write)(struct file *file, const char __user *buf, size_t count, loff_t *pos);
	ssize_t (*read_iter)(struct kiocb *iocb, struct iov_iter *to);
	ssize_t (*write_iter)(struct kiocb *iocb, struct iov_iter *from);
	int (*iterate_shared)(struct file *file, struct dir_context *ctx);
	long (*unlocked_ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	__poll_t (*poll)(struct file *file, struct poll_table_struct *pt);	/* linux/poll.h */
	int (*mmap)(struct file *file, struct vm_area_struct *vma);	/* none: -ENODEV */
	int (*open)(struct inode *inode, struct file *file);
	int (*release)(struct inode *inode, struct file *file);
	int (*fsync)(struct file *file, loff_t start, loff_t end, int datasync);	/* none: -EINVAL */
};

struct file {
	struct path f_path;
	struct inode *f_inode;
	const struct file_operations *f_op;
	atomic_long_t f_count;
	unsigned int f_flags;		/* O_* as opened (O_CLOEXEC is the fd's) */
	fmode_t f_mode;			/* FMODE_* */
	loff_t f_pos;
	void *private_data;		/* the driver's (debugfs: the data pointer) */
	struct list_head f_ep;		/* the epoll items watching it (eventpoll.c) */
};

static inline struct inode *file_inode(const struct file *file)
{
	return file->f_inode;
}

/* file_mapping - the page cache of @file's inode (Linux: file->f_mapping). */
static inline struct address_space *file_mapping(const struct file *file)
{
	return file_inode(file)->i_mapping;
}

/* get_file - one more reference to an open file. */
static inline struct file *get_file(struct file *file)
{
	atomic_long_inc(&file->f_count);
	return file;
}

/* special_file - a device, FIFO or socket: its data is not the inode's own. */
static inline bool special_file(umode_t mode)
{
	return S_ISCHR(mode) || S_ISBLK(mode) || S_ISFIFO(mode) || S_ISSOCK(mode);
}

/*
 * i_writecount: > 0 is how many open files may write the inode, < 0 how
 * many running programs (mm->exe_file, an execve under way) forbid that.
 * get_write_access() (open for writing, truncate) and deny_write_access()
 * (execve) each fail with -ETXTBSY while the other side holds it.
 */
static inline int get_write_access(struct inode *inode)
{
	return atomic_inc_unless_negative(&inode->i_writecount) ? 0 : -ETXTBSY;
}

static inline void put_write_access(struct inode *inode)
{
	atomic_dec(&inode->i_writecount);
}

static inline int deny_write_access(struct file *file)
{
	return atomic_dec_unless_positive(&file_inode(file)->i_writecount) ? 0 : -ETXTBSY;
}

static inline void allow_write_access(struct file *file)
{
	if (file)
		atomic_inc(&file_inode(file)->i_writecount);
}

/* --- per-process root and current directory (fs_struct.h) --- */
struct fs_struct {
	int users;
	int umask;
	struct path root, pwd;
};

/* --- file_table.c, open.c, read_write.c: the VFS entry points --- */
struct file *filp_open(const char *filename, int flags, umode_t mode);
struct file *dentry_open(const struct path *path, int flags);
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *file, const void *buf, size_t count, loff_t *pos);
ssize_t vfs_read(struct file *file, char __user *buf, size_t count, loff_t *pos);
ssize_t vfs_write(struct file *file, const char __user *buf, size_t count, loff_t *pos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t no_llseek(struct file *file, loff_t offset, int whence);
char *file_path(struct file *file, char *buf, int buflen);
char *d_path(const struct path *path, char *buf, int buflen);
bool may_exec(struct file *file);
int vfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg);
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available);

/* --- namei.c: names to paths, and creating and removing names --- */
#define LOOKUP_FOLLOW		0x0001	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY	0x0002	/* the last component must be a directory */

int kern_path(const char *name, unsigned int flags, struct path *path);
void path_get(const struct path *path);
void path_put(const struct path *path);
int vfs_create(struct inode *dir, struct dentry *dentry, umode_t mode);
int vfs_mkdir(struct inode *dir, struct dentry *dentry, umode_t mode);
int vfs_mknod(struct inode *dir, struct dentry *dentry, umode_t mode, dev_t dev);
int vfs_symlink(struct inode *dir, struct dentry *dentry, const char *target);
int vfs_unlink(struct inode *dir, struct dentry *dentry);
int vfs_rmdir(struct inode *dir, struct dentry *dentry);
int vfs_link(struct dentry *old_dentry, struct inode *dir, struct dentry *new_dentry);
int vfs_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
	       struct dentry *new_dentry, unsigned int flags);
struct dentry *kern_path_create(int dfd, const char *name, struct path *path,
				unsigned int lookup_flags);
void done_path_create(struct path *path, struct dentry *dentry);
int notify_change(struct dentry *dentry, struct iattr *attr);

/* --- dcache.c and inode.c --- */
struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);
struct inode *new_inode(struct super_block *sb);
void iput(struct inode *inode);

/* ihold - one more reference to an inode the caller already holds. */
static inline void ihold(struct inode *inode)
{
	atomic_inc(&inode->i_count);
}
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
void file_update_time(struct file *file);
unsigned long get_next_ino(void);

/* --- fs_struct.c --- */
int copy_fs(unsigned long clone_flags, struct task_struct *tsk);
void exit_fs(struct task_struct *tsk);
void set_fs_root(struct fs_struct *fs, const struct path *path);
void set_fs_pwd(struct fs_struct *fs, const struct path *path);

/* --- char_dev.c: character devices by (major, minor) --- */
int __register_chrdev(unsigned int major, unsigned int baseminor, unsigned int count,
		      const char *name, const struct file_operations *fops);

/* --- super.c, namespace.c --- */
int register_filesystem(struct file_system_type *fs);
struct vfsmount *kern_mount(struct file_system_type *type);

/* --- boot (init/main.c's part): call in this order --- */
void vfs_caches_init(void);	/* caches, root ramfs, /proc, /sys, /dev drivers */
void populate_rootfs(void);	/* unpack the initramfs into / and free it */
void console_on_rootfs(void);	/* /dev/console as fds 0, 1, 2 of current */

#include <linux/file.h>
#include <linux/fdtable.h>

/* inode nlink helpers (fs/inode.c) */
static inline void inc_nlink(struct inode *inode)
{
	inode->i_nlink++;
}

static inline void drop_nlink(struct inode *inode)
{
	inode->i_nlink--;
}

void inode_set_mtime_ctime_now(struct inode *inode);	/* fs/inode.c */
void inode_set_ctime_current(struct inode *inode);	/* fs/inode.c */
void kill_litter_super(struct super_block *sb);		/* fs/super.c */

/* mm/filemap.c: the page cache of RAM files */
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *to);
ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from);
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);

#endif /* _LINUX_FS_H */
