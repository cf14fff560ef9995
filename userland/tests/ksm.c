/*
 * KSM: ksmd merges identical pages of unrelated processes into one frame.
 *
 * Three workers, forked before they touch the area, write the same 8
 * pages (page i holds byte i, then zeros): 24 private frames. With
 * ksmd running (run=1, sleep_millisecs=0, smart_scan=0) and two full
 * scans waited for -- the first records each page's checksum, the second
 * finds the twins -- each page i must be one frame in all three
 * (pagemap), pages_shared 8 and pages_sharing 16, each worker's
 * ksm_merging_pages 8. Then: a write breaks one page's sharing (cow_ksm
 * +1, a new frame; two passes later pages_sharing 15); MADV_UNMERGEABLE in
 * one worker gives it private frames again at once; run=2 unmerges
 * everything synchronously. A forked child of a merged worker maps the
 * KSM pages too; MADV_DONTNEED drops a worker's share. use_zero_pages
 * maps zero-filled pages to the zero page itself (ksm_zero_pages counts
 * them until written or unmerged); max_page_sharing=2 splits 24 identical
 * pages into 12 KSM pages of one chain; PROT_NONE pages merge, a write
 * through /proc/PID/mem breaks one of them, and a write
 * after mprotect breaks only its page; pages that changed since the last
 * pass do not merge until the next one. PR_SET_MEMORY_MERGE is inherited
 * by fork and kept across execve. Every /sys/kernel/mm/ksm file's mode,
 * and the errors of bad writes and of madvise, are compared with Linux.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define PAGES 8
#define WORKERS 3
#define KSM "/sys/kernel/mm/ksm/"

static char *area;
static struct worker workers[WORKERS];
static struct worker forked;	/* worker 0's child: its pipes exist before worker 0 */

enum { OP_FILL = 100, OP_MADVISE, OP_PRCTL_GET, OP_PROTECT };

/* The workers' requests: OP_FILL a=page b=byte; OP_MADVISE a=advice; ... */
static long serve_ksm(const struct request *r, void *unused)
{
    (void)unused;
    switch (r->op) {
    case OP_FILL:
        memset(area + r->a * PAGE_SIZE, 0, PAGE_SIZE);
        area[r->a * PAGE_SIZE] = (char)r->b;
        return 0;
    case OP_MADVISE:
        return madvise(area, PAGES * PAGE_SIZE, (int)r->a) ? -errno : 0;
    case OP_PRCTL_GET:
        return prctl(PR_GET_MEMORY_MERGE, 0, 0, 0, 0);
    case OP_PROTECT:
        return mprotect(area, PAGES * PAGE_SIZE, (int)r->a) ? -errno : 0;
    }
    return serve_memory(r, NULL);
}

/* run=2 (unmerge all, reset the cursor), then run=1 and two full scans. */
static void merge_round(const char *what)
{
    CHECK_EQ_LONG(ksm_write("run", "2"), 0, "%s: run=2", what);
    CHECK_EQ_LONG(ksm_write("run", "1"), 0, "%s: run=1", what);
    CHECK(ksm_wait_scans(2), "%s: ksmd completed two full scans", what);
}

static uint64_t pfn(int w, int i)
{
    return virt_to_pfn_of(workers[w].pid, area + i * PAGE_SIZE);
}

/* Pages whose frame is the same in every worker of [from, to). */
static int pages_merged(int from, int to)
{
    int merged = 0;

    for (int i = 0; i < PAGES; i++) {
        int same = 1;
        for (int w = from + 1; w < to; w++)
            same &= pfn(w, i) == pfn(from, i) && pfn(from, i) != 0;
        merged += same;
    }
    return merged;
}

/* Distinct frames among all workers' pages. */
static int distinct_frames(void)
{
    uint64_t seen[WORKERS * PAGES];
    int n = 0;

    for (int w = 0; w < WORKERS; w++)
        for (int i = 0; i < PAGES; i++) {
            uint64_t f = pfn(w, i);
            int k = 0;
            while (k < n && seen[k] != f)
                k++;
            if (k == n)
                seen[n++] = f;
        }
    return n;
}

static long vmstat(const char *name)
{
    static char buf[16384];
    char line[128];

    if (read_file("/proc/vmstat", buf, sizeof buf) < 0)
        return -1;
    snprintf(line, sizeof line, "%s ", name);
    if (find_line(buf, line, line, sizeof line) < 0)
        return -1;
    return strtol(line + strlen(name) + 1, NULL, 10);
}

