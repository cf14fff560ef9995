/*
 * Small pieces of Linux's process ABI that real programs rely on:
 * clone()'s CLONE_CHILD_SETTID / CLONE_PARENT_SETTID, wait4() for a
 * process group (pid 0 and -pgid), msync() over unmapped pages (ENOMEM),
 * prctl()'s PR_SET/GET_TIMERSLACK and PR_SET/GET_TSC (rdtsc raising
 * SIGSEGV), and ETXTBSY: execve() of a file open for writing, and opening
 * or truncating a running program for writing.
 */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define PROG "/tmp/abi-prog"

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
}

/* ---- clone's tid words ---- */

static void test_clone_settid(void)
{
    int ptid = 0, ctid = 0, status;
    long pid = syscall(SYS_clone, SIGCHLD | CLONE_CHILD_SETTID | CLONE_PARENT_SETTID, 0, &ptid,
                       &ctid, 0);

    if (pid == 0)
        _exit(ctid == syscall(SYS_getpid) ? 0 : 1);
    CHECK(pid > 0, "clone with CLONE_CHILD_SETTID | CLONE_PARENT_SETTID");
    status = wait_for(pid);
    CHECK_EXIT(status, 0, "the child finds its tid in its copy of child_tid");
    CHECK_EQ_LONG(ptid, pid, "the parent finds the child's tid in parent_tid");
    CHECK_EQ_LONG(ctid, 0, "the parent's child_tid is untouched (the child wrote its own copy)");
    comparable("clone settid: child=%s parent_tid=child:%d parent's child_tid=%d",
               status_text(status), ptid == pid, ctid);
}

/* ---- wait4 for a process group ---- */

/* A child that exits with @code at once, in process group @pgrp (0: its own, -1: ours). */
static pid_t child_in_group(int code, int own_group)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (own_group)
            setpgid(0, 0);
        _exit(code);
    }
    if (own_group)
        setpgid(pid, pid);
    while (proc_state(pid) != 'Z')
        sleep_ms(2);
    return pid;
}

static void test_wait_pgrp(void)
{
    pid_t a = child_in_group(1, 1), c = child_in_group(3, 0), b;
    int status = 0;

    CHECK_EQ_LONG(waitpid(-a, &status, 0), a, "waitpid(-pgid) reaps the child of that group");
    CHECK_EXIT(status, 1, "with its status");
    CHECK_ERR(waitpid(-a, &status, WNOHANG), ECHILD, "no child is left in that group: ECHILD");
    CHECK_EQ_LONG(waitpid(0, &status, 0), c, "waitpid(0) reaps the child of the caller's group");
    CHECK_EXIT(status, 3, "with its status");
    b = child_in_group(2, 1);
    CHECK_ERR(waitpid(0, &status, WNOHANG), ECHILD,
              "a child in another group does not count for waitpid(0)");
    CHECK_ERR(waitpid(-0x7ffffff0, &status, WNOHANG), ECHILD, "a group without children: ECHILD");
    CHECK_EQ_LONG(waitpid(-b, &status, 0), b, "waitpid(-pgid) of the other group reaps it");
    CHECK_EXIT(status, 2, "with its status");
    comparable("wait pgrp: -pgid, 0 and another -pgid reap their own child; others ECHILD");
}

/* ---- msync over holes ---- */

static void test_msync_holes(void)
{
    char *p = mmap(NULL, 4 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1,
                   0);

    CHECK(p != MAP_FAILED, "mmap 4 pages");
    munmap(p + PAGE_SIZE, PAGE_SIZE);
    munmap(p + 3 * PAGE_SIZE, PAGE_SIZE);
    CHECK_EQ_LONG(msync(p, PAGE_SIZE, MS_SYNC), 0, "msync of a mapped page");
    CHECK_ERR(msync(p, 3 * PAGE_SIZE, MS_SYNC), ENOMEM, "MS_SYNC over a hole: ENOMEM");
    CHECK_ERR(msync(p, 3 * PAGE_SIZE, MS_ASYNC), ENOMEM, "MS_ASYNC over a hole: ENOMEM");
    CHECK_ERR(msync(p, 4 * PAGE_SIZE, MS_INVALIDATE), ENOMEM,
              "MS_INVALIDATE ending in a hole: ENOMEM");
    CHECK_ERR(msync(p + PAGE_SIZE, PAGE_SIZE, MS_SYNC), ENOMEM, "msync of only a hole: ENOMEM");
    CHECK_ERR(msync(p + 3 * PAGE_SIZE, PAGE_SIZE, MS_ASYNC), ENOMEM,
              "msync past the last mapping there: ENOMEM");
    munmap(p, 4 * PAGE_SIZE);
    comparable("msync: hole in the range -> ENOMEM, mapped page -> 0");
}

/* ---- prctl ---- */

static void test_timerslack(void)
{
    long start = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), status;
    pid_t pid;

    CHECK_EQ_LONG(start, 50000, "the default timer slack is 50 us");
    CHECK_EQ_LONG(prctl(PR_SET_TIMERSLACK, 123456, 0, 0, 0), 0, "PR_SET_TIMERSLACK");
    CHECK_EQ_LONG(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 123456, "PR_GET_TIMERSLACK reads it back");
    pid = fork();
    if (pid == 0) {
        int inherited = prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == 123456;
        prctl(PR_SET_TIMERSLACK, 7, 0, 0, 0);
        prctl(PR_SET_TIMERSLACK, 0, 0, 0, 0);
        _exit(inherited && prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0) == 123456 ? 0 : 1);
    }
    status = wait_for(pid);
    CHECK_EXIT(status, 0, "a child inherits it, and 0 restores the parent's value at fork");
    CHECK_EQ_LONG(prctl(PR_SET_TIMERSLACK, 0, 0, 0, 0), 0, "PR_SET_TIMERSLACK 0");
    CHECK_EQ_LONG(prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0), 50000, "restores the default");
    comparable("timerslack: default %ld, set 123456, child inherits: %s", start,
               status_text(status));
}

