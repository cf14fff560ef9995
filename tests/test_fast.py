"""The fast kernel (OPT=2, build-fast/): the one `make bench` measures.

It is configured as Debian's Linux 6.12 (kernel/configs/fast.config): no
CONFIG_DEBUG_VM checks and no frame pointers. These tests build it and
check that it says so in /proc/config.gz, that it passes the same user
tests as the debuggable kernel (with mm_verify=on), and that an oops still
prints a call trace, every line a guess ("? ") as Linux's guess unwinder
prints it.
"""
import glob
import os
import re
import subprocess
import pytest
import qemu
import userspace

FAST_BUILD = os.path.join(qemu.ROOT, "build-fast")
FAST_KERNEL = os.path.join(FAST_BUILD, "pagoda.elf")


@pytest.fixture(scope="module")
def fast_kernel():
    # BUILD spelled as `make bench` spells it, so the two share dependencies.
    subprocess.run(["make", "-s", "-j2", "OPT=2", "BUILD=build-fast", "kernel"],
                   cwd=qemu.ROOT, check=True)
    return FAST_KERNEL


def boot_fast(kernel, cmdline, timeout=120):
    return qemu.boot_pagoda(cmdline, timeout=timeout, initramfs=userspace.INITRAMFS,
                            kernel=kernel)


def test_fast_kernel_config_has_no_debug_vm_and_no_frame_pointers(fast_kernel):
    run = boot_fast(fast_kernel, "-- run /bin/zcat /proc/config.gz")
    config = set(run.output.replace("\r", "").splitlines())
    for line in ["# CONFIG_DEBUG_VM is not set", "# CONFIG_FRAME_POINTER is not set",
                 "CONFIG_UNWINDER_GUESS=y", "CONFIG_MMU=y", "CONFIG_COMPACTION=y"]:
        assert line in config, f"missing {line!r}\n{run.tail()}"
    assert "CONFIG_DEBUG_VM=y" not in config, run.tail()


def test_fast_kernel_passes_the_user_tests(fast_kernel):
    programs = len(glob.glob(os.path.join(qemu.ROOT, "userland", "tests", "*.c")))
    log = userspace.SuiteLog(boot_fast(fast_kernel, "mm_verify=on -- test",
                                       timeout=userspace.SUITE_TIMEOUT))
    assert log.done == (programs, 0), log.run.tail()


def test_fast_kernel_oops_trace_is_all_guesses(fast_kernel):
    run = boot_fast(fast_kernel, "ktest=crash.bug", timeout=60)
    assert run.status == 255, run
    trace = run.output[run.output.index("Call Trace:"):].splitlines()[1:]
    lines = [l for l in trace if re.search(r"\[<ffffffff[0-9a-f]{8}>\]", l)]
    assert lines and all(re.search(r"\] \? \w", l) for l in lines), run
    assert any("ktest_run_selected+0x" in l for l in lines), run
