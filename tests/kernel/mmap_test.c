// SPDX-License-Identifier: GPL-2.0
/*
 * mmap_test.c - ktest suite "mmap": the VMA layer (mm/mmap.c, mprotect.c,
 * mremap.c, madvise.c, util.c).
 *
 * Each case builds an address space with mm_alloc() and
 * arch_pick_mmap_layout(), makes the test thread use it (as Linux's
 * kthread_use_mm() does) and drives it through the same entry points as a
 * program: vm_mmap_pgoff() for mmap, the mprotect/mremap/madvise/brk/munmap
 * system calls with hand-built registers. Layouts are checked exactly, as
 * "first-end prot pgoff" in pages relative to BASE, with an 'A' where the
 * VMA has an anon_vma. mm_verify() (mm/debug_vm.c) then checks the lists,
 * the tree and every anon_vma interval tree. vma_iterator walks the VMA
 * iterator (mm/mmap.c) over VMAs and the gaps between them.
 */
#include "mm_test.h"
#include <linux/ktest.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/mm_verify.h>
#include <uapi/linux/mman.h>
#include "../../mm/vma.h"

#define BASE		0x40000000UL
#define RW		(PROT_READ | PROT_WRITE)
#define ANON_FIXED	(MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED)

long __x64_sys_mprotect(const struct pt_regs *regs);
long __x64_sys_munmap(const struct pt_regs *regs);
long __x64_sys_mremap(const struct pt_regs *regs);
long __x64_sys_madvise(const struct pt_regs *regs);
long __x64_sys_brk(const struct pt_regs *regs);


static unsigned long pg(long n)
{
	return BASE + n * PAGE_SIZE;
}

/* The address space a case runs in, and what it replaced. */
struct test_mm {
	struct mm_struct *mm;
	struct mm_struct *prev_mm;
	struct rlimit saved_rlim[RLIM_NLIMITS];
};

/*
 * test_mm_start - a fresh address space for current (mm_test_use_mm()),
 * with Linux's default limits: 8 MiB of stack, no address-space or data
 * limit.
 */
static struct mm_struct *test_mm_start(struct test_mm *tm)
{
	struct task_struct *tsk = current;

	tm->mm = mm_alloc();
	if (!tm->mm)
		return NULL;
	memcpy(tm->saved_rlim, tsk->rlim, sizeof(tsk->rlim));
	tsk->rlim[RLIMIT_AS].rlim_cur = RLIM_INFINITY;
	tsk->rlim[RLIMIT_DATA].rlim_cur = RLIM_INFINITY;
	tsk->rlim[RLIMIT_STACK].rlim_cur = _STK_LIM;
	arch_pick_mmap_layout(tm->mm);
	tm->prev_mm = mm_test_use_mm(tm->mm);
	return tm->mm;
}

/* test_mm_end - back to the borrowed address space; the test mm is torn down. */
static void test_mm_end(struct test_mm *tm)
{
	mm_test_unuse_mm(tm->prev_mm);
	memcpy(current->rlim, tm->saved_rlim, sizeof(current->rlim));
	mmput(tm->mm);
}

static unsigned long map(unsigned long addr, long pages, int prot, int flags)
{
	return vm_mmap_pgoff(NULL, addr, pages * PAGE_SIZE, prot, flags, 0);
}

/* map_fixed - anonymous memory at pages [first, first + count) of BASE. */
static unsigned long map_fixed(long first, long count, int prot)
{
	return map(pg(first), count, prot, ANON_FIXED);
}

static long mprotect(long first, long count, int prot)
{
	return SYS(mprotect, .di = pg(first), .si = count * PAGE_SIZE, .dx = prot);
}

static long munmap(long first, long count)
{
	return SYS(munmap, .di = pg(first), .si = count * PAGE_SIZE);
}

/* unmap_at - munmap of @pages pages at the address @addr. */
static long unmap_at(unsigned long addr, long pages)
{
	return SYS(munmap, .di = addr, .si = pages * PAGE_SIZE);
}

static long madvise(long first, long count, int advice)
{
	return SYS(madvise, .di = pg(first), .si = count * PAGE_SIZE, .dx = advice);
}

/*
 * layout - the VMAs within [BASE, BASE + 1 GiB) as "first-end prot pgoff"
 * in pages relative to BASE, "A" appended if the VMA has an anon_vma.
 */
static const char *layout(struct mm_struct *mm)
{
	static char buf[512];
	struct vm_area_struct *vma;
	size_t len = 0;

	buf[0] = '\0';
	for (vma = find_vma(mm, BASE); vma && vma->vm_start < BASE + (1UL << 30);
	     vma = vma->vm_next)
		len += scnprintf(buf + len, sizeof(buf) - len, "%s%ld-%ld %c%c%c %ld%s",
				 len ? "; " : "", (long)(vma->vm_start - BASE) >> PAGE_SHIFT,
				 (long)(vma->vm_end - BASE) >> PAGE_SHIFT,
				 vma->vm_flags & VM_READ ? 'r' : '-',
				 vma->vm_flags & VM_WRITE ? 'w' : '-',
				 vma->vm_flags & VM_EXEC ? 'x' : '-',
				 (long)(vma->vm_pgoff - (BASE >> PAGE_SHIFT)),
				 vma->anon_vma ? " A" : "");
	return buf;
}

/* tree_matches_list - the rbtree holds exactly the list's VMAs, in order, map_count of them. */
static bool tree_matches_list(struct mm_struct *mm)
{
	struct rb_node *node = rb_first(&mm->mm_rb);
	struct vm_area_struct *vma, *prev = NULL;
	int n = 0;

	for (vma = mm->mmap; vma; prev = vma, vma = vma->vm_next, node = rb_next(node), n++) {
		if (!node || rb_entry(node, struct vm_area_struct, vm_rb) != vma)
			return false;
		if (vma->vm_prev != prev || vma->vm_start >= vma->vm_end ||
		    (prev && prev->vm_end > vma->vm_start))
			return false;
	}
	return !node && n == mm->map_count;
}

