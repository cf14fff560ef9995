/*
 * Pipes sized as Linux sizes them: 16 pages (64 KiB) by default, so a
 * program may write 64 KiB before anyone reads; F_GETPIPE_SZ and
 * F_SETPIPE_SZ (rounded up to a power-of-two number of pages, EBUSY when
 * the data does not fit the new size, EBADF for what is not a pipe),
 * /proc/sys/fs/pipe-max-size, and writes of up to PIPE_BUF bytes that are
 * atomic (all or nothing with O_NONBLOCK, never interleaved between
 * writers).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

static char buf[1 << 20], got[1 << 20];

static void fill_pattern(char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (char)(i * 7 + seed);
}

/* Write all of @n bytes with O_NONBLOCK until EAGAIN: how many went in. */
static long fill_nonblock(int fd, size_t n)
{
    long total = 0, r;
    while ((size_t)total < n && (r = write(fd, buf + total, n - total)) > 0)
        total += r;
    return total;
}

static void test_default_size(void)
{
    int p[2], status = -1;
    pid_t pid;

    CHECK_SYS(pipe2(p, O_NONBLOCK), "pipe2(O_NONBLOCK)");
    CHECK_EQ_LONG(fcntl(p[0], F_GETPIPE_SZ), 65536, "a new pipe holds 64 KiB (read end)");
    CHECK_EQ_LONG(fcntl(p[1], F_GETPIPE_SZ), 65536, "and the write end says so too");
    fill_pattern(buf, 100000, 1);
    CHECK_EQ_LONG(fill_nonblock(p[1], 100000), 65536, "64 KiB go in without a reader");
    CHECK_ERR(write(p[1], buf, 1), EAGAIN, "then it is full: EAGAIN");
    CHECK_EQ_LONG(read_full(p[0], got, 65536), 65536, "and all of it reads back");
    CHECK(memcmp(buf, got, 65536) == 0, "in order");
    close(p[0]);
    close(p[1]);

    /* A blocking writer of 64 KiB finishes before anyone reads. */
    CHECK_SYS(pipe(p), "pipe");
    pid = fork();
    if (pid == 0)
        _exit(write_full(p[1], buf, 65536) == 65536 ? 0 : 1);
    for (int i = 0; i < 500 && waitpid(pid, &status, WNOHANG) != pid; i++) {
        struct timespec ts = { 0, 10 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    if (status == -1) {
        kill(pid, SIGKILL);
        wait_for(pid);
    }
    CHECK_EXIT(status, 0, "a child writes 64 KiB and exits before the parent reads");
    CHECK_EQ_LONG(read_full(p[0], got, 65536), 65536, "the parent then reads it all");
    close(p[0]);
    close(p[1]);
    comparable("default: F_GETPIPE_SZ 65536, 64 KiB written without a reader");
}

static void test_set_size(void)
{
    int p[2], file;
    long sizes[6];

    CHECK_SYS(pipe2(p, O_NONBLOCK), "pipe2");
    sizes[0] = fcntl(p[1], F_SETPIPE_SZ, 0);
    sizes[1] = fcntl(p[1], F_SETPIPE_SZ, 5000);
    sizes[2] = fcntl(p[0], F_GETPIPE_SZ);
    sizes[3] = fcntl(p[1], F_SETPIPE_SZ, 1 << 20);
    CHECK_EQ_LONG(sizes[0], 4096, "F_SETPIPE_SZ 0: one page");
    CHECK_EQ_LONG(sizes[1], 8192, "5000: rounded up to two pages");
    CHECK_EQ_LONG(sizes[2], 8192, "F_GETPIPE_SZ on the other end agrees");
    CHECK_EQ_LONG(sizes[3], 1 << 20, "1 MiB (pipe-max-size)");
    fill_pattern(buf, sizeof buf, 2);
    CHECK_EQ_LONG(fill_nonblock(p[1], sizeof buf), 1 << 20, "a 1 MiB pipe holds 1 MiB");
    CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, 65536), EBUSY, "it cannot shrink below its data: EBUSY");
    CHECK_EQ_LONG(read_full(p[0], got, 1 << 20), 1 << 20, "the data reads back");
    CHECK(memcmp(buf, got, 1 << 20) == 0, "intact");

    /* Resizing keeps the bytes in the pipe, wherever they sit in the ring. */
    sizes[4] = fcntl(p[1], F_SETPIPE_SZ, 65536);
    CHECK_EQ_LONG(fill_nonblock(p[1], 65536 - 100), 65536 - 100, "fill a 64 KiB pipe");
    CHECK_EQ_LONG(read(p[0], got, 65536 - 100 - 12388), 65536 - 100 - 12388,
                  "read all but 12388 bytes");
    CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, 8192), EBUSY, "12388 bytes span 4 pages: 8 KiB is EBUSY");
    sizes[5] = fcntl(p[1], F_SETPIPE_SZ, 16384);
    CHECK_EQ_LONG(sizes[5], 16384, "16 KiB fits them");
    CHECK_EQ_LONG(read(p[0], got, 65536), 12388, "they read back");
    CHECK(memcmp(got, buf + 65536 - 100 - 12388, 12388) == 0, "in order");
    CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, 0x80000001u), EINVAL, "above 2 GiB: EINVAL");
    file = open("/dev/null", O_WRONLY);
    CHECK_ERR(fcntl(file, F_GETPIPE_SZ), EBADF, "F_GETPIPE_SZ of a non-pipe: EBADF");
    CHECK_ERR(fcntl(file, F_SETPIPE_SZ, 4096), EBADF, "F_SETPIPE_SZ of a non-pipe: EBADF");
    close(file);
    close(p[0]);
    close(p[1]);
    comparable("F_SETPIPE_SZ: %ld %ld %ld %ld %ld %ld", sizes[0], sizes[1], sizes[2], sizes[3],
               sizes[4], sizes[5]);
}

