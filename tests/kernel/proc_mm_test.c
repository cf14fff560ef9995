// SPDX-License-Identifier: GPL-2.0
/*
 * proc_mm_test.c - ktest suite proc_mm: the memory views of mm/proc_*.c
 * and mm/vm_sysctl.c in Linux's exact formats.
 *
 *   task_mem_format          the Vm* lines of status for known counters
 *   kpageflags_known_pages   stable_page_flags() of slab, free, anonymous,
 *                            KSM and reserved pages
 *   hand_built_mm            an mm made here (three VMAs, pages faulted in),
 *                            used by this kernel thread as Linux's
 *                            kthread_use_mm() does, then read through
 *                            /proc/self/{maps,smaps,pagemap},
 *                            /proc/kpagecount and /proc/kpageflags into a
 *                            user buffer of that mm; nothing may leak
 *   vm_sysctls               /proc/sys/vm: values, bounds, side effects
 */
#include "fs_test.h"
#include "mm_test.h"
#include <linux/init_syscalls.h>
#include <linux/kernel-page-flags.h>
#include <linux/proc_views.h>
#include <linux/seq_file.h>
#include <linux/sprintf.h>
#include <linux/uaccess.h>

#define KPF(name)	(1ULL << KPF_##name)
#define PM_PRESENT	(1ULL << 63)
#define PM_MMAP_EXCLUSIVE (1ULL << 56)

KTEST(proc_mm, task_mem_format)
{
	static char text[1024];
	struct seq_file m = { .buf = text, .size = sizeof(text) };
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, mm);
	mm->total_vm = 100;
	mm->hiwater_vm = 120;		/* VmPeak: the larger */
	mm->hiwater_rss = 4;		/* VmHWM: the current RSS, 8, is larger */
	atomic_long_set(&mm->rss_stat[MM_ANONPAGES], 5);
	atomic_long_set(&mm->rss_stat[MM_FILEPAGES], 3);
	mm->data_vm = 10;
	mm->stack_vm = 33;
	mm->exec_vm = 20;		/* 2 pages of text, the rest is "lib" */
	mm->start_code = 0x401000;
	mm->end_code = 0x402800;
	atomic_long_set(&mm->pgtables_bytes, 3 * PAGE_SIZE);
	task_mem(&m, mm);
	text[m.count] = '\0';
	KTEST_EXPECT_STREQ(t, text,
			   "VmPeak:\t     480 kB\nVmSize:\t     400 kB\nVmLck:\t       0 kB\n"
			   "VmPin:\t       0 kB\nVmHWM:\t      32 kB\nVmRSS:\t      32 kB\n"
			   "RssAnon:\t      20 kB\nRssFile:\t      12 kB\nRssShmem:\t       0 kB\n"
			   "VmData:\t      40 kB\nVmStk:\t     132 kB\nVmExe:\t       8 kB\n"
			   "VmLib:\t      72 kB\nVmPTE:\t      12 kB\nVmSwap:\t       0 kB\n"
			   "HugetlbPages:\t       0 kB\n");
	kfree(mm);
}

KTEST(proc_mm, kpageflags_known_pages)
{
	static struct { int dummy; } __aligned(8) fake_anon_vma;
	unsigned long anon = (unsigned long)&fake_anon_vma | PAGE_MAPPING_ANON;
	void *obj = kmalloc(64, GFP_KERNEL);
	struct page *page;

	KTEST_ASSERT_NOT_NULL(t, obj);
	KTEST_EXPECT_EQ(t, stable_page_flags(virt_to_page(obj)), KPF(SLAB));
	kfree(obj);

	page = alloc_pages(GFP_KERNEL, 2);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_EQ(t, stable_page_flags(page), 0);		/* in use, unmapped */
	KTEST_EXPECT_EQ(t, stable_page_flags(page + 3), 0);

	/* What the fault path makes of it: anonymous, swap-backed, one PTE. */
	page->mapping = (struct address_space *)anon;
	__folio_set_swapbacked(page_folio(page));
	atomic_set(&page->_mapcount, 0);
	KTEST_EXPECT_EQ(t, stable_page_flags(page), KPF(MMAP) | KPF(ANON) | KPF(SWAPBACKED));
	page->mapping = (struct address_space *)(anon | PAGE_MAPPING_KSM);
	SetPageDirty(page);
	KTEST_EXPECT_EQ(t, stable_page_flags(page),
			KPF(MMAP) | KPF(ANON) | KPF(KSM) | KPF(SWAPBACKED) | KPF(DIRTY));
	page->mapping = NULL;
	__folio_clear_swapbacked(page_folio(page));
	__ClearPageDirty(page);
	page_mapcount_reset(page);

	/* Freed (and off the per-CPU lists): every page is in a free buddy block. */
	__free_pages(page, 2);
	drain_all_pages(NULL);
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT_EQ(t, stable_page_flags(page + i), KPF(BUDDY));

	page = virt_to_page(&fake_anon_vma);	/* the kernel image: reserved */
	KTEST_EXPECT_EQ(t, stable_page_flags(page), KPF(RESERVED));
}

