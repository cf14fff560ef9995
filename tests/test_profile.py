"""The sampling profiler: profile=N, /proc/profile and tools/readprofile.

A busy loop in a kernel test (tests/kernel/profile_test.c) must come out of
tools/readprofile as the top symbol; from user space, /tests/helpers/profile
reads /proc/profile around a program and readprofile names kernel functions.
"""
import os
import re
import subprocess

import qemu

READPROFILE = os.path.join(qemu.ROOT, "tools", "readprofile")
ELF = os.path.join(qemu.BUILD, "pagoda.elf")
ROW_RE = re.compile(r"^ *(\d+) (\S+) +\d+\.\d{4} +[\d.]+%$", re.M)


def readprofile(log):
    out = subprocess.run([READPROFILE, "-m", ELF], input=log, capture_output=True, text=True,
                         check=True).stdout
    return [(int(hits), name) for hits, name in ROW_RE.findall(out)], out


def test_busy_loop_is_the_top_symbol():
    run = qemu.boot_pagoda("profile=2 ktest=profile.busy_loop", timeout=120)
    assert re.search(r"\bok 1 profile\.busy_loop$", run.output, re.M), run
    assert "kernel profiling enabled (shift: 2)" in run.output, run
    rows, out = readprofile(run.output)
    assert rows and rows[0][1] == "profile_busy_loop", out
    assert rows[0][0] >= 25, out                     # most of the 50 ticks


def test_proc_profile_read_from_user_space():
    """/proc/profile as Linux has it: the step (1 << 3), then one counter per
    8 bytes of text; the ticks of a program's system calls land in kernel
    functions."""
    run = qemu.boot_pagoda("profile=3 -- run /tests/helpers/profile /tests/cow", timeout=300)
    assert "=== EXIT /tests/helpers/profile status=0 signal=0" in run.output, run
    assert re.search(r"^profile step 8$", run.output, re.M), run
    nm = subprocess.run(["nm", ELF], capture_output=True, text=True, check=True).stdout
    text = {name: int(addr, 16) for addr, _, name in
            (line.split() for line in nm.splitlines() if len(line.split()) == 3)}
    counters = (text["_etext"] - text["_text"]) // 8
    indices = [int(i) for i in re.findall(r"^profile (\d+) \d+$", run.output, re.M)]
    assert indices and max(indices) < counters, run
    rows, out = readprofile(run.output)
    assert rows and all(name in text for _, name in rows), out
    assert re.search(r"^ *(\d+) total$", out, re.M), out


def test_no_proc_profile_without_profile_param():
    run = qemu.boot_pagoda("-- run /tests/helpers/profile /tests/helpers/show", timeout=120)
    assert "usage: profile PROG" in run.output, run
    assert "=== EXIT /tests/helpers/profile status=2 signal=0" in run.output, run
