#!/usr/bin/env python3
"""mklab.py - turn the Pagoda tree into a student tree for one lab.

    tools/mklab.py --list                 the labs, one line each
    tools/mklab.py --markers              every lab marker in the tree
    tools/mklab.py LAB [--dest DIR]       write the student tree (build/labs/LAB)
    tools/mklab.py LAB --solved ...       the same, but keep LAB's own solution
                                          (the student tree with the diff undone)

A lab's solution is marked in the C source (docs/labs/README.md):

    static struct page *__rmqueue_smallest(struct zone *zone, ...)
    {
            /* LAB buddy: return NULL; */
            ... the solution ...
            /* LAB buddy end */
    }

The begin marker names the lab and gives the stub (C on one line, may be
empty); everything from the begin marker to the end marker is replaced by a
comment pointing at the handout and at the Linux 6.12 function -- the name
of the function the markers sit in -- followed by the stub. Labs stack
(tools/labs/labs.py): the tree for lab N strips lab N and every later lab,
and only loses the marker lines of the earlier ones. The tree is a copy of
the files git knows (tracked and untracked-but-not-ignored), with the
handout as LAB.md, the lab's name in .pagoda-lab, as a git repository with
one commit.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools", "labs"))
import labs  # noqa: E402

BEGIN_RE = re.compile(r"^(\s*)/\* LAB ([a-z0-9_]+):(.*?)\*/\s*$")
END_RE = re.compile(r"^\s*/\* LAB ([a-z0-9_]+) end \*/\s*$")
ANY_RE = re.compile(r"/\* LAB [a-z0-9_]+[: ]")
# A function definition's first line, kernel style: starts in column 0.
FUNC_RE = re.compile(r"^[A-Za-z_][^;=]*?\b([A-Za-z_]\w*)\(")
SOURCE_EXTS = (".c", ".h")


class MarkerError(Exception):
    pass


@dataclass
class Marker:
    path: str          # relative to the tree
    lab: str
    function: str
    begin: int         # line index of the begin marker
    end: int           # line index of the end marker
    indent: str
    stub: str

    def solution(self, lines):
        return lines[self.begin + 1:self.end]


def tree_files(root=ROOT):
    """The files of the tree: what git tracks plus untracked files it does not ignore."""
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=root, capture_output=True, check=True).stdout
    names = sorted(set(n for n in out.decode().split("\0") if n))
    return [n for n in names if os.path.isfile(os.path.join(root, n))]


def enclosing_function(lines, index, path):
    for i in range(index, -1, -1):
        m = FUNC_RE.match(lines[i])
        if m:
            return m.group(1)
    raise MarkerError(f"{path}:{index + 1}: LAB marker outside a function")


def parse_markers(path, lines):
    """The markers of one file, checked: known labs, paired, not nested."""
    known = {lab.name for lab in labs.LABS}
    found, open_marker = [], None
    for i, line in enumerate(lines):
        begin, end = BEGIN_RE.match(line), END_RE.match(line)
        if not begin and not end:
            if ANY_RE.search(line):
                raise MarkerError(f"{path}:{i + 1}: malformed LAB marker: {line.strip()}")
            continue
        lab = (begin or end).group(2 if begin else 1)
        if lab not in known:
            raise MarkerError(f"{path}:{i + 1}: unknown lab {lab!r}")
        if begin:
            if open_marker:
                raise MarkerError(f"{path}:{i + 1}: LAB marker inside another "
                                  f"(opened at line {open_marker.begin + 1})")
            open_marker = Marker(path, lab, enclosing_function(lines, i, path), i, -1,
                                 begin.group(1), begin.group(3).strip())
        else:
            if not open_marker or open_marker.lab != lab:
                raise MarkerError(f"{path}:{i + 1}: end of lab {lab!r} without its begin")
            open_marker.end = i
            found.append(open_marker)
            open_marker = None
    if open_marker:
        raise MarkerError(f"{path}:{open_marker.begin + 1}: lab {open_marker.lab!r} never ends")
    return found


def read_lines(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as f:
        return f.read().splitlines(keepends=True)


def find_markers(root=ROOT):
    """Every marker of the tree, in file order."""
    markers = []
    for path in tree_files(root):
        if path.endswith(SOURCE_EXTS):
            lines = read_lines(root, path)
            if any(ANY_RE.search(line) for line in lines):
                markers += parse_markers(path, lines)
    return markers


def stub_lines(marker):
    lab = labs.by_name(marker.lab)
    i = marker.indent
    text = [f"{i}/*\n",
            f"{i} * LAB {lab.name}: your code here. See {lab.handout} and\n",
            f"{i} * {marker.function}() in Linux 6.12's {marker.path}.\n",
            f"{i} */\n"]
    if marker.stub:
        text.append(f"{i}{marker.stub}\n")
    return text


def strip_file(path, lines, stripped_labs):
    """lines with the solutions of stripped_labs replaced by stubs and
    every other lab's marker lines dropped."""
    out, pos = [], 0
    for marker in parse_markers(path, lines):
        out += lines[pos:marker.begin]
        if marker.lab in stripped_labs:
            out += stub_lines(marker)
        else:
            out += marker.solution(lines)
        pos = marker.end + 1
    return out + lines[pos:]


