// SPDX-License-Identifier: GPL-2.0
/*
 * vmalloc.c - virtually contiguous kernel memory. Mirrors mm/vmalloc.c
 * (and preallocate_vmalloc_pages() from arch/x86/mm/init_64.c).
 *
 * vmalloc(size) builds an area in three steps, as Linux does:
 *
 *   __get_vm_area_node()    a struct vm_struct and a range of the vmalloc
 *                           space (struct vmap_area): the lowest free hole
 *                           that holds size + one guard page (first fit)
 *   __vmalloc_area_node()   size / PAGE_SIZE pages from alloc_page(), one
 *                           by one, wherever they are in RAM
 *   vmap_pages_range()      map them in init_mm's page tables with
 *                           PAGE_KERNEL (global, NX, writable); the guard
 *                           page stays unmapped, so running off the end of
 *                           an area -- or the bottom of a kernel stack into
 *                           the area below -- faults
 *
 * and vfree() undoes them: unmap the PTEs, flush the TLB, free the pages,
 * free the range. The busy ranges are kept in an rbtree (lookup by
 * address) and a list sorted by address (first-fit search,
 * /proc/vmallocinfo), both under vmap_area_lock.
 *
 * Every process's PGD copies the kernel half of init_mm's (pgd_alloc()),
 * so a PGD entry added later would be missing from the processes that
 * exist already. vmalloc_init() therefore gives the vmalloc space its PUD
 * table at boot, and areas are only carved below VMALLOC_LIMIT (the first
 * 512 GiB PGD entry), so that no kernel PGD entry ever changes after boot.
 * PMD and PTE tables are allocated on demand below it and never freed.
 *
 * Left out: vmap()/vm_map_ram()/ioremap areas, huge mappings, alignment
 * and node arguments, and the lazy purge -- Linux defers the TLB flush of
 * freed areas and frees their ranges in batches; Pagoda flushes at once.
 */
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/rbtree.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/printk.h>
#include <linux/panic.h>
#include <linux/init.h>
#include <linux/bug.h>
#include <linux/errno.h>
#include "internal.h"

/**
 * struct vmap_area - a busy range of the vmalloc space
 * @va_start: its first address
 * @va_end: its end (exclusive; the guard page is inside)
 * @rb_node: in vmap_area_root, keyed by address
 * @list: in vmap_area_list, sorted by address
 * @vm: the vm_struct using the range
 */
struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;
	struct rb_node rb_node;
	struct list_head list;
	struct vm_struct *vm;
};

static DEFINE_SPINLOCK(vmap_area_lock);
static struct rb_root vmap_area_root = RB_ROOT;
static LIST_HEAD(vmap_area_list);
static struct kmem_cache *vmap_area_cachep;

/* Pages vmalloc() holds: /proc/meminfo's VmallocUsed. */
static atomic_long_t nr_vmalloc_pages;

unsigned long vmalloc_nr_pages(void)
{
	return atomic_long_read(&nr_vmalloc_pages);
}

/* ---------------------------------------------------------------------- */
/* Ranges of the vmalloc space */

/* __find_vmap_area - the busy range containing @addr, or NULL. Under vmap_area_lock. */
static struct vmap_area *__find_vmap_area(unsigned long addr)
{
	struct rb_node *n = vmap_area_root.rb_node;

	while (n) {
		struct vmap_area *va = rb_entry(n, struct vmap_area, rb_node);

		if (addr < va->va_start)
			n = n->rb_left;
		else if (addr >= va->va_end)
			n = n->rb_right;
		else
			return va;
	}
	return NULL;
}

/* insert_vmap_area - add @va to the rbtree and, in address order, to the list. */
static void insert_vmap_area(struct vmap_area *va)
{
	struct rb_node **p = &vmap_area_root.rb_node, *parent = NULL, *prev;

	while (*p) {
		parent = *p;
		if (va->va_start < rb_entry(parent, struct vmap_area, rb_node)->va_start)
			p = &parent->rb_left;
		else
			p = &parent->rb_right;
	}
	rb_link_node(&va->rb_node, parent, p);
	rb_insert_color(&va->rb_node, &vmap_area_root);

	prev = rb_prev(&va->rb_node);
	list_add(&va->list, prev ? &rb_entry(prev, struct vmap_area, rb_node)->list :
				   &vmap_area_list);
}

static void unlink_vmap_area(struct vmap_area *va)
{
	rb_erase(&va->rb_node, &vmap_area_root);
	list_del(&va->list);
}

/*
 * alloc_vmap_area - reserve @size bytes of [@vstart, @vend) for @vm: the
 * lowest hole between the busy ranges that is big enough. NULL if there
 * is none (or no memory for the vmap_area).
 */
static struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long vstart,
					 unsigned long vend, struct vm_struct *vm)
{
	struct vmap_area *va = kmem_cache_alloc(vmap_area_cachep, GFP_KERNEL);
	struct vmap_area *busy;
	unsigned long addr = vstart;

	if (!va)
		return NULL;
	spin_lock(&vmap_area_lock);
	list_for_each_entry(busy, &vmap_area_list, list) {
		if (addr + size <= busy->va_start)
			break;
		addr = max(addr, busy->va_end);
	}
	if (addr + size > vend || addr + size < addr) {
		spin_unlock(&vmap_area_lock);
		kmem_cache_free(vmap_area_cachep, va);
		pr_warn("vmap allocation for size %lu failed\n", size);
		return NULL;
	}
	va->va_start = addr;
	va->va_end = addr + size;
	va->vm = vm;
	insert_vmap_area(va);
	spin_unlock(&vmap_area_lock);
	return va;
}

/* ---------------------------------------------------------------------- */
/* Mapping and unmapping pages in init_mm */

static int vmap_pages_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end,
				pgprot_t prot, struct page **pages, unsigned int *nr)
{
	pte_t *pte = pte_alloc_kernel(pmd, addr);

	if (!pte)
		return -ENOMEM;
	do {
		if (WARN_ON(!pte_none(*pte)))
			return -EBUSY;
		set_pte(pte, mk_pte(pages[(*nr)++], prot));
	} while (pte++, addr += PAGE_SIZE, addr != end);
	return 0;
}

static int vmap_pages_pmd_range(pud_t *pud, unsigned long addr, unsigned long end,
				pgprot_t prot, struct page **pages, unsigned int *nr)
{
	pmd_t *pmd = pmd_alloc(&init_mm, pud, addr);
	unsigned long next;

	if (!pmd)
		return -ENOMEM;
	do {
		next = pmd_addr_end(addr, end);
		if (vmap_pages_pte_range(pmd, addr, next, prot, pages, nr))
			return -ENOMEM;
	} while (pmd++, addr = next, addr != end);
	return 0;
}

static int vmap_pages_pud_range(pgd_t *pgd, unsigned long addr, unsigned long end,
				pgprot_t prot, struct page **pages, unsigned int *nr)
{
	pud_t *pud = pud_alloc(&init_mm, pgd, addr);
	unsigned long next;

	if (!pud)
		return -ENOMEM;
	do {
		next = pud_addr_end(addr, end);
		if (vmap_pages_pmd_range(pud, addr, next, prot, pages, nr))
			return -ENOMEM;
	} while (pud++, addr = next, addr != end);
	return 0;
}

/*
 * vmap_pages_range - map @pages at [@addr, @end) in the kernel's page
 * tables. The PGD entries exist already (vmalloc_init()); PMD and PTE
 * tables are allocated as needed. 0 or -ENOMEM.
 */
static int vmap_pages_range(unsigned long addr, unsigned long end, pgprot_t prot,
			    struct page **pages)
{
	pgd_t *pgd = pgd_offset_k(addr);
	unsigned int nr = 0;
	unsigned long next;

	do {
		next = pgd_addr_end(addr, end);
		if (vmap_pages_pud_range(pgd, addr, next, prot, pages, &nr))
			return -ENOMEM;
	} while (pgd++, addr = next, addr != end);
	return 0;
}

static void vunmap_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end)
{
	pte_t *pte = pte_offset_kernel(pmd, addr);

	do {
		pte_t ptent = ptep_get_and_clear(&init_mm, addr, pte);

		WARN_ON(!pte_none(ptent) && !pte_present(ptent));
	} while (pte++, addr += PAGE_SIZE, addr != end);
}

static void vunmap_pmd_range(pud_t *pud, unsigned long addr, unsigned long end)
{
	pmd_t *pmd = pmd_offset(pud, addr);
	unsigned long next;

	do {
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd))
			continue;
		vunmap_pte_range(pmd, addr, next);
	} while (pmd++, addr = next, addr != end);
}

static void vunmap_pud_range(pgd_t *pgd, unsigned long addr, unsigned long end)
{
	pud_t *pud = pud_offset(pgd, addr);
	unsigned long next;

	do {
		next = pud_addr_end(addr, end);
		if (pud_none(*pud))
			continue;
		vunmap_pmd_range(pud, addr, next);
	} while (pud++, addr = next, addr != end);
}

/*
 * vunmap_range - clear the PTEs of [@addr, @end) and flush them from the
 * TLB. The page tables stay, for the next area here.
 */
static void vunmap_range(unsigned long addr, unsigned long end)
{
	unsigned long start = addr, next;
	pgd_t *pgd = pgd_offset_k(addr);

	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd))
			continue;
		vunmap_pud_range(pgd, addr, next);
	} while (pgd++, addr = next, addr != end);
	flush_tlb_kernel_range(start, end);
}

