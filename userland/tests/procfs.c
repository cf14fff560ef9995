/*
 * procfs in Linux's formats, parsed strictly: /proc/meminfo, buddyinfo,
 * zoneinfo (with its pagesets), pagetypeinfo, vmstat, slabinfo;
 * /proc/self/{maps,smaps,stat,status,cmdline,pagemap}; /proc/kpagecount, /proc/kpageflags and
 * /proc/sys/vm/mmap_min_addr.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

#define MAX_ZONES 8
#define ORDERS 11
#define KPF_MMAP 11
#define KPF_ANON 12

static char text[65536];

struct zone_free {
    char name[16];
    long blocks[ORDERS];
};

static void test_meminfo(void)
{
    static const char *const keys[] = {
        "MemTotal", "MemFree", "MemAvailable", "AnonPages", "KernelStack", "PageTables",
        "Slab", "SwapFree", "HugePages_Total", "HugePages_Free", "Hugepagesize",
    };
    char line[256], key[64], unit[8];
    long value, found[sizeof keys / sizeof keys[0]];
    int lines = 0, bad = 0;
    FILE *f = fopen("/proc/meminfo", "r");

    if (!CHECK(f != NULL, "open /proc/meminfo"))
        return;
    memset(found, -1, sizeof found);
    while (fgets(line, sizeof line, f)) {
        int n = sscanf(line, "%63[^:]: %ld %7s", key, &value, unit);
        lines++;
        if (n < 2 || (n == 3 && strcmp(unit, "kB") != 0)) {
            bad++;
            note("bad meminfo line: %s", line);
        }
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            if (!strcmp(key, keys[i]))
                found[i] = value;
    }
    fclose(f);
    CHECK(lines >= (int)(sizeof keys / sizeof keys[0]) && bad == 0,
          "every meminfo line is 'Key: value[ kB]' (%d lines)", lines);
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        CHECK(found[i] >= 0, "meminfo has %s", keys[i]);
    CHECK(found[0] > found[1] && found[1] > 0, "MemTotal %ld > MemFree %ld > 0", found[0], found[1]);
    CHECK(found[2] <= found[0], "MemAvailable <= MemTotal");
    CHECK_EQ_LONG(found[10], 2048, "Hugepagesize is 2048 kB");
    CHECK(found[9] <= found[8], "HugePages_Free <= HugePages_Total");

    long anon = meminfo_kb("AnonPages");
    char *p = map_anon(NULL, 4096 * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    for (size_t i = 0; i < 4096; i++)
        p[i * PAGE_SIZE] = 1;
    long grown = meminfo_kb("AnonPages") - anon;
    CHECK(grown >= 15 * 1024 && grown <= 17 * 1024, "AnonPages grows by 16 MiB touched (%ld kB)", grown);
    munmap(p, 4096 * PAGE_SIZE);
}

/* Parse /proc/buddyinfo into zones; their count, or -1 on a malformed line. */
static int parse_buddyinfo(struct zone_free *zones)
{
    int count = 0;
    if (read_file("/proc/buddyinfo", text, sizeof text) < 0)
        return -1;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        struct zone_free *z = &zones[count];
        int node, used;
        char *p = line;
        if (count == MAX_ZONES || sscanf(p, "Node %d, zone %15s%n", &node, z->name, &used) != 2)
            return -1;
        p += used;
        for (int o = 0; o < ORDERS; o++) {
            if (sscanf(p, "%ld%n", &z->blocks[o], &used) != 1)
                return -1;
            p += used;
        }
        if (strspn(p, " ") != strlen(p))
            return -1;
        count++;
    }
    return count;
}

static long free_pages(const struct zone_free *zones, int count)
{
    long pages = 0;
    for (int i = 0; i < count; i++)
        for (int o = 0; o < ORDERS; o++)
            pages += zones[i].blocks[o] << o;
    return pages;
}

static void test_buddyinfo(void)
{
    struct zone_free zones[MAX_ZONES];
    int count = parse_buddyinfo(zones);

    CHECK(count >= 1, "buddyinfo: 'Node N, zone NAME' + 11 counts per line (%d zones)", count);
    long buddy_kb = free_pages(zones, count > 0 ? count : 0) * 4;
    long memfree = meminfo_kb("MemFree");
    CHECK(labs(buddy_kb - memfree) <= 2048, "buddyinfo free pages (%ld kB) match MemFree (%ld kB)",
          buddy_kb, memfree);
}

