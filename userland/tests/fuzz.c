/*
 * A seeded system call fuzzer.  The parent forks one child per fixed seed;
 * each child makes CALLS system calls drawn from an allowlist of calls that
 * are harmless to the rest of the machine on Pagoda and on Linux (no
 * reboot, mount, id changes, signals to other processes, exit before the
 * end, long sleeps, or paths outside a scratch directory), with arguments
 * drawn from interesting values: 0, -1, small and huge numbers, NULL,
 * kernel, non-canonical and unmapped addresses, a valid buffer, one
 * straddling into an unmapped page, valid and invalid fds.  Memory calls
 * (mmap, munmap, mprotect, mremap, madvise, mincore, msync, brk) get
 * random ranges, mostly inside an arena at a fixed address.  Now and then
 * a child forks a grandchild that exits at once (dup_mm() of whatever
 * layout the fuzzing made), and calls numbers no kernel implements, which
 * must fail with ENOSYS.
 *
 * A child may be killed by a signal (e.g. SIGSEGV after unmapping its own
 * stack, SIGPIPE); the parent only requires each child to end within a
 * time limit and itself to go on working.  The call sequence depends only
 * on the seed, so `fuzz -v` prints one line per call (number and result)
 * to compare Pagoda's errors with Linux's by hand.  On Pagoda the real
 * judges are mm_verify=on and the memory readings around the program.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define SCRATCH "/tmp/fuzz"
#define CALLS 3000
#define ARENA ((char *)0x100000000000UL)
#define ARENA_PAGES 64
#define HANG_LIMIT_MS 20000
#define LOG_FD 20   /* -v: the console, above the fds the fuzzer picks */
#define CHILD_BAD_ENOSYS 3

static const uint64_t seeds[] = {
    0x5eed0001, 0x5eed0002, 0x5eed0003, 0x5eed0004, 0x5eed0005, 0x5eed0006,
    0x5eed0007, 0x5eed0008, 0x5eed0009, 0x5eed000a, 0x5eed000b, 0x5eed000c,
    0x5eed000d, 0x5eed000e, 0x5eed000f, 0x5eed0010,
};
#define NSEEDS (sizeof seeds / sizeof seeds[0])

/* ---- randomness ---- */

static uint64_t rng;

#define next_random() xorshift64(&rng)
#define pick(n) xorshift64_below(&rng, n)

#define ONE_OF(...) ({ \
    const long choices_[] = { __VA_ARGS__ }; \
    choices_[pick(sizeof choices_ / sizeof choices_[0])]; })

static int verbose;

static long raw_syscall(long nr, const long a[6])
{
    register long r10 __asm__("r10") = a[3];
    register long r8 __asm__("r8") = a[4];
    register long r9 __asm__("r9") = a[5];
    long ret;

    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a[0]), "S"(a[1]), "d"(a[2]), "r"(r10), "r"(r8), "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

static long sys0(long nr)
{
    static const long none[6];
    return raw_syscall(nr, none);
}

static long sys1(long nr, long a0)
{
    const long a[6] = { a0 };
    return raw_syscall(nr, a);
}

/* ---- the child's world ---- */

static char *buffer;        /* one read-write page, PROT_NONE after it */
static char *stack_page;    /* the page of the child's stack */
static long initial_brk;
static long self_pid;

enum { FD_FILE = 3, FD_PROC, FD_DIR, FD_PIPE_READ, FD_PIPE_WRITE, FD_MAPS, FD_RDONLY, FD_EPOLL,
       NFDS };

#define TIMES10(s) s s s s s s s s s s

/* Names the fuzzer may create and remove: all inside the scratch directory. */
static const char *const scratch_paths[] = {
    SCRATCH "/a", SCRATCH "/b", SCRATCH "/d", SCRATCH "/d/c", SCRATCH "/a/x",
    SCRATCH "/none/x", SCRATCH "/d/", "a", "d", "",
    SCRATCH "/" TIMES10(TIMES10("long")),   /* 400 bytes: beyond NAME_MAX */
};
/* Names it may also open and look at (O_TRUNC of these is harmless; the only
 * directories are /proc and scratch ones, as relative names are made in them). */
