"""`steepest check` on images, footnotes and links between lessons: each mistake at FILE:LINE,
and a lesson checked alone may still link to the lessons beside it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from figure_course import FIRST, SECOND, write_figure_course
from steepest.authoring.check import check_lessons, lesson_files

STEEPEST = [sys.executable, "-m", "steepest.cli"]


def line_holding(path: Path, text: str) -> int:
    (line,) = (n for n, found in enumerate(path.read_text().splitlines(), 1) if text in found)
    return line


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_figure_course_is_verified_claims_in_captions_notes_and_tables_included(
    tmp_path: Path,
) -> None:
    folder = write_figure_course(tmp_path)
    result = subprocess.run(
        [*STEEPEST, "check", str(folder)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "checked 2 lessons, 25 claims: all verified\n"


def test_every_image_note_and_link_mistake_is_reported_at_its_line(tmp_path: Path) -> None:
    folder = write_figure_course(tmp_path)
    first, second = folder / f"{FIRST}.md", folder / f"{SECOND}.md"
    (folder / FIRST / "bowl.svg").unlink()
    replace(second, "(assets/arrow.svg)", "(https://example.com/arrow.svg)")
    replace(
        second,
        "[The step from (1, 1) to (0.8, 0.4), drawn as a blue line between two orange dots]",
        "[]",
    )
    replace(first, "steeper that way[^steeper]", "steeper that way[^steep]")
    replace(first, "(one-step-downhill#one-step)", "(one-step-downhill#two-steps)")
    replace(second, "(level-sets#intuition)", "(level-set#intuition)")
    expected = [
        (first, "](level-sets/bowl.svg)", "the image 'level-sets/bowl.svg' is not there"),
        (first, "that way[^steep]", "[^steep] cites no note"),
        (first, "[^steeper]:", "the note [^steeper] is never cited"),
        (first, "#two-steps", "lesson 'one-step-downhill' has no section 'two-steps'"),
        (
            second,
            "example.com/arrow.svg",
            "the image 'https://example.com/arrow.svg' is not a file",
        ),
        (
            second,
            "![](one-step-downhill/step.png)",
            "the image 'one-step-downhill/step.png' needs alt",
        ),
        (second, "(level-set#intuition)", "there is no lesson 'level-set' in this course"),
    ]
    report = check_lessons(lesson_files(folder), timeout=30.0)
    found = [(Path(problem.path), problem.line, problem.message) for problem in report.problems]
    wanted = sorted((path, line_holding(path, markup), start) for path, markup, start in expected)
    assert [(path, line) for path, line, _message in found] == [(p, n) for p, n, _s in wanted]
    for (_path, _line, message), (_p, _n, start) in zip(found, wanted, strict=True):
        assert message.startswith(start), message


def test_a_lesson_checked_alone_may_link_to_the_lessons_beside_it(tmp_path: Path) -> None:
    folder = write_figure_course(tmp_path)
    alone = check_lessons([folder / f"{FIRST}.md"], timeout=30.0)
    assert alone.problems == ()
    # A neighbour that does not load is still known by its name; its own check says why.
    replace(folder / f"{SECOND}.md", ":::: section one-step", ":::: section One-Step")
    broken_neighbour = check_lessons([folder / f"{FIRST}.md"], timeout=30.0)
    assert broken_neighbour.problems == ()
    # Moved away from its neighbours, the same lesson links to nothing.
    apart = tmp_path / "apart"
    apart.mkdir()
    shutil.copytree(folder / FIRST, apart / FIRST)
    moved = Path(shutil.copy(folder / f"{FIRST}.md", apart))
    (problem,) = check_lessons([moved], timeout=30.0).problems
    assert problem.line == line_holding(moved, "(one-step-downhill#one-step)")
    assert problem.message == "lesson 'one-step-downhill' is not written yet: link to it once it is"
