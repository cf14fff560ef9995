/*
 * System calls given bad user pointers return -EFAULT (and do not kill the
 * caller or touch kernel memory): buffers, paths, structures and arrays
 * that are unmapped, in the kernel half, or read-only where the kernel
 * must write; a bad descriptor or mode is reported before a bad buffer.
 * Raw syscall() is used so libc cannot intercept the pointer.
 */
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define DATA_FILE "/tmp/efault-data"
#define ARCH_GET_FS 0x1003

static const struct {
    const char *what;
    uintptr_t addr;
} bad_pointers[] = {
    { "an unmapped low address", 0x1000 },
    { "a kernel address", 0xffff888000000000UL },
    { "a freshly unmapped page", 0 }, /* filled in by main */
};
#define NBAD (sizeof bad_pointers / sizeof bad_pointers[0])

static uintptr_t unmapped_page;

static void *bad(size_t i)
{
    return (void *)(bad_pointers[i].addr ? bad_pointers[i].addr : unmapped_page);
}

/* Calls that read user memory. */
static void test_reads_from_user(int fd)
{
    int p[2];
    pipe(p);
    for (size_t i = 0; i < NBAD; i++) {
        const char *w = bad_pointers[i].what;
        struct iovec iov = { bad(i), 8 };
        struct stat st;
        CHECK_ERR(syscall(SYS_write, fd, bad(i), 8), EFAULT, "write from %s", w);
        CHECK_ERR(syscall(SYS_write, p[1], bad(i), 8), EFAULT, "write to a pipe from %s", w);
        CHECK_ERR(syscall(SYS_writev, fd, &iov, 1), EFAULT, "writev of a buffer at %s", w);
        CHECK_ERR(syscall(SYS_writev, fd, bad(i), 1), EFAULT, "writev with its iovec at %s", w);
        CHECK_ERR(syscall(SYS_open, bad(i), O_RDONLY), EFAULT, "open with a path at %s", w);
        CHECK_ERR(syscall(SYS_stat, bad(i), &st), EFAULT, "stat with a path at %s", w);
        CHECK_ERR(syscall(SYS_execve, bad(i), NULL, NULL), EFAULT, "execve with a path at %s", w);
        CHECK_ERR(syscall(SYS_nanosleep, bad(i), NULL), EFAULT, "nanosleep reading %s", w);
        CHECK_ERR(syscall(SYS_rt_sigaction, SIGUSR1, bad(i), NULL, 8), EFAULT,
                  "rt_sigaction reading %s", w);
        CHECK_ERR(syscall(SYS_rt_sigprocmask, SIG_BLOCK, bad(i), NULL, 8), EFAULT,
                  "rt_sigprocmask reading %s", w);
    }
    close(p[0]);
    close(p[1]);
}

/* Calls that write user memory. */
static void test_writes_to_user(int fd, void *readonly)
{
    for (size_t i = 0; i < NBAD; i++) {
        const char *w = bad_pointers[i].what;
        lseek(fd, 0, SEEK_SET);
        CHECK_ERR(syscall(SYS_read, fd, bad(i), 8), EFAULT, "read into %s", w);
        CHECK_ERR(syscall(SYS_pread64, fd, bad(i), 8, 0), EFAULT, "pread into %s", w);
        CHECK_ERR(syscall(SYS_fstat, fd, bad(i)), EFAULT, "fstat into %s", w);
        CHECK_ERR(syscall(SYS_newfstatat, AT_FDCWD, DATA_FILE, bad(i), 0), EFAULT,
                  "newfstatat into %s", w);
        CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, bad(i)), EFAULT,
                  "clock_gettime into %s", w);
        CHECK_ERR(syscall(SYS_pipe, bad(i)), EFAULT, "pipe into %s", w);
        CHECK_ERR(syscall(SYS_uname, bad(i)), EFAULT, "uname into %s", w);
        CHECK_ERR(syscall(SYS_getcwd, bad(i), 64), EFAULT, "getcwd into %s", w);
        CHECK_ERR(syscall(SYS_getrandom, bad(i), 16, 0), EFAULT, "getrandom into %s", w);
        CHECK_ERR(syscall(SYS_arch_prctl, ARCH_GET_FS, bad(i)), EFAULT, "ARCH_GET_FS into %s", w);
        CHECK_ERR(syscall(SYS_prlimit64, 0, RLIMIT_STACK, NULL, bad(i)), EFAULT,
                  "prlimit64 into %s", w);
    }
    lseek(fd, 0, SEEK_SET);
    CHECK_ERR(syscall(SYS_read, fd, readonly, 8), EFAULT, "read into a PROT_READ page");
    CHECK_ERR(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, readonly), EFAULT,
              "clock_gettime into a PROT_READ page");
    int dir = open("/", O_RDONLY | O_DIRECTORY);
    CHECK_ERR(syscall(SYS_getdents64, dir, readonly, 4096), EFAULT, "getdents64 into a PROT_READ page");
    close(dir);
}

/* The descriptor is checked before the buffer, and the whole buffer range. */
static void test_fd_before_buffer(void)
{
    void *kernel = (void *)0xffff888000000000UL;
    struct iovec iov = { kernel, 8 };
    int rd = open(DATA_FILE, O_RDONLY), wr = open(DATA_FILE, O_WRONLY);
    char buf[8];

    CHECK_ERR(syscall(SYS_read, wr, kernel, 8), EBADF, "read of a write-only fd into the kernel: EBADF");
    CHECK_ERR(syscall(SYS_write, rd, kernel, 8), EBADF, "write of a read-only fd from the kernel: EBADF");
    CHECK_ERR(syscall(SYS_readv, wr, NULL, 1), EBADF, "readv of a write-only fd, NULL iovec: EBADF");
    CHECK_ERR(syscall(SYS_writev, rd, &iov, -5), EBADF, "writev of a read-only fd, bad count: EBADF");
    CHECK_ERR(syscall(SYS_getdents64, rd, kernel, 4096), ENOTDIR,
              "getdents64 of a file into the kernel: ENOTDIR");
    CHECK_ERR(syscall(SYS_getdents64, 999, kernel, 4096), EBADF,
              "getdents64 of a closed fd into the kernel: EBADF");
    lseek(rd, 0, SEEK_END);
    CHECK_ERR(syscall(SYS_read, rd, buf, 0xffffffff80000000UL), EFAULT,
              "read at EOF with a count that runs into the kernel: EFAULT");
    CHECK_ERR(syscall(SYS_read, rd, buf, -1L), EFAULT, "and with count -1: EFAULT");
    close(rd);
    close(wr);
}

int main(void)
{
    void *readonly = map_anon(NULL, PAGE_SIZE, PROT_READ, 0);
    /* A hole between two mapped pages (this program maps nothing after it). */
    char *pages = map_anon(NULL, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE, 0);
    pages[PAGE_SIZE] = 1;
    munmap(pages + PAGE_SIZE, PAGE_SIZE);
    unmapped_page = (uintptr_t)pages + PAGE_SIZE;

    int fd = open(DATA_FILE, O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "0123456789abcdef", 16);

    test_reads_from_user(fd);
    test_writes_to_user(fd, readonly);
    test_fd_before_buffer();

    struct stat st;
    fstat(fd, &st);
    CHECK_EQ_LONG(st.st_size, 16, "failed writes did not change the file");
    close(fd);
    unlink(DATA_FILE);
    return tap_done();
}
