// SPDX-License-Identifier: GPL-2.0
/*
 * sys_test.c - ktest suite "sys": the ChaCha20 block function against RFC
 * 7539, the CRNG, resource limits and usage, process groups and sessions,
 * prctl, uname, the timespec helpers, and the argument checks of the clock,
 * sleep, random and reboot system calls. A ktest runs in a kernel thread
 * without user memory, so calls that need a user buffer are only checked
 * for their errors (a kernel address is -EFAULT); user-space tests
 * (userland/tests/misc.c) check the successful paths.
 */
#include <linux/ktest.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/random.h>
#include <linux/resource.h>
#include <linux/time64.h>
#include <linux/utsname.h>
#include <crypto/chacha.h>
#include <uapi/linux/prctl.h>
#include <uapi/linux/reboot.h>

long __x64_sys_getrandom(const struct pt_regs *regs);
long __x64_sys_clock_gettime(const struct pt_regs *regs);
long __x64_sys_clock_getres(const struct pt_regs *regs);
long __x64_sys_clock_nanosleep(const struct pt_regs *regs);
long __x64_sys_nanosleep(const struct pt_regs *regs);
long __x64_sys_getpgid(const struct pt_regs *regs);
long __x64_sys_getsid(const struct pt_regs *regs);
long __x64_sys_setpgid(const struct pt_regs *regs);
long __x64_sys_setsid(const struct pt_regs *regs);
long __x64_sys_prctl(const struct pt_regs *regs);
long __x64_sys_reboot(const struct pt_regs *regs);
long __x64_sys_setuid(const struct pt_regs *regs);
long __x64_sys_setresuid(const struct pt_regs *regs);
long __x64_sys_getgroups(const struct pt_regs *regs);
long __x64_sys_sched_getaffinity(const struct pt_regs *regs);
long __x64_sys_getrusage(const struct pt_regs *regs);
long __x64_sys_prlimit64(const struct pt_regs *regs);
long __x64_sys_sysinfo(const struct pt_regs *regs);
long __x64_sys_umask(const struct pt_regs *regs);
long __x64_sys_uname(const struct pt_regs *regs);

/* SYS(name, .di = a, .si = b, ...) - call a system call's entry with these registers. */
#define SYS(name, ...) ({ struct pt_regs __regs = { __VA_ARGS__ }; __x64_sys_##name(&__regs); })

#define KERNEL_PTR	((unsigned long)&init_task)	/* a pointer access_ok() refuses */

KTEST(sys, chacha20_rfc7539_block)
{
	/* RFC 7539 2.3.2: key 00..1f, nonce 00:00:00:09:00:00:00:4a:00:00:00:00, counter 1 */
	u32 state[CHACHA_STATE_WORDS] = {
		0, 0, 0, 0,
		0x03020100, 0x07060504, 0x0b0a0908, 0x0f0e0d0c,
		0x13121110, 0x17161514, 0x1b1a1918, 0x1f1e1d1c,
		0x00000001, 0x09000000, 0x4a000000, 0x00000000,
	};
	static const u32 expected[CHACHA_STATE_WORDS] = {
		0xe4e7f110, 0x15593bd1, 0x1fdd0f50, 0xc47120a3,
		0xc7f4d1c7, 0x0368c033, 0x9aaa2204, 0x4e6cd4c3,
		0x466482d2, 0x09aa9f07, 0x05d7c214, 0xa2028bd9,
		0xd19c12b5, 0xb94e16de, 0xe883d0cb, 0x4e3c50a2,
	};
	u8 stream[CHACHA_BLOCK_SIZE];
	u32 words[CHACHA_STATE_WORDS];

	chacha_init_consts(state);
	chacha20_block(state, stream);
	memcpy(words, stream, sizeof(words));
	for (unsigned int i = 0; i < CHACHA_STATE_WORDS; i++)
		KTEST_EXPECT_EQ(t, words[i], expected[i]);
	KTEST_EXPECT_EQ(t, stream[0], 0x10);	/* serialised little-endian */
	KTEST_EXPECT_EQ(t, state[12], 2);	/* the counter advanced */
}

KTEST(sys, random_bytes)
{
	u8 a[100], b[100];
	int zeros = 0;

	memset(a, 0xaa, sizeof(a));
	get_random_bytes(a, 0);
	KTEST_EXPECT_EQ(t, a[0], 0xaa);		/* nothing written */
	get_random_bytes(a, 99);
	get_random_bytes(b, 99);
	KTEST_EXPECT_EQ(t, a[99], 0xaa);	/* not one byte more */
	KTEST_EXPECT_NE(t, memcmp(a, b, 99), 0);
	for (int i = 0; i < 99; i++)
		zeros += a[i] == 0;
	KTEST_EXPECT_LT(t, zeros, 8);
	KTEST_EXPECT_NE(t, get_random_u64(), get_random_u64());
}

