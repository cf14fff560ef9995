// SPDX-License-Identifier: GPL-2.0
/*
 * cred.c - credentials: the uid/gid system calls, supplementary groups and
 * capabilities. Mirrors kernel/cred.c, the id calls of kernel/sys.c,
 * kernel/groups.c, kernel/capability.c and the commoncap rules of
 * security/commoncap.c.
 *
 * Ids follow Linux: a process with CAP_SETUID (CAP_SETGID) sets any ids;
 * one without may only move its ids among its real, effective and saved
 * ids (-EPERM otherwise); the file system id follows the effective one.
 * Capabilities follow the uid changes as commoncap does (no securebits):
 * a process whose effective uid leaves 0 loses its effective set, one
 * whose real, effective and saved uids all leave 0 loses its permitted set
 * too, and an effective uid returning to 0 brings the permitted set back
 * into effect. execve() gives root (real or effective uid 0) the full set
 * and everyone else none (Pagoda has no file capabilities, set-ID
 * executables or ambient set). Root has every capability, an unprivileged
 * process none, so capget() reports what Linux reports for them.
 *
 * What checks them: these calls, kill() (kill_ok_by_cred()), setgroups().
 * The VFS does not check file permissions (everyone may open everything).
 */
#include <linux/kernel.h>
#include <linux/cred.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>

#define _LINUX_CAPABILITY_VERSION_3	0x20080522
#define _LINUX_CAPABILITY_U32S_3	2

struct __user_cap_header_struct {
	u32 version;
	int pid;
};

struct __user_cap_data_struct {
	u32 effective, permitted, inheritable;
};

struct group_info init_groups = { .usage = ATOMIC_INIT(2) };	/* never freed */

bool capable(int cap)
{
	return current->cred.cap_effective & (1ULL << cap);
}

/* copy_creds - clone: the child starts with its parent's credentials. */
void copy_creds(struct task_struct *p)
{
	atomic_inc(&p->cred.group_info->usage);
}

static void put_group_info(struct group_info *gi)
{
	if (atomic_dec_and_test(&gi->usage))
		kfree(gi);
}

/* exit_creds - the task is freed: let go of its group list. */
void exit_creds(struct task_struct *p)
{
	put_group_info(p->cred.group_info);
}

/* cap_emulate_setxuid - commoncap: capabilities follow the uids' moves to and from 0. */
static void cap_emulate_setxuid(struct cred *new, const struct cred *old)
{
	if ((!old->uid || !old->euid || !old->suid) && (new->uid && new->euid && new->suid))
		new->cap_permitted = 0;
	if (!old->euid && new->euid)
		new->cap_effective = 0;
	if (old->euid && !new->euid)
		new->cap_effective = new->cap_permitted;
}

/* commit_uids - install @new's uids, adjusting capabilities. */
static long commit_uids(struct cred *new)
{
	struct cred *cred = &current->cred;

	new->fsuid = new->euid;
	cap_emulate_setxuid(new, cred);
	*cred = *new;
	return 0;
}

/* cap_bprm_creds_from_file - execve: root gets every capability, anyone else none. */
void cap_bprm_creds_from_file(void)
{
	struct cred *cred = &current->cred;

	cred->cap_permitted = !cred->uid || !cred->euid ? CAP_FULL_SET : 0;
	cred->cap_effective = !cred->euid ? cred->cap_permitted : 0;
}

/* kill_ok_by_cred - may current signal @t: one of its uids matches, or CAP_KILL. */
bool kill_ok_by_cred(struct task_struct *t)
{
	const struct cred *cred = &current->cred, *tcred = &t->cred;

	return cred->euid == tcred->suid || cred->euid == tcred->uid ||
	       cred->uid == tcred->suid || cred->uid == tcred->uid || capable(CAP_KILL);
}

/* one_of - is @id (not -1) one of the three ids? */
static bool one_of(u32 id, u32 a, u32 b, u32 c)
{
	return id == a || id == b || id == c;
}

SYSCALL_DEFINE0(getuid)
{
	return current->cred.uid;
}

SYSCALL_DEFINE0(geteuid)
{
	return current->cred.euid;
}

SYSCALL_DEFINE0(getgid)
{
	return current->cred.gid;
}

SYSCALL_DEFINE0(getegid)
{
	return current->cred.egid;
}

/* setuid - with CAP_SETUID all four uids, else the effective one to the real or saved one. */
SYSCALL_DEFINE1(setuid, uid_t, uid)
{
	struct cred new = current->cred;

	if (uid == (uid_t)-1)
		return -EINVAL;
	if (capable(CAP_SETUID))
		new.uid = new.suid = uid;
	else if (uid != new.uid && uid != new.suid)
		return -EPERM;
	new.euid = uid;
	return commit_uids(&new);
}

