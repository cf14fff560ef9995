// SPDX-License-Identifier: GPL-2.0
/*
 * filemap.c - the page cache of RAM files, and reading and writing
 * through it. Mirrors mm/filemap.c (generic_file_read_iter(),
 * generic_perform_write()) and mm/truncate.c.
 *
 * A ramfs file's data exists only in its page cache: page i holds bytes
 * [i * 4096, (i + 1) * 4096). Pages are allocated zeroed when first
 * written; a page never written is a hole and reads as zeros. Each page
 * records its file (page->mapping) and index (page->index), as in Linux,
 * and is freed when the file is truncated below it or evicted. A write,
 * by write() or through a shared mapping, marks the page dirty (PG_dirty:
 * it stays so, there is no backing store to clean it to). The pages of
 * shmem files (mm/shmem.c) are swap-backed and counted in NR_SHMEM too.
 *
 * Truncation first unmaps the doomed pages from every process mapping the
 * file (unmap_mapping_range() through the file's i_mmap tree), so that
 * freeing them really frees them and a later access past the new end of
 * the file gets SIGBUS from filemap_fault().
 *
 * The folio lock (folio_lock(), include/linux/pagemap.h) sleeps here, on
 * folio_wait_table, at the end of this file.
 *
 * The pages come from the page allocator as unmovable (GFP_KERNEL):
 * Linux's ramfs pages are movable, but nothing here can migrate them, and
 * unmovable pages in movable pageblocks would defeat compaction.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/shmem_fs.h>
#include <linux/pagemap.h>
#include <linux/swapops.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/init.h>
#include "internal.h"

#define MIN_SLOTS	16

/* page_cache_lookup - page @index of @mapping, or NULL (a hole). */
static struct page *page_cache_lookup(struct address_space *mapping, pgoff_t index)
{
	return index < mapping->nr_slots ? mapping->pages[index] : NULL;
}

/*
 * page_cache_grow - make pages[] long enough for @index (doubling). The
 * array is as long as the file's last page index, which user space
 * chooses: one too large for kmalloc() is a quiet -ENOMEM (Linux's
 * xarray would hold a sparse page cache of any size).
 */
static int page_cache_grow(struct address_space *mapping, pgoff_t index)
{
	pgoff_t slots = max_t(pgoff_t, mapping->nr_slots, MIN_SLOTS);
	struct page **pages;

	while (slots <= index)
		slots *= 2;
	pages = kcalloc(slots, sizeof(*pages), GFP_KERNEL | __GFP_NOWARN);
	if (!pages)
		return -ENOMEM;
	if (mapping->pages)
		memcpy(pages, mapping->pages, mapping->nr_slots * sizeof(*pages));
	kfree(mapping->pages);
	mapping->pages = pages;
	mapping->nr_slots = slots;
	return 0;
}

/**
 * find_get_page - page @index of @mapping with a reference, or NULL (a hole)
 * @mapping: the file's page cache
 * @index: the page's index in the file
 */
struct page *find_get_page(struct address_space *mapping, pgoff_t index)
{
	struct page *page = page_cache_lookup(mapping, index);

	if (page)
		get_page(page);
	return page;
}

/* page_cache_account - @nr (1 or -1) page-cache pages like @page in the node counters. */
static void page_cache_account(struct page *page, int nr)
{
	mod_node_page_state(page_pgdat(page), NR_FILE_PAGES, nr);
	if (folio_test_swapbacked(page_folio(page)))
		mod_node_page_state(page_pgdat(page), NR_SHMEM, nr);
}

/*
 * page_cache_grab - page @index of @mapping, allocated (zeroed) if it is a
 * hole. ERR_PTR(-ENOMEM) if memory runs out.
 */
static struct page *page_cache_grab(struct address_space *mapping, pgoff_t index)
{
	struct page *page = page_cache_lookup(mapping, index);

	if (page)
		return page;
	if (index >= mapping->nr_slots && page_cache_grow(mapping, index))
		return ERR_PTR(-ENOMEM);
	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!page)
		return ERR_PTR(-ENOMEM);
	page->mapping = mapping;
	page->index = index;
	if (shmem_mapping(mapping))
		__folio_set_swapbacked(page_folio(page));
	mapping->pages[index] = page;
	mapping->nrpages++;
	page_cache_account(page, 1);
	folio_add_lru(page_folio(page));	/* filemap_add_folio(), shmem_alloc_and_add_folio() */
	return page;
}

/**
 * filemap_fault - the page-cache page behind a fault in a file mapping
 * @vmf: the fault; vmf->pgoff is the page's index in the file
 *
 * Sets vmf->page with a reference for the caller. A hole gets a zeroed
 * page (as ramfs's read_folio would); a page at or beyond the end of the
 * file is VM_FAULT_SIGBUS, as in Linux.
 */
