"""`steepest new`: a lesson file to start from, which already passes `steepest check`.

The template shows each part of the format once (front matter, sections, every box, every
directive, a claim) with prose that says what goes there, so an author edits instead of
looking the syntax up. docs/authoring.md is the full guide.

The lesson is numbered within its unit: one after the unit's last lesson among those of the
folder (and of the shipped course, when the folder's course file extends it), and 1 in a new
unit. When the folder has a course file, the lesson is added to its unit there too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from steepest.authoring.course_entry import CourseEntryError, with_lesson
from steepest.errors import SteepestError
from steepest.lessons.course_file import COURSE_FILE
from steepest.lessons.course_folder import CourseFolder, read_course_folder
from steepest.lessons.errors import LessonFormatError
from steepest.lessons.front_matter import SLUG
from steepest.lessons.loader import load_lesson
from steepest.lessons.model import Lesson

DEFAULT_COURSE = "Math for ML"
DEFAULT_UNIT = "My unit"


class ScaffoldError(SteepestError, ValueError):
    """The lesson cannot be created: a bad slug, or the file exists already."""


_TEMPLATE = """\
---
slug: @slug@
title: @title@
course: @course@
unit: @unit@
number: @number@
difficulty: Easy
summary: >-
  One or two sentences that open the lesson and say what the learner will be able to do,
  with math such as $L(w_1, w_2)$ where it helps.
---

:::: section intuition
## Build the intuition

Start from something the learner already knows, in plain words. Claims about numbers are
checked by `steepest check`: the slope of $2x^2 + 4x$ at $x = 1$ is
[$8$]{claim="slope 2x^2 + 4x wrt x at x = 1"}.

::: concept
### One idea per concept box

State the idea this lesson rests on, with a formula: $\\frac{\\partial L}{\\partial w_1}$.
:::

::: note
An aside the main line of thought can skip.
:::

```{widget} best-box
sheet: 6
default: 0.35
```
::::

:::: section worked-example
## A worked example

The engine differentiates the expression below and writes every step.

```{worked-example}
expression: w1^2 + 3w2^2
at: {w1: 1, w2: 1}
```
::::

:::: section misconceptions
## Common mistakes

::: misconception
The mistaken belief, in the learner's own words, goes in the first paragraph.

The correction goes in the paragraphs after it.
:::
::::

:::: section check-yourself
## Check yourself

```{question}
id: partial-w2
prompt: For $L = w_1^2 + 3w_2^2$, what is $\\frac{\\partial L}{\\partial w_2}$?
options:
  - id: a
    text: $6w_2$
  - id: b
    text: $3w_2$
    feedback: The power rule brings the exponent 2 down as a factor.
answer: a
explanation: Hold $w_1$ still; the derivative of $3w_2^2$ is $6w_2$.
check: {derivative_of: w1^2 + 3w2^2, variable: w2, equals: 6w2}
```

```{answer}
id: typed-partial-w1
prompt: For $L = w_1^2 + 3w_2^2$, type $\\frac{\\partial L}{\\partial w_1}$.
kind: partial
function: w1^2 + 3w2^2
respect: w1
explanation: Hold $w_2$ still; the derivative of $w_1^2$ is $2w_1$.
```
::::

:::: section recap
## Recap

::: recap
- The first thing to remember.
- The second thing to remember.
:::
::::
"""


def lesson_template(slug: str, title: str, number: int, course: str, unit: str) -> str:
    """The text of a new lesson; `title`, `course` and `unit` may hold any characters (they are
    written as YAML)."""

    # JSON strings are YAML double-quoted scalars, so any title survives the front matter.
    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    return (
        _TEMPLATE.replace("@slug@", slug)
        .replace("@title@", quoted(title))
        .replace("@course@", quoted(course))
        .replace("@unit@", quoted(unit))
        .replace("@number@", str(number))
    )


def create_lesson(
    folder: Path, slug: str, title: str | None = None, unit: str | None = None
) -> Path:
    """Write `folder/slug.md` from the template in `unit` (default: "My unit") and return its
    path; never overwrites. With a course file in `folder`, list it in its unit there too."""
    if not SLUG.fullmatch(slug):
        raise ScaffoldError(
            f"{slug!r} is not a slug: use lowercase words and digits joined by '-',"
            " such as chain-rule"
        )
    path = folder / f"{slug}.md"
    if path.exists():
        raise ScaffoldError(f"{path} exists already; pick another slug or edit that file")
    unit = unit or DEFAULT_UNIT
    try:
        course_folder = read_course_folder(folder)
    except LessonFormatError as error:
        raise ScaffoldError(f"{error} (fix the course file first)") from error
    known = _readable_lessons(course_folder.lesson_paths())
    course = _course_of(unit, course_folder, known)
    number = 1 + max((k.number for k in known if (k.course, k.unit) == (course, unit)), default=0)
    text = lesson_template(slug, title or slug.replace("-", " ").capitalize(), number, course, unit)
    course_path = folder / COURSE_FILE
    course_text = None
    if course_path.is_file():
        try:
            course_text = with_lesson(
                course_path.read_text(encoding="utf-8"), course_path, slug, course, unit
            )
        except CourseEntryError as error:
            raise ScaffoldError(error.message) from error
    folder.mkdir(parents=True, exist_ok=True)
    # "x": fails if the file appeared since the check above, rather than overwriting it.
    with path.open("x", encoding="utf-8") as file:
        file.write(text)
    if course_text is not None:
        course_path.write_text(course_text, encoding="utf-8")
    return path


def _readable_lessons(paths: Sequence[Path]) -> list[Lesson]:
    """The lessons that load; a broken one is `steepest check`'s to report, not this command's."""
    lessons = []
    for path in paths:
        try:
            lessons.append(load_lesson(path))
        except LessonFormatError:
            continue
    return lessons


def _course_of(unit: str, course_folder: CourseFolder, known: Sequence[Lesson]) -> str:
    """The course `unit` belongs to: as the course file or a lesson says, else the first course
    of the course file, else the default."""
    plan = course_folder.course_file
    courses = [] if plan is None else plan.courses
    for course in courses:
        if any(planned.title == unit for planned in course.units):
            return course.title
    for lesson in known:
        if lesson.unit == unit:
            return lesson.course
    return courses[0].title if courses else DEFAULT_COURSE
