// SPDX-License-Identifier: GPL-2.0
/*
 * rmap_test.c - ktest suite "rmap": anon_vma / anon_vma_chain / interval
 * tree and the rmap walk (mm/rmap.c, mm/interval_tree.c), the verifier
 * (mm/debug_vm.c) and the debugfs rmap file (mm/rmap_debug.c).
 *
 * The address spaces are built by hand with mm_test.h: mm_alloc(), one
 * anonymous VMA inserted with insert_vm_struct(), pages faulted in with
 * handle_mm_fault(); fork's own dup_mm() copies them (vm_area_dup,
 * anon_vma_fork, copy_page_range). The file-page cases map a ramfs file
 * with vm_mmap_pgoff() into an mm the test thread runs on and check the
 * file's i_mmap tree and rmap_walk_file(). The KSM case lets ksmd (through
 * /sys/kernel/mm/ksm) merge a page of three mms and checks that
 * rmap_walk_ksm() finds them and two forks. Every case ends with mm_verify()
 * clean and the free pages, anon_vmas and anon_vma_chains back at their
 * counts from before.
 */
#include "mm_test.h"
#include "fs_test.h"
#include <linux/ksm.h>
#include <linux/pagemap.h>
#include <linux/ktest.h>
#include <linux/rmap.h>
#include <linux/mm.h>
#include <linux/mm_verify.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/fs.h>
#include <linux/init_syscalls.h>
#include <linux/sprintf.h>
#include <uapi/linux/mman.h>

long __x64_sys_mprotect(const struct pt_regs *regs);
long __x64_sys_mremap(const struct pt_regs *regs);


#define BASE		0x400000UL
#define NPAGES		4

static unsigned long addr(int i)
{
	return BASE + i * PAGE_SIZE;
}

struct rmap_counts {
	unsigned long free_pages;
	long anon_vmas, avcs;
};

static void counts_take(struct rmap_counts *c)
{
	kmem_cache_shrink_all();
	c->free_pages = ktest_free_pages();
	c->anon_vmas = mm_test_slab_active("anon_vma");
	c->avcs = mm_test_slab_active("anon_vma_chain");
}

/* Nothing allocated since @before is still held. */
#define EXPECT_NO_LEAK(t, before)					\
	do {								\
		struct rmap_counts __after;				\
									\
		counts_take(&__after);					\
		KTEST_EXPECT_EQ(t, __after.anon_vmas, (before)->anon_vmas); \
		KTEST_EXPECT_EQ(t, __after.avcs, (before)->avcs);	\
		KTEST_EXPECT_EQ(t, __after.free_pages, (before)->free_pages); \
	} while (0)

/* write_all - write every page of the VMA at BASE. */
static bool write_all(struct mm_struct *mm)
{
	for (int i = 0; i < NPAGES; i++)
		if (!pte_present(mm_test_fault(mm, addr(i), true)))
			return false;
	return true;
}

/*
 * write_all_read_only - write every page of the VMA at BASE, then
 * mprotect(PROT_READ) it. Fork shares read-only pages in every lab tree:
 * the cow lab's stub copies at once the writable pages it would
 * write-protect. The cases that use this are about the rmap, not COW.
 */
static bool write_all_read_only(struct mm_struct *mm)
{
	struct mm_struct *prev;
	long err;

	if (!write_all(mm))
		return false;
	prev = mm_test_use_mm(mm);
	err = SYS(mprotect, .di = BASE, .si = NPAGES * PAGE_SIZE, .dx = PROT_READ);
	mm_test_unuse_mm(prev);
	return !err;
}

static struct vm_area_struct *base_vma(struct mm_struct *mm)
{
	return find_vma(mm, BASE);
}

static size_t nr_avcs(struct mm_struct *mm)
{
	return list_count_nodes(&base_vma(mm)->anon_vma_chain);
}

/* The VMAs an rmap walk of a page visits, and the PTEs it finds in them. */
struct visit {
	struct vm_area_struct *vmas[8];
	int nr_vmas, nr_ptes;
};

static bool visit_one(struct folio *folio, struct vm_area_struct *vma, unsigned long address,
		      void *arg)
{
	DEFINE_FOLIO_VMA_WALK(pvmw, folio, vma, address, 0);
	struct visit *v = arg;

	if (v->nr_vmas < ARRAY_SIZE(v->vmas))
		v->vmas[v->nr_vmas] = vma;
	v->nr_vmas++;
	while (page_vma_mapped_walk(&pvmw))
		v->nr_ptes++;
	return true;
}

static struct visit walk(struct page *page)
{
	struct visit v = { };
	struct rmap_walk_control rwc = { .rmap_one = visit_one, .arg = &v };

	rmap_walk(page_folio(page), &rwc);
	return v;
}

static bool visited(const struct visit *v, struct mm_struct *mm)
{
	for (int i = 0; i < v->nr_vmas && i < ARRAY_SIZE(v->vmas); i++)
		if (v->vmas[i] == base_vma(mm))
			return true;
	return false;
}

static void put_mms(struct mm_struct **mms, int n)
{
	for (int i = 0; i < n; i++)
		if (mms[i])
			mmput(mms[i]);
}

