// SPDX-License-Identifier: GPL-2.0
/*
 * vmalloc_test.c - ktest cases for vmalloc (mm/vmalloc.c): areas mapped
 * and writable page by page with PAGE_KERNEL PTEs, vmalloc_to_page()
 * against the page tables and the direct map, guard pages left unmapped,
 * first-fit reuse of a freed range, exact free-page and VmallocUsed
 * accounting, the preallocated kernel PGD entry, kernel stacks,
 * /proc/vmallocinfo, and the errors (size 0, too big, bad vfree()).
 *
 * vmalloc.stack_overflow (explicit only) recurses off the bottom of its
 * kernel stack: the double-fault report must say "kernel stack overflow".
 */
#include <linux/ktest.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/seq_file.h>
#include <linux/proc_views.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/init_syscalls.h>
#include <asm/stacktrace.h>
#include "fs_test.h"

#define PAGE_FLAGS_CHECKED (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_GLOBAL | _PAGE_NX)
#define PAGE_KERNEL_FLAGS ((_PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | _PAGE_NX) & \
			   __supported_pte_mask)

/* The PTE mapping @addr (a 4 KiB one), or NULL if nothing maps it. */
static pte_t *kernel_pte(const void *addr)
{
	unsigned int level = 0;
	pte_t *pte = lookup_address((unsigned long)addr, &level);

	return pte && level == PG_LEVEL_4K ? pte : NULL;
}

/* The value of /proc/meminfo's line @label, in kB (~0 if missing). */
static unsigned long meminfo_kb(const char *label)
{
	static char text[4096];
	struct seq_file m = { .buf = text, .size = sizeof(text) - 1 };
	char *line;

	meminfo_show(&m, NULL);
	text[m.count] = '\0';
	line = strstr(text, label);
	if (!line)
		return ~0UL;
	for (line += strlen(label); *line == ' '; line++)
		;
	return simple_strtoul(line, NULL, 10);
}

/* The word written at offset @off of page @i of an area. */
static unsigned long pattern(unsigned long i, unsigned long off)
{
	return (i << 32) ^ off ^ 0x5a5a0000UL;
}

KTEST(vmalloc, size_zero_and_too_big)
{
	unsigned long free0 = ktest_free_pages(), used0 = vmalloc_nr_pages(), warns = warn_count;

	KTEST_EXPECT_NULL(t, vmalloc(0));
	KTEST_EXPECT_LE(t, warn_count, warns + 1);	/* WARN_ON_ONCE: only the first time */
	KTEST_EXPECT_NULL(t, vmalloc((totalram_pages + 1) << PAGE_SHIFT));
	KTEST_EXPECT_NULL(t, vmalloc(~0UL));		/* rounds up to 0 */
	warns = warn_count;
	vfree(NULL);
	KTEST_EXPECT_EQ(t, warn_count, warns);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0);
	KTEST_EXPECT_EQ(t, vmalloc_nr_pages(), used0);
}

/*
 * 520 pages and a byte: 521 pages, more than one PTE table's worth, so the
 * mapping crosses a PMD boundary.
 */
KTEST(vmalloc, mapped_writable_every_page)
{
	const unsigned long nr = 521, words = PAGE_SIZE / sizeof(unsigned long);
	unsigned long *p = vmalloc((nr - 1) * PAGE_SIZE + 1);
	struct vm_struct *vm;

	KTEST_ASSERT_NOT_NULL(t, p);
	vm = find_vm_area(p);
	KTEST_ASSERT_NOT_NULL(t, vm);
	KTEST_EXPECT_EQ(t, vm->addr, p);
	KTEST_EXPECT_EQ(t, vm->nr_pages, nr);
	KTEST_EXPECT_EQ(t, vm->size, (nr + 1) * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, (unsigned long)p & ~PAGE_MASK, 0);
	KTEST_EXPECT_GE(t, (unsigned long)p, VMALLOC_START);
	KTEST_EXPECT_LE(t, (unsigned long)p + vm->size, VMALLOC_LIMIT);
	KTEST_EXPECT_TRUE(t, is_vmalloc_addr(p));

	for (unsigned long i = 0; i < nr; i++)
		for (unsigned long w = 0; w < words; w++)
			p[i * words + w] = pattern(i, w);
	for (unsigned long i = 0; i < nr; i++) {
		pte_t *pte = kernel_pte(p + i * words);
		unsigned long *direct;

		KTEST_ASSERT_NOT_NULL(t, pte);
		KTEST_EXPECT_EQ(t, pte_flags(*pte) & PAGE_FLAGS_CHECKED, PAGE_KERNEL_FLAGS);
		KTEST_ASSERT_EQ(t, vm->pages[i], vmalloc_to_page(p + i * words));
		/* Read back through the direct map: each page holds its own words. */
		direct = page_address(vm->pages[i]);
		KTEST_ASSERT_EQ(t, direct[0], pattern(i, 0));
		KTEST_ASSERT_EQ(t, direct[words - 1], pattern(i, words - 1));
	}
	vfree(p);
}

