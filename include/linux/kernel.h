/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel.h - small helpers every file uses: min/max, ALIGN, container_of,
 * ARRAY_SIZE, DIV_ROUND_UP. Mirrors include/linux/kernel.h and
 * include/linux/minmax.h.
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/compiler.h>

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))

#define min(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a < _b ? _a : _b; })
#define max(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); _a > _b ? _a : _b; })
#define min_t(type, a, b) min((type)(a), (type)(b))
#define max_t(type, a, b) max((type)(a), (type)(b))
#define clamp(val, lo, hi) min(max(val, lo), hi)
#define swap(a, b) do { __typeof__(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

#define ALIGN(x, a) (((x) + ((__typeof__(x))(a) - 1)) & ~((__typeof__(x))(a) - 1))
/* div_u64 - 64-bit division (Linux: include/linux/math64.h; x86-64 divides natively). */
#define div_u64(dividend, divisor) ((u64)(dividend) / (u32)(divisor))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))
#define round_up(x, y) ALIGN(x, y)
#define round_down(x, y) ALIGN_DOWN(x, y)

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define KB(x) ((unsigned long)(x) << 10)
#define MB(x) ((unsigned long)(x) << 20)
#define GB(x) ((unsigned long)(x) << 30)

#define U64_MAX ((u64)~0ULL)
#define ULONG_MAX (~0UL)
#define LONG_MAX ((long)(~0UL >> 1))
#define INT_MAX ((int)(~0U >> 1))
#define INT_MIN (-INT_MAX - 1)
#define UINT_MAX (~0U)

#endif /* _LINUX_KERNEL_H */
