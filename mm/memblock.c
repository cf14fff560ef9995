// SPDX-License-Identifier: GPL-2.0
/*
 * memblock.c - the boot-time physical memory allocator. Mirrors
 * mm/memblock.c (one node, fixed-size region arrays).
 *
 * Both region arrays are kept sorted by base and without overlaps or
 * adjacent regions (adding merges, removing splits). An allocation searches
 * the free ranges (memory minus reserved) from the top down below
 * memblock.current_limit -- the boot page tables only map the first GiB, so
 * early page tables must come from there -- and reserves what it returns.
 */
#include <linux/memblock.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/panic.h>
#include <asm/page_types.h>
#include <linux/mm.h>
#include "internal.h"

static struct memblock_region memory_regions[INIT_MEMBLOCK_REGIONS];
static struct memblock_region reserved_regions[INIT_MEMBLOCK_REGIONS];
static bool memblock_debug;

struct memblock memblock = {
	.current_limit = MEMBLOCK_ALLOC_ANYWHERE,
	.memory = { .max = INIT_MEMBLOCK_REGIONS, .regions = memory_regions, .name = "memory" },
	.reserved = { .max = INIT_MEMBLOCK_REGIONS, .regions = reserved_regions, .name = "reserved" },
};

static int __init set_memblock_debug(char *arg)
{
	memblock_debug = true;
	return 1;
}
early_param("memblock=debug", set_memblock_debug);

static void memblock_insert_region(struct memblock_type *type, unsigned long idx,
				   phys_addr_t base, phys_addr_t size)
{
	if (type->cnt >= type->max)
		panic("memblock: %s array is full", type->name);
	memmove(&type->regions[idx + 1], &type->regions[idx],
		(type->cnt - idx) * sizeof(type->regions[0]));
	type->regions[idx] = (struct memblock_region){ base, size };
	type->cnt++;
}

static void memblock_remove_region(struct memblock_type *type, unsigned long idx)
{
	type->cnt--;
	memmove(&type->regions[idx], &type->regions[idx + 1],
		(type->cnt - idx) * sizeof(type->regions[0]));
}

/* memblock_merge_regions - join neighbours that touch or overlap. */
static void memblock_merge_regions(struct memblock_type *type)
{
	unsigned long i = 0;

	while (i + 1 < type->cnt) {
		struct memblock_region *this = &type->regions[i], *next = this + 1;

		if (this->base + this->size < next->base) {
			i++;
			continue;
		}
		this->size = max(this->base + this->size, next->base + next->size) - this->base;
		memblock_remove_region(type, i + 1);
	}
}

/* memblock_add_range - add [base, base+size) to @type, keeping it sorted and merged. */
static int memblock_add_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	unsigned long idx = 0;

	if (!size)
		return 0;
	while (idx < type->cnt && type->regions[idx].base < base)
		idx++;
	memblock_insert_region(type, idx, base, size);
	memblock_merge_regions(type);
	type->total_size = 0;
	for (unsigned long i = 0; i < type->cnt; i++)
		type->total_size += type->regions[i].size;
	return 0;
}

/* memblock_remove_range - cut [base, base+size) out of @type's regions. */
static int memblock_remove_range(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size;

	for (unsigned long i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];
		phys_addr_t rend = r->base + r->size;

		if (rend <= base || r->base >= end)
			continue;
		type->total_size -= min(rend, end) - max(r->base, base);
		if (r->base < base && rend > end) {		/* split in two */
			r->size = base - r->base;
			memblock_insert_region(type, i + 1, end, rend - end);
			return 0;
		}
		if (r->base < base) {
			r->size = base - r->base;
		} else if (rend > end) {
			r->size = rend - end;
			r->base = end;
		} else {
			memblock_remove_region(type, i--);
		}
	}
	return 0;
}

int memblock_add(phys_addr_t base, phys_addr_t size)
{
	if (memblock_debug)
		pr_info("memblock_add: [%#018lx-%#018lx]\n", base, base + size - 1);
	return memblock_add_range(&memblock.memory, base, size);
}

int memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	if (memblock_debug)
		pr_info("memblock_reserve: [%#018lx-%#018lx] %pS\n", base, base + size - 1,
			__builtin_return_address(0));
	return memblock_add_range(&memblock.reserved, base, size);
}

/* memblock_phys_free - give a reserved range back (it becomes allocatable). */
int memblock_phys_free(phys_addr_t base, phys_addr_t size)
{
	if (memblock_debug)
		pr_info("memblock_phys_free: [%#018lx-%#018lx] %pS\n", base, base + size - 1,
			__builtin_return_address(0));
	return memblock_remove_range(&memblock.reserved, base, size);
}

/**
 * __next_free_mem_range - next range of memory not covered by a reservation
 * @idx: iterator state, 0 to start: (memory index << 32) | gap index
 * @out_start: start of the range
 * @out_end: end of the range (exclusive)
 *
 * Walks every memory region and, inside it, the gaps between reserved
 * regions, in ascending order. Returns false when there are no more.
 */