struct zone_info {
    char name[16];
    long free, min, low, high, spanned, present, managed;
};

/* The watermarks and sizes of each zone in /proc/zoneinfo; their count. */
static int parse_zoneinfo(struct zone_info *zones)
{
    struct zone_info *z = NULL;
    int count = 0, node;

    if (read_file("/proc/zoneinfo", text, sizeof text) < 0)
        return 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char key[16];
        long value;
        if (count < MAX_ZONES && sscanf(line, "Node %d, zone %15s", &node, zones[count].name) == 2) {
            z = &zones[count++];
            z->free = z->min = z->low = z->high = z->spanned = z->present = z->managed = -1;
        } else if (z && sscanf(line, " pages free %ld", &value) == 1) {
            z->free = value;
        } else if (z && sscanf(line, " %15s %ld", key, &value) == 2) {
            long *field = !strcmp(key, "min") ? &z->min : !strcmp(key, "low") ? &z->low :
                          !strcmp(key, "high") ? &z->high : !strcmp(key, "spanned") ? &z->spanned :
                          !strcmp(key, "present") ? &z->present :
                          !strcmp(key, "managed") ? &z->managed : NULL;
            if (field)
                *field = value;
        }
    }
    return count;
}

static void test_zoneinfo(void)
{
    struct zone_free buddy[MAX_ZONES];
    struct zone_info zones[MAX_ZONES];
    int buddy_count = parse_buddyinfo(buddy);
    int count = parse_zoneinfo(zones);

    for (int i = 0; i < buddy_count; i++) {
        struct zone_info *z = NULL;
        for (int j = 0; j < count; j++)
            if (!strcmp(zones[j].name, buddy[i].name))
                z = &zones[j];
        if (!CHECK(z != NULL, "zoneinfo has buddyinfo's zone %s", buddy[i].name))
            continue;
        CHECK(z->free >= 0 && z->min >= 0 && z->low >= 0 && z->high >= 0 && z->spanned > 0 &&
              z->present > 0 && z->managed > 0,
              "zone %s has pages free, min, low, high, spanned, present, managed", z->name);
        CHECK(z->min <= z->low && z->low <= z->high, "zone %s watermarks min <= low <= high",
              z->name);
        CHECK(z->managed <= z->present && z->present <= z->spanned,
              "zone %s managed <= present <= spanned", z->name);
        CHECK(labs(z->free - free_pages(&buddy[i], 1)) <= 512,
              "zone %s pages free %ld matches buddyinfo %ld", z->name, z->free,
              free_pages(&buddy[i], 1));
    }
}

/* Is @line @prefix and a number, nothing else? The number in *value. */
static int field_line(const char *line, const char *prefix, long *value)
{
    size_t n = strlen(prefix);
    char *end;

    if (!line || strncmp(line, prefix, n) != 0)
        return 0;
    *value = strtol(line + n, &end, 10);
    return end != line + n && *end == '\0';
}

/*
 * Each populated zone's per-CPU lists in 6.12's zoneinfo_show_print()
 * format: "pagesets", then per CPU (one here) its count, high and batch
 * and the vm stats threshold, then node_unreclaimable and start_pfn.
 * The values differ between the kernels: only the structure is compared.
 */
