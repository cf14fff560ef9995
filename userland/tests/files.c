/*
 * Files on the in-memory root file system: open flags (O_CREAT|O_EXCL,
 * O_TRUNC), read/write/lseek/pread/readv/writev, holes, unlink, stat/fstat/
 * newfstatat, getdents64 and getdents, symlink/readlink, chdir/getcwd, mkdir and open flag
 * errors, a removed current
 * directory, /dev/null and /dev/console, and the errors for bad descriptors
 * and paths.
 * Every file it creates is unlinked again.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

#define FILE_A "/tmp/files-a"
#define BIG (1024 * 1024)

static void test_create(void)
{
    int fd = CHECK_SYS(open(FILE_A, O_WRONLY | O_CREAT | O_EXCL, 0644), "O_CREAT|O_EXCL creates");
    CHECK_EQ_LONG(write(fd, "hello world", 11), 11, "write 11 bytes");
    close(fd);
    CHECK_ERR(open(FILE_A, O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST, "O_EXCL on an existing file");

    struct stat st;
    CHECK_SYS(stat(FILE_A, &st), "stat");
    CHECK_EQ_LONG(st.st_size, 11, "stat size");
    CHECK_EQ_HEX(st.st_mode, S_IFREG | 0644, "stat mode is a 0644 regular file");
    CHECK_EQ_LONG(st.st_nlink, 1, "stat nlink");

    struct stat st2;
    fd = open(FILE_A, O_RDONLY);
    CHECK_SYS(fstat(fd, &st2), "fstat");
    CHECK(st2.st_ino == st.st_ino && st2.st_size == 11 && st2.st_mode == st.st_mode,
          "fstat agrees with stat");
    close(fd);

    int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
    CHECK_SYS(fstatat(dir, "files-a", &st2, 0), "newfstatat relative to a directory fd");
    CHECK_EQ_LONG(st2.st_ino, st.st_ino, "the same inode");
    CHECK_SYS(syscall(SYS_newfstatat, AT_FDCWD, FILE_A, &st2, 0), "newfstatat with AT_FDCWD");
    CHECK_EQ_LONG(st2.st_size, 11, "newfstatat size");
    int fd2 = CHECK_SYS(openat(dir, "files-a", O_RDONLY), "openat relative to a directory fd");
    close(fd2);
    close(dir);
}

static void test_offsets(void)
{
    char buf[32] = "";
    int fd = open(FILE_A, O_RDWR);

    CHECK_EQ_LONG(lseek(fd, 6, SEEK_SET), 6, "lseek SEEK_SET");
    CHECK_EQ_LONG(read(fd, buf, sizeof buf), 5, "read to the end");
    CHECK(memcmp(buf, "world", 5) == 0, "reads 'world'");
    CHECK_EQ_LONG(read(fd, buf, sizeof buf), 0, "read at end of file returns 0");
    CHECK_EQ_LONG(lseek(fd, 0, SEEK_CUR), 11, "SEEK_CUR is at the end");
    CHECK_EQ_LONG(lseek(fd, -5, SEEK_END), 6, "SEEK_END - 5");
    CHECK_EQ_LONG(pread(fd, buf, 5, 0), 5, "pread at 0");
    CHECK(memcmp(buf, "hello", 5) == 0, "pread reads 'hello'");
    CHECK_EQ_LONG(lseek(fd, 0, SEEK_CUR), 6, "pread does not move the offset");
    CHECK_ERR(lseek(fd, -20, SEEK_CUR), EINVAL, "lseek before 0: EINVAL");

    CHECK_EQ_LONG(lseek(fd, 100, SEEK_SET), 100, "lseek past the end");
    CHECK_EQ_LONG(write(fd, "x", 1), 1, "write past the end");
    struct stat st;
    fstat(fd, &st);
    CHECK_EQ_LONG(st.st_size, 101, "the file grew to 101 bytes");
    memset(buf, 'q', sizeof buf);
    CHECK_EQ_LONG(pread(fd, buf, 20, 11), 20, "read the hole");
    CHECK(buf[0] == 0 && buf[19] == 0, "the hole reads as zeros");
    close(fd);
}

static void test_vectors(void)
{
    char a[4], b[16] = "";
    struct iovec out[3] = { { "one ", 4 }, { "two ", 4 }, { "three", 5 } };
    struct iovec in[2] = { { a, sizeof a }, { b, sizeof b } };
    int fd = open(FILE_A, O_RDWR | O_TRUNC);

    struct stat st;
    fstat(fd, &st);
    CHECK_EQ_LONG(st.st_size, 0, "O_TRUNC empties the file");
    CHECK_EQ_LONG(writev(fd, out, 3), 13, "writev of three buffers");
    lseek(fd, 0, SEEK_SET);
    CHECK_EQ_LONG(readv(fd, in, 2), 13, "readv into two buffers");
    CHECK(memcmp(a, "one ", 4) == 0 && memcmp(b, "two three", 9) == 0,
          "readv splits the data in order");
    CHECK_EQ_LONG(syscall(SYS_writev, fd, NULL, 1UL << 32), 0,
                  "writev's count is an unsigned int: 1 << 32 is no entries, 0");
    close(fd);

    struct iovec none = { a, 0 };
    int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
    CHECK_EQ_LONG(readv(dir, &none, 1), 0, "readv of 0 bytes from a directory: 0, not asked");
    CHECK_ERR(readv(dir, in, 2), EISDIR, "readv of some bytes from it: EISDIR");
    close(dir);
}

static void test_big_file(void)
{
    static unsigned char data[BIG], back[BIG];
    for (size_t i = 0; i < BIG; i++)
        data[i] = (unsigned char)(i * 7 + i / 4096);
    int fd = open(FILE_A, O_RDWR | O_TRUNC);
    CHECK_EQ_LONG(write_full(fd, data, BIG), BIG, "write 1 MiB");
    CHECK_EQ_LONG(pread(fd, back, BIG, 0), BIG, "read it back in one pread");
    CHECK(memcmp(data, back, BIG) == 0, "1 MiB round trip");
    /* Pagoda's page cache is an array as long as the file: no room for this one */
    if (on_pagoda())
        CHECK_ERR(pwrite(fd, "x", 1, 1L << 39), ENOMEM, "a write at 512 GiB: ENOMEM (quietly)");
    else
        CHECK_EQ_LONG(pwrite(fd, "x", 1, 1L << 39), 1, "a write at 512 GiB");
    close(fd);
}

