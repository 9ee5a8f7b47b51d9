"""The course file: the index's title, intro, courses, units, lesson order and coming-next lists;
adding to the shipped course or replacing it; and every mistake as `course.yaml:LINE: message`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lesson_files import section

from steepest.lessons import SHIPPED_LESSONS, LessonFormatError, load_catalogue
from steepest.lessons.course_file import CourseFile, read_course_file
from steepest.lessons.syllabus import Syllabus


def shipped_course_file() -> CourseFile:
    found = read_course_file(SHIPPED_LESSONS)
    assert found is not None
    return found


SHIPPED = shipped_course_file()


def write_lesson(
    folder: Path,
    slug: str,
    *,
    course: str = "Calculus",
    unit: str = "Limits",
    number: int = 1,
    title: str | None = None,
    next_lesson: tuple[str, str] | None = None,
) -> Path:
    following = ""
    if next_lesson is not None:
        following = f"next: {{title: {next_lesson[0]}, slug: {next_lesson[1]}}}\n"
    text = (
        f"---\nslug: {slug}\ntitle: {title or slug.capitalize()}\ncourse: {course}\n"
        f"unit: {unit}\nnumber: {number}\ndifficulty: Easy\nsummary: About {slug}.\n"
        f"{following}---\n\n" + section("Text.\n")
    )
    path = folder / f"{slug}.md"
    path.write_text(text, encoding="utf-8")
    return path


def write_course(folder: Path, text: str) -> Path:
    path = folder / "course.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def one_unit(lessons: str) -> str:
    """A course file with one course, Calculus, of one unit, Limits: `lessons` is its last
    field (on line 5)."""
    return f"courses:\n  - title: Calculus\n    units:\n      - title: Limits\n        {lessons}\n"


def outline(syllabus: Syllabus | None) -> list[tuple[str, str, list[str], list[str]]]:
    """(course, unit, lesson slugs, coming next) for each unit, in the index's order."""
    assert syllabus is not None
    return [
        (course.title, unit.title, [lesson.slug for lesson in unit.lessons], list(unit.coming_next))
        for course in syllabus.courses
        for unit in course.units
    ]


TWO_UNITS = """\
title: Calculus, slowly
intro: |-
  Lessons for the *patient*, with $x^2$.

  A second paragraph.
courses:
  - title: Calculus
    units:
      - title: Limits
        lessons: [approach, squeeze]
        coming_next: [Continuity]
      - title: Derivatives
        lessons:
          - slope
        coming_next:
          - The chain rule, by hand
          - Implicit curves
"""


def two_units(folder: Path) -> None:
    write_course(folder, TWO_UNITS)
    write_lesson(folder, "approach", number=1)
    write_lesson(folder, "squeeze", number=2)
    write_lesson(folder, "slope", unit="Derivatives", number=4)


def test_the_shipped_course_lists_its_units_lessons_and_lessons_to_come() -> None:
    syllabus = load_catalogue().syllabus
    assert syllabus is not None
    assert syllabus.title == "Learn the calculus behind machine learning"
    assert syllabus.intro_html.startswith("<p>Short lessons you can play with.")
    assert outline(syllabus) == [
        (
            "Math for ML",
            "Optimization & gradient descent",
            [
                "loss-and-the-derivative-as-a-slope",
                "partial-derivatives-and-the-gradient",
                "backpropagation",
                "gradient-descent-and-the-learning-rate",
                "curvature-hessian-conditioning-and-newton",
                "stochastic-and-minibatch-gradient-descent",
                "momentum",
                "adaptive-steps-adagrad-rmsprop-adam-and-schedules",
            ],
            [],
        )
    ]


def test_a_course_file_sets_the_title_the_intro_and_the_order(tmp_path: Path) -> None:
    two_units(tmp_path)
    catalogue = load_catalogue(tmp_path)
    syllabus = catalogue.syllabus
    assert syllabus is not None
    assert syllabus.title == "Calculus, slowly"
    assert "<em>patient</em>" in syllabus.intro_html and "<math" in syllabus.intro_html
    assert syllabus.intro_html.count("<p>") == 2
    assert outline(syllabus) == [
        ("Calculus", "Limits", ["approach", "squeeze"], ["Continuity"]),
        ("Calculus", "Derivatives", ["slope"], ["The chain rule, by hand", "Implicit curves"]),
    ]
    # The file, not the alphabet, puts Limits before Derivatives; the catalogue follows it.
    assert [lesson.slug for lesson in catalogue] == ["approach", "squeeze", "slope"]
    assert catalogue.get("partial-derivatives-and-the-gradient") is None


