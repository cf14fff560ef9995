/*
 * Debian's busybox at work: a shell script of everyday applets, each
 * printing a line this program checks. Files: mv, ln, touch, mkfifo, df,
 * stat, tar, cp -a. Processes: ps, kill, renice, timeout, top -b -n1.
 * The system: free, uptime, dmesg, find over /proc and /sys (which must
 * end), find / -xdev. Lines whose content is the same on every kernel
 * are comparable (`@ `); the rest are checked by their shape.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

#define OUTPUT "/tmp/busybox-output"

static const char script[] =
    "export TZ=UTC0\n"
    "rm -rf /tmp/bb && mkdir /tmp/bb && cd /tmp/bb || exit 1\n"
    "echo data > a\n"
    "mv a b && echo \"mv: $(cat b) $(ls)\"\n"
    "ln b hard && ln -s b soft && echo \"ln: links=$(stat -c %h b) soft=$(readlink soft) $(cat soft)\"\n"
    "touch -d '2020-01-02 03:04:05' b && echo \"touch: $(stat -c %Y hard)\"\n"
    "touch new && echo \"touch new: $(stat -c '%F %s' new)\"\n"
    "mkfifo f && echo \"mkfifo: $(stat -c '%F %a' f)\"\n"
    "(echo through the fifo > f &) ; echo \"fifo: $(cat f)\"\n"
    "mkdir d && cp -a b d/ && echo \"cp -a: $(stat -c %Y d/b) $(cat d/b)\"\n"
    "tar cf t.tar d b soft && mkdir x && tar xf t.tar -C x && echo \"tar: $(cd x && find . | sort | tr '\\n' ' ')$(cat x/soft)\"\n"
    "df /proc | tail -1 | { read fs blocks rest; echo \"df: $fs $blocks\"; }\n"
    "cd / && rm -rf /tmp/bb && echo \"rm: $(ls /tmp | grep -c ^bb$)\"\n"
    "ps -o pid,comm | grep -q \"^ *$$ \" && echo \"ps: lists the shell\"\n"
    "sleep 100 & pid=$!; kill $pid; wait $pid; echo \"kill: status $?\"\n"
    "sleep 100 & pid=$!; renice -n 5 -p $pid >/dev/null; echo \"renice: $(cut -d' ' -f19 /proc/$pid/stat)\"; kill $pid\n"
    "timeout 1 sleep 5; echo \"timeout: status $?\"\n"
    "top -b -n1 > /tmp/top.out; echo \"top: $(grep -c -e '^Mem:' -e '^CPU:' -e '^Load average:' /tmp/top.out) $(grep -c 'top -b -n1' /tmp/top.out)\"\n"
    "free | grep -q '^Mem: ' && echo \"free: Mem\"\n"
    "uptime | grep -q 'load average: [0-9]' && echo \"uptime: load average\"\n"
    "dmesg | head -1 | grep -q '^\\[ *0\\.' && echo \"dmesg: the boot log\"\n"
    "find /proc /sys > /tmp/find.out 2>/dev/null; echo \"find: $(grep -c . /tmp/find.out) names, task/*/task: $(grep -c '/task/[0-9]*/task' /tmp/find.out)\"\n"
    "echo \"find -xdev: $(find / -xdev -name busybox | sort | tr '\\n' ' ')\"\n"
    "rm /tmp/top.out /tmp/find.out\n";

/* Run script under /bin/sh with its output into out (stdout and stderr). */
static int run_script(char *out, size_t size)
{
    int fd = open(OUTPUT, O_RDWR | O_CREAT | O_TRUNC, 0644);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };
        char *envp[] = { "PATH=/bin:/sbin", NULL };
        dup2(fd, 1);
        dup2(fd, 2);
        execve(argv[0], argv, envp);
        _exit(127);
    }
    int status = wait_for(pid);
    ssize_t n = pread(fd, out, size - 1, 0);
    out[n > 0 ? n : 0] = 0;
    close(fd);
    unlink(OUTPUT);
    return status;
}

/* The line starting with prefix, without it ("" if none). */
static const char *line(const char *out, const char *prefix)
{
    static char found[512];
    if (!find_line(out, prefix, found, sizeof found))
        return "";
    return found + strlen(prefix);
}

int main(void)
{
    static char out[65536];
    static const char *const same[] = {
        "mv: ", "ln: ", "touch: ", "touch new: ", "mkfifo: ", "fifo: ", "cp -a: ", "tar: ",
        "df: ", "rm: ", "ps: ", "kill: ", "renice: ", "timeout: ", "top: ", "free: ",
        "uptime: ", "dmesg: ", "find -xdev: ",
    };

    CHECK_EXIT(run_script(out, sizeof out), 0, "the script runs to its end");
    for (const char *l = out; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0))
        note("bb| %.*s", (int)strcspn(l, "\n"), l);
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        comparable("%s%s", same[i], line(out, same[i]));
    CHECK_STR(line(out, "mv: "), "data b", "mv renames");
    CHECK_STR(line(out, "ln: "), "links=2 soft=b data", "ln makes a hard link and a symlink");
    CHECK_STR(line(out, "touch: "), "1577934245", "touch -d sets the time (seen through the link)");
    CHECK_STR(line(out, "touch new: "), "regular empty file 0", "touch creates");
    CHECK_STR(line(out, "mkfifo: "), "fifo 644", "mkfifo");
    CHECK_STR(line(out, "fifo: "), "through the fifo", "a FIFO between two processes");
    CHECK_STR(line(out, "cp -a: "), "1577934245 data", "cp -a keeps the time");
    CHECK_STR(line(out, "tar: "), ". ./b ./d ./d/b ./soft data", "tar round trip, symlink included");
    CHECK_STR(line(out, "df: "), "proc 0", "df reads /proc/mounts and statfs");
    CHECK_STR(line(out, "rm: "), "0", "rm -rf");
    CHECK_STR(line(out, "ps: "), "lists the shell", "ps");
    CHECK_STR(line(out, "kill: "), "status 143", "kill: SIGTERM, 128 + 15");
    CHECK_STR(line(out, "renice: "), "5", "renice: nice 5 in /proc/PID/stat");
    CHECK_STR(line(out, "timeout: "), "status 143", "timeout ends sleep with SIGTERM");
    CHECK_STR(line(out, "top: "), "3 1", "top -b -n1: its three summary lines and itself");
    CHECK_STR(line(out, "free: "), "Mem", "free");
    CHECK_STR(line(out, "uptime: "), "load average", "uptime");
    CHECK_STR(line(out, "dmesg: "), "the boot log", "dmesg starts at boot");
    int names = -1, loops = -1;
    sscanf(line(out, "find: "), "%d names, task/*/task: %d", &names, &loops);
    CHECK(names > 100 && loops == 0, "find over /proc and /sys ends, no task/N/task (%d names)", names);
    CHECK_STR(line(out, "find -xdev: "), "/bin/busybox /tests/busybox ", "find / -xdev");
    return tap_done();
}
