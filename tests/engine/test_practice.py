"""Practice problems: well posed, checked against SymPy, reproducible, with the key kept back."""

from __future__ import annotations

import json

import pytest
import sympy

from steepest.engine.answer_kinds import PROBLEM_KINDS, ProblemKind, VerdictKind
from steepest.engine.answers.equivalence import compare_expressions
from steepest.engine.errors import EngineError
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.generator import GENERATORS, generate_problem
from steepest.engine.problems.mastery import Attempt, mastery
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.solutions import worked_solution
from steepest.engine.problems.topics import KINDS_BEFORE_TOPICS, TOPICS, topic_before_topics

KINDS: tuple[ProblemKind, ...] = ("partial", "gradient", "gradient_at", "descent", "optimum")
SEEDS = range(12)


def generated(level: int, kind: ProblemKind, seed: int) -> Problem:
    """A problem of `kind` from the topic made for that kind."""
    return generate_problem(topic_before_topics(kind), level, kind, seed)


PROBLEMS = [generated(level, kind, seed) for level in (1, 2, 3) for kind in KINDS for seed in SEEDS]


def label(problem: Problem) -> str:
    return f"{problem.kind}-{problem.level}-{problem.seed}"


def reference_answer(problem: Problem) -> list[sympy.Expr]:
    """The answer worked out again, straight from sympy.diff."""
    f, variables = problem.function, problem.variables
    if problem.kind == "partial":
        assert problem.respect is not None
        return [sympy.diff(f, problem.respect)]
    partials = [sympy.diff(f, v) for v in variables]
    if problem.kind == "gradient":
        return partials
    values = [p.subs(problem.point_map) for p in partials]
    return [-v for v in values] if problem.kind == "descent" else values


@pytest.mark.parametrize("problem", [p for p in PROBLEMS if p.kind != "optimum"], ids=label)
def test_answer_key_matches_sympy(problem: Problem) -> None:
    for key, reference in zip(problem.expected, reference_answer(problem), strict=True):
        assert sympy.simplify(key - reference) == 0


@pytest.mark.parametrize("problem", [p for p in PROBLEMS if p.kind == "optimum"], ids=label)
def test_optimum_is_a_critical_point_of_the_right_kind_inside_the_interval(
    problem: Problem,
) -> None:
    (x,), (best,) = problem.variables, problem.expected
    assert problem.interval is not None
    low, high = problem.interval
    assert low < best < high
    assert sympy.simplify(sympy.diff(problem.function, x).subs(x, best)) == 0
    curvature = sympy.diff(problem.function, x, 2).subs(x, best)
    assert curvature < 0 if problem.goal == "maximum" else curvature > 0


@pytest.mark.parametrize(
    "problem", [p for p in PROBLEMS if p.kind in ("gradient_at", "descent")], ids=label
)
def test_point_problems_have_small_integer_points_and_hand_sized_answers(
    problem: Problem,
) -> None:
    assert problem.point is not None
    assert all(c.is_Integer and abs(c) <= 2 for c in problem.point)
    assert any(v != 0 for v in problem.expected)
    for value in problem.expected:
        assert value.is_real and abs(float(value)) <= 200
        assert not value.atoms(sympy.Function)
        if problem.level in (1, 2):
            assert value.is_Rational


@pytest.mark.parametrize("problem", [p for p in PROBLEMS if p.kind == "partial"], ids=label)
def test_partial_problems_are_never_trivially_zero(problem: Problem) -> None:
    assert problem.expected[0] != 0


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_the_answer_key_typed_in_is_correct(problem: Problem) -> None:
    text = ", ".join(to_text(c) for c in problem.expected)
    feedback = diagnose(problem, f"({text})" if problem.is_vector else text)
    assert feedback.correct, feedback.message


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_public_json_keeps_the_answer_back(problem: Problem) -> None:
    public = problem.to_public_json()
    assert not {"expected", "answer", "solution", "steps"} & public.keys()
    dumped = json.dumps(public)
    for component in problem.expected:
        text = to_text(component)
        if component.free_symbols and text not in to_text(problem.function):
            assert text not in dumped


@pytest.mark.parametrize("problem", PROBLEMS, ids=label)
def test_solution_gives_the_answer_and_steps_that_reach_it(problem: Problem) -> None:
    solution = worked_solution(problem)
    assert solution["answer"] == [to_text(c) for c in problem.expected]
    assert solution["answer_mathml"].startswith("<math")
    kinds = [step["kind"] for step in solution["steps"]]
    assert "partial" in kinds
    if problem.kind == "partial":
        (step,) = solution["steps"]
        assert step["kind"] == "partial"
        assert problem.respect is not None and step["variable"] == problem.respect.name
        names = problem.names
        from_steps = sympy.parse_expr(
            step["result"], {n: sympy.Symbol(n, real=True) for n in names}
        )
        assert compare_expressions(
            problem.expected[0], from_steps, names, problem.domain
        ).equivalent
    if problem.kind in ("gradient_at", "descent"):
        assert "evaluate" in kinds
    if problem.kind == "optimum":
        assert kinds[-3:] == ["critical", "classify", "answer"]


def test_same_seed_same_problem_and_seeds_give_variety() -> None:
    for level in (1, 2, 3):
        assert generated(level, "gradient_at", 7) == generated(level, "gradient_at", 7)
        functions = {generated(level, "gradient", seed).function for seed in range(30)}
        assert len(functions) >= 10


