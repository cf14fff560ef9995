/* SPDX-License-Identifier: GPL-2.0 */
/*
 * memblock.h - the boot-time memory allocator. Mirrors include/linux/memblock.h.
 *
 * Before the buddy allocator exists, memory is described by two sorted
 * arrays of ranges: memblock.memory (all RAM, from the e820 map) and
 * memblock.reserved (what is in use: the kernel image, the multiboot
 * information, the initramfs, early allocations). memblock_alloc() finds
 * a free range (memory minus reserved), top-down under current_limit, and
 * reserves it. memblock_free_all() finally hands every free range to the
 * buddy allocator.
 */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>

#define INIT_MEMBLOCK_REGIONS 128
#define MEMBLOCK_ALLOC_ANYWHERE (~(phys_addr_t)0)

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	unsigned long cnt;
	unsigned long max;
	phys_addr_t total_size;
	struct memblock_region *regions;
	const char *name;
};

struct memblock {
	phys_addr_t current_limit;	/* allocations stay below this */
	struct memblock_type memory;
	struct memblock_type reserved;
};

extern struct memblock memblock;

int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
int memblock_phys_free(phys_addr_t base, phys_addr_t size);
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
void memblock_set_current_limit(phys_addr_t limit);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
bool memblock_is_memory(phys_addr_t addr);
bool memblock_is_reserved(phys_addr_t addr);
void memblock_dump_all(void);
unsigned long memblock_free_all(void);

/*
 * __next_free_mem_range - iterate over memory minus reserved, ascending.
 * Start with *idx = 0; returns false when done.
 */
bool __next_free_mem_range(u64 *idx, phys_addr_t *out_start, phys_addr_t *out_end);

#define for_each_free_mem_range(i, p_start, p_end)			\
	for (i = 0; __next_free_mem_range(&i, p_start, p_end); )

#define for_each_mem_region(i, rgn)					\
	for (i = 0, rgn = &memblock.memory.regions[0];			\
	     i < memblock.memory.cnt; i++, rgn = &memblock.memory.regions[i])

#endif /* _LINUX_MEMBLOCK_H */
