// SPDX-License-Identifier: GPL-2.0
/*
 * fork.c - creating tasks and address spaces. Mirrors kernel/fork.c.
 *
 * kernel_clone() -> copy_process() duplicates the current task: a new
 * task_struct and kernel stack (16 KiB from vmalloc, so a guard page
 * follows the stack below it), then per CLONE_* flag the open files, the
 * fs root/cwd and the address space are shared or copied. An address
 * space is copied by dup_mm() -> dup_mmap(): every VMA is duplicated,
 * chained to its parent's anon_vmas by anon_vma_fork() (mm/rmap.c), and
 * its page tables copied by copy_page_range() (mm/memory.c), which shares
 * the pages read-only for copy-on-write. No page is copied here.
 *
 * Threads: CLONE_VM shares the mm (one more mm_users), CLONE_FILES and
 * CLONE_FS the tables, CLONE_SIGHAND the refcounted sighand_struct of
 * signal actions, and CLONE_THREAD makes the new task a thread of the
 * caller's process: same tgid and group leader, on the process's
 * signal_struct thread list, its parent the process's parent, and no
 * exit signal of its own (the process's end is signalled once, for the
 * leader; see kernel/exit.c).
 *
 * mm_struct lifetime: mm_users counts tasks using the address space
 * (mmput() tears the mappings down when it drops to 0); mm_count counts
 * references to the structure (one for all the users together, one per
 * lazy kernel-thread borrower; mmdrop() frees it at 0).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/ptrace.h>
#include <linux/sched_task.h>
#include <linux/mm.h>
#include <linux/hugetlb.h>
#include <linux/rmap.h>
#include <linux/ksm.h>
#include <linux/mm_verify.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/pid.h>
#include <linux/fs.h>
#include <linux/file.h>
#include <linux/fdtable.h>
#include <linux/completion.h>
#include <linux/uaccess.h>
#include <linux/vmstat.h>
#include <linux/signal.h>
#include <linux/resource.h>
#include <linux/time.h>
#include <linux/futex.h>
#include <asm/process.h>
#include <asm/stacktrace.h>

extern char init_stack[];

static struct sighand_struct init_sighand = { .count = ATOMIC_INIT(1) };
static struct signal_struct init_signals = {
	.sigcnt = ATOMIC_INIT(1),
	.live = ATOMIC_INIT(1),
	.nr_threads = 1,
	.thread_head = LIST_HEAD_INIT(init_task.thread_node),
	.shared_pending = { .list = LIST_HEAD_INIT(init_signals.shared_pending.list) },
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_signals.wait_chldexit),
	.real_timer = LIST_HEAD_INIT(init_signals.real_timer),
};

struct task_struct init_task = {
	.pid = 0,
	.comm = "swapper",
	.stack = init_stack,
	.flags = PF_KTHREAD,
	.static_prio = DEFAULT_PRIO,
	.usage = ATOMIC_INIT(2),
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.timer_list = LIST_HEAD_INIT(init_task.timer_list),
	.pid_chain = LIST_HEAD_INIT(init_task.pid_chain),
	.pending = { .list = LIST_HEAD_INIT(init_task.pending.list) },
	.group_leader = &init_task,
	.thread_node = LIST_HEAD_INIT(init_signals.thread_head),
	.signal = &init_signals,
	.sighand = &init_sighand,
	.exit_signal = SIGCHLD,
	.rlim = INIT_RLIMITS,
	.cred = INIT_CRED,
	.timer_slack_ns = 50000,	/* 50 us, as in Linux */
};

LIST_HEAD(task_list);			/* every task but the idle task */
LIST_HEAD(mm_list);			/* every user mm */
unsigned long total_forks;
struct task_struct *child_reaper = &init_task;

static struct kmem_cache *task_struct_cachep;
static struct kmem_cache *mm_cachep;
static struct kmem_cache *sighand_cachep;
static struct kmem_cache *signal_cachep;

/* task_stack_info - is @addr on @tsk's kernel stack? (for backtraces) */
bool task_stack_info(struct task_struct *tsk, unsigned long addr, struct stack_info *info)
{
	unsigned long begin = (unsigned long)tsk->stack;

	if (tsk == &init_task || addr < begin || addr >= begin + THREAD_SIZE)
		return false;
	info->name = "task";
	info->begin = begin;
	info->end = begin + THREAD_SIZE;
	return true;
}