KTEST(rmap, fork_chains_avcs)
{
	struct mm_struct *mms[3] = { };	/* parent, child, grandchild */
	struct anon_vma *avp, *avc, *avg;
	struct rmap_counts before, mid;
	struct page *page;

	counts_take(&before);
	mms[0] = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mms[0]);
	KTEST_ASSERT_TRUE(t, write_all_read_only(mms[0]));
	avp = base_vma(mms[0])->anon_vma;
	KTEST_ASSERT_NOT_NULL(t, avp);
	KTEST_EXPECT_EQ(t, nr_avcs(mms[0]), 1);
	KTEST_EXPECT_TRUE(t, avp->root == avp && avp->parent == avp);
	KTEST_EXPECT_EQ(t, avp->num_children, 1);	/* itself */
	KTEST_EXPECT_EQ(t, avp->num_active_vmas, 1);

	mms[1] = dup_mm(mms[0]);
	KTEST_ASSERT_NOT_NULL(t, mms[1]);
	mms[2] = dup_mm(mms[1]);
	KTEST_ASSERT_NOT_NULL(t, mms[2]);
	avc = base_vma(mms[1])->anon_vma;
	avg = base_vma(mms[2])->anon_vma;
	KTEST_EXPECT_EQ(t, nr_avcs(mms[1]), 2);
	KTEST_EXPECT_EQ(t, nr_avcs(mms[2]), 3);
	KTEST_EXPECT_TRUE(t, avc != avp && avg != avp && avg != avc);
	KTEST_EXPECT_TRUE(t, avc->root == avp && avg->root == avp);
	KTEST_EXPECT_TRUE(t, avc->parent == avp && avg->parent == avc);
	KTEST_EXPECT_EQ(t, avp->num_children, 2);
	KTEST_EXPECT_EQ(t, avc->num_children, 1);
	KTEST_EXPECT_EQ(t, atomic_read(&avp->refcount), 3);	/* itself, pinned by 2 */
	counts_take(&mid);
	KTEST_EXPECT_EQ(t, mid.anon_vmas - before.anon_vmas, 3);
	KTEST_EXPECT_EQ(t, mid.avcs - before.avcs, 1 + 2 + 3);

	page = mm_test_page(mms[2], addr(1));
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, page == mm_test_page(mms[0], addr(1)));
	KTEST_EXPECT_EQ(t, page_mapcount(page), 3);
	KTEST_EXPECT_EQ(t, page_count(page), 3);
	KTEST_EXPECT_TRUE(t, folio_anon_vma(page_folio(page)) == avp);
	KTEST_EXPECT_EQ(t, page->index, (BASE >> PAGE_SHIFT) + 1);
	KTEST_EXPECT_FALSE(t, PageAnonExclusive(page));
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	put_mms(mms, 3);
	EXPECT_NO_LEAK(t, &before);
}

KTEST(rmap, cow_page_reached_only_through_child)
{
	struct mm_struct *mms[4] = { };	/* parent, child, sibling, grandchild */
	struct page *orig, *copy;
	struct rmap_counts before;
	struct visit v;

	counts_take(&before);
	mms[0] = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mms[0]);
	KTEST_ASSERT_TRUE(t, write_all(mms[0]));
	orig = mm_test_page(mms[0], addr(0));
	mms[1] = dup_mm(mms[0]);
	mms[2] = dup_mm(mms[0]);
	KTEST_ASSERT_TRUE(t, mms[1] && mms[2]);

	mm_test_fault(mms[1], addr(0), true);
	copy = mm_test_page(mms[1], addr(0));
	KTEST_ASSERT_NOT_NULL(t, copy);
	KTEST_EXPECT_TRUE(t, copy != orig);
	KTEST_EXPECT_TRUE(t, folio_anon_vma(page_folio(copy)) == base_vma(mms[1])->anon_vma);
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(copy));
	v = walk(copy);
	KTEST_EXPECT_EQ(t, v.nr_vmas, 1);
	KTEST_EXPECT_EQ(t, v.nr_ptes, 1);
	KTEST_EXPECT_TRUE(t, visited(&v, mms[1]));

	mms[3] = dup_mm(mms[1]);
	KTEST_ASSERT_NOT_NULL(t, mms[3]);
	v = walk(copy);
	KTEST_EXPECT_EQ(t, v.nr_vmas, 2);	/* the child and its child, not parent or sibling */
	KTEST_EXPECT_EQ(t, v.nr_ptes, 2);
	KTEST_EXPECT_TRUE(t, visited(&v, mms[1]) && visited(&v, mms[3]));
	KTEST_EXPECT_EQ(t, page_mapcount(copy), 2);

	v = walk(orig);		/* the parent's anon_vma: every VMA, two still map it */
	KTEST_EXPECT_EQ(t, v.nr_vmas, 4);
	KTEST_EXPECT_EQ(t, v.nr_ptes, 2);
	KTEST_EXPECT_EQ(t, page_mapcount(orig), 2);
	v = walk(mm_test_page(mms[0], addr(1)));
	KTEST_EXPECT_EQ(t, v.nr_ptes, 4);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	put_mms(mms, 4);
	EXPECT_NO_LEAK(t, &before);
}

