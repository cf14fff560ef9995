/*
 * mremap (grow in place, ENOMEM when blocked, MAYMOVE moving the frames
 * rather than copying them, shrink, MREMAP_FIXED, MREMAP_DONTUNMAP, argument
 * errors), brk
 * (exact return values, zeroed growth, shrink unmaps, refusal keeps the old
 * break), madvise (DONTNEED zeroes and unmaps, FREE accepted, errors) and
 * stack growth.  Layouts are printed as comparable `@ ` lines.
 */
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

#define MADV_DONTNEED_LOCKED 24 /* musl 1.2.3 lacks it */

#define RW (PROT_READ | PROT_WRITE)

static char *region;

static char *pg(int n)
{
    return region + n * PAGE_SIZE;
}

static void touch(char *p, int pages, int first_value)
{
    for (int i = 0; i < pages; i++)
        p[i * PAGE_SIZE] = p[i * PAGE_SIZE + PAGE_SIZE - 1] = (char)(first_value + i);
}

/* 1 if p's pages hold first_value, first_value + 1, ... */
static int holds(const char *p, int pages, int first_value)
{
    for (int i = 0; i < pages; i++)
        if (p[i * PAGE_SIZE] != (char)(first_value + i) ||
            p[i * PAGE_SIZE + PAGE_SIZE - 1] != (char)(first_value + i))
            return 0;
    return 1;
}

static int zero(const char *p, int pages)
{
    for (size_t i = 0; i < pages * PAGE_SIZE; i++)
        if (p[i])
            return 0;
    return 1;
}

static long sys_mremap(void *old, size_t old_len, size_t new_len, int flags, void *new_addr)
{
    return syscall(SYS_mremap, old, old_len, new_len, flags, new_addr);
}

static void layout(const char *step, const char *expected)
{
    print_maps_range(step, region, pg(64));
    CHECK_STR(maps_range(region, pg(64)), expected, "layout after: %s", step);
}

static void test_mremap(void)
{
    region = reserve(64 * PAGE_SIZE);
    munmap(pg(8), 24 * PAGE_SIZE);
    map_anon(pg(8), 4 * PAGE_SIZE, RW, MAP_FIXED);
    touch(pg(8), 4, 1);
    layout("4 pages before a hole", "0-8000 ---p; 8000-c000 rw-p; 20000-40000 ---p");

    CHECK_EQ_HEX(sys_mremap(pg(8), 4 * PAGE_SIZE, 8 * PAGE_SIZE, 0, NULL), pg(8),
                 "mremap grows in place into free space");
    layout("grown in place", "0-8000 ---p; 8000-10000 rw-p; 20000-40000 ---p");
    CHECK(holds(pg(8), 4, 1) && zero(pg(12), 4), "old pages kept, new pages zero");

    CHECK_ERR(sys_mremap(pg(8), 8 * PAGE_SIZE, 32 * PAGE_SIZE, 0, NULL), ENOMEM,
              "growing into a mapping without MREMAP_MAYMOVE: ENOMEM");

    uint64_t pfn = virt_to_pfn(pg(9));
    char *moved = (char *)sys_mremap(pg(8), 8 * PAGE_SIZE, 32 * PAGE_SIZE, MREMAP_MAYMOVE, NULL);
    CHECK(moved != MAP_FAILED && moved != pg(8), "MREMAP_MAYMOVE moves the mapping");
    CHECK(holds(moved, 4, 1), "the contents moved with it");
    CHECK_EQ_HEX(virt_to_pfn(moved + PAGE_SIZE), pfn, "the same frame is mapped at the new address");
    CHECK_EQ_LONG(kpagecount(pfn), 1, "mapped once");
    layout("moved away", "0-8000 ---p; 20000-40000 ---p");
    CHECK_EQ_HEX(pagemap_entry(pg(9)), 0, "nothing is mapped at the old address");

    CHECK_EQ_HEX(sys_mremap(moved, 32 * PAGE_SIZE, 2 * PAGE_SIZE, 0, NULL), moved,
                 "mremap shrinks in place");
    CHECK(holds(moved, 2, 1), "the kept pages are intact");
    CHECK_EQ_HEX(pagemap_entry(moved + 2 * PAGE_SIZE), 0, "the tail is unmapped");

    CHECK_EQ_HEX(sys_mremap(moved, 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_FIXED,
                            pg(40)), pg(40), "MREMAP_FIXED moves to the given address");
    layout("moved into the reserve at +40",
           "0-8000 ---p; 20000-28000 ---p; 28000-2a000 rw-p; 2a000-40000 ---p");
    CHECK(holds(pg(40), 2, 1), "with its contents");

    CHECK_ERR(sys_mremap(pg(40), 2 * PAGE_SIZE, 0, MREMAP_MAYMOVE, NULL), EINVAL,
              "new size 0: EINVAL");
    CHECK_ERR(sys_mremap(pg(40) + 1, PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE, NULL), EINVAL,
              "unaligned old address: EINVAL");
    CHECK_ERR(sys_mremap(pg(40), PAGE_SIZE, PAGE_SIZE, MREMAP_FIXED, pg(50)), EINVAL,
              "MREMAP_FIXED without MREMAP_MAYMOVE: EINVAL");
    CHECK_ERR(sys_mremap(pg(20), PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE, NULL), EFAULT,
              "remapping an unmapped address: EFAULT");
    munmap(region, 64 * PAGE_SIZE);
}