/* kernel_stack_guard_hit - is @addr in the guard page below current's stack? */
bool kernel_stack_guard_hit(unsigned long addr)
{
	unsigned long begin = (unsigned long)current->stack;

	return current != &init_task && addr < begin && addr >= begin - PAGE_SIZE;
}

void get_task_struct(struct task_struct *t)
{
	atomic_inc(&t->usage);
}

/* put_signal_struct - a task_struct lets go of its process's signal_struct. */
static void put_signal_struct(struct signal_struct *sig)
{
	if (atomic_dec_and_test(&sig->sigcnt))
		kmem_cache_free(signal_cachep, sig);
}

/* put_task_struct - drop a reference; the last one frees the task. */
void put_task_struct(struct task_struct *t)
{
	if (!atomic_dec_and_test(&t->usage))
		return;
	if (t->signal)
		put_signal_struct(t->signal);
	exit_creds(t);
	vfree(t->stack);
	mod_node_page_state(&contig_page_data, NR_KERNEL_STACK_KB, -(long)(THREAD_SIZE / 1024));
	kmem_cache_free(task_struct_cachep, t);
}

void __set_task_comm(struct task_struct *tsk, const char *name)
{
	strscpy(tsk->comm, name, sizeof(tsk->comm));
}

/* --- address spaces --- */

static struct mm_struct *mm_init(struct mm_struct *mm)
{
	/* Bits a new mm inherits from current's, whether by fork or exec. */
	mm->flags = current->mm ? mmf_init_flags(current->mm->flags) : 0;
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	atomic_long_set(&mm->pgtables_bytes, 0);
	for (int i = 0; i < NR_MM_COUNTERS; i++)
		atomic_long_set(&mm->rss_stat[i], 0);
	atomic_long_set(&mm->hugetlb_usage, 0);	/* hugetlb_count_init() */
	init_rwsem(&mm->mmap_lock);
	spin_lock_init(&mm->page_table_lock);
	mm->task_size = TASK_SIZE;
	clear_bit(MMF_HAS_PINNED, &mm->flags);	/* Linux: not in MMF_INIT_MASK */
	mm->pgd = pgd_alloc(mm);
	if (!mm->pgd) {
		kmem_cache_free(mm_cachep, mm);
		return NULL;
	}
	list_add_tail(&mm->mmlist, &mm_list);
	return mm;
}

/**
 * set_mm_exe_file - @new_exe_file is the program @mm runs (/proc/PID/exe)
 * @mm: the address space
 * @new_exe_file: the executable, or NULL when @mm is torn down
 *
 * While an mm runs it, the file cannot be opened for writing (-ETXTBSY):
 * the mm holds a reference and a deny_write_access().
 * Return: 0, or -EACCES if the file is open for writing.
 */
int set_mm_exe_file(struct mm_struct *mm, struct file *new_exe_file)
{
	struct file *old_exe_file = mm->exe_file;

	if (new_exe_file) {
		if (deny_write_access(new_exe_file))
			return -EACCES;
		get_file(new_exe_file);
	}
	mm->exe_file = new_exe_file;
	if (old_exe_file) {
		allow_write_access(old_exe_file);
		fput(old_exe_file);
	}
	return 0;
}

/* mm_alloc - a new, empty address space (exec). */
struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmem_cache_zalloc(mm_cachep, GFP_KERNEL);

	return mm ? mm_init(mm) : NULL;
}

/* __mmdrop - the last reference to the structure: free the PGD and it. */
void __mmdrop(struct mm_struct *mm)
{
	BUG_ON(mm == &init_mm);
	WARN_ON(atomic_long_read(&mm->pgtables_bytes));
	pgd_free(mm, mm->pgd);
	kmem_cache_free(mm_cachep, mm);
}

/**
 * mmput - a task stops using @mm
 * @mm: the address space
 *
 * The last user unmaps everything (exit_mmap) and drops the users'
 * reference to the structure.
 */
void mmput(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->mm_users))
		return;
	ksm_exit(mm);
	exit_mmap(mm);
	set_mm_exe_file(mm, NULL);
	list_del(&mm->mmlist);
	mmdrop(mm);
}

/**
 * get_task_mm - @task's address space with a user reference (mmput() it)
 * @task: the task
 *
 * NULL for a kernel thread, or when the mm is already being torn down.
 * Linux holds task_lock() against exit_mm(); with one CPU and no kernel
 * preemption, disabling preemption does the same.
 */
struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;

	preempt_disable();
	mm = task->mm;
	if (mm && ((task->flags & PF_KTHREAD) || !mmget_not_zero(mm)))
		mm = NULL;
	preempt_enable();
	return mm;
}