vm_fault_t filemap_fault(struct vm_fault *vmf)
{
	struct inode *inode = file_inode(vmf->vma->vm_file);
	struct page *page;

	if (vmf->pgoff >= DIV_ROUND_UP(i_size_read(inode), PAGE_SIZE))
		return VM_FAULT_SIGBUS;
	page = page_cache_grab(inode->i_mapping, vmf->pgoff);
	if (IS_ERR(page))
		return VM_FAULT_OOM;
	get_page(page);
	vmf->page = page;
	return 0;
}

/**
 * generic_file_mmap - ->mmap of a RAM file: its pages are its page cache
 * @file: the file
 * @vma: the new VMA
 *
 * Nothing to set up: faults in a file VMA go to filemap_fault() (Linux
 * sets vma->vm_ops = &generic_file_vm_ops here). A file system without
 * ->mmap cannot be mapped at all (do_mmap: -ENODEV).
 */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	return 0;
}

/**
 * truncate_inode_pages - free the pages of @mapping from byte @lstart on
 *
 * The tail of the page holding @lstart is zeroed, so that the file can grow
 * again over it and read zeros. Truncating to 0 also frees the index. The
 * pages must not be mapped any more (truncate_pagecache(), or eviction of
 * an inode no VMA maps): the page cache's reference is the last.
 */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart)
{
	pgoff_t start = DIV_ROUND_UP(lstart, PAGE_SIZE);
	struct page *partial = page_cache_lookup(mapping, lstart >> PAGE_SHIFT);

	if ((lstart & ~PAGE_MASK) && partial)
		memset((char *)page_address(partial) + (lstart & ~PAGE_MASK), 0,
		       PAGE_SIZE - (lstart & ~PAGE_MASK));
	for (pgoff_t index = start; index < mapping->nr_slots; index++) {
		struct page *page = mapping->pages[index];

		if (!page)
			continue;
		mapping->pages[index] = NULL;
		mapping->nrpages--;
		page_cache_account(page, -1);
		page->mapping = NULL;
		put_page(page);
	}
	if (!lstart) {
		kfree(mapping->pages);
		mapping->pages = NULL;
		mapping->nr_slots = 0;
	}
}

/**
 * truncate_pagecache - unmap and free the pages of @inode beyond @newsize
 * @inode: the file, i_size already set to @newsize
 * @newsize: the new size
 *
 * Every PTE mapping a page wholly beyond the new end goes first, in every
 * process (private COWed copies too, as in Linux); the partial last page
 * stays mapped, its tail zeroed.
 */
static void truncate_pagecache(struct inode *inode, loff_t newsize)
{
	struct address_space *mapping = inode->i_mapping;
	loff_t holebegin = round_up(newsize, PAGE_SIZE);

	unmap_mapping_range(mapping, holebegin, 0);
	truncate_inode_pages(mapping, newsize);
}

/* truncate_setsize - set i_size; a shrink unmaps and frees the pages beyond it. */
void truncate_setsize(struct inode *inode, loff_t newsize)
{
	loff_t oldsize = inode->i_size;

	inode->i_size = newsize;
	if (newsize < oldsize)
		truncate_pagecache(inode, newsize);
}

/**
 * generic_file_read_iter - read a RAM file at iocb->ki_pos into @to
 *
 * Copies page by page up to i_size; holes read as zeros. Returns the bytes
 * read, 0 at or past the end, -EFAULT if the first byte could not be
 * stored.
 */
ssize_t generic_file_read_iter(struct kiocb *iocb, struct iov_iter *to)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	struct address_space *mapping = inode->i_mapping;
	loff_t size = i_size_read(inode);
	ssize_t done = 0;

	while (iov_iter_count(to) && iocb->ki_pos < size) {
		pgoff_t index = iocb->ki_pos >> PAGE_SHIFT;
		size_t offset = iocb->ki_pos & ~PAGE_MASK;
		size_t n = min_t(loff_t, PAGE_SIZE - offset, size - iocb->ki_pos);
		struct page *page = page_cache_lookup(mapping, index);
		size_t copied;

		n = min(n, iov_iter_count(to));
		if (page) {
			get_page(page);	/* the copy may fault and sleep: keep it from migrating */
			copied = copy_to_iter((char *)page_address(page) + offset, n, to);
			folio_mark_accessed(page_folio(page));
			put_page(page);
		} else
			copied = iov_iter_zero(n, to);
		iocb->ki_pos += copied;
		done += copied;
		if (copied < n)
			return done ? done : -EFAULT;
	}
	return done;
}

/*
 * generic_perform_write - copy @from into the page cache at iocb->ki_pos,
 * allocating pages as needed; i_size grows only by what was really copied,
 * so a faulting user buffer leaves the file as it was.
 */