static __attribute__((noinline)) unsigned long rdtsc(void)
{
    unsigned int lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return (unsigned long)hi << 32 | lo;
}

/* Child: @mode for PR_SET_TSC, then rdtsc (in a grandchild too if @fork_too). */
static int tsc_child(void *arg)
{
    int mode = (int)(long)arg, got = -1;

    if (prctl(PR_SET_TSC, mode, 0, 0, 0) || prctl(PR_GET_TSC, &got, 0, 0, 0) || got != mode)
        return 2;
    rdtsc();
    return 0;
}

static int tsc_fork_child(void *arg)
{
    (void)arg;
    if (prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0))
        return 2;
    int status = run_child(tsc_child, (void *)(long)PR_TSC_SIGSEGV);
    return WIFSIGNALED(status) ? WTERMSIG(status) : 100;
}

static void test_tsc(void)
{
    int mode = -1, enabled, disabled, inherited;

    CHECK_EQ_LONG(prctl(PR_GET_TSC, &mode, 0, 0, 0), 0, "PR_GET_TSC");
    CHECK_EQ_LONG(mode, PR_TSC_ENABLE, "rdtsc is allowed by default");
    CHECK_ERR(prctl(PR_SET_TSC, 3, 0, 0, 0), EINVAL, "PR_SET_TSC 3: EINVAL");
    disabled = run_child(tsc_child, (void *)(long)PR_TSC_SIGSEGV);
    CHECK_SIGNAL(disabled, SIGSEGV, "PR_TSC_SIGSEGV: rdtsc raises SIGSEGV");
    enabled = run_child(tsc_child, (void *)(long)PR_TSC_ENABLE);
    CHECK_EXIT(enabled, 0, "PR_TSC_ENABLE: rdtsc runs");
    inherited = run_child(tsc_fork_child, NULL);
    CHECK_EXIT(inherited, SIGSEGV, "a child forked after PR_TSC_SIGSEGV faults too");
    CHECK(rdtsc() != 0, "the parent's rdtsc still works");
    comparable("tsc: default %d, SIGSEGV mode: %s", mode, status_text(disabled));
    comparable("tsc: enable mode: %s", status_text(enabled));
    comparable("tsc: fork child: %s", status_text(inherited));
}

/* ---- ETXTBSY ---- */

/* Copy the spinning helper to PROG, leaving it open for writing: the fd. */
static int write_prog(void)
{
    static char buf[1 << 20];
    int in = open("/tests/helpers/spin", O_RDONLY), out;
    ssize_t n = read_full(in, buf, sizeof buf);

    close(in);
    out = open(PROG, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (n <= 0 || out < 0 || write_full(out, buf, n) != n)
        return -1;
    return out;
}

/* fork and exec PROG with stdout on @out: the child's pid (it exits 100 + errno if exec fails). */
static pid_t start_prog(int out)
{
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { PROG, NULL };
        dup2(out, 1);
        execve(PROG, argv, NULL);
        _exit(100 + errno);
    }
    return pid;
}

static void test_etxtbsy(const char *self)
{
    int fd = write_prog(), status, out[2];
    char said[16] = "";
    pid_t pid;

    CHECK(fd >= 0, "copy a program to " PROG);
    if (pipe(out))
        return;
    status = wait_for(start_prog(out[1]));
    CHECK_EXIT(status, 100 + ETXTBSY, "execve of a file open for writing: ETXTBSY");
    close(fd);

    pid = start_prog(out[1]);
    close(out[1]);
    read(out[0], said, sizeof said - 1);	/* "spinning": it runs */
    close(out[0]);
    CHECK_STR(said, "spinning\n", "once closed, the program runs");
    CHECK_ERR(open(PROG, O_WRONLY), ETXTBSY, "open for writing of a running program: ETXTBSY");
    CHECK_ERR(open(PROG, O_RDWR | O_TRUNC), ETXTBSY, "O_RDWR | O_TRUNC: ETXTBSY");
    CHECK_ERR(truncate(PROG, 0), ETXTBSY, "truncate of a running program: ETXTBSY");
    fd = open(PROG, O_RDONLY);
    CHECK(fd >= 0, "open for reading works");
    close(fd);
    CHECK_ERR(open(self, O_WRONLY), ETXTBSY, "this test's own binary: ETXTBSY");
    kill(pid, SIGKILL);
    status = wait_for(pid);
    CHECK_SIGNAL(status, SIGKILL, "the program ran until killed");
    fd = open(PROG, O_WRONLY);
    CHECK(fd >= 0, "once it is gone, open for writing works again");
    close(fd);
    CHECK_EQ_LONG(unlink(PROG), 0, "unlink it");
    comparable("etxtbsy: exec of a file open for writing, write/truncate of a running one");
}

int main(int argc, char **argv)
{
    (void)argc;
    test_clone_settid();
    test_wait_pgrp();
    test_msync_holes();
    test_timerslack();
    test_tsc();
    test_etxtbsy(argv[0]);
    return tap_done();
}