static void test_zoneinfo_pagesets(void)
{
    static const char *const fields[] = {
        "    cpu: ", "              count: ", "              high:  ",
        "              batch: ", "  vm stats threshold: ", "  node_unreclaimable:  ",
        "  start_pfn:           ",
    };
    enum { NFIELDS = sizeof fields / sizeof fields[0] };
    char zone[16] = "?", *save = NULL;
    int blocks = 0, node;

    if (!CHECK(read_file("/proc/zoneinfo", text, sizeof text) > 0, "read /proc/zoneinfo"))
        return;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        long v[NFIELDS];
        int ok = 1;

        if (sscanf(line, "Node %d, zone %15s", &node, zone) == 2 || strcmp(line, "  pagesets"))
            continue;
        blocks++;
        for (int i = 0; i < NFIELDS && ok; i++) {
            line = strtok_r(NULL, "\n", &save);
            ok = field_line(line, fields[i], &v[i]);
            if (!ok)
                note("zone %s: expected '%s<number>', found '%s'", zone, fields[i],
                     line ? line : "(end)");
        }
        if (!CHECK(ok, "zone %s: pagesets: cpu, count, high, batch, vm stats threshold, "
                   "node_unreclaimable, start_pfn", zone))
            continue;
        CHECK(v[0] == 0 && v[1] >= 0 && v[2] >= 0 && v[3] >= 1,
              "zone %s: cpu 0, count %ld >= 0, high %ld >= 0, batch %ld >= 1", zone, v[1], v[2],
              v[3]);
        comparable("zoneinfo: zone %s: pagesets | cpu: 0 | count: N | high:  N | batch: N | "
                   "vm stats threshold: N | node_unreclaimable:  N | start_pfn: N", zone);
    }
    CHECK(blocks >= 1, "zoneinfo has a pagesets block per populated zone (%d)", blocks);
}

static void test_pagetypeinfo(void)
{
    int order = -1, per_block = -1, type_lines = 0, bad = 0, movable = 0;

    if (!CHECK(read_file("/proc/pagetypeinfo", text, sizeof text) > 0, "read /proc/pagetypeinfo"))
        return;
    CHECK_EQ_LONG(sscanf(text, "Page block order: %d\nPages per block: %d", &order, &per_block), 2,
                  "pagetypeinfo starts with the page block order and size");
    CHECK_EQ_LONG(per_block, 1L << order, "pages per block is 2^order");
    CHECK(strstr(text, "\nFree pages count per migrate type at order       0      1      2      3"
                       "      4      5      6      7      8      9     10 \n") != NULL,
          "the free-pages table header lists orders 0..10");
    CHECK(strstr(text, "\nNumber of blocks type     Unmovable      Movable  Reclaimable"
                       "   HighAtomic      Isolate \n") != NULL,
          "the block-count table header: Unmovable Movable Reclaimable HighAtomic Isolate");
    for (const char *h = text; (h = strchr(h, '\n')) != NULL; h++) /* the header lines */
        if (!strncmp(h + 1, "Free pages", 10) || !strncmp(h + 1, "Number of", 9))
            comparable("pagetypeinfo: %.*s", (int)strcspn(h + 1, "\n"), h + 1);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        int node, used;
        char zone[16], type[16];
        long count;
        if (sscanf(line, "Node %d, zone %15[^,], type %15s%n", &node, zone, type, &used) != 3)
            continue;
        if (type_lines < 5) /* the first zone's types, in order */
            comparable("pagetypeinfo type %d: %s (%s)", type_lines, type,
                       strlen(line) == (size_t)used + 7 * ORDERS + 1 ? "11 columns" : "?");
        type_lines++;
        movable += !strcmp(type, "Movable");
        char *p = line + used;
        for (int o = 0; o < ORDERS; o++, p += used)
            if (sscanf(p, "%ld%n", &count, &used) != 1) {
                bad++;
                break;
            }
    }
    CHECK(type_lines >= 3 && movable >= 1 && bad == 0,
          "per-type lines have 11 counts (%d lines, %d Movable)", type_lines, movable);
}

static void test_vmstat(void)
{
    static const char *const names[] = {
        "nr_free_pages", "pgfault", "pgmajfault", "pgmigrate_success", "pgmigrate_fail",
        "compact_migrate_scanned", "compact_free_scanned", "compact_isolated",
        "compact_stall", "compact_fail", "compact_success",
    };
    int lines = 0, bad = 0;

    read_file("/proc/vmstat", text, sizeof text);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char name[64];
        unsigned long value;
        int used = 0;
        lines++;
        if (sscanf(line, "%63[a-z0-9_] %lu%n", name, &value, &used) != 2 || line[used])
            bad++;
    }
    CHECK(lines > 10 && bad == 0, "every vmstat line is 'name value' (%d lines)", lines);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        CHECK(vmstat(names[i]) >= 0, "vmstat has %s", names[i]);

    long free_kb = vmstat("nr_free_pages") * 4, memfree = meminfo_kb("MemFree");
    CHECK(labs(free_kb - memfree) <= 2048, "nr_free_pages (%ld kB) matches MemFree (%ld kB)",
          free_kb, memfree);

    long before = vmstat("pgfault");
    char *p = map_anon(NULL, 100 * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    for (int i = 0; i < 100; i++)
        p[i * PAGE_SIZE] = 1;
    long faults = vmstat("pgfault") - before;
    CHECK(faults >= 100 && faults < 200, "pgfault counts 100 touched pages (+%ld)", faults);
    munmap(p, 100 * PAGE_SIZE);
}