SYSCALL_DEFINE2(setreuid, uid_t, ruid, uid_t, euid)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;

	if (ruid != (uid_t)-1) {
		new.uid = ruid;
		if (ruid != old->uid && ruid != old->euid && !capable(CAP_SETUID))
			return -EPERM;
	}
	if (euid != (uid_t)-1) {
		new.euid = euid;
		if (!one_of(euid, old->uid, old->euid, old->suid) && !capable(CAP_SETUID))
			return -EPERM;
	}
	if (ruid != (uid_t)-1 || (euid != (uid_t)-1 && euid != old->uid))
		new.suid = new.euid;
	return commit_uids(&new);
}

SYSCALL_DEFINE3(setresuid, uid_t, ruid, uid_t, euid, uid_t, suid)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;
	uid_t ids[3] = { ruid, euid, suid };

	for (int i = 0; i < 3; i++)
		if (ids[i] != (uid_t)-1 && !one_of(ids[i], old->uid, old->euid, old->suid) &&
		    !capable(CAP_SETUID))
			return -EPERM;
	if (ruid != (uid_t)-1)
		new.uid = ruid;
	if (euid != (uid_t)-1)
		new.euid = euid;
	if (suid != (uid_t)-1)
		new.suid = suid;
	return commit_uids(&new);
}

SYSCALL_DEFINE1(setgid, gid_t, gid)
{
	struct cred *cred = &current->cred;

	if (gid == (gid_t)-1)
		return -EINVAL;
	if (capable(CAP_SETGID))
		cred->gid = cred->sgid = gid;
	else if (gid != cred->gid && gid != cred->sgid)
		return -EPERM;
	cred->egid = cred->fsgid = gid;
	return 0;
}

SYSCALL_DEFINE2(setregid, gid_t, rgid, gid_t, egid)
{
	struct cred *cred = &current->cred, old = *cred;

	if (rgid != (gid_t)-1 && rgid != old.gid && rgid != old.egid && !capable(CAP_SETGID))
		return -EPERM;
	if (egid != (gid_t)-1 && !one_of(egid, old.gid, old.egid, old.sgid) && !capable(CAP_SETGID))
		return -EPERM;
	if (rgid != (gid_t)-1)
		cred->gid = rgid;
	if (egid != (gid_t)-1)
		cred->egid = egid;
	if (rgid != (gid_t)-1 || (egid != (gid_t)-1 && egid != old.gid))
		cred->sgid = cred->egid;
	cred->fsgid = cred->egid;
	return 0;
}

SYSCALL_DEFINE3(setresgid, gid_t, rgid, gid_t, egid, gid_t, sgid)
{
	struct cred *cred = &current->cred;
	gid_t ids[3] = { rgid, egid, sgid };

	for (int i = 0; i < 3; i++)
		if (ids[i] != (gid_t)-1 && !one_of(ids[i], cred->gid, cred->egid, cred->sgid) &&
		    !capable(CAP_SETGID))
			return -EPERM;
	if (rgid != (gid_t)-1)
		cred->gid = rgid;
	if (egid != (gid_t)-1)
		cred->egid = egid;
	if (sgid != (gid_t)-1)
		cred->sgid = sgid;
	cred->fsgid = cred->egid;
	return 0;
}

/* put_three_ids - getresuid()/getresgid(): real, effective, saved. */
static long put_three_ids(u32 r, u32 e, u32 s, u32 __user *rp, u32 __user *ep, u32 __user *sp)
{
	if (put_user(r, rp) || put_user(e, ep) || put_user(s, sp))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid, uid_t __user *, ruidp, uid_t __user *, euidp, uid_t __user *, suidp)
{
	const struct cred *c = &current->cred;

	return put_three_ids(c->uid, c->euid, c->suid, ruidp, euidp, suidp);
}

SYSCALL_DEFINE3(getresgid, gid_t __user *, rgidp, gid_t __user *, egidp, gid_t __user *, sgidp)
{
	const struct cred *c = &current->cred;

	return put_three_ids(c->gid, c->egid, c->sgid, rgidp, egidp, sgidp);
}

/* setfsuid - the old file system uid; the new one only if it is one of the ids, or CAP_SETUID. */
SYSCALL_DEFINE1(setfsuid, uid_t, uid)
{
	struct cred *c = &current->cred;
	uid_t old = c->fsuid;

	if (one_of(uid, c->uid, c->euid, c->suid) || uid == c->fsuid || capable(CAP_SETUID))
		c->fsuid = uid;
	return old;
}

SYSCALL_DEFINE1(setfsgid, gid_t, gid)
{
	struct cred *c = &current->cred;
	gid_t old = c->fsgid;

	if (one_of(gid, c->gid, c->egid, c->sgid) || gid == c->fsgid || capable(CAP_SETGID))
		c->fsgid = gid;
	return old;
}