KTEST(vmalloc, vmalloc_to_page_matches_pte)
{
	char *p = vmalloc(3 * PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, p);
	for (int i = 0; i < 3; i++) {
		pte_t *pte = kernel_pte(p + i * PAGE_SIZE + 123);
		struct page *page = vmalloc_to_page(p + i * PAGE_SIZE + 123);

		KTEST_ASSERT_NOT_NULL(t, pte);
		KTEST_ASSERT_NOT_NULL(t, page);
		KTEST_EXPECT_EQ(t, page_to_pfn(page), pte_pfn(*pte));
		KTEST_EXPECT_EQ(t, page_count(page), 1);
		p[i * PAGE_SIZE + 123] = 'a' + i;
		KTEST_EXPECT_EQ(t, ((char *)page_address(page))[123], 'a' + i);
	}
	KTEST_EXPECT_NULL(t, vmalloc_to_page(p + 3 * PAGE_SIZE));	/* the guard page */
	vfree(p);
	KTEST_EXPECT_NULL(t, vmalloc_to_page(p));
}

KTEST(vmalloc, guard_page_not_present)
{
	char *p = vmalloc(PAGE_SIZE), *q = vmalloc(PAGE_SIZE);
	struct vm_struct *vm;

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_ASSERT_NOT_NULL(t, q);
	vm = find_vm_area(p);
	KTEST_ASSERT_NOT_NULL(t, vm);
	KTEST_EXPECT_EQ(t, vm->size, 2 * PAGE_SIZE);
	KTEST_EXPECT_NOT_NULL(t, kernel_pte(p));
	KTEST_EXPECT_NULL(t, kernel_pte(p + PAGE_SIZE));
	KTEST_EXPECT_EQ(t, find_vm_area(p + PAGE_SIZE), vm);	/* the guard is p's */
	KTEST_EXPECT_NE(t, q, p + PAGE_SIZE);
	vfree(q);
	vfree(p);
}

/* Busy areas never overlap, and each is followed by its guard page. */
KTEST(vmalloc, distinct_areas_with_guard_gap)
{
	static const unsigned long sizes[] = { 3, 1, 2, 5, 1 };
	char *p[ARRAY_SIZE(sizes)];

	for (int i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = vmalloc(sizes[i] * PAGE_SIZE);
		KTEST_ASSERT_NOT_NULL(t, p[i]);
		memset(p[i], i, sizes[i] * PAGE_SIZE);
	}
	for (int i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (int j = 0; j < ARRAY_SIZE(sizes); j++) {
			char *lo = min(p[i], p[j]), *hi = max(p[i], p[j]);
			unsigned long lo_pages = sizes[lo == p[i] ? i : j];

			if (i != j)
				KTEST_EXPECT_GE(t, hi, lo + (lo_pages + 1) * PAGE_SIZE);
		}
		KTEST_EXPECT_NULL(t, kernel_pte(p[i] + sizes[i] * PAGE_SIZE));
		KTEST_EXPECT_EQ(t, p[i][sizes[i] * PAGE_SIZE - 1], i);	/* nobody overwrote it */
	}
	for (int i = 0; i < ARRAY_SIZE(sizes); i++)
		vfree(p[i]);
}