KTEST(rmap, clone_reuses_idle_anon_vma)
{
	struct mm_struct *mms[4] = { };	/* parent, child, grandchild, great-grandchild */
	struct rmap_counts before, mid;
	struct anon_vma *avc;

	counts_take(&before);
	mms[0] = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mms[0]);
	KTEST_ASSERT_TRUE(t, write_all(mms[0]));
	mms[1] = dup_mm(mms[0]);
	KTEST_ASSERT_NOT_NULL(t, mms[1]);
	mms[2] = dup_mm(mms[1]);
	KTEST_ASSERT_NOT_NULL(t, mms[2]);
	avc = base_vma(mms[1])->anon_vma;

	mmput(mms[1]);		/* the middle process exits; its anon_vma stays */
	mms[1] = NULL;
	KTEST_EXPECT_EQ(t, avc->num_active_vmas, 0);
	KTEST_EXPECT_EQ(t, avc->num_children, 1);
	counts_take(&mid);
	KTEST_EXPECT_EQ(t, mid.anon_vmas - before.anon_vmas, 3);

	mms[3] = dup_mm(mms[2]);
	KTEST_ASSERT_NOT_NULL(t, mms[3]);
	KTEST_EXPECT_TRUE(t, base_vma(mms[3])->anon_vma == avc);
	KTEST_EXPECT_EQ(t, avc->num_active_vmas, 1);
	KTEST_EXPECT_EQ(t, nr_avcs(mms[3]), 3);
	counts_take(&mid);
	KTEST_EXPECT_EQ(t, mid.anon_vmas - before.anon_vmas, 3);	/* none new */
	KTEST_EXPECT_EQ(t, mid.avcs - before.avcs, 1 + 3 + 3);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	put_mms(mms, 4);
	EXPECT_NO_LEAK(t, &before);
}

KTEST(rmap, prepare_shares_neighbour_anon_vma)
{
	struct vm_area_struct *a, *b, *d;
	struct rmap_counts before, mid;
	struct mm_struct *mm;
	struct page *page;
	struct visit v;

	counts_take(&before);
	mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, mm);
	a = mm_test_new_vma(mm, BASE, 2, MM_TEST_RW);
	b = mm_test_new_vma(mm, BASE + 2 * PAGE_SIZE, 2, MM_TEST_RW | VM_EXEC);	/* compatible */
	d = mm_test_new_vma(mm, BASE + 4 * PAGE_SIZE, 2, MM_TEST_RW | VM_NOHUGEPAGE); /* not */
	KTEST_ASSERT_TRUE(t, a && b && d && mm->map_count == 3);

	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, BASE, true)));
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, BASE + 2 * PAGE_SIZE, true)));
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, BASE + 4 * PAGE_SIZE, true)));
	page = mm_test_page(mm, BASE);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, a->anon_vma && b->anon_vma == a->anon_vma);
	KTEST_EXPECT_TRUE(t, d->anon_vma && d->anon_vma != a->anon_vma);
	KTEST_EXPECT_EQ(t, a->anon_vma->num_active_vmas, 2);
	KTEST_EXPECT_EQ(t, list_count_nodes(&b->anon_vma_chain), 1);
	counts_take(&mid);
	KTEST_EXPECT_EQ(t, mid.anon_vmas - before.anon_vmas, 2);

	/* The interval tree skips b: its page offsets do not cover the page. */
	v = walk(page);
	KTEST_EXPECT_EQ(t, v.nr_vmas, 1);
	KTEST_EXPECT_TRUE(t, v.vmas[0] == a);
	KTEST_EXPECT_EQ(t, vma_address(a, page->index, 1), BASE);
	KTEST_EXPECT_EQ(t, vma_address(b, page->index, 1), (unsigned long)-EFAULT);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(mm);
	EXPECT_NO_LEAK(t, &before);
}

KTEST(rmap, vma_address_from_index)
{
	struct vm_area_struct vma = { .vm_start = 0x7000000, .vm_end = 0x7004000 };

	vma.vm_pgoff = 98;	/* page 100 is the VMA's third */
	KTEST_EXPECT_EQ(t, vma_address(&vma, 100, 1), 0x7002000UL);
	vma.vm_pgoff = 100;
	KTEST_EXPECT_EQ(t, vma_address(&vma, 100, 1), 0x7000000UL);
	vma.vm_pgoff = 101;	/* before the VMA */
	KTEST_EXPECT_EQ(t, vma_address(&vma, 100, 1), (unsigned long)-EFAULT);
	/* ... but a range of two pages [100, 101] starts inside it at its first page */
	KTEST_EXPECT_EQ(t, vma_address(&vma, 100, 2), 0x7000000UL);
	vma.vm_pgoff = 96;	/* past its end */
	KTEST_EXPECT_EQ(t, vma_address(&vma, 100, 1), (unsigned long)-EFAULT);
}

/*
 * try_to_unmap() of an anonymous folio mapped in three processes: without
 * swap its data has nowhere to go, so it fails (the folio stays mapped)
 * and every PTE, every count and the data are as before -- also when
 * asked to ignore mlock.
 */
