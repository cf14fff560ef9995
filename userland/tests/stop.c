/*
 * Stopped processes (job control), as Linux has them: SIGSTOP stops a
 * child (state T), the parent's SIGCHLD says CLD_STOPPED and wait4 with
 * WUNTRACED reports it once; SIGCONT continues it (CLD_CONTINUED, wait4
 * with WCONTINUED once) and its interrupted read goes on; SIGKILL kills a
 * stopped child; SIGTSTP with a handler runs the handler; SIGTSTP's default
 * stops a process whose group has a parent outside it in the session and
 * is discarded in an orphaned group; init is never stopped.
 */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "test.h"

static int to_child[2], from_child[2];
static volatile int hits, last_code, last_status;
static volatile pid_t last_pid;
static volatile sig_atomic_t tstp_ran;

static void on_sigchld(int sig, siginfo_t *si, void *uc)
{
    hits++;
    last_code = si->si_code;
    last_status = si->si_status;
    last_pid = si->si_pid;
    (void)sig;
    (void)uc;
}

static void on_sigtstp(int sig)
{
    tstp_ran = 1;
    (void)sig;
}

/* The child: says it is ready, then exits with the byte it reads (99 if none). */
static int reader(void *how)
{
    char c = 'r';

    close(to_child[1]);
    close(from_child[0]);
    if (how && !strcmp(how, "setsid"))
        setsid();
    if (how && !strcmp(how, "setpgid"))
        setpgid(0, 0);
    if (how && !strcmp(how, "handler"))
        signal(SIGTSTP, on_sigtstp);
    write(from_child[1], &c, 1);
    if (read(to_child[0], &c, 1) != 1)
        return 99;
    return tstp_ran ? c + 1 : c;
}

/* A reading child, ready (its setup done); the caller keeps the writing end. */
static pid_t start_reader(const char *how)
{
    char c;
    pid_t pid;

    pipe(to_child);
    pipe(from_child);
    pid = spawn(reader, (void *)how);
    close(to_child[0]);
    close(from_child[1]);
    read(from_child[0], &c, 1);
    close(from_child[0]);
    return pid;
}

/* Let the child read @c and exit: its wait status. */
static int finish_reader(pid_t pid, char c)
{
    write(to_child[1], &c, 1);
    close(to_child[1]);
    return wait_for(pid);
}

/* Sleep with SIGCHLD unblocked until the handler has run @n times. */
static void await_sigchld(int n, const sigset_t *unblocked)
{
    while (hits < n)
        sigsuspend(unblocked);
}

static void check_proc_state(pid_t pid, const char *expected, const char *what)
{
    char path[64], text[2048], line[64] = "";

    snprintf(path, sizeof(path), "/proc/%d/status", pid);
    if (read_file(path, text, sizeof(text)) > 0)
        find_line(text, "State:", line, sizeof(line));
    CHECK_STR(line, expected, "%s: /proc/PID/status", what);
}

static void test_stop_continue(void)
{
    struct sigaction sa = { .sa_sigaction = on_sigchld, .sa_flags = SA_SIGINFO | SA_RESTART };
    sigset_t block, old;
    int status = 0;
    pid_t pid;

    sigaction(SIGCHLD, &sa, NULL);
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    hits = 0;
    pid = start_reader(NULL);

    CHECK_EQ_LONG(kill(pid, SIGSTOP), 0, "kill SIGSTOP");
    await_sigchld(1, &old);
    CHECK_EQ_LONG(last_code, CLD_STOPPED, "SIGCHLD si_code CLD_STOPPED");
    CHECK_EQ_LONG(last_status, SIGSTOP, "SIGCHLD si_status SIGSTOP");
    CHECK_EQ_LONG(last_pid, pid, "SIGCHLD si_pid the child");
    CHECK_EQ_LONG(proc_state(pid), 'T', "stopped: /proc/PID/stat state T");
    check_proc_state(pid, "State:\tT (stopped)", "stopped");
    CHECK_EQ_LONG(waitpid(pid, &status, WNOHANG), 0, "wait without WUNTRACED: nothing");
    CHECK_EQ_LONG(waitpid(pid, &status, WUNTRACED), pid, "WUNTRACED reports the stop");
    CHECK_EQ_HEX(status, 0x137f, "status 0x7f | SIGSTOP << 8");
    CHECK(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "WIFSTOPPED, WSTOPSIG SIGSTOP");
    CHECK_EQ_LONG(waitpid(pid, &status, WUNTRACED | WNOHANG), 0, "the stop is reported once");
    comparable("stop: SIGSTOP code %d status 0x%x", last_code, status);

    CHECK_EQ_LONG(kill(pid, SIGCONT), 0, "kill SIGCONT");
    CHECK_EQ_LONG(waitpid(pid, &status, WCONTINUED), pid, "WCONTINUED reports the continue");
    CHECK_EQ_HEX(status, 0xffff, "status 0xffff");
    CHECK(WIFCONTINUED(status), "WIFCONTINUED");
    CHECK_EQ_LONG(waitpid(pid, &status, WCONTINUED | WNOHANG), 0, "the continue is reported once");
    await_sigchld(2, &old);
    CHECK_EQ_LONG(last_code, CLD_CONTINUED, "SIGCHLD si_code CLD_CONTINUED");
    CHECK_EQ_LONG(last_status, SIGCONT, "SIGCHLD si_status SIGCONT");
    CHECK_EQ_LONG(last_pid, pid, "SIGCHLD si_pid the child");
    comparable("stop: SIGCONT code %d status 0x%x", last_code, status);

    status = finish_reader(pid, 42);
    CHECK_EXIT(status, 42, "continued: its read goes on and it exits normally");
    await_sigchld(3, &old);
    CHECK_EQ_LONG(last_code, CLD_EXITED, "then SIGCHLD CLD_EXITED");
    comparable("stop: exit %s", status_text(status));
    sigprocmask(SIG_SETMASK, &old, NULL);
    signal(SIGCHLD, SIG_DFL);
}