/**
 * mm_access - @task's mm, with a reference, if current may access it in
 * @mode (ptrace_may_access(); one's own mm always); NULL for a task
 * without one, ERR_PTR(-EACCES) when access is refused.
 */
struct mm_struct *mm_access(struct task_struct *task, unsigned int mode)
{
	struct mm_struct *mm = get_task_mm(task);

	if (mm && mm != current->mm && !ptrace_may_access(task, mode)) {
		mmput(mm);
		mm = ERR_PTR(-EACCES);
	}
	return mm;
}

/**
 * dup_mmap - copy the VMAs and page tables of @oldmm into @mm
 * @mm: the child's new address space (its fields copied from @oldmm)
 * @oldmm: the parent's
 *
 * The parent's VMAs are walked with the VMA iterator and each copy is
 * linked into the child's list and tree (vma_iter_bulk_store()); a file
 * VMA joins its file's i_mmap tree too. Shared mappings have no anon_vma,
 * so copy_page_range() copies none of their PTEs: the child refaults them
 * from the page cache, as in Linux. A VM_DONTCOPY (MADV_DONTFORK) VMA is
 * left out, a VM_WIPEONFORK one keeps no pages (its anonymous memory reads
 * as zeroes in the child). The child's private writable memory is charged
 * to the commit like the parent's (VM_ACCOUNT: mm/util.c); a linked VMA's
 * charge goes back with it at exit_mmap() if the fork fails later. The
 * parent's PTEs that copy_page_range() write-protected are flushed from
 * its TLB once, at the end, for all its VMAs (flush_tlb_mm()).
 */
static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *mpnt, *tmp;
	unsigned long charge;
	int retval = 0;
	VMA_ITERATOR(vmi, mm, 0);
	VMA_ITERATOR(old_vmi, oldmm, 0);

	mmap_write_lock(oldmm);
	ksm_fork(mm, oldmm);
	mm->mmap = NULL;
	mm->mm_rb = RB_ROOT;
	mm->map_count = 0;
	for_each_vma(old_vmi, mpnt) {
		if (mpnt->vm_flags & VM_DONTCOPY) {
			vm_stat_account(mm, mpnt->vm_flags, -vma_pages(mpnt));
			continue;
		}
		retval = -ENOMEM;
		charge = 0;
		if (mpnt->vm_flags & VM_ACCOUNT) {
			charge = vma_pages(mpnt);
			if (security_vm_enough_memory_mm(oldmm, charge))
				break;
		}
		tmp = vm_area_dup(mpnt);
		if (!tmp) {
			vm_unacct_memory(charge);
			break;
		}
		tmp->vm_mm = mm;
		tmp->vm_flags &= ~VM_LOCKED_MASK;	/* mlocks are not inherited */
		if (is_vm_hugetlb_page(tmp))
			hugetlb_dup_vma_private(tmp);
		if (tmp->vm_flags & VM_WIPEONFORK) {
			tmp->anon_vma = NULL;	/* the child faults in fresh pages */
		} else if (anon_vma_fork(tmp, mpnt)) {
			vm_area_free(tmp);
			vm_unacct_memory(charge);
			break;
		}
		if (tmp->vm_file) {
			struct address_space *mapping = file_mapping(tmp->vm_file);

			/* The file's rmap must find the child's VMA too. */
			get_file(tmp->vm_file);
			i_mmap_lock_write(mapping);
			vma_interval_tree_insert(tmp, &mapping->i_mmap);
			i_mmap_unlock_write(mapping);
		}

		vma_iter_bulk_store(&vmi, tmp);
		mm->map_count++;

		retval = 0;
		if (!(tmp->vm_flags & VM_WIPEONFORK))
			retval = copy_page_range(tmp, mpnt);
		if (retval)
			break;
	}
	flush_tlb_mm(oldmm);
	mmap_write_unlock(oldmm);
	return retval;
}

/**
 * dup_mm - a copy of @oldmm for a fork child
 * @oldmm: the parent's address space
 *
 * The child's mm shares every anonymous page copy-on-write (dup_mmap()).
 * NULL when memory runs out. The ktests fork hand-built mms with it too.
 */
struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = kmem_cache_alloc(mm_cachep, GFP_KERNEL);

	if (!mm)
		return NULL;
	*mm = *oldmm;
	mm->locked_vm = 0;	/* nor is mlockall() */
	mm->def_flags = 0;
	if (!mm_init(mm))
		return NULL;
	mm->exe_file = NULL;		/* the copy holds no reference yet */
	set_mm_exe_file(mm, oldmm->exe_file);
	if (dup_mmap(mm, oldmm)) {
		mmput(mm);		/* undoes whatever was copied */
		return NULL;
	}
	mm->hiwater_rss = get_mm_rss(mm);
	mm->hiwater_vm = mm->total_vm;
	return mm;
}

static int copy_mm(unsigned long clone_flags, struct task_struct *tsk)
{
	struct mm_struct *oldmm = current->mm;

	tsk->mm = NULL;
	tsk->active_mm = NULL;
	if (!oldmm)			/* a kernel thread */
		return 0;
	if (clone_flags & CLONE_VM) {
		mmget(oldmm);
		tsk->mm = oldmm;
	} else {
		tsk->mm = dup_mm(oldmm);
		if (!tsk->mm)
			return -ENOMEM;
	}
	tsk->active_mm = tsk->mm;
	return 0;
}

/**
 * mm_release - @tsk is done with @mm (exit or exec)
 * @tsk: the task
 * @mm: the address space it leaves
 *
 * Clears the CLONE_CHILD_CLEARTID word and wakes a futex waiter on it
 * (how a thread library learns a thread died) and releases a vfork() parent waiting for this child.
 */
void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	if (tsk->clear_child_tid) {
		/* Nobody else can see the word if the mm dies with us. */
		if (atomic_read(&mm->mm_users) > 1 && !put_user(0, tsk->clear_child_tid))
			futex_wake((u32 __user *)tsk->clear_child_tid, FLAGS_SHARED, 1,
				   FUTEX_BITSET_MATCH_ANY);
		tsk->clear_child_tid = NULL;
	}
	if (tsk->vfork_done) {
		complete(tsk->vfork_done);
		tsk->vfork_done = NULL;
	}
}

/* --- signal actions and the thread group --- */

/* copy_sighand - share the caller's signal actions (CLONE_SIGHAND) or copy them. */
static int copy_sighand(unsigned long clone_flags, struct task_struct *tsk)
{
	struct sighand_struct *sig;

	if (clone_flags & CLONE_SIGHAND) {
		atomic_inc(&current->sighand->count);
		tsk->sighand = current->sighand;
		return 0;
	}
	sig = kmem_cache_alloc(sighand_cachep, GFP_KERNEL);
	tsk->sighand = sig;
	if (!sig)
		return -ENOMEM;
	atomic_set(&sig->count, 1);
	memcpy(sig->action, current->sighand->action, sizeof(sig->action));
	return 0;
}

/* __cleanup_sighand - a task stops using @sighand; the last one frees it. */
void __cleanup_sighand(struct sighand_struct *sighand)
{
	if (atomic_dec_and_test(&sighand->count))
		kmem_cache_free(sighand_cachep, sighand);
}

/**
 * unshare_sighand - execve(): current gets signal actions of its own
 *
 * A task that shares them with another process (CLONE_SIGHAND without
 * CLONE_THREAD) must not reset that one's handlers.
 *
 * Return: 0 or -ENOMEM.
 */
int unshare_sighand(void)
{
	struct sighand_struct *oldsighand = current->sighand;
	int ret;

	if (atomic_read(&oldsighand->count) == 1)
		return 0;
	ret = copy_sighand(0, current);
	if (ret) {
		current->sighand = oldsighand;
		return ret;
	}
	__cleanup_sighand(oldsighand);
	return 0;
}

/* copy_signal - a new process gets a new signal_struct; a new thread joins its process's. */
static int copy_signal(unsigned long clone_flags, struct task_struct *tsk)
{
	struct signal_struct *sig;

	if (clone_flags & CLONE_THREAD) {
		atomic_inc(&current->signal->sigcnt);
		tsk->signal = current->signal;
		return 0;
	}
	sig = kmem_cache_zalloc(signal_cachep, GFP_KERNEL);
	tsk->signal = sig;
	if (!sig)
		return -ENOMEM;
	atomic_set(&sig->sigcnt, 1);
	sig->oom_score_adj = current->signal->oom_score_adj;
	INIT_LIST_HEAD(&sig->thread_head);
	init_sigpending(&sig->shared_pending);
	init_waitqueue_head(&sig->wait_chldexit);
	INIT_LIST_HEAD(&sig->real_timer);
	return 0;
}

/* --- tasks --- */

