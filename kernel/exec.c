// SPDX-License-Identifier: GPL-2.0
/*
 * exec.c - execve(): replace the program a process runs. Mirrors fs/exec.c.
 *
 *   do_execve() / kernel_execve()
 *     alloc_bprm()              open the file (-ENOENT, -EACCES), a new empty mm
 *     count(), bprm_stack_limits()
 *                               argc, envc and the -E2BIG budget
 *     copy_string_kernel(filename), copy_strings(envp), copy_strings(argv)
 *                               the strings, top-down, into staged pages
 *     bprm_execve() -> search_binary_handler()
 *       prepare_binprm()        the first BINPRM_BUF_SIZE bytes into bprm->buf
 *       fmt->load_binary()      binfmt_elf.c: check the headers (-ENOEXEC), then
 *         begin_new_exec()      de_thread(): the process's other threads die; then
 *                               THE POINT OF NO RETURN: exec_mmap() switches to
 *                               the new mm and drops the old one; close-on-exec
 *                               fds, comm, caught signals back to SIG_DFL
 *         setup_new_exec()      the new mm's mmap layout
 *         setup_arg_pages()     the [stack] VMA below STACK_TOP, strings copied in
 *         ...                   map the program, create_elf_tables(), start_thread()
 *
 * Until the point of no return a failure returns -errno to the old program,
 * which goes on as if nothing happened. After it the old program is gone;
 * a failure leaves nothing to return to, so the process dies of SIGSEGV.
 *
 * An MMU Linux copies the strings straight into the pages of the new mm's
 * stack VMA (get_arg_page() through get_user_pages_remote()). Pagoda stages
 * them in kernel pages laid out exactly as they will lie below STACK_TOP,
 * and copies them into the stack once the new mm is current -- Linux's
 * !CONFIG_MMU scheme (transfer_args_to_stack()). bprm->p is always the
 * user address the lowest string byte will have.
 */
#include <linux/kernel.h>
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/ksm.h>
#include <linux/mm.h>
#include <linux/pid.h>
#include <linux/mmu_context.h>
#include <linux/resource.h>
#include <linux/sched.h>
#include <linux/sched_task.h>
#include <linux/signal.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/irqflags.h>
#include "fs/internal.h"

static LIST_HEAD(formats);

/**
 * register_binfmt - add a binary format for execve() to try
 * @fmt: the format, with its load_binary()
 */
void register_binfmt(struct linux_binfmt *fmt)
{
	list_add_tail(&fmt->lh, &formats);
}

/* --- the executable --- */

static const struct open_flags open_exec_flags = {
	.open_flag = O_LARGEFILE | O_RDONLY,
	.acc_mode = MAY_EXEC,
	.lookup_flags = LOOKUP_FOLLOW,
};

/*
 * open_exec - open @name to run it: the lookup's errors (-ENOENT...),
 * -EACCES unless it is a regular file with an x bit (a directory included),
 * -ETXTBSY if it is open for writing. Until the exec is over nobody may
 * open it for writing (deny_write_access()).
 */
static struct file *open_exec(const char *name)
{
	struct file *file = do_filp_open(AT_FDCWD, name, &open_exec_flags);
	int err;

	if (IS_ERR(file))
		return file;
	err = may_exec(file) ? deny_write_access(file) : -EACCES;
	if (err) {
		fput(file);
		return ERR_PTR(err);
	}
	file->f_mode |= FMODE_EXEC;
	return file;
}

/* --- the new address space and the staged strings --- */

/*
 * bprm_mm_init - the empty mm the program will run in, registered with
 * ksmd if current's merges everything. The strings go below its top word,
 * which stays 0 (as in Linux, the stack's last 8 bytes).
 */
static int bprm_mm_init(struct linux_binprm *bprm)
{
	struct mm_struct *mm = mm_alloc();
	int err;

	bprm->mm = mm;
	if (!mm)
		return -ENOMEM;
	/* prctl(PR_SET_MEMORY_MERGE) survives exec (mm_alloc() kept the bit). */
	mmap_write_lock(mm);
	err = ksm_execve(mm);
	mmap_write_unlock(mm);
	if (err)
		return err;
	bprm->p = STACK_TOP - sizeof(void *);
	return 0;
}

static void free_arg_pages(struct linux_binprm *bprm)
{
	if (!bprm->page)
		return;
	for (unsigned long i = 0; i < bprm->nr_pages; i++)
		if (bprm->page[i])
			__free_page(bprm->page[i]);
	kfree(bprm->page);
}

