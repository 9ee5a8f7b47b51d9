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
