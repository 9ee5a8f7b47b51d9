"""Images: files beside the lesson, in its own folder or the shared `assets/`, each checked
when the lesson loads and fetched from `/lessons/` + its path."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lesson_files import BODY_FIRST_LINE, WriteLesson, section

from steepest.lessons import LessonFormatError, load_catalogue, load_lesson
from steepest.lessons.loader import parse_lesson

INSIDE = BODY_FIRST_LINE + 3
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>'


def image_sources(html: str) -> list[str]:
    return re.findall(r'<img src="([^"]*)"', html)


def page_html(path: Path) -> str:
    lesson = load_lesson(path)
    return "".join(getattr(block, "html", "") for s in lesson.sections for block in s.blocks)


@pytest.fixture
def drawings(tmp_path: Path) -> Path:
    """A lesson folder holding test-lesson/bowl.svg, test-lesson/my plot.png, assets/logo.png."""
    (tmp_path / "test-lesson").mkdir()
    (tmp_path / "assets").mkdir()
    (tmp_path / "test-lesson" / "bowl.svg").write_text(SVG, encoding="utf-8")
    (tmp_path / "test-lesson" / "my plot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "assets" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return tmp_path


def test_images_in_the_lessons_folder_and_in_assets_are_fetched_from_lessons(
    write_lesson: WriteLesson, drawings: Path
) -> None:
    path = write_lesson(
        section("A bowl ![A bowl](test-lesson/bowl.svg) and ![The logo](assets/logo.png).\n")
    )
    assert image_sources(page_html(path)) == [
        "/lessons/test-lesson/bowl.svg",
        "/lessons/assets/logo.png",
    ]
    assert load_lesson(path).images == ("test-lesson/bowl.svg", "assets/logo.png")


def test_a_path_is_read_from_the_lesson_file_and_written_in_its_plainest_form(
    write_lesson: WriteLesson, drawings: Path
) -> None:
    path = write_lesson(section("![A bowl](./test-lesson/old/../bowl.svg)\n"))
    assert image_sources(page_html(path)) == ["/lessons/test-lesson/bowl.svg"]


def test_a_file_name_with_a_space_is_encoded_in_the_address(
    write_lesson: WriteLesson, drawings: Path
) -> None:
    path = write_lesson(section("![A plot](<test-lesson/my plot.png>)\n"))
    assert image_sources(page_html(path)) == ["/lessons/test-lesson/my%20plot.png"]
    assert load_lesson(path).images == ("test-lesson/my plot.png",)


def test_an_image_shown_twice_is_one_file(write_lesson: WriteLesson, drawings: Path) -> None:
    path = write_lesson(
        section("![A bowl](test-lesson/bowl.svg)\n\n![Again](test-lesson/bowl.svg)\n")
    )
    assert load_lesson(path).images == ("test-lesson/bowl.svg",)


IMAGE_MISTAKES = [
    pytest.param("![](test-lesson/bowl.svg)", "needs alt text", id="no-alt"),
    pytest.param("![  ](test-lesson/bowl.svg)", "needs alt text", id="blank-alt"),
    pytest.param("![A](https://example.com/a.png)", "Content Security Policy", id="https"),
    pytest.param("![A](http://example.com/a.png)", "Content Security Policy", id="http"),
    pytest.param("![A](//example.com/a.png)", "Content Security Policy", id="protocol-relative"),
    pytest.param("![A](data:image/png;base64,iVBORw0KGgo=)", "not a file", id="data-url"),
    pytest.param("![A](/lessons/test-lesson/bowl.svg)", "from the lesson file", id="absolute"),
    pytest.param("![A](other-lesson/bowl.svg)", "in test-lesson/ or assets/", id="other-folder"),
    pytest.param("![A](bowl.svg)", "in test-lesson/ or assets/", id="beside-the-file"),
    pytest.param("![A](test-lesson/../../x.svg)", "in test-lesson/ or assets/", id="climbs-out"),
    pytest.param("![A](test-lesson/notes.txt)", "svg, webp", id="not-an-image-type"),
    pytest.param("![A](test-lesson/page.html)", "svg, webp", id="html"),
    pytest.param("![A](test-lesson/gone.svg)", "is not there", id="missing"),
    pytest.param("![A](test-lesson/folder.svg)", "is not there", id="a-folder"),
    pytest.param("![A](test-lesson/escape.png)", "links to a file outside", id="symlink-out"),
]


@pytest.mark.parametrize(("markup", "complaint"), IMAGE_MISTAKES)
def test_an_image_mistake_names_its_line(
    write_lesson: WriteLesson, drawings: Path, markup: str, complaint: str
) -> None:
    (drawings / "test-lesson" / "folder.svg").mkdir()
    (drawings / "secret.png").write_bytes(b"not for the web")
    (drawings / "test-lesson" / "escape.png").symlink_to(drawings / "secret.png")
    path = write_lesson(section(f"Some text first.\n{markup}\n"))
    with pytest.raises(LessonFormatError, match=re.escape(complaint)) as caught:
        load_lesson(path)
    assert (caught.value.path, caught.value.line) == (str(path), INSIDE + 1)


def test_a_check_hears_of_every_image_mistake_at_once(
    write_lesson: WriteLesson, drawings: Path
) -> None:
    path = write_lesson(section("![](test-lesson/bowl.svg)\n\n![B](https://x.org/b.png)\n"))
    deferred: list[LessonFormatError] = []
    lesson = parse_lesson(path.read_text(encoding="utf-8"), path, deferred_errors=deferred)
    assert [error.line for error in deferred] == [INSIDE, INSIDE + 2]
    assert lesson.images == ()


def test_an_image_in_a_directive_field_is_checked_with_the_fields_line(
    write_lesson: WriteLesson, drawings: Path
) -> None:
    question = (
        "```{question}\nid: q\nprompt: Pick one.\noptions:\n  - id: a\n    text: A\n"
        "  - id: b\n    text: B\nanswer: a\n"
        "explanation: See ![the bowl](test-lesson/gone.svg).\n```\n"
    )
    path = write_lesson(section(question))
    with pytest.raises(LessonFormatError, match="is not there") as caught:
        load_lesson(path)
    assert caught.value.line == INSIDE + 9


def test_the_catalogue_knows_each_image_file_by_its_address(
    write_lesson: WriteLesson, drawings: Path
) -> None:
    write_lesson(section("![A bowl](test-lesson/bowl.svg)\n"))
    write_lesson(section("![The logo](assets/logo.png)\n"), slug="second", number=2)
    catalogue = load_catalogue(drawings)
    assert dict(catalogue.image_files) == {
        "test-lesson/bowl.svg": drawings / "test-lesson" / "bowl.svg",
        "assets/logo.png": drawings / "assets" / "logo.png",
    }
