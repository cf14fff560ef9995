/*
 * Reverse mapping across a process tree.  The parent maps and writes 16
 * pages, forks 3 children, and child 1 forks a grandchild.  After each step
 * (children writing, exiting, the grandchild outliving its parent, the
 * parent writing) every frame's /proc/kpagecount must equal the number of
 * processes whose /proc/PID/pagemap shows it, the number of distinct frames
 * must be as expected, and on Pagoda /sys/kernel/debug/rmap must list
 * exactly those (pid, address) pairs and /sys/kernel/debug/mm_verify must
 * say ok.
 */
#include <sys/mman.h>
#include <unistd.h>

#include "test.h"

#define PAGES 16
#define KIDS 3
#define PROCS (KIDS + 2)
#define GRANDCHILD (KIDS + 1)

struct proc {
    int alive;
    struct worker w; /* w.pid is the process's pid, also for this process */
};

/* procs[0] is this process, 1..KIDS the children, GRANDCHILD child 1's child. */
static struct proc procs[PROCS];
static char *area;

static char *page(int i)
{
    return area + i * PAGE_SIZE;
}

static uint64_t frame_of(int proc, int i)
{
    return proc == 0 ? virt_to_pfn(page(i)) : virt_to_pfn_of(procs[proc].w.pid, page(i));
}

struct mapping {
    uint64_t pfn;
    int page, proc;
};

/* Every (frame, page, process) of the live processes; their number. */
static int collect(struct mapping *out)
{
    int n = 0;
    for (int p = 0; p < PROCS; p++)
        for (int i = 0; procs[p].alive && i < PAGES; i++)
            out[n++] = (struct mapping){ frame_of(p, i), i, p };
    return n;
}

/* 1 if the rmap file lists exactly the mappings of pfn in m[0..n). */
static int rmap_matches(uint64_t pfn, const struct mapping *m, int n)
{
    struct rmap_entry e[PROCS * PAGES];
    int expected = 0, listed = rmap_lookup(pfn, e, PROCS * PAGES);

    for (int k = 0; k < n; k++)
        expected += m[k].pfn == pfn;
    if (listed != expected)
        return 0;
    for (int j = 0; j < listed; j++) {
        int found = 0;
        for (int k = 0; k < n; k++)
            found |= m[k].pfn == pfn && procs[m[k].proc].w.pid == e[j].pid &&
                     (uintptr_t)page(m[k].page) == e[j].address;
        if (!found || e[j].vm_start != (uintptr_t)area ||
            e[j].vm_end != (uintptr_t)page(PAGES) || e[j].mapping == 0)
            return 0;
    }
    return 1;
}

/* The frames the parent's pages had before any fork. */
static uint64_t originals[PAGES];

static void check_step(const char *step, int frames, int mappers_first, int mappers_last)
{
    static struct mapping m[PROCS * PAGES];
    int n = collect(m), distinct = 0, counts_ok = 1, rmap_ok = 1;

    for (int k = 0; k < n; k++) {
        int first = 1, mappers = 0;
        for (int j = 0; j < n; j++) {
            first &= !(j < k && m[j].pfn == m[k].pfn);
            mappers += m[j].pfn == m[k].pfn;
        }
        if (!first)
            continue;
        distinct++;
        counts_ok &= m[k].pfn != 0 && kpagecount(m[k].pfn) == mappers;
        if (on_pagoda())
            rmap_ok &= rmap_matches(m[k].pfn, m, n);
    }
    CHECK_EQ_LONG(distinct, frames, "%s: distinct frames", step);
    CHECK(counts_ok, "%s: every frame's kpagecount is the number of processes mapping it", step);
    CHECK_EQ_LONG(kpagecount(originals[0]), mappers_first, "%s: mappers of page 0's first frame", step);
    CHECK_EQ_LONG(kpagecount(originals[PAGES - 1]), mappers_last,
                  "%s: mappers of page 15's first frame", step);
    if (on_pagoda())
        CHECK(rmap_ok, "%s: the rmap file lists exactly each frame's (pid, address) pairs", step);
    else
        SKIP("no /sys/kernel/debug/rmap on Linux", "%s: rmap lists each frame's mappings", step);
    check_mm_verify(step);
}

static void write_pages(int proc, int first, int count, char value)
{
    for (int i = first; i < first + count; i++) {
        if (proc == 0)
            *page(i) = value;
        else
            worker_call(&procs[proc].w, MEM_WRITE, (long)page(i), value);
    }
}

static void end(int proc)
{
    worker_exit(&procs[proc].w);
    procs[proc].alive = 0;
}

int main(void)
{
    area = map_anon(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    for (int i = 0; i < PAGES; i++) {
        *page(i) = (char)i;
        originals[i] = virt_to_pfn(page(i));
    }
    procs[0].alive = 1;
    procs[0].w.pid = getpid();
    worker_init(&procs[GRANDCHILD].w);
    for (int k = 1; k <= KIDS; k++) {
        worker_start(&procs[k].w, serve_memory, NULL);
        procs[k].alive = 1;
    }
    worker_own(&procs[GRANDCHILD].w,
               worker_call(&procs[1].w, MEM_FORK, (long)&procs[GRANDCHILD].w, 0));
    procs[GRANDCHILD].alive = 1;

    check_step("after forking 3 children and a grandchild", 16, 5, 5);
    write_pages(2, 0, PAGES, 'b');
    check_step("child 2 wrote every page", 32, 4, 4);
    end(3);
    check_step("child 3 exited", 32, 3, 3);
    write_pages(GRANDCHILD, 0, PAGES / 2, 'g');
    check_step("the grandchild wrote pages 0-7", 40, 2, 3);
    end(1);
    check_step("child 1 exited, orphaning the grandchild", 40, 1, 2);
    write_pages(0, PAGES / 2, PAGES / 2, 'p');
    check_step("the parent wrote pages 8-15", 48, 1, 1);
    end(GRANDCHILD);
    check_step("the grandchild exited", 32, 1, 0);

    int bad = 0;
    for (int i = 0; i < PAGES; i++)
        bad += *page(i) != (i < PAGES / 2 ? (char)i : 'p') ||
               worker_call(&procs[2].w, MEM_READ, (long)page(i), 0) != 'b';
    CHECK_EQ_LONG(bad, 0, "every process kept its own contents");
    end(2);
    check_step("the last child exited", 16, 1, 0);
    munmap(area, PAGES * PAGE_SIZE);
    return tap_done();
}
