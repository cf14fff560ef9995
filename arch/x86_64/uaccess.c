// SPDX-License-Identifier: GPL-2.0
/*
 * uaccess.c - copy_from_user() and friends. Mirrors
 * arch/x86/include/asm/uaccess_64.h and lib/strncpy_from_user.c.
 *
 * Each function refuses ranges that are not entirely below TASK_SIZE
 * (access_ok) and runs the copy in usercopy.asm with SMAP's window open
 * (stac ... clac). A page fault inside the copy is first handled like a
 * user fault (demand paging, copy-on-write); only a fault the program
 * could not have taken either (no VMA, a VMA forbidding the access, a
 * page past the end of a file, no memory) ends at the exception-table
 * fixup, and the caller gets -EFAULT.
 */
#include <linux/uaccess.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <asm/processor.h>

unsigned long copy_user_generic(void *to, const void *from, unsigned long n);
unsigned long __clear_user(void __user *to, unsigned long n);
long __strncpy_from_user(char *dst, const char __user *src, long count);

unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left;

	if (!access_ok(from, n))
		return n;
	stac();
	left = copy_user_generic(to, (const void *)from, n);
	clac();
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	unsigned long left;

	if (!access_ok(to, n))
		return n;
	stac();
	left = copy_user_generic((void *)to, from, n);
	clac();
	return left;
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	unsigned long left;

	if (!access_ok(to, n))
		return n;
	stac();
	left = __clear_user(to, n);
	clac();
	return left;
}

/**
 * strncpy_from_user - copy a NUL-terminated string from user space
 * @dst: kernel buffer of @count bytes
 * @src: user address
 * @count: the most bytes to copy
 *
 * Return: the string's length (without the NUL); @count if it did not fit;
 * -EFAULT if @src is bad before a NUL or @count bytes were read.
 */
long strncpy_from_user(char *dst, const char __user *src, long count)
{
	unsigned long addr = (unsigned long)src;
	long max, ret;

	if (count <= 0)
		return 0;
	if (addr >= TASK_SIZE_MAX)
		return -EFAULT;
	max = min_t(unsigned long, count, TASK_SIZE_MAX - addr);
	stac();
	ret = __strncpy_from_user(dst, src, max);
	clac();
	if (ret == max && max < count)
		return -EFAULT;		/* ran into the end of user space */
	return ret;
}
