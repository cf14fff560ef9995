"""Debugging: `make debug` + `make gdb` stop at the C entry with source lines,
and the pagoda-* GDB commands of tools/gdb/pagoda.py read a running system.

The tests start QEMU the way `make debug` does (its GDB server on a free port;
-S to stop at the first instruction) and run GDB in batch mode with
tools/gdb/pagoda.gdb, as `make gdb` does.
"""
import glob
import os
import re
import socket
import subprocess

import pytest

import qemu


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gdb_stops_at_c_entry_with_source():
    port = free_port()
    iso = os.path.join(qemu.BUILD, "pagoda.iso")
    argv = qemu.qemu_argv("512M", "max", ("-cdrom", iso, "-boot", "d",
                                          "-gdb", f"tcp:127.0.0.1:{port}", "-S"))
    with qemu.Session(argv):
        gdb = subprocess.run(
            ["gdb", "-q", "-batch", "-nx", "-x", "tools/gdb/pagoda.gdb",
             "-ex", f"file {os.path.join(qemu.BUILD, 'pagoda.elf')}",  # PAGODA_BUILD's
             "-ex", f"pagoda-attach {port}", "-ex", "bt", "-ex", "info line *$pc",
             "-ex", "p/x mbi_phys", "-ex", "list x86_64_start_kernel"],
            cwd=qemu.ROOT, capture_output=True, text=True, timeout=120)
    out = gdb.stdout + gdb.stderr
    assert "Breakpoint 1, x86_64_start_kernel (mbi_phys=" in out, out
    assert "arch/x86_64/head64.c" in out, out
    assert "#0  x86_64_start_kernel" in out, out
    assert "serial_init();" in out, out      # `list` shows the source


def gdb_batch(port, *commands):
    """GDB attached to QEMU's GDB server at port, running commands; its output."""
    argv = ["gdb", "-q", "-batch", "-nx", "-x", "tools/gdb/pagoda.gdb",
            "-ex", f"file {os.path.join(qemu.BUILD, 'pagoda.elf')}",
            "-ex", f"target remote 127.0.0.1:{port}"]
    for command in commands:
        argv += ["-ex", command]
    gdb = subprocess.run(argv, cwd=qemu.ROOT, capture_output=True, text=True, timeout=120)
    return gdb.stdout + gdb.stderr


def gdb_from_first_instruction(cmdline, *commands):
    """Boot an ISO made with cmdline, stopped at its first instruction (as
    `make debug`), attach GDB with pagoda-attach (as `make gdb`, which runs
    to the C entry) and run commands; GDB's output."""
    port = free_port()
    iso = qemu.build_iso(cmdline)
    argv = qemu.qemu_argv("512M", "max", ("-cdrom", iso, "-boot", "d",
                                          "-gdb", f"tcp:127.0.0.1:{port}", "-S"))
    argv_gdb = ["gdb", "-q", "-batch", "-nx", "-x", "tools/gdb/pagoda.gdb",
                "-ex", f"file {os.path.join(qemu.BUILD, 'pagoda.elf')}",
                "-ex", f"pagoda-attach {port}"]
    for command in commands:
        argv_gdb += ["-ex", command]
    with qemu.Session(argv):
        gdb = subprocess.run(argv_gdb, cwd=qemu.ROOT, capture_output=True, text=True,
                             timeout=300)
    return gdb.stdout + gdb.stderr


