/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm.h - the memory-management interface: struct page helpers (reference
 * and map counts, page <-> pfn <-> address), and the mm subsystem's
 * entry points. Mirrors include/linux/mm.h, page_ref.h and mm_inline.h.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/mmzone.h>
#include <linux/gfp.h>
#include <asm/page_types.h>
#include <asm/pgtable.h>
#include <linux/mutex.h>
#include <linux/vmalloc.h>

struct task_struct;
struct anon_vma;
struct file;
struct mmu_gather;

extern struct page *mem_map;
extern unsigned long max_pfn;		/* one past the highest RAM page frame */
extern unsigned long totalram_pages;	/* pages managed by the buddy allocator */

/* --- page <-> pfn <-> kernel virtual address (the direct map) --- */
static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return mem_map + pfn;
}

static inline bool pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

static inline void *page_address(const struct page *page)
{
	return __va(PFN_PHYS(page_to_pfn(page)));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(__pa(addr)));
}

#define virt_to_pfn(addr) PFN_DOWN(__pa(addr))

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline struct zone *page_zone(const struct page *page)
{
	return &contig_page_data.node_zones[page_zonenum(page)];
}

static inline struct pglist_data *page_pgdat(const struct page *page)
{
	return page_zone(page)->zone_pgdat;
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= (unsigned long)zone << ZONES_PGSHIFT;
}

/* --- reference counts --- */
static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline int page_count(const struct page *page)
{
	return page_ref_count(page);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void init_page_count(struct page *page)
{
	set_page_count(page, 1);
}

static inline void page_ref_inc(struct page *page)
{
	atomic_inc(&page->_refcount);
}

static inline void page_ref_add(struct page *page, int nr)
{
	atomic_add(nr, &page->_refcount);
}

static inline bool page_ref_dec_and_test(struct page *page)
{
	return atomic_dec_and_test(&page->_refcount);
}

static inline void page_ref_dec(struct page *page)
{
	atomic_dec(&page->_refcount);
}

static inline void get_page(struct page *page)
{
	VM_BUG_ON(page_ref_count(page) <= 0);
	page_ref_inc(page);
}

/* put_page_testzero - drop a reference; true if it was the last one. */
static inline bool put_page_testzero(struct page *page)
{
	VM_BUG_ON(page_ref_count(page) == 0);
	return page_ref_dec_and_test(page);
}


/* --- map counts: _mapcount starts at -1, so page_mapcount() is the PTE count. --- */
static inline void page_mapcount_reset(struct page *page)
{
	atomic_set(&page->_mapcount, -1);
}

static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline bool page_mapped(const struct page *page)
{
	return page_mapcount(page) > 0;
}

/*
 * --- folios (struct folio: mm_types.h) ---
 * page_folio() is the folio a page belongs to: a cast, because every
 * page outside a hugetlb folio is its own one-page folio and nothing looks
 * a hugetlb folio up from a tail page (Linux follows a tail page's
 * compound_head to the head first; docs/linux-6.12.md).
 */
#define page_folio(p)		(_Generic((p),					\
	const struct page *:	(const struct folio *)(p),			\
	struct page *:		(struct folio *)(p)))

/* folio_page - the @n'th page of @folio; folio_page_idx - the inverse. */
#define folio_page(folio, n)	(&(folio)->page + (n))
#define folio_page_idx(folio, p)	((p) - &(folio)->page)

static inline unsigned long folio_pfn(const struct folio *folio)
{
	return page_to_pfn(&folio->page);
}

static inline struct folio *pfn_folio(unsigned long pfn)
{
	return page_folio(pfn_to_page(pfn));
}

/*
 * folio_order - log2 of the folio's pages: 0, or for a large folio the
 * low byte of its second page's flags (Linux's _flags_1).
 */
static inline unsigned int folio_order(const struct folio *folio)
{
	if (!folio_test_large(folio))
		return 0;
	return *const_folio_flags(folio, 1) & PAGE_FLAGS_SECOND;
}

static inline long folio_nr_pages(const struct folio *folio)
{
	return 1L << folio_order(folio);
}

static inline size_t folio_size(const struct folio *folio)
{
	return PAGE_SIZE << folio_order(folio);
}

