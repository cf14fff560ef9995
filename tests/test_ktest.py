"""Every in-kernel test case (tests/kernel/*.c, KTEST()) as its own result.

The case list comes from the kernel's symbol table (__ktest_case_SUITE__NAME),
so collection needs no boot. Each memory size boots once with ktest=all and
the KTAP output is split per case; a case that needs words of its own on
the command line (OWN_BOOT) boots on its own, and must not skip there.
Memory-management suites run at every size (128M .. 5G, the last one with
a Normal zone above 4 GiB); the others at 512M only.
"""
import os
import re
import subprocess
import pytest
import qemu

MEM_SIZES = ["128M", "512M", "2G", "5G"]
MM_SUITES = {"memblock", "buddy", "zone", "pageblock", "slab", "mm_init", "pgtable", "vmalloc", "memory",
             "pagetables", "lru", "pcp"}


def ktest_cases():
    nm = subprocess.run(["nm", os.path.join(qemu.BUILD, "pagoda.elf")],
                        capture_output=True, text=True, check=True).stdout
    cases = re.findall(r"\b__ktest_case_(\w+?)__(\w+)$", nm, re.M)
    return sorted(f"{suite}.{name}" for suite, name in cases)


# Cases that need words of their own on the command line boot on their own
# (at 512M); in the ktest=all boots they skip.
OWN_BOOT = {"initramfs.real_archive": "retain_initrd"}


def params():
    for case in ktest_cases():
        sizes = MEM_SIZES if case.split(".")[0] in MM_SUITES else ["512M"]
        for mem in sizes:
            yield pytest.param(mem, case, id=f"{mem}-{case}")


_runs = {}


def ktest_run(mem, case=None):
    """Boot once per memory size with ktest=all (or once for an OWN_BOOT
    case); cache the serial output."""
    if case in OWN_BOOT:
        key, cmdline = (mem, case), f"{OWN_BOOT[case]} ktest={case}"
    else:
        key, cmdline = mem, "ktest=all proc_show=zoneinfo"
    if key not in _runs:
        _runs[key] = qemu.boot_pagoda(cmdline, mem=mem, timeout=600)
    return _runs[key]


def case_result(run, case):
    """The KTAP result line of case and the diagnostic lines printed for it."""
    lines = run.output.splitlines()
    diag = [l for l in lines if re.search(rf"# {re.escape(case)}: ", l)]
    for line in lines:
        m = re.search(rf"\b(ok|not ok) \d+ {re.escape(case)}( # SKIP (.*))?$", line)
        if m:
            return m.group(1), m.group(3), diag
    return None, None, diag


@pytest.mark.parametrize("mem,case", params())
def test_ktest(mem, case):
    run = ktest_run(mem, case)
    result, skip, diag = case_result(run, case)
    assert result is not None, f"{case} produced no result (crash or timeout?)\n{run}"
    assert result == "ok", "\n".join(diag) or run.tail()
    assert not (skip and case in OWN_BOOT), f"{case} skipped in its own boot: {skip}"
    if skip:
        pytest.skip(skip)


@pytest.mark.parametrize("mem", MEM_SIZES)
def test_ktest_run_completes(mem):
    run = ktest_run(mem)
    assert not run.timed_out, run
    m = re.search(r"# ktest: pass:(\d+) fail:(\d+) skip:(\d+) total:(\d+)", run.output)
    assert m, run
    assert int(m.group(2)) == 0, run
    assert run.status == 0, run


MIB = 1 << 20
SIZES = {"128M": 128 * MIB, "512M": 512 * MIB, "2G": 2048 * MIB, "5G": 5120 * MIB}


@pytest.mark.parametrize("mem", MEM_SIZES)
def test_zone_sizes_match_memory_size(mem):
    """Zones add up to the RAM QEMU was given (less the BIOS holes, < 1 MiB),
    and only a machine with RAM above 4 GiB has a populated Normal zone."""
    run = ktest_run(mem)
    present = {m.group(1): int(m.group(2)) for m in re.finditer(
        r"Node 0, zone +(\w+)\n(?:.*\n)*?.*present +(\d+)", run.output)}
    assert set(present) == {"DMA", "DMA32", "Normal"}, run
    total = sum(present.values()) * 4096
    assert 0 <= SIZES[mem] - total < MIB, (present, run.tail())
    assert present["DMA"] == 3998, present      # 16 MiB less page 0 and the BIOS hole
    assert (present["Normal"] > 0) == (SIZES[mem] > 3 * 1024 * MIB), present
