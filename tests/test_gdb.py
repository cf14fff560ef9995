"""Debugging: `make debug` + `make gdb` stop at the C entry with source lines.

The test starts QEMU the way `make debug` does (-S, a GDB stub on a free
port) and runs GDB in batch mode with tools/gdb/pagoda.gdb, as `make gdb`
does, then reads a backtrace and the source line.
"""
import os
import socket
import subprocess
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
