/* SPDX-License-Identifier: GPL-2.0 */
/*
 * time.h - time as system calls pass it: timespec, timeval, timezone, the
 * POSIX clock ids and clock_nanosleep()'s flag. Mirrors
 * include/uapi/linux/time.h and include/uapi/linux/time_types.h (x86-64
 * layouts: every field is 64 bits).
 */
#ifndef _UAPI_LINUX_TIME_H
#define _UAPI_LINUX_TIME_H

/* clock_gettime(), clock_nanosleep(), nanosleep(): seconds and nanoseconds. */
struct __kernel_timespec {
	long long tv_sec;
	long long tv_nsec;
};

/* gettimeofday(), getrusage(): seconds and microseconds. */
struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};

/* gettimeofday()'s obsolete second argument. */
struct timezone {
	int tz_minuteswest;		/* minutes west of Greenwich */
	int tz_dsttime;			/* type of DST correction */
};

/* The clocks of clock_gettime() and friends. */
#define CLOCK_REALTIME			0	/* wall time: settable, may jump */
#define CLOCK_MONOTONIC			1	/* time since boot, never jumps */
#define CLOCK_PROCESS_CPUTIME_ID	2	/* CPU time of the calling process */
#define CLOCK_THREAD_CPUTIME_ID		3	/* CPU time of the calling thread */
#define CLOCK_MONOTONIC_RAW		4	/* MONOTONIC without NTP slewing */
#define CLOCK_REALTIME_COARSE		5	/* REALTIME at the last tick */
#define CLOCK_MONOTONIC_COARSE		6	/* MONOTONIC at the last tick */
#define CLOCK_BOOTTIME			7	/* MONOTONIC plus time suspended */
#define CLOCK_REALTIME_ALARM		8
#define CLOCK_BOOTTIME_ALARM		9
#define CLOCK_TAI			11	/* REALTIME plus the TAI offset */
#define MAX_CLOCKS			16

/* clock_nanosleep(): the time is a deadline on the clock, not an interval. */
#define TIMER_ABSTIME			0x01

#endif /* _UAPI_LINUX_TIME_H */
