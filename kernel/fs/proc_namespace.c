// SPDX-License-Identifier: GPL-2.0
/*
 * proc_namespace.c - the mount table as /proc/PID/mounts and
 * /proc/PID/mountinfo (and /proc/mounts, a symlink to self/mounts).
 * Mirrors fs/proc_namespace.c.
 *
 * One mount namespace: every process sees the tree below its root mount,
 * the root first, then the others in the order they were mounted.
 * Options are "rw", and "relatime" for mounts made by mount(2); Pagoda's
 * file systems have no options of their own (Linux's tmpfs rootfs shows
 * its size), and no mount is shared, so mountinfo has no optional fields.
 */
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#include <linux/init.h>
#include <linux/bug.h>
#include "internal.h"

/* show_mnt_path - where @m is mounted, as the reader's root sees it. */
static void show_mnt_path(struct seq_file *p, struct mount *m)
{
	struct path path = { &m->mnt_parent->mnt, m->mnt_mountpoint };
	char buf[256], *s;

	if (m->mnt_parent == m)
		path = (struct path){ &m->mnt, m->mnt.mnt_root };
	s = d_path(&path, buf, sizeof(buf));
	seq_puts(p, IS_ERR(s) ? "?" : s);
}

static const char *mnt_opts(struct mount *m)
{
	return m->mnt.mnt_flags & MNT_RELATIME ? "rw,relatime" : "rw";
}

/* show_vfsmnt - "source mountpoint type options 0 0", as fstab has it. */
static void show_vfsmnt(struct seq_file *p, struct mount *m)
{
	seq_printf(p, "%s ", m->mnt_devname);
	show_mnt_path(p, m);
	seq_printf(p, " %s %s 0 0\n", m->mnt.mnt_sb->s_type->name, mnt_opts(m));
}

/* show_mountinfo - "id parent major:minor root mountpoint options - type source superoptions". */
static void show_mountinfo(struct seq_file *p, struct mount *m)
{
	dev_t dev = m->mnt.mnt_sb->s_dev;

	seq_printf(p, "%d %d %u:%u / ", m->mnt_id, m->mnt_parent->mnt_id, MAJOR(dev), MINOR(dev));
	show_mnt_path(p, m);
	seq_printf(p, " %s - %s %s rw\n", mnt_opts(m), m->mnt.mnt_sb->s_type->name,
		   m->mnt_devname);
}

/* show_mounts - @show each mount of @task's tree, its root mount first. */
static int show_mounts(struct seq_file *p, struct task_struct *task,
		       void (*show)(struct seq_file *, struct mount *))
{
	struct mount *m;

	if (!task->fs)
		return 0;		/* a zombie: Linux shows nothing either */
	show(p, real_mount(task->fs->root.mnt));
	list_for_each_entry(m, &mount_list, mnt_list)
		show(p, m);
	return 0;
}

static int mounts_show(struct seq_file *p, struct task_struct *task)
{
	return show_mounts(p, task, show_vfsmnt);
}

static int mountinfo_show(struct seq_file *p, struct task_struct *task)
{
	return show_mounts(p, task, show_mountinfo);
}

static int __init proc_namespace_init(void)
{
	BUG_ON(proc_pid_register("mounts", 0444, mounts_show));
	BUG_ON(proc_pid_register("mountinfo", 0444, mountinfo_show));
	proc_symlink("mounts", NULL, "self/mounts");
	return 0;
}
fs_initcall(proc_namespace_init);
