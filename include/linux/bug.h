/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bug.h - assertions. Mirrors include/asm-generic/bug.h and mmdebug.h.
 *
 * BUG_ON(cond): a kernel invariant is broken; print "kernel BUG at
 * file:line!", the registers' owner and a backtrace, then panic.
 * WARN_ON(cond): something is wrong but the kernel can go on; print a
 * warning with a backtrace and return the condition. VM_BUG_ON and
 * VM_WARN_ON are the memory-management variants: checks with
 * CONFIG_DEBUG_VM (the debuggable kernel), nothing without it (the fast
 * kernel, as Debian's Linux), where the condition is only type-checked
 * and never evaluated.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

__noreturn void __bug(const char *file, int line, const char *func);
void __warn(const char *file, int line, const char *func, const char *fmt, ...);
extern unsigned long warn_count;

#define BUG() __bug(__FILE__, __LINE__, __func__)
#define BUG_ON(cond) do { if (unlikely(cond)) BUG(); } while (0)

#define WARN(cond, fmt, ...) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		__warn(__FILE__, __LINE__, __func__, fmt, ##__VA_ARGS__);\
	unlikely(__ret_warn);						\
})
#define WARN_ON(cond) WARN(cond, NULL)
#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret_once = !!(cond);					\
	if (unlikely(__ret_once) && !__warned) {			\
		__warned = true;					\
		__warn(__FILE__, __LINE__, __func__, NULL);		\
	}								\
	unlikely(__ret_once);						\
})

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")
#define BUILD_BUG_ON_INVALID(e) ((void)(sizeof((long)(e))))

#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond) BUG_ON(cond)
#define VM_WARN_ON(cond) WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond) WARN_ON_ONCE(cond)
#else
#define VM_BUG_ON(cond) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON(cond) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE(cond) BUILD_BUG_ON_INVALID(cond)
#endif

#endif /* _LINUX_BUG_H */