static inline void *folio_address(const struct folio *folio)
{
	return page_address(&folio->page);
}

static inline enum zone_type folio_zonenum(const struct folio *folio)
{
	return page_zonenum(&folio->page);
}

static inline struct zone *folio_zone(const struct folio *folio)
{
	return page_zone(&folio->page);
}

static inline struct pglist_data *folio_pgdat(const struct folio *folio)
{
	return page_pgdat(&folio->page);
}

static inline int folio_ref_count(const struct folio *folio)
{
	return page_ref_count(&folio->page);
}

static inline void folio_ref_add(struct folio *folio, int nr)
{
	page_ref_add(&folio->page, nr);
}

/*
 * folio_ref_freeze - set the refcount from @count to 0 if it is @count
 * (nobody else holds one); folio_ref_unfreeze - from 0 to @count.
 */
static inline bool folio_ref_freeze(struct folio *folio, int count)
{
	return atomic_cmpxchg(&folio->_refcount, count, 0) == count;
}

static inline void folio_ref_unfreeze(struct folio *folio, int count)
{
	atomic_set(&folio->_refcount, count);
}

/* folio_try_get - a reference unless the folio is being freed (refcount 0). */
static inline bool folio_try_get(struct folio *folio)
{
	return atomic_inc_not_zero(&folio->page._refcount);
}

/* folio_get - one more reference to a folio the caller already holds one of. */
static inline void folio_get(struct folio *folio)
{
	get_page(&folio->page);
}

static inline bool folio_put_testzero(struct folio *folio)
{
	return put_page_testzero(&folio->page);
}

void __folio_put(struct folio *folio);
/* folio_copy - copy a folio's contents (mm/util.c; migration). */
void folio_copy(struct folio *dst, struct folio *src);

/* folio_put - drop a reference; the last one frees the folio. */
static inline void folio_put(struct folio *folio)
{
	if (folio_put_testzero(folio))
		__folio_put(folio);
}

/* folio_put_refs - drop @refs references at once; the last one frees the folio. */
static inline void folio_put_refs(struct folio *folio, int refs)
{
	VM_BUG_ON(folio_ref_count(folio) < refs);
	if (atomic_sub_return(refs, &folio->_refcount) == 0)
		__folio_put(folio);
}

static inline void put_page(struct page *page)
{
	folio_put(page_folio(page));
}

/*
 * folio_mapcount - how many page-table entries map the folio. A large
 * folio would count the mappings of all its pages (_large_mapcount).
 */
static inline int folio_mapcount(const struct folio *folio)
{
	return atomic_read(&folio->_mapcount) + 1;
}

static inline bool folio_mapped(const struct folio *folio)
{
	return folio_mapcount(folio) >= 1;
}

/* --- the buddy order of a free page --- */
static inline unsigned int buddy_order(const struct page *page)
{
	return page->private;
}

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

/* --- VMA flags (Linux's values; /proc/PID/smaps prints them as VmFlags) --- */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYREAD	0x00000010UL	/* what mprotect() may turn on */
#define VM_MAYWRITE	0x00000020UL
#define VM_MAYEXEC	0x00000040UL
#define VM_MAYSHARE	0x00000080UL
#define VM_GROWSDOWN	0x00000100UL	/* the stack */
#define VM_LOCKED	0x00002000UL
#define VM_DONTCOPY	0x00020000UL	/* MADV_DONTFORK */
#define VM_DONTEXPAND	0x00040000UL
#define VM_LOCKONFAULT	0x00080000UL	/* lock the pages when they are faulted in */
#define VM_ACCOUNT	0x00100000UL
#define VM_NORESERVE	0x00200000UL
#define VM_HUGETLB	0x00400000UL	/* a MAP_HUGETLB mapping (mm/hugetlb.c) */
#define VM_HUGEPAGE	0x20000000UL	/* MADV_HUGEPAGE */
#define VM_NOHUGEPAGE	0x40000000UL
#define VM_MERGEABLE	0x80000000UL	/* KSM may merge its pages */
#define VM_WIPEONFORK	0x02000000UL	/* the child gets zero pages */
#define VM_SOFTDIRTY	0x08000000UL

#define VM_STACK_FLAGS	(VM_GROWSDOWN | VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | \
			 VM_MAYEXEC | VM_ACCOUNT)
