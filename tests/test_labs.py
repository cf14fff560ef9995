"""The labs (docs/labs/README.md): markers, student trees and the grader.

For every lab whose markers are all in place: the student tree is a git
repository with one commit and none of the solution text; a clone of it
builds; its grade is 0 for the lab's parts and full for the labs before
it; the same tree with the lab's solution kept grades full. The full tree
grades full marks. A panic planted in a lab function costs only the part
that reaches it. A student's fresh clone, `make run`, boots to the shell
(or, for the labs without which it cannot, stops as Lab.no_shell says,
naming the function to write and the handout).

What keeps this cheap (docs/labs/README.md, "CI"):
- only the kernel is built for a lab tree (its user space is the full
  tree's: labs change no user code); the first lab's clone builds from
  scratch, the others start from the full tree's objects, so make
  compiles only the files mklab changed (with -Werror) and links;
- the tree for lab N with its solution kept (--solved) is, file for file,
  the student tree of lab N+1 (the last lab's: the full tree without its
  marker lines): the test checks that, and reads lab N's scores from that
  tree's grade instead of building and grading it again;
- each tree is graded once, with --batch (the ktest parts that pass share
  boots), on its own lab and the one before it only (graded_labs()): the
  labs before those passed with more stubs in place, in the trees before.
"""
import contextlib
import filecmp
import json
import os
import re
import shutil
import signal
import subprocess
import sys

import pytest

import qemu

sys.path.insert(0, os.path.join(qemu.ROOT, "tools"))
sys.path.insert(0, os.path.join(qemu.ROOT, "tools", "labs"))
import labs  # noqa: E402
import mklab  # noqa: E402

IS_LAB_TREE = os.path.exists(os.path.join(qemu.ROOT, ".pagoda-lab"))
pytestmark = pytest.mark.skipif(IS_LAB_TREE, reason="a student tree: its solutions are cut out")

MARKERS = [] if IS_LAB_TREE else mklab.find_markers()


def ready(lab):
    """All of lab's functions are marked (else its markers are still to be placed)."""
    marked = {(m.path, m.function) for m in MARKERS if m.lab == lab.name}
    return set(lab.functions) <= marked


def lab_param(lab):
    marks = () if ready(lab) else pytest.mark.skip(
        reason=f"lab {lab.name}: markers not placed yet ({', '.join(f for _, f in lab.functions)})")
    return pytest.param(lab, id=lab.name, marks=marks)


def test_markers_sit_in_their_labs_functions():
    assert MARKERS, "no LAB markers in the tree"
    for m in MARKERS:
        assert (m.path, m.function) in labs.by_name(m.lab).functions, \
            f"{m.path}:{m.begin + 1}: {m.function}() is not one of lab {m.lab}'s functions"


def test_malformed_markers_are_refused():
    lines = ["int f(void)\n", "{\n", "\t/* LAB buddy: return 0; */\n", "\treturn 1;\n", "}\n"]
    with pytest.raises(mklab.MarkerError, match="never ends"):
        mklab.parse_markers("x.c", lines)
    with pytest.raises(mklab.MarkerError, match="unknown lab"):
        mklab.parse_markers("x.c", [l.replace("buddy", "nolab") for l in lines])
    nested = lines[:3] + lines[2:3] + ["\t/* LAB buddy end */\n"] * 2 + lines[4:]
    with pytest.raises(mklab.MarkerError, match="inside another"):
        mklab.parse_markers("x.c", nested)
    done = lines[:4] + ["\t/* LAB buddy end */\n"] + lines[4:]
    assert mklab.strip_file("x.c", done, {"buddy"})[-2:] == ["\treturn 0;\n", "}\n"]
    assert mklab.strip_file("x.c", done, set()) == lines[:2] + lines[3:]


def ktest_cases():
    nm = subprocess.run(["nm", os.path.join(qemu.BUILD, "pagoda.elf")],
                        capture_output=True, text=True, check=True).stdout
    return {f"{s}.{n}" for s, n in re.findall(r"\b__ktest_case_(\w+?)__(\w+)$", nm, re.M)}