def stripped_labs(name, solved=False):
    """The labs whose solutions the tree for lab name loses."""
    order = [lab.name for lab in labs.LABS]
    first = order.index(labs.by_name(name).name) + (1 if solved else 0)
    return set(order[first:])


def git(dest, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Pagoda labs", "GIT_AUTHOR_EMAIL": "labs@pagoda.invalid",
           "GIT_COMMITTER_NAME": "Pagoda labs", "GIT_COMMITTER_EMAIL": "labs@pagoda.invalid"}
    subprocess.run(["git", *args], cwd=dest, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_lab(name, dest, solved=False, root=ROOT):
    """Write the student tree for lab name into dest (which must not exist)."""
    lab = labs.by_name(name)
    strip = stripped_labs(name, solved)
    if os.path.exists(dest) and os.listdir(dest):
        raise MarkerError(f"{dest} exists and is not empty")
    for path in tree_files(root):
        target = os.path.join(dest, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        source = os.path.join(root, path)
        if path.endswith(SOURCE_EXTS):
            lines = read_lines(root, path)
            if any(ANY_RE.search(line) for line in lines):
                with open(target, "w", encoding="utf-8") as f:
                    f.writelines(strip_file(path, lines, strip))
                shutil.copymode(source, target)
                continue
        shutil.copy2(source, target)
    shutil.copy2(os.path.join(root, lab.handout), os.path.join(dest, "LAB.md"))
    with open(os.path.join(dest, ".pagoda-lab"), "w") as f:
        f.write(lab.name + "\n")
    git(dest, "init", "-q")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", f"Pagoda lab {lab.name}: {lab.title}\n\nRead LAB.md first.")


def list_labs(root=ROOT):
    marked = {}
    for m in find_markers(root):
        marked.setdefault(m.lab, set()).add(m.function)
    for n, lab in enumerate(labs.LABS, 1):
        wanted = [f for _, f in lab.functions]
        have = marked.get(lab.name, set())
        state = "ready" if set(wanted) <= have else \
            f"markers pending: {', '.join(f for f in wanted if f not in have)}"
        print(f"{n}. {lab.name:<11} {lab.title} ({lab.points} points, {lab.hours} h; "
              f"{lab.handout}) [{state}]")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("lab", nargs="?")
    ap.add_argument("--dest")
    ap.add_argument("--solved", action="store_true", help="keep the lab's own solution")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--markers", action="store_true")
    args = ap.parse_args()
    try:
        if args.list:
            list_labs()
        elif args.markers:
            for m in find_markers():
                print(f"{m.path}:{m.begin + 1}-{m.end + 1}: {m.lab} {m.function}() stub: {m.stub or '-'}")
        elif args.lab:
            dest = args.dest or os.path.join(ROOT, "build", "labs", args.lab)
            make_lab(args.lab, dest, args.solved)
            print(f"lab {args.lab}: student tree in {dest} (handout: LAB.md)")
        else:
            ap.error("name a lab, or --list")
    except (MarkerError, KeyError) as e:
        sys.exit(f"mklab: {e}")


if __name__ == "__main__":
    main()
