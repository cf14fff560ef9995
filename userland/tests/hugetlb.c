/*
 * The hugetlb pool and MAP_HUGETLB (docs/hugetlb.md). First the files:
 * /proc/sys/vm/nr_hugepages and the files of /sys/kernel/mm/hugepages/hugepages-2048kB
 * (modes, values, errors) and the HugePages_* lines of /proc/meminfo as
 * the pool grows and shrinks. Then fragmentation: the process fills most
 * of the free memory with anonymous pages, frees every other one and asks
 * for more huge pages than could fit; the pool must reach a floor both
 * kernels reach (compaction makes the 2 MiB blocks).
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define HPAGE_SIZE (2UL << 20)
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

static long vmstat(const char *name)
{
    char line[128];

    if (read_file("/proc/vmstat", text, sizeof text) < 0)
        return -1;
    snprintf(line, sizeof line, "%s ", name);
    if (find_line(text, line, line, sizeof line) < 0)
        return -1;
    return atol(line + strlen(name) + 1);
}

/* meminfo_count - a HugePages_* line of /proc/meminfo (a count, not kB). */
static long meminfo_count(const char *key)
{
    char line[128];

    if (read_file("/proc/meminfo", text, sizeof text) < 0 ||
        find_line(text, key, line, sizeof line) < 0)
        return -1;
    return atol(line + strlen(key) + 1);
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
               meminfo_count("HugePages_Total:"), meminfo_count("HugePages_Free:"),
               meminfo_count("HugePages_Rsvd:"), meminfo_count("HugePages_Surp:"),
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
    CHECK_EQ_LONG(meminfo_count("HugePages_Total:"), 5, "HugePages_Total 5");
    CHECK_EQ_LONG(meminfo_count("HugePages_Free:"), 5, "HugePages_Free 5");
    CHECK_EQ_LONG(meminfo_kb("Hugetlb"), 5 * 2048, "Hugetlb 10240 kB");
    CHECK_EQ_LONG(hstate("nr_hugepages"), 5, "sysfs nr_hugepages 5");
    CHECK_EQ_LONG(hstate("free_hugepages"), 5, "sysfs free_hugepages 5");
    CHECK_EQ_LONG(vmstat("htlb_buddy_alloc_success") - success, 5,
                  "htlb_buddy_alloc_success counted 5");
    CHECK_EQ_LONG(write_file(HSTATE_DIR "nr_hugepages", "2"), 0, "2 > sysfs nr_hugepages");
    CHECK_EQ_LONG(read_long("/proc/sys/vm/nr_hugepages"), 2, "the sysctl reads 2");
    CHECK_EQ_LONG(meminfo_count("HugePages_Free:"), 2, "HugePages_Free 2");
    CHECK_EQ_LONG(write_file(HSTATE_DIR "nr_overcommit_hugepages", "3"), 0,
                  "3 > nr_overcommit_hugepages");
    CHECK_EQ_LONG(read_long("/proc/sys/vm/nr_overcommit_hugepages"), 3,
                  "the sysctl nr_overcommit_hugepages reads 3");
    CHECK_EQ_LONG(write_file("/proc/sys/vm/nr_overcommit_hugepages", "0"), 0, "and back to 0");
    CHECK_EQ_LONG(set_nr_hugepages(0), 0, "0 > nr_hugepages");
    CHECK_EQ_LONG(meminfo_count("HugePages_Total:"), 0, "HugePages_Total 0");
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
    CHECK_EQ_LONG(meminfo_count("HugePages_Free:"), reached, "all of them free");
    for (long i = 1; i < pages; i += 2)
        bad += *(long *)(area + i * PAGE_SIZE) != i;
    CHECK_EQ_LONG(bad, 0, "every kept page is intact");
    CHECK_EQ_LONG(set_nr_hugepages(0), 0, "empty the pool");
    CHECK_EQ_LONG(meminfo_count("HugePages_Total:"), 0, "HugePages_Total 0");
    munmap(area, pages * PAGE_SIZE);
}

int main(void)
{
    sysfs_files();
    write_errors();
    grow_and_shrink();
    fragmented_pool();
    return tap_done();
}
