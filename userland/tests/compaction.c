/*
 * Compaction and page migration seen from user space.  The process fills
 * 60% of the free memory with checksummed anonymous pages (so that the
 * scanners meet inside them wherever the allocator put them), frees every other
 * page (MADV_DONTNEED), writes /proc/sys/vm/compact_memory and checks that
 * its data is intact while some of its pages now sit in other frames
 * (/proc/self/pagemap), that /proc/buddyinfo counts more free 2 MiB
 * blocks, and that the compaction and migration counters of /proc/vmstat
 * moved.  Then the sysctl files: their defaults and their errors.
 */
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test.h"

static char text[16384];

/* Free blocks of 2 MiB or more in /proc/buddyinfo, counted in 2 MiB units. */
static long free_2m_blocks(void)
{
    long total = 0;

    if (read_file("/proc/buddyinfo", text, sizeof text) < 0)
        return -1;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *p = strstr(line, "zone");
        long count;
        int order = 0, n;

        if (!p)
            continue;
        p += 4;
        while (*p == ' ')
            p++;
        while (*p && *p != ' ')
            p++; /* the zone's name */
        while (sscanf(p, "%ld%n", &count, &n) == 1) {
            if (order >= 9)
                total += count << (order - 9);
            order++;
            p += n;
        }
    }
    return total;
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

static void compact_fragmented(void)
{
    const long PAGES = meminfo_kb("MemFree") / 4 * 6 / 10 & ~1L;
    uint64_t *pfn = malloc(PAGES * sizeof(*pfn));
    char *area = mmap(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long blocks_before, blocks_after, migrated, scanned;
    int bad = 0, moved = 0;

    if (!CHECK(area != MAP_FAILED && pfn, "mmap 60%% of the free memory"))
        return;
    madvise(area, PAGES * PAGE_SIZE, MADV_NOHUGEPAGE); /* 4 KiB pages on Linux too */
    note("%ld pages", PAGES);
    for (int i = 0; i < PAGES; i++)
        fill(area + i * PAGE_SIZE, i);
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
    munmap(area, PAGES * PAGE_SIZE);
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
