/* SPDX-License-Identifier: GPL-2.0 */
/*
 * proc_views.h - the memory-management pseudo-files' show functions, each
 * producing exactly Linux's text: /proc/buddyinfo, /proc/pagetypeinfo,
 * /proc/zoneinfo, /proc/vmstat (mm/vmstat.c) and /proc/meminfo
 * (mm/meminfo.c, Linux's fs/proc/meminfo.c).
 */
#ifndef _LINUX_PROC_VIEWS_H
#define _LINUX_PROC_VIEWS_H

struct seq_file;

int buddyinfo_show(struct seq_file *m, void *v);
int pagetypeinfo_show(struct seq_file *m, void *v);
int zoneinfo_show(struct seq_file *m, void *v);
int vmstat_show(struct seq_file *m, void *v);
int meminfo_show(struct seq_file *m, void *v);
void proc_show_at_boot(void);

#endif /* _LINUX_PROC_VIEWS_H */
