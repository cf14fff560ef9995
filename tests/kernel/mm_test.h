/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm_test.h - what the memory ktest suites (memory, rmap, mmap, proc_mm)
 * share: address spaces built by hand (anonymous VMAs inserted and
 * counted as mmap would), user faults through handle_mm_fault(), PTE and
 * page lookups, the test thread running on a test mm as Linux's
 * kthread_use_mm() lets a kernel thread, and slab object counts from
 * /proc/slabinfo. The helpers are in mm_test.c.
 */
#ifndef _TESTS_MM_TEST_H
#define _TESTS_MM_TEST_H

#include <linux/mm.h>
#include "../../mm/internal.h"

/* SYS(name, .di = a, .si = b, ...) - call a system call's entry with these registers. */
#define SYS(name, ...) ({ struct pt_regs __regs = { __VA_ARGS__ }; __x64_sys_##name(&__regs); })

/* The vm_flags mmap gives a private PROT_READ | PROT_WRITE mapping. */
#define MM_TEST_RW	(VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

struct vm_area_struct *mm_test_new_vma(struct mm_struct *mm, unsigned long start,
				       unsigned long pages, unsigned long flags);
struct mm_struct *mm_test_new_mm(unsigned long start, unsigned long pages);
pte_t mm_test_fault(struct mm_struct *mm, unsigned long addr, bool write);
pte_t mm_test_pte(struct mm_struct *mm, unsigned long addr);
pte_t *mm_test_ptep(struct mm_struct *mm, unsigned long addr);
struct page *mm_test_page(struct mm_struct *mm, unsigned long addr);
struct mm_struct *mm_test_use_mm(struct mm_struct *mm);
void mm_test_unuse_mm(struct mm_struct *prev);
long mm_test_slab_active(const char *name);
long mm_test_ksm_knob(const char *name, const char *value);
struct mm_struct *mm_test_ksm_mm(unsigned long start, int c);
bool mm_test_ksm_merge(void);

/* A ramfs file written with @len bytes of @data and an mm the test thread runs on. */
struct mm_test_file {
	const char *path;
	struct file *file;
	struct address_space *mapping;
	struct mm_struct *mm, *prev_mm;
};
bool mm_test_file_start(struct mm_test_file *fw, const char *path, const void *data, size_t len);
/* Back to the borrowed mm; the test mm and the file go. True if no VMA maps the file any more. */
bool mm_test_file_end(struct mm_test_file *fw);

#endif /* _TESTS_MM_TEST_H */
