/*
 * VMA layout: a fixed script of mmap(MAP_FIXED)/mprotect/munmap inside a
 * reserved PROT_NONE region, with the region's /proc/self/maps lines
 * printed after each step as comparable `@ ` lines (relative to the region)
 * and checked against the exact expected layout: splits, merges (including
 * Linux's rule that VMAs with different anon_vmas do not merge), and page
 * contents surviving them.  Then MAP_FIXED_NOREPLACE, address hints,
 * MAP_POPULATE, and the argument errors of mmap/munmap/mprotect, and the
 * files mmap refuses (/proc, pipes, devices, offsets past the file limit).
 * test_merges() walks the merge cases of Linux 6.12's mm/vma.c: mremap
 * growing into a hole up to a compatible VMA (vma_merge_new_range() joins
 * all three), and mprotect making part or all of a VMA match the VMA
 * before it, after it, or both (vma_merge_existing_range()).
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

#define REGION_PAGES 64
#define RW (PROT_READ | PROT_WRITE)

static char *region;

static char *pg(int n)
{
    return region + n * PAGE_SIZE;
}

/* Page n holds the value n (first and last byte) after touch(). */
static void touch(int first, int count)
{
    for (int n = first; n < first + count; n++)
        pg(n)[0] = pg(n)[PAGE_SIZE - 1] = (char)n;
}

static int holds(int n, int value)
{
    return pg(n)[0] == (char)value && pg(n)[PAGE_SIZE - 1] == (char)value;
}

static void fixed(int first, int count, int prot)
{
    map_anon(pg(first), count * PAGE_SIZE, prot, MAP_FIXED);
}

static void expect(const char *step, const char *layout)
{
    print_maps_range(step, region, pg(REGION_PAGES));
    CHECK_STR(maps_range(region, pg(REGION_PAGES)), layout, "layout after: %s", step);
}

static void test_script(void)
{
    region = reserve(REGION_PAGES * PAGE_SIZE);
    expect("reserve", "0-40000 ---p");

    fixed(8, 8, RW);
    touch(8, 8);
    expect("map 8 rw pages at +8", "0-8000 ---p; 8000-10000 rw-p; 10000-40000 ---p");

    mprotect(pg(10), 2 * PAGE_SIZE, PROT_READ);
    expect("mprotect +10..+12 read-only",
           "0-8000 ---p; 8000-a000 rw-p; a000-c000 r--p; c000-10000 rw-p; 10000-40000 ---p");
    CHECK(holds(10, 10) && holds(11, 11), "the read-only pages keep their contents");

    mprotect(pg(10), 2 * PAGE_SIZE, RW);
    expect("mprotect them back", "0-8000 ---p; 8000-10000 rw-p; 10000-40000 ---p");

    munmap(pg(12), PAGE_SIZE);
    expect("munmap +12", "0-8000 ---p; 8000-c000 rw-p; d000-10000 rw-p; 10000-40000 ---p");

    fixed(12, 1, RW);
    expect("map +12 again", "0-8000 ---p; 8000-10000 rw-p; 10000-40000 ---p");
    CHECK(holds(12, 0) && holds(11, 11) && holds(13, 13), "the new page is zero, its neighbours kept");

    fixed(16, 4, PROT_READ);
    expect("map 4 read-only pages at +16",
           "0-8000 ---p; 8000-10000 rw-p; 10000-14000 r--p; 14000-40000 ---p");

    mprotect(pg(16), 4 * PAGE_SIZE, RW);
    expect("mprotect them rw", "0-8000 ---p; 8000-14000 rw-p; 14000-40000 ---p");

    touch(8, 12);
    fixed(10, 2, PROT_READ);
    expect("MAP_FIXED read-only over +10..+12",
           "0-8000 ---p; 8000-a000 rw-p; a000-c000 r--p; c000-14000 rw-p; 14000-40000 ---p");
    CHECK(holds(10, 0) && holds(9, 9) && holds(12, 12), "MAP_FIXED replaced exactly two pages");

    munmap(pg(8), 12 * PAGE_SIZE);
    expect("munmap +8..+20", "0-8000 ---p; 14000-40000 ---p");

    /* Two touched VMAs have different anon_vmas: a page mapped between them
     * merges with the one before it only. */
    fixed(20, 2, RW);
    touch(20, 2);
    fixed(23, 2, RW);
    touch(23, 2);
    expect("two touched mappings with a gap",
           "0-8000 ---p; 14000-16000 rw-p; 16000-17000 ---p; 17000-19000 rw-p; 19000-40000 ---p");
    fixed(22, 1, RW);
    expect("fill the gap",
           "0-8000 ---p; 14000-17000 rw-p; 17000-19000 rw-p; 19000-40000 ---p");
    CHECK(holds(21, 21) && holds(22, 0) && holds(23, 23), "contents across the unmerged VMAs");

    fixed(8, 12, PROT_NONE);
    munmap(pg(20), 5 * PAGE_SIZE);
    fixed(20, 5, PROT_NONE);
    expect("PROT_NONE everywhere again", "0-40000 ---p");
    munmap(region, REGION_PAGES * PAGE_SIZE);
    CHECK_STR(maps_range(region, pg(REGION_PAGES)), "", "munmap of the region removes it all");
}

