/* SPDX-License-Identifier: GPL-2.0 */
/*
 * string.h - memory and string functions. Mirrors include/linux/string.h;
 * implemented in kernel/lib/string.c.
 */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <linux/types.h>
#include <linux/stddef.h>

void *memcpy(void *dest, const void *src, size_t n);
void *memmove(void *dest, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memchr_inv(const void *s, int c, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
ssize_t strscpy(char *dest, const char *src, size_t size);
char *strsep(char **stringp, const char *delim);
bool str_has_prefix_len(const char *s, const char *prefix, size_t *len);

static inline bool str_has_prefix(const char *s, const char *prefix)
{
	return str_has_prefix_len(s, prefix, NULL);
}

int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtol(const char *s, unsigned int base, long *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtobool(const char *s, bool *res);
bool sysfs_streq(const char *s1, const char *s2);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);

/* memzero_explicit - clear secrets (keys) even where the compiler sees no later use. */
static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	__asm__ __volatile__("" : : "r"(s) : "memory");	/* Linux's barrier_data() */
}

/* kbasename - the last component of @path (after its last '/'). */
static inline const char *kbasename(const char *path)
{
	const char *tail = strrchr(path, '/');

	return tail ? tail + 1 : path;
}

#endif /* _LINUX_STRING_H */