/* The hand-built address space: its VMAs, in user space below 8 MiB. */
#define HEAP_START	0x10000UL	/* 3 pages, the brk area */
#define TEXT_START	0x400000UL	/* 1 page, read-only */
#define BUF_START	0x600000UL	/* 1 page: the user buffer for reads */
#define STACK_START	0x7ff000UL	/* 1 page, holding start_stack */

/* read_user - @bytes of /proc file @name at byte @pos into the user buffer at BUF_START. */
static long read_user(const char *name, loff_t pos, size_t bytes)
{
	struct file *f = filp_open(name, O_RDONLY, 0);
	long ret;

	if (IS_ERR(f))
		return PTR_ERR(f);
	ret = vfs_read(f, (char __user *)BUF_START, bytes, &pos);
	fput(f);
	return ret;
}

/* user_u64 - the @i-th u64 of the user buffer. */
static u64 user_u64(unsigned int i)
{
	u64 v;

	return copy_from_user(&v, (const void __user *)(BUF_START + i * sizeof(v)), sizeof(v)) ?
	       ~0ULL : v;
}

/* read_u64 - entry @index of a /proc file of u64s (~0 if the read failed). */
static u64 read_u64(const char *name, unsigned long index)
{
	return read_user(name, index * sizeof(u64), sizeof(u64)) == sizeof(u64) ? user_u64(0) :
	       ~0ULL;
}

/* The maps line of an anonymous VMA with a name: the name in column 73. */
static void expect_named_line(struct ktest *t, const char *text, const char *prefix,
			      const char *name)
{
	const char *line = strstr(text, prefix);
	const char *nl = line ? strchr(line, '\n') : NULL;

	KTEST_ASSERT_NOT_NULL(t, nl);
	KTEST_EXPECT_EQ(t, nl - line, 73 + strlen(name));
	KTEST_EXPECT_EQ(t, strncmp(line + 73, name, strlen(name)), 0);
	for (const char *p = line + strlen(prefix); p < line + 73; p++)
		KTEST_EXPECT_EQ(t, *p, ' ');
}

static void check_maps_smaps(struct ktest *t)
{
	static char text[8192];
	char *entry, *end;

	KTEST_ASSERT_GT(t, fs_read_file("/proc/self/maps", text, sizeof(text)), 0);
	expect_named_line(t, text, "00010000-00013000 rw-p 00000000 00:00 0 ", "[heap]");
	expect_named_line(t, text, "007ff000-00800000 rw-p 00000000 00:00 0 ", "[stack]");
	KTEST_EXPECT_NOT_NULL(t, strstr(text, "\n00400000-00401000 r--p 00000000 00:00 0 \n"));
	KTEST_EXPECT_EQ(t, strncmp(text, "00010000-", 9), 0);	/* sorted */

	KTEST_ASSERT_GT(t, fs_read_file("/proc/self/smaps", text, sizeof(text)), 0);
	entry = strstr(text, "00010000-00013000 rw-p ");
	KTEST_ASSERT_NOT_NULL(t, entry);
	end = strstr(entry, "VmFlags: ");
	KTEST_ASSERT_NOT_NULL(t, end);
	end = strchr(end, '\n');
	KTEST_ASSERT_NOT_NULL(t, end);
	end[1] = '\0';
	entry = strchr(entry, '\n') + 1;
	/* Two pages written, one read (the zero page: not resident memory). */
	KTEST_EXPECT_STREQ(t, entry,
			   "Size:                 12 kB\n"
			   "KernelPageSize:        4 kB\n"
			   "MMUPageSize:           4 kB\n"
			   "Rss:                   8 kB\n"
			   "Pss:                   8 kB\n"
			   "Pss_Dirty:             8 kB\n"
			   "Shared_Clean:          0 kB\n"
			   "Shared_Dirty:          0 kB\n"
			   "Private_Clean:         0 kB\n"
			   "Private_Dirty:         8 kB\n"
			   "Referenced:            8 kB\n"
			   "Anonymous:             8 kB\n"
			   "KSM:                   0 kB\n"
			   "LazyFree:              0 kB\n"
			   "AnonHugePages:         0 kB\n"
			   "ShmemPmdMapped:        0 kB\n"
			   "FilePmdMapped:         0 kB\n"
			   "Shared_Hugetlb:        0 kB\n"
			   "Private_Hugetlb:       0 kB\n"
			   "Swap:                  0 kB\n"
			   "SwapPss:               0 kB\n"
			   "Locked:                0 kB\n"
			   "THPeligible:           0\n"
			   "VmFlags: rd wr mr mw me \n");
}

