/* SPDX-License-Identifier: GPL-2.0 */
/*
 * internal.h - what the files of the VFS share among themselves and no
 * one else needs. Mirrors fs/internal.h and fs/mount.h.
 */
#ifndef _KERNEL_FS_INTERNAL_H
#define _KERNEL_FS_INTERNAL_H

#include <linux/fs.h>
#include <linux/kernel.h>
#include <uapi/linux/dirent.h>

struct kmem_cache;

/* PTR_ERR_OR_ZERO - 0 for a good pointer, else its error (linux/err.h). */
static inline int PTR_ERR_OR_ZERO(const void *ptr)
{
	return IS_ERR(ptr) ? PTR_ERR(ptr) : 0;
}

/* ERR_CAST - an error pointer of one type as another (linux/err.h). */
static inline void *ERR_CAST(const void *ptr)
{
	return (void *)ptr;
}

/*
 * struct mount - a vfsmount and its place in the mount tree: mounted on
 * mnt_mountpoint, a dentry of the mount mnt_parent. A mount with itself as
 * parent is a tree's root (rootfs) or an internal kern_mount().
 * mnt_count: references to this mount (each path that names it, the
 * tree's own reference while attached, each child mount's parent link).
 */
struct mount {
	struct vfsmount mnt;
	struct mount *mnt_parent;
	struct dentry *mnt_mountpoint;
	int mnt_count;
	bool mnt_attached;		/* in mount_list: reachable by lookup_mnt() */
	struct list_head mnt_list;
	int mnt_id;			/* /proc/PID/mountinfo's first field, fdinfo's mnt_id */
	char *mnt_devname;		/* mount(2)'s source, as /proc/mounts shows it */
};

extern struct list_head mount_list;	/* every attached mount, in mount order */

static inline struct mount *real_mount(struct vfsmount *mnt)
{
	return container_of(mnt, struct mount, mnt);
}

static inline bool d_can_lookup(const struct dentry *dentry)
{
	return dentry->d_inode && S_ISDIR(dentry->d_inode->i_mode);
}

/* dcache.c */
extern long nr_dentry;
struct dentry *d_alloc(struct dentry *parent, const struct qstr *name);
struct dentry *d_alloc_pseudo(struct super_block *sb, const struct qstr *name);
struct dentry *d_make_root(struct inode *root_inode);
struct dentry *d_lookup(struct dentry *parent, const struct qstr *name);
void d_instantiate(struct dentry *dentry, struct inode *inode);
void d_delete(struct dentry *dentry);
void d_move(struct dentry *dentry, struct dentry *target);
void d_exchange(struct dentry *dentry1, struct dentry *dentry2);
struct dentry *d_ancestor(struct dentry *p1, struct dentry *p2);
void d_genocide(struct dentry *root);

/* inode.c */
extern long nr_inodes;
void inode_init(void);

/* file_table.c */
extern long nr_files;
void files_init(void);
void files_cache_init(void);
struct file *alloc_empty_file(int flags);
struct file *alloc_file_clone(struct file *base, int flags, const struct file_operations *fops);

/* super.c */
struct file_system_type *get_fs_type(const char *name);
struct dentry *mount_nodev(struct file_system_type *fs_type, int flags, void *data,
			   int (*fill_super)(struct super_block *sb, void *data));
struct dentry *mount_single(struct file_system_type *fs_type, int flags, void *data,
			    int (*fill_super)(struct super_block *sb, void *data));
void deactivate_super(struct super_block *sb);
void kill_anon_super(struct super_block *sb);

/* namespace.c */
void mnt_init(void);
struct vfsmount *mntget(struct vfsmount *mnt);
void mntput(struct vfsmount *mnt);
bool follow_up(struct path *path);
void traverse_mounts(struct path *path);

/* namei.c */
#define LOOKUP_EMPTY	0x4000	/* accept "" (AT_EMPTY_PATH): the start itself */

char *getname(const char __user *filename);
void putname(char *name);
int user_path_at(int dfd, const char __user *name, unsigned int flags, struct path *path);
int at_lookup_flags(int flags, int allowed, unsigned int *lookup);	/* open.c */

