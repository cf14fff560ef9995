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

/*
 * proc_do_uts_string - the string @table->data as a line; a write takes
 * the text up to its first newline, cut to maxlen - 1 bytes.
 */
static int proc_do_uts_string(const struct ctl_table *table, int write, char *buf, size_t *lenp)
{
	char *s = table->data;

	if (write) {
		char *nl = strchr(buf, '\n');
		size_t len = min(nl ? (size_t)(nl - buf) : strlen(buf), (size_t)table->maxlen - 1);

		memcpy(s, buf, len);
		s[len] = '\0';
		return 0;
	}
	*lenp = snprintf(buf, *lenp, "%s\n", s);
	return 0;
}

static struct ctl_table uts_kern_table[] = {
	{ .procname = "ostype", .maxlen = sizeof(utsname()->sysname), .mode = 0444,
	  .proc_handler = proc_do_uts_string },
	{ .procname = "osrelease", .maxlen = sizeof(utsname()->release), .mode = 0444,
	  .proc_handler = proc_do_uts_string },
	{ .procname = "version", .maxlen = sizeof(utsname()->version), .mode = 0444,
	  .proc_handler = proc_do_uts_string },
	{ .procname = "hostname", .maxlen = sizeof(utsname()->nodename), .mode = 0644,
	  .proc_handler = proc_do_uts_string },
	{ .procname = "domainname", .maxlen = sizeof(utsname()->domainname), .mode = 0644,
	  .proc_handler = proc_do_uts_string },
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