static void test_unlink(void)
{
    struct stat st;
    CHECK_SYS(unlink(FILE_A), "unlink");
    CHECK_ERR(stat(FILE_A, &st), ENOENT, "stat after unlink: ENOENT");
    CHECK_ERR(open(FILE_A, O_RDONLY), ENOENT, "open after unlink: ENOENT");
    CHECK_ERR(unlink(FILE_A), ENOENT, "unlink again: ENOENT");

    int fd = open(FILE_A, O_RDWR | O_CREAT, 0600);
    write(fd, "still here", 10);
    unlink(FILE_A);
    char buf[16] = "";
    CHECK_EQ_LONG(pread(fd, buf, sizeof buf, 0), 10, "an unlinked file stays readable while open");
    close(fd);
}

/* The d_type a directory entry should have, from stat. */
static int dtype_of(int dir_fd, const char *name)
{
    struct stat st;
    if (fstatat(dir_fd, name, &st, 0) < 0)
        return -1;
    return S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG :
           S_ISCHR(st.st_mode) ? DT_CHR : DT_UNKNOWN;
}

/* The names getdents64 lists in dir, sorted and space-separated. */
static const char *list_dir(const char *dir, int *types_ok)
{
    static char names[1024];
    char buf[2048], *sorted[64];
    int count = 0, fd = open(dir, O_RDONLY | O_DIRECTORY);
    long n;

    *types_ok = 1;
    while (fd >= 0 && (n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
        for (long off = 0; off < n && count < 64; ) {
            struct dirent *d = (struct dirent *)(buf + off);
            off += d->d_reclen;
            sorted[count++] = strdup(d->d_name);
            if (d->d_type != dtype_of(fd, d->d_name))
                *types_ok = 0;
        }
    }
    close(fd);
    for (int i = 1; i < count; i++)
        for (int j = i; j > 0 && strcmp(sorted[j - 1], sorted[j]) > 0; j--) {
            char *t = sorted[j];
            sorted[j] = sorted[j - 1];
            sorted[j - 1] = t;
        }
    names[0] = 0;
    for (int i = 0; i < count; i++) {
        strcat(names, i ? " " : "");
        strcat(names, sorted[i]);
        free(sorted[i]);
    }
    return names;
}

/* The old getdents(2) record: d_type sits in the record's last byte. */
struct old_dirent {
    unsigned long d_ino, d_off;
    unsigned short d_reclen;
    char d_name[];
};

/* getdents(2) and getdents64(2) list the same entries, inodes, offsets and types. */
static int old_getdents_agrees(const char *dir)
{
    char old[2048], new[2048];
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    long n_old = syscall(SYS_getdents, fd, old, sizeof old), n_new, o = 0, p = 0;

    lseek(fd, 0, SEEK_SET);
    n_new = syscall(SYS_getdents64, fd, new, sizeof new);
    close(fd);
    if (n_old <= 0 || n_new <= 0)
        return 0;
    for (; o < n_old && p < n_new; ) {
        struct old_dirent *a = (struct old_dirent *)(old + o);
        struct dirent *b = (struct dirent *)(new + p);
        if (a->d_ino != b->d_ino || (long)a->d_off != b->d_off ||
            strcmp(a->d_name, b->d_name) || old[o + a->d_reclen - 1] != b->d_type ||
            a->d_reclen % 8)
            return 0;
        o += a->d_reclen;
        p += b->d_reclen;
    }
    return o == n_old && p == n_new;
}

static void test_directories(void)
{
    int types_ok;
    char cwd[256];

    CHECK_STR(list_dir("/", &types_ok), ". .. bench bin dev etc init proc root sbin sys tests tmp",
              "getdents64 lists the root directory");
    CHECK(types_ok, "with d_type matching each entry's stat");
    CHECK_STR(list_dir("/dev", &types_ok), ". .. console null random tty urandom zero",
              "getdents64 lists /dev");
    CHECK(types_ok, "with d_type DT_CHR for the devices");
    CHECK(old_getdents_agrees("/"), "getdents (78) lists / like getdents64, d_type in the last byte");
    {
        char tiny[8];
        int fd = open("/", O_RDONLY | O_DIRECTORY);
        CHECK_ERR(syscall(SYS_getdents, fd, tiny, sizeof tiny), EINVAL,
                  "getdents into a buffer too small for one record: EINVAL");
        close(fd);
    }
    CHECK_ERR(syscall(SYS_getdents, 0, NULL, 0), ENOTDIR, "getdents of a non-directory: ENOTDIR");

    CHECK_SYS(chdir("/tests/helpers"), "chdir");
    CHECK_STR(getcwd(cwd, sizeof cwd), "/tests/helpers", "getcwd");
    struct stat st;
    CHECK_SYS(stat("show", &st), "a relative path resolves in the new cwd");
    CHECK_ERR(chdir("show"), ENOTDIR, "chdir to a file: ENOTDIR");
    CHECK_SYS(chdir(".."), "chdir ..");
    CHECK_STR(getcwd(cwd, sizeof cwd), "/tests", "getcwd after ..");
    chdir("/");
    CHECK_SYS(stat("/tmp", &st), "stat a directory");
    CHECK(S_ISDIR(st.st_mode), "it is a directory");
    CHECK_ERR(syscall(SYS_getcwd, cwd, 1), ERANGE, "getcwd into a too-small buffer: ERANGE");
    CHECK_ERR(mkdir("/tmp", 0755), EEXIST, "mkdir of an existing directory: EEXIST");
    CHECK_ERR(mkdir("/no-such-dir/sub", 0755), ENOENT, "mkdir under a missing parent: ENOENT");
    CHECK_ERR(mkdir("/init/sub", 0755), ENOTDIR, "mkdir under a file: ENOTDIR");
    CHECK_ERR(open("/tmp", O_WRONLY), EISDIR, "open a directory for writing: EISDIR");
    CHECK_ERR(open("/init/x", O_RDONLY), ENOTDIR, "a file as a path component: ENOTDIR");
    CHECK_ERR(open("/no-such-dir/x", O_RDONLY | O_CREAT, 0644), ENOENT, "create in a missing dir");

    int dir = open("/tmp", O_RDONLY | O_DIRECTORY);
    CHECK_EQ_LONG(lseek(dir, 2, SEEK_SET), 2, "lseek on a directory: SEEK_SET to entry 2");
    CHECK_EQ_LONG(lseek(dir, 1, SEEK_CUR), 3, "SEEK_CUR moves on from there");
    CHECK_ERR(lseek(dir, -4, SEEK_CUR), EINVAL, "but not before entry 0: EINVAL");
    CHECK_ERR(lseek(dir, 0, SEEK_END), EINVAL, "SEEK_END on a directory: EINVAL");
    CHECK_ERR(lseek(dir, 0, SEEK_HOLE), EINVAL, "SEEK_HOLE on a directory: EINVAL");
    close(dir);
}

/* Flag combinations open refuses, and O_PATH, which drops the others first. */
static void test_open_flag_errors(void)
{
    int fd;

    CHECK_ERR(open("/tmp/files-none", O_RDWR | O_CREAT | O_DIRECTORY, 0644), EINVAL,
              "O_CREAT | O_DIRECTORY: EINVAL");
    CHECK_ERR(open("/tmp", O_RDWR | (O_TMPFILE & ~O_DIRECTORY), 0644), EINVAL,
              "O_TMPFILE without O_DIRECTORY: EINVAL");
    CHECK_ERR(open("/tmp", O_RDONLY | O_TMPFILE, 0644), EINVAL, "O_TMPFILE read-only: EINVAL");
    CHECK_ERR(open("/tmp/files-none", O_PATH | O_TMPFILE | O_CREAT | O_RDWR, 0644), ENOENT,
              "O_PATH drops O_TMPFILE and O_CREAT: ENOENT");
    fd = open("/tmp", O_PATH | O_TMPFILE | O_CREAT | O_TRUNC | O_RDWR, 0644);
    CHECK(fd >= 0, "and opens a directory as a path");
    CHECK_EQ_LONG(fcntl(fd, F_GETFL) & (O_PATH | O_CREAT | O_TRUNC | O_ACCMODE), O_PATH,
                  "keeping only O_PATH of those flags");
    close(fd);
}

/* The cwd removed under us: it is still there, but nothing can be made in it. */
static void test_removed_directory(void)
{
    char dirents[256];
    struct stat st;
    int fd;

    CHECK_SYS(mkdir("/tmp/files-gone", 0755), "mkdir a directory");
    CHECK_SYS(chdir("/tmp/files-gone"), "chdir into it");
    fd = open(".", O_RDONLY | O_DIRECTORY);
    CHECK_SYS(rmdir("/tmp/files-gone"), "rmdir it while it is the cwd");
    CHECK_SYS(stat(".", &st), "stat . still works");
    CHECK_EQ_LONG(st.st_nlink, 0, "with no links left");
    CHECK_ERR(open("f", O_RDWR | O_CREAT, 0644), ENOENT, "creating a file in it: ENOENT");
    CHECK_ERR(mkdir("d", 0755), ENOENT, "mkdir in it: ENOENT");
    CHECK_ERR(open("f", O_RDONLY), ENOENT, "and nothing is there");
    CHECK_ERR(syscall(SYS_getdents64, fd, dirents, sizeof dirents), ENOENT,
              "getdents64 of it: ENOENT, not even . and ..");
    close(fd);
    CHECK_SYS(chdir("/"), "chdir out");
    CHECK_ERR(stat("/tmp/files-gone", &st), ENOENT, "its name is gone");
}

static void test_devices(void)
{
    struct stat st;
    char buf[8];
    int fd = CHECK_SYS(open("/dev/null", O_RDWR), "open /dev/null");

    CHECK_EQ_LONG(write(fd, "discarded", 9), 9, "writes to /dev/null succeed");
    CHECK_EQ_LONG(read(fd, buf, sizeof buf), 0, "reads from /dev/null return 0");
    fstat(fd, &st);
    CHECK(S_ISCHR(st.st_mode), "/dev/null is a character device");
    CHECK(major(st.st_rdev) == 1 && minor(st.st_rdev) == 3, "/dev/null is 1:3");
    close(fd);
    CHECK(stat("/dev/console", &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 5 &&
          minor(st.st_rdev) == 1, "/dev/console is char 5:1");

    char zeros[100];
    memset(zeros, 'x', sizeof zeros);
    fd = CHECK_SYS(open("/dev/zero", O_RDWR), "open /dev/zero");
    CHECK_EQ_LONG(read(fd, zeros, sizeof zeros), 100, "reads from /dev/zero fill the buffer");
    CHECK(zeros[0] == 0 && zeros[99] == 0 && !memcmp(zeros, zeros + 1, 99), "with zeros");
    CHECK_EQ_LONG(write(fd, "gone", 4), 4, "writes to /dev/zero succeed");
    fstat(fd, &st);
    CHECK(S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == 5,
          "/dev/zero is char 1:5");
    close(fd);
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    return lstat(path, &st) ? (mode_t)-1 : st.st_mode;
}

/* The *at calls, creat, truncate, fchdir, fsync, chmod and chown. */
static void test_attributes(void)
{
    struct stat st;
    char cwd[64];
    int fd, dir, p[2];

    fd = CHECK_SYS(creat("/tmp/attr", 0640), "creat");
    CHECK_EQ_LONG(write(fd, "0123456789", 10), 10, "creat opens for writing");
    CHECK_EQ_HEX(fcntl(fd, F_GETFL) & O_ACCMODE, O_WRONLY, "write-only");
    CHECK_SYS(fsync(fd), "fsync of a RAM file");
    CHECK_SYS(fdatasync(fd), "fdatasync of a RAM file");
    pipe(p);
    CHECK_ERR(fsync(p[0]), EINVAL, "fsync of a pipe: EINVAL");
    CHECK_ERR(fsync(99), EBADF, "fsync of a closed fd: EBADF");
    close(p[0]);
    close(p[1]);

    CHECK_SYS(truncate("/tmp/attr", 4), "truncate by name");
    CHECK(stat("/tmp/attr", &st) == 0 && st.st_size == 4, "the file is 4 bytes now");
    CHECK_ERR(truncate("/tmp", 0), EISDIR, "truncate a directory: EISDIR");
    CHECK_ERR(truncate("/tmp/attr", -1), EINVAL, "a negative length: EINVAL");
    CHECK_ERR(truncate("/dev/null", 0), EINVAL, "truncate a device: EINVAL");

    CHECK_SYS(fchmod(fd, 04755), "fchmod");
    CHECK_EQ_HEX(mode_of("/tmp/attr"), S_IFREG | 04755, "sets the mode, set-user-ID included");
    CHECK_SYS(chmod("/tmp/attr", 0600), "chmod");
    CHECK_EQ_HEX(mode_of("/tmp/attr"), S_IFREG | 0600, "and again");
    CHECK_SYS(fchmodat(AT_FDCWD, "/tmp/attr", 06750, 0), "fchmodat");
    CHECK_SYS(chown("/tmp/attr", 12, 34), "chown");
    CHECK(stat("/tmp/attr", &st) == 0 && st.st_uid == 12 && st.st_gid == 34,
          "the owner and group change");
    CHECK_EQ_HEX(mode_of("/tmp/attr"), S_IFREG | 0750,
                 "chown drops set-user-ID and (group-executable) set-group-ID");
    CHECK_SYS(fchown(fd, -1, 56), "fchown of the group only");
    CHECK(stat("/tmp/attr", &st) == 0 && st.st_uid == 12 && st.st_gid == 56, "-1 keeps the owner");
    CHECK_SYS(symlink("/tmp/attr", "/tmp/attr-link"), "a link to it");
    CHECK_SYS(lchown("/tmp/attr-link", 7, 7), "lchown changes the link itself");
    CHECK(lstat("/tmp/attr-link", &st) == 0 && st.st_uid == 7 && stat("/tmp/attr", &st) == 0 &&
          st.st_uid == 12, "and not the file");
    CHECK_SYS(fchownat(AT_FDCWD, "/tmp/attr-link", 0, 0, 0), "fchownat follows by default");
    CHECK(stat("/tmp/attr", &st) == 0 && st.st_uid == 0 && st.st_gid == 0, "the file is root's");
    CHECK_ERR(fchownat(AT_FDCWD, "/tmp/attr", 0, 0, 0x8000), EINVAL, "fchownat, bad flag: EINVAL");
    close(fd);

    CHECK_SYS(access("/tmp/attr", R_OK | W_OK | X_OK), "access: root may do anything, x is set");
    CHECK_SYS(faccessat(AT_FDCWD, "/tmp/attr", X_OK, 0), "faccessat");
    chmod("/tmp/attr", 0600);
    CHECK_ERR(faccessat(AT_FDCWD, "/tmp/attr", X_OK, 0), EACCES, "no x bit: EACCES even for root");
    CHECK_ERR(syscall(SYS_faccessat2, AT_FDCWD, "/tmp/attr", R_OK, 0x4000), EINVAL,
              "faccessat2, unknown flag: EINVAL");
    CHECK_SYS(syscall(SYS_faccessat2, AT_FDCWD, "/tmp/attr-link", R_OK, AT_SYMLINK_NOFOLLOW),
              "faccessat2 AT_SYMLINK_NOFOLLOW");

    CHECK_SYS(mkdirat(AT_FDCWD, "/tmp/attr-dir", 0755), "mkdirat");
    dir = open("/tmp/attr-dir", O_RDONLY | O_DIRECTORY);
    CHECK_SYS(fchdir(dir), "fchdir");
    CHECK_STR(getcwd(cwd, sizeof cwd), "/tmp/attr-dir", "the cwd is that directory");
    CHECK_SYS(mkdirat(dir, "sub", 0700), "mkdirat relative to a directory fd");
    CHECK(S_ISDIR(mode_of("/tmp/attr-dir/sub")), "made there");
    CHECK_ERR(unlinkat(dir, "sub", 0), EISDIR, "unlinkat of a directory without AT_REMOVEDIR");
    CHECK_SYS(unlinkat(dir, "sub", AT_REMOVEDIR), "unlinkat AT_REMOVEDIR");
    CHECK_ERR(unlinkat(dir, "sub", 0x8000), EINVAL, "unlinkat, bad flag: EINVAL");
    CHECK_ERR(fchdir(fileno(stdout) + 100), EBADF, "fchdir of a closed fd: EBADF");
    fd = open("/tmp/attr", O_RDONLY);
    CHECK_ERR(fchdir(fd), ENOTDIR, "fchdir to a file: ENOTDIR");
    close(fd);
    chdir("/");
    close(dir);
    CHECK_SYS(unlinkat(AT_FDCWD, "/tmp/attr-dir", AT_REMOVEDIR), "rmdir by unlinkat");
    CHECK_SYS(unlinkat(AT_FDCWD, "/tmp/attr-link", 0), "unlink by unlinkat");
    unlink("/tmp/attr");
}

static void test_symlinks(void)
{
    char buf[64], want[16];
    struct stat st;
    long n;

    CHECK_SYS(symlink("/tests/helpers/show", "/tmp/lnk"), "symlink");
    n = readlink("/tmp/lnk", buf, sizeof buf);
    CHECK(n == 19 && !memcmp(buf, "/tests/helpers/show", 19), "readlink gives the target, no NUL");
    CHECK_EQ_LONG(readlink("/tmp/lnk", buf, 5), 5, "a small buffer: the target is cut");
    CHECK(!memcmp(buf, "/test", 5), "to its first bytes");
    CHECK(lstat("/tmp/lnk", &st) == 0 && S_ISLNK(st.st_mode) && st.st_size == 19,
          "lstat sees the link, its size is the target's length");
    CHECK(stat("/tmp/lnk", &st) == 0 && S_ISREG(st.st_mode), "stat follows it");
    CHECK_ERR(symlink("x", "/tmp/lnk"), EEXIST, "a link over an existing name: EEXIST");
    CHECK_ERR(symlink("", "/tmp/lnk2"), ENOENT, "an empty target: ENOENT");
    CHECK_ERR(readlink("/init", buf, sizeof buf), EINVAL, "readlink of a regular file: EINVAL");
    CHECK_ERR(syscall(SYS_readlink, "/tmp/lnk", buf, 0), EINVAL, "readlink into 0 bytes: EINVAL");
    CHECK_ERR(readlink("/tmp/none", buf, sizeof buf), ENOENT, "readlink of nothing: ENOENT");
    CHECK_ERR(readlink("/tmp/lnk", (char *)8, 16), EFAULT, "readlink into a bad buffer: EFAULT");
    CHECK_SYS(symlinkat("show", AT_FDCWD, "/tmp/rel"), "symlinkat with a relative target");
    CHECK_EQ_LONG(readlinkat(AT_FDCWD, "/tmp/rel", buf, sizeof buf), 4, "readlinkat");
    CHECK_ERR(stat("/tmp/rel", &st), ENOENT, "a relative target resolves from the link's dir");
    snprintf(want, sizeof want, "%d", getpid());
    n = readlink("/proc/self", buf, sizeof buf);
    CHECK(n == (long)strlen(want) && !memcmp(buf, want, n), "/proc/self reads as our pid");
    unlink("/tmp/lnk");
    unlink("/tmp/rel");
    CHECK_ERR(lstat("/tmp/lnk", &st), ENOENT, "unlink removes the link");
}

static void test_bad_fds(void)
{
    struct stat st;
    char buf[4];
    int fd = open("/tests/files", O_RDONLY);
    CHECK_ERR(write(fd, "x", 1), EBADF, "write to an O_RDONLY fd: EBADF");
    close(fd);
    CHECK_ERR(read(fd, buf, 1), EBADF, "read from a closed fd: EBADF");
    CHECK_ERR(close(fd), EBADF, "close of a closed fd: EBADF");
    CHECK_ERR(close(-1), EBADF, "close(-1): EBADF");
    CHECK_ERR(fstat(999, &st), EBADF, "fstat of fd 999: EBADF");
    fd = open("/dev/null", O_WRONLY);
    CHECK_ERR(read(fd, buf, 1), EBADF, "read from an O_WRONLY fd: EBADF");
    close(fd);
}

int main(void)
{
    test_create();
    test_offsets();
    test_vectors();
    test_big_file();
    test_unlink();
    test_directories();
    test_removed_directory();
    test_open_flag_errors();
    test_devices();
    test_attributes();
    test_symlinks();
    test_bad_fds();
    return tap_done();
}
