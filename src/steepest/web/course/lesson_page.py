"""A lesson made ready to render: every engine result it shows is computed (in the compute pool)
and every answer key is left out.

The page of a lesson is the same for every visitor, so it is prepared once per lesson and kept;
what one learner typed (their own loss, a quiz answer sent without JavaScript) is rendered on top
of the prepared page, per request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass, replace

from steepest.compute import tasks
from steepest.compute.lanes import ComputeLanes
from steepest.compute.tasks.messages import GradientQuery, WorkedExample
from steepest.engine.errors import EngineError
from steepest.engine.explain.report_types import GradientReportJson
from steepest.engine.problems.topics import TOPICS, Topic
from steepest.lessons import (
    Catalogue,
    HtmlBlock,
    Lesson,
    QuestionBlock,
    Section,
    TypedQuestionBlock,
    WidgetBlock,
    WorkedExampleBlock,
)
from steepest.lessons.course_order import CoursePlace, course_place
from steepest.lessons.practice import PracticePanel, practice_panel
from steepest.web.course.claim_review import ClaimMarks, FailedClaim
from steepest.web.course.quiz import PublicQuestion
from steepest.widgets import AnyWidget, WidgetSpec, get_widget

# A lesson's own examples and widgets are written by its author, not typed by a learner, and
# the first calls may land on workers still starting up: give them far more than a request.
PREPARE_TIMEOUT_S = 30.0


@dataclass(frozen=True)
class HtmlPart:
    html: str
    kind: str = "html"


@dataclass(frozen=True)
class WidgetPart:
    widget: AnyWidget
    spec: WidgetSpec
    kind: str = "widget"


@dataclass(frozen=True)
class ExamplePart:
    """The author's worked example; `index` keeps the ids of its try-it form unique."""

    index: int
    report: GradientReportJson
    function_mathml: str
    point_mathml: str | None
    kind: str = "example"


@dataclass(frozen=True)
class TryItPart:
    """The form where a learner differentiates their own function, closing a section that
    has a worked example; `index` is the example's, so a no-JS answer lands in the right form."""

    index: int
    kind: str = "try"


@dataclass(frozen=True)
class QuizPart:
    """Questions that follow one another, shown as one quiz."""

    questions: tuple[PublicQuestion, ...]
    kind: str = "quiz"


@dataclass(frozen=True)
class TypedPart:
    """A question answered by typing math; only its id, its prompt and how many hints it has
    reach the page."""

    id: str
    prompt_html: str
    # How many components the answer has, as the engine works it out: a vector's are typed as
    # `(a, b)`, and the box says so.
    components: int
    hints: int = 0
    kind: str = "typed"

    @property
    def placeholder(self) -> str | None:
        """The shape of a vector answer, `(a, b)`; None for a number or a formula."""
        if self.components < 2:
            return None
        return "(" + ", ".join("abcdefghijkl"[: self.components]) + ")"


@dataclass(frozen=True)
class PracticePart:
    """ "Practice more": generated problems of the topics the lesson chose (lessons/practice.py)."""

    topics: tuple[Topic, ...]
    kind: str = "practice"


Part = HtmlPart | WidgetPart | ExamplePart | TryItPart | QuizPart | TypedPart | PracticePart


@dataclass(frozen=True)
class PageSection:
    id: str
    title: str
    heading_id: str
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class LessonPage:
    lesson: Lesson
    sections: tuple[PageSection, ...]
    # The lessons before and after it in the course, for the links at its foot.
    place: CoursePlace
    # Under `--reload` only: the claims `steepest check` would fail, listed atop the page.
    failed_claims: tuple[FailedClaim, ...] = ()

    @property
    def widget_scripts(self) -> tuple[str, ...]:
        found = {
            part.widget.script
            for section in self.sections
            for part in section.parts
            if isinstance(part, WidgetPart)
        }
        return tuple(sorted(found))

    @property
    def question_ids(self) -> tuple[str, ...]:
        found: list[str] = []
        for section in self.sections:
            for part in section.parts:
                if isinstance(part, QuizPart):
                    found.extend(question.id for question in part.questions)
                elif isinstance(part, TypedPart):
                    found.append(part.id)
        return tuple(found)


