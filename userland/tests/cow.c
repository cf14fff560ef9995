/*
 * fork and copy-on-write.  After fork, writes by the parent or the child
 * are invisible to the other, in both orders; also after mprotect(PROT_READ)
 * and back, after a partial munmap, in a fork of a fork, with the parent
 * exiting first, and with MADV_DONTNEED in between.  Frames are followed
 * through /proc/PID/pagemap and /proc/kpagecount: right after fork a page
 * is shared (same PFN, count 2), a write gives the writer its own frame, the
 * shared zero page stays shared until written, and a page whose other
 * owner has exited is reused by a write rather than copied.
 */
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define RW (PROT_READ | PROT_WRITE)

static char *fresh(int pages, char value)
{
    char *p = map_anon(NULL, pages * PAGE_SIZE, RW, 0);
    for (int i = 0; i < pages; i++)
        p[i * PAGE_SIZE] = value;
    return p;
}

static struct worker child;

static void fork_child(void)
{
    worker_start(&child, serve_memory, NULL);
}

static long child_read(const char *addr)
{
    return worker_call(&child, MEM_READ, (long)addr, 0);
}

static void child_write(const char *addr, char value)
{
    worker_call(&child, MEM_WRITE, (long)addr, value);
}

static uint64_t child_pfn(const char *addr)
{
    return (uint64_t)worker_call(&child, MEM_PFN, (long)addr, 0);
}

static void test_child_writes_first(void)
{
    char *p = fresh(1, 'A');
    fork_child();
    child_write(p, 'C');
    CHECK_EQ_LONG(child_read(p), 'C', "the child sees its own write");
    CHECK_EQ_LONG(*p, 'A', "the parent does not see the child's write");
    *p = 'P';
    CHECK_EQ_LONG(child_read(p), 'C', "the child does not see the parent's later write");
    worker_exit(&child);
    munmap(p, PAGE_SIZE);
}

static void test_parent_writes_first(void)
{
    char *p = fresh(1, 'A');
    fork_child();
    *p = 'P';
    CHECK_EQ_LONG(child_read(p), 'A', "the child does not see the parent's write");
    child_write(p, 'C');
    CHECK_EQ_LONG(*p, 'P', "the parent does not see the child's later write");
    CHECK_EQ_LONG(child_read(p), 'C', "the child sees its own write");
    worker_exit(&child);
    munmap(p, PAGE_SIZE);
}

static void test_frames(void)
{
    char *p = fresh(2, 'A');
    uint64_t pfn = virt_to_pfn(p), pfn1 = virt_to_pfn(p + PAGE_SIZE);
    fork_child();

    CHECK_EQ_HEX(child_pfn(p), pfn, "right after fork the child maps the parent's frame");
    CHECK_EQ_LONG(kpagecount(pfn), 2, "which is mapped twice");
    child_write(p, 'C');
    uint64_t child_frame = child_pfn(p);
    CHECK(child_frame != 0 && child_frame != pfn, "the child's write gave it a new frame");
    CHECK_EQ_HEX(virt_to_pfn(p), pfn, "the parent keeps the original frame");
    CHECK_EQ_LONG(kpagecount(pfn), 1, "the original is mapped once");
    CHECK_EQ_LONG(kpagecount(child_frame), 1, "the copy is mapped once");

    p[PAGE_SIZE] = 'P';
    CHECK(virt_to_pfn(p + PAGE_SIZE) != pfn1, "the parent's write gave the parent a new frame");
    CHECK_EQ_HEX(child_pfn(p + PAGE_SIZE), pfn1, "the child keeps the original");
    CHECK_EQ_LONG(kpagecount(pfn1), 1, "which is now mapped once");
    worker_exit(&child);
    munmap(p, 2 * PAGE_SIZE);
}

static void test_mprotect(void)
{
    char *p = fresh(1, 'A');
    fork_child();
    mprotect(p, PAGE_SIZE, PROT_READ);
    mprotect(p, PAGE_SIZE, RW);
    CHECK_EQ_LONG(kpagecount(virt_to_pfn(p)), 2, "mprotect back to rw keeps the page shared");
    *p = 'P';
    CHECK_EQ_LONG(child_read(p), 'A', "a write after mprotect(rw) still copies");
    child_write(p, 'C');
    CHECK_EQ_LONG(*p, 'P', "and the child's write stays in the child");
    worker_exit(&child);
    munmap(p, PAGE_SIZE);
}

static void test_partial_munmap(void)
{
    char *p = fresh(4, 'A');
    uint64_t pfn1 = virt_to_pfn(p + PAGE_SIZE);
    fork_child();
    munmap(p + PAGE_SIZE, 2 * PAGE_SIZE);

    CHECK_EQ_LONG(kpagecount(pfn1), 1, "pages the parent unmapped stay mapped in the child");
    CHECK(child_read(p + PAGE_SIZE) == 'A' && child_read(p + 2 * PAGE_SIZE) == 'A',
          "with their contents");
    p[0] = 'P';
    p[3 * PAGE_SIZE] = 'Q';
    CHECK(child_read(p) == 'A' && child_read(p + 3 * PAGE_SIZE) == 'A',
          "the parent's writes to the remaining pages are private");
    child_write(p + PAGE_SIZE, 'C');
    CHECK_EQ_HEX(child_pfn(p + PAGE_SIZE), pfn1, "the child's only mapping is written in place");
    worker_exit(&child);
    munmap(p, 4 * PAGE_SIZE);
}

