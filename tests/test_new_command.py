"""`steepest new`: a scaffolded lesson passes `steepest check` and shows each part of the format."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from steepest.lessons import (
    QuestionBlock,
    TypedQuestionBlock,
    WidgetBlock,
    WorkedExampleBlock,
    load_catalogue,
    load_lesson,
)
from steepest.lessons.boxes import BOX_TAGS as BOX_KINDS
from steepest.lessons.directive_blocks import DIRECTIVES

STEEPEST = [sys.executable, "-m", "steepest.cli"]


def steepest(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*STEEPEST, *args], capture_output=True, text=True, timeout=60, cwd=cwd)


def test_a_new_lesson_passes_check(tmp_path: Path) -> None:
    made = steepest("new", "chain-rule", "--dir", "course", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "course" / "chain-rule.md").is_file()
    checked = steepest("check", "course", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "all verified" in checked.stdout


def test_two_new_lessons_in_one_folder_do_not_clash(tmp_path: Path) -> None:
    for slug in ("first-steps", "second-steps"):
        assert steepest("new", slug, cwd=tmp_path).returncode == 0
    # The default folder is ./lessons.
    checked = steepest("check", "lessons", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout


def test_the_template_shows_every_directive_box_and_a_claim(tmp_path: Path) -> None:
    assert steepest("new", "tour", "--title", 'Tour: "all" #1', cwd=tmp_path).returncode == 0
    path = tmp_path / "lessons" / "tour.md"
    lesson = load_lesson(path)
    assert lesson.title == 'Tour: "all" #1'
    kinds = {type(block) for section in lesson.sections for block in section.blocks}
    assert {WidgetBlock, WorkedExampleBlock, QuestionBlock, TypedQuestionBlock} <= kinds
    assert len(DIRECTIVES) == 4, "a new directive needs a place in the template"
    text = path.read_text(encoding="utf-8")
    for box in BOX_KINDS:
        assert f"::: {box}\n" in text
    assert lesson.claims


def test_new_refuses_to_overwrite_a_lesson(tmp_path: Path) -> None:
    assert steepest("new", "kept", cwd=tmp_path).returncode == 0
    path = tmp_path / "lessons" / "kept.md"
    path.write_text("my own work", encoding="utf-8")
    again = steepest("new", "kept", cwd=tmp_path)
    assert again.returncode == 2
    assert "exists already" in again.stderr
    assert path.read_text(encoding="utf-8") == "my own work"


def test_new_refuses_a_slug_the_front_matter_would_refuse(tmp_path: Path) -> None:
    for bad in ("Chain_Rule", "chain rule", "chain-", "chain--rule", "../escape"):
        result = steepest("new", bad, cwd=tmp_path)
        assert result.returncode == 2, bad
        assert "is not a slug" in result.stderr
    assert not (tmp_path / "lessons").exists()


def test_a_lesson_is_numbered_within_its_unit(tmp_path: Path) -> None:
    for slug, unit in [("one", "Limits"), ("two", "Limits"), ("other", "Series")]:
        assert steepest("new", slug, "--unit", unit, cwd=tmp_path).returncode == 0
    assert steepest("new", "three", "--unit", "Limits", cwd=tmp_path).returncode == 0
    assert steepest("new", "fresh", "--unit", "Derivatives: first", cwd=tmp_path).returncode == 0
    numbers = {
        path.stem: (lesson.unit, lesson.number)
        for path in (tmp_path / "lessons").glob("*.md")
        for lesson in [load_lesson(path)]
    }
    assert numbers == {
        "one": ("Limits", 1),
        "two": ("Limits", 2),
        "other": ("Series", 1),
        "three": ("Limits", 3),
        "fresh": ("Derivatives: first", 1),
    }


COURSE = """\
# Our course: kept as it is written.
courses:
  - title: Calculus
    units:
      - title: Limits
        lessons: []   # none yet
        coming_next: [Continuity]
"""


def test_new_lists_the_lesson_in_its_unit_of_the_course_file(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    course = folder / "course.yaml"
    course.write_text(COURSE, encoding="utf-8")
    made = steepest("new", "approach", "--unit", "Limits", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert f"listed it in {Path('lessons') / 'course.yaml'}" in made.stdout
    assert steepest("new", "squeeze", "--unit", "Limits", cwd=tmp_path).returncode == 0
    assert steepest("new", "slope", "--unit", "Derivatives", cwd=tmp_path).returncode == 0
    text = course.read_text(encoding="utf-8")
    assert text.startswith(COURSE.splitlines()[0]) and "# none yet" in text
    syllabus = load_catalogue(folder).syllabus
    assert syllabus is not None
    placed = [
        (
            course.title,
            unit.title,
            [lesson.slug for lesson in unit.lessons],
            unit.lessons[-1].number,
        )
        for course in syllabus.courses
        for unit in course.units
    ]
    assert placed == [
        ("Calculus", "Limits", ["approach", "squeeze"], 2),
        ("Calculus", "Derivatives", ["slope"], 1),
    ]


def test_new_in_a_folder_extending_the_shipped_course_follows_its_lessons(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "course.yaml").write_text("extends: shipped\n", encoding="utf-8")
    unit = "Optimization & gradient descent"
    made = steepest("new", "gradient-descent", "--unit", unit, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    lesson = load_lesson(folder / "gradient-descent.md")
    shipped = [found for found in load_catalogue().lessons if found.unit == unit]
    assert (lesson.course, lesson.unit) == (shipped[0].course, unit)
    assert lesson.number == max(found.number for found in shipped) + 1
    checked = steepest("check", "lessons", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_new_refuses_to_write_beside_a_broken_course_file(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    (folder / "course.yaml").write_text("courses: [\n", encoding="utf-8")
    result = steepest("new", "approach", cwd=tmp_path)
    assert result.returncode == 2
    assert "course.yaml:2: bad YAML in course.yaml" in result.stderr
    assert "fix the course file first" in result.stderr
    assert not (folder / "approach.md").exists()
