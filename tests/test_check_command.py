"""`steepest check`: lessons whose every claim the engine confirms, and mistakes reported as
FILE:LINE: message."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from steepest.authoring.check import check_lessons, lesson_files
from steepest.lessons import SHIPPED_LESSONS

STEEPEST = [sys.executable, "-m", "steepest.cli"]
SHIPPED = SHIPPED_LESSONS / "partial-derivatives-and-the-gradient.md"
PEAK = '[16]{claim="max x(6 - 2x)^2 for x in [0, 3]"}'

FRONT_MATTER = """\
---
slug: {slug}
title: A test lesson
course: Math for ML
unit: Unit A
number: {number}
difficulty: Easy
summary: A summary.
---
:::: section s
## Title

"""


def steepest_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*STEEPEST, "check", *args], capture_output=True, text=True, timeout=120)


def write(folder: Path, slug: str, body: str, number: int = 1) -> Path:
    path = folder / f"{slug}.md"
    path.write_text(FRONT_MATTER.format(slug=slug, number=number) + body + "::::\n")
    return path


def line_holding(path: Path, text: str) -> int:
    (line,) = (n for n, found in enumerate(path.read_text().splitlines(), 1) if text in found)
    return line


def test_the_shipped_lessons_are_all_verified() -> None:
    result = steepest_check()
    assert result.returncode == 0, result.stdout + result.stderr
    (summary,) = result.stdout.splitlines()
    found = re.fullmatch(r"checked (\d+) lessons?, (\d+) claims: all verified", summary)
    assert found is not None
    assert int(found.group(1)) == len(list(SHIPPED_LESSONS.glob("*.md")))
    assert int(found.group(2)) >= 20


def test_an_edited_optimum_fails_with_its_line_and_both_numbers(tmp_path: Path) -> None:
    copy = tmp_path / SHIPPED.name
    copy.write_text(SHIPPED.read_text().replace(PEAK, PEAK.replace("[16]", "[17]")))
    result = steepest_check(str(tmp_path))
    assert result.returncode == 1
    problem, summary = result.stdout.splitlines()
    line = line_holding(copy, "[17]{claim=")
    assert problem == (
        f'{copy}:{line}: claim "max x(6 - 2x)^2 for x in [0, 3]" says 17, '
        "but the engine finds 16 (at x = 1)"
    )
    assert summary.endswith(": 1 problem")


def test_a_wrong_claim_in_a_question_explanation_points_at_its_own_line(tmp_path: Path) -> None:
    copy = tmp_path / SHIPPED.name
    edited = "[$(-2, 13)$]{claim="
    copy.write_text(SHIPPED.read_text().replace("[$(-2, 12)$]{claim=", edited))
    report = check_lessons([copy])
    (problem,) = report.problems
    assert problem.line == line_holding(copy, edited)
    assert "says (-2, 13), but the engine finds (-2, 12)" in problem.message


def test_a_wrong_option_that_is_right_after_all_is_reported(tmp_path: Path) -> None:
    """$2w_2 \\cdot 3$ is 6w2 written another way: offered as wrong, it would mark a learner
    wrong for a right answer."""
    copy = tmp_path / SHIPPED.name
    copy.write_text(SHIPPED.read_text().replace("text: $2w_2$", "text: $2w_2 \\cdot 3$"))
    report = check_lessons([copy])
    (problem,) = report.problems
    assert problem.line == line_holding(copy, "text: $2w_2 \\cdot 3$")
    assert problem.message == (
        "option '2w2' of question 'partial-w2' is offered as wrong, but 2w_2 \\cdot 3 is"
        ' "partial w1^2 + 3w2^2 wrt w2" after all: the engine finds 6*w2'
    )


def test_a_broken_formula_and_a_bad_front_matter_are_reported_with_their_lines(
    tmp_path: Path,
) -> None:
    broken = write(
        tmp_path, "broken", 'Bad $\\frac{1}$ here.\n\nIt is [2]{claim="value 3 at x = 1"}.\n'
    )
    bad_front = write(tmp_path, "bad-front", "Fine.\n", number=2)
    bad_front.write_text(bad_front.read_text().replace("difficulty: Easy", "difficulty: Tough"))
    result = steepest_check(str(tmp_path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        f"{bad_front}:{line_holding(bad_front, 'difficulty')}: "
        "difficulty must be one of Easy, Medium, Hard",
        f"{broken}:{line_holding(broken, 'Bad')}: "
        "cannot typeset $\\frac{1}$: a command is missing an argument (<mfrac> needs 2 parts)",
        f'{broken}:{line_holding(broken, "It is")}: claim "value 3 at x = 1" says 2, '
        "but the engine finds 3",
        "checked 2 lessons, 1 claim: 3 problems",
    ]


def test_directives_the_engine_cannot_work_are_reported(tmp_path: Path) -> None:
    body = (
        "```{answer}\nid: typed\nprompt: Go.\nkind: partial\nfunction: x^2\nrespect: y\n"
        "explanation: No.\n```\n\n"
        "```{worked-example}\nexpression: 1/x\nat: {x: 0}\n```\n\n"
        "```{widget} best-box\nsheet: 6\ndefault: 1.5\nmin: 1.2\nmax: 3\nstep: 0.01\n```\n\n"
        "```{widget} best-box\nsheet: 6\ndefault: 4\n```\n\n"
        "```{widget} slider\nx: 1\n```\n\n"
        '[1]{claim="maximum x for x in [0, 1]"}\n'
    )
    path = write(tmp_path, "faults", body)
    report = check_lessons([path])
    expected = {
        line_holding(path, "{answer}"): "typed question 'typed' cannot be checked: ",
        line_holding(path, "{worked-example}"): "the worked example cannot be checked: ",
        # The best box peaks at x = 1, outside this slider's range (1.2, 3).
        line_holding(path, "min: 1.2") - 3: (
            "the engine cannot compute the best-box widget's numbers: the volume"
            " x*(6 - 2*x)**2 has 0 maxima strictly inside the slider's range (6/5, 3)"
        ),
        line_holding(path, "default: 4") - 2: "the best-box widget: best-box needs",
        line_holding(path, "{widget} slider"): "the slider widget: there is no widget",
        line_holding(path, "maximum x"): 'claim "maximum x for x in [0, 1]" cannot be checked: ',
    }
    found = {problem.line: problem.message for problem in report.problems}
    assert found.keys() == expected.keys()
    for line, start in expected.items():
        assert found[line].startswith(start), found[line]


def test_two_lessons_with_one_slug_clash(tmp_path: Path) -> None:
    write(tmp_path, "one", "Text.\n")
    second = tmp_path / "sub"
    second.mkdir()
    clash = write(second, "one", "Text.\n")
    report = check_lessons([tmp_path / "one.md", clash])
    (problem,) = report.problems
    assert str(problem) == f"{clash}:2: slug 'one' is used twice: here and in {tmp_path}/one.md:2"


def test_mistakes_between_lessons_and_unclosed_markup_are_reported_where_they_are(
    tmp_path: Path,
) -> None:
    first = write(tmp_path, "first", "Text.\n")
    first.write_text(
        first.read_text().replace("number: 1", "number: 1\nnext: {title: Later, slug: second}")
    )
    second = write(tmp_path, "second", "The loss $L = w^2 grows.\n", number=2)
    third = write(tmp_path, "third", "Text.\n", number=2)
    fourth = write(
        tmp_path, "fourth", "::: note\nAn aside.\n\n::: concept\n### Idea\n\nText.\n:::\n", 4
    )
    result = steepest_check(str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{first}:{line_holding(first, 'next:')}: 'next' calls lesson 'second' \"Later\", "
        f'but its title is "A test lesson" ({second})',
        f"{fourth}:{line_holding(fourth, '::: note')}: '::: note' is never closed: end it with a "
        f"line of ':::' before the '::: concept' at line {line_holding(fourth, '::: concept')}",
        f"{second}:{line_holding(second, 'The loss')}: this '$' starts math that is never "
        "closed: close it with '$' (not right before a digit), or write \\$ for a dollar sign",
        f"{third}:{line_holding(third, 'number:')}: number 2 is used twice in unit 'Unit A': "
        f"here and in {second}:{line_holding(second, 'number:')}",
        "checked 4 lessons, 0 claims: 4 problems",
    ]


def test_one_file_may_be_checked_on_its_own() -> None:
    assert lesson_files(SHIPPED) == [SHIPPED]
    assert lesson_files(SHIPPED_LESSONS) == sorted(SHIPPED_LESSONS.glob("*.md"))


@pytest.mark.parametrize("make", ["missing", "empty"])
def test_a_folder_that_is_missing_or_holds_no_lessons_is_a_usage_error(
    tmp_path: Path, make: str
) -> None:
    folder = tmp_path / "absent" if make == "missing" else tmp_path
    result = steepest_check(str(folder))
    assert result.returncode == 2
    assert result.stdout == ""


def test_the_command_process_never_imports_sympy() -> None:
    code = (
        "import sys\n"
        "from steepest.cli import main\n"
        "try:\n"
        "    main(['check'])\n"
        "except SystemExit as exit:\n"
        "    print('status', exit.code, 'sympy' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.stdout.splitlines()[-1] == "status 0 False", result.stderr


STEP_QUESTIONS = """\
```{answer}
id: after-one-step
prompt: Where does one step of size $\\eta$ from $w_1 = 1$ land?
statement: value w1 - 2 eta w1 at w1 = 1
explanation: Against the slope.
```

