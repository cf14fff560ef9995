"""Boot tests: the real ISO through GRUB, CPU models, and kernel faults.

The ISO is build/pagoda.iso exactly as `make run` boots it (the first GRUB
menu entry). Fault tests boot with ktest=crash.* cases that fault on purpose
and check the exception report and that QEMU exits with the panic status
(255 = isa-debug-exit (0x7f << 1) | 1) instead of hanging.
"""
import os
import re
import subprocess
import pytest
import qemu
import userspace

PANIC_STATUS = 255
REGISTER_LINES = [r"RIP: 0010:\w", r"RSP: 0018:[0-9a-f]{16} EFLAGS: [0-9a-f]{8}",
                  r"RAX: [0-9a-f]{16} RBX: [0-9a-f]{16} RCX: [0-9a-f]{16}",
                  r"RDX: [0-9a-f]{16} RSI: [0-9a-f]{16} RDI: [0-9a-f]{16}",
                  r"RBP: [0-9a-f]{16} R08: [0-9a-f]{16} R09: [0-9a-f]{16}",
                  r"R10: [0-9a-f]{16} R11: [0-9a-f]{16} R12: [0-9a-f]{16}",
                  r"R13: [0-9a-f]{16} R14: [0-9a-f]{16} R15: [0-9a-f]{16}",
                  r"CR0: [0-9a-f]{16} CR2: [0-9a-f]{16} CR3: [0-9a-f]{16}"]


def test_kernel_is_multiboot2():
    subprocess.run(["grub-file", "--is-x86-multiboot2", os.path.join(qemu.BUILD, "pagoda.elf")],
                   check=True)


@pytest.mark.parametrize("cpu", ["qemu64", "max"])
def test_iso_boots_to_banner(cpu):
    iso = os.path.join(qemu.BUILD, "pagoda.iso")
    argv = qemu.qemu_argv("512M", cpu, ("-cdrom", iso, "-boot", "d"))
    with qemu.Session(argv) as vm:
        vm.expect(r"Booting `Pagoda 0\.1\.0'", timeout=60)
        vm.expect(r"Pagoda version 0\.1\.0 \(gcc version [^)]+\) #1")
        vm.expect(r"Command line: ")
        vm.expect(r"BIOS-e820: \[mem 0x0000000000000000-0x000000000009fbff\] usable")
        vm.expect(r"BIOS-e820: \[mem 0x0000000000100000-0x[0-9a-f]{16}\] usable")
        vm.expect(r"multiboot2: module 0 \[mem 0x[0-9a-f]{16}-0x[0-9a-f]{16}\] initramfs")
        vm.expect(r"tsc: Detected \d+\.\d{3} MHz processor")


def test_command_line_is_printed_and_parsed():
    run = qemu.boot_pagoda("ktest=vsprintf.integers loglevel=7 -- hello", timeout=60)
    assert not run.timed_out, run
    assert "Command line: ktest=vsprintf.integers loglevel=7 -- hello" in run.output, run
    assert "ok 1 vsprintf.integers" in run.output, run
    assert run.status == 0, run


def test_quiet_hides_info_messages():
    run = qemu.boot_pagoda("quiet ktest=vsprintf.integers", timeout=60)
    assert run.status == 0, run              # the case still ran and passed
    assert "Pagoda version" not in run.output, run   # KERN_NOTICE (5) > quiet's 4
    assert "BIOS-e820" not in run.output, run


CRASHES = {
    "null_deref": [r"BUG: kernel NULL pointer dereference, address: 0000000000000010",
                   r"#PF: supervisor write access in kernel mode",
                   r"#PF: error_code\(0x0002\) - not-present page",
                   r"traps: page fault \(#PF, vector 14\)", r"Oops: 0002 \[#1\]",
                   r"CR2: 0000000000000010"],
    "unmapped_read": [r"BUG: unable to handle page fault for address: ffffc7ffdead0000",
                      r"#PF: supervisor read access in kernel mode",
                      r"CR2: ffffc7ffdead0000"],
    "invalid_opcode": [r"traps: invalid opcode \(#UD, vector 6\) error_code 0x0000 "
                       r"at ktest_crash__invalid_opcode\+0x"],
    "general_protection": [r"traps: general protection fault \(#GP, vector 13\)"],
    "divide_error": [r"traps: divide error \(#DE, vector 0\)"],
    "bug": [r"kernel BUG at tests/kernel/crash_test\.c:\d+! \(in ktest_crash__bug\)",
            r"\[<ffffffff[0-9a-f]{8}>\] __bug\+0x[0-9a-f]+/0x[0-9a-f]+"],
}


@pytest.mark.parametrize("case", sorted(CRASHES))
def test_kernel_fault_is_reported_and_exits(case):
    run = qemu.boot_pagoda(f"ktest=crash.{case}", timeout=60)
    assert not run.timed_out, run
    assert run.status == PANIC_STATUS, run
    out = run.output
    for pattern in CRASHES[case]:
        assert re.search(pattern, out), f"missing {pattern!r}\n{run}"
    if case != "bug":
        for pattern in REGISTER_LINES:
            assert re.search(pattern, out), f"missing {pattern!r}\n{run}"
    trace = out[out.index("Call Trace:"):]
    # The case's caller, reliable or (from a frameless leaf) marked "? ".
    assert re.search(r"\[<ffffffff[0-9a-f]{8}>\] (\? )?ktest_run_selected\+0x[0-9a-f]+/0x[0-9a-f]+",
                     trace), run
    assert re.search(r"\[<ffffffff[0-9a-f]{8}>\] (\? )?(ktest_)?crash_", out), run
    assert "Kernel panic - not syncing" in out, run


def test_kernel_stack_overflow_hits_the_guard_page():
    """Kernel stacks are vmalloc areas with an unmapped page below: an
    overflow double-faults onto the IST stack and is reported as such."""
    run = qemu.boot_pagoda("ktest=vmalloc.stack_overflow", timeout=60)
    assert not run.timed_out, run
    assert run.status == PANIC_STATUS, run
    for pattern in [r"traps: double fault \(#DF, vector 8\) error_code 0x0000 at overflow_stack\+0x",
                    r"BUG: task stack guard page was hit at ffffc[89][0-9a-f]{10} "
                    r"\(stack is ffffc9[0-9a-f]{10}\.\.ffffc9[0-9a-f]{10}\)",
                    r"RIP: 0010:overflow_stack\+0x", r"Kernel panic - not syncing: Fatal exception"]:
        assert re.search(pattern, run.output), f"missing {pattern!r}\n{run}"


@pytest.mark.parametrize("kernel", ["linux", "pagoda"])
def test_hugepages_boot_word_fills_the_pool(kernel):
    """hugepages=5 on the command line: the 2 MiB pool has 5 free pages at boot."""
    command = "run /bin/grep HugePages_ /proc/meminfo"
    if kernel == "linux":
        userspace.ensure_linux_kernel()
        run = qemu.boot_linux(userspace.INITRAMFS, command, append="hugepages=5", timeout=300)
    else:
        run = qemu.boot_pagoda(f"hugepages=5 -- {command}", initramfs=userspace.INITRAMFS,
                               timeout=120)
    counts = dict(re.findall(r"^(HugePages_\w+):\s+(\d+)$", run.output, re.M))
    assert counts == {"HugePages_Total": "5", "HugePages_Free": "5", "HugePages_Rsvd": "0",
                      "HugePages_Surp": "0"}, run.tail()
