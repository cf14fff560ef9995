// SPDX-License-Identifier: GPL-2.0
/*
 * init-mm.c - init_mm, the kernel's own address space. Mirrors
 * mm/init-mm.c. It has no VMAs; its PGD is the kernel's page table
 * (swapper_pg_dir), whose kernel half every user PGD shares. The idle task
 * and kernel threads run on it until they borrow a user mm (lazy TLB).
 * Its counts start above zero so that it is never freed.
 */
#include <linux/mm.h>
#include <linux/mm_types.h>

extern pgd_t init_top_pgt[];

struct mm_struct init_mm = {
	.mm_rb = RB_ROOT,
	.pgd = init_top_pgt,
	.mm_users = ATOMIC_INIT(2),
	.mm_count = ATOMIC_INIT(1),
	.mmap_lock = __RWSEM_INITIALIZER(init_mm.mmap_lock),
	.page_table_lock = __SPIN_LOCK_UNLOCKED(init_mm.page_table_lock),
	.mmlist = LIST_HEAD_INIT(init_mm.mmlist),
	.task_size = TASK_SIZE,
};
