/*
 * /bench/ksm: how fast ksmd merges. 32 MiB (8192 pages) of identical,
 * non-zero pages are made mergeable; with pages_to_scan 5000 and
 * sleep_millisecs 0, the clock runs from run=1 until pages_shared +
 * pages_sharing reach 8192 -- the two full scans every page needs (one to
 * record its checksum, one to merge) included.
 *   ksm_merge   pages merged per second (pages/s)
 * Output: one `bench <name> <value> <unit>` line. The KSM settings are
 * restored afterwards.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define PAGES 8192 /* 32 MiB */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
    struct timespec tick = { 0, 1000 * 1000 };
    double start, elapsed;
    char *p;

    if (ksm_save())
        return 1;
    ksm_write("run", "2");
    ksm_write("pages_to_scan", "5000");
    ksm_write("sleep_millisecs", "0");
    p = map_anon(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    memset(p, 0x5a, PAGES * PAGE_SIZE);
    if (madvise(p, PAGES * PAGE_SIZE, MADV_MERGEABLE))
        return 1;

    start = now_s();
    ksm_write("run", "1");
    while (ksm_read("pages_shared") + ksm_read("pages_sharing") < PAGES) {
        if (now_s() - start > 300)
            return 1;
        nanosleep(&tick, NULL);
    }
    elapsed = now_s() - start;
    say("bench ksm_merge %.0f pages/s", PAGES / elapsed);

    munmap(p, PAGES * PAGE_SIZE);
    ksm_restore();
    return 0;
}
