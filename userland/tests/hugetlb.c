/*
 * The hugetlb pool and MAP_HUGETLB (docs/hugetlb.md). First the files:
 * /proc/sys/vm/nr_hugepages and the files of /sys/kernel/mm/hugepages/hugepages-2048kB
 * (modes, values, errors) and the HugePages_* lines of /proc/meminfo as
 * the pool grows and shrinks. Then fragmentation: the process fills most
 * of the free memory with anonymous pages, frees every other one and asks
 * for more huge pages than could fit; the pool must reach a floor both
 * kernels reach (compaction makes the 2 MiB blocks). Then MAP_HUGETLB,
 * private and shared: the errors, the reservation counts at mmap and
 * fault, the data, copy-on-write after fork, smaps, pagemap, mincore,
 * munmap giving the pages back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <signal.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include "test.h"

#define HPAGE_SIZE (2UL << 20)
#define HUGETLB (MAP_ANONYMOUS | MAP_HUGETLB)
#define MAP_HUGE_2MB_FLAG (21 << 26)
#define MAP_HUGE_16MB_FLAG (24 << 26)
#define PM_FILE_BIT (1ULL << 61)
#define PM_EXCLUSIVE_BIT (1ULL << 56)
#define HSTATE_DIR "/sys/kernel/mm/hugepages/hugepages-2048kB/"

static char text[16384];

static long read_long(const char *path)
{
    if (read_file(path, text, sizeof text) < 0)
        return -1;
    return atol(text);
}

static long hstate(const char *name)
{
    char path[128];

    snprintf(path, sizeof path, HSTATE_DIR "%s", name);
    return read_long(path);
}

static int set_nr_hugepages(long n)
{
    char value[32];

    snprintf(value, sizeof value, "%ld", n);
    return write_file("/proc/sys/vm/nr_hugepages", value);
}

/* The five files of the hstate directory: modes and values. */
static void sysfs_files(void)
{
    static const char *const names[] = {
        "nr_hugepages", "free_hugepages", "resv_hugepages", "surplus_hugepages",
        "nr_overcommit_hugepages",
    };

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[128];
        struct stat st;

        snprintf(path, sizeof path, HSTATE_DIR "%s", names[i]);
        CHECK_SYS(stat(path, &st), "stat %s", names[i]);
        comparable("%s: mode %o, value %ld", names[i], st.st_mode & 07777, hstate(names[i]));
    }
    comparable("sysctl nr_hugepages %ld, nr_overcommit_hugepages %ld",
               read_long("/proc/sys/vm/nr_hugepages"),
               read_long("/proc/sys/vm/nr_overcommit_hugepages"));
    comparable("meminfo: Total %ld Free %ld Rsvd %ld Surp %ld Hugepagesize %ld kB Hugetlb %ld kB",
               meminfo_kb("HugePages_Total"), meminfo_kb("HugePages_Free"),
               meminfo_kb("HugePages_Rsvd"), meminfo_kb("HugePages_Surp"),
               meminfo_kb("Hugepagesize"), meminfo_kb("Hugetlb"));
}

/* Writes that must fail, and with which error. */
static void write_errors(void)
{
    static const struct {
        const char *path, *value;
    } bad[] = {
        { "/proc/sys/vm/nr_hugepages", "abc" },
        { "/proc/sys/vm/nr_hugepages", "-1" },
        { HSTATE_DIR "nr_hugepages", "abc" },
        { HSTATE_DIR "nr_hugepages", "-1" },
        { HSTATE_DIR "nr_overcommit_hugepages", "x" },
        { HSTATE_DIR "free_hugepages", "3" },
        { HSTATE_DIR "resv_hugepages", "3" },
        { HSTATE_DIR "surplus_hugepages", "3" },
    };

    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        errno = 0;
        CHECK(write_file(bad[i].path, bad[i].value) < 0, "writing %s to %s fails", bad[i].value,
              bad[i].path);
        comparable("write %s to %s: %s", bad[i].value, bad[i].path, errno_name(errno));
    }
    CHECK_EQ_LONG(read_long("/proc/sys/vm/nr_hugepages"), 0, "the pool is still empty");
}

