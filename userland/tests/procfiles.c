/*
 * /proc files programs read: /proc/PID/fd/ (links named as Linux names
 * them) and fdinfo/ (position, flags, inode), /proc/PID/comm (writable,
 * PR_SET_NAME reflected) and /proc/PID/task/TID/comm, oom_score_adj
 * (stored, checked, inherited), /proc/sys/kernel/pid_max (PIDs stay below
 * it) and tainted, and on Pagoda /proc/config.gz (a valid gzip file of
 * Linux .config lines; Debian's kernel has no CONFIG_IKCONFIG_PROC).
 */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "test.h"

#define FILE_PATH "/tmp/procfiles-data"

static const char *link_of(int fd)
{
    static char target[256];
    char path[64];
    ssize_t n;

    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    n = readlink(path, target, sizeof target - 1);
    target[n < 0 ? 0 : n] = '\0';
    return n < 0 ? "(error)" : target;
}

static unsigned link_mode(int fd)
{
    char path[64];
    struct stat st;

    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    return lstat(path, &st) ? 0 : st.st_mode;
}

/* Is @fd listed in /proc/self/@dir? */
static int listed(const char *dir, int fd)
{
    char path[64], name[16];
    struct dirent *e;
    DIR *d;
    int found = 0;

    snprintf(path, sizeof path, "/proc/self/%s", dir);
    snprintf(name, sizeof name, "%d", fd);
    d = opendir(path);
    while (d && (e = readdir(d)))
        found |= strcmp(e->d_name, name) == 0;
    if (d)
        closedir(d);
    return found;
}

static void test_fd_links(void)
{
    int file = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0644), p[2], ep, null, again;
    char expect[64];
    struct stat st, via;

    CHECK(file >= 0 && pipe(p) == 0, "a file and a pipe");
    ep = epoll_create1(0);
    null = open("/dev/null", O_WRONLY);
    CHECK_STR(link_of(file), FILE_PATH, "fd/N of a file: its path");
    fstat(p[0], &st);
    snprintf(expect, sizeof expect, "pipe:[%lu]", (unsigned long)st.st_ino);
    CHECK_STR(link_of(p[0]), expect, "of a pipe: pipe:[ino]");
    CHECK_STR(link_of(p[1]), expect, "both ends");
    CHECK_STR(link_of(ep), "anon_inode:[eventpoll]", "of an epoll fd: anon_inode:[eventpoll]");
    CHECK_STR(link_of(null), "/dev/null", "of /dev/null");
    CHECK_EQ_LONG(link_mode(p[0]), S_IFLNK | 0500, "the read end's link is lr-x------");
    CHECK_EQ_LONG(link_mode(p[1]), S_IFLNK | 0300, "the write end's is l-wx------");
    CHECK_EQ_LONG(link_mode(file), S_IFLNK | 0700, "a read-write file's is lrwx------");
    CHECK(listed("fd", file) && listed("fd", ep) && listed("fd", 0), "fd/ lists the open fds");
    CHECK(listed("fdinfo", p[1]), "and so does fdinfo/");
    fstat(file, &st);
    snprintf(expect, sizeof expect, "/proc/self/fd/%d", file);
    again = open(expect, O_RDONLY);
    CHECK(again >= 0 && fstat(again, &via) == 0 && via.st_ino == st.st_ino,
          "opening fd/N of a file opens that file");
    close(again);
    dup2(null, 60);
    close(null);
    CHECK(listed("fd", 60), "a dup2'd fd is listed");
    close(60);
    CHECK(!listed("fd", 60), "a closed fd is no longer listed");
    snprintf(expect, sizeof expect, "/proc/self/fd/%d", 60);
    CHECK_ERR(open(expect, O_RDONLY), ENOENT, "fd/N of a closed fd: ENOENT");
    comparable("fd links: file path, pipe:[ino] both ends, anon_inode:[eventpoll], /dev/null; "
               "modes 0%o 0%o 0%o", link_mode(p[0]) & 0777, link_mode(p[1]) & 0777,
               link_mode(file) & 0777);
    close(ep);
    close(p[0]);
    close(p[1]);
    close(file);
    unlink(FILE_PATH);
}

/* The "key:\tvalue" line of /proc/self/fdinfo/@fd, value only. */
static const char *fdinfo(int fd, const char *key)
{
    static char line[128];
    char path[64], text[1024];

    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    if (read_file(path, text, sizeof text) < 0 || !find_line(text, key, line, sizeof line))
        return "(none)";
    return line + strlen(key) + 1;
}

