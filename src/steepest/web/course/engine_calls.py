"""The functions the web app hands to the compute pool; they run in worker processes only.

The web process imports this module to name the functions, never to run them, so the engine
(and SymPy with it) is imported inside each function: a worker has it preloaded already, and the
server's own start-up stays free of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

# What the forkserver imports once, so that each worker forks with it already loaded.
WORKER_PRELOAD = (
    "steepest.engine",
    "steepest.engine.explain.report",
    "steepest.engine.notation.printing",
)

Coordinate = int | float | str


def gradient_report(
    expression: str,
    at: Mapping[str, Coordinate] | None,
    variables: Sequence[str] | None,
) -> dict[str, Any]:
    """The engine's gradient report, exactly as `steepest grad --json` prints it."""
    from steepest.engine.explain.report import gradient_report as engine_gradient_report

    return engine_gradient_report(expression, at, variables)


def worked_example(expression: str, at: Mapping[str, Coordinate] | None) -> dict[str, Any]:
    """An author's worked example: the report, plus the task typeset as `L(w1, w2) = …`."""
    import sympy

    from steepest.engine.calculus.points import read_point
    from steepest.engine.explain.report import gradient_report as engine_gradient_report
    from steepest.engine.notation.parser import parse
    from steepest.engine.notation.printing import (
        mathml_equation,
        mathml_fragment,
        mathml_math,
        mathml_vector,
    )
    from steepest.engine.notation.symbols import make_symbol

    report = engine_gradient_report(expression, at, None)
    variables = [make_symbol(name) for name in report["variables"]]
    named = sympy.Function("L")(*variables)
    function = mathml_equation(mathml_fragment(named), mathml_fragment(parse(expression)))
    point = None
    if at is not None:
        values = read_point(at, variables)
        point = mathml_math(mathml_vector([mathml_fragment(values[v]) for v in variables]))
    return {"report": report, "function_mathml": mathml_math(function), "point_mathml": point}


def equivalence(
    expected: str, answer: str, variables: Sequence[str], domain: Mapping[str, str] | None
) -> dict[str, Any]:
    """Whether `answer` equals `expected` on the domain: the engine's verdict as JSON."""
    from steepest.engine.answers.equivalence import check_equivalent

    return check_equivalent(expected, answer, variables, domain).to_json()


def preview(text: str, variables: Sequence[str] | None) -> str:
    """What the engine read from `text`, typeset: the live preview under an answer box.

    A list of components, `(2w1, 6w2)`, is read as a vector, the way answers are checked."""
    from steepest.engine.answers.vectors import split_components
    from steepest.engine.errors import EngineError, MathSyntaxError
    from steepest.engine.notation.parser import parse
    from steepest.engine.notation.printing import (
        mathml_fragment,
        mathml_math,
        mathml_vector,
        to_mathml,
    )

    pieces = split_components(text)
    if len(pieces) == 1:
        return to_mathml(parse(text, variables))
    parts = []
    for piece, offset in pieces:
        if not piece.strip():
            raise MathSyntaxError("a component is empty", offset + 1)
        try:
            parts.append(mathml_fragment(parse(piece, variables)))
        except EngineError as error:
            # Columns count from the start of the whole text, not of this component.
            column = None if error.column is None else error.column + offset
            raise type(error)(error.message, column) from None
    return mathml_math(mathml_vector(parts))


def question_feedback(question: Mapping[str, Any], answer: str) -> dict[str, Any]:
    """An author's typed-answer question, rebuilt from its fields, and the learner's answer
    diagnosed against it: the verdict and, when wrong, the mistake it recognises."""
    from steepest.engine.mistakes.diagnosis import diagnose
    from steepest.engine.problems.problem import problem_from_text

    problem = problem_from_text(
        question["kind"],
        question["function"],
        question.get("variables"),
        respect=question.get("respect"),
        at=question.get("at"),
    )
    return diagnose(problem, answer).to_json()


def practice_problem(level: int, kind: str, seed: int) -> dict[str, Any]:
    """A generated problem as the page may show it: no answer, no solution."""
    from steepest.engine.problems.generator import generate_problem

    public = generate_problem(level, kind, seed).to_public_json()  # type: ignore[arg-type]
    public.pop("seed", None)  # the server's token stands for the problem
    return public


def practice_feedback(level: int, kind: str, seed: int, answer: str) -> dict[str, Any]:
    """The learner's answer to a generated problem, diagnosed, and the worked solution."""
    from steepest.engine.mistakes.diagnosis import diagnose
    from steepest.engine.problems.generator import generate_problem
    from steepest.engine.problems.solutions import worked_solution

    problem = generate_problem(level, kind, seed)  # type: ignore[arg-type]
    return {"feedback": diagnose(problem, answer).to_json(), "solution": worked_solution(problem)}
