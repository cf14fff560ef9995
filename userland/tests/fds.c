/*
 * File descriptors: pipes (data between processes, EOF when every writer
 * has closed, pipe2 O_CLOEXEC), poll, ppoll, select and pselect,
 * dup/dup2/dup3, fcntl F_GETFD/F_SETFD/F_GETFL, RLIMIT_NOFILE, and
 * close-on-exec as seen by an exec'd program.
 */
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test.h"

#define SHOW "/tests/helpers/show"
#define STREAM (256 * 1024)

static void test_pipe_basics(void)
{
    int p[2];
    char buf[8] = "";
    struct stat st;

    CHECK_SYS(pipe(p), "pipe");
    CHECK(p[0] >= 3 && p[1] == p[0] + 1, "pipe returns the lowest free fds (%d, %d)", p[0], p[1]);
    CHECK_EQ_LONG(write(p[1], "abc", 3), 3, "write into the pipe");
    CHECK_EQ_LONG(read(p[0], buf, sizeof buf), 3, "read returns what is there");
    CHECK_STR(buf, "abc", "in order");
    fstat(p[0], &st);
    CHECK(S_ISFIFO(st.st_mode), "a pipe is a FIFO");
    CHECK_EQ_LONG(fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY, "read end is O_RDONLY");
    CHECK_EQ_LONG(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY, "write end is O_WRONLY");
    CHECK_EQ_LONG(fcntl(p[0], F_GETFD), 0, "pipe() fds are not close-on-exec");
    CHECK_ERR(write(p[0], "x", 1), EBADF, "write to the read end: EBADF");
    CHECK_ERR(read(p[1], buf, 1), EBADF, "read from the write end: EBADF");
    CHECK_ERR(lseek(p[0], 0, SEEK_SET), ESPIPE, "lseek on a pipe: ESPIPE");
    close(p[1]);
    CHECK_EQ_LONG(read(p[0], buf, sizeof buf), 0, "EOF once the only writer closed");
    close(p[0]);
}

/* Child: stream STREAM bytes of a pattern into the pipe, in odd-sized pieces. */
static int stream_writer(void *pipe_fds)
{
    int *p = pipe_fds;
    static unsigned char chunk[1000];
    close(p[0]);
    for (size_t sent = 0; sent < STREAM; ) {
        size_t n = STREAM - sent < sizeof chunk ? STREAM - sent : sizeof chunk;
        for (size_t i = 0; i < n; i++)
            chunk[i] = (unsigned char)((sent + i) * 13);
        if (write_full(p[1], chunk, n) != (ssize_t)n)
            return 1;
        sent += n;
    }
    return 0;
}

static void test_pipe_between_processes(void)
{
    static unsigned char got[STREAM + 1];
    int p[2];
    pipe(p);
    pid_t pid = spawn(stream_writer, p);
    close(p[1]);
    ssize_t n = read_full(p[0], got, sizeof got);
    size_t bad = 0;
    for (ssize_t i = 0; i < n; i++)
        bad += got[i] != (unsigned char)(i * 13);
    CHECK_EQ_LONG(n, STREAM, "%d KiB through a pipe from a child, then EOF", STREAM / 1024);
    CHECK_EQ_LONG(bad, 0, "every byte arrived in order");
    CHECK_EXIT(wait_for(pid), 0, "the writer exited cleanly");
    close(p[0]);
}

/* Child: write one byte, close its write end, exit. */
static int one_byte_writer(void *pipe_fds)
{
    int *p = pipe_fds;
    close(p[0]);
    return write(p[1], "k", 1) == 1 ? 0 : 1;
}

static void test_eof_needs_all_writers(void)
{
    int p[2];
    char buf[4];
    pipe(p);
    int extra = dup(p[1]);
    pid_t pid = spawn(one_byte_writer, p);
    close(p[1]);
    CHECK_EQ_LONG(read(p[0], buf, sizeof buf), 1, "the child's byte arrives");
    CHECK_EXIT(wait_for(pid), 0, "the child exited");
    CHECK_EQ_LONG(write(extra, "z", 1), 1, "a dup'ed write end still writes");
    close(extra);
    CHECK_EQ_LONG(read(p[0], buf, sizeof buf), 1, "its byte arrives");
    CHECK_EQ_LONG(read(p[0], buf, sizeof buf), 0, "EOF only after the last writer closed");
    close(p[0]);
}

/* Child: sleep 100 ms, then write one byte (a poller must be woken by it). */
static int late_writer(void *pipe_fds)
{
    int *p = pipe_fds;
    struct timespec ts = { 0, 100 * 1000 * 1000 };
    close(p[0]);
    nanosleep(&ts, NULL);
    return write(p[1], "w", 1) == 1 ? 0 : 1;
}

