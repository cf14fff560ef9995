/* SPDX-License-Identifier: GPL-2.0 */
/*
 * binfmts.h - execve(): the state of one exec in progress (struct
 * linux_binprm) and the binary-format handlers that load programs.
 * Mirrors include/linux/binfmts.h.
 *
 * kernel/exec.c opens the file, reads its first bytes into bprm->buf and
 * copies the argument and environment strings out of the old address
 * space; then each registered format's load_binary() looks at bprm->buf.
 * The one that recognises it (kernel/binfmt_elf.c for ELF) calls
 * begin_new_exec() -- the point of no return, where the old address space
 * is thrown away -- maps the program, builds the new stack with
 * setup_arg_pages() and starts it with start_thread().
 *
 * The strings are staged in kernel pages, bprm->page[], laid out exactly
 * as they will lie below STACK_TOP (Linux's !CONFIG_MMU scheme: an MMU
 * Linux puts them straight into the new mm's stack pages); bprm->p is the
 * user address of the lowest byte copied so far.
 */
#ifndef _LINUX_BINFMTS_H
#define _LINUX_BINFMTS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/syscalls.h>
#include <asm/page_types.h>

struct file;
struct mm_struct;
struct page;

#define BINPRM_BUF_SIZE		256	/* the head of the file every format may look at */

/*
 * MAX_ARG_STRLEN: the longest single argument or environment string (with
 * its NUL); MAX_ARG_STRINGS: the most of either.
 */
#define MAX_ARG_STRLEN		(PAGE_SIZE * 32)
#define MAX_ARG_STRINGS		0x7FFFFFFF

/*
 * The strings and their pointers may take a quarter of RLIMIT_STACK, but
 * at most 3/4 of _STK_LIM (6 MiB) and at least ARG_MAX (bprm_stack_limits()).
 */
#define ARG_MAX			131072

/* setup_arg_pages()'s executable_stack: PT_GNU_STACK's verdict. */
#define EXSTACK_DEFAULT		0	/* no PT_GNU_STACK: the architecture decides */
#define EXSTACK_DISABLE_X	1	/* PT_GNU_STACK without PF_X */
#define EXSTACK_ENABLE_X	2	/* PT_GNU_STACK with PF_X */

/**
 * struct linux_binprm - one execve() in progress
 * @page: staged string pages; page[i] is the page ending
 *        STACK_TOP - i * PAGE_SIZE (allocated as strings reach it)
 * @nr_pages: size of @page[]: enough for the strings down to @argmin
 * @mm: the new address space, until begin_new_exec() installs it
 * @p: user address of the lowest string byte: the strings occupy [p, STACK_TOP)
 * @argmin: @p may not go below this (the E2BIG limit)
 * @point_of_no_return: the old address space is gone; errors are fatal
 * @file: the executable, opened for reading
 * @argc: argument count
 * @envc: environment count
 * @filename: the name comm and AT_EXECFN come from
 * @exec: user address of the copied file name (AT_EXECFN)
 * @buf: the first BINPRM_BUF_SIZE bytes of @file
 */
struct linux_binprm {
	struct page **page;
	unsigned long nr_pages;
	struct mm_struct *mm;
	unsigned long p;
	unsigned long argmin;
	bool point_of_no_return;
	struct file *file;
	int argc, envc;
	const char *filename;
	unsigned long exec;
	char buf[BINPRM_BUF_SIZE];
};

/**
 * struct linux_binfmt - a binary format execve() can run
 * @lh: link in the formats list
 * @load_binary: recognise bprm->buf and load the program; -ENOEXEC if the
 *               file is not this format
 */
struct linux_binfmt {
	struct list_head lh;
	int (*load_binary)(struct linux_binprm *bprm);
};

void register_binfmt(struct linux_binfmt *fmt);

/* kernel/exec.c: the steps a load_binary() takes */
int begin_new_exec(struct linux_binprm *bprm);
void setup_new_exec(struct linux_binprm *bprm);
int setup_arg_pages(struct linux_binprm *bprm, unsigned long stack_top, int executable_stack);

/* execve() with a kernel copy of the path (user argv/envp). */
int do_execve(const char *filename, const char __user *const __user *argv,
	      const char __user *const __user *envp);
/* Run a program from a kernel thread (init): 0, or -errno with nothing changed. */
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp);

#endif /* _LINUX_BINFMTS_H */
