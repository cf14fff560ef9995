/* SPDX-License-Identifier: GPL-2.0 */
/*
 * compiler.h - attributes and compiler helpers. Mirrors
 * include/linux/compiler.h and compiler_attributes.h.
 */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#undef __always_inline	/* the C library's headers define it too */
#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __noreturn __attribute__((__noreturn__))
#define __packed __attribute__((__packed__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __section(s) __attribute__((__section__(s)))
#define __used __attribute__((__used__))
#define __maybe_unused __attribute__((__unused__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __weak __attribute__((__weak__))
#define __cold __attribute__((__cold__))
#define fallthrough __attribute__((__fallthrough__))

#define barrier() __asm__ __volatile__("" : : : "memory")

/*
 * READ_ONCE/WRITE_ONCE: force a single access the compiler may not merge,
 * tear or re-read (used for data shared with interrupt handlers).
 */
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val) (*(volatile __typeof__(x) *)&(x) = (val))

/* OPTIMIZER_HIDE_VAR - make the compiler forget what it knows about @var. */
#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))

#define __stringify_1(x) #x
#define __stringify(x) __stringify_1(x)

#define __PASTE(a, b) a##b
#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)

#endif /* _LINUX_COMPILER_H */
