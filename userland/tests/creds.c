/*
 * Credentials: the setuid family (with and without CAP_SETUID, saved ids,
 * seteuid back to root), setgroups/getgroups (sorted, limits, EPERM),
 * capget/capset (root has every capability, an unprivileged process
 * none; effective caps follow the effective uid), /proc/PID/status's
 * Uid/Gid/Groups/Cap lines, kill() to another user's process (EPERM),
 * and ptrace access: /proc/PID/mem (EACCES) and process_vm_readv()
 * (EPERM) of another user's process, one's own always.
 */
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "test.h"

#define CAP_V3 0x20080522
#define CAP_KILL 5

struct cap_header {
    unsigned version;
    int pid;
};
struct cap_data {
    unsigned effective, permitted, inheritable;
};

/* capget of @pid: effective and permitted as 64-bit sets; -1 on error. */
static long caps(int pid, unsigned long *eff, unsigned long *perm)
{
    struct cap_header h = { CAP_V3, pid };
    struct cap_data d[2];
    if (syscall(SYS_capget, &h, d))
        return -1;
    *eff = d[0].effective | (unsigned long)d[1].effective << 32;
    *perm = d[0].permitted | (unsigned long)d[1].permitted << 32;
    return 0;
}

static const char *status_line(const char *key)
{
    static char line[128];
    char text[4096];
    if (read_file("/proc/self/status", text, sizeof text) < 0 ||
        !find_line(text, key, line, sizeof line))
        return "(none)";
    return line;
}

static void test_root(void)
{
    unsigned long eff = 0, perm = 0;
    struct cap_header h = { 0x12345, 0 };
    struct cap_data d[2];
    gid_t groups[8] = { 5, 3, 9 }, got[8];

    CHECK(getuid() == 0 && geteuid() == 0, "the test runs as root");
    CHECK_EQ_LONG(caps(0, &eff, &perm), 0, "capget");
    CHECK_EQ_HEX(eff, 0x1ffffffffffUL, "root's effective set: all 41 capabilities");
    CHECK_EQ_HEX(perm, 0x1ffffffffffUL, "and its permitted set");
    CHECK_ERR(syscall(SYS_capget, &h, d), EINVAL, "an unknown version: EINVAL");
    CHECK_EQ_HEX(h.version, CAP_V3, "and the preferred version is written back");
    h.version = CAP_V3;
    h.pid = 0x7ffffff0;
    CHECK_ERR(syscall(SYS_capget, &h, d), ESRCH, "capget of no such pid: ESRCH");
    CHECK_STR(status_line("CapEff:"), "CapEff:\t000001ffffffffff", "status CapEff");

    CHECK_EQ_LONG(setgroups(3, groups), 0, "setgroups {5, 3, 9}");
    CHECK_EQ_LONG(getgroups(0, NULL), 3, "getgroups(0): 3");
    CHECK_EQ_LONG(getgroups(8, got), 3, "getgroups");
    CHECK(got[0] == 3 && got[1] == 5 && got[2] == 9, "sorted: 3 5 9");
    CHECK_ERR(getgroups(1, got), EINVAL, "a list too short: EINVAL");
    CHECK_STR(status_line("Groups:"), "Groups:\t3 5 9 ", "status Groups");
    CHECK_ERR(setgroups(65537, groups), EINVAL, "more than NGROUPS_MAX: EINVAL");
    CHECK_EQ_LONG(setgroups(0, NULL), 0, "setgroups of nothing");
    comparable("root: caps %lx/%lx, version probe, groups sorted 3 5 9", eff, perm);
}

/* A child that becomes uid/gid @id and pauses (killable); its pid. */
static pid_t spawn_user(uid_t id, int fd)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (setgroups(0, NULL) || setresgid(id, id, id) || setresuid(id, id, id))
            _exit(1);
        write(fd, "r", 1);
        for (;;)
            pause();
    }
    return pid;
}

static int nobody_checks(void *arg)
{
    unsigned long eff = 1, perm = 1;
    pid_t other = (pid_t)(long)arg, parent = getppid();
    int bad = 0;

    if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
        return 100;
    bad |= (getuid() != 65534 || geteuid() != 65534 || getgid() != 65534) << 0;
    bad |= (caps(0, &eff, &perm) || eff || perm) << 1;
    bad |= (setuid(0) != -1 || errno != EPERM) << 2;
    bad |= (setgroups(0, NULL) != -1 || errno != EPERM) << 3;
    bad |= (kill(parent, 0) != -1 || errno != EPERM) << 4;
    bad |= (kill(getpid(), 0) != 0) << 5;
    bad |= (kill(other, SIGTERM) != -1 || errno != EPERM) << 6;
    bad |= strcmp(status_line("Uid:"), "Uid:\t65534\t65534\t65534\t65534") != 0 ? 1 << 7 : 0;
    bad |= strcmp(status_line("CapEff:"), "CapEff:\t0000000000000000") != 0 ? 1 << 8 : 0;
    bad |= (setreuid(-1, 2000) != -1 || errno != EPERM) << 9;
    return bad;
}

