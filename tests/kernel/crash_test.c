// SPDX-License-Identifier: GPL-2.0
/*
 * crash_test.c - deliberate kernel faults, run only when named exactly
 * (ktest=crash.null_deref ...). tests/test_boot.py checks that each one
 * prints the exception report with registers and a symbolised backtrace,
 * and that QEMU exits with the panic status instead of hanging.
 */
#include <linux/ktest.h>
#include <linux/bug.h>
#include <linux/compiler.h>

/* noinline: keep a named frame in the backtrace. */
static noinline void crash_write(unsigned long addr)
{
	OPTIMIZER_HIDE_VAR(addr);
	*(volatile int *)addr = 1;
}

static noinline long crash_read(unsigned long addr)
{
	OPTIMIZER_HIDE_VAR(addr);
	return *(volatile long *)addr;
}

KTEST_EXPLICIT(crash, null_deref)
{
	crash_write(0x10);
}

KTEST_EXPLICIT(crash, unmapped_read)
{
	crash_read(0xffffc7ffdead0000UL);
}

KTEST_EXPLICIT(crash, invalid_opcode)
{
	__asm__ volatile("ud2");
}

KTEST_EXPLICIT(crash, general_protection)
{
	crash_read(0x8000000000000000UL);	/* non-canonical */
}

KTEST_EXPLICIT(crash, divide_error)
{
	volatile unsigned int zero = 0;

	__asm__ volatile("divl %1" : : "a"(1), "r"(zero), "d"(0));
}

KTEST_EXPLICIT(crash, bug)
{
	BUG();
}