KTEST(rmap, try_to_unmap_keeps_anonymous_folio)
{
	struct mm_struct *mms[3] = { };
	long anon_mapped = global_node_page_state(NR_ANON_MAPPED);
	struct rmap_counts before;
	struct folio *folio;
	struct page *page;

	counts_take(&before);
	mms[0] = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mms[0]);
	KTEST_ASSERT_TRUE(t, write_all_read_only(mms[0]));
	page = mm_test_page(mms[0], addr(2));
	KTEST_ASSERT_NOT_NULL(t, page);
	folio = page_folio(page);
	memset(folio_address(folio), 0x5a, PAGE_SIZE);
	mms[1] = dup_mm(mms[0]);
	KTEST_ASSERT_NOT_NULL(t, mms[1]);
	mms[2] = dup_mm(mms[1]);
	KTEST_ASSERT_NOT_NULL(t, mms[2]);

	folio_get(folio);
	try_to_unmap(folio, 0);
	KTEST_EXPECT_TRUE(t, folio_mapped(folio));
	try_to_unmap(folio, TTU_IGNORE_MLOCK);
	KTEST_EXPECT_TRUE(t, folio_mapped(folio));
	KTEST_EXPECT_EQ(t, folio_mapcount(folio), 3);
	KTEST_EXPECT_EQ(t, folio_ref_count(folio), 4);	/* three PTEs and ours */
	for (int i = 0; i < 3; i++) {
		pte_t pte = mm_test_pte(mms[i], addr(2));

		KTEST_EXPECT_TRUE(t, pte_present(pte) && pte_pfn(pte) == folio_pfn(folio));
		KTEST_EXPECT_EQ(t, get_mm_counter(mms[i], MM_ANONPAGES), NPAGES);
	}
	KTEST_EXPECT_NULL(t, memchr_inv(folio_address(folio), 0x5a, PAGE_SIZE));
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_ANON_MAPPED) - anon_mapped, NPAGES);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	folio_put(folio);

	put_mms(mms, 3);
	EXPECT_NO_LEAK(t, &before);
}

/*
 * Take an anonymous folio's PTE away and put it back, as migration's
 * remove_migration_pte() and KSM do with folio_add_anon_rmap_pte(): the
 * folio keeps its anon_vma and index, the counts come back, and the
 * mapping is exclusive again.
 */
KTEST(rmap, folio_add_anon_rmap_pte_maps_again)
{
	long anon_mapped = global_node_page_state(NR_ANON_MAPPED);
	struct rmap_counts before;
	struct vm_area_struct *vma;
	struct anon_vma *anon_vma;
	struct mm_struct *mm;
	struct folio *folio;
	spinlock_t *ptl;
	pte_t *pte, old;

	counts_take(&before);
	mm = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_TRUE(t, write_all(mm));
	vma = base_vma(mm);
	folio = page_folio(mm_test_page(mm, addr(1)));
	anon_vma = folio_anon_vma(folio);
	folio_get(folio);

	pte = pte_offset_map_lock(mm, mm_find_pmd(mm, addr(1)), addr(1), &ptl);
	old = ptep_clear_flush(vma, addr(1), pte);
	folio_remove_rmap_pte(folio, &folio->page, vma);
	KTEST_EXPECT_FALSE(t, folio_mapped(folio));
	KTEST_EXPECT_FALSE(t, PageAnonExclusive(&folio->page));
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_ANON_MAPPED) - anon_mapped, NPAGES - 1);

	folio_add_anon_rmap_pte(folio, &folio->page, vma, addr(1), RMAP_EXCLUSIVE);
	set_pte_at(mm, addr(1), pte, old);
	pte_unmap_unlock(pte, ptl);
	KTEST_EXPECT_EQ(t, folio_mapcount(folio), 1);
	KTEST_EXPECT_TRUE(t, PageAnonExclusive(&folio->page));
	KTEST_EXPECT_TRUE(t, folio_anon_vma(folio) == anon_vma);
	KTEST_EXPECT_EQ(t, folio->index, linear_page_index(vma, addr(1)));
	KTEST_EXPECT_EQ(t, global_node_page_state(NR_ANON_MAPPED) - anon_mapped, NPAGES);
	KTEST_EXPECT_EQ(t, walk(&folio->page).nr_ptes, 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	folio_put(folio);

	mmput(mm);
	EXPECT_NO_LEAK(t, &before);
}

/* set_young - make the PTE at BASE of @mm young or old. */
static void set_young(struct mm_struct *mm, bool young)
{
	pte_t *pte = mm_test_ptep(mm, BASE);

	set_pte(pte, young ? pte_mkyoung(*pte) : pte_mkold(*pte));
}