static struct task_struct *dup_task_struct(struct task_struct *orig)
{
	struct task_struct *tsk = kmem_cache_alloc(task_struct_cachep, GFP_KERNEL);
	void *stack;

	if (!tsk)
		return NULL;
	stack = vmalloc(THREAD_SIZE);
	if (!stack) {
		kmem_cache_free(task_struct_cachep, tsk);
		return NULL;
	}
	*tsk = *orig;
	tsk->stack = stack;
	copy_creds(tsk);
	atomic_set(&tsk->usage, 2);	/* one for the scheduler, one for the reaper */
	mod_node_page_state(&contig_page_data, NR_KERNEL_STACK_KB, THREAD_SIZE / 1024);
	return tsk;
}

static void init_task_lists(struct task_struct *p)
{
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->timer_list);
	INIT_LIST_HEAD(&p->pid_chain);
	INIT_LIST_HEAD(&p->thread_node);
}

/**
 * copy_process - create a new task as a copy of current
 * @args: clone flags, exit signal, stack, TLS, tid pointers, or a kernel
 *        thread's function
 *
 * Return: the new task, not yet runnable, or an ERR_PTR.
 */
static struct task_struct *copy_process(struct kernel_clone_args *args)
{
	unsigned long clone_flags = args->flags;
	struct task_struct *p;
	int retval;

	/* Threads share signal actions, and shared actions need a shared mm. */
	if ((clone_flags & CLONE_THREAD) && !(clone_flags & CLONE_SIGHAND))
		return ERR_PTR(-EINVAL);
	if ((clone_flags & CLONE_SIGHAND) && !(clone_flags & CLONE_VM))
		return ERR_PTR(-EINVAL);
	p = dup_task_struct(current);
	if (!p)
		return ERR_PTR(-ENOMEM);
	p->signal = NULL;		/* until copy_signal(): put_task_struct() tests it */
	init_task_lists(p);
	p->flags &= ~(PF_IDLE | PF_EXITING);
	if (args->fn)
		p->flags |= PF_KTHREAD;
	p->__state = TASK_UNINTERRUPTIBLE;	/* until wake_up_new_task() */
	p->exit_state = 0;
	p->exit_code = 0;
	p->exit_signal = args->exit_signal;
	p->utime = p->stime = 0;
	p->nvcsw = p->nivcsw = 0;
	p->min_flt = p->maj_flt = 0;
	p->pdeath_signal = 0;
	p->signal_flags = 0;
	p->jobctl = 0;
	p->maxrss = 0;
	p->start_time = ktime_get_ns();
	p->vfork_done = NULL;
	p->kthread_should_stop = false;
	p->kthread_exited = NULL;
	init_sigpending(&p->pending);
	p->restore_sigmask = false;
	p->default_timer_slack_ns = current->timer_slack_ns;
	p->set_child_tid = (clone_flags & CLONE_CHILD_SETTID) ? args->child_tid : NULL;
	p->clear_child_tid = (clone_flags & CLONE_CHILD_CLEARTID) ? args->child_tid : NULL;
	if ((clone_flags & (CLONE_VM | CLONE_VFORK)) == CLONE_VM)
		p->sas_ss_sp = p->sas_ss_size = 0;	/* a thread's own stack: no altstack */

	retval = copy_signal(clone_flags, p);
	if (retval)
		goto bad_free;
	retval = copy_sighand(clone_flags, p);
	if (retval)
		goto bad_free;
	retval = copy_files(clone_flags, p);
	if (retval)
		goto bad_sighand;
	retval = copy_fs(clone_flags, p);
	if (retval)
		goto bad_files;
	retval = copy_mm(clone_flags, p);
	if (retval)
		goto bad_fs;
	copy_thread(p, args->fn, args->fn_arg, args->stack);
	if (clone_flags & CLONE_SETTLS)
		p->thread.fsbase = args->tls;
	retval = -EINTR;		/* no new thread for a dying process */
	if ((clone_flags & CLONE_THREAD) && signal_group_exit(current->signal))
		goto bad_mm;
	retval = alloc_pid(p);
	if (retval < 0)
		goto bad_mm;

