"""The labs: their order, their handouts and their grade tables.

Labs stack: a student tree for lab N keeps the solutions of labs 1..N-1
and loses those of lab N and of every later lab (tools/mklab.py), so each
lab may rely on the ones before it -- and its graded parts must pass with
the later labs' stubs in place (their stubs keep what earlier labs need
working, or those parts are graded by ktests, which run before user space).

A part is one QEMU boot (tools/grade.py):
    ktest=("suite.case", ...)  the kernel test cases, run with ktest=...;
                               every case must report `ok`
    user="program"             userland/tests/PROGRAM under /init's `test`
                               mode with mm_verify=on; it must pass
docs/labs/README.md says how to add a lab.
"""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Part:
    name: str
    points: int
    what: str                        # one line: what the part checks
    ktest: tuple = ()
    user: str = ""
    mem: str = "512M"
    timeout: int = 120

    @property
    def how(self):
        return f"ktest={','.join(self.ktest)}" if self.ktest else f"user test {self.user}"


@dataclass(frozen=True)
class Lab:
    name: str
    title: str
    hours: str
    functions: tuple                 # (file, function) the student writes
    parts: tuple = field(default=())
    # Why the student tree as handed out cannot boot to the shell (empty: it
    # does, and `make run` there is the place to try things).
    no_shell: str = ""

    @property
    def handout(self):
        return f"docs/labs/{self.name}.md"

    @property
    def points(self):
        return sum(p.points for p in self.parts)


