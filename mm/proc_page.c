// SPDX-License-Identifier: GPL-2.0
/*
 * proc_page.c - /proc/kpagecount and /proc/kpageflags: one u64 per page
 * frame, read at offset PFN * 8, as Linux's fs/proc/page.c produces them.
 *
 *   kpagecount  how many page-table entries map the page (page_mapcount());
 *               0 for a free, slab or unmapped page
 *   kpageflags  the page's state as KPF_* bits (kernel-page-flags.h):
 *               stable_page_flags() translates from PG_* bits and
 *               page->mapping, so the ABI stays when page->flags change
 *
 * Together with /proc/PID/pagemap (PFN of a virtual page) they show which
 * frame a process maps and who else maps it (see userland/tests/cow.c).
 * Offsets and sizes must be multiples of 8 (-EINVAL); reading from
 * max_pfn on gives 0 bytes.
 */
#include <linux/mm.h>
#include <linux/init.h>
#include <linux/kernel-page-flags.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/uaccess.h>

#define KPMSIZE		sizeof(u64)
#define KPMMASK		(KPMSIZE - 1)

/*
 * kpage_read - the shared loop of both files: @count bytes of the u64
 * @value(page) of each frame from *@ppos / 8 on.
 */
static ssize_t kpage_read(char __user *buf, size_t count, loff_t *ppos,
			  u64 (*value)(const struct page *page))
{
	u64 __user *out = (u64 __user *)buf;
	unsigned long src = *ppos;
	unsigned long pfn = src / KPMSIZE;
	ssize_t ret = 0;

	if (src & KPMMASK || count & KPMMASK)
		return -EINVAL;
	if (src >= max_pfn * KPMSIZE)
		return 0;
	count = min_t(unsigned long, count, max_pfn * KPMSIZE - src);

	while (count > 0) {
		if (put_user(value(pfn_to_page(pfn)), out)) {
			ret = -EFAULT;
			break;
		}
		pfn++;
		out++;
		count -= KPMSIZE;
		cond_resched();
	}
	*ppos += (char __user *)out - buf;
	if (!ret)
		ret = (char __user *)out - buf;
	return ret;
}

/*
 * page_kpagecount - the PTEs mapping @page. A free or slab page has none;
 * Linux keeps their type in the _mapcount word, hence the explicit test.
 */
static u64 page_kpagecount(const struct page *page)
{
	if (PageSlab(page) || PageBuddy(page))
		return 0;
	return page_mapcount(page);
}

static ssize_t kpagecount_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return kpage_read(buf, count, ppos, page_kpagecount);
}

static const struct proc_ops kpagecount_proc_ops = {
	.proc_read = kpagecount_read,
};

/*
 * is_free_buddy_page - @page is inside a free buddy block: the block's
 * first page has PG_buddy and an order reaching @page. (Linux's helper in
 * mm/page_alloc.c; read without zone->lock, so only a snapshot.)
 */
static bool is_free_buddy_page(const struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned int order;

	for (order = 0; order < MAX_ORDER; order++) {
		const struct page *head = page - (pfn & ((1UL << order) - 1));

		if (PageBuddy(head) && buddy_order(head) >= order)
			break;
	}
	return order < MAX_ORDER;
}

static u64 kpf_copy_bit(unsigned long flags, int kpf, int pg)
{
	return (u64)((flags >> pg) & 1) << kpf;
}

/**
 * stable_page_flags - the /proc/kpageflags bits of @page
 *
 * Pseudo flags first: MMAP (some PTE maps it), ANON and KSM (from
 * page->mapping), ZERO_PAGE, BUDDY (a free block's first page, or any
 * free page inside a block); then the PG_* bits that have a KPF_* twin.
 * Pagoda has no page cache states, compound pages or swap, so UPTODATE,
 * WRITEBACK, COMPOUND_*, THP, SWAPCACHE and the like are never set.
 */
u64 stable_page_flags(const struct page *page)
{
	unsigned long k = page->flags;
	u64 u = 0;

	if (page_mapped(page))
		u |= 1ULL << KPF_MMAP;
	if (PageAnon(page)) {
		u |= 1ULL << KPF_ANON;
		if (PageKsm(page))
			u |= 1ULL << KPF_KSM;
	}
	if (is_zero_pfn(page_to_pfn(page)))
		u |= 1ULL << KPF_ZERO_PAGE;
	if (PageBuddy(page) || (page_count(page) == 0 && is_free_buddy_page(page)))
		u |= 1ULL << KPF_BUDDY;
	if (PageSlab(page))
		u |= 1ULL << KPF_SLAB;

	u |= kpf_copy_bit(k, KPF_LOCKED, PG_locked);
	u |= kpf_copy_bit(k, KPF_DIRTY, PG_dirty);
	u |= kpf_copy_bit(k, KPF_REFERENCED, PG_referenced);
	u |= kpf_copy_bit(k, KPF_SWAPBACKED, PG_swapbacked);
	u |= kpf_copy_bit(k, KPF_LRU, PG_lru);
	u |= kpf_copy_bit(k, KPF_ACTIVE, PG_active);
	u |= kpf_copy_bit(k, KPF_UNEVICTABLE, PG_unevictable);
	u |= kpf_copy_bit(k, KPF_RESERVED, PG_reserved);
	u |= kpf_copy_bit(k, KPF_MLOCKED, PG_mlocked);
	return u;
}

static ssize_t kpageflags_read(struct file *file, char __user *buf, size_t count, loff_t *ppos)
{
	return kpage_read(buf, count, ppos, stable_page_flags);
}

static const struct proc_ops kpageflags_proc_ops = {
	.proc_read = kpageflags_read,
};

/* proc_page_init - /proc/kpagecount and /proc/kpageflags, root-only as in Linux. */
static int __init proc_page_init(void)
{
	proc_create("kpagecount", 0400, NULL, &kpagecount_proc_ops);
	proc_create("kpageflags", 0400, NULL, &kpageflags_proc_ops);
	return 0;
}
fs_initcall(proc_page_init);