	if (clone_flags & CLONE_THREAD) {
		p->exit_signal = -1;
		p->group_leader = current->group_leader;
		p->tgid = current->tgid;
		p->real_parent = current->real_parent;
	} else {
		p->group_leader = p;
		p->tgid = p->pid;
		p->real_parent = (clone_flags & CLONE_PARENT) ? current->real_parent : current;
		list_add_tail(&p->sibling, &p->real_parent->children);
	}
	if (is_global_init(p))
		p->signal_flags |= SIGNAL_UNKILLABLE;
	list_add_tail(&p->thread_node, &p->signal->thread_head);
	p->signal->nr_threads++;
	atomic_inc(&p->signal->live);
	list_add_tail(&p->tasks, &task_list);
	total_forks++;
	return p;

bad_mm:
	if (p->mm)
		mmput(p->mm);
bad_fs:
	exit_fs(p);
bad_files:
	exit_files(p);
bad_sighand:
	__cleanup_sighand(p->sighand);
bad_free:
	atomic_set(&p->usage, 1);
	put_task_struct(p);
	return ERR_PTR(retval);
}

/**
 * kernel_clone - fork, vfork, clone and kernel_thread all end here
 * @args: what to share and how to start
 *
 * Return: the child's PID in the parent, or -errno.
 */
pid_t kernel_clone(struct kernel_clone_args *args)
{
	struct completion vfork;
	struct task_struct *p;
	pid_t nr;

	p = copy_process(args);
	if (IS_ERR(p))
		return PTR_ERR(p);
	nr = p->pid;
	if (args->flags & CLONE_PARENT_SETTID)
		put_user(nr, args->parent_tid);
	if (args->flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
		get_task_struct(p);
	}
	wake_up_new_task(p);
	if (mm_verify_enabled && p->mm)
		mm_verify();
	if (args->flags & CLONE_VFORK) {
		wait_for_completion(&vfork);	/* the child exec'd or exited */
		put_task_struct(p);
	}
	return nr;
}

/* kernel_thread - start a kernel thread running @fn(@arg). */
pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VM,
		.exit_signal = SIGCHLD,
		.fn = fn,
		.fn_arg = arg,
	};
	pid_t pid = kernel_clone(&args);
	struct task_struct *p = find_task_by_pid(pid);

	if (p)
		__set_task_comm(p, name);
	return pid;
}

SYSCALL_DEFINE0(fork)
{
	struct kernel_clone_args args = { .exit_signal = SIGCHLD };

	return kernel_clone(&args);
}

/* vfork - the child borrows the parent's mm; the parent sleeps until exec or exit. */
SYSCALL_DEFINE0(vfork)
{
	struct kernel_clone_args args = {
		.flags = CLONE_VFORK | CLONE_VM,
		.exit_signal = SIGCHLD,
	};

	return kernel_clone(&args);
}

SYSCALL_DEFINE5(clone, unsigned long, clone_flags, unsigned long, newsp,
		int __user *, parent_tidptr, int __user *, child_tidptr, unsigned long, tls)
{
	struct kernel_clone_args args = {
		.flags = clone_flags & ~CSIGNAL,
		.exit_signal = clone_flags & CSIGNAL,
		.stack = newsp,
		.tls = tls,
		.parent_tid = parent_tidptr,
		.child_tid = child_tidptr,
	};

	if (args.exit_signal >= _NSIG)
		return -EINVAL;
	return kernel_clone(&args);
}

SYSCALL_DEFINE1(set_tid_address, int __user *, tidptr)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

/*
 * set_max_threads - Linux's thread limit: at most 1/8 of RAM in kernel
 * stacks. Half of it is every process's RLIMIT_NPROC and RLIMIT_SIGPENDING
 * (reported; Pagoda does not enforce them).
 */
static void set_max_threads(void)
{
	unsigned long max_threads = clamp(totalram_pages * PAGE_SIZE / (8 * THREAD_SIZE),
					  20UL, 0x3fffffffUL);

	init_task.rlim[RLIMIT_NPROC].rlim_cur = max_threads / 2;
	init_task.rlim[RLIMIT_NPROC].rlim_max = max_threads / 2;
	init_task.rlim[RLIMIT_SIGPENDING] = init_task.rlim[RLIMIT_NPROC];
}

/* fork_init - the caches of task_structs and mm_structs, the thread limits. */
void fork_init(void)
{
	set_max_threads();
	task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					       16, SLAB_PANIC, NULL);
	mm_cachep = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0,
				      SLAB_PANIC, NULL);
	sighand_cachep = kmem_cache_create("sighand_cache", sizeof(struct sighand_struct), 0,
					   SLAB_PANIC, NULL);
	signal_cachep = kmem_cache_create("signal_cache", sizeof(struct signal_struct), 0,
					  SLAB_PANIC, NULL);
}
