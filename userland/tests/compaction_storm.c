/*
 * Compaction storm (issue 15): pages move under running processes while
 * those processes fork, write, munmap, mprotect and merge them.
 *
 * At the same time, from a fixed seed (argv[1] gives another):
 *  - four workers hold 64 checksummed, mergeable pages each (seeds 1..6
 *    are the same in every worker, so ksmd -- run=1, sleep_millisecs=0 --
 *    keeps merging them; other seeds are a worker's own) and, 1000 steps
 *    long, write, check, fork (a child checks, writes and checks again,
 *    then exits), munmap and map again, mprotect read-only and back,
 *    MADV_DONTNEED, or exit and make way for a new worker;
 *  - a writer rewrites each of its 128 pages, round after round, checking
 *    what the previous round wrote: its pages migrate while it writes, and
 *    an access that finds a migration entry waits in migration_entry_wait()
 *    (on one CPU without kernel preemption, when the migrating task slept
 *    with the entries in place, e.g. on an anon_vma lock or in the
 *    cond_resched() of a KSM page's rmap walk);
 *  - a compactor writes /proc/sys/vm/compact_memory (every fourth time
 *    /sys/devices/system/node/node0/compact) every 100 ms, while
 *    compaction_proactiveness is 100 so that kcompactd0 compacts
 *    proactively too;
 *  - a filler holds every other page of an eighth of the free memory, so
 *    that the zone is fragmented and compaction has work.
 *
 * Every process checks every word of its pages against its seed: no page
 * may ever read wrong. Afterwards, on Pagoda: pages moved (pgmigrate_success,
 * the compact_* counters, pagemap frames of the writer and the filler that
 * changed, KSM pages among them), mm_verify is clean; and after the test
 * has exited /init finds MemFree + Slab exactly as before it ran (with
 * kcompactd idle, proactiveness 0, and ksmd stopped, nothing else holds a
 * page, so the bound is 0).
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define WORKERS 4
#define PAGES 64		/* a worker's pages */
#define SHARED_SEEDS 6		/* seeds 1..6: in every worker alike, so they merge */
#define STEPS 1000
#define WRITER_PAGES 128
#define WORDS (PAGE_SIZE / sizeof(unsigned))

enum { OP_WRITE, OP_CHECK, OP_FORK, OP_REMAP, OP_MPROTECT, OP_DONTNEED, OP_REAP, NR_OPS };

/* What the writer and the compactor report, in a MAP_SHARED page. */
struct shared {
    volatile int stop;
    long writer_rounds, writer_bad, writer_pages_moved;
    long compactions, compact_errors;
    long filler_pages, filler_bad, filler_pages_moved;
};

static struct shared *shared;
static char *area;			/* the same address in every worker */
static unsigned expect[PAGES];		/* a worker's: each page's seed, 0 for zeros */
static int bad;				/* a worker's: pages found wrong, its children's too */
static uint64_t rng;
static char text[4096];

/* fill - the page of @seed: word k is seed * 2654435761 + k, word 0 their checksum. */
static void fill(char *page, unsigned seed)
{
    unsigned *p = (unsigned *)page, sum = 0;

    if (!seed) {
        memset(page, 0, PAGE_SIZE);
        return;
    }
    for (unsigned k = 1; k < WORDS; k++) {
        p[k] = seed * 2654435761u + k;
        sum = sum * 31 + p[k];
    }
    p[0] = sum;
}

/* page_bad - 1 unless every word of @page is what fill(@seed) wrote. */
static int page_bad(const char *page, unsigned seed)
{
    const unsigned *p = (const unsigned *)page;
    unsigned sum = 0;

    for (unsigned k = 1; k < WORDS; k++) {
        unsigned want = seed ? seed * 2654435761u + k : 0;

        if (p[k] != want)
            return 1;
        sum = sum * 31 + want;
    }
    return p[0] != (seed ? sum : 0);
}

static int check_all(void)
{
    int n = 0;

    for (int i = 0; i < PAGES; i++)
        n += page_bad(area + i * PAGE_SIZE, expect[i]);
    return n;
}

