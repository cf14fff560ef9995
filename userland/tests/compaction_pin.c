/*
 * A page the kernel holds a reference to does not move under compaction
 * (issue 15). vmsplice() into a pipe is what a user has for that: the pipe
 * keeps a reference to the user page itself (get_user_pages_fast(), as
 * Linux 6.12's iov_iter_get_pages2()) until the data is read. The
 * compaction scanner passes such a page by (isolate_migratepages_block():
 * more references than mappings), and migration would refuse it anyway
 * (folio_migrate_mapping(): -EAGAIN).
 *
 * The test fills a quarter of the free memory with checksummed pages and
 * frees every other one (so that compaction has holes to fill all over),
 * splices the kept page with the lowest frame into a pipe and writes
 * compact_memory twice. On Pagoda the spliced page keeps its frame while
 * a neighbour in the same pageblock (2 MiB of frames, far below where the
 * scanners meet) moves; on both kernels every page is intact and the pipe gives
 * back exactly the spliced page's data, and after one more compaction
 * (the pipe has let go) every page still is.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

#define BLOCK_PAGES 512		/* a pageblock: pageblock_order 9 */

static char *area;
static long pages;		/* the odd ones are kept */

static unsigned word(int page, unsigned k)
{
    return (unsigned)page * 2654435761u + k + 1;
}

static void fill(int page)
{
    unsigned *p = (unsigned *)(area + page * PAGE_SIZE);

    for (unsigned k = 0; k < PAGE_SIZE / sizeof(unsigned); k++)
        p[k] = word(page, k);
}

static int bad_words(const unsigned *p, int page)
{
    int bad = 0;

    for (unsigned k = 0; k < PAGE_SIZE / sizeof(unsigned); k++)
        bad += p[k] != word(page, k);
    return bad;
}

static int bad_pages(void)
{
    int bad = 0;

    for (int i = 1; i < pages; i += 2)
        bad += bad_words((const unsigned *)(area + i * PAGE_SIZE), i) != 0;
    return bad;
}

static int compact(void)
{
    return write_file("/proc/sys/vm/compact_memory", "1");
}

int main(void)
{
    static unsigned back[PAGE_SIZE / sizeof(unsigned)];
    uint64_t *pfn;
    int pipefd[2], pinned = -1, neighbour = -1;
    struct iovec iov;

    pages = meminfo_kb("MemFree") / 4 / 4 & ~1L;
    pfn = calloc(pages, sizeof(*pfn));
    area = map_anon(NULL, pages * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    madvise(area, pages * PAGE_SIZE, MADV_NOHUGEPAGE); /* 4 KiB pages on Linux too */
    for (int i = 0; i < pages; i++)
        fill(i);
    for (int i = 0; i < pages; i += 2)
        madvise(area + i * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED);
    /* the pinned page: the kept page in the lowest frame; its neighbour: another in its block */
    for (int i = 1; i < pages; i += 2) {
        pfn[i] = virt_to_pfn(area + i * PAGE_SIZE);
        if (pinned < 0 || pfn[i] < pfn[pinned])
            pinned = i;
    }
    for (int i = 1; i < pages; i += 2)
        if (i != pinned && pfn[i] / BLOCK_PAGES == pfn[pinned] / BLOCK_PAGES &&
            (neighbour < 0 || pfn[i] < pfn[neighbour]))
            neighbour = i;
    if (!CHECK(neighbour >= 0, "another kept page shares the lowest one's pageblock"))
        return tap_done();
    note("page %d (pfn %#llx) pinned, page %d (pfn %#llx) its neighbour", pinned,
         (unsigned long long)pfn[pinned], neighbour, (unsigned long long)pfn[neighbour]);

    CHECK_SYS(pipe(pipefd), "pipe");
    iov.iov_base = area + pinned * PAGE_SIZE;
    iov.iov_len = PAGE_SIZE;
    CHECK_EQ_LONG(vmsplice(pipefd[1], &iov, 1, 0), PAGE_SIZE,
                  "vmsplice: the pipe holds the page");
    CHECK_EQ_LONG(compact(), 0, "compact_memory with the page in the pipe");
    CHECK_EQ_LONG(compact(), 0, "compact_memory again");
    note("after: pinned pfn %#llx, neighbour pfn %#llx",
         (unsigned long long)virt_to_pfn(area + pinned * PAGE_SIZE),
         (unsigned long long)virt_to_pfn(area + neighbour * PAGE_SIZE));
    if (on_pagoda()) { /* where Linux's scanners meet, and so what moves, varies */
        CHECK_EQ_HEX(virt_to_pfn(area + pinned * PAGE_SIZE), pfn[pinned],
                     "the page in the pipe kept its frame");
        CHECK(virt_to_pfn(area + neighbour * PAGE_SIZE) != pfn[neighbour],
              "its neighbour in the same pageblock moved");
    }
    CHECK_EQ_LONG(bad_pages(), 0, "every page is intact");
    CHECK_EQ_LONG(read_full(pipefd[0], back, sizeof back), PAGE_SIZE, "read the pipe");
    CHECK_EQ_LONG(bad_words(back, pinned), 0, "the pipe gives back the page's data");
    comparable("pinned page: %d pages bad, pipe data %d words bad", bad_pages(),
               bad_words(back, pinned));

    /* the pipe let go: the page may move now (if the scanners meet above it) */
    CHECK_EQ_LONG(compact(), 0, "compact_memory after the pipe was read");
    note("after the pipe was read and one more compaction: pfn %#llx",
         (unsigned long long)virt_to_pfn(area + pinned * PAGE_SIZE));
    CHECK_EQ_LONG(bad_pages(), 0, "every page is still intact");
    close(pipefd[0]);
    close(pipefd[1]);
    munmap(area, pages * PAGE_SIZE);
    free(pfn);
    return tap_done();
}