def test_a_course_file_without_title_or_intro_keeps_the_shipped_ones(tmp_path: Path) -> None:
    write_course(tmp_path, one_unit("lessons: [approach]"))
    write_lesson(tmp_path, "approach")
    syllabus = load_catalogue(tmp_path).syllabus
    assert syllabus is not None
    assert (syllabus.title, syllabus.intro_html) == (SHIPPED.title, SHIPPED.intro_html)


def test_without_a_course_file_the_front_matter_groups_the_lessons(tmp_path: Path) -> None:
    write_lesson(tmp_path, "slope", unit="Derivatives", number=2, next_lesson=("Chain", "chain"))
    write_lesson(tmp_path, "approach", unit="Limits", number=1, next_lesson=("Slope", "slope"))
    write_lesson(tmp_path, "rate", unit="Derivatives", number=1, next_lesson=("Chain", "chain"))
    syllabus = load_catalogue(tmp_path).syllabus
    assert syllabus is not None
    assert (syllabus.title, syllabus.intro_html) == (SHIPPED.title, SHIPPED.intro_html)
    # Units by name, lessons by number; a `next` not written yet is coming next in its unit.
    assert outline(syllabus) == [
        ("Calculus", "Derivatives", ["rate", "slope"], ["Chain"]),
        ("Calculus", "Limits", ["approach"], []),
    ]


def test_extending_the_shipped_course_adds_lessons_and_units(tmp_path: Path) -> None:
    # The folder gives the shipped unit lessons to come of its own (the shipped unit may have
    # none left) and writes the first: it joins the unit after the shipped lessons, and leaves
    # that unit's list of lessons to come.
    shipped = load_catalogue().syllabus
    (shipped_unit,) = outline(shipped)[:1]
    course, unit, shipped_slugs, _ = shipped_unit
    to_come = ["Warm restarts: the learning rate, again", "Weight decay"]
    write_course(
        tmp_path,
        f"""\
extends: shipped
courses:
  - title: {course}
    units:
      - title: {unit}
        lessons: [written-next]
        coming_next:
          - "{to_come[0]}"
          - {to_come[1]}
      - title: Probability
        lessons: [bayes]
        coming_next: [Entropy]
  - title: Calculus
    units:
      - title: Limits
        lessons: [approach]
""",
    )
    # A JSON string is YAML too, quoted: a title such as "Curvature: …" would read as a key.
    title = json.dumps(to_come[0])
    # After the unit's last lesson: numbers may skip one being written on another branch.
    assert shipped is not None
    number = shipped.courses[0].units[0].lessons[-1].number + 1
    write_lesson(tmp_path, "written-next", course=course, unit=unit, number=number, title=title)
    write_lesson(tmp_path, "bayes", course="Math for ML", unit="Probability")
    write_lesson(tmp_path, "approach")
    catalogue = load_catalogue(tmp_path)
    assert outline(catalogue.syllabus) == [
        (course, unit, [*shipped_slugs, "written-next"], to_come[1:]),
        ("Math for ML", "Probability", ["bayes"], ["Entropy"]),
        ("Calculus", "Limits", ["approach"], []),
    ]
    assert catalogue.syllabus is not None and catalogue.syllabus.title == SHIPPED.title
    assert len(catalogue) == len(shipped_slugs) + 3


def test_an_extending_unit_may_replace_the_lessons_to_come(tmp_path: Path) -> None:
    write_course(
        tmp_path,
        "title: My course\nextends: shipped\ncourses:\n  - title: Math for ML\n    units:\n"
        "      - title: Optimization & gradient descent\n        coming_next: [Line search]\n",
    )
    syllabus = load_catalogue(tmp_path).syllabus
    assert syllabus is not None and syllabus.title == "My course"
    assert outline(syllabus)[0][3] == ["Line search"]


def test_an_extending_lesson_may_not_reuse_a_shipped_slug(tmp_path: Path) -> None:
    write_course(tmp_path, "extends: shipped\n")
    unit = "Optimization & gradient descent"
    path = write_lesson(tmp_path, "backpropagation", course="Math for ML", unit=unit, number=9)
    catalogue = load_catalogue(tmp_path)
    # The clash breaks only the later lesson (see course_rules.py); the shipped one stays.
    broken = catalogue.broken_lesson("backpropagation")
    assert broken is not None and broken.error.path == str(path)
    assert "slug 'backpropagation' is used twice" in broken.error.message
    kept = catalogue.get("backpropagation")
    assert kept is not None and kept.source_path.parent == SHIPPED_LESSONS