KTEST(sys, getrandom_errors)
{
	KTEST_EXPECT_EQ(t, SYS(getrandom, .di = KERNEL_PTR, .si = 16, .dx = 0x100), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(getrandom, .di = KERNEL_PTR, .si = 16,
			       .dx = GRND_INSECURE | GRND_RANDOM), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(getrandom, .di = KERNEL_PTR, .si = 16, .dx = GRND_NONBLOCK), -EFAULT);
	KTEST_EXPECT_EQ(t, SYS(getrandom, .di = 0x1000, .si = 0, .dx = 0), 0);
}

KTEST(sys, init_rlimits)
{
	static const struct rlimit init_rlim[RLIM_NLIMITS] = INIT_RLIMITS;

	/* Every task inherits init_task's limits; fork_init() sets NPROC, SIGPENDING. */
	for (unsigned int r = 0; r < RLIM_NLIMITS; r++) {
		if (r == RLIMIT_NPROC || r == RLIMIT_SIGPENDING)
			continue;
		KTEST_EXPECT_EQ(t, current->rlim[r].rlim_cur, init_rlim[r].rlim_cur);
		KTEST_EXPECT_EQ(t, current->rlim[r].rlim_max, init_rlim[r].rlim_max);
	}
	KTEST_EXPECT_EQ(t, rlimit(RLIMIT_STACK), 8 * 1024 * 1024);
	KTEST_EXPECT_EQ(t, current->rlim[RLIMIT_STACK].rlim_max, RLIM_INFINITY);
	KTEST_EXPECT_EQ(t, rlimit(RLIMIT_NOFILE), 1024);
	KTEST_EXPECT_EQ(t, current->rlim[RLIMIT_NOFILE].rlim_max, 4096);
}

KTEST(sys, do_prlimit)
{
	struct rlimit saved, old, new = { 100, 50 };

	KTEST_ASSERT_EQ(t, do_prlimit(current, RLIMIT_CORE, NULL, &saved), 0);
	KTEST_EXPECT_EQ(t, do_prlimit(current, RLIM_NLIMITS, NULL, &old), -EINVAL);
	KTEST_EXPECT_EQ(t, do_prlimit(current, RLIMIT_CORE, &new, NULL), -EINVAL);
	new = (struct rlimit){ 10, NR_OPEN + 1 };
	KTEST_EXPECT_EQ(t, do_prlimit(current, RLIMIT_NOFILE, &new, NULL), -EPERM);
	new = (struct rlimit){ 4096, 8192 };
	KTEST_EXPECT_EQ(t, do_prlimit(current, RLIMIT_CORE, &new, &old), 0);
	KTEST_EXPECT_EQ(t, old.rlim_cur, saved.rlim_cur);
	KTEST_EXPECT_EQ(t, old.rlim_max, saved.rlim_max);
	KTEST_EXPECT_EQ(t, current->rlim[RLIMIT_CORE].rlim_cur, 4096);
	KTEST_EXPECT_EQ(t, current->rlim[RLIMIT_CORE].rlim_max, 8192);
	KTEST_EXPECT_EQ(t, do_prlimit(current, RLIMIT_CORE, &saved, NULL), 0);
	KTEST_EXPECT_EQ(t, SYS(prlimit64, .di = 0x7ffffff0, .si = RLIMIT_CORE), -ESRCH);
	KTEST_EXPECT_EQ(t, SYS(prlimit64, .di = 0, .si = RLIMIT_STACK, .r10 = KERNEL_PTR), -EFAULT);
	KTEST_EXPECT_EQ(t, SYS(prlimit64, .di = 0, .si = 99, .r10 = 0, .dx = 0), -EINVAL);
}