static void test_fdinfo(void)
{
    int file = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644), p[2];
    char ino[32], pos[16], flags[16], pflags[2][16];
    struct stat st;

    write(file, "0123456789", 10);
    lseek(file, 5, SEEK_SET);
    fstat(file, &st);
    snprintf(ino, sizeof ino, "%lu", (unsigned long)st.st_ino);
    snprintf(pos, sizeof pos, "%s", fdinfo(file, "pos:"));
    snprintf(flags, sizeof flags, "%s", fdinfo(file, "flags:"));
    CHECK_STR(pos, "5", "fdinfo pos: the file position");
    CHECK_STR(flags, "02100002", "flags: O_RDWR | O_LARGEFILE | O_CLOEXEC, in octal");
    CHECK_STR(fdinfo(file, "ino:"), ino, "ino: the inode number");
    CHECK(strcmp(fdinfo(file, "mnt_id:"), "(none)") != 0, "there is a mnt_id: line");
    pipe2(p, O_NONBLOCK);
    snprintf(pflags[0], sizeof pflags[0], "%s", fdinfo(p[0], "flags:"));
    snprintf(pflags[1], sizeof pflags[1], "%s", fdinfo(p[1], "flags:"));
    CHECK_STR(pflags[0], "04000", "a pipe's read end: O_RDONLY | O_NONBLOCK");
    CHECK_STR(pflags[1], "04001", "its write end: O_WRONLY | O_NONBLOCK");
    comparable("fdinfo: pos %s flags %s; pipe flags %s %s", pos, flags, pflags[0], pflags[1]);
    close(p[0]);
    close(p[1]);
    close(file);
    unlink(FILE_PATH);
}

/* ---- comm ---- */

static const char *comm_of(const char *path)
{
    static char text[64];
    if (read_file(path, text, sizeof text) < 0)
        return "(error)";
    return text;
}

static volatile int thread_named;

static void *named_thread(void *arg)
{
    (void)arg;
    while (!thread_named)
        usleep(1000);
    return NULL;
}

static void test_comm(void)
{
    char name[32] = "", path[64];
    pthread_t th;
    pid_t tid;

    CHECK_STR(comm_of("/proc/self/comm"), "procfiles\n", "/proc/self/comm: the program's name");
    prctl(PR_SET_NAME, "renamed", 0, 0, 0);
    CHECK_STR(comm_of("/proc/self/comm"), "renamed\n", "PR_SET_NAME shows in comm");
    CHECK_EQ_LONG(write_file("/proc/self/comm", "viaproc"), 0, "write to /proc/self/comm");
    prctl(PR_GET_NAME, name, 0, 0, 0);
    CHECK_STR(name, "viaproc", "PR_GET_NAME sees it");
    write_file("/proc/self/comm", "a-name-longer-than-fifteen");
    CHECK_STR(comm_of("/proc/self/comm"), "a-name-longer-t\n", "it keeps 15 bytes");
    snprintf(path, sizeof path, "/proc/%d/comm", getppid());
    CHECK(write_file(path, "x") == -1 && errno == EINVAL, "another process's comm: EINVAL");

    pthread_create(&th, NULL, named_thread, NULL);
    CHECK_EQ_LONG(pthread_setname_np(th, "worker-1"), 0, "pthread_setname_np (task/TID/comm)");
    tid = 0;
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (atoi(e->d_name) > 0 && atoi(e->d_name) != getpid())
            tid = atoi(e->d_name);
    closedir(d);
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", tid);
    CHECK_STR(comm_of(path), "worker-1\n", "the thread's task/TID/comm");
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", getpid());
    CHECK_STR(comm_of(path), "a-name-longer-t\n", "the main thread's is its own");
    thread_named = 1;
    pthread_join(th, NULL);
    write_file("/proc/self/comm", "procfiles");
    comparable("comm: name, PR_SET_NAME, write, 15 bytes, EINVAL for others, thread names");
}

/* ---- oom_score_adj ---- */

static void test_oom_score_adj(void)
{
    int status;

    CHECK_STR(comm_of("/proc/self/oom_score_adj"), "0\n", "oom_score_adj starts at 0");
    CHECK_EQ_LONG(write_file("/proc/self/oom_score_adj", "500\n"), 0, "write 500");
    CHECK_STR(comm_of("/proc/self/oom_score_adj"), "500\n", "reads back");
    pid_t pid = fork();
    if (pid == 0)
        _exit(strcmp(comm_of("/proc/self/oom_score_adj"), "500\n") ? 1 : 0);
    status = wait_for(pid);
    CHECK_EXIT(status, 0, "a child inherits it");
    CHECK_EQ_LONG(write_file("/proc/self/oom_score_adj", "-1000"), 0, "-1000 is allowed");
    CHECK_STR(comm_of("/proc/self/oom_score_adj"), "-1000\n", "reads back");
    CHECK(write_file("/proc/self/oom_score_adj", "1001") == -1 && errno == EINVAL,
          "1001: EINVAL");
    CHECK(write_file("/proc/self/oom_score_adj", "abc") == -1 && errno == EINVAL, "abc: EINVAL");
    CHECK_EQ_LONG(write_file("/proc/self/oom_score_adj", "0"), 0, "back to 0");
    comparable("oom_score_adj: 0, 500 inherited, -1000, 1001 and abc refused");
}

