"""The labs (docs/labs/README.md): markers, student trees and the grader.

For every lab whose markers are all in place: the student tree is a git
repository with one commit and none of the solution text; a fresh clone of
it builds; its grade is 0 for the lab's parts and full for the labs before
it; the same tree with the lab's solution kept grades full. The full tree
grades full marks. A panic planted in a lab function costs only the part
that reaches it. Only the kernel is built for a lab tree (its user space is
the full tree's: labs change no user code).
"""
import json
import os
import re
import shutil
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
    out = subprocess.run(["make", "-s", "labs"], cwd=qemu.ROOT, capture_output=True, text=True,
                         check=True).stdout.splitlines()
    assert [line.split()[1] for line in out] == [lab.name for lab in labs.LABS]


def grade(tree, build, lab=None):
    """Run tree's grader on build; (exit status, {(lab, part): score})."""
    out = os.path.join(build, "grade.json")
    argv = [sys.executable, os.path.join(tree, "tools", "grade.py"), "--json", out,
            "--initramfs", os.path.join(qemu.BUILD, "initramfs.cpio")]
    proc = subprocess.run(argv + (["--lab", lab] if lab else []), capture_output=True, text=True,
                          env={**os.environ, "PAGODA_BUILD": build}, timeout=1800)
    with open(out) as f:
        result = json.load(f)
    scores = {(p["lab"], p["part"]): p["score"] for p in result["parts"]}
    return proc.returncode, scores, proc.stdout


def full_marks(lab_list):
    return {(lab.name, p.name): p.points for lab in lab_list for p in lab.parts}


def test_full_tree_grades_full_marks():
    status, scores, out = grade(qemu.ROOT, qemu.BUILD)
    assert scores == full_marks(labs.LABS), out
    assert status == 0 and out.splitlines()[-1] == f"Score: {sum(scores.values())}" \
        f"/{sum(scores.values())}", out


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
    """lab_trees(lab, solved): a fresh clone of the generated tree, kernel built (cached)."""
    trees = {}

    def get(lab, solved=False):
        if (lab.name, solved) not in trees:
            base = tmp_path_factory.mktemp(f"{lab.name}{'-solved' if solved else ''}")
            made, clone = str(base / "made"), str(base / "clone")
            mklab.make_lab(lab.name, made, solved)
            subprocess.run(["git", "clone", "-q", made, clone], check=True)
            trees[lab.name, solved] = (made, clone, build_kernel(clone))
        return trees[lab.name, solved]
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
def test_student_tree_grades_zero_for_its_lab(lab_trees, lab):
    _, clone, build = lab_trees(lab)
    status, scores, out = grade(clone, build)
    earlier = labs.up_to(lab.name)[:-1]
    assert scores == {**full_marks(earlier), **{k: 0 for k in full_marks([lab])}}, out
    assert status != 0


@pytest.mark.parametrize("lab", [lab_param(lab) for lab in labs.LABS])
def test_solution_restored_grades_full(lab_trees, lab):
    _, clone, build = lab_trees(lab, solved=True)
    status, scores, out = grade(clone, build, lab.name)
    assert status == 0 and scores == full_marks([lab]), out


PLANT = ("\tif (zone_idx(zone) == ZONE_DMA && order == 1)\n"
         "\t\tpanic(\"planted by test_labs\");\n")


@pytest.mark.skipif(not ready(labs.by_name("buddy")), reason="buddy markers not placed")
def test_panic_costs_only_its_part(lab_trees, tmp_path):
    """A panic in __rmqueue_smallest() that only order-1 GFP_DMA requests
    reach costs exactly the two parts that make them (`zones`, and `random`
    whose fixed-seed sequence includes one); the other parts keep their
    points and each lost part shows the panic line."""
    buddy = labs.by_name("buddy")
    _, clone, _ = lab_trees(buddy, solved=True)
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
    status, scores, out = grade(tree, build_kernel(tree), "buddy")
    lost = {"random", "zones"}
    assert scores == {**full_marks([buddy]), **{("buddy", p): 0 for p in lost}}, out
    assert status != 0
    for part in lost:
        assert re.search(rf"buddy: {part} .*FAIL.*\n    panic: .*Kernel panic - not syncing: "
                         r"planted by test_labs", out), out
