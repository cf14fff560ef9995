/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sysctl.h - kernel tunables as files under /proc/sys. Mirrors
 * include/linux/sysctl.h.
 *
 *   static struct ctl_table vm_table[] = {
 *           { .procname = "mmap_min_addr", .data = &mmap_min_addr,
 *             .maxlen = sizeof(unsigned long), .mode = 0644,
 *             .proc_handler = proc_doulongvec_minmax },
 *   };
 *   register_sysctl("vm", vm_table, ARRAY_SIZE(vm_table));
 *
 * A handler converts between the variable and text. Simpler than Linux's
 * (which also passes a position): a read asks for the whole text -- at
 * most *lenp bytes into @buf, *lenp set to its length -- and a write hands
 * over the whole text written, NUL-terminated, *lenp bytes long ("1\n").
 * Handlers return 0 or -errno (-EINVAL for text that is not a number).
 */
#ifndef _LINUX_SYSCTL_H
#define _LINUX_SYSCTL_H

#include <linux/types.h>
#include <linux/fs.h>

struct ctl_table;

typedef int proc_handler(const struct ctl_table *table, int write, char *buf, size_t *lenp);

struct ctl_table {
	const char *procname;	/* the file's name */
	void *data;		/* the variable(s) */
	int maxlen;		/* their size in bytes: several make a vector */
	umode_t mode;
	proc_handler *proc_handler;
	void *extra1, *extra2;	/* proc_do*_minmax: &min, &max (or NULL) */
};

int register_sysctl(const char *path, struct ctl_table *table, size_t n);

proc_handler proc_dointvec;
proc_handler proc_dointvec_minmax;
proc_handler proc_doulongvec_minmax;
proc_handler proc_dostring;

#endif /* _LINUX_SYSCTL_H */