#define VM_DATA_DEFAULT_FLAGS (VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)
/* Flags that must be equal for two VMAs to merge. */
#define VM_MERGE_IGNORE	(VM_SOFTDIRTY)
#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)
/* The access flags: VMAs differing only in these may share an anon_vma. */
#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)

pgprot_t vm_get_page_prot(unsigned long vm_flags);

static inline unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/* vma_last_pgoff - the file (or anon_vma) page offset of @vma's last page. */
static inline unsigned long vma_last_pgoff(const struct vm_area_struct *vma)
{
	return vma->vm_pgoff + vma_pages(vma) - 1;
}

static inline bool vma_is_anonymous(const struct vm_area_struct *vma)
{
	return !vma->vm_file;
}

/* vma_is_initial_heap - the VMA overlaps the brk() heap ([heap] in maps). */
static inline bool vma_is_initial_heap(const struct vm_area_struct *vma)
{
	return vma->vm_start < vma->vm_mm->brk && vma->vm_end > vma->vm_mm->start_brk;
}

/* vma_is_initial_stack - the VMA holds the initial stack pointer ([stack]). */
static inline bool vma_is_initial_stack(const struct vm_area_struct *vma)
{
	return vma->vm_start <= vma->vm_mm->start_stack &&
	       vma->vm_end >= vma->vm_mm->start_stack;
}

/* The interval tree of a file's VMAs, address_space->i_mmap (mm/interval_tree.c). */
void vma_interval_tree_insert(struct vm_area_struct *node, struct rb_root_cached *root);
void vma_interval_tree_remove(struct vm_area_struct *node, struct rb_root_cached *root);
struct vm_area_struct *vma_interval_tree_iter_first(struct rb_root_cached *root,
						    unsigned long start, unsigned long last);
struct vm_area_struct *vma_interval_tree_iter_next(struct vm_area_struct *node,
						   unsigned long start, unsigned long last);
#define vma_interval_tree_foreach(vma, root, start, last)			\
	for (vma = vma_interval_tree_iter_first(root, start, last);		\
	     vma; vma = vma_interval_tree_iter_next(vma, start, last))

/* is_cow_mapping - private and possibly writable: fork must share pages read-only. */
static inline bool is_cow_mapping(unsigned long flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* linear_page_index - the page's index in the VMA's "file" (see mm_types.h). */
static inline pgoff_t linear_page_index(const struct vm_area_struct *vma, unsigned long address)
{
	return vma->vm_pgoff + ((address - vma->vm_start) >> PAGE_SHIFT);
}

/*
 * --- the VMA iterator (struct vma_iterator in mm_types.h) ---
 * Linux's are inline wrappers around the maple tree; Pagoda's steps are
 * lookups in mm->mm_rb (mm/mmap.c). After a step the iterator stands on
 * the VMA it returned; after a NULL, just past its last range.
 */
struct vm_area_struct *vma_find(struct vma_iterator *vmi, unsigned long max);
struct vm_area_struct *vma_prev_limit(struct vma_iterator *vmi, unsigned long min);
struct vm_area_struct *vma_iter_next_range(struct vma_iterator *vmi);
void vma_iter_bulk_store(struct vma_iterator *vmi, struct vm_area_struct *vma);

/* vma_next - the next VMA (the first at or after the start address, at first). */
static inline struct vm_area_struct *vma_next(struct vma_iterator *vmi)
{
	return vma_find(vmi, ULONG_MAX);
}

/* vma_prev - the VMA before the iterator's range; if none, NULL: the iterator is in the gap. */
static inline struct vm_area_struct *vma_prev(struct vma_iterator *vmi)
{
	return vma_prev_limit(vmi, 0);
}

/* vma_iter_set - start again from @addr (the next step walks there first). */
static inline void vma_iter_set(struct vma_iterator *vmi, unsigned long addr)
{
	vmi->index = addr;
	vmi->active = false;
}

#define for_each_vma(__vmi, __vma)					\
	while (((__vma) = vma_next(&(__vmi))) != NULL)

/* The VMAs that start below @__end (an exclusive end, as mm code likes it). */
#define for_each_vma_range(__vmi, __vma, __end)				\
	while (((__vma) = vma_find(&(__vmi), (__end))) != NULL)

/* --- address spaces: mm/mmap.c, kernel/fork.c --- */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_prev(struct mm_struct *mm, unsigned long addr,
				     struct vm_area_struct **pprev);
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start,
					     unsigned long end);

