/*
 * /bench/ksm: how fast ksmd merges. Each round maps 32 MiB (8192 pages) of
 * identical, non-zero pages, makes them mergeable and, with pages_to_scan
 * 5000 and sleep_millisecs 0, times from run=1 until pages_shared +
 * pages_sharing reach 8192 -- the two full scans every page needs (one to
 * record its checksum, one to merge) included. run=2 then unmerges
 * everything (all rmap_items go) and the memory is unmapped, so every
 * round starts from the same state.
 *   ksm_merge   pages merged per second (pages/s)
 *
 * Method (README.md "Benchmarks"): one warm-up round -- the host has then
 * backed the frames the kernel hands out again, and QEMU has translated
 * ksmd's code -- then ROUNDS measured rounds, one `bench ksm_merge <value>
 * pages/s` line each. The end is seen by polling every millisecond with
 * nanosleep(): Linux wakes within about that (hrtimers); Pagoda sleeps
 * whole 10 ms ticks (HZ=100, no hrtimers), so each of its rounds ends up
 * to a tick late -- about a tenth of a round that takes 100 ms: its rate
 * is understated by up to that, never overstated, and its rounds spread
 * in steps of a tick. Rounds are short, so there are 10 of them, for a
 * median that does not hang on one tick. The KSM settings are restored
 * afterwards.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define PAGES 8192 /* 32 MiB */
#define ROUNDS 10

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One round: the seconds ksmd takes to merge PAGES identical pages, or -1. */
static double merge_time(void)
{
    struct timespec tick = { 0, 1000 * 1000 };
    double start, elapsed = -1;
    char *p = map_anon(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);

    memset(p, 0x5a, PAGES * PAGE_SIZE);
    if (madvise(p, PAGES * PAGE_SIZE, MADV_MERGEABLE))
        goto out;
    start = now_s();
    ksm_write("run", "1");
    while (ksm_read("pages_shared") + ksm_read("pages_sharing") < PAGES) {
        if (now_s() - start > 300)
            goto out;
        nanosleep(&tick, NULL);
    }
    elapsed = now_s() - start;
out:
    ksm_write("run", "2");
    munmap(p, PAGES * PAGE_SIZE);
    return elapsed;
}

int main(void)
{
    if (ksm_save())
        return 1;
    ksm_write("run", "2");
    ksm_write("pages_to_scan", "5000");
    ksm_write("sleep_millisecs", "0");
    for (int round = -1; round < ROUNDS; round++) {
        double elapsed = merge_time();

        if (elapsed < 0)
            return 1;
        if (round >= 0)
            say("bench ksm_merge %.0f pages/s", PAGES / elapsed);
    }
    ksm_restore();
    return 0;
}