KTEST(mmap, protection_map)
{
	unsigned long nx = __supported_pte_mask & _PAGE_NX;

	KTEST_EXPECT_EQ(t, pgprot_val(vm_get_page_prot(VM_NONE)), _PAGE_PROTNONE | _PAGE_ACCESSED);
	KTEST_EXPECT_EQ(t, pgprot_val(vm_get_page_prot(VM_READ)),
			_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | nx);
	/* Private writable: read-only PTEs until the write fault. */
	KTEST_EXPECT_EQ(t, pgprot_val(vm_get_page_prot(VM_READ | VM_WRITE)),
			_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED | nx);
	KTEST_EXPECT_EQ(t, pgprot_val(vm_get_page_prot(VM_READ | VM_EXEC)),
			_PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED);
	KTEST_EXPECT_EQ(t, pgprot_val(vm_get_page_prot(VM_SHARED | VM_READ | VM_WRITE)),
			_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | nx);
}

KTEST(mmap, find_vma)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);
	struct vm_area_struct *a, *b, *c, *prev;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, map_fixed(0, 2, RW), pg(0));
	KTEST_EXPECT_EQ(t, map_fixed(4, 2, PROT_READ), pg(4));
	KTEST_EXPECT_EQ(t, map_fixed(8, 2, RW), pg(8));
	KTEST_EXPECT_STREQ(t, layout(mm), "0-2 rw- 0; 4-6 r-- 4; 8-10 rw- 8");
	KTEST_EXPECT_EQ(t, mm->map_count, 3);
	KTEST_EXPECT_TRUE(t, tree_matches_list(mm));

	a = mm->mmap;
	b = a->vm_next;
	c = b->vm_next;
	KTEST_EXPECT_TRUE(t, find_vma(mm, pg(1) + 5) == a);
	KTEST_EXPECT_TRUE(t, find_vma(mm, pg(2)) == b);	/* the next one above */
	KTEST_EXPECT_TRUE(t, find_vma(mm, pg(5) + PAGE_SIZE - 1) == b);
	KTEST_EXPECT_TRUE(t, find_vma(mm, pg(10)) == NULL);
	KTEST_EXPECT_TRUE(t, find_vma_prev(mm, pg(3), &prev) == b && prev == a);
	KTEST_EXPECT_TRUE(t, find_vma_prev(mm, pg(11), &prev) == NULL && prev == c);
	KTEST_EXPECT_TRUE(t, find_vma_prev(mm, pg(0), &prev) == a && prev == NULL);
	KTEST_EXPECT_NULL(t, find_vma_intersection(mm, pg(2), pg(4)));
	KTEST_EXPECT_TRUE(t, find_vma_intersection(mm, pg(2), pg(4) + 1) == b);
	KTEST_EXPECT_TRUE(t, find_vma_intersection(mm, pg(6), pg(20)) == c);
	test_mm_end(&tm);
}

KTEST(mmap, placement)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);
	unsigned long base;

	KTEST_ASSERT_NOT_NULL(t, mm);
	/* 128 MiB below the stack top: Linux's layout without randomisation. */
	base = mm->mmap_base;
	KTEST_EXPECT_EQ(t, base, 0x7ffff7fff000UL);

	/* Top-down, right below mmap_base; the second mapping merges with the first. */
	KTEST_EXPECT_EQ(t, map(0, 4, RW, MAP_PRIVATE | MAP_ANONYMOUS), base - 4 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, map(0, 2, RW, MAP_PRIVATE | MAP_ANONYMOUS), base - 6 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_EQ(t, mm->mmap->vm_start, base - 6 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm->mmap->vm_end, base);
	KTEST_EXPECT_EQ(t, mm->total_vm, 6);

	/* A free hint is honoured; a taken one is not, nor is one below mmap_min_addr. */
	KTEST_EXPECT_EQ(t, map(pg(0) + 123, 1, RW, MAP_PRIVATE | MAP_ANONYMOUS), pg(0));
	KTEST_EXPECT_EQ(t, map(pg(0), 1, RW, MAP_PRIVATE | MAP_ANONYMOUS), base - 7 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, map(0x1000, 1, RW, MAP_PRIVATE | MAP_ANONYMOUS), mmap_min_addr);

	/* Errors. */
	KTEST_EXPECT_EQ(t, map(pg(0), 1, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE),
			-EEXIST);
	KTEST_EXPECT_EQ(t, map(0x1000, 1, RW, ANON_FIXED), -EPERM);
	KTEST_EXPECT_EQ(t, map(pg(0) + 1, 1, RW, ANON_FIXED), -EINVAL);
	KTEST_EXPECT_EQ(t, map(0, 1, RW, MAP_SHARED_VALIDATE | MAP_ANONYMOUS), -EINVAL);
	KTEST_EXPECT_EQ(t, map(0, 1, RW, MAP_ANONYMOUS), -EINVAL);
	KTEST_EXPECT_EQ(t, map(0, 0, RW, MAP_PRIVATE | MAP_ANONYMOUS), -EINVAL);
	KTEST_EXPECT_EQ(t, map(0, (1L << 47) >> PAGE_SHIFT, RW, MAP_PRIVATE | MAP_ANONYMOUS),
			-ENOMEM);
	KTEST_EXPECT_EQ(t, map(TASK_SIZE - PAGE_SIZE, 2, RW, ANON_FIXED), -ENOMEM);
	KTEST_EXPECT_TRUE(t, tree_matches_list(mm));
	test_mm_end(&tm);
}

/*
 * The free-area search over the gaps kept in the tree (rb_subtree_gap):
 * top-down takes the highest hole that is big enough, bottom-up (when
 * nothing below mmap_base is free) the lowest one above TASK_UNMAPPED_BASE.
 */
KTEST(mmap, gap_search)
{
	const unsigned long unmapped_base = PAGE_ALIGN(TASK_SIZE / 3);	/* x86's TASK_UNMAPPED_BASE */
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);
	unsigned long base, low;

	KTEST_ASSERT_NOT_NULL(t, mm);
	base = mm->mmap_base;
