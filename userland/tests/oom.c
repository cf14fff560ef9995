/*
 * Out of memory: a child touches anonymous memory until none is left. The
 * kernel kills it with SIGKILL (Linux's OOM killer picks the biggest
 * process: the child), carries on, and gets all the memory back.
 */
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test.h"

#define HOG_SIZE (64UL << 30)   /* far more than any test machine has */

static int hog(void *unused)
{
    char *p = mmap(NULL, HOG_SIZE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    (void)unused;
    if (p == MAP_FAILED)
        return 2;
    for (unsigned long off = 0; off < HOG_SIZE; off += PAGE_SIZE)
        p[off] = 1;
    return 3;                   /* never: the memory ran out first */
}

int main(void)
{
    long before = meminfo_kb("MemAvailable");

    CHECK_SIGNAL(run_child(hog, NULL), SIGKILL,
                 "a process that touches more memory than there is gets SIGKILL");
    /*
     * The hog had all the memory: had it not come back, MemAvailable would
     * be near 0. Linux's MemAvailable is an estimate that moves by tens of
     * MiB with its caches, so the check is "most of it"; on Pagoda init's
     * MEM readings around each program check the exact page and slab counts.
     */
    long after = meminfo_kb("MemAvailable");
    CHECK(after > before / 4 * 3, "and its memory comes back (MemAvailable %ld -> %ld kB)",
          before, after);
    CHECK_SIGNAL(run_child(hog, NULL), SIGKILL, "a second time: the kernel carries on");
    return tap_done();
}
