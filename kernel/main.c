// SPDX-License-Identifier: GPL-2.0
/*
 * main.c - start_kernel(): the architecture-independent boot sequence.
 * Mirrors init/main.c.
 */
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/init.h>
#include <linux/profile.h>
#include <linux/ktest.h>
#include <linux/panic.h>
#include <linux/multiboot2.h>
#include <linux/start_kernel.h>
#include <linux/mm.h>
#include <linux/proc_views.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/sched_task.h>
#include <linux/kthread.h>
#include <linux/rmap.h>
#include <linux/fs.h>
#include <linux/binfmts.h>
#include <asm/process.h>
#include <asm/cpufeature.h>
#include <asm/irq.h>
#include <linux/futex.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/serial.h>

const char linux_banner[] =
	"Pagoda version " PAGODA_VERSION " (gcc version " __VERSION__ ") #1 " __DATE__ " " __TIME__ "\n";

static char *execute_command;		/* init= */
static char *ramdisk_execute_command = "/init";	/* rdinit= */

static int __init init_setup(char *str)
{
	execute_command = str;
	return 1;
}
__setup("init=", init_setup);

static int __init rdinit_setup(char *str)
{
	ramdisk_execute_command = str;
	return 1;
}
__setup("rdinit=", rdinit_setup);

/* do_initcalls - run the *_initcall() functions, level by level. */
void do_initcalls(void)
{
	extern const initcall_t __initcall_start[], __initcall_end[];

	for (const initcall_t *fn = __initcall_start; fn < __initcall_end; fn++) {
		int ret = (*fn)();

		if (ret)
			pr_warn("initcall %pS returned %d\n", *fn, ret);
	}
}

/* run_init_process - exec @init_filename as PID 1; returns only on failure. */
static int run_init_process(const char *init_filename)
{
	int argc;
	const char **argv = (const char **)init_argv(&argc);

	argv[0] = init_filename;
	pr_info("Run %s as init process\n", init_filename);
	return kernel_execve(init_filename, argv, init_envp());
}

/**
 * kernel_init - PID 1 before it becomes the user's init
 *
 * Finishes booting in process context (initcalls, the root file system
 * from the initramfs, the console as fds 0-2), runs the selected ktests
 * (then powers off), or execs init: init= if given, else /init of the
 * initramfs. Returning to ret_from_fork_asm enters user mode.
 */
static int kernel_init(void *unused)
{
	int ret;

	do_initcalls();
	populate_rootfs();
	console_on_rootfs();
	proc_show_at_boot();
	if (ktest_selected())
		machine_power_off(ktest_run_selected() ? 1 : 0);

	if (execute_command) {
		ret = run_init_process(execute_command);
		if (!ret)
			return 0;
		panic("Requested init %s failed (error %d).", execute_command, ret);
	}
	ret = run_init_process(ramdisk_execute_command);
	if (!ret)
		return 0;
	pr_err("Failed to execute %s (error %d)\n", ramdisk_execute_command, ret);
	panic("No working init found.  Try passing init= option to kernel.");
}

/* rest_init - start init (PID 1) and kthreadd (PID 2); become the idle task. */
static __noreturn void rest_init(void)
{
	kernel_thread(kernel_init, NULL, "init");
	child_reaper = find_task_by_pid(1);
	kthreadd_start();
	schedule_idle();
}

void start_kernel(unsigned long mbi_phys)
{
	parse_multiboot2(mbi_phys);
	parse_early_param();
	printk(KERN_NOTICE "%s", linux_banner);
	pr_notice("Command line: %s\n", boot_command_line);
	pr_info("Boot loader: %s\n", boot_loader_name);
	cpu_init_features();
	setup_arch();
	parse_args();
	sched_init();
	mm_core_init();
	fork_init();
	signals_init();
	futex_init();
	anon_vma_init();
	vfs_caches_init();
	init_IRQ();
	time_init();
	profile_init();
	syscall_init();
	serial_enable_rx_irq();
	local_irq_enable();
	rest_init();
}