/* vma_lookup - the VMA that contains @addr, or NULL. */
static inline struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	return vma && vma->vm_start <= addr ? vma : NULL;
}
unsigned long get_unmapped_area(struct file *file, unsigned long addr, unsigned long len,
				unsigned long pgoff, unsigned long flags);
unsigned long do_mmap(struct file *file, unsigned long addr, unsigned long len,
		      unsigned long prot, unsigned long flags, unsigned long pgoff,
		      unsigned long *populate);
int do_munmap(struct mm_struct *mm, unsigned long start, size_t len);
int vm_brk_flags(unsigned long addr, unsigned long len, unsigned long flags);
int insert_vm_struct(struct mm_struct *mm, struct vm_area_struct *vma);
void exit_mmap(struct mm_struct *mm);
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
struct vm_area_struct *vm_area_dup(struct vm_area_struct *orig);
void vm_area_free(struct vm_area_struct *vma);
void vm_stat_account(struct mm_struct *mm, unsigned long flags, long npages);
int __mm_populate(unsigned long start, unsigned long len, int ignore_errors);

/* mm_populate - fault in what can be of [@start, @start + @len) (MAP_POPULATE, MAP_LOCKED). */
static inline void mm_populate(unsigned long start, unsigned long len)
{
	(void)__mm_populate(start, len, 1);
}

bool can_do_mlock(void);
bool mlock_future_ok(struct mm_struct *mm, unsigned long flags, unsigned long bytes);
extern unsigned long mmap_min_addr;

/* --- more of the VMA layer: mm/mmap.c, mm/mprotect.c, mm/mremap.c, mm/util.c --- */
#define VM_SEQ_READ	0x00008000UL	/* MADV_SEQUENTIAL */
#define VM_RAND_READ	0x00010000UL	/* MADV_RANDOM */
#define VM_STACK	VM_GROWSDOWN
/* VMAs that never merge (Linux adds VM_IO, VM_PFNMAP, VM_MIXEDMAP, which Pagoda never sets). */
#define VM_SPECIAL	VM_DONTEXPAND

#define DEFAULT_MAX_MAP_COUNT	65530
extern int sysctl_max_map_count;	/* /proc/sys/vm/max_map_count */
extern unsigned long stack_guard_gap;	/* 256 pages kept free below a stack */

#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)

/* vm_start_gap - the lowest address the VMA claims: a stack keeps a guard gap below it. */
static inline unsigned long vm_start_gap(const struct vm_area_struct *vma)
{
	unsigned long vm_start = vma->vm_start;

	if (vma->vm_flags & VM_GROWSDOWN) {
		vm_start -= stack_guard_gap;
		if (vm_start > vma->vm_start)
			vm_start = 0;
	}
	return vm_start;
}

/* vm_end_gap - the end of the VMA (x86 has no VM_GROWSUP stacks). */
static inline unsigned long vm_end_gap(const struct vm_area_struct *vma)
{
	return vma->vm_end;
}

static inline bool vma_is_accessible(const struct vm_area_struct *vma)
{
	return vma->vm_flags & VM_ACCESS_FLAGS;
}

void vma_set_page_prot(struct vm_area_struct *vma);
bool may_expand_vm(struct mm_struct *mm, unsigned long flags, unsigned long npages);
int expand_stack(struct vm_area_struct *vma, unsigned long address);
void arch_pick_mmap_layout(struct mm_struct *mm);
unsigned long vm_mmap_pgoff(struct file *file, unsigned long addr, unsigned long len,
			    unsigned long prot, unsigned long flag, unsigned long pgoff);
unsigned long move_page_tables(struct vm_area_struct *vma, unsigned long old_addr,
			       struct vm_area_struct *new_vma, unsigned long new_addr,
			       unsigned long len);
