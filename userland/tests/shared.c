/*
 * Shared mappings.  MAP_SHARED of a file: stores reach the file (read()
 * sees them) and every other mapping of it, in this process and in a fork
 * child, which maps the same page-cache frame; write() reaches the mapping;
 * a private mapping of the file keeps its stores; mprotect, mremap and
 * munmap keep the sharing; a read-only fd gives only a read-only mapping.
 * Shared anonymous memory ("/dev/zero (deleted)") is shared with fork
 * children and counted in Shmem and RssShmem.  memfd_create: flags, name
 * length, ftruncate, mapping ("/memfd:NAME (deleted)"), smaps' private and
 * shared dirty pages and pagemap's file and exclusive bits.  ftruncate
 * shrinking a mapped file unmaps and frees the pages beyond the new end
 * (private copies too); touching them is SIGBUS with BUS_ADRERR at the
 * address (EFAULT for a system call).  On Pagoda also the rmap file (a page-cache page is found in
 * every process through the file's i_mmap tree) and mm_verify.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

#define RW (PROT_READ | PROT_WRITE)
#define PM_FILE (1ULL << 61)
#define PM_MMAP_EXCLUSIVE (1ULL << 56)
#define FILE_PATH "/tmp/shared-test"

#ifndef MFD_CLOEXEC
#define MFD_CLOEXEC 1U
#endif
#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif

static struct worker child;

static int memfd(const char *name, unsigned int flags)
{
    return syscall(SYS_memfd_create, name, flags);
}

static char *map_fd(size_t len, int prot, int flags, int fd)
{
    char *p = mmap(NULL, len, prot, flags, fd, 0);
    if (p == MAP_FAILED) {
        say("Bail out! mmap of fd %d: %s", fd, errno_name(errno));
        _exit(2);
    }
    return p;
}

static char file_byte(int fd, off_t offset)
{
    char c = '?';
    if (pread(fd, &c, 1, offset) != 1)
        return '!';
    return c;
}

/* The value of "key:" in the /proc/self/smaps entry of the VMA starting at addr, or -1. */
static long smaps_kb(const void *addr, const char *key)
{
    static char text[131072];
    char head[32], line[128];
    long kb = -1;

    if (read_file("/proc/self/smaps", text, sizeof text) < 0)
        return -1;
    snprintf(head, sizeof head, "%lx-", (unsigned long)addr);
    for (char *entry = text; entry; entry = strchr(entry + 1, '\n')) {
        char *start = entry == text ? entry : entry + 1;
        if (strncmp(start, head, strlen(head)) != 0)
            continue;
        char *end = strstr(start, "\nVmFlags:");
        if (end)
            *end = 0;
        if (!find_line(start, key, line, sizeof line) ||
            sscanf(line + strlen(key), " %ld kB", &kb) != 1)
            kb = -1;
        break;
    }
    return kb;
}

/* "Rss=.. Pss=.. Shared_Clean=.. ..." of the VMA at addr, as a comparable line. */
static void print_smaps(const char *label, const void *addr)
{
    comparable("%s smaps: Rss=%ld Pss=%ld Shared_Clean=%ld Shared_Dirty=%ld Private_Clean=%ld "
               "Private_Dirty=%ld Anonymous=%ld", label, smaps_kb(addr, "Rss:"),
               smaps_kb(addr, "Pss:"), smaps_kb(addr, "Shared_Clean:"),
               smaps_kb(addr, "Shared_Dirty:"), smaps_kb(addr, "Private_Clean:"),
               smaps_kb(addr, "Private_Dirty:"), smaps_kb(addr, "Anonymous:"));
}

static void print_pagemap(const char *label, const void *addr)
{
    uint64_t e = pagemap_entry(addr);
    comparable("%s pagemap: present=%d file=%d exclusive=%d", label, !!(e & PM_PRESENT),
               !!(e & PM_FILE), !!(e & PM_MMAP_EXCLUSIVE));
}

/* /proc/vmstat's nr_shmem, or -1. */
static long nr_shmem(void)
{
    static char text[16384];
    char line[64];
    long v = -1;
    if (read_file("/proc/vmstat", text, sizeof text) < 0 ||
        !find_line(text, "nr_shmem ", line, sizeof line) || sscanf(line + 9, "%ld", &v) != 1)
        return -1;
    return v;
}

