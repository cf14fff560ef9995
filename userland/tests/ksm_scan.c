/*
 * KSM's pass-to-pass policies, as Linux 6.12 computes them:
 *
 * smart_scan: a page that has not merged is looked at in its first four
 * passes, then skipped on 1 of the next 2 passes, 2 of the next 3, 4 of
 * the next 5 and 8 of every 9 after that (its rmap_item's age and
 * remaining_skips, should_skip_rmap_item()). With 16 unique pages (they
 * never merge) and 4 identical ones (merged in pass 2: KSM pages are
 * never skipped), ksmd is stopped between passes -- a batch larger than
 * all pages ends with its pass, and run=0 waits for ksmd's batch -- and
 * pages_skipped and pages_scanned must have grown by exactly what those
 * rules give for the passes done (full_scans), on Linux and Pagoda.
 *
 * The scan-time advisor: after each pass pages_to_scan becomes
 * pages_to_scan * scan_time / advisor_target_scan_time, smoothed, then
 * bounded by ksmd's CPU share (at most advisor_max_cpu, at least 10 % of
 * what the last pass cost) and by advisor_max_pages_to_scan. A pass over
 * 20 pages costs ksmd well under 1 % of a second, so the 10 % floor
 * grows pages_to_scan at least tenfold per pass until
 * advisor_max_pages_to_scan (1500) holds it exactly; lowering the maximum
 * (700) lowers pages_to_scan to it after the next pass. The first pass
 * after advisor_mode=scan-time is not exact (it charges ksmd's CPU time
 * since boot), only the limits are.
 */
#include <sys/mman.h>
#include <unistd.h>

#include "test.h"

#define UNIQUE 16
#define SAME 4
#define PAGES (UNIQUE + SAME)

static char *area;

/*
 * Passes on which a page that never merges is skipped, among passes
 * 1..passes after its rmap_item was made (6.12's should_skip_rmap_item()
 * and skip_age(), step by step).
 */
static long skipped_by_pass(long passes)
{
    unsigned int age = 0, remaining = 0;
    long skipped = 0;

    for (long pass = 1; pass <= passes; pass++) {
        unsigned int was = age;

        if (age != 255)
            age++;
        if (was < 3)
            continue;
        if (!remaining) {
            remaining = was <= 3 ? 1 : was <= 5 ? 2 : was <= 8 ? 4 : 8;
            continue;
        }
        remaining--;
        skipped++;
    }
    return skipped;
}

static void test_smart_scan(void)
{
    long skipped, scanned, passes;

    CHECK_EQ_LONG(skipped_by_pass(4), 0, "smart_scan rule: no skip in the first 4 passes");
    CHECK_EQ_LONG(skipped_by_pass(9), 3, "smart_scan rule: 3 skips by pass 9");
    CHECK_EQ_LONG(skipped_by_pass(22), 15, "smart_scan rule: 15 skips by pass 22");

    CHECK_EQ_LONG(ksm_write("run", "2"), 0, "run=2: no rmap_item left, full_scans 0");
    CHECK_EQ_LONG(ksm_write("smart_scan", "1"), 0, "smart_scan=1");
    CHECK_EQ_LONG(ksm_write("pages_to_scan", "1000"), 0, "pages_to_scan=1000: a pass per batch");
    CHECK_EQ_LONG(ksm_write("sleep_millisecs", "20"), 0, "sleep_millisecs=20");
    for (int i = 0; i < UNIQUE; i++)
        memset(area + i * PAGE_SIZE, i + 1, PAGE_SIZE);
    memset(area + UNIQUE * PAGE_SIZE, 0x77, SAME * PAGE_SIZE);
    CHECK_EQ_LONG(madvise(area, PAGES * PAGE_SIZE, MADV_MERGEABLE), 0, "MADV_MERGEABLE");
    skipped = ksm_read("pages_skipped");
    scanned = ksm_read("pages_scanned");

    CHECK_EQ_LONG(ksm_write("run", "1"), 0, "run=1");
    CHECK(ksm_wait_full_scans(12), "12 passes done");
    CHECK_EQ_LONG(ksm_write("run", "0"), 0, "run=0 (after ksmd's batch: between passes)");
    passes = ksm_read("full_scans");
    note("stopped after %ld passes", passes);
    CHECK_EQ_LONG(ksm_read("pages_skipped") - skipped, UNIQUE * skipped_by_pass(passes),
                  "pages_skipped grew by 16 pages' skips");
    CHECK_EQ_LONG(ksm_read("pages_scanned") - scanned,
                  passes * PAGES - UNIQUE * skipped_by_pass(passes),
                  "pages_scanned grew by every pass's pages less the skipped");
    comparable("smart_scan: pages_shared=%ld pages_sharing=%ld pages_unshared=%ld",
               ksm_read("pages_shared"), ksm_read("pages_sharing"), ksm_read("pages_unshared"));

    /* Without smart_scan, every page is looked at on every pass. */
    CHECK_EQ_LONG(ksm_write("smart_scan", "0"), 0, "smart_scan=0");
    skipped = ksm_read("pages_skipped");
    scanned = ksm_read("pages_scanned");
    CHECK_EQ_LONG(ksm_write("run", "1"), 0, "run=1");
    CHECK(ksm_wait_full_scans(passes + 3), "3 more passes");
    CHECK_EQ_LONG(ksm_write("run", "0"), 0, "run=0");
    CHECK_EQ_LONG(ksm_read("pages_skipped"), skipped, "smart_scan=0: nothing skipped");
    CHECK_EQ_LONG(ksm_read("pages_scanned") - scanned, (ksm_read("full_scans") - passes) * PAGES,
                  "smart_scan=0: every page scanned on every pass");
    CHECK_EQ_LONG(ksm_write("run", "2"), 0, "run=2");
}