static ssize_t generic_perform_write(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	ssize_t done = 0;

	while (iov_iter_count(from)) {
		pgoff_t index = iocb->ki_pos >> PAGE_SHIFT;
		size_t offset = iocb->ki_pos & ~PAGE_MASK;
		size_t n = min_t(size_t, PAGE_SIZE - offset, iov_iter_count(from));
		struct page *page = page_cache_grab(inode->i_mapping, index);
		size_t copied;

		if (IS_ERR(page))
			return done ? done : PTR_ERR(page);
		get_page(page);		/* simple_write_begin(): referenced and locked, */
		folio_lock(page_folio(page));	/* so that migration leaves it alone */
		copied = copy_from_iter((char *)page_address(page) + offset, n, from);
		if (copied)
			SetPageDirty(page);	/* simple_write_end() */
		folio_unlock(page_folio(page));
		put_page(page);
		iocb->ki_pos += copied;
		done += copied;
		if (iocb->ki_pos > inode->i_size)
			inode->i_size = iocb->ki_pos;
		if (copied < n)
			return done ? done : -EFAULT;
	}
	return done;
}

/**
 * generic_file_write_iter - write(2) to a RAM file, under its inode lock
 *
 * O_APPEND writes at the end of the file, whatever the position was.
 */
ssize_t generic_file_write_iter(struct kiocb *iocb, struct iov_iter *from)
{
	struct inode *inode = file_inode(iocb->ki_filp);
	ssize_t ret;

	if (!iov_iter_count(from))
		return 0;
	inode_lock(inode);
	if (iocb->ki_flags & IOCB_APPEND)
		iocb->ki_pos = i_size_read(inode);
	ret = -EFBIG;
	if (iocb->ki_pos < MAX_LFS_FILESIZE - (loff_t)iov_iter_count(from))
		ret = generic_perform_write(iocb, from);
	if (ret > 0)
		inode_set_mtime_ctime_now(inode);
	inode_unlock(inode);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* The folio lock: sleeping on a locked folio */

/*
 * Tasks waiting for a folio bit sleep on one of these queues, chosen by the
 * folio's frame number (Linux hashes the folio's address): a queue is
 * shared by many folios, and each woken task re-checks its own folio.
 */
#define PAGE_WAIT_TABLE_BITS	8
#define PAGE_WAIT_TABLE_SIZE	(1 << PAGE_WAIT_TABLE_BITS)
static wait_queue_head_t folio_wait_table[PAGE_WAIT_TABLE_SIZE];

static wait_queue_head_t *folio_waitqueue(struct folio *folio)
{
	return &folio_wait_table[folio_pfn(folio) % PAGE_WAIT_TABLE_SIZE];
}

/* pagecache_init - the folio wait queues (Linux: called from start_kernel()). */
static int __init pagecache_init(void)
{
	for (int i = 0; i < PAGE_WAIT_TABLE_SIZE; i++)
		init_waitqueue_head(&folio_wait_table[i]);
	return 0;
}
core_initcall(pagecache_init);

/**
 * folio_wait_bit - sleep until bit @bit_nr of the folio's flags is clear
 * @folio: the folio (the caller holds a reference)
 * @bit_nr: PG_locked
 *
 * Not interruptible: a folio lock is held only briefly by kernel code.
 */
void folio_wait_bit(struct folio *folio, int bit_nr)
{
	wait_event(*folio_waitqueue(folio), !test_bit(bit_nr, folio_flags(folio, 0)));
}

/**
 * __folio_lock - folio_lock()'s slow path: the folio is locked by someone
 * else; sleep until we take it. Each wake-up retries the lock, so of
 * several waiters one gets it and the others sleep again.
 * @folio: the folio
 */
void __folio_lock(struct folio *folio)
{
	wait_event(*folio_waitqueue(folio), folio_trylock(folio));
}

/**
 * folio_unlock - release the folio lock and wake its waiters
 * @folio: a folio the caller locked
 */
void folio_unlock(struct folio *folio)
{
	wait_queue_head_t *q = folio_waitqueue(folio);

	VM_BUG_ON(!folio_test_locked(folio));
	clear_bit(PG_locked, folio_flags(folio, 0));
	if (waitqueue_active(q))
		wake_up(q);
}

/**
 * migration_entry_wait_on_locked - sleep until a migration entry's folio is unlocked
 * @entry: the migration entry a fault found
 * @ptl: the page-table lock, held; dropped here
 *
 * The folio stays locked for the whole migration, so its unlock means the
 * entry is gone (replaced by a PTE of the new folio, or of the old one if
 * the migration failed). No reference is taken: the entry holds none, and
 * Pagoda's struct pages never go away, so waiting on a folio that was
 * freed meanwhile only finds its lock bit clear.
 */
void migration_entry_wait_on_locked(swp_entry_t entry, spinlock_t *ptl)
{
	struct folio *folio = pfn_swap_entry_folio(entry);

	spin_unlock(ptl);
	folio_wait_bit(folio, PG_locked);
}
