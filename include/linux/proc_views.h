/* SPDX-License-Identifier: GPL-2.0 */
/*
 * proc_views.h - the memory-management pseudo-files' show functions, each
 * producing exactly Linux's text: /proc/buddyinfo, /proc/pagetypeinfo,
 * /proc/zoneinfo, /proc/vmstat (mm/vmstat.c) and /proc/meminfo
 * (mm/meminfo.c, Linux's fs/proc/meminfo.c), and a process's memory.
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

/*
 * A process's memory (mm/proc_task_mmu.c, Linux's fs/proc/task_mmu.c): the
 * Vm* lines of /proc/PID/status, and /proc/PID/maps and smaps.
 */
struct mm_struct;
struct task_struct;
void task_mem(struct seq_file *m, struct mm_struct *mm);
int proc_pid_maps_show(struct seq_file *m, struct task_struct *task);
int proc_pid_smaps_show(struct seq_file *m, struct task_struct *task);
int proc_pid_smaps_rollup_show(struct seq_file *m, struct task_struct *task);

#endif /* _LINUX_PROC_VIEWS_H */