static void free_bprm(struct linux_binprm *bprm)
{
	if (bprm->mm)
		mmput(bprm->mm);	/* never installed: the exec failed early */
	free_arg_pages(bprm);
	if (bprm->file) {
		allow_write_access(bprm->file);
		fput(bprm->file);
	}
	kfree(bprm);
}

static struct linux_binprm *alloc_bprm(const char *filename)
{
	struct linux_binprm *bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	struct file *file;
	int retval;

	if (!bprm)
		return ERR_PTR(-ENOMEM);
	file = open_exec(filename);
	retval = PTR_ERR(file);
	if (IS_ERR(file))
		goto out_free;
	bprm->file = file;
	bprm->filename = filename;
	retval = bprm_mm_init(bprm);
	if (!retval)
		return bprm;
out_free:
	free_bprm(bprm);
	return ERR_PTR(retval);
}

/* get_user_arg_ptr - argv[nr] of a user array, or ERR_PTR(-EFAULT). */
static const char __user *get_user_arg_ptr(const char __user *const __user *argv, int nr)
{
	const char __user *native;

	if (copy_from_user(&native, argv + nr, sizeof(native)))
		return ERR_PTR(-EFAULT);
	return native;
}

/* count - the pointers before the NULL ending user array @argv (NULL: none). */
static int count(const char __user *const __user *argv, int max)
{
	int i = 0;

	if (!argv)
		return 0;
	for (;;) {
		const char __user *p = get_user_arg_ptr(argv, i);

		if (!p)
			break;
		if (IS_ERR(p))
			return -EFAULT;
		if (i >= max)
			return -E2BIG;
		++i;
		cond_resched();
	}
	return i;
}

static int count_strings_kernel(const char *const *argv)
{
	int i;

	if (!argv)
		return 0;
	for (i = 0; argv[i]; ++i) {
		if (i >= MAX_ARG_STRINGS)
			return -E2BIG;
		cond_resched();
	}
	return i;
}

/*
 * bprm_stack_limits - how low bprm->p may go: the strings and their
 * pointers get a quarter of RLIMIT_STACK (2 MiB with the default 8 MiB),
 * at most 3/4 of _STK_LIM and at least ARG_MAX. Sizes the staging array.
 */
static int bprm_stack_limits(struct linux_binprm *bprm)
{
	unsigned long limit, ptr_size;

	limit = min_t(unsigned long, _STK_LIM / 4 * 3, rlimit(RLIMIT_STACK) / 4);
	limit = max_t(unsigned long, limit, ARG_MAX);
	/* argc 0 becomes argc 1 (an empty argv[0]) below: count its pointer. */
	ptr_size = ((unsigned long)max(bprm->argc, 1) + bprm->envc) * sizeof(void *);
	if (limit <= ptr_size)
		return -E2BIG;
	limit -= ptr_size;
	bprm->argmin = bprm->p - limit;
	bprm->nr_pages = DIV_ROUND_UP(STACK_TOP - bprm->argmin, PAGE_SIZE);
	bprm->page = kcalloc(bprm->nr_pages, sizeof(struct page *), GFP_KERNEL);
	return bprm->page ? 0 : -ENOMEM;
}

/*
 * get_arg_page - the kernel address of the staged page that will hold user
 * address @pos, allocated (zeroed) on first use.
 */
static char *get_arg_page(struct linux_binprm *bprm, unsigned long pos)
{
	unsigned long index = (STACK_TOP - 1 - pos) >> PAGE_SHIFT;

	if (!bprm->page[index]) {
		bprm->page[index] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!bprm->page[index])
			return NULL;
	}
	return page_address(bprm->page[index]);
}

/*
 * copy_arg - push one string of @len bytes (its NUL included) below
 * bprm->p, copying backwards page by page from user or kernel memory.
 */
static int copy_arg(struct linux_binprm *bprm, const char *str, unsigned long len,
		    bool from_user)
{
	unsigned long pos = bprm->p;

	if (len > MAX_ARG_STRLEN || bprm->p - bprm->argmin < len)
		return -E2BIG;
	bprm->p -= len;
	str += len;
	while (len > 0) {
		unsigned long offset = pos & ~PAGE_MASK, chunk;
		char *kaddr;

		if (offset == 0)
			offset = PAGE_SIZE;
		chunk = min(len, offset);
		offset -= chunk;
		pos -= chunk;
		str -= chunk;
		len -= chunk;
		kaddr = get_arg_page(bprm, pos);
		if (!kaddr)
			return -ENOMEM;
		if (!from_user)
			memcpy(kaddr + offset, str, chunk);
		else if (copy_from_user(kaddr + offset, (const char __user *)str, chunk))
			return -EFAULT;
	}
	return 0;
}

