"""`steepest check` on a course that uses every authoring feature (tests/fixtures/every-feature):
it passes as written, and each mistake planted in a copy fails at its own `file:line`.

The course holds two lessons and a course file. `curved-bowl` declares variables and a
parameter, states a claim of every kind, asks every kind of question (with hints, and
multiple choice whose options `check` confirms), shows a figure with a caption and an image in
the text, cites a footnote, aligns a table, links to the other lesson by slug and by address,
starts the surface explorer at a point of its own and names its practice topics.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

STEEPEST = [sys.executable, "-m", "steepest.cli"]
COURSE = Path(__file__).with_name("fixtures") / "every-feature"
BOWL = "curved-bowl.md"
STEPS = "steps-downhill.md"
COURSE_FILE = "course.yaml"
_PROBLEM = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<message>.*)$")


def steepest_check(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*STEEPEST, "check", str(folder)], capture_output=True, text=True, timeout=180
    )


def test_the_course_of_every_feature_passes_check_with_every_claim_verified() -> None:
    result = steepest_check(COURSE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "checked 2 lessons, 38 claims: all verified\n"


def test_the_course_uses_every_claim_kind() -> None:
    statements = re.findall(r'claim="(\w+(?: rate)?)', (COURSE / BOWL).read_text("utf-8"))
    kinds = {"stable rate" if s == "stable rate" else s.split()[0] for s in statements}
    assert kinds >= {
        "value",
        "slope",
        "partial",
        "gradient",
        "descent",
        "max",
        "argmax",
        "min",
        "argmin",
        "position",
        "factors",
        "factor",
        "stable rate",
        "where",
        "hessian",
        "eigenvalues",
        "condition",
    }


@dataclass(frozen=True)
class Mistake:
    """A small edit of one file of the course, and where `check` must report it: in `file`, on
    the line that holds `at` once the edit is made, with a message starting `message`."""

    file: str
    old: str
    new: str
    at: str
    message: str
    below: int = 0
    """How many lines below the one holding `at` the problem is (-1: the line above)."""
    also: tuple[tuple[str, str], ...] = ()
    """Further problems the one edit makes, each (`at`, `message`) in the same file."""


MISTAKES = {
    "wrong claim number": Mistake(
        BOWL,
        '[2]{claim="slope w1^2 + 3w2^2 wrt w1 at w1 = 1, w2 = 1"}',
        '[3]{claim="slope w1^2 + 3w2^2 wrt w1 at w1 = 1, w2 = 1"}',
        '[3]{claim="slope',
        'claim "slope w1^2 + 3w2^2 wrt w1 at w1 = 1, w2 = 1" says 3, but the engine finds 2',
    ),
    "wrong formula in the parameter": Mistake(
        BOWL,
        '[$1 - 6\\eta$]{claim="factor',
        '[$1 - 3\\eta$]{claim="factor',
        "[$1 - 3\\eta$]",
        'claim "factor w1^2 + 3w2^2 wrt w2 at rate eta" says 1 - 3\\eta,'
        " but the engine finds 1 - 6*eta",
    ),
    "wrong number in a caption": Mistake(
        BOWL,
        "[$w_1 = 2$]{claim=",
        "[$w_1 = 3$]{claim=",
        "[$w_1 = 3$]",
        'claim "value sqrt(w1) at w1 = 4" says 3, but the engine finds 2',
    ),
    "wrong number in a table": Mistake(
        BOWL,
        "[$(0.8, 0.4)$]{claim=",
        "[$(0.8, 0.5)$]{claim=",
        "(0.8, 0.5)",
        'claim "position w1^2 + 3w2^2 from w1 = 1, w2 = 1 after 1 step at rate 0.1"'
        " says (0.8, 0.5)",
    ),
    "wrong claim in an explanation": Mistake(
        BOWL,
        '[2]{claim="slope w1^2 wrt w1 at w1 = 1"}',
        '[4]{claim="slope w1^2 wrt w1 at w1 = 1"}',
        '[4]{claim="slope w1^2',
        'claim "slope w1^2 wrt w1 at w1 = 1" says 4, but the engine finds 2',
    ),
    "unknown name in a claim": Mistake(
        BOWL,
        'claim="value (w1, 3w2) at w1 = 1, w2 = 1"',
        'claim="value (w1, 3w3) at w1 = 1, w2 = 1"',
        "3w3",
        "claim \"value (w1, 3w3) at w1 = 1, w2 = 1\" cannot be checked: unknown variable 'w3'",
    ),
    "a name both variable and parameter": Mistake(
        BOWL,
        "parameters: [eta]",
        "parameters: [eta, w2]",
        "variables:",
        "the declared names: 'w2' is declared both a variable and a parameter",
    ),
    "missing image": Mistake(
        BOWL,
        "(curved-bowl/contours.svg)",
        "(curved-bowl/contour.svg)",
        "contour.svg",
        "the image 'curved-bowl/contour.svg' is not there",
    ),
    "missing alt text": Mistake(
        BOWL,
        "![an arrow pointing down and to the left](assets/arrow.svg)",
        "![](assets/arrow.svg)",
        "![](assets/arrow.svg)",
        "the image 'assets/arrow.svg' needs alt",
    ),
    "unknown link slug": Mistake(
        BOWL,
        "[steps downhill](steps-downhill)",
        "[steps downhill](step-downhill)",
        "(step-downhill)",
        "there is no lesson 'step-downhill' in this course",
    ),
    "unknown section in an address": Mistake(
        BOWL,
        "(/lessons/steps-downhill#one-step)",
        "(/lessons/steps-downhill#two-steps)",
        "#two-steps",
        "lesson 'steps-downhill' has no section 'two-steps'",
    ),
    "footnote never written": Mistake(
        BOWL,
        "along $w_2$[^steeper].",
        "along $w_2$[^steep].",
        "[^steep]",
        "[^steep] cites no note",
        also=(("[^steeper]:", "the note [^steeper] is never cited"),),
    ),
    "wrong claim in a footnote": Mistake(
        BOWL,
        "[$2w_1$]{claim=",
        "[$3w_1$]{claim=",
        "[$3w_1$]",
        'claim "partial w1^2 + 3w2^2 wrt w1" says 3w_1, but the engine finds 2*w1',
    ),
    "wrong claim in the summary": Mistake(
        BOWL,
        '[4]{claim="value w1^2 + 3w2^2 at w1 = 1, w2 = 1"} at\n',
        '[5]{claim="value w1^2 + 3w2^2 at w1 = 1, w2 = 1"} at\n',
        "[5]{claim",
        'claim "value w1^2 + 3w2^2 at w1 = 1, w2 = 1" says 5, but the engine finds 4',
    ),
    "unclosed box": Mistake(
        BOWL,
        "The bowl is steeper along $w_2$[^steeper].\n:::\n",
        "The bowl is steeper along $w_2$[^steeper].\n",
        "::: concept",
        "'::: concept' is never closed: end it with a line of ':::' before the '::: note'",
    ),
    # A `$` closed only by the next formula of its paragraph is math, not a mistake: this one
    # has no other formula after it.
    "unclosed dollar": Mistake(
        BOWL,
        "steeper along $w_2$[^steeper]",
        "steeper along $w_2[^steeper]",
        "steeper along",
        "this '$' starts math that is never closed",
    ),
    # Closed by the next formula of its paragraph, it makes the claim between them formula
    # text: nothing would check that claim.
    "dollar closed by the next formula": Mistake(
        BOWL,
        "Its slope along $w_1$ there is",
        "Its slope along $w_1 there is",
        '[2]{claim="slope w1^2 + 3w2^2 wrt w1',
        "this claim is read as part of a formula, so nothing would check it: is a '$' left"
        " open before it?",
    ),
    "next title mismatch": Mistake(
        BOWL,
        "  title: Steps downhill\n",
        "  title: Steps down\n",
        "next:",
        "'next' calls lesson 'steps-downhill' \"Steps down\", but its title is \"Steps downhill\"",
    ),
    "next against the course order": Mistake(
        STEPS,
        "  title: Momentum on the bowl\n  slug: momentum-on-the-bowl\n",
        "  title: Nesterov\n  slug: nesterov\n",
        "next:",
        "'next' names \"Nesterov\", which unit 'Descent on a bowl' does not list",
    ),
    "duplicate number across two files": Mistake(
        STEPS, "number: 2", "number: 1", "number: 1", "number 1 is used twice in unit"
    ),
    "bad widget parameter": Mistake(
        BOWL,
        "start: {w1: 1.5, w2: 1}",
        "start: {w1: 5, w2: 1}",
        "```{widget} surface-explorer",
        "the engine cannot compute the surface-explorer widget's numbers: surface-explorer"
        " start w1 = 5 is off the map",
    ),
    "unknown practice topic": Mistake(
        BOWL,
        "practice: [gradient, descent]",
        "practice: [gradient, descend]",
        "practice:",
        "no practice topic 'descend'",
    ),
    "multiple choice check of another value": Mistake(
        BOWL,
        'check: {claim: "gradient w1^2 + 3w2^2 at w1 = 1, w2 = 1"}',
        'check: {claim: "gradient w1^2 + 3w2^2 at w1 = 2, w2 = 1"}',
        "    text: $(2, 6)$",
        "the answer of question 'gradient-at-one-one' \"gradient w1^2 + 3w2^2 at w1 = 2, w2 = 1\""
        " says (2, 6), but the engine finds (4, 6)",
    ),
    "multiple choice with a wrong option that is right": Mistake(
        BOWL,
        "    text: $3w_2$\n",
        "    text: $6w_2$\n",
        "  - id: b",
        "option 'b' of question 'partial-w2' is offered as wrong, but 6w_2 is",
        below=1,
    ),
    "typed question with no single answer": Mistake(
        BOWL,
        "statement: gradient w1^2 + 3w2^2 at w1 = 1, w2 = 1\n",
        "statement: hessian w1^2 + 3w2^2\n",
        "id: gradient-typed",
        "typed question 'gradient-typed'",
        below=-1,
    ),
    "course file lists a lesson that is not there": Mistake(
        COURSE_FILE,
        "          - steps-downhill\n",
        "          - step-downhill\n",
        "courses:",
        "lesson 'steps-downhill' (steps-downhill.md) is in no unit",
        also=(("- step-downhill", "no lesson 'step-downhill' (step-downhill.md)"),),
    ),
}


@pytest.mark.parametrize("name", MISTAKES)
def test_each_planted_mistake_fails_check_at_its_file_and_line(tmp_path: Path, name: str) -> None:
    mistake = MISTAKES[name]
    folder = tmp_path / "course"
    shutil.copytree(COURSE, folder)
    edited = folder / mistake.file
    text = edited.read_text(encoding="utf-8")
    assert text.count(mistake.old) == 1, mistake.old
    edited.write_text(text.replace(mistake.old, mistake.new), encoding="utf-8")
    lines = edited.read_text("utf-8").splitlines()

    def line_of(at: str) -> int:
        (line,) = (n for n, found in enumerate(lines, 1) if at in found)
        return line

    wanted = [(line_of(mistake.at) + mistake.below, mistake.message)]
    wanted += [(line_of(at), message) for at, message in mistake.also]

    result = steepest_check(folder)

    assert result.returncode == 1, result.stdout + result.stderr
    *problems, summary = result.stdout.splitlines()
    assert re.fullmatch(r"checked 2 lessons, \d+ claims?: \d+ problems?", summary), summary
    found = [_PROBLEM.fullmatch(problem) for problem in problems]
    assert all(found), problems
    reported = [(m["path"], int(m["line"]), m["message"]) for m in found if m]
    assert [(path, line) for path, line, _message in reported] == [
        (str(edited), line) for line, _message in wanted
    ], problems
    for (_path, _line, message), (_line_wanted, start) in zip(reported, wanted, strict=True):
        assert message.startswith(start), message
