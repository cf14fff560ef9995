/*
 * The remaining system calls: ids (getpid/gettid/set_tid_address, the
 * getuid family), uname, getrandom, prctl, prlimit64, sched_yield, ioctl,
 * unknown syscall numbers (on Pagoda: every number it does not implement),
 * arch_prctl, clocks and sleeps, and the signal mask and actions (stored
 * and returned exactly; handlers run in signals.c).
 */
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "pagoda_syscalls.h"
#include "test.h"

#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define SIGSET_SIZE 8
#define NSEC 1000000000LL

/* The kernel's struct sigaction on x86-64. */
struct kernel_sigaction {
    unsigned long handler;
    unsigned long flags;
    unsigned long restorer;
    uint64_t mask;
};

#define BIT(sig) (1ULL << ((sig) - 1))

static void test_ids(void)
{
    CHECK_EQ_LONG(syscall(SYS_set_tid_address, NULL), getpid(), "set_tid_address returns the tid");
    CHECK_EQ_LONG(syscall(SYS_gettid), getpid(), "gettid is the pid");
    CHECK(getuid() == 0 && geteuid() == 0 && getgid() == 0 && getegid() == 0,
          "uid, euid, gid, egid are all 0");
}

static void test_uname(void)
{
    struct utsname u;
    CHECK_SYS(uname(&u), "uname");
    CHECK(on_linux() || on_pagoda(), "sysname is Linux or Pagoda (%s)", u.sysname);
    CHECK(u.nodename[0] && u.release[0] && u.version[0], "nodename, release, version are set");
    CHECK_STR(u.machine, "x86_64", "machine");
}

static void test_random(void)
{
    unsigned char a[64] = { 0 }, b[64] = { 0 };
    CHECK_EQ_LONG(getrandom(a, sizeof a, 0), 64, "getrandom fills 64 bytes");
    CHECK_EQ_LONG(getrandom(b, sizeof b, GRND_NONBLOCK), 64, "getrandom GRND_NONBLOCK");
    int zeros = 0;
    for (size_t i = 0; i < sizeof a; i++)
        zeros += a[i] == 0;
    CHECK(zeros < 8, "the bytes are not mostly zero (%d zeros)", zeros);
    CHECK(memcmp(a, b, sizeof a) != 0, "two calls give different bytes");
    CHECK_ERR(getrandom(a, 8, 0x100), EINVAL, "getrandom with unknown flags: EINVAL");
}

static void test_limits(void)
{
    struct rlimit old;
    CHECK_SYS(syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, &old), "prlimit64 reads RLIMIT_STACK");
    CHECK_EQ_LONG(old.rlim_cur, 8 * 1024 * 1024, "the stack limit is 8 MiB");
    CHECK_EQ_HEX(old.rlim_max, RLIM_INFINITY, "with no hard limit");
    CHECK_ERR(prctl(0x7fff, 0, 0, 0, 0), EINVAL, "prctl with an unknown option: EINVAL");
    CHECK_EQ_LONG(sched_yield(), 0, "sched_yield");
}

static void test_ioctl(void)
{
    struct winsize ws;
    struct termios tio;
    int fd = open("/tests/misc", O_RDONLY);
    CHECK_ERR(ioctl(fd, TIOCGWINSZ, &ws), ENOTTY, "TIOCGWINSZ on a regular file: ENOTTY");
    close(fd);
    fd = open("/dev/null", O_RDWR);
    CHECK_ERR(ioctl(fd, TCGETS, &tio), ENOTTY, "TCGETS on /dev/null: ENOTTY");
    close(fd);
}

/*
 * The system calls Pagoda implements: the number of every SYSCALL_DEFINEn()
 * in the kernel, from pagoda_syscalls.h, which userland.mk generates.
 */
static const long implemented[] = { PAGODA_SYSCALLS };
#define NIMPLEMENTED (sizeof implemented / sizeof implemented[0])
#define LAST_LINUX_612 462 /* mseal */

static int is_implemented(long nr)
{
    for (size_t i = 0; i < NIMPLEMENTED; i++)
        if (implemented[i] == nr)
            return 1;
    return 0;
}

