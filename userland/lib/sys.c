/*
 * System helpers: which kernel this is, whole-file reads of small
 * (pseudo-)files, values from /proc/meminfo and /proc/slabinfo, and the
 * seeded generator of the random-walk tests.
 * Nothing here calls malloc, so init can use it between its memory readings.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "test.h"

static int sysname_is(const char *name)
{
    struct utsname u;
    return uname(&u) == 0 && strcmp(u.sysname, name) == 0;
}

int on_linux(void)
{
    return sysname_is("Linux");
}

int on_pagoda(void)
{
    return sysname_is("Pagoda");
}

ssize_t read_full(int fd, void *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = read(fd, (char *)buf + done, n - done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return done ? (ssize_t)done : -1;
        if (r == 0)
            break;
        done += r;
    }
    return done;
}

ssize_t write_full(int fd, const void *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = write(fd, (const char *)buf + done, n - done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return done ? (ssize_t)done : -1;
        done += r;
    }
    return done;
}

ssize_t read_file(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = read_full(fd, buf, size - 1);
    close(fd);
    if (n < 0)
        return -1;
    buf[n] = 0;
    return n;
}

int write_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

int find_line(const char *text, const char *prefix, char *out, size_t size)
{
    size_t len = strlen(prefix);
    const char *p = text;
    while (strncmp(p, prefix, len) != 0) {
        p = strchr(p, '\n');
        if (!p)
            return 0;
        p++;
    }
    size_t n = strcspn(p, "\n");
    if (n >= size)
        n = size - 1;
    memcpy(out, p, n);
    out[n] = 0;
    return 1;
}

/*
 * field_value - the number after "KEY" and @sep at the start of a line of
 * a /proc file ("MemFree:", "pgfault ", "anon_vma "), or -1.
 */
static long field_value(const char *path, const char *key, char sep)
{
    static char text[65536];
    char prefix[64], line[256];

    if (read_file(path, text, sizeof text) < 0)
        return -1;
    snprintf(prefix, sizeof prefix, "%s%c", key, sep);
    if (!find_line(text, prefix, line, sizeof line))
        return -1;
    return strtol(line + strlen(prefix), NULL, 10);
}

long meminfo_kb(const char *key)
{
    return field_value("/proc/meminfo", key, ':');
}

long vmstat(const char *name)
{
    return field_value("/proc/vmstat", name, ' ');
}

long self_status_kb(const char *key)
{
    return field_value("/proc/self/status", key, ':');
}

long slab_active_objs(const char *cache)
{
    return field_value("/proc/slabinfo", cache, ' ');
}

uint64_t xorshift64(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

unsigned xorshift64_below(uint64_t *state, unsigned n)
{
    return xorshift64(state) % n;
}
