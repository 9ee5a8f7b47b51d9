"""A typed answer against an expected one, as `/api/equivalent` takes them: either may be a
vector, the answer may be an equation (`∂L/∂w1 = 2w1`), and a decimal answer follows the
figures rule of answers/tolerance.py, or a relative tolerance the caller gives.

The verdict of a vector names which components are right and which are wrong.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from steepest.engine.answer_kinds import DomainKind, VerdictKind
from steepest.engine.answers.equations import read_typed_answer
from steepest.engine.answers.equivalence import (
    Verdict,
    compare_written,
    invalid_verdict,
    verdict_of,
)
from steepest.engine.answers.sampling import read_domains
from steepest.engine.answers.tolerance import NumberJudgement, Tolerance, judge_number
from steepest.engine.answers.vectors import components_message, parse_vector, read_vector_text
from steepest.engine.answers.verdict_types import TypedVerdictJson
from steepest.engine.errors import EngineError
from steepest.engine.notation.symbols import canonical_variable_name
from steepest.engine.notation.written import Written

# Too few figures is not wrong, only not enough: it costs nothing, like text that cannot be read.
_DECIMAL_VERDICTS: dict[NumberJudgement, VerdictKind] = {
    "right": "correct",
    "too_few_figures": "invalid",
    "misrounded": "incorrect",
    "wrong": "incorrect",
}


def check_typed_answer(
    expected: str,
    answer: str,
    variables: Sequence[str],
    domain: Mapping[str, str] | None = None,
    tolerance: Tolerance | None = None,
    seed: int = 0,
) -> TypedVerdictJson:
    """The verdict on `answer`, with one verdict per component when `expected` is a vector.

    An `answer` that cannot be read is `invalid` (no penalty); an `expected` that cannot be read,
    or a bad domain, is the caller's mistake and raises the EngineError.
    """
    names = [canonical_variable_name(v) for v in variables]
    domains = read_domains(domain, names)
    size = len(read_vector_text(expected).components)
    wanted = parse_vector(expected, names, size)
    try:
        typed = read_typed_answer(answer)
        given = parse_vector(typed.text, names, size, typed.offset)
    except EngineError as error:
        return _with_components(invalid_verdict(error), [])
    pieces = _component_texts(typed.text, size)
    verdicts = [
        _judge(w, g, piece, names, domains, tolerance, seed)
        for w, g, piece in zip(wanted, given, pieces, strict=True)
    ]
    if size == 1:
        return _with_components(verdicts[0], [])
    return _with_components(_overall(verdicts), verdicts)


def _judge(
    expected: Written,
    given: Written,
    typed: str | None,
    names: Sequence[str],
    domains: Sequence[DomainKind],
    tolerance: Tolerance | None,
    seed: int,
) -> Verdict:
    decimal = None if typed is None else judge_number(expected.expr, given.expr, typed, tolerance)
    if decimal is not None:
        kind = _DECIMAL_VERDICTS[decimal.outcome]
        return Verdict(kind, kind == "correct", decimal.message)
    return verdict_of(compare_written(expected, given, names, domains, seed))


def _component_texts(text: str, size: int) -> list[str | None]:
    """What each component was typed as; None under a factor (2(w1, w2)), which no decimal
    rule reads."""
    vector = read_vector_text(text)
    if vector.factor is not None:
        return [None] * size
    return [piece for piece, _ in vector.components]


def _overall(verdicts: Sequence[Verdict]) -> Verdict:
    wrong = [i for i, v in enumerate(verdicts) if v.verdict == "incorrect"]
    unsure = [i for i, v in enumerate(verdicts) if v.verdict == "invalid"]
    if not wrong and not unsure:
        return Verdict("correct", True, "Correct: every component is right.")
    if not wrong:
        return Verdict("invalid", False, " ".join(verdicts[i].message for i in unsure))
    return Verdict("incorrect", False, components_message(wrong, len(verdicts)))


def _with_components(verdict: Verdict, components: Sequence[Verdict]) -> TypedVerdictJson:
    return {**verdict.to_json(), "components": [c.to_json() for c in components]}
