/*
 * /bin/sh: a tiny interactive shell for poking at the kernel by hand.
 *
 * Reads lines from stdin (the kernel's tty echoes and handles backspace),
 * prints the prompt "pagoda# " only when stdin is a terminal (TCGETS works).
 * Builtins: cat FILE..., echo TEXT [> FILE], ls [DIR], ps, free, fg,
 * exit [N], help.  Anything else runs a program: an absolute or relative path, or a
 * name searched in /bin then /tests; a killing signal is reported.
 *
 * Job control, on a terminal: the shell leads a session that owns the
 * terminal (setsid + TIOCSCTTY) and runs each program in its own process
 * group in the foreground (tcsetpgrp), so ^C interrupts the program and
 * not the shell; ^C at the prompt drops the line. ^Z stops the program
 * (reported, kept as the one stopped job); fg continues it in the
 * foreground.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "test.h"

#define LINE_MAX_LEN 1024
#define MAX_ARGS 64
#define MAX_ENTRIES 512

extern char **environ;

static int job_control;             /* we own the terminal */
static pid_t stopped_job;           /* the program ^Z stopped, or 0 */
static char stopped_name[256];
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* Lead a session that has the terminal on fd 0; catch ^C (no SA_RESTART: read fails). */
static void start_job_control(void)
{
    struct sigaction sa = { .sa_handler = on_sigint };

    setsid();
    job_control = ioctl(0, TIOCSCTTY, 0) == 0;
    sigaction(SIGINT, &sa, NULL);
    signal(SIGTTOU, SIG_IGN);       /* Linux stops a background tcsetpgrp caller */
}

static void out(const char *s)
{
    write_full(1, s, strlen(s));
}

static void err(const char *a, const char *b, const char *c)
{
    char line[512];
    snprintf(line, sizeof line, "sh: %s%s%s\n", a, b, c);
    write_full(2, line, strlen(line));
}

static int cat_fd(int fd)
{
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        if (write_full(1, buf, n) != n)
            return -1;
    return n < 0 ? -1 : 0;
}

static int builtin_cat(int argc, char **argv)
{
    int status = 0;
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0 || cat_fd(fd) < 0) {
            err(argv[i], ": ", strerror(errno));
            status = 1;
        }
        if (fd >= 0)
            close(fd);
    }
    return status;
}

/* echo WORDS... [> FILE] */
static int builtin_echo(int argc, char **argv)
{
    char text[LINE_MAX_LEN + 1] = "";
    int fd = 1, words = argc;

    if (argc >= 3 && strcmp(argv[argc - 2], ">") == 0) {
        words = argc - 2;
        fd = open(argv[argc - 1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) {
            err(argv[argc - 1], ": ", strerror(errno));
            return 1;
        }
    }
    for (int i = 1; i < words; i++) {
        strncat(text, argv[i], sizeof text - strlen(text) - 2);
        if (i + 1 < words)
            strcat(text, " ");
    }
    strcat(text, "\n");
    int ok = write_full(fd, text, strlen(text)) == (ssize_t)strlen(text);
    if (fd != 1)
        close(fd);
    return ok ? 0 : 1;
}

/* Names in order; all-digit names (PIDs) numerically, before the others. */
static int compare_names(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    int x_num = strspn(x, "0123456789") == strlen(x), y_num = strspn(y, "0123456789") == strlen(y);
    if (x_num != y_num)
        return y_num - x_num;
    if (x_num && strlen(x) != strlen(y))
        return strlen(x) < strlen(y) ? -1 : 1;
    return strcmp(x, y);
}

/* The names in dir (without . and ..), sorted; their count or -1. */
static int read_dir(const char *dir, char *names[], char *store, size_t store_size)
{
    char buf[4096];
    size_t used = 0;
    int count = 0;
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0)
        return -1;
    long n;
    while ((n = syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
        for (long off = 0; off < n; ) {
            struct dirent *d = (struct dirent *)(buf + off);
            size_t len = strlen(d->d_name) + 1;
            off += d->d_reclen;
            if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, "..") ||
                count == MAX_ENTRIES || used + len > store_size)
                continue;
            names[count++] = memcpy(store + used, d->d_name, len);
            used += len;
        }
    }
    close(fd);
    qsort(names, count, sizeof names[0], compare_names);
    return count;
}

