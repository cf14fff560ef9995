/*
 * KSM storm: while ksmd runs flat out (run=1, sleep_millisecs=0,
 * max_page_sharing=3 so chains form, use_zero_pages=1), four workers
 * write, fork, exit, munmap and mprotect their mergeable pages, filled
 * with only four patterns so that ksmd keeps merging them. 3000 steps,
 * chosen from a fixed seed. Each worker knows what each of its pages must
 * hold and checks it; a forked child checks what it inherited, writes
 * and checks again while its parent goes on, then exits with its count of
 * bad pages. No page may ever read wrong; once the workers have exited,
 * two more passes of ksmd leave no KSM page, and after run=2 every KSM
 * counter is back at 0 (on Pagoda /init also checks that all memory came
 * back, MemFree and slab exactly, and mm_verify runs at each fork and
 * exit).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define PAGES 32
#define WORKERS 4
#define STEPS 3000
#define PATTERNS 4

enum { OP_WRITE, OP_CHECK, OP_FORK, OP_REMAP, OP_MPROTECT, OP_REAP, NR_OPS };

static char *area;			/* the same address in every worker */
static unsigned char expect[PAGES];	/* a worker's: the byte each page is filled with */
static int bad;				/* a worker's: pages found wrong, its children's too */
static uint64_t rng;

static int check_page(int i)
{
    const unsigned char *p = (const unsigned char *)area + i * PAGE_SIZE;

    for (unsigned long k = 0; k < PAGE_SIZE; k += 64)
        if (p[k] != expect[i])
            return 1;
    return p[PAGE_SIZE - 1] != expect[i];
}

static int check_all(void)
{
    int n = 0;

    for (int i = 0; i < PAGES; i++)
        n += check_page(i);
    return n;
}

static void write_page(int i, int value)
{
    memset(area + i * PAGE_SIZE, value, PAGE_SIZE);
    expect[i] = value;
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

    for (int round = 0; round < 8; round++) {
        write_page(xorshift64_below(&rng, PAGES), xorshift64_below(&rng, PATTERNS));
        nanosleep(&ts, NULL);
        n += check_all();
    }
    _exit(n > 99 ? 99 : n);
}

