#!/usr/bin/env python3
"""Benchmarks: `make bench` runs this script (plain python3, not pytest) on
the fast kernel (OPT=2, build-fast/).

1. Kernel benchmarks: every ktest case of the suite `bench` (found in the
   kernel's symbol table, e.g. bench.page_alloc in
   tests/kernel/page_alloc_test.c) runs in one boot of Pagoda with
   ktest=bench.CASE,...; each `# bench.CASE: bench <what> <value> <unit>`
   line the cases log is one round of the row <what>.
2. User benchmarks: if userland/bench/ has programs, init's `bench` mode
   runs them (/bench/NAME) from the same initramfs on Debian's Linux 6.12
   (tools/fetch-linux.sh) and on Pagoda, interleaved (Linux, Pagoda,
   Linux, Pagoda: --boots of each) on the same QEMU, -cpu and -m; each
   `bench <metric> <value> <unit>` line they print is one round.

Method (README.md "Benchmarks"): the programs warm up over the same memory
before they measure and print at least 5 rounds per figure; a row shows the
median with [min-max] over all rounds of all boots of a kernel, and
Pagoda/Linux is the ratio of the medians with its range [worst-best pairing
of the extremes]. A row whose spread (max - min of either kernel) is wider
than the difference of the medians is marked `noise`: it does not tell the
kernels apart.

Everything runs under QEMU TCG, so the numbers compare one build with
another (or Pagoda with Linux on the same emulator), not with hardware.
Nothing here asserts a speed. A part that cannot run (no kernel, a crash,
a timeout, a failing bench case, no Linux kernel to compare with) is
reported as such, with the tail of its serial log, and the exit status is
1; nothing is made up.

    python3 tests/bench.py [--mem 2G] [--cpu max] [--boots 2] [--timeout 900]
                           [--kernel-only] [--icount SHIFT]
"""
import argparse
import glob
import os
import re
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qemu  # noqa: E402
import userspace  # noqa: E402

KTEST_BENCH_RE = re.compile(r"# (bench\.\w+): bench (.+) (\d+(?:\.\d+)?) (\S+)$")
USER_BENCH_RE = re.compile(r"^bench (\S+) (\d+(?:\.\d+)?) (\S+)$")
KTAP_RE = re.compile(r"\b(ok|not ok) \d+ (bench\.\w+)")
TAIL_LINES = 25


class CannotRun(Exception):
    """A benchmark part could not produce numbers; the message says why."""


def indent(text, prefix="    | "):
    return "\n".join(prefix + line for line in text.splitlines())


