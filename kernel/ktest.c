// SPDX-License-Identifier: GPL-2.0
/*
 * ktest.c - run the in-kernel test cases selected on the command line and
 * report them in KTAP, like KUnit (lib/kunit/test.c, executor.c).
 *
 *   ktest=all                 every case except the explicit-only ones
 *   ktest=buddy,slab          whole suites
 *   ktest=buddy.free_twice    one case (explicit-only cases need this form)
 *
 * Output, one result per case (tests/test_ktest.py turns each into its own
 * pytest result):
 *   KTAP version 1
 *   1..12
 *       # buddy.alloc_free: EXPECTATION FAILED at mm/page_alloc_test.c:42
 *       # Expected a == b, but a == 1 (0x1), b == 2 (0x2)
 *   not ok 1 buddy.alloc_free
 *   ok 2 buddy.split # SKIP not enough memory
 *   # ktest: pass:10 fail:1 skip:1 total:12
 *
 * Every case must give back all the memory it took: after it (and after
 * emptying the slab caches' free slabs) the pages that are free, in slabs
 * or in kernel page tables (which vmalloc grows for good) must add up to
 * what they did before, else the case fails with a LEAK line.
 */
#include <linux/ktest.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmstat.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sprintf.h>
#include <linux/string.h>

extern const struct ktest_case __ktest_cases_start[], __ktest_cases_end[];

static char ktest_filter[256];

static int __init ktest_setup(char *arg)
{
	strscpy(ktest_filter, arg, sizeof(ktest_filter));
	return 1;
}
__setup("ktest=", ktest_setup);

bool ktest_selected(void)
{
	return ktest_filter[0] != '\0';
}

/* Does the filter word @w (suite, suite.case or "all") select @c? */
static bool word_matches(const char *w, size_t len, const struct ktest_case *c)
{
	size_t slen = strlen(c->suite);

	if (len == 3 && !strncmp(w, "all", 3))
		return !c->explicit_only;
	if (len == slen && !strncmp(w, c->suite, slen))
		return !c->explicit_only;
	return len == slen + 1 + strlen(c->name) && !strncmp(w, c->suite, slen) &&
	       w[slen] == '.' && !strncmp(w + slen + 1, c->name, len - slen - 1);
}

static bool case_selected(const struct ktest_case *c)
{
	const char *w = ktest_filter;

	while (*w) {
		const char *end = strchr(w, ',');
		size_t len = end ? (size_t)(end - w) : strlen(w);

		if (word_matches(w, len, c))
			return true;
		w += len + (end ? 1 : 0);
	}
	return false;
}

void ktest_fail(struct ktest *t, const char *file, int line, const char *fmt, ...)
{
	char buf[256];
	va_list args;

	t->failures++;
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk(KERN_ERR "    # %s.%s: EXPECTATION FAILED at %s:%d\n", t->kcase->suite,
	       t->kcase->name, file, line);
	printk(KERN_ERR "    # %s\n", buf);
}

/* ktest_skip - mark the running case skipped (the case should return). */
void ktest_skip(struct ktest *t, const char *reason)
{
	t->skip_reason = reason;
}

/* ktest_log - a diagnostic line attached to the running case. */
void ktest_log(struct ktest *t, const char *fmt, ...)
{
	char buf[256];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	printk(KERN_INFO "    # %s.%s: %s\n", t->kcase->suite, t->kcase->name, buf);
}

/**
 * ktest_free_pages - the free pages a case can compare exactly
 *
 * nr_free_pages() once the per-CPU page lists are drained: pages on them
 * are free but, as in Linux, not counted in NR_FREE_PAGES, and how many
 * they hold depends on what ran before.
 */
unsigned long ktest_free_pages(void)
{
	drain_all_pages(NULL);
	return nr_free_pages();
}

/*
 * accounted_pages - free pages + slab pages + kernel page tables, the
 * slab caches shrunk first: what a case that leaks nothing leaves as it was.
 */
static long accounted_pages(void)
{
	kmem_cache_shrink_all();
	return ktest_free_pages() + global_node_page_state(NR_SLAB_RECLAIMABLE_B) +
	       global_node_page_state(NR_SLAB_UNRECLAIMABLE_B) +
	       mm_pgtables_bytes(&init_mm) / PAGE_SIZE;
}

/* ktest_run_case - run @t's case; a case that keeps pages fails. */
static void ktest_run_case(struct ktest *t)
{
	long before = accounted_pages(), after;

	t->kcase->run(t);
	after = accounted_pages();
	if (after != before) {
		t->failures++;
		printk(KERN_ERR "    # %s.%s: LEAK: %ld pages not given back\n", t->kcase->suite,
		       t->kcase->name, before - after);
	}
}

/**
 * ktest_run_selected - run the selected cases, print KTAP
 *
 * Returns the number of failed cases.
 */
int ktest_run_selected(void)
{
	int total = 0, n = 0, failed = 0, skipped = 0;
	const struct ktest_case *c;

	for (c = __ktest_cases_start; c < __ktest_cases_end; c++)
		total += case_selected(c);
	printk(KERN_INFO "KTAP version 1\n");
	printk(KERN_INFO "1..%d\n", total);
	for (c = __ktest_cases_start; c < __ktest_cases_end; c++) {
		struct ktest t = { .kcase = c };

		if (!case_selected(c))
			continue;
		printk(KERN_INFO "# ktest: running %s.%s\n", c->suite, c->name);
		ktest_run_case(&t);
		n++;
		if (t.failures) {
			failed++;
			printk(KERN_INFO "not ok %d %s.%s\n", n, c->suite, c->name);
		} else if (t.skip_reason) {
			skipped++;
			printk(KERN_INFO "ok %d %s.%s # SKIP %s\n", n, c->suite, c->name,
			       t.skip_reason);
		} else {
			printk(KERN_INFO "ok %d %s.%s\n", n, c->suite, c->name);
		}
	}
	printk(KERN_INFO "# ktest: pass:%d fail:%d skip:%d total:%d\n",
	       n - failed - skipped, failed, skipped, n);
	return failed;
}
