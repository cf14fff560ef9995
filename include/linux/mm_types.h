/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm_types.h - struct page. Mirrors include/linux/mm_types.h.
 *
 * There is one struct page for every physical page frame, in the mem_map
 * array (pfn_to_page(pfn) == mem_map + pfn). It is 64 bytes (56 of fields,
 * aligned to 16): 1.56% of RAM.
 *
 *   flags      PG_* bits (page-flags.h); the zone number in the top bits
 *   lru        a free page: its link in zone->free_area[order].free_list[mt]
 *   mapping    an anonymous page: its anon_vma | PAGE_MAPPING_ANON;
 *              a KSM page: its stable_node | PAGE_MAPPING_KSM;
 *              a page-cache page: its file's address_space
 *   index      an anonymous page: its linear page index in the VMA's
 *              "file" (vm_pgoff + page offset in the VMA); a page-cache
 *              page: its offset in the file, in pages; see mm/rmap.c
 *   private    a free page: its buddy order
 *   _mapcount  page-table entries mapping the page, minus one (-1: none)
 *   _refcount  references (mappings, the allocator's caller, GUP...);
 *              0 for a free page
 *
 * A slab page uses the middle words differently (the second struct in the
 * union), as Linux's struct slab overlays struct page.
 *
 * struct folio (below) is the same memory seen as a whole allocation
 * rather than one frame: the mm code that maps, counts and locks user
 * memory works on folios, as Linux 6.12's does.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/rbtree.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <asm/pgtable_types.h>

/*
 * swp_entry_t - what a non-present, non-empty PTE holds, in the
 * arch-independent format of include/linux/swapops.h: a type (a swap
 * file, or one of the special types such as migration) and an offset (a
 * swap slot, or a page frame number).
 */
typedef struct {
	unsigned long val;
} swp_entry_t;

struct address_space;
struct kmem_cache;
struct anon_vma;
struct file;
struct mm_struct;

/*
 * x86 aligns struct page to two words (Linux's HAVE_ALIGNED_STRUCT_PAGE):
 * its 56 bytes of fields take 64, so pfn_to_page() and page_to_pfn()
 * shift where they would multiply and divide by 56.
 */
#define _struct_page_alignment	__aligned(2 * sizeof(unsigned long))

struct page {
	unsigned long flags;
	union {
		struct {	/* anonymous, KSM and free (buddy) pages */
			struct list_head lru;
			struct address_space *mapping;
			pgoff_t index;
			unsigned long private;
		};
		struct {	/* slab pages: mm/slub.c */
			struct list_head slab_list;
			struct kmem_cache *slab_cache;
			void *freelist;		/* first free object */
			unsigned int inuse;	/* objects handed out */
			unsigned int objects;	/* objects in this slab */
		};
	};
	atomic_t _mapcount;
	atomic_t _refcount;
} _struct_page_alignment;

/**
 * struct folio - a physically contiguous, naturally aligned block of
 * pages that the mm maps, counts, locks and frees as one. Its first words
 * overlay the struct page of its first ("head") page exactly, so that
 * page_folio() and &folio->page are casts (FOLIO_MATCH checks the
 * layout). Mirrors include/linux/mm_types.h.
 *
 * @flags:     the head page's PG_* bits (folio_test_locked() ...)
 * @lru:       its place on an LRU list (mm/swap.c) while PG_lru; a free
 *             block's place on a free list
 * @mlock_count: on LRU_UNEVICTABLE (no list there): how many VM_LOCKED
 *             VMAs mlocked it, at least (mm/mlock.c)
 * @mapping:   anonymous: anon_vma | PAGE_MAPPING_ANON; page cache: the file
 * @index:     the folio's offset in its file (anon_vma "file"), in pages
 * @private:   a free block's buddy order
 * @_mapcount: PTEs mapping it, minus one: use folio_mapcount()
 * @_refcount: references: use folio_ref_count()
 *
 * Every Pagoda folio has order 0 (one page): nothing allocates compound
 * pages yet. A large folio (hugetlb, THP) keeps its order, its total map
 * count and its pin count in the struct pages after the head (Linux's
 * _flags_1, _large_mapcount, _pincount ...); those fields are added with
 * the first large folio. Each function that would differ for a large
 * folio says so.
 */
struct folio {
	union {
		struct {
			unsigned long flags;
			union {
				struct list_head lru;
				struct {
					void *__filler;
					unsigned int mlock_count;
				};
			};
			struct address_space *mapping;
			pgoff_t index;
			unsigned long private;
			atomic_t _mapcount;
			atomic_t _refcount;
		};
		struct page page;
	};
};

#define FOLIO_MATCH(pg, fl)						\
	_Static_assert(__builtin_offsetof(struct page, pg) ==		\
		       __builtin_offsetof(struct folio, fl), "folio: " #fl)
FOLIO_MATCH(flags, flags);
FOLIO_MATCH(lru, lru);
FOLIO_MATCH(mapping, mapping);
FOLIO_MATCH(index, index);
FOLIO_MATCH(private, private);
FOLIO_MATCH(_mapcount, _mapcount);
FOLIO_MATCH(_refcount, _refcount);
#undef FOLIO_MATCH
_Static_assert(sizeof(struct folio) == sizeof(struct page), "folio: one page");

/*
 * struct vm_area_struct - one contiguous range of a process's address
 * space with uniform protection: [vm_start, vm_end). The VMAs of an mm are
 * kept in a sorted list (vm_next/vm_prev) and in a red-black tree (vm_rb)
 * for O(log n) find_vma(), as Linux did before the maple tree (v6.1); the
 * tree is augmented with rb_subtree_gap for O(log n) free-area searches.
 *
 * vm_pgoff is the VMA's start in units of pages of its "file": the file
 * offset for a file mapping, and for anonymous memory vm_start >> PAGE_SHIFT
 * at creation -- kept unchanged when mremap() moves the VMA, so that
 * page->index (vm_pgoff + page offset in the VMA) stays valid for rmap.
 * anon_vma_chain links the VMA to every anon_vma its pages may belong to
 * (see mm/rmap.c); a VMA with a vm_file also sits, through shared.rb, in
 * that file's i_mmap interval tree under [vm_pgoff, vm_pgoff + pages - 1]
 * (mm/interval_tree.c), which is how rmap finds a file page's mappings.
 */
struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;		/* first byte after the VMA */
	struct vm_area_struct *vm_next, *vm_prev;
	struct rb_node vm_rb;
	/*
	 * The largest free gap (vm_start_gap() - vm_end_gap(prev)) before
	 * any VMA of this vm_rb subtree: unmapped_area() skips subtrees
	 * without a big enough one (mm/vma.c: vma_gap_update()).
	 */
	unsigned long rb_subtree_gap;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;		/* PTE protection bits for vm_flags */
	unsigned long vm_flags;		/* VM_READ, VM_WRITE, ... (mm.h) */
	struct list_head anon_vma_chain; /* this VMA's anon_vma_chains */
	struct anon_vma *anon_vma;	/* the anon_vma of new anonymous pages */
	unsigned long vm_pgoff;		/* offset in PAGE_SIZE units */
	struct file *vm_file;		/* the mapped file, or NULL */
	struct {			/* in vm_file's mapping->i_mmap */
		struct rb_node rb;
		unsigned long rb_subtree_last;
	} shared;
	void *vm_private_data;		/* hugetlb: HPAGE_RESV_OWNER (mm/hugetlb.c) */
};

/* RSS counters of an mm, as /proc/PID/status reports them. */
enum {
	MM_FILEPAGES,
	MM_ANONPAGES,
	MM_SWAPENTS,
	MM_SHMEMPAGES,
	NR_MM_COUNTERS
};

#define AT_VECTOR_SIZE 48

/*
 * struct mm_struct - a process's address space: its VMAs and page tables.
 * mm_users counts the tasks using it (threads, vfork); mm_count counts
 * references to the structure itself (e.g. a kernel thread borrowing it as
 * active_mm). Mirrors include/linux/mm_types.h.
 */
struct mm_struct {
	struct vm_area_struct *mmap;	/* VMAs, sorted by address */
	struct rb_root mm_rb;		/* the same VMAs, by address */
	int map_count;			/* number of VMAs */
	unsigned long mmap_base;	/* top-down mmap placement starts here */
	unsigned long task_size;
	pgd_t *pgd;
	atomic_t mm_users;
	atomic_t mm_count;
	atomic_long_t pgtables_bytes;	/* page-table pages of this mm */
	spinlock_t page_table_lock;
	struct rw_semaphore mmap_lock;	/* protects the VMAs */
	struct list_head mmlist;	/* all mms, for mm_verify() and KSM */

	unsigned long total_vm;		/* pages mapped */
	unsigned long locked_vm;
	unsigned long def_flags;	/* VM_LOCKED_MASK bits every new VMA gets (mlockall MCL_FUTURE) */
	unsigned long data_vm;		/* private writable, not stack */
	unsigned long exec_vm;
	unsigned long stack_vm;
	unsigned long hiwater_rss;
	unsigned long hiwater_vm;
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk, start_stack;
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long saved_auxv[AT_VECTOR_SIZE];
	atomic_long_t rss_stat[NR_MM_COUNTERS];
	unsigned long flags;		/* MMF_* */
	struct file *exe_file;		/* /proc/PID/exe */
	unsigned long ksm_merging_pages; /* KSM: this mm's PTEs of KSM pages ksmd put there */
	unsigned long ksm_rmap_items;	/* KSM: this mm's rmap_items */
	atomic_long_t ksm_zero_pages;	/* KSM: this mm's PTEs of the zero page ksmd put there */
	atomic_long_t hugetlb_usage;	/* pages of the hugetlb folios it maps (HugetlbPages) */
};

/*
 * struct vma_iterator - a position among an mm's VMAs (include/linux/mm.h
 * has the API). Linux's is a maple-tree state; Pagoda's is the range of
 * addresses it stands on -- one VMA, or the gap between two -- looked up
 * again in mm_rb at each step, so the VMAs may change between steps.
 * Before the first step (!active) it stands at the address @index.
 */
struct vma_iterator {
	struct mm_struct *mm;
	unsigned long index;	/* the first address of its range */
	unsigned long last;	/* the last address of its range */
	bool active;		/* false: not walked yet (Linux's ma_start) */
};

#define VMA_ITERATOR(name, __mm, __addr)				\
	struct vma_iterator name = {					\
		.mm = (__mm),						\
		.index = (__addr),					\
		.active = false,					\
	}

static inline void vma_iter_init(struct vma_iterator *vmi, struct mm_struct *mm,
				 unsigned long addr)
{
	vmi->mm = mm;
	vmi->index = addr;
	vmi->active = false;
}

/*
 * MMF_* bits of mm->flags (Linux: include/linux/sched/coredump.h).
 * MMF_INIT_MASK: the bits a new mm takes from current's (fork, exec).
 */
#define MMF_VM_MERGEABLE	16	/* KSM may merge identical pages: ksmd has a slot for it */
#define MMF_HAS_PINNED		27	/* FOLL_PIN was used on this mm (fork checks); not inherited */
#define MMF_VM_MERGE_ANY	30	/* prctl(PR_SET_MEMORY_MERGE): every VMA is mergeable */
#define MMF_VM_MERGE_ANY_MASK	(1UL << MMF_VM_MERGE_ANY)
#define MMF_INIT_MASK		MMF_VM_MERGE_ANY_MASK

static inline unsigned long mmf_init_flags(unsigned long flags)
{
	return flags & MMF_INIT_MASK;
}

#endif /* _LINUX_MM_TYPES_H */