static long elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000 + (now.tv_nsec - since->tv_nsec) / 1000000;
}

static void test_poll(void)
{
    int p[2];
    char c;
    struct timespec start;
    pipe(p);
    struct pollfd fds[3] = {
        { .fd = p[0], .events = POLLIN }, { .fd = p[1], .events = POLLOUT }, { .fd = -1 },
    };

    CHECK_EQ_LONG(poll(fds, 3, 0), 1, "an empty pipe: only the write end is ready");
    CHECK_EQ_HEX(fds[0].revents, 0, "read end: nothing to read");
    CHECK_EQ_HEX(fds[1].revents, POLLOUT, "write end: POLLOUT");
    CHECK_EQ_HEX(fds[2].revents, 0, "a negative fd is ignored");
    clock_gettime(CLOCK_MONOTONIC, &start);
    CHECK_EQ_LONG(poll(fds, 1, 50), 0, "waiting 50 ms on the empty read end times out");
    CHECK(elapsed_ms(&start) >= 50, "after at least 50 ms");

    write(p[1], "x", 1);
    CHECK_EQ_LONG(poll(fds, 2, 0), 2, "with a byte in it both ends are ready");
    CHECK_EQ_HEX(fds[0].revents, POLLIN, "read end: POLLIN");
    read(p[0], &c, 1);

    pid_t pid = spawn(late_writer, p);
    clock_gettime(CLOCK_MONOTONIC, &start);
    CHECK_EQ_LONG(poll(fds, 1, 5000), 1, "poll sleeps until a child writes");
    CHECK(elapsed_ms(&start) < 5000, "woken by the write, not by the timeout");
    CHECK_EQ_HEX(fds[0].revents, POLLIN, "and reports POLLIN");
    read(p[0], &c, 1);
    CHECK_EXIT(wait_for(pid), 0, "the child exited");

    close(p[1]);
    CHECK_EQ_LONG(poll(fds, 1, -1), 1, "no writer left: poll returns at once");
    CHECK_EQ_HEX(fds[0].revents, POLLHUP, "with POLLHUP (not asked for, always reported)");
    int w[2];
    pipe(w);
    close(w[0]);
    struct pollfd wr = { .fd = w[1], .events = POLLOUT };
    CHECK_EQ_LONG(poll(&wr, 1, 0), 1, "a write end without readers is ready");
    CHECK_EQ_HEX(wr.revents, POLLOUT | POLLERR, "with POLLOUT and POLLERR");
    close(w[1]);

    fds[0].fd = w[1];   /* closed now */
    CHECK_EQ_LONG(poll(fds, 1, 0), 1, "a closed fd counts as ready");
    CHECK_EQ_HEX(fds[0].revents, POLLNVAL, "with POLLNVAL");
    CHECK_ERR(poll((struct pollfd *)-4096L, 1, 0), EFAULT, "a bad array: EFAULT");
    int fd = open("/init", O_RDONLY);
    struct pollfd file = { .fd = fd, .events = POLLIN | POLLOUT };
    CHECK_EQ_LONG(poll(&file, 1, 0), 1, "a regular file is always ready");
    CHECK_EQ_HEX(file.revents, POLLIN | POLLOUT, "for reading and writing");
    close(fd);
    close(p[0]);
}

static volatile int usr1_hits;

static void on_usr1(int sig)
{
    (void)sig;
    usr1_hits++;
}

/* Child: SIGUSR1 to the parent once it sleeps (in pselect or ppoll). */
static int poke_parent(void *unused)
{
    pid_t parent = getppid();
    (void)unused;
    while (proc_state(parent) != 'S')
        sched_yield();
    return kill(parent, SIGUSR1);
}

