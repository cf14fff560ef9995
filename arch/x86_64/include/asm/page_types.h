/* SPDX-License-Identifier: GPL-2.0 */
/*
 * page_types.h - page size and the kernel's virtual memory layout.
 * Mirrors arch/x86/include/asm/page_types.h and page_64_types.h.
 *
 *   0000000000000000 - 00007fffffffffff  user space (128 TiB)
 *   ffff888000000000 - ffffc87fffffffff  direct map of all RAM (PAGE_OFFSET)
 *   ffffc90000000000 - ffffe8ffffffffff  vmalloc space (kernel stacks)
 *   ffffffff80000000 - ffffffff9fffffff  kernel image (__START_KERNEL_map)
 */
#ifndef _ASM_X86_PAGE_TYPES_H
#define _ASM_X86_PAGE_TYPES_H

#define PAGE_SHIFT		12
#define PAGE_SIZE		(1UL << PAGE_SHIFT)
#define PAGE_MASK		(~(PAGE_SIZE - 1))

#define PMD_SHIFT		21
#define PMD_SIZE		(1UL << PMD_SHIFT)
#define PMD_MASK		(~(PMD_SIZE - 1))
#define PUD_SHIFT		30
#define PUD_SIZE		(1UL << PUD_SHIFT)
#define PUD_MASK		(~(PUD_SIZE - 1))
#define PGDIR_SHIFT		39
#define PGDIR_SIZE		(1UL << PGDIR_SHIFT)
#define PGDIR_MASK		(~(PGDIR_SIZE - 1))
#define PTRS_PER_PTE		512
#define PTRS_PER_PMD		512
#define PTRS_PER_PUD		512
#define PTRS_PER_PGD		512

#define PAGE_OFFSET		0xffff888000000000UL
#define VMALLOC_START		0xffffc90000000000UL
#define VMALLOC_END		0xffffe8ffffffffffUL
#define __START_KERNEL_map	0xffffffff80000000UL
#define KERNEL_IMAGE_SIZE	(512UL << 20)

/* The highest user address + 1 (47-bit virtual addresses, 4-level paging). */
#define TASK_SIZE_MAX		((1UL << 47) - PAGE_SIZE)
#define TASK_SIZE		TASK_SIZE_MAX

/* The top of a new program's stack: its [stack] VMA ends here (no randomisation). */
#define STACK_TOP		TASK_SIZE
#define STACK_TOP_MAX		TASK_SIZE_MAX

#ifndef __ASSEMBLER__
/*
 * __pa - physical address of a kernel virtual address: in the direct map
 * or in the kernel image.
 */
static inline unsigned long __phys_addr(unsigned long x)
{
	if (x >= __START_KERNEL_map)
		return x - __START_KERNEL_map;
	return x - PAGE_OFFSET;
}

#define __pa(x)		__phys_addr((unsigned long)(x))
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))
#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(x)	((unsigned long)(x) << PAGE_SHIFT)
#define PAGE_ALIGN(x)	(((x) + PAGE_SIZE - 1) & PAGE_MASK)
#endif

#endif /* _ASM_X86_PAGE_TYPES_H */