/*
 * Linux folds its per-CPU counters into meminfo, vmstat and status lazily:
 * there a change of @expected may be off by a few pages; Pagoda's are exact.
 */
static void check_delta(long got, long expected, long slack, const char *what)
{
    if (on_pagoda())
        CHECK_EQ_LONG(got, expected, "%s changes by %ld", what, expected);
    else
        CHECK(got >= expected - slack && got <= expected + slack,
              "%s changes by %ld (got %ld, Linux counts lazily)", what, expected, got);
}

/* On Pagoda: the rmap file lists n mappings of the frame at addr, all through one file. */
static void check_rmap(const void *addr, int n, const char *what)
{
    struct rmap_entry e[8];

    if (!on_pagoda()) {
        SKIP("no /sys/kernel/debug/rmap on Linux", "rmap: %s", what);
        return;
    }
    int got = rmap_lookup(virt_to_pfn(addr), e, 8);
    int same = got > 0;
    for (int i = 1; i < got && i < 8; i++)
        same &= e[i].mapping == e[0].mapping;
    CHECK(got == n && same && e[0].mapping != 0, "rmap: %s (%d mappings, expected %d)", what,
          got, n);
}

static void test_file(void)
{
    static char buf[2 * PAGE_SIZE];
    int fd = CHECK_SYS(open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600), "create " FILE_PATH);

    memset(buf, 'A', sizeof buf);
    CHECK_EQ_LONG(write_full(fd, buf, sizeof buf), sizeof buf, "write two pages");
    char *p = map_fd(2 * PAGE_SIZE, RW, MAP_SHARED, fd);
    comparable("file: %s", maps_range(p, p + 2 * PAGE_SIZE));
    CHECK_EQ_LONG(p[5], 'A', "the shared mapping shows what write() wrote");
    p[PAGE_SIZE + 7] = 'B';
    CHECK_EQ_LONG(file_byte(fd, PAGE_SIZE + 7), 'B', "read() sees a store through the mapping");
    CHECK_EQ_LONG(pwrite(fd, "C", 1, 9), 1, "pwrite one byte");
    CHECK_EQ_LONG(p[9], 'C', "the mapping sees a later write()");

    char *q = map_fd(2 * PAGE_SIZE, RW, MAP_SHARED, fd);
    CHECK_EQ_LONG(q[PAGE_SIZE + 7], 'B', "a second shared mapping sees the store");
    CHECK_EQ_LONG(q[9], 'C', "and the write()");
    CHECK(virt_to_pfn(p) != 0 && virt_to_pfn(p) == virt_to_pfn(q),
          "both mappings map the same page-cache frame");
    print_pagemap("file (mapped twice)", p);

    worker_start(&child, serve_memory, NULL);
    worker_call(&child, MEM_WRITE, (long)(p + 100), 'K');
    CHECK_EQ_LONG(p[100], 'K', "the parent sees the child's store");
    CHECK_EQ_LONG(file_byte(fd, 100), 'K', "read() sees the child's store");
    CHECK_EQ_LONG(worker_call(&child, MEM_READ, (long)(q + PAGE_SIZE + 7), 0), 'B',
                  "the child sees the parent's store");
    CHECK((uint64_t)worker_call(&child, MEM_PFN, (long)p, 0) == virt_to_pfn(p),
          "the child maps the parent's frame");
    check_rmap(p, 3, "the file page is mapped twice here and once in the child");
    check_mm_verify("with a file shared by two processes");
    worker_exit(&child);
    check_rmap(p, 2, "the child's mapping went with it");

    CHECK_SYS(msync(p, 2 * PAGE_SIZE, MS_SYNC), "msync MS_SYNC of a shared mapping");
    CHECK_SYS(msync(p, 2 * PAGE_SIZE, MS_ASYNC), "msync MS_ASYNC of a shared mapping");

    char *r = map_fd(PAGE_SIZE, RW, MAP_PRIVATE, fd);
    comparable("private: %s", maps_range(r, r + PAGE_SIZE));
    r[0] = 'P';
    CHECK_EQ_LONG(p[0], 'A', "a private mapping's store does not reach the shared one");
    CHECK_EQ_LONG(file_byte(fd, 0), 'A', "nor the file");
    munmap(r, PAGE_SIZE);
    munmap(q, 2 * PAGE_SIZE);

    /* A read fault mapped page 0 clean; read-only and back, a store faults and writes the file. */
    CHECK_SYS(mprotect(p, 2 * PAGE_SIZE, PROT_READ), "mprotect the shared mapping read-only");
    comparable("read-only: %s", maps_range(p, p + 2 * PAGE_SIZE));
    CHECK_SYS(mprotect(p, 2 * PAGE_SIZE, RW), "and writable again");
    p[200] = 'W';
    CHECK_EQ_LONG(file_byte(fd, 200), 'W', "a store after mprotect reaches the file");

    char *target = reserve(2 * PAGE_SIZE);
    char *m = mremap(p, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED, target);
    CHECK(m == target, "mremap moves the shared mapping");
    comparable("moved: %s", maps_range(m, m + 2 * PAGE_SIZE));
    CHECK_EQ_LONG(m[200], 'W', "the moved mapping keeps the data");
    m[PAGE_SIZE + 9] = 'M';
    CHECK_EQ_LONG(file_byte(fd, PAGE_SIZE + 9), 'M', "a store to the moved mapping reaches the file");
    CHECK_SYS(munmap(m, PAGE_SIZE), "unmap its first page");
    comparable("half unmapped: %s", maps_range(m, m + 2 * PAGE_SIZE));
    CHECK_EQ_LONG(m[PAGE_SIZE + 9], 'M', "the other page stays mapped");
    munmap(m + PAGE_SIZE, PAGE_SIZE);

    int ro = CHECK_SYS(open(FILE_PATH, O_RDONLY), "open read-only");
    CHECK_ERR(mmap(NULL, PAGE_SIZE, RW, MAP_SHARED, ro, 0), EACCES,
              "a writable shared mapping of a read-only fd: EACCES");
    char *s = map_fd(PAGE_SIZE, PROT_READ, MAP_SHARED, ro);
    comparable("read-only fd: %s", maps_range(s, s + PAGE_SIZE));
    CHECK_ERR(mprotect(s, PAGE_SIZE, RW), EACCES, "mprotect can never make it writable: EACCES");
    munmap(s, PAGE_SIZE);
    close(ro);
    CHECK_ERR(mmap(NULL, PAGE_SIZE, RW, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0), EOPNOTSUPP,
              "MAP_SHARED_VALIDATE with MAP_SYNC: EOPNOTSUPP");

    s = map_fd(PAGE_SIZE, RW, MAP_SHARED, fd);
    CHECK_SYS(unlink(FILE_PATH), "unlink the mapped file");
    comparable("unlinked: %s", maps_range(s, s + PAGE_SIZE));
    CHECK_EQ_LONG(s[200], 'W', "the unlinked file's mapping still works");
    munmap(s, PAGE_SIZE);
    close(fd);
}

