// SPDX-License-Identifier: GPL-2.0
/*
 * vm_sysctl.c - the memory-management tunables in /proc/sys/vm. Mirrors
 * the vm_table of Linux's kernel/sysctl.c with its handlers from
 * mm/util.c (overcommit) and fs/drop_caches.c.
 *
 *   mmap_min_addr      lowest address mmap() may map (mm/mmap.c)
 *   overcommit_memory  0 heuristic, 1 always, 2 never (strict accounting)
 *   overcommit_ratio   % of RAM that strict accounting allows ...
 *   overcommit_kbytes  ... or this many kB instead (setting one zeroes the other)
 *   user_reserve_kbytes, admin_reserve_kbytes  what strict accounting keeps
 *                      back (mm/util.c)
 *   drop_caches        write 1 (page cache), 2 (slab), 3 (both); 4 only
 *                      silences the message
 *
 * The overcommit settings drive __vm_enough_memory() (mm/util.c). The only page cache is ramfs's and
 * tmpfs's, whose pages are the files themselves and are never dropped (as
 * in Linux, where ramfs pages are not reclaimable either, and tmpfs ones
 * only go to swap): drop_caches' 1 frees nothing,
 * its 2 gives the slab caches' empty slabs back to the buddy allocator.
 * min_free_kbytes recomputes every zone's watermarks when written.
 */
#include <linux/mm.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <linux/bug.h>
#include "internal.h"

int sysctl_overcommit_memory = OVERCOMMIT_GUESS;
int sysctl_overcommit_ratio = 50;
unsigned long sysctl_overcommit_kbytes;

static int sysctl_drop_caches;

static int zero;
static int one = 1;
static int two = 2;
static int four = 4;

/* min_free_kbytes_sysctl_handler - new reserve: new min/low/high watermarks. */
static int min_free_kbytes_sysctl_handler(const struct ctl_table *table, int write, char *buf,
					  size_t *lenp)
{
	int ret = proc_dointvec_minmax(table, write, buf, lenp);

	if (write && !ret)
		setup_per_zone_wmarks();
	return ret;
}

/* overcommit_ratio_handler - a ratio replaces a kbytes limit. */
static int overcommit_ratio_handler(const struct ctl_table *table, int write, char *buf,
				    size_t *lenp)
{
	int ret = proc_dointvec(table, write, buf, lenp);

	if (write && !ret)
		sysctl_overcommit_kbytes = 0;
	return ret;
}

/* overcommit_kbytes_handler - a kbytes limit replaces the ratio. */
static int overcommit_kbytes_handler(const struct ctl_table *table, int write, char *buf,
				     size_t *lenp)
{
	int ret = proc_doulongvec_minmax(table, write, buf, lenp);

	if (write && !ret)
		sysctl_overcommit_ratio = 0;
	return ret;
}

/*
 * drop_caches_sysctl_handler - drop what can be rebuilt: clean page cache
 * (none here: see above) and free slabs. Linux logs each request until one
 * with bit 4 asks it to stop.
 */
static int drop_caches_sysctl_handler(const struct ctl_table *table, int write, char *buf,
				      size_t *lenp)
{
	static bool stfu;
	int ret = proc_dointvec_minmax(table, write, buf, lenp);

	if (!write || ret)
		return ret;
	if (sysctl_drop_caches & 2)
		kmem_cache_shrink_all();
	if (!stfu)
		pr_info("%s (%d): drop_caches: %d\n", current->comm, current->pid,
			sysctl_drop_caches);
	stfu |= sysctl_drop_caches & 4;
	return 0;
}

static struct ctl_table vm_table[] = {
	{
		.procname	= "overcommit_memory",
		.data		= &sysctl_overcommit_memory,
		.maxlen		= sizeof(sysctl_overcommit_memory),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &zero,
		.extra2		= &two,
	},
	{
		.procname	= "overcommit_ratio",
		.data		= &sysctl_overcommit_ratio,
		.maxlen		= sizeof(sysctl_overcommit_ratio),
		.mode		= 0644,
		.proc_handler	= overcommit_ratio_handler,
	},
	{
		.procname	= "overcommit_kbytes",
		.data		= &sysctl_overcommit_kbytes,
		.maxlen		= sizeof(sysctl_overcommit_kbytes),
		.mode		= 0644,
		.proc_handler	= overcommit_kbytes_handler,
	},
	{
		.procname	= "user_reserve_kbytes",
		.data		= &sysctl_user_reserve_kbytes,
		.maxlen		= sizeof(sysctl_user_reserve_kbytes),
		.mode		= 0644,
		.proc_handler	= proc_doulongvec_minmax,
	},
	{
		.procname	= "admin_reserve_kbytes",
		.data		= &sysctl_admin_reserve_kbytes,
		.maxlen		= sizeof(sysctl_admin_reserve_kbytes),
		.mode		= 0644,
		.proc_handler	= proc_doulongvec_minmax,
	},
	{
		.procname	= "drop_caches",
		.data		= &sysctl_drop_caches,
		.maxlen		= sizeof(int),
		.mode		= 0200,
		.proc_handler	= drop_caches_sysctl_handler,
		.extra1		= &one,
		.extra2		= &four,
	},
	{
		.procname	= "min_free_kbytes",
		.data		= &min_free_kbytes,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= min_free_kbytes_sysctl_handler,
		.extra1		= &zero,
	},
	{
		.procname	= "mmap_min_addr",
		.data		= &mmap_min_addr,
		.maxlen		= sizeof(unsigned long),
		.mode		= 0644,
		.proc_handler	= proc_doulongvec_minmax,
	},
};

static int __init vm_sysctl_init(void)
{
	BUG_ON(register_sysctl("vm", vm_table, ARRAY_SIZE(vm_table)));
	return 0;
}
fs_initcall(vm_sysctl_init);
