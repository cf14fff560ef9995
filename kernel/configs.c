// SPDX-License-Identifier: GPL-2.0
/*
 * configs.c - /proc/config.gz: the kernel's configuration, gzipped.
 * Mirrors kernel/configs.c (CONFIG_IKCONFIG_PROC).
 *
 * The kernel embeds its build's .config (kernel/configs/pagoda.config with
 * the build's fragments merged over it, in Linux's .config format: the
 * options Pagoda has, and those it has not) and serves it as a gzip
 * file that zcat reads. Linux gzips it at build time; Pagoda wraps it at
 * boot in gzip's simplest valid form, deflate's stored (uncompressed)
 * blocks of at most 65535 bytes, followed by the CRC-32 and the length
 * (RFC 1951 section 3.2.4, RFC 1952).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/proc_fs.h>

asm(".section .rodata, \"a\"\n"
    "	.global kernel_config_data\n"
    "kernel_config_data:\n"
    "	.incbin \"" KCONFIG_FILE "\"\n"
    "	.global kernel_config_data_end\n"
    "kernel_config_data_end:\n"
    "	.previous\n");

extern const char kernel_config_data[], kernel_config_data_end[];

#define STORED_MAX	65535	/* bytes in one stored deflate block */

static char *config_gz;
static size_t config_gz_size;

/* crc32_le - gzip's CRC-32 (reflected polynomial 0xedb88320) of @len bytes at @p. */
static u32 crc32_le(const unsigned char *p, size_t len)
{
	u32 crc = 0xffffffff;

	while (len--) {
		crc ^= *p++;
		for (int bit = 0; bit < 8; bit++)
			crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
	}
	return ~crc;
}

static char *put_le(char *p, u32 val, int bytes)
{
	for (int i = 0; i < bytes; i++)
		*p++ = val >> (8 * i);
	return p;
}

/* gzip_stored - @len bytes of @data as a gzip file in a new buffer; its size in *@size. */
static char *gzip_stored(const char *data, size_t len, size_t *size)
{
	static const char header[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };	/* Unix */
	size_t blocks = len / STORED_MAX + 1;
	char *gz = kmalloc(sizeof(header) + 5 * blocks + len + 8, GFP_KERNEL), *p = gz;

	if (!gz)
		return NULL;
	memcpy(p, header, sizeof(header));
	p += sizeof(header);
	for (size_t done = 0, i = 0; i < blocks; i++) {
		size_t n = min(len - done, (size_t)STORED_MAX);

		*p++ = i == blocks - 1;		/* BFINAL, BTYPE 00: stored */
		p = put_le(p, n, 2);
		p = put_le(p, ~n & 0xffff, 2);
		memcpy(p, data + done, n);
		p += n;
		done += n;
	}
	p = put_le(p, crc32_le((const unsigned char *)data, len), 4);
	p = put_le(p, len, 4);
	*size = p - gz;
	return gz;
}

static ssize_t ikconfig_read_current(struct file *file, char __user *buf, size_t len,
				     loff_t *offset)
{
	return simple_read_from_buffer(buf, len, offset, config_gz, config_gz_size);
}

static const struct proc_ops config_gz_proc_ops = {
	.proc_read = ikconfig_read_current,
};

static int __init ikconfig_init(void)
{
	config_gz = gzip_stored(kernel_config_data, kernel_config_data_end - kernel_config_data,
				&config_gz_size);
	if (!config_gz || !proc_create("config.gz", 0444, NULL, &config_gz_proc_ops))
		return -ENOMEM;
	return 0;
}
fs_initcall(ikconfig_init);
