"""Run QEMU for the test suite: Pagoda's ISO through GRUB, or Debian's Linux.

Every run has a timeout; every run's serial output is kept so a failing test
can show its tail.  QEMU always runs under TCG (nested KVM hangs on CI).
"""
import os
import shutil
import subprocess
import tempfile
import hashlib
import re
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# PAGODA_BUILD selects another build directory (make BUILD=...).
BUILD = os.environ.get("PAGODA_BUILD", os.path.join(ROOT, "build"))
QEMU = "qemu-system-x86_64"
DEBUG_EXIT = ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]


class Run:
    """The result of one QEMU run: exit status, serial text, timeout flag."""

    def __init__(self, argv, status, output, timed_out):
        self.argv = argv
        self.status = status
        self.output = output
        self.timed_out = timed_out

    def tail(self, lines=60):
        return "\n".join(self.output.splitlines()[-lines:])

    def __repr__(self):
        return (f"<Run status={self.status} timed_out={self.timed_out}>\n"
                f"--- serial tail ---\n{self.tail()}")


def qemu_argv(mem="512M", cpu="max", extra=()):
    return [QEMU, "-accel", "tcg", "-cpu", cpu, "-m", mem,
            "-display", "none", "-monitor", "none", "-serial", "stdio", "-nic", "none",
            "-no-reboot", *DEBUG_EXIT, *extra]


def run_qemu(argv, timeout=120, stdin_text=None):
    """Run QEMU with argv until it exits; return a Run. Kills QEMU on timeout."""
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin_text else subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    timed_out = False
    try:
        out, _ = proc.communicate(input=stdin_text.encode() if stdin_text else None,
                                  timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        proc.kill()
        out, _ = proc.communicate()
    text = out.decode("utf-8", "replace").replace("\r\n", "\n")
    return Run(argv, proc.returncode, text, timed_out)


class Session:
    """An interactive QEMU: wait for serial output, type into the serial port.

    Use as a context manager; QEMU is killed on exit if still running.
    """

    def __init__(self, argv):
        self.argv = argv
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self._chunks = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for chunk in iter(lambda: self.proc.stdout.read1(4096), b""):
            with self._lock:
                self._chunks.append(chunk)

    @property
    def output(self):
        with self._lock:
            data = b"".join(self._chunks)
        return data.decode("utf-8", "replace").replace("\r\n", "\n")

    def expect(self, pattern, timeout=60, start=0):
        """Wait until regex pattern appears in the output after offset start.

        Returns the match; raises AssertionError (with the serial tail) on
        timeout or if QEMU exits first.
        """
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while True:
            m = regex.search(self.output, start)
            if m:
                return m
            if self.proc.poll() is not None:
                self._reader.join(2)
                m = regex.search(self.output, start)
                if m:
                    return m
                raise AssertionError(f"QEMU exited ({self.proc.returncode}) before "
                                     f"{pattern!r}\n--- serial tail ---\n{self.tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timeout waiting for {pattern!r}\n"
                                     f"--- serial tail ---\n{self.tail()}")
            time.sleep(0.05)

    def send(self, text, delay=0.0):
        """Type text into the serial port (optionally one character at a time)."""
        if delay:
            for ch in text.encode():
                self.proc.stdin.write(bytes([ch]))
                self.proc.stdin.flush()
                time.sleep(delay)
        else:
            self.proc.stdin.write(text.encode())
            self.proc.stdin.flush()

    def wait(self, timeout=60):
        """Wait for QEMU to exit; returns its status (AssertionError on timeout)."""
        try:
            status = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"QEMU did not exit within {timeout}s\n"
                                 f"--- serial tail ---\n{self.tail()}")
        self._reader.join(2)
        return status

    def tail(self, lines=60):
        return "\n".join(self.output.splitlines()[-lines:])

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def grub_cfg(cmdline, initramfs=True):
    """A one-entry grub.cfg booting the kernel with cmdline."""
    module = "    module2 /boot/initramfs.cpio initramfs\n" if initramfs else ""
    return ("set timeout=0\nset default=0\n"
            "serial --unit=0 --speed=115200\nterminal_input serial\nterminal_output serial\n"
            f'menuentry "Pagoda (test)" {{\n    multiboot2 /boot/pagoda.elf {cmdline}\n'
            f"{module}    boot\n}}\n")


def build_iso(cmdline, initramfs=None, kernel=None):
    """Build (or reuse) an ISO that boots the kernel with cmdline.

    The ISO is cached in build/test-iso/ under a hash of its inputs, so a
    test suite that boots the same command line twice builds it once.
    """
    kernel = kernel or os.path.join(BUILD, "pagoda.elf")
    assert os.path.exists(kernel), f"{kernel} is missing: run `make` (or `make test`) first"
    initramfs = initramfs if initramfs is not None else os.path.join(BUILD, "initramfs.cpio")
    h = hashlib.sha1()
    h.update(cmdline.encode())
    for path in (kernel, initramfs):
        if path and os.path.exists(path):
            st = os.stat(path)
            h.update(f"{path}:{st.st_mtime_ns}:{st.st_size}".encode())
    out_dir = os.path.join(BUILD, "test-iso")
    os.makedirs(out_dir, exist_ok=True)
    iso = os.path.join(out_dir, h.hexdigest()[:16] + ".iso")
    if os.path.exists(iso):
        return iso
    with tempfile.TemporaryDirectory() as tree:
        os.makedirs(os.path.join(tree, "boot", "grub"))
        shutil.copy(kernel, os.path.join(tree, "boot", "pagoda.elf"))
        has_initramfs = bool(initramfs) and os.path.exists(initramfs)
        if has_initramfs:
            shutil.copy(initramfs, os.path.join(tree, "boot", "initramfs.cpio"))
        with open(os.path.join(tree, "boot", "grub", "grub.cfg"), "w") as f:
            f.write(grub_cfg(cmdline, has_initramfs))
        tmp = iso + ".tmp"
        subprocess.run(["grub-mkrescue", "-o", tmp, tree], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.replace(tmp, iso)
    return iso


def boot_pagoda(cmdline="", mem="512M", cpu="max", timeout=120, initramfs=None,
                stdin_text=None, extra=(), kernel=None):
    """Boot Pagoda's kernel (build/pagoda.elf, or kernel) through GRUB from an
    ISO with cmdline."""
    iso = build_iso(cmdline, initramfs, kernel)
    argv = qemu_argv(mem, cpu, ("-cdrom", iso, "-boot", "d", *extra))
    return run_qemu(argv, timeout, stdin_text)


def pagoda_session(cmdline="", mem="512M", cpu="max", initramfs=None, extra=()):
    """Start Pagoda interactively (see Session)."""
    iso = build_iso(cmdline, initramfs)
    return Session(qemu_argv(mem, cpu, ("-cdrom", iso, "-boot", "d", *extra)))


def linux_kernel():
    """Path of Debian's Linux kernel: $PAGODA_LINUX (`make bench` sets it), else
    the one `make linux-kernel` fetches into BUILD/linux/."""
    return os.environ.get("PAGODA_LINUX") or os.path.join(BUILD, "linux", "vmlinuz")


def boot_linux(initramfs, init_args="", mem="512M", cpu="max", timeout=300, append="",
               extra=()):
    """Boot Debian's Linux with initramfs; words in init_args go to /init's argv."""
    cmdline = f"console=ttyS0 panic=-1 {append} -- {init_args}".strip()
    argv = qemu_argv(mem, cpu, ("-kernel", linux_kernel(), "-initrd", initramfs,
                                "-append", cmdline, *extra))
    return run_qemu(argv, timeout)
