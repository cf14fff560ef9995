/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cred.h - who a task is and what it may do: user and group ids,
 * supplementary groups, capabilities (linux/capability.h). Mirrors
 * include/linux/cred.h;
 * implemented in kernel/cred.c.
 *
 * Linux gives each task a pointer to an immutable, refcounted struct cred
 * replaced as a whole (prepare_creds()/commit_creds()); Pagoda's task
 * embeds its struct cred, copied at clone and changed in place (one CPU,
 * no kernel preemption: nobody sees it half changed). Only the group list
 * is shared and refcounted, as in Linux.
 */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/capability.h>

#define NGROUPS_MAX	65536

struct group_info {
	atomic_t usage;
	int ngroups;
	gid_t gid[];		/* sorted */
};

struct cred {
	uid_t uid, suid, euid, fsuid;	/* real, saved, effective, file system */
	gid_t gid, sgid, egid, fsgid;
	kernel_cap_t cap_inheritable, cap_permitted, cap_effective;
	struct group_info *group_info;
};

extern struct group_info init_groups;

#define INIT_CRED { .cap_permitted = CAP_FULL_SET, .cap_effective = CAP_FULL_SET, \
		    .group_info = &init_groups }

struct task_struct;

void copy_creds(struct task_struct *p);
void exit_creds(struct task_struct *p);
void cap_bprm_creds_from_file(void);
bool kill_ok_by_cred(struct task_struct *t);

#endif /* _LINUX_CRED_H */