bool __next_free_mem_range(u64 *idx, phys_addr_t *out_start, phys_addr_t *out_end)
{
	struct memblock_type *mem = &memblock.memory, *res = &memblock.reserved;
	unsigned long mi = *idx >> 32, ri = *idx & 0xffffffff;

	for (; mi < mem->cnt; mi++, ri = 0) {
		phys_addr_t m_start = mem->regions[mi].base;
		phys_addr_t m_end = m_start + mem->regions[mi].size;

		/* Gap ri lies between reserved region ri-1 and ri. */
		for (; ri <= res->cnt; ri++) {
			phys_addr_t r_start = ri ? res->regions[ri - 1].base + res->regions[ri - 1].size : 0;
			phys_addr_t r_end = ri < res->cnt ? res->regions[ri].base : MEMBLOCK_ALLOC_ANYWHERE;

			if (r_start >= m_end)
				break;
			if (m_start < r_end) {
				*out_start = max(m_start, r_start);
				*out_end = min(m_end, r_end);
				*idx = ((u64)(r_end >= m_end ? mi + 1 : mi) << 32) |
				       (r_end >= m_end ? 0 : ri + 1);
				return true;
			}
		}
	}
	return false;
}

/**
 * memblock_phys_alloc - allocate and reserve physical memory, top-down
 * @size: bytes
 * @align: alignment (a power of two)
 *
 * Returns the physical address, or 0 if no free range below
 * memblock.current_limit is large enough.
 */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t start, end, found = 0;
	u64 i;

	size = ALIGN(size, PAGE_SIZE);
	for_each_free_mem_range(i, &start, &end) {
		phys_addr_t cand;

		end = min(end, memblock.current_limit);
		if (end < size || end - size < start)
			continue;
		cand = ALIGN_DOWN(end - size, align);
		if (cand >= start && cand)
			found = max(found, cand);
	}
	if (found)
		memblock_reserve(found, size);
	return found;
}

/* memblock_alloc - allocate zeroed memory, return its direct-map address. */
void *memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t phys = memblock_phys_alloc(size, align);

	if (!phys)
		panic("memblock_alloc: cannot allocate %lu bytes", size);
	memset(__va(phys), 0, size);
	return __va(phys);
}

void memblock_set_current_limit(phys_addr_t limit)
{
	memblock.current_limit = limit;
}

phys_addr_t memblock_start_of_DRAM(void)
{
	return memblock.memory.regions[0].base;
}

phys_addr_t memblock_end_of_DRAM(void)
{
	struct memblock_region *last = &memblock.memory.regions[memblock.memory.cnt - 1];

	return last->base + last->size;
}

static bool type_contains(struct memblock_type *type, phys_addr_t addr)
{
	for (unsigned long i = 0; i < type->cnt; i++)
		if (addr >= type->regions[i].base &&
		    addr < type->regions[i].base + type->regions[i].size)
			return true;
	return false;
}

bool memblock_is_memory(phys_addr_t addr)
{
	return type_contains(&memblock.memory, addr);
}

bool memblock_is_reserved(phys_addr_t addr)
{
	return type_contains(&memblock.reserved, addr);
}

static void memblock_dump(struct memblock_type *type)
{
	pr_info(" %s.cnt  = 0x%lx\n", type->name, type->cnt);
	for (unsigned long i = 0; i < type->cnt; i++) {
		struct memblock_region *r = &type->regions[i];

		pr_info(" %s[0x%lx]\t[%#018lx-%#018lx], 0x%lx bytes\n", type->name, i,
			r->base, r->base + r->size - 1, r->size);
	}
}

/* memblock_dump_all - print both arrays (with memblock=debug). */
void memblock_dump_all(void)
{
	if (!memblock_debug)
		return;
	pr_info("MEMBLOCK configuration:\n");
	pr_info(" memory size = %#lx reserved size = %#lx\n", memblock.memory.total_size,
		memblock.reserved.total_size);
	memblock_dump(&memblock.memory);
	memblock_dump(&memblock.reserved);
}

/* Give [start_pfn, end_pfn) to the buddy allocator in naturally aligned blocks. */
static void __free_pages_memory(unsigned long start_pfn, unsigned long end_pfn)
{
	while (start_pfn < end_pfn) {
		unsigned int order = MAX_ORDER - 1;

		while (!IS_ALIGNED(start_pfn, 1UL << order) || start_pfn + (1UL << order) > end_pfn)
			order--;
		__free_pages_core(pfn_to_page(start_pfn), order);
		start_pfn += 1UL << order;
	}
}

/**
 * memblock_free_all - release all free memory to the buddy allocator
 *
 * Returns the number of pages released (they become the zones' managed
 * pages). Reserved ranges stay PG_reserved forever.
 */
unsigned long memblock_free_all(void)
{
	phys_addr_t start, end;
	unsigned long pages = 0;
	u64 i;

	for_each_free_mem_range(i, &start, &end) {
		unsigned long start_pfn = PFN_UP(start), end_pfn = PFN_DOWN(end);

		if (start_pfn >= end_pfn)
			continue;
		__free_pages_memory(start_pfn, end_pfn);
		pages += end_pfn - start_pfn;
	}
	return pages;
}
