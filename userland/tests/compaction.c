/*
 * Compaction and page migration seen from user space.  The process fills
 * 60% of the free memory with checksummed anonymous pages (so that the
 * scanners meet inside them wherever the allocator put them), frees every other
 * page (MADV_DONTNEED), writes /proc/sys/vm/compact_memory and checks that
 * its data is intact while some of its pages now sit in other frames
 * (/proc/self/pagemap), that /proc/buddyinfo counts more free 2 MiB
 * blocks, and that the compaction and migration counters of /proc/vmstat
 * moved.  At 64 points spread over the filling, a page of a second, MADV_MERGEABLE area
 * is written too (one of 4 patterns, so its frames are spread over the
 * same range) and ksmd merges them before the compaction: the merged
 * pages keep their data, and on Pagoda some KSM frames move.  Then the
 * sysctl files: their defaults and their errors.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test.h"

static char text[16384];

static long vmstat(const char *name)
{
    char line[128];

    if (read_file("/proc/vmstat", text, sizeof text) < 0)
        return -1;
    snprintf(line, sizeof line, "%s ", name);
    if (find_line(text, line, line, sizeof line) < 0)
        return -1;
    return atol(line + strlen(name) + 1);
}

static long sysctl(const char *name)
{
    char path[128];

    snprintf(path, sizeof path, "/proc/sys/vm/%s", name);
    if (read_file(path, text, sizeof text) < 0)
        return -1;
    return atol(text);
}

static unsigned checksum(const unsigned *p)
{
    unsigned sum = 0;

    for (size_t i = 1; i < PAGE_SIZE / sizeof(unsigned); i++)
        sum = sum * 31 + p[i];
    return sum;
}

static void fill(char *page, unsigned seed)
{
    unsigned *p = (unsigned *)page;

    for (size_t i = 1; i < PAGE_SIZE / sizeof(unsigned); i++)
        p[i] = seed * 2654435761u + (unsigned)i;
    p[0] = checksum(p);
}

#define KSM_PAGES 64 /* the KSM area: 4 patterns, 16 copies each */
#define KSM_SEED(j) (0x100000u + (unsigned)(j) / 16) /* runs of 16: the KSM frames spread too */

/* The KSM area's pages: the pattern KSM_SEED(j) intact; their frames before in kpfn. */
static void check_ksm_area(char *ksm, long n, const uint64_t *kpfn)
{
    int bad = 0, moved = 0;

    for (long j = 0; j < n; j++) {
        unsigned *p = (unsigned *)(ksm + j * PAGE_SIZE);

        bad += p[0] != checksum(p) || p[1] != KSM_SEED(j) * 2654435761u + 1;
        moved += virt_to_pfn(p) != kpfn[j];
    }
    note("KSM: moved %d of %ld merged pages", moved, n);
    CHECK_EQ_LONG(bad, 0, "every KSM-merged page is intact");
    comparable("KSM pages corrupted: %d", bad);
    if (on_pagoda())
        CHECK(moved > 0, "some KSM-merged pages now sit in other frames");
}