def test_levels_grow_in_kind_of_function() -> None:
    def functions(level: int) -> list[sympy.Expr]:
        return [generated(level, "gradient", seed).function for seed in range(20)]

    assert all(f.is_polynomial() for f in functions(1))
    assert all(f.is_polynomial() for f in functions(2))
    assert any(len(sympy.Mul.make_args(sympy.factor(f))) > 1 for f in functions(2))
    assert all(f.atoms(sympy.Function) or f.has(sympy.exp(1)) for f in functions(3))


def test_an_unknown_level_is_refused() -> None:
    with pytest.raises(EngineError):
        generate_problem("gradient", 4, "gradient", 0)


# -- topics --------------------------------------------------------------------------------------


def test_every_topic_has_a_generator_and_asks_only_kinds_of_problem() -> None:
    assert set(GENERATORS) == set(TOPICS)
    for name, topic in TOPICS.items():
        assert topic.name == name and topic.title and topic.kinds
        # A topic travels inside a dotted practice token and a store name.
        assert name.replace("_", "").isalpha() and name.islower()
        assert set(topic.kinds) <= set(PROBLEM_KINDS)
        assert len(set(topic.kinds)) == len(topic.kinds)


@pytest.mark.parametrize("kind", PROBLEM_KINDS)
def test_a_problem_is_the_same_whichever_topic_asks_it(kind: ProblemKind) -> None:
    """So an attempt stored before topics, given the topic of its kind, rebuilds the problem
    the learner saw: the key (level, kind, seed) still decides it. Backpropagation asks for
    gradients too, of losses of its own (computation graphs): it is the one topic apart."""
    asking = [name for name, topic in TOPICS.items() if kind in topic.kinds and name != "backprop"]
    if kind in KINDS_BEFORE_TOPICS:
        assert topic_before_topics(kind) in asking
    for level in (1, 2, 3):
        problems = {generate_problem(name, level, kind, 5) for name in asking}
        assert len(problems) == 1


def test_a_topic_asks_only_its_own_kinds() -> None:
    with pytest.raises(EngineError, match="the topic 'partial' asks partial, not gradient"):
        generate_problem("partial", 1, "gradient", 0)
    with pytest.raises(EngineError, match="no practice topic 'chain'"):
        generate_problem("chain", 1, "partial", 0)


def test_the_mixed_topic_asks_every_kind_a_typed_question_may() -> None:
    assert {generate_problem("mixed", 1, kind, 3).kind for kind in TOPICS["mixed"].kinds} == {
        "partial",
        "gradient",
        "gradient_at",
        "descent",
    }


# -- mastery -------------------------------------------------------------------------------------


def attempts(*verdicts: VerdictKind, level: int = 1) -> list[Attempt]:
    return [Attempt(level, v) for v in verdicts]


def test_three_right_in_a_row_masters_a_level() -> None:
    state = mastery(attempts("correct", "correct"))
    assert not state.levels[0].mastered and state.levels[0].streak == 2
    assert "1 more" in state.message
    state = mastery(attempts("correct", "correct", "correct"))
    assert state.levels[0].mastered and state.recommended_level == 2


def test_a_wrong_answer_resets_the_streak_but_invalid_input_costs_nothing() -> None:
    assert mastery(attempts("correct", "correct", "incorrect", "correct")).levels[0].streak == 1
    state = mastery(attempts("correct", "invalid", "correct", "invalid", "correct"))
    assert state.levels[0].mastered and state.levels[0].attempts == 3


def test_other_levels_do_not_break_a_streak_and_mastery_stays() -> None:
    history = [
        *attempts("correct", "correct"),
        *attempts("incorrect", level=2),
        *attempts("correct"),
        *attempts("incorrect", "incorrect"),
    ]
    state = mastery(history)
    assert state.levels[0].mastered and state.levels[0].streak == 0
    assert not state.levels[1].mastered and state.recommended_level == 2


def test_all_levels_mastered() -> None:
    history = [
        a for level in (1, 2, 3) for a in attempts("correct", "correct", "correct", level=level)
    ]
    state = mastery(history)
    assert all(level.mastered for level in state.levels)
    assert state.recommended_level == 3 and "All three" in state.message
    assert state.to_json()["levels"][2]["correct"] == 3


def test_a_second_try_counts_as_an_attempt_but_never_as_right_first_time() -> None:
    first, other = ("partial", 11), ("partial", 12)
    history = [
        Attempt(1, "correct", ("partial", 10)),
        Attempt(1, "incorrect", first),
        Attempt(1, "invalid", first),
        Attempt(1, "correct", first),
        Attempt(1, "correct", other),
    ]
    level = mastery(history).levels[0]
    assert (level.attempts, level.retries, level.correct, level.streak) == (4, 1, 2, 1)


def test_the_mastery_line_of_each_level_speaks_of_that_level() -> None:
    state = mastery([*attempts("correct", "correct", "correct"), *attempts("correct", level=2)])
    lines = [level["message"] for level in state.to_json()["levels"]]
    assert lines[0].startswith("Level 1 mastered")
    assert lines[1] == "Level 2: 1 right in a row; 2 more to master it."
    assert lines[2] == "Level 3: get 3 right in a row to master it."
