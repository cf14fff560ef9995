/* SPDX-License-Identifier: GPL-2.0 */
/*
 * uaccess.h - touching user memory from the kernel. Mirrors
 * include/linux/uaccess.h and arch/x86/include/asm/uaccess.h.
 *
 * A user pointer may be bad: beyond TASK_SIZE (access_ok() refuses it) or
 * unmapped / not permitted (the page fault finds no VMA). The copy itself
 * runs inside an exception-table entry (arch/x86_64/usercopy.asm), so such a
 * fault resumes at a fixup that reports how much was not copied, and the
 * system call returns -EFAULT instead of oopsing. With SMAP the copies open
 * their window to user memory with stac/clac.
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/types.h>
#include <linux/syscalls.h>
#include <asm/page_types.h>

static inline bool access_ok(const void __user *addr, unsigned long size)
{
	unsigned long a = (unsigned long)addr;

	return size <= TASK_SIZE_MAX && a <= TASK_SIZE_MAX - size;
}

/* Return the number of bytes NOT copied (0 on success). */
unsigned long copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long clear_user(void __user *to, unsigned long n);

/* strncpy_from_user - copy a NUL-terminated string: its length, or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, long count);

/**
 * strnlen_user - the size of a user string, with its NUL
 * @str: user address
 * @n: the most bytes to look at
 *
 * Return: the size including the NUL; more than @n if there is no NUL in
 * the first @n bytes; 0 if @str is bad before the NUL (Linux's contract).
 */
static inline long strnlen_user(const char __user *str, long n)
{
	char chunk[64];
	long len = 0;

	while (len < n) {
		long want = n - len < (long)sizeof(chunk) ? n - len : (long)sizeof(chunk);
		long got = strncpy_from_user(chunk, str + len, want);

		if (got < 0)
			return 0;
		if (got < want)
			return len + got + 1;
		len += want;
	}
	return n + 1;
}

/* get_user/put_user - one value of the pointer's type; 0 or -EFAULT. */
#define get_user(x, ptr)						\
({									\
	__typeof__(*(ptr)) __gu_val;					\
	int __gu_err = copy_from_user(&__gu_val, (ptr), sizeof(__gu_val)) ? -EFAULT : 0; \
	(x) = __gu_err ? (__typeof__(*(ptr)))0 : __gu_val;		\
	__gu_err;							\
})

#define put_user(x, ptr)						\
({									\
	__typeof__(*(ptr)) __pu_val = (x);				\
	copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0;	\
})

#endif /* _LINUX_UACCESS_H */