static void test_nocldstop(void)
{
    struct sigaction sa = { .sa_sigaction = on_sigchld, .sa_flags = SA_SIGINFO | SA_RESTART | SA_NOCLDSTOP };
    int status = 0;
    pid_t pid;

    sigaction(SIGCHLD, &sa, NULL);
    hits = 0;
    pid = start_reader(NULL);
    kill(pid, SIGSTOP);
    CHECK_EQ_LONG(waitpid(pid, &status, WUNTRACED), pid, "SA_NOCLDSTOP: WUNTRACED still reports");
    kill(pid, SIGCONT);
    CHECK_EQ_LONG(waitpid(pid, &status, WCONTINUED), pid, "SA_NOCLDSTOP: WCONTINUED still reports");
    status = finish_reader(pid, 5);
    CHECK_EXIT(status, 5, "SA_NOCLDSTOP: the child exits");
    CHECK_EQ_LONG(hits, 1, "SA_NOCLDSTOP: only the exit's SIGCHLD");
    CHECK_EQ_LONG(last_code, CLD_EXITED, "SA_NOCLDSTOP: CLD_EXITED");
    signal(SIGCHLD, SIG_DFL);
}

static void test_kill_stopped(void)
{
    int status = 0;
    pid_t pid = start_reader(NULL);

    kill(pid, SIGSTOP);
    CHECK_EQ_LONG(waitpid(pid, &status, WUNTRACED), pid, "stopped");
    CHECK_EQ_LONG(kill(pid, SIGKILL), 0, "kill SIGKILL a stopped child");
    status = wait_for(pid);
    CHECK_SIGNAL(status, SIGKILL, "SIGKILL kills a stopped child");
    close(to_child[1]);
    comparable("stop: killed while stopped: %s", status_text(status));
}

static void test_sigtstp(void)
{
    int status = 0;
    pid_t pid = start_reader("handler");

    kill(pid, SIGTSTP);
    CHECK_EXIT(finish_reader(pid, 10), 11, "SIGTSTP with a handler runs it, no stop");

    pid = start_reader("setpgid");
    kill(pid, SIGTSTP);
    CHECK_EQ_LONG(waitpid(pid, &status, WUNTRACED), pid, "SIGTSTP default stops");
    CHECK_EQ_HEX(status, 0x147f, "status 0x7f | SIGTSTP << 8");
    kill(pid, SIGCONT);
    CHECK_EXIT(finish_reader(pid, 3), 3, "continued after SIGTSTP");

    pid = start_reader("setsid");
    kill(pid, SIGTSTP);
    status = finish_reader(pid, 4);
    CHECK_EXIT(status, 4, "SIGTSTP to an orphaned process group is discarded");
    comparable("stop: orphaned SIGTSTP: %s", status_text(status));
}

static void test_stop_discards_cont(void)
{
    int status = 0;
    pid_t pid = start_reader(NULL);

    kill(pid, SIGSTOP);
    waitpid(pid, &status, WUNTRACED);
    kill(pid, SIGCONT);
    kill(pid, SIGSTOP);
    CHECK_EQ_LONG(waitpid(pid, &status, WUNTRACED), pid, "stopped again after SIGCONT, SIGSTOP");
    CHECK_EQ_HEX(status, 0x137f, "the second stop reported");
    CHECK_EQ_LONG(proc_state(pid), 'T', "state T");
    kill(pid, SIGCONT);
    CHECK_EXIT(finish_reader(pid, 6), 6, "continued and exits");
}

static void test_init(void)
{
    CHECK_EQ_LONG(kill(1, SIGSTOP), 0, "kill(1, SIGSTOP) succeeds");
    CHECK(proc_state(1) != 'T', "init is not stopped");
}

int main(void)
{
    test_stop_continue();
    test_nocldstop();
    test_kill_stopped();
    test_sigtstp();
    test_stop_discards_cont();
    test_init();
    return tap_done();
}
