/*
 * Threads, as musl's pthreads use them: clone with CLONE_THREAD and
 * friends, futex waits and wakes, thread exit and exit_group, a crashing
 * thread killing its process, signals to a process and to one thread,
 * execve from a thread, the thread counts in /proc, and futex(2)'s errors.
 */
#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define SHOW "/tests/helpers/show"

/* <linux/futex.h>'s values (musl has no kernel headers). */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)

static long futex(volatile int *uaddr, int op, int val, const struct timespec *ts,
                  volatile int *uaddr2, int val3)
{
    return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static pid_t gettid_(void)
{
    return syscall(SYS_gettid);
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
    nanosleep(&ts, NULL);
}

/* The "Threads:" line of /proc/PID/status (0 for self), or -1. */
static long status_threads(pid_t pid)
{
    char path[64], buf[4096], line[64];
    snprintf(path, sizeof path, pid ? "/proc/%d/status" : "/proc/self/status", pid);
    if (read_file(path, buf, sizeof buf) < 0 || !find_line(buf, "Threads:", line, sizeof line))
        return -1;
    return atol(line + strlen("Threads:"));
}

/* Field 20 (num_threads) of /proc/self/stat, or -1. */
static long stat_num_threads(void)
{
    char buf[1024];
    if (read_file("/proc/self/stat", buf, sizeof buf) < 0)
        return -1;
    char *p = strrchr(buf, ')');
    for (int field = 2; p && field < 20; field++)
        p = strchr(p + 1, ' ');
    return p ? atol(p + 1) : -1;
}

static __attribute__((noreturn)) void pause_forever(void)
{
    for (;;)
        pause();
}

/*
 * The entries of /proc/self/task: how many, and whether the first is the
 * main thread; 100 more for each that has a task/ inside.
 */
static int task_dir(int *first_is_pid)
{
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    int n = 0;
    char path[300];

    *first_is_pid = 0;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        *first_is_pid |= n == 0 && atoi(e->d_name) == getpid();
        snprintf(path, sizeof path, "/proc/self/task/%s/stat", e->d_name);
        n += access(path, R_OK) == 0;
        /* A thread's directory has no task/ of its own (find would never end). */
        snprintf(path, sizeof path, "/proc/self/task/%s/task", e->d_name);
        n += access(path, F_OK) == 0 || errno != ENOENT ? 100 : 0;
    }
    if (d)
        closedir(d);
    return n;
}

/* ---- ids ---- */

struct ids {
    pid_t pid, tid;
};

static void *report_ids(void *arg)
{
    struct ids *ids = arg;
    ids->pid = getpid();
    ids->tid = gettid_();
    return NULL;
}

static void test_ids(void)
{
    struct ids ids;
    pthread_t th;

    CHECK_EQ_LONG(gettid_(), getpid(), "the main thread's tid is the pid");
    CHECK_EQ_LONG(pthread_create(&th, NULL, report_ids, &ids), 0, "pthread_create");
    CHECK_EQ_LONG(pthread_join(th, NULL), 0, "pthread_join");
    CHECK_EQ_LONG(ids.pid, getpid(), "a thread's getpid is the process's");
    CHECK(ids.tid != getpid() && ids.tid > 0, "a thread has a tid of its own");
    comparable("ids: thread pid same=%d, tid differs=%d", ids.pid == getpid(),
               ids.tid != getpid());
}

/* ---- results and shared memory ---- */

#define NWORKERS 4
#define CHUNK 10000

static long numbers[NWORKERS * CHUNK];

static void *sum_chunk(void *arg)
{
    long i = (long)arg, sum = 0;
    for (long k = i * CHUNK; k < (i + 1) * CHUNK; k++)
        sum += numbers[k];
    return (void *)sum;
}

static void *write_mapping(void *arg)
{
    char **where = arg;
    char *p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                   -1, 0);
    if (p != MAP_FAILED)
        strcpy(p + PAGE_SIZE, "written by a thread");
    *where = p;
    return NULL;
}

