"""pagoda.py - GDB commands for looking inside Pagoda (sourced by pagoda.gdb).

  pagoda-dmesg      print the kernel log buffer (log_buf)
  pagoda-ps         the tasks: pid, ppid, state, mm, name
  pagoda-vmas PID   a process's VMAs, as /proc/PID/maps shows them, plus
                    the anon_vma of each
  pagoda-pte PID ADDR  the page-table walk for ADDR in PID's address space:
                    the entry at each of the four levels, decoded
  pagoda-page PFN   the struct page of a frame, seen as its folio: flags,
                    counts, mapping, pins
  pagoda-buddy      free blocks per zone, order and migratetype
  pagoda-pageblocks [ZONE]  each zone's pageblocks as a map: migratetype
                    (lower case: skip bit set), then per block its free,
                    LRU (movable) and other (pinned or unmovable) pages
  pagoda-rmap PFN   the PTEs mapping an anonymous or page-cache folio,
                    found as rmap_walk() finds them (same lines as
                    /sys/kernel/debug/rmap)
  pagoda-current    the task running on the CPU (Linux's `current`); the
                    convenience variable $current holds it after every stop
  pagoda-ksm        KSM's stable tree (each KSM page's node, kpfn and the pid
                    and address of each rmap_item; chains with their dups)
                    and unstable tree, as /sys/kernel/debug/ksm shows them
"""
import re

import gdb


