"""The diagnosis corpus (tests/engine/corpus/diagnoses.tsv): each common slip typed into a
lesson's real question kind, and the mistake the diagnosis must name for it, the likeliest
where several explanations fit; answers wrong in no recognised way must get none, and right
answers never one. Every mismatch is reported at once."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple, cast

import pytest

from steepest.engine.answer_kinds import MISTAKE_CODES, TypedKind
from steepest.engine.mistakes.feedback import Feedback
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.problem_types import QuestionFields
from steepest.engine.questions.feedback import asked_question, diagnose_question

CORPUS = Path(__file__).parent / "corpus" / "diagnoses.tsv"
# The slips issue 18 asks to be named, each of which the corpus must hold.
ASKED_FOR = (
    "loss_not_derivative",
    "number_for_formula",
    "formula_for_number",
    "point_not_gradient",
    "sign",
    "kept_constant_term",
    "one_component_wrong",
    "chain_factor",
)


class Row(NamedTuple):
    line: int
    kind: str
    question: str
    extra: str
    answer: str
    diagnosis: str

    @property
    def fields(self) -> QuestionFields:
        extra = None if self.extra == "-" else self.extra
        fields = QuestionFields(
            statement=None,
            kind=None,
            function=None,
            respect=None,
            at=None,
            parameters=[],
            figures=None,
            relative=None,
        )
        if self.kind == "statement":
            fields["statement"] = self.question
            fields["parameters"] = [] if extra is None else extra.split(",")
            return fields
        fields["kind"] = cast(TypedKind, self.kind)
        fields["function"] = self.question
        if self.kind == "partial":
            fields["respect"] = extra
        elif extra is not None:
            fields["at"] = dict(pair.split("=") for pair in extra.split(","))
        return fields

    def __str__(self) -> str:
        return f"line {self.line}: {self.question} [{self.extra}] <- {self.answer!r}"


def read_rows() -> list[Row]:
    rows = []
    for number, line in enumerate(CORPUS.read_text().splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            kind, question, extra, answer, diagnosis = line.split("\t")
            rows.append(Row(number, kind, question, extra, answer, diagnosis))
    return rows


ROWS = read_rows()


def diagnosis_of(feedback: Feedback) -> str:
    """The diagnosis as the corpus writes it: the code, `code@N` when only component N is
    wrong, `none` when no mistake is named, `correct` for a right answer."""
    if feedback.correct:
        return "correct"
    if feedback.mistake is None:
        return "none"
    wrong = [i for i, verdict in enumerate(feedback.components) if not verdict.equivalent]
    if len(feedback.components) > 1 and len(wrong) == 1:
        return f"{feedback.mistake}@{wrong[0] + 1}"
    return feedback.mistake


def expected_texts(row: Row) -> list[str]:
    """The right answer as text, whole and by component, as a hint must never show it."""
    asked = asked_question(row.fields)
    parts = [to_text(value) for value in asked.expected]
    return [*parts, f"({', '.join(parts)})"] if asked.vector else parts


def shows(text: str, piece: str) -> bool:
    """Whether `piece` stands in `text` on its own: 2 is in "is 2.", not in "w2" or "2.5"."""
    return re.search(rf"(?<![\w.]){re.escape(piece)}(?![\w]|\.\d)", text) is not None


def style_slips(text: str) -> Iterator[str]:
    """What in a learner-facing text breaks the house style."""
    if "**" in text:
        yield "Python's **"
    if text.startswith("Not quite"):
        yield "a leading 'Not quite', which the page already says"
    if re.search(r"\blog\(", text):
        yield "log, not ln"
    if re.search(r"\b(eta|lambda|beta|rho)\b", text):
        yield "a Greek letter spelled out"
    if "(column" in text:
        yield "a column in the text"


def test_the_corpus_is_large_and_holds_every_slip_asked_for() -> None:
    assert len(ROWS) >= 100
    diagnoses = {row.diagnosis.split("@")[0] for row in ROWS}
    assert set(ASKED_FOR) <= diagnoses, set(ASKED_FOR) - diagnoses
    assert diagnoses - {"none"} <= set(MISTAKE_CODES), diagnoses - set(MISTAKE_CODES)
    assert sum(row.diagnosis == "none" for row in ROWS) >= 20


def test_every_row_gets_its_diagnosis() -> None:
    mismatches = []
    for row in ROWS:
        feedback = diagnose_question(row.fields, row.answer)
        got = diagnosis_of(feedback)
        if got != row.diagnosis:
            mismatches.append(f"{row}: expected {row.diagnosis}, got {got} ({feedback.message})")
    assert not mismatches, f"{len(mismatches)} of {len(ROWS)} rows:\n" + "\n".join(mismatches)


def test_a_right_answer_never_gets_a_diagnosis() -> None:
    wrong = []
    for row in {(row.kind, row.question, row.extra): row for row in ROWS}.values():
        asked = asked_question(row.fields)
        parts = [to_text(value) for value in asked.expected]
        right = f"({', '.join(parts)})" if asked.vector else parts[0]
        feedback = diagnose_question(row.fields, right)
        if not feedback.correct or feedback.mistake is not None or feedback.hint is not None:
            wrong.append(f"{row.question} [{row.extra}] <- {right!r}: {feedback.message}")
    assert not wrong, "\n".join(wrong)


def test_every_named_mistake_has_a_hint_that_gives_nothing_away() -> None:
    faults = []
    for row in ROWS:
        feedback = diagnose_question(row.fields, row.answer)
        if feedback.mistake is None:
            if feedback.hint is not None:
                faults.append(f"{row}: a hint with no mistake named")
            continue
        hint = feedback.hint
        if hint is None:
            faults.append(f"{row}: {feedback.mistake} has no hint")
            continue
        given = [text for text in expected_texts(row) if shows(hint, text)]
        if given:
            faults.append(f"{row}: the hint {hint!r} shows {given}")
        if re.search(r"(?<![\w.])\d", hint):
            faults.append(f"{row}: the hint {hint!r} has a number")
        faults.extend(f"{row}: {slip} in {hint!r}" for slip in style_slips(hint))
        faults.extend(
            f"{row}: {slip} in {feedback.message!r}" for slip in style_slips(feedback.message)
        )
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize(
    ("answer", "hint"),
    [
        ("(2, 12)", "Second component: the sign is off: check the sign of w2 at the point"),
        ("(1, -2)", "That is the point, not the gradient at it"),
    ],
)
def test_a_hint_names_the_slip_and_where(answer: str, hint: str) -> None:
    fields = next(row.fields for row in ROWS if row.kind == "gradient_at")
    feedback = diagnose_question(fields, answer)
    assert feedback.hint is not None and feedback.hint.startswith(hint), feedback.hint
    assert feedback.to_json()["hint"] == feedback.hint


def test_a_component_hint_reads_as_one_sentence() -> None:
    fields = next(row.fields for row in ROWS if row.kind == "gradient")
    hint = diagnose_question(fields, "(2w1, 2w2)").hint
    assert (
        hint
        == "Second component: a constant factor went missing: factors without w2 stay as they are."
    )
