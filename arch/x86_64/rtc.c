// SPDX-License-Identifier: GPL-2.0
/*
 * rtc.c - read the battery-backed CMOS clock (MC146818) once at boot to
 * start CLOCK_REALTIME. Mirrors arch/x86/kernel/rtc.c and
 * drivers/rtc/rtc-mc146818-lib.c.
 */
#include <linux/kernel.h>
#include <asm/io.h>
#include <asm/timer.h>

#define RTC_PORT_INDEX	0x70
#define RTC_PORT_DATA	0x71
#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_STATUS_A	0x0a
#define RTC_STATUS_B	0x0b
#define RTC_UIP		0x80	/* update in progress */
#define RTC_DM_BINARY	0x04
#define RTC_24H		0x02

static u8 cmos_read(u8 reg)
{
	outb(reg, RTC_PORT_INDEX);
	return inb(RTC_PORT_DATA);
}

static unsigned int bcd2bin(u8 val)
{
	return (val & 0x0f) + (val >> 4) * 10;
}

/* mktime64 - seconds since 1970-01-01 for a Gregorian date (kernel/time/time.c). */
static u64 mktime64(unsigned int year, unsigned int mon, unsigned int day,
		    unsigned int hour, unsigned int min, unsigned int sec)
{
	if ((int)(mon -= 2) <= 0) {	/* put February last: leap day at the end */
		mon += 12;
		year -= 1;
	}
	return ((((u64)(year / 4 - year / 100 + year / 400 + 367 * mon / 12 + day) +
		  year * 365 - 719499) * 24 + hour) * 60 + min) * 60 + sec;
}

u64 read_rtc_seconds(void)
{
	unsigned int sec, min, hour, day, mon, year;
	u8 status;

	while (cmos_read(RTC_STATUS_A) & RTC_UIP)
		;
	sec = cmos_read(RTC_SECONDS);
	min = cmos_read(RTC_MINUTES);
	hour = cmos_read(RTC_HOURS);
	day = cmos_read(RTC_DAY);
	mon = cmos_read(RTC_MONTH);
	year = cmos_read(RTC_YEAR);
	status = cmos_read(RTC_STATUS_B);
	if (!(status & RTC_DM_BINARY)) {
		sec = bcd2bin(sec);
		min = bcd2bin(min);
		hour = bcd2bin(hour & 0x7f) | (hour & 0x80);
		day = bcd2bin(day);
		mon = bcd2bin(mon);
		year = bcd2bin(year);
	}
	if (!(status & RTC_24H))	/* 12-hour clock: bit 7 means PM */
		hour = (hour & 0x7f) % 12 + (hour & 0x80 ? 12 : 0);
	return mktime64(2000 + year, mon, day, hour, min, sec);
}
