"""Build and run the host-side unit tests, tests/host/test_*.c.

Each C file is compiled by the host gcc with AddressSanitizer and UBSan,
together with the kernel sources it names on a line such as

    /* HOST-SOURCES: kernel/lib/rbtree.c kernel/lib/interval_tree.c */

into build/host/<name>, and run with a timeout. The program prints TAP:
"ok N - description", "not ok N - description # file:line detail", and a
plan line "1..N"; it exits non-zero if anything failed.

Two kinds of results come out of every file:
  test_host_program[<name>]  the program built, ran to completion, exited 0,
                             and its TAP is complete: a plan, results 1..N,
                             no "not ok" (all failures listed in the message)
  test_tap_line[<name> N - description]  one result per TAP line

To have one result per TAP line, the programs are built and run while
pytest collects this module (once per session; the outcome is cached).

Run with Debian's pytest:  pytest-3 -q tests/test_host.py
"""
import glob
import os
import re
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST_DIR = os.path.join(ROOT, "tests", "host")
BUILD_DIR = os.path.join(ROOT, "build", "host")

CC = "gcc"
CFLAGS = ["-std=gnu11", "-O1", "-g", "-Wall", "-Wextra", "-Werror",
          "-fsanitize=address,undefined", "-fno-omit-frame-pointer",
          "-Iinclude", "-Iarch/x86_64/include", "-DHOST_TEST"]
# UBSan reports and carries on by default; make undefined behaviour fatal.
RUN_ENV = dict(os.environ, UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1")
BUILD_TIMEOUT = 120
RUN_TIMEOUT = 120

SOURCES_RE = re.compile(r"/\*\s*HOST-SOURCES:(.*?)\*/", re.S)
# "ok N - description # directive"; the description may not contain '#'.
RESULT_RE = re.compile(r"^(not )?ok (\d+)\b(?:\s*-)?([^#]*)")
PLAN_RE = re.compile(r"^1\.\.(\d+)\s*$")


def host_tests():
    """The host test sources, as paths relative to the repository root."""
    paths = sorted(glob.glob(os.path.join(HOST_DIR, "test_*.c")))
    return [os.path.relpath(p, ROOT) for p in paths]


def program_name(source):
    return os.path.splitext(os.path.basename(source))[0]


def kernel_sources(source):
    """The files named on the HOST-SOURCES line(s) of a test source."""
    with open(os.path.join(ROOT, source)) as f:
        text = f.read()
    return [name for match in SOURCES_RE.findall(text)
            for name in match.split()]


def as_text(output):
    if output is None:
        return ""
    if isinstance(output, bytes):
        return output.decode(errors="replace")
    return output


def head(text, lines=40):
    """The start of compiler or sanitizer output, where the error is."""
    kept = text.splitlines()[:lines]
    return "\n".join(kept + (["..."] if len(kept) == lines else []))


class Outcome:
    """What building and running one host test produced."""

    def __init__(self, source):
        self.source = source
        self.name = program_name(source)
        self.problem = None     # why the program as a whole failed, if it did
        self.stdout = ""
        self.stderr = ""
        self.results = []       # (ok, number, description, line)
        self.plans = []         # the N of every "1..N" line

    def describe(self):
        """A failure report: the problem, the TAP failures, stderr."""
        parts = [f"{self.source}: {self.problem}"]
        failed = [line for ok, _, _, line in self.results if not ok]
        if failed:
            parts.append("failing TAP lines:\n  " + "\n  ".join(failed))
        if self.stderr.strip():
            parts.append("stderr:\n" + head(self.stderr))
        return "\n".join(parts)


def build(outcome):
    """Compile the test; return the binary's path, or None with a problem."""
    sources = kernel_sources(outcome.source)
    missing = [s for s in sources if not os.path.isfile(os.path.join(ROOT, s))]
    if missing:
        outcome.problem = f"HOST-SOURCES names missing files: {missing}"
        return None
    os.makedirs(BUILD_DIR, exist_ok=True)
    binary = os.path.join(BUILD_DIR, outcome.name)
    argv = [CC, *CFLAGS, outcome.source, *sources, "-o", binary]
    try:
        proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True,
                              timeout=BUILD_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as e:
        outcome.problem = f"build failed: {e}"
        return None
    if proc.returncode != 0:
        outcome.problem = "build failed: " + " ".join(argv)
        outcome.stderr = proc.stdout + proc.stderr
        return None
    return binary


def parse_tap(outcome):
    for line in outcome.stdout.splitlines():
        match = RESULT_RE.match(line)
        if match:
            outcome.results.append((not match.group(1), int(match.group(2)),
                                    match.group(3).strip(), line))
            continue
        match = PLAN_RE.match(line)
        if match:
            outcome.plans.append(int(match.group(1)))


def tap_problem(outcome):
    """Why the TAP stream is incomplete or inconsistent, or None."""
    numbers = [number for _, number, _, _ in outcome.results]
    if len(outcome.plans) != 1:
        return f"expected one plan line 1..N, found {len(outcome.plans)}"
    if numbers != list(range(1, outcome.plans[0] + 1)):
        return (f"plan 1..{outcome.plans[0]} but results numbered "
                f"{numbers}")
    failed = sum(1 for ok, _, _, _ in outcome.results if not ok)
    if failed:
        return f"{failed} of {len(numbers)} TAP checks failed"
    return None


def run(source):
    """Build and run one host test and parse its TAP output."""
    outcome = Outcome(source)
    binary = build(outcome)
    if binary is None:
        return outcome
    try:
        proc = subprocess.run([binary], cwd=ROOT, env=RUN_ENV,
                              capture_output=True, text=True,
                              timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired as e:
        outcome.stdout = as_text(e.stdout)
        outcome.stderr = as_text(e.stderr)
        outcome.problem = f"timed out after {RUN_TIMEOUT}s"
    else:
        outcome.stdout = proc.stdout
        outcome.stderr = proc.stderr
        if proc.returncode < 0:
            outcome.problem = f"killed by signal {-proc.returncode}"
        elif proc.returncode != 0:
            outcome.problem = f"exited with status {proc.returncode}"
    parse_tap(outcome)
    outcome.problem = outcome.problem or tap_problem(outcome)
    return outcome


_outcomes = {}


def outcome_of(source):
    if source not in _outcomes:
        _outcomes[source] = run(source)
    return _outcomes[source]


def pytest_generate_tests(metafunc):
    """One test_tap_line per TAP line; a failing stand-in if there are none."""
    if metafunc.function.__name__ != "test_tap_line":
        return
    params = []
    for source in host_tests():
        outcome = outcome_of(source)
        for _, number, description, line in outcome.results:
            params.append(pytest.param(
                outcome, line,
                id=f"{outcome.name} {number} - {description}"))
        if not outcome.results:
            params.append(pytest.param(outcome, None,
                                       id=f"{outcome.name} (no TAP output)"))
    metafunc.parametrize("outcome,line", params)


@pytest.mark.parametrize("source", host_tests(), ids=program_name)
def test_host_program(source):
    outcome = outcome_of(source)
    if outcome.problem is not None:
        pytest.fail(outcome.describe(), pytrace=False)


def test_tap_line(outcome, line):
    if line is None:
        pytest.fail(outcome.describe(), pytrace=False)
    if line.startswith("not ok"):
        pytest.fail(f"{outcome.source}: {line}", pytrace=False)