BAD_FILES = [
    ("title: [unclosed\n", 1, "bad YAML in course.yaml"),
    ("title: A\nsubtitle: B\ncourses: []\n", 2, "unknown field 'subtitle' in course.yaml"),
    ("extends: everything\n", 1, "extends is 'shipped' (add to the shipped course) or left out"),
    ("title: A\n", 1, "missing field 'courses'"),
    ("courses: []\n", 1, "'courses' lists at least one course"),
    ("courses:\n  - title: A\n    units: []\n", 3, "course 'A' has no units"),
    ("courses:\n  - units: [{title: U, lessons: [a]}]\n", 2, "missing field 'title'"),
    (
        "courses:\n  - title: A\n    units: [{title: U, lessons: [a]}]\n"
        "  - title: A\n    units: [{title: V, lessons: [b]}]\n",
        4,
        "course 'A' is listed twice",
    ),
    (
        "courses:\n  - title: A\n    units:\n      - {title: U, lessons: [a]}\n"
        "      - {title: U, lessons: [b]}\n",
        5,
        "unit 'U' is listed twice",
    ),
    (
        "courses:\n  - title: A\n    units:\n      - title: U\n        lessons:\n"
        "          - approach\n          - Bad Slug\n",
        7,
        "'Bad Slug' is not a lesson slug such as chain-rule",
    ),
    (
        "courses:\n  - title: A\n    units:\n      - {title: U, lessons: [approach]}\n"
        "      - title: V\n        lessons:\n          - approach\n",
        7,
        "lesson 'approach' is listed twice",
    ),
    (
        "courses:\n  - title: A\n    units:\n      - title: U\n        coming_next: []\n",
        4,
        "unit 'U' lists no lessons and none coming next",
    ),
    (
        "courses:\n  - title: A\n    units:\n      - title: U\n        lessons: [a]\n"
        "        pages: 3\n",
        6,
        "unknown field 'pages' in a unit",
    ),
    (
        'intro: >-\n  One [7]{claim="value 3 + 4 at x = 0"}.\ncourses: []\n',
        1,
        "the intro is plain Markdown: no sections, boxes, directives or claims",
    ),
    ('intro: "$\\\\frac{1}$"\ncourses: []\n', 1, "cannot typeset"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD_FILES)
def test_a_mistake_in_the_course_file_names_its_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write_course(tmp_path, text)
    write_lesson(tmp_path, "approach")
    with pytest.raises(LessonFormatError) as raised:
        load_catalogue(tmp_path)
    assert (raised.value.path, raised.value.line) == (str(path), line)
    assert message in raised.value.message


LESSON_MISTAKES = [
    (
        "lessons: [approach, squeeze, missing]",
        "no lesson 'missing' (missing.md) in this course's folders",
    ),
    (
        "lessons: [squeeze, approach]",
        "'approach' (01) comes after 'squeeze' (02) in unit 'Limits': numbers increase down a unit",
    ),
    ("lessons: [approach]", "lesson 'squeeze' (squeeze.md) is in no unit"),
]


@pytest.mark.parametrize(("lessons", "message"), LESSON_MISTAKES)
def test_the_course_file_and_the_lessons_must_agree(
    tmp_path: Path, lessons: str, message: str
) -> None:
    path = write_course(tmp_path, one_unit(lessons))
    write_lesson(tmp_path, "approach", number=1)
    write_lesson(tmp_path, "squeeze", number=2)
    with pytest.raises(LessonFormatError) as raised:
        load_catalogue(tmp_path)
    assert raised.value.path == str(path)
    assert raised.value.message.startswith(message)


def test_a_lesson_listed_under_another_unit_than_its_own_is_refused(tmp_path: Path) -> None:
    path = write_course(tmp_path, one_unit("lessons:\n          - slope"))
    write_lesson(tmp_path, "slope", unit="Derivatives")
    with pytest.raises(LessonFormatError) as raised:
        load_catalogue(tmp_path)
    assert str(raised.value) == (
        f"{path}:6: 'slope' is listed under course 'Calculus', unit 'Limits', but its front"
        " matter says course 'Calculus', unit 'Derivatives'"
    )
