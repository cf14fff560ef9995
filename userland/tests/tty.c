/*
 * The controlling terminal and job control ioctls on the console: a
 * session leader takes it (TIOCSCTTY), process groups are put in the
 * foreground (tcsetpgrp), /proc/PID/stat shows tpgid, and the errors of
 * callers that have no right to it. Run in children: the test program
 * itself never owns the console.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "test.h"

/* Field 8 (tpgid) of /proc/self/stat. */
static long stat_tpgid(void)
{
    char buf[1024], *p;
    long tpgid = -2;

    if (read_file("/proc/self/stat", buf, sizeof buf) < 0 || !(p = strrchr(buf, ')')))
        return -2;
    sscanf(p + 2, "%*c %*d %*d %*d %*d %ld", &tpgid);
    return tpgid;
}

/* Exit codes: 0 all well, else the number of the first failed step. */
static int leader(void *unused)
{
    pid_t me, child;
    int fds[2];
    char c;

    (void)unused;
    if (tcgetpgrp(0) != -1 || errno != ENOTTY)
        return 1;                       /* not ours yet */
    if ((me = setsid()) < 0)
        return 2;
    if (ioctl(0, TIOCSCTTY, 0) != 0)
        return 3;
    if (tcgetpgrp(0) != me || tcgetsid(0) != me || stat_tpgid() != me)
        return 4;                       /* the leader's group is in front */
    if (ioctl(0, TIOCSCTTY, 0) != 0)
        return 5;                       /* again: no-op */
    signal(SIGTTOU, SIG_IGN);           /* Linux stops a background tcsetpgrp caller */
    pipe(fds);
    child = fork();
    if (child == 0) {
        setpgid(0, 0);
        read(fds[0], &c, 1);            /* wait until in front */
        _exit(tcgetpgrp(0) == getpid() && stat_tpgid() == getpid() ? 0 : 1);
    }
    setpgid(child, child);
    if (tcsetpgrp(0, child) != 0 || tcgetpgrp(0) != child)
        return 6;
    write(fds[1], "x", 1);
    if (wait_for(child) != 0)
        return 7;
    if (tcsetpgrp(0, 12345) != -1 || errno != ESRCH)
        return 8;                       /* no such group */
    if (tcsetpgrp(0, -1) != -1 || errno != EINVAL)
        return 9;
    if (tcsetpgrp(0, me) != 0)
        return 10;
    signal(SIGHUP, SIG_IGN);            /* TIOCNOTTY signals the foreground */
    if (ioctl(0, TIOCNOTTY) != 0)
        return 11;
    if (tcgetpgrp(0) != -1 || errno != ENOTTY || stat_tpgid() != -1)
        return 12;
    return 0;
}

static int not_leader(void *unused)
{
    (void)unused;
    return ioctl(0, TIOCSCTTY, 0) == -1 && errno == EPERM ? 0 : 1;
}

int main(void)
{
    CHECK_EQ_LONG(stat_tpgid(), -1, "the test runs without a controlling terminal: tpgid -1");
    CHECK_ERR(tcgetpgrp(0), ENOTTY, "tcgetpgrp without a controlling terminal: ENOTTY");
    CHECK_ERR(tcgetsid(0), ENOTTY, "tcgetsid without a controlling terminal: ENOTTY");
    CHECK_EXIT(run_child(not_leader, NULL), 0, "TIOCSCTTY by a process that leads no session: EPERM");
    CHECK_EXIT(run_child(leader, NULL), 0,
               "a session leader takes the console, hands the foreground to a group and back, "
               "and gives the console up");
    CHECK_ERR(ioctl(open("/dev/null", O_RDONLY), TIOCSCTTY, 0), ENOTTY,
              "TIOCSCTTY on a file that is no terminal: ENOTTY");
    return tap_done();
}
