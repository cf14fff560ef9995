/*
 * Pagoda's debugfs files: /sys/kernel/debug/rmap (the PTEs mapping a frame)
 * and /sys/kernel/debug/mm_verify (the kernel's invariant checker).  Linux
 * has neither; checks that need them print a TAP SKIP there.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

int rmap_lookup(uint64_t pfn, struct rmap_entry *out, int max)
{
    static char text[16384];
    char request[32];
    int fd = open("/sys/kernel/debug/rmap", O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return -1;

    int len = snprintf(request, sizeof request, "%llu", (unsigned long long)pfn);
    ssize_t n = write(fd, request, len) == len ? pread(fd, text, sizeof text - 1, 0) : -1;
    close(fd);
    if (n < 0)
        return -1;
    text[n] = 0;

    int count = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        struct rmap_entry e;
        if (sscanf(line, "%ld %lx %lx-%lx %lx", &e.pid, &e.address, &e.vm_start,
                   &e.vm_end, &e.mapping) != 5)
            return -1;
        if (count < max)
            out[count] = e;
        count++;
    }
    return count;
}

void check_mm_verify(const char *when)
{
    static char text[4096];

    if (!on_pagoda()) {
        SKIP("no /sys/kernel/debug/mm_verify on Linux", "mm_verify ok %s", when);
        return;
    }
    if (read_file("/sys/kernel/debug/mm_verify", text, sizeof text) < 0)
        snprintf(text, sizeof text, "cannot read: %s", errno_name(errno));
    int ok = strcmp(text, "ok\n") == 0;
    for (char *nl = strchr(text, '\n'); nl; nl = strchr(nl, '\n'))
        *nl = nl[1] ? '|' : 0;
    tap_result(ok, __FILE__, __LINE__, text[0] ? text : "(empty)",
               "mm_verify ok %s", when);
}
