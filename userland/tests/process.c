/*
 * Processes: fork, wait4 (exit codes, WNOHANG, ECHILD, any-child, SIGCHLD
 * ignored), exit and
 * exit_group, execve with argv/envp and its errors, vfork, kill with
 * SIGTERM/SIGKILL, init ignoring the signals it has no handler for, zombies
 * in /proc, and process ids across fork and exec.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define SHOW "/tests/helpers/show"

static int exit_with(void *code)
{
    return (int)(long)code;
}

static int check_parent(void *parent)
{
    return getppid() == (pid_t)(long)parent ? 0 : 1;
}

/* Blocks until the pipe's write end is closed by the parent, then exits 7. */
static int wait_for_eof(void *pipe_fds)
{
    int *p = pipe_fds;
    char c;
    close(p[1]);
    return read(p[0], &c, 1) == 0 ? 7 : 1;
}

/* A child blocked on a pipe; *hold is the write end keeping it alive. */
static pid_t blocked_child(int *hold)
{
    int p[2];
    pipe(p);
    pid_t pid = spawn(wait_for_eof, p);
    close(p[0]);
    *hold = p[1];
    return pid;
}

static void test_ids(void)
{
    CHECK_EQ_LONG(getppid(), 1, "a program run by init has parent pid 1");
    CHECK_EQ_LONG(syscall(SYS_gettid), getpid(), "gettid equals getpid");
    CHECK_EXIT(run_child(check_parent, (void *)(long)getpid()), 0,
               "the child's getppid is the parent's pid");
}

static void test_exit_codes(void)
{
    static const int codes[] = { 0, 1, 42, 255 };
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        CHECK_EXIT(run_child(exit_with, (void *)(long)codes[i]), codes[i],
                   "exit code %d reaches wait4", codes[i]);
    CHECK_EXIT(run_child(exit_with, (void *)256L), 0, "exit code 256 is truncated to 0");
    CHECK_EQ_HEX(run_child(exit_with, (void *)42L), 0x2a00, "raw wait status of exit(42)");

    pid_t pid = fork();
    if (pid == 0)
        syscall(SYS_exit, 5);
    CHECK_EXIT(wait_for(pid), 5, "the exit syscall ends a single-threaded process");
    pid = fork();
    if (pid == 0)
        syscall(SYS_exit_group, 6);
    CHECK_EXIT(wait_for(pid), 6, "exit_group");
}

static void test_wait(void)
{
    int hold, status;
    pid_t pid = blocked_child(&hold);

    CHECK_EQ_LONG(wait4(pid, &status, WNOHANG, NULL), 0, "WNOHANG returns 0 while the child runs");
    CHECK_EQ_LONG(wait4(-1, &status, WNOHANG, NULL), 0, "WNOHANG on any child returns 0 too");
    close(hold);
    CHECK_EXIT(wait_for(pid), 7, "the child saw EOF after the writer closed");
    CHECK_ERR(wait4(-1, &status, 0, NULL), ECHILD, "wait4 with no children: ECHILD");
    CHECK_ERR(wait4(-1, &status, WNOHANG, NULL), ECHILD, "WNOHANG with no children: ECHILD");
    CHECK_ERR(wait4(1, &status, 0, NULL), ECHILD, "wait4 on a non-child: ECHILD");

    pid_t kids[3];
    long sum = 0, found = 0;
    for (int i = 0; i < 3; i++)
        kids[i] = spawn(exit_with, (void *)(long)(10 + i));
    for (int i = 0; i < 3; i++) {
        pid_t r = wait4(-1, &status, 0, NULL);
        for (int k = 0; k < 3; k++)
            found += r == kids[k];
        sum += WEXITSTATUS(status);
    }
    CHECK_EQ_LONG(found, 3, "wait4(-1) returned each of three children");
    CHECK_EQ_LONG(sum, 10 + 11 + 12, "and their exit codes");
}

static int exit_later(void *unused)
{
    const struct timespec delay = { 0, 50 * 1000 * 1000 };

    (void)unused;
    nanosleep(&delay, NULL);
    return 5;
}

/* With SIGCHLD ignored children are reaped at once; a waiting parent must wake. */
static void test_wait_sigchld_ignored(void)
{
    int status;
    pid_t pid;

    signal(SIGCHLD, SIG_IGN);
    pid = spawn(exit_later, NULL);
    CHECK_ERR(wait4(pid, &status, 0, NULL), ECHILD,
              "SIGCHLD ignored: wait4 sleeps until the child is gone, then ECHILD");
    CHECK_ERR(kill(pid, 0), ESRCH, "and it left no zombie");
    signal(SIGCHLD, SIG_DFL);
}

static void test_zombie(void)
{
    const struct timespec tick = { 0, 5 * 1000 * 1000 };
    pid_t pid = spawn(exit_with, (void *)3L);
    char state = '?';
    for (int i = 0; i < 400 && (state = proc_state(pid)) != 'Z'; i++)
        nanosleep(&tick, NULL);
    CHECK_EQ_LONG(state, 'Z', "an exited, unwaited child is a zombie in /proc/PID/stat");
    CHECK_EXIT(wait_for(pid), 3, "the zombie's status is still there");

    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    CHECK_ERR(open(path, O_RDONLY), ENOENT, "a reaped process is gone from /proc");
}

/* Run show (by fork or vfork) with stdout into out; its wait status and *pid. */
static int run_show(char *const argv[], char *const envp[], int use_vfork,
                    char *out, size_t size, pid_t *pid)
{
    int p[2];
    pipe2(p, O_CLOEXEC);
    *pid = use_vfork ? vfork() : fork();
    if (*pid == 0) {
        dup2(p[1], 1);
        execve(SHOW, argv, envp);
        _exit(127);
    }
    close(p[1]);
    ssize_t n = read_full(p[0], out, size - 1);
    out[n > 0 ? n : 0] = 0;
    close(p[0]);
    return wait_for(*pid);
}