static const char *const paths[] = {
    SCRATCH "/a", SCRATCH "/b", SCRATCH "/d", SCRATCH "/d/c", SCRATCH "/a/x",
    SCRATCH "/none/x", SCRATCH, "a", "d", "", "/dev/null", "/proc/self/stat",
    "/proc/self/maps", "/proc/meminfo", "/proc",
};
static const char *const dirs[] = { SCRATCH, SCRATCH "/d", "/proc", "/dev/null", SCRATCH "/none" };
static const char *const programs[] = { "/dev/null", SCRATCH "/d", "/proc/self/maps", "/none" };

/* Pointers: good, bad in every way, and arena pages (mapped or not). */
static long pointer(void)
{
    switch (pick(14)) {
    case 0: return 0;
    case 1: case 2: case 3: return (long)buffer;
    case 4: return (long)buffer + PAGE_SIZE - 1 - pick(16); /* runs into PROT_NONE */
    case 5: return (long)buffer + 1 + pick(64);              /* misaligned */
    case 6: return 0xffff888000000000L;
    case 7: return 0xffffffff80000000L;
    case 8: return ONE_OF(0x0000800000000000L, 0x8000000000000000L, 0x00007ffffffff000L);
    case 9: return ONE_OF(0x1000, 0x10000, 0x7f0000000000L);
    case 10: return -1 - pick(8);
    case 11: return (long)"read-only";
    default: return (long)(ARENA + pick(ARENA_PAGES) * PAGE_SIZE + ONE_OF(0, 0, 8, 4090));
    }
}

/* A pointer the kernel cannot read, or a fixed one: never our buffer. */
static long bad_pointer(void)
{
    switch (pick(6)) {
    case 0: return 0;
    case 1: return (long)buffer + PAGE_SIZE - 1 - pick(15); /* 16 bytes cross the end */
    case 2: return 0xffff888000000000L;
    case 3: return ONE_OF(0x0000800000000000L, 0x8000000000000000L, 0xffffffff80000000L);
    case 4: return ONE_OF(0x1000, 0x7f0000000000L, -1);
    default: return (long)"read-only";
    }
}

static long number(void)
{
    if (!pick(5))
        return next_random();
    return ONE_OF(0, -1, 1, 2, 3, 4, 5, 7, 8, 16, 64, 255, 4095, 4096, 4097, 65536,
                      0x7fffffff, 0x80000000L, 0xffffffffL, (long)0xffffffff80000000UL,
                  1L << 32, 1L << 47, 0x7fffffffffffffffL, (long)(1UL << 63), -4096);
}

static long interesting(void)
{
    return pick(6) ? number() : pointer();
}

static long fd(void)
{
    if (pick(8))
        return pick(NFDS + 2);
    return ONE_OF(-1, -100 /* AT_FDCWD */, 64, 1023, 1 << 20, 0x7fffffff, 1L << 32);
}

static long length(void)
{
    if (pick(4))
        return ONE_OF(0, 1, 8, 16, 100, 4095, 4096, 4097, 8192, 65536, 1 << 20);
    return interesting();
}

/* A name from @list, or a bad pointer: never memory whose bytes calls wrote. */
static long path(const char *const *list, unsigned n)
{
    if (pick(5))
        return (long)list[pick(n)];
    memset(buffer + PAGE_SIZE - 16, 'x', 16); /* no NUL before the PROT_NONE page */
    return bad_pointer();
}
#define PATH(list) path(list, sizeof list / sizeof list[0])

/* A name to open with @flags: one that O_CREAT may create only in scratch. */
static long open_path(long flags)
{
    return flags & (O_CREAT | O_TMPFILE) ? PATH(scratch_paths) : PATH(paths);
}

/* Memory ranges: mostly arena pages, sometimes anything, rarely our stack. */
static long address(void)
{
    switch (pick(400)) {
    case 0: return (long)stack_page;
    case 1 ... 40: return number();
    case 41 ... 50: return (long)ARENA + 1;
    default: return (long)(ARENA + pick(ARENA_PAGES) * PAGE_SIZE);
    }
}