static int builtin_ls(int argc, char **argv)
{
    static char store[32768];
    static char *names[MAX_ENTRIES];
    const char *dir = argc > 1 ? argv[1] : ".";
    int count = read_dir(dir, names, store, sizeof store);

    if (count < 0) {
        err(dir, ": ", strerror(errno));
        return 1;
    }
    for (int i = 0; i < count; i++) {
        out(names[i]);
        out("\n");
    }
    return 0;
}

/* ps: PID, state and command name of every process, from /proc/PID/stat. */
static int builtin_ps(void)
{
    static char store[32768];
    static char *names[MAX_ENTRIES];
    int count = read_dir("/proc", names, store, sizeof store);

    if (count < 0) {
        err("/proc", ": ", strerror(errno));
        return 1;
    }
    out("  PID S CMD\n");
    for (int i = 0; i < count; i++) {
        char path[64], stat[512], line[128], comm[32], state;
        int pid;

        if (strspn(names[i], "0123456789") != strlen(names[i]))
            continue;
        snprintf(path, sizeof path, "/proc/%s/stat", names[i]);
        /* comm is in parentheses and may hold spaces: take up to the last ')'. */
        if (read_file(path, stat, sizeof stat) < 0 || !strrchr(stat, ')') ||
            sscanf(stat, "%d (%31[^)]", &pid, comm) != 2 ||
            sscanf(strrchr(stat, ')'), ") %c", &state) != 1)
            continue;
        snprintf(line, sizeof line, "%5d %c %s\n", pid, state, comm);
        out(line);
    }
    return 0;
}

/* free: memory in kB, laid out like procps free. */
static int builtin_free(void)
{
    long total = meminfo_kb("MemTotal"), free_kb = meminfo_kb("MemFree");
    long buffers = meminfo_kb("Buffers"), cached = meminfo_kb("Cached");
    long reclaimable = meminfo_kb("SReclaimable"), shmem = meminfo_kb("Shmem");
    long available = meminfo_kb("MemAvailable");
    long swap_total = meminfo_kb("SwapTotal"), swap_free = meminfo_kb("SwapFree");
    long cache = (buffers > 0 ? buffers : 0) + (cached > 0 ? cached : 0) +
                 (reclaimable > 0 ? reclaimable : 0);
    long used = total - free_kb - cache;
    char line[256];

    if (total < 0 || free_kb < 0) {
        err("free", ": ", "cannot read /proc/meminfo");
        return 1;
    }
    if (used < 0)
        used = total - free_kb;
    snprintf(line, sizeof line, "%20s %11s %11s %11s %11s %11s\n",
             "total", "used", "free", "shared", "buff/cache", "available");
    out(line);
    snprintf(line, sizeof line, "Mem:     %11ld %11ld %11ld %11ld %11ld %11ld\n",
             total, used, free_kb, shmem > 0 ? shmem : 0, cache,
             available >= 0 ? available : free_kb);
    out(line);
    snprintf(line, sizeof line, "Swap:    %11ld %11ld %11ld\n", swap_total > 0 ? swap_total : 0,
             swap_total > 0 ? swap_total - swap_free : 0, swap_free > 0 ? swap_free : 0);
    out(line);
    return 0;
}

static int builtin_help(void)
{
    out("builtins: cat FILE..., echo TEXT [> FILE], ls [DIR], ps, free, fg, exit [N], help\n"
        "other words run a program: a path, or a name in /bin or /tests\n");
    return 0;
}

/* The program to run for name: itself if it has a '/', else from /bin or /tests. */
static int find_program(const char *name, char *path, size_t size)
{
    static const char *const dirs[] = { "/bin", "/tests" };
    if (strchr(name, '/')) {
        snprintf(path, size, "%s", name);
        return 1;
    }
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        struct stat st;
        snprintf(path, size, "%s/%s", dirs[i], name);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & S_IXUSR))
            return 1;
    }
    return 0;
}

/*
 * Put program pid (named name) in the foreground, continue it if cont
 * (fg), and wait until it ends or stops: its exit status, 128 + the
 * signal that killed or stopped it.
 */