static void test_anon(void)
{
    long shmem = meminfo_kb("Shmem"), nr = nr_shmem(), rss = self_status_kb("RssShmem");
    char *p = map_fd(3 * PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS, -1);

    comparable("anon: %s", maps_range(p, p + 3 * PAGE_SIZE));
    CHECK_EQ_LONG(p[PAGE_SIZE], 0, "shared anonymous memory starts zeroed");
    worker_start(&child, serve_memory, NULL);
    worker_call(&child, MEM_WRITE, (long)p, 'c');
    worker_call(&child, MEM_WRITE, (long)(p + 2 * PAGE_SIZE), 'd');
    CHECK(p[0] == 'c' && p[2 * PAGE_SIZE] == 'd', "the parent sees the child's stores");
    p[PAGE_SIZE] = 'p';
    CHECK_EQ_LONG(worker_call(&child, MEM_READ, (long)(p + PAGE_SIZE), 0), 'p',
                  "the child sees the parent's store");
    CHECK((uint64_t)worker_call(&child, MEM_PFN, (long)p, 0) == virt_to_pfn(p),
          "parent and child map the same frame");
    print_pagemap("anon", p);
    print_smaps("anon", p);
    check_delta(meminfo_kb("Shmem") - shmem, 12, 64, "meminfo Shmem");
    check_delta(nr_shmem() - nr, 3, 16, "vmstat nr_shmem");
    check_delta(self_status_kb("RssShmem") - rss, 12, 128, "RssShmem");
    char *dup = mremap(p, 0, PAGE_SIZE, MREMAP_MAYMOVE);
    CHECK(dup != MAP_FAILED && dup != p && dup[0] == 'c',
          "mremap with old_len 0 maps the shared page a second time");
    comparable("anon, second mapping: %s", maps_range(dup, dup + PAGE_SIZE));
    if (dup != MAP_FAILED)
        munmap(dup, PAGE_SIZE);
    check_rmap(p, 2, "a shared anonymous page is found in parent and child");
    check_mm_verify("with shared anonymous memory");
    worker_exit(&child);
    munmap(p, 3 * PAGE_SIZE);
    check_delta(meminfo_kb("Shmem") - shmem, 0, 64, "meminfo Shmem, once unmapped,");
}