KTEST(sys, getrusage)
{
	struct task_struct *p = kzalloc(sizeof(*p), GFP_KERNEL);
	struct signal_struct sig = { .thread_head = LIST_HEAD_INIT(sig.thread_head) };
	struct task_struct *q;
	struct rusage r;
	u64 utime, stime;

	KTEST_ASSERT_NOT_NULL(t, p);
	p->signal = &sig;		/* a process of one thread */
	list_add(&p->thread_node, &sig.thread_head);
	p->utime = 1500000000;		/* 1.5 s */
	p->stime = 2000;		/* 2 us */
	p->min_flt = 10;
	p->maj_flt = 1;
	p->nvcsw = 3;
	p->nivcsw = 4;
	p->maxrss = 5;
	sig.cutime = 250000000;
	sig.cstime = 999;
	sig.cmin_flt = 100;
	sig.cmaj_flt = 7;
	sig.cnvcsw = 30;
	sig.cnivcsw = 40;
	sig.cmaxrss = 2;

	getrusage(p, RUSAGE_SELF, &r);
	KTEST_EXPECT_EQ(t, r.ru_utime.tv_sec, 1);
	KTEST_EXPECT_EQ(t, r.ru_utime.tv_usec, 500000);
	KTEST_EXPECT_EQ(t, r.ru_stime.tv_sec, 0);
	KTEST_EXPECT_EQ(t, r.ru_stime.tv_usec, 2);
	KTEST_EXPECT_EQ(t, r.ru_minflt, 10);
	KTEST_EXPECT_EQ(t, r.ru_majflt, 1);
	KTEST_EXPECT_EQ(t, r.ru_nvcsw, 3);
	KTEST_EXPECT_EQ(t, r.ru_nivcsw, 4);
	KTEST_EXPECT_EQ(t, r.ru_maxrss, 5 * 4);		/* KiB */

	getrusage(p, RUSAGE_CHILDREN, &r);
	KTEST_EXPECT_EQ(t, r.ru_utime.tv_sec, 0);
	KTEST_EXPECT_EQ(t, r.ru_utime.tv_usec, 250000);
	KTEST_EXPECT_EQ(t, r.ru_stime.tv_usec, 0);	/* 999 ns truncates */
	KTEST_EXPECT_EQ(t, r.ru_minflt, 100);
	KTEST_EXPECT_EQ(t, r.ru_maxrss, 2 * 4);

	getrusage(p, RUSAGE_BOTH, &r);
	KTEST_EXPECT_EQ(t, r.ru_utime.tv_sec, 1);
	KTEST_EXPECT_EQ(t, r.ru_utime.tv_usec, 750000);
	KTEST_EXPECT_EQ(t, r.ru_majflt, 8);
	KTEST_EXPECT_EQ(t, r.ru_nvcsw, 33);
	KTEST_EXPECT_EQ(t, r.ru_nivcsw, 44);
	KTEST_EXPECT_EQ(t, r.ru_maxrss, 5 * 4);

	/* A second live thread and the threads that ended count for the process only. */
	q = kzalloc(sizeof(*q), GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, q);
	q->signal = &sig;
	list_add_tail(&q->thread_node, &sig.thread_head);
	q->utime = 250000000;
	q->min_flt = 5;
	q->maxrss = 7;
	sig.utime = 250000000;
	sig.nvcsw = 2;
	getrusage(p, RUSAGE_SELF, &r);
	KTEST_EXPECT_EQ(t, r.ru_utime.tv_sec, 2);
	KTEST_EXPECT_EQ(t, r.ru_utime.tv_usec, 0);
	KTEST_EXPECT_EQ(t, r.ru_minflt, 15);
	KTEST_EXPECT_EQ(t, r.ru_nvcsw, 5);
	KTEST_EXPECT_EQ(t, r.ru_maxrss, 7 * 4);
	getrusage(p, RUSAGE_THREAD, &r);
	KTEST_EXPECT_EQ(t, r.ru_utime.tv_sec, 1);
	KTEST_EXPECT_EQ(t, r.ru_utime.tv_usec, 500000);
	KTEST_EXPECT_EQ(t, r.ru_minflt, 10);
	KTEST_EXPECT_EQ(t, r.ru_nvcsw, 3);
	KTEST_EXPECT_EQ(t, r.ru_maxrss, 5 * 4);
	thread_group_cputime(q, &utime, &stime);
	KTEST_EXPECT_EQ(t, utime, 2000000000);
	KTEST_EXPECT_EQ(t, stime, 2000);
	kfree(q);
	kfree(p);

	KTEST_EXPECT_EQ(t, SYS(getrusage, .di = 5, .si = KERNEL_PTR), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(getrusage, .di = RUSAGE_SELF, .si = KERNEL_PTR), -EFAULT);
}