@pytest.mark.parametrize("lab", labs.LABS, ids=lambda lab: lab.name)
def test_grade_table_and_handout(lab):
    """Every part names existing tests; the handout's grading table lists each part."""
    cases = ktest_cases()
    assert len({p.name for p in lab.parts}) == len(lab.parts)
    with open(os.path.join(qemu.ROOT, lab.handout)) as f:
        handout = f.read()
    for part in lab.parts:
        assert part.points > 0 and bool(part.ktest) != bool(part.user), part
        for case in part.ktest:
            assert case in cases, f"{lab.name}/{part.name}: no ktest {case}"
        if part.user:
            assert os.path.exists(os.path.join(qemu.ROOT, "userland", "tests", part.user + ".c"))
        assert re.search(rf"^\| `{part.name}` \| {part.points} \|", handout, re.M), \
            f"{lab.handout}: no grading-table row `| `{part.name}` | {part.points} |`"
    for _, function in lab.functions:
        assert f"{function}(" in handout, f"{lab.handout} does not mention {function}()"


def test_make_labs_lists_every_lab():
    # --no-print-directory: under `make -C DIR test` the sub-make would say
    # "Entering directory" first.
    out = subprocess.run(["make", "-s", "--no-print-directory", "labs"], cwd=qemu.ROOT,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert [line.split()[1] for line in out] == [lab.name for lab in labs.LABS]


def grade(tree, build, lab_names=(), batch=True):
    """Run tree's grader on build (lab_names only, else what the tree grades);
    (exit status, {(lab, part): score}, its output)."""
    out = os.path.join(build, "grade.json")
    argv = [sys.executable, os.path.join(tree, "tools", "grade.py"), "--json", out,
            "--initramfs", os.path.join(qemu.BUILD, "initramfs.cpio")]
    argv += [arg for name in lab_names for arg in ("--lab", name)]
    argv += ["--batch"] if batch else []
    proc = subprocess.run(argv, capture_output=True, text=True,
                          env={**os.environ, "PAGODA_BUILD": build}, timeout=1800)
    with open(out) as f:
        result = json.load(f)
    scores = {(p["lab"], p["part"]): p["score"] for p in result["parts"]}
    return proc.returncode, scores, proc.stdout


def full_marks(lab_list):
    return {(lab.name, p.name): p.points for lab in lab_list for p in lab.parts}


@pytest.fixture(scope="module")
def full_grade():
    return grade(qemu.ROOT, qemu.BUILD)


def test_full_tree_grades_full_marks(full_grade):
    status, scores, out = full_grade
    assert scores == full_marks(labs.LABS), out
    assert status == 0 and out.splitlines()[-1] == f"Score: {sum(scores.values())}" \
        f"/{sum(scores.values())}", out


def seed_build(tree):
    """Start tree's kernel build from the full tree's objects: they are copied
    with their times, and every file of tree equal to the full tree's gets
    the full tree's time, so make compiles only what differs."""
    shutil.copytree(os.path.join(qemu.BUILD, "obj"), os.path.join(tree, "build", "obj"))
    for name in ("kallsyms0.S", "kallsyms0.o"):
        shutil.copy2(os.path.join(qemu.BUILD, name), os.path.join(tree, "build", name))
    match_times(tree)


def seed_userland(tree):
    """Give tree the full tree's user-space build (labs change no user code),
    so that `make run` there only builds the ISO."""
    shutil.copytree(os.path.join(qemu.BUILD, "userland"), os.path.join(tree, "build", "userland"))
    shutil.copy2(os.path.join(qemu.BUILD, "initramfs.cpio"),
                 os.path.join(tree, "build", "initramfs.cpio"))
    match_times(tree)


def match_times(tree):
    """Every file of tree equal to the full tree's gets the full tree's time."""
    for path in mklab.tree_files(tree):
        ours, full = os.path.join(tree, path), os.path.join(qemu.ROOT, path)
        if os.path.isfile(full) and filecmp.cmp(ours, full, shallow=False):
            shutil.copystat(full, ours)


def build_kernel(tree):
    proc = subprocess.run(["make", "-j2", "kernel"], cwd=tree, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return os.path.join(tree, "build")


def tree_lines(tree):
    """Every line of every file of tree (stripped), as a set."""
    lines = set()
    for path in mklab.tree_files(tree):
        with open(os.path.join(tree, path), "rb") as f:
            lines.update(l.strip() for l in f.read().decode("utf-8", "replace").splitlines())
    return lines


def distinctive_solution_lines(lab):
    """Lines of the solutions a tree for lab loses that appear nowhere else in the full tree."""
    strip = mklab.stripped_labs(lab.name)
    solution, elsewhere = set(), set()
    for path in mklab.tree_files(qemu.ROOT):
        with open(os.path.join(qemu.ROOT, path), "rb") as f:
            lines = f.read().decode("utf-8", "replace").splitlines()
        inside = set()
        if path.endswith(mklab.SOURCE_EXTS) and any(mklab.ANY_RE.search(l) for l in lines):
            for m in mklab.parse_markers(path, lines):
                if m.lab in strip:
                    inside.update(range(m.begin + 1, m.end))
                    solution.update(lines[i].strip() for i in range(m.begin + 1, m.end))
        elsewhere.update(l.strip() for i, l in enumerate(lines) if i not in inside)
    return {l for l in solution if len(l) > 3 and not l.startswith(("/*", "*", "//"))} - elsewhere


@pytest.fixture(scope="module")
def lab_trees(tmp_path_factory):
    """lab_trees(lab): (generated tree, its clone, the clone's build directory
    with the kernel built), cached. The first lab's clone builds from scratch
    (a student's fresh clone builds), the others from seed_build()."""
    trees = {}

    def get(lab):
        if lab.name not in trees:
            base = tmp_path_factory.mktemp(lab.name)
            made, clone = str(base / "made"), str(base / "clone")
            mklab.make_lab(lab.name, made)
            subprocess.run(["git", "clone", "-q", made, clone], check=True)
            if lab != labs.LABS[0]:
                seed_build(clone)
            trees[lab.name] = (made, clone, build_kernel(clone))
        return trees[lab.name]
    return get


def graded_labs(lab):
    """What CI grades in lab's student tree: lab, and the lab just before it,
    the one whose solution this tree is the first to keep. The labs before
    that passed in the trees before, which had more stubs in place (a tree
    only gains solutions from one lab to the next), and in the full tree."""
    return labs.up_to(lab.name)[-2:]


@pytest.fixture(scope="module")
def lab_grades(lab_trees):
    """lab_grades(lab): the grade of lab's student tree (graded_labs(lab)), cached."""
    grades = {}

    def get(lab):
        if lab.name not in grades:
            _, clone, build = lab_trees(lab)
            grades[lab.name] = grade(clone, build, [l.name for l in graded_labs(lab)])
        return grades[lab.name]
    return get


@pytest.mark.parametrize("lab", [lab_param(lab) for lab in labs.LABS])
def test_student_tree_has_no_solution(lab_trees, lab):
    made, clone, _ = lab_trees(lab)
    log = subprocess.run(["git", "log", "--format=%s"], cwd=made, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert len(log) == 1 and lab.name in log[0], log
    assert not subprocess.run(["git", "status", "--porcelain"], cwd=made, capture_output=True,
                              text=True, check=True).stdout
    with open(os.path.join(made, "LAB.md")) as f, open(os.path.join(qemu.ROOT, lab.handout)) as g:
        assert f.read() == g.read()
    secret = distinctive_solution_lines(lab)
    assert secret, "the solution has no line of its own?"
    assert not secret & tree_lines(made), sorted(secret & tree_lines(made))
    assert not mklab.find_markers(made), "marker lines left in the student tree"


@pytest.mark.parametrize("lab", [lab_param(lab) for lab in labs.LABS])
def test_student_tree_grades_zero_for_its_lab(lab_grades, lab):
    status, scores, out = lab_grades(lab)
    earlier = graded_labs(lab)[:-1]
    assert scores == {**full_marks(earlier), **{k: 0 for k in full_marks([lab])}}, out
    assert status != 0


def tree_texts(tree, drop=()):
    """{path: bytes} of tree's files, without those in drop."""
    texts = {}
    for path in mklab.tree_files(tree):
        if path not in drop:
            with open(os.path.join(tree, path), "rb") as f:
                texts[path] = f.read()
    return texts


def full_tree_without_markers():
    """The full tree's files with every marker line dropped (no lab stripped)."""
    texts = tree_texts(qemu.ROOT)
    for path, text in texts.items():
        if path.endswith(mklab.SOURCE_EXTS) and mklab.ANY_RE.search(text.decode("utf-8", "replace")):
            lines = text.decode().splitlines(keepends=True)
            texts[path] = "".join(mklab.strip_file(path, lines, set())).encode()
    return texts


@pytest.mark.parametrize("lab", [lab_param(lab) for lab in labs.LABS])
def test_solution_restored_grades_full(lab_trees, lab_grades, full_grade, lab, tmp_path):
    """The tree for lab with its solution kept is the next lab's student tree
    (the full tree for the last lab) but for the handout: lab's parts score
    full marks in that tree's grade."""
    solved = str(tmp_path / "solved")
    mklab.make_lab(lab.name, solved, solved=True)
    own = (".pagoda-lab", "LAB.md")
    later = labs.LABS[labs.LABS.index(lab) + 1:]
    if later:
        assert tree_texts(solved, own) == tree_texts(lab_trees(later[0])[0], own)
        status, scores, out = lab_grades(later[0])
    else:
        assert tree_texts(solved, own) == full_tree_without_markers()
        status, scores, out = full_grade
    assert {k: v for k, v in scores.items() if k[0] == lab.name} == full_marks([lab]), out


PLANT = ("\tif (zone_idx(zone) == ZONE_DMA && order == 1)\n"
         "\t\tpanic(\"planted by test_labs\");\n")


@pytest.mark.skipif(not ready(labs.by_name("buddy")), reason="buddy markers not placed")
def test_panic_costs_only_its_part(lab_trees, tmp_path):
    """A panic in __rmqueue_smallest() that only order-1 GFP_DMA requests
    reach costs exactly the two parts that make them (`zones`, and `random`
    whose fixed-seed sequence includes one); the other parts keep their
    points and each lost part shows the panic line."""
    buddy = labs.by_name("buddy")
    _, clone, _ = lab_trees(labs.LABS[1])     # buddy solved (test_solution_restored_grades_full)
    tree = str(tmp_path / "planted")
    shutil.copytree(clone, tree, symlinks=True)
    path = os.path.join(tree, "mm", "page_alloc.c")
    with open(path) as f:
        text = f.read()
    head = "static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order, " \
           "int migratetype)\n{\n"
    assert text.count(head) == 1
    with open(path, "w") as f:
        f.write(text.replace(head, head + PLANT))
    status, scores, out = grade(tree, build_kernel(tree), ["buddy"], batch=False)
    lost = {"random", "zones"}
    assert scores == {**full_marks([buddy]), **{("buddy", p): 0 for p in lost}}, out
    assert status != 0
    for part in lost:
        assert re.search(rf"buddy: {part} .*FAIL.*\n    panic: .*Kernel panic - not syncing: "
                         r"planted by test_labs", out), out


# busybox ash's prompt (/etc/profile), as in test_user.py.
PROMPT = r"pagoda:/# "


def descendants(pid):
    """The pids of pid's children and their children, deepest first."""
    kids = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid:
            kids += descendants(int(entry)) + [int(entry)]
    return kids


@contextlib.contextmanager
def make_run(tree):
    """`make run` in tree as an interactive session; QEMU (make's child) is
    stopped at the end."""
    s = qemu.Session(["make", "-s", "-C", tree, "run"])
    try:
        yield s
    finally:
        for pid in descendants(s.proc.pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        s.close()


@pytest.mark.parametrize("lab", [lab_param(lab) for lab in labs.LABS])
def test_fresh_clone_make_run(lab_trees, lab):
    """A student's fresh clone, `make run`: the tree as handed out boots to
    the busybox shell, which runs a command -- or, for a lab without which
    the shell cannot start (lab.no_shell says why; so does its handout),
    the kernel panics or /init gives up and powers off before any prompt,
    after a line that names a function of the lab and its handout.
    The clone gets the full tree's user-space build (labs change no user
    code)."""
    _, clone, _ = lab_trees(lab)
    seed_userland(clone)
    with make_run(clone) as s:
        if lab.no_shell:
            m = s.expect(rf"Kernel panic - not syncing.*|init exited with status \d+.*|{PROMPT}",
                         timeout=300)
            assert m.group(0) != PROMPT, \
                f"lab {lab.name} boots to the shell: drop its no_shell\n{s.tail()}"
            said = re.search(rf"LAB {lab.name}: (\w+)\(\) is not written yet: see "
                             rf"{re.escape(lab.handout)}", s.output)
            assert said and said.group(1) in [f for _, f in lab.functions], s.tail()
        else:
            s.expect(PROMPT, timeout=300)
            start = len(s.output)
            s.send(f"echo lab {lab.name} $((6 * 7))\n")
            s.expect(rf"\nlab {lab.name} 42\n", start=start)
            s.expect(PROMPT, start=start)