static long range_length(void)
{
    if (pick(6))
        return (1 + pick(ARENA_PAGES / 4)) * PAGE_SIZE;
    return ONE_OF(0, 1, 4095, 4097, ARENA_PAGES * PAGE_SIZE, (ARENA_PAGES + 8) * PAGE_SIZE,
                  -4096, 1L << 47, -1, 0x7fffffffffffffffL);
}

static long prot(void)
{
    if (pick(8))
        return pick(8);
    return ONE_OF(0x01000000, 0x02000000, 0x01000003, 0x10, -1);
}

static long map_flags(void)
{
    long flags = pick(8) ? MAP_PRIVATE : ONE_OF(0, MAP_SHARED, 3 /* SHARED_VALIDATE */);
    if (pick(4))
        flags |= MAP_ANONYMOUS;
    if (pick(2))
        flags |= pick(4) ? MAP_FIXED : MAP_FIXED_NOREPLACE;
    if (!pick(4))
        flags |= ONE_OF(MAP_POPULATE, MAP_NORESERVE, MAP_GROWSDOWN, MAP_STACK, MAP_LOCKED,
                        0x800 /* DENYWRITE */, 0x40000 /* HUGETLB */, 1L << 30);
    return flags;
}

static long offset(void)
{
    if (pick(2))
        return pick(4) * PAGE_SIZE;
    return interesting();
}

static long signal_number(void)
{
    return ONE_OF(0, SIGUSR1, SIGKILL, SIGCHLD, SIGWINCH, SIGSEGV, SIGPIPE, 64, 65, -1, 1000);
}

/* Signals we send ourselves: harmless by default, rarely fatal. */
static long signal_to_send(void)
{
    if (!pick(50))
        return ONE_OF(SIGUSR1, SIGSEGV, 64);
    return ONE_OF(0, SIGCHLD, SIGWINCH, SIGURG, SIGCONT, 65, -1, 1000);
}

/* Processes we may name: ourselves, or nobody. */
static long pid(void)
{
    return ONE_OF(0, 0, self_pid, self_pid, 0x7fffffff, -1, (long)0x80000000);
}

/* kill() of 0 or -1 would reach the parent and other processes. */
static long kill_pid(void)
{
    return ONE_OF(self_pid, 0x7fffffff, (long)0x80000000);
}

/*
 * Timeouts for select, pselect6 and ppoll: short, invalid, or at an
 * address that faults -- never NULL or readable memory, which could mean
 * waiting for ever on fds that never become ready.
 */
static long short_timeout(int timeval)
{
    static struct { long sec, sub; } t[] = { { 0, 0 }, { 0, 1 }, { -1, 0 }, { 0, -1 } };
    if (pick(3))
        return (long)&t[pick(4)];
    return ONE_OF(0xffff888000000000L, 0x0000800000000000L, 0x1000, -1,
                  timeval ? 0x7f0000000000L : (long)buffer + PAGE_SIZE - 8);
}

static long timespec_pointer(void)
{
    static struct timespec ts[] = { { 0, 0 }, { 0, 1000 }, { 0, 2000000000 }, { -1, 0 } };
    if (pick(3))
        return (long)&ts[pick(4)];
    return bad_pointer(); /* not memory a call may have filled with a long time */
}

/* Not RLIMIT_CPU, FSIZE or STACK: low limits there are fatal signals on Linux. */
static long resource(void)
{
    return ONE_OF(2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, -1, 1000);
}

static long signal_set_size(void)
{
    return pick(4) ? 8 : interesting();
}

static long fcntl_command(void)
{
    /* not F_SETOWN/F_SETSIG: SIGIO could reach other processes */
    return ONE_OF(F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_GETLK, F_SETLK, F_SETLKW,
                  F_DUPFD_CLOEXEC, 1031 /* F_SETPIPE_SZ */, 1032, 9, 11, -1, 4096);
}

static long madvice(void)
{
    /* not MADV_HWPOISON/SOFT_OFFLINE: they damage pages on Linux */
    if (pick(6))
        return ONE_OF(0, 1, 2, 3, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
                      23, 24, 25);
    return ONE_OF(5, 6, 7, 99, 102, -1, 1L << 32);
}