/* Grow the pool by both files, check every counter, shrink it again. */
static void grow_and_shrink(void)
{
    long success = vmstat("htlb_buddy_alloc_success");

    CHECK_EQ_LONG(set_nr_hugepages(5), 0, "5 > /proc/sys/vm/nr_hugepages");
    CHECK_EQ_LONG(meminfo_kb("HugePages_Total"), 5, "HugePages_Total 5");
    CHECK_EQ_LONG(meminfo_kb("HugePages_Free"), 5, "HugePages_Free 5");
    CHECK_EQ_LONG(meminfo_kb("Hugetlb"), 5 * 2048, "Hugetlb 10240 kB");
    CHECK_EQ_LONG(hstate("nr_hugepages"), 5, "sysfs nr_hugepages 5");
    CHECK_EQ_LONG(hstate("free_hugepages"), 5, "sysfs free_hugepages 5");
    CHECK_EQ_LONG(vmstat("htlb_buddy_alloc_success") - success, 5,
                  "htlb_buddy_alloc_success counted 5");
    CHECK_EQ_LONG(write_file(HSTATE_DIR "nr_hugepages", "2"), 0, "2 > sysfs nr_hugepages");
    CHECK_EQ_LONG(read_long("/proc/sys/vm/nr_hugepages"), 2, "the sysctl reads 2");
    CHECK_EQ_LONG(meminfo_kb("HugePages_Free"), 2, "HugePages_Free 2");
    CHECK_EQ_LONG(write_file(HSTATE_DIR "nr_overcommit_hugepages", "3"), 0,
                  "3 > nr_overcommit_hugepages");
    CHECK_EQ_LONG(read_long("/proc/sys/vm/nr_overcommit_hugepages"), 3,
                  "the sysctl nr_overcommit_hugepages reads 3");
    CHECK_EQ_LONG(write_file("/proc/sys/vm/nr_overcommit_hugepages", "0"), 0, "and back to 0");
    CHECK_EQ_LONG(set_nr_hugepages(0), 0, "0 > nr_hugepages");
    CHECK_EQ_LONG(meminfo_kb("HugePages_Total"), 0, "HugePages_Total 0");
    CHECK_EQ_LONG(meminfo_kb("Hugetlb"), 0, "Hugetlb 0 kB");
}

/*
 * Fill 60% of the free memory, free every other page, then ask for as
 * many huge pages as the free memory would hold if it were contiguous.
 * The pages kept stay intact; the pool reaches at least a floor.
 */
