// SPDX-License-Identifier: GPL-2.0
/*
 * proc_sysctl.c - /proc/sys: kernel variables as text files, and the
 * standard handlers that convert them. Mirrors fs/proc/proc_sysctl.c and
 * kernel/sysctl.c (proc_dointvec(), proc_dointvec_minmax(),
 * proc_doulongvec_minmax(), proc_dostring()).
 *
 * register_sysctl("vm", table, n) makes /proc/sys/vm/ (directories as
 * needed) and one file per ctl_table. Reading a file asks its handler for
 * the text; writing hands the handler what was written in one write(2) --
 * "1\n" from echo, or the data of an fopen("w") + fputs() + fclose(),
 * which musl flushes with one writev(2).
 */
#include <linux/fs.h>
#include <linux/proc_fs.h>
#include <linux/sysctl.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/ctype.h>
#include "proc_internal.h"

static struct proc_dir_entry *proc_sys_root;

static ssize_t proc_sys_read(struct kiocb *iocb, struct iov_iter *to)
{
	const struct ctl_table *table = pde_data(file_inode(iocb->ki_filp));
	size_t len = PAGE_SIZE;
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	ssize_t ret;

	if (!buf)
		return -ENOMEM;
	ret = table->proc_handler(table, 0, buf, &len);
	if (!ret)
		ret = simple_read_iter_from_buffer(iocb, to, buf, len);
	kfree(buf);
	return ret;
}

static ssize_t proc_sys_write(struct kiocb *iocb, struct iov_iter *from)
{
	const struct ctl_table *table = pde_data(file_inode(iocb->ki_filp));
	size_t len = iov_iter_count(from);
	char *buf;
	ssize_t ret;

	if (len >= PAGE_SIZE)
		return -EINVAL;
	buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_iter(buf, len, from) == len)
		ret = table->proc_handler(table, 1, buf, &len);
	if (!ret) {
		ret = len;
		iocb->ki_pos += len;
	}
	kfree(buf);
	return ret;
}

/* proc_sys_open - even root may not write a read-only sysctl (Linux: proc_sys_permission()). */
static int proc_sys_open(struct inode *inode, struct file *file)
{
	const struct ctl_table *table = pde_data(inode);

	if ((file->f_mode & FMODE_WRITE) && !(table->mode & S_IWUSR))
		return -EACCES;
	return 0;
}

static const struct file_operations proc_sys_file_operations = {
	.open = proc_sys_open,
	.llseek = generic_file_llseek,
	.read_iter = proc_sys_read,
	.write_iter = proc_sys_write,
};

/* sysctl_mkdir_p - /proc/sys/@path, creating the directories missing. */
static struct proc_dir_entry *sysctl_mkdir_p(const char *path)
{
	struct proc_dir_entry *dir = proc_sys_root;

	while (dir && *path) {
		const char *end = strchr(path, '/');
		unsigned int len = end ? end - path : strlen(path);
		char name[NAME_MAX + 1];
		struct proc_dir_entry *sub;

		if (len > NAME_MAX)
			return NULL;
		sub = pde_subdir_find(dir, path, len);
		if (!sub) {
			memcpy(name, path, len);
			name[len] = '\0';
			sub = proc_mkdir(name, dir);
		}
		dir = sub;
		path += len + (end ? 1 : 0);
	}
	return dir;
}

/**
 * register_sysctl - files /proc/sys/@path/<procname> for @n entries of @table
 *
 * Returns 0, or -ENOMEM, -EEXIST (a name taken). The table must stay.
 */
int register_sysctl(const char *path, struct ctl_table *table, size_t n)
{
	struct proc_dir_entry *dir = sysctl_mkdir_p(path);

	if (!dir)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++) {
		struct proc_dir_entry *de = proc_create_entry(table[i].procname,
							      S_IFREG | (table[i].mode & S_IALLUGO),
							      dir);

		if (!de)
			return -EEXIST;
		de->data = &table[i];
		de->proc_fops = &proc_sys_file_operations;
	}
	return 0;
}

/*
 * do_proc_vec - the text of, or a new value for, a vector of maxlen / size
 * numbers: ints (@is_int) or unsigned longs, in [*min, *max] (of the same
 * type; NULL: no bound). Read: numbers
 * separated by tabs, then "\n". Write: numbers separated by white space;
 * fewer than the vector holds is fine, anything else is -EINVAL.
 */
static int do_proc_vec(const struct ctl_table *table, int write, char *buf, size_t *lenp,
		       bool is_int, const void *min, const void *max)
{
	size_t size = is_int ? sizeof(int) : sizeof(unsigned long);
	int n = table->maxlen / size, i;
	char *p = buf;
	size_t out = 0;

	for (i = 0; i < n && !write; i++) {
		if (is_int)
			out += scnprintf(buf + out, *lenp - out, "%s%d", i ? "\t" : "",
					 ((int *)table->data)[i]);
		else
			out += scnprintf(buf + out, *lenp - out, "%s%lu", i ? "\t" : "",
					 ((unsigned long *)table->data)[i]);
	}
	if (!write) {
		out += scnprintf(buf + out, *lenp - out, "\n");
		*lenp = out;
		return 0;
	}
	for (i = 0; i < n; i++) {
		bool neg = false;
		unsigned long val;
		char *end;

		while (isspace(*p))
			p++;
		if (!*p)
			break;
		if (is_int && *p == '-') {
			neg = true;
			p++;
		}
		val = simple_strtoul(p, &end, 10);
		if (end == p || (*end && !isspace(*end)))
			return -EINVAL;
		p = end;
		if (is_int) {
			long v = neg ? -(long)val : (long)val;

			if (val > (unsigned long)INT_MAX + neg || (min && v < *(const int *)min) ||
			    (max && v > *(const int *)max))
				return -EINVAL;
			((int *)table->data)[i] = v;
		} else {
			if ((min && val < *(const unsigned long *)min) ||
			    (max && val > *(const unsigned long *)max))
				return -EINVAL;
			((unsigned long *)table->data)[i] = val;
		}
	}
	while (isspace(*p))
		p++;
	return i && !*p ? 0 : -EINVAL;
}

/* proc_dointvec - a vector of ints as text. */
int proc_dointvec(const struct ctl_table *table, int write, char *buf, size_t *lenp)
{
	return do_proc_vec(table, write, buf, lenp, true, NULL, NULL);
}

/*
 * proc_dostring - the string @table->data as a line; a write takes
 * the text up to its first newline, cut to maxlen - 1 bytes.
 */
int proc_dostring(const struct ctl_table *table, int write, char *buf, size_t *lenp)
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

/* proc_dointvec_minmax - ints, bounded by the ints extra1 and extra2 point to. */
int proc_dointvec_minmax(const struct ctl_table *table, int write, char *buf, size_t *lenp)
{
	return do_proc_vec(table, write, buf, lenp, true, table->extra1, table->extra2);
}

/* proc_doulongvec_minmax - unsigned longs, bounded by extra1 and extra2. */
int proc_doulongvec_minmax(const struct ctl_table *table, int write, char *buf, size_t *lenp)
{
	return do_proc_vec(table, write, buf, lenp, false, table->extra1, table->extra2);
}

void proc_sys_init(void)
{
	proc_sys_root = proc_mkdir("sys", NULL);
}