static int wait_foreground(pid_t pid, const char *name, int cont)
{
    char sig[16];
    int status;
    pid_t r;

    if (job_control)
        tcsetpgrp(0, pid);
    if (cont)
        kill(-pid, SIGCONT);
    do
        r = wait4(pid, &status, WUNTRACED, NULL);
    while (r < 0 && errno == EINTR);
    if (job_control)
        tcsetpgrp(0, getpgrp());
    if (r != pid) {
        err(name, ": ", strerror(errno));
        return 127;
    }
    if (WIFSTOPPED(status)) {
        stopped_job = pid;
        snprintf(stopped_name, sizeof stopped_name, "%s", name);
        err(name, ": ", "stopped");
        return 128 + WSTOPSIG(status);
    }
    if (WIFSIGNALED(status)) {
        snprintf(sig, sizeof sig, "%d", WTERMSIG(status));
        err(name, ": killed by signal ", sig);
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}

static int run_external(char **argv)
{
    char path[256];

    if (!find_program(argv[0], path, sizeof path)) {
        err(argv[0], ": ", "not found");
        return 127;
    }
    pid_t pid = fork();
    if (pid == 0) {
        if (job_control) {
            setpgid(0, 0);
            signal(SIGTTOU, SIG_DFL);
        }
        execve(path, argv, environ);
        err(path, ": ", strerror(errno));
        _exit(127);
    }
    if (pid > 0 && job_control)
        setpgid(pid, pid);          /* both sides: whichever runs first */
    if (pid < 0) {
        err(argv[0], ": ", strerror(errno));
        return 127;
    }
    return wait_foreground(pid, argv[0], 0);
}

/* fg: continue the stopped program in the foreground. */
static int builtin_fg(void)
{
    if (!stopped_job) {
        err("fg", ": ", "no current job");
        return 1;
    }
    char name[sizeof stopped_name];
    pid_t pid = stopped_job;

    stopped_job = 0;
    snprintf(name, sizeof name, "%s", stopped_name);
    out(name);
    out("\n");
    return wait_foreground(pid, name, 1);
}

/* Split line into words; their count. */
static int split(char *line, char **argv)
{
    int argc = 0;
    for (char *w = strtok(line, " \t\r\n"); w && argc < MAX_ARGS - 1; w = strtok(NULL, " \t\r\n"))
        argv[argc++] = w;
    argv[argc] = NULL;
    return argc;
}

/* Run one command line; sets *done when the shell should exit. */
static int execute(char *line, int *done, int last)
{
    char *argv[MAX_ARGS];
    int argc = split(line, argv);

    if (argc == 0)
        return last;
    if (!strcmp(argv[0], "exit")) {
        if (stopped_job) {          /* as bash: do not leave it stopped forever */
            kill(-stopped_job, SIGHUP);
            kill(-stopped_job, SIGCONT);
        }
        *done = 1;
        return argc > 1 ? atoi(argv[1]) : 0;
    }
    if (!strcmp(argv[0], "cat"))
        return builtin_cat(argc, argv);
    if (!strcmp(argv[0], "echo"))
        return builtin_echo(argc, argv);
    if (!strcmp(argv[0], "ls"))
        return builtin_ls(argc, argv);
    if (!strcmp(argv[0], "ps"))
        return builtin_ps();
    if (!strcmp(argv[0], "free"))
        return builtin_free();
    if (!strcmp(argv[0], "help"))
        return builtin_help();
    if (!strcmp(argv[0], "fg"))
        return builtin_fg();
    return run_external(argv);
}

/* Read one line from fd 0 into buf; 0 at end of input, -1 if ^C dropped it. */
static int read_line(char *buf, size_t size)
{
    size_t n = 0;
    char c;
    while (n + 1 < size) {
        ssize_t r = read(0, &c, 1);
        if (r < 0 && errno == EINTR) {
            if (!interrupted)
                continue;
            interrupted = 0;
            return -1;
        }
        if (r <= 0)
            break;
        buf[n++] = c;
        if (c == '\n')
            break;
    }
    buf[n] = 0;
    return n > 0;
}

int main(void)
{
    struct termios tio;
    int interactive = ioctl(0, TCGETS, &tio) == 0;
    char line[LINE_MAX_LEN];
    int done = 0, status = 0, r;

    if (interactive)
        start_job_control();
    while (!done) {
        if (interactive)
            out("pagoda# ");
        r = read_line(line, sizeof line);
        if (r < 0) {
            out("\n");
            continue;
        }
        if (!r)
            break;
        status = execute(line, &done, status);
    }
    return status;
}
