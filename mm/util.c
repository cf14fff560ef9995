// SPDX-License-Identifier: GPL-2.0
/*
 * util.c - the mmap entry point around do_mmap() (populating the range
 * for MAP_POPULATE: mm_populate() in mm/gup.c), what a folio's mapping
 * field says, and overcommit accounting. Mirrors vm_mmap_pgoff(),
 * folio_mapping(), folio_anon_vma(), folio_copy() and __vm_enough_memory() of
 * mm/util.c.
 *
 * Overcommit: memory a process may write privately without a file behind
 * it -- private writable mappings (VM_ACCOUNT, unless MAP_NORESERVE), the
 * heap, the stack, a fork's copies of them -- is charged to
 * vm_committed_as when it is mapped, not when it is touched, and
 * uncharged when unmapped. __vm_enough_memory() decides whether a new
 * charge is allowed, by vm.overcommit_memory:
 *
 *   0 (guess)   yes, unless the one request alone exceeds RAM + swap
 *   1 (always)  yes
 *   2 (never)   only while the total stays below vm_commit_limit():
 *               overcommit_kbytes, or overcommit_ratio % of RAM, plus
 *               swap; less min(total_vm / 32, user_reserve_kbytes) of
 *               the caller's own size, so a runaway process leaves room
 *               to kill it (and, without CAP_SYS_ADMIN, admin_reserve_kbytes)
 *
 * Linux keeps vm_committed_as in a per-CPU counter read approximately;
 * Pagoda's is one exact atomic. Shmem objects (MAP_SHARED anonymous
 * memory, memfd) are not charged yet.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/highmem.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <uapi/linux/mman.h>
#include <linux/cred.h>
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/vmstat.h>
#include "internal.h"

/**
 * vm_mmap_pgoff - mmap() for current: do_mmap() under mmap_lock
 * @file: the file, or NULL
 * @addr: hint or fixed address
 * @len: length in bytes
 * @prot: PROT_* bits
 * @flag: MAP_* flags
 * @pgoff: file offset in pages
 *
 * With MAP_POPULATE (and not MAP_NONBLOCK), or into a locked VMA
 * (MAP_LOCKED, mlockall(MCL_FUTURE)), the new range is faulted in after
 * mmap_lock is dropped. Returns the address or a negative errno.
 */
unsigned long vm_mmap_pgoff(struct file *file, unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flag, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long ret, populate = 0;

	mmap_write_lock(mm);
	ret = do_mmap(file, addr, len, prot, flag, pgoff, &populate);
	mmap_write_unlock(mm);
	if (populate)
		mm_populate(ret, populate);
	return ret;
}

/**
 * folio_mapping - the file (address_space) of a page-cache folio
 * @folio: any folio
 *
 * NULL for an anonymous or KSM folio (their mapping field points to an
 * anon_vma or a stable_node) and for a folio in no file.
 */
struct address_space *folio_mapping(struct folio *folio)
{
	struct address_space *mapping = folio->mapping;

	if ((unsigned long)mapping & PAGE_MAPPING_FLAGS)
		return NULL;
	return mapping;
}

/**
 * folio_anon_vma - the anon_vma of an anonymous folio
 * @folio: any folio
 *
 * NULL unless the folio is anonymous (and not KSM). The anon_vma stays
 * valid only while the folio is mapped or the caller holds the anon_vma.
 */
struct anon_vma *folio_anon_vma(const struct folio *folio)
{
	unsigned long mapping = (unsigned long)folio->mapping;

	if ((mapping & PAGE_MAPPING_FLAGS) != PAGE_MAPPING_ANON)
		return NULL;
	return (struct anon_vma *)(mapping - PAGE_MAPPING_ANON);
}

/* --- overcommit accounting --- */

atomic_long_t vm_committed_as;
unsigned long sysctl_user_reserve_kbytes;
unsigned long sysctl_admin_reserve_kbytes;