static void test_slabinfo(void)
{
    static const char *const caches[] = {
        "vm_area_struct", "anon_vma", "anon_vma_chain", "mm_struct", "task_struct",
    };
    const char *header =
        "slabinfo - version: 2.1\n"
        "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
        " : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs>"
        " <num_slabs> <sharedavail>\n";
    int entries = 0, bad = 0;

    read_file("/proc/slabinfo", text, sizeof text);
    CHECK(!strncmp(text, header, strlen(header)), "slabinfo 2.1 header lines");
    for (char *line = strtok(text + strlen(header), "\n"); line; line = strtok(NULL, "\n")) {
        char name[64];
        unsigned long active, num, size, per_slab, pages, t1, t2, t3, s1, s2, s3;
        int used = 0;
        entries++;
        if (sscanf(line, "%63s %lu %lu %lu %lu %lu : tunables %lu %lu %lu : slabdata %lu %lu %lu%n",
                   name, &active, &num, &size, &per_slab, &pages, &t1, &t2, &t3, &s1, &s2, &s3,
                   &used) != 12 || line[used] || active > num) {
            bad++;
            note("bad slabinfo line: %s", line);
        }
    }
    CHECK(entries >= 5 && bad == 0, "every slabinfo entry has the 2.1 fields (%d entries)", entries);
    for (size_t i = 0; i < sizeof caches / sizeof caches[0]; i++)
        CHECK(slab_active_objs(caches[i]) > 0, "slabinfo has %s with objects in use", caches[i]);
}

static void test_maps(void)
{
    unsigned long brk0 = syscall(SYS_brk, 0);
    unsigned long brk1 = syscall(SYS_brk, brk0 + 8 * PAGE_SIZE);
    char heap[64], line[256];
    unsigned long prev_end = 0, start, end;
    int ordered = 1, stack = 0;

    CHECK_EQ_HEX(brk1, brk0 + 8 * PAGE_SIZE, "brk grows the heap");
    read_file("/proc/self/maps", text, sizeof text);
    snprintf(heap, sizeof heap, "-%08lx rw-p 00000000 00:00 0", brk1);
    line[0] = 0;
    for (char *l = strtok(text, "\n"); l; l = strtok(NULL, "\n")) {
        if (sscanf(l, "%lx-%lx", &start, &end) != 2 || start >= end || start < prev_end)
            ordered = 0;
        prev_end = end;
        if (strstr(l, heap) && strstr(l, " [heap]"))
            snprintf(line, sizeof line, "%s", l);
        stack += strstr(l, " [stack]") != NULL && strstr(l, " rw-p ") != NULL;
    }
    CHECK(ordered, "maps lines are sorted, non-empty and disjoint");
    CHECK(strstr(line, "[heap]") != NULL, "a rw-p [heap] line ends at the new break");
    CHECK_EQ_LONG(stack, 1, "one rw-p [stack] line");
    syscall(SYS_brk, brk0);
}

