/*
 * libc on this kernel: printf/scanf formatting, string functions, and
 * malloc/calloc/realloc/free from small brk-backed blocks to multi-MiB
 * mmap-backed ones (whose realloc uses mremap, which must move page-table
 * entries rather than copy: the frames stay the same).
 */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#define MiB (1024UL * 1024)

static const char *fmt(const char *format, ...) __attribute__((format(printf, 1, 2)));

static const char *fmt(const char *format, ...)
{
    static char out[256];
    va_list ap;
    va_start(ap, format);
    vsnprintf(out, sizeof out, format, ap);
    va_end(ap);
    return out;
}

static void test_printf(void)
{
    char small[4];
    const char *volatile long_text = "abcdef"; /* opaque: no compile-time truncation warning */

    CHECK_STR(fmt("%d|%i|%u", -42, 42, 4294967295u), "-42|42|4294967295", "%%d %%i %%u");
    CHECK_STR(fmt("%ld %lu", LONG_MIN, ULONG_MAX), "-9223372036854775808 18446744073709551615",
              "%%ld %%lu limits");
    CHECK_STR(fmt("%x %X %#x %o %#o", 255, 255, 255, 8, 8), "ff FF 0xff 10 010", "hex and octal");
    CHECK_STR(fmt("%-5d|%5d|%+d|%05d", 7, 7, 7, -7), "7    |    7|+7|-0007", "width, flags");
    CHECK_STR(fmt("%s|%.3s|%8s|%-8s|", "hello", "hello", "hi", "hi"),
              "hello|hel|      hi|hi      |", "strings with precision and width");
    CHECK_STR(fmt("%c%c%c %%", 'a', 'b', 'c'), "abc %", "%%c and %%%%");
    CHECK_STR(fmt("%p %p", (void *)0x1234, NULL), "0x1234 0", "%%p");
    CHECK_STR(fmt("%08.3f %.2e %g %g", 3.14159, 12345.678, 0.0001, 1e20),
              "0003.142 1.23e+04 0.0001 1e+20", "floating point");
    CHECK_STR(fmt("%.6f", sqrt(2.0)), "1.414214", "sqrt(2)");
    CHECK_STR(fmt("%zu %lld %hhd", sizeof(long), -1LL, (char)300), "8 -1 44", "length modifiers");
    CHECK_EQ_LONG(snprintf(small, sizeof small, "%s", long_text), 6, "snprintf returns the full length");
    CHECK_STR(small, "abc", "and truncates");
}

static void test_scanf(void)
{
    int d = 0;
    unsigned x = 0;
    char word[16] = "";
    double f = 0;

    CHECK_EQ_LONG(sscanf("12 abc 0x1f 2.5", "%d %15s %x %lf", &d, word, &x, &f), 4,
                  "sscanf converts four fields");
    CHECK(d == 12 && !strcmp(word, "abc") && x == 31 && f == 2.5, "with the right values");
    CHECK_EQ_LONG(strtol("-0x7f", NULL, 0), -127, "strtol base 0 with a hex prefix");
    CHECK_EQ_LONG(strtoul("101101", NULL, 2), 45, "strtoul base 2");
    CHECK_EQ_LONG(atoi("  -99z"), -99, "atoi skips spaces and stops at junk");
}

static int compare_ints(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

static void test_strings(void)
{
    char buf[64];
    int nums[] = { 5, -3, 9, 0, 2, 2 };

    CHECK_EQ_LONG(strlen("pagoda"), 6, "strlen");
    CHECK(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && !strcmp("x", "x"), "strcmp order");
    CHECK_EQ_LONG(strncmp("abcdef", "abcxyz", 3), 0, "strncmp prefix");
    strcpy(buf, "foo");
    strcat(buf, "bar");
    CHECK_STR(buf, "foobar", "strcpy + strcat");
    CHECK_STR(strchr(buf, 'b'), "bar", "strchr");
    CHECK_STR(strrchr("a/b/c", '/'), "/c", "strrchr");
    CHECK_STR(strstr("haystack with needle", "needle"), "needle", "strstr");

    strcpy(buf, "0123456789");
    memmove(buf + 2, buf, 5);
    CHECK_STR(buf, "0101234789", "memmove forward overlap");
    memmove(buf, buf + 3, 5);
    CHECK_STR(buf, "1234734789", "memmove backward overlap");
    memset(buf, 'z', 4);
    CHECK(memcmp(buf, "zzzz7", 5) == 0, "memset + memcmp");

    qsort(nums, 6, sizeof nums[0], compare_ints);
    CHECK(nums[0] == -3 && nums[1] == 0 && nums[2] == 2 && nums[3] == 2 && nums[4] == 5 &&
          nums[5] == 9, "qsort");

    char *dup = strdup("duplicate me");
    CHECK_STR(dup, "duplicate me", "strdup");
    free(dup);
}

/* A pattern that depends on the offset and seed, one byte per 512. */
static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i += 512)
        p[i] = (unsigned char)(seed + i / 512);
}

/* 1 if p holds fill()'s pattern. */
static int filled(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i += 512)
        if (p[i] != (unsigned char)(seed + i / 512))
            return 0;
    return 1;
}

static int all_zero(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

static void test_small_blocks(void)
{
    enum { COUNT = 5000 };
    static unsigned char *blocks[COUNT];
    int bad = 0;

    for (int i = 0; i < COUNT; i++) {
        blocks[i] = malloc(16 + i % 200);
        memset(blocks[i], i & 0xff, 16 + i % 200);
    }
    for (int i = 0; i < COUNT; i++) {
        bad += blocks[i][0] != (i & 0xff) || blocks[i][15 + i % 200] != (i & 0xff);
        free(blocks[i]);
    }
    CHECK_EQ_LONG(bad, 0, "%d small blocks keep their contents", COUNT);

    unsigned char *dirty = malloc(1000);
    memset(dirty, 0xff, 1000);
    free(dirty);
    unsigned char *clean = calloc(10, 100);
    CHECK(clean && all_zero(clean, 1000), "calloc after free of dirty memory is zeroed");
    free(clean);
}

static void test_big_blocks(void)
{
    unsigned char *p = malloc(8 * MiB);
    CHECK(p != NULL, "malloc 8 MiB");
    fill(p, 8 * MiB, 1);
    CHECK(filled(p, 8 * MiB, 1), "8 MiB block holds its pattern");

    uint64_t pfn = virt_to_pfn(p + 4 * MiB);
    unsigned char *q = realloc(p, 32 * MiB);
    CHECK(q != NULL, "realloc 8 -> 32 MiB");
    CHECK(filled(q, 8 * MiB, 1), "realloc kept the contents");
    CHECK_EQ_HEX(virt_to_pfn(q + 4 * MiB), pfn, "mremap moved the frame, did not copy it");
    fill(q, 32 * MiB, 2);
    CHECK(filled(q, 32 * MiB, 2), "the grown block is usable to its end");

    unsigned char *r = realloc(q, 1 * MiB);
    CHECK(r != NULL && filled(r, 1 * MiB, 2), "realloc shrink to 1 MiB keeps the prefix");
    free(r);

    unsigned char *z = calloc(1, 4 * MiB);
    CHECK(z && all_zero(z, 4 * MiB), "calloc 4 MiB is all zero");
    free(z);
}

int main(void)
{
    test_printf();
    test_scanf();
    test_strings();
    test_small_blocks();
    test_big_blocks();
    return tap_done();
}
