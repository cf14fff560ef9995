// SPDX-License-Identifier: GPL-2.0
/*
 * utsname_sysctl.c - the uname() strings under /proc/sys/kernel: ostype,
 * osrelease and version (read-only), hostname and domainname (a write is
 * sethostname()/setdomainname()). Mirrors kernel/utsname_sysctl.c.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/sysctl.h>
#include <linux/utsname.h>
#include <linux/bug.h>

static struct ctl_table uts_kern_table[] = {
	{ .procname = "ostype", .maxlen = sizeof(utsname()->sysname), .mode = 0444,
	  .proc_handler = proc_dostring },
	{ .procname = "osrelease", .maxlen = sizeof(utsname()->release), .mode = 0444,
	  .proc_handler = proc_dostring },
	{ .procname = "version", .maxlen = sizeof(utsname()->version), .mode = 0444,
	  .proc_handler = proc_dostring },
	{ .procname = "hostname", .maxlen = sizeof(utsname()->nodename), .mode = 0644,
	  .proc_handler = proc_dostring },
	{ .procname = "domainname", .maxlen = sizeof(utsname()->domainname), .mode = 0644,
	  .proc_handler = proc_dostring },
};

static int __init utsname_sysctl_init(void)
{
	struct new_utsname *uts = utsname();

	uts_kern_table[0].data = uts->sysname;
	uts_kern_table[1].data = uts->release;
	uts_kern_table[2].data = uts->version;
	uts_kern_table[3].data = uts->nodename;
	uts_kern_table[4].data = uts->domainname;
	BUG_ON(register_sysctl("kernel", uts_kern_table, ARRAY_SIZE(uts_kern_table)));
	return 0;
}
fs_initcall(utsname_sysctl_init);
