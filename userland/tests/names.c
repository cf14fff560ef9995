/*
 * Moving and naming files: rename, renameat2 (RENAME_NOREPLACE,
 * RENAME_EXCHANGE), link and linkat, mknod and mkfifo (a FIFO works as a
 * pipe between two openers; a device node reaches its driver), the time
 * setters utimensat, futimens, utimes, and statfs/fstatfs -- with Linux's
 * errors in Linux's order.
 */
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "test.h"

#define DIR "/tmp/names"

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE (1 << 1)
#endif

static long renameat2_(const char *from, const char *to, unsigned int flags)
{
    return syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, flags);
}

/* Create (or truncate) a file holding text. */
static void put_file(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    write(fd, text, strlen(text));
    close(fd);
}

/* The contents of a small file ("" if it cannot be read). */
static const char *contents(const char *path)
{
    static char buf[64];
    ssize_t n = read_file(path, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    return buf;
}

static ino_t ino_of(const char *path)
{
    struct stat st;
    return lstat(path, &st) ? 0 : st.st_ino;
}

static void test_rename(void)
{
    struct stat st;
    put_file(DIR "/a", "A");
    put_file(DIR "/c", "C");
    ino_t a = ino_of(DIR "/a");

    CHECK_SYS(rename(DIR "/a", DIR "/b"), "rename a file");
    CHECK_ERR(access(DIR "/a", F_OK), ENOENT, "the old name is gone");
    CHECK(ino_of(DIR "/b") == a && !strcmp(contents(DIR "/b"), "A"), "the new name is the same file");
    int fd = open(DIR "/c", O_RDONLY);
    CHECK_SYS(rename(DIR "/b", DIR "/c"), "rename over an existing file");
    CHECK(ino_of(DIR "/c") == a, "the target name now names the moved file");
    char buf[4] = "";
    fstat(fd, &st);
    CHECK(read(fd, buf, 3) == 1 && buf[0] == 'C' && st.st_nlink == 0,
          "the replaced file lives on, unlinked, while open");
    close(fd);

    mkdir(DIR "/d1", 0755);
    mkdir(DIR "/d1/sub", 0755);
    mkdir(DIR "/empty", 0755);
    mkdir(DIR "/full", 0755);
    put_file(DIR "/full/x", "x");
    stat(DIR, &st);
    nlink_t links = st.st_nlink;
    CHECK_ERR(rename(DIR "/c", DIR "/d1"), EISDIR, "a file over a directory: EISDIR");
    CHECK_ERR(rename(DIR "/d1", DIR "/c"), ENOTDIR, "a directory over a file: ENOTDIR");
    CHECK_ERR(rename(DIR "/d1", DIR "/full"), ENOTEMPTY, "over a non-empty directory: ENOTEMPTY");
    CHECK_ERR(rename(DIR "/d1", DIR "/d1/sub/in"), EINVAL, "into its own subtree: EINVAL");
    CHECK_ERR(rename(DIR "/d1/sub", DIR "/d1"), ENOTEMPTY, "over its own parent: ENOTEMPTY");
    CHECK_ERR(rename(DIR "/none", DIR "/x"), ENOENT, "a missing source: ENOENT");
    CHECK_ERR(rename(DIR "/c/", DIR "/c2"), ENOTDIR, "a file named with a trailing slash: ENOTDIR");
    CHECK_ERR(rename(DIR "/c", DIR "/c2/"), ENOTDIR, "to a name with a trailing slash: ENOTDIR");
    CHECK_ERR(rename(DIR "/.", DIR "/x"), EBUSY, "renaming \".\": EBUSY");
    CHECK_ERR(rename(DIR "/c", "/proc/c"), EXDEV, "across mounts: EXDEV");
    CHECK_SYS(rename(DIR "/d1", DIR "/empty"), "a directory over an empty directory");
    CHECK(access(DIR "/empty/sub", F_OK) == 0, "its contents moved with it");
    stat(DIR, &st);
    CHECK_EQ_LONG(st.st_nlink, links - 1, "the parent lost the replaced directory's link");
    CHECK_SYS(rename(DIR "/empty", DIR "/full/moved"), "a directory into another directory");
    stat(DIR "/full", &st);
    CHECK_EQ_LONG(st.st_nlink, 3, "the new parent counts its \"..\"");
    CHECK_SYS(link(DIR "/c", DIR "/c-link"), "link, for renaming a file onto itself");
    CHECK_SYS(rename(DIR "/c", DIR "/c-link"), "rename onto another name of the same file");
    CHECK(access(DIR "/c", F_OK) == 0 && access(DIR "/c-link", F_OK) == 0, "does nothing");

    put_file(DIR "/p", "P");
    put_file(DIR "/q", "Q");
    CHECK_ERR(renameat2_(DIR "/p", DIR "/q", RENAME_NOREPLACE), EEXIST, "RENAME_NOREPLACE: EEXIST");
    CHECK_SYS(renameat2_(DIR "/p", DIR "/r", RENAME_NOREPLACE), "RENAME_NOREPLACE to a new name");
    CHECK_SYS(renameat2_(DIR "/r", DIR "/q", RENAME_EXCHANGE), "RENAME_EXCHANGE");
    CHECK(!strcmp(contents(DIR "/r"), "Q") && !strcmp(contents(DIR "/q"), "P"), "swaps the two");
    CHECK_SYS(renameat2_(DIR "/r", DIR "/full", RENAME_EXCHANGE), "a file and a directory swap");
    CHECK(!strcmp(contents(DIR "/full"), "Q") && access(DIR "/r/x", F_OK) == 0, "both moved");
    CHECK_ERR(renameat2_(DIR "/q", DIR "/none", RENAME_EXCHANGE), ENOENT, "EXCHANGE with no target");
    CHECK_ERR(renameat2_(DIR "/q", DIR "/r", RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL,
              "EXCHANGE | NOREPLACE: EINVAL");
    CHECK_ERR(renameat2_(DIR "/q", DIR "/r", 1 << 5), EINVAL, "an unknown flag: EINVAL");
    CHECK_ERR(syscall(SYS_renameat, -1, "x", AT_FDCWD, "y"), EBADF, "renameat with a bad fd: EBADF");
}

static void test_link(void)
{
    struct stat st;
    put_file(DIR "/t", "T");
    CHECK_SYS(link(DIR "/t", DIR "/t2"), "link");
    stat(DIR "/t2", &st);
    CHECK(st.st_ino == ino_of(DIR "/t") && st.st_nlink == 2, "one file, two links");
    unlink(DIR "/t");
    stat(DIR "/t2", &st);
    CHECK(st.st_nlink == 1 && !strcmp(contents(DIR "/t2"), "T"), "the other name keeps it");
    CHECK_ERR(link(DIR "/r", DIR "/dl"), EPERM, "a directory: EPERM");
    CHECK_ERR(link(DIR "/t2", DIR "/q"), EEXIST, "onto an existing name: EEXIST");
    CHECK_ERR(link(DIR "/none", DIR "/n2"), ENOENT, "a missing file: ENOENT");
    CHECK_ERR(link("/proc/self/stat", DIR "/st"), EXDEV, "across mounts: EXDEV");
    symlink("t2", DIR "/sl");
    CHECK_SYS(linkat(AT_FDCWD, DIR "/sl", AT_FDCWD, DIR "/sl-nofollow", 0), "linkat a symlink");
    CHECK(lstat(DIR "/sl-nofollow", &st) == 0 && S_ISLNK(st.st_mode), "links the symlink itself");
    CHECK_SYS(linkat(AT_FDCWD, DIR "/sl", AT_FDCWD, DIR "/sl-follow", AT_SYMLINK_FOLLOW),
              "linkat AT_SYMLINK_FOLLOW");
    CHECK(ino_of(DIR "/sl-follow") == ino_of(DIR "/t2"), "links what it points to");
    CHECK_ERR(linkat(AT_FDCWD, DIR "/t2", AT_FDCWD, DIR "/x", 0x8), EINVAL, "a bad flag: EINVAL");
}

/* The writer end of the FIFO test: opens (waiting for the reader), writes, exits. */
static int fifo_writer(void *arg)
{
    (void)arg;
    int fd = open(DIR "/fifo", O_WRONLY);
    return fd < 0 || write(fd, "through the fifo", 16) != 16 ? 1 : 0;
}

static void test_mknod(void)
{
    struct stat st;
    char buf[32] = "";
    CHECK_SYS(mkfifo(DIR "/fifo", 0600), "mkfifo");
    CHECK(stat(DIR "/fifo", &st) == 0 && S_ISFIFO(st.st_mode) && (st.st_mode & 0777) == 0600,
          "a FIFO node, mode 0600");
    CHECK_ERR(open(DIR "/fifo", O_WRONLY | O_NONBLOCK), ENXIO, "O_WRONLY|O_NONBLOCK, no reader: ENXIO");
    pid_t pid = spawn(fifo_writer, NULL);
    int fd = CHECK_SYS(open(DIR "/fifo", O_RDONLY), "a reader opens (the writer waited for it)");
    CHECK_EQ_LONG(read_full(fd, buf, sizeof buf), 16, "reads what the other process wrote, then EOF");
    CHECK_STR(buf, "through the fifo", "the bytes");
    CHECK_EXIT(wait_for(pid), 0, "the writer");
    CHECK_ERR(lseek(fd, 0, SEEK_SET), ESPIPE, "lseek on a FIFO: ESPIPE");
    close(fd);
    fd = CHECK_SYS(open(DIR "/fifo", O_RDONLY | O_NONBLOCK), "O_RDONLY|O_NONBLOCK does not wait");
    int rw = CHECK_SYS(open(DIR "/fifo", O_RDWR), "O_RDWR does not wait");
    write(rw, "xy", 2);
    CHECK_EQ_LONG(read(fd, buf, sizeof buf), 2, "one pipe for all openers");
    close(rw);
    close(fd);

    CHECK_SYS(mknod(DIR "/null", S_IFCHR | 0666, makedev(1, 3)), "mknod a character device");
    CHECK(stat(DIR "/null", &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3),
          "st_rdev 1:3");
    fd = open(DIR "/null", O_RDWR);
    CHECK(fd >= 0 && write(fd, "gone", 4) == 4 && read(fd, buf, 4) == 0, "it is /dev/null");
    close(fd);
    CHECK_SYS(mknod(DIR "/plain", 0644, 0), "mknod without a type");
    CHECK(stat(DIR "/plain", &st) == 0 && S_ISREG(st.st_mode), "makes a regular file");
    CHECK_ERR(mknod(DIR "/dir", S_IFDIR | 0755, 0), EPERM, "a directory: EPERM");
    CHECK_ERR(mknod(DIR "/lnk", S_IFLNK | 0777, 0), EINVAL, "a symlink type: EINVAL");
    CHECK_ERR(mknod(DIR "/null", S_IFIFO | 0600, 0), EEXIST, "an existing name: EEXIST");
    CHECK_ERR(syscall(SYS_mknodat, -1, "x", S_IFIFO | 0600, 0), EBADF, "mknodat, bad fd: EBADF");
}

static void test_times(void)
{
    struct stat st;
    struct timespec t[2] = { { 1000, 500 }, { 2000, 600 } };
    put_file(DIR "/time", "x");
    CHECK_SYS(utimensat(AT_FDCWD, DIR "/time", t, 0), "utimensat");
    stat(DIR "/time", &st);
    CHECK(st.st_atim.tv_sec == 1000 && st.st_atim.tv_nsec == 500 &&
          st.st_mtim.tv_sec == 2000 && st.st_mtim.tv_nsec == 600, "sets both times exactly");
    CHECK(st.st_ctim.tv_sec > 2000, "and the change time to now");
    struct timespec omit[2] = { { 5, UTIME_OMIT }, { 3000, 0 } };
    int fd = open(DIR "/time", O_RDONLY);
    CHECK_SYS(futimens(fd, omit), "futimens with UTIME_OMIT");
    fstat(fd, &st);
    CHECK(st.st_atim.tv_sec == 1000 && st.st_mtim.tv_sec == 3000, "keeps the omitted time");
    struct timespec now[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
    time_t before = time(NULL);
    futimens(fd, now);
    fstat(fd, &st);
    CHECK(st.st_atim.tv_sec >= before && st.st_mtim.tv_sec == 3000, "UTIME_NOW: now");
    close(fd);
    struct timeval tv[2] = { { 10, 7 }, { 20, 8 } };
    CHECK_SYS(utimes(DIR "/time", tv), "utimes");
    stat(DIR "/time", &st);
    CHECK(st.st_atim.tv_nsec == 7000 && st.st_mtim.tv_sec == 20 && st.st_mtim.tv_nsec == 8000,
          "microseconds");
    struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
    CHECK_ERR(utimensat(AT_FDCWD, DIR "/time", bad, 0), EINVAL, "nsec out of range: EINVAL");
    CHECK_ERR(utimensat(AT_FDCWD, DIR "/time", t, 0x4), EINVAL, "a bad flag: EINVAL");
    CHECK_ERR(utimensat(AT_FDCWD, DIR "/none", t, 0), ENOENT, "a missing file: ENOENT");
    struct timespec omit2[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
    CHECK_SYS(utimensat(AT_FDCWD, DIR "/none", omit2, 0), "both omitted: nothing checked, 0");
    CHECK_SYS(utimensat(AT_FDCWD, DIR "/sl", t, AT_SYMLINK_NOFOLLOW), "AT_SYMLINK_NOFOLLOW");
    lstat(DIR "/sl", &st);
    CHECK(st.st_mtim.tv_sec == 2000, "sets the symlink's own times");
    CHECK_SYS(utimensat(AT_FDCWD, DIR "/time", NULL, 0), "NULL times: now");
    stat(DIR "/time", &st);
    CHECK(st.st_mtim.tv_sec >= before, "the modification time is now");
}

static void test_statfs(void)
{
    struct statfs sf;
    int p[2];
    CHECK_SYS(statfs("/proc", &sf), "statfs /proc");
    CHECK_EQ_HEX(sf.f_type, 0x9fa0, "PROC_SUPER_MAGIC");
    comparable("statfs /proc: bsize=%ld namelen=%ld blocks=%ld flags=%#lx", (long)sf.f_bsize,
               (long)sf.f_namelen, (long)sf.f_blocks, (long)sf.f_flags);
    CHECK_SYS(statfs("/sys", &sf), "statfs /sys");
    CHECK_EQ_HEX(sf.f_type, 0x62656572, "SYSFS_MAGIC");
    pipe(p);
    CHECK_SYS(fstatfs(p[0], &sf), "fstatfs of a pipe");
    CHECK_EQ_HEX(sf.f_type, 0x50495045, "PIPEFS_MAGIC");
    close(p[0]);
    close(p[1]);
    CHECK_SYS(statfs("/tmp", &sf), "statfs /tmp");
    comparable("statfs /tmp: bsize=%ld namelen=%ld", (long)sf.f_bsize, (long)sf.f_namelen);
    CHECK_ERR(statfs("/none", &sf), ENOENT, "a missing path: ENOENT");
    CHECK_ERR(fstatfs(-1, &sf), EBADF, "a bad fd: EBADF");
    CHECK_ERR(syscall(SYS_statfs, "/proc", (void *)1), EFAULT, "a bad buffer: EFAULT");
}

static int remove_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)type, (void)ftw;
    return remove(path);
}

int main(void)
{
    mkdir(DIR, 0755);
    test_rename();
    test_link();
    test_mknod();
    test_times();
    test_statfs();
    nftw(DIR, remove_one, 8, FTW_DEPTH | FTW_PHYS);
    CHECK_ERR(access(DIR, F_OK), ENOENT, "all cleaned up");
    return tap_done();
}