/* Overcommit policy (/proc/sys/vm/overcommit_*; defined in mm/vm_sysctl.c). */
#define OVERCOMMIT_GUESS	0
#define OVERCOMMIT_ALWAYS	1
#define OVERCOMMIT_NEVER	2
extern int sysctl_overcommit_memory;
extern int sysctl_overcommit_ratio;
extern unsigned long sysctl_overcommit_kbytes;
extern unsigned long sysctl_user_reserve_kbytes;
extern unsigned long sysctl_admin_reserve_kbytes;

/* Overcommit accounting (mm/util.c): the pages charged now, Committed_AS. */
extern atomic_long_t vm_committed_as;

static inline void vm_acct_memory(long pages)
{
	atomic_long_add(pages, &vm_committed_as);
}

static inline void vm_unacct_memory(long pages)
{
	vm_acct_memory(-pages);
}

unsigned long vm_commit_limit(void);
unsigned long vm_memory_committed(void);
int __vm_enough_memory(struct mm_struct *mm, long pages, int cap_sys_admin);

int security_vm_enough_memory_mm(struct mm_struct *mm, long pages);

struct mm_struct *mm_alloc(void);
int set_mm_exe_file(struct mm_struct *mm, struct file *new_exe_file);
struct mm_struct *dup_mm(struct mm_struct *oldmm);
void mmput(struct mm_struct *mm);
void __mmdrop(struct mm_struct *mm);
extern struct mm_struct init_mm;
extern struct list_head mm_list;	/* every user mm, via mm->mmlist */

static inline void mmgrab(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_count);
}

static inline void mmdrop(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_count))
		__mmdrop(mm);
}

static inline void mmget(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

/* mmget_not_zero - a user reference unless the mm is already being torn down. */
static inline bool mmget_not_zero(struct mm_struct *mm)
{
	return atomic_inc_not_zero(&mm->mm_users);
}

static inline void mmap_read_lock(struct mm_struct *mm) { down_read(&mm->mmap_lock); }
static inline void mmap_read_unlock(struct mm_struct *mm) { up_read(&mm->mmap_lock); }
static inline void mmap_write_lock(struct mm_struct *mm) { down_write(&mm->mmap_lock); }
static inline void mmap_write_unlock(struct mm_struct *mm) { up_write(&mm->mmap_lock); }

/* --- RSS counters --- */
static inline unsigned long get_mm_counter(struct mm_struct *mm, int member)
{
	long v = atomic_long_read(&mm->rss_stat[member]);

	return v < 0 ? 0 : v;
}

static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	atomic_long_add(value, &mm->rss_stat[member]);
}

static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_FILEPAGES) + get_mm_counter(mm, MM_ANONPAGES) +
	       get_mm_counter(mm, MM_SHMEMPAGES);
}

static inline void update_hiwater_rss(struct mm_struct *mm)
{
	unsigned long rss = get_mm_rss(mm);

	if (mm->hiwater_rss < rss)
		mm->hiwater_rss = rss;
}

static inline void update_hiwater_vm(struct mm_struct *mm)
{
	if (mm->hiwater_vm < mm->total_vm)
		mm->hiwater_vm = mm->total_vm;
}

/* get_mm_hiwater_rss - the peak RSS of @mm in pages (getrusage()'s ru_maxrss). */
static inline unsigned long get_mm_hiwater_rss(struct mm_struct *mm)
{
	return max(mm->hiwater_rss, get_mm_rss(mm));
}

/* setmax_mm_hiwater_rss - raise *@maxrss to @mm's peak (exec and exit keep it). */
static inline void setmax_mm_hiwater_rss(unsigned long *maxrss, struct mm_struct *mm)
{
	unsigned long hiwater_rss = get_mm_hiwater_rss(mm);

	if (*maxrss < hiwater_rss)
		*maxrss = hiwater_rss;
}

/* --- page faults and page tables: mm/memory.c --- */
typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM		0x000001
#define VM_FAULT_SIGBUS		0x000002
#define VM_FAULT_SIGSEGV	0x000040
#define VM_FAULT_NOPAGE		0x000100	/* nothing mapped: another fault got there first */
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_USER		0x40
#define FAULT_FLAG_REMOTE	0x80	/* on behalf of another process (GUP) */
#define FAULT_FLAG_INSTRUCTION	0x100
/* FAULT_FLAG_UNSHARE: make the page exclusive (copy it if shared), but leave it read-only */
#define FAULT_FLAG_UNSHARE	0x400
#define FAULT_FLAG_ORIG_PTE_VALID 0x800	/* vmf->orig_pte is a PTE that existed (not "no table") */

