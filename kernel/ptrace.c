// SPDX-License-Identifier: GPL-2.0
/*
 * ptrace.c - the access check of ptrace, which /proc/PID/mem and
 * process_vm_readv()/process_vm_writev() ask before they touch another
 * process's memory. Mirrors __ptrace_may_access() and ptrace_may_access()
 * of kernel/ptrace.c; Pagoda has no ptrace(2) and no dumpable flag (a
 * process that changed its ids is checked by its ids alone).
 */
#include <linux/kernel.h>
#include <linux/capability.h>
#include <linux/cred.h>
#include <linux/ptrace.h>
#include <linux/sched.h>


/*
 * __ptrace_may_access - 0 if current may access @task in @mode: it is in
 * the same process; or its uid (fsuid for PTRACE_MODE_FSCREDS) equals all
 * three of @task's uids and its gid all three gids; or it has
 * CAP_SYS_PTRACE. Else -EPERM.
 */
static int __ptrace_may_access(struct task_struct *task, unsigned int mode)
{
	const struct cred *cred = &current->cred, *tcred = &task->cred;
	uid_t caller_uid = mode & PTRACE_MODE_FSCREDS ? cred->fsuid : cred->uid;
	gid_t caller_gid = mode & PTRACE_MODE_FSCREDS ? cred->fsgid : cred->gid;

	if (task->tgid == current->tgid)
		return 0;
	if (caller_uid == tcred->euid && caller_uid == tcred->suid && caller_uid == tcred->uid &&
	    caller_gid == tcred->egid && caller_gid == tcred->sgid && caller_gid == tcred->gid)
		return 0;
	return capable(CAP_SYS_PTRACE) ? 0 : -EPERM;
}

/**
 * ptrace_may_access - may current access @task?
 * @task: the task looked into
 * @mode: PTRACE_MODE_READ or _ATTACH, with _FSCREDS or _REALCREDS
 */
bool ptrace_may_access(struct task_struct *task, unsigned int mode)
{
	return !__ptrace_may_access(task, mode);
}