static long proc_value(pid_t pid, const char *file, const char *key)
{
    char path[64], buf[4096], line[128];

    snprintf(path, sizeof path, "/proc/%d/%s", pid, file);
    if (read_file(path, buf, sizeof buf) < 0)
        return -1;
    if (!key)
        return strtol(buf, NULL, 10);
    if (find_line(buf, key, line, sizeof line) < 0)
        return -1;
    return strtol(line + strlen(key), NULL, 10);
}

/* The KSM: line of the area's VMA in /proc/PID/smaps, in kB; -1 if missing. */
static long smaps_ksm_kb(pid_t pid)
{
    static char buf[65536];
    char path[64], start[32], *at, *ksm;

    snprintf(path, sizeof path, "/proc/%d/smaps", pid);
    if (read_file(path, buf, sizeof buf) < 0)
        return -1;
    snprintf(start, sizeof start, "\n%lx-", (unsigned long)area);
    at = strstr(buf, start);
    ksm = at ? strstr(at, "\nKSM:") : NULL;
    return ksm ? strtol(ksm + 5, NULL, 10) : -1;
}

/* The KSM: line of /proc/PID/smaps_rollup (all VMAs), in kB; -1 if missing. */
static long smaps_rollup_ksm_kb(pid_t pid)
{
    static char buf[4096];
    char path[64], *ksm;

    snprintf(path, sizeof path, "/proc/%d/smaps_rollup", pid);
    if (read_file(path, buf, sizeof buf) < 0 || !strstr(buf, "[rollup]\n"))
        return -1;
    ksm = strstr(buf, "\nKSM:");
    return ksm ? strtol(ksm + 5, NULL, 10) : -1;
}

static void show_counters(const char *when)
{
    comparable("%s: pages_shared=%ld pages_sharing=%ld", when, ksm_read("pages_shared"),
               ksm_read("pages_sharing"));
}

static void test_merge(void)
{
    for (int w = 0; w < WORKERS; w++)
        for (int i = 0; i < PAGES; i++)
            worker_call(&workers[w], OP_FILL, i, i + 1);
    CHECK_EQ_LONG(distinct_frames(), WORKERS * PAGES, "before ksmd: 24 private frames");
    merge_round("merge");
    CHECK_EQ_LONG(pages_merged(0, WORKERS), PAGES, "each page is one frame in all 3 workers");
    CHECK_EQ_LONG(distinct_frames(), PAGES, "8 frames for 24 pages");
    CHECK_EQ_LONG(ksm_read("pages_shared"), PAGES, "pages_shared");
    CHECK_EQ_LONG(ksm_read("pages_sharing"), (WORKERS - 1) * PAGES, "pages_sharing");
    CHECK_EQ_LONG(ksm_read("pages_unshared"), 0, "pages_unshared");
    CHECK_EQ_LONG(ksm_read("pages_volatile"), 0, "pages_volatile");
    CHECK_EQ_LONG(proc_value(workers[1].pid, "ksm_merging_pages", NULL), PAGES,
                  "/proc/PID/ksm_merging_pages");
    CHECK_EQ_LONG(proc_value(workers[1].pid, "ksm_stat", "ksm_rmap_items "), PAGES,
                  "ksm_stat: ksm_rmap_items");
    CHECK_EQ_LONG(proc_value(workers[1].pid, "ksm_stat", "ksm_merging_pages "), PAGES,
                  "ksm_stat: ksm_merging_pages");
    CHECK_EQ_LONG(proc_value(workers[1].pid, "ksm_stat", "ksm_zero_pages "), 0,
                  "ksm_stat: ksm_zero_pages");
    CHECK_EQ_LONG(smaps_ksm_kb(workers[1].pid), PAGES * 4, "smaps of the area: KSM: 32 kB");
    CHECK_EQ_LONG(smaps_rollup_ksm_kb(workers[1].pid), PAGES * 4, "smaps_rollup: KSM: 32 kB");
    show_counters("merged");
    if (on_pagoda()) {
        static char text[16384];
        char want[96];
        int found = 0;

        read_file("/sys/kernel/debug/ksm", text, sizeof text);
        for (int i = 0; i < PAGES; i++)
            for (int w = 0; w < WORKERS; w++) {
                snprintf(want, sizeof want, "  pid %d address %lx ", workers[w].pid,
                         (unsigned long)area + i * PAGE_SIZE);
                found += strstr(text, want) != NULL;
            }
        CHECK_EQ_LONG(found, WORKERS * PAGES, "debug/ksm lists every worker's page");
        CHECK(strstr(text, "stable tree: pages_shared 8 pages_sharing 16") != NULL,
              "debug/ksm: the stable tree's counters");
        {
            struct rmap_entry e[8];
            int n = rmap_lookup(pfn(0, 5), e, 8), right = 0;

            for (int k = 0; k < n; k++)
                for (int w = 0; w < WORKERS; w++)
                    right += e[k].pid == workers[w].pid &&
                             e[k].address == (unsigned long)area + 5 * PAGE_SIZE;
            CHECK(n == WORKERS && right == WORKERS,
                  "debug/rmap finds the 3 mappings of a KSM page (rmap_walk_ksm)");
        }
    } else {
        SKIP("Pagoda's /sys/kernel/debug/ksm", "debug/ksm lists every worker's page");
        SKIP("Pagoda's /sys/kernel/debug/ksm", "debug/ksm: the stable tree's counters");
        SKIP("Pagoda's /sys/kernel/debug/rmap",
             "debug/rmap finds the 3 mappings of a KSM page (rmap_walk_ksm)");
    }
    check_mm_verify("after merging");
}