def test_gdb_commands_read_a_running_system():
    """init=/tests/helpers/spin: PID 1 spins in user mode while GDB looks at
    its tasks, VMAs, page tables, a mapped page, its rmap, the buddy lists,
    the pageblock map and KSM's (empty) trees."""
    port = free_port()
    with qemu.pagoda_session("init=/tests/helpers/spin",
                             extra=("-gdb", f"tcp:127.0.0.1:{port}")) as vm:
        vm.expect(r"spinning", timeout=120)
        out = gdb_batch(port, "pagoda-ps", "pagoda-vmas 1", "pagoda-pte 1 0x401000",
                        "pagoda-buddy", "pagoda-pageblocks")
        pfn = re.search(r"^pfn (0x[0-9a-f]+) \(pagoda-page", out, re.M)
        assert pfn, out
        out2 = gdb_batch(port, f"pagoda-page {pfn.group(1)}", f"pagoda-rmap {pfn.group(1)}",
                         "pagoda-ksm", "pagoda-pageblocks DMA", "pagoda-pageblocks Foo")
    assert re.search(r"^    1     0 R 0xffff888[0-9a-f]+ +spin$", out, re.M), out
    assert re.search(r"^    2     0 S - +kthreadd$", out, re.M), out
    assert re.search(r"^401000-402000 r-xp pgoff 0x1 anon_vma 0x0 spin$", out, re.M), out
    assert re.search(r"^7ffffffde000-7ffffffff000 rw-p pgoff 0x7ffffffde anon_vma 0xffff", out,
                     re.M), out
    walk = re.findall(r"^(PGD|PUD|PMD|PTE)\[ *(\d+)\] @ 0x[0-9a-f]+ = 0x[0-9a-f]+ (.*)$", out, re.M)
    assert [(level, int(index)) for level, index, _ in walk] == \
        [("PGD", 0), ("PUD", 0), ("PMD", 2), ("PTE", 1)], out
    assert all(flags.startswith("P ") for _, _, flags in walk), out
    assert "RW" not in walk[3][2] and "US" in walk[3][2], out   # text: read-only, user
    # The text page is the file's page cache, mapped once, found by the rmap.
    assert re.search(r"_refcount \d+ _mapcount 0 mapping 0xffff[0-9a-f]+ \(address_space\) "
                     r"index 0x1 ", out2), out2
    assert re.search(r"^1 401000 401000-402000 [0-9a-f]+$", out2, re.M), out2
    # Nothing is mergeable: KSM's trees are empty, ksmd never ran a pass.
    assert re.search(r"^stable tree: pages_shared 0 pages_sharing 0 chains 0 dups 0\n"
                     r"unstable tree: pass 0 pages_unshared 0$", out2, re.M), out2
    # A ramfs page (initramfs file) is on the LRU, unevictable, and not mlocked.
    assert re.search(r"^pfn 0x[0-9a-f]+: flags 0x[0-9a-f]+ \[[^]]*\blru\b[^]]*\bunevictable\b",
                     out2, re.M), out2
    assert re.search(r"^  LRU_UNEVICTABLE, mlock_count 0$", out2, re.M), out2
    # Every zone's per-order total is the sum of its migratetype rows.
    zones = re.findall(r"^zone (\S+) +([\d ]+)\n((?:  \S+ +[\d ]+\n)+)", out, re.M)
    assert {name for name, _, _ in zones} >= {"DMA", "DMA32"}, out
    for name, totals, rows in zones:
        per_type = [list(map(int, line.split()[1:])) for line in rows.splitlines()]
        assert list(map(int, totals.split())) == [sum(col) for col in zip(*per_type)], out
    check_pageblocks(out, {name: sum(int(n) << order for order, n in enumerate(totals.split()))
                           for name, totals, _ in zones})
    # One zone by name; an unknown one is an error.
    assert re.search(r"^zone DMA: pfn 0x1-0x1000, 8 pageblocks of 512 pages$", out2, re.M), out2
    assert "zone DMA32:" not in out2, out2
    assert "no populated zone 'Foo'" in out2, out2