static long brk_value(void)
{
    return ONE_OF(0, initial_brk, initial_brk + 4096, initial_brk + (1 << 20) + 17,
                  initial_brk - 4096, initial_brk + (64 << 20), -4096, 0xffff888000000000L);
}

/*
 * One call: its number and arguments.  Returns the number; a[] gets the
 * arguments.  Every choice comes from the generator, none from results.
 */
static long choose(long a[6])
{
    for (int i = 0; i < 6; i++)
        a[i] = interesting();
    switch (pick(72)) {
    case 0: a[0] = fd(); a[1] = pointer(); a[2] = length(); return SYS_read;
    case 1: a[0] = fd(); a[1] = pointer(); a[2] = length(); return SYS_write;
    case 2: a[1] = interesting(); a[0] = open_path(a[1]); a[2] = pick(01000); return SYS_open;
    case 3: a[0] = fd(); return SYS_close;
    case 4: a[0] = PATH(paths); a[1] = pointer(); return pick(2) ? SYS_stat : SYS_lstat;
    case 5: a[0] = fd(); a[1] = pointer(); return SYS_fstat;
    case 6: a[0] = pointer(); a[1] = pick(4) ? pick(4) : a[1]; a[2] = 0; return SYS_poll;
    case 7: a[0] = fd(); a[1] = pick(2) ? length() : a[1]; a[2] = pick(2) ? pick(5) : a[2];
        return SYS_lseek;
    case 8: case 9: case 10: case 11:
        a[0] = address(); a[1] = range_length(); a[2] = prot(); a[3] = map_flags();
        a[4] = pick(2) ? -1 : fd(); a[5] = offset(); return SYS_mmap;
    case 12: case 13: case 14:
        a[0] = address(); a[1] = range_length(); a[2] = prot(); return SYS_mprotect;
    case 15: case 16: a[0] = address(); a[1] = range_length(); return SYS_munmap;
    case 17: a[0] = brk_value(); return SYS_brk;
    case 18: a[0] = signal_number(); a[1] = pointer(); a[2] = pointer(); a[3] = signal_set_size();
        return SYS_rt_sigaction;
    case 19: a[0] = pick(4) ? pick(3) : a[0]; a[1] = pointer(); a[2] = pointer();
        a[3] = signal_set_size(); return SYS_rt_sigprocmask;
    case 20: a[0] = fd(); a[1] = ONE_OF(0x5401, 0x5402, 0x5413, 0x5414, 0x541b, 0x5421, 0x5451,
                                         0x5450, 0x540f, 0x5410, 0x540e, 0x5422, 0);
        a[2] = pointer(); return SYS_ioctl;
    case 21: a[0] = fd(); a[1] = pointer(); a[2] = length(); a[3] = offset();
        return pick(2) ? SYS_pread64 : SYS_pwrite64;
    case 22: a[0] = fd(); a[1] = pointer(); a[2] = pick(2) ? pick(4) : a[2];
        return pick(2) ? SYS_readv : SYS_writev;
    case 23: a[0] = PATH(paths); a[1] = pick(8); return SYS_access;
    case 24: a[0] = pointer(); a[1] = pick(2) ? ONE_OF(0, O_CLOEXEC, O_NONBLOCK) : a[1];
        return pick(2) ? SYS_pipe : SYS_pipe2;
    case 25: case 26: case 27:
        a[0] = address(); a[1] = range_length(); a[2] = range_length();
        a[3] = ONE_OF(0, 1, 1, 3, 2, 5, 7, 8); a[4] = address(); return SYS_mremap;
    case 28: a[0] = address(); a[1] = range_length(); a[2] = ONE_OF(0, 1, 2, 4, 3, 6, 8, -1);
        return SYS_msync;
    case 29: case 30: a[0] = address(); a[1] = range_length(); a[2] = pointer();
        return SYS_mincore;
    case 31: case 32: case 33: a[0] = address(); a[1] = range_length(); a[2] = madvice();
        return SYS_madvise;
    case 34: a[0] = fd(); a[1] = fd(); a[2] = ONE_OF(0, O_CLOEXEC, 1);
        return ONE_OF(SYS_dup, SYS_dup2, SYS_dup3);
    case 35: a[0] = timespec_pointer(); a[1] = pointer(); return SYS_nanosleep;
    /* not CLOCK_PROCESS_CPUTIME_ID: our CPU time stands still while we sleep on it */
    case 36: a[0] = ONE_OF(0, 1, 3, 4, 7, 11, -1, 1000); a[1] = ONE_OF(0, 1, 2, -1);
        a[2] = timespec_pointer(); a[3] = pointer(); return SYS_clock_nanosleep;
    case 37: a[0] = kill_pid(); a[1] = signal_to_send(); return SYS_kill;
    case 38: a[0] = pid(); a[1] = signal_to_send(); return SYS_tkill;
    case 39: a[0] = pid(); a[1] = pid(); a[2] = signal_to_send(); return SYS_tgkill;
    case 40: a[0] = pointer(); return ONE_OF(SYS_uname, SYS_sysinfo, SYS_times, SYS_time,
                                             SYS_set_tid_address);
    case 41: a[0] = fd(); a[1] = fcntl_command(); a[2] = pick(2) ? pointer() : a[2];
        return SYS_fcntl;
    case 42: a[0] = fd(); a[1] = offset(); return SYS_ftruncate;
    case 43: a[0] = pointer(); a[1] = length(); return SYS_getcwd;
    case 44: a[0] = PATH(dirs); return SYS_chdir;
    case 45: a[0] = PATH(scratch_paths); a[1] = pick(01000);
        return ONE_OF(SYS_mkdir, SYS_rmdir, SYS_unlink);
    case 46: a[0] = pointer(); a[1] = pointer(); return SYS_gettimeofday;
    case 47: a[0] = resource(); a[1] = pointer();
        return ONE_OF(SYS_getrlimit, SYS_setrlimit, SYS_getrusage);
    case 48: a[0] = pointer(); a[1] = pointer(); a[2] = pointer();
        return ONE_OF(SYS_getresuid, SYS_getresgid, SYS_getcpu);
    case 49: a[1] = pointer(); return ONE_OF(SYS_getgroups, SYS_rt_sigpending, SYS_umask);
    case 50: return ONE_OF(SYS_getpid, SYS_getppid, SYS_gettid, SYS_getuid, SYS_geteuid,
                           SYS_getgid, SYS_getegid, SYS_getpgrp, SYS_setsid, SYS_sched_yield);
    case 51: a[0] = pid(); a[1] = pick(2) ? pid() : a[1];
        return ONE_OF(SYS_setpgid, SYS_getpgid, SYS_getsid);
    case 52: a[0] = ONE_OF(0x1001, 0x1003, 0x1004, 0x1011, 0x1012, 0, -1); a[1] = pointer();
        return SYS_arch_prctl;
    case 53: return SYS_prctl;
    case 54: a[0] = ONE_OF(0, 1, 2, 3, 4, 5, 6, 7, 11, -1); a[1] = pointer();
        return pick(2) ? SYS_clock_gettime : SYS_clock_getres;
    case 55: a[0] = fd(); a[2] = interesting(); a[1] = open_path(a[2]); a[3] = pick(01000);
        return SYS_openat;
    case 56: a[0] = fd(); a[1] = PATH(paths); a[2] = pointer(); a[3] = ONE_OF(0, 0x100, 0x1000, -1);
        return SYS_newfstatat;
    case 57: a[0] = pid(); a[1] = resource(); a[2] = pointer(); a[3] = pointer();
        return SYS_prlimit64;
    case 58: a[0] = fd(); a[1] = pointer(); a[2] = length(); return SYS_getdents64;
    case 59: a[0] = pointer(); a[1] = length(); a[2] = ONE_OF(0, 1, 2, 4, 7, -1);
        return SYS_getrandom;
    case 60: a[0] = pid(); a[1] = length(); a[2] = pointer(); return SYS_sched_getaffinity;
    case 61: a[1] = pointer(); a[2] = ONE_OF(0, WNOHANG, WUNTRACED, -1); a[3] = pointer();
        return SYS_wait4;
    case 62: a[0] = PATH(programs); a[1] = pointer(); a[2] = pointer(); return SYS_execve;
    case 63: a[0] = pick(2) ? pick(NFDS + 2) : a[0]; a[1] = pointer(); a[2] = pointer();
        a[3] = pointer(); a[4] = short_timeout(1); return SYS_select;
    case 64: a[0] = pick(2) ? pick(NFDS + 2) : a[0]; a[1] = pointer(); a[2] = pointer();
        a[3] = pointer(); a[4] = short_timeout(0); a[5] = pointer(); return SYS_pselect6;
    case 65: a[0] = pointer(); a[1] = pick(4) ? pick(4) : a[1]; a[2] = short_timeout(0);
        a[3] = pointer(); a[4] = signal_set_size(); return SYS_ppoll;
    case 66: a[0] = ONE_OF(FD_EPOLL, FD_EPOLL, FD_PIPE_READ, -1); a[1] = ONE_OF(1, 2, 3, 0, 4);
        a[2] = fd(); a[3] = pointer(); return SYS_epoll_ctl;
    case 67: a[0] = ONE_OF(FD_EPOLL, FD_EPOLL, FD_PIPE_READ, -1); a[1] = pointer();
        a[2] = ONE_OF(1, 4, 0, -1, 1 << 30); a[3] = 0; a[4] = pointer(); a[5] = signal_set_size();
        return pick(2) ? SYS_epoll_wait : SYS_epoll_pwait;
    case 68: a[0] = ONE_OF(0, O_CLOEXEC, 1, -1); return SYS_epoll_create1;
    case 69: a[0] = ONE_OF(0, 0x1000, 0xffff888000000000L); a[1] = pointer();
        return SYS_sigaltstack;     /* never a new stack: frames could land anywhere */
    case 70: a[0] = fd(); a[1] = pointer(); a[2] = length(); return SYS_getdents;
    default: return -1; /* see fuzz_one() */
    }
}