static void test_fork_shares(void)
{
    int same = 0;

    worker_own(&forked, worker_call(&workers[0], MEM_FORK, (long)&forked, 0));
    for (int i = 0; i < PAGES; i++)
        same += virt_to_pfn_of(forked.pid, area + i * PAGE_SIZE) == pfn(0, i);
    CHECK_EQ_LONG(same, PAGES, "a forked child maps the same KSM frames");
    check_mm_verify("after forking a merged worker");
    worker_exit(&forked);
}

static void test_write_breaks(void)
{
    long cow = vmstat("cow_ksm");
    uint64_t before = pfn(0, 0);

    worker_call(&workers[0], MEM_WRITE, (long)area, 'x');
    CHECK_EQ_LONG(vmstat("cow_ksm") - cow, 1, "a write to a KSM page counts one cow_ksm");
    CHECK(pfn(0, 0) != before, "the written page has a frame of its own");
    CHECK_EQ_LONG(pfn(1, 0), before, "the other workers keep the KSM frame");
    CHECK(ksm_wait_scans(2), "two more full scans");
    show_counters("one page written");
    CHECK_EQ_LONG(ksm_read("pages_sharing"), (WORKERS - 1) * PAGES - 1,
                  "pages_sharing one less once ksmd saw it");
}

static void test_unmergeable(void)
{
    CHECK_EQ_LONG(worker_call(&workers[2], OP_MADVISE, MADV_UNMERGEABLE, 0), 0,
                  "MADV_UNMERGEABLE");
    CHECK_EQ_LONG(pages_merged(1, 2 + 1), 0, "worker 2's pages have frames of their own at once");
    CHECK_EQ_LONG(pages_merged(1, 2), PAGES, "(worker 1 still maps the KSM frames)");
    CHECK(ksm_wait_scans(2), "two more full scans");
    show_counters("worker 2 unmerged");
    CHECK_EQ_LONG(proc_value(workers[2].pid, "ksm_merging_pages", NULL), 0,
                  "worker 2: ksm_merging_pages 0");
}

static void test_dontneed(void)
{
    CHECK_EQ_LONG(worker_call(&workers[1], OP_MADVISE, MADV_DONTNEED, 0), 0, "MADV_DONTNEED");
    CHECK_EQ_LONG(worker_call(&workers[1], MEM_READ, (long)area + PAGE_SIZE, 0), 0,
                  "the dropped page reads 0");
    CHECK(ksm_wait_scans(2), "two more full scans");
    show_counters("worker 1 dropped its pages");
    CHECK_EQ_LONG(proc_value(workers[1].pid, "ksm_merging_pages", NULL), 0,
                  "worker 1: ksm_merging_pages 0");
    check_mm_verify("after MADV_DONTNEED of merged pages");
    for (int i = 0; i < PAGES; i++)
        worker_call(&workers[1], OP_FILL, i, i + 1);
}

/* Fill every worker's pages with byte @value on page i: value + i * step. */
static void fill_all(int value, int step)
{
    for (int w = 0; w < WORKERS; w++)
        for (int i = 0; i < PAGES; i++)
            worker_call(&workers[w], OP_FILL, i, value + i * step);
}

