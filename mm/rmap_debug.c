// SPDX-License-Identifier: GPL-2.0
/*
 * rmap_debug.c - debugfs files to look at the reverse map and run the
 * verifier from user space. Pagoda's own: Linux 6.12 has no counterpart
 * (the nearest knobs are mm/hwpoison-inject.c's
 * /sys/kernel/debug/hwpoison/corrupt-pfn and mm/page_owner.c).
 *
 * /sys/kernel/debug/rmap       "who maps this frame?" Write a PFN (decimal,
 *                              or hex with 0x); reading then gives one line
 *                              per PTE that maps it, found by rmap_walk():
 *                                  <pid> <address> <vm_start>-<vm_end> <mapping>
 *                              pid in decimal, the rest in hex without 0x;
 *                              mapping is the tree walked: the page's
 *                              anon_vma, or for a page-cache page its file's
 *                              address_space (whose i_mmap was walked), or
 *                              a KSM page's stable node (rmap_walk_ksm()).
 *                              Empty for a frame that is not a mapped
 *                              anonymous, KSM or page-cache page. One query at a
 *                              time: the PFN is global, as hwpoison's
 *                              corrupt-pfn is.
 * /sys/kernel/debug/mm_verify  reading runs mm_verify(): "ok\n", or one
 *                              line per problem and "mm_verify: N problems".
 *
 * Both read at offset 0 produce their text anew (seq_file).
 */
#include <linux/rmap.h>
#include <linux/mm_verify.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/uio.h>
#include <linux/init.h>
#include <linux/printk.h>
#include "internal.h"

static unsigned long rmap_pfn = ULONG_MAX;	/* the last PFN written; none yet */

static bool rmap_show_one(struct folio *folio, struct vm_area_struct *vma,
			  unsigned long address, void *arg)
{
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, address, 0);
	struct seq_file *m = arg;

	while (page_vma_mapped_walk(&pvmw))
		seq_printf(m, "%d %lx %lx-%lx %lx\n", mm_owner_pid(vma->vm_mm), pvmw.address,
			   vma->vm_start, vma->vm_end,
			   (unsigned long)folio->mapping & ~PAGE_MAPPING_FLAGS);
	return true;
}

/*
 * rmap_show_ksm - the mappings of a KSM page, through rmap_walk_ksm(): it
 * takes the anon_vma locks, so it runs preemptible, holding a reference
 * and the folio lock (which keeps the stable node's rmap_items still).
 * A busy page reads empty. The mapping column is the stable node.
 */
static void rmap_show_ksm(struct folio *folio, struct rmap_walk_control *rwc)
{
	if (!folio_ref_count(folio))
		return;
	folio_get(folio);
	if (folio_trylock(folio)) {
		if (folio_test_ksm(folio) && folio_mapped(folio))
			rmap_walk(folio, rwc);
		folio_unlock(folio);
	}
	folio_put(folio);
}

/*
 * rmap_show - the mappings of rmap_pfn. Like mm_verify() it walks with
 * preemption off (nothing can unmap the page or free its anon_vma or file
 * meanwhile on one CPU), so it needs no reference or lock on the page.
 */
static int rmap_show(struct seq_file *m, void *v)
{
	unsigned long pfn = READ_ONCE(rmap_pfn);
	struct rmap_walk_control rwc = { .rmap_one = rmap_show_one, .arg = m };
	struct folio *folio;

	if (!pfn_valid(pfn))
		return 0;
	folio = pfn_folio(pfn);
	if (folio_test_ksm(folio)) {
		rmap_show_ksm(folio, &rwc);
		return 0;
	}
	preempt_disable();
	if (!folio_test_slab(folio) &&
	    (folio_test_anon(folio) || folio_mapping(folio)) && folio_mapped(folio))
		rmap_walk_locked(folio, &rwc);
	preempt_enable();
	return 0;
}

static int rmap_open(struct inode *inode, struct file *file)
{
	return single_open(file, rmap_show, NULL);
}

/* rmap_write - take a PFN: decimal, or hexadecimal after 0x; one newline allowed. */
static ssize_t rmap_write(struct kiocb *iocb, struct iov_iter *from)
{
	size_t len = iov_iter_count(from);
	unsigned long pfn;
	char buf[24];
	int err;

	if (!len || len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_iter(buf, len, from) != len)
		return -EFAULT;
	buf[len] = '\0';
	err = kstrtoul(buf, buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X') ? 16 : 10, &pfn);
	if (err)
		return err;
	if (!pfn_valid(pfn))
		return -EINVAL;
	WRITE_ONCE(rmap_pfn, pfn);
	iocb->ki_pos += len;
	return len;
}

static const struct file_operations rmap_fops = {
	.open = rmap_open,
	.read_iter = seq_read_iter,
	.write_iter = rmap_write,
	.release = single_release,
};

static int mm_verify_open(struct inode *inode, struct file *file)
{
	return single_open(file, mm_verify_show, NULL);
}

static const struct file_operations mm_verify_fops = {
	.open = mm_verify_open,
	.read_iter = seq_read_iter,
	.release = single_release,
};

static int __init rmap_debugfs_init(void)
{
	struct dentry *rmap, *verify;

	rmap = debugfs_create_file("rmap", 0600, NULL, NULL, &rmap_fops);
	verify = debugfs_create_file("mm_verify", 0400, NULL, NULL, &mm_verify_fops);
	if (IS_ERR(rmap) || IS_ERR(verify))
		pr_err("rmap: cannot create the debugfs files\n");
	return 0;
}
late_initcall(rmap_debugfs_init);