static void fragmented_pool(void)
{
    const long pages = meminfo_kb("MemFree") / 4 * 6 / 10 & ~1L;
    char *area = mmap(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long ideal, reached, bad = 0;

    if (!CHECK(area != MAP_FAILED, "mmap 60%% of the free memory"))
        return;
    madvise(area, pages * PAGE_SIZE, MADV_NOHUGEPAGE); /* 4 KiB pages on Linux too */
    for (long i = 0; i < pages; i++)
        *(long *)(area + i * PAGE_SIZE) = i;
    for (long i = 0; i < pages; i += 2)
        madvise(area + i * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED);
    ideal = meminfo_kb("MemFree") / 2048;
    CHECK_EQ_LONG(set_nr_hugepages(ideal), 0, "ask for %ld huge pages", ideal);
    reached = read_long("/proc/sys/vm/nr_hugepages");
    note("free memory held %ld huge pages if contiguous; the pool reached %ld", ideal, reached);
    CHECK(reached <= ideal, "never more than asked");
    CHECK(reached >= ideal / 2, "at least half of them");
    comparable("reached >= ideal / 2: %s", reached >= ideal / 2 ? "yes" : "no");
    CHECK_EQ_LONG(meminfo_kb("HugePages_Free"), reached, "all of them free");
    for (long i = 1; i < pages; i += 2)
        bad += *(long *)(area + i * PAGE_SIZE) != i;
    CHECK_EQ_LONG(bad, 0, "every kept page is intact");
    CHECK_EQ_LONG(set_nr_hugepages(0), 0, "empty the pool");
    CHECK_EQ_LONG(meminfo_kb("HugePages_Total"), 0, "HugePages_Total 0");
    munmap(area, pages * PAGE_SIZE);
}

static long free_pages(void)
{
    return meminfo_kb("HugePages_Free");
}

static long rsvd_pages(void)
{
    return meminfo_kb("HugePages_Rsvd");
}

/* A line (Private_Hugetlb:, KernelPageSize: ...) of the smaps entry of the VMA at @addr, in kB. */
static long smaps_kb(const void *addr, const char *key)
{
    static char smaps[65536];
    char start[32], line[128];
    char *p;

    if (read_file("/proc/self/smaps", smaps, sizeof smaps) < 0)
        return -1;
    snprintf(start, sizeof start, "%lx-", (unsigned long)addr);
    for (p = smaps; p && strncmp(p, start, strlen(start)); p = strchr(p, '\n'), p = p ? p + 1 : p)
        ;
    if (!p || !find_line(p, key, line, sizeof line))
        return -1;
    return atol(line + strlen(key));
}

static void *map_huge(size_t len, int flags)
{
    return mmap(NULL, len, PROT_READ | PROT_WRITE, flags, -1, 0);
}

static int touch(void *arg)
{
    return *(volatile char *)arg = 1;
}

/* The name /proc/self/maps gives the mapping at @addr. */
static const char *maps_name(const void *addr)
{
    static char line[256];
    char start[32], *p;

    if (read_file("/proc/self/maps", text, sizeof text) < 0)
        return "?";
    snprintf(start, sizeof start, "%lx-", (unsigned long)addr);
    if (!find_line(text, start, line, sizeof line))
        return "?";
    p = strchr(line, '/');
    return p ? p : "";
}

/* mmap's errors: no pool, a size with no pool (16 MiB: x86 has 2 MiB and 1 GiB), a file that is not hugetlb's. */
static void map_errors(void)
{
    void *p;
    int fd;

    errno = 0;
    p = map_huge(HPAGE_SIZE, MAP_PRIVATE | HUGETLB);
    CHECK(p == MAP_FAILED && errno == ENOMEM, "private MAP_HUGETLB with an empty pool: ENOMEM");
    comparable("private, empty pool: %s", errno_name(errno));
    errno = 0;
    p = map_huge(HPAGE_SIZE, MAP_SHARED | HUGETLB);
    CHECK(p == MAP_FAILED && errno == ENOMEM, "shared MAP_HUGETLB with an empty pool: ENOMEM");
    comparable("shared, empty pool: %s", errno_name(errno));
    errno = 0;
    p = map_huge(HPAGE_SIZE, MAP_PRIVATE | HUGETLB | MAP_HUGE_16MB_FLAG);
    CHECK(p == MAP_FAILED && errno == EINVAL, "MAP_HUGE_16MB, no such pool: EINVAL");
    comparable("MAP_HUGE_16MB: %s", errno_name(errno));
    fd = open("/proc/self/status", O_RDONLY);
    errno = 0;
    p = mmap(NULL, HPAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_HUGETLB, fd, 0);
    CHECK(p == MAP_FAILED && errno == EINVAL, "MAP_HUGETLB of an ordinary file: EINVAL");
    comparable("MAP_HUGETLB of a file: %s", errno_name(errno));
    close(fd);
    p = map_huge(HPAGE_SIZE, MAP_PRIVATE | HUGETLB | MAP_NORESERVE);
    CHECK(p != MAP_FAILED, "MAP_NORESERVE maps without a pool");
    CHECK_EQ_LONG(rsvd_pages(), 0, "and reserves nothing");
    CHECK_SIGNAL(run_child(touch, p), SIGBUS, "touching it with no free page is SIGBUS");
    CHECK_SYS(munmap(p, HPAGE_SIZE), "munmap it");
}

/* The PFNs of the 512 pages of the huge page at @p: aligned and consecutive? */
static void check_pagemap(const char *p, const char *what)
{
    uint64_t first = pagemap_entry(p), e;
    int consecutive = 1;

    for (int i = 1; i < 512; i++) {
        e = pagemap_entry(p + i * PAGE_SIZE);
        consecutive &= (e & PM_PRESENT) && (e & PM_PFN_MASK) == (first & PM_PFN_MASK) + i;
    }
    CHECK((first & PM_PRESENT) && (first & PM_PFN_MASK) % 512 == 0,
          "%s: pagemap's first PFN is 2 MiB-aligned", what);
    CHECK(consecutive, "%s: the 512 PFNs are consecutive", what);
    comparable("%s: pagemap present %d, aligned %d, consecutive %d, file %d, exclusive %d", what,
               !!(first & PM_PRESENT), (first & PM_PFN_MASK) % 512 == 0, consecutive,
               !!(first & PM_FILE_BIT), !!(first & PM_EXCLUSIVE_BIT));
}

/*
 * The child of private_mapping(), reporting by its exit status: bit n set
 * if its check n failed (a child prints no TAP lines).
 */
static int private_child(void *arg)
{
    char *p = arg;
    int bad = 0;

    bad |= !(p[0] == 'a' && p[HPAGE_SIZE] == 0) << 0;   /* the parent's data */
    p[0] = 'c';     /* copy-on-write: a pool page of its own */
    bad |= (free_pages() != 1) << 1;                    /* the copy took one free page */
    bad |= !(p[0] == 'c' && p[1] == 'a') << 2;          /* the old data and its write */
    bad |= (smaps_kb(p, "Private_Hugetlb:") != 2048) << 3; /* its copy */
    bad |= (smaps_kb(p, "Shared_Hugetlb:") != 2048) << 4;  /* the page still shared */
    return bad;
}

/* A private mapping: reservations, faults, fork and COW, the views, munmap. */
static void private_mapping(void)
{
    char *p, *vec = malloc(1024);
    long resident = 0;

    CHECK_EQ_LONG(set_nr_hugepages(4), 0, "a pool of 4");
    p = map_huge(HPAGE_SIZE + PAGE_SIZE, MAP_PRIVATE | HUGETLB | MAP_HUGE_2MB_FLAG);
    if (!CHECK(p != MAP_FAILED, "mmap 2 MiB + 4 KiB private MAP_HUGETLB | MAP_HUGE_2MB"))
        return;
    CHECK_EQ_LONG((unsigned long)p % HPAGE_SIZE, 0, "the address is 2 MiB-aligned");
    CHECK_EQ_LONG(smaps_kb(p, "Size:"), 4096, "the length was rounded up to 4 MiB");
    CHECK_EQ_LONG(rsvd_pages(), 2, "HugePages_Rsvd 2 at mmap");
    CHECK_EQ_LONG(free_pages(), 4, "HugePages_Free still 4");
    memset(p, 'a', 4096);
    CHECK_EQ_LONG(free_pages(), 3, "a write fault takes one: Free 3");
    CHECK_EQ_LONG(rsvd_pages(), 1, "... and its reservation: Rsvd 1");
    CHECK_EQ_LONG(p[HPAGE_SIZE + 12345], 0, "a read fault gets a zeroed page");
    CHECK_EQ_LONG(free_pages(), 2, "Free 2");
    CHECK_EQ_LONG(rsvd_pages(), 0, "Rsvd 0");
    comparable("private: Free %ld Rsvd %ld after two faults", free_pages(), rsvd_pages());
    CHECK_EQ_LONG(smaps_kb(p, "Private_Hugetlb:"), 4096, "smaps Private_Hugetlb 4096 kB");
    comparable("private smaps: Rss %ld Private_Hugetlb %ld Shared_Hugetlb %ld KernelPageSize %ld MMUPageSize %ld",
               smaps_kb(p, "Rss:"), smaps_kb(p, "Private_Hugetlb:"), smaps_kb(p, "Shared_Hugetlb:"),
               smaps_kb(p, "KernelPageSize:"), smaps_kb(p, "MMUPageSize:"));
    comparable("HugetlbPages %ld kB", self_status_kb("HugetlbPages"));
    comparable("maps: %s", maps_name(p));
    check_pagemap(p, "private");
    CHECK_SYS(mincore(p, 2 * HPAGE_SIZE, (unsigned char *)vec), "mincore");
    for (int i = 0; i < 1024; i++)
        resident += vec[i] & 1;
    CHECK_EQ_LONG(resident, 1024, "mincore: all 1024 pages resident");

    CHECK_EXIT(run_child(private_child, p), 0,
               "the child sees the data, its write copies the page (Free 1), smaps shows it");
    CHECK_EQ_LONG(free_pages(), 2, "the child's copy went back to the pool");
    CHECK(p[0] == 'a', "the parent's page kept its data");
    p[0] = 'b';     /* mapcount 1 again: reused, no copy */
    CHECK_EQ_LONG(free_pages(), 2, "the parent's write after the child exited copies nothing");

    errno = 0;
    CHECK(munmap(p, PAGE_SIZE) < 0 && errno == EINVAL, "munmap of 4 KiB of it: EINVAL");
    comparable("munmap 4 KiB: %s", errno_name(errno));
    errno = 0;
    CHECK(mremap(p, 2 * HPAGE_SIZE, 4 * HPAGE_SIZE, MREMAP_MAYMOVE) == MAP_FAILED &&
          errno == EINVAL, "mremap growing it: EINVAL");
    comparable("mremap grow: %s", errno_name(errno));
    CHECK_SYS(mprotect(p, HPAGE_SIZE, PROT_READ), "mprotect the first huge page read-only");
    CHECK(p[0] == 'b', "still readable");
    CHECK_SYS(mprotect(p, HPAGE_SIZE, PROT_READ | PROT_WRITE), "and writable again");
    p[1] = 'w';
    CHECK_SYS(munmap(p, 2 * HPAGE_SIZE), "munmap all of it");
    CHECK_EQ_LONG(free_pages(), 4, "munmap gave both pages back: Free 4");
    CHECK_EQ_LONG(rsvd_pages(), 0, "Rsvd 0");
    free(vec);
}

/* The child of shared_mapping(), reporting as private_child() does. */
static int shared_child(void *arg)
{
    char *s = arg;
    int bad = 0;

    bad |= (s[0] != 's') << 0;          /* the parent's write */
    s[1] = 't';
    s[HPAGE_SIZE] = 'u';                /* faults the second page in, for both */
    bad |= (free_pages() != 2) << 1;
    bad |= (rsvd_pages() != 0) << 2;
    return bad;
}

/* A shared mapping: the pages are the mapping's, fork shares them. */
static void shared_mapping(void)
{
    char *s;

    CHECK_EQ_LONG(set_nr_hugepages(1), 0, "a pool of 1");
    errno = 0;
    s = map_huge(2 * HPAGE_SIZE, MAP_SHARED | HUGETLB);
    CHECK(s == MAP_FAILED && errno == ENOMEM, "4 MiB shared from a pool of 1: ENOMEM");
    comparable("shared 4 MiB, pool of 1: %s", errno_name(errno));
    CHECK_EQ_LONG(set_nr_hugepages(4), 0, "a pool of 4");
    s = map_huge(2 * HPAGE_SIZE, MAP_SHARED | HUGETLB);
    if (!CHECK(s != MAP_FAILED, "mmap 4 MiB shared MAP_HUGETLB"))
        return;
    CHECK_EQ_LONG(rsvd_pages(), 2, "Rsvd 2 at mmap");
    s[0] = 's';
    CHECK_EQ_LONG(free_pages(), 3, "Free 3 after a fault");
    CHECK_EQ_LONG(rsvd_pages(), 1, "Rsvd 1");
    check_pagemap(s, "shared");
    CHECK_EXIT(run_child(shared_child, s), 0,
               "the child sees the parent's write and writes to both pages (Free 2, Rsvd 0)");
    CHECK(s[1] == 't' && s[HPAGE_SIZE] == 'u', "the parent sees the child's writes");
    CHECK_EQ_LONG(free_pages(), 2, "Free 2: the child's page is the mapping's");
    comparable("shared smaps: Private_Hugetlb %ld Shared_Hugetlb %ld",
               smaps_kb(s, "Private_Hugetlb:"), smaps_kb(s, "Shared_Hugetlb:"));
    CHECK_SYS(munmap(s, 2 * HPAGE_SIZE), "munmap it");
    CHECK_EQ_LONG(free_pages(), 4, "the pages went back: Free 4");
    CHECK_EQ_LONG(rsvd_pages(), 0, "Rsvd 0");
    CHECK_EQ_LONG(set_nr_hugepages(0), 0, "empty the pool");
}

int main(void)
{
    sysfs_files();
    write_errors();
    grow_and_shrink();
    fragmented_pool();
    map_errors();
    private_mapping();
    shared_mapping();
    return tap_done();
}
