/*
 * A seeded random walk over fork/write/munmap/remap/mprotect/MADV_DONTNEED/
 * exit across up to MAX_LIVE worker processes sharing a set of anonymous
 * regions.  Each worker keeps a shadow of what each of its pages must hold
 * (it is copied by fork like everything else) and verifies every page, and
 * that unmapped pages are absent from its pagemap, when asked.  All live
 * workers verify after every batch; on Pagoda mm_verify runs then too.
 * The operation sequence depends only on the seed, so its summary is a
 * comparable `@ ` line.
 */
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

#define SEED 0x5eed2024cafef00dULL
#define OPS 3000
#define BATCH 250
#define REGIONS 4
#define REGION_PAGES 8
#define STRIDE (REGION_PAGES + 1) /* a PROT_NONE page between regions */
#define SPAN_PAGES (REGIONS * STRIDE)
#define SLOTS 8
#define MAX_LIVE 6
#define RW (PROT_READ | PROT_WRITE)

enum { ST_WRITE, ST_FORK, ST_MUNMAP, ST_REMAP, ST_READONLY, ST_WRITABLE, ST_DONTNEED,
       ST_VERIFY, ST_EXIT, ST_KINDS };

/* What one worker expects of each page of the span. */
struct shadow {
    unsigned char mapped[SPAN_PAGES];
    unsigned char writable[SPAN_PAGES];
    uint64_t value[SPAN_PAGES]; /* 0: the page reads as zeros */
};

static char *span;
static struct shadow shadow; /* each worker's own copy */
static struct worker slots[SLOTS];
static int live[SLOTS];

static uint64_t rng = SEED;

#define next_random() xorshift64(&rng)
#define pick(n) xorshift64_below(&rng, n)

static uint64_t *words(int page)
{
    return (uint64_t *)(span + page * PAGE_SIZE);
}

static uint64_t expected_word(uint64_t value, size_t j)
{
    return value ? value * 0x9e3779b97f4a7c15ULL + j : 0;
}

/* ---- the worker side ---- */

static long st_write(int page, uint64_t value)
{
    if (!shadow.mapped[page] || !shadow.writable[page])
        return 0;
    for (size_t j = 0; j < PAGE_SIZE / 8; j++)
        words(page)[j] = expected_word(value, j);
    shadow.value[page] = value;
    return 0;
}

/* Apply fn to each run of mapped pages in [page, page + count). */
static long each_mapped_run(int page, int count, int (*fn)(char *start, size_t len, int arg), int arg)
{
    for (int i = page; i < page + count; ) {
        int end = i;
        while (end < page + count && shadow.mapped[end])
            end++;
        if (end > i && fn(span + i * PAGE_SIZE, (end - i) * PAGE_SIZE, arg) < 0)
            return -1000 - errno;
        i = end + 1;
    }
    return 0;
}

static int do_mprotect(char *start, size_t len, int prot)
{
    return mprotect(start, len, prot);
}

static int do_dontneed(char *start, size_t len, int unused)
{
    (void)unused;
    return madvise(start, len, MADV_DONTNEED);
}