KTEST(rmap, folio_referenced_tests_and_clears)
{
	struct mm_struct *mms[3] = { };
	struct rmap_counts before;
	unsigned long vm_flags;
	struct page *page;

	counts_take(&before);
	mms[0] = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mms[0]);
	KTEST_ASSERT_TRUE(t, write_all_read_only(mms[0]));
	mms[1] = dup_mm(mms[0]);
	KTEST_ASSERT_NOT_NULL(t, mms[1]);
	mms[2] = dup_mm(mms[1]);
	KTEST_ASSERT_NOT_NULL(t, mms[2]);
	page = mm_test_page(mms[0], BASE);

	set_young(mms[0], true);
	set_young(mms[1], false);
	set_young(mms[2], true);
	KTEST_EXPECT_EQ(t, folio_referenced(page_folio(page), 0, &vm_flags), 2);
	KTEST_EXPECT_EQ(t, vm_flags & (VM_READ | VM_WRITE), VM_READ);
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT_FALSE(t, pte_young(mm_test_pte(mms[i], BASE)));
	KTEST_EXPECT_EQ(t, folio_referenced(page_folio(page), 0, &vm_flags), 0);
	KTEST_EXPECT_EQ(t, vm_flags, 0);
	KTEST_EXPECT_EQ(t, page_mapcount(page), 3);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	put_mms(mms, 3);
	EXPECT_NO_LEAK(t, &before);
}

KTEST(rmap, mm_verify_counts_problems)
{
	struct mm_struct *mms[2] = { };
	struct anon_vma_chain *avc;
	struct anon_vma *avp;
	struct rmap_counts before;
	struct page *page;

	counts_take(&before);
	mms[0] = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mms[0]);
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mms[0], addr(0), true)));
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mms[0], addr(1), true)));
	mms[1] = dup_mm(mms[0]);
	KTEST_ASSERT_NOT_NULL(t, mms[1]);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* One map count too many: it is not the 2 PTEs, and exceeds refcount 2. */
	page = mm_test_page(mms[0], addr(0));
	atomic_inc(&page->_mapcount);
	KTEST_EXPECT_EQ(t, mm_verify(), 2);
	atomic_dec(&page->_mapcount);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/*
	 * The child's chain to the parent's anon_vma out of the tree: it is
	 * missing (1), the child's 2 PTEs are not found by rmap (2), and each
	 * page's walk finds 1 PTE for map count 2 (2).
	 */
	avp = base_vma(mms[0])->anon_vma;
	list_for_each_entry(avc, &base_vma(mms[1])->anon_vma_chain, same_vma)
		if (avc->anon_vma == avp)
			break;
	anon_vma_interval_tree_remove(avc, &avp->rb_root);
	KTEST_EXPECT_EQ(t, mm_verify(), 5);
	anon_vma_interval_tree_insert(avc, &avp->rb_root);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	put_mms(mms, 2);
	EXPECT_NO_LEAK(t, &before);
}

/* debugfs_query - write @pfn to the rmap file and read its text into @buf. */
static long debugfs_query(unsigned long pfn, char *buf, size_t size)
{
	struct file *f = filp_open("/sys/kernel/debug/rmap", O_RDWR, 0);
	char request[24];
	loff_t pos = 0;
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_write(f, request, snprintf(request, sizeof(request), "%#lx\n", pfn), &pos);
	if (n > 0) {
		pos = 0;
		n = kernel_read(f, buf, size - 1, &pos);
	}
	fput(f);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

KTEST(rmap, debugfs_rmap_lists_each_pte)
{
	static char text[512], expected[512];
	struct mm_struct *mms[3] = { };
	bool sys_mounted, debug_mounted;
	struct rmap_counts before;
	struct page *page;
	size_t len = 0;

	sys_mounted = init_mount("sysfs", "/sys", "sysfs", 0, NULL) == 0;
	debug_mounted = init_mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL) == 0;
	counts_take(&before);
	mms[0] = mm_test_new_mm(BASE, NPAGES);
	KTEST_ASSERT_NOT_NULL(t, mms[0]);
	KTEST_ASSERT_TRUE(t, write_all(mms[0]));
	mms[1] = dup_mm(mms[0]);
	KTEST_ASSERT_NOT_NULL(t, mms[1]);
	mms[2] = dup_mm(mms[0]);
	KTEST_ASSERT_NOT_NULL(t, mms[2]);
	/* mms[2] copies page 3: now only mms[0] and mms[1] map the original. */
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mms[2], addr(3), true)));

	/* Hand-built mms have no process: pid -1. Tree order: by insertion. */
	page = mm_test_page(mms[0], addr(3));
	for (int i = 0; i < 2; i++)
		len += snprintf(expected + len, sizeof(expected) - len, "-1 %lx %lx-%lx %lx\n",
				addr(3), BASE, addr(NPAGES), (unsigned long)folio_anon_vma(page_folio(page)));
	KTEST_EXPECT_EQ(t, debugfs_query(page_to_pfn(page), text, sizeof(text)), (long)len);
	KTEST_EXPECT_STREQ(t, text, expected);

	page = mm_test_page(mms[2], addr(3));
	snprintf(expected, sizeof(expected), "-1 %lx %lx-%lx %lx\n", addr(3), BASE,
		 addr(NPAGES), (unsigned long)base_vma(mms[2])->anon_vma);
	debugfs_query(page_to_pfn(page), text, sizeof(text));
	KTEST_EXPECT_STREQ(t, text, expected);
	KTEST_EXPECT_EQ(t, debugfs_query(max_pfn, text, sizeof(text)), -EINVAL);

	put_mms(mms, 3);
	EXPECT_NO_LEAK(t, &before);
	if (debug_mounted)
		KTEST_EXPECT_EQ(t, init_umount("/sys/kernel/debug", 0), 0);
	if (sys_mounted)
		KTEST_EXPECT_EQ(t, init_umount("/sys", 0), 0);
}

