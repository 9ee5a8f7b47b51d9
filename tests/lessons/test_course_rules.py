"""Mistakes no lesson file shows alone: each is reported at the line to fix, naming the other
lesson's file, and leaves only the lesson that makes it out of the catalogue."""

from __future__ import annotations

from pathlib import Path

from lesson_files import lesson_writer, line_holding, section

from steepest.lessons import Catalogue, load_catalogue, load_lesson


def with_next(path: Path, title: str, slug: str) -> Path:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("number:", f"next: {{title: {title}, slug: {slug}}}\nnumber:", 1))
    return path


def test_a_next_title_that_differs_from_the_lesson_is_an_error_at_the_next_line(
    tmp_path: Path,
) -> None:
    write = lesson_writer(tmp_path)
    first = with_next(write(section("Text.\n"), slug="first"), "The sequel", "second")
    second = write(section("Text.\n"), slug="second", number=2)
    catalogue = load_catalogue(tmp_path)
    assert [lesson.slug for lesson in catalogue] == ["second"]
    (broken,) = catalogue.broken
    assert str(broken.error) == (
        f"{first}:{line_holding(first, 'next:')}: 'next' calls lesson 'second' \"The sequel\", "
        f'but its title is "A test lesson" ({second})'
    )


def test_a_next_lesson_with_its_own_title_or_not_written_yet_is_fine(tmp_path: Path) -> None:
    write = lesson_writer(tmp_path)
    with_next(write(section("Text.\n"), slug="first"), "A test lesson", "second")
    with_next(write(section("Text.\n"), slug="second", number=2), "Coming soon", "third")
    catalogue = load_catalogue(tmp_path)
    assert [lesson.slug for lesson in catalogue] == ["first", "second"]
    assert catalogue.broken == ()


def test_one_slug_in_two_folders_is_reported_at_the_second_slug_line(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = lesson_writer(tmp_path / "a")(section("Text.\n"), slug="same")
    second = lesson_writer(tmp_path / "b")(section("Text.\n"), slug="same", number=2)
    catalogue = Catalogue.from_lessons([load_lesson(first), load_lesson(second)])
    assert [lesson.source_path for lesson in catalogue] == [first]
    (broken,) = catalogue.broken
    assert str(broken.error) == (
        f"{second}:{line_holding(second, 'slug:')}: slug 'same' is used twice: "
        f"here and in {first}:{line_holding(first, 'slug:')}"
    )


def test_the_same_number_in_another_unit_is_fine(tmp_path: Path) -> None:
    write = lesson_writer(tmp_path)
    write(section("Text.\n"), slug="first", unit="Unit A", number=1)
    write(section("Text.\n"), slug="second", unit="Unit B", number=1)
    assert len(load_catalogue(tmp_path)) == 2
