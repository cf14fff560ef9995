// SPDX-License-Identifier: GPL-2.0
/*
 * string.c - the freestanding kernel's memory and string functions.
 * Mirrors lib/string.c and lib/kstrtox.c. The compiler may also emit calls
 * to memcpy/memset/memmove/memcmp itself, so these must exist.
 */
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <asm/cpufeature.h>
#include <asm/string_64.h>

/*
 * memcpy - `rep movsb` on CPUs with fast short rep movsb (FSRM), else
 * memcpy_orig()'s 8-byte loop: Linux x86-64's choice (arch/x86/lib/memcpy_64.S).
 */
void *memcpy(void *dest, const void *src, size_t n)
{
	void *ret = dest;

	if (!boot_cpu_has(X86_FEATURE_FSRM))
		return memcpy_orig(dest, src, n);
	__asm__ volatile("rep movsb"
			 : "+D"(dest), "+S"(src), "+c"(n) : : "memory");
	return ret;
}

void *memmove(void *dest, const void *src, size_t n)
{
	unsigned char *d = dest;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dest, src, n);
	while (n--)
		d[n] = s[n];
	return dest;
}

/*
 * memset - `rep stosb` on CPUs with fast short rep stosb (FSRS), else
 * memset_orig()'s 8-byte loop: Linux x86-64's choice (arch/x86/lib/memset_64.S).
 */
void *memset(void *s, int c, size_t n)
{
	void *ret = s;

	if (!boot_cpu_has(X86_FEATURE_FSRS))
		return memset_orig(s, c, n);
	__asm__ volatile("rep stosb" : "+D"(s), "+c"(n) : "a"(c) : "memory");
	return ret;
}

/*
 * memcmp_block_differs - some word of the 64-byte blocks at @a and @b
 * differs: the eight XORs OR-ed together cost one branch, not eight.
 */
static inline bool memcmp_block_differs(const unsigned long *u, const unsigned long *v)
{
	return (u[0] ^ v[0]) | (u[1] ^ v[1]) | (u[2] ^ v[2]) | (u[3] ^ v[3]) |
	       (u[4] ^ v[4]) | (u[5] ^ v[5]) | (u[6] ^ v[6]) | (u[7] ^ v[7]);
}

/*
 * memcmp - 64-byte blocks while they are equal, then a word at a time
 * (x86 reads unaligned words fast: Linux's
 * CONFIG_HAVE_EFFICIENT_UNALIGNED_ACCESS path), then bytes from the first
 * difference. KSM compares whole pages with it (memcmp_pages()), twice
 * per page it merges: that is most of ksmd's time after the checksum.
 */
int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n >= 8 * sizeof(unsigned long); n -= 8 * sizeof(unsigned long)) {
		if (memcmp_block_differs((const unsigned long *)p, (const unsigned long *)q))
			break;
		p += 8 * sizeof(unsigned long);
		q += 8 * sizeof(unsigned long);
	}
	for (; n >= sizeof(unsigned long); n -= sizeof(unsigned long)) {
		if (*(const unsigned long *)p != *(const unsigned long *)q)
			break;
		p += sizeof(unsigned long);
		q += sizeof(unsigned long);
	}
	for (; n; n--, p++, q++)
		if (*p != *q)
			return *p < *q ? -1 : 1;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

/**
 * memchr_inv - find the first byte that is NOT @c
 * @s: memory to scan
 * @c: the expected byte
 * @n: number of bytes
 *
 * Returns the address of the first byte differing from @c, or NULL when all
 * @n bytes equal @c. Slab debugging uses it to verify poison and red zones.
 */
void *memchr_inv(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++)
		if (*p != (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++)
		if (!*s)
			return NULL;
	return (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack; haystack++)
		if (!strncmp(haystack, needle, n))
			return (char *)haystack;
	return n ? NULL : (char *)haystack;
}

/**
 * strscpy - copy a C string into a sized buffer, always NUL-terminated
 * @dest: destination buffer
 * @src: source string
 * @size: size of @dest
 *
 * Returns the number of characters copied, or -E2BIG if @src was truncated.
 */
