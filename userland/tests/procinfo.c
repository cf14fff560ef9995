/*
 * The system files of /proc and the devices busybox's tools read:
 * /proc/stat, loadavg, uptime, cpuinfo, version, mounts, self/mountinfo,
 * self/limits, self/environ; /dev/urandom, /dev/random and /dev/tty.
 */
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>

#include "test.h"

extern char **environ;

static char buf[16384];

static const char *slurp(const char *path)
{
    ssize_t n = read_file(path, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    return buf;
}

static int matches(const char *text, const char *pattern)
{
    regex_t re;
    int ok = regcomp(&re, pattern, REG_EXTENDED | REG_NEWLINE) == 0 &&
             regexec(&re, text, 0, NULL, 0) == 0;
    regfree(&re);
    return ok;
}

/* The number after "key " on its line of /proc/stat. */
static long stat_field(const char *key)
{
    char line[256];
    long v = -1;
    if (find_line(slurp("/proc/stat"), key, line, sizeof line))
        sscanf(line + strlen(key), "%ld", &v);
    return v;
}

static int child_exit(void *arg)
{
    (void)arg;
    return 0;
}

static void test_stat(void)
{
    const char *s = slurp("/proc/stat");
    CHECK(matches(s, "^cpu  [0-9]+( [0-9]+){9}$"), "a cpu line with ten times");
    CHECK(matches(s, "^cpu0 [0-9]+( [0-9]+){9}$"), "a cpu0 line");
    CHECK(matches(s, "^intr [0-9]+( [0-9]+)+$"), "intr: the total, then per IRQ");
    CHECK(matches(s, "^softirq [0-9]+( [0-9]+){10}$"), "softirq: the total and ten kinds");
    CHECK(stat_field("ctxt ") > 0, "ctxt counts context switches");
    long btime = stat_field("btime "), uptime = atol(slurp("/proc/uptime"));
    CHECK(labs(time(NULL) - uptime - btime) <= 2, "btime + uptime is now");
    long before = stat_field("processes ");
    for (int i = 0; i < 3; i++)
        run_child(child_exit, NULL);
    CHECK(stat_field("processes ") - before >= 3, "processes counts forks");
    CHECK(stat_field("procs_running ") >= 1, "procs_running counts this process");
    CHECK_EQ_LONG(stat_field("procs_blocked "), 0, "procs_blocked");
    comparable("stat keys: %s", matches(slurp("/proc/stat"),
               "ctxt.*\nbtime.*\nprocesses.*\nprocs_running.*\nprocs_blocked.*\nsoftirq") ?
               "cpu cpu0 intr ctxt btime processes procs_running procs_blocked softirq" : "?");
}

static void test_small_files(void)
{
    struct timespec now;
    clock_gettime(CLOCK_BOOTTIME, &now);
    double up, idle;
    CHECK(sscanf(slurp("/proc/uptime"), "%lf %lf", &up, &idle) == 2 &&
          matches(buf, "^[0-9]+\\.[0-9]{2} [0-9]+\\.[0-9]{2}$"), "/proc/uptime: two times");
    CHECK(up - (now.tv_sec + now.tv_nsec / 1e9) < 0.5 && up >= now.tv_sec, "the uptime is CLOCK_BOOTTIME");
    CHECK(idle <= up + 0.01, "no more idle than up");
    pid_t pid = spawn(child_exit, NULL);
    wait_for(pid);
    int last = -1;
    CHECK(matches(slurp("/proc/loadavg"), "^[0-9]+\\.[0-9]{2} [0-9]+\\.[0-9]{2} [0-9]+\\.[0-9]{2} [0-9]+/[0-9]+ [0-9]+$"),
          "/proc/loadavg: three averages, running/total, last pid");
    sscanf(strrchr(buf, ' '), "%d", &last);
    CHECK(last >= pid, "the last pid is at least the child's (%d >= %d)", last, pid);
    struct utsname u;
    uname(&u);
    char want[300];
    snprintf(want, sizeof want, "%s version %s ", u.sysname, u.release);
    CHECK(!strncmp(slurp("/proc/version"), want, strlen(want)), "/proc/version starts \"%s\"", want);
    slurp("/proc/cpuinfo");
    CHECK(matches(buf, "^processor\t: 0$") && matches(buf, "^vendor_id\t: [A-Za-z]+$") &&
          matches(buf, "^cpu family\t: [0-9]+$") && matches(buf, "^model name\t: ") &&
          matches(buf, "^flags\t\t: .*\\bfpu\\b") &&
          matches(buf, "^address sizes\t: [0-9]+ bits physical, [0-9]+ bits virtual$"),
          "/proc/cpuinfo: processor, vendor_id, family, model name, flags, address sizes");
}

static void test_mounts(void)
{
    const char *m = slurp("/proc/mounts");
    CHECK(matches(m, "^rootfs / rootfs rw"), "/proc/mounts: rootfs on / first");
    /* init's mounts (Linux may have automounted tracefs too: left out). */
    for (const char *l = strchr(m, '\n'); l && l[1]; l = strchr(l + 1, '\n'))
        if (!strncmp(l + 1, "proc ", 5) || !strncmp(l + 1, "sysfs ", 6) ||
            !strncmp(l + 1, "debugfs ", 8))
            comparable("mounts: %.*s", (int)strcspn(l + 1, "\n"), l + 1);
    CHECK(strstr(m, "\nproc /proc proc rw,relatime 0 0\n") != NULL, "proc's line");
    CHECK(strstr(m, "\nsysfs /sys sysfs rw,relatime 0 0\n") != NULL, "sysfs's line");
    char target[64] = "";
    readlink("/proc/mounts", target, sizeof target - 1);
    CHECK_STR(target, "self/mounts", "/proc/mounts is a symlink to self/mounts");
    const char *mi = slurp("/proc/self/mountinfo");
    CHECK(matches(mi, "^[0-9]+ [0-9]+ 0:[0-9]+ / /proc rw,relatime - proc proc rw$"),
          "mountinfo: id parent dev root mountpoint options - type source options");
    int id = -1, parent = -2;
    sscanf(mi, "%d %d 0:%*d / / rw - rootfs rootfs rw", &id, &parent);
    CHECK(id > 0 && id == parent, "the root mount comes first, its own parent");
}

static void test_limits_environ(void)
{
    const char *l = slurp("/proc/self/limits");
    CHECK(!strncmp(l, "Limit                     Soft Limit           Hard Limit           Units     \n",
                   strlen("Limit                     Soft Limit           Hard Limit           Units     \n")),
          "/proc/self/limits: the header");
    /* All but the two limits Linux derives from the memory size. */
    for (const char *p = strchr(l, '\n'); p && p[1]; p = strchr(p + 1, '\n'))
        if (strncmp(p + 1, "Max processes", 13) && strncmp(p + 1, "Max pending signals", 19))
            comparable("limits: %.*s", (int)strcspn(p + 1, "\n"), p + 1);
    char want[1024];
    size_t n = 0;
    for (char **e = environ; *e && n + strlen(*e) + 1 < sizeof want; e++) {
        memcpy(want + n, *e, strlen(*e) + 1);
        n += strlen(*e) + 1;
    }
    ssize_t got = read_file("/proc/self/environ", buf, sizeof buf);
    CHECK(got == (ssize_t)n && !memcmp(buf, want, n), "/proc/self/environ: the environment, NUL-separated");
    struct stat st;
    stat("/proc/self/environ", &st);
    CHECK_EQ_LONG(st.st_mode & 0777, 0400, "environ is 0400");
}

static int child_tty(void *arg)
{
    (void)arg;
    setsid();
    int c = open("/dev/console", O_RDWR);
    if (c < 0 || ioctl(c, TIOCSCTTY, 0) < 0)
        return 2;
    int t = open("/dev/tty", O_RDWR);
    return t >= 0 && isatty(t) ? 0 : 1;
}

static void test_devices(void)
{
    unsigned char a[64], b[64];
    int fd = open("/dev/urandom", O_RDONLY);
    CHECK(fd >= 0 && read(fd, a, 64) == 64 && read(fd, b, 64) == 64 && memcmp(a, b, 64),
          "/dev/urandom: 64 bytes, then 64 others");
    CHECK_EQ_LONG(write(fd, a, 8), -1, "opened read-only: no write");
    close(fd);
    fd = open("/dev/random", O_RDWR);
    CHECK(fd >= 0 && read(fd, a, 16) == 16, "/dev/random reads without blocking");
    CHECK_EQ_LONG(write(fd, a, 16), 16, "and takes writes");
    close(fd);
    struct stat st;
    stat("/dev/urandom", &st);
    CHECK(st.st_rdev == makedev(1, 9), "/dev/urandom is 1:9");
    CHECK_ERR(open("/dev/tty", O_RDWR), ENXIO, "/dev/tty without a controlling terminal: ENXIO");
    CHECK_EXIT(run_child(child_tty, NULL), 0, "/dev/tty is the controlling terminal once there is one");
}

int main(void)
{
    test_stat();
    test_small_files();
    test_mounts();
    test_limits_environ();
    test_devices();
    return tap_done();
}
