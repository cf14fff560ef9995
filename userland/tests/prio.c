/*
 * Nice values and I/O priorities: getpriority/setpriority (clamping,
 * inheritance, /proc/PID/stat's priority and nice fields, errors), the
 * scheduler giving a nice-0 spinner more CPU than a nice-19 one, and
 * ioprio_set/ioprio_get (kept and given back; Pagoda has no I/O scheduler).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "test.h"

#define IOPRIO_WHO_PROCESS 1
#define IOPRIO_PRIO_VALUE(class, level) (((class) << 13) | (level))
#define IOPRIO_CLASS_BE 2
#define IOPRIO_CLASS_IDLE 3

/* Fields 18 (priority) and 19 (nice) of /proc/PID/stat. */
static void stat_prio(pid_t pid, long *prio, long *nice)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    *prio = *nice = -99;
    if (read_file(path, buf, sizeof buf - 1) <= 0)
        return;
    char *p = strrchr(buf, ')');
    /* The n-th space after ")" precedes field n + 2. */
    for (int field = 2; p && field < 18; field++)
        p = strchr(p + 1, ' ');
    if (p)
        sscanf(p + 1, "%ld %ld", prio, nice);
}

static int child_nice(void *arg)
{
    (void)arg;
    return getpriority(PRIO_PROCESS, 0) == 7 ? 0 : 1;
}

/* A child that spins at @nice until killed; its CPU time is read from /proc. */
static pid_t spinner(int nice)
{
    pid_t pid = fork();
    if (pid == 0) {
        setpriority(PRIO_PROCESS, 0, nice);
        for (;;)
            ;
    }
    return pid;
}

/* utime + stime of @pid in clock ticks (fields 14 and 15 of /proc/PID/stat). */
static long cpu_ticks(pid_t pid)
{
    char path[64], buf[1024];
    long utime = 0, stime = 0;
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    if (read_file(path, buf, sizeof buf - 1) <= 0)
        return -1;
    char *p = strrchr(buf, ')');
    for (int field = 2; p && field < 14; field++)
        p = strchr(p + 1, ' ');
    if (p)
        sscanf(p + 1, "%ld %ld", &utime, &stime);
    return utime + stime;
}

static void test_nice(void)
{
    long prio, nice;
    CHECK_EQ_LONG(getpriority(PRIO_PROCESS, 0), 0, "nice 0 to start with");
    CHECK_EQ_LONG(syscall(SYS_getpriority, PRIO_PROCESS, 0), 20, "the raw call says 20 - nice");
    CHECK_SYS(setpriority(PRIO_PROCESS, 0, 7), "setpriority 7");
    CHECK_EQ_LONG(getpriority(PRIO_PROCESS, getpid()), 7, "getpriority by pid");
    stat_prio(getpid(), &prio, &nice);
    CHECK(prio == 27 && nice == 7, "/proc/self/stat: priority 27, nice 7 (got %ld %ld)", prio, nice);
    CHECK_EXIT(run_child(child_nice, NULL), 0, "a child inherits the nice value");
    CHECK_SYS(setpriority(PRIO_PROCESS, 0, 100), "an out-of-range value");
    CHECK_EQ_LONG(getpriority(PRIO_PROCESS, 0), 19, "is clamped to 19");
    CHECK_SYS(setpriority(PRIO_PROCESS, 0, -100), "root may lower it, clamped");
    CHECK_EQ_LONG(getpriority(PRIO_PROCESS, 0), -20, "to -20");
    CHECK_SYS(setpriority(PRIO_PGRP, 0, 3), "PRIO_PGRP, own group");
    CHECK_EQ_LONG(getpriority(PRIO_PGRP, 0), 3, "the group's best value");
    CHECK_ERR(setpriority(5, 0, 0), EINVAL, "a bad which: EINVAL");
    CHECK_ERR(getpriority(PRIO_PROCESS, 999999), ESRCH, "no such process: ESRCH");
    CHECK_ERR(getpriority(PRIO_USER, 4242), ESRCH, "a user without processes: ESRCH");
    setpriority(PRIO_PROCESS, 0, 0);
    comparable("nice: set 7 -> stat prio %ld nice %ld", prio, nice);
}

static void test_share(void)
{
    pid_t favoured = spinner(0), nicest = spinner(19);
    struct timespec t = { 0, 600 * 1000 * 1000 };
    nanosleep(&t, NULL);
    long a = cpu_ticks(favoured), b = cpu_ticks(nicest);
    kill(favoured, SIGKILL);
    kill(nicest, SIGKILL);
    wait_for(favoured);
    wait_for(nicest);
    note("cpu ticks: nice 0 %ld, nice 19 %ld", a, b);
    CHECK(a > 0 && a >= 2 * b, "a nice-0 spinner gets twice the CPU of a nice-19 one or more (%ld, %ld)",
          a, b);
}

static int child_ioprio(void *arg)
{
    return syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0) == *(int *)arg ? 0 : 1;
}

static void test_ioprio(void)
{
    int be3 = IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, 3), idle = IOPRIO_PRIO_VALUE(IOPRIO_CLASS_IDLE, 0);
    CHECK_EQ_LONG(syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0), 0, "ioprio: none at first");
    CHECK_SYS(syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, be3), "ioprio_set best-effort 3");
    CHECK_EQ_LONG(syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, getpid()), be3, "given back");
    CHECK_EXIT(run_child(child_ioprio, &be3), 0, "inherited by a child");
    CHECK_SYS(syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, idle), "idle class");
    CHECK_EQ_LONG(syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 0), idle, "given back");
    CHECK_ERR(syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(0, 1)), EINVAL,
              "class none with a level: EINVAL");
    CHECK_ERR(syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0, IOPRIO_PRIO_VALUE(5, 0)), EINVAL,
              "an unknown class: EINVAL");
    CHECK_ERR(syscall(SYS_ioprio_set, 7, 0, be3), EINVAL, "a bad which: EINVAL");
    CHECK_ERR(syscall(SYS_ioprio_get, IOPRIO_WHO_PROCESS, 999999), ESRCH, "no such process: ESRCH");
}

int main(void)
{
    test_nice();
    test_share();
    test_ioprio();
    return tap_done();
}