/* Numbers nobody implements, and how the kernel reads the number at all. */
static void test_enosys(void)
{
    long bad = 0, first_bad = -1;

    /* 336..423: the gap before pidfd_send_signal (335 is uretprobe since 6.11) */
    for (long nr = 336; nr < 424; nr++)
        bad += syscall(nr, 0xffff888000000000L, -1L, 0L, 1L << 63) != -1 || errno != ENOSYS;
    for (long nr = LAST_LINUX_612 + 1; nr < 1024; nr++)
        bad += syscall(nr, 0xffff888000000000L, -1L, 0L, 1L << 63) != -1 || errno != ENOSYS;
    CHECK_EQ_LONG(bad, 0, "numbers 336..423 and 463..1023: ENOSYS");
    CHECK_ERR(syscall(100000), ENOSYS, "syscall 100000: ENOSYS");
    CHECK_ERR(syscall(-1L), ENOSYS, "syscall -1: ENOSYS");
    CHECK_ERR(syscall(0x80000000L | SYS_getpid), ENOSYS, "a number negative as an int: ENOSYS");
    CHECK_ERR(syscall(0x40000000L | 400), ENOSYS, "the x32 bit with an unused number: ENOSYS");
    CHECK_EQ_LONG(syscall((1L << 32) | SYS_getpid), getpid(),
                  "only the low 32 bits of rax are the number: (1 << 32) | getpid is getpid");
    CHECK_EQ_LONG(syscall(0xffffffff00000000L | SYS_getppid), getppid(),
                  "and 0xffffffff00000000 | getppid is getppid");
    if (!on_pagoda()) {
        SKIP("Linux implements them", "every number Pagoda does not implement is ENOSYS");
        return;
    }
    bad = 0;
    for (long nr = 0; nr <= LAST_LINUX_612; nr++) {
        if (is_implemented(nr))
            continue;
        if (syscall(nr, 0xffff888000000000L, -1L, 0L, 1L << 63, 4096L, 1L) != -1 ||
            errno != ENOSYS) {
            bad++;
            if (first_bad < 0)
                first_bad = nr;
        }
    }
    if (bad)
        note("the first that is not: %ld", first_bad);
    CHECK_EQ_LONG(bad, 0, "every number 0..%d Pagoda does not implement is ENOSYS", LAST_LINUX_612);
}

static void test_arch_prctl(void)
{
    unsigned long fs = 0;
    CHECK_SYS(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs), "ARCH_GET_FS");
    CHECK_EQ_HEX(fs, (unsigned long)pthread_self(), "FS base is libc's thread pointer");
    CHECK_SYS(syscall(SYS_arch_prctl, ARCH_SET_FS, fs), "ARCH_SET_FS to the same value");
    CHECK_ERR(syscall(SYS_arch_prctl, 0x9999, &fs), EINVAL, "an unknown arch_prctl code: EINVAL");
}

static long long ns(clockid_t clock)
{
    struct timespec ts;
    syscall(SYS_clock_gettime, clock, &ts);
    return ts.tv_sec * NSEC + ts.tv_nsec;
}

static void test_clocks(void)
{
    static const clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_MONOTONIC_RAW, CLOCK_REALTIME };
    struct timespec ts;

    for (size_t c = 0; c < sizeof clocks / sizeof clocks[0]; c++) {
        long long prev = ns(clocks[c]);
        int backwards = 0, bad_nsec = 0;
        for (int i = 0; i < 1000; i++) {
            syscall(SYS_clock_gettime, clocks[c], &ts);
            long long now = ts.tv_sec * NSEC + ts.tv_nsec;
            backwards += now < prev;
            bad_nsec += ts.tv_nsec < 0 || ts.tv_nsec >= NSEC;
            prev = now;
        }
        CHECK(backwards == 0 && bad_nsec == 0, "clock %d never goes backwards over 1000 reads",
              (int)clocks[c]);
    }
    CHECK(ns(CLOCK_REALTIME) / NSEC > 1577836800, "the real-time clock is past 2020");
    CHECK_ERR(syscall(SYS_clock_gettime, 1000, &ts), EINVAL, "an unknown clock: EINVAL");
}

static void test_sleeps(void)
{
    struct timespec twenty_ms = { 0, 20 * 1000 * 1000 }, bad = { 0, NSEC };
    long long start = ns(CLOCK_MONOTONIC);

    CHECK_SYS(nanosleep(&twenty_ms, NULL), "nanosleep 20 ms");
    long long slept = ns(CLOCK_MONOTONIC) - start;
    CHECK(slept >= 20000000 && slept < 2 * NSEC, "slept at least 20 ms (%lld us)", slept / 1000);

    start = ns(CLOCK_MONOTONIC);
    CHECK_EQ_LONG(clock_nanosleep(CLOCK_MONOTONIC, 0, &twenty_ms, NULL), 0,
                  "clock_nanosleep relative 20 ms");
    slept = ns(CLOCK_MONOTONIC) - start;
    CHECK(slept >= 20000000 && slept < 2 * NSEC, "slept at least 20 ms (%lld us)", slept / 1000);

    long long target = ns(CLOCK_MONOTONIC) + 20000000;
    struct timespec abs = { target / NSEC, target % NSEC };
    CHECK_EQ_LONG(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &abs, NULL), 0,
                  "clock_nanosleep TIMER_ABSTIME");
    CHECK(ns(CLOCK_MONOTONIC) >= target, "woke no earlier than the deadline");
    CHECK_ERR(nanosleep(&bad, NULL), EINVAL, "nanosleep with tv_nsec = 1e9: EINVAL");
}

static uint64_t sigmask(int how, uint64_t set, int use_set)
{
    uint64_t old = 0;
    syscall(SYS_rt_sigprocmask, how, use_set ? &set : NULL, &old, SIGSET_SIZE);
    return old;
}

static int mask_inherited(void *expected)
{
    return sigmask(SIG_BLOCK, 0, 0) == *(uint64_t *)expected ? 0 : 1;
}

