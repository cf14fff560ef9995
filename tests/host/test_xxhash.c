// SPDX-License-Identifier: GPL-2.0
/*
 * test_xxhash.c - host-side unit test of kernel/lib/xxhash.c: xxh64()
 * against the reference implementation's published values (empty input,
 * short inputs that take only the tail loops, a 39-byte input that takes
 * one 32-byte stripe, a seed); xxhash() equals xxh64() on a page; a
 * single changed byte of a page, at either end, changes the hash; and the
 * length takes part in it.
 */
/* HOST-SOURCES: kernel/lib/xxhash.c */
#include <linux/xxhash.h>

#include <stdio.h>
#include <string.h>

static int tap_count, tap_failures;

static void check(int ok, const char *desc, unsigned long long got, unsigned long long want)
{
	tap_count++;
	if (ok) {
		printf("ok %d - %s\n", tap_count, desc);
		return;
	}
	tap_failures++;
	printf("not ok %d - %s # got 0x%llx, expected 0x%llx\n", tap_count, desc, got, want);
}

static void vector(const char *s, u64 seed, u64 want)
{
	char desc[128];
	u64 got = xxh64(s, strlen(s), seed);

	snprintf(desc, sizeof(desc), "xxh64(\"%.20s\"%s, %zu bytes, seed %llu)", s,
		 strlen(s) > 20 ? "..." : "", strlen(s), (unsigned long long)seed);
	check(got == want, desc, got, want);
}

int main(void)
{
	static unsigned char page[4096];
	u64 a, b;

	setvbuf(stdout, NULL, _IOLBF, 0);
	vector("", 0, 0xEF46DB3751D8E999ULL);
	vector("a", 0, 0xD24EC4F1A98C6E5BULL);
	vector("abc", 0, 0x44BC2CF5AD770999ULL);
	vector("Nobody inspects the spammish repetition", 0, 0xFBCEA83C8A378BF1ULL);
	vector("", 1, 0xD5AFBA1336A3BE4BULL);

	a = xxhash(page, sizeof(page), 0);
	b = xxh64(page, sizeof(page), 0);
	check(a == b, "xxhash() is xxh64() on a 64-bit kernel", a, b);
	page[4095] = 1;
	b = xxh64(page, sizeof(page), 0);
	check(a != b, "one changed byte at the end of a page changes the hash", b, a);
	page[4095] = 0;
	page[0] = 1;
	b = xxh64(page, sizeof(page), 0);
	check(a != b, "one changed byte at the start of a page changes the hash", b, a);
	check(xxh64(page, 4095, 0) != xxh64(page, 4093, 0), "the length is hashed",
	      xxh64(page, 4095, 0), xxh64(page, 4093, 0));

	printf("1..%d\n", tap_count);
	return tap_failures != 0;
}