class Dmesg(gdb.Command):
    """pagoda-dmesg: print the kernel log (printk's log_buf ring)."""

    def __init__(self):
        super().__init__("pagoda-dmesg", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        buf = gdb.parse_and_eval("log_buf")
        size = int(buf.type.sizeof)
        total = int(gdb.parse_and_eval("log_next"))
        data = gdb.selected_inferior().read_memory(buf.address, size).tobytes()
        if total <= size:
            text = data[:total]
        else:
            start = total % size
            text = data[start:] + data[:start]
        # Each line starts with its level, "<6>", as syslog(2) gives it.
        gdb.write(re.sub(r"(?m)^<\d>", "", text.decode("utf-8", "replace")))


Dmesg()


PAGE_SHIFT = 12
PAGE_OFFSET = 0xffff888000000000  # the direct map (asm/page_types.h)
PTE_PFN_MASK = 0x000ffffffffff000
PAGE_PRESENT, PAGE_PROTNONE = 0x1, 0x100  # a PROT_NONE PTE keeps its frame
PAGE_MAPPING_ANON = 0x1
PAGE_MAPPING_FLAGS = 0x3
GUP_PIN_COUNTING_BIAS = 1 << 10  # what one FOLL_PIN adds to _refcount (linux/mm.h)
PAGEBLOCK_ORDER = 9  # pageblock_order (linux/mmzone.h)


def rb_inorder(node):
    """The nodes of an rbtree below node (a struct rb_node * Value), in order."""
    stack = []
    while stack or int(node):
        while int(node):
            stack.append(node)
            node = node["rb_left"]
        node = stack.pop()
        yield node
        node = node["rb_right"]


def member_offset(gtype, member):
    """Byte offset of member in gtype, looking inside anonymous unions and
    structs (struct ksm_stable_node's node, struct ksm_rmap_item's hlist);
    None if there is none."""
    for f in gtype.strip_typedefs().fields():
        if f.name == member:
            return f.bitpos // 8
        if not f.name:
            inner = member_offset(f.type, member)
            if inner is not None:
                return f.bitpos // 8 + inner
    return None


def container_of(ptr, typename, member):
    gtype = gdb.lookup_type(typename)
    offset = member_offset(gtype, member)
    if offset is None:
        raise gdb.GdbError("%s has no member %s" % (typename, member))
    return gdb.Value(int(ptr) - offset).cast(gtype.pointer())


def read_entry(table_phys, index):
    """Entry index of the page table at physical address table_phys."""
    addr = PAGE_OFFSET + table_phys + 8 * index
    return int.from_bytes(gdb.selected_inferior().read_memory(addr, 8).tobytes(), "little")


def pte_of(pgd, address):
    """The PTE value mapping address under the pgd (a pgd_t * Value), or 0."""
    table = int(pgd) - PAGE_OFFSET
    for shift in (39, 30, 21, 12):
        entry = read_entry(table, (address >> shift) & 511)
        if shift == 12 or not entry & 1 or entry & 0x80:   # PTE, not present, or huge
            return entry if shift == 12 else 0
        table = entry & PTE_PFN_MASK
    return 0


def mm_pid(mm):
    """The tgid of the first task using mm, as mm_owner_pid() does, or -1."""
    head = gdb.parse_and_eval("&task_list")
    node = head["next"]
    while int(node) != int(head):
        task = container_of(node, "struct task_struct", "tasks")
        if int(task["mm"]) == int(mm):
            return int(task["tgid"])
        node = node["next"]
    return -1


def pfn_folio(pfn):
    """The struct folio of frame pfn (a struct folio Value): as page_folio(), a
    cast of its struct page -- every Pagoda folio is one page."""
    page = gdb.parse_and_eval("mem_map")[pfn]
    return page.address.cast(gdb.lookup_type("struct folio").pointer()).dereference()


class Rmap(gdb.Command):
    """pagoda-rmap PFN: list "pid address vm_start-vm_end mapping" for each PTE
    mapping the folio of PFN, by walking the VMAs that can map folio->index --
    those of folio->mapping's anon_vma interval tree, or for a page-cache folio
    those of its file's i_mmap tree -- and checking each VMA's PTE, as
    rmap_walk() and page_vma_mapped_walk() do."""

    def __init__(self):
        super().__init__("pagoda-rmap", gdb.COMMAND_USER)

    def vmas(self, mapping):
        """The VMAs of the anon_vma or address_space tree at mapping (flags stripped)."""
        if mapping & PAGE_MAPPING_ANON:
            anon_vma = gdb.Value(mapping - PAGE_MAPPING_ANON).cast(
                gdb.lookup_type("struct anon_vma").pointer())
            for node in rb_inorder(anon_vma["rb_root"]["rb_root"]["rb_node"]):
                yield container_of(node, "struct anon_vma_chain", "rb")["vma"]
        else:
            space = gdb.Value(mapping).cast(gdb.lookup_type("struct address_space").pointer())
            for node in rb_inorder(space["i_mmap"]["rb_root"]["rb_node"]):
                yield container_of(node, "struct vm_area_struct", "shared")  # shared.rb: offset 0

    def invoke(self, arg, from_tty):
        pfn = int(gdb.parse_and_eval(arg))
        folio = pfn_folio(pfn)
        mapping = int(folio["mapping"])
        mapcount = int(folio["_mapcount"]["counter"]) + 1     # folio_mapcount()
        index = int(folio["index"])
        flags = mapping & PAGE_MAPPING_FLAGS
        if not mapping or flags not in (0, PAGE_MAPPING_ANON) or mapcount <= 0:
            gdb.write("pfn %#x: not a mapped anonymous or page-cache page (mapping %#x, "
                      "mapcount %d)\n" % (pfn, mapping, mapcount))
            return
        gdb.write("pfn %#x: index %#x, mapcount %d, %s %#x\n"
                  % (pfn, index, mapcount, "anon_vma" if flags else "address_space",
                     mapping - flags))
        for vma in self.vmas(mapping):
            start, end, pgoff = int(vma["vm_start"]), int(vma["vm_end"]), int(vma["vm_pgoff"])
            address = start + ((index - pgoff) << PAGE_SHIFT)
            if index < pgoff or address >= end:
                continue
            pte = pte_of(vma["vm_mm"]["pgd"], address)
            if pte & (PAGE_PRESENT | PAGE_PROTNONE) and (pte & PTE_PFN_MASK) >> PAGE_SHIFT == pfn:
                gdb.write("%d %x %x-%x %x\n"
                          % (mm_pid(vma["vm_mm"]), address, start, end, mapping - flags))


Rmap()


def tasks():
    """Every task on task_list (struct task_struct * Values)."""
    head = gdb.parse_and_eval("&task_list")
    node = head["next"]
    while int(node) != int(head):
        yield container_of(node, "struct task_struct", "tasks")
        node = node["next"]


def find_task(pid):
    for task in tasks():
        if int(task["pid"]) == pid:
            return task
    raise gdb.GdbError("no task with pid %d" % pid)


EXIT_DEAD, EXIT_ZOMBIE = 0x10, 0x20  # include/linux/sched.h (macros: not in the ELF)


def state_letter(task):
    """R, S, D, Z or X: the letter /proc/PID/stat shows."""
    exit_state = int(task["exit_state"])
    if exit_state & EXIT_DEAD:
        return "X"
    if exit_state & EXIT_ZOMBIE:
        return "Z"
    state = int(task["__state"])
    return "R" if state == 0 else "S" if state == 1 else "D"


class Ps(gdb.Command):
    """pagoda-ps: one line per task: pid, ppid, state letter, its mm, its name."""

    def __init__(self):
        super().__init__("pagoda-ps", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        gdb.write("%5s %5s S %-18s %s\n" % ("PID", "PPID", "MM", "COMM"))
        for task in tasks():
            parent = task["real_parent"]
            gdb.write("%5d %5d %s %-18s %s\n"
                      % (int(task["pid"]), int(parent["tgid"]) if int(parent) else 0,
                         state_letter(task), "%#x" % int(task["mm"]) if int(task["mm"]) else "-",
                         task["comm"].string()))


Ps()


def current_task():
    """Linux's `current`: pcpu_hot.current_task (a struct task_struct * Value)."""
    return gdb.parse_and_eval("pcpu_hot.current_task")


class Current(gdb.Command):
    """pagoda-current: the task running on the CPU: pid, tgid, state, mm, name."""

    def __init__(self):
        super().__init__("pagoda-current", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        task = current_task()
        if not int(task):
            raise gdb.GdbError("no current task yet (before sched_init)")
        mm = int(task["mm"])
        gdb.write("current %#x pid %d tgid %d %s mm %s %s\n"
                  % (int(task), int(task["pid"]), int(task["tgid"]), state_letter(task),
                     "%#x" % mm if mm else "-", task["comm"].string()))


Current()


def set_current(event):
    """After every stop, $current is the running task (`p $current->pid`)."""
    try:
        gdb.set_convenience_variable("current", current_task())
    except gdb.error:       # no symbols loaded yet
        pass


gdb.events.stop.connect(set_current)


def task_mm(pid):
    mm = find_task(pid)["mm"]
    if not int(mm):
        raise gdb.GdbError("pid %d has no mm (a kernel thread or a zombie)" % pid)
    return mm


class Vmas(gdb.Command):
    """pagoda-vmas PID: the VMAs of PID (mm->mmap list): start-end, rwxp,
    vm_pgoff (in pages: for anonymous memory the start address >> 12, which
    page->index counts from), anon_vma (0 until the first anonymous fault)
    and the mapped file's name."""

    def __init__(self):
        super().__init__("pagoda-vmas", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        vma = task_mm(int(gdb.parse_and_eval(arg)))["mmap"]
        while int(vma):
            flags = int(vma["vm_flags"])
            perms = "".join(c if flags & bit else "-" for c, bit in
                            (("r", 1), ("w", 2), ("x", 4))) + ("s" if flags & 8 else "p")
            name = ""
            if int(vma["vm_file"]):
                name = vma["vm_file"]["f_path"]["dentry"]["d_name"]["name"].string()
            gdb.write("%x-%x %s pgoff %#x anon_vma %#x %s\n"
                      % (int(vma["vm_start"]), int(vma["vm_end"]), perms,
                         int(vma["vm_pgoff"]), int(vma["anon_vma"]), name))
            vma = vma["vm_next"]


Vmas()


PTE_BITS = ((0x1, "P"), (0x2, "RW"), (0x4, "US"), (0x8, "PWT"), (0x10, "PCD"),
            (0x20, "A"), (0x40, "D"), (0x80, "PS"), (0x100, "G"), (1 << 63, "NX"))


def decode_entry(entry):
    return " ".join(name for bit, name in PTE_BITS if entry & bit) or "-"


class Pte(gdb.Command):
    """pagoda-pte PID ADDR: walk PID's page tables for ADDR, printing the index
    and entry at each level (PGD, PUD, PMD, PTE) with its flags, then the frame."""

    def __init__(self):
        super().__init__("pagoda-pte", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        argv = gdb.string_to_argv(arg)
        if len(argv) != 2:
            raise gdb.GdbError("usage: pagoda-pte PID ADDR")
        address = int(gdb.parse_and_eval(argv[1]))
        table = int(task_mm(int(gdb.parse_and_eval(argv[0])))["pgd"]) - PAGE_OFFSET
        for level, shift in (("PGD", 39), ("PUD", 30), ("PMD", 21), ("PTE", 12)):
            index = (address >> shift) & 511
            entry = read_entry(table, index)
            gdb.write("%s[%3d] @ %#014x = %#018x %s\n"
                      % (level, index, table + 8 * index, entry, decode_entry(entry)))
            if not entry & (PAGE_PRESENT | PAGE_PROTNONE):
                gdb.write("not mapped\n")
                return
            if shift == 12 or entry & 0x80:
                break
            table = entry & PTE_PFN_MASK
        pfn = (entry & PTE_PFN_MASK) >> PAGE_SHIFT
        if shift != 12:    # a huge leaf: the frame of ADDR inside it
            pfn += (address & ((1 << shift) - 1)) >> PAGE_SHIFT
        gdb.write("pfn %#x (pagoda-page %#x)\n" % (pfn, pfn))


Pte()


class Page(gdb.Command):
    """pagoda-page PFN: mem_map[PFN] seen as its folio: its flags by name
    (anon_exclusive: the anonymous page is this process's alone, see
    docs/gup.md), _refcount, _mapcount (-1: no PTE maps it), mapping
    (anon_vma if bit 0 is set, else the page cache), index, the order of a
    free buddy block, the pins of a page that may be pinned (each
    FOLL_PIN adds GUP_PIN_COUNTING_BIAS to _refcount), and the LRU list of
    a folio on one (mlock_count if unevictable)."""

    def __init__(self):
        super().__init__("pagoda-page", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        pfn = int(gdb.parse_and_eval(arg))
        page = pfn_folio(pfn)
        flags = int(page["flags"])
        names = [f.name for f in gdb.lookup_type("enum pageflags").fields()
                 if f.name != "__NR_PAGEFLAGS" and flags & (1 << f.enumval)]
        mapping = int(page["mapping"])
        kind = ("anon_vma" if mapping & PAGE_MAPPING_ANON else "address_space") if mapping else "none"
        gdb.write("pfn %#x: flags %#x [%s] zone %d\n"
                  % (pfn, flags, " ".join(n[3:] for n in names), flags >> 62))
        gdb.write("  _refcount %d _mapcount %d mapping %#x (%s) index %#x private %#x\n"
                  % (int(page["_refcount"]["counter"]), int(page["_mapcount"]["counter"]),
                     mapping & ~PAGE_MAPPING_FLAGS, kind, int(page["index"]),
                     int(page["private"])))
        if "PG_buddy" in names:
            gdb.write("  free buddy block of order %d\n" % int(page["private"]))
        refcount = int(page["_refcount"]["counter"])
        if refcount >= GUP_PIN_COUNTING_BIAS:    # folio_maybe_dma_pinned()
            gdb.write("  maybe pinned: %d pin(s) and %d other reference(s)\n"
                      % (refcount // GUP_PIN_COUNTING_BIAS, refcount % GUP_PIN_COUNTING_BIAS))
        if "PG_unevictable" in names:
            gdb.write("  LRU_UNEVICTABLE, mlock_count %d\n" % int(page["mlock_count"]))
        elif "PG_lru" in names:
            gdb.write("  on the %s %s LRU list\n"
                      % ("active" if "PG_active" in names else "inactive",
                         "anon" if "PG_swapbacked" in names else "file"))


Page()


class Buddy(gdb.Command):
    """pagoda-buddy: for each zone, the free blocks of each order (as
    /proc/buddyinfo) and, below, per migratetype (as /proc/pagetypeinfo),
    counted by walking the free lists."""

    def __init__(self):
        super().__init__("pagoda-buddy", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        pgdat = gdb.parse_and_eval("contig_page_data")
        ntypes = int(gdb.parse_and_eval("MIGRATE_TYPES"))
        names = gdb.parse_and_eval("migratetype_names")
        zones = pgdat["node_zones"]
        for z in range(zones.type.range()[1] + 1):
            zone = zones[z]
            if not int(zone["present_pages"]):
                continue
            area = zone["free_area"]
            max_order = area.type.range()[1] + 1
            gdb.write("zone %-8s %s\n" % (zone["name"].string(), " ".join(
                "%6d" % int(area[o]["nr_free"]) for o in range(max_order))))
            for t in range(ntypes):
                counts = []
                for o in range(max_order):
                    head = area[o]["free_list"][t].address
                    n, node = 0, head["next"]
                    while int(node) != int(head):
                        n, node = n + 1, node["next"]
                    counts.append("%6d" % n)
                gdb.write("  %-12s %s\n" % (names[t].string(), " ".join(counts)))


Buddy()


class Pageblocks(gdb.Command):
    """pagoda-pageblocks [ZONE]: the pageblocks of each zone (or of ZONE) as
    compaction sees them. First a map, one character per block for its
    migratetype (U Unmovable, M Movable, R Reclaimable, H HighAtomic,
    I Isolate; lower case if the compaction skip bit is set), 64 blocks a
    line; then, per block, "free/lru/other": free pages (in buddy blocks),
    pages on an LRU list and not pinned (what the migrate scanner can move),
    and the rest (kernel allocations, pinned pages). Before and after
    compaction it shows the used pages leave the low blocks."""

    LETTERS = "UMRHI"
    PER_LINE = 64

    def __init__(self):
        super().__init__("pagoda-pageblocks", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        pgdat = gdb.parse_and_eval("contig_page_data")
        zones = pgdat["node_zones"]
        order = PAGEBLOCK_ORDER
        nr_bits = int(gdb.parse_and_eval("NR_PAGEBLOCK_BITS"))
        skip_bit = int(gdb.parse_and_eval("PB_migrate_skip"))
        page_type = gdb.lookup_type("struct page")
        size = page_type.sizeof
        offsets = {f.name: f.bitpos // 8 for f in page_type.fields() if f.name}
        ref_off = offsets["_refcount"]
        union = next(f for f in page_type.fields() if not f.name)  # private: its first struct's
        priv_off = (union.bitpos + next(g.bitpos for g in union.type.fields()[0].type.fields()
                                        if g.name == "private")) // 8
        pg_buddy = int(gdb.parse_and_eval("PG_buddy"))
        pg_lru = int(gdb.parse_and_eval("PG_lru"))
        mem_map = int(gdb.parse_and_eval("mem_map"))
        inferior = gdb.selected_inferior()
        found = False
        for z in range(zones.type.range()[1] + 1):
            zone = zones[z]
            name = zone["name"].string()
            if not int(zone["present_pages"]) or (arg.strip() and arg.strip() != name):
                continue
            found = True
            start = int(zone["zone_start_pfn"])
            end = start + int(zone["spanned_pages"])
            base = start & ~((1 << order) - 1)
            flags_words = zone["pageblock_flags"]
            blocks, free_until = [], 0   # a buddy block of order > 9 spans blocks
            for block in range(base, end, 1 << order):
                bitidx = ((block - base) >> order) * nr_bits
                word = int(flags_words[bitidx // 64]) >> (bitidx % 64)
                mt = word & ((1 << skip_bit) - 1)
                skip = (word >> skip_bit) & 1
                lo, hi = max(block, start), min(block + (1 << order), end)
                data = inferior.read_memory(mem_map + lo * size, (hi - lo) * size).tobytes()
                free = lru = other = 0
                i = max(free_until - lo, 0)
                free += min(i, hi - lo)
                while i < hi - lo:
                    flags = int.from_bytes(data[i * size:i * size + 8], "little")
                    if flags & (1 << pg_buddy):
                        n = 1 << int.from_bytes(data[i * size + priv_off:i * size + priv_off + 8],
                                                "little")
                        free += min(n, hi - lo - i)
                        free_until = lo + i + n
                        i += n
                        continue
                    ref = int.from_bytes(data[i * size + ref_off:i * size + ref_off + 4],
                                         "little", signed=True)
                    if flags & (1 << pg_lru) and ref < GUP_PIN_COUNTING_BIAS:
                        lru += 1
                    else:
                        other += 1
                    i += 1
                letter = self.LETTERS[mt] if mt < len(self.LETTERS) else "?"
                blocks.append((block, letter.lower() if skip else letter, free, lru, other))
            gdb.write("zone %s: pfn %#x-%#x, %d pageblocks of %d pages\n"
                      % (name, start, end, len(blocks), 1 << order))
            for i in range(0, len(blocks), self.PER_LINE):
                gdb.write("  %#08x %s\n" % (blocks[i][0],
                                            "".join(b[1] for b in blocks[i:i + self.PER_LINE])))
            gdb.write("  free/lru/other per block:\n")
            for i in range(0, len(blocks), 4):
                gdb.write("  " + "  ".join("%#08x %s %3d/%3d/%3d" % b for b in blocks[i:i + 4])
                          + "\n")
        if not found:
            raise gdb.GdbError("pagoda-pageblocks: no populated zone %r" % arg.strip())


Pageblocks()



def hlist_entries(head, typename, member):
    """The structures on the hlist at head (a struct hlist_head Value)."""
    node = head["first"]
    while int(node):
        yield container_of(node, typename, member)
        node = node["next"]


class Ksm(gdb.Command):
    """pagoda-ksm: KSM's two trees (mm/ksm.c), read from memory: the stable tree in
    content order -- "node ADDR kpfn PFN rmap_hlist_len N" per KSM page, then
    "pid P address A" per rmap_item; a chain as "chain ADDR" with its dups
    indented -- and the unstable tree of the current pass. The same text as
    /sys/kernel/debug/ksm."""

    STABLE_NODE_CHAIN = -1024
    PAGE_MASK = ~0xfff

    def __init__(self):
        super().__init__("pagoda-ksm", gdb.COMMAND_USER)

    def node(self, node, indent):
        gdb.write("%snode %#x kpfn %x rmap_hlist_len %d\n"
                  % (indent, int(node), int(node["kpfn"]), int(node["rmap_hlist_len"])))
        for item in hlist_entries(node["hlist"], "struct ksm_rmap_item", "hlist"):
            gdb.write("%s  pid %d address %x anon_vma %#x\n"
                      % (indent, mm_pid(item["mm"]), int(item["address"]) & self.PAGE_MASK,
                         int(item["anon_vma"])))

    def invoke(self, arg, from_tty):
        val = gdb.parse_and_eval
        gdb.write("stable tree: pages_shared %d pages_sharing %d chains %d dups %d\n"
                  % (int(val("ksm_pages_shared")), int(val("ksm_pages_sharing")),
                     int(val("ksm_stable_node_chains")), int(val("ksm_stable_node_dups"))))
        for rb in rb_inorder(val("root_stable_tree")[0]["rb_node"]):
            node = container_of(rb, "struct ksm_stable_node", "node")
            if int(node["rmap_hlist_len"]) != self.STABLE_NODE_CHAIN:
                self.node(node, "")
                continue
            gdb.write("chain %#x\n" % int(node))
            for dup in hlist_entries(node["hlist"], "struct ksm_stable_node", "hlist_dup"):
                self.node(dup, "  ")
        gdb.write("unstable tree: pass %d pages_unshared %d\n"
                  % (int(val("ksm_scan")["seqnr"]), int(val("ksm_pages_unshared"))))
        for rb in rb_inorder(val("root_unstable_tree")[0]["rb_node"]):
            item = container_of(rb, "struct ksm_rmap_item", "node")
            gdb.write("  pid %d address %x checksum %08x\n"
                      % (mm_pid(item["mm"]), int(item["address"]) & self.PAGE_MASK,
                         int(item["oldchecksum"])))


Ksm()
