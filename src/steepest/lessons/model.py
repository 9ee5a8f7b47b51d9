"""What a loaded lesson is: plain frozen dataclasses, parsed once and shared read-only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from steepest.engine.answer_kinds import TypedKind
from steepest.engine.problems.problem_types import QuestionFields


@dataclass(frozen=True)
class HtmlBlock:
    """Prose, headings, formulas and boxes, already rendered to safe HTML (raw HTML is escaped)."""

    html: str


@dataclass(frozen=True)
class WidgetBlock:
    """An interactive widget by name (`best-box`), with the author's parameters as YAML gave them.

    Whether `name` is a widget that exists is for the widget registry to decide, not this layer.
    """

    name: str
    params: Mapping[str, Any]
    line: int = field(default=0, compare=False)
    """Where the directive starts in the lesson file, so later checks can point at it."""


@dataclass(frozen=True)
class WorkedExampleBlock:
    """Differentiate `expression` and evaluate at the point `at`; the engine writes the steps.

    `at` maps variable names to numbers kept as the author's text ("1", "0.35") so the engine
    can read them exactly instead of through a binary float.
    """

    expression: str
    at: Mapping[str, str]
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Option:
    """One choice of a question: its id, its label as inline HTML, and the feedback shown once
    a learner picks it (inline HTML naming the mistake behind a wrong choice), if written."""

    id: str
    html: str
    feedback_html: str | None = None


@dataclass(frozen=True)
class QuestionBlock:
    """A multiple-choice question, answer key included.

    `answer`, `explanation_html`, every option's `feedback_html` and the hints are server-side
    only: the web layer must never send them to the browser before the learner has asked for
    them (a hint) or submitted an answer, or the quiz answers itself in the page source.
    `prompt_html` and option `html` are inline HTML (they sit in a `<legend>` and `<label>`);
    `explanation_html` and each hint are block HTML.

    `check` is an optional fact the engine verifies when lessons are checked: a claim's
    statement whose value the right option shows and no other does, `{"claim": "…"}`, or
    `{"derivative_of": "w1^2 + 3w2^2", "variable": "w2", "equals": "6w2"}`.
    """

    id: str
    prompt_html: str
    options: tuple[Option, ...]
    answer: str
    explanation_html: str
    check: Mapping[str, str] | None = None
    hints_html: tuple[str, ...] = ()
    """Revealed one at a time, on request, before the explanation."""


@dataclass(frozen=True)
class TypedQuestionBlock:
    """A question answered by typing math, which the engine checks (never a typed-in key).

    The question asks for the value of a `statement` in the claims' language (`value …`,
    `descent … at …`), or names a `kind` of `steepest.engine.problems.problem` that stands for
    one: `partial` (with `respect`), `gradient`, `gradient_at` or `descent` (both with `at`),
    about `function`. The engine works the answer out, so the key cannot disagree with the
    maths. `explanation_html` and the hints are server-side only, like a multiple-choice
    question's.
    """

    id: str
    prompt_html: str
    explanation_html: str
    statement: str | None = None
    kind: TypedKind | None = None
    function: str | None = None
    respect: str | None = None
    at: Mapping[str, str] | None = None
    figures: int | None = None
    """Significant figures a decimal answer must show, when the value has no finite decimal."""
    relative: float | None = None
    """A relative tolerance instead: any number this close to the value is right."""
    hints_html: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)

    def question_fields(self, parameters: Sequence[str] = ()) -> QuestionFields:
        """What the engine needs to rebuild the question (see `engine/questions`), with the
        constants its lesson declares."""
        return {
            "statement": self.statement,
            "kind": self.kind,
            "function": self.function,
            "respect": self.respect,
            "at": None if self.at is None else dict(self.at),
            "parameters": list(parameters),
            "figures": self.figures,
            "relative": self.relative,
        }


Block = HtmlBlock | WidgetBlock | WorkedExampleBlock | QuestionBlock | TypedQuestionBlock


@dataclass(frozen=True)
class Section:
    """A top-level section of a lesson, in reading order.

    Its blocks hold everything inside the `:::: section` container, heading included; the
    web layer wraps them in `<section id="{id}" aria-labelledby="{heading_id}">`.
    """

    id: str
    title: str
    blocks: tuple[Block, ...]

    @property
    def heading_id(self) -> str:
        """The id the section's `<h2>` carries, for `aria-labelledby`."""
        return heading_id_for(self.id)


def heading_id_for(section_id: str) -> str:
    """The id given to the heading of the section `section_id`; one rule for parser and web."""
    return f"{section_id}-heading"


@dataclass(frozen=True)
class Claim:
    """A number or formula the lesson states, which the engine must confirm (`steepest check`).

    `shown` is the lesson's source text the reader sees (`16`, `about 9.8`, `$(2, 6)$`) and
    `statement` says what the engine must find there (`max x(6 - 2x)^2 for x in [0, 3]`);
    see `steepest.lessons.claims`. `label` names where it comes from in messages.
    """

    line: int
    statement: str
    shown: str
    label: str = "claim"
    holds: bool = True
    """False for a quiz's wrong option: the engine must find that `shown` is *not* the value."""
    marker: int | None = field(default=None, compare=False)
    """The `data-claim` number of the span around the shown text, in HTML rendered with
    claims marked (for `steepest serve --reload`); None for a claim shown in no prose."""


@dataclass(frozen=True)
class LessonLink:
    """A link in the lesson's text to a lesson of the course, or to one of its sections.

    `slug` is None for a section of this lesson (`#recap`); `section` is None for the top of a
    lesson. Whether the course has that lesson and section is for `steepest check` to say.
    """

    line: int
    slug: str | None
    section: str | None


@dataclass(frozen=True)
class NextLesson:
    """The lesson an author says comes next; the catalogue decides whether it exists yet."""

    title: str
    slug: str
    line: int = field(default=1, compare=False)
    """Where the front matter names it, for a title that differs from the lesson's own."""


@dataclass(frozen=True)
class Lesson:
    """One lesson: its front matter, its sections, and the file it came from."""

    slug: str
    title: str
    course: str
    unit: str
    number: int
    difficulty: str
    summary_html: str
    reading_minutes: int
    next: NextLesson | None
    sections: tuple[Section, ...]
    source_path: Path
    claims: tuple[Claim, ...] = ()
    """In the order of the file; checked by `steepest check`, never shown as such."""
    variables: tuple[str, ...] | None = None
    """The variables the lesson declares; None: any name, as a learner's free text reads."""
    parameters: tuple[str, ...] = ()
    """Constants the lesson declares (eta, lr): read whole, never differentiated."""
    names_line: int = 1
    """Where the lesson declares them, for the check's messages."""
    slug_line: int = 1
    number_line: int = 1
    """Where `slug` and `number` are written, for a clash with another lesson."""
    images: tuple[str, ...] = ()
    """The image files the lesson shows, as paths from the lesson folder (`bowl-loss/bowl.svg`,
    `assets/logo.png`): the page's `<img>` fetches each from `/lessons/` + its path."""
    links: tuple[LessonLink, ...] = ()
    """Links to lessons and sections, in the order of the file; checked by `steepest check`."""
    footnotes_html: str = ""
    """The lesson's footnotes, numbered as cited, shown after its last section; "" for none."""
    practice: tuple[str, ...] | None = None
    """The practice topics its front matter names, () for none; None: the default (practice.py)."""

    @property
    def number_label(self) -> str:
        """The lesson number as shown in the page header: 2 becomes "02"."""
        return f"{self.number:02d}"