static void test_zero_pages(void)
{
    uint64_t zero;

    CHECK_EQ_LONG(worker_call(&workers[2], OP_MADVISE, MADV_MERGEABLE, 0), 0,
                  "worker 2: MADV_MERGEABLE again");
    CHECK_EQ_LONG(ksm_write("use_zero_pages", "1"), 0, "use_zero_pages=1");
    fill_all(0, 0);
    merge_round("zero pages");
    zero = pfn(0, 0);
    CHECK_EQ_LONG(distinct_frames(), 1, "24 zero-filled pages: one frame");
    CHECK_EQ_LONG(virt_to_pfn(area), 0, "(this process never touched the area)");
    CHECK_EQ_LONG((long)*(volatile char *)area, 0, "a read maps the zero page here");
    CHECK_EQ_HEX(virt_to_pfn(area), zero, "that frame is the zero page");
    CHECK_EQ_LONG(ksm_read("ksm_zero_pages"), WORKERS * PAGES, "ksm_zero_pages 24");
    CHECK_EQ_LONG(proc_value(workers[0].pid, "ksm_stat", "ksm_zero_pages "), PAGES,
                  "ksm_stat: ksm_zero_pages 8");
    show_counters("zero pages");
    worker_call(&workers[0], MEM_WRITE, (long)area, 'z');
    CHECK_EQ_LONG(ksm_read("ksm_zero_pages"), WORKERS * PAGES - 1, "a write: ksm_zero_pages 23");
    CHECK_EQ_LONG(worker_call(&workers[1], OP_MADVISE, MADV_UNMERGEABLE, 0), 0,
                  "MADV_UNMERGEABLE");
    CHECK_EQ_LONG(ksm_read("ksm_zero_pages"), (WORKERS - 1) * PAGES - 1,
                  "MADV_UNMERGEABLE of 8: ksm_zero_pages 15");
    CHECK_EQ_LONG(worker_call(&workers[1], OP_MADVISE, MADV_MERGEABLE, 0), 0, "MADV_MERGEABLE");
    check_mm_verify("with KSM zero pages");
    CHECK_EQ_LONG(ksm_write("run", "2"), 0, "run=2");
    CHECK_EQ_LONG(ksm_read("ksm_zero_pages"), 0, "run=2: ksm_zero_pages 0");
    CHECK_EQ_LONG(ksm_write("use_zero_pages", "0"), 0, "use_zero_pages=0");
}

static void test_max_page_sharing(void)
{
    CHECK_EQ_LONG(ksm_write("max_page_sharing", "2"), 0, "max_page_sharing=2");
    fill_all('m', 0);
    merge_round("max_page_sharing=2");
    CHECK_EQ_LONG(distinct_frames(), WORKERS * PAGES / 2, "24 identical pages: 12 frames");
    comparable("max_page_sharing=2: pages_shared=%ld pages_sharing=%ld chains=%ld dups=%ld",
               ksm_read("pages_shared"), ksm_read("pages_sharing"),
               ksm_read("stable_node_chains"), ksm_read("stable_node_dups"));
    comparable("max_page_sharing=3 while shared: %s",
               errno_name(-ksm_write("max_page_sharing", "3")));
    check_mm_verify("with a chain of 12 dups");
    CHECK_EQ_LONG(ksm_write("run", "2"), 0, "run=2");
    CHECK_EQ_LONG(ksm_read("stable_node_chains"), 0, "run=2: no chain left");
    CHECK_EQ_LONG(ksm_write("max_page_sharing", "256"), 0, "max_page_sharing=256 again");
}

/* mem_write - write @c at @addr of process @pid through /proc/PID/mem; the bytes written. */
static long mem_write(pid_t pid, void *addr, char c)
{
    char path[32];
    long n;
    int fd;

    snprintf(path, sizeof(path), "/proc/%d/mem", pid);
    fd = open(path, O_RDWR);
    if (fd < 0)
        return -1;
    n = pwrite(fd, &c, 1, (off_t)(unsigned long)addr);
    close(fd);
    return n;
}

/*
 * PROT_NONE pages merge too. A write through /proc/PID/mem (FOLL_FORCE)
 * into the PROT_NONE area breaks that one page only; made writable again,
 * a plain write breaks one more.
 */
