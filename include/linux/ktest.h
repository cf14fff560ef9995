/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktest.h - in-kernel unit tests, modelled on KUnit (include/kunit/test.h).
 *
 *   KTEST(buddy, alloc_free_order0)
 *   {
 *           struct page *page = alloc_pages(GFP_KERNEL, 0);
 *
 *           KTEST_ASSERT_NOT_NULL(t, page);
 *           KTEST_EXPECT_EQ(t, page_count(page), 1);
 *           __free_pages(page, 0);
 *   }
 *
 * Cases live in the .ktest_cases section; the command-line word
 * ktest=all|SUITE|SUITE.CASE[,...] selects which run (kernel/ktest.c), and
 * results are printed in KTAP ("ok 3 buddy.alloc_free_order0"). An EXPECT
 * that fails records the failure and continues; an ASSERT also returns from
 * the case. Failures name the file and line. Cases declared with
 * KTEST_EXPLICIT (deliberate crashes) run only when named exactly.
 */
#ifndef _LINUX_KTEST_H
#define _LINUX_KTEST_H

#include <linux/types.h>
#include <linux/compiler.h>

struct ktest;

struct ktest_case {
	const char *suite;
	const char *name;
	void (*run)(struct ktest *t);
	bool explicit_only;
};

struct ktest {
	const struct ktest_case *kcase;
	int failures;
	const char *skip_reason;
};

#define __KTEST(suite, name, kind, explicit)				\
	static void ktest_##suite##__##name(struct ktest *t);		\
	static const struct ktest_case __ktest_##kind##_##suite##__##name \
		__used __section(".ktest_cases") __aligned(8) =		\
		{ #suite, #name, ktest_##suite##__##name, explicit };	\
	static void ktest_##suite##__##name(struct ktest *t)

/* The symbol names (__ktest_case_SUITE__NAME) are how pytest lists cases. */
#define KTEST(suite, name) __KTEST(suite, name, case, false)
#define KTEST_EXPLICIT(suite, name) __KTEST(suite, name, explicit, true)

__printf(4, 5) void ktest_fail(struct ktest *t, const char *file, int line,
			       const char *fmt, ...);
void ktest_skip(struct ktest *t, const char *reason);
void ktest_log(struct ktest *t, const char *fmt, ...);
unsigned long ktest_free_pages(void);
bool ktest_selected(void);
int ktest_run_selected(void);

#define __KTEST_CHECK(t, cond, fail_action, fmt, ...)			\
	do {								\
		if (unlikely(!(cond))) {				\
			ktest_fail(t, __FILE__, __LINE__, fmt, ##__VA_ARGS__); \
			fail_action;					\
		}							\
	} while (0)

#define __KTEST_BINARY(t, a, op, b, fail_action)			\
	do {								\
		long long __a = (long long)(a), __b = (long long)(b);	\
		__KTEST_CHECK(t, __a op __b, fail_action,		\
			"Expected %s %s %s, but %s == %lld (%#llx), %s == %lld (%#llx)", \
			#a, #op, #b, #a, __a, __a, #b, __b, __b);	\
	} while (0)

#define KTEST_EXPECT_TRUE(t, c) __KTEST_CHECK(t, c, (void)0, "Expected %s to be true", #c)
#define KTEST_EXPECT_FALSE(t, c) __KTEST_CHECK(t, !(c), (void)0, "Expected %s to be false", #c)
#define KTEST_EXPECT_EQ(t, a, b) __KTEST_BINARY(t, a, ==, b, (void)0)
#define KTEST_EXPECT_NE(t, a, b) __KTEST_BINARY(t, a, !=, b, (void)0)
#define KTEST_EXPECT_LT(t, a, b) __KTEST_BINARY(t, a, <, b, (void)0)
#define KTEST_EXPECT_LE(t, a, b) __KTEST_BINARY(t, a, <=, b, (void)0)
#define KTEST_EXPECT_GT(t, a, b) __KTEST_BINARY(t, a, >, b, (void)0)
#define KTEST_EXPECT_GE(t, a, b) __KTEST_BINARY(t, a, >=, b, (void)0)
#define KTEST_EXPECT_NULL(t, p) __KTEST_CHECK(t, (p) == NULL, (void)0, "Expected %s to be NULL", #p)
#define KTEST_EXPECT_NOT_NULL(t, p) __KTEST_CHECK(t, (p) != NULL, (void)0, "Expected %s not to be NULL", #p)
#define KTEST_EXPECT_STREQ(t, a, b) __KTEST_CHECK(t, !strcmp(a, b), (void)0, \
	"Expected %s == %s, but \"%s\" != \"%s\"", #a, #b, a, b)

#define KTEST_ASSERT_TRUE(t, c) __KTEST_CHECK(t, c, return, "Expected %s to be true", #c)
#define KTEST_ASSERT_FALSE(t, c) __KTEST_CHECK(t, !(c), return, "Expected %s to be false", #c)
#define KTEST_ASSERT_EQ(t, a, b) __KTEST_BINARY(t, a, ==, b, return)
#define KTEST_ASSERT_NE(t, a, b) __KTEST_BINARY(t, a, !=, b, return)
#define KTEST_ASSERT_LT(t, a, b) __KTEST_BINARY(t, a, <, b, return)
#define KTEST_ASSERT_LE(t, a, b) __KTEST_BINARY(t, a, <=, b, return)
#define KTEST_ASSERT_GT(t, a, b) __KTEST_BINARY(t, a, >, b, return)
#define KTEST_ASSERT_GE(t, a, b) __KTEST_BINARY(t, a, >=, b, return)
#define KTEST_ASSERT_NULL(t, p) __KTEST_CHECK(t, (p) == NULL, return, "Expected %s to be NULL", #p)
#define KTEST_ASSERT_NOT_NULL(t, p) __KTEST_CHECK(t, (p) != NULL, return, "Expected %s not to be NULL", #p)

#endif /* _LINUX_KTEST_H */