/* ---------------------------------------------------------------------- */
/* File pages: the i_mmap tree */

#define FILE_RMAP_PATH	"/tmp/ktest-file-rmap"
#define FILE_PAGES	4

/* The VMAs of @mapping's i_mmap that cover file pages [first, last]. */
static int i_mmap_count(struct address_space *mapping, pgoff_t first, pgoff_t last)
{
	struct vm_area_struct *vma;
	int n = 0;

	vma_interval_tree_foreach(vma, &mapping->i_mmap, first, last)
		n++;
	return n;
}

/* A file case's world: a FILE_PAGES-page ramfs file and an mm the test thread runs on. */
static bool file_rmap_start(struct mm_test_file *fr)
{
	static char buf[FILE_PAGES * PAGE_SIZE];

	memset(buf, 'f', sizeof(buf));
	return mm_test_file_start(fr, FILE_RMAP_PATH, buf, sizeof(buf));
}

static void file_rmap_end(struct ktest *t, struct mm_test_file *fr)
{
	KTEST_EXPECT_TRUE(t, mm_test_file_end(fr));
}

static unsigned long map_file(struct mm_test_file *fr, unsigned long pages, int prot, int flags,
			      pgoff_t pgoff)
{
	return vm_mmap_pgoff(fr->file, 0, pages * PAGE_SIZE, prot, flags, pgoff);
}

/*
 * Three mappings of one file -- A shared [0, 3], B shared [2, 3], C private
 * [0, 0] -- and a fork child: rmap_walk() of a page-cache page visits
 * exactly the VMAs whose range covers its index, in both processes, and
 * finds the PTEs of those that have faulted it in. Splitting A and
 * truncation through unmap_mapping_range() keep the tree and the walk right.
 */
KTEST(rmap, file_page_walks_i_mmap)
{
	struct address_space *mapping;
	struct mm_struct *mm, *child;
	struct rmap_counts before;
	struct mm_test_file fr;
	unsigned long a, b, c;
	struct page *p0, *p2;
	struct visit v;

	counts_take(&before);
	KTEST_ASSERT_TRUE(t, file_rmap_start(&fr));
	mapping = fr.mapping;
	mm = fr.mm;
	a = map_file(&fr, 4, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	b = map_file(&fr, 2, PROT_READ, MAP_SHARED, 2);
	c = map_file(&fr, 1, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR_VALUE(a) || IS_ERR_VALUE(b) || IS_ERR_VALUE(c));
	KTEST_EXPECT_TRUE(t, find_vma(mm, a)->vm_flags & VM_SHARED);
	KTEST_EXPECT_FALSE(t, find_vma(mm, b)->vm_flags & VM_WRITE);
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 0, ULONG_MAX), 3);
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 0, 0), 2);	/* A, C */
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 1, 1), 1);	/* A */
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 3, 3), 2);	/* A, B */
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 4, ULONG_MAX), 0);

	/* Page 2: a write through A, a read through B; both PTEs map the cache page. */
	KTEST_ASSERT_TRUE(t, pte_write(mm_test_fault(mm, a + 2 * PAGE_SIZE, true)));
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, b, false)));
	p2 = mm_test_page(mm, b);
	KTEST_ASSERT_TRUE(t, p2 && p2 == mm_test_page(mm, a + 2 * PAGE_SIZE));
	KTEST_EXPECT_TRUE(t, folio_mapping(page_folio(p2)) == mapping && p2->index == 2);
	KTEST_EXPECT_TRUE(t, PageDirty(p2));
	KTEST_EXPECT_EQ(t, page_mapcount(p2), 2);
	KTEST_EXPECT_EQ(t, page_count(p2), 3);		/* the cache and two PTEs */
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_FILEPAGES), 2);
	v = walk(p2);
	KTEST_EXPECT_EQ(t, v.nr_vmas, 2);
	KTEST_EXPECT_EQ(t, v.nr_ptes, 2);

	/* Page 0 through C only: A and C are visited, C alone maps it. */
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, c, false)));
	p0 = mm_test_page(mm, c);
	KTEST_ASSERT_NOT_NULL(t, p0);
	KTEST_EXPECT_FALSE(t, PageAnon(p0));
	v = walk(p0);
	KTEST_EXPECT_EQ(t, v.nr_vmas, 2);
	KTEST_EXPECT_EQ(t, v.nr_ptes, 1);

	/* fork: the child's VMAs join the tree; its shared PTEs are not copied. */
	child = dup_mm(mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 0, ULONG_MAX), 6);
	v = walk(p2);
	KTEST_EXPECT_EQ(t, v.nr_vmas, 4);
	KTEST_EXPECT_EQ(t, v.nr_ptes, 2);
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(child, b, false)));
	KTEST_EXPECT_TRUE(t, mm_test_page(child, b) == p2);
	v = walk(p2);
	KTEST_EXPECT_EQ(t, v.nr_ptes, 3);
	KTEST_EXPECT_EQ(t, page_mapcount(p2), 3);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/*
	 * B taken out of the tree behind mm_verify's back: B is missing (1),
	 * its PTE is not found by rmap (1), and page 2's walk finds 2 PTEs
	 * for map count 3 (1).
	 */
	vma_interval_tree_remove(find_vma(mm, b), &mapping->i_mmap);
	KTEST_EXPECT_EQ(t, mm_verify(), 3);
	vma_interval_tree_insert(find_vma(mm, b), &mapping->i_mmap);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* Unmapping A's page 1 splits it: [0, 0] and [2, 3], both in the tree. */
	mmap_write_lock(mm);
	KTEST_EXPECT_EQ(t, do_munmap(mm, a + PAGE_SIZE, PAGE_SIZE), 0);
	mmap_write_unlock(mm);
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 0, ULONG_MAX), 7);
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 1, 1), 1);	/* the child's A */
	KTEST_EXPECT_EQ(t, find_vma(mm, a + 2 * PAGE_SIZE)->vm_pgoff, 2);
	v = walk(p2);
	KTEST_EXPECT_EQ(t, v.nr_vmas, 4);
	KTEST_EXPECT_EQ(t, v.nr_ptes, 3);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	/* Truncation's unmap: no PTE maps pages 2 and 3 any more, in either process. */
	unmap_mapping_range(mapping, 2 * PAGE_SIZE, 0);
	KTEST_EXPECT_EQ(t, page_mapcount(p2), 0);
	KTEST_EXPECT_EQ(t, page_count(p2), 1);		/* the cache's own */
	KTEST_EXPECT_FALSE(t, pte_present(mm_test_pte(child, b)));
	KTEST_EXPECT_EQ(t, walk(p2).nr_ptes, 0);
	KTEST_EXPECT_EQ(t, page_mapcount(p0), 1);	/* page 0 was not in the range */
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_FILEPAGES), 1);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	mmput(child);
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 0, ULONG_MAX), 4);	/* A (split in two), B, C */
	file_rmap_end(t, &fr);
	EXPECT_NO_LEAK(t, &before);
}