static void test_prot_none(void)
{
    fill_all(1, 1);
    for (int w = 0; w < WORKERS; w++)
        CHECK_EQ_LONG(worker_call(&workers[w], OP_PROTECT, PROT_NONE, 0), 0,
                      "worker %d: PROT_NONE", w);
    merge_round("PROT_NONE");
    CHECK_EQ_LONG(pages_merged(0, WORKERS), PAGES, "PROT_NONE pages merge");
    show_counters("PROT_NONE");
    CHECK_EQ_LONG(mem_write(workers[0].pid, area + 5 * PAGE_SIZE, 'm'), 1,
                  "a write through /proc/PID/mem into worker 0's PROT_NONE page 5");
    CHECK(pfn(0, 5) != pfn(1, 5), "that page has its own frame");
    CHECK_EQ_LONG(pages_merged(0, WORKERS), PAGES - 1, "worker 0 shares the other 7");
    CHECK_EQ_LONG(worker_call(&workers[0], OP_PROTECT, PROT_READ | PROT_WRITE, 0), 0,
                  "worker 0: read-write again");
    CHECK_EQ_LONG(worker_call(&workers[0], MEM_READ, (long)area + 5 * PAGE_SIZE, 0), 'm',
                  "worker 0 reads the byte /proc/PID/mem wrote");
    worker_call(&workers[0], MEM_WRITE, (long)area + 3 * PAGE_SIZE, 'w');
    CHECK(pfn(0, 3) != pfn(1, 3), "the written page has its own frame");
    CHECK_EQ_LONG(pages_merged(1, WORKERS), PAGES, "workers 1 and 2 keep all 8");
    CHECK_EQ_LONG(pages_merged(0, WORKERS), PAGES - 2, "worker 0 shares the other 6");
    check_mm_verify("with PROT_NONE KSM pages");
    CHECK_EQ_LONG(ksm_write("run", "2"), 0, "run=2");
    for (int w = 1; w < WORKERS; w++)
        worker_call(&workers[w], OP_PROTECT, PROT_READ | PROT_WRITE, 0);
}

/* Wait until full_scans reaches n (at most 60 s). */
static int wait_scan_count(long n)
{
    struct timespec ts = { 0, 10 * 1000 * 1000 };

    for (int i = 0; i < 6000 && ksm_read("full_scans") < n; i++)
        nanosleep(&ts, NULL);
    return ksm_read("full_scans") >= n;
}

static void show_all_counters(const char *when)
{
    comparable("%s: pages_shared=%ld pages_sharing=%ld pages_unshared=%ld pages_volatile=%ld",
               when, ksm_read("pages_shared"), ksm_read("pages_sharing"),
               ksm_read("pages_unshared"), ksm_read("pages_volatile"));
}

/*
 * Why two passes: a batch larger than all pages ends with the pass, and
 * ksmd then sleeps 2 s, so the test can act between passes. Worker 1's
 * pages become identical to worker 0's only after pass 1 recorded their
 * checksums: pass 2 finds them changed (volatile) and merges nothing
 * although twins are in the unstable tree; pass 3 merges them.
 */
static void test_two_passes(void)
{
    long s;

    for (int i = 0; i < PAGES; i++) {
        worker_call(&workers[0], OP_FILL, i, i + 1);
        worker_call(&workers[1], OP_FILL, i, 200 + i);
        worker_call(&workers[2], OP_FILL, i, 100 + i);
    }
    CHECK_EQ_LONG(ksm_write("run", "2"), 0, "two passes: run=2");
    CHECK_EQ_LONG(ksm_write("pages_to_scan", "1000"), 0, "pages_to_scan=1000");
    CHECK_EQ_LONG(ksm_write("sleep_millisecs", "2000"), 0, "sleep_millisecs=2000");
    s = ksm_read("full_scans");
    CHECK_EQ_LONG(ksm_write("run", "1"), 0, "run=1");
    CHECK(wait_scan_count(s + 1), "pass 1 done");
    show_all_counters("pass 1");
    for (int i = 0; i < PAGES; i++)
        worker_call(&workers[1], OP_FILL, i, i + 1);
    CHECK(wait_scan_count(s + 2), "pass 2 done");
    show_all_counters("pass 2");
    CHECK_EQ_LONG(pages_merged(0, 2), 0, "pass 2: changed pages did not merge");
    CHECK(wait_scan_count(s + 3), "pass 3 done");
    show_all_counters("pass 3");
    CHECK_EQ_LONG(pages_merged(0, 2), PAGES, "pass 3: they merged");
    CHECK_EQ_LONG(ksm_write("run", "2"), 0, "run=2");
    ksm_write("sleep_millisecs", "0");
    ksm_write("pages_to_scan", "100");
}