static void test_smaps(void)
{
    char *p = map_anon(NULL, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    char head[64], *entry;

    for (int i = 0; i < 3; i++)
        p[i * PAGE_SIZE] = 1;
    read_file("/proc/self/smaps", text, sizeof text);
    snprintf(head, sizeof head, "%08lx-%08lx rw-p ", (unsigned long)p,
             (unsigned long)p + 8 * PAGE_SIZE);
    entry = strstr(text, head);
    if (CHECK(entry != NULL, "smaps has the mapping's line")) {
        char *next = strchr(entry, '\n');
        char *end = next ? strstr(next, "VmFlags:") : NULL;
        if (end)
            end[0] = 0;
        CHECK(strstr(entry, "\nSize:                 32 kB\n") != NULL, "smaps Size: 32 kB");
        CHECK(strstr(entry, "\nRss:                  12 kB\n") != NULL, "smaps Rss: 12 kB");
        CHECK(strstr(entry, "\nAnonymous:            12 kB\n") != NULL, "smaps Anonymous: 12 kB");
    }
    munmap(p, 8 * PAGE_SIZE);
}

static void test_stat_status(const char *argv0)
{
    int pid = 0, ppid = 0;
    char comm[32] = "", state = 0, line[128], expected[64];

    read_file("/proc/self/stat", text, sizeof text);
    CHECK_EQ_LONG(sscanf(text, "%d (%31[^)]) %c %d", &pid, comm, &state, &ppid), 4,
                  "/proc/self/stat starts 'pid (comm) state ppid'");
    CHECK_EQ_LONG(pid, getpid(), "stat pid");
    CHECK_STR(comm, strrchr(argv0, '/') + 1, "stat comm is the program's name");
    CHECK_EQ_LONG(state, 'R', "stat state of the reader is R");
    CHECK_EQ_LONG(ppid, 1, "stat ppid is init");

    read_file("/proc/self/status", text, sizeof text);
    snprintf(expected, sizeof expected, "Name:\t%s", strrchr(argv0, '/') + 1);
    CHECK(find_line(text, "Name:", line, sizeof line) && !strcmp(line, expected), "status Name");
    CHECK(find_line(text, "State:", line, sizeof line) && !strcmp(line, "State:\tR (running)"),
          "status State");
    snprintf(expected, sizeof expected, "Pid:\t%d", getpid());
    CHECK(find_line(text, "Pid:", line, sizeof line) && !strcmp(line, expected), "status Pid");
    CHECK(find_line(text, "PPid:", line, sizeof line) && !strcmp(line, "PPid:\t1"), "status PPid");
    long rss = -1;
    CHECK(find_line(text, "VmRSS:", line, sizeof line) && sscanf(line, "VmRSS: %ld kB", &rss) == 1
          && rss > 0, "status VmRSS: %ld kB", rss);
}

static void test_cmdline(int argc, char **argv)
{
    char expected[256];
    size_t len = 0;
    for (int i = 0; i < argc; i++) {
        strcpy(expected + len, argv[i]);
        len += strlen(argv[i]) + 1;
    }
    ssize_t n = read_file("/proc/self/cmdline", text, sizeof text);
    CHECK_EQ_LONG(n, len, "cmdline length is argv's with NULs");
    CHECK(n == (ssize_t)len && memcmp(text, expected, len) == 0, "cmdline is argv, NUL-separated");
}

static void test_pagemap(void)
{
    char *p = map_anon(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    p[0] = 1;
    uint64_t touched = pagemap_entry(p), untouched = pagemap_entry(p + PAGE_SIZE);
    uint64_t pfn = touched & PM_PFN_MASK;

    CHECK(touched & PM_PRESENT, "pagemap: a touched page is present");
    CHECK(pfn != 0, "and has a PFN (0x%llx)", (unsigned long long)pfn);
    CHECK_EQ_HEX(untouched & ~PM_SOFT_DIRTY, 0, "an untouched page's entry is 0 (but soft-dirty)");
    CHECK_EQ_LONG(kpagecount(pfn), 1, "kpagecount of a private page is 1");

    uint64_t flags = 0;
    int fd = open("/proc/kpageflags", O_RDONLY);
    CHECK_EQ_LONG(pread(fd, &flags, 8, pfn * 8), 8, "read /proc/kpageflags");
    close(fd);
    CHECK((flags >> KPF_ANON & 1) && (flags >> KPF_MMAP & 1), "kpageflags: ANON and MMAP (0x%llx)",
          (unsigned long long)flags);

    munmap(p, 2 * PAGE_SIZE);
    CHECK_EQ_HEX(pagemap_entry(p), 0, "after munmap the entry is 0");
}

int main(int argc, char **argv)
{
    test_meminfo();
    test_buddyinfo();
    test_zoneinfo();
    test_zoneinfo_pagesets();
    test_pagetypeinfo();
    test_vmstat();
    test_slabinfo();
    test_maps();
    test_smaps();
    test_stat_status(argv[0]);
    test_cmdline(argc, argv);
    test_pagemap();
    CHECK(read_file("/proc/sys/vm/mmap_min_addr", text, sizeof text) > 0 &&
          !strcmp(text, "65536\n"), "mmap_min_addr is 65536");
    return tap_done();
}