def print_table(header, rows):
    """Print rows (lists of strings) under header, columns padded; numbers right-aligned."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = []
        for i, cell in enumerate(row):
            numeric = re.fullmatch(r"[\d.]+x?( \[[\d.-]+\])?|\d+/\d+|-", str(cell)) is not None
            cells.append(str(cell).rjust(widths[i]) if numeric else str(cell).ljust(widths[i]))
        print("  " + "  ".join(cells).rstrip())


# ---------------------------------------------------------------------------
# 1. Kernel benchmarks (ktest suite "bench")

def kernel_bench_cases():
    """The bench.* ktest cases in build/pagoda.elf (KTEST and KTEST_EXPLICIT)."""
    kernel = os.path.join(qemu.BUILD, "pagoda.elf")
    if not os.path.exists(kernel):
        raise CannotRun(f"{kernel} is missing: the kernel did not build (run `make`)")
    nm = subprocess.run(["nm", kernel], capture_output=True, text=True, check=True).stdout
    names = re.findall(r"\b__ktest_(?:case|explicit)_bench__(\w+)$", nm, re.M)
    return sorted(f"bench.{name}" for name in names)


def run_kernel_bench(mem, cpu, timeout):
    """Boot Pagoda once with every bench.* case; {(case, what): ([values], unit)}."""
    cases = kernel_bench_cases()
    if not cases:
        raise CannotRun("the kernel has no ktest cases in the suite `bench`")
    run = qemu.boot_pagoda("ktest=" + ",".join(cases), mem=mem, cpu=cpu, timeout=timeout)
    lines = run.output.splitlines()
    rows = {}
    for m in map(KTEST_BENCH_RE.search, lines):
        if m:
            rows.setdefault((m.group(1), m.group(2)), ([], m.group(4)))[0].append(float(m.group(3)))
    results = dict((m.group(2), m.group(1)) for m in map(KTAP_RE.search, lines) if m)
    problems = []
    if run.timed_out:
        problems.append(f"Pagoda did not finish within {timeout} s")
    for case in cases:
        if case not in results:
            problems.append(f"{case} produced no result (crash, or the kernel did not boot)")
        elif results[case] != "ok":
            problems.append(f"{case} failed (`not ok`)")
    if problems or not rows:
        raise CannotRun("; ".join(problems or ["no `bench` lines in the log"]) +
                        f"\n--- serial tail ---\n{indent(run.tail(TAIL_LINES))}")
    return rows


# ---------------------------------------------------------------------------
# 2. User benchmarks (userland/bench/*.c on Linux and on Pagoda)

def user_bench_programs():
    return sorted(os.path.basename(p)[:-2]
                  for p in glob.glob(os.path.join(userspace.USERLAND, "bench", "*.c")))


def boot_user_bench(kernel, mem, cpu, timeout, extra=()):
    """Run init's `bench` mode on kernel (extra: more QEMU arguments);
    {(program, metric): ([values], unit)}."""
    if not os.path.exists(userspace.INITRAMFS):
        raise CannotRun(f"{userspace.INITRAMFS} is missing (run `make`)")
    if kernel == "linux":
        try:
            userspace.ensure_linux_kernel()
        except (subprocess.CalledProcessError, OSError) as e:
            raise CannotRun(f"cannot fetch Debian's Linux with tools/fetch-linux.sh: {e}")
        run = qemu.boot_linux(userspace.INITRAMFS, "bench", mem=mem, cpu=cpu, timeout=timeout,
                              extra=extra)
    else:
        run = qemu.boot_pagoda("-- bench", mem=mem, cpu=cpu, timeout=timeout,
                               initramfs=userspace.INITRAMFS, extra=extra)
    log = userspace.SuiteLog(run)
    metrics, problems = {}, []
    for name in user_bench_programs():
        prog = log.program(name)
        if prog is None:
            problems.append(f"/bench/{name} never started")
            continue
        for m in map(USER_BENCH_RE.match, prog.lines):
            if m:
                metrics.setdefault((name, m.group(1)), ([], m.group(3)))[0].append(
                    float(m.group(2)))
        if prog.status is None:
            problems.append(f"/bench/{name} did not finish")
        elif prog.status or prog.signal:
            problems.append(f"/bench/{name} exited with status {prog.status}, "
                            f"signal {prog.signal}")
    if run.timed_out:
        problems.append(f"timed out after {timeout} s")
    if problems:
        raise CannotRun("; ".join(problems) +
                        f"\n--- serial tail ---\n{indent(run.tail(TAIL_LINES))}")
    return metrics


def lower_is_better(unit):
    return not unit.endswith("/s") and unit != "%"


def fmt(value):
    return f"{value:.2f}" if value < 10 else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def summary(values):
    """"median [min-max]" of a list of rounds."""
    return f"{fmt(statistics.median(values))} [{fmt(min(values))}-{fmt(max(values))}]"


def compare(linux, pagoda):
    """Pagoda/Linux as the ratio of medians with its range, and whether the
    spread of either kernel is wider than the difference of the medians."""
    lm, pm = statistics.median(linux), statistics.median(pagoda)
    lo, hi = sorted((min(pagoda) / max(linux), max(pagoda) / min(linux)))
    spread = max(max(linux) - min(linux), max(pagoda) - min(pagoda))
    noise = spread > abs(pm - lm)
    return f"{pm / lm:.2f}x [{lo:.2f}-{hi:.2f}]", noise


def merge(runs):
    """Rounds of several boots of one kernel: {key: ([values], unit)}."""
    merged = {}
    for metrics in runs:
        for key, (values, unit) in metrics.items():
            merged.setdefault(key, ([], unit))[0].extend(values)
    return merged


def user_bench_rows(results):
    """Rows for every metric either kernel reported (in the order printed):
    program, metric, unit, rounds, Linux, Pagoda, Pagoda/Linux, note."""
    linux, pagoda = merge(results.get("linux", [])), merge(results.get("pagoda", []))
    rows = []
    for key in list(linux) + [k for k in pagoda if k not in linux]:
        unit = (linux.get(key) or pagoda.get(key))[1]
        lv = linux[key][0] if key in linux else None
        pv = pagoda[key][0] if key in pagoda else None
        ratio, note = "-", "lower is better" if lower_is_better(unit) else "higher is better"
        if lv and pv:
            ratio, noise = compare(lv, pv)
            if noise:
                note += "; noise: spread > difference"
        rounds = "/".join(str(len(v)) if v else "0" for v in (lv, pv))
        rows.append([key[0], key[1], unit, rounds, summary(lv) if lv else "-",
                     summary(pv) if pv else "-", ratio, note])
    return rows


def qemu_version():
    out = subprocess.run([qemu.QEMU, "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0] if out else "unknown"


# ---------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mem", default="2G", help="RAM of every boot (-m)")
    parser.add_argument("--cpu", default="max", help="CPU model of every boot (-cpu)")
    parser.add_argument("--boots", type=int, default=2,
                        help="boots per kernel for the user benchmarks, interleaved")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per boot")
    parser.add_argument("--kernel-only", action="store_true",
                        help="skip the user benchmarks (no Linux boot)")
    parser.add_argument("--icount", type=int, metavar="SHIFT",
                        help="user benchmarks with -icount shift=SHIFT: guest time counts "
                             "instructions (2^SHIFT ns each), whatever the host's load")
    args = parser.parse_args()
    failed = []
    setup = f"-m {args.mem}, -cpu {args.cpu}, {qemu_version()}, TCG"
    extra = ("-icount", f"shift={args.icount}") if args.icount is not None else ()

    print(f"== Kernel benchmarks: ktest suite `bench` on Pagoda ({setup})", flush=True)
    try:
        rows = run_kernel_bench(args.mem, args.cpu, args.timeout)
        print_table(["case", "what", "unit", "rounds", "median [min-max]"],
                    [[case, what, unit, str(len(values)), summary(values)]
                     for (case, what), (values, unit) in rows.items()])
    except CannotRun as e:
        print(f"  cannot run: {e}")
        failed.append("kernel benchmarks")

    programs = user_bench_programs()
    if args.kernel_only:
        pass
    elif not programs:
        print("\n== User benchmarks: userland/bench/ has no programs; nothing to run")
    else:
        print(f"\n== User benchmarks: /bench/{{{','.join(programs)}}} on Linux 6.12 and "
              f"Pagoda, same initramfs, {args.boots} interleaved boots each ({setup}"
              f"{', ' + ' '.join(extra) if extra else ''})", flush=True)
        results = {}
        for boot in range(args.boots):
            for kernel in ("linux", "pagoda"):
                print(f"  boot {boot + 1}: {kernel} ...", flush=True)
                try:
                    results.setdefault(kernel, []).append(
                        boot_user_bench(kernel, args.mem, args.cpu, args.timeout, extra))
                except CannotRun as e:
                    print(f"  {kernel}: cannot run: {e}")
                    failed.append(f"user benchmarks on {kernel} (boot {boot + 1})")
        if results:
            print("\n  median [min-max] over all rounds of all boots; Pagoda/Linux: ratio of "
                  "the medians [range]")
            print_table(["program", "metric", "unit", "rounds L/P", "Linux", "Pagoda",
                         "Pagoda/Linux", ""], user_bench_rows(results))

    if failed:
        print(f"\nNot measured: {', '.join(failed)} (see above).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