LABS = (
    Lab("buddy", "The buddy allocator: splitting and merging blocks", "6-8",
        (("mm/page_alloc.c", "__rmqueue_smallest"), ("mm/page_alloc.c", "expand"),
         ("mm/page_alloc.c", "__free_one_page")),
        (Part("expand", 20, "an order-0 request splits a larger block; the upper halves "
              "are free at orders 0, 1, 2", ktest=("buddy.expand_splits_into_buddies",)),
         Part("merge", 20, "freeing both halves of a block merges them with the buddy",
              ktest=("buddy.split_and_merge_with_buddy",)),
         Part("all_pages", 20, "every page allocated and freed: the free lists, buddyinfo "
              "and pagetypeinfo come back", ktest=("buddy.alloc_every_page_and_free_restores_lists",)),
         Part("random", 20, "random orders never overlap or leave their zone",
              ktest=("buddy.random_mixed_orders_never_overlap_or_leave_zone",)),
         Part("fallback", 10, "an empty migratetype steals a pageblock from another",
              ktest=("pageblock.fallback_steals_pageblocks",)),
         Part("zones", 10, "GFP_DMA and GFP_DMA32 blocks stay below their limits",
              ktest=("buddy.dma_and_dma32_requests_stay_below_limits",))),
        no_shell="the boot frees all memory into the buddy lists and allocates from "
                 "them: the first stub panics, naming itself and the handout"),
    Lab("pagetables", "Page tables: the four-level walk and demand paging", "6-8",
        (("mm/memory.c", "walk_to_pmd"), ("mm/memory.c", "__pte_alloc"),
         ("mm/rmap.c", "mm_find_pmd"), ("mm/memory.c", "do_anonymous_page")),
        (Part("walk", 30, "the walk allocates the PUD, PMD and PTE tables it lacks, "
              "and only those", ktest=("pagetables.walk_allocates_each_level",)),
         Part("lookup", 20, "a lookup allocates nothing and finds no PTE table that is "
              "not there", ktest=("pagetables.lookup_allocates_nothing",)),
         Part("zero_page", 25, "a read fault maps the shared zero page read-only",
              ktest=("pagetables.read_maps_zero_page",)),
         Part("anon_write", 25, "a write fault maps a new zeroed anonymous page",
              ktest=("pagetables.write_maps_new_zeroed_page",))),
        no_shell="no user page can be mapped: execve(\"/init\") fails and the kernel "
                 "panics, after the first stub it met warned, naming itself and the handout"),
    Lab("rmap", "Reverse mapping: anon_vma chains and the rmap walk", "8-10",
        (("mm/rmap.c", "anon_vma_clone"), ("mm/rmap.c", "anon_vma_fork"),
         ("mm/rmap.c", "rmap_walk_anon"), ("mm/rmap.c", "folio_referenced_one")),
        (Part("fork_chains", 25, "fork gives the child an anon_vma chained to the parent's",
              ktest=("rmap.fork_chains_avcs",)),
         Part("clone_reuse", 15, "a fork reuses an idle anon_vma instead of a new one",
              ktest=("rmap.clone_reuses_idle_anon_vma",)),
         Part("neighbour", 10, "a new VMA shares its neighbour's anon_vma",
              ktest=("rmap.prepare_shares_neighbour_anon_vma",)),
         Part("walk", 25, "the rmap walk finds every PTE of an anonymous folio: "
              "try_to_unmap() in three processes, a PTE taken away and mapped again",
              ktest=("rmap.try_to_unmap_keeps_anonymous_folio",
                     "rmap.folio_add_anon_rmap_pte_maps_again")),
         Part("referenced", 25, "folio_referenced() counts and clears the young bits",
              ktest=("rmap.folio_referenced_tests_and_clears",)))),
    Lab("cow", "Copy-on-write fork", "6-8",
        (("mm/memory.c", "copy_present_ptes"), ("mm/memory.c", "__copy_present_ptes"),
         ("mm/memory.c", "wp_can_reuse_anon_folio")),
        (Part("fork_cow", 30, "fork shares pages read-only; a write copies, the last "
              "writer reuses", ktest=("memory.fork_cow_copy_then_reuse",)),
         Part("cow_rmap", 15, "a page copied on write is reached only through the writer",
              ktest=("rmap.cow_page_reached_only_through_child",)),
         Part("user_cow", 35, "userland/tests/cow.c: fork and write in every order, "
              "frames followed through /proc", user="cow", timeout=300),
         Part("user_rmap", 20, "userland/tests/rmap.c: a process tree sharing frames",
              user="rmap", timeout=300))),
    Lab("gup", "get_user_pages(): the kernel reaching user pages, pins and COW", "6-8",
        (("mm/gup.c", "try_grab_folio"), ("mm/gup.c", "can_follow_write_pte"),
         ("mm/gup.c", "follow_page_pte"), ("mm/gup.c", "__get_user_pages")),
        (Part("pins", 20, "a pin adds GUP_PIN_COUNTING_BIAS references and counts in "
              "/proc/vmstat; the zero page is never pinned", ktest=("gup.pin_counts_with_bias",)),
         Part("fork_pinned", 15, "fork copies a pinned page for the child at once",
              ktest=("gup.fork_copies_pinned_page",)),
         Part("unshare", 15, "a read pin of a page fork shares unshares it first",
              ktest=("gup.read_pin_unshares_shared_page",)),
         Part("forced_write", 15, "a FOLL_FORCE write into a read-only private mapping "
              "writes a private copy", ktest=("gup.forced_write_copies_privately",)),
         Part("populate", 10, "MADV_POPULATE_(READ|WRITE) maps the range, and fails where "
              "it must", ktest=("gup.faultin_page_range_errors",)),
         Part("user_gup", 25, "userland/tests/gup.c: /proc/PID/mem, process_vm_readv/writev, "
              "vmsplice pins against COW, MADV_POPULATE", user="gup", timeout=180))),
    Lab("ksm", "KSM: merging identical pages with the stable and unstable trees", "8-10",
        (("mm/ksm.c", "cmp_and_merge_page"), ("mm/ksm.c", "stable_tree_search"),
         ("mm/ksm.c", "stable_tree_insert"), ("mm/ksm.c", "unstable_tree_search_insert")),
        (Part("user_ksm", 70, "userland/tests/ksm.c: ksmd merges, forks share, writes break, "
              "the zero page, max_page_sharing, the counters", user="ksm", timeout=300),
         Part("rmap_walk_ksm", 30, "the rmap walk of a KSM page visits every mapping, "
              "forks included", ktest=("rmap.ksm_walk_visits_every_mapping",)))),
    Lab("compaction", "Compaction: the two scanners and page migration", "8-10",
        (("mm/compaction.c", "isolate_migratepages_block"),
         ("mm/compaction.c", "isolate_freepages_block"),
         ("mm/migrate.c", "__migrate_folio"), ("mm/migrate.c", "remove_migration_pte")),
        (Part("migrate_anon", 20, "an anonymous folio moves, exclusive or shared by fork",
              ktest=("migrate.anon_exclusive", "migrate.anon_shared_by_fork")),
         Part("migrate_file", 10, "a page-cache folio moves with its file slot",
              ktest=("migrate.page_cache_shared_and_private",)),
         Part("migration_ptes", 15, "migration entries in the page tables turn back into "
              "PTEs; a fault waits for the move", ktest=("migrate.entries_in_page_tables",
                                                          "migrate.fault_waits_for_move")),
         Part("compact_node", 25, "compact_node() moves pages and frees a pageblock",
              ktest=("compaction.compact_node_moves_pages",)),
         Part("user_compaction", 30, "userland/tests/compaction.c: compact_memory keeps the "
              "data, moves frames, frees 2 MiB blocks", user="compaction", timeout=300))),
    Lab("hugetlb", "HugeTLB: faulting, forking and copying 2 MiB pages from the pool", "6-8",
        (("mm/hugetlb.c", "alloc_hugetlb_folio"), ("mm/hugetlb.c", "hugetlb_no_page"),
         ("mm/hugetlb.c", "hugetlb_wp"), ("mm/hugetlb.c", "copy_hugetlb_page_range")),
        (Part("fault", 25, "read and write faults take reserved pool pages, zeroed, "
              "mapped by a huge PMD", ktest=("hugetlb_fault.private_faults_take_reserved_pages",)),
         Part("fork_cow", 25, "fork shares a huge page read-only; the child's write copies "
              "it, the parent's reuses it", ktest=("hugetlb_fault.fork_copy_then_reuse",)),
         Part("user_hugetlb", 50, "userland/tests/hugetlb.c: the pool grown through "
              "compaction, MAP_HUGETLB private and shared: reservations, faults, fork "
              "and copy-on-write, smaps, pagemap, munmap", user="hugetlb", timeout=300))),
    Lab("pcp", "Per-CPU page lists: batching the buddy allocator", "4-6",
        (("mm/page_alloc.c", "__rmqueue_pcplist"), ("mm/page_alloc.c", "rmqueue_bulk"),
         ("mm/page_alloc.c", "free_unref_page_commit"), ("mm/page_alloc.c", "free_pcppages_bulk")),
        (Part("lifo", 20, "a freed page is the next one allocated, and neither step "
              "changes NR_FREE_PAGES", ktest=("pcp.freed_page_is_next_allocated",)),
         Part("refill", 20, "an empty list refills with a batch from the buddy lists, "
              "twice as many the next time", ktest=("pcp.refill_takes_a_batch_then_twice_as_many",)),
         Part("high", 20, "the free that reaches high gives the coldest pages back",
              ktest=("pcp.free_at_high_gives_back_the_coldest",)),
         Part("drain", 10, "drain_all_pages() empties every list into the buddy lists",
              ktest=("pcp.drain_all_pages_empties_every_list",)),
         Part("orders", 15, "orders 1..3 have lists of their own; order 4 bypasses them",
              ktest=("pcp.orders_up_to_costly_have_their_own_lists",)),
         Part("migratetypes", 15, "a HighAtomic page goes on the movable list, an isolated "
              "pageblock's page to the buddy lists", ktest=("pcp.highatomic_page_goes_on_movable_list",
                                                             "pcp.isolated_pageblock_bypasses_lists")))),
)


def by_name(name):
    for lab in LABS:
        if lab.name == name:
            return lab
    raise KeyError(f"no lab {name!r} (labs: {', '.join(l.name for l in LABS)})")


def up_to(name):
    """The labs up to and including name, in order."""
    index = [lab.name for lab in LABS].index(by_name(name).name)
    return LABS[:index + 1]
