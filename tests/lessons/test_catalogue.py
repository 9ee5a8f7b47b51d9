from __future__ import annotations

from pathlib import Path

import pytest
from lesson_files import lesson_writer, line_holding, section

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


def test_a_lesson_that_clashes_in_number_is_left_out_naming_both_lines(tmp_path: Path) -> None:
    write = lesson_writer(tmp_path)
    first = write(section("Text.\n"), slug="first", number=4)
    second = write(section("Text.\n"), slug="second", number=4)
    catalogue = load_catalogue(tmp_path)
    assert [lesson.slug for lesson in catalogue] == ["first"]
    (broken,) = catalogue.broken
    number_line = line_holding(second, "number:")
    assert broken.slug == "second"
    assert str(broken.error) == (
        f"{second}:{number_line}: number 4 is used twice in unit 'Unit A': "
        f"here and in {first}:{line_holding(first, 'number:')}"
    )


def test_one_bad_lesson_breaks_only_itself(tmp_path: Path) -> None:
    write = lesson_writer(tmp_path)
    good = write(section("Text.\n"), slug="good")
    bad = write("Text outside any section.\n", slug="bad")
    catalogue = load_catalogue(tmp_path)
    assert list(catalogue) == [load_lesson(good)]
    broken = catalogue.broken_lesson("bad")
    assert broken is not None and broken.error.path == str(bad)
    with pytest.raises(LessonFormatError) as caught:
        load_lesson(bad)
    assert str(broken.error) == str(caught.value)
    assert catalogue.get("bad") is None and catalogue.broken_lesson("good") is None


def test_a_file_that_cannot_be_read_breaks_only_itself(tmp_path: Path) -> None:
    write = lesson_writer(tmp_path)
    write(section("Text.\n"), slug="good")
    (tmp_path / "folder.md").mkdir()
    catalogue = load_catalogue(tmp_path)
    assert [lesson.slug for lesson in catalogue] == ["good"]
    broken = catalogue.broken_lesson("folder")
    assert broken is not None
    assert str(broken.error).startswith(f"{tmp_path / 'folder.md'}:1: cannot read the file")