static void test_sigprocmask(void)
{
    uint64_t set = BIT(SIGUSR1) | BIT(SIGTERM), unused = 0;

    CHECK_EQ_HEX(sigmask(SIG_SETMASK, 0, 1), 0, "the initial signal mask is empty");
    sigmask(SIG_BLOCK, set, 1);
    CHECK_EQ_HEX(sigmask(SIG_BLOCK, 0, 0), set, "SIG_BLOCK adds exactly the given signals");
    sigmask(SIG_UNBLOCK, BIT(SIGTERM), 1);
    CHECK_EQ_HEX(sigmask(SIG_BLOCK, 0, 0), BIT(SIGUSR1), "SIG_UNBLOCK removes them");
    sigmask(SIG_SETMASK, BIT(SIGKILL) | BIT(SIGSTOP) | BIT(SIGUSR2), 1);
    CHECK_EQ_HEX(sigmask(SIG_BLOCK, 0, 0), BIT(SIGUSR2), "SIGKILL and SIGSTOP cannot be blocked");
    uint64_t expected = BIT(SIGUSR2);
    CHECK_EXIT(run_child(mask_inherited, &expected), 0, "a forked child inherits the mask");
    CHECK_ERR(syscall(SYS_rt_sigprocmask, 99, &set, NULL, SIGSET_SIZE), EINVAL, "bad how: EINVAL");
    CHECK_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, &unused, 4), EINVAL,
              "bad sigsetsize: EINVAL");
    sigmask(SIG_SETMASK, 0, 1);
}

static void test_sigaction(void)
{
    struct kernel_sigaction act = {
        .handler = 0x401234, .flags = SA_RESTORER | SA_RESTART | SA_SIGINFO,
        .restorer = 0x405678, .mask = BIT(SIGINT) | BIT(SIGUSR2),
    };
    struct kernel_sigaction old, ign = { .handler = (unsigned long)SIG_IGN };

    CHECK_SYS(syscall(SYS_rt_sigaction, SIGUSR1, &act, NULL, SIGSET_SIZE), "rt_sigaction sets");
    memset(&old, 0xff, sizeof old);
    CHECK_SYS(syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, SIGSET_SIZE), "rt_sigaction reads");
    CHECK(old.handler == act.handler && old.flags == act.flags && old.restorer == act.restorer &&
          old.mask == act.mask, "handler, flags, restorer and mask come back exactly");
    syscall(SYS_rt_sigaction, SIGUSR1, &ign, &old, SIGSET_SIZE);
    CHECK_EQ_HEX(old.handler, act.handler, "setting SIG_IGN returns the previous action");
    syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, SIGSET_SIZE);
    CHECK_EQ_HEX(old.handler, (unsigned long)SIG_IGN, "SIG_IGN is stored");
    CHECK_ERR(syscall(SYS_rt_sigaction, SIGKILL, &act, NULL, SIGSET_SIZE), EINVAL,
              "an action for SIGKILL: EINVAL");
    CHECK_ERR(syscall(SYS_rt_sigaction, 0, NULL, &old, SIGSET_SIZE), EINVAL, "signal 0: EINVAL");
    CHECK_ERR(syscall(SYS_rt_sigaction, 65, NULL, &old, SIGSET_SIZE), EINVAL, "signal 65: EINVAL");
    CHECK_ERR(syscall(SYS_rt_sigaction, SIGUSR1, NULL, &old, 4), EINVAL, "bad sigsetsize: EINVAL");
    CHECK_ERR(syscall(SYS_rt_sigaction, 65, 0xffff888000000000UL, NULL, SIGSET_SIZE), EFAULT,
              "the new action is read before the signal is checked: EFAULT");
}

/* POSIX: setting SIG_IGN discards a pending signal, even a blocked one. */
static void test_ignore_discards_pending(void)
{
    struct kernel_sigaction ign = { .handler = (unsigned long)SIG_IGN }, dfl = { 0 };
    uint64_t pending = 0;

    sigmask(SIG_BLOCK, BIT(SIGUSR2), 1);
    kill(getpid(), SIGUSR2);
    syscall(SYS_rt_sigpending, &pending, SIGSET_SIZE);
    CHECK_EQ_HEX(pending, BIT(SIGUSR2), "a blocked SIGUSR2 is pending");
    syscall(SYS_rt_sigaction, SIGUSR2, &ign, NULL, SIGSET_SIZE);
    syscall(SYS_rt_sigpending, &pending, SIGSET_SIZE);
    CHECK_EQ_HEX(pending, 0, "SIG_IGN discards it though it is blocked");
    syscall(SYS_rt_sigaction, SIGUSR2, &dfl, NULL, SIGSET_SIZE);
    sigmask(SIG_SETMASK, 0, 1);
}

int main(void)
{
    test_ids();
    test_uname();
    test_random();
    test_limits();
    test_ioctl();
    test_enosys();
    test_arch_prctl();
    test_clocks();
    test_sleeps();
    test_sigprocmask();
    test_sigaction();
    test_ignore_discards_pending();
    return tap_done();
}
