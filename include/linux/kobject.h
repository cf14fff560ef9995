/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kobject.h - kernel objects as directories of /sys, their attributes as
 * files. Mirrors include/linux/kobject.h and sysfs.h.
 *
 *   static ssize_t run_show(struct kobject *kobj, struct kobj_attribute *attr,
 *                           char *buf)
 *   {
 *           return sysfs_emit(buf, "%lu\n", ksm_run);
 *   }
 *   static ssize_t run_store(struct kobject *kobj, struct kobj_attribute *attr,
 *                            const char *buf, size_t count) { ...; return count; }
 *   static struct kobj_attribute run_attr = __ATTR_RW(run);
 *   static struct attribute *ksm_attrs[] = { &run_attr.attr, NULL };
 *   static const struct attribute_group ksm_attr_group = {
 *           .name = "ksm", .attrs = ksm_attrs,
 *   };
 *   sysfs_create_group(mm_kobj, &ksm_attr_group);   -> /sys/kernel/mm/ksm/run
 *
 * show() fills a PAGE_SIZE buffer and returns the length; store() gets
 * what one write(2) wrote, NUL-terminated, and returns count or -errno.
 * Every read runs show() again (programs pread() offset 0 repeatedly).
 * Implemented in kernel/fs/sysfs.c.
 */
#ifndef _LINUX_KOBJECT_H
#define _LINUX_KOBJECT_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/fs.h>

struct dentry;

struct kobject {
	const char *name;
	struct kobject *parent;
	struct dentry *sd;	/* its sysfs directory */
};

struct attribute {
	const char *name;
	umode_t mode;
};

struct kobj_attribute {
	struct attribute attr;
	ssize_t (*show)(struct kobject *kobj, struct kobj_attribute *attr, char *buf);
	ssize_t (*store)(struct kobject *kobj, struct kobj_attribute *attr, const char *buf,
			 size_t count);
};

#define __ATTR(_name, _mode, _show, _store) {				\
	.attr = { .name = __stringify(_name), .mode = (_mode) },	\
	.show = (_show),						\
	.store = (_store),						\
}
#define __ATTR_RO(_name) __ATTR(_name, 0444, _name##_show, NULL)
#define __ATTR_WO(_name) __ATTR(_name, 0200, NULL, _name##_store)
#define __ATTR_RW(_name) __ATTR(_name, 0644, _name##_show, _name##_store)

struct attribute_group {
	const char *name;	/* a subdirectory for the group, or NULL */
	struct attribute **attrs;	/* NULL-terminated */
};

extern struct kobject *kernel_kobj;	/* /sys/kernel */
extern struct kobject *mm_kobj;		/* /sys/kernel/mm */

struct kobject *kobject_create_and_add(const char *name, struct kobject *parent);
int sysfs_create_file(struct kobject *kobj, const struct attribute *attr);
int sysfs_create_group(struct kobject *kobj, const struct attribute_group *grp);
int sysfs_create_mount_point(struct kobject *parent, const char *name);
__printf(2, 3) int sysfs_emit(char *buf, const char *fmt, ...);

#endif /* _LINUX_KOBJECT_H */
