#!/usr/bin/env python3
"""grade.py - grade the labs with the test suite: one QEMU boot per part.

    tools/grade.py [--lab NAME ...] [--json FILE] [--initramfs FILE] [--batch]

Without --lab, a student tree (one with .pagoda-lab) grades its own lab
and the labs before it, the full tree every lab. Each part (tools/labs/
labs.py) boots the kernel in build/ (PAGODA_BUILD) with a timeout, so a
kernel that panics or hangs loses that part only; a failed part shows why,
the panic line and the last serial lines. Prints one line per part and
`Score: X/Y`; exits 0 only for full marks. Every boot has the initramfs
(--initramfs, default build/initramfs.cpio), as `make run` does: some
ktest cases use /sys.

--batch (what CI uses) first boots once for as many ktest cases as
`ktest=` holds: a part all of whose cases print `ok` there passes; every
other part is graded by its own boot as usual, so a panic still costs only
the parts it reaches, and the scores are those of one boot per part.
"""
import argparse
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))
sys.path.insert(0, os.path.join(ROOT, "tools", "labs"))
import labs  # noqa: E402
import qemu  # noqa: E402
import userspace  # noqa: E402

TAIL_LINES = 12
KTEST_ARG_MAX = 255         # kernel/ktest.c keeps the ktest= argument in 256 bytes
PANIC_RE = re.compile(r"Kernel panic - not syncing|kernel BUG at|BUG: |general protection|"
                      r"page fault|mm_verify: |-+\[ cut here \]")


class Result:
    def __init__(self, lab, part, passed, reason="", run=None):
        self.lab, self.part, self.passed, self.reason = lab, part, passed, reason
        self.panic = self.tail = ""
        if run is not None and not passed:
            lines = run.output.splitlines()
            self.panic = next((l for l in lines if "Kernel panic" in l), "") or \
                next((l for l in lines if PANIC_RE.search(l)), "")
            self.tail = "\n".join(lines[-TAIL_LINES:])

    @property
    def score(self):
        return self.part.points if self.passed else 0

    def line(self):
        name = f"{self.lab.name}: {self.part.name}"
        text = f"{name:<28} {self.score:>3}/{self.part.points:<3} {'ok' if self.passed else 'FAIL'}"
        if not self.passed:
            text += f"  ({self.reason})"
        return text

    def details(self):
        out = []
        if self.panic:
            out.append(f"    panic: {self.panic.strip()}")
        if self.tail:
            out.append("    last serial lines:")
            out += ["      " + l for l in self.tail.splitlines()]
        return "\n".join(out)

    def as_json(self):
        return {"lab": self.lab.name, "part": self.part.name, "points": self.part.points,
                "score": self.score, "passed": self.passed, "checks": self.part.how,
                "reason": self.reason, "panic": self.panic.strip(), "tail": self.tail}


def ktest_result(output, case):
    """'ok', 'not ok', or None (the case never reported) for case in output."""
    m = re.search(rf"\b(ok|not ok) \d+ {re.escape(case)}\b(?! #)", output)
    skip = re.search(rf"\bok \d+ {re.escape(case)} # SKIP", output)
    if skip:
        return "skipped"
    return m.group(1) if m else None


def run_ktest_part(lab, part, initramfs):
    run = qemu.boot_pagoda(f"ktest={','.join(part.ktest)}", mem=part.mem, timeout=part.timeout,
                           initramfs=initramfs)
    for case in part.ktest:
        result = ktest_result(run.output, case)
        if result != "ok":
            why = ("timed out" if run.timed_out else "no result: the kernel died first") \
                if result is None else f"{case}: {result}"
            return Result(lab, part, False, why, run)
    return Result(lab, part, True)


def run_user_part(lab, part, initramfs):
    run = qemu.boot_pagoda(f"mm_verify=on -- test {part.user}", mem=part.mem,
                           timeout=part.timeout, initramfs=initramfs)
    program = userspace.SuiteLog(run).program(part.user)
    if program is None:
        why = "timed out" if run.timed_out else f"{part.user} never started"
        return Result(lab, part, False, why, run)
    problems = program.problems()
    trouble = [l for l in run.output.splitlines() if PANIC_RE.search(l)]
    if trouble:
        problems.append(trouble[0].strip())
    if problems:
        return Result(lab, part, False, "; ".join(problems), run)
    return Result(lab, part, True)


def ktest_batches(parts):
    """The ktest parts in groups of one memory size whose cases fit one ktest= argument."""
    for mem in dict.fromkeys(p.mem for p in parts if p.ktest):
        batch, length = [], 0
        for part in (p for p in parts if p.ktest and p.mem == mem):
            size = len(",".join(part.ktest)) + 1
            if batch and length + size > KTEST_ARG_MAX + 1:
                yield batch
                batch, length = [], 0
            batch.append(part)
            length += size
        if batch:
            yield batch


def passed_in_batches(parts, initramfs):
    """The ktest parts of parts whose cases all print ok in shared boots."""
    passed = set()
    for batch in ktest_batches(parts):
        cases = [case for part in batch for case in part.ktest]
        run = qemu.boot_pagoda(f"ktest={','.join(cases)}", mem=batch[0].mem,
                               timeout=sum(p.timeout for p in batch), initramfs=initramfs)
        passed |= {part for part in batch
                   if all(ktest_result(run.output, case) == "ok" for case in part.ktest)}
    return passed


def grade(lab_list, initramfs, out=sys.stdout, batch=False):
    results = []
    passed = passed_in_batches([p for lab in lab_list for p in lab.parts], initramfs) \
        if batch else set()
    for lab in lab_list:
        for part in lab.parts:
            if part in passed:
                result = Result(lab, part, True)
            elif part.ktest:
                result = run_ktest_part(lab, part, initramfs)
            else:
                result = run_user_part(lab, part, initramfs)
            print(result.line(), file=out, flush=True)
            if not result.passed and (result.panic or result.tail):
                print(result.details(), file=out, flush=True)
            results.append(result)
    return results


def tree_lab():
    """The lab a student tree was made for, or None for the full tree."""
    try:
        with open(os.path.join(ROOT, ".pagoda-lab")) as f:
            return f.read().strip()
    except FileNotFoundError:
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lab", action="append", help="grade only this lab (may be repeated)")
    ap.add_argument("--json", help="also write the result as JSON to this file")
    ap.add_argument("--initramfs", default=os.path.join(qemu.BUILD, "initramfs.cpio"))
    ap.add_argument("--batch", action="store_true",
                    help="pass the ktest parts that pass in shared boots; boot the others one by one")
    args = ap.parse_args()
    try:
        if args.lab:
            lab_list = [labs.by_name(name) for name in args.lab]
        elif tree_lab():
            lab_list = labs.up_to(tree_lab())
        else:
            lab_list = labs.LABS
    except KeyError as e:
        sys.exit(f"grade: {e.args[0]}")
    results = grade(lab_list, args.initramfs, batch=args.batch)
    score = sum(r.score for r in results)
    total = sum(r.part.points for r in results)
    print(f"Score: {score}/{total}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"score": score, "total": total,
                       "parts": [r.as_json() for r in results]}, f, indent=2)
            f.write("\n")
    sys.exit(0 if score == total else 1)


if __name__ == "__main__":
    main()
