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
from steepest.engine.problems.topics import TOPICS, Topic
from steepest.engine.surface.presets import PRESETS, Preset
from steepest.lessons import load_catalogue
from steepest.lessons.boxes import BOX_TAGS as BOX_KINDS
from steepest.lessons.course_file import COURSE_FIELDS, FILE_FIELDS, UNIT_FIELDS, read_course_file
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


def course_file_section() -> str:
    start = TEXT.index("\n## The course file\n")
    return TEXT[start : TEXT.index("\n## ", start + 1)]


def test_every_field_of_the_course_file_is_described() -> None:
    section = course_file_section()
    for field in FILE_FIELDS:
        assert f"| `{field}` |" in section, field
    for field in {*COURSE_FIELDS, *UNIT_FIELDS}:
        assert f"`{field}`" in section, field


def test_the_course_file_example_lays_out_its_lessons(tmp_path: Path) -> None:
    (example,) = re.findall(r"^```yaml\n(.*?)^```$", course_file_section(), re.M | re.S)
    (tmp_path / "course.yaml").write_text(example, encoding="utf-8")
    plan = read_course_file(tmp_path)
    assert plan is not None and plan.extends_shipped
    shipped = load_catalogue().lessons
    for course in plan.courses:
        for unit in course.units:
            taken = [s.number for s in shipped if (s.course, s.unit) == (course.title, unit.title)]
            for number, entry in enumerate(unit.lessons, start=max(taken, default=0) + 1):
                lesson = f"---\nslug: {entry.slug}\ntitle: {entry.slug}\ncourse: {course.title}\n"
                lesson += f"unit: {unit.title}\nnumber: {number}\ndifficulty: Easy\n"
                lesson += "summary: An example.\n---\n\n:::: section s\n## S\n\nText.\n::::\n"
                (tmp_path / f"{entry.slug}.md").write_text(lesson, encoding="utf-8")
    syllabus = load_catalogue(tmp_path).syllabus
    assert syllabus is not None and syllabus.title == plan.title
    units = [unit for course in syllabus.courses for unit in course.units]
    placed = {unit.title: [lesson.slug for lesson in unit.lessons] for unit in units}
    for course in plan.courses:
        for unit in course.units:
            assert placed[unit.title][-len(unit.lessons) :] == [e.slug for e in unit.lessons]


def preset_row(key: str, preset: Preset) -> str:
    x0, x1, y0, y1 = preset.window
    start = ", ".join(f"{name}: {value:g}" for name, value in preset.start.items())
    return (
        f"| `{key}` | {preset.label} | `{preset.expression}` | [{x0:g}, {x1:g}] × [{y0:g}, {y1:g}]"
        f" | `{{{start}}}` | {preset.rate:g} |"
    )


def test_every_surface_preset_is_listed_as_it_is() -> None:
    start = TEXT.index("#### Presets")
    table = TEXT[start : TEXT.find("\n#", start + 1)]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    assert rows == [preset_row(key, preset) for key, preset in PRESETS.items()]


def topic_row(topic: Topic) -> str:
    kinds = ", ".join(f"`{kind}`" for kind in topic.kinds)
    return f"| `{topic.name}` | {topic.title} | {kinds} | {' | '.join(topic.levels)} |"


def test_every_practice_topic_is_listed_as_it_is() -> None:
    start = TEXT.index("\n## Practice\n")
    part = TEXT[start : TEXT.find("\n### ", start)]
    rows = [line for line in part.splitlines() if line.startswith("| `")]
    assert rows == [topic_row(topic) for topic in TOPICS.values()]


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