static void test_run2(void)
{
    CHECK_EQ_LONG(ksm_write("run", "2"), 0, "run=2");
    CHECK_EQ_LONG(distinct_frames(), WORKERS * PAGES, "run=2: 24 private frames again");
    show_counters("run=2");
    CHECK_EQ_LONG(ksm_read("run"), 2, "run reads 2");
}

static const struct {
    const char *name;
    unsigned mode;
} files[] = {
    { "run", 0644 }, { "sleep_millisecs", 0644 }, { "pages_to_scan", 0644 },
    { "max_page_sharing", 0644 }, { "stable_node_chains_prune_millisecs", 0644 },
    { "use_zero_pages", 0644 }, { "smart_scan", 0644 }, { "advisor_mode", 0644 },
    { "advisor_max_cpu", 0644 }, { "advisor_min_pages_to_scan", 0644 },
    { "advisor_max_pages_to_scan", 0644 }, { "advisor_target_scan_time", 0644 },
    { "pages_scanned", 0444 }, { "pages_shared", 0444 }, { "pages_sharing", 0444 },
    { "pages_unshared", 0444 }, { "pages_volatile", 0444 }, { "pages_skipped", 0444 },
    { "ksm_zero_pages", 0444 }, { "full_scans", 0444 }, { "stable_node_chains", 0444 },
    { "stable_node_dups", 0444 }, { "general_profit", 0444 },
};

static void test_sysfs(void)
{
    char path[128], buf[64];
    struct stat st;

    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, KSM "%s", files[i].name);
        CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == files[i].mode, "%s is %o",
              files[i].name, files[i].mode);
    }
    comparable("write pages_shared: %s", errno_name(-ksm_write("pages_shared", "1")));
    comparable("run=3: %s", errno_name(-ksm_write("run", "3")));
    comparable("run=x: %s", errno_name(-ksm_write("run", "x")));
    comparable("sleep_millisecs=-1: %s", errno_name(-ksm_write("sleep_millisecs", "-1")));
    comparable("pages_to_scan=abc: %s", errno_name(-ksm_write("pages_to_scan", "abc")));
    comparable("max_page_sharing=1: %s", errno_name(-ksm_write("max_page_sharing", "1")));
    comparable("max_page_sharing=x: %s", errno_name(-ksm_write("max_page_sharing", "x")));
    comparable("use_zero_pages=maybe: %s", errno_name(-ksm_write("use_zero_pages", "maybe")));
    comparable("smart_scan=2: %s", errno_name(-ksm_write("smart_scan", "2")));
    comparable("advisor_mode=fast: %s", errno_name(-ksm_write("advisor_mode", "fast")));
    comparable("advisor_target_scan_time=0: %s",
               errno_name(-ksm_write("advisor_target_scan_time", "0")));
    CHECK_EQ_LONG(ksm_write("advisor_mode", "scan-time\n"), 0, "advisor_mode=scan-time");
    read_file(KSM "advisor_mode", buf, sizeof buf);
    CHECK_STR(buf, "none [scan-time]\n", "advisor_mode shows scan-time chosen");
    CHECK_EQ_LONG(ksm_read("pages_to_scan"), 500, "scan-time starts at advisor_min_pages_to_scan");
    comparable("pages_to_scan=100 under the advisor: %s",
               errno_name(-ksm_write("pages_to_scan", "100")));
    CHECK_EQ_LONG(ksm_write("advisor_mode", "none"), 0, "advisor_mode=none");
    CHECK_EQ_LONG(ksm_read("pages_to_scan"), 100, "none restores pages_to_scan 100");
}

/* The VMA starting at addr has VM_MERGEABLE: "mg" among its smaps VmFlags. */
static int has_mg(const void *addr)
{
    static char smaps[16384];
    char start[32], *at, *flags, *end;

    read_file("/proc/self/smaps", smaps, sizeof smaps);
    snprintf(start, sizeof start, "%lx-", (unsigned long)addr);
    at = strstr(smaps, start);
    flags = at ? strstr(at, "VmFlags:") : NULL;
    end = flags ? strchr(flags, '\n') : NULL;
    return flags && end && memmem(flags, end - flags, " mg", 3) != NULL;
}