/*
 * copy_strings - stage user strings argv[argc-1] ... argv[0], so argv[0]
 * ends up lowest. A string longer than MAX_ARG_STRLEN, or too many bytes
 * in all: -E2BIG; a bad pointer: -EFAULT.
 */
static int copy_strings(int argc, const char __user *const __user *argv,
			struct linux_binprm *bprm)
{
	while (argc-- > 0) {
		const char __user *str = get_user_arg_ptr(argv, argc);
		long len;
		int ret;

		if (IS_ERR(str))
			return -EFAULT;
		len = strnlen_user(str, MAX_ARG_STRLEN);
		if (!len)
			return -EFAULT;
		ret = copy_arg(bprm, (const char *)str, len, true);
		if (ret)
			return ret;
		cond_resched();
	}
	return 0;
}

/* copy_string_kernel - stage one kernel string. */
static int copy_string_kernel(const char *arg, struct linux_binprm *bprm)
{
	return copy_arg(bprm, arg, strnlen(arg, MAX_ARG_STRLEN) + 1, false);
}

static int copy_strings_kernel(int argc, const char *const *argv, struct linux_binprm *bprm)
{
	while (argc-- > 0) {
		int ret = copy_string_kernel(argv[argc], bprm);

		if (ret)
			return ret;
		cond_resched();
	}
	return 0;
}

/*
 * transfer_args_to_stack - copy the staged pages to [bprm->p, STACK_TOP)
 * of the now current mm, whose stack VMA covers that range.
 */
static int transfer_args_to_stack(struct linux_binprm *bprm)
{
	unsigned long stop = (STACK_TOP - 1 - bprm->p) >> PAGE_SHIFT;

	for (unsigned long index = 0; index <= stop; index++) {
		unsigned long start = STACK_TOP - (index + 1) * PAGE_SIZE;
		unsigned long offset = index == stop ? bprm->p - start : 0;
		char *src;

		if (!bprm->page[index])
			continue;	/* never written: zero, as a new stack page */
		src = page_address(bprm->page[index]);
		if (copy_to_user((void __user *)(start + offset), src + offset, PAGE_SIZE - offset))
			return -EFAULT;
	}
	return 0;
}

/* --- the point of no return --- */

/*
 * exec_mmap - make @mm current's address space and let go of the old one.
 *
 * A vfork() parent sleeping until we exec is released (mm_release()). A
 * process drops its old mm: mmput() tears it down if we were its last
 * user (a vfork child was not). A kernel thread becoming a process (init)
 * had no mm of its own, only the one it borrowed as active_mm, with a
 * reference the scheduler took: drop that.
 */
static void exec_mmap(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old_mm = tsk->mm, *active_mm;
	unsigned long flags;

	if (old_mm)
		mm_release(tsk, old_mm);
	local_irq_save(flags);
	active_mm = tsk->active_mm;
	tsk->active_mm = mm;
	tsk->mm = mm;
	switch_mm(active_mm, mm);
	local_irq_restore(flags);
	if (old_mm) {
		setmax_mm_hiwater_rss(&tsk->maxrss, old_mm);
		mmput(old_mm);
		return;
	}
	mmdrop(active_mm);
}

/* de_thread_done - are the other threads gone, but for a leader that must be a zombie? */
static bool de_thread_done(struct task_struct *tsk)
{
	struct task_struct *leader = tsk->group_leader;

	if (leader == tsk)
		return thread_group_empty(tsk);
	return tsk->signal->nr_threads == 2 && leader->exit_state == EXIT_ZOMBIE;
}

/*
 * de_thread - a thread of a process with others execs: the others are
 * killed and waited for; a thread that is not the leader then takes over
 * the leader's pid (the process id, which the parent knows) and its place
 * among the parent's children, and the old leader is released. Linux
 * also hands over the leader's CPU times; Pagoda keeps only its start.
 * Last, the signal actions become current's own (unshare_sighand).
 *
 * Return: 0, -EAGAIN if the process is already exiting (or another of
 * its threads exec'ing), -ENOMEM.
 */