static void check_pagemap(struct ktest *t)
{
	loff_t heap = (HEAP_START >> PAGE_SHIFT) * sizeof(u64);
	u64 pfn, pfn2, flags;

	/* heap+0 and +2 written, +1 read (the zero page), then no VMA */
	KTEST_EXPECT_EQ(t, read_user("/proc/self/pagemap", heap, 5 * sizeof(u64)), 5 * sizeof(u64));
	pfn = user_u64(0) & ((1ULL << 55) - 1);
	pfn2 = user_u64(2) & ((1ULL << 55) - 1);
	KTEST_EXPECT_EQ(t, user_u64(0), PM_PRESENT | PM_MMAP_EXCLUSIVE | pfn);
	KTEST_EXPECT_EQ(t, user_u64(1), PM_PRESENT | zero_pfn);
	KTEST_EXPECT_EQ(t, user_u64(2), PM_PRESENT | PM_MMAP_EXCLUSIVE | pfn2);
	KTEST_EXPECT_EQ(t, user_u64(3), 0);
	KTEST_EXPECT_EQ(t, user_u64(4), 0);
	KTEST_EXPECT_TRUE(t, pfn && pfn < max_pfn && pfn2 && pfn2 < max_pfn && pfn != pfn2);
	KTEST_EXPECT_EQ(t, read_u64("/proc/self/pagemap", STACK_START >> PAGE_SHIFT), 0);

	/* Linux's argument rules: multiples of 8; past the address space, nothing. */
	KTEST_EXPECT_EQ(t, read_user("/proc/self/pagemap", heap, 7), -EINVAL);
	KTEST_EXPECT_EQ(t, read_user("/proc/self/pagemap", heap + 4, 8), -EINVAL);
	KTEST_EXPECT_EQ(t, read_user("/proc/self/pagemap", (TASK_SIZE >> PAGE_SHIFT) * 8, 8), 0);

	KTEST_EXPECT_EQ(t, read_u64("/proc/kpagecount", pfn), 1);
	flags = read_u64("/proc/kpageflags", pfn);
	KTEST_EXPECT_EQ(t, flags & (KPF(MMAP) | KPF(ANON) | KPF(BUDDY) | KPF(SLAB)),
			KPF(MMAP) | KPF(ANON));
	KTEST_EXPECT_EQ(t, read_u64("/proc/kpagecount", zero_pfn), 0);	/* never rmapped */
	KTEST_EXPECT_TRUE(t, read_u64("/proc/kpageflags", zero_pfn) & KPF(ZERO_PAGE));
	KTEST_EXPECT_EQ(t, read_user("/proc/kpagecount", max_pfn * sizeof(u64), 8), 0);
	KTEST_EXPECT_EQ(t, read_user("/proc/kpageflags", pfn * sizeof(u64), 12), -EINVAL);
	KTEST_EXPECT_EQ(t, read_user("/proc/kpageflags", pfn * sizeof(u64) + 1, 8), -EINVAL);
}

