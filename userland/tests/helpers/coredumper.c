/*
 * /tests/helpers/coredumper: a child crashes in crash_here() with
 * RLIMIT_CORE unlimited in /tmp/gdbcore; the parent prints the core file
 * it left as "core: OFFSET HEX" lines (chunks of 64 bytes that are not
 * all zero) and "core-end: SIZE", for tests/test_coredump.py to rebuild
 * and load in the host's gdb.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int *target;

__attribute__((noinline)) static void crash_here(int value)
{
    *target = value; /* the faulting line */
}

int main(void)
{
    struct rlimit unlimited = { RLIM_INFINITY, RLIM_INFINITY };
    struct stat st;
    int status, fd;
    char line[160];

    mkdir("/tmp/gdbcore", 0755);
    if (fork() == 0) {
        chdir("/tmp/gdbcore");
        setrlimit(RLIMIT_CORE, &unlimited);
        crash_here(42);
        _exit(0);
    }
    wait(&status);
    printf("status: %s\n", WCOREDUMP(status) ? "core dumped" : "no core");
    fflush(stdout);
    fd = open("/tmp/gdbcore/core", O_RDONLY);
    if (fd < 0 || fstat(fd, &st))
        return 1;
    unsigned char *core = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    for (off_t off = 0; off < st.st_size; off += 64) {
        int n = st.st_size - off < 64 ? st.st_size - off : 64, len, zero = 1;
        for (int i = 0; i < n; i++)
            zero &= !core[off + i];
        if (zero)
            continue;
        len = snprintf(line, sizeof line, "core: %lx ", (long)off);
        for (int i = 0; i < n; i++)
            len += snprintf(line + len, sizeof line - len, "%02x", core[off + i]);
        line[len++] = '\n';
        write(1, line, len);
    }
    printf("core-end: %ld\n", (long)st.st_size);
    return 0;
}