static void test_memfd(void)
{
    static char name[260];
    struct stat st;
    int fd = CHECK_SYS(memfd("pagoda", MFD_CLOEXEC), "memfd_create with MFD_CLOEXEC");

    CHECK_EQ_LONG(fcntl(fd, F_GETFD), FD_CLOEXEC, "MFD_CLOEXEC sets close-on-exec");
    int plain = CHECK_SYS(memfd("plain", 0), "memfd_create without flags");
    CHECK_EQ_LONG(fcntl(plain, F_GETFD), 0, "without MFD_CLOEXEC the fd stays open on exec");
    close(plain);
    CHECK_ERR(memfd("bad", 0x100), EINVAL, "an unknown flag: EINVAL");
    memset(name, 'n', 249);
    plain = CHECK_SYS(memfd(name, 0), "a 249-byte name is the longest");
    close(plain);
    name[249] = 'n';
    CHECK_ERR(memfd(name, 0), EINVAL, "a 250-byte name: EINVAL");
    CHECK_ERR(memfd((const char *)8, 0), EFAULT, "an unreadable name: EFAULT");

    CHECK(fstat(fd, &st) == 0 && st.st_size == 0 && S_ISREG(st.st_mode),
          "a memfd starts as an empty regular file");
    CHECK_SYS(ftruncate(fd, 2 * PAGE_SIZE), "ftruncate it to two pages");
    CHECK(fstat(fd, &st) == 0 && st.st_size == 2 * PAGE_SIZE, "its size is two pages");

    /*
     * Page 1 is written only after the child has read page 0: Linux's fault
     * around (which Pagoda lacks) would otherwise map it in the child too.
     */
    char *p = map_fd(2 * PAGE_SIZE, RW, MAP_SHARED, fd);
    comparable("memfd: %s", maps_range(p, p + 2 * PAGE_SIZE));
    p[0] = 'x';
    CHECK_EQ_LONG(file_byte(fd, 0), 'x', "read() sees the memfd mapping's store");
    print_smaps("memfd", p);
    print_pagemap("memfd", p);

    worker_start(&child, serve_memory, NULL);
    CHECK_EQ_LONG(worker_call(&child, MEM_READ, (long)p, 0), 'x', "a fork child reads the memfd page");
    p[PAGE_SIZE] = 'y';
    CHECK_EQ_LONG(file_byte(fd, PAGE_SIZE), 'y', "read() sees the second page's store");
    print_smaps("memfd (page 0 also the child's)", p);
    print_pagemap("memfd page 0", p);
    print_pagemap("memfd page 1", p + PAGE_SIZE);
    worker_exit(&child);
    munmap(p, 2 * PAGE_SIZE);
    close(fd);

    /* A page only ever read stays clean: Shared_Clean once the child reads it too. */
    fd = CHECK_SYS(memfd("clean", 0), "memfd_create");
    CHECK_SYS(ftruncate(fd, PAGE_SIZE), "size it to a page");
    p = map_fd(PAGE_SIZE, PROT_READ, MAP_SHARED, fd);
    CHECK_EQ_LONG(p[0], 0, "a new memfd page reads as zeros");
    worker_start(&child, serve_memory, NULL);
    CHECK_EQ_LONG(worker_call(&child, MEM_READ, (long)p, 0), 0, "the child reads it too");
    print_smaps("memfd, read only", p);
    worker_exit(&child);
    munmap(p, PAGE_SIZE);
    close(fd);
}

