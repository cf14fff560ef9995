/*
 * Memory locking: mlock, mlock2 (MLOCK_ONFAULT), munlock, mlockall
 * (MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT), munlockall and MAP_LOCKED, with
 * what each shows: VmLck in status, Locked and the lo/lf VmFlags in smaps,
 * the split and merged VMAs, and the Mlocked and Unevictable lines of
 * /proc/meminfo as deltas. The error cases (EINVAL, ENOMEM) and what fork,
 * munmap and mremap do to a lock.
 *
 * VmLck, Rss, Locked and the flags are `@ ` comparable. Linux's meminfo
 * lags behind by up to a per-CPU threshold of pages (vmstat's per-CPU
 * diffs), so small Mlocked/Unevictable deltas are checked exactly on
 * Pagoda only, and compared with Linux for a 1 MiB lock, in MiB.
 *
 * RLIMIT_MEMLOCK: no obstacle for root (CAP_IPC_LOCK); a child that
 * became nobody gets ENOMEM past the limit and EPERM with a limit of 0.
 * (Not here: EAGAIN, which needs a range that cannot be faulted in.)
 */
#include <grp.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 0x01
#endif
#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

#define RW (PROT_READ | PROT_WRITE)

static char *region;            /* 16 pages, private anonymous */
static long mlocked0, unevictable0;

static char *pg(int n)
{
    return region + n * PAGE_SIZE;
}

static long sys_mlock2(const void *addr, size_t len, unsigned int flags)
{
    return syscall(SYS_mlock2, addr, len, flags);
}

/*
 * The smaps line "key" (Rss, Locked) of the VMA starting at addr, in kB,
 * and its VmFlags' lo/lf as "lo", "lo lf" or "-". -1 if there is no such VMA.
 */
static long smaps_kb(const void *addr, const char *key, char *lock_flags)
{
    static char text[1 << 18];
    char head[32], line[256];
    const char *vma, *end, *p;

    if (read_file("/proc/self/smaps", text, sizeof text) < 0)
        return -1;
    snprintf(head, sizeof head, "%lx-", (unsigned long)addr);
    vma = NULL;
    for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (!strncmp(p, head, strlen(head))) {
            vma = p;
            break;
        }
    if (!vma)
        return -1;
    end = strstr(vma, "VmFlags:");
    if (!end)
        return -1;
    if (lock_flags) {
        char flags[256];
        int lo, lf;

        find_line(end, "VmFlags:", flags, sizeof flags);
        lo = strstr(flags, " lo") != NULL;
        lf = strstr(flags, " lf") != NULL;
        strcpy(lock_flags, lo ? (lf ? "lo lf" : "lo") : (lf ? "lf" : "-"));
    }
    for (p = vma; p < end; p = strchr(p, '\n') + 1)
        if (!strncmp(p, key, strlen(key)) && p[strlen(key)] == ':') {
            find_line(p, key, line, sizeof line);
            return strtol(line + strlen(key) + 1, NULL, 10);
        }
    return -1;
}

/*
 * `@ what: VmLck N kB`; on Pagoda, Mlocked and Unevictable must have grown
 * by exactly @mlocked kB since the start.
 */
static void show_counts(const char *what, long mlocked)
{
    comparable("%s: VmLck %ld kB", what, self_status_kb("VmLck"));
    if (!on_pagoda())
        return;
    CHECK_EQ_LONG(meminfo_kb("Mlocked") - mlocked0, mlocked, "%s: Mlocked", what);
    CHECK_EQ_LONG(meminfo_kb("Unevictable") - unevictable0, mlocked, "%s: Unevictable", what);
}

/* `@ what: Rss N kB, Locked N kB, F` for the VMA at p (F: lo, lo lf or -). */
static void show_vma(const char *what, const void *p)
{
    char flags[8] = "?";
    long rss = smaps_kb(p, "Rss", flags);

    comparable("%s: Rss %ld kB, Locked %ld kB, %s", what, rss, smaps_kb(p, "Locked", NULL),
               flags);
}

static void touch(char *p, int pages)
{
    for (int i = 0; i < pages; i++)
        p[i * PAGE_SIZE] = 1;
}