static void test_exec(void)
{
    char out[1024], expected[512];
    char *argv[] = { SHOW, "alpha", "beta gamma", "", NULL };
    char *argv0[] = { SHOW, NULL };
    char *envp[] = { "X=1", "EMPTY=", NULL };
    char *no_env[] = { NULL };
    pid_t pid;

    CHECK_EXIT(run_show(argv, envp, 0, out, sizeof out, &pid), 4,
               "an exec'd program exits with its argc");
    snprintf(expected, sizeof expected,
             "argv: %s alpha beta gamma \nenv: X=1 EMPTY=\nfds: 0 1 2\nids: pid=%d ppid=%d\n",
             SHOW, (int)pid, (int)getpid());
    CHECK_STR(out, expected, "argv, envp, fds, pid and parent arrive intact through execve");

    CHECK_EXIT(run_show(argv0, no_env, 0, out, sizeof out, &pid), 1, "exec with no environment");
    snprintf(expected, sizeof expected, "argv: %s\nenv:\nfds: 0 1 2\nids: pid=%d ppid=%d\n",
             SHOW, (int)pid, (int)getpid());
    CHECK_STR(out, expected, "an empty environment stays empty");

    CHECK_EXIT(run_show(argv0, envp, 1, out, sizeof out, &pid), 1, "vfork + execve");
    snprintf(expected, sizeof expected,
             "argv: %s\nenv: X=1 EMPTY=\nfds: 0 1 2\nids: pid=%d ppid=%d\n",
             SHOW, (int)pid, (int)getpid());
    CHECK_STR(out, expected, "the vfork child's exec output");
}

static void test_exec_errors(void)
{
    char *argv[] = { "nothing", NULL };
    CHECK_ERR(execve("/tests/helpers/no-such-program", argv, argv + 1), ENOENT,
              "execve of a missing file: ENOENT");
    CHECK_ERR(execve("/tests", argv, argv + 1), EACCES, "execve of a directory: EACCES");

    int fd = open("/tmp/process-script", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    write(fd, "just text, no ELF header\n", 25);
    close(fd);
    CHECK_ERR(execve("/tmp/process-script", argv, argv + 1), ENOEXEC,
              "execve of a non-ELF file: ENOEXEC");
    unlink("/tmp/process-script");
}

static int vfork_exit(void)
{
    pid_t pid = vfork();
    if (pid == 0)
        _exit(9);
    return wait_for(pid);
}

static void test_kill(void)
{
    int hold;
    pid_t pid = blocked_child(&hold);
    CHECK_SYS(kill(pid, SIGTERM), "kill SIGTERM");
    CHECK_SIGNAL(wait_for(pid), SIGTERM, "SIGTERM's default action kills the child");
    close(hold);

    pid = blocked_child(&hold);
    CHECK_SYS(kill(pid, SIGKILL), "kill SIGKILL");
    int status = wait_for(pid);
    CHECK_SIGNAL(status, SIGKILL, "SIGKILL kills the child");
    CHECK_EQ_HEX(status, SIGKILL, "raw wait status of a SIGKILLed child");
    close(hold);

    CHECK_ERR(kill(pid, SIGKILL), ESRCH, "kill of a reaped pid: ESRCH");
    CHECK_ERR(kill(pid, 1000), ESRCH, "with an invalid signal too: no process comes first");
    CHECK_ERR(syscall(SYS_tkill, pid, -1), ESRCH, "tkill of it with signal -1: ESRCH");
    CHECK_ERR(syscall(SYS_tgkill, pid, pid, 65), ESRCH, "tgkill of it with signal 65: ESRCH");
    CHECK_ERR(kill(-0x7ffffff0, 1000), ESRCH, "kill of an empty group, invalid signal: ESRCH");
    CHECK_ERR(kill(getpid(), 1000), EINVAL, "kill of ourselves with signal 1000: EINVAL");
    CHECK_ERR(kill(0, 65), EINVAL, "kill of our group with signal 65: EINVAL");
    CHECK_EXIT(vfork_exit(), 9, "vfork child's _exit status");
}

/* Init is unkillable: signals whose action is the default do not reach it. */
static void test_kill_init(void)
{
    CHECK_SYS(kill(1, SIGUSR1), "kill(1, SIGUSR1) succeeds");
    CHECK_SYS(kill(1, SIGTERM), "kill(1, SIGTERM) succeeds");
    CHECK_SYS(kill(1, SIGKILL), "kill(1, SIGKILL) succeeds");
    CHECK_SYS(kill(1, 0), "init is still there");
    CHECK_EQ_LONG(getppid(), 1, "and still our parent");
}

/* A child that forks a grandchild and exits with the grandchild's code + 1. */
static int nested(void *unused)
{
    (void)unused;
    int status = run_child(exit_with, (void *)20L);
    return WIFEXITED(status) ? WEXITSTATUS(status) + 1 : 99;
}

static void test_many(void)
{
    int bad = 0;
    for (int i = 0; i < 50; i++)
        bad += run_child(exit_with, (void *)(long)(i & 0x7f)) != (i & 0x7f) << 8;
    CHECK_EQ_LONG(bad, 0, "50 sequential fork/exit/wait rounds");
    CHECK_EXIT(run_child(nested, NULL), 21, "a child reaps its own child");
}

int main(void)
{
    test_ids();
    test_exit_codes();
    test_wait();
    test_wait_sigchld_ignored();
    test_zombie();
    test_exec();
    test_exec_errors();
    test_kill();
    test_kill_init();
    test_many();
    return tap_done();
}