static void *volatile sigbus_addr;	/* set before the access, whatever the compiler */

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    _exit(si->si_code == BUS_ADRERR && si->si_addr == sigbus_addr ? 10 : 20 + si->si_code);
}

/* Touch the byte at arg with a SIGBUS handler: exit 10 for BUS_ADRERR at that address. */
static int touch_with_handler(void *arg)
{
    struct sigaction sa = { .sa_sigaction = on_sigbus, .sa_flags = SA_SIGINFO };
    sigaction(SIGBUS, &sa, NULL);
    sigbus_addr = arg;
    return *(volatile char *)arg;
}

static int touch(void *arg)
{
    return *(volatile char *)arg;
}

static void test_truncate(void)
{
    long shmem = meminfo_kb("Shmem");
    int fd = CHECK_SYS(memfd("trunc", 0), "memfd_create");

    CHECK_SYS(ftruncate(fd, 3 * PAGE_SIZE), "size it to three pages");
    char *p = map_fd(3 * PAGE_SIZE, RW, MAP_SHARED, fd);
    memset(p, 't', 3 * PAGE_SIZE);
    print_smaps("before truncation", p);
    CHECK_SYS(ftruncate(fd, PAGE_SIZE + 100), "truncate it to a page and 100 bytes");
    print_smaps("after truncation", p);
    CHECK(p[0] == 't' && p[PAGE_SIZE + 99] == 't', "the data before the new end stays");
    CHECK_EQ_LONG(p[PAGE_SIZE + 100], 0, "the rest of the last page reads as zeros");
    check_delta(meminfo_kb("Shmem") - shmem, 8, 64, "meminfo Shmem after truncation");
    CHECK_EXIT(run_child(touch_with_handler, p + 2 * PAGE_SIZE + 5), 10,
               "touching a page beyond the end: SIGBUS, BUS_ADRERR at the address");
    CHECK_SIGNAL(run_child(touch, p + 2 * PAGE_SIZE), SIGBUS, "without a handler it kills");
    int pipefd[2];
    CHECK_SYS(pipe(pipefd), "pipe");
    CHECK_ERR(write(pipefd[1], p + 2 * PAGE_SIZE, 1), EFAULT,
              "a system call reading beyond the end: EFAULT, no signal");
    close(pipefd[0]);
    close(pipefd[1]);
    CHECK_SYS(ftruncate(fd, 3 * PAGE_SIZE), "grow it back");
    CHECK_EQ_LONG(p[2 * PAGE_SIZE], 0, "the page is back, as zeros");
    munmap(p, 3 * PAGE_SIZE);
    close(fd);
    check_delta(meminfo_kb("Shmem") - shmem, 0, 64, "meminfo Shmem after close");

    /* Truncation takes a private mapping's copies of the pages beyond the end too. */
    static char buf[2 * PAGE_SIZE];
    fd = CHECK_SYS(open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600), "create " FILE_PATH);
    memset(buf, 'f', sizeof buf);
    CHECK_EQ_LONG(write_full(fd, buf, sizeof buf), sizeof buf, "write two pages");
    char *r = map_fd(2 * PAGE_SIZE, RW, MAP_PRIVATE, fd);
    r[PAGE_SIZE] = 'r';
    CHECK_SYS(ftruncate(fd, PAGE_SIZE), "truncate the file to one page");
    CHECK_EQ_LONG(r[0], 'f', "the private mapping's first page stays");
    CHECK_EXIT(run_child(touch_with_handler, r + PAGE_SIZE), 10,
               "its copy of the second page is gone: SIGBUS, BUS_ADRERR");
    munmap(r, 2 * PAGE_SIZE);
    close(fd);
    unlink(FILE_PATH);
}

int main(void)
{
    test_file();
    test_anon();
    test_memfd();
    test_truncate();
    check_mm_verify("at the end");
    return tap_done();
}
