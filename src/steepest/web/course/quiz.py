"""Finding a lesson's questions, and scoring a multiple-choice answer on the server, so that
answer keys never ship with the page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from steepest.lessons.model import Lesson, QuestionBlock, TypedQuestionBlock
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
    """What a page may show before the learner answers: no key, no explanation, no feedback."""

    id: str
    prompt_html: str
    options: tuple[PublicOption, ...]

    @classmethod
    def of(cls, question: QuestionBlock) -> PublicQuestion:
        return cls(
            id=question.id,
            prompt_html=question.prompt_html,
            options=tuple(PublicOption(o.id, o.html, plain_text(o.html)) for o in question.options),
        )


@dataclass(frozen=True)
class QuizVerdict:
    question_id: str
    answer: str
    correct: bool
    explanation_html: str
    # What the chosen option gets wrong, when the author wrote it.
    feedback_html: str | None


def find_question(lesson: Lesson, question_id: str) -> QuestionBlock:
    return _find(lesson, question_id, QuestionBlock, "question")


def find_typed_question(lesson: Lesson, question_id: str) -> TypedQuestionBlock:
    return _find(lesson, question_id, TypedQuestionBlock, "typed question")


def _find(lesson: Lesson, question_id: str, kind: type[Found], label: str) -> Found:
    for section in lesson.sections:
        for block in section.blocks:
            if isinstance(block, kind) and block.id == question_id:
                return block
    raise UnknownQuestion(f"lesson {lesson.slug!r} has no {label} {question_id!r}")


def score_answer(question: QuestionBlock, answer: str) -> QuizVerdict:
    chosen = next((o for o in question.options if o.id == answer), None)
    if chosen is None:
        raise UnknownOption(f"question {question.id!r} has no option {answer!r}")
    return QuizVerdict(
        question_id=question.id,
        answer=answer,
        correct=answer == question.answer,
        explanation_html=question.explanation_html,
        feedback_html=chosen.feedback_html,
    )
