// SPDX-License-Identifier: GPL-2.0
/*
 * mm_test.c - the helpers the memory ktest suites share (mm_test.h):
 * anonymous VMAs and address spaces built by hand, user faults, PTE and
 * page lookups, running the test thread on a test mm (Linux's
 * kthread_use_mm()/kthread_unuse_mm(), kernel/kthread.c) and the
 * active_objs column of /proc/slabinfo, the knobs of /sys/kernel/mm/ksm.
 */
#include "mm_test.h"
#include "fs_test.h"
#include <linux/mmu_context.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/init_syscalls.h>
#include <linux/sprintf.h>
#include <linux/ksm.h>
#include <uapi/linux/mman.h>

/**
 * mm_test_new_vma - an anonymous VMA of @pages at @start in @mm
 * @mm: the address space
 * @start: its first address, page-aligned
 * @pages: its size in pages
 * @flags: its vm_flags (MM_TEST_RW: private read-write memory)
 *
 * Linked with insert_vm_struct() and counted in total_vm (and data_vm,
 * stack_vm, exec_vm by @flags) as mmap would count it. NULL if memory
 * runs out or the range overlaps a VMA.
 */
struct vm_area_struct *mm_test_new_vma(struct mm_struct *mm, unsigned long start,
				       unsigned long pages, unsigned long flags)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);

	if (!vma)
		return NULL;
	vma->vm_start = start;
	vma->vm_end = start + pages * PAGE_SIZE;
	vma->vm_flags = flags;
	vma->vm_page_prot = vm_get_page_prot(flags);
	mmap_write_lock(mm);
	if (insert_vm_struct(mm, vma)) {
		vm_area_free(vma);
		vma = NULL;
	} else {
		vm_stat_account(mm, flags, pages);
	}
	mmap_write_unlock(mm);
	return vma;
}

/**
 * mm_test_new_mm - an address space with one read-write anonymous VMA
 * @start: the VMA's first address
 * @pages: its size in pages
 *
 * mmput() it. NULL if memory runs out.
 */
struct mm_struct *mm_test_new_mm(unsigned long start, unsigned long pages)
{
	struct mm_struct *mm = mm_alloc();

	if (mm && !mm_test_new_vma(mm, start, pages, MM_TEST_RW)) {
		mmput(mm);
		mm = NULL;
	}
	return mm;
}

/**
 * mm_test_fault - a user access to @addr of @mm, as the page-fault handler makes it
 * @mm: the address space
 * @addr: the address accessed, inside a VMA
 * @write: a write access (else a read)
 *
 * handle_mm_fault() with FAULT_FLAG_USER under the mmap lock held for
 * reading. Returns the PTE the fault leaves at @addr, or a none PTE if
 * the fault failed.
 */
pte_t mm_test_fault(struct mm_struct *mm, unsigned long addr, bool write)
{
	vm_fault_t ret;

	mmap_read_lock(mm);
	ret = handle_mm_fault(find_vma(mm, addr), addr,
			      FAULT_FLAG_USER | (write ? FAULT_FLAG_WRITE : 0));
	mmap_read_unlock(mm);
	return ret & VM_FAULT_ERROR ? __pte(0) : mm_test_pte(mm, addr);
}

/**
 * mm_test_pte - the PTE of @addr in @mm
 * @mm: the address space
 * @addr: a user address
 *
 * A none PTE if the page table of @addr does not exist.
 */
pte_t mm_test_pte(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = mm_test_ptep(mm, addr);

	return pte ? *pte : __pte(0);
}

/**
 * mm_test_ptep - the PTE of @addr in @mm, or NULL if its page table does not exist
 * @mm: the address space
 * @addr: a user address
 */
pte_t *mm_test_ptep(struct mm_struct *mm, unsigned long addr)
{
	pmd_t *pmd = mm_find_pmd(mm, addr);

	return pmd ? pte_offset_map(pmd, addr) : NULL;
}

/**
 * mm_test_page - the normal page mapped at @addr of @mm
 * @mm: the address space
 * @addr: a user address
 *
 * vm_normal_page() of its PTE: NULL where nothing is mapped and where the
 * zero page is.
 */
struct page *mm_test_page(struct mm_struct *mm, unsigned long addr)
{
	pte_t pte = mm_test_pte(mm, addr);

	return pte_present(pte) ? vm_normal_page(find_vma(mm, addr), addr, pte) : NULL;
}

/**
 * mm_test_use_mm - run the test thread on @mm, as kthread_use_mm() does
 * @mm: the address space; the caller keeps its user reference
 *
 * current->mm and ->active_mm become @mm, pinned with mmgrab(), and its
 * page tables are loaded, so that @mm's user addresses work. The thread
 * also stops being a kernel thread meanwhile, as a process would be:
 * get_task_mm() (and so /proc/self) ignores the mm of a PF_KTHREAD task,
 * as in Linux. Returns the active_mm it borrowed before, for
 * mm_test_unuse_mm().
 */