static void test_mlock_munlock(void)
{
    CHECK_SYS(mlock(pg(4), 4 * PAGE_SIZE), "mlock of 4 untouched pages");
    print_maps_range("mlock 4..8", region, pg(16));
    show_vma("mlock", pg(4));
    show_vma("mlock", pg(0));
    show_counts("mlock 4 pages", 16);
    CHECK_EQ_LONG(self_status_kb("VmLck"), 16, "VmLck counts the locked pages");

    CHECK_SYS(mlock(pg(5) + 100, 10), "mlock again inside: rounded to the page, no change");
    print_maps_range("mlock 5 again", region, pg(16));
    show_counts("mlock twice", 16);

    CHECK_SYS(munlock(pg(4), 2 * PAGE_SIZE), "munlock the first half");
    print_maps_range("munlock 4..6", region, pg(16));
    show_counts("munlock half", 8);
    CHECK_SYS(munlock(pg(0), 16 * PAGE_SIZE), "munlock everything");
    print_maps_range("munlock all", region, pg(16));
    show_vma("munlocked", pg(0));
    show_counts("munlock all", 0);
}

static void test_onfault(void)
{
    CHECK_SYS(sys_mlock2(pg(8), 4 * PAGE_SIZE, MLOCK_ONFAULT), "mlock2 MLOCK_ONFAULT");
    print_maps_range("mlock2 onfault", region, pg(16));
    show_vma("onfault", pg(8));
    show_counts("onfault, untouched", 0);
    touch(pg(8), 2);
    show_vma("onfault, 2 touched", pg(8));
    show_counts("onfault, 2 touched", 8);
    CHECK_SYS(sys_mlock2(pg(8), 4 * PAGE_SIZE, 0), "mlock2 without the flag populates");
    show_vma("mlock2 0", pg(8));
    show_counts("mlock2 0", 16);
    CHECK_SYS(munlock(pg(8), 4 * PAGE_SIZE), "munlock");
    show_counts("munlocked", 0);
}

static void test_errors(void)
{
    char *none, *hole;

    CHECK_ERR(sys_mlock2(pg(0), PAGE_SIZE, 2), EINVAL, "mlock2 with an unknown flag");
    CHECK_ERR(mlockall(0), EINVAL, "mlockall(0)");
    CHECK_ERR(mlockall(MCL_ONFAULT), EINVAL, "mlockall(MCL_ONFAULT) alone");
    CHECK_ERR(mlockall(8 | MCL_CURRENT), EINVAL, "mlockall with an unknown flag");
    CHECK_ERR(munlock((void *)-PAGE_SIZE, 2 * PAGE_SIZE), EINVAL, "munlock of a wrapping range");
    CHECK_SYS(mlock(pg(0), 0), "mlock of 0 bytes");

    hole = map_anon(NULL, 3 * PAGE_SIZE, RW, 0);
    CHECK_SYS(munmap(hole + PAGE_SIZE, PAGE_SIZE), "punch a hole");
    CHECK_ERR(mlock(hole, 3 * PAGE_SIZE), ENOMEM, "mlock across a hole");
    show_vma("before the hole", hole);
    CHECK_ERR(munlock(hole, 3 * PAGE_SIZE), ENOMEM, "munlock across a hole");
    show_vma("before the hole, munlocked", hole);
    CHECK_ERR(mlock(hole + PAGE_SIZE, PAGE_SIZE), ENOMEM, "mlock of the hole itself");
    munmap(hole, 3 * PAGE_SIZE);

    none = map_anon(NULL, 2 * PAGE_SIZE, PROT_NONE, 0);
    CHECK_ERR(mlock(none, 2 * PAGE_SIZE), ENOMEM, "mlock of PROT_NONE: cannot populate");
    comparable("PROT_NONE mlock: VmLck %ld kB (the VMA is locked all the same)",
               self_status_kb("VmLck"));
    munmap(none, 2 * PAGE_SIZE);
    show_counts("errors done", 0);
}

