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
    /*
     * Linux rate-limits segfault reports (10 per 5 s): after the tests
     * before this one it may drop ours, so try again for up to 6 s.
     */
    const char *log = "";
    int status = 0;
    for (int try = 0; try < 7; try++) {
        pid_t pid = spawn(segv, NULL);
        status = wait_for(pid);
        snprintf(want, sizeof want, "klog[%d]: segfault at 0 ", pid);
        log = read_all();
        if (strstr(log, want))
            break;
        sleep(1);
    }
    CHECK_SIGNAL(status, 11, "a child dies of SIGSEGV");
    CHECK(regexec(&line, log, 0, NULL, 0) == 0, "READ_ALL: lines of \"<level>[seconds.micros] \"");
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
