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


# busybox ash's prompt from /etc/profile (it then asks the terminal where
# the cursor is, "\x1b[6n", which no one answers on a serial line).
PROMPT = r"pagoda:/# "


def start_spin(s):
    """At the shell's prompt, run the helper that spins in the foreground."""
    s.expect(PROMPT, timeout=120)
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
    """No init arguments: busybox ash, a login shell with /etc/profile's
    prompt, runs commands and exits."""
    with start_session(kernel) as s:
        s.expect(r"built-in shell \(ash\)", timeout=120)
        s.expect(PROMPT)
        start = command(s, "echo hello from the shell\n", r"\nhello from the shell\n", PROMPT)
        start = command(s, "/tests/helpers/show one two\n",
                        r"argv: /tests/helpers/show one two\n", PROMPT)
        start = command(s, "echo $PATH\n", r"\n/bin:/sbin:/tests\n", PROMPT)
        exit_shell(s, start)


@pytest.mark.parametrize("kernel", [kernel_param(k) for k in KERNELS])
def test_shell_poweroff(kernel):
    """busybox's poweroff (no -f) sends SIGUSR2 to PID 1, as to busybox's
    init: init ends every process, syncs and powers the machine off, so
    QEMU exits without the shell having exited."""
    with start_session(kernel) as s:
        s.expect(PROMPT, timeout=120)
        start = command(s, "sleep 300 &\n", PROMPT)
        s.send("poweroff\n")
        s.expect(r"init: the system is going down \(poweroff\)", start=start)
        s.wait(60)
        assert "=== DONE" not in s.output


@pytest.mark.parametrize("kernel", [kernel_param(k) for k in KERNELS])
def test_shell_ctrl_z(kernel):
    """^Z stops the foreground job (SIGTSTP): ash reports it and prompts;
    jobs lists it, fg continues it in the foreground, where ^C then kills
    it; a background job runs while the prompt is back, and kill %1 ends it."""
    with start_session(kernel) as s:
        start_spin(s)
        command(s, "\x1a", r"\[1\]\+  Stopped +/tests/helpers/spin\n", PROMPT)
        command(s, "jobs\n", r"\[1\]\+  Stopped +/tests/helpers/spin\n", PROMPT)
        command(s, "fg\n", r"fg\r?\n/tests/helpers/spin\r?\n")
        command(s, "\x03", r"\^C", PROMPT)
        command(s, "fg\n", r"fg: No current job\n", PROMPT)
        command(s, "sleep 30 &\n", PROMPT)
        command(s, "jobs\n", r"\[1\]\+  Running +sleep 30\n", PROMPT)
        start = command(s, "kill %1; wait\n", r"\[1\]\+  Terminated +sleep 30\n", PROMPT)
        exit_shell(s, start)


@pytest.mark.parametrize("kernel", [kernel_param(k) for k in KERNELS])
def test_shell_ctrl_c(kernel):
    """init makes the console the shell's controlling terminal (setsid,
    TIOCSCTTY) and ash runs each job in its own foreground process group:
    ^C kills the program, not the shell, and ^C at the prompt drops the
    line typed so far."""
    with start_session(kernel) as s:
        start_spin(s)
        command(s, "\x03", r"\^C", PROMPT)
        command(s, "echo never", r"echo never")
        command(s, "\x03", r"\^C", PROMPT)
        start = command(s, "echo still here\n", r"\nstill here\n", PROMPT)
        assert "\nnever\n" not in s.output
        exit_shell(s, start)


@pytest.mark.parametrize("kernel", [kernel_param(k) for k in KERNELS])
def test_shell_line_editing(kernel):
    """ash edits the line in raw mode (termios ICANON and ECHO off, VMIN 1):
    the left arrow moves back to insert a character, the up arrow brings
    back the last command from the history."""
    with start_session(kernel) as s:
        s.expect(PROMPT, timeout=120)
        command(s, "echo helo", r"echo helo")
        command(s, "\x1b[Dl\n", r"\nhello\n", PROMPT)
        command(s, "echo second\n", r"\nsecond\n", PROMPT)
        start = command(s, "\x1b[A\x1b[A", r"echo hello")
        start = command(s, "\n", r"\nhello\n", PROMPT)
        exit_shell(s, start)


def answer_size_query(s, start):
    """vi and less ask the terminal for its size (cursor to 999;999, then
    "where is the cursor?") and take the next key as the answer for a
    moment: answer as a 24x80 terminal would, so no typed key is eaten."""
    s.expect(r"\x1b\[999;999H\x1b\[6n", start=start)
    s.send("\x1b[24;80R")


@pytest.mark.parametrize("kernel", [kernel_param(k) for k in KERNELS])
def test_shell_vi_less(kernel):
    """Full-screen applets on the serial console: vi inserts text and
    writes the file (:wq), less shows a file and quits on q."""
    with start_session(kernel) as s:
        s.expect(PROMPT, timeout=120)
        start = len(s.output)
        s.send("vi /tmp/vi-file\n")
        answer_size_query(s, start)
        s.expect(r"- /tmp/vi-file 1/1 100%", start=start)    # vi's status line
        command(s, "i", r"I /tmp/vi-file")                    # insert mode
        # (vi may redraw after each key, so the text need not come out in one piece)
        command(s, "hello from vi\x1b", r"\[Modified\]")
        command(s, ":wq\n", r"'/tmp/vi-file' 1L, 14C", PROMPT)
        command(s, "cat /tmp/vi-file\n", r"\nhello from vi\n", PROMPT)
        start = len(s.output)
        s.send("less /etc/passwd\n")
        answer_size_query(s, start)
        s.expect(r"root:x:0:0:root:/root:/bin/sh", start=start)
        s.expect(r"\x1b\[7m/etc/passwd", start=start)      # less's status line
        start = command(s, "q", PROMPT)
        exit_shell(s, start)