static void test_results_and_memory(void)
{
    pthread_t th[NWORKERS];
    long total = 0;
    void *ret;

    for (long k = 0; k < NWORKERS * CHUNK; k++)
        numbers[k] = k;
    for (long i = 0; i < NWORKERS; i++)
        pthread_create(&th[i], NULL, sum_chunk, (void *)i);
    for (long i = 0; i < NWORKERS; i++) {
        pthread_join(th[i], &ret);
        CHECK_EQ_LONG((long)ret, CHUNK * (i * CHUNK) + CHUNK * (CHUNK - 1L) / 2,
                      "worker %ld's sum comes back through pthread_join", i);
        total += (long)ret;
    }
    comparable("sums: total=%ld", total);

    char *p = NULL;
    pthread_create(&th[0], NULL, write_mapping, &p);
    pthread_join(th[0], NULL);
    CHECK(p != MAP_FAILED && p && strcmp(p + PAGE_SIZE, "written by a thread") == 0,
          "a mapping a thread made and wrote is the process's");
    comparable("mapping: %s", p && p != MAP_FAILED ? p + PAGE_SIZE : "none");
    if (p && p != MAP_FAILED)
        munmap(p, 2 * PAGE_SIZE);
}

/* ---- mutex and condition variable ---- */

#define ROUNDS 500

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t turn_changed = PTHREAD_COND_INITIALIZER;
static int turn, steps, out_of_turn;