/*
 * struct vm_fault - one page fault on its way through mm/memory.c: where it
 * is, what the PTE was, and the pages it deals with.
 */
struct vm_fault {
	struct vm_area_struct *vma;
	unsigned long address;		/* the faulting address, page aligned */
	unsigned int flags;		/* FAULT_FLAG_* */
	pgoff_t pgoff;			/* linear_page_index() of address */
	pmd_t *pmd;			/* the PMD entry of the PTE table */
	pte_t *pte;			/* the PTE (mapped, under ptl) */
	pte_t orig_pte;			/* the PTE as the fault found it (FAULT_FLAG_ORIG_PTE_VALID) */
	struct page *cow_page;		/* do_cow_fault(): the private copy */
	struct page *page;		/* the page the fault deals with: the page-cache
					 * page (filemap_fault()), the PTE's (do_wp_page()) */
	spinlock_t *ptl;		/* the page-table lock */
};

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags);
vm_fault_t filemap_fault(struct vm_fault *vmf);	/* mm/filemap.c */
struct mm_struct *get_task_mm(struct task_struct *task);
struct mm_struct *mm_access(struct task_struct *task, unsigned int mode);	/* kernel/fork.c */
struct page *vm_normal_page(struct vm_area_struct *vma, unsigned long addr, pte_t pte);
int copy_page_range(struct vm_area_struct *dst_vma, struct vm_area_struct *src_vma);
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long size);
void unmap_mapping_range(struct address_space *mapping, loff_t holebegin, loff_t holelen);
void unmap_vmas(struct mmu_gather *tlb, struct vm_area_struct *vma, unsigned long start,
		unsigned long end);
/* arch/x86_64/mm/tlb.c (Linux: arch/x86/include/asm/tlbflush.h) */
#define TLB_FLUSH_ALL	-1UL	/* flush_tlb_mm_range()'s end: every translation of the mm */
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end);
/* flush_tlb_mm - every translation of @mm (the end of dup_mmap()) */
#define flush_tlb_mm(mm)	flush_tlb_mm_range(mm, 0UL, TLB_FLUSH_ALL)
void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr);
pgd_t *pgd_alloc(struct mm_struct *mm);
void pgd_free(struct mm_struct *mm, pgd_t *pgd);
extern unsigned long zero_pfn;		/* the shared zero page */

static inline bool is_zero_pfn(unsigned long pfn)
{
	return pfn == zero_pfn;
}

static inline bool is_zero_folio(const struct folio *folio)
{
	return is_zero_pfn(folio_pfn(folio));
}

/* ZERO_PAGE - the shared zero page (one for every address on x86). */
#define ZERO_PAGE(vaddr) ((void)(vaddr), pfn_to_page(zero_pfn))

int memcmp_pages(struct page *page1, struct page *page2);	/* mm/util.c */

/* pages_identical - the two pages hold the same bytes. */
static inline int pages_identical(struct page *page1, struct page *page2)
{
	return !memcmp_pages(page1, page2);
}

unsigned long free_reserved_area(void *start, void *end, int poison, const char *s);
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

/*
 * --- allocating page-table pages (mm/memory.c) ---
 * pud_alloc()/pmd_alloc()/pte_alloc() return the entry for @address one
 * level down, allocating the table first if the entry above is empty (NULL:
 * out of memory). Kernel tables (init_mm: vmalloc) use pte_alloc_kernel().
 */
int __pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long address);
int __pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long address);
int __pte_alloc(struct mm_struct *mm, pmd_t *pmd);
int __pte_alloc_kernel(pmd_t *pmd);

static inline pud_t *pud_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long address)
{
	return (unlikely(pgd_none(*pgd)) && __pud_alloc(mm, pgd, address)) ?
		NULL : pud_offset(pgd, address);
}

static inline pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long address)
{
	return (unlikely(pud_none(*pud)) && __pmd_alloc(mm, pud, address)) ?
		NULL : pmd_offset(pud, address);
}