def check_pageblocks(out, free_pages):
    """pagoda-pageblocks: per zone, a map of one migratetype letter per block
    and, per block, free/lru/other adding up to the block's pages in the
    zone; the free pages of a zone are those of pagoda-buddy (free_pages)."""
    sections = re.findall(r"^zone (\S+): pfn (0x[0-9a-f]+)-(0x[0-9a-f]+), (\d+) pageblocks of 512 "
                          r"pages\n((?:  0x[0-9a-f]+ [UMRHIumrhi]+\n)+)  free/lru/other per block:\n"
                          r"((?:  .*\n)+?)(?=zone |\Z|[^ ])", out, re.M)
    assert {s[0] for s in sections} >= {"DMA", "DMA32"}, out
    lru = 0
    for name, start, end, nblocks, maps, rows in sections:
        start, end = int(start, 16), int(end, 16)
        letters = "".join(line.split()[1] for line in maps.splitlines())
        blocks = re.findall(r"(0x[0-9a-f]+) ([UMRHIumrhi]) +(\d+)/ *(\d+)/ *(\d+)", rows)
        assert len(letters) == len(blocks) == int(nblocks), (name, out)
        assert "".join(b[1] for b in blocks) == letters, (name, out)
        for pfn, _, free, on_lru, other in blocks:
            pfn = int(pfn, 16)
            in_zone = min(pfn + 512, end) - max(pfn, start)
            assert int(free) + int(on_lru) + int(other) == in_zone, (name, pfn, out)
            lru += int(on_lru)
        assert sum(int(b[2]) for b in blocks) == free_pages[name], (name, out)
        assert "M" in letters.upper(), (name, out)
    assert lru > 0, out   # spin's pages and the initramfs's page cache



# The functions a student breaks on (issue 17): each must stop by name with its
# arguments readable, and `finish` must return to the caller.
# Each scenario: what /init runs, and the functions it must reach.
BREAK_BY_NAME = {
    "cow": ("mm_verify=on -- run /tests/cow",
            ("do_wp_page", "wp_page_copy", "do_anonymous_page", "__rmqueue_smallest",
             "__free_one_page", "rmap_walk_anon", "anon_vma_fork", "copy_pte_range")),
    # ksmd merges a KSM area, then compact_memory moves pages
    "compaction": ("-- run /tests/compaction",
                   ("cmp_and_merge_page", "compact_zone", "migrate_pages")),
    "hugetlb": ("-- run /tests/hugetlb",
                ("hugetlb_fault", "hugetlb_wp", "copy_hugetlb_page_range")),
}

# Run by GDB: continue until every breakpoint has been hit once; at each, print
# the arguments and the locals, then `finish` with the other breakpoints off.
BREAK_DRIVER = """
import gdb
names = %r
points = {name: gdb.Breakpoint(name) for name in names}
while points:
    gdb.execute("continue")
    frame = gdb.selected_frame()
    name = frame.name()
    if name not in points:
        raise gdb.GdbError("stopped in %%s" %% name)
    caller = frame.older().name()
    gdb.write("STOP %%s caller %%s\\n" %% (name, caller))
    gdb.execute("info args")
    gdb.execute("info locals")
    points.pop(name).delete()
    for other in points.values():
        other.enabled = False
    gdb.execute("finish")
    gdb.write("FINISHED %%s in %%s\\n" %% (name, gdb.selected_frame().name()))
    for other in points.values():
        other.enabled = True
gdb.write("ALL STOPPED\\n")
"""


@pytest.mark.parametrize("scenario", sorted(BREAK_BY_NAME))
def test_gdb_breaks_by_name_with_arguments(tmp_path, scenario):
    """The default (debuggable) build: `break NAME` stops in each function
    named above while /init runs the scenario's test (the cow test with
    mm_verify=on: fork, COW copies, rmap walks; the compaction test: ksmd's
    merging and compact_memory; the hugetlb test: huge page faults, fork and
    COW); `finish` returns to the caller."""
    cmdline, names = BREAK_BY_NAME[scenario]
    driver = tmp_path / "breaks.py"
    driver.write_text(BREAK_DRIVER % (names,))
    out = gdb_from_first_instruction(cmdline, f"source {driver}", "pagoda-current",
                                     "printf \"$current %d\\n\", $current->pid")
    assert "ALL STOPPED" in out, out
    for name in names:
        stop = re.search(rf"^Breakpoint \d+, (?:0x[0-9a-f]+ in )?{name} \((\w+=.*)\) at "
                         rf"(mm|kernel|arch)/\S+\.c:\d+$", out, re.M)
        assert stop, f"{name} did not stop with its arguments\n{out}"
        assert "optimized out" not in stop.group(1), out
        caller = re.search(rf"^STOP {name} caller (\S+)$", out, re.M).group(1)
        assert re.search(rf"^FINISHED {name} in {caller}$", out, re.M), out
    # After the last stop, $current and pagoda-current name the running task.
    current = re.search(r"^current 0xffff888[0-9a-f]+ pid (\d+) tgid \d+ [RSD] mm \S+ \S+$",
                        out, re.M)
    assert current, out
    assert f"$current {current.group(1)}\n" in out, out


