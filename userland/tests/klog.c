/*
 * The kernel log through syslog(2) (klogctl, what dmesg reads): a
 * segfault report appears in READ_ALL as "<level>[time] text" lines,
 * CLEAR hides what came before, and the errors of each action.
 */
#include <regex.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/klog.h>

#include "test.h"

#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_READ_CLEAR 4
#define SYSLOG_ACTION_CLEAR 5
#define SYSLOG_ACTION_CONSOLE_LEVEL 8
#define SYSLOG_ACTION_SIZE_UNREAD 9
#define SYSLOG_ACTION_SIZE_BUFFER 10

static char buf[1 << 18];

static int segv(void *arg)
{
    (void)arg;
    *(volatile int *)0 = 1;
    return 0;
}

/* The log's text, NUL-terminated. */
static const char *read_all(void)
{
    int n = klogctl(SYSLOG_ACTION_READ_ALL, buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    return buf;
}

int main(void)
{
    char want[64];
    regex_t line;
    regcomp(&line, "^<[0-7]>\\[ *[0-9]+\\.[0-9]{6}\\] ", REG_EXTENDED | REG_NEWLINE);

    CHECK(klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0) >= 65536, "SIZE_BUFFER: at least 64 KiB");
    pid_t pid = spawn(segv, NULL);
    CHECK_SIGNAL(wait_for(pid), 11, "a child dies of SIGSEGV");
    const char *log = read_all();
    CHECK(regexec(&line, log, 0, NULL, 0) == 0, "READ_ALL: lines of \"<level>[seconds.micros] \"");
    snprintf(want, sizeof want, "klog[%d]: segfault at 0 ", pid);
    CHECK(strstr(log, want) != NULL, "the kernel's report \"%s...\" is there", want);
    CHECK(log[strlen(log) - 1] == '\n', "whole lines");
    CHECK_SYS(klogctl(SYSLOG_ACTION_CLEAR, NULL, 0), "CLEAR");
    CHECK(strstr(read_all(), want) == NULL, "READ_ALL no longer shows it");
    CHECK(klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0) >= 0, "SIZE_UNREAD");
    CHECK_ERR(klogctl(SYSLOG_ACTION_READ_ALL, NULL, 10), EINVAL, "READ_ALL without a buffer: EINVAL");
    CHECK_ERR(klogctl(SYSLOG_ACTION_READ_ALL, buf, -1), EINVAL, "a negative length: EINVAL");
    CHECK_EQ_LONG(klogctl(SYSLOG_ACTION_READ_CLEAR, buf, 0), 0, "a zero length: 0");
    CHECK_ERR(klogctl(SYSLOG_ACTION_READ_ALL, (char *)-4096L, 100), EFAULT,
              "a kernel buffer: EFAULT");
    CHECK_ERR(klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 9), EINVAL, "console level 9: EINVAL");
    CHECK_ERR(klogctl(42, NULL, 0), EINVAL, "an unknown action: EINVAL");
    regfree(&line);
    return tap_done();
}
