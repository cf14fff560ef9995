// SPDX-License-Identifier: GPL-2.0
/*
 * profile_test.c - the sampling profiler (kernel/profile.c). Booted with
 * profile=N, a busy loop must be where the timer ticks land: its counter
 * is the largest and kallsyms names it. The nonzero counters are logged as
 * `profile step S` and `profile INDEX HITS` lines, the sparse form of
 * /proc/profile that /tests/helpers/profile prints too, so that
 * tools/readprofile turns them into a table (tests/test_profile.py checks
 * that it names the loop first). /proc/profile itself cannot be read from
 * the kernel (kernel_read() needs read_iter, as in Linux), hence the direct
 * look at prof_buffer.
 */
#include <linux/ktest.h>
#include <linux/atomic.h>
#include <linux/kallsyms.h>
#include <linux/profile.h>
#include <linux/string.h>
#include <linux/time.h>
#include <asm/processor.h>
#include <asm/sections.h>

#define BUSY_TICKS 50

/* profile_busy_loop - spin in the kernel for @ticks timer ticks. */
static noinline void profile_busy_loop(unsigned long ticks)
{
	unsigned long end = jiffies + ticks;

	while (time_before(jiffies, end))
		cpu_relax();
}

KTEST_EXPLICIT(profile, busy_loop)
{
	unsigned int step = 1U << prof_shift, top_hits = 0;
	unsigned long top = 0;
	const char *name;

	KTEST_ASSERT_TRUE(t, prof_on == CPU_PROFILING);	/* boot with profile=N */
	KTEST_EXPECT_EQ(t, prof_len, (unsigned long)(_etext - _text) >> prof_shift);
	memset(prof_buffer, 0, prof_len * sizeof(atomic_t));	/* as a write does */

	profile_busy_loop(BUSY_TICKS);

	ktest_log(t, "profile step %u", step);
	for (unsigned long i = 0; i < prof_len; i++) {
		unsigned int hits = atomic_read(&prof_buffer[i]);

		if (!hits)
			continue;
		ktest_log(t, "profile %lu %u", i, hits);
		if (hits > top_hits) {
			top_hits = hits;
			top = i;
		}
	}
	/* Nearly every tick interrupted the loop (a few land in the tick itself). */
	name = kallsyms_lookup((unsigned long)_text + top * step, NULL, NULL);
	KTEST_ASSERT_NOT_NULL(t, name);
	KTEST_EXPECT_STREQ(t, name, "profile_busy_loop");
	KTEST_EXPECT_TRUE(t, top_hits >= BUSY_TICKS / 2);
}
