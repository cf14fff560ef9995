/*
 * /bench/compaction: how long `echo 1 > /proc/sys/vm/compact_memory` takes
 * and how much of the free memory it turns into free 2 MiB blocks.
 *
 * Each round maps about 80% of RAM (MemTotal, but leaving 32 MiB of
 * MemFree), touches every page, frees every other one (MADV_DONTNEED),
 * then times the write to compact_memory:
 *   compact_memory_time    the write's duration (s)
 *   compact_blocks_ideal   free 2 MiB blocks afterwards (/proc/buddyinfo,
 *                          orders 9 and up counted in 2 MiB units) as a
 *                          share of the ideal, MemFree / 2 MiB (%)
 * A warm-up round runs first; then ROUNDS rounds, each one `bench` line
 * per figure.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define ROUNDS 5

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void round_(int round)
{
    long total = meminfo_kb("MemTotal") / 4, free = meminfo_kb("MemFree") / 4 - 8192;
    long pages = (total * 8 / 10 < free ? total * 8 / 10 : free) & ~1L;
    char *p = map_anon(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    double start, elapsed, ideal;

    madvise(p, pages * PAGE_SIZE, MADV_NOHUGEPAGE); /* 4 KiB pages on Linux too */
    for (long i = 0; i < pages; i++)
        p[i * PAGE_SIZE] = 1;
    for (long i = 0; i < pages; i += 2)
        madvise(p + i * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED);
    start = now_s();
    if (write_file("/proc/sys/vm/compact_memory", "1") < 0)
        exit(1);
    elapsed = now_s() - start;
    ideal = meminfo_kb("MemFree") / 2048.0;
    if (round >= 0) {
        say("bench compact_memory_time %.3f s", elapsed);
        say("bench compact_blocks_ideal %.1f %%", 100.0 * free_2m_blocks() / ideal);
    }
    munmap(p, pages * PAGE_SIZE);
}

int main(void)
{
    for (int round = -1; round < ROUNDS; round++)
        round_(round);
    return 0;
}