static long serve_storm(const struct request *r, void *unused)
{
    int i = r->a;

    (void)unused;
    reap(WNOHANG);
    switch (r->op) {
    case OP_WRITE:
        write_page(i, r->b);
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
        if (munmap(area + i * PAGE_SIZE, PAGE_SIZE) ||
            mmap(area + i * PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ||
            madvise(area + i * PAGE_SIZE, PAGE_SIZE, MADV_MERGEABLE))
            return -errno;
        expect[i] = 0;
        bad += check_page(i);
        return 0;
    case OP_MPROTECT:
        /* read-only for a moment: the contents must not move */
        if (mprotect(area + i * PAGE_SIZE, PAGE_SIZE, PROT_READ))
            return -errno;
        bad += check_page(i);
        if (mprotect(area + i * PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_WRITE))
            return -errno;
        return 0;
    case OP_REAP:
        reap(0);
        bad += check_all();
        return bad;
    }
    return -1;
}

static void start(struct worker *w, uint64_t seed)
{
    rng = seed;		/* the worker's own sequence, fixed by the parent's */
    worker_start(w, serve_storm, NULL);
    for (int i = 0; i < PAGES; i++)
        worker_call(w, OP_WRITE, i, i % PATTERNS);
}

int main(void)
{
    struct worker workers[WORKERS];
    uint64_t seed = 0x5eed4b534dULL;
    long total_bad = 0, errors = 0, counts[NR_OPS] = { 0 };
    long scans;

    if (ksm_save()) {
        SKIP("no /sys/kernel/mm/ksm", "KSM");
        return tap_done();
    }
    ksm_write("run", "2");
    ksm_write("max_page_sharing", "3");
    ksm_write("sleep_millisecs", "0");
    ksm_write("pages_to_scan", "100");
    ksm_write("smart_scan", "0");
    ksm_write("use_zero_pages", "1");

    area = map_anon(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    madvise(area, PAGES * PAGE_SIZE, MADV_MERGEABLE);
    for (int w = 0; w < WORKERS; w++)
        start(&workers[w], xorshift64(&seed));
    scans = ksm_read("full_scans");
    ksm_write("run", "1");

    for (int step = 0; step < STEPS; step++) {
        int w = xorshift64_below(&seed, WORKERS);
        int op = xorshift64_below(&seed, 100);
        int i = xorshift64_below(&seed, PAGES);
        long r = 0;

        if (op < 40) {
            op = OP_WRITE;
            r = worker_call(&workers[w], OP_WRITE, i, xorshift64_below(&seed, PATTERNS));
        } else if (op < 70) {
            op = OP_CHECK;
            r = worker_call(&workers[w], OP_CHECK, 0, 0) > 0;
        } else if (op < 80) {
            op = OP_FORK;
            r = worker_call(&workers[w], OP_FORK, 0, xorshift64(&seed));
        } else if (op < 87) {
            op = OP_REMAP;
            r = worker_call(&workers[w], OP_REMAP, i, 0);
        } else if (op < 95) {
            op = OP_MPROTECT;
            r = worker_call(&workers[w], OP_MPROTECT, i, 0);
        } else {
            /* the worker exits (after its children); a new one takes its place */
            op = OP_REAP;
            total_bad += worker_call(&workers[w], OP_REAP, 0, 0);
            worker_exit(&workers[w]);
            start(&workers[w], xorshift64(&seed));
        }
        counts[op]++;
        errors += r != 0;
    }
    for (int w = 0; w < WORKERS; w++) {
        total_bad += worker_call(&workers[w], OP_REAP, 0, 0);
        worker_exit(&workers[w]);
    }
    note("steps: %ld writes, %ld checks, %ld forks, %ld remaps, %ld mprotects, %ld exits",
         counts[OP_WRITE], counts[OP_CHECK], counts[OP_FORK], counts[OP_REMAP],
         counts[OP_MPROTECT], counts[OP_REAP]);
    note("ksmd: %ld full scans, pages_scanned %ld", ksm_read("full_scans") - scans,
         ksm_read("pages_scanned"));
    CHECK(ksm_read("full_scans") > scans, "ksmd completed full scans during the storm");
    CHECK_EQ_LONG(errors, 0, "every operation succeeded and every check read right");
    CHECK_EQ_LONG(total_bad, 0, "no page of a worker or forked child ever read wrong");
    comparable("storm: bad pages %ld, failed operations %ld", total_bad, errors);
    check_mm_verify("after the storm, ksmd still running");

    /*
     * Every worker and child has exited: once ksmd has passed twice more,
     * no page is shared any more (the rmap_items of an exited mm go when
     * ksmd reaches its slot, a stable node with its last one; an empty
     * chain may stay until the next prune or run=2).
     */
    CHECK(ksm_wait_full_scans(ksm_read("full_scans") + 2), "ksmd completed two full scans after the exits");
    comparable("after the exits: pages_shared=%ld pages_sharing=%ld pages_unshared=%ld",
               ksm_read("pages_shared"), ksm_read("pages_sharing"), ksm_read("pages_unshared"));

    ksm_write("run", "2");
    munmap(area, PAGES * PAGE_SIZE);
    comparable("after run=2: pages_shared=%ld pages_sharing=%ld pages_unshared=%ld "
               "stable_node_chains=%ld", ksm_read("pages_shared"), ksm_read("pages_sharing"),
               ksm_read("pages_unshared"), ksm_read("stable_node_chains"));
    /*
     * Linux 6.12's ksm_zero_pages can drift below 0 in this storm (seen once
     * at -13, with general_profit following), so only Pagoda's is exact.
     */
    if (on_pagoda()) {
        CHECK_EQ_LONG(ksm_read("ksm_zero_pages"), 0, "after run=2: ksm_zero_pages 0");
        CHECK_EQ_LONG(ksm_read("general_profit"), 0, "after run=2: general_profit 0");
    } else {
        note("Linux: ksm_zero_pages %ld, general_profit %ld after run=2",
             ksm_read("ksm_zero_pages"), ksm_read("general_profit"));
        SKIP("Linux 6.12's count may drift", "after run=2: ksm_zero_pages 0");
        SKIP("Linux 6.12's count may drift", "after run=2: general_profit 0");
    }
    ksm_restore();
    check_mm_verify("at the end");
    return tap_done();
}