struct mm_struct *mm_test_use_mm(struct mm_struct *mm)
{
	struct mm_struct *prev = current->active_mm;

	current->flags &= ~PF_KTHREAD;
	mmgrab(mm);
	current->mm = mm;
	current->active_mm = mm;
	switch_mm(prev, mm);
	return prev;
}

/**
 * mm_test_unuse_mm - back to the address space borrowed before mm_test_use_mm()
 * @prev: what mm_test_use_mm() returned
 *
 * Drops mm_test_use_mm()'s mmgrab(); the caller still mmput()s the mm.
 */
void mm_test_unuse_mm(struct mm_struct *prev)
{
	struct mm_struct *mm = current->mm;

	switch_mm(mm, prev);
	current->active_mm = prev;
	current->mm = NULL;
	current->flags |= PF_KTHREAD;
	mmdrop(mm);
}

/**
 * mm_test_slab_active - the active_objs column of cache @name in /proc/slabinfo
 * @name: the cache's name
 *
 * -1 if there is no such cache.
 */
long mm_test_slab_active(const char *name)
{
	static char text[16384];
	struct seq_file m = { .buf = text, .size = sizeof(text) - 1 };
	size_t len = strlen(name);
	char *line;

	slabinfo_show(&m, NULL);
	text[m.count] = '\0';
	for (line = text; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		if (!strncmp(line, name, len) && line[len] == ' ') {
			for (line += len; *line == ' '; line++)
				;
			return simple_strtoul(line, NULL, 10);
		}
	return -1;
}

bool mm_test_file_start(struct mm_test_file *fw, const char *path, const void *data, size_t len)
{
	loff_t pos = 0;

	fw->path = path;
	fw->file = filp_open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (IS_ERR(fw->file))
		return false;
	fw->mapping = file_inode(fw->file)->i_mapping;
	fw->mm = mm_alloc();
	if (kernel_write(fw->file, data, len, &pos) != (ssize_t)len || !fw->mm) {
		if (fw->mm)
			mmput(fw->mm);
		fput(fw->file);
		init_unlink(path);
		return false;
	}
	arch_pick_mmap_layout(fw->mm);
	fw->prev_mm = mm_test_use_mm(fw->mm);
	return true;
}

bool mm_test_file_end(struct mm_test_file *fw)
{
	bool unmapped;

	mm_test_unuse_mm(fw->prev_mm);
	mmput(fw->mm);
	unmapped = !mapping_mapped(fw->mapping);
	fput(fw->file);
	init_unlink(fw->path);
	return unmapped;
}

/**
 * mm_test_ksm_knob - /sys/kernel/mm/ksm/@name as a number
 * @name: the file
 * @value: written first, unless NULL
 *
 * -1 if the write or the read fails (sysfs must be mounted on /sys).
 */
long mm_test_ksm_knob(const char *name, const char *value)
{
	char path[64], text[32];
	unsigned long n;

	snprintf(path, sizeof(path), "/sys/kernel/mm/ksm/%s", name);
	if (value && fs_write_file(path, value, strlen(value), 0) < 0)
		return -1;
	if (fs_read_file(path, text, sizeof(text)) < 0 || kstrtoul(text, 10, &n))
		return -1;
	return n;
}

/**
 * mm_test_ksm_mm - a one-page address space at @start for KSM to merge
 * @start: the page's address
 * @c: the byte the page is filled with
 *
 * The page is faulted in, filled and its VMA made MADV_MERGEABLE. NULL if
 * any step fails.
 */
struct mm_struct *mm_test_ksm_mm(unsigned long start, int c)
{
	struct mm_struct *mm = mm_test_new_mm(start, 1);
	struct vm_area_struct *vma;
	int err;

	if (!mm)
		return NULL;
	if (!pte_present(mm_test_fault(mm, start, true))) {
		mmput(mm);
		return NULL;
	}
	memset(page_address(mm_test_page(mm, start)), c, PAGE_SIZE);
	vma = find_vma(mm, start);
	mmap_write_lock(mm);
	err = ksm_madvise(vma, start, start + PAGE_SIZE, MADV_MERGEABLE, &vma->vm_flags);
	mmap_write_unlock(mm);
	if (err || !(vma->vm_flags & VM_MERGEABLE)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

/**
 * mm_test_ksm_merge - let ksmd (run=1) complete two full scans, then stop it
 *
 * Two scans merge identical mergeable pages: the first records their
 * checksums, the second merges. Set sleep_millisecs first for speed.
 * False if the scans did not complete within 10 s or a knob failed.
 */
bool mm_test_ksm_merge(void)
{
	long scans = mm_test_ksm_knob("full_scans", NULL);

	if (mm_test_ksm_knob("run", "1") != 1)
		return false;
	for (int i = 0; i < 1000 && mm_test_ksm_knob("full_scans", NULL) < scans + 2; i++)
		msleep(10);
	return mm_test_ksm_knob("run", "0") == 0 &&
	       mm_test_ksm_knob("full_scans", NULL) >= scans + 2;
}