/* Wait for n more passes; then pages_to_scan. */
static long advised_after(int n)
{
    CHECK(ksm_wait_full_scans(ksm_read("full_scans") + n), "%d more passes", n);
    return ksm_read("pages_to_scan");
}

static void test_advisor(void)
{
    long first;

    CHECK_EQ_LONG(ksm_write("run", "2"), 0, "run=2");
    CHECK_EQ_LONG(ksm_write("sleep_millisecs", "0"), 0, "sleep_millisecs=0");
    CHECK_EQ_LONG(ksm_write("advisor_max_pages_to_scan", "1500"), 0,
                  "advisor_max_pages_to_scan=1500");
    CHECK_EQ_LONG(ksm_write("advisor_min_pages_to_scan", "800"), 0,
                  "advisor_min_pages_to_scan=800");
    CHECK_EQ_LONG(ksm_write("advisor_target_scan_time", "1"), 0, "advisor_target_scan_time=1");
    CHECK_EQ_LONG(ksm_write("advisor_mode", "scan-time"), 0, "advisor_mode=scan-time");
    CHECK_EQ_LONG(ksm_read("pages_to_scan"), 800, "it starts at advisor_min_pages_to_scan");
    CHECK_EQ_LONG(ksm_write("run", "1"), 0, "run=1");

    first = advised_after(1);
    note("pages_to_scan after the first pass: %ld", first);
    CHECK(first >= 1 && first <= 1500, "after the first pass: within (0, 1500]");
    CHECK_EQ_LONG(advised_after(6), 1500,
                  "the 10 %% CPU floor grows it to advisor_max_pages_to_scan");
    CHECK_EQ_LONG(advised_after(3), 1500, "and it stays there");
    CHECK_EQ_LONG(ksm_write("advisor_max_pages_to_scan", "700"), 0,
                  "advisor_max_pages_to_scan=700");
    CHECK_EQ_LONG(advised_after(2), 700, "pages_to_scan follows the maximum down");
    comparable("pages_to_scan=100 under the advisor: %s",
               errno_name(-ksm_write("pages_to_scan", "100")));
    CHECK_EQ_LONG(ksm_write("run", "2"), 0, "run=2");
    CHECK_EQ_LONG(ksm_write("advisor_mode", "none"), 0, "advisor_mode=none");
    CHECK_EQ_LONG(ksm_read("pages_to_scan"), 100, "none: pages_to_scan 100 again");
}

int main(void)
{
    if (ksm_save()) {
        SKIP("no /sys/kernel/mm/ksm", "KSM");
        return tap_done();
    }
    ksm_write("run", "2");
    ksm_write("use_zero_pages", "0");
    ksm_write("advisor_mode", "none");
    area = map_anon(NULL, PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);

    test_smart_scan();
    test_advisor();

    munmap(area, PAGES * PAGE_SIZE);
    ksm_restore();
    return tap_done();
}