static long st_range(int op, int page, int count)
{
    long r = 0;
    if (op == ST_MUNMAP && munmap(span + page * PAGE_SIZE, count * PAGE_SIZE) < 0)
        r = -1000 - errno;
    if (op == ST_REMAP && mmap(span + page * PAGE_SIZE, count * PAGE_SIZE, RW,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
        r = -1000 - errno;
    if (op == ST_READONLY || op == ST_WRITABLE)
        r = each_mapped_run(page, count, do_mprotect, op == ST_READONLY ? PROT_READ : RW);
    if (op == ST_DONTNEED)
        r = each_mapped_run(page, count, do_dontneed, 0);

    for (int i = page; i < page + count; i++) {
        if (op == ST_MUNMAP || op == ST_REMAP) {
            shadow.mapped[i] = op == ST_REMAP;
            shadow.writable[i] = 1;
        }
        if (op == ST_READONLY || op == ST_WRITABLE)
            shadow.writable[i] = op == ST_WRITABLE;
        if (op != ST_READONLY && op != ST_WRITABLE)
            shadow.value[i] = 0;
    }
    return r;
}

/* The number of pages that differ from the shadow (or are mapped when they should not be). */
static long st_verify(void)
{
    long bad = 0;
    for (int page = 0; page < SPAN_PAGES; page++) {
        if (page % STRIDE == REGION_PAGES)
            continue; /* the PROT_NONE gaps are never touched */
        uint64_t entry = pagemap_entry(span + page * PAGE_SIZE);
        if (!shadow.mapped[page]) {
            bad += entry != 0;
            continue;
        }
        if (shadow.value[page] && !(entry & PM_PRESENT))
            bad++;
        for (size_t j = 0; j < PAGE_SIZE / 8; j++)
            if (words(page)[j] != expected_word(shadow.value[page], j)) {
                bad++;
                break;
            }
    }
    return bad;
}

static long serve_stress(const struct request *r, void *unused)
{
    (void)unused;
    switch (r->op) {
    case ST_WRITE:
        return st_write(r->a, r->b);
    case ST_FORK:
        return worker_fork(&slots[r->a], serve_stress, NULL);
    case ST_VERIFY:
        return st_verify();
    default:
        return st_range(r->op, r->a, r->b);
    }
}

/* ---- the driver ---- */

struct tally {
    long ops[ST_KINDS];
    long errors, mismatches; /* in the current batch */
};

static int live_count(void)
{
    int n = 0;
    for (int s = 0; s < SLOTS; s++)
        n += live[s];
    return n;
}

static int random_live_slot(void)
{
    int k = pick(live_count());
    for (int s = 0; s < SLOTS; s++)
        if (live[s] && k-- == 0)
            return s;
    return -1;
}

static int free_slot(void)
{
    for (int s = 0; s < SLOTS; s++)
        if (!live[s])
            return s;
    return -1;
}

/* One random operation by a random live worker. */
static void step(struct tally *t)
{
    static const int weights[ST_KINDS] = { 40, 8, 6, 8, 8, 8, 6, 8, 6 };
    int s = random_live_slot(), op = 0, roll = pick(98);
    while (roll >= weights[op])
        roll -= weights[op++];

    int region = pick(REGIONS), first = pick(REGION_PAGES);
    int page = region * STRIDE + first, count = 1 + pick(REGION_PAGES - first);
    long r = 0;

    if (op == ST_FORK && live_count() < MAX_LIVE) {
        int child = free_slot();
        long pid = worker_call(&slots[s], ST_FORK, child, 0);
        slots[child].pid = pid;
        live[child] = pid > 0;
        r = pid > 0 ? 0 : -1;
    } else if (op == ST_EXIT && live_count() > 1) {
        worker_exit(&slots[s]);
        live[s] = 0;
    } else if (op == ST_WRITE) {
        r = worker_call(&slots[s], op, page, next_random() | 1);
    } else if (op == ST_VERIFY) {
        t->mismatches += worker_call(&slots[s], op, 0, 0);
    } else if (op != ST_FORK && op != ST_EXIT) {
        r = worker_call(&slots[s], op, page, count);
    } else {
        return; /* a fork or exit that the limits do not allow */
    }
    t->ops[op]++;
    t->errors += r != 0;
}

static void verify_all(int batch, struct tally *t)
{
    char label[64];
    long bad = 0;
    int workers = 0;
    for (int s = 0; s < SLOTS; s++)
        if (live[s]) {
            bad += worker_call(&slots[s], ST_VERIFY, 0, 0);
            workers++;
        }
    snprintf(label, sizeof label, "after batch %d", batch);
    CHECK(bad == 0 && t->mismatches == 0 && t->errors == 0,
          "%s: %d workers verified, %ld bad pages, %ld spot-check mismatches, %ld failed calls",
          label, workers, bad, t->mismatches, t->errors);
    t->mismatches = t->errors = 0;
    check_mm_verify(label);
}

int main(void)
{
    struct tally t = { 0 };

    span = reserve(SPAN_PAGES * PAGE_SIZE);
    for (int r = 0; r < REGIONS; r++)
        map_anon(span + r * STRIDE * PAGE_SIZE, REGION_PAGES * PAGE_SIZE, RW, MAP_FIXED);
    for (int page = 0; page < SPAN_PAGES; page++) {
        shadow.mapped[page] = page % STRIDE != REGION_PAGES;
        shadow.writable[page] = 1;
    }
    for (int s = 0; s < SLOTS; s++)
        worker_init(&slots[s]);
    live[0] = worker_fork(&slots[0], serve_stress, NULL) > 0;

    note("seed 0x%llx, %d operations", SEED, OPS);
    for (int i = 1; i <= OPS; i++) {
        step(&t);
        if (i % BATCH == 0)
            verify_all(i / BATCH, &t);
    }
    comparable("stress: %ld writes, %ld forks, %ld munmaps, %ld remaps, %ld read-only, "
               "%ld writable, %ld dontneeds, %ld verifies, %ld exits",
               t.ops[ST_WRITE], t.ops[ST_FORK], t.ops[ST_MUNMAP], t.ops[ST_REMAP],
               t.ops[ST_READONLY], t.ops[ST_WRITABLE], t.ops[ST_DONTNEED], t.ops[ST_VERIFY],
               t.ops[ST_EXIT]);
    CHECK(t.ops[ST_FORK] >= 20 && t.ops[ST_EXIT] >= 20, "the walk forked (%ld) and exited (%ld) often",
          t.ops[ST_FORK], t.ops[ST_EXIT]);

    for (int s = 0; s < SLOTS; s++)
        if (live[s])
            worker_exit(&slots[s]);
    while (wait4(-1, NULL, 0, NULL) > 0)
        ;
    check_mm_verify("after every worker exited");
    return tap_done();
}
