/*
 * Interval timers: alarm, setitimer and getitimer for ITIMER_REAL (SIGALRM
 * after wall time), ITIMER_VIRTUAL (SIGVTALRM after user time) and
 * ITIMER_PROF (SIGPROF, re-armed by its interval); what getitimer reports,
 * what fork does not inherit, and the errors.
 */
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/time.h>

#include "test.h"

static volatile int alarms, vtalarms, profs;

static void on_signal(int sig)
{
    if (sig == SIGALRM)
        alarms++;
    else if (sig == SIGVTALRM)
        vtalarms++;
    else
        profs++;
}

static long ms_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

/* Spin in user mode until *counter reaches n or 3 s of wall time pass. */
static void spin_until(volatile int *counter, int n)
{
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    while (*counter < n && ms_since(&start) < 3000)
        ;
}

static int child_timers(void *arg)
{
    struct itimerval v;
    (void)arg;
    getitimer(ITIMER_REAL, &v);
    return v.it_value.tv_sec || v.it_value.tv_usec ? 1 : 0;
}

int main(void)
{
    struct itimerval v, old;
    struct sigaction sa = { .sa_handler = on_signal };
    sigaction(SIGALRM, &sa, NULL);
    sigaction(SIGVTALRM, &sa, NULL);
    sigaction(SIGPROF, &sa, NULL);

    CHECK_EQ_LONG(alarm(5), 0, "alarm: no alarm before");
    CHECK_EQ_LONG(alarm(0), 5, "alarm(0) cancels and returns the seconds left, rounded");
    CHECK_EQ_LONG(alarm(0), 0, "none left");

    v = (struct itimerval){ { 0, 0 }, { 10, 0 } };
    CHECK_SYS(setitimer(ITIMER_REAL, &v, NULL), "setitimer REAL 10 s");
    getitimer(ITIMER_REAL, &v);
    CHECK(v.it_value.tv_sec == 9 || (v.it_value.tv_sec == 10 && v.it_value.tv_usec == 0),
          "getitimer: just under 10 s left (%ld.%06ld)", (long)v.it_value.tv_sec,
          (long)v.it_value.tv_usec);
    CHECK(v.it_interval.tv_sec == 0 && v.it_interval.tv_usec == 0, "no interval");
    CHECK_EXIT(run_child(child_timers, NULL), 0, "a child starts without the timer");
    v = (struct itimerval){ { 0, 0 }, { 0, 50000 } };
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);	/* before arming: a delay between cannot shorten it */
    CHECK_SYS(setitimer(ITIMER_REAL, &v, &old), "re-arm for 50 ms");
    CHECK(old.it_value.tv_sec == 9, "the old value comes back (%ld s)", (long)old.it_value.tv_sec);
    while (!alarms && ms_since(&start) < 3000)
        pause();
    long waited = ms_since(&start);
    CHECK_EQ_LONG(alarms, 1, "SIGALRM came");
    CHECK(waited >= 49, "not before 50 ms (%ld ms)", waited);
    getitimer(ITIMER_REAL, &v);
    CHECK(!v.it_value.tv_sec && !v.it_value.tv_usec, "a one-shot timer is off after it fired");

    v = (struct itimerval){ { 0, 0 }, { 0, 30000 } };
    CHECK_SYS(setitimer(ITIMER_VIRTUAL, &v, NULL), "ITIMER_VIRTUAL 30 ms");
    spin_until(&vtalarms, 1);
    CHECK_EQ_LONG(vtalarms, 1, "SIGVTALRM after 30 ms of user time");
    v = (struct itimerval){ { 0, 20000 }, { 0, 20000 } };
    CHECK_SYS(setitimer(ITIMER_PROF, &v, NULL), "ITIMER_PROF every 20 ms");
    spin_until(&profs, 3);
    CHECK(profs >= 3, "SIGPROF again and again (%d)", profs);
    getitimer(ITIMER_PROF, &v);
    CHECK(v.it_interval.tv_usec == 20000 && (v.it_value.tv_sec || v.it_value.tv_usec),
          "still armed, with its interval");
    v = (struct itimerval){ { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_PROF, &v, NULL);
    getitimer(ITIMER_PROF, &v);
    CHECK(!v.it_value.tv_sec && !v.it_value.tv_usec, "a zero value disarms");

    v = (struct itimerval){ { 0, 0 }, { 0, 1000000 } };
    CHECK_ERR(setitimer(ITIMER_REAL, &v, NULL), EINVAL, "1000000 us: EINVAL");
    v = (struct itimerval){ { 0, 0 }, { 1, 0 } };
    CHECK_ERR(setitimer(3, &v, NULL), EINVAL, "an unknown timer: EINVAL");
    CHECK_ERR(getitimer(3, &v), EINVAL, "getitimer of an unknown timer: EINVAL");
    CHECK_ERR(syscall(SYS_getitimer, ITIMER_REAL, (void *)1), EFAULT, "a bad pointer: EFAULT");
    comparable("itimer: alarms=%d vtalarms=%d", alarms, vtalarms);
    return tap_done();
}