static int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	struct task_struct *leader = tsk->group_leader;

	if (thread_group_empty(tsk))
		return unshare_sighand();
	if (signal_group_exit(sig))
		return -EAGAIN;
	sig->group_exec_task = tsk;
	zap_other_threads(tsk);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (de_thread_done(tsk))
			break;
		schedule();		/* __exit_signal() and exit_notify() wake us */
	}
	__set_current_state(TASK_RUNNING);
	sig->group_exec_task = NULL;
	if (leader != tsk) {
		exchange_tids(tsk, leader);
		tsk->start_time = leader->start_time;
		list_add(&tsk->sibling, &leader->sibling);	/* release_task() unlinks the leader */
		tsk->group_leader = tsk;
		leader->group_leader = tsk;
		tsk->exit_signal = leader->exit_signal;
		leader->exit_signal = -1;
		release_task(leader);
	}
	return unshare_sighand();
}

/**
 * begin_new_exec - the point of no return: from here on current runs the new program
 * @bprm: the exec, its file recognised and checked by a binary format
 *
 * Switches to the new (still empty) mm, closes the close-on-exec fds,
 * takes the file's name as comm and resets caught signals to SIG_DFL
 * (ignored ones stay ignored; the blocked mask and pending signals stay).
 * A kernel thread stops being one: it has user memory now.
 *
 * First the process sheds its other threads (de_thread()), which may
 * still fail and leave the old program running.
 *
 * Return: 0, or de_thread()'s error.
 */
int begin_new_exec(struct linux_binprm *bprm)
{
	struct task_struct *me = current;
	int retval;

	retval = de_thread(me);
	if (retval)
		return retval;
	retval = set_mm_exe_file(bprm->mm, bprm->file);
	if (retval)
		return retval;
	bprm->point_of_no_return = true;
	exec_mmap(bprm->mm);
	bprm->mm = NULL;
	me->flags &= ~PF_KTHREAD;
	do_close_on_exec(me->files);
	__set_task_comm(me, kbasename(bprm->filename));
	flush_signal_handlers(me, 0);
	cap_bprm_creds_from_file();
	return 0;
}

/**
 * setup_new_exec - what depends on the new mm being current: its layout
 * @bprm: the exec
 *
 * The top-down mmap base (below the stack gap) and the task size.
 */
void setup_new_exec(struct linux_binprm *bprm)
{
	struct mm_struct *mm = current->mm;

	arch_pick_mmap_layout(mm);
	mm->task_size = TASK_SIZE;
}

/**
 * setup_arg_pages - the [stack] VMA, with the strings in place
 * @bprm: the exec; bprm->p is the lowest string byte
 * @stack_top: where the stack ends (STACK_TOP)
 * @executable_stack: EXSTACK_*, from PT_GNU_STACK
 *
 * Like Linux, the stack starts as the pages the strings occupy plus 128 KiB
 * (stack_expand), within RLIMIT_STACK; faults below it grow it later.
 * VM_STACK_FLAGS has no VM_EXEC: on x86-64 a program without PT_GNU_STACK
 * gets a non-executable stack too.
 *
 * Return: 0, -ENOMEM, or -EFAULT if the strings could not be copied.
 */
int setup_arg_pages(struct linux_binprm *bprm, unsigned long stack_top, int executable_stack)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags = VM_STACK_FLAGS;
	unsigned long stack_expand = 131072UL;	/* 32 pages */
	unsigned long stack_size, rlim_stack;
	struct vm_area_struct *vma;
	int ret;

	if (executable_stack == EXSTACK_ENABLE_X)
		vm_flags |= VM_EXEC;
	else if (executable_stack == EXSTACK_DISABLE_X)
		vm_flags &= ~VM_EXEC;

	stack_size = stack_top - (bprm->p & PAGE_MASK);
	rlim_stack = rlimit(RLIMIT_STACK) & PAGE_MASK;
	stack_expand = max(stack_size, min(rlim_stack, stack_size + stack_expand));

	vma = vm_area_alloc(mm);
	if (!vma)
		return -ENOMEM;
	vma->vm_start = stack_top - stack_expand;
	vma->vm_end = stack_top;
	vma->vm_flags = vm_flags;
	vma->vm_page_prot = vm_get_page_prot(vm_flags);

	mmap_write_lock(mm);
	ret = insert_vm_struct(mm, vma);
	if (ret)
		vm_area_free(vma);
	else
		vm_stat_account(mm, vm_flags, vma_pages(vma));
	mmap_write_unlock(mm);
	if (ret)
		return ret;

	mm->start_stack = bprm->p;
	mm->arg_start = bprm->p;
	return transfer_args_to_stack(bprm);
}

/* --- running the formats --- */

