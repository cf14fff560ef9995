"""User-space tests: every program in userland/tests/ runs under /init's
`test` mode, on Debian's Linux 6.12 and on Pagoda, from the same initramfs.

Each kernel boots once (module-scoped, lazily: `-k linux` boots only Linux);
each program's result is parsed from the serial log.  A program fails if it
printed `not ok`, had a wrong plan, or exited non-zero / was killed.  Its
`@ ` lines must be identical on both kernels.  On Pagoda, the memory
readings init takes before and after the suite must be equal (no leaks).
"""
import re

import pytest

import qemu
import userspace


KERNELS = ("linux", "pagoda")
PROGRAMS = userspace.program_names()


def kernel_param(kernel, *values):
    return pytest.param(kernel, *values, id="-".join((kernel, *values)))


@pytest.fixture(scope="module")
def suite():
    """suite(kernel): that kernel's parsed `test` run, booted on first use."""
    logs = {}

    def get(kernel):
        if kernel not in logs:
            logs[kernel] = userspace.boot_suite(kernel)
        return logs[kernel]
    return get


@pytest.mark.parametrize("kernel,program",
                         [kernel_param(k, p) for k in KERNELS for p in PROGRAMS])
def test_program(suite, kernel, program):
    log = suite(kernel)
    result = log.program(program)
    assert result is not None, (f"{program} never started on {kernel}"
                                f"\n--- serial tail ---\n{log.run.tail()}")
    assert not result.problems(), result.report(kernel)


@pytest.mark.parametrize("kernel", [kernel_param(k) for k in KERNELS])
def test_suite_completed(suite, kernel):
    log = suite(kernel)
    assert not log.run.timed_out, f"{kernel} timed out\n{log.run.tail()}"
    assert log.done == (len(PROGRAMS), 0), \
        f"init's summary {log.done}, expected ({len(PROGRAMS)}, 0)\n{log.run.tail()}"
    assert {"before", "after"} <= set(log.memory), f"MEM lines missing\n{log.run.tail()}"


@pytest.mark.parametrize("program", PROGRAMS)
def test_comparable_output(suite, program):
    """Every `@ ` line (e.g. maps layouts) is the same on Pagoda as on Linux."""
    linux, pagoda = suite("linux").program(program), suite("pagoda").program(program)
    assert linux is not None and pagoda is not None, f"{program} did not run on both kernels"
    assert pagoda.comparable == linux.comparable, (
        f"{program}: `@ ` lines differ\n--- linux ---\n" + "\n".join(linux.comparable) +
        "\n--- pagoda ---\n" + "\n".join(pagoda.comparable))


def test_pagoda_no_leak(suite):
    """After the suite and drop_caches, MemFree and the mm slab caches are back."""
    memory = suite("pagoda").memory
    assert {"before", "after"} <= set(memory), "init's MEM lines are missing"
    assert memory["after"] == memory["before"], (
        f"memory before the suite: {memory['before']}\nmemory after:  {memory['after']}")


@pytest.mark.parametrize("program", PROGRAMS)
def test_pagoda_program_leaks_nothing(suite, program):
    """Each program leaves memory exactly as it found it (init reads it after each)."""
    memory = suite("pagoda").memory
    i = PROGRAMS.index(program)
    before = memory.get("before" if i == 0 else f"after:{PROGRAMS[i - 1]}")
    after = memory.get(f"after:{program}")
    assert before and after, f"MEM readings around {program} are missing"
    assert after == before, f"before {program}: {before}\nafter {program}:  {after}"


KERNEL_TROUBLE_RE = re.compile(r"\] (mm_verify: |kernel BUG|BUG: |-+\[ cut here \])")


def test_pagoda_kernel_log_clean(suite):
    """mm_verify (on at every fork and exit) found nothing; no BUG or WARN."""
    trouble = [l for l in suite("pagoda").run.output.splitlines() if KERNEL_TROUBLE_RE.search(l)]
    assert not trouble, "\n".join(trouble[:40])


def start_session(kernel):
    if kernel == "linux":
        return userspace.linux_session()
    return qemu.pagoda_session(initramfs=userspace.INITRAMFS)


def start_spin(s):
    """At the shell's prompt, run the helper that spins in the foreground."""
    s.expect(r"pagoda# ", timeout=120)
    start = len(s.output)
    s.send("/tests/helpers/spin\n")
    s.expect(r"spinning\n", start=start)


def command(s, text, *patterns):
    """Type text; the output since must match each pattern. Returns where it began."""
    start = len(s.output)
    s.send(text)
    for pattern in patterns:
        s.expect(pattern, start=start)
    return start


def exit_shell(s, start):
    """Leave the shell; init reports the run and the machine stops."""
    s.send("exit 0\n")
    s.expect(r"=== DONE passed=1 failed=0", start=start)
    s.wait(60)


@pytest.mark.parametrize("kernel", [kernel_param(k) for k in KERNELS])
def test_interactive_shell(kernel):
    """No init arguments: the shell prompts on the console, runs commands, exits."""
    with start_session(kernel) as s:
        s.expect(r"pagoda# ", timeout=120)
        start = len(s.output)
        s.send("echo hello from the shell\n")
        s.expect(r"\nhello from the shell\n", start=start)
        start = len(s.output)
        s.send("/tests/helpers/show one two\n")
        s.expect(r"argv: /tests/helpers/show one two\n", start=start)
        s.expect(r"pagoda# ", start=start)
        exit_shell(s, start)


@pytest.mark.parametrize("kernel", [kernel_param(k) for k in KERNELS])
def test_shell_ctrl_z(kernel):
    """^Z stops the foreground program (SIGTSTP): the shell, waiting with
    WUNTRACED, reports it and prompts; fg continues it in the foreground,
    where ^C then kills it."""
    with start_session(kernel) as s:
        start_spin(s)
        command(s, "\x1a", r"sh: /tests/helpers/spin: stopped\n", r"pagoda# ")
        command(s, "fg\n", r"fg\r?\n/tests/helpers/spin\r?\n")
        command(s, "\x03", r"sh: /tests/helpers/spin: killed by signal 2\n", r"pagoda# ")
        start = command(s, "fg\n", r"sh: fg: no current job\n", r"pagoda# ")
        exit_shell(s, start)


@pytest.mark.parametrize("kernel", [kernel_param(k) for k in KERNELS])
def test_shell_ctrl_c(kernel):
    """The shell owns the console (setsid, TIOCSCTTY) and runs each program in
    the foreground process group: ^C kills the program, not the shell, and
    ^C at the prompt only drops the line typed so far."""
    with start_session(kernel) as s:
        start_spin(s)
        start = len(s.output)
        s.send("\x03")
        # The tty's "^C" echo and the shell's report may come in either order.
        s.expect(r"\^C", start=start)
        s.expect(r"sh: /tests/helpers/spin: killed by signal 2\n", start=start)
        s.expect(r"pagoda# ", start=start)
        start = len(s.output)
        s.send("echo never")
        s.expect(r"echo never", start=start)    # echoed: the line is in the tty
        start = len(s.output)
        s.send("\x03")
        s.expect(r"\^C", start=start)
        s.expect(r"\npagoda# ", start=start)
        start = len(s.output)
        s.send("echo still here\n")
        s.expect(r"\nstill here\n", start=start)
        exit_shell(s, start)

