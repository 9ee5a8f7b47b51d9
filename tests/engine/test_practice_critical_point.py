"""The `critical_point` practice topic (lesson 05): is a point where ∇L = 0 a minimum, a maximum
or a saddle? The key is checked against SymPy's own gradient and eigenvalues, a choice is scored,
and the misreadings of the Hessian are named."""

from __future__ import annotations

from collections import Counter

import pytest
import sympy

from steepest.engine.errors import EngineError
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import CLASSIFICATIONS, Problem, make_problem
from steepest.engine.problems.solutions import worked_solution

SEEDS = range(40)
PROBLEMS = [
    generate_problem("critical_point", level, "critical_point", seed)
    for level in (1, 2, 3)
    for seed in SEEDS
]
W1, W2 = make_symbol("w1"), make_symbol("w2")


def label(problem: Problem) -> str:
    return f"level{problem.level}-seed{problem.seed}"


def reference_kind(problem: Problem) -> str:
    """The second-derivative test done again with SymPy's eigenvalues."""
    at = problem.point_map
    values = list(
        sympy.hessian(problem.function, problem.variables).subs(at).eigenvals(multiple=True)
    )
    assert all(v != 0 for v in values)
    if all(v > 0 for v in values):
        return "minimum"
    return "maximum" if all(v < 0 for v in values) else "saddle"


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_the_point_is_critical_and_its_kind_is_the_eigenvalues(problem: Problem) -> None:
    assert problem.point is not None and all(c.is_Integer for c in problem.point)
    for v in problem.variables:
        assert sympy.diff(problem.function, v).subs(problem.point_map) == 0
    assert problem.classification == reference_kind(problem)
    assert problem.function.is_polynomial(*problem.variables)


def test_each_level_asks_all_three_kinds() -> None:
    for level in (1, 2, 3):
        kinds = Counter(p.classification for p in PROBLEMS if p.level == level)
        assert set(kinds) == set(CLASSIFICATIONS) and min(kinds.values()) >= 5


@pytest.mark.parametrize("problem", PROBLEMS[::4], ids=label)
def test_the_public_problem_offers_the_three_choices_and_hides_the_key(problem: Problem) -> None:
    public = problem.to_public_json()
    assert public["shape"] == "choice" and public["choices"] == ["minimum", "maximum", "saddle"]
    # The key is only in what the server keeps: the page gets the point and the three choices.
    assert "classification" not in public and problem.classification is not None
    assert public["prompt"].endswith("Is it a minimum, a maximum or a saddle point?")


@pytest.mark.parametrize("problem", PROBLEMS[::4], ids=label)
def test_the_right_choice_in_any_spelling_is_correct_and_the_others_are_not(
    problem: Problem,
) -> None:
    right = problem.classification
    assert right is not None
    spellings = {"minimum": "Min", "maximum": "a local maximum", "saddle": "saddle point."}
    for typed in (right, spellings[right]):
        assert diagnose(problem, typed).verdict == "correct"
    for other in CLASSIFICATIONS:
        if other != right:
            feedback = diagnose(problem, other)
            assert feedback.verdict == "incorrect" and feedback.mistake is not None


@pytest.mark.parametrize("typed", ["", "minmax", "inflection", "2"])
def test_anything_but_a_choice_is_invalid_and_costs_nothing(typed: str) -> None:
    feedback = diagnose(PROBLEMS[0], typed)
    assert feedback.verdict == "invalid" and "minimum, maximum, saddle" in feedback.message


def point_of(function: str, at: tuple[int, int]) -> Problem:
    point = tuple(sympy.Integer(c) for c in at)
    return make_problem("critical_point", parse(function, ["w1", "w2"]), (W1, W2), point=point)


@pytest.mark.parametrize(
    ("function", "at", "answer", "code"),
    [
        # Both diagonal entries positive, but det H = 4 − 16 < 0.
        ("w1^2 + 4w1*w2 + w2^2", (0, 0), "minimum", "ignored_determinant"),
        ("w1^3 + w2^3 - 3w1*w2", (0, 0), "maximum", "ignored_determinant"),
        ("w1^2 + w1*w2 + w2^2", (0, 0), "saddle", "missed_extremum"),
        ("-(w1^2) - w2^2 + w1*w2", (0, 0), "minimum", "minimum_not_maximum"),
        ("(w1^2 - 1)^2 + (w2 - 2)^2", (1, 2), "maximum", "maximum_not_minimum"),
    ],
)
def test_a_misread_hessian_is_named(
    function: str, at: tuple[int, int], answer: str, code: str
) -> None:
    feedback = diagnose(point_of(function, at), answer)
    assert (feedback.verdict, feedback.mistake) == ("incorrect", code), feedback.message


def test_a_point_that_is_not_critical_or_has_a_singular_hessian_is_refused() -> None:
    with pytest.raises(EngineError):
        point_of("w1^2 + w2^2", (1, 0))
    with pytest.raises(EngineError):
        point_of("w1^4 + w2^2", (0, 0))


@pytest.mark.parametrize("problem", PROBLEMS[::9], ids=label)
def test_the_solution_takes_the_hessian_at_the_point_and_reads_it(problem: Problem) -> None:
    solution = worked_solution(problem)
    assert solution["answer"] == [problem.classification]
    kinds = [s["kind"] for s in solution["steps"]]
    assert kinds == ["partial", "partial", "hessian", "classify_point"]
    determinant = sympy.hessian(problem.function, problem.variables).subs(problem.point_map).det()
    assert solution["steps"][-1]["formula"] == f"det H = {determinant}"
    assert solution["steps"][-1]["text"].endswith(
        "A saddle point." if problem.classification == "saddle" else f"A {problem.classification}."
    )
