/*
 * System V shared memory: shmget (IPC_PRIVATE and keys, IPC_CREAT,
 * IPC_EXCL, size rules), shmat (anywhere, at an address, SHM_RND,
 * SHM_REMAP, SHM_RDONLY), shmdt, shmctl (IPC_STAT, IPC_SET, IPC_RMID
 * while attached and not, IPC_INFO, SHM_INFO, SHM_STAT, SHM_LOCK), the
 * attach count across fork and exit, Shmem in /proc/meminfo,
 * /proc/sysvipc/shm and /proc/sys/kernel/shm*.
 */
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <unistd.h>

#include "test.h"

#define SIZE (3 * PAGE_SIZE + 100)

static long nattch(int id)
{
    struct shmid_ds ds;
    return shmctl(id, IPC_STAT, &ds) ? -1 : (long)ds.shm_nattch;
}

static void test_private(void)
{
    struct shmid_ds ds;
    int id = shmget(IPC_PRIVATE, SIZE, IPC_CREAT | 0600), fds[2], status;
    char *p, c;

    CHECK(id >= 0, "shmget(IPC_PRIVATE, 3 pages + 100)");
    p = shmat(id, NULL, 0);
    CHECK(p != (void *)-1, "shmat anywhere");
    CHECK(p[0] == 0 && p[SIZE - 1] == 0, "a new segment reads zeroes");
    memset(p, 'a', SIZE);
    CHECK_EQ_LONG(shmctl(id, IPC_STAT, &ds), 0, "IPC_STAT");
    CHECK_EQ_LONG(ds.shm_segsz, SIZE, "shm_segsz");
    CHECK_EQ_LONG(ds.shm_nattch, 1, "shm_nattch 1");
    CHECK_EQ_LONG(ds.shm_cpid, getpid(), "shm_cpid");
    CHECK_EQ_LONG(ds.shm_lpid, getpid(), "shm_lpid");
    CHECK_EQ_LONG(ds.shm_perm.mode, 0600, "mode 0600");
    CHECK_EQ_LONG(ds.shm_perm.__key, IPC_PRIVATE, "key IPC_PRIVATE");

    pipe(fds);
    pid_t pid = fork();
    if (pid == 0) {
        int ok = p[10] == 'a';
        p[11] = 'b';
        read(fds[0], &c, 1);
        _exit(ok ? 0 : 1);
    }
    while (p[11] != 'b')
        usleep(1000);
    CHECK_EQ_LONG(nattch(id), 2, "a fork child is attached too");
    write(fds[1], "x", 1);
    status = wait_for(pid);
    CHECK_EXIT(status, 0, "the child saw the parent's bytes");
    CHECK_EQ_LONG(nattch(id), 1, "its exit detached it");
    close(fds[0]);
    close(fds[1]);

    CHECK_EQ_LONG(shmdt(p), 0, "shmdt");
    CHECK_EQ_LONG(nattch(id), 0, "nattch 0");
    CHECK_ERR(shmdt(p), EINVAL, "shmdt again: EINVAL");
    p = shmat(id, NULL, 0);
    CHECK(p != (void *)-1 && p[SIZE - 1] == 'a', "attached again, the data is there");
    CHECK_EQ_LONG(shmctl(id, IPC_RMID, NULL), 0, "IPC_RMID while attached");
    CHECK_EQ_LONG(shmctl(id, IPC_STAT, &ds), 0, "it still exists");
    CHECK(ds.shm_perm.mode & 01000, "with SHM_DEST");
    CHECK_EQ_LONG(ds.shm_nattch, 1, "attached once");
    p[0] = 'z';
    CHECK_EQ_LONG(shmdt(p), 0, "the last shmdt");
    CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL, "destroys it: IPC_STAT is EINVAL");
    comparable("private: id %d, segsz %lu, nattch 1/2/1/0, RMID then last detach destroys",
               id, (unsigned long)SIZE);
}

/* Its pages are shmem pages: Shmem in /proc/meminfo counts them (Linux's per-CPU counters may lag a little). */
static void test_meminfo(void)
{
    int id = shmget(IPC_PRIVATE, 2 << 20, IPC_CREAT | 0600);
    long before = meminfo_kb("Shmem"), after;
    char *p = shmat(id, NULL, 0);

    memset(p, 1, 2 << 20);
    after = meminfo_kb("Shmem");
    CHECK(after - before >= 1024 && after - before <= 2048 + 64,
          "Shmem grows by the 2 MiB touched (%ld kB)", after - before);
    shmdt(p);
    shmctl(id, IPC_RMID, NULL);
    comparable("meminfo: Shmem counts a touched segment");
}

