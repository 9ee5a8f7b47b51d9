from __future__ import annotations

from pathlib import Path

import pytest
from lesson_files import lesson_writer, section

from steepest.lessons import LessonFormatError, load_catalogue, load_lesson

SHUFFLED = [("c", "Unit B", 1), ("b", "Unit A", 10), ("a", "Unit A", 2), ("d", "Unit A", 3)]


def test_the_shipped_catalogue_holds_lesson_02() -> None:
    catalogue = load_catalogue()
    lesson = catalogue.get("partial-derivatives-and-the-gradient")
    assert lesson is not None and lesson.number == 2
    assert lesson in list(catalogue)


def test_lessons_are_ordered_by_unit_then_number(tmp_path: Path) -> None:
    write = lesson_writer(tmp_path)
    for slug, unit, number in SHUFFLED:
        write(section("Text.\n"), slug=slug, unit=unit, number=number)
    catalogue = load_catalogue(tmp_path)
    expected = sorted(SHUFFLED, key=lambda entry: (entry[1], entry[2]))
    assert [lesson.slug for lesson in catalogue] == [slug for slug, _, _ in expected]
    assert len(catalogue) == len(SHUFFLED)


def test_lessons_are_found_by_slug(tmp_path: Path) -> None:
    write = lesson_writer(tmp_path)
    path = write(section("Text.\n"), slug="here")
    catalogue = load_catalogue(tmp_path)
    assert catalogue.get("here") == load_lesson(path)
    assert catalogue.get("not-written-yet") is None


def test_two_lessons_with_one_number_in_a_unit_are_refused(tmp_path: Path) -> None:
    write = lesson_writer(tmp_path)
    write(section("Text.\n"), slug="first", number=4)
    second = write(section("Text.\n"), slug="second", number=4)
    with pytest.raises(LessonFormatError, match="clashes with") as caught:
        load_catalogue(tmp_path)
    assert caught.value.path == str(second)


def test_one_bad_lesson_fails_the_whole_catalogue(tmp_path: Path) -> None:
    write = lesson_writer(tmp_path)
    write(section("Text.\n"), slug="good")
    bad = write("Text outside any section.\n", slug="bad")
    with pytest.raises(LessonFormatError) as caught:
        load_catalogue(tmp_path)
    assert caught.value.path == str(bad)
