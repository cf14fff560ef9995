/* SPDX-License-Identifier: GPL-2.0 */
/*
 * init.h - kernel command-line parameters registered with __setup() and
 * early_param(). Mirrors include/linux/init.h (without discarding init code:
 * Pagoda keeps everything so that GDB can always find it).
 *
 *   static int __init set_quiet(char *arg) { ...; return 1; }
 *   early_param("quiet", set_quiet);
 *
 * early_param handlers run in parse_early_param() before memory is set up;
 * __setup handlers run later from start_kernel(). A handler receives the
 * text after "name=" (or "" for a bare word).
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

#define __init
#define __initdata

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *arg);
	int early;
};

#define __setup_param(str, unique_id, fn, early)			\
	static const struct obs_kernel_param __setup_##unique_id	\
		__used __section(".init.setup") __aligned(8) = { str, fn, early }

#define __setup(str, fn) __setup_param(str, fn, fn, 0)
#define early_param(str, fn) __setup_param(str, fn, fn, 1)

/*
 * Initcalls: functions run once, in level order, by kernel_init() before
 * /init starts -- subsystems register their /proc and /sys files, start
 * their kernel threads... from their own files:
 *
 *   static int __init ksm_init(void) { ... return 0; }
 *   subsys_initcall(ksm_init);
 */
typedef int (*initcall_t)(void);

#define __define_initcall(fn, level)					\
	static const initcall_t __initcall_##fn##level			\
		__used __section(".initcall" #level ".init") __aligned(8) = fn

#define core_initcall(fn)	__define_initcall(fn, 1)
#define postcore_initcall(fn)	__define_initcall(fn, 2)
#define arch_initcall(fn)	__define_initcall(fn, 3)
#define subsys_initcall(fn)	__define_initcall(fn, 4)
#define fs_initcall(fn)		__define_initcall(fn, 5)
#define device_initcall(fn)	__define_initcall(fn, 6)
#define late_initcall(fn)	__define_initcall(fn, 7)

void do_initcalls(void);

extern char boot_command_line[];

void parse_early_param(void);
void parse_args(void);
const char *const *init_argv(int *argc);
const char *const *init_envp(void);

#endif /* _LINUX_INIT_H */