/* ---------------------------------------------------------------------- */
/* Areas */

/*
 * __get_vm_area_node - a vm_struct for @size bytes (page aligned) plus a
 * guard page, placed in [@start, @end). NULL if out of memory or space.
 */
static struct vm_struct *__get_vm_area_node(unsigned long size, unsigned long start,
					    unsigned long end, const void *caller)
{
	struct vm_struct *area = kzalloc(sizeof(*area), GFP_KERNEL);
	struct vmap_area *va;

	if (!area)
		return NULL;
	size += PAGE_SIZE;	/* the guard page */
	va = alloc_vmap_area(size, start, end, area);
	if (!va) {
		kfree(area);
		return NULL;
	}
	area->addr = (void *)va->va_start;
	area->size = size;
	area->caller = caller;
	return area;
}

/**
 * find_vm_area - the area containing @addr
 * @addr: an address in the vmalloc space (its guard page included)
 *
 * Returns the vm_struct, or NULL if @addr is in no area.
 */
struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va;

	spin_lock(&vmap_area_lock);
	va = __find_vmap_area((unsigned long)addr);
	spin_unlock(&vmap_area_lock);
	return va ? va->vm : NULL;
}

/*
 * remove_vm_area - take the area starting at @addr out of the vmalloc
 * space: unmap it and free its range. Returns its vm_struct (the pages
 * are the caller's to free), or NULL if no area starts at @addr. (Linux
 * looks up the area containing @addr; Pagoda insists on its start, so a
 * vfree() of a pointer into the middle of an area is reported.)
 */
static struct vm_struct *remove_vm_area(const void *addr)
{
	struct vmap_area *va;
	struct vm_struct *vm;

	if (WARN(!IS_ALIGNED((unsigned long)addr, PAGE_SIZE), "Trying to vfree() bad address (%px)\n", addr))
		return NULL;
	spin_lock(&vmap_area_lock);
	va = __find_vmap_area((unsigned long)addr);
	if (va && va->va_start == (unsigned long)addr)
		unlink_vmap_area(va);
	else
		va = NULL;
	spin_unlock(&vmap_area_lock);
	if (!va)
		return NULL;
	vm = va->vm;
	vunmap_range(va->va_start, va->va_end);
	kmem_cache_free(vmap_area_cachep, va);
	return vm;
}

/**
 * vfree - free memory allocated by vmalloc()
 * @addr: what vmalloc() returned; NULL does nothing
 *
 * Unmaps the area, flushes the TLB and frees its pages. Any other address
 * is a bug of the caller: it is reported with a warning and nothing is
 * freed.
 */
void vfree(const void *addr)
{
	struct vm_struct *vm;

	if (!addr)
		return;
	vm = remove_vm_area(addr);
	if (unlikely(!vm)) {
		WARN(1, "Trying to vfree() nonexistent vm area (%px)\n", addr);
		return;
	}
	for (unsigned int i = 0; i < vm->nr_pages; i++)
		__free_page(vm->pages[i]);
	atomic_long_sub(vm->nr_pages, &nr_vmalloc_pages);
	kfree(vm->pages);
	kfree(vm);
}

/* vmalloc_warn - why an allocation failed (Linux's warn_alloc() line). */
static void vmalloc_warn(gfp_t gfp, unsigned long size, const char *why)
{
	if (!(gfp & __GFP_NOWARN))
		pr_warn("%s: vmalloc error: size %lu, %s, mode:%#x\n", current->comm, size, why,
			gfp);
}

/*
 * __vmalloc_area_node - fill @area with pages and map them. On failure the
 * area is vfree()d (with the pages it got) and NULL returned.
 */
static void *__vmalloc_area_node(struct vm_struct *area, gfp_t gfp, pgprot_t prot)
{
	unsigned long addr = (unsigned long)area->addr;
	unsigned int nr_small_pages = (area->size - PAGE_SIZE) >> PAGE_SHIFT;

	area->pages = kcalloc(nr_small_pages, sizeof(struct page *), gfp);
	if (!area->pages) {
		vmalloc_warn(gfp, nr_small_pages * PAGE_SIZE, "failed to allocate page array");
		goto fail;
	}
	while (area->nr_pages < nr_small_pages) {
		struct page *page = alloc_page(gfp | __GFP_NOWARN);

		if (!page)
			break;
		area->pages[area->nr_pages++] = page;
	}
	atomic_long_add(area->nr_pages, &nr_vmalloc_pages);
	if (area->nr_pages != nr_small_pages) {
		vmalloc_warn(gfp, area->nr_pages * PAGE_SIZE, "failed to allocate pages");
		goto fail;
	}
	if (vmap_pages_range(addr, addr + nr_small_pages * PAGE_SIZE, prot, area->pages)) {
		vmalloc_warn(gfp, area->nr_pages * PAGE_SIZE, "failed to map pages");
		goto fail;
	}
	return area->addr;

fail:
	vfree(area->addr);
	return NULL;
}