/* ---- /proc/sys/kernel ---- */

static void test_kernel_sysctls(void)
{
    char text[64] = "", tainted[64] = "";
    pid_t pid;

    read_file("/proc/sys/kernel/pid_max", text, sizeof text);
    read_file("/proc/sys/kernel/tainted", tainted, sizeof tainted);
    CHECK_STR(text, "32768\n", "pid_max is 32768");
    CHECK_STR(tainted, "0\n", "tainted is 0");
    CHECK(write_file("/proc/sys/kernel/pid_max", "300") == -1 && errno == EINVAL,
          "pid_max 300: EINVAL (at least 301)");
    CHECK(write_file("/proc/sys/kernel/pid_max", "4194305") == -1 && errno == EINVAL,
          "pid_max above 4194304: EINVAL");
    CHECK_EQ_LONG(write_file("/proc/sys/kernel/pid_max", "1000"), 0, "pid_max 1000");
    int below = 1;
    for (int i = 0; i < 5; i++) {
        pid = fork();
        if (pid == 0)
            _exit(0);
        below &= pid > 0 && pid < 1000;
        wait_for(pid);
    }
    CHECK(below, "new pids are below it");
    CHECK_EQ_LONG(write_file("/proc/sys/kernel/pid_max", "32768"), 0, "put it back");
    comparable("kernel sysctls: pid_max %.*s, tainted %.*s, limits 301..4194304, pids below",
               (int)strcspn(text, "\n"), text, (int)strcspn(tainted, "\n"), tainted);
}

/* ---- /proc/config.gz ---- */

static uint32_t crc32(const unsigned char *p, size_t len)
{
    uint32_t crc = 0xffffffff;
    while (len--) {
        crc ^= *p++;
        for (int bit = 0; bit < 8; bit++)
            crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
    return ~crc;
}

static uint32_t le32(const unsigned char *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Unpack a gzip file of stored deflate blocks: the text's length, or -1. */
static long gunzip_stored(const unsigned char *gz, long n, char *out, long size)
{
    long at = 10, len = 0;
    int final = 0;

    if (n < 18 || gz[0] != 0x1f || gz[1] != 0x8b || gz[2] != 8 || gz[3] != 0)
        return -1;
    while (!final) {
        if (at + 5 > n || (gz[at] & 6) != 0)
            return -1;      /* only stored blocks here */
        final = gz[at] & 1;
        unsigned blen = gz[at + 1] | gz[at + 2] << 8, nlen = gz[at + 3] | gz[at + 4] << 8;
        if ((blen ^ 0xffff) != nlen || at + 5 + blen > n || len + blen > size)
            return -1;
        memcpy(out + len, gz + at + 5, blen);
        len += blen;
        at += 5 + blen;
    }
    if (at + 8 != n || le32(gz + at) != crc32((unsigned char *)out, len) ||
        le32(gz + at + 4) != (uint32_t)len)
        return -1;
    out[len] = '\0';
    return len;
}

static void test_config_gz(void)
{
    static unsigned char gz[1 << 16];
    static char text[1 << 16];
    int fd = open("/proc/config.gz", O_RDONLY);
    long n, len;

    if (on_linux() && fd < 0) {
        SKIP("Debian's kernel has no CONFIG_IKCONFIG_PROC", "/proc/config.gz");
        return;
    }
    n = read_full(fd, gz, sizeof gz);
    close(fd);
    len = gunzip_stored(gz, n, text, sizeof text - 1);
    CHECK(len > 0, "/proc/config.gz is a gzip file with a valid CRC and length");
    CHECK(len > 0 && strstr(text, "\nCONFIG_MMU=y\n"), "CONFIG_MMU=y");
    CHECK(len > 0 && strstr(text, "\n# CONFIG_SWAP is not set\n"), "# CONFIG_SWAP is not set");
    CHECK(len > 0 && strstr(text, "\nCONFIG_IKCONFIG_PROC=y\n"), "CONFIG_IKCONFIG_PROC=y");
}

int main(void)
{
    test_fd_links();
    test_fdinfo();
    test_comm();
    test_oom_score_adj();
    test_kernel_sysctls();
    test_config_gz();
    return tap_done();
}