#define TOP(n)	(base - (n) * PAGE_SIZE)
	/* 200 one-page VMAs that cannot merge, top-down: VMA i at TOP(i + 1). */
	for (int i = 0; i < 200; i++)
		KTEST_ASSERT_EQ(t, map(0, 1, i % 2 ? PROT_READ : RW, MAP_PRIVATE | MAP_ANONYMOUS),
				TOP(i + 1));
	KTEST_EXPECT_EQ(t, mm->map_count, 200);
	/* Holes of 1, 2, 3 and 1 pages. */
	KTEST_EXPECT_EQ(t, unmap_at(TOP(11), 1), 0);
	KTEST_EXPECT_EQ(t, unmap_at(TOP(52), 2), 0);
	KTEST_EXPECT_EQ(t, unmap_at(TOP(103), 3), 0);
	KTEST_EXPECT_EQ(t, unmap_at(TOP(151), 1), 0);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* The highest hole that fits, at its top; below everything if none does. */
	KTEST_EXPECT_EQ(t, map(0, 3, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS), TOP(103));
	KTEST_EXPECT_EQ(t, map(0, 4, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS), TOP(204));
	KTEST_EXPECT_EQ(t, map(0, 1, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS), TOP(11));
	KTEST_EXPECT_EQ(t, map(0, 1, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS), TOP(51));
	KTEST_EXPECT_EQ(t, map(0, 1, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS), TOP(52));
	KTEST_EXPECT_EQ(t, map(0, 1, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS), TOP(151));
	KTEST_EXPECT_EQ(t, map(0, 1, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS), TOP(205));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/*
	 * Nothing free below mmap_base: bottom-up from TASK_UNMAPPED_BASE, the
	 * lowest gap that fits, even one that straddles mmap_base.
	 */
	low = max(PAGE_SIZE, mmap_min_addr);
	KTEST_EXPECT_EQ(t, map(low, (TOP(205) - low) >> PAGE_SHIFT, PROT_NONE, ANON_FIXED), low);
	KTEST_EXPECT_EQ(t, map(0, 1, RW, MAP_PRIVATE | MAP_ANONYMOUS), base);
	KTEST_EXPECT_EQ(t, map(base + 3 * PAGE_SIZE, 1, RW, ANON_FIXED), base + 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, unmap_at(TOP(1), 2), 0);	/* free: base - 1 .. base + 3 */
	KTEST_EXPECT_EQ(t, unmap_at(unmapped_base + 5 * PAGE_SIZE, 1), 0);
	KTEST_EXPECT_EQ(t, map(0, 3, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS), TOP(1));
	KTEST_EXPECT_EQ(t, map(0, 2, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS), base + 4 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, map(0, 1, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS),
			unmapped_base + 5 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
#undef TOP
	test_mm_end(&tm);
}

/* The VMA iterator: where each step goes, over VMAs and the gaps between them. */
KTEST(mmap, vma_iterator)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);
	struct vm_area_struct *a, *b, *c, *vma, *prev;
	int n = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	VMA_ITERATOR(vmi, mm, pg(1));
	map_fixed(0, 2, RW);
	map_fixed(4, 2, PROT_READ);
	map_fixed(8, 2, RW);
	a = find_vma(mm, pg(0));
	b = find_vma(mm, pg(4));
	c = find_vma(mm, pg(8));

	/* From an address inside a: a, b; back to a; nothing before a. */
	KTEST_EXPECT_TRUE(t, vma_next(&vmi) == a);
	KTEST_EXPECT_TRUE(t, vma_next(&vmi) == b);
	KTEST_EXPECT_EQ(t, vma_iter_addr(&vmi), pg(4));
	KTEST_EXPECT_EQ(t, vma_iter_end(&vmi), pg(6));
	KTEST_EXPECT_TRUE(t, vma_prev(&vmi) == a);
	KTEST_EXPECT_NULL(t, vma_prev(&vmi));	/* nothing below a */
	KTEST_EXPECT_EQ(t, vma_iter_addr(&vmi), 0);	/* back in the gap below a */
	KTEST_EXPECT_TRUE(t, vma_next(&vmi) == a);

	/* Below a: next_rewind finds a, no VMA before it, and stands in the gap. */
	vma_iter_set(&vmi, pg(-1));
	KTEST_EXPECT_TRUE(t, vma_iter_next_rewind(&vmi, &prev) == a && prev == NULL);
	KTEST_EXPECT_EQ(t, vma_iter_addr(&vmi), 0);
	KTEST_EXPECT_TRUE(t, vma_next(&vmi) == a);

	/* Ranges: a, the gap after it, b, and back. */
	KTEST_EXPECT_NULL(t, vma_iter_next_range(&vmi));
	KTEST_EXPECT_EQ(t, vma_iter_addr(&vmi), pg(2));
	KTEST_EXPECT_EQ(t, vma_iter_end(&vmi), pg(4));
	KTEST_EXPECT_TRUE(t, vma_iter_next_range(&vmi) == b);
	KTEST_EXPECT_NULL(t, vma_iter_prev_range(&vmi));
	KTEST_EXPECT_TRUE(t, vma_iter_prev_range(&vmi) == a);

	/* vma_find() stops at @max; the iterator then stands after b. */
	vma_iter_set(&vmi, pg(3));
	KTEST_EXPECT_TRUE(t, vma_find(&vmi, pg(5)) == b);
	KTEST_EXPECT_NULL(t, vma_find(&vmi, pg(8)));
	KTEST_EXPECT_TRUE(t, vma_prev(&vmi) == b);

	/* The gap after the last VMA runs to the top; next_rewind finds the gap in between. */
	vma_iter_set(&vmi, pg(9));
	KTEST_EXPECT_TRUE(t, vma_iter_load(&vmi) == c);
	KTEST_EXPECT_NULL(t, vma_iter_next_range(&vmi));
	KTEST_EXPECT_EQ(t, vma_iter_addr(&vmi), pg(10));
	vma_iter_set(&vmi, pg(7));
	KTEST_EXPECT_TRUE(t, vma_iter_next_rewind(&vmi, &prev) == c && prev == b);
	KTEST_EXPECT_EQ(t, vma_iter_addr(&vmi), pg(6));
	KTEST_EXPECT_EQ(t, vma_iter_end(&vmi), pg(8));
	/* From inside b: b itself, and the gap after a; above c: no next, the top gap. */
	vma_iter_set(&vmi, pg(5));
	KTEST_EXPECT_TRUE(t, vma_iter_next_rewind(&vmi, &prev) == b && prev == a);
	KTEST_EXPECT_EQ(t, vma_iter_addr(&vmi), pg(2));
	KTEST_EXPECT_EQ(t, vma_iter_end(&vmi), pg(4));
	vma_iter_set(&vmi, pg(11));
	KTEST_EXPECT_NULL(t, vma_iter_next_rewind(&vmi, &prev));
	KTEST_EXPECT_TRUE(t, prev == c);
	KTEST_EXPECT_EQ(t, vma_iter_addr(&vmi), pg(10));
	KTEST_EXPECT_EQ(t, vmi.last, ULONG_MAX);

	vma_iter_set(&vmi, pg(5));
	for_each_vma_range(vmi, vma, pg(9))
		n++;
	KTEST_EXPECT_EQ(t, n, 2);	/* b and c */
	test_mm_end(&tm);
}