KTEST(proc_mm, hand_built_mm)
{
	struct mm_struct *mm, *prev;
	struct fs_counts before;
	bool mounted;

	if (current->mm) {
		ktest_skip(t, "the ktest thread already has an mm");
		return;
	}
	fs_counts_take(&before);
	mounted = init_mount("proc", "/proc", "proc", 0, NULL) == 0;
	mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, mm);
	mm->task_size = TASK_SIZE;
	mm->start_brk = HEAP_START;
	mm->brk = HEAP_START + 3 * PAGE_SIZE;
	mm->start_stack = STACK_START + PAGE_SIZE - 0x100;
	prev = mm_test_use_mm(mm);
	if (mm_test_new_vma(mm, HEAP_START, 3, MM_TEST_RW) &&
	    mm_test_new_vma(mm, TEXT_START, 1, VM_READ | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC) &&
	    mm_test_new_vma(mm, BUF_START, 1, MM_TEST_RW) &&
	    mm_test_new_vma(mm, STACK_START, 1, MM_TEST_RW) &&
	    pte_present(mm_test_fault(mm, HEAP_START, true)) &&
	    pte_present(mm_test_fault(mm, HEAP_START + PAGE_SIZE, false)) &&
	    pte_present(mm_test_fault(mm, HEAP_START + 2 * PAGE_SIZE, true)) &&
	    pte_present(mm_test_fault(mm, BUF_START, true))) {
		check_maps_smaps(t);
		check_pagemap(t);
	} else {
		ktest_fail(t, __FILE__, __LINE__, "building the mm failed");
	}
	mm_test_unuse_mm(prev);
	mmput(mm);
	if (mounted)
		KTEST_EXPECT_EQ(t, init_umount("/proc", 0), 0);
	FS_EXPECT_NO_LEAK(t, &before);
}

KTEST(proc_mm, vm_sysctls)
{
	int memory = sysctl_overcommit_memory, ratio = sysctl_overcommit_ratio;
	unsigned long kbytes = sysctl_overcommit_kbytes;
	struct fs_counts before;
	char text[64];
	bool mounted;

	fs_counts_take(&before);
	mounted = init_mount("proc", "/proc", "proc", 0, NULL) == 0;
	KTEST_EXPECT_EQ(t, fs_read_file("/proc/sys/vm/mmap_min_addr", text, sizeof(text)), 6);
	KTEST_EXPECT_STREQ(t, text, "65536\n");

	KTEST_EXPECT_EQ(t, fs_write_file("/proc/sys/vm/overcommit_memory", "3\n", 2, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, fs_write_file("/proc/sys/vm/overcommit_memory", "-1", 2, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, fs_write_file("/proc/sys/vm/overcommit_memory", "2\n", 2, 0), 2);
	KTEST_EXPECT_EQ(t, sysctl_overcommit_memory, OVERCOMMIT_NEVER);
	KTEST_EXPECT_EQ(t, fs_read_file("/proc/sys/vm/overcommit_memory", text, sizeof(text)), 2);
	KTEST_EXPECT_STREQ(t, text, "2\n");

	/* A kbytes limit and a ratio exclude each other. */
	KTEST_EXPECT_EQ(t, fs_write_file("/proc/sys/vm/overcommit_kbytes", "1024", 4, 0), 4);
	KTEST_EXPECT_EQ(t, sysctl_overcommit_ratio, 0);
	KTEST_EXPECT_EQ(t, fs_write_file("/proc/sys/vm/overcommit_ratio", "80", 2, 0), 2);
	KTEST_EXPECT_EQ(t, sysctl_overcommit_kbytes, 0);
	KTEST_EXPECT_EQ(t, fs_read_file("/proc/sys/vm/overcommit_ratio", text, sizeof(text)), 3);
	KTEST_EXPECT_STREQ(t, text, "80\n");

	KTEST_EXPECT_EQ(t, fs_write_file("/proc/sys/vm/drop_caches", "0", 1, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, fs_write_file("/proc/sys/vm/drop_caches", "5", 1, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, fs_write_file("/proc/sys/vm/drop_caches", "3\n", 2, 0), 2);

	sysctl_overcommit_memory = memory;
	sysctl_overcommit_ratio = ratio;
	sysctl_overcommit_kbytes = kbytes;
	if (mounted)
		KTEST_EXPECT_EQ(t, init_umount("/proc", 0), 0);
	FS_EXPECT_NO_LEAK(t, &before);
}