/* pte_offset_map_nolock - the PTE of @addr under @pmd; *@ptlp: the lock the caller takes later. */
static inline pte_t *pte_offset_map_nolock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
					   spinlock_t **ptlp)
{
	*ptlp = &mm->page_table_lock;
	return pte_offset_map(pmd, addr);
}

/*
 * pte_offset_map_lock - the PTE of @addr in the table under @pmd, with the
 * page-table lock taken (*@ptlp: Pagoda has one per mm, Linux one per
 * table); pte_unmap_unlock() releases it.
 */
static inline pte_t *pte_offset_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
					 spinlock_t **ptlp)
{
	pte_t *pte = pte_offset_map_nolock(mm, pmd, addr, ptlp);

	spin_lock(*ptlp);
	return pte;
}

static inline void pte_unmap_unlock(pte_t *pte, spinlock_t *ptl)
{
	spin_unlock(ptl);
}

#define pte_alloc(mm, pmd) (unlikely(pmd_none(*(pmd))) && __pte_alloc(mm, pmd))
#define pte_alloc_map(mm, pmd, address) \
	(pte_alloc(mm, pmd) ? NULL : pte_offset_map(pmd, address))
#define pte_alloc_map_lock(mm, pmd, address, ptlp) \
	(pte_alloc(mm, pmd) ? NULL : pte_offset_map_lock(mm, pmd, address, ptlp))
#define pte_alloc_kernel(pmd, address) \
	((unlikely(pmd_none(*(pmd))) && __pte_alloc_kernel(pmd)) ? \
	 NULL : pte_offset_kernel(pmd, address))

/* mm->pgtables_bytes counts an mm's PUD, PMD and PTE tables (VmPTE). */
static inline unsigned long mm_pgtables_bytes(struct mm_struct *mm)
{
	return atomic_long_read(&mm->pgtables_bytes);
}

static inline void mm_inc_nr_ptes(struct mm_struct *mm)
{
	atomic_long_add(PTRS_PER_PTE * sizeof(pte_t), &mm->pgtables_bytes);
}

static inline void mm_dec_nr_ptes(struct mm_struct *mm)
{
	atomic_long_sub(PTRS_PER_PTE * sizeof(pte_t), &mm->pgtables_bytes);
}

static inline void mm_inc_nr_pmds(struct mm_struct *mm)
{
	atomic_long_add(PTRS_PER_PMD * sizeof(pmd_t), &mm->pgtables_bytes);
}

static inline void mm_dec_nr_pmds(struct mm_struct *mm)
{
	atomic_long_sub(PTRS_PER_PMD * sizeof(pmd_t), &mm->pgtables_bytes);
}

static inline void mm_inc_nr_puds(struct mm_struct *mm)
{
	atomic_long_add(PTRS_PER_PUD * sizeof(pud_t), &mm->pgtables_bytes);
}

static inline void mm_dec_nr_puds(struct mm_struct *mm)
{
	atomic_long_sub(PTRS_PER_PUD * sizeof(pud_t), &mm->pgtables_bytes);
}

static inline void inc_mm_counter(struct mm_struct *mm, int member)
{
	add_mm_counter(mm, member, 1);
}

static inline void dec_mm_counter(struct mm_struct *mm, int member)
{
	add_mm_counter(mm, member, -1);
}

/*
 * mm_counter_file - the RSS counter of a page-cache page: shmem pages
 * (swap-backed: memfd, MAP_SHARED|MAP_ANONYMOUS) are RssShmem, the others
 * RssFile.
 */
static inline int mm_counter_file(struct folio *folio)
{
	return folio_test_swapbacked(folio) ? MM_SHMEMPAGES : MM_FILEPAGES;
}

/* mm_counter - the RSS counter a mapped folio is accounted in. */
static inline int mm_counter(struct folio *folio)
{
	return folio_test_anon(folio) ? MM_ANONPAGES : mm_counter_file(folio);
}

static inline pte_t mk_pte(struct page *page, pgprot_t pgprot)
{
	return pfn_pte(page_to_pfn(page), pgprot);
}

/* maybe_mkwrite - writable only if the VMA is (a forced write to a COW VMA is not). */
static inline pte_t maybe_mkwrite(pte_t pte, struct vm_area_struct *vma)
{
	return (vma->vm_flags & VM_WRITE) ? pte_mkwrite(pte) : pte;
}