/*
 * The merge cases of vma_merge_new_range() and vma_merge_existing_range(),
 * through mmap and mprotect, with exact pgoffs.
 */
KTEST(mmap, split_and_merge)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);

	KTEST_ASSERT_NOT_NULL(t, mm);
	map_fixed(8, 8, RW);
	KTEST_EXPECT_STREQ(t, layout(mm), "8-16 rw- 8");

	KTEST_EXPECT_EQ(t, mprotect(10, 2, PROT_READ), 0);		/* split in three */
	KTEST_EXPECT_STREQ(t, layout(mm), "8-10 rw- 8; 10-12 r-- 10; 12-16 rw- 12");
	KTEST_EXPECT_EQ(t, mprotect(10, 2, RW), 0);			/* prev, vma, next */
	KTEST_EXPECT_STREQ(t, layout(mm), "8-16 rw- 8");
	KTEST_EXPECT_EQ(t, mm->map_count, 1);

	KTEST_EXPECT_EQ(t, mprotect(8, 2, PROT_READ), 0);		/* split in two */
	KTEST_EXPECT_STREQ(t, layout(mm), "8-10 r-- 8; 10-16 rw- 10");
	KTEST_EXPECT_EQ(t, mprotect(10, 2, PROT_READ), 0);		/* prev grows */
	KTEST_EXPECT_STREQ(t, layout(mm), "8-12 r-- 8; 12-16 rw- 12");
	KTEST_EXPECT_EQ(t, mprotect(10, 2, RW), 0);			/* next grows down */
	KTEST_EXPECT_STREQ(t, layout(mm), "8-10 r-- 8; 10-16 rw- 10");
	KTEST_EXPECT_EQ(t, mprotect(8, 2, RW), 0);			/* all of vma: next */
	KTEST_EXPECT_STREQ(t, layout(mm), "8-16 rw- 8");

	/* A read-only mapping made writable becomes accountable, and merges into prev. */
	map_fixed(16, 4, PROT_READ);
	KTEST_EXPECT_STREQ(t, layout(mm), "8-16 rw- 8; 16-20 r-- 16");
	KTEST_EXPECT_FALSE(t, find_vma(mm, pg(16))->vm_flags & VM_ACCOUNT);
	KTEST_EXPECT_EQ(t, mprotect(16, 4, RW), 0);
	KTEST_EXPECT_STREQ(t, layout(mm), "8-20 rw- 8");

	map_fixed(20, 2, RW);						/* new: prev grows */
	map_fixed(6, 2, RW);						/* new: next grows */
	KTEST_EXPECT_STREQ(t, layout(mm), "6-22 rw- 6");
	KTEST_EXPECT_EQ(t, munmap(10, 2), 0);
	KTEST_EXPECT_STREQ(t, layout(mm), "6-10 rw- 6; 12-22 rw- 12");
	map_fixed(10, 2, RW);						/* new: prev and next */
	KTEST_EXPECT_STREQ(t, layout(mm), "6-22 rw- 6");

	/* MAP_FIXED over the middle replaces exactly that part. */
	map_fixed(10, 2, PROT_READ);
	KTEST_EXPECT_STREQ(t, layout(mm), "6-10 rw- 6; 10-12 r-- 10; 12-22 rw- 12");
	KTEST_EXPECT_EQ(t, mm->total_vm, 16);
	KTEST_EXPECT_EQ(t, mm->data_vm, 14);
	KTEST_EXPECT_EQ(t, munmap(7, 14), 0);				/* splits both ends */
	KTEST_EXPECT_STREQ(t, layout(mm), "6-7 rw- 6; 21-22 rw- 21");
	KTEST_EXPECT_EQ(t, mm->total_vm, 2);
	KTEST_EXPECT_TRUE(t, tree_matches_list(mm));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	test_mm_end(&tm);
}

/* Two VMAs with different anon_vmas never merge; the one taking pages over gets an anon_vma. */
KTEST(mmap, anon_vma_rules)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);
	struct vm_area_struct *a, *b;
	struct anon_vma *av;

	KTEST_ASSERT_NOT_NULL(t, mm);
	map_fixed(20, 2, RW);
	a = find_vma(mm, pg(20));
	KTEST_ASSERT_EQ(t, anon_vma_prepare(a), 0);
	map_fixed(23, 2, RW);
	b = find_vma(mm, pg(23));
	KTEST_ASSERT_EQ(t, anon_vma_prepare(b), 0);
	KTEST_EXPECT_TRUE(t, a->anon_vma != b->anon_vma);
	KTEST_EXPECT_STREQ(t, layout(mm), "20-22 rw- 20 A; 23-25 rw- 23 A");

	map_fixed(22, 1, RW);		/* merges with the one before it only */
	KTEST_EXPECT_STREQ(t, layout(mm), "20-23 rw- 20 A; 23-25 rw- 23 A");
	KTEST_EXPECT_EQ(t, a->vm_end, pg(23));
	map_fixed(25, 1, RW);		/* a fresh range joins a VMA with an anon_vma */
	KTEST_EXPECT_STREQ(t, layout(mm), "20-23 rw- 20 A; 23-26 rw- 23 A");
	KTEST_EXPECT_TRUE(t, find_vma(mm, pg(25)) == b);

	/*
	 * Case 1 with the anon_vma only on next: prev imports it (anon_vma_clone)
	 * before swallowing next's pages.
	 */
	map_fixed(30, 2, RW);
	map_fixed(33, 3, RW);
	b = find_vma(mm, pg(33));
	KTEST_ASSERT_EQ(t, anon_vma_prepare(b), 0);
	av = b->anon_vma;
	map_fixed(32, 1, RW);
	KTEST_EXPECT_STREQ(t, layout(mm), "20-23 rw- 20 A; 23-26 rw- 23 A; 30-36 rw- 30 A");
	a = find_vma(mm, pg(30));
	KTEST_EXPECT_TRUE(t, a->anon_vma == av);
	KTEST_EXPECT_EQ(t, list_count_nodes(&a->anon_vma_chain), 1);

	/* A range with an anon_vma does not merge into a neighbour with an empty chain. */
	map_fixed(40, 2, RW);
	map_fixed(42, 2, PROT_READ);
	KTEST_ASSERT_EQ(t, anon_vma_prepare(find_vma(mm, pg(42))), 0);
	KTEST_EXPECT_EQ(t, mprotect(42, 2, RW), 0);
	KTEST_EXPECT_STREQ(t, layout(mm),
			   "20-23 rw- 20 A; 23-26 rw- 23 A; 30-36 rw- 30 A; 40-42 rw- 40; 42-44 rw- 42 A");

	/* Splitting keeps the anon_vma on both halves. */
	KTEST_EXPECT_EQ(t, munmap(21, 1), 0);
	KTEST_EXPECT_STREQ(t, layout(mm),
			   "20-21 rw- 20 A; 22-23 rw- 22 A; 23-26 rw- 23 A; 30-36 rw- 30 A; 40-42 rw- 40; "
			   "42-44 rw- 42 A");
	KTEST_EXPECT_TRUE(t, find_vma(mm, pg(20))->anon_vma == find_vma(mm, pg(22))->anon_vma);
	KTEST_EXPECT_TRUE(t, tree_matches_list(mm));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	test_mm_end(&tm);
}