/*
 * Two shared mappings of consecutive file pages placed side by side merge
 * into one VMA, re-keyed in the tree; mremap moves it with its key.
 */
KTEST(rmap, file_vma_merge_and_move_rekey_i_mmap)
{
	struct address_space *mapping;
	struct vm_area_struct *vma;
	struct rmap_counts before;
	unsigned long a, moved;
	struct mm_test_file fr;
	struct mm_struct *mm;
	struct page *page;
	struct visit v;

	counts_take(&before);
	KTEST_ASSERT_TRUE(t, file_rmap_start(&fr));
	mapping = fr.mapping;
	mm = fr.mm;
	a = map_file(&fr, 2, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR_VALUE(a));
	KTEST_EXPECT_EQ(t, vm_mmap_pgoff(fr.file, a + 2 * PAGE_SIZE, 2 * PAGE_SIZE,
					 PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, 2),
			a + 2 * PAGE_SIZE);
	vma = find_vma(mm, a);
	KTEST_EXPECT_EQ(t, vma->vm_end, a + 4 * PAGE_SIZE);	/* merged */
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 0, ULONG_MAX), 1);
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 3, 3), 1);
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, a + 3 * PAGE_SIZE, true)));
	page = mm_test_page(mm, a + 3 * PAGE_SIZE);
	KTEST_ASSERT_NOT_NULL(t, page);

	/* mremap to a free range above: the same VMA key, the page found at its new address. */
	moved = a + 64 * PAGE_SIZE;
	KTEST_EXPECT_EQ(t, SYS(mremap, .di = a, .si = 4 * PAGE_SIZE, .dx = 4 * PAGE_SIZE,
			       .r10 = MREMAP_MAYMOVE | MREMAP_FIXED, .r8 = moved), (long)moved);
	KTEST_EXPECT_EQ(t, mm->map_count, 1);
	KTEST_EXPECT_EQ(t, i_mmap_count(mapping, 0, ULONG_MAX), 1);
	KTEST_EXPECT_EQ(t, find_vma(mm, moved)->vm_pgoff, 0);
	KTEST_EXPECT_TRUE(t, mm_test_page(mm, moved + 3 * PAGE_SIZE) == page);
	v = walk(page);
	KTEST_EXPECT_EQ(t, v.nr_vmas, 1);
	KTEST_EXPECT_EQ(t, v.nr_ptes, 1);
	KTEST_EXPECT_EQ(t, vma_address(find_vma(mm, moved), page->index, 1), moved + 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);
	file_rmap_end(t, &fr);
	EXPECT_NO_LEAK(t, &before);
}

/*
 * try_to_unmap() of a page-cache folio mapped by a process and its fork
 * child clears both PTEs (the data stays in the file); it stops at a
 * VM_LOCKED VMA unless told to ignore mlock. A later access maps the same
 * folio again.
 */
