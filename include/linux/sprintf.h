/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sprintf.h - formatted output into buffers. Mirrors include/linux/sprintf.h;
 * implemented in kernel/lib/vsprintf.c.
 *
 * Formats: %d %i %u %x %X %o %c %s %p %% with flags "-0+ #", width,
 * precision (also "*"), and length modifiers hh h l ll z t. Pointers:
 * %p and %px print the raw address (Pagoda does not hash pointers: students
 * need to compare them), %pS prints the symbol: "function+0x12/0x40".
 */
#ifndef _LINUX_SPRINTF_H
#define _LINUX_SPRINTF_H

#include <linux/types.h>
#include <linux/stdarg.h>
#include <linux/compiler.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);

#endif /* _LINUX_SPRINTF_H */