/* Raw mremap: musl's wrapper is variadic; no MREMAP_MAYMOVE, so in place or not at all. */
static long mremap_in_place(void *old, size_t old_len, size_t new_len)
{
    return syscall(SYS_mremap, old, old_len, new_len, 0, NULL);
}

static void test_merges(void)
{
    region = reserve(REGION_PAGES * PAGE_SIZE);

    /* mmap 3 pages, unmap the middle one, grow the first into the hole. */
    fixed(8, 3, RW);
    touch(8, 3);
    munmap(pg(9), PAGE_SIZE);
    expect("a hole between two pages of one mapping",
           "0-8000 ---p; 8000-9000 rw-p; a000-b000 rw-p; b000-40000 ---p");
    CHECK_EQ_HEX(mremap_in_place(pg(8), PAGE_SIZE, 2 * PAGE_SIZE), pg(8),
                 "mremap grows the first page into the hole");
    expect("mremap into the hole up to the next VMA",
           "0-8000 ---p; 8000-b000 rw-p; b000-40000 ---p");
    CHECK(holds(8, 8) && holds(9, 0) && holds(10, 10),
          "the merged VMA keeps both pages, the new one is zero");

    /* One touched mapping (one anon_vma) cut into three by mprotect. */
    fixed(16, 12, RW);
    touch(16, 12);
    mprotect(pg(20), 4 * PAGE_SIZE, PROT_READ);
    mprotect(pg(24), 4 * PAGE_SIZE, PROT_READ | PROT_EXEC);
    expect("rw, r, rx",
           "0-8000 ---p; 8000-b000 rw-p; b000-10000 ---p; 10000-14000 rw-p; 14000-18000 r--p; "
           "18000-1c000 r-xp; 1c000-40000 ---p");

    mprotect(pg(20), PAGE_SIZE, RW);
    expect("the first page of the middle VMA joins the one before",
           "0-8000 ---p; 8000-b000 rw-p; b000-10000 ---p; 10000-15000 rw-p; 15000-18000 r--p; "
           "18000-1c000 r-xp; 1c000-40000 ---p");

    mprotect(pg(23), PAGE_SIZE, PROT_READ | PROT_EXEC);
    expect("the last page of the middle VMA joins the one after",
           "0-8000 ---p; 8000-b000 rw-p; b000-10000 ---p; 10000-15000 rw-p; 15000-17000 r--p; "
           "17000-1c000 r-xp; 1c000-40000 ---p");

    mprotect(pg(21), 2 * PAGE_SIZE, RW);
    expect("the whole middle VMA joins the one before only",
           "0-8000 ---p; 8000-b000 rw-p; b000-10000 ---p; 10000-17000 rw-p; "
           "17000-1c000 r-xp; 1c000-40000 ---p");

    mprotect(pg(20), 3 * PAGE_SIZE, PROT_READ);
    mprotect(pg(20), 3 * PAGE_SIZE, PROT_READ | PROT_EXEC);
    expect("a whole VMA joins the one after only",
           "0-8000 ---p; 8000-b000 rw-p; b000-10000 ---p; 10000-14000 rw-p; "
           "14000-1c000 r-xp; 1c000-40000 ---p");

    mprotect(pg(22), 2 * PAGE_SIZE, PROT_READ);
    mprotect(pg(22), 2 * PAGE_SIZE, PROT_READ | PROT_EXEC);
    expect("the middle of a VMA, made like it again, joins both sides",
           "0-8000 ---p; 8000-b000 rw-p; b000-10000 ---p; 10000-14000 rw-p; "
           "14000-1c000 r-xp; 1c000-40000 ---p");

    mprotect(pg(20), 8 * PAGE_SIZE, RW);
    expect("all of it rw again: one VMA",
           "0-8000 ---p; 8000-b000 rw-p; b000-10000 ---p; 10000-1c000 rw-p; 1c000-40000 ---p");
    int intact = 1;
    for (int n = 16; n < 28; n++)
        intact &= holds(n, n);
    CHECK(intact, "every page kept its contents through the merges");

    /* mremap into a hole again, in a shared file mapping: file pages 0 and 2 around the hole. */
    int fd = memfd_create("merge", 0);
    CHECK_EQ_LONG(ftruncate(fd, 3 * PAGE_SIZE), 0, "a 3-page memfd");
    CHECK_EQ_HEX(mmap(pg(40), 3 * PAGE_SIZE, RW, MAP_SHARED | MAP_FIXED, fd, 0), pg(40),
                 "mapped shared at +40");
    pg(42)[0] = 'x';
    munmap(pg(41), PAGE_SIZE);
    CHECK_EQ_HEX(mremap_in_place(pg(40), PAGE_SIZE, 2 * PAGE_SIZE), pg(40),
                 "mremap grows the shared mapping into the hole");
    expect("a shared file mapping grown into the hole up to its next VMA",
           "0-8000 ---p; 8000-b000 rw-p; b000-10000 ---p; 10000-1c000 rw-p; 1c000-28000 ---p; "
           "28000-2b000 rw-s /memfd:merge (deleted); 2b000-40000 ---p");
    char byte = 0;
    pg(41)[0] = 'y';
    CHECK(pread(fd, &byte, 1, PAGE_SIZE) == 1 && byte == 'y' && pg(42)[0] == 'x',
          "the merged VMA maps file pages 0, 1 and 2 in order");
    close(fd);
    munmap(region, REGION_PAGES * PAGE_SIZE);
}