```{question}
id: step-choice
prompt: Where does it land?
options:
  - id: right
    text: $1 - 2\\eta$
  - id: uphill
    text: $1 + 2\\eta$
answer: right
explanation: Against the slope.
check: {claim: "value w1 - 2 eta w1 at w1 = 1"}
```

```{answer}
id: tied
prompt: Where is $|x|$ largest on $[-1, 1]$?
statement: argmax abs(x) for x in [-1, 1]
explanation: At both ends.
```
"""


def test_statement_questions_and_claim_checks_use_the_lessons_parameters(tmp_path: Path) -> None:
    path = write(tmp_path, "steps", STEP_QUESTIONS)
    path.write_text(
        path.read_text().replace("summary: A summary.", "summary: S.\nparameters: [eta]")
    )
    report = check_lessons([path])
    (tied,) = report.problems
    assert tied.line == line_holding(path, "id: tied") - 1
    assert "a question needs one answer, but the maximum is reached at x = -1 and x = 1" in (
        tied.message
    )
    assert report.claims == 2


def test_a_claim_checked_option_that_is_right_after_all_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "steps", STEP_QUESTIONS.replace("$1 + 2\\eta$", "$-2\\eta + 1$"))
    path.write_text(
        path.read_text().replace("summary: A summary.", "summary: S.\nparameters: [eta]")
    )
    messages = {problem.line: problem.message for problem in check_lessons([path]).problems}
    line = line_holding(path, "$-2\\eta + 1$")
    assert messages[line].startswith(
        "option 'uphill' of question 'step-choice' is offered as wrong"
    )


def test_the_course_file_is_checked_with_the_lessons_it_lays_out(tmp_path: Path) -> None:
    write(tmp_path, "first", "Text.\n", number=1)
    write(tmp_path, "second", "Text.\n", number=2)
    write(tmp_path, "third", "Text.\n", number=3)
    course = tmp_path / "course.yaml"
    course.write_text(
        "courses:\n  - title: Math for ML\n    units:\n      - title: Unit A\n        lessons:\n"
        "          - second\n          - first\n          - missing\n",
        encoding="utf-8",
    )
    result = steepest_check(str(tmp_path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{course}:1: lesson 'third' (third.md) is in no unit: add its slug to a unit's lessons",
        f"{course}:7: 'first' (01) comes after 'second' (02) in unit 'Unit A': numbers increase"
        " down a unit",
        f"{course}:8: no lesson 'missing' (missing.md) in this course's folders",
        "checked 3 lessons, 0 claims: 3 problems",
    ]


def test_a_course_extending_the_shipped_one_is_checked_against_its_lessons(
    tmp_path: Path,
) -> None:
    """The shipped lessons are loaded to place the folder's among them: a number taken in a
    shipped unit clashes, and only the folder's own lessons are counted and checked."""
    unit = "Optimization & gradient descent"
    course = tmp_path / "course.yaml"
    course.write_text(
        f"extends: shipped\ncourses:\n  - title: Math for ML\n    units:\n      - title: {unit}\n"
        "        lessons: [descent]\n",
        encoding="utf-8",
    )
    text = FRONT_MATTER.format(slug="descent", number=3).replace("Unit A", unit)
    lesson = tmp_path / "descent.md"
    lesson.write_text(text + f"Peak: {PEAK}.\n::::\n", encoding="utf-8")
    clashing = check_lessons(lesson_files(tmp_path), folder=tmp_path)
    assert [problem.message for problem in clashing.problems] == [
        f"number 3 is used twice in unit '{unit}': here and in"
        f" {SHIPPED_LESSONS / 'backpropagation.md'}:6"
    ]
    # After the unit's shipped lessons, and after the ones still to be written.
    lesson.write_text(text.replace("number: 3", "number: 9") + f"{PEAK}\n::::\n")
    result = steepest_check(str(tmp_path))
    assert (result.returncode, result.stdout) == (0, "checked 1 lesson, 1 claim: all verified\n")
