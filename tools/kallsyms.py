#!/usr/bin/env python3
"""kallsyms.py - turn `nm -n` output into the kernel's embedded symbol table.

Reads `nm -n pagoda.elf` on stdin and writes an assembler file with the
.kallsyms section: the sorted addresses of the text symbols and their names,
which kernel/kallsyms.c searches to print `function+0x12/0x40` in backtraces.
Mirrors Linux's scripts/kallsyms.c (without the name compression).

  kallsyms.py < nm.txt > kallsyms.S          generate
  kallsyms.py --check kallsyms.S < nm.txt    verify the addresses did not move
"""
import sys


def text_symbols(lines):
    """(address, name) of the code symbols between _text and _etext, sorted."""
    syms = []
    for line in lines:
        parts = line.split()
        if len(parts) != 3 or parts[1] not in "tTwW":
            continue
        syms.append((int(parts[0], 16), parts[2]))
    syms.sort()
    bounds = {name: addr for addr, name in syms if name in ("_text", "_etext")}
    if bounds:
        syms = [(a, n) for a, n in syms if bounds["_text"] <= a <= bounds["_etext"]]
    return syms


def emit(syms):
    out = ['\t.section .kallsyms, "a"', "\t.balign 8",
           "\t.globl kallsyms_num_syms", f"kallsyms_num_syms:\n\t.quad {len(syms)}",
           "\t.globl kallsyms_addresses", "kallsyms_addresses:"]
    out += [f"\t.quad 0x{addr:x}" for addr, _ in syms]
    out += ["\t.globl kallsyms_name_offsets", "kallsyms_name_offsets:"]
    offset = 0
    for _, name in syms:
        out.append(f"\t.long {offset}")
        offset += len(name) + 1
    out += ["\t.globl kallsyms_names", "kallsyms_names:"]
    out += [f'\t.asciz "{name}"' for _, name in syms]
    out.append('\t.section .note.GNU-stack, "", @progbits')
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        with open(sys.argv[2]) as f:
            old = [int(l.split()[1], 16) for l in f if l.startswith("\t.quad 0x")]
        new = [addr for addr, _ in text_symbols(sys.stdin)]
        if old != new:
            sys.exit("kallsyms: symbol addresses moved between link passes")
        return
    sys.stdout.write(emit(text_symbols(sys.stdin)))


if __name__ == "__main__":
    main()
