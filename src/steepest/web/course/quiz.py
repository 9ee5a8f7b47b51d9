"""Finding a lesson's questions, and scoring a multiple-choice answer on the server, so that
answer keys never ship with the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from steepest.lessons.model import Lesson, QuestionBlock, TypedQuestionBlock
from steepest.web.course.help_steps import Tries, help_after
from steepest.web.course.plain_text import plain_text
from steepest.web.http.errors import UnknownOption, UnknownQuestion

Found = TypeVar("Found", QuestionBlock, TypedQuestionBlock)


@dataclass(frozen=True)
class PublicOption:
    id: str
    html: str
    # The label as plain text, for the radio's accessible name: a label that is only MathML
    # gets no name from accessibility checkers that do not read MathML.
    text: str


@dataclass(frozen=True)
class PublicQuestion:
    """What a page may show before the learner answers: no key, no explanation, no feedback,
    and of the hints only how many there are."""

    id: str
    prompt_html: str
    options: tuple[PublicOption, ...]
    hints: int = 0

    @classmethod
    def of(cls, question: QuestionBlock) -> PublicQuestion:
        return cls(
            id=question.id,
            prompt_html=question.prompt_html,
            options=tuple(PublicOption(o.id, o.html, plain_text(o.html)) for o in question.options),
            hints=len(question.hints_html),
        )


@dataclass(frozen=True)
class QuizVerdict:
    question_id: str
    answer: str
    correct: bool
    # None until the solution is out (see help_steps.py).
    explanation_html: str | None
    # What the chosen option gets wrong, when the author wrote it: never the right option.
    feedback_html: str | None
    # The step of help after a wrong answer while the solution waits.
    hint_html: str | None = None
    # Answered with the solution already out: not right first time.
    after_solution: bool = False


def find_question(lesson: Lesson, question_id: str) -> QuestionBlock:
    return _find(lesson, question_id, QuestionBlock, "question")


def find_typed_question(lesson: Lesson, question_id: str) -> TypedQuestionBlock:
    return _find(lesson, question_id, TypedQuestionBlock, "typed question")


def find_any_question(lesson: Lesson, question_id: str) -> QuestionBlock | TypedQuestionBlock:
    """A question of either kind: their ids are unique across both."""
    for section in lesson.sections:
        for block in section.blocks:
            if isinstance(block, QuestionBlock | TypedQuestionBlock) and block.id == question_id:
                return block
    raise UnknownQuestion(f"lesson {lesson.slug!r} has no question {question_id!r}")


def _find(lesson: Lesson, question_id: str, kind: type[Found], label: str) -> Found:
    for section in lesson.sections:
        for block in section.blocks:
            if isinstance(block, kind) and block.id == question_id:
                return block
    raise UnknownQuestion(f"lesson {lesson.slug!r} has no {label} {question_id!r}")


def score_answer(question: QuestionBlock, answer: str, tries: Tries) -> QuizVerdict:
    """Whether `answer` is right, and the help it gets after the learner's stored `tries`."""
    chosen = next((o for o in question.options if o.id == answer), None)
    if chosen is None:
        raise UnknownOption(f"question {question.id!r} has no option {answer!r}")
    correct = answer == question.answer
    helped = help_after(question, tries, "correct" if correct else "incorrect")
    return QuizVerdict(
        question_id=question.id,
        answer=answer,
        correct=correct,
        explanation_html=question.explanation_html if helped.solution else None,
        feedback_html=None if correct else chosen.feedback_html,
        hint_html=helped.hint_html,
        after_solution=helped.after_solution,
    )