static void compact_fragmented(void)
{
    const long PAGES = meminfo_kb("MemFree") / 4 * 6 / 10 & ~1L;
    const long KSM_EVERY = PAGES / KSM_PAGES; /* a KSM-area page per this many */
    uint64_t *pfn = malloc(PAGES * sizeof(*pfn)), *kpfn = malloc(KSM_PAGES * sizeof(*kpfn));
    char *area = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *ksm = mmap(NULL, KSM_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long blocks_before, blocks_after, migrated, scanned, frames = 0;
    int bad = 0, moved = 0;

    if (!CHECK(area != MAP_FAILED && ksm != MAP_FAILED && pfn && kpfn,
               "mmap 60%% of the free memory"))
        return;
    madvise(area, PAGES * PAGE_SIZE, MADV_NOHUGEPAGE); /* 4 KiB pages on Linux too */
    madvise(ksm, KSM_PAGES * PAGE_SIZE, MADV_NOHUGEPAGE);
    note("%ld pages", PAGES);
    for (int i = 0; i < PAGES; i++) {
        fill(area + i * PAGE_SIZE, i);
        if (i % KSM_EVERY == 0 && i / KSM_EVERY < KSM_PAGES)
            fill(ksm + i / KSM_EVERY * PAGE_SIZE, KSM_SEED(i / KSM_EVERY));
    }
    CHECK(ksm_save() == 0, "save the KSM settings");
    CHECK_EQ_LONG(madvise(ksm, KSM_PAGES * PAGE_SIZE, MADV_MERGEABLE), 0, "MADV_MERGEABLE");
    CHECK_EQ_LONG(ksm_write("run", "1"), 0, "ksm run=1");
    CHECK(ksm_wait_scans(2), "ksmd completed two full scans");
    CHECK_EQ_LONG(ksm_write("run", "0"), 0, "ksm run=0 (the merged pages stay)");
    for (long j = 0; j < KSM_PAGES; j++) {
        kpfn[j] = virt_to_pfn(ksm + j * PAGE_SIZE);
        for (long k = 0; k < j; k++)
            if (kpfn[k] == kpfn[j])
                goto seen;
        frames++;
    seen:;
    }
    CHECK_EQ_LONG(frames, 4, "the KSM area's %d pages share 4 frames", KSM_PAGES);
    for (int i = 0; i < PAGES; i += 2)
        madvise(area + i * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED);
    for (int i = 1; i < PAGES; i += 2)
        pfn[i] = virt_to_pfn(area + i * PAGE_SIZE);
    blocks_before = free_2m_blocks();
    migrated = vmstat("pgmigrate_success");
    scanned = vmstat("compact_migrate_scanned");

    CHECK_EQ_LONG(write_file("/proc/sys/vm/compact_memory", "1"), 0, "write 1 to compact_memory");
    CHECK_EQ_LONG(write_file("/sys/devices/system/node/node0/compact", "1"), 0,
                  "write to /sys/devices/system/node/node0/compact");

    blocks_after = free_2m_blocks();
    for (int i = 1; i < PAGES; i += 2) {
        unsigned *p = (unsigned *)(area + i * PAGE_SIZE);

        bad += p[0] != checksum(p) || p[1] != i * 2654435761u + 1;
        moved += virt_to_pfn(p) != pfn[i];
    }
    note("moved %d of %ld pages; free 2 MiB blocks %ld -> %ld", moved, PAGES / 2,
         blocks_before, blocks_after);
    CHECK_EQ_LONG(bad, 0, "every kept page's checksum is intact");
    comparable("pages corrupted: %d", bad);
    /*
     * Where the two scanners meet depends on where the allocator put the
     * pages: after a long suite Linux may place all of them above that
     * point and move none (seen once), so these two are Pagoda's checks.
     */
    if (on_pagoda()) {
        CHECK(moved > 0, "some pages now sit in other frames");
        CHECK(blocks_after > blocks_before, "more free 2 MiB blocks in /proc/buddyinfo");
    }
    CHECK(vmstat("pgmigrate_success") >= migrated + moved, "pgmigrate_success counts them");
    CHECK(vmstat("compact_migrate_scanned") > scanned, "compact_migrate_scanned grew");
    check_ksm_area(ksm, KSM_PAGES, kpfn);
    ksm_restore();
    munmap(ksm, KSM_PAGES * PAGE_SIZE);
    munmap(area, PAGES * PAGE_SIZE);
    free(kpfn);
    free(pfn);
}

static void sysctls(void)
{
    static const char *const names[] = {
        "compaction_proactiveness", "extfrag_threshold", "compact_unevictable_allowed",
    };

    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        comparable("%s = %ld", names[i], sysctl(names[i]));
    errno = 0;
    CHECK(write_file("/proc/sys/vm/compact_memory", "0") < 0 && errno == EINVAL,
          "compact_memory: 0 is EINVAL");
    comparable("compact_memory 0: %s", errno_name(errno));
    errno = 0;
    CHECK(write_file("/proc/sys/vm/compaction_proactiveness", "101") < 0 && errno == EINVAL,
          "compaction_proactiveness: 101 is EINVAL");
    comparable("compaction_proactiveness 101: %s", errno_name(errno));
    if (on_pagoda()) { /* Linux's debugfs may not be mounted */
        CHECK(read_file("/sys/kernel/debug/extfrag/extfrag_index", text, sizeof text) > 0 &&
              strstr(text, "Node 0, zone"), "debugfs extfrag_index has a line per zone");
        CHECK(read_file("/sys/kernel/debug/extfrag/unusable_index", text, sizeof text) > 0 &&
              strstr(text, "Node 0, zone"), "debugfs unusable_index has a line per zone");
    }
    CHECK_EQ_LONG(write_file("/proc/sys/vm/compaction_proactiveness", "0"), 0,
                  "compaction_proactiveness: 0 turns it off");
    CHECK_EQ_LONG(sysctl("compaction_proactiveness"), 0, "and reads back");
    CHECK_EQ_LONG(write_file("/proc/sys/vm/compaction_proactiveness", "20"), 0, "back to 20");
    errno = 0;
    CHECK(write_file("/proc/sys/vm/extfrag_threshold", "1001") < 0 && errno == EINVAL,
          "extfrag_threshold: 1001 is EINVAL");
    comparable("extfrag_threshold 1001: %s", errno_name(errno));
}

int main(void)
{
    compact_fragmented();
    sysctls();
    return tap_done();
}