KTEST(mmap, madvise_flags)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);

	KTEST_ASSERT_NOT_NULL(t, mm);
	map_fixed(0, 8, RW);
	KTEST_EXPECT_EQ(t, madvise(2, 2, MADV_DONTFORK), 0);
	KTEST_EXPECT_STREQ(t, layout(mm), "0-2 rw- 0; 2-4 rw- 2; 4-8 rw- 4");
	KTEST_EXPECT_TRUE(t, find_vma(mm, pg(2))->vm_flags & VM_DONTCOPY);
	KTEST_EXPECT_EQ(t, madvise(2, 2, MADV_DOFORK), 0);
	KTEST_EXPECT_STREQ(t, layout(mm), "0-8 rw- 0");

	KTEST_EXPECT_EQ(t, madvise(0, 3, MADV_WIPEONFORK), 0);
	KTEST_EXPECT_EQ(t, madvise(3, 1, MADV_MERGEABLE), 0);
	KTEST_EXPECT_STREQ(t, layout(mm), "0-3 rw- 0; 3-4 rw- 3; 4-8 rw- 4");
	KTEST_EXPECT_EQ(t, find_vma(mm, pg(0))->vm_flags & (VM_WIPEONFORK | VM_MERGEABLE),
			VM_WIPEONFORK);
	KTEST_EXPECT_EQ(t, find_vma(mm, pg(3))->vm_flags & (VM_WIPEONFORK | VM_MERGEABLE),
			VM_MERGEABLE);
	KTEST_EXPECT_EQ(t, madvise(0, 3, MADV_KEEPONFORK), 0);
	KTEST_EXPECT_EQ(t, madvise(3, 1, MADV_UNMERGEABLE), 0);
	KTEST_EXPECT_STREQ(t, layout(mm), "0-8 rw- 0");

	KTEST_EXPECT_EQ(t, madvise(0, 8, MADV_RANDOM), 0);
	KTEST_EXPECT_TRUE(t, mm->mmap->vm_flags & VM_RAND_READ);
	KTEST_EXPECT_EQ(t, madvise(0, 8, MADV_SEQUENTIAL), 0);
	KTEST_EXPECT_EQ(t, mm->mmap->vm_flags & (VM_RAND_READ | VM_SEQ_READ), VM_SEQ_READ);
	KTEST_EXPECT_EQ(t, madvise(0, 8, MADV_NORMAL), 0);
	KTEST_EXPECT_EQ(t, madvise(0, 8, MADV_HUGEPAGE), 0);
	KTEST_EXPECT_EQ(t, mm->mmap->vm_flags & (VM_HUGEPAGE | VM_NOHUGEPAGE), VM_HUGEPAGE);
	KTEST_EXPECT_EQ(t, madvise(0, 8, MADV_NOHUGEPAGE), 0);
	KTEST_EXPECT_EQ(t, mm->mmap->vm_flags & (VM_HUGEPAGE | VM_NOHUGEPAGE), VM_NOHUGEPAGE);
	KTEST_EXPECT_EQ(t, madvise(0, 8, MADV_WILLNEED), 0);
	KTEST_EXPECT_EQ(t, madvise(0, 8, MADV_FREE), 0);

	/* Errors; a hole: applied to the mapped parts, then -ENOMEM. */
	KTEST_EXPECT_EQ(t, madvise(0, 1, 1234), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(madvise, .di = pg(0) + 1, .si = PAGE_SIZE, .dx = MADV_DONTNEED),
			-EINVAL);
	KTEST_EXPECT_EQ(t, madvise(0, 0, MADV_DONTFORK), 0);
	KTEST_EXPECT_EQ(t, munmap(4, 2), 0);
	KTEST_EXPECT_EQ(t, madvise(3, 4, MADV_DONTFORK), -ENOMEM);
	KTEST_EXPECT_TRUE(t, find_vma(mm, pg(3))->vm_flags & VM_DONTCOPY);
	KTEST_EXPECT_TRUE(t, find_vma(mm, pg(6))->vm_flags & VM_DONTCOPY);
	KTEST_EXPECT_FALSE(t, find_vma(mm, pg(7))->vm_flags & VM_DONTCOPY);
	KTEST_EXPECT_STREQ(t, layout(mm), "0-3 rw- 0; 3-4 rw- 3; 6-7 rw- 6; 7-8 rw- 7");
	KTEST_EXPECT_EQ(t, madvise(4, 2, MADV_DONTNEED), -ENOMEM);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	test_mm_end(&tm);
}