/*
 * __vmalloc_node_range - allocate @size bytes (rounded up to pages) of
 * virtually contiguous memory in [@start, @end), mapped with @prot, on
 * behalf of @caller. NULL for size 0, for more than there is RAM, or when
 * memory or address space runs out.
 */
static void *__vmalloc_node_range(unsigned long size, unsigned long start, unsigned long end,
				  gfp_t gfp, pgprot_t prot, const void *caller)
{
	unsigned long real_size = size;
	struct vm_struct *area;

	size = PAGE_ALIGN(size);
	if (WARN_ON_ONCE(!real_size))
		return NULL;
	if (!size || (size >> PAGE_SHIFT) > totalram_pages) {
		vmalloc_warn(gfp, real_size, "exceeds total pages");
		return NULL;
	}
	area = __get_vm_area_node(size, start, end, caller);
	if (!area) {
		vmalloc_warn(gfp, real_size, "vm_struct allocation failed");
		return NULL;
	}
	return __vmalloc_area_node(area, gfp, prot);
}

/**
 * vmalloc - allocate virtually contiguous memory
 * @size: bytes wanted (rounded up to whole pages)
 *
 * The memory is not zeroed. It may sleep. Returns the address (page
 * aligned, in the vmalloc space) or NULL; vmalloc(0) is NULL (and warns
 * once, as in Linux).
 */
void *vmalloc(unsigned long size)
{
	return __vmalloc_node_range(size, VMALLOC_START, VMALLOC_LIMIT, GFP_KERNEL, PAGE_KERNEL,
				    __builtin_return_address(0));
}

/**
 * vmalloc_to_page - the page mapped at a vmalloc address
 * @vmalloc_addr: an address in the vmalloc space
 *
 * Returns the page, or NULL where nothing is mapped (a guard page, a free
 * range).
 */
struct page *vmalloc_to_page(const void *vmalloc_addr)
{
	unsigned long addr = (unsigned long)vmalloc_addr;
	pmd_t *pmd = mm_find_pmd(&init_mm, addr);
	pte_t *pte;

	VM_WARN_ON_ONCE(!is_vmalloc_addr(vmalloc_addr));
	if (!pmd)
		return NULL;
	pte = pte_offset_kernel(pmd, addr);
	return pte_present(*pte) ? pfn_to_page(pte_pfn(*pte)) : NULL;
}

/* ---------------------------------------------------------------------- */

/*
 * preallocate_vmalloc_pages - give every PGD entry of [VMALLOC_START,
 * VMALLOC_LIMIT) its PUD table now, before the first process copies the
 * kernel half of the PGD (Linux does this for its whole vmalloc space).
 */
static void preallocate_vmalloc_pages(void)
{
	for (unsigned long addr = VMALLOC_START; addr < VMALLOC_LIMIT; addr += PGDIR_SIZE) {
		if (!pud_alloc(&init_mm, pgd_offset_k(addr), addr))
			panic("Failed to pre-allocate pud pages for vmalloc area");
	}
}

/**
 * vmalloc_init - set up vmalloc (after kmem_cache_init(), before the first
 * vmalloc() and the first pgd_alloc())
 */
void vmalloc_init(void)
{
	vmap_area_cachep = kmem_cache_create("vmap_area", sizeof(struct vmap_area), 0,
					     SLAB_PANIC, NULL);
	preallocate_vmalloc_pages();
}

/*
 * vmalloc_info_show - /proc/vmallocinfo: one line per area in address
 * order, in Linux's format:
 *   0xffffc90000000000-0xffffc90000005000   20480 dup_task_struct+0x2d/0xa0 pages=4 vmalloc
 * The range and size include the guard page; every area here is a
 * vmalloc() one.
 */
static int vmalloc_info_show(struct seq_file *m, void *p)
{
	struct vmap_area *va;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(va, &vmap_area_list, list) {
		struct vm_struct *v = va->vm;

		seq_printf(m, "0x%px-0x%px %7ld %pS", v->addr, v->addr + v->size, v->size,
			   v->caller);
		if (v->nr_pages)	/* 0 while vmalloc() is still allocating them */
			seq_printf(m, " pages=%d", v->nr_pages);
		seq_puts(m, " vmalloc\n");
	}
	spin_unlock(&vmap_area_lock);
	return 0;
}

static int __init proc_vmalloc_init(void)
{
	proc_create_single("vmallocinfo", 0400, NULL, vmalloc_info_show);
	return 0;
}
device_initcall(proc_vmalloc_init);