static void test_fork_of_fork(void)
{
    struct worker grandchild;
    char *p = fresh(1, 'A');
    uint64_t pfn = virt_to_pfn(p);

    worker_init(&grandchild); /* before the child forks, so it has the pipes */
    fork_child();
    worker_own(&grandchild, worker_call(&child, MEM_FORK, (long)&grandchild, 0));
    CHECK_EQ_LONG(kpagecount(pfn), 3, "parent, child and grandchild share the frame");
    worker_call(&grandchild, MEM_WRITE, (long)p, 'G');
    CHECK(child_read(p) == 'A' && *p == 'A', "the grandchild's write is private");
    child_write(p, 'B');
    CHECK_EQ_LONG(worker_call(&grandchild, MEM_READ, (long)p, 0), 'G', "the grandchild keeps its own");
    CHECK_EQ_LONG(*p, 'A', "the parent still has the original");
    CHECK_EQ_HEX(virt_to_pfn(p), pfn, "in the original frame");
    CHECK_EQ_LONG(kpagecount(pfn), 1, "now mapped only by the parent");
    worker_exit(&grandchild);
    worker_exit(&child);
    munmap(p, PAGE_SIZE);
}

/* The grandchild of orphan(): waits for its parent to exit, then reports. */
static void orphan_grandchild(char *p, int parent_alive, int report)
{
    const struct timespec tick = { 0, 1000 * 1000 };
    char c, seen[3];
    read(parent_alive, &c, 1); /* EOF: the parent is exiting */
    for (int i = 0; i < 2000 && getppid() != 1; i++)
        nanosleep(&tick, NULL); /* until it is gone and init adopted us */
    seen[0] = *p;
    *p = 'Y';
    seen[1] = *p;
    seen[2] = getppid() == 1 ? 'I' : '?';
    write_full(report, seen, sizeof seen);
    _exit(0);
}

/* A child that maps a page, forks a grandchild, writes the page and exits first. */
static int orphan(void *report_fd)
{
    int alive[2];
    char *p = fresh(1, 'A');
    pipe(alive);
    if (fork() == 0) {
        close(alive[1]);
        orphan_grandchild(p, alive[0], (int)(long)report_fd);
    }
    *p = 'X';
    return 0;
}

static void test_parent_exits_first(void)
{
    int report[2];
    char seen[4] = "";
    pipe(report);
    CHECK_EXIT(run_child(orphan, (void *)(long)report[1]), 0, "the middle process exited");
    close(report[1]);
    CHECK_EQ_LONG(read_full(report[0], seen, 3), 3, "the orphaned grandchild reported");
    CHECK_STR(seen, "AYI", "it saw the original value, its own write, and init as its parent");
    close(report[0]);
}

static void test_dontneed(void)
{
    char *p = fresh(1, 'A');
    fork_child();
    uint64_t pfn = virt_to_pfn(p);
    madvise(p, PAGE_SIZE, MADV_DONTNEED);
    CHECK_EQ_LONG(*p, 0, "after MADV_DONTNEED the parent reads zero");
    CHECK_EQ_LONG(child_read(p), 'A', "the child still reads its copy");
    CHECK_EQ_LONG(kpagecount(pfn), 1, "the frame is now the child's alone");
    *p = 'P';
    child_write(p, 'C');
    CHECK(*p == 'P' && child_read(p) == 'C', "later writes stay private");
    CHECK_EQ_HEX(child_pfn(p), pfn, "the child wrote its now-exclusive frame in place");
    worker_exit(&child);
    munmap(p, PAGE_SIZE);
}

static void test_zero_page(void)
{
    char *p = map_anon(NULL, PAGE_SIZE, RW, 0);
    CHECK_EQ_LONG(*(volatile char *)p, 0, "untouched anonymous memory reads zero");
    uint64_t zero = virt_to_pfn(p);
    CHECK(zero != 0, "a read maps a frame (the zero page)");
    fork_child();
    CHECK_EQ_LONG(child_read(p), 0, "the child reads zero too");
    CHECK_EQ_HEX(child_pfn(p), zero, "from the same shared zero page");
    *p = 'P';
    uint64_t mine = virt_to_pfn(p);
    CHECK(mine != zero, "the parent's write gives it a real frame");
    CHECK_EQ_HEX(child_pfn(p), zero, "the child still maps the zero page");
    child_write(p, 'C');
    uint64_t theirs = child_pfn(p);
    CHECK(theirs != zero && theirs != mine, "the child's write gives it a distinct frame");
    CHECK(*p == 'P' && child_read(p) == 'C', "with private contents");
    worker_exit(&child);
    munmap(p, PAGE_SIZE);
}

static void test_reuse_after_exit(void)
{
    char *p = fresh(1, 'A');
    uint64_t pfn = virt_to_pfn(p);
    fork_child();
    CHECK_EQ_LONG(kpagecount(pfn), 2, "shared with the child");
    worker_exit(&child);
    CHECK_EQ_LONG(kpagecount(pfn), 1, "the child's exit unmapped it");
    *p = 'P';
    CHECK_EQ_HEX(virt_to_pfn(p), pfn, "the only owner's write reuses the frame, no copy");
    CHECK_EQ_LONG(*p, 'P', "with the new value");
    munmap(p, PAGE_SIZE);
}

int main(void)
{
    test_child_writes_first();
    test_parent_writes_first();
    test_frames();
    test_mprotect();
    test_partial_munmap();
    test_fork_of_fork();
    test_parent_exits_first();
    test_dontneed();
    test_zero_page();
    test_reuse_after_exit();
    return tap_done();
}