ssize_t strscpy(char *dest, const char *src, size_t size)
{
	size_t i;

	if (!size)
		return -E2BIG;
	for (i = 0; i < size - 1 && src[i]; i++)
		dest[i] = src[i];
	dest[i] = '\0';
	return src[i] ? -E2BIG : (ssize_t)i;
}

/* strsep - split *@stringp at the first character in @delim. */
char *strsep(char **stringp, const char *delim)
{
	char *s = *stringp, *end;

	if (!s)
		return NULL;
	for (end = s; *end && !strchr(delim, *end); end++)
		;
	if (*end) {
		*end = '\0';
		*stringp = end + 1;
	} else {
		*stringp = NULL;
	}
	return s;
}

/*
 * str_has_prefix_len - does @s start with @prefix? If so and @len is not
 * NULL, store the prefix length there.
 */
bool str_has_prefix_len(const char *s, const char *prefix, size_t *len)
{
	size_t n = strlen(prefix);

	if (strncmp(s, prefix, n))
		return false;
	if (len)
		*len = n;
	return true;
}

static unsigned int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	if (isxdigit(c))
		return tolower(c) - 'a' + 10;
	return 36;
}

/* parse_base - apply the 0x/0 prefix rules of base 0 (auto) and base 16. */
static const char *parse_base(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0' && tolower(s[1]) == 'x' && isxdigit(s[2])) {
			*base = 16;
			return s + 2;
		}
		*base = s[0] == '0' && isdigit(s[1]) ? 8 : 10;
		return s;
	}
	if (*base == 16 && s[0] == '0' && tolower(s[1]) == 'x')
		return s + 2;
	return s;
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	unsigned long result = 0;
	unsigned int d;

	cp = parse_base(cp, &base);
	while ((d = digit_value(*cp)) < base) {
		result = result * base + d;
		cp++;
	}
	if (endp)
		*endp = (char *)cp;
	return result;
}

/**
 * kstrtoul - convert a whole string to an unsigned long
 * @s: the string; one trailing newline is allowed (as written by echo)
 * @base: 0 for auto (0x hex, 0 octal, else decimal), or 2..16
 * @res: where to store the result
 *
 * Returns 0, -EINVAL for malformed input, or -ERANGE on overflow.
 */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long result = 0;
	unsigned int d;
	const char *start;

	if (*s == '+')
		s++;
	s = parse_base(s, &base);
	start = s;
	while ((d = digit_value(*s)) < base) {
		if (result > (ULONG_MAX - d) / base)
			return -ERANGE;
		result = result * base + d;
		s++;
	}
	if (s == start)
		return -EINVAL;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = result;
	return 0;
}

int kstrtol(const char *s, unsigned int base, long *res)
{
	unsigned long v;
	int neg = *s == '-', err;

	err = kstrtoul(s + neg, base, &v);
	if (err)
		return err;
	if (v > (unsigned long)LONG_MAX + neg)
		return -ERANGE;
	*res = neg ? -(long)v : (long)v;
	return 0;
}

/* kstrtouint - kstrtoul() for an unsigned int: -ERANGE above UINT_MAX. */
int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long v;
	int err = kstrtoul(s, base, &v);

	if (err)
		return err;
	if (v > UINT_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

/* kstrtoint - kstrtol() for an int: -ERANGE outside INT_MIN..INT_MAX. */
int kstrtoint(const char *s, unsigned int base, int *res)
{
	long v;
	int err = kstrtol(s, base, &v);

	if (err)
		return err;
	if (v < INT_MIN || v > INT_MAX)
		return -ERANGE;
	*res = v;
	return 0;
}

/**
 * kstrtobool - a boolean from the first character of @s
 * @s: "y", "Y", "1", "t", "T" (true), "n", "N", "0", "f", "F" (false), or
 *     "on"/"off" in any case
 * @res: where to store it
 *
 * Returns 0, or -EINVAL for anything else (the rest of the string is not
 * looked at, as in Linux).
 */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;
	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (s[1] == 'n' || s[1] == 'N') {
			*res = true;
			return 0;
		}
		if (s[1] == 'f' || s[1] == 'F') {
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}

/* sysfs_streq - @s1 equals @s2, either one perhaps ending in one newline. */
bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	if (!*s1 && *s2 == '\n' && !s2[1])
		return true;
	if (*s1 == '\n' && !s1[1] && !*s2)
		return true;
	return false;
}
