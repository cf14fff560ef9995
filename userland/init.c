/*
 * /init (also /sbin/init): PID 1 on Pagoda and in the Linux side-by-side runs.
 *
 * It gives itself a console, mounts proc, sysfs and debugfs, then acts on
 * its arguments (the words after `--` on the kernel command line):
 *   (none)                 run the interactive shell /bin/sh (busybox ash)
 *   test [prog...]         run /tests programs (all, sorted, or the named ones)
 *   bench [prog...]        run /bench programs
 *   run <path> [args...]   run one program
 * and reports on the console (the test suite parses this):
 *   === MEM before free_slab_init=<kB> vm_area_struct=<n> anon_vma=<n> ...
 *   === RUN <name>
 *   === EXIT <name> status=<exit code> signal=<signal or 0>
 *   === MEM after:<name> ...    (the same readings after each program)
 *   === MEM after ...
 *   === DONE passed=<n> failed=<m>
 * Finally it powers off: reboot(RB_POWER_OFF) on Linux; on Pagoda it exits
 * with 0 if every program passed, else 1 (the kernel powers off with it).
 * While the shell runs, busybox's `halt`, `poweroff` and `reboot` ask init
 * by signal, as they ask busybox's own init: SIGUSR1, SIGUSR2, SIGTERM.
 *
 * init never calls malloc: the memory readings before and after the suite
 * must not move because of init itself.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test.h"

#define MAX_PROGS 128
#define NAME_LEN 64
#define STRAY_TIMEOUT_NS (10LL * 1000000000)

static const char *const slab_caches[] = {
    "vm_area_struct", "anon_vma", "anon_vma_chain", "mm_struct", "task_struct",
    "filp", "dentry", "inode_cache",
};

/* The environment every program gets: the same on both kernels. */
static char *const child_env[] = { "PATH=/bin:/tests", "HOME=/", "TERM=linux", NULL };

static char prog_names[MAX_PROGS][NAME_LEN];
static int passed, failed;
static volatile sig_atomic_t shutdown_signal;  /* halt/poweroff/reboot asked */

static void open_console(void)
{
    for (int fd = 0; fd < 3; fd++) {
        if (fcntl(fd, F_GETFD) >= 0)
            continue;
        int c = open("/dev/console", O_RDWR);
        if (c >= 0 && c != fd) {
            dup2(c, fd);
            close(c);
        }
    }
}

static void mount_one(const char *type, const char *target)
{
    if (mount(type, target, type, 0, NULL) < 0 && errno != EBUSY && errno != ENOENT)
        say("init: mount %s on %s: %s", type, target, errno_name(errno));
}

static void setup(void)
{
    open_console();
    chdir("/");
    mount_one("proc", "/proc");
    mount_one("sysfs", "/sys");
    mount_one("debugfs", "/sys/kernel/debug");
    if (on_linux()) {
        /* 4 KiB pages only, as on Pagoda; keep kernel chatter off the console. */
        write_file("/sys/kernel/mm/transparent_hugepage/enabled", "never");
        write_file("/proc/sys/kernel/printk", "4");
    }
}

/*
 * free_kb - the free pages of every zone: on the buddy lists (MemFree) and
 * on the per-CPU lists, which MemFree leaves out, as Linux does. Both come
 * from one read of /proc/zoneinfo (`pages free` and the pagesets' `count:`
 * lines), so that a refill or drain of the lists between two reads cannot
 * move pages from one figure to the other.
 */
static long free_kb(void)
{
    static char text[65536];
    long pages = 0;

    if (read_file("/proc/zoneinfo", text, sizeof text) < 0)
        return -1;
    for (char *p = text; (p = strstr(p, "pages free")); p += 10)
        pages += strtol(p + 10, NULL, 10);
    for (char *p = text; (p = strstr(p, " count: ")); p += 8)
        pages += strtol(p + 8, NULL, 10);
    return pages * 4;
}