static void test_pipe_max_size(void)
{
    char text[64] = "";

    read_file("/proc/sys/fs/pipe-max-size", text, sizeof text);
    CHECK_STR(text, "1048576\n", "/proc/sys/fs/pipe-max-size");
    CHECK_EQ_LONG(write_file("/proc/sys/fs/pipe-max-size", "5000"), 0, "write 5000 to it");
    read_file("/proc/sys/fs/pipe-max-size", text, sizeof text);
    CHECK_STR(text, "8192\n", "it is rounded as F_SETPIPE_SZ rounds");
    CHECK(write_file("/proc/sys/fs/pipe-max-size", "0") == 0 || errno == EINVAL,
          "0 is rounded up to a page");
    read_file("/proc/sys/fs/pipe-max-size", text, sizeof text);
    CHECK_STR(text, "4096\n", "one page");
    CHECK_EQ_LONG(write_file("/proc/sys/fs/pipe-max-size", "1048576"), 0, "put it back");
    comparable("pipe-max-size: default 1048576, 5000 -> 8192, 0 -> 4096");
}

static void test_atomic(void)
{
    int p[2];

    CHECK_SYS(pipe2(p, O_NONBLOCK), "pipe2");
    fcntl(p[1], F_SETPIPE_SZ, 8192);
    CHECK_EQ_LONG(fill_nonblock(p[1], 8192 - 100), 8192 - 100, "100 bytes short of full");
    CHECK_ERR(write(p[1], buf, 4096), EAGAIN, "a 4096-byte write (PIPE_BUF) does not go in part");
    CHECK_ERR(write(p[1], buf, 101), EAGAIN, "nor does a 101-byte one");
    CHECK_EQ_LONG(write(p[1], buf, 100), 100, "100 bytes do");
    CHECK_ERR(write(p[1], buf, 1), EAGAIN, "now it is full");
    close(p[0]);
    close(p[1]);

    /* Two writers with different chunk sizes: every chunk stays whole. */
    CHECK_SYS(pipe(p), "pipe");
    pid_t a = fork();
    if (a == 0) {
        memset(buf, 'a', 4096);
        for (int i = 0; i < 40; i++)
            write(p[1], buf, 4096);
        _exit(0);
    }
    pid_t b = fork();
    if (b == 0) {
        memset(buf, 'b', 1000);
        for (int i = 0; i < 120; i++)
            write(p[1], buf, 1000);
        _exit(0);
    }
    close(p[1]);
    long n = read_full(p[0], got, sizeof got), bad = 0, runs = 0;
    for (long i = 0; i < n;) {
        long j = i;
        while (j < n && got[j] == got[i])
            j++;
        bad += (j - i) % (got[i] == 'a' ? 4096 : 1000) != 0;
        runs++;
        i = j;
    }
    wait_for(a);
    wait_for(b);
    close(p[0]);
    CHECK_EQ_LONG(n, 40 * 4096 + 120 * 1000, "every byte of both writers arrives");
    CHECK_EQ_LONG(bad, 0, "no write of PIPE_BUF bytes or less is split (%ld runs)", runs);
    comparable("atomic: partial PIPE_BUF writes refused, %ld bytes from two writers, %ld split",
               n, bad);
}

int main(void)
{
    test_default_size();
    test_set_size();
    test_pipe_max_size();
    test_atomic();
    return tap_done();
}
