/*
 * Killing a threaded process: SIGKILL to its process group, to its pid and
 * to one live thread (tgkill), while its threads loop mapping and touching
 * memory, sleep in a futex or in a pipe read, and while its main thread has
 * already left with pthread_exit() (a zombie leader with live threads).
 * Every thread must die at once: wait4() reports the process killed by
 * signal 9, the threads' pipe reaches EOF (no thread is left to write), and
 * the process is gone.  init's MEM lines show its memory back.
 */
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define NTHREADS 4
#define FUTEX_WAIT 0

enum sleep_in { LOOP, FUTEX, PIPE_READ };
enum target { PGRP, PID, TGKILL };

static const char *const sleep_names[] = { "mmap loop", "futex wait", "pipe read" };
static const char *const target_names[] = { "kill(-pgid)", "kill(pid)", "tgkill(thread)" };

struct shared {
    volatile int tids[NTHREADS];
    volatile int ready;
    volatile int futex_word;
};

static struct shared *sh;
static enum sleep_in mode;
static int out_fd, block_fd;

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
}

static void *worker(void *arg)
{
    char c = 'x';

    sh->tids[(long)arg] = syscall(SYS_gettid);
    __sync_fetch_and_add(&sh->ready, 1);
    for (unsigned n = 0;; n++) {
        if (mode == FUTEX) {
            syscall(SYS_futex, &sh->futex_word, FUTEX_WAIT, 0, NULL, NULL, 0);
        } else if (mode == PIPE_READ) {
            read(block_fd, &c, 1);
        } else {
            char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                           -1, 0);
            if (p != MAP_FAILED) {
                for (int off = 0; off < 1 << 20; off += PAGE_SIZE)
                    p[off] = 1;
                munmap(p, 1 << 20);
            }
            if (n % 4 == 0)
                write(out_fd, &c, 1);
        }
    }
    return NULL;
}

/* The child: a process group of its own, NTHREADS threads, then the main thread leaves or pauses. */
static int child(int leader_exits)
{
    int block[2];
    pthread_t th;

    setpgid(0, 0);
    if (pipe(block))
        return 2;
    block_fd = block[0];
    for (long i = 0; i < NTHREADS; i++)
        if (pthread_create(&th, NULL, worker, (void *)i))
            return 3;
    if (leader_exits)
        pthread_exit(NULL);
    for (;;)
        pause();
}

/* The state letter of thread @tid of process @pid, or 0. */
static char thread_state(pid_t pid, pid_t tid)
{
    char path[80], stat[512];
    snprintf(path, sizeof path, "/proc/%d/task/%d/stat", pid, tid);
    if (read_file(path, stat, sizeof stat) < 0 || !strrchr(stat, ')'))
        return 0;
    return strrchr(stat, ')')[2];
}

/* Wait (up to 10 s) until the child is where the scenario wants it. */
static int settled(pid_t pid, int leader_exits, int fd)
{
    for (int i = 0; i < 1000; i++, sleep_ms(10)) {
        int ok = sh->ready == NTHREADS && (!leader_exits || proc_state(pid) == 'Z');
        struct pollfd pfd = { fd, POLLIN, 0 };

        if (ok && mode == LOOP)
            ok = poll(&pfd, 1, 0) == 1;
        for (int t = 0; ok && mode != LOOP && t < NTHREADS; t++)
            ok = thread_state(pid, sh->tids[t]) == 'S';
        if (ok)
            return 1;
    }
    return 0;
}

/* Wait up to 10 s for @pid; its status, or -1 if it did not end. */
static int bounded_wait(pid_t pid)
{
    int status;
    for (int i = 0; i < 1000; i++, sleep_ms(10))
        if (waitpid(pid, &status, WNOHANG) == pid)
            return status;
    return -1;
}

/* Read @fd to EOF (up to 5 s): 1 at EOF, 0 if some writer is still alive. */
static int drained(int fd)
{
    char buf[4096];
    for (int i = 0; i < 500; i++) {
        struct pollfd pfd = { fd, POLLIN, 0 };
        if (poll(&pfd, 1, 10) == 1 && read(fd, buf, sizeof buf) == 0)
            return 1;
    }
    return 0;
}

/*
 * One kill: returns 1 if the process died of SIGKILL, its pipe reached EOF
 * and the pid is gone.
 */
static int one_round(enum target target, int leader_exits)
{
    int out[2], status, eof;
    pid_t pid;

    memset((void *)sh, 0, sizeof(*sh));
    if (pipe(out))
        return 0;
    pid = fork();
    if (pid == 0) {
        close(out[0]);
        out_fd = out[1];
        _exit(child(leader_exits));
    }
    close(out[1]);
    setpgid(pid, pid);
    if (!settled(pid, leader_exits, out[0]))
        note("%s, %s: the child did not settle", target_names[target], sleep_names[mode]);
    if (target == PGRP)
        kill(-pid, SIGKILL);
    else if (target == PID)
        kill(pid, SIGKILL);
    else
        syscall(SYS_tgkill, pid, sh->tids[NTHREADS / 2], SIGKILL);
    status = bounded_wait(pid);
    eof = drained(out[0]);
    close(out[0]);
    if (status == -1)
        note("%s, %s: wait4 did not return", target_names[target], sleep_names[mode]);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && status != -1 && eof &&
           kill(pid, 0) == -1 && errno == ESRCH;
}

static void scenario(enum sleep_in in, enum target target, int leader_exits, int rounds)
{
    int good = 0;

    mode = in;
    for (int r = 0; r < rounds; r++)
        good += one_round(target, leader_exits);
    CHECK_EQ_LONG(good, rounds, "%s, threads in %s, main thread %s: all %d rounds killed",
                  target_names[target], sleep_names[in], leader_exits ? "exited" : "paused",
                  rounds);
    comparable("%s, %s, main thread %s: %d/%d killed by SIGKILL, pipe at EOF, pid gone",
               target_names[target], sleep_names[in], leader_exits ? "exited" : "paused", good,
               rounds);
}

/* A zombie leader's process is alive while a thread is: kill(pid, 0) finds it. */
static void test_zombie_leader_visible(void)
{
    int out[2];
    pid_t pid;

    mode = FUTEX;
    memset((void *)sh, 0, sizeof(*sh));
    if (pipe(out))
        return;
    pid = fork();
    if (pid == 0) {
        close(out[0]);
        _exit(child(1));
    }
    close(out[1]);
    settled(pid, 1, out[0]);
    CHECK_EQ_LONG(proc_state(pid), 'Z', "the main thread left: the leader is a zombie");
    CHECK_EQ_LONG(kill(pid, 0), 0, "kill(pid, 0) finds the process of a zombie leader");
    CHECK_EQ_LONG(waitpid(pid, NULL, WNOHANG), 0, "wait4 does not reap it while threads live");
    kill(pid, SIGKILL);
    CHECK_SIGNAL(bounded_wait(pid), SIGKILL, "then SIGKILL ends it");
    close(out[0]);
    comparable("zombie leader: state Z, kill 0 ok, not reapable until killed");
}

int main(void)
{
    sh = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sh == MAP_FAILED)
        return 1;
    test_zombie_leader_visible();
    scenario(LOOP, PGRP, 1, 20);
    scenario(LOOP, PID, 1, 5);
    scenario(LOOP, TGKILL, 1, 5);
    scenario(LOOP, TGKILL, 0, 3);
    scenario(FUTEX, PGRP, 1, 3);
    scenario(FUTEX, TGKILL, 0, 3);
    scenario(PIPE_READ, PID, 1, 3);
    scenario(PIPE_READ, PGRP, 0, 3);
    return tap_done();
}