static long unknown_number(void)
{
    switch (pick(5)) {
    case 0: return 336 + pick(424 - 336);       /* the gap before pidfd_send_signal */
    case 1: return 463 + pick(600 - 463);       /* past Linux 6.12's last (mseal) */
    case 2: return 0x40000000 + 336 + pick(88); /* x32 bit, gap number */
    case 3: return -1;
    default: return (long)(next_random() | 0x80000000UL);  /* negative as an int */
    }
}


/*
 * -v: "call number args..." before the call (the last line of a hung
 * child names its call), then "-> -ERRNO" or "-> =result" (4096 for any
 * larger value: addresses differ between kernels).
 */
static long logged_syscall(int i, long nr, const long a[6])
{
    char line[256];
    int n = snprintf(line, sizeof line, "%d %ld %lx %lx %lx %lx %lx %lx\n", i, nr,
                     a[0], a[1], a[2], a[3], a[4], a[5]);
    long ret;

    write(LOG_FD, line, n);
    ret = raw_syscall(nr, a);
    if (ret < 0 && ret > -4096)
        n = snprintf(line, sizeof line, "-> -%s\n", errno_name(-ret));
    else
        n = snprintf(line, sizeof line, "-> =%ld\n", ret < 4096 ? ret : 4096);
    write(LOG_FD, line, n);
    return ret;
}