static void write_page(int i, unsigned seed)
{
    fill(area + i * PAGE_SIZE, seed);
    expect[i] = seed;
}

/* A seed for a write: mostly one that every worker uses, else one of its own. */
static unsigned pick_seed(uint64_t *r)
{
    unsigned n = xorshift64_below(r, 10);

    return n < 8 ? n % (SHARED_SEEDS + 1) : 1000 + xorshift64_below(r, 1u << 30);
}

static void reap(int options)
{
    int status;
    pid_t pid;

    while ((pid = waitpid(-1, &status, options)) > 0)
        bad += WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

/* A forked child: check, write, check for a while, then exit with the bad count. */
static void child_life(void)
{
    struct timespec ts = { 0, 2 * 1000 * 1000 };
    int n = check_all();

    for (int round = 0; round < 6; round++) {
        write_page(xorshift64_below(&rng, PAGES), pick_seed(&rng));
        nanosleep(&ts, NULL);
        n += check_all();
    }
    _exit(n > 99 ? 99 : n);
}

static long serve_storm(const struct request *r, void *unused)
{
    char *page = area + r->a * PAGE_SIZE;

    (void)unused;
    reap(WNOHANG);
    switch (r->op) {
    case OP_WRITE:
        write_page(r->a, r->b);
        return 0;
    case OP_CHECK:
        bad += check_all();
        return bad;
    case OP_FORK:
        rng ^= r->b;
        if (fork() == 0)
            child_life();
        return 0;
    case OP_REMAP:
        /* munmap one page and map a fresh, zero-filled, mergeable one there */
        if (munmap(page, PAGE_SIZE) ||
            mmap(page, PAGE_SIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ||
            madvise(page, PAGE_SIZE, MADV_MERGEABLE))
            return -errno;
        expect[r->a] = 0;
        bad += page_bad(page, 0);
        return 0;
    case OP_MPROTECT:
        /* read-only for a moment: the contents must not change */
        if (mprotect(page, PAGE_SIZE, PROT_READ))
            return -errno;
        bad += page_bad(page, expect[r->a]);
        if (mprotect(page, PAGE_SIZE, PROT_READ | PROT_WRITE))
            return -errno;
        return 0;
    case OP_DONTNEED:
        if (madvise(page, PAGE_SIZE, MADV_DONTNEED))
            return -errno;
        expect[r->a] = 0;
        bad += page_bad(page, 0);
        return 0;
    case OP_REAP:
        reap(0);
        bad += check_all();
        return bad;
    }
    return -1;
}

static void start_worker(struct worker *w, uint64_t seed)
{
    rng = seed;		/* the worker's own sequence, fixed by the parent's */
    worker_start(w, serve_storm, NULL);
    for (int i = 0; i < PAGES; i++)
        worker_call(w, OP_WRITE, i, i % (SHARED_SEEDS + 1));
}

/* The writer's seed for page @i in round @round: never 0, never a worker's. */
static unsigned writer_seed(int i, long round)
{
    return 0x40000000u + (unsigned)round * WRITER_PAGES + i;
}

/* The writer: rewrite every page each round, after checking the last round's data. */
static int writer(void *unused)
{
    char *mem = map_anon(NULL, WRITER_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    static uint64_t first_pfn[WRITER_PAGES];
    long round = 0, wrong = 0, moved = 0;
    struct timespec pause = { 0, 2 * 1000 * 1000 };

    (void)unused;
    for (int i = 0; i < WRITER_PAGES; i++) {
        fill(mem + i * PAGE_SIZE, writer_seed(i, 0));
        first_pfn[i] = virt_to_pfn(mem + i * PAGE_SIZE);
    }
    while (!shared->stop) {
        for (int i = 0; i < WRITER_PAGES; i++) {
            wrong += page_bad(mem + i * PAGE_SIZE, writer_seed(i, round));
            fill(mem + i * PAGE_SIZE, writer_seed(i, round + 1));
        }
        round++;
        shared->writer_rounds = round;
        nanosleep(&pause, NULL);	/* a round at a time: the workers must get on too */
    }
    for (int i = 0; i < WRITER_PAGES; i++) {
        wrong += page_bad(mem + i * PAGE_SIZE, writer_seed(i, round));
        moved += virt_to_pfn(mem + i * PAGE_SIZE) != first_pfn[i];
    }
    shared->writer_rounds = round;
    shared->writer_bad = wrong;
    shared->writer_pages_moved = moved;
    return 0;
}

/* The compactor: compact the whole node, again and again, until told to stop. */
static int compactor(void *unused)
{
    struct timespec pause = { 0, 100 * 1000 * 1000 };

    (void)unused;
    while (!shared->stop) {
        const char *file = shared->compactions % 4 == 3 ? "/sys/devices/system/node/node0/compact"
                                                        : "/proc/sys/vm/compact_memory";

        shared->compact_errors += write_file(file, "1") != 0;
        shared->compactions++;
        nanosleep(&pause, NULL);
    }
    return 0;
}

/* The memory reading (kB): free + slab + our own anon pages and page tables. */
static long memory_reading(const char *when)
{
    long free_kb, slab, anon, pte;

    write_file("/proc/sys/vm/drop_caches", "3");
    free_kb = meminfo_kb("MemFree");
    slab = meminfo_kb("Slab");
    anon = self_status_kb("RssAnon");
    pte = self_status_kb("VmPTE");
    if (when)
        note("%s: MemFree %ld + Slab %ld + RssAnon %ld + VmPTE %ld kB", when, free_kb, slab,
             anon, pte);
    return free_kb + slab + anon + pte;
}

static long sysctl_read(const char *name)
{
    char path[128];

    snprintf(path, sizeof path, "/proc/sys/vm/%s", name);
    return read_file(path, text, sizeof text) < 0 ? -1 : atol(text);
}

static void sysctl_write(const char *name, long value)
{
    char path[128], v[32];

    snprintf(path, sizeof path, "/proc/sys/vm/%s", name);
    snprintf(v, sizeof v, "%ld", value);
    write_file(path, v);
}

/*
 * The filler: every other page of an eighth of the free memory,
 * checksummed, held until the storm is over; then it checks them and
 * counts those that sit in other frames. Its own process, so that the
 * workers' forks do not copy it.
 */
static int filler(void *unused)
{
    long pages = meminfo_kb("MemFree") / 4 / 8 & ~1L, wrong = 0, moved = 0;
    char *mem = map_anon(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    uint64_t *pfn = calloc(pages, sizeof(*pfn));
    struct timespec pause = { 0, 50 * 1000 * 1000 };

    (void)unused;
    madvise(mem, pages * PAGE_SIZE, MADV_NOHUGEPAGE); /* 4 KiB pages on Linux too */
    for (long i = 0; i < pages; i++)
        fill(mem + i * PAGE_SIZE, 0x20000000u + i);
    for (long i = 0; i < pages; i += 2)
        madvise(mem + i * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED);
    for (long i = 1; i < pages; i += 2)
        pfn[i] = virt_to_pfn(mem + i * PAGE_SIZE);
    shared->filler_pages = pages / 2;
    while (!shared->stop)
        nanosleep(&pause, NULL);
    for (long i = 1; i < pages; i += 2) {
        wrong += page_bad(mem + i * PAGE_SIZE, 0x20000000u + i);
        moved += virt_to_pfn(mem + i * PAGE_SIZE) != pfn[i];
    }
    shared->filler_bad = wrong;
    shared->filler_pages_moved = moved;
    return 0;
}

/*
 * ksm_frames - the workers' pages that are KSM pages now (/proc/kpageflags):
 * their frames into @pfn (0 for the others); returns how many.
 */
static int ksm_frames(struct worker *workers, uint64_t *pfn)
{
    int n = 0;

    for (int w = 0; w < WORKERS; w++)
        for (int i = 0; i < PAGES; i++) {
            uint64_t f = virt_to_pfn_of(workers[w].pid, area + i * PAGE_SIZE);

            pfn[w * PAGES + i] = f && (kpageflags(f) & KPF_KSM_BIT) ? f : 0;
            n += pfn[w * PAGES + i] != 0;
        }
    return n;
}

static const char *const counters[] = {
    "pgmigrate_success", "compact_migrate_scanned", "compact_free_scanned", "compact_isolated",
};
#define NR_COUNTERS (sizeof counters / sizeof counters[0])

/*
 * ksm_pages_move - with the storm over and ksmd through two more passes,
 * note which of the workers' pages are KSM pages, compact once more, and
 * count those that now sit in another frame and are still KSM pages.
 */
static long ksm_pages_move(struct worker *workers)
{
    static uint64_t before[WORKERS * PAGES], after[WORKERS * PAGES];
    long moved = 0;
    int merged;

    CHECK(ksm_wait_full_scans(ksm_read("full_scans") + 2), "ksmd completed two full scans after the storm");
    merged = ksm_frames(workers, before);
    write_file("/proc/sys/vm/compact_memory", "1");
    ksm_frames(workers, after);
    for (int i = 0; i < WORKERS * PAGES; i++)
        moved += before[i] && after[i] && after[i] != before[i];
    note("KSM pages of the workers: %d; after compact_memory %ld of them in other frames",
         merged, moved);
    return moved;
}

/* For hunting bugs by hand: `run /tests/compaction_storm [SEED [STEPS]]`. */
int main(int argc, char **argv)
{
    struct worker workers[WORKERS];
    uint64_t seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 0xc0de5eedULL;
    int steps = argc > 2 ? atoi(argv[2]) : STEPS;
    long total_bad = 0, errors = 0, counts[NR_OPS] = { 0 }, start[NR_COUNTERS];
    long proactiveness = sysctl_read("compaction_proactiveness");
    long memory_before, memory_after, ksm_moved;
    struct timespec pause = { 0, 10 * 1000 * 1000 };
    pid_t writer_pid, compactor_pid, filler_pid;

    if (ksm_save()) {
        SKIP("no /sys/kernel/mm/ksm", "KSM");
        return tap_done();
    }
    ksm_write("run", "2");
    ksm_write("sleep_millisecs", "0");
    ksm_write("pages_to_scan", "100");
    ksm_write("smart_scan", "0");
    memory_before = memory_reading("before");
    shared = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (!CHECK(shared != MAP_FAILED, "a shared page for the reports"))
        return tap_done();
    shared->stop = 0;	/* its page is there from now on */
    area = map_anon(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    madvise(area, PAGES * PAGE_SIZE, MADV_MERGEABLE);
    for (size_t c = 0; c < NR_COUNTERS; c++)
        start[c] = vmstat(counters[c]);

    filler_pid = spawn(filler, NULL);
    while (!shared->filler_pages)
        nanosleep(&pause, NULL);
    for (int w = 0; w < WORKERS; w++)
        start_worker(&workers[w], xorshift64(&seed));
    sysctl_write("compaction_proactiveness", 100);
    ksm_write("run", "1");
    writer_pid = spawn(writer, NULL);
    compactor_pid = spawn(compactor, NULL);

    for (int step = 0; step < steps; step++) {
        int w = xorshift64_below(&seed, WORKERS);
        int op = xorshift64_below(&seed, 100);
        int i = xorshift64_below(&seed, PAGES);
        long r = 0;

        if (op < 40) {
            op = OP_WRITE;
            r = worker_call(&workers[w], OP_WRITE, i, pick_seed(&seed));
        } else if (op < 65) {
            op = OP_CHECK;
            r = worker_call(&workers[w], OP_CHECK, 0, 0) > 0;
        } else if (op < 75) {
            op = OP_FORK;
            r = worker_call(&workers[w], OP_FORK, 0, xorshift64(&seed));
        } else if (op < 82) {
            op = OP_REMAP;
            r = worker_call(&workers[w], OP_REMAP, i, 0);
        } else if (op < 89) {
            op = OP_MPROTECT;
            r = worker_call(&workers[w], OP_MPROTECT, i, 0);
        } else if (op < 95) {
            op = OP_DONTNEED;
            r = worker_call(&workers[w], OP_DONTNEED, i, 0);
        } else {
            /* the worker exits (after its children); a new one takes its place */
            op = OP_REAP;
            total_bad += worker_call(&workers[w], OP_REAP, 0, 0);
            worker_exit(&workers[w]);
            start_worker(&workers[w], xorshift64(&seed));
        }
        counts[op]++;
        errors += r != 0;
    }
    shared->stop = 1;
    CHECK_EXIT(wait_for(writer_pid), 0, "the writer finished");
    CHECK_EXIT(wait_for(compactor_pid), 0, "the compactor finished");
    CHECK_EXIT(wait_for(filler_pid), 0, "the filler finished");
    sysctl_write("compaction_proactiveness", 0);	/* kcompactd idle from now on */

    note("steps: %ld writes, %ld checks, %ld forks, %ld remaps, %ld mprotects, %ld dontneeds, "
         "%ld exits", counts[OP_WRITE], counts[OP_CHECK], counts[OP_FORK], counts[OP_REMAP],
         counts[OP_MPROTECT], counts[OP_DONTNEED], counts[OP_REAP]);
    note("writer: %ld rounds of %d pages, %ld pages in other frames at the end",
         shared->writer_rounds, WRITER_PAGES, shared->writer_pages_moved);
    note("compactor: %ld compactions", shared->compactions);
    CHECK_EQ_LONG(errors, 0, "every operation succeeded and every check read right");
    for (int w = 0; w < WORKERS; w++)
        total_bad += worker_call(&workers[w], OP_CHECK, 0, 0);
    CHECK_EQ_LONG(total_bad, 0, "no page of a worker or forked child ever read wrong");
    CHECK_EQ_LONG(shared->writer_bad, 0, "no page of the writer ever read wrong");
    CHECK(shared->writer_rounds > 0, "the writer wrote during the storm");
    CHECK(shared->compactions > 0, "the compactor compacted during the storm");
    CHECK_EQ_LONG(shared->compact_errors, 0, "every compact_memory write succeeded");
    CHECK_EQ_LONG(shared->filler_bad, 0, "no page of the filler ever read wrong");
    note("filler: %ld of %ld pages in other frames", shared->filler_pages_moved,
         shared->filler_pages);
    comparable("storm: bad pages %ld, failed operations %ld, writer bad %ld, filler bad %ld, "
               "compaction errors %ld", total_bad, errors, shared->writer_bad, shared->filler_bad,
               shared->compact_errors);
    check_mm_verify("after the storm");

    ksm_moved = ksm_pages_move(workers);
    total_bad = 0;
    for (int w = 0; w < WORKERS; w++) {
        total_bad += worker_call(&workers[w], OP_REAP, 0, 0);
        worker_exit(&workers[w]);
    }
    CHECK_EQ_LONG(total_bad, 0, "after one more compaction, every worker's pages read right");
    for (size_t c = 0; c < NR_COUNTERS; c++)
        note("%s +%ld", counters[c], vmstat(counters[c]) - start[c]);
    if (on_pagoda()) { /* where Linux's scanners meet, and so what moves, varies */
        for (size_t c = 0; c < NR_COUNTERS; c++)
            CHECK(vmstat(counters[c]) > start[c], "%s grew", counters[c]);
        CHECK(shared->writer_pages_moved > 0, "the writer's pages moved while it wrote");
        CHECK(shared->filler_pages_moved > 0, "the filler's pages moved");
        CHECK(ksm_moved > 0, "KSM pages moved and stayed KSM pages");
    }

    ksm_write("run", "2");
    comparable("after run=2: pages_shared=%ld pages_sharing=%ld pages_unshared=%ld",
               ksm_read("pages_shared"), ksm_read("pages_sharing"), ksm_read("pages_unshared"));
    ksm_restore();
    check_mm_verify("at the end");

    munmap(area, PAGES * PAGE_SIZE);
    munmap(shared, PAGE_SIZE);
    /*
     * The exact check is /init's, after this process has exited (MemFree +
     * Slab and the mm slab caches equal to before it ran): here the reading
     * is a page short on Pagoda until the test exits (open, see
     * docs/compaction.md), so it is only shown.
     */
    memory_after = memory_reading("after");
    note("memory reading %ld kB before, %ld kB after", memory_before, memory_after);
    sysctl_write("compaction_proactiveness", proactiveness);
    return tap_done();
}
