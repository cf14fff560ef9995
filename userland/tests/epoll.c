/*
 * epoll: create, the epoll_ctl operations and their errors, level- and
 * edge-triggered and one-shot reporting on pipes, a wait woken by another
 * process, timeouts, hang-ups, closing a watched fd, an epoll fd under
 * poll(), and the order of ready items.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

static int ep_add(int ep, int fd, unsigned events, uint64_t data)
{
    struct epoll_event ev = { .events = events, .data.u64 = data };
    return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static int ep_mod(int ep, int fd, unsigned events, uint64_t data)
{
    struct epoll_event ev = { .events = events, .data.u64 = data };
    return epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
}

/* epoll_wait for one event: the count, and the event in *ev. */
static int wait_one(int ep, struct epoll_event *ev, int timeout)
{
    *ev = (struct epoll_event){ 0 };
    return epoll_wait(ep, ev, 1, timeout);
}

/* Child: sleep 100 ms, then write a byte to the pipe. */
static int late_writer(void *pipe_fds)
{
    int *p = pipe_fds;
    struct timespec ts = { 0, 100 * 1000 * 1000 };
    nanosleep(&ts, NULL);
    return write(p[1], "w", 1) == 1 ? 0 : 1;
}

static void test_create(void)
{
    struct stat st;
    int ep = epoll_create1(EPOLL_CLOEXEC);

    CHECK(ep >= 0, "epoll_create1 gives an fd");
    CHECK_EQ_LONG(fcntl(ep, F_GETFD), FD_CLOEXEC, "EPOLL_CLOEXEC sets close-on-exec");
    CHECK_SYS(fstat(ep, &st), "fstat on it");
    CHECK_EQ_HEX(st.st_mode & S_IFMT, 0, "an anonymous inode: no file type");
    close(ep);
    CHECK_ERR(epoll_create1(1), EINVAL, "epoll_create1 with unknown flags: EINVAL");
    CHECK_ERR(syscall(SYS_epoll_create, 0), EINVAL, "epoll_create(0): EINVAL");
    ep = epoll_create(1);
    CHECK_EQ_LONG(fcntl(ep, F_GETFD), 0, "epoll_create(1) works, without close-on-exec");
    close(ep);
}

static void test_errors(void)
{
    int ep = epoll_create1(0), p[2], file = open("/init", O_RDONLY);
    struct epoll_event ev = { .events = EPOLLIN };

    pipe(p);
    CHECK_SYS(ep_add(ep, p[0], EPOLLIN, 1), "EPOLL_CTL_ADD");
    CHECK_ERR(ep_add(ep, p[0], EPOLLIN, 1), EEXIST, "adding it again: EEXIST");
    CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL), ENOENT, "deleting one not there: ENOENT");
    CHECK_ERR(ep_mod(ep, p[1], EPOLLIN, 1), ENOENT, "modifying one not there: ENOENT");
    CHECK_ERR(ep_add(ep, file, EPOLLIN, 1), EPERM, "a regular file cannot be watched: EPERM");
    CHECK_ERR(ep_add(ep, ep, EPOLLIN, 1), EINVAL, "an epoll fd cannot watch itself: EINVAL");
    CHECK_ERR(ep_add(p[0], p[1], EPOLLIN, 1), EINVAL, "a pipe is no epoll fd: EINVAL");
    CHECK_ERR(ep_add(ep, 999, EPOLLIN, 1), EBADF, "a closed fd: EBADF");
    CHECK_ERR(epoll_ctl(ep, 7, p[0], &ev), EINVAL, "an unknown operation: EINVAL");
    CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], (void *)8), EFAULT, "a bad event pointer: EFAULT");
    CHECK_ERR(epoll_wait(ep, &ev, 0, 0), EINVAL, "maxevents 0: EINVAL");
    CHECK_ERR(epoll_wait(p[0], &ev, 1, 0), EINVAL, "epoll_wait on a pipe: EINVAL");
    CHECK_ERR(epoll_wait(ep, (void *)0xffff888000000000UL, 1, 0), EFAULT,
              "epoll_wait into kernel memory: EFAULT");
    CHECK_ERR(syscall(SYS_epoll_pwait, ep, &ev, 1, 0, &(sigset_t){ 0 }, 4), EINVAL,
              "epoll_pwait with a bad sigset size: EINVAL");
    CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL), "EPOLL_CTL_DEL");
    close(file);
    close(p[0]);
    close(p[1]);
    close(ep);
}

