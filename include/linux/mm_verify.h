/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm_verify.h - the memory-management invariant checker (mm/debug_vm.c),
 * Pagoda's version of the CONFIG_DEBUG_VM checks Linux scatters over
 * validate_mm(), check_mm() and the page-table and rmap sanity checks.
 *
 *   mm_verify()          check every mm on mm_list (VMA list and tree,
 *                        page tables, map and reference counts, reverse
 *                        mapping, anon_vma interval trees, RSS counters)
 *                        and the buddy free lists; print each problem with
 *                        pr_err() and return how many there were.
 *   mm_verify_enabled    set by the boot word mm_verify=on: fork and exit
 *                        then run mm_verify() after every call.
 *   mm_verify_show()     the text of /sys/kernel/debug/mm_verify: "ok\n",
 *                        or one line per problem.
 *   mm_owner_pid()       the pid to show for an mm in reports.
 */
#ifndef _LINUX_MM_VERIFY_H
#define _LINUX_MM_VERIFY_H

#include <linux/types.h>

struct seq_file;
struct mm_struct;

int mm_verify(void);
extern bool mm_verify_enabled;
int mm_verify_show(struct seq_file *m, void *v);
pid_t mm_owner_pid(struct mm_struct *mm);

#endif /* _LINUX_MM_VERIFY_H */