/*
 * --- reaching user pages from the kernel: mm/gup.c, mm/memory.c ---
 * FOLL_* - what get_user_pages() and its relatives are asked for (Linux
 * keeps them in mm_types.h; the internal ones are in mm/internal.h).
 */
enum {
	FOLL_WRITE = 1 << 0,	/* the caller writes the pages: break COW first */
	FOLL_GET = 1 << 1,	/* take a page reference; put_page() drops it */
	FOLL_FORCE = 1 << 3,	/* ptrace: read or write what the VMA forbids */
	FOLL_LONGTERM = 1 << 8,	/* a pin held for an indefinite time (FOLL_PIN only) */
};

/*
 * GUP_PIN_COUNTING_BIAS - what one FOLL_PIN adds to a small folio's
 * refcount: pins share _refcount with ordinary references, and 1024 of
 * them stand out. A folio with that many plain references reads as
 * "maybe pinned" (a false positive, which costs only a copy).
 */
#define GUP_PIN_COUNTING_BIAS	(1U << 10)

/**
 * folio_maybe_dma_pinned - might a device (or the kernel) hold a pin on @folio?
 * @folio: the folio
 *
 * True if it may be pinned (FOLL_PIN): its contents can change or be read
 * behind the page tables' back, so it must not be shared or replaced.
 * False means it certainly is not. A large folio would count pins
 * exactly in _pincount; Pagoda's folios are all small.
 */
static inline bool folio_maybe_dma_pinned(struct folio *folio)
{
	return (unsigned int)folio_ref_count(folio) >= GUP_PIN_COUNTING_BIAS;
}

/*
 * folio_needs_cow_for_dma - fork: must the child get its own copy of
 * @folio now? Only if the parent's mm ever pinned a page
 * (MMF_HAS_PINNED) and this folio may be one of them.
 */
static inline bool folio_needs_cow_for_dma(struct vm_area_struct *vma, struct folio *folio)
{
	if (!test_bit(MMF_HAS_PINNED, &vma->vm_mm->flags))
		return false;
	return folio_maybe_dma_pinned(folio);
}

/* vm_fault_to_errno - the errno of a failed fault, for GUP's callers. */
static inline int vm_fault_to_errno(vm_fault_t vm_fault)
{
	if (vm_fault & VM_FAULT_OOM)
		return -ENOMEM;
	if (vm_fault & (VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV))
		return -EFAULT;
	return 0;
}

long get_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages);
long get_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages);
int get_user_pages_fast(unsigned long start, int nr_pages, unsigned int gup_flags,
			struct page **pages);
long pin_user_pages_remote(struct mm_struct *mm, unsigned long start, unsigned long nr_pages,
			   unsigned int gup_flags, struct page **pages);
long pin_user_pages(unsigned long start, unsigned long nr_pages, unsigned int gup_flags,
		    struct page **pages);
void unpin_user_page(struct page *page);
void unpin_user_pages(struct page **pages, unsigned long npages);
struct page *get_user_page_vma_remote(struct mm_struct *mm, unsigned long addr,
				      int gup_flags, struct vm_area_struct **vmap);
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf, int len,
		     unsigned int gup_flags);
int access_process_vm(struct task_struct *tsk, unsigned long addr, void *buf, int len,
		      unsigned int gup_flags);

/* --- boot and bookkeeping (mm/mm_init.c, mm/page_alloc.c) --- */
#define MAX_DMA_PFN	((16UL << 20) >> PAGE_SHIFT)
#define MAX_DMA32_PFN	((4UL << 30) >> PAGE_SHIFT)

void free_area_init(unsigned long *max_zone_pfn);
void mm_core_init(void);
void dump_page(struct page *page, const char *reason);
void bad_page(struct page *page, const char *reason);
extern unsigned long bad_page_count;	/* how many bad_page() reports so far */
void show_mem(void);
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
unsigned long nr_free_pages(void);

struct inode;
/* mm/truncate.c (here in mm/filemap.c) */
void truncate_inode_pages(struct address_space *mapping, loff_t lstart);
void truncate_setsize(struct inode *inode, loff_t newsize);

#endif /* _LINUX_MM_H */