static void test_triggers(void)
{
    int ep = epoll_create1(0), p[2];
    struct epoll_event ev;
    char c;

    pipe(p);
    ep_add(ep, p[0], EPOLLIN, 42);
    CHECK_EQ_LONG(wait_one(ep, &ev, 0), 0, "an empty pipe: nothing ready");
    write(p[1], "a", 1);
    CHECK_EQ_LONG(wait_one(ep, &ev, 0), 1, "a byte arrives: one event");
    CHECK(ev.events == EPOLLIN && ev.data.u64 == 42, "EPOLLIN with the data given (0x%x)", ev.events);
    CHECK_EQ_LONG(wait_one(ep, &ev, 0), 1, "level-triggered: reported again while unread");
    read(p[0], &c, 1);
    CHECK_EQ_LONG(wait_one(ep, &ev, 0), 0, "read: nothing any more");

    ep_mod(ep, p[0], EPOLLIN | EPOLLET, 43);
    write(p[1], "b", 1);
    CHECK(wait_one(ep, &ev, 0) == 1 && ev.data.u64 == 43, "EPOLLET: the arrival is reported");
    CHECK_EQ_LONG(wait_one(ep, &ev, 0), 0, "but only once, though the byte is still there");
    write(p[1], "c", 1);
    CHECK_EQ_LONG(wait_one(ep, &ev, 0), 1, "a new arrival is a new event");
    read(p[0], &c, 1);
    read(p[0], &c, 1);

    ep_mod(ep, p[0], EPOLLIN | EPOLLONESHOT, 44);
    write(p[1], "d", 1);
    CHECK_EQ_LONG(wait_one(ep, &ev, 0), 1, "EPOLLONESHOT: reported once");
    write(p[1], "e", 1);
    CHECK_EQ_LONG(wait_one(ep, &ev, 0), 0, "then disabled, even for new data");
    ep_mod(ep, p[0], EPOLLIN, 45);
    CHECK(wait_one(ep, &ev, 0) == 1 && ev.data.u64 == 45, "EPOLL_CTL_MOD re-arms it");
    read(p[0], &c, 1);
    read(p[0], &c, 1);

    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    CHECK_EQ_LONG(wait_one(ep, &ev, 50), 0, "waiting 50 ms on nothing times out");
    clock_gettime(CLOCK_MONOTONIC, &now);
    CHECK((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 >= 50,
          "after at least 50 ms");

    pid_t pid = spawn(late_writer, p);
    CHECK(wait_one(ep, &ev, 5000) == 1 && ev.events == EPOLLIN,
          "epoll_wait sleeps until another process writes");
    CHECK_EXIT(wait_for(pid), 0, "the writer exited");
    read(p[0], &c, 1);

    close(p[1]);
    CHECK(wait_one(ep, &ev, 0) == 1 && ev.events == EPOLLHUP,
          "the last writer closed: EPOLLHUP, never asked for (0x%x)", ev.events);
    close(p[0]);
    CHECK_EQ_LONG(wait_one(ep, &ev, 0), 0, "closing the watched fd takes it out of the set");
    close(ep);
}

static void test_order_and_nesting(void)
{
    int ep = epoll_create1(0), a[2], b[2];
    struct epoll_event ev;

    pipe(a);
    pipe(b);
    ep_add(ep, a[0], EPOLLIN, 1);
    ep_add(ep, b[0], EPOLLIN, 2);
    write(a[1], "x", 1);
    write(b[1], "y", 1);
    CHECK(wait_one(ep, &ev, 0) == 1 && ev.data.u64 == 1, "ready in order: the first pipe");
    CHECK(wait_one(ep, &ev, 0) == 1 && ev.data.u64 == 2,
          "the reported item goes to the back: then the second");
    struct epoll_event evs[4];
    CHECK_EQ_LONG(epoll_wait(ep, evs, 4, 0), 2, "with room for four: both");

    struct pollfd pfd = { .fd = ep, .events = POLLIN };
    CHECK(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN, "poll() on the epoll fd: readable");
    int outer = epoll_create1(0);
    CHECK_SYS(ep_add(outer, ep, EPOLLIN, 7), "an epoll fd can watch another");
    CHECK(wait_one(outer, &ev, 0) == 1 && ev.data.u64 == 7, "and sees it ready");
    close(outer);
    close(a[0]);
    close(a[1]);
    close(b[0]);
    close(b[1]);
    close(ep);
}

int main(void)
{
    test_create();
    test_errors();
    test_triggers();
    test_order_and_nesting();
    return tap_done();
}