int path_mount(const char *dev_name, const struct path *path, const char *type,
	       unsigned long flags, void *data);
int path_umount(struct path *path, int flags);
int do_unlinkat(int dfd, const char *name);
int do_rmdir(int dfd, const char *name);
int do_mkdirat(int dfd, const char *name, umode_t mode);

/* open.c, namei.c: opening */
struct open_flags {
	int open_flag;		/* O_* */
	umode_t mode;		/* for O_CREAT: S_IFREG | permission bits */
	int acc_mode;		/* MAY_READ | MAY_WRITE ... */
	unsigned int lookup_flags;
};

struct file *do_filp_open(int dfd, const char *pathname, const struct open_flags *op);
int vfs_open(const struct path *path, struct file *file);
int do_truncate(struct dentry *dentry, loff_t length);

/* fs_struct.c */
extern struct fs_struct init_fs;
void get_fs_root(struct fs_struct *fs, struct path *root);
void get_fs_pwd(struct fs_struct *fs, struct path *pwd);
int current_umask(void);

/* file.c */
int replace_fd(unsigned int fd, struct file *file, unsigned int flags);
int f_dupfd(unsigned int from, struct file *file, unsigned int flags);
void set_close_on_exec(unsigned int fd, int flag);
bool get_close_on_exec(unsigned int fd);

/* d_path.c */
char *simple_dname(struct dentry *dentry, char *buffer, int buflen);

/* libfs.c: helpers for RAM-based file systems */
int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync);
int init_pseudo(struct super_block *sb, unsigned long magic, const struct super_operations *ops,
		const struct dentry_operations *dops);
extern const struct file_operations simple_dir_operations;
extern const struct inode_operations simple_dir_inode_operations;
struct dentry *simple_lookup(struct inode *dir, struct dentry *dentry, unsigned int flags);
ssize_t generic_read_dir(struct kiocb *iocb, struct iov_iter *to);
int simple_unlink(struct inode *dir, struct dentry *dentry);
int simple_rmdir(struct inode *dir, struct dentry *dentry);
int simple_link(struct dentry *old_dentry, struct inode *dir, struct dentry *dentry);
int simple_rename(struct inode *old_dir, struct dentry *old_dentry, struct inode *new_dir,
		  struct dentry *new_dentry, unsigned int flags);
int simple_setattr(struct dentry *dentry, struct iattr *attr);
ssize_t simple_read_iter_from_buffer(struct kiocb *iocb, struct iov_iter *to,
				     const void *from, size_t available);
struct dentry *simple_create_dentry(struct dentry *parent, const char *name, umode_t mode,
				    const struct inode_operations *iop,
				    const struct file_operations *fop, void *private);
bool dir_emit_dots(struct file *file, struct dir_context *ctx);

static inline bool dir_emit(struct dir_context *ctx, const char *name, int namelen,
			    u64 ino, unsigned int type)
{
	return ctx->actor(ctx, name, namelen, ctx->pos, ino, type);
}

/* fs_types: the d_type of a mode */
static inline unsigned char fs_umode_to_dtype(umode_t mode)
{
	return (mode & S_IFMT) >> 12;
}

/* seq_read.c: a whole-text pseudo-file read through a seq_file */
int single_open(struct file *file, int (*show)(struct seq_file *, void *), void *data);
int single_release(struct inode *inode, struct file *file);
ssize_t seq_read_iter(struct kiocb *iocb, struct iov_iter *iter);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);

/* char_dev.c */
extern const struct file_operations def_chr_fops;

/* ramfs.c */
void init_rootfs(void);
extern struct file_system_type rootfs_fs_type;

/* initramfs.c */
int unpack_to_rootfs(const char *buf, unsigned long len);

/* pipe.c */
extern const struct file_operations pipefifo_fops;
int create_pipe_files(struct file **res, int flags);
long pipe_fcntl(struct file *file, unsigned int cmd, unsigned int arg);
void pipe_init(void);

/* the drivers and pseudo file systems vfs_caches_init() starts */
void chr_dev_init(void);
void tty_init(void);
void proc_root_init(void);
void sysfs_init(void);
void debugfs_init(void);

#endif /* _KERNEL_FS_INTERNAL_H */