static int seteuid_checks(void *arg)
{
    unsigned long eff = 0, perm = 0;
    int bad = 0;
    (void)arg;

    if (setresuid(1000, 1000, 0))
        return 100;
    bad |= (geteuid() != 1000 || caps(0, &eff, &perm) || eff || perm != 0x1ffffffffffUL) << 0;
    bad |= (seteuid(0) != 0 || caps(0, &eff, &perm) || eff != 0x1ffffffffffUL) << 1;
    bad |= (setuid(1000) != 0 || getuid() != 1000 || caps(0, &eff, &perm) || perm) << 2;
    return bad;
}

/* Root without CAP_KILL in its effective set cannot signal another user's process. */
static int capset_checks(void *arg)
{
    pid_t other = (pid_t)(long)arg;
    struct cap_header h = { CAP_V3, 0 };
    struct cap_data d[2] = { { ~(1u << CAP_KILL), ~0u, 0 }, { 0x1ff, 0x1ff, 0 } };
    struct cap_data raise[2] = { { ~0u, ~0u, 0 }, { 0x1ff, 0x1ff, 0 } };
    int bad = 0;

    bad |= (syscall(SYS_capset, &h, d) != 0) << 0;
    bad |= (kill(other, 0) != -1 || errno != EPERM) << 1;
    d[0].permitted = ~(1u << CAP_KILL);
    bad |= (syscall(SYS_capset, &h, d) != 0) << 2;
    bad |= (syscall(SYS_capset, &h, raise) != -1 || errno != EPERM) << 3;
    h.pid = getppid();
    bad |= (syscall(SYS_capset, &h, d) != -1 || errno != EPERM) << 4;
    return bad;
}

/* open_mem - open /proc/@pid/mem for reading and writing: 0, or the errno. */
static int open_mem(pid_t pid)
{
    char path[32];
    int fd;

    snprintf(path, sizeof(path), "/proc/%d/mem", pid);
    fd = open(path, O_RDWR);
    if (fd < 0)
        return errno;
    close(fd);
    return 0;
}

/* vm_read - process_vm_readv() of one int of @pid at the address of @word: 0, or the errno. */
static int vm_read(pid_t pid, int *word)
{
    int copy;
    struct iovec local = { &copy, sizeof(copy) }, remote = { word, sizeof(*word) };

    return process_vm_readv(pid, &local, 1, &remote, 1, 0) == sizeof(copy) ? 0 : errno;
}

/* As nobody: no ptrace access to root's or another user's process, but to one's own memory. */
static int ptrace_checks(void *arg)
{
    pid_t other = (pid_t)(long)arg, parent = getppid();
    static int word = 42;
    int bad = 0;

    if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) || setresuid(65534, 65534, 65534))
        return 100;
    bad |= (open_mem(parent) != EACCES) << 0;
    bad |= (open_mem(other) != EACCES) << 1;
    /* Not open_mem(getpid()): Linux makes a process that changed its ids
     * non-dumpable, and its /proc files root's; Pagoda has no dumpable flag. */
    bad |= (vm_read(parent, &word) != EPERM) << 3;
    bad |= (vm_read(other, &word) != EPERM) << 4;
    bad |= (vm_read(getpid(), &word) != 0) << 5;
    return bad;
}

static void test_users(void)
{
    int fds[2], s1, s2, s3, s4;
    char c;
    pid_t other;

    pipe(fds);
    other = spawn_user(2000, fds[1]);
    read(fds[0], &c, 1);
    s1 = run_child(nobody_checks, (void *)(long)other);
    CHECK_EXIT(s1, 0, "as nobody: ids, no caps, EPERM for setuid(0), setgroups, kill of others");
    s2 = run_child(seteuid_checks, NULL);
    CHECK_EXIT(s2, 0, "effective caps follow the effective uid; saved uid 0 lets it back");
    s3 = run_child(capset_checks, (void *)(long)other);
    CHECK_EXIT(s3, 0, "capset: dropping CAP_KILL forbids kill of another user; no raising");
    s4 = run_child(ptrace_checks, (void *)(long)other);
    CHECK_EXIT(s4, 0, "as nobody: /proc/PID/mem EACCES and process_vm_readv EPERM for others, not for itself");
    CHECK_EQ_LONG(open_mem(other), 0, "root opens another user's /proc/PID/mem (CAP_SYS_PTRACE)");
    CHECK_EQ_LONG(kill(other, SIGKILL), 0, "root kills the other user's process");
    CHECK_SIGNAL(wait_for(other), SIGKILL, "it dies");
    close(fds[0]);
    close(fds[1]);
    comparable("users: nobody %s", status_text(s1));
    comparable("users: seteuid %s", status_text(s2));
    comparable("users: capset %s", status_text(s3));
    comparable("users: ptrace access %s", status_text(s4));
}

int main(void)
{
    test_root();
    test_users();
    return tap_done();
}
