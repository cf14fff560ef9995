"""Helpers for the user-space tests: boot a kernel with /init's `test` mode
and parse the serial log into per-program results.

/init prints (see userland/init.c and docs/userland.md):
    === MEM before free_slab_init=<kB> vm_area_struct=<n> ...
    === RUN <name>
    ... the program's TAP output ...
    === EXIT <name> status=<code> signal=<sig>
    === MEM after ...
    === DONE passed=<n> failed=<m>
Kernel messages may appear between the lines; only TAP lines (`ok`,
`not ok`, `1..N`) and comparable lines (`@ ...`) are interpreted.
"""
import glob
import os
import re
import subprocess

import qemu

USERLAND = os.path.join(qemu.ROOT, "userland")
INITRAMFS = os.path.join(qemu.BUILD, "initramfs.cpio")
SUITE_TIMEOUT = 600

RUN_RE = re.compile(r"^=== RUN (\S+)$")
EXIT_RE = re.compile(r"^=== EXIT (\S+) status=(-?\d+) signal=(\d+)$")
MEM_RE = re.compile(r"^=== MEM (before|after|after:\S+) (.*)$")
DONE_RE = re.compile(r"^=== DONE passed=(\d+) failed=(\d+)$")
RESULT_RE = re.compile(r"^(not )?ok (\d+)\b")
PLAN_RE = re.compile(r"^1\.\.(\d+)$")


def program_names():
    """The names of the test programs: userland/tests/*.c, sorted like init sorts."""
    return sorted(os.path.basename(p)[:-2] for p in glob.glob(os.path.join(USERLAND, "tests", "*.c")))


class Program:
    """One program's section of the log: its lines and how it exited."""

    def __init__(self, name):
        self.name = name
        self.lines = []
        self.status = None
        self.signal = None

    @property
    def comparable(self):
        return [line for line in self.lines if line.startswith("@ ")]

    def problems(self):
        """What is wrong with this run, as a list of sentences (empty if it passed)."""
        problems = []
        results = [RESULT_RE.match(line) for line in self.lines]
        results = [m for m in results if m]
        plans = [int(m.group(1)) for m in map(PLAN_RE.match, self.lines) if m]
        failed = [m.string for m in results if m.group(1)]
        if self.status is None:
            problems.append("did not finish (no EXIT line)")
        elif self.signal:
            problems.append(f"killed by signal {self.signal}")
        elif self.status:
            problems.append(f"exited with status {self.status}")
        if failed:
            problems.append(f"{len(failed)} failed check(s): " + "; ".join(failed))
        numbers = [int(m.group(2)) for m in results]
        if len(plans) != 1:
            problems.append(f"expected one plan line, found {len(plans)}")
        elif plans[0] == 0:
            problems.append("empty plan 1..0: the program checked nothing")
        elif numbers != list(range(1, plans[0] + 1)):
            wrong = next((i for i, n in enumerate(numbers) if n != i + 1), len(numbers))
            problems.append(f"plan 1..{plans[0]} but {len(numbers)} results, "
                            f"numbered in order up to result {wrong}")
        return problems

    def report(self, kernel):
        return (f"{self.name} on {kernel}: " + "; ".join(self.problems()) +
                "\n--- output ---\n" + "\n".join(self.lines))


class SuiteLog:
    """A whole `test` run: per-program results, memory readings, totals."""

    def __init__(self, run):
        self.run = run
        self.programs = {}
        self.memory = {}
        self.done = None
        current = None
        for line in run.output.splitlines():
            line = line.rstrip("\r")
            if m := RUN_RE.match(line):
                current = self.programs[m.group(1)] = Program(m.group(1))
            elif (m := EXIT_RE.match(line)) and current and m.group(1) == current.name:
                current.status, current.signal = int(m.group(2)), int(m.group(3))
                current = None
            elif m := MEM_RE.match(line):
                self.memory[m.group(1)] = dict(kv.split("=", 1) for kv in m.group(2).split())
            elif m := DONE_RE.match(line):
                self.done = (int(m.group(1)), int(m.group(2)))
            elif current:
                current.lines.append(line)

    def program(self, name):
        return self.programs.get(name)


def ensure_linux_kernel():
    """Fetch Debian's kernel (tools/fetch-linux.sh) unless it is there."""
    if not os.path.exists(qemu.linux_kernel()):
        subprocess.run([os.path.join(qemu.ROOT, "tools", "fetch-linux.sh")], check=True,
                       cwd=qemu.ROOT,
                       env={**os.environ, "BUILD": os.path.dirname(os.path.dirname(qemu.linux_kernel()))})


def boot_suite(kernel):
    """Boot kernel ("linux" or "pagoda") once with `test`; the parsed log."""
    assert os.path.exists(INITRAMFS), \
        f"{INITRAMFS} is missing: run `make initramfs` (or `make test`) first"
    if kernel == "linux":
        ensure_linux_kernel()
        run = qemu.boot_linux(INITRAMFS, "test", timeout=SUITE_TIMEOUT)
    else:
        # mm_verify=on: the kernel checks every mm (mapcounts, rmap, page
        # tables, buddy lists) at each fork and exit of the suite.
        run = qemu.boot_pagoda("mm_verify=on -- test", timeout=SUITE_TIMEOUT, initramfs=INITRAMFS)
    return SuiteLog(run)


def linux_session(init_args=""):
    """Debian's Linux with the initramfs, interactively (a qemu.Session)."""
    ensure_linux_kernel()
    cmdline = f"console=ttyS0 panic=-1 -- {init_args}".strip()
    return qemu.Session(qemu.qemu_argv(extra=("-kernel", qemu.linux_kernel(),
                                              "-initrd", INITRAMFS, "-append", cmdline)))