KTEST(mmap, mprotect_errors)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);

	KTEST_ASSERT_NOT_NULL(t, mm);
	map_fixed(0, 2, RW);
	KTEST_EXPECT_EQ(t, SYS(mprotect, .di = pg(0) + 1, .si = PAGE_SIZE, .dx = PROT_READ),
			-EINVAL);
	KTEST_EXPECT_EQ(t, mprotect(0, 1, 0x100), -EINVAL);
	KTEST_EXPECT_EQ(t, mprotect(2, 1, PROT_READ), -ENOMEM);
	KTEST_EXPECT_EQ(t, mprotect(0, 4, PROT_READ), -ENOMEM);	/* applied up to the hole */
	KTEST_EXPECT_STREQ(t, layout(mm), "0-2 r-- 0");
	KTEST_EXPECT_EQ(t, mprotect(0, 0, PROT_READ), 0);
	KTEST_EXPECT_EQ(t, mprotect(0, 1, PROT_READ | PROT_GROWSDOWN), -EINVAL);
	KTEST_EXPECT_EQ(t, munmap(0, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(munmap, .di = pg(0) + 1, .si = PAGE_SIZE), -EINVAL);
	KTEST_EXPECT_EQ(t, munmap(8, 2), 0);			/* a hole: nothing to do */
	test_mm_end(&tm);
}

KTEST(mmap, brk)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);
	unsigned long start = pg(100);

	KTEST_ASSERT_NOT_NULL(t, mm);
	mm->start_brk = mm->brk = start;
	KTEST_EXPECT_EQ(t, SYS(brk, .di = 0), start);
	KTEST_EXPECT_EQ(t, SYS(brk, .di = start + 3 * PAGE_SIZE), start + 3 * PAGE_SIZE);
	KTEST_EXPECT_STREQ(t, layout(mm), "100-103 rw- 100");
	KTEST_EXPECT_EQ(t, SYS(brk, .di = start + 5 * PAGE_SIZE + 1), start + 5 * PAGE_SIZE + 1);
	KTEST_EXPECT_STREQ(t, layout(mm), "100-106 rw- 100");	/* grown, not a second VMA */
	KTEST_EXPECT_EQ(t, SYS(brk, .di = start + PAGE_SIZE + 100), start + PAGE_SIZE + 100);
	KTEST_EXPECT_STREQ(t, layout(mm), "100-102 rw- 100");
	KTEST_EXPECT_EQ(t, mm->total_vm, 2);

	/* Refusals return the old break. */
	KTEST_EXPECT_EQ(t, SYS(brk, .di = start - PAGE_SIZE), start + PAGE_SIZE + 100);
	map_fixed(105, 1, RW);
	KTEST_EXPECT_EQ(t, SYS(brk, .di = start + 5 * PAGE_SIZE), start + PAGE_SIZE + 100);
	KTEST_EXPECT_EQ(t, SYS(brk, .di = start + 4 * PAGE_SIZE), start + 4 * PAGE_SIZE);
	KTEST_EXPECT_STREQ(t, layout(mm), "100-104 rw- 100; 105-106 rw- 105");
	KTEST_EXPECT_EQ(t, SYS(brk, .di = start), start);
	KTEST_EXPECT_STREQ(t, layout(mm), "105-106 rw- 105");
	test_mm_end(&tm);
}

KTEST(mmap, stack_growth)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);
	struct vm_area_struct *stack;

	KTEST_ASSERT_NOT_NULL(t, mm);
	map_fixed(0, 1, RW);
	KTEST_EXPECT_EQ(t, map(pg(400), 4, RW, ANON_FIXED | MAP_GROWSDOWN), pg(400));
	stack = find_vma(mm, pg(400));
	KTEST_ASSERT_TRUE(t, stack->vm_flags & VM_GROWSDOWN);

	mmap_read_lock(mm);
	KTEST_EXPECT_EQ(t, expand_stack(stack, pg(398) + 5), 0);
	KTEST_EXPECT_STREQ(t, layout(mm), "0-1 rw- 0; 398-404 rw- 398 A");
	/* The guard gap: 256 pages above the VMA below stay free. */
	KTEST_EXPECT_EQ(t, expand_stack(stack, pg(200)), -ENOMEM);
	KTEST_EXPECT_EQ(t, expand_stack(stack, pg(257)), 0);
	KTEST_EXPECT_EQ(t, stack->vm_start, pg(257));
	KTEST_EXPECT_EQ(t, stack->vm_pgoff, (BASE >> PAGE_SHIFT) + 257);
	KTEST_EXPECT_EQ(t, expand_stack(mm->mmap, pg(0) - PAGE_SIZE), -EFAULT);
	mmap_read_unlock(mm);
	KTEST_EXPECT_EQ(t, mm->stack_vm, 147);

	/* Placement keeps out of the guard gap too. */
	KTEST_EXPECT_EQ(t, vm_start_gap(stack), pg(1));
	KTEST_EXPECT_NE(t, map(pg(100), 1, RW, MAP_PRIVATE | MAP_ANONYMOUS), pg(100));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	test_mm_end(&tm);
}

/* mremap without pages: grow in place, refuse, move (pgoff of an unfaulted VMA follows it). */
KTEST(mmap, mremap_vmas)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);

	KTEST_ASSERT_NOT_NULL(t, mm);
	map_fixed(0, 8, PROT_NONE);
	map_fixed(8, 4, RW);
	map_fixed(32, 32, PROT_NONE);
	KTEST_EXPECT_EQ(t, SYS(mremap, .di = pg(8), .si = 4 * PAGE_SIZE, .dx = 8 * PAGE_SIZE), pg(8));
	KTEST_EXPECT_STREQ(t, layout(mm), "0-8 --- 0; 8-16 rw- 8; 32-64 --- 32");
	KTEST_EXPECT_EQ(t, SYS(mremap, .di = pg(8), .si = 8 * PAGE_SIZE, .dx = 32 * PAGE_SIZE),
			-ENOMEM);
	KTEST_EXPECT_EQ(t, SYS(mremap, .di = pg(8), .si = 8 * PAGE_SIZE, .dx = 2 * PAGE_SIZE,
			       .r10 = MREMAP_MAYMOVE | MREMAP_FIXED, .r8 = pg(40)), pg(40));
	/* Never faulted: the moved VMA takes the pgoff of its new address. */
	KTEST_EXPECT_STREQ(t, layout(mm), "0-8 --- 0; 32-40 --- 32; 40-42 rw- 40; 42-64 --- 42");
	KTEST_EXPECT_EQ(t, SYS(mremap, .di = pg(40), .si = 2 * PAGE_SIZE, .dx = 0,
			       .r10 = MREMAP_MAYMOVE), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(mremap, .di = pg(40), .si = PAGE_SIZE, .dx = PAGE_SIZE,
			       .r10 = MREMAP_FIXED, .r8 = pg(50)), -EINVAL);
	KTEST_EXPECT_EQ(t, SYS(mremap, .di = pg(20), .si = PAGE_SIZE, .dx = 2 * PAGE_SIZE,
			       .r10 = MREMAP_MAYMOVE), -EFAULT);
	KTEST_EXPECT_EQ(t, SYS(mremap, .di = pg(40), .si = 4 * PAGE_SIZE, .dx = 8 * PAGE_SIZE,
			       .r10 = MREMAP_MAYMOVE), -EFAULT);	/* crosses VMAs */
	KTEST_EXPECT_EQ(t, SYS(mremap, .di = pg(40), .si = 2 * PAGE_SIZE, .dx = PAGE_SIZE), pg(40));
	KTEST_EXPECT_STREQ(t, layout(mm), "0-8 --- 0; 32-40 --- 32; 40-41 rw- 40; 42-64 --- 42");
	KTEST_EXPECT_TRUE(t, tree_matches_list(mm));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	test_mm_end(&tm);
}