static void test_keys(void)
{
    char text[4096], line[256], want[64];
    struct shmid_ds ds;
    int id = shmget(0x1234, PAGE_SIZE, IPC_CREAT | 0644);

    CHECK(id >= 0, "shmget(0x1234, IPC_CREAT)");
    CHECK_EQ_LONG(shmget(0x1234, 0, 0), id, "the key finds it");
    CHECK_EQ_LONG(shmget(0x1234, 100, IPC_CREAT), id, "IPC_CREAT of an existing key finds it");
    CHECK_ERR(shmget(0x1234, PAGE_SIZE, IPC_CREAT | IPC_EXCL), EEXIST, "IPC_EXCL: EEXIST");
    CHECK_ERR(shmget(0x1234, 2 * PAGE_SIZE, 0), EINVAL, "asking for more than its size: EINVAL");
    CHECK_ERR(shmget(0x4321, PAGE_SIZE, 0), ENOENT, "an unknown key without IPC_CREAT: ENOENT");
    CHECK_ERR(shmget(IPC_PRIVATE, 0, IPC_CREAT), EINVAL, "size 0: EINVAL");

    read_file("/proc/sysvipc/shm", text, sizeof text);
    find_line(text, "       key", line, sizeof line);
    CHECK_STR(line, "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap",
              "/proc/sysvipc/shm's header");
    snprintf(want, sizeof want, "      4660 %10d   644                  4096", id);
    CHECK(find_line(text, want, line, sizeof line), "a line for the segment: key, id, perms, size");

    ds.shm_perm.mode = 0640;
    ds.shm_perm.uid = 0;
    ds.shm_perm.gid = 0;
    CHECK_EQ_LONG(shmctl(id, IPC_SET, &ds), 0, "IPC_SET mode 0640");
    shmctl(id, IPC_STAT, &ds);
    CHECK_EQ_LONG(ds.shm_perm.mode, 0640, "IPC_STAT sees it");
    CHECK_EQ_LONG(shmctl(id, SHM_LOCK, NULL), 0, "SHM_LOCK");
    shmctl(id, IPC_STAT, &ds);
    CHECK_EQ_LONG(ds.shm_perm.mode, 02640, "mode has SHM_LOCKED");
    CHECK_EQ_LONG(shmctl(id, SHM_UNLOCK, NULL), 0, "SHM_UNLOCK");
    CHECK_EQ_LONG(shmctl(id, SHM_STAT, &ds), id, "SHM_STAT of its index returns its id");

    struct shminfo info;
    struct shm_info sinfo;
    CHECK(shmctl(0, IPC_INFO, (struct shmid_ds *)&info) >= 0, "IPC_INFO");
    CHECK_EQ_HEX(info.shmmax, 0xfffffffffeffffffUL, "shmmax");
    CHECK_EQ_LONG(info.shmmni, 4096, "shmmni");
    CHECK(shmctl(0, SHM_INFO, (struct shmid_ds *)&sinfo) >= 0, "SHM_INFO");
    CHECK_EQ_LONG(sinfo.__used_ids, 1, "one segment in use");

    CHECK_EQ_LONG(shmctl(id, IPC_RMID, NULL), 0, "IPC_RMID, not attached");
    CHECK_ERR(shmget(0x1234, 0, 0), ENOENT, "the key is gone");
    CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL, "and the id");
    comparable("keys: id %d found by key, EEXIST, EINVAL, ENOENT; sysvipc line; IPC_SET, "
               "SHM_LOCK, SHM_STAT, IPC_INFO, SHM_INFO", id);
}

static void test_attach_flags(void)
{
    int id = shmget(IPC_PRIVATE, 2 * PAGE_SIZE, IPC_CREAT | 0600), status;
    char *area = mmap(NULL, 8 * PAGE_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *p;

    CHECK_ERR(shmat(id, area + 100, 0), EINVAL, "an unaligned address: EINVAL");
    CHECK_ERR(shmat(id, area, 0), EINVAL, "over a mapping without SHM_REMAP: EINVAL");
    p = shmat(id, area + 100, SHM_RND | SHM_REMAP);
    CHECK(p == area, "SHM_RND | SHM_REMAP: rounded down, replacing the mapping");
    strcpy(p, "shared");
    CHECK_ERR(shmat(id, NULL, SHM_REMAP), EINVAL, "SHM_REMAP without an address: EINVAL");
    char *ro = shmat(id, NULL, SHM_RDONLY);
    CHECK(ro != (void *)-1 && strcmp(ro, "shared") == 0, "SHM_RDONLY reads the data");
    pid_t pid = fork();
    if (pid == 0) {
        ro[0] = 'x';
        _exit(0);
    }
    status = wait_for(pid);
    CHECK_SIGNAL(status, SIGSEGV, "a write to a SHM_RDONLY attach: SIGSEGV");
    CHECK_EQ_LONG(nattch(id), 2, "two attaches");
    mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_READ);
    CHECK_EQ_LONG(shmdt(p), 0, "shmdt of an attach mprotect split in two");
    CHECK_EQ_LONG(nattch(id), 1, "detaches both halves");
    CHECK_ERR(shmdt(area + PAGE_SIZE), EINVAL, "shmdt where no attach starts: EINVAL");
    shmdt(ro);
    shmctl(id, IPC_RMID, NULL);
    munmap(area, 8 * PAGE_SIZE);
    comparable("attach flags: EINVAL unaligned/overlap, SHM_RND|SHM_REMAP, RDONLY %s, split shmdt",
               status_text(status));
}

static void test_sysctls(void)
{
    char text[64];

    read_file("/proc/sys/kernel/shmmax", text, sizeof text);
    CHECK_STR(text, "18446744073692774399\n", "shmmax");
    read_file("/proc/sys/kernel/shmall", text, sizeof text);
    CHECK_STR(text, "18446744073692774399\n", "shmall");
    read_file("/proc/sys/kernel/shmmni", text, sizeof text);
    CHECK_STR(text, "4096\n", "shmmni");
    write_file("/proc/sys/kernel/shmmax", "8192");
    CHECK_ERR(shmget(IPC_PRIVATE, 8193, IPC_CREAT), EINVAL, "a segment above shmmax: EINVAL");
    write_file("/proc/sys/kernel/shmmax", "18446744073692774399");
    comparable("sysctls: shmmax, shmall, shmmni as Linux; shmmax enforced");
}

int main(void)
{
    test_private();
    test_meminfo();
    test_keys();
    test_attach_flags();
    test_sysctls();
    return tap_done();
}