/*
 * First fit: after a is freed, its range is again the lowest hole that
 * holds the size (nothing else was freed meanwhile), so an equal
 * allocation gets exactly a's address. The freed range is unmapped.
 */
KTEST(vmalloc, freed_range_reused)
{
	char *a = vmalloc(4 * PAGE_SIZE), *b = vmalloc(PAGE_SIZE), *c;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	vfree(a);
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT_NULL(t, kernel_pte(a + i * PAGE_SIZE));
	KTEST_EXPECT_NULL(t, find_vm_area(a));
	c = vmalloc(4 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, c, a);
	KTEST_EXPECT_NOT_NULL(t, kernel_pte(c + 3 * PAGE_SIZE));
	vfree(c);
	vfree(b);
}

/*
 * A warm-up allocation leaves the page tables and slab objects an area
 * at that address needs; after it, vmalloc(8 pages) takes exactly 8 free
 * pages and vfree() gives exactly them back.
 */
KTEST(vmalloc, free_pages_return_to_baseline)
{
	const unsigned long nr = 8;
	unsigned long free0, used0;
	void *p = vmalloc(nr * PAGE_SIZE), *q;

	KTEST_ASSERT_NOT_NULL(t, p);
	vfree(p);
	free0 = ktest_free_pages();
	used0 = vmalloc_nr_pages();
	KTEST_EXPECT_EQ(t, meminfo_kb("VmallocUsed:"), used0 << (PAGE_SHIFT - 10));

	q = vmalloc(nr * PAGE_SIZE);
	KTEST_ASSERT_EQ(t, q, p);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0 - nr);
	KTEST_EXPECT_EQ(t, vmalloc_nr_pages(), used0 + nr);
	KTEST_EXPECT_EQ(t, meminfo_kb("VmallocUsed:"), (used0 + nr) << (PAGE_SHIFT - 10));
	vfree(q);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0);
	KTEST_EXPECT_EQ(t, vmalloc_nr_pages(), used0);
}

/*
 * The vmalloc space's PGD entry exists from boot, and a new PGD (a new
 * process's) carries the same entry: kernel PGD entries never change.
 */
KTEST(vmalloc, kernel_pgd_entry_preallocated)
{
	pgd_t *pgd = pgd_alloc(&init_mm);

	KTEST_ASSERT_NOT_NULL(t, pgd);
	for (unsigned long addr = VMALLOC_START; addr < VMALLOC_LIMIT; addr += PGDIR_SIZE) {
		KTEST_EXPECT_TRUE(t, pgd_present(*pgd_offset_k(addr)));
		KTEST_EXPECT_EQ(t, pgd_val(pgd[pgd_index(addr)]), pgd_val(*pgd_offset_k(addr)));
		KTEST_EXPECT_EQ(t, pgd_val(current->active_mm->pgd[pgd_index(addr)]),
				pgd_val(*pgd_offset_k(addr)));
	}
	pgd_free(&init_mm, pgd);
}

/* The ktest runs in a forked task: its stack is a vmalloc() area. */
KTEST(vmalloc, kernel_stack_area)
{
	char *stack = current->stack;
	struct vm_struct *vm;

	if (current == &init_task) {
		ktest_skip(t, "the boot task's stack is not vmalloc()ed");
		return;
	}
	KTEST_EXPECT_TRUE(t, is_vmalloc_addr(stack));
	vm = find_vm_area(stack);
	KTEST_ASSERT_NOT_NULL(t, vm);
	KTEST_EXPECT_EQ(t, vm->addr, stack);
	KTEST_EXPECT_EQ(t, vm->nr_pages, THREAD_SIZE / PAGE_SIZE);
	KTEST_EXPECT_EQ(t, vm->size, THREAD_SIZE + PAGE_SIZE);
	KTEST_EXPECT_NOT_NULL(t, kernel_pte(stack));
	KTEST_EXPECT_NULL(t, kernel_pte(stack + THREAD_SIZE));	/* its guard page */
	KTEST_EXPECT_NULL(t, kernel_pte(stack - PAGE_SIZE));	/* a guard page or a hole */
	KTEST_EXPECT_TRUE(t, kernel_stack_guard_hit((unsigned long)stack - 8));
}