static long do_syscall(int i, long nr, const long a[6])
{
    return verbose ? logged_syscall(i, nr, a) : raw_syscall(nr, a);
}

/* A child that forks mirrors its whole mm; its child exits at once. */
static void fork_and_reap(void)
{
    long pid = sys0(SYS_fork);
    const long a[6] = { pid, 0, 0, 0 };

    if (pid == 0)
        sys1(SYS_exit_group, 0);
    if (pid > 0)
        raw_syscall(SYS_wait4, a);
}

/* Returns 0, or CHILD_BAD_ENOSYS if an unknown number did something. */
static int fuzz_one(int i)
{
    long a[6], nr = choose(a), ret;

    if (nr == -1) {
        if (pick(2)) {
            fork_and_reap();
            return 0;
        }
        nr = unknown_number();
        ret = do_syscall(i, nr, a);
        return ret == -ENOSYS ? 0 : CHILD_BAD_ENOSYS;
    }
    ret = do_syscall(i, nr, a);
    if ((nr == SYS_pipe || nr == SYS_pipe2) && ret == 0)
        sys1(SYS_close, ((int *)a[0])[1]); /* a reader must never wait for a writer */
    return 0;
}

static void open_fds(void)
{
    for (int i = 0; i < 3; i++)
        dup2(open("/dev/null", O_RDWR), i);
    dup2(open(SCRATCH "/a", O_RDWR | O_CREAT, 0644), FD_FILE);
    dup2(open("/proc/meminfo", O_RDONLY), FD_PROC);
    dup2(open(SCRATCH, O_RDONLY | O_DIRECTORY), FD_DIR);
    dup2(open("/proc/self/maps", O_RDONLY), FD_MAPS);
    dup2(open("/tests/fuzz", O_RDONLY), FD_RDONLY);
    dup2(syscall(SYS_epoll_create1, 0), FD_EPOLL);
    for (int i = NFDS; i < LOG_FD; i++)
        close(i);
}