KTEST(sys, pgrp_and_session)
{
	pid_t pgrp = current->pgrp, session = current->session, me = current->tgid;

	current->pgrp = current->session = 0;	/* as init_task's children start */
	KTEST_EXPECT_EQ(t, SYS(getpgid, .di = 0), 0);
	KTEST_EXPECT_EQ(t, SYS(getpgid, .di = 0x7ffffff0), -ESRCH);
	KTEST_EXPECT_EQ(t, SYS(setpgid, .di = 0, .si = -1), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(setpgid, .di = 0, .si = 0x7ffffff0), -EPERM);	/* no such group */
	KTEST_EXPECT_EQ(t, SYS(setpgid, .di = 0, .si = 0), 0);		/* a group of my own */
	KTEST_EXPECT_EQ(t, current->pgrp, me);
	KTEST_EXPECT_EQ(t, SYS(setsid), -EPERM);			/* I lead a group */
	current->pgrp = 0;
	KTEST_EXPECT_EQ(t, SYS(setsid), me);
	KTEST_EXPECT_EQ(t, SYS(getsid, .di = 0), me);
	KTEST_EXPECT_EQ(t, SYS(getpgid, .di = me), me);
	KTEST_EXPECT_EQ(t, SYS(setsid), -EPERM);			/* already a leader */
	KTEST_EXPECT_EQ(t, SYS(setpgid, .di = 0, .si = 0), -EPERM);	/* leaders stay */
	current->pgrp = pgrp;
	current->session = session;
}

KTEST(sys, prctl)
{
	KTEST_EXPECT_EQ(t, SYS(prctl, .di = PR_SET_PDEATHSIG, .si = 9), 0);
	KTEST_EXPECT_EQ(t, current->pdeath_signal, 9);
	KTEST_EXPECT_EQ(t, SYS(prctl, .di = PR_SET_PDEATHSIG, .si = 65), -EINVAL);
	KTEST_EXPECT_EQ(t, current->pdeath_signal, 9);
	KTEST_EXPECT_EQ(t, SYS(prctl, .di = PR_SET_PDEATHSIG, .si = 0), 0);
	KTEST_EXPECT_EQ(t, SYS(prctl, .di = PR_GET_PDEATHSIG, .si = KERNEL_PTR), -EFAULT);
	KTEST_EXPECT_EQ(t, SYS(prctl, .di = PR_SET_NAME, .si = KERNEL_PTR), -EFAULT);
	KTEST_EXPECT_EQ(t, SYS(prctl, .di = PR_GET_NAME, .si = KERNEL_PTR), -EFAULT);
	KTEST_EXPECT_EQ(t, SYS(prctl, .di = 0x7fff), -EINVAL);
}

KTEST(sys, ids_and_cpus)
{
	struct cred saved = current->cred;

	KTEST_EXPECT_EQ(t, SYS(setuid, .di = (u32)-1), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(setresuid, .di = 1000, .si = 1000, .dx = 0), 0);	/* root may */
	KTEST_EXPECT_EQ(t, current->cred.cap_effective, 0);	/* the euid left 0 */
	KTEST_EXPECT_EQ(t, current->cred.cap_permitted, CAP_FULL_SET);	/* the saved uid did not */
	KTEST_EXPECT_EQ(t, SYS(setresuid, .di = 0, .si = 0, .dx = 5), -EPERM);
	KTEST_EXPECT_EQ(t, SYS(setuid, .di = 0), 0);	/* back to the saved uid */
	KTEST_EXPECT_EQ(t, current->cred.cap_effective, CAP_FULL_SET);
	current->cred = saved;
	KTEST_EXPECT_EQ(t, SYS(getgroups, .di = 0), 0);
	KTEST_EXPECT_EQ(t, SYS(getgroups, .di = -1), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(sched_getaffinity, .di = 0, .si = 0, .dx = KERNEL_PTR), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(sched_getaffinity, .di = 0, .si = 4, .dx = KERNEL_PTR), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(sched_getaffinity, .di = 0x7ffffff0, .si = 8, .dx = KERNEL_PTR),
			-ESRCH);
	KTEST_EXPECT_EQ(t, SYS(sched_getaffinity, .di = 0, .si = 8, .dx = KERNEL_PTR), -EFAULT);
	KTEST_EXPECT_EQ(t, SYS(sysinfo, .di = KERNEL_PTR), -EFAULT);
}

KTEST(sys, umask)
{
	int old;

	if (!current->fs) {
		ktest_skip(t, "no fs_struct");
		return;
	}
	old = current->fs->umask;
	KTEST_EXPECT_EQ(t, SYS(umask, .di = 01777), old);
	KTEST_EXPECT_EQ(t, current->fs->umask, 0777);	/* only the permission bits */
	KTEST_EXPECT_EQ(t, SYS(umask, .di = old), 0777);
}