static void test_madvise_errors(void)
{
    char *hole = map_anon(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    char *shared = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                        -1, 0);

    munmap(hole + PAGE_SIZE, PAGE_SIZE);
    CHECK_ERR(madvise(hole, 3 * PAGE_SIZE, MADV_MERGEABLE), ENOMEM,
              "MADV_MERGEABLE over a hole: ENOMEM");
    CHECK_ERR(madvise(hole + 1, PAGE_SIZE, MADV_MERGEABLE), EINVAL,
              "MADV_MERGEABLE unaligned: EINVAL");
    CHECK_EQ_LONG(madvise(shared, PAGE_SIZE, MADV_MERGEABLE), 0,
                  "MADV_MERGEABLE on a shared mapping: ignored, 0");
    CHECK(!has_mg(shared), "the shared mapping has no mg flag");
    CHECK(has_mg(hole), "the mapped part before the hole got mg");
    munmap(hole, 3 * PAGE_SIZE);
    munmap(shared, PAGE_SIZE);
}

static void test_prctl(void)
{
    struct worker w;

    CHECK_EQ_LONG(prctl(PR_GET_MEMORY_MERGE, 0, 0, 0, 0), 0, "PR_GET_MEMORY_MERGE: 0");
    CHECK_ERR(prctl(PR_SET_MEMORY_MERGE, 1, 1, 0, 0), EINVAL, "PR_SET_MEMORY_MERGE arg3: EINVAL");
    CHECK_ERR(prctl(PR_GET_MEMORY_MERGE, 1, 0, 0, 0), EINVAL, "PR_GET_MEMORY_MERGE arg2: EINVAL");
    CHECK_EQ_LONG(prctl(PR_SET_MEMORY_MERGE, 1, 0, 0, 0), 0, "PR_SET_MEMORY_MERGE 1");
    CHECK_EQ_LONG(prctl(PR_GET_MEMORY_MERGE, 0, 0, 0, 0), 1, "PR_GET_MEMORY_MERGE: 1");
    worker_start(&w, serve_ksm, NULL);
    CHECK_EQ_LONG(worker_call(&w, OP_PRCTL_GET, 0, 0), 1, "a fork child inherits it");
    worker_exit(&w);
    {
        char *argv[] = { "memory_merge", NULL }, *envp[] = { NULL };
        pid_t pid;
        int status = -1;

        CHECK_EQ_LONG(posix_spawn(&pid, "/tests/helpers/memory_merge", NULL, NULL, argv, envp),
                      0, "spawn /tests/helpers/memory_merge");
        waitpid(pid, &status, 0);
        CHECK_EXIT(status, 1, "it is kept across execve");
    }
    CHECK_EQ_LONG(prctl(PR_SET_MEMORY_MERGE, 0, 0, 0, 0), 0, "PR_SET_MEMORY_MERGE 0");
    CHECK_EQ_LONG(prctl(PR_GET_MEMORY_MERGE, 0, 0, 0, 0), 0, "PR_GET_MEMORY_MERGE: 0 again");
}

int main(void)
{
    if (ksm_save()) {
        SKIP("no /sys/kernel/mm/ksm", "KSM");
        return tap_done();
    }
    ksm_write("run", "2");
    ksm_write("sleep_millisecs", "0");
    ksm_write("pages_to_scan", "100");
    ksm_write("smart_scan", "0");
    ksm_write("use_zero_pages", "0");

    area = map_anon(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    CHECK_EQ_LONG(madvise(area, PAGES * PAGE_SIZE, MADV_MERGEABLE), 0, "MADV_MERGEABLE");
    worker_init(&forked);
    for (int w = 0; w < WORKERS; w++)
        worker_start(&workers[w], serve_ksm, NULL);

    test_merge();
    test_fork_shares();
    test_write_breaks();
    test_unmergeable();
    test_dontneed();
    test_run2();
    test_zero_pages();
    test_max_page_sharing();
    test_prot_none();
    test_two_passes();
    for (int w = 0; w < WORKERS; w++)
        worker_exit(&workers[w]);
    munmap(area, PAGES * PAGE_SIZE);

    test_sysfs();
    test_madvise_errors();
    test_prctl();

    ksm_write("run", "2");
    show_counters("end");
    ksm_restore();
    check_mm_verify("at the end");
    return tap_done();
}