static void test_placement(void)
{
    region = reserve(16 * PAGE_SIZE);
    munmap(pg(4), 4 * PAGE_SIZE);

    CHECK_EQ_HEX(mmap(pg(2), PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
                 MAP_FAILED, "MAP_FIXED_NOREPLACE over a mapping fails");
    CHECK_EQ_LONG(errno, EEXIST, "with EEXIST");
    CHECK_EQ_HEX(mmap(pg(6), 4 * PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
                      -1, 0), MAP_FAILED, "MAP_FIXED_NOREPLACE partly over a mapping fails");
    CHECK_EQ_HEX(mmap(pg(4), PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
                 pg(4), "MAP_FIXED_NOREPLACE in a hole maps exactly there");
    CHECK_EQ_HEX(map_anon(pg(6), PAGE_SIZE, RW, 0), pg(6), "a hint in a free range is honoured");
    CHECK_STR(maps_range(region, pg(16)), "0-4000 ---p; 4000-5000 rw-p; 6000-7000 rw-p; 8000-10000 ---p",
              "the hole got exactly those two pages");
    char *elsewhere = map_anon(pg(1), PAGE_SIZE, RW, 0);
    CHECK(elsewhere != pg(1), "a hint over a mapping goes elsewhere");
    CHECK_STR(maps_range(region, pg(4)), "0-4000 ---p", "and the mapping there was not replaced");
    munmap(elsewhere, PAGE_SIZE);
    munmap(region, 16 * PAGE_SIZE);

    char *p = map_anon(NULL, 8 * PAGE_SIZE, RW, MAP_POPULATE);
    int present = 0;
    for (int i = 0; i < 8; i++)
        present += (pagemap_entry(p + i * PAGE_SIZE) & PM_PRESENT) != 0;
    CHECK_EQ_LONG(present, 8, "MAP_POPULATE faults every page in");
    munmap(p, 8 * PAGE_SIZE);
}

/* Raw syscalls: libc must not round or check the arguments for the kernel. */
static long sys_mmap(void *addr, size_t len, int prot, int flags)
{
    return syscall(SYS_mmap, addr, len, prot, flags, -1, 0);
}

/* A private mapping of @fd at @off, by the raw system call. */
static long sys_mmap_fd(size_t len, int prot, int fd, unsigned long off)
{
    return syscall(SYS_mmap, NULL, len, prot, MAP_PRIVATE, fd, off);
}

static void test_errors(void)
{
    char *p = map_anon(NULL, 4 * PAGE_SIZE, RW, 0);
    munmap(p + 2 * PAGE_SIZE, 2 * PAGE_SIZE);

    CHECK_ERR(sys_mmap(NULL, 0, RW, MAP_PRIVATE | MAP_ANONYMOUS), EINVAL, "mmap length 0: EINVAL");
    CHECK_ERR(sys_mmap(p + 1, PAGE_SIZE, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED), EINVAL,
              "MAP_FIXED at an unaligned address: EINVAL");
    CHECK_ERR(sys_mmap(NULL, PAGE_SIZE, RW, MAP_ANONYMOUS), EINVAL,
              "neither MAP_PRIVATE nor MAP_SHARED: EINVAL");
    CHECK_ERR(sys_mmap(NULL, 1UL << 47, RW, MAP_PRIVATE | MAP_ANONYMOUS), ENOMEM,
              "mmap of 128 TiB: ENOMEM");

    CHECK_ERR(syscall(SYS_munmap, p + 1, PAGE_SIZE), EINVAL, "munmap at an unaligned address: EINVAL");
    CHECK_ERR(syscall(SYS_munmap, p, 0), EINVAL, "munmap of length 0: EINVAL");
    CHECK_SYS(syscall(SYS_munmap, p + 2 * PAGE_SIZE, 2 * PAGE_SIZE),
              "munmap of an unmapped range succeeds");
    CHECK_ERR(syscall(SYS_mprotect, p + 1, PAGE_SIZE, PROT_READ), EINVAL, "mprotect unaligned: EINVAL");
    CHECK_ERR(syscall(SYS_mprotect, p + 2 * PAGE_SIZE, PAGE_SIZE, PROT_READ), ENOMEM,
              "mprotect of an unmapped range: ENOMEM");
    CHECK_ERR(syscall(SYS_mprotect, p, 4 * PAGE_SIZE, PROT_READ), ENOMEM,
              "mprotect of a partly unmapped range: ENOMEM");
    CHECK_ERR(syscall(SYS_mprotect, p, PAGE_SIZE, 0x100), EINVAL, "mprotect with unknown bits: EINVAL");
    munmap(p, 2 * PAGE_SIZE);
}

/* What a file must be for mmap, checked in Linux's order. */
static void test_file_errors(void)
{
    int meminfo = open("/proc/meminfo", O_RDONLY), maps = open("/proc/self/maps", O_RDONLY);
    int self = open("/tests/vma", O_RDONLY), null = open("/dev/null", O_RDONLY), p[2];

    pipe(p);
    CHECK_ERR(sys_mmap_fd(PAGE_SIZE, PROT_READ, meminfo, 0), EIO, "mmap of /proc/meminfo: EIO");
    CHECK_ERR(sys_mmap_fd(PAGE_SIZE, PROT_READ, maps, 0), ENODEV, "mmap of /proc/self/maps: ENODEV");
    CHECK_ERR(sys_mmap_fd(PAGE_SIZE, PROT_READ, p[0], 0), ENODEV, "mmap of a pipe: ENODEV");
    CHECK_ERR(sys_mmap_fd(PAGE_SIZE, PROT_READ, null, 0), ENODEV, "mmap of /dev/null: ENODEV");
    CHECK_ERR(sys_mmap_fd(6 * PAGE_SIZE, PROT_READ, null, -PAGE_SIZE), EOVERFLOW,
              "mmap of /dev/null past 2^64 bytes: EOVERFLOW first");
    CHECK_ERR(sys_mmap_fd(2 * PAGE_SIZE, PROT_READ, self, 0x7ffffffffffff000UL), EOVERFLOW,
              "mmap of a file past MAX_LFS_FILESIZE: EOVERFLOW");
    CHECK_ERR(sys_mmap_fd(PAGE_SIZE, PROT_READ, null, 1UL << 63), ENODEV,
              "but /dev/null at offset 2^63 is only ENODEV");
    close(meminfo);
    close(maps);
    close(self);
    close(null);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    test_script();
    test_merges();
    test_placement();
    test_errors();
    test_file_errors();
    return tap_done();
}