static int fuzz_child(void *arg)
{
    uint64_t seed = *(uint64_t *)arg;
    int result = 0, p[2];
    char here;

    rng = seed;
    self_pid = getpid();
    stack_page = (char *)((uintptr_t)&here & ~(PAGE_SIZE - 1));
    initial_brk = sys1(SYS_brk, 0);
    buffer = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(buffer + PAGE_SIZE, PAGE_SIZE, PROT_NONE);
    mmap(ARENA, ARENA_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    signal(SIGPIPE, SIG_IGN);
    chdir(SCRATCH); /* relative names too stay inside */
    open_fds();
    /* a pipe whose only writer is gone: reads see EOF */
    pipe(p);
    dup2(p[0], FD_PIPE_READ);
    close(p[0]);
    close(p[1]);
    /* a pipe whose only reader is gone: writes fail with EPIPE */
    pipe(p);
    dup2(p[1], FD_PIPE_WRITE);
    close(p[0]);
    close(p[1]);
    for (int i = 0; i < CALLS; i++)
        result |= fuzz_one(i);
    return result;
}

/* Wait for a child, killing it if it has not ended within the limit. */
static int wait_or_kill(pid_t pid, int *status)
{
    struct timespec tick = { 0, 10 * 1000 * 1000 };

    for (int ms = 0; ms < HANG_LIMIT_MS; ms += 10) {
        if (waitpid(pid, status, WNOHANG) == pid)
            return 1;
        nanosleep(&tick, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, status, 0);
    return 0;
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];

    while (d && (e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (unlink(path) != 0)
            remove_tree(path);
    }
    if (d)
        closedir(d);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    int all_ended = 1;
    char *p;

    verbose = argc > 1 && !strcmp(argv[1], "-v");
    if (verbose)
        dup2(1, LOG_FD);
    remove_tree(SCRATCH);
    for (size_t i = 0; i < NSEEDS; i++) {
        CHECK_SYS(mkdir(SCRATCH, 0755), "mkdir " SCRATCH);
        pid_t pid = spawn(fuzz_child, (void *)&seeds[i]);
        int status = 0, ended = wait_or_kill(pid, &status);
        remove_tree(SCRATCH);
        note("seed %#llx: %s", (unsigned long long)seeds[i], status_text(status));
        CHECK(ended, "seed %zu: the child ended within %d s", i, HANG_LIMIT_MS / 1000);
        CHECK(!WIFEXITED(status) || WEXITSTATUS(status) == 0,
              "seed %zu: every unknown system call failed with ENOSYS", i);
        all_ended &= ended;
    }
    comparable("%zu fuzzing children of %d calls each %s", NSEEDS, CALLS,
               all_ended ? "ended" : "did not all end");

    CHECK_ERR(access(SCRATCH, F_OK), ENOENT, "the scratch directory is gone");
    p = map_anon(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE);
    p[0] = 42;
    CHECK_EQ_LONG(p[0], 42, "the parent still maps and writes memory");
    CHECK_SYS(munmap(p, PAGE_SIZE), "and unmaps it");
    CHECK_EQ_LONG(getppid(), 1, "the parent's parent is still init");
    comparable("the parent still works");
    check_mm_verify("after fuzzing");
    return tap_done();
}