async def prepare_lesson_page(
    lesson: Lesson, catalogue: Catalogue, pool: ComputeLanes
) -> LessonPage:
    """Run every computation the lesson needs, all at once, in the compute pool."""
    examples = [b for s in lesson.sections for b in s.blocks if isinstance(b, WorkedExampleBlock)]
    widgets = [b for s in lesson.sections for b in s.blocks if isinstance(b, WidgetBlock)]
    typed = [b for s in lesson.sections for b in s.blocks if isinstance(b, TypedQuestionBlock)]
    worked, specs, sizes = await asyncio.gather(
        asyncio.gather(*(_example(pool, block) for block in examples)),
        asyncio.gather(*(_spec(pool, block) for block in widgets)),
        asyncio.gather(*(_components(pool, block, lesson) for block in typed)),
    )
    example_of = dict(zip(map(id, examples), worked, strict=True))
    spec_of = dict(zip(map(id, widgets), specs, strict=True))
    components_of = dict(zip(map(id, typed), sizes, strict=True))
    # Examples are numbered through the whole lesson, so the ids of their forms are unique.
    numbers = iter(range(1, len(examples) + 1))
    panel = practice_panel(lesson)
    sections = tuple(
        PageSection(
            id=section.id,
            title=section.title,
            heading_id=section.heading_id,
            parts=tuple(_parts(section, example_of, spec_of, components_of, numbers, panel)),
        )
        for section in lesson.sections
    )
    return LessonPage(
        lesson=lesson, sections=sections, place=course_place(catalogue.syllabus, lesson.slug)
    )


def with_failed_claims(page: LessonPage, failures: tuple[FailedClaim, ...]) -> LessonPage:
    """The page with each failed claim marked where it shows, and all of them listed."""
    if not failures:
        return page
    marks = ClaimMarks(failures)
    sections = tuple(
        replace(section, parts=tuple(_marked(part, marks) for part in section.parts))
        for section in page.sections
    )
    lesson = replace(page.lesson, summary_html=marks.html(page.lesson.summary_html))
    return replace(page, lesson=lesson, sections=sections, failed_claims=marks.listed())


def _marked(part: Part, marks: ClaimMarks) -> Part:
    if isinstance(part, HtmlPart):
        return replace(part, html=marks.html(part.html))
    if isinstance(part, TypedPart):
        return replace(part, prompt_html=marks.html(part.prompt_html))
    if isinstance(part, QuizPart):
        questions = tuple(
            replace(
                question,
                prompt_html=marks.html(question.prompt_html),
                options=tuple(replace(o, html=marks.html(o.html)) for o in question.options),
            )
            for question in part.questions
        )
        return replace(part, questions=questions)
    return part


async def _example(pool: ComputeLanes, block: WorkedExampleBlock) -> WorkedExample:
    query = GradientQuery(block.expression, dict(block.at))
    return await pool.acall(tasks.WORKED_EXAMPLE, query, timeout=PREPARE_TIMEOUT_S)


async def _components(pool: ComputeLanes, block: TypedQuestionBlock, lesson: Lesson) -> int:
    fields = block.question_fields(lesson.parameters)
    try:
        return await pool.acall(tasks.TYPED_ANSWER_COMPONENTS, fields, timeout=PREPARE_TIMEOUT_S)
    except EngineError:
        # A question the engine cannot ask (`steepest check` says why) must not take the
        # lesson down with it: its box just shows no vector's shape, and answering it says
        # what is wrong.
        return 1


async def _spec(pool: ComputeLanes, block: WidgetBlock) -> tuple[AnyWidget, WidgetSpec]:
    widget = get_widget(block.name)
    params = widget.read_params(block.params)
    return widget, await pool.acall(widget.spec, params, timeout=PREPARE_TIMEOUT_S)


def _parts(
    section: Section,
    example_of: dict[int, WorkedExample],
    spec_of: dict[int, tuple[AnyWidget, WidgetSpec]],
    components_of: dict[int, int],
    numbers: Iterator[int],
    panel: PracticePanel | None,
) -> Iterator[Part]:
    questions: list[PublicQuestion] = []
    last_example: int | None = None
    for block in section.blocks:
        if isinstance(block, QuestionBlock):
            questions.append(PublicQuestion.of(block))
            continue
        if questions:
            yield QuizPart(tuple(questions))
            questions = []
        if isinstance(block, HtmlBlock):
            yield HtmlPart(block.html)
        elif isinstance(block, TypedQuestionBlock):
            yield TypedPart(
                block.id, block.prompt_html, components_of[id(block)], len(block.hints_html)
            )
        elif isinstance(block, WidgetBlock):
            widget, spec = spec_of[id(block)]
            yield WidgetPart(widget, spec)
        elif isinstance(block, WorkedExampleBlock):
            example = example_of[id(block)]
            last_example = next(numbers)
            yield ExamplePart(
                index=last_example,
                report=example.report,
                function_mathml=example.function_mathml,
                point_mathml=example.point_mathml,
            )
    if questions:
        yield QuizPart(tuple(questions))
    if panel is not None and panel.section_id == section.id:
        yield PracticePart(tuple(TOPICS[name] for name in panel.topics))
    if last_example is not None:
        yield TryItPart(last_example)