/*
 * free_slab_init - free memory (free_kb()) plus what slab and init itself
 * hold. Objects freed in another order than they were allocated leave
 * partly used slabs behind (fragmentation, not a leak; the object counts
 * catch leaked objects), and init touches new stack and data pages as it
 * goes (its anonymous pages and page tables).
 */
static long free_slab_init(void)
{
    return free_kb() + meminfo_kb("Slab") + self_status_kb("RssAnon") + self_status_kb("VmPTE");
}

static void report_memory(const char *when)
{
    char line[512];
    int n;

    write_file("/proc/sys/vm/drop_caches", "3");
    free_slab_init();   /* the first call may fault in init's own buffers */
    n = snprintf(line, sizeof line, "=== MEM %s free_slab_init=%ld", when, free_slab_init());
    for (size_t i = 0; i < sizeof slab_caches / sizeof slab_caches[0]; i++)
        n += snprintf(line + n, sizeof line - n, " %s=%ld", slab_caches[i],
                      slab_active_objs(slab_caches[i]));
    say("%s", line);
}

static long long now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/*
 * Reap orphans a program left behind (they are re-parented to init), so
 * none holds memory when the next program starts.  Gives up after a while
 * rather than hanging on a process that never exits.
 */
static void reap_strays(void)
{
    long long deadline = now_ns() + STRAY_TIMEOUT_NS;
    const struct timespec tick = { 0, 10 * 1000 * 1000 };
    int status;

    for (;;) {
        pid_t r = wait4(-1, &status, WNOHANG, NULL);
        if (r > 0)
            continue;
        if (r < 0 && errno != EINTR)
            return;
        if (now_ns() > deadline) {
            say("=== WARN processes still running after %lld s",
                STRAY_TIMEOUT_NS / 1000000000);
            return;
        }
        nanosleep(&tick, NULL);
    }
}

/* fork+execve argv[0] with argv; the child's pid, or -1. */
static pid_t start(char *const argv[])
{
    pid_t pid = fork();
    if (pid == 0) {
        execve(argv[0], argv, child_env);
        say("init: execve %s: %s", argv[0], errno_name(errno));
        _exit(127);
    }
    if (pid < 0)
        say("init: fork: %s", errno_name(errno));
    return pid;
}

/* Wait for pid, reaping any orphan that dies meanwhile; its wait status. */
static int wait_child(pid_t pid)
{
    int status = 127 << 8;
    pid_t r;

    while (pid > 0 && !shutdown_signal && (r = wait4(-1, &status, 0, NULL)) != pid) {
        if (r < 0 && errno != EINTR) {
            say("init: wait4: %s", errno_name(errno));
            break;
        }
    }
    return status;
}

static void tally(int status)
{
    if (status == 0)
        passed++;
    else
        failed++;
}

/* Run one program between RUN and EXIT lines. */
static void run_program(const char *name, char *const argv[])
{
    say("=== RUN %s", name);
    int status = wait_child(start(argv));
    reap_strays();
    say("=== EXIT %s status=%d signal=%d", name,
        WIFEXITED(status) ? WEXITSTATUS(status) : 0,
        WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    tally(status);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* The regular files in dir, sorted, into prog_names; their count. */
static int list_programs(const char *dir)
{
    static char buf[8192];
    int count = 0;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        say("init: open %s: %s", dir, errno_name(errno));
        return 0;
    }
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (n <= 0)
            break;
        for (long off = 0; off < n; ) {
            struct dirent *d = (struct dirent *)(buf + off);
            off += d->d_reclen;
            if (d->d_type != DT_REG || count == MAX_PROGS ||
                strlen(d->d_name) >= NAME_LEN)
                continue;
            strcpy(prog_names[count++], d->d_name);
        }
    }
    close(fd);
    qsort(prog_names, count, NAME_LEN, compare_names);
    return count;
}

