"""pagoda.py - GDB commands for looking inside Pagoda (sourced by pagoda.gdb).

  pagoda-dmesg      print the kernel log buffer (log_buf)
  pagoda-rmap PFN   the PTEs mapping an anonymous or page-cache page frame,
                    found as rmap_walk() finds them (same lines as
                    /sys/kernel/debug/rmap)
"""
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
        gdb.write(text.decode("utf-8", "replace"))


Dmesg()


PAGE_SHIFT = 12
PAGE_OFFSET = 0xffff888000000000  # the direct map (asm/page_types.h)
PTE_PFN_MASK = 0x000ffffffffff000
PAGE_PRESENT, PAGE_PROTNONE = 0x1, 0x100  # a PROT_NONE PTE keeps its frame
PAGE_MAPPING_ANON = 0x1
PAGE_MAPPING_FLAGS = 0x3


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


def container_of(ptr, typename, member):
    gtype = gdb.lookup_type(typename)
    offset = next(f.bitpos // 8 for f in gtype.fields() if f.name == member)
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


class Rmap(gdb.Command):
    """pagoda-rmap PFN: list "pid address vm_start-vm_end mapping" for each PTE
    mapping the page PFN, by walking the VMAs that can map page->index -- those
    of page->mapping's anon_vma interval tree, or for a page-cache page those of
    its file's i_mmap tree -- and checking each VMA's PTE."""

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
        page = gdb.parse_and_eval("mem_map")[pfn]
        mapping = int(page["mapping"])
        mapcount = int(page["_mapcount"]["counter"]) + 1
        index = int(page["index"])
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
