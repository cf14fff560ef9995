/*
 * /bench/mm: memory-management benchmarks, timed with CLOCK_MONOTONIC.
 *   fork_exit_wait_{1m,64m,256m}  fork + child _exit + wait4 latency with
 *                                 1, 64 or 256 MiB of touched anonymous
 *                                 memory (us)
 *   anon_fault_{32m,256m}         first-touch faults on fresh mmap pages
 *                                 (faults/s)
 *   cow_fault_{32m,256m}          write faults on pages shared with the
 *                                 parent (faults/s)
 *   mmap_munmap_{100,1000}        mmap of that many one-page VMAs that cannot
 *                                 merge, then munmap of each (us per VMA)
 *
 * Method (README.md "Benchmarks"): every figure first runs once as a
 * warm-up over the same memory -- the host has then backed the guest frames
 * the kernel hands out again, and QEMU has translated the code -- and is
 * then measured ROUNDS times; each round prints one `bench <name> <value>
 * <unit>` line, and tests/bench.py takes the median, min and max.
 * Needs about 600 MiB of RAM (the 256 MiB COW round holds two copies).
 * `/bench/mm WORD` runs only the figures whose names contain WORD (for
 * `make profile PROG="/bench/mm anon_fault"`).
 */
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define MiB (1024UL * 1024)
#define ROUNDS 5

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void touch(char *p, size_t bytes, char value)
{
    for (size_t i = 0; i < bytes; i += PAGE_SIZE)
        p[i] = value;
}

static char *touched(size_t bytes)
{
    char *p = map_anon(NULL, bytes, PROT_READ | PROT_WRITE, 0);
    touch(p, bytes, 1);
    return p;
}

static int exit_now(void *unused)
{
    (void)unused;
    return 0;
}

/* Each round: the mean of `forks` fork+exit+wait with bytes touched. */
static void fork_latency(const char *name, size_t bytes, int forks)
{
    char *p = touched(bytes);

    for (int round = -1; round < ROUNDS; round++) {
        double start = now_s();
        for (int i = 0; i < forks; i++)
            run_child(exit_now, NULL);
        if (round >= 0)
            say("bench %s %.1f us", name, (now_s() - start) / forks * 1e6);
    }
    munmap(p, bytes);
}

/* Each round: map fresh, fault every page in (timed), unmap. */
static void anon_fault_rate(const char *name, size_t bytes)
{
    for (int round = -1; round < ROUNDS; round++) {
        char *p = map_anon(NULL, bytes, PROT_READ | PROT_WRITE, 0);
        double start = now_s();
        touch(p, bytes, 1);
        double rate = bytes / PAGE_SIZE / (now_s() - start);
        if (round >= 0)
            say("bench %s %.0f faults/s", name, rate);
        munmap(p, bytes);
    }
}

struct cow_args {
    char *p;
    size_t bytes;
    int fd;
};

/* Child: write every page once (each a COW fault); send the rate up the pipe. */
static int cow_writer(void *ctx)
{
    struct cow_args *args = ctx;
    double start = now_s();
    touch(args->p, args->bytes, 2);
    double rate = args->bytes / PAGE_SIZE / (now_s() - start);
    return write_full(args->fd, &rate, sizeof rate) == sizeof rate ? 0 : 1;
}

/* Each round: a child writes the parent's touched pages; its copies go at exit. */
static void cow_fault_rate(const char *name, size_t bytes)
{
    int fds[2];
    struct cow_args args = { touched(bytes), bytes, 0 };

    if (pipe(fds) < 0)
        return;
    args.fd = fds[1];
    for (int round = -1; round < ROUNDS; round++) {
        double rate = 0;
        run_child(cow_writer, &args);
        read_full(fds[0], &rate, sizeof rate);
        if (round >= 0)
            say("bench %s %.0f faults/s", name, rate);
    }
    close(fds[0]);
    close(fds[1]);
    munmap(args.p, bytes);
}

/*
 * Each round: mmap n one-page VMAs, alternately read-only and read-write so
 * that neighbours cannot merge, then munmap each (us per VMA, both calls).
 */
static void mmap_munmap_cost(const char *name, int n)
{
    static char *vmas[1000];

    for (int round = -1; round < ROUNDS; round++) {
        double start = now_s();
        for (int i = 0; i < n; i++)
            vmas[i] = map_anon(NULL, PAGE_SIZE, i % 2 ? PROT_READ : PROT_READ | PROT_WRITE, 0);
        for (int i = 0; i < n; i++)
            munmap(vmas[i], PAGE_SIZE);
        if (round >= 0)
            say("bench %s %.2f us/vma", name, (now_s() - start) / n * 1e6);
    }
}

static const char *only;	/* argv[1]: run the figures whose names contain it */

static int wanted(const char *name)
{
    return !only || strstr(name, only) != NULL;
}

int main(int argc, char **argv)
{
    only = argc > 1 ? argv[1] : NULL;
    if (wanted("fork_exit_wait_1m"))
        fork_latency("fork_exit_wait_1m", 1 * MiB, 20);
    if (wanted("fork_exit_wait_64m"))
        fork_latency("fork_exit_wait_64m", 64 * MiB, 4);
    if (wanted("fork_exit_wait_256m"))
        fork_latency("fork_exit_wait_256m", 256 * MiB, 2);
    if (wanted("anon_fault_32m"))
        anon_fault_rate("anon_fault_32m", 32 * MiB);
    if (wanted("anon_fault_256m"))
        anon_fault_rate("anon_fault_256m", 256 * MiB);
    if (wanted("cow_fault_32m"))
        cow_fault_rate("cow_fault_32m", 32 * MiB);
    if (wanted("cow_fault_256m"))
        cow_fault_rate("cow_fault_256m", 256 * MiB);
    if (wanted("mmap_munmap_100"))
        mmap_munmap_cost("mmap_munmap_100", 100);
    if (wanted("mmap_munmap_1000"))
        mmap_munmap_cost("mmap_munmap_1000", 1000);
    return 0;
}