/* Run dir's programs: all of them, or the names given. */
static void run_suite(const char *dir, int argc, char **argv)
{
    int count = 0;

    if (argc == 0)
        count = list_programs(dir);
    for (int i = 0; i < argc && count < MAX_PROGS; i++)
        snprintf(prog_names[count++], NAME_LEN, "%s", argv[i]);

    report_memory("before");
    for (int i = 0; i < count; i++) {
        char path[NAME_LEN + 32];
        if (snprintf(path, sizeof path, "%s/%s", dir, prog_names[i]) >= (int)sizeof path)
            continue;
        char *args[] = { path, NULL };
        char when[NAME_LEN + 8];
        run_program(prog_names[i], args);
        snprintf(when, sizeof when, "after:%.*s", NAME_LEN - 1, prog_names[i]);
        report_memory(when);
    }
    report_memory("after");
}

static void run_one(int argc, char **argv)
{
    if (argc == 0) {
        say("init: run: no program given");
        failed++;
        return;
    }
    report_memory("before");
    run_program(argv[0], argv);
    report_memory("after");
}

static void request_shutdown(int sig)
{
    shutdown_signal = sig;
}

/*
 * shut_down - what busybox's init does on halt/poweroff/reboot: every
 * other process gets SIGTERM, then SIGKILL, is reaped, the disks are
 * synced, and reboot(2) stops the machine.
 */
static void shut_down(void)
{
    const struct timespec grace = { 0, 100 * 1000 * 1000 };
    int sig = shutdown_signal;

    say("init: the system is going down (%s)",
        sig == SIGUSR1 ? "halt" : sig == SIGUSR2 ? "poweroff" : "reboot");
    kill(-1, SIGTERM);
    nanosleep(&grace, NULL);
    kill(-1, SIGKILL);
    reap_strays();
    sync();
    reboot(sig == SIGUSR1 ? RB_HALT_SYSTEM : sig == SIGUSR2 ? RB_POWER_OFF : RB_AUTOBOOT);
}

/*
 * The interactive shell: busybox ash as a login shell ("-sh" reads
 * /etc/profile), leading a session whose controlling terminal is the
 * console, so that it has job control. init stays PID 1 to reap orphans
 * and stops the machine when `halt`, `poweroff` or `reboot` asks it to
 * (no SA_RESTART: the signal ends init's wait4()).
 */
static void run_shell(void)
{
    static const int shutdown_signals[] = { SIGUSR1, SIGUSR2, SIGTERM };
    struct sigaction sa = { .sa_handler = request_shutdown };
    char *args[] = { "-sh", NULL };
    pid_t pid;

    for (size_t i = 0; i < sizeof shutdown_signals / sizeof shutdown_signals[0]; i++)
        sigaction(shutdown_signals[i], &sa, NULL);
    pid = fork();

    if (pid == 0) {
        setsid();
        ioctl(0, TIOCSCTTY, 0);
        execve("/bin/sh", args, child_env);
        say("init: execve /bin/sh: %s", errno_name(errno));
        _exit(127);
    }
    tally(wait_child(pid));
    if (shutdown_signal)
        shut_down();
}

static void power_off(void)
{
    if (on_linux()) {
        sync();
        reboot(RB_POWER_OFF);
    }
    exit(failed ? 1 : 0);
}

int main(int argc, char **argv)
{
    setup();
    if (argc < 2)
        run_shell();
    else if (strcmp(argv[1], "test") == 0)
        run_suite("/tests", argc - 2, argv + 2);
    else if (strcmp(argv[1], "bench") == 0)
        run_suite("/bench", argc - 2, argv + 2);
    else if (strcmp(argv[1], "run") == 0)
        run_one(argc - 2, argv + 2);
    else {
        say("init: unknown mode '%s' (expected test, bench or run)", argv[1]);
        failed++;
    }
    say("=== DONE passed=%d failed=%d", passed, failed);
    power_off();
    return 0;
}