static void test_map_locked(void)
{
    char *p = mmap(NULL, 4 * PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
    char *q;

    CHECK(p != MAP_FAILED, "mmap MAP_LOCKED");
    show_counts("MAP_LOCKED 4 pages", 16);
    comparable("MAP_LOCKED: Rss %ld kB, Locked %ld kB", smaps_kb(p, "Rss", NULL),
               smaps_kb(p, "Locked", NULL));
    q = mremap(p, 4 * PAGE_SIZE, 4 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, pg(0));
    CHECK(q == pg(0), "mremap the locked VMA over region");
    show_vma("moved", pg(0));
    show_counts("after mremap", 16);
    CHECK_SYS(munmap(pg(0), 2 * PAGE_SIZE), "munmap half of it");
    show_counts("after munmap of half", 8);
    CHECK_SYS(munlock(pg(2), 2 * PAGE_SIZE), "munlock the rest");
    show_counts("MAP_LOCKED munlocked", 0);
    region = map_anon(region, 16 * PAGE_SIZE, RW, MAP_FIXED);
}

static int child_sees_no_lock(void *unused)
{
    (void)unused;
    return self_status_kb("VmLck") == 0 && smaps_kb(pg(0), "Locked", NULL) == 0 ? 0 : 1;
}

static void test_fork(void)
{
    CHECK_SYS(mlock(pg(0), 4 * PAGE_SIZE), "mlock before fork");
    CHECK_EXIT(run_child(child_sees_no_lock, NULL), 0, "the child inherits no lock");
    show_counts("after the child", 16);
    CHECK_SYS(munlock(pg(0), 4 * PAGE_SIZE), "munlock");
}

/* Two shared mappings of the same 4 file pages: each page is counted once. */
static void test_shared(void)
{
    int fd = memfd_create("mlock", 0);
    char *a, *b;

    CHECK_SYS(ftruncate(fd, 4 * PAGE_SIZE), "a 4-page memfd");
    a = mmap(NULL, 4 * PAGE_SIZE, RW, MAP_SHARED, fd, 0);
    b = mmap(NULL, 4 * PAGE_SIZE, RW, MAP_SHARED, fd, 0);
    CHECK(a != MAP_FAILED && b != MAP_FAILED, "mapped twice");
    CHECK_SYS(mlock(a, 4 * PAGE_SIZE), "mlock the first");
    CHECK_SYS(mlock(b, 4 * PAGE_SIZE), "mlock the second");
    show_counts("shared, locked twice", 16);
    CHECK_SYS(munlock(a, 4 * PAGE_SIZE), "munlock the first");
    show_counts("shared, still locked by the second", 16);
    CHECK_SYS(munmap(b, 4 * PAGE_SIZE), "unmap the second");
    show_counts("shared, unmapped", 0);
    munmap(a, 4 * PAGE_SIZE);
    close(fd);
}

static int mlockall_child(void *arg)
{
    int onfault = arg != NULL;
    char flags[8];
    char *p;
    long rss;

    if (mlockall(MCL_CURRENT | MCL_FUTURE | (onfault ? MCL_ONFAULT : 0)))
        return 10;
    if (smaps_kb(pg(0), "Locked", flags) < 0 || strcmp(flags, onfault ? "lo lf" : "lo"))
        return 11;
    p = mmap(NULL, 4 * PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    rss = smaps_kb(p, "Rss", flags);
    if (strcmp(flags, onfault ? "lo lf" : "lo"))
        return 12;              /* MCL_FUTURE locks new mappings */
    if (rss != (onfault ? 0 : 16) || smaps_kb(p, "Locked", NULL) != rss)
        return 13;              /* ... and populates them unless MCL_ONFAULT */
    if (munlockall() || self_status_kb("VmLck") != 0)
        return 14;
    p = mmap(NULL, 4 * PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    smaps_kb(p, "Rss", flags);
    if (strcmp(flags, "-"))
        return 15;              /* munlockall ends MCL_FUTURE too */
    if (mlockall(MCL_FUTURE))
        return 16;
    if (self_status_kb("VmLck") != 0)
        return 17;              /* MCL_FUTURE alone locks nothing now */
    return 0;
}

static void test_mlockall(void)
{
    CHECK_EXIT(run_child(mlockall_child, NULL), 0, "mlockall(MCL_CURRENT | MCL_FUTURE)");
    CHECK_EXIT(run_child(mlockall_child, ""), 0, "mlockall(... | MCL_ONFAULT)");
    show_counts("after the mlockall children", 0);
}

static void test_rlimit(void)
{
    struct rlimit old, zero = { 0, 0 };

    pid_t pid;

    CHECK_SYS(getrlimit(RLIMIT_MEMLOCK, &old), "getrlimit");
    comparable("RLIMIT_MEMLOCK %llu", (unsigned long long)old.rlim_cur);
    pid = fork();
    if (pid == 0) {
        char *p;

        /* CAP_IPC_LOCK (root) goes beyond RLIMIT_MEMLOCK, even 0. */
        if (setrlimit(RLIMIT_MEMLOCK, &zero) || mlock(pg(0), PAGE_SIZE))
            _exit(1);
        p = mmap(NULL, PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0);
        _exit(p == MAP_FAILED ? 2 : 0);
    }
    CHECK_EXIT(wait_for(pid), 0, "root locks with RLIMIT_MEMLOCK 0");
}

/* nobody_limits - as nobody (no CAP_IPC_LOCK): RLIMIT_MEMLOCK holds. */
static int nobody_limits(void *unused)
{
    struct rlimit one = { PAGE_SIZE, PAGE_SIZE }, zero = { 0, 0 };
    int bad = 0;
    (void)unused;

    if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534) ||
        setrlimit(RLIMIT_MEMLOCK, &one))
        return 100;
    bad |= (mlock(pg(0), PAGE_SIZE) != 0) << 0;
    bad |= (mlock(pg(1), 2 * PAGE_SIZE) != -1 || errno != ENOMEM) << 1;
    bad |= (mlock(pg(0), PAGE_SIZE) != 0) << 2;	/* already counted: no more */
    bad |= (mlockall(MCL_CURRENT) != -1 || errno != ENOMEM) << 3;
    bad |= (munlock(pg(0), PAGE_SIZE) != 0) << 4;
    if (setrlimit(RLIMIT_MEMLOCK, &zero))
        return 101;
    bad |= (mlock(pg(0), PAGE_SIZE) != -1 || errno != EPERM) << 5;
    bad |= (mlockall(MCL_FUTURE) != -1 || errno != EPERM) << 7;
    return bad;
}

static void test_nobody(void)
{
    int status = run_child(nobody_limits, NULL);

    CHECK_EXIT(status, 0, "as nobody: ENOMEM past RLIMIT_MEMLOCK, EPERM with 0");
    comparable("nobody: %s", status_text(status));
}

/* A 1 MiB lock moves Linux's meminfo past its per-CPU lag: compare in MiB. */
static void test_one_mib(void)
{
    char *p = map_anon(NULL, 1 << 20, RW, 0);
    long mlocked = meminfo_kb("Mlocked"), unevictable = meminfo_kb("Unevictable");

    CHECK_SYS(mlock(p, 1 << 20), "mlock 1 MiB");
    comparable("1 MiB locked: Mlocked +%ld MiB, Unevictable +%ld MiB",
               (meminfo_kb("Mlocked") - mlocked + 512) / 1024,
               (meminfo_kb("Unevictable") - unevictable + 512) / 1024);
    CHECK_SYS(munlock(p, 1 << 20), "munlock it");
    comparable("1 MiB unlocked: Mlocked +%ld MiB, Unevictable +%ld MiB",
               (meminfo_kb("Mlocked") - mlocked + 512) / 1024,
               (meminfo_kb("Unevictable") - unevictable + 512) / 1024);
    munmap(p, 1 << 20);
}

int main(void)
{
    mlocked0 = meminfo_kb("Mlocked");
    unevictable0 = meminfo_kb("Unevictable");
    region = map_anon(NULL, 16 * PAGE_SIZE, RW, 0);

    test_mlock_munlock();
    test_onfault();
    test_errors();
    test_map_locked();
    test_fork();
    test_shared();
    test_mlockall();
    test_rlimit();
    test_nobody();
    test_one_mib();
    show_counts("end", 0);
    check_mm_verify("after the mlock tests");
    return tap_done();
}