/* mremap moving faulted pages: the same frames, one mapping, page->index still right. */
/*
 * mremap growing in place into a hole that ends at a compatible VMA: the
 * three become one (vma_merge_extend()), prev taking next's anon_vma if it
 * had none.
 */
KTEST(mmap, mremap_grows_into_next)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);
	struct vm_area_struct *vma;

	KTEST_ASSERT_NOT_NULL(t, mm);
	map_fixed(8, 3, RW);
	vma = find_vma(mm, pg(8));
	KTEST_ASSERT_EQ(t, anon_vma_prepare(vma), 0);
	KTEST_EXPECT_EQ(t, munmap(9, 1), 0);
	KTEST_EXPECT_STREQ(t, layout(mm), "8-9 rw- 8 A; 10-11 rw- 10 A");
	KTEST_EXPECT_EQ(t, SYS(mremap, .di = pg(8), .si = PAGE_SIZE, .dx = 2 * PAGE_SIZE), pg(8));
	KTEST_EXPECT_STREQ(t, layout(mm), "8-11 rw- 8 A");
	KTEST_EXPECT_TRUE(t, find_vma(mm, pg(8)) == vma);	/* prev grew, next went */

	/* Only next has an anon_vma: prev joins it before taking next's pages. */
	map_fixed(16, 1, RW);
	map_fixed(18, 1, RW);
	KTEST_ASSERT_EQ(t, anon_vma_prepare(find_vma(mm, pg(18))), 0);
	KTEST_EXPECT_STREQ(t, layout(mm), "8-11 rw- 8 A; 16-17 rw- 16; 18-19 rw- 18 A");
	KTEST_EXPECT_EQ(t, SYS(mremap, .di = pg(16), .si = PAGE_SIZE, .dx = 2 * PAGE_SIZE), pg(16));
	KTEST_EXPECT_STREQ(t, layout(mm), "8-11 rw- 8 A; 16-19 rw- 16 A");
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	KTEST_EXPECT_EQ(t, mm->total_vm, 6);
	KTEST_EXPECT_TRUE(t, tree_matches_list(mm));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	test_mm_end(&tm);
}

KTEST(mmap, mremap_moves_ptes)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);
	unsigned long pfn[4], moved;
	struct vm_area_struct *vma;

	KTEST_ASSERT_NOT_NULL(t, mm);
	map_fixed(8, 4, RW);
	map_fixed(12, 1, PROT_NONE);
	for (int i = 0; i < 4; i++) {
		KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, pg(8 + i), true)));
		pfn[i] = pte_pfn(mm_test_pte(mm, pg(8 + i)));
	}
	moved = SYS(mremap, .di = pg(8), .si = 4 * PAGE_SIZE, .dx = 8 * PAGE_SIZE,
		    .r10 = MREMAP_MAYMOVE);
	KTEST_ASSERT_FALSE(t, IS_ERR_VALUE(moved));
	KTEST_EXPECT_NE(t, moved, pg(8));
	vma = find_vma(mm, moved);
	KTEST_EXPECT_EQ(t, vma->vm_start, moved);
	KTEST_EXPECT_EQ(t, vma->vm_end, moved + 8 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, vma->vm_pgoff, pg(8) >> PAGE_SHIFT);	/* kept for page->index */
	for (int i = 0; i < 4; i++) {
		struct page *page = pfn_to_page(pfn[i]);

		KTEST_EXPECT_EQ(t, pte_pfn(mm_test_pte(mm, moved + i * PAGE_SIZE)), pfn[i]);
		KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(mm, pg(8 + i))));
		KTEST_EXPECT_EQ(t, page_mapcount(page), 1);
		KTEST_EXPECT_EQ(t, page->index, linear_page_index(vma, moved + i * PAGE_SIZE));
		KTEST_EXPECT_EQ(t, vma_address(vma, page->index, 1), moved + i * PAGE_SIZE);
	}
	KTEST_EXPECT_STREQ(t, layout(mm), "12-13 --- 12");
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_ANONPAGES), 4);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	test_mm_end(&tm);
}

/* mprotect rewrites the PTEs: read-only, and writable again only for exclusive anonymous pages. */
KTEST(mmap, mprotect_ptes)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);
	struct page *shared;

	KTEST_ASSERT_NOT_NULL(t, mm);
	map_fixed(0, 4, RW);
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, pg(0), true)));
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, pg(1), true)));
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, pg(2), false)));	/* the zero page */
	KTEST_EXPECT_TRUE(t, pte_write(mm_test_pte(mm, pg(0))));

	KTEST_EXPECT_EQ(t, mprotect(0, 4, PROT_READ), 0);
	for (int i = 0; i < 3; i++) {
		KTEST_EXPECT_TRUE(t, pte_present(mm_test_pte(mm, pg(i))));
		KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(mm, pg(i))));
	}
	KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(mm, pg(3))));

	/* Page 1 is shared as after a fork: its next write must copy. */
	shared = mm_test_page(mm, pg(1));
	ClearPageAnonExclusive(shared);
	KTEST_EXPECT_EQ(t, mprotect(0, 4, RW), 0);
	KTEST_EXPECT_TRUE(t, pte_write(mm_test_pte(mm, pg(0))));
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(mm, pg(1))));
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(mm, pg(2))));
	SetPageAnonExclusive(shared);

	KTEST_EXPECT_EQ(t, mprotect(0, 4, PROT_NONE), 0);
	KTEST_EXPECT_FALSE(t, pte_val(mm_test_pte(mm, pg(0))) & _PAGE_PRESENT);
	KTEST_EXPECT_TRUE(t, pte_present(mm_test_pte(mm, pg(0))));	/* still maps its page */
	KTEST_EXPECT_STREQ(t, layout(mm), "0-4 --- 0 A");
	test_mm_end(&tm);
}

