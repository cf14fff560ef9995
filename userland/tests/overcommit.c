/*
 * Overcommit accounting: vm.overcommit_memory 0 (heuristic: one request
 * larger than RAM + swap fails), 1 (always) and 2 (never: the total
 * charge stays below CommitLimit, from overcommit_kbytes or
 * overcommit_ratio), with Committed_AS moving by exactly what is mapped
 * private and writable and given back at munmap; MAP_NORESERVE, PROT_READ
 * mappings made writable by mprotect, mremap growth and fork charge or
 * fail as on Linux. The settings are restored at the end.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test.h"

#define MIB (1024UL * 1024)
#define RW (PROT_READ | PROT_WRITE)

static char saved_memory[32], saved_ratio[32], saved_kbytes[32];

static void set(const char *name, long value)
{
    char path[64], text[32];
    snprintf(path, sizeof path, "/proc/sys/vm/%s", name);
    snprintf(text, sizeof text, "%ld", value);
    CHECK(write_file(path, text) == 0, "set %s to %ld", name, value);
}

static void *map(size_t len, int prot, int flags)
{
    return mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
}

static int child_exits(void *unused)
{
    (void)unused;
    return 0;
}

static void test_heuristic(void)
{
    size_t ram = meminfo_kb("MemTotal") * 1024, big = ram + 64 * MIB;
    void *p;

    set("overcommit_memory", 0);
    errno = 0;
    CHECK(map(big, RW, 0) == MAP_FAILED && errno == ENOMEM,
          "mode 0: one private writable mapping larger than RAM: ENOMEM");
    CHECK((p = map(big, RW, MAP_NORESERVE)) != MAP_FAILED, "with MAP_NORESERVE it is not charged");
    munmap(p, big);
    CHECK((p = map(big, PROT_READ, 0)) != MAP_FAILED, "read-only it is not charged");
    CHECK_ERR(mprotect(p, big, RW), ENOMEM, "until mprotect makes it writable: ENOMEM");
    munmap(p, big);
    CHECK((p = map(ram / 2, RW, 0)) != MAP_FAILED, "half of RAM is fine");
    munmap(p, ram / 2);

    set("overcommit_memory", 1);
    CHECK((p = map(4 * ram, RW, 0)) != MAP_FAILED, "mode 1: four times RAM is fine");
    munmap(p, 4 * ram);
}

static void test_strict(void)
{
    long committed = meminfo_kb("Committed_AS"), limit = committed + 64 * 1024;
    char *a, *b, *c;

    set("overcommit_kbytes", limit);
    set("overcommit_memory", 2);
    CHECK_EQ_LONG(meminfo_kb("CommitLimit"), limit, "CommitLimit is overcommit_kbytes");
    committed = meminfo_kb("Committed_AS");

    a = map(32 * MIB, RW, 0);
    CHECK(a != MAP_FAILED, "mode 2: 32 MiB of the 64 left");
    CHECK_EQ_LONG(meminfo_kb("Committed_AS") - committed, 32 * 1024, "Committed_AS grew by 32 MiB");
    errno = 0;
    CHECK(map(40 * MIB, RW, 0) == MAP_FAILED && errno == ENOMEM, "40 MiB more: ENOMEM");
    errno = 0;
    CHECK(map(40 * MIB, RW, MAP_NORESERVE) == MAP_FAILED && errno == ENOMEM,
          "MAP_NORESERVE does not help in mode 2");
    CHECK((b = map(40 * MIB, PROT_READ, 0)) != MAP_FAILED, "40 MiB read-only: not charged");
    CHECK_ERR(mprotect(b, 40 * MIB, RW), ENOMEM, "making it writable: ENOMEM");
    CHECK_SYS(mprotect(b, 16 * MIB, RW), "16 MiB of it writable");
    CHECK_EQ_LONG(meminfo_kb("Committed_AS") - committed, 48 * 1024, "Committed_AS grew by 16 MiB");
    CHECK_SYS(mprotect(b, 16 * MIB, PROT_READ), "read-only again, never written");
    CHECK_EQ_LONG(meminfo_kb("Committed_AS") - committed, 32 * 1024, "gives the 16 MiB back");
    munmap(b, 40 * MIB);

    /* mremap: growth is charged; shrinking gives back. */
    errno = 0;
    CHECK(mremap(a, 32 * MIB, 128 * MIB, MREMAP_MAYMOVE) == MAP_FAILED && errno == ENOMEM,
          "mremap growing to 128 MiB: ENOMEM");
    c = mremap(a, 32 * MIB, 8 * MIB, 0);
    CHECK(c == a, "mremap shrinking to 8 MiB");
    CHECK_EQ_LONG(meminfo_kb("Committed_AS") - committed, 8 * 1024, "Committed_AS: 8 MiB");
    c = mremap(a, 8 * MIB, 24 * MIB, MREMAP_MAYMOVE);
    CHECK(c != MAP_FAILED, "growing to 24 MiB");
    CHECK_EQ_LONG(meminfo_kb("Committed_AS") - committed, 24 * 1024, "Committed_AS: 24 MiB");
    c = mremap(c, 24 * MIB, 40 * MIB, MREMAP_MAYMOVE);
    CHECK(c != MAP_FAILED, "growing to 40 MiB");

    /* fork charges the child's private writable memory too. */
    pid_t pid = fork();
    if (pid == 0)
        _exit(0);
    CHECK(pid == -1 && errno == ENOMEM, "fork with 40 of 64 MiB charged: ENOMEM");
    if (pid > 0)
        wait_for(pid);
    munmap(c, 40 * MIB);
    CHECK_EQ_LONG(meminfo_kb("Committed_AS"), committed, "everything given back");
    CHECK_EXIT(run_child(child_exits, NULL), 0, "fork works again");
    CHECK_EQ_LONG(meminfo_kb("Committed_AS"), committed, "and the child's charge went with it");

    set("overcommit_ratio", 50);
    CHECK_EQ_LONG(meminfo_kb("CommitLimit"), meminfo_kb("MemTotal") / 4 * 50 / 100 * 4,
                  "overcommit_ratio 50: CommitLimit is half of MemTotal's pages");
}

int main(void)
{
    CHECK(read_file("/proc/sys/vm/overcommit_memory", saved_memory, sizeof saved_memory) > 0 &&
          read_file("/proc/sys/vm/overcommit_ratio", saved_ratio, sizeof saved_ratio) > 0 &&
          read_file("/proc/sys/vm/overcommit_kbytes", saved_kbytes, sizeof saved_kbytes) > 0,
          "read the overcommit settings");
    test_heuristic();
    test_strict();
    write_file("/proc/sys/vm/overcommit_memory", saved_memory);
    if (atol(saved_kbytes))
        write_file("/proc/sys/vm/overcommit_kbytes", saved_kbytes);
    else
        write_file("/proc/sys/vm/overcommit_ratio", saved_ratio);
    check_mm_verify("after the overcommit tests");
    return tap_done();
}
