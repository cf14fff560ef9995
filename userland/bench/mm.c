/*
 * /bench/mm: memory-management benchmarks, timed with CLOCK_MONOTONIC.
 *   fork_exit_wait_1m / _64m   fork + child _exit + wait4 latency with 1 MiB
 *                              or 64 MiB of touched anonymous memory (us)
 *   anon_fault                 first-touch faults on fresh mmap pages (faults/s)
 *   cow_fault                  write faults on pages shared with a child (faults/s)
 * Output: one `bench <name> <value> <unit>` line each.
 */
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define MiB (1024UL * 1024)
#define FAULT_PAGES 8192 /* 32 MiB */

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *touched(size_t bytes)
{
    char *p = map_anon(NULL, bytes, PROT_READ | PROT_WRITE, 0);
    for (size_t i = 0; i < bytes; i += PAGE_SIZE)
        p[i] = 1;
    return p;
}

static int exit_now(void *unused)
{
    (void)unused;
    return 0;
}

static void fork_latency(const char *name, size_t bytes, int rounds)
{
    char *p = touched(bytes);
    double start = now_s();
    for (int i = 0; i < rounds; i++)
        run_child(exit_now, NULL);
    say("bench %s %.1f us", name, (now_s() - start) / rounds * 1e6);
    munmap(p, bytes);
}

static void anon_fault_rate(void)
{
    char *p = map_anon(NULL, FAULT_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    double start = now_s();
    for (size_t i = 0; i < FAULT_PAGES; i++)
        p[i * PAGE_SIZE] = 1;
    say("bench anon_fault %.0f faults/s", FAULT_PAGES / (now_s() - start));
    munmap(p, FAULT_PAGES * PAGE_SIZE);
}

/* Child: write every page once (each a COW fault); report the rate through the pipe. */
static int cow_writer(void *ctx)
{
    void **args = ctx;
    char *p = args[0];
    int fd = (int)(long)args[1];
    double start = now_s();
    for (size_t i = 0; i < FAULT_PAGES; i++)
        p[i * PAGE_SIZE] = 2;
    double rate = FAULT_PAGES / (now_s() - start);
    return write_full(fd, &rate, sizeof rate) == sizeof rate ? 0 : 1;
}

static void cow_fault_rate(void)
{
    int fds[2];
    double rate = 0;
    char *p = touched(FAULT_PAGES * PAGE_SIZE);

    pipe(fds);
    void *args[] = { p, (void *)(long)fds[1] };
    run_child(cow_writer, args);
    read_full(fds[0], &rate, sizeof rate);
    say("bench cow_fault %.0f faults/s", rate);
    close(fds[0]);
    close(fds[1]);
    munmap(p, FAULT_PAGES * PAGE_SIZE);
}

int main(void)
{
    fork_latency("fork_exit_wait_1m", 1 * MiB, 50);
    fork_latency("fork_exit_wait_64m", 64 * MiB, 10);
    anon_fault_rate();
    cow_fault_rate();
    return 0;
}