/* vfree() of anything but an area's start warns and frees nothing. */
KTEST(vmalloc, vfree_bad_address_warns)
{
	char *p = vmalloc(2 * PAGE_SIZE);
	void *obj = (void *)__get_free_page(GFP_KERNEL);
	unsigned long free0, warns;

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_ASSERT_NOT_NULL(t, obj);
	free0 = ktest_free_pages();
	warns = warn_count;
	vfree(obj);					/* a page of the direct map */
	KTEST_EXPECT_EQ(t, warn_count, warns + 1);
	vfree(p + PAGE_SIZE);				/* inside the area */
	KTEST_EXPECT_EQ(t, warn_count, warns + 2);
	vfree(p + 1);					/* not page aligned: two reports */
	KTEST_EXPECT_EQ(t, warn_count, warns + 4);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free0);
	KTEST_EXPECT_EQ(t, find_vm_area(p)->addr, p);
	KTEST_EXPECT_NOT_NULL(t, kernel_pte(p + PAGE_SIZE));
	free_page((unsigned long)obj);
	vfree(p);
	KTEST_EXPECT_EQ(t, warn_count, warns + 4);
}

/* The line /proc/vmallocinfo has for @vm, in Linux's format. */
static void vmallocinfo_line(char *buf, size_t size, struct vm_struct *vm)
{
	snprintf(buf, size, "0x%px-0x%px %7ld %pS pages=%u vmalloc\n", vm->addr,
		 vm->addr + vm->size, vm->size, vm->caller, vm->nr_pages);
}

/*
 * /proc/vmallocinfo, read through the VFS: the new area's line (20480
 * bytes: 4 pages and the guard, vmalloc() called from this function),
 * every line in address order without overlaps, and no line once freed.
 */
KTEST(vmalloc, proc_vmallocinfo)
{
	static char text[16384];
	char line[160], *p = vmalloc(3 * PAGE_SIZE + 100), *s, *next;
	unsigned long prev_end = VMALLOC_START;
	struct vm_struct *vm;
	bool mounted;

	KTEST_ASSERT_NOT_NULL(t, p);
	vm = find_vm_area(p);
	mounted = init_mount("proc", "/proc", "proc", 0, NULL) == 0;
	KTEST_EXPECT_GT(t, fs_read_file("/proc/vmallocinfo", text, sizeof(text)), 0);
	vmallocinfo_line(line, sizeof(line), vm);
	KTEST_EXPECT_NOT_NULL(t, strstr(line, "   20480 ktest_vmalloc__proc_vmallocinfo+0x"));
	KTEST_EXPECT_NOT_NULL(t, strstr(line, " pages=4 vmalloc\n"));
	KTEST_EXPECT_NOT_NULL(t, strstr(text, line));
	for (s = text; *s; s = next) {
		unsigned long start = simple_strtoul(s, &next, 16), end;

		KTEST_ASSERT_EQ(t, *next, '-');
		end = simple_strtoul(next + 1, &next, 16);
		KTEST_EXPECT_GE(t, start, prev_end);
		KTEST_EXPECT_GT(t, end, start);
		prev_end = end;
		next = strchr(next, '\n');
		KTEST_ASSERT_NOT_NULL(t, next);
		next++;
	}
	vfree(p);
	KTEST_EXPECT_GT(t, fs_read_file("/proc/vmallocinfo", text, sizeof(text)), 0);
	snprintf(line, sizeof(line), "0x%px-", p);
	KTEST_EXPECT_NULL(t, strstr(text, line));
	if (mounted)
		KTEST_EXPECT_EQ(t, init_umount("/proc", 0), 0);
}

/* Recurse until the stack runs into the guard page below it. */
static noinline unsigned long overflow_stack(unsigned long depth)
{
	volatile char frame[256];

	frame[0] = depth;
	if (depth > (1UL << 30))
		return 0;
	return overflow_stack(depth + 1) + frame[0];
}

KTEST_EXPLICIT(vmalloc, stack_overflow)
{
	ktest_log(t, "returned %lu: the stack did not overflow", overflow_stack(0));
}