/*
 * init_reserves - the reserves Linux sets at boot: 1/32 of free memory,
 * at most 128 MiB for a user process's own size and 8 MiB for root
 * (Linux: init_user_reserve() and init_admin_reserve() of mm/mmap.c).
 */
static int __init init_reserves(void)
{
	unsigned long free_kbytes = global_zone_page_state(NR_FREE_PAGES) << (PAGE_SHIFT - 10);

	sysctl_user_reserve_kbytes = min(free_kbytes / 32, 1UL << 17);
	sysctl_admin_reserve_kbytes = min(free_kbytes / 32, 1UL << 13);
	return 0;
}
subsys_initcall(init_reserves);

/**
 * vm_commit_limit - how many pages strict overcommit allows (CommitLimit)
 *
 * overcommit_kbytes if set, else overcommit_ratio % of RAM; plus swap
 * (Pagoda has none).
 */
unsigned long vm_commit_limit(void)
{
	if (sysctl_overcommit_kbytes)
		return sysctl_overcommit_kbytes >> (PAGE_SHIFT - 10);
	return totalram_pages * sysctl_overcommit_ratio / 100;
}

/* vm_memory_committed - the pages charged now (Committed_AS). */
unsigned long vm_memory_committed(void)
{
	long pages = atomic_long_read(&vm_committed_as);

	return pages > 0 ? pages : 0;
}

/**
 * security_vm_enough_memory_mm - charge @pages to the commit, or -ENOMEM
 * @mm: the address space growing
 * @pages: how many pages
 *
 * Linux's security hook (security/security.c -> cap_vm_enough_memory()):
 * a caller with CAP_SYS_ADMIN may use the admin reserve too.
 */
int security_vm_enough_memory_mm(struct mm_struct *mm, long pages)
{
	return __vm_enough_memory(mm, pages, capable(CAP_SYS_ADMIN));
}

/**
 * __vm_enough_memory - charge @pages to the commit, if the policy allows
 * @mm: the address space growing (NULL: none)
 * @pages: how many pages
 * @cap_sys_admin: the caller may use the admin reserve
 *
 * Returns 0 with the pages charged (vm_unacct_memory() gives them back),
 * or -ENOMEM with nothing charged.
 */
int __vm_enough_memory(struct mm_struct *mm, long pages, int cap_sys_admin)
{
	long allowed;

	vm_acct_memory(pages);
	if (sysctl_overcommit_memory == OVERCOMMIT_ALWAYS)
		return 0;
	if (sysctl_overcommit_memory == OVERCOMMIT_GUESS) {
		if (pages > (long)totalram_pages)
			goto error;
		return 0;
	}
	allowed = vm_commit_limit();
	if (!cap_sys_admin)
		allowed -= sysctl_admin_reserve_kbytes >> (PAGE_SHIFT - 10);
	if (mm) {
		long reserve = sysctl_user_reserve_kbytes >> (PAGE_SHIFT - 10);

		allowed -= min_t(long, mm->total_vm / 32, reserve);
	}
	if ((long)vm_memory_committed() < allowed)
		return 0;
error:
	pr_warn("__vm_enough_memory: pid: %d, comm: %s, bytes: %lu not enough memory for the allocation\n",
		current->pid, current->comm, (unsigned long)pages << PAGE_SHIFT);
	vm_unacct_memory(pages);
	return -ENOMEM;
}

/**
 * memcmp_pages - compare the contents of two pages
 * @page1: one page
 * @page2: the other
 *
 * Returns <0, 0 or >0 as memcmp() does: KSM orders its trees by it.
 */
int memcmp_pages(struct page *page1, struct page *page2)
{
	return memcmp(page_address(page1), page_address(page2), PAGE_SIZE);
}

/**
 * folio_copy - copy the contents of @src into @dst (migration)
 * @dst: a folio of the same size
 * @src: the folio to copy
 */
void folio_copy(struct folio *dst, struct folio *src)
{
	long nr = folio_nr_pages(src);

	for (long i = 0; i < nr; i++)
		copy_highpage(folio_page(dst, i), folio_page(src, i));
}
