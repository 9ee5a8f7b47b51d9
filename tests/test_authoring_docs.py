"""docs/authoring.md names every part of the lesson format; its examples pass `steepest check`."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import get_args

import pytest

from steepest.authoring.check import check_lessons
from steepest.cli import main
from steepest.engine.answer_kinds import TYPED_KINDS
from steepest.engine.claims.statements import ClaimKind
from steepest.lessons.boxes import BOX_TAGS as BOX_KINDS
from steepest.lessons.directive_blocks import DIRECTIVES
from steepest.lessons.front_matter import FRONT_MATTER_FIELDS
from steepest.lessons.images import IMAGE_TYPES
from steepest.widgets import WIDGETS

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "authoring.md"
TEXT = GUIDE.read_text(encoding="utf-8")
# Examples sit in four-backtick fences, so that they can hold directive fences themselves.
EXAMPLES = re.findall(r"^````markdown\n(.*?)^````$", TEXT, flags=re.MULTILINE | re.DOTALL)
FRONT_SLUG = re.compile(r"^slug: (\S+)$", re.MULTILINE)
# A row of a widget's parameter table: | `name` | default | meaning |
PARAMETER_ROW = re.compile(r"^\| `([^`]+)` \|", re.MULTILINE)
IMAGE_PATH = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")


def widget_section(name: str) -> str:
    start = TEXT.index(f"### `{name}`")
    end = TEXT.find("\n#", start + 1)
    return TEXT[start:end]


def as_lesson(number: int, example: str) -> tuple[str, str]:
    """(slug, text): a full lesson as it is, anything else inside a lesson of its own."""
    if example.startswith("---\n"):
        found = FRONT_SLUG.search(example)
        assert found is not None
        return found.group(1), example
    slug = f"example-{number}"
    front = (
        f"---\nslug: {slug}\ntitle: Example {number}\ncourse: Docs\nunit: Examples\n"
        f"number: {number}\ndifficulty: Easy\nsummary: An example from the authoring guide.\n---\n"
    )
    if example.startswith("::::"):
        return slug, front + "\n" + example
    return slug, f"{front}\n:::: section example\n## Example\n\n{example}\n::::\n"


def draw_images(folder: Path, lesson: str) -> None:
    """A blank drawing at each image path the lesson names: the guide shows no real ones."""
    for written in IMAGE_PATH.findall(lesson):
        image = folder / written
        image.parent.mkdir(parents=True, exist_ok=True)
        image.write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")


def test_the_guide_has_examples_and_no_todo() -> None:
    assert len(EXAMPLES) >= 10
    assert "TODO" not in TEXT


@pytest.mark.parametrize("name", sorted(DIRECTIVES))
def test_every_directive_is_described_with_an_example(name: str) -> None:
    assert f"### `{{{name}}}`" in TEXT
    assert any(f"```{{{name}}}" in example for example in EXAMPLES)


@pytest.mark.parametrize("name", sorted(WIDGETS))
def test_every_widget_is_described_with_its_parameters_and_an_example(name: str) -> None:
    section = widget_section(name)
    assert any(f"```{{widget}} {name}\n" in example for example in EXAMPLES)
    module = importlib.import_module(f"steepest.widgets.{name.replace('-', '_')}")
    parameters: tuple[str, ...] = module.PARAMS
    described = PARAMETER_ROW.findall(section)
    assert sorted(described) == sorted(parameters), f"{name}: the table and PARAMS differ"
    if not parameters:
        assert "takes no parameters" in section


@pytest.mark.parametrize("kind", sorted(BOX_KINDS))
def test_every_box_kind_has_an_example(kind: str) -> None:
    assert any(f"::: {kind}\n" in example for example in EXAMPLES)


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_described(command: str) -> None:
    assert f"**`steepest {command}" in TEXT


def test_every_front_matter_field_claim_kind_and_typed_kind_is_listed() -> None:
    for field in FRONT_MATTER_FIELDS:
        assert f"| `{field}` |" in TEXT, field
    for kind in get_args(ClaimKind):
        # A kind may take fixed words before its expression: `stable rate EXPR`.
        assert re.search(rf"`{kind} (?:[a-z]+ )?EXPR", TEXT), kind
    for kind in TYPED_KINDS:
        assert f"`{kind}`" in TEXT, kind


def test_every_image_type_is_named() -> None:
    start = TEXT.index("## Images and figures")
    section = TEXT[start : TEXT.index("\n## ", start + 1)]
    for suffix in IMAGE_TYPES:
        assert f"`{suffix.lstrip('.')}`" in section, suffix


def test_every_example_passes_steepest_check(tmp_path: Path) -> None:
    """Loaded as `steepest check` loads lessons: format, formulas, claims, widgets' numbers."""
    paths = []
    for number, example in enumerate(EXAMPLES, start=1):
        slug, text = as_lesson(number, example)
        path = tmp_path / f"{slug}.md"
        assert not path.exists(), f"two examples are called {slug}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        draw_images(tmp_path, text)
    report = check_lessons(paths, timeout=30.0)
    assert [str(problem) for problem in report.problems] == []
    assert report.claims >= 6