static void *ping_pong(void *arg)
{
    int me = (int)(long)arg;
    for (int i = 0; i < ROUNDS; i++) {
        pthread_mutex_lock(&lock);
        while (turn != me)
            pthread_cond_wait(&turn_changed, &lock);
        out_of_turn += steps % 2 != me;
        steps++;
        turn = !me;
        pthread_cond_broadcast(&turn_changed);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static long counter;

static void *add_many(void *arg)
{
    for (int i = 0; i < 20000; i++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    return arg;
}

static void test_mutex_condvar(void)
{
    pthread_t a, b, th[3];

    pthread_create(&a, NULL, ping_pong, (void *)0L);
    pthread_create(&b, NULL, ping_pong, (void *)1L);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    CHECK_EQ_LONG(steps, 2 * ROUNDS, "the ping-pong made every step");
    CHECK_EQ_LONG(out_of_turn, 0, "no thread ever moved out of turn");
    comparable("ping-pong: steps=%d out_of_turn=%d", steps, out_of_turn);

    for (int i = 0; i < 3; i++)
        pthread_create(&th[i], NULL, add_many, NULL);
    for (int i = 0; i < 3; i++)
        pthread_join(th[i], NULL);
    CHECK_EQ_LONG(counter, 60000, "a mutex keeps three threads' increments apart");
    comparable("mutex: counter=%ld", counter);
}

/* ---- many short threads ---- */

static volatile int ran;

static void *bump(void *arg)
{
    __atomic_add_fetch(&ran, 1, __ATOMIC_SEQ_CST);
    return arg;
}

static void test_many_threads(void)
{
    pthread_t th[8];
    pthread_attr_t detached;
    int created = 0;

    for (int round = 0; round < 25; round++) {
        for (int i = 0; i < 8; i++)
            created += pthread_create(&th[i], NULL, bump, NULL) == 0;
        for (int i = 0; i < 8; i++)
            pthread_join(th[i], NULL);
    }
    CHECK_EQ_LONG(created, 200, "200 threads created");
    CHECK_EQ_LONG(ran, 200, "and each ran");

    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < 20; i++)
        pthread_create(&th[0], &detached, bump, NULL);
    for (int tries = 0; tries < 1000 && (ran < 220 || status_threads(0) != 1); tries++)
        sleep_ms(1);
    CHECK_EQ_LONG(ran, 220, "20 detached threads ran");
    CHECK_EQ_LONG(status_threads(0), 1, "and are gone");
    comparable("many: ran=%d threads_left=%ld", ran, status_threads(0));
}

/* ---- /proc ---- */

static int release_fd[2];

static void *block_on_pipe(void *arg)
{
    char c;
    read(release_fd[0], &c, 1);
    return arg;
}

static void test_proc(void)
{
    pthread_t th[2];

    pipe(release_fd);
    for (int i = 0; i < 2; i++)
        pthread_create(&th[i], NULL, block_on_pipe, NULL);
    long status = status_threads(0), stat = stat_num_threads();
    CHECK_EQ_LONG(status, 3, "/proc/self/status Threads: counts three");
    CHECK_EQ_LONG(stat, 3, "/proc/self/stat num_threads counts three");
    comparable("proc with 3 threads: status=%ld stat=%ld", status, stat);
    int first_is_pid, tasks = task_dir(&first_is_pid);
    CHECK_EQ_LONG(tasks, 3, "/proc/self/task has a readable directory per thread");
    CHECK(first_is_pid, "the main thread first");
    comparable("proc task/: %d threads, main first=%d", tasks, first_is_pid);
    write(release_fd[1], "xx", 2);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    close(release_fd[0]);
    close(release_fd[1]);
    /* pthread_join returns once the thread is done, maybe before the kernel is. */
    for (int tries = 0; tries < 1000 && stat_num_threads() != 1; tries++)
        sleep_ms(1);
    comparable("proc after join: status=%ld stat=%ld", status_threads(0), stat_num_threads());
}

/* ---- thread exit, exit_group, the zombie leader ---- */

static volatile int gone;

static void *raw_exit(void *arg)
{
    syscall(SYS_exit, 60);
    return arg;
}

/* A thread's exit(60) ends only it: the process goes on and exits 3. */
static int exit_one_thread(void *unused)
{
    pthread_t th;
    (void)unused;
    pthread_create(&th, NULL, raw_exit, NULL);
    for (int tries = 0; tries < 1000 && status_threads(0) != 1; tries++)
        sleep_ms(1);
    return status_threads(0) == 1 ? 3 : 1;
}

static void *exit_group_later(void *arg)
{
    sleep_ms(20);
    exit((int)(long)arg);
}

/* The main thread waits forever; another thread's exit() (exit_group) ends both. */
static int exit_group_from_thread(void *unused)
{
    pthread_t th;
    (void)unused;
    pthread_create(&th, NULL, exit_group_later, (void *)9L);
    pause_forever();
}

static pthread_mutex_t never_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;

static void *wait_on_condvar(void *arg)
{
    pthread_mutex_lock(&never_lock);
    for (;;)
        pthread_cond_wait(&never, &never_lock);
    return arg;
}

/* Eight threads asleep in pthread_cond_wait, four in read(): main's exit ends them all. */
static int exit_with_sleepers(void *unused)
{
    pthread_t th;
    int fds[2];
    (void)unused;
    pipe(fds);
    release_fd[0] = fds[0];
    for (int i = 0; i < 12; i++)
        pthread_create(&th, NULL, i < 8 ? wait_on_condvar : block_on_pipe, NULL);
    while (status_threads(0) != 13)
        sleep_ms(1);
    sleep_ms(20);
    return 5;
}

static int leader_hold[2];

static void *exit_when_told(void *arg)
{
    char c;
    read(leader_hold[0], &c, 1);
    exit((int)(long)arg);
}

/* The main thread exits first (pthread_exit); the process lives on in its other thread. */
static int leader_exits_first(void *unused)
{
    pthread_t th;
    (void)unused;
    pthread_create(&th, NULL, exit_when_told, (void *)4L);
    pthread_exit(NULL);
}

static void test_exit(void)
{
    CHECK_EXIT(run_child(exit_one_thread, NULL), 3, "exit() of one thread leaves the process");
    CHECK_EXIT(run_child(exit_group_from_thread, NULL), 9,
               "exit_group() in a thread ends the whole process");
    CHECK_EXIT(run_child(exit_with_sleepers, NULL), 5,
               "returning from main ends threads asleep on a condvar and in read()");

    pipe(leader_hold);
    pid_t pid = spawn(leader_exits_first, NULL);
    for (int tries = 0; tries < 1000 && proc_state(pid) != 'Z'; tries++)
        sleep_ms(1);
    int status;
    char state = proc_state(pid);
    long threads = status_threads(pid), reaped = wait4(pid, &status, WNOHANG, NULL);
    CHECK_EQ_LONG(state, 'Z', "the leader that exited first is a zombie");
    CHECK_EQ_LONG(threads, 2, "its process still counts two threads");
    CHECK_EQ_LONG(reaped, 0, "wait4 does not reap the process while a thread lives");
    long alive = kill(pid, 0);
    CHECK_EQ_LONG(alive, 0, "kill() still finds the process");
    comparable("zombie leader: state=%c threads=%ld reaped=%ld kill=%ld", state, threads, reaped,
               alive);
    write(leader_hold[1], "x", 1);
    CHECK_EXIT(wait_for(pid), 4, "the last thread's exit status is the process's");
    CHECK_ERR(wait4(pid, &status, WNOHANG, NULL), ECHILD, "the process was reaped once");
    close(leader_hold[0]);
    close(leader_hold[1]);
}

/* ---- signals ---- */

static void *crash(void *arg)
{
    sleep_ms(10);
    *(volatile int *)arg = 1;
    return NULL;
}

static int thread_crashes(void *unused)
{
    pthread_t th;
    (void)unused;
    pthread_create(&th, NULL, crash, NULL);
    pause_forever();
}

static void *wait_forever(void *arg)
{
    (void)arg;
    pause_forever();
}

static int killed_with_threads(void *unused)
{
    pthread_t th;
    (void)unused;
    for (int i = 0; i < 3; i++)
        pthread_create(&th, NULL, wait_forever, NULL);
    kill(getpid(), SIGTERM);
    pause_forever();
}

static volatile pid_t handled_by;
static volatile int handled;

static void note_thread(int sig)
{
    handled_by = gettid_();
    handled++;
    (void)sig;
}

static volatile pid_t helper_tid;

static void *wait_for_usr1(void *arg)
{
    sigset_t usr1;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
    helper_tid = gettid_();
    while (!handled)
        sleep_ms(1);
    return arg;
}

static void test_signals(void)
{
    CHECK_SIGNAL(run_child(thread_crashes, NULL), SIGSEGV,
                 "a thread's segfault kills the process with SIGSEGV");
    CHECK_SIGNAL(run_child(killed_with_threads, NULL), SIGTERM,
                 "kill() of a process with threads kills it with that signal");

    /* kill() goes to a thread that does not block the signal. */
    struct sigaction sa = { .sa_handler = note_thread };
    sigset_t usr1, old;
    pthread_t th;
    sigaction(SIGUSR1, &sa, NULL);
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &usr1, &old);
    pthread_create(&th, NULL, wait_for_usr1, NULL);
    while (!helper_tid)
        sleep_ms(1);
    kill(getpid(), SIGUSR1);
    pthread_join(th, NULL);
    CHECK_EQ_LONG(handled_by, helper_tid, "kill() reached the thread that does not block it");
    comparable("kill: handled=%d by_helper=%d", handled, handled_by == helper_tid);
    pthread_sigmask(SIG_SETMASK, &old, NULL);

    /* tgkill() and tkill() go to the thread named. */
    handled = 0;
    syscall(SYS_tgkill, getpid(), gettid_(), SIGUSR1);
    CHECK_EQ_LONG(handled_by, getpid(), "tgkill() reached the main thread");
    CHECK_ERR(syscall(SYS_tgkill, getpid() + 100000, gettid_(), SIGUSR1), ESRCH,
              "tgkill() with the wrong tgid");
    CHECK_ERR(syscall(SYS_tkill, 0, SIGUSR1), EINVAL, "tkill() of tid 0");
    signal(SIGUSR1, SIG_DFL);
}

/* ---- execve from a thread ---- */

static int exec_out[2];

static void *exec_show(void *arg)
{
    char *argv[] = { SHOW, "from-thread", NULL }, *envp[] = { NULL };
    dup2(exec_out[1], 1);
    execve(SHOW, argv, envp);
    return arg;
}

/* The main thread execs while another thread waits. */
static int exec_from_leader(void *unused)
{
    pthread_t th;
    (void)unused;
    pthread_create(&th, NULL, wait_forever, NULL);
    exec_show(NULL);
    return 1;
}

static int exec_from_thread(void *unused)
{
    pthread_t th[2];
    (void)unused;
    pthread_create(&th[0], NULL, wait_forever, NULL);
    pthread_create(&th[1], NULL, exec_show, NULL);
    pause_forever();
}

static void test_exec(void)
{
    int (*const execer[])(void *) = { exec_from_thread, exec_from_leader };
    const char *const who[] = { "another thread", "the main thread" };

    for (int i = 0; i < 2; i++) {
        char buf[512] = "", want[64], line[128] = "";

        pipe(exec_out);
        pid_t pid = spawn(execer[i], NULL);
        close(exec_out[1]);
        read_full(exec_out[0], buf, sizeof buf - 1);
        close(exec_out[0]);
        CHECK_EXIT(wait_for(pid), 2, "the program %s exec'd ran and exited", who[i]);
        snprintf(want, sizeof want, "ids: pid=%d ppid=%d", pid, getpid());
        find_line(buf, "ids:", line, sizeof line);
        CHECK_STR(line, want, "it kept the process's pid and parent");
        CHECK(strstr(buf, "argv: " SHOW " from-thread\n") != NULL, "with the argv given");
    }
}

/* ---- a child of one thread, waited for by another ---- */

static void *fork_child(void *arg)
{
    (void)arg;
    pid_t pid = fork();
    if (pid == 0)
        _exit(12);
    return (void *)(long)pid;
}

static void test_wait_sibling_child(void)
{
    pthread_t th;
    void *child;
    int status;

    pthread_create(&th, NULL, fork_child, NULL);
    pthread_join(th, &child);
    pid_t got = waitpid((pid_t)(long)child, &status, 0);
    CHECK_EQ_LONG(got, (long)child, "the main thread reaps a child another thread forked");
    CHECK_EXIT(status, 12, "with its status");
    comparable("sibling's child: reaped=%d status=%s", got == (pid_t)(long)child,
               status_text(status));
}

/* ---- CPU time of threads ---- */

#ifndef RUSAGE_THREAD
#define RUSAGE_THREAD 1
#endif
#define BURN_NS 100000000L	/* 100 ms */

static long clock_ns(clockid_t clock)
{
    struct timespec ts;
    clock_gettime(clock, &ts);
    return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

static long rusage_ns(int who)
{
    struct rusage ru;
    getrusage(who, &ru);
    return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000000L +
           (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1000L;
}

static void *burn(void *arg)
{
    while (clock_ns(CLOCK_THREAD_CPUTIME_ID) < BURN_NS)
        ;
    return arg;
}

/* A thread burns 100 ms and ends; then the process exits. */
static int burn_in_thread(void *unused)
{
    pthread_t th;
    (void)unused;
    pthread_create(&th, NULL, burn, NULL);
    pthread_join(th, NULL);
    return 0;
}

static void test_cpu_time(void)
{
    long self = rusage_ns(RUSAGE_SELF), mine = rusage_ns(RUSAGE_THREAD);
    long clock = clock_ns(CLOCK_PROCESS_CPUTIME_ID);
    pthread_t th;

    pthread_create(&th, NULL, burn, NULL);
    pthread_join(th, NULL);
    for (int tries = 0; tries < 1000 && status_threads(0) != 1; tries++)
        sleep_ms(1);
    int process = rusage_ns(RUSAGE_SELF) - self >= BURN_NS;
    int thread = rusage_ns(RUSAGE_THREAD) - mine < BURN_NS;
    int clocked = clock_ns(CLOCK_PROCESS_CPUTIME_ID) - clock >= BURN_NS;
    CHECK(process, "RUSAGE_SELF counts the 100 ms of a thread that ended");
    CHECK(thread, "RUSAGE_THREAD does not");
    CHECK(clocked, "CLOCK_PROCESS_CPUTIME_ID counts them");

    struct rusage ru;
    int status;
    pid_t pid = spawn(burn_in_thread, NULL);
    wait4(pid, &status, 0, &ru);
    int reaped = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000L +
                 ru.ru_utime.tv_usec + ru.ru_stime.tv_usec >= BURN_NS / 1000;
    CHECK(reaped, "wait4's rusage counts a child's thread");
    comparable("cpu time: process=%d thread=%d clock=%d reaped=%d", process, thread, clocked,
               reaped);
}

/* ---- futex(2) ---- */

static volatile int word;

/* Wake the main thread's wait on the word (@arg: the futex op) once it sleeps. */
static void *wake_main(void *arg)
{
    long woken = 0;
    for (int tries = 0; tries < 2000 && !woken; tries++) {
        sleep_ms(1);
        woken = futex(&word, (int)(long)arg, 1, NULL, NULL, 0);
    }
    return (void *)woken;
}

/* Until the main thread (the leader: /proc/PID/stat) sleeps. */
static void wait_main_sleeps(void)
{
    for (int tries = 0; tries < 2000 && proc_state(getpid()) != 'S'; tries++)
        sleep_ms(1);
}

static volatile int interrupted;

static void on_usr2(int sig)
{
    interrupted++;
    (void)sig;
}

struct poke {
    pid_t tid;
    int wake;			/* also set the word and wake it afterwards */
};

static void *signal_then_wake(void *arg)
{
    struct poke *p = arg;
    int before = interrupted;

    wait_main_sleeps();
    syscall(SYS_tgkill, getpid(), p->tid, SIGUSR2);
    while (interrupted == before)
        sleep_ms(1);
    return p->wake ? wake_main((void *)FUTEX_WAKE_PRIVATE) : NULL;
}

static void test_futex_waits(void)
{
    pthread_t th;
    void *woken;
    long r;

    word = 0;
    pthread_create(&th, NULL, wake_main, (void *)FUTEX_WAKE_PRIVATE);
    r = futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    pthread_join(th, &woken);
    CHECK_EQ_LONG(r, 0, "FUTEX_WAIT returns 0 when woken");
    CHECK_EQ_LONG((long)woken, 1, "FUTEX_WAKE reports one waiter woken");

    pthread_create(&th, NULL, wake_main, (void *)FUTEX_WAKE);
    r = futex(&word, FUTEX_WAIT, 0, NULL, NULL, 0);
    pthread_join(th, &woken);
    CHECK_EQ_LONG(r, 0, "a shared FUTEX_WAIT is woken by a shared FUTEX_WAKE");

    struct sigaction sa = { .sa_handler = on_usr2 };
    struct poke poke = { gettid_(), 0 };
    sigaction(SIGUSR2, &sa, NULL);
    pthread_create(&th, NULL, signal_then_wake, &poke);
    CHECK_ERR(futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EINTR,
              "a handler without SA_RESTART interrupts FUTEX_WAIT");
    pthread_join(th, NULL);

    sa.sa_flags = SA_RESTART;
    sigaction(SIGUSR2, &sa, NULL);
    poke.wake = 1;
    pthread_create(&th, NULL, signal_then_wake, &poke);
    r = futex(&word, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    pthread_join(th, NULL);
    CHECK_EQ_LONG(r, 0, "an SA_RESTART handler restarts FUTEX_WAIT until the wake");
    CHECK_EQ_LONG(interrupted, 2, "both signals were handled");

    struct timespec long_wait = { 5, 0 };
    poke.wake = 0;
    pthread_create(&th, NULL, signal_then_wake, &poke);
    CHECK_ERR(futex(&word, FUTEX_WAIT_PRIVATE, 0, &long_wait, NULL, 0), EINTR,
              "even an SA_RESTART handler ends a timed FUTEX_WAIT with EINTR");
    pthread_join(th, NULL);
    signal(SIGUSR2, SIG_DFL);
    comparable("futex waits: woken=%ld interrupted=%d", (long)woken, interrupted);
}

/* A shared futex in MAP_SHARED memory: a child process wakes its parent. */
static int wake_parent(void *word)
{
    long woken = 0;
    for (int tries = 0; tries < 2000 && !woken; tries++) {
        sleep_ms(1);
        if (proc_state(getppid()) == 'S')
            woken = futex(word, FUTEX_WAKE, 1, NULL, NULL, 0);
    }
    return (int)woken;
}

static void test_futex_processes(void)
{
    int *shared = mmap(NULL, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
                       -1, 0);
    pid_t pid = spawn(wake_parent, shared);
    long r = futex(shared, FUTEX_WAIT, 0, NULL, NULL, 0);
    int status = wait_for(pid);

    CHECK_EQ_LONG(r, 0, "a shared FUTEX_WAIT in MAP_SHARED memory is woken by another process");
    CHECK_EXIT(status, 1, "which woke one waiter");
    comparable("futex across processes: wait=%ld woken=%s", r, status_text(status));
    munmap(shared, PAGE_SIZE);
}

static void test_futex_errors(void)
{
    struct timespec ten_ms = { 0, 10000000 }, bad = { 0, 1000000000 };
    int aligned[2] = { 0, 0 };
    char *misaligned = (char *)aligned + 1;

    word = 5;
    CHECK_ERR(futex(&word, FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0), EAGAIN,
              "FUTEX_WAIT on a word that changed");
    CHECK_ERR(futex(&word, FUTEX_WAIT, 4, NULL, NULL, 0), EAGAIN, "shared too");
    CHECK_ERR(futex(&word, FUTEX_WAIT_PRIVATE, 5, &ten_ms, NULL, 0), ETIMEDOUT,
              "FUTEX_WAIT times out");
    CHECK_ERR(futex(&word, FUTEX_WAIT_PRIVATE, 5, &bad, NULL, 0), EINVAL,
              "a timeout of 1e9 ns");
    CHECK_ERR(futex(&word, FUTEX_WAIT_PRIVATE, 5, (void *)1, NULL, 0), EFAULT,
              "an unreadable timeout");
    CHECK_ERR(futex(NULL, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EFAULT, "FUTEX_WAIT on NULL");
    CHECK_ERR(futex((volatile int *)misaligned, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0), EINVAL,
              "FUTEX_WAIT on a misaligned word");
    CHECK_ERR(futex((volatile int *)misaligned, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), EINVAL,
              "FUTEX_WAKE on a misaligned word");
    CHECK_ERR(futex(NULL, FUTEX_WAKE, 1, NULL, NULL, 0), EFAULT,
              "a shared FUTEX_WAKE on an unmapped word");
    CHECK_EQ_LONG(futex(NULL, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0,
                  "a private FUTEX_WAKE never reads the word");
    CHECK_EQ_LONG(futex(&word, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0), 0,
                  "FUTEX_WAKE without waiters wakes none");
    CHECK_ERR(futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, aligned, 4), EAGAIN,
              "FUTEX_CMP_REQUEUE on a word that changed");
    CHECK_EQ_LONG(futex(&word, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, aligned, 5), 0,
                  "FUTEX_CMP_REQUEUE without waiters");
    CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET_PRIVATE, 5, NULL, NULL, 0), EINVAL,
              "FUTEX_WAIT_BITSET with no bits");
    CHECK_ERR(futex(&word, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 5, NULL, NULL, 0), ENOSYS,
              "FUTEX_CLOCK_REALTIME with FUTEX_WAIT");
    CHECK_ERR(futex(&word, 99, 0, NULL, NULL, 0), ENOSYS, "an unknown futex operation");
    CHECK_ERR(syscall(SYS_set_robust_list, NULL, 8), EINVAL, "set_robust_list with a bad size");
    CHECK_EQ_LONG(syscall(SYS_set_tid_address, &aligned[0]), getpid(),
                  "set_tid_address returns the tid");
}

/* ---- clone's flag rules ---- */

static void test_clone_flags(void)
{
    CHECK_ERR(syscall(SYS_clone, CLONE_THREAD | CLONE_VM, 0, NULL, NULL, 0), EINVAL,
              "CLONE_THREAD needs CLONE_SIGHAND");
    CHECK_ERR(syscall(SYS_clone, CLONE_SIGHAND | SIGCHLD, 0, NULL, NULL, 0), EINVAL,
              "CLONE_SIGHAND needs CLONE_VM");
}

int main(void)
{
    test_ids();
    test_results_and_memory();
    test_mutex_condvar();
    test_many_threads();
    test_proc();
    test_exit();
    test_signals();
    test_exec();
    test_wait_sibling_child();
    test_cpu_time();
    test_futex_waits();
    test_futex_processes();
    test_futex_errors();
    test_clone_flags();
    return tap_done();
}