/* getgroups - the supplementary groups, sorted; with size 0 just how many. */
SYSCALL_DEFINE2(getgroups, int, gidsetsize, gid_t __user *, grouplist)
{
	const struct group_info *gi = current->cred.group_info;

	if (gidsetsize < 0)
		return -EINVAL;
	if (!gidsetsize)
		return gi->ngroups;
	if (gidsetsize < gi->ngroups)
		return -EINVAL;
	if (copy_to_user(grouplist, gi->gid, gi->ngroups * sizeof(gid_t)))
		return -EFAULT;
	return gi->ngroups;
}

static int gid_cmp(gid_t a, gid_t b)
{
	return a < b ? -1 : a > b;
}

/* groups_sort - insertion sort: lists are short, and Linux keeps them sorted too. */
static void groups_sort(struct group_info *gi)
{
	for (int i = 1; i < gi->ngroups; i++) {
		gid_t g = gi->gid[i];
		int j = i;

		for (; j > 0 && gid_cmp(gi->gid[j - 1], g) > 0; j--)
			gi->gid[j] = gi->gid[j - 1];
		gi->gid[j] = g;
	}
}

/* setgroups - a new supplementary group list (CAP_SETGID; at most NGROUPS_MAX). */
SYSCALL_DEFINE2(setgroups, int, gidsetsize, gid_t __user *, grouplist)
{
	struct group_info *gi;

	if (!capable(CAP_SETGID))
		return -EPERM;
	if ((unsigned int)gidsetsize > NGROUPS_MAX)
		return -EINVAL;
	gi = kmalloc(sizeof(*gi) + gidsetsize * sizeof(gid_t), GFP_KERNEL);
	if (!gi)
		return -ENOMEM;
	atomic_set(&gi->usage, 1);
	gi->ngroups = gidsetsize;
	if (copy_from_user(gi->gid, grouplist, gidsetsize * sizeof(gid_t))) {
		kfree(gi);
		return -EFAULT;
	}
	groups_sort(gi);
	put_group_info(current->cred.group_info);
	current->cred.group_info = gi;
	return 0;
}

/* cap_validate_magic - version 3 only; else the preferred version is written back, -EINVAL. */
static int cap_validate_magic(struct __user_cap_header_struct __user *header)
{
	u32 version;

	if (get_user(version, &header->version))
		return -EFAULT;
	if (version == _LINUX_CAPABILITY_VERSION_3)
		return 0;
	if (put_user((u32)_LINUX_CAPABILITY_VERSION_3, &header->version))
		return -EFAULT;
	return -EINVAL;
}

SYSCALL_DEFINE2(capget, struct __user_cap_header_struct __user *, header,
		struct __user_cap_data_struct __user *, dataptr)
{
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	struct task_struct *t = current;
	int ret = cap_validate_magic(header), pid;

	if (ret)
		return ret;
	if (get_user(pid, &header->pid))
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	if (pid && pid != current->pid && !(t = find_task_by_pid(pid)))
		return -ESRCH;
	if (!dataptr)
		return 0;
	for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; i++)
		data[i] = (struct __user_cap_data_struct){
			.effective = t->cred.cap_effective >> (32 * i),
			.permitted = t->cred.cap_permitted >> (32 * i),
			.inheritable = t->cred.cap_inheritable >> (32 * i),
		};
	return copy_to_user(dataptr, data, sizeof(data)) ? -EFAULT : 0;
}

/*
 * capset - the caller's own sets: the inheritable set within the old
 * inheritable and permitted ones (unless CAP_SETPCAP), the permitted set
 * within the old, the
 * effective set within the new permitted one (-EPERM otherwise).
 */
SYSCALL_DEFINE2(capset, struct __user_cap_header_struct __user *, header,
		const struct __user_cap_data_struct __user *, data)
{
	struct __user_cap_data_struct d[_LINUX_CAPABILITY_U32S_3];
	struct cred *c = &current->cred;
	kernel_cap_t e = 0, p = 0, inh = 0;
	int ret = cap_validate_magic(header), pid;

	if (ret)
		return ret;
	if (get_user(pid, &header->pid))
		return -EFAULT;
	if (pid && pid != current->pid)
		return -EPERM;
	if (copy_from_user(d, data, sizeof(d)))
		return -EFAULT;
	for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; i++) {
		e |= (kernel_cap_t)d[i].effective << (32 * i);
		p |= (kernel_cap_t)d[i].permitted << (32 * i);
		inh |= (kernel_cap_t)d[i].inheritable << (32 * i);
	}
	e &= CAP_FULL_SET;
	p &= CAP_FULL_SET;
	inh &= CAP_FULL_SET;
	if (((inh & ~(c->cap_inheritable | c->cap_permitted)) && !capable(CAP_SETPCAP)) ||
	    (p & ~c->cap_permitted) || (e & ~p))
		return -EPERM;
	c->cap_effective = e;
	c->cap_permitted = p;
	c->cap_inheritable = inh;
	return 0;
}