/*
 * MREMAP_DONTUNMAP: the pages move, the old range stays mapped and empty
 * (private anonymous: fresh zero pages; shared: the same pages again).
 */
static void test_mremap_dontunmap(void)
{
    long committed;

    region = reserve(64 * PAGE_SIZE);
    munmap(pg(8), 8 * PAGE_SIZE);
    map_anon(pg(8), 4 * PAGE_SIZE, RW, MAP_FIXED);
    touch(pg(8), 4, 1);
    uint64_t pfn = virt_to_pfn(pg(9));
    committed = meminfo_kb("Committed_AS");
    CHECK_EQ_HEX(sys_mremap(pg(8), 4 * PAGE_SIZE, 4 * PAGE_SIZE,
                            MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP, pg(40)), pg(40),
                 "MREMAP_DONTUNMAP to +40");
    layout("DONTUNMAP of 4 pages", "0-8000 ---p; 8000-c000 rw-p; 10000-28000 ---p; "
           "28000-2c000 rw-p; 2c000-40000 ---p");
    CHECK(holds(pg(40), 4, 1), "the contents moved");
    CHECK_EQ_HEX(virt_to_pfn(pg(41)), pfn, "with the frames");
    CHECK(!(pagemap_entry(pg(9)) & PM_PRESENT), "the old range maps nothing yet");
    CHECK(zero(pg(8), 4), "and reads zeroes");
    pg(8)[0] = 'x';
    CHECK(virt_to_pfn(pg(8)) != 0 && virt_to_pfn(pg(8)) != pfn, "a write there gets a new page");
    CHECK_EQ_LONG(meminfo_kb("Committed_AS") - committed, 16, "the new range is charged too");

    /* A part of a VMA: the old VMA stays whole. */
    CHECK(sys_mremap(pg(41), 2 * PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
                     NULL) != -1, "DONTUNMAP of 2 pages inside a VMA, anywhere");
    layout("DONTUNMAP of 2 pages inside", "0-8000 ---p; 8000-c000 rw-p; e000-10000 rw-p; "
           "10000-28000 ---p; 28000-2c000 rw-p; 2c000-40000 ---p");
    CHECK(holds(pg(40), 1, 1) && zero(pg(41), 2) && holds(pg(43), 1, 4),
          "the pages around keep their contents");

    CHECK_ERR(sys_mremap(pg(40), PAGE_SIZE, PAGE_SIZE, MREMAP_DONTUNMAP, NULL), EINVAL,
              "DONTUNMAP without MAYMOVE: EINVAL");
    CHECK_ERR(sys_mremap(pg(40), PAGE_SIZE, 2 * PAGE_SIZE, MREMAP_MAYMOVE | MREMAP_DONTUNMAP,
                         NULL), EINVAL, "DONTUNMAP with another size: EINVAL");
    munmap(region, 64 * PAGE_SIZE);

    /* Shared memory: the old range shows the same pages again. */
    char *shared = mmap(NULL, 2 * PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    touch(shared, 2, 7);
    char *moved = (char *)sys_mremap(shared, 2 * PAGE_SIZE, 2 * PAGE_SIZE,
                                     MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
    CHECK(moved != MAP_FAILED && moved != shared, "DONTUNMAP of a shared mapping");
    CHECK(holds(moved, 2, 7) && holds(shared, 2, 7), "both ranges show the same memory");
    moved[0] = 9;
    CHECK_EQ_LONG(shared[0], 9, "a write through one shows through the other");
    munmap(shared, 2 * PAGE_SIZE);
    munmap(moved, 2 * PAGE_SIZE);
}

/* Child: read the page at addr (dies if it is unmapped). */
static int read_page(void *addr)
{
    return *(volatile char *)addr;
}

static void test_brk(void)
{
    unsigned long start = syscall(SYS_brk, 0);

    CHECK_EQ_HEX(start & (PAGE_SIZE - 1), 0, "the initial break is page aligned");
    CHECK_EQ_HEX(syscall(SYS_brk, 0), start, "brk(0) returns the break unchanged");
    CHECK_EQ_HEX(syscall(SYS_brk, start + 3 * PAGE_SIZE), start + 3 * PAGE_SIZE,
                 "brk grows to exactly the requested break");
    CHECK(zero((char *)start, 3), "new heap memory reads as zero");
    touch((char *)start, 3, 40);
    CHECK(holds((char *)start, 3, 40), "and is writable");

    CHECK_EQ_HEX(syscall(SYS_brk, start + PAGE_SIZE + 100), start + PAGE_SIZE + 100,
                 "brk shrinks to an unaligned break");
    CHECK_SIGNAL(run_child(read_page, (void *)(start + 2 * PAGE_SIZE)), SIGSEGV,
                 "memory above the rounded-up break is unmapped");
    CHECK(holds((char *)start, 1, 40), "memory below the break is kept");
    CHECK(holds((char *)start + PAGE_SIZE, 1, 41), "the page holding the break keeps its contents");
    CHECK_EQ_HEX(syscall(SYS_brk, start + 2 * PAGE_SIZE), start + 2 * PAGE_SIZE, "brk grows again");

    char *above = map_anon(NULL, PAGE_SIZE, RW, 0);
    CHECK_EQ_HEX(syscall(SYS_brk, 4096), start + 2 * PAGE_SIZE, "brk below the heap start is refused");
    CHECK_EQ_HEX(syscall(SYS_brk, above + PAGE_SIZE), start + 2 * PAGE_SIZE,
                 "brk over an existing mapping is refused");
    munmap(above, PAGE_SIZE);
    CHECK_EQ_HEX(syscall(SYS_brk, start), start, "brk back to the start");
}

static void test_madvise(void)
{
    char *p = map_anon(NULL, 8 * PAGE_SIZE, RW, 0);
    touch(p, 8, 1);

    CHECK_SYS(madvise(p + 2 * PAGE_SIZE, 3 * PAGE_SIZE, MADV_DONTNEED), "MADV_DONTNEED");
    CHECK(zero(p + 2 * PAGE_SIZE, 3), "discarded pages read back as zero");
    CHECK(holds(p, 2, 1) && holds(p + 5 * PAGE_SIZE, 3, 6), "pages outside the range are kept");

    touch(p, 8, 1);
    madvise(p, PAGE_SIZE, MADV_DONTNEED);
    CHECK_EQ_HEX(pagemap_entry(p) & PM_PRESENT, 0, "a discarded page is not present");

    touch(p, 8, 1);
    CHECK_SYS(madvise(p + 2 * PAGE_SIZE, 2 * PAGE_SIZE, MADV_DONTNEED_LOCKED), "MADV_DONTNEED_LOCKED");
    CHECK(zero(p + 2 * PAGE_SIZE, 2) && holds(p, 2, 1), "zaps like MADV_DONTNEED");
    touch(p, 8, 10);
    CHECK_SYS(madvise(p, 8 * PAGE_SIZE, MADV_COLD), "MADV_COLD is accepted");
    CHECK_SYS(madvise(p, 8 * PAGE_SIZE, MADV_PAGEOUT), "MADV_PAGEOUT is accepted");
    CHECK(holds(p, 8, 10), "and the data stays (no swap to page it out to)");

    CHECK_SYS(madvise(p, 8 * PAGE_SIZE, MADV_FREE), "MADV_FREE is accepted");
    touch(p, 8, 20);
    CHECK(holds(p, 8, 20), "memory is usable after MADV_FREE");

    CHECK_ERR(madvise(p, PAGE_SIZE, 1234), EINVAL, "unknown advice: EINVAL");
    CHECK_ERR(madvise(p + 1, PAGE_SIZE, MADV_DONTNEED), EINVAL, "unaligned address: EINVAL");
    munmap(p + 4 * PAGE_SIZE, 4 * PAGE_SIZE);
    CHECK_ERR(madvise(p + 4 * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED), ENOMEM,
              "advice on an unmapped range: ENOMEM");
    CHECK_ERR(madvise(p + 4 * PAGE_SIZE, PAGE_SIZE, MADV_PAGEOUT), ENOMEM,
              "MADV_PAGEOUT on an unmapped range: ENOMEM");
    munmap(p, 4 * PAGE_SIZE);
}

static void test_mincore_msync(void)
{
    char *p = map_anon(NULL, 6 * PAGE_SIZE, RW, 0);
    unsigned char vec[6];

    p[0] = 1;                       /* written: a page of its own */
    (void)*(volatile char *)(p + 2 * PAGE_SIZE);   /* read: the zero page */
    CHECK_SYS(mincore(p, 6 * PAGE_SIZE, vec), "mincore of a fresh mapping");
    CHECK(vec[0] == 1 && vec[1] == 0 && vec[2] == 1 && vec[3] == 0 && vec[5] == 0,
          "resident: the written and the read page only (%d %d %d %d %d %d)",
          vec[0], vec[1], vec[2], vec[3], vec[4], vec[5]);
    madvise(p, PAGE_SIZE, MADV_DONTNEED);
    CHECK_SYS(mincore(p, PAGE_SIZE - 1, vec), "mincore of a partial page");
    CHECK_EQ_LONG(vec[0], 0, "a discarded page is not resident");
    CHECK_ERR(mincore(p + 1, PAGE_SIZE, vec), EINVAL, "mincore of an unaligned address: EINVAL");
    CHECK_ERR(mincore(p, PAGE_SIZE, (unsigned char *)-4096L), EFAULT, "a bad vector: EFAULT");

    CHECK_SYS(msync(p, 6 * PAGE_SIZE, MS_SYNC), "msync(MS_SYNC) of anonymous memory");
    CHECK_SYS(msync(p, 0, MS_ASYNC), "msync of nothing");
    CHECK_ERR(msync(p, PAGE_SIZE, MS_SYNC | MS_ASYNC), EINVAL, "MS_SYNC|MS_ASYNC: EINVAL");
    CHECK_ERR(msync(p + 1, PAGE_SIZE, MS_SYNC), EINVAL, "msync of an unaligned address: EINVAL");
    CHECK_ERR(msync(p, PAGE_SIZE, 8), EINVAL, "unknown msync flag: EINVAL");
    munmap(p + 3 * PAGE_SIZE, PAGE_SIZE);
    CHECK_ERR(mincore(p, 6 * PAGE_SIZE, vec), ENOMEM, "mincore over a hole: ENOMEM");
    CHECK_ERR(msync(p, 6 * PAGE_SIZE, MS_ASYNC), ENOMEM, "msync over a hole: ENOMEM");
    munmap(p, 6 * PAGE_SIZE);
}

/* Child: use 1 MiB of stack, a page at a time from the top down. */
static int deep_stack(void *unused)
{
    (void)unused;
    volatile char frame[1024 * 1024];
    for (long i = sizeof frame - PAGE_SIZE; i >= 0; i -= PAGE_SIZE)
        frame[i] = 1;
    return frame[0] + frame[sizeof frame - PAGE_SIZE] == 2 ? 0 : 1;
}

int main(void)
{
    test_mremap();
    test_mremap_dontunmap();
    test_brk();
    test_madvise();
    test_mincore_msync();
    CHECK_EXIT(run_child(deep_stack, NULL), 0, "the stack grows to hold 1 MiB");
    return tap_done();
}