static void test_select(void)
{
    int p[2], w[2];
    char c;
    fd_set rd, wr;
    struct timeval tv = { 0, 50 * 1000 };
    struct timespec start;

    pipe(p);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    clock_gettime(CLOCK_MONOTONIC, &start);
    CHECK_EQ_LONG(syscall(SYS_select, p[0] + 1, &rd, NULL, NULL, &tv), 0,
                  "select on an empty pipe times out after 50 ms");
    CHECK(elapsed_ms(&start) >= 50, "not before");
    CHECK(!FD_ISSET(p[0], &rd), "and clears the bit");
    CHECK(tv.tv_sec == 0 && tv.tv_usec == 0, "the timeval is left with the time left: none");

    write(p[1], "x", 1);
    FD_ZERO(&rd);
    FD_ZERO(&wr);
    FD_SET(p[0], &rd);
    FD_SET(p[1], &rd);      /* a write end is never readable */
    FD_SET(p[1], &wr);
    tv = (struct timeval){ 5, 0 };
    CHECK_EQ_LONG(syscall(SYS_select, p[1] + 1, &rd, &wr, NULL, &tv), 2,
                  "select counts bits: the read end readable, the write end writable");
    CHECK(FD_ISSET(p[0], &rd) && !FD_ISSET(p[1], &rd) && FD_ISSET(p[1], &wr),
          "exactly those bits are left set");
    CHECK(tv.tv_sec >= 4 && tv.tv_sec <= 5, "a select that did not wait leaves most of 5 s");
    read(p[0], &c, 1);

    pipe(w);
    close(w[1]);
    FD_ZERO(&rd);
    FD_SET(w[0], &rd);
    CHECK_EQ_LONG(select(w[0] + 1, &rd, NULL, NULL, NULL), 1,
                  "a read end without writers is readable (end of file)");
    close(w[0]);
    FD_ZERO(&rd);
    FD_SET(w[0], &rd);
    CHECK_ERR(select(w[0] + 1, &rd, NULL, NULL, NULL), EBADF, "a closed fd in a set: EBADF");
    CHECK_ERR(select(-1, NULL, NULL, NULL, NULL), EINVAL, "a negative count: EINVAL");
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    CHECK_EQ_LONG(select(p[0], &rd, NULL, NULL, &(struct timeval){ 0, 0 }), 0,
                  "fds at or above n are not looked at");

    /* pselect: SIGUSR1 is blocked except while waiting. */
    sigset_t block, none;
    struct sigaction sa = { .sa_handler = on_usr1 };
    sigaction(SIGUSR1, &sa, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigemptyset(&none);
    sigprocmask(SIG_BLOCK, &block, NULL);
    pid_t pid = spawn(poke_parent, NULL);
    FD_ZERO(&rd);
    FD_SET(p[0], &rd);
    CHECK_ERR(pselect(p[0] + 1, &rd, NULL, NULL, NULL, &none), EINTR,
              "pselect unblocks SIGUSR1 while it waits: EINTR");
    CHECK_EQ_LONG(usr1_hits, 1, "the handler ran");
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    CHECK(sigismember(&now, SIGUSR1), "and SIGUSR1 is blocked again afterwards");
    CHECK_EXIT(wait_for(pid), 0, "the child sent it");

    /* ppoll: the same with a pollfd array and a timespec. */
    struct pollfd pfd = { .fd = p[0], .events = POLLIN };
    pid = spawn(poke_parent, NULL);
    CHECK_ERR(ppoll(&pfd, 1, &(struct timespec){ 30, 0 }, &none), EINTR,
              "ppoll unblocks SIGUSR1 while it waits: EINTR");
    CHECK_EQ_LONG(usr1_hits, 2, "the handler ran again");
    CHECK_EXIT(wait_for(pid), 0, "the child sent it");
    write(p[1], "y", 1);
    struct timespec ts = { 5, 0 };
    CHECK_EQ_LONG(syscall(SYS_ppoll, &pfd, 1, &ts, NULL, 8), 1, "ppoll with data: 1");
    CHECK(pfd.revents == POLLIN && ts.tv_sec >= 4 && ts.tv_sec <= 5,
          "POLLIN, and the timespec keeps the time left");
    CHECK_ERR(syscall(SYS_ppoll, &pfd, 1, NULL, &none, 4), EINVAL, "ppoll, bad sigset size: EINVAL");
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    signal(SIGUSR1, SIG_DFL);
    close(p[0]);
    close(p[1]);
}

static void test_dup(void)
{
    int fd = open("/tmp/fds-file", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "0123456789", 10);

    int low = dup(fd);
    CHECK_EQ_LONG(low, fd + 1, "dup returns the lowest free fd");
    lseek(fd, 3, SEEK_SET);
    CHECK_EQ_LONG(lseek(low, 0, SEEK_CUR), 3, "dup'ed fds share the offset");
    CHECK_EQ_LONG(dup2(fd, 20), 20, "dup2 to a chosen fd");
    CHECK_EQ_LONG(lseek(20, 0, SEEK_CUR), 3, "which shares the offset too");
    CHECK_EQ_LONG(dup2(fd, fd), fd, "dup2 onto itself returns the fd");
    CHECK_EQ_LONG(dup2(low, 20), 20, "dup2 onto an open fd replaces it");
    CHECK_ERR(dup2(99, 21), EBADF, "dup2 of a closed fd: EBADF");
    CHECK_ERR(dup2(fd, -1), EBADF, "dup2 to -1: EBADF");
    CHECK_ERR(dup3(fd, fd, 0), EINVAL, "dup3 onto itself: EINVAL");
    CHECK_EQ_LONG(dup3(fd, 21, O_CLOEXEC), 21, "dup3 with O_CLOEXEC");
    CHECK_EQ_LONG(fcntl(21, F_GETFD), FD_CLOEXEC, "sets FD_CLOEXEC on the new fd");
    CHECK_EQ_LONG(fcntl(fd, F_GETFD), 0, "but not on the old one");
    CHECK_ERR(dup(-1), EBADF, "dup(-1): EBADF");

    CHECK_EQ_LONG(fcntl(fd, F_SETFD, FD_CLOEXEC), 0, "F_SETFD FD_CLOEXEC");
    CHECK_EQ_LONG(fcntl(fd, F_GETFD), FD_CLOEXEC, "F_GETFD reads it back");
    CHECK_EQ_LONG(fcntl(dup(fd), F_GETFD), 0, "dup clears close-on-exec");
    CHECK_EQ_LONG(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR, "F_GETFL of an O_RDWR file");
    CHECK_ERR(fcntl(99, F_GETFD), EBADF, "fcntl on a closed fd: EBADF");
    for (int i = 3; i < 32; i++)
        close(i);
    unlink("/tmp/fds-file");
}

/* The "fds: ..." line an exec'd show prints: the fds it inherited. */
/*
 * In a child whose RLIMIT_NOFILE leaves exactly one free fd: 0 if call
 * @which fails as Linux says (open: the free one, then EMFILE; pipe:
 * EMFILE; dup2 to the limit: EBADF; F_DUPFD from the limit: EINVAL).
 */
static int nofile_child(void *which)
{
    int free_fd = dup(0), p[2];
    struct rlimit rl = { free_fd + 1, 4096 };

    close(free_fd);
    if (setrlimit(RLIMIT_NOFILE, &rl))
        return 10;
    switch ((long)which) {
    case 0:
        return open("/dev/null", O_RDONLY) != free_fd ? 1 :
               open("/dev/null", O_RDONLY) == -1 && errno == EMFILE ? 0 : 2;
    case 1:
        return pipe(p) == -1 && errno == EMFILE ? 0 : 1;
    case 2:
        return dup2(0, free_fd + 1) == -1 && errno == EBADF ? 0 : 1;
    default:
        return fcntl(0, F_DUPFD, free_fd + 1) == -1 && errno == EINVAL ? 0 : 1;
    }
}

static void test_nofile_limit(void)
{
    CHECK_EXIT(run_child(nofile_child, (void *)0L), 0,
               "RLIMIT_NOFILE: open takes the last free fd, then EMFILE");
    CHECK_EXIT(run_child(nofile_child, (void *)1L), 0, "pipe needing two fds: EMFILE");
    CHECK_EXIT(run_child(nofile_child, (void *)2L), 0, "dup2 to the limit: EBADF");
    CHECK_EXIT(run_child(nofile_child, (void *)3L), 0, "F_DUPFD from the limit: EINVAL");
}

static void show_fds(char *line, size_t size)
{
    char out[512];
    int p[2];
    pipe2(p, O_CLOEXEC);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { SHOW, NULL };
        dup2(p[1], 1);
        execve(SHOW, argv, argv + 1);
        _exit(127);
    }
    close(p[1]);
    ssize_t n = read_full(p[0], out, sizeof out - 1);
    out[n > 0 ? n : 0] = 0;
    close(p[0]);
    wait_for(pid);
    if (!find_line(out, "fds:", line, size))
        snprintf(line, size, "(no fds line)");
}

static void test_cloexec(void)
{
    char out[512];
    int p[2];

    CHECK_SYS(pipe2(p, O_CLOEXEC), "pipe2 O_CLOEXEC");
    CHECK_EQ_LONG(fcntl(p[0], F_GETFD), FD_CLOEXEC, "read end has FD_CLOEXEC");
    CHECK_EQ_LONG(fcntl(p[1], F_GETFD), FD_CLOEXEC, "write end has FD_CLOEXEC");
    int kept = dup2(p[0], 10);
    show_fds(out, sizeof out);
    CHECK_STR(out, "fds: 0 1 2 10", "exec closes O_CLOEXEC fds and keeps the others");
    close(kept);
    close(p[0]);
    close(p[1]);
}

int main(void)
{
    test_pipe_basics();
    test_pipe_between_processes();
    test_eof_needs_all_writers();
    test_poll();
    test_select();
    test_dup();
    test_nofile_limit();
    test_cloexec();
    return tap_done();
}