KTEST(mmap, populate_and_dontneed)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_EQ(t, map(pg(0), 8, RW, ANON_FIXED | MAP_POPULATE), pg(0));
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_ANONPAGES), 8);
	for (int i = 0; i < 8; i++)
		KTEST_EXPECT_TRUE(t, pte_write(mm_test_pte(mm, pg(i))));
	KTEST_EXPECT_EQ(t, madvise(2, 3, MADV_DONTNEED), 0);
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_ANONPAGES), 5);
	KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(mm, pg(2))));
	KTEST_EXPECT_TRUE(t, pte_present(mm_test_pte(mm, pg(5))));
	KTEST_EXPECT_EQ(t, madvise(0, 8, MADV_FREE), 0);		/* Pagoda keeps the data */
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_ANONPAGES), 5);
	/* PROT_NONE is not populated. */
	KTEST_EXPECT_EQ(t, map(pg(16), 2, PROT_NONE, ANON_FIXED | MAP_POPULATE), pg(16));
	KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(mm, pg(16))));
	test_mm_end(&tm);
}

/* A busy address space: splits, merges, moves, pages and page tables. */
static void busy_mm(void)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);

	if (!mm)
		return;
	map(pg(0), 16, RW, ANON_FIXED | MAP_POPULATE);
	map(pg(1024), 8, RW, ANON_FIXED | MAP_POPULATE);	/* another page table */
	map(0, 4, RW, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE);
	mprotect(4, 2, PROT_READ);
	munmap(10, 1);
	madvise(12, 2, MADV_DONTFORK);
	SYS(mremap, .di = pg(1024), .si = 8 * PAGE_SIZE, .dx = 16 * PAGE_SIZE,
	    .r10 = MREMAP_MAYMOVE | MREMAP_FIXED, .r8 = pg(600000));
	mm->start_brk = mm->brk = pg(4096);
	SYS(brk, .di = pg(4100));
	test_mm_end(&tm);
}

KTEST(mmap, exit_frees_everything)
{
	unsigned long free_before;
	long vmas_before;

	busy_mm();				/* warm the slab caches up */
	kmem_cache_shrink_all();
	free_before = ktest_free_pages();
	vmas_before = mm_test_slab_active("vm_area_struct");
	busy_mm();
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, mm_test_slab_active("vm_area_struct"), vmas_before);
	KTEST_EXPECT_EQ(t, ktest_free_pages(), free_before);
}

#ifdef CONFIG_DEBUG_TLBFLUSH
/* tlb_flushes - the TLB flush counters of /proc/vmstat (CONFIG_DEBUG_TLBFLUSH). */
static void tlb_flushes(unsigned long *all, unsigned long *one)
{
	*all = vm_event_states[NR_TLB_LOCAL_FLUSH_ALL];
	*one = vm_event_states[NR_TLB_LOCAL_FLUSH_ONE];
}

/*
 * A gather flushes the range it unmapped, page by page up to 33 pages,
 * once for all its VMAs (x86 merges their ranges, the hole between them
 * too); exit_mmap() gathers the whole address space
 * (tlb_gather_mmu_fullmm()) and flushes all of it once at the end,
 * however many VMAs it had.
 */
KTEST(mmap, exit_flushes_the_tlb_once)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm);
	unsigned long all, one, all0, one0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	for (int i = 0; i < 4; i++)	/* four VMAs of two present pages each */
		KTEST_ASSERT_EQ(t, map(pg(4 * i), 2, i % 2 ? PROT_READ : RW, ANON_FIXED | MAP_POPULATE),
				pg(4 * i));
	tlb_flushes(&all0, &one0);
	KTEST_EXPECT_EQ(t, munmap(12, 2), 0);
	tlb_flushes(&all, &one);
	KTEST_EXPECT_EQ(t, all - all0, 0);
	KTEST_EXPECT_EQ(t, one - one0, 2);
	KTEST_EXPECT_EQ(t, munmap(0, 6), 0);	/* two VMAs and the hole: pages 0-5 */
	tlb_flushes(&all0, &one0);
	KTEST_EXPECT_EQ(t, all0 - all, 0);
	KTEST_EXPECT_EQ(t, one0 - one, 6);

	exit_mmap(mm);			/* as mmput() does, with the mm still loaded */
	tlb_flushes(&all, &one);
	KTEST_EXPECT_EQ(t, all - all0, 1);
	KTEST_EXPECT_EQ(t, one - one0, 0);
	KTEST_EXPECT_NULL(t, mm->mmap);
	test_mm_end(&tm);
}

/*
 * fork write-protects the parent's PTEs of every COW VMA; dup_mmap()
 * flushes the parent's TLB once for all of them, at the end.
 */
KTEST(mmap, fork_flushes_the_parent_once)
{
	struct test_mm tm;
	struct mm_struct *mm = test_mm_start(&tm), *child;
	unsigned long all, one, all0, one0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	for (int i = 0; i < 4; i++)	/* four private writable VMAs with pages */
		KTEST_ASSERT_EQ(t, map(pg(4 * i), 2, RW, ANON_FIXED | MAP_POPULATE), pg(4 * i));
	KTEST_EXPECT_EQ(t, mm->map_count, 4);
	KTEST_EXPECT_TRUE(t, pte_write(mm_test_pte(mm, pg(0))));
	tlb_flushes(&all0, &one0);
	child = dup_mm(mm);
	tlb_flushes(&all, &one);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, all - all0, 1);
	KTEST_EXPECT_EQ(t, one - one0, 0);
	KTEST_EXPECT_FALSE(t, pte_write(mm_test_pte(mm, pg(0))));	/* write-protected for COW */
	mmput(child);
	test_mm_end(&tm);
}
#endif
