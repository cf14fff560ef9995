"""Core files Pagoda writes load in the host's GDB: /tests/helpers/coredumper
crashes a child with RLIMIT_CORE set and prints the core file on the serial
line; rebuilt here, `gdb coredumper core` must name the signal and show the
faulting function and source line."""
import os
import re
import subprocess

import qemu
import userspace


def test_gdb_reads_pagoda_core(tmp_path):
    run = qemu.boot_pagoda("-- run /tests/helpers/coredumper", timeout=300,
                           initramfs=userspace.INITRAMFS)
    assert "status: core dumped" in run.output, run.tail()
    size = re.search(r"^core-end: (\d+)", run.output, re.M)
    assert size, run.tail()
    core = bytearray(int(size.group(1)))
    for off, data in re.findall(r"^core: ([0-9a-f]+) ([0-9a-f]+)\r?$", run.output, re.M):
        chunk = bytes.fromhex(data)
        core[int(off, 16):int(off, 16) + len(chunk)] = chunk
    path = tmp_path / "core"
    path.write_bytes(bytes(core))
    prog = os.path.join(qemu.BUILD, "userland", "tests", "helpers", "coredumper")
    gdb = subprocess.run(["gdb", "-q", "-batch", "-nx", "-ex", "bt", prog, str(path)],
                         capture_output=True, text=True, timeout=120)
    out = gdb.stdout + gdb.stderr
    assert "Program terminated with signal SIGSEGV" in out, out
    assert re.search(r"#0 .*crash_here .*coredumper\.c:\d+", out), out
    assert "*target = value; /* the faulting line */" in out, out