/* prepare_binprm - the head of the file, zero-padded, for the formats to look at. */
static int prepare_binprm(struct linux_binprm *bprm)
{
	loff_t pos = 0;

	memset(bprm->buf, 0, BINPRM_BUF_SIZE);
	return kernel_read(bprm->file, bprm->buf, BINPRM_BUF_SIZE, &pos);
}

/*
 * search_binary_handler - offer the file to each format until one takes
 * it; -ENOEXEC if none recognises it.
 */
static int search_binary_handler(struct linux_binprm *bprm)
{
	struct linux_binfmt *fmt;
	int retval;

	retval = prepare_binprm(bprm);
	if (retval < 0)
		return retval;
	retval = -ENOEXEC;
	list_for_each_entry(fmt, &formats, lh) {
		retval = fmt->load_binary(bprm);
		if (bprm->point_of_no_return || retval != -ENOEXEC)
			return retval;
	}
	return retval;
}

/* bprm_execve - load and start the program; past the point of no return failure kills. */
static int bprm_execve(struct linux_binprm *bprm)
{
	int retval = search_binary_handler(bprm);

	if (retval < 0 && bprm->point_of_no_return)
		force_sig(SIGSEGV);
	return retval;
}

/**
 * do_execve - run a program in place of the current one
 * @filename: kernel copy of the path
 * @argv: user array of argument strings, NULL-terminated (NULL: none)
 * @envp: user array of environment strings, likewise
 *
 * Return: 0 with current set up to enter the new program, or -errno
 * (before the point of no return the old program goes on).
 */
int do_execve(const char *filename, const char __user *const __user *argv,
	      const char __user *const __user *envp)
{
	struct linux_binprm *bprm = alloc_bprm(filename);
	int retval;

	if (IS_ERR(bprm))
		return PTR_ERR(bprm);
	retval = count(argv, MAX_ARG_STRINGS);
	if (retval < 0)
		goto out_free;
	bprm->argc = retval;
	retval = count(envp, MAX_ARG_STRINGS);
	if (retval < 0)
		goto out_free;
	bprm->envc = retval;
	retval = bprm_stack_limits(bprm);
	if (retval < 0)
		goto out_free;
	retval = copy_string_kernel(bprm->filename, bprm);
	if (retval < 0)
		goto out_free;
	bprm->exec = bprm->p;
	retval = copy_strings(bprm->envc, envp, bprm);
	if (retval < 0)
		goto out_free;
	retval = copy_strings(bprm->argc, argv, bprm);
	if (retval < 0)
		goto out_free;
	/* An empty argv gets an empty argv[0], so argv[0] is never envp[0]. */
	if (bprm->argc == 0) {
		retval = copy_string_kernel("", bprm);
		if (retval < 0)
			goto out_free;
		bprm->argc = 1;
	}
	retval = bprm_execve(bprm);
out_free:
	free_bprm(bprm);
	return retval;
}

/**
 * kernel_execve - run a program from the kernel (init, PID 1)
 * @filename: the path
 * @argv: kernel array of arguments, NULL-terminated, at least argv[0]
 * @envp: kernel array of environment strings, NULL-terminated
 *
 * The caller is a kernel thread with no mm; on success it has one, and
 * returning from the thread function enters the program in user mode.
 *
 * Return: 0, or -errno.
 */
int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	struct linux_binprm *bprm = alloc_bprm(filename);
	int retval;

	if (IS_ERR(bprm))
		return PTR_ERR(bprm);
	retval = count_strings_kernel(argv);
	if (WARN_ON(retval == 0))
		retval = -EINVAL;
	if (retval < 0)
		goto out_free;
	bprm->argc = retval;
	retval = count_strings_kernel(envp);
	if (retval < 0)
		goto out_free;
	bprm->envc = retval;
	retval = bprm_stack_limits(bprm);
	if (retval < 0)
		goto out_free;
	retval = copy_string_kernel(bprm->filename, bprm);
	if (retval < 0)
		goto out_free;
	bprm->exec = bprm->p;
	retval = copy_strings_kernel(bprm->envc, envp, bprm);
	if (retval < 0)
		goto out_free;
	retval = copy_strings_kernel(bprm->argc, argv, bprm);
	if (retval < 0)
		goto out_free;
	retval = bprm_execve(bprm);
out_free:
	free_bprm(bprm);
	return retval;
}

SYSCALL_DEFINE3(execve, const char __user *, filename, const char __user *const __user *, argv,
		const char __user *const __user *, envp)
{
	char *name = getname(filename);
	int retval;

	if (IS_ERR(name))
		return PTR_ERR(name);
	retval = do_execve(name, argv, envp);
	putname(name);
	return retval;
}