KTEST(rmap, try_to_unmap_clears_every_file_pte)
{
	struct rmap_counts before;
	struct mm_struct *mm, *child;
	struct vm_area_struct *vma;
	struct mm_test_file fr;
	struct folio *folio;
	unsigned long a;

	counts_take(&before);
	KTEST_ASSERT_TRUE(t, file_rmap_start(&fr));
	mm = fr.mm;
	a = map_file(&fr, 2, PROT_READ, MAP_SHARED, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR_VALUE(a));
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(mm, a + PAGE_SIZE, false)));
	folio = page_folio(mm_test_page(mm, a + PAGE_SIZE));
	child = dup_mm(mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_ASSERT_TRUE(t, pte_present(mm_test_fault(child, a + PAGE_SIZE, false)));
	KTEST_EXPECT_EQ(t, folio_mapcount(folio), 2);
	folio_get(folio);

	vma = find_vma(child, a);
	vma->vm_flags |= VM_LOCKED;
	try_to_unmap(folio, 0);
	KTEST_EXPECT_TRUE(t, folio_mapped(folio));
	KTEST_EXPECT_TRUE(t, pte_present(mm_test_pte(child, a + PAGE_SIZE)));
	try_to_unmap(folio, TTU_IGNORE_MLOCK);
	vma->vm_flags &= ~VM_LOCKED;
	KTEST_EXPECT_FALSE(t, folio_mapped(folio));
	KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(mm, a + PAGE_SIZE)));
	KTEST_EXPECT_TRUE(t, pte_none(mm_test_pte(child, a + PAGE_SIZE)));
	KTEST_EXPECT_EQ(t, get_mm_counter(mm, MM_FILEPAGES), 0);
	KTEST_EXPECT_EQ(t, get_mm_counter(child, MM_FILEPAGES), 0);
	KTEST_EXPECT_EQ(t, folio_ref_count(folio), 2);	/* the page cache's and ours */
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	KTEST_EXPECT_TRUE(t, pte_present(mm_test_fault(mm, a + PAGE_SIZE, false)));
	KTEST_EXPECT_TRUE(t, mm_test_page(mm, a + PAGE_SIZE) == &folio->page);
	KTEST_EXPECT_EQ(t, *(char *)folio_address(folio), 'f');
	folio_put(folio);
	mmput(child);
	file_rmap_end(t, &fr);
	EXPECT_NO_LEAK(t, &before);
}

/*
 * One identical page in each of three unrelated mms; ksmd (run=1,
 * sleep_millisecs=0) merges them in two full scans. Two of the mms fork,
 * and the children map the KSM page without rmap_items of their own:
 * rmap_walk_ksm() must still visit exactly the five mappings -- the
 * rmap_items' own mms first, the forks in its search_new_forks round.
 */
KTEST(rmap, ksm_walk_visits_every_mapping)
{
	struct mm_struct *mms[5] = { };	/* three merged, two forks of 0 and 1 */
	struct rmap_counts before;
	struct folio *folio;
	struct page *kpage;
	bool mounted;
	struct visit v;

	counts_take(&before);
	mounted = init_mount("sysfs", "/sys", "sysfs", 0, NULL) == 0;
	KTEST_ASSERT_EQ(t, mm_test_ksm_knob("sleep_millisecs", "0"), 0);
	for (int i = 0; i < 3; i++) {
		mms[i] = mm_test_ksm_mm(BASE, 0x5a);
		KTEST_ASSERT_NOT_NULL(t, mms[i]);
	}
	KTEST_ASSERT_TRUE(t, mm_test_ksm_merge());
	kpage = mm_test_page(mms[0], addr(0));
	KTEST_ASSERT_TRUE(t, PageKsm(kpage));
	KTEST_EXPECT_TRUE(t, mm_test_page(mms[1], addr(0)) == kpage);
	KTEST_EXPECT_TRUE(t, mm_test_page(mms[2], addr(0)) == kpage);
	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("pages_shared", NULL), 1);
	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("pages_sharing", NULL), 2);

	mms[3] = dup_mm(mms[0]);
	mms[4] = dup_mm(mms[1]);
	KTEST_ASSERT_TRUE(t, mms[3] && mms[4]);
	KTEST_EXPECT_EQ(t, page_mapcount(kpage), 5);
	folio = page_folio(kpage);
	folio_lock(folio);
	v = walk(kpage);
	folio_unlock(folio);
	KTEST_EXPECT_EQ(t, v.nr_vmas, 5);
	KTEST_EXPECT_EQ(t, v.nr_ptes, 5);
	for (int i = 0; i < 5; i++)
		KTEST_EXPECT_TRUE(t, visited(&v, mms[i]));
	/* The first round visits the mms of the rmap_items: the children come last. */
	KTEST_EXPECT_TRUE(t, v.vmas[3]->vm_mm == mms[3] || v.vmas[3]->vm_mm == mms[4]);
	KTEST_EXPECT_TRUE(t, v.vmas[4]->vm_mm == mms[3] || v.vmas[4]->vm_mm == mms[4]);
	KTEST_EXPECT_EQ(t, mm_verify(), 0);

	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("run", "2"), 2);	/* unmerge all, free the rmap_items */
	KTEST_EXPECT_FALSE(t, PageKsm(mm_test_page(mms[0], addr(0))));
	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("pages_shared", NULL), 0);
	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("run", "0"), 0);
	KTEST_EXPECT_EQ(t, mm_test_ksm_knob("sleep_millisecs", "20"), 20);
	put_mms(mms, 5);
	if (mounted)
		KTEST_EXPECT_EQ(t, init_umount("/sys", 0), 0);
	EXPECT_NO_LEAK(t, &before);
}