def functions_without_symbol(obj):
    """Functions defined in obj's own .c file, not declared inline, that the
    compiler inlined and left without a symbol of their own in obj (so `break
    NAME` cannot stop there)."""
    source = os.path.basename(obj)[:-2] + ".c"
    lines = subprocess.run(["readelf", "--debug-dump=rawline", obj],
                           capture_output=True, text=True, check=True).stdout
    files = lines.split("The File Name Table", 1)[1].split("\n\n", 1)[0]
    own = {m.group(1) for m in re.finditer(r"^  (\d+)\s+\d+\s+.*: (\S+)$", files, re.M)
           if m.group(2) == source}
    info = subprocess.run(["readelf", "--debug-dump=info", "--dwarf-depth=2", obj],
                          capture_output=True, text=True, check=True).stdout
    nm = subprocess.run(["nm", obj], capture_output=True, text=True, check=True).stdout
    symbols = set(re.findall(r" [Tt] (\S+)$", nm, re.M))
    missing = []
    for die in info.split("\n <1>"):
        name = re.search(r"DW_AT_name\s*:.*?(\w+)\n", die)
        decl = re.search(r"DW_AT_decl_file\s*: (\d+)", die)
        if ("DW_TAG_subprogram" not in die or "DW_AT_declaration" in die or not name or
                not decl or decl.group(1) not in own or "DW_AT_inline" not in die or
                "(declared as inline" in die):
            continue
        if name.group(1) not in symbols:
            missing.append(name.group(1))
    return missing


def test_every_function_has_a_symbol():
    """The default build (-Og) keeps every function of mm/, kernel/ and arch/
    that its source does not declare inline out of line, under its own name."""
    objs = [path for d in ("mm", "kernel", "arch")
            for path in glob.glob(os.path.join(qemu.BUILD, "obj", d, "**", "*.o"), recursive=True)]
    assert len(objs) > 50, objs
    missing = {obj: names for obj in objs if (names := functions_without_symbol(obj))}
    assert not missing, missing


def test_gdb_pagoda_ksm_reads_the_trees():
    """pagoda-ksm while the ksm test runs, stopped just after ksmd appended an
    rmap_item to a stable node: every stable node is listed with its kpfn and
    as many rmap_items as rmap_hlist_len says, and the unstable tree's items
    follow (members inside anonymous unions are found: ksm_stable_node.node,
    ksm_rmap_item.hlist)."""
    out = gdb_from_first_instruction("-- run /tests/ksm", "break stable_tree_append",
                                     "continue", "finish", "pagoda-ksm")
    head = re.search(r"^stable tree: pages_shared (\d+) pages_sharing (\d+) chains 0 dups 0$",
                     out, re.M)
    assert head and int(head.group(1)) >= 1, out
    nodes = re.findall(r"^node 0x[0-9a-f]+ kpfn [0-9a-f]+ rmap_hlist_len (\d+)\n"
                       r"((?:  pid \d+ address [0-9a-f]+ anon_vma 0x[0-9a-f]+\n)*)", out, re.M)
    assert len(nodes) == int(head.group(1)), out
    assert all(int(n) == len(items.splitlines()) for n, items in nodes), out
    assert sum(int(n) for n, _ in nodes) == int(head.group(1)) + int(head.group(2)), out
    assert re.search(r"^unstable tree: pass \d+ pages_unshared \d+$", out, re.M), out
    assert "Traceback" not in out and "Error" not in out, out
