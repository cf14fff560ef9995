/*
 * Memory helpers: /proc/PID/pagemap and /proc/kpagecount lookups, anonymous
 * mappings, and /proc/self/maps lines of a region printed relative to its
 * start, so layouts can be compared across kernels and runs.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

static uint64_t read_u64_at(const char *path, uint64_t index)
{
    uint64_t value;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = pread(fd, &value, sizeof value, index * sizeof value);
    close(fd);
    return n == sizeof value ? value : 0;
}

/* The file is opened per call: /proc/self resolves to the calling process. */
uint64_t pagemap_entry_of(pid_t pid, const void *addr)
{
    char path[64];
    if (pid)
        snprintf(path, sizeof path, "/proc/%d/pagemap", (int)pid);
    else
        snprintf(path, sizeof path, "/proc/self/pagemap");
    return read_u64_at(path, (uintptr_t)addr / PAGE_SIZE);
}

uint64_t pagemap_entry(const void *addr)
{
    return pagemap_entry_of(0, addr);
}

uint64_t virt_to_pfn_of(pid_t pid, const void *addr)
{
    uint64_t e = pagemap_entry_of(pid, addr);
    return (e & PM_PRESENT) ? e & PM_PFN_MASK : 0;
}

uint64_t virt_to_pfn(const void *addr)
{
    return virt_to_pfn_of(0, addr);
}

long kpagecount(uint64_t pfn)
{
    uint64_t count;
    int fd = open("/proc/kpagecount", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = pread(fd, &count, sizeof count, pfn * sizeof count);
    close(fd);
    return n == sizeof count ? (long)count : -1;
}

uint64_t kpageflags(uint64_t pfn)
{
    return read_u64_at("/proc/kpageflags", pfn);
}

void *map_anon(void *hint, size_t len, int prot, int flags)
{
    void *p = mmap(hint, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
    if (p == MAP_FAILED) {
        say("Bail out! mmap(%p, %zu) failed: %s", hint, len, errno_name(errno));
        exit(2);
    }
    return p;
}

char *reserve(size_t len)
{
    return map_anon(NULL, len, PROT_NONE, 0);
}

/* Parse one maps line; the name (if any) is copied into name. */
static int parse_maps_line(const char *line, unsigned long *start, unsigned long *end,
                           char perms[5], char *name, size_t name_size)
{
    int name_at = 0;
    name[0] = 0;
    if (sscanf(line, "%lx-%lx %4s %*x %*x:%*x %*u %n", start, end, perms, &name_at) < 3)
        return 0;
    if (name_at > 0) {
        size_t n = strcspn(line + name_at, "\n");
        if (n >= name_size)
            n = name_size - 1;
        memcpy(name, line + name_at, n);
        name[n] = 0;
    }
    return 1;
}

/* Call fn for each maps line overlapping [lo, hi), clipped and relative to lo. */
static void for_each_in_range(const void *lo, const void *hi,
                              void (*fn)(const char *entry, void *ctx), void *ctx)
{
    static char maps[65536];
    unsigned long l = (uintptr_t)lo, h = (uintptr_t)hi;

    if (read_file("/proc/self/maps", maps, sizeof maps) < 0) {
        fn("(cannot read /proc/self/maps)", ctx);
        return;
    }
    for (char *line = maps; *line; ) {
        char *next = strchr(line, '\n');
        unsigned long start, end;
        char perms[5], name[128], entry[192];

        if (next)
            *next++ = 0;
        if (parse_maps_line(line, &start, &end, perms, name, sizeof name) &&
            end > l && start < h) {
            snprintf(entry, sizeof entry, "%lx-%lx %s%s%s",
                     (start < l ? l : start) - l, (end > h ? h : end) - l, perms,
                     name[0] ? " " : "", name);
            fn(entry, ctx);
        }
        line = next ? next : line + strlen(line);
    }
}

static void append_entry(const char *entry, void *ctx)
{
    char *out = ctx;
    size_t used = strlen(out);
    snprintf(out + used, 4096 - used, "%s%s", used ? "; " : "", entry);
}

const char *maps_range(const void *lo, const void *hi)
{
    static char out[4096];
    out[0] = 0;
    for_each_in_range(lo, hi, append_entry, out);
    return out;
}

static void print_entry(const char *entry, void *ctx)
{
    comparable("%s: %s", (const char *)ctx, entry);
}

void print_maps_range(const char *label, const void *lo, const void *hi)
{
    for_each_in_range(lo, hi, print_entry, (void *)label);
}

long free_2m_blocks(void)
{
    static char text[16384];
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

/* ---- KSM ---- */

#define KSM_DIR "/sys/kernel/mm/ksm/"

long ksm_read(const char *name)
{
    char path[128], buf[64];

    snprintf(path, sizeof path, KSM_DIR "%s", name);
    if (read_file(path, buf, sizeof buf) < 0)
        return -1;
    return strtol(buf, NULL, 10);
}

int ksm_write(const char *name, const char *text)
{
    char path[128];
    int fd, ret = 0;

    snprintf(path, sizeof path, KSM_DIR "%s", name);
    fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -errno;
    if (write(fd, text, strlen(text)) < 0)
        ret = -errno;
    close(fd);
    return ret;
}

/*
 * Restored in this order after run=2: max_page_sharing needs no shared
 * page, advisor_mode (which resets pages_to_scan) before pages_to_scan,
 * run comes last.
 */
static const char *const ksm_knobs[] = {
    "max_page_sharing", "use_zero_pages", "smart_scan", "advisor_max_cpu",
    "advisor_min_pages_to_scan", "advisor_max_pages_to_scan", "advisor_target_scan_time",
    "advisor_mode", "pages_to_scan", "sleep_millisecs", "run",
};
static char ksm_saved[sizeof ksm_knobs / sizeof ksm_knobs[0]][32];

int ksm_save(void)
{
    for (size_t i = 0; i < sizeof ksm_knobs / sizeof ksm_knobs[0]; i++) {
        char path[128];

        snprintf(path, sizeof path, KSM_DIR "%s", ksm_knobs[i]);
        if (read_file(path, ksm_saved[i], sizeof ksm_saved[i]) < 0)
            return -1;
        /* advisor_mode reads "[none] scan-time": keep the chosen word */
        char *chosen = strchr(ksm_saved[i], '['), *end = chosen ? strchr(chosen, ']') : NULL;
        if (end) {
            *end = '\0';
            memmove(ksm_saved[i], chosen + 1, strlen(chosen + 1) + 1);
        }
    }
    return 0;
}

int ksm_wait_full_scans(long n)
{
    struct timespec ts = { 0, 1000 * 1000 };

    for (int i = 0; i < 120000 && ksm_read("full_scans") < n; i++)
        nanosleep(&ts, NULL);
    return ksm_read("full_scans") >= n;
}

void ksm_restore(void)
{
    ksm_write("run", "2");
    for (size_t i = 0; i < sizeof ksm_knobs / sizeof ksm_knobs[0]; i++)
        ksm_write(ksm_knobs[i], ksm_saved[i]);
}