KTEST(sys, uname)
{
	struct new_utsname *u = utsname();

	KTEST_EXPECT_STREQ(t, u->sysname, "Pagoda");
	KTEST_EXPECT_STREQ(t, u->nodename, "pagoda");
	KTEST_EXPECT_STREQ(t, u->release, "6.12.0-pagoda-" PAGODA_VERSION);
	KTEST_EXPECT_TRUE(t, !strncmp(u->version, "#1 Pagoda " PAGODA_VERSION " ", 11 + strlen(PAGODA_VERSION)));
	KTEST_EXPECT_STREQ(t, u->machine, "x86_64");
	KTEST_EXPECT_STREQ(t, u->domainname, "(none)");
	KTEST_EXPECT_EQ(t, sizeof(*u), 390);
	KTEST_EXPECT_EQ(t, SYS(uname, .di = KERNEL_PTR), -EFAULT);
}

KTEST(sys, timespec64)
{
	struct timespec64 ts = { 1, 999999999 };

	KTEST_EXPECT_TRUE(t, timespec64_valid(&ts));
	KTEST_EXPECT_EQ(t, timespec64_to_ns(&ts), 1999999999LL);
	ts.tv_nsec = NSEC_PER_SEC;
	KTEST_EXPECT_FALSE(t, timespec64_valid(&ts));
	ts.tv_nsec = -1;
	KTEST_EXPECT_FALSE(t, timespec64_valid(&ts));
	ts = (struct timespec64){ -1, 0 };
	KTEST_EXPECT_FALSE(t, timespec64_valid(&ts));
	ts = (struct timespec64){ KTIME_SEC_MAX + 5, 0 };
	KTEST_EXPECT_EQ(t, timespec64_to_ns(&ts), KTIME_MAX);	/* saturates */
	ts = ns_to_timespec64(3000000007LL);
	KTEST_EXPECT_EQ(t, ts.tv_sec, 3);
	KTEST_EXPECT_EQ(t, ts.tv_nsec, 7);
}

KTEST(sys, clock_errors)
{
	KTEST_EXPECT_EQ(t, SYS(clock_gettime, .di = 1000, .si = KERNEL_PTR), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(clock_gettime, .di = -1, .si = KERNEL_PTR), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(clock_gettime, .di = CLOCK_REALTIME_ALARM, .si = KERNEL_PTR),
			-EINVAL);
	KTEST_EXPECT_EQ(t, SYS(clock_gettime, .di = CLOCK_MONOTONIC, .si = KERNEL_PTR), -EFAULT);
	KTEST_EXPECT_EQ(t, SYS(clock_getres, .di = CLOCK_MONOTONIC, .si = 0), 0);
	KTEST_EXPECT_EQ(t, SYS(clock_getres, .di = 10, .si = 0), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(clock_nanosleep, .di = 1000, .si = 0, .dx = KERNEL_PTR), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(clock_nanosleep, .di = CLOCK_MONOTONIC_RAW, .si = 0,
			       .dx = KERNEL_PTR), -EOPNOTSUPP);
	KTEST_EXPECT_EQ(t, SYS(clock_nanosleep, .di = CLOCK_THREAD_CPUTIME_ID, .si = 0,
			       .dx = KERNEL_PTR), -EOPNOTSUPP);
	KTEST_EXPECT_EQ(t, SYS(clock_nanosleep, .di = CLOCK_MONOTONIC, .si = TIMER_ABSTIME,
			       .dx = KERNEL_PTR), -EFAULT);
	KTEST_EXPECT_EQ(t, SYS(nanosleep, .di = KERNEL_PTR), -EFAULT);
}

KTEST(sys, reboot_errors)
{
	KTEST_EXPECT_EQ(t, SYS(reboot, .di = 0x12345678, .si = LINUX_REBOOT_MAGIC2,
			       .dx = LINUX_REBOOT_CMD_POWER_OFF), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(reboot, .di = LINUX_REBOOT_MAGIC1, .si = 1234,
			       .dx = LINUX_REBOOT_CMD_POWER_OFF), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(reboot, .di = LINUX_REBOOT_MAGIC1, .si = LINUX_REBOOT_MAGIC2C,
			       .dx = 0x1234), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(reboot, .di = LINUX_REBOOT_MAGIC1, .si = LINUX_REBOOT_MAGIC2A,
			       .dx = LINUX_REBOOT_CMD_KEXEC), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(reboot, .di = LINUX_REBOOT_MAGIC1, .si = LINUX_REBOOT_MAGIC2B,
			       .dx = LINUX_REBOOT_CMD_CAD_OFF), 0);
	KTEST_EXPECT_EQ(t, SYS(reboot, .di = LINUX_REBOOT_MAGIC1, .si = LINUX_REBOOT_MAGIC2,
			       .dx = LINUX_REBOOT_CMD_RESTART2, .r10 = KERNEL_PTR), -EFAULT);
}
