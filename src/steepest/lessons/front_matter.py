"""The YAML front matter every lesson starts with, checked field by field.

    ---
    slug: partial-derivatives-and-the-gradient    # must match the file name
    title: Partial derivatives & the gradient
    course: Math for ML
    unit: Optimization & gradient descent
    number: 2                                     # shown as "02"
    difficulty: Medium                            # Easy, Medium or Hard
    summary: The lede paragraph, Markdown with $math$.
    next: {title: Backpropagation, slug: backpropagation}   # optional
    variables: [w1, w2]                           # optional: the names claims and questions use
    parameters: [eta]                             # optional: constants, never differentiated
    practice: [partial, gradient]                 # optional: see practice.py
    ---

Reading time is not a field: it is computed from the text (see reading_time).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token
from markdown_it.utils import EnvType

from steepest.lessons.errors import error_at
from steepest.lessons.model import NextLesson
from steepest.lessons.practice import read_practice
from steepest.lessons.yaml_fields import YamlMapping, parse_yaml_mapping

DIFFICULTIES = ("Easy", "Medium", "Hard")
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FRONT_MATTER_FIELDS = {
    "slug", "title", "course", "unit", "number", "difficulty", "summary", "next",
    "variables", "parameters", "practice",
}  # fmt: skip
# A name as a lesson declares it: letters (Greek too), then digits, plain or subscript (w₁).
# Whether the engine reads it as one name is for `steepest check` to confirm, in a worker.
_NAME = re.compile(r"[^\W\d_]+_?[0-9₀-₉]*")
MAX_NAMES = 12


@dataclass(frozen=True)
class FrontMatter:
    slug: str
    title: str
    course: str
    unit: str
    number: int
    difficulty: str
    # Markdown, rendered by the loader; `summary_line` locates errors in its math.
    summary: str
    summary_line: int
    next: NextLesson | None
    variables: tuple[str, ...] | None
    parameters: tuple[str, ...]
    names_line: int
    """Where `variables` (or else `parameters`) is declared, for the check's messages."""
    slug_line: int
    number_line: int
    practice: tuple[str, ...] | None


def read_front_matter(token: Token | None, env: EnvType, file_stem: str) -> FrontMatter:
    """Check the front matter token and return its fields.

    The slug must equal the file name without `.md`, so a lesson's URL and its file agree and
    two files in one directory can never claim the same slug.
    """
    if token is None or token.type != "front_matter":
        raise error_at(env, 1, "a lesson starts with front matter: a '---' line, YAML, '---'")
    # The YAML starts on line 2, just under the opening '---'.
    fields = parse_yaml_mapping(token.content, env, 2, "the front matter")
    fields.reject_unknown(FRONT_MATTER_FIELDS, "the front matter")
    slug = fields.text("slug")
    if not SLUG.fullmatch(slug):
        raise error_at(env, fields.line_of("slug"), "a slug is lowercase words joined by '-'")
    if slug != file_stem:
        raise error_at(
            env, fields.line_of("slug"), f"slug '{slug}' must match the file name '{file_stem}.md'"
        )
    number = fields.integer("number")
    if number < 1:
        raise error_at(env, fields.line_of("number"), "the lesson number starts at 1")
    difficulty = fields.text("difficulty")
    if difficulty not in DIFFICULTIES:
        raise error_at(
            env,
            fields.line_of("difficulty"),
            f"difficulty must be one of {', '.join(DIFFICULTIES)}",
        )
    return FrontMatter(
        slug=slug,
        title=fields.text("title"),
        course=fields.text("course"),
        unit=fields.text("unit"),
        number=number,
        difficulty=difficulty,
        summary=fields.text("summary"),
        summary_line=fields.line_of("summary"),
        next=_next_lesson(fields, env),
        variables=_names(fields, "variables", env),
        parameters=_names(fields, "parameters", env) or (),
        names_line=fields.line_of("variables" if "variables" in fields.fields() else "parameters"),
        slug_line=fields.line_of("slug"),
        number_line=fields.line_of("number"),
        practice=read_practice(fields, env),
    )


def _names(fields: YamlMapping, key: str, env: EnvType) -> tuple[str, ...] | None:
    names = fields.optional_words(key)
    if names is None:
        return None
    line = fields.line_of(key)
    for name in names:
        if not _NAME.fullmatch(name):
            raise error_at(env, line, f"'{name}' in '{key}' is not a name such as w1, lr or η")
    if len(set(names)) != len(names):
        raise error_at(env, line, f"a name is given twice in '{key}'")
    if len(names) > MAX_NAMES:
        raise error_at(env, line, f"at most {MAX_NAMES} names in '{key}'")
    return names


def _next_lesson(fields: YamlMapping, env: EnvType) -> NextLesson | None:
    entry = fields.optional_mapping("next")
    if entry is None:
        return None
    entry.reject_unknown({"title", "slug"}, "'next'")
    slug = entry.text("slug")
    if not SLUG.fullmatch(slug):
        raise error_at(env, entry.line_of("slug"), "a slug is lowercase words joined by '-'")
    return NextLesson(title=entry.text("title"), slug=slug, line=fields.line_of("next"))
