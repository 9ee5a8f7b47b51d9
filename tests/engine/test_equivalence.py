"""The equivalence checker: the corpus of typed answers, domains, vectors, and properties."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from answer_corpus import Pair, read_corpus
from steepest.engine.answers.equivalence import SAFETY, check_equivalent, compare_expressions
from steepest.engine.answers.vectors import split_components
from steepest.engine.errors import EngineError, MathSyntaxError, VariableError
from steepest.engine.evaluate.bounded import compile_evaluator
from steepest.engine.functions.error_bounds import NotReal, Singular
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.problem import problem_from_text

VERDICT_OF = {"equivalent": "correct", "different": "incorrect", "invalid": "invalid"}


PAIRS = read_corpus("equivalence")


def test_corpus_is_large_and_covers_every_verdict() -> None:
    counts = {v: sum(p.verdict == v for p in PAIRS) for v in VERDICT_OF}
    assert counts["equivalent"] + counts["different"] >= 150
    assert counts["equivalent"] >= 70
    assert counts["different"] >= 70
    assert counts["invalid"] >= 10


@pytest.mark.parametrize("pair", PAIRS, ids=lambda p: f"{p.expected} ~ {p.answer}")
def test_checker_gets_every_corpus_pair_right(pair: Pair) -> None:
    verdict = check_equivalent(pair.expected, pair.answer, pair.variables, pair.domain)
    assert verdict.verdict == VERDICT_OF[pair.verdict], verdict.message
    assert verdict.equivalent == (pair.verdict == "equivalent")


@pytest.mark.parametrize("seed", range(5))
def test_corpus_verdicts_do_not_depend_on_the_seed(seed: int) -> None:
    wrong = [
        p
        for p in PAIRS
        if p.verdict != "invalid"
        and check_equivalent(p.expected, p.answer, p.variables, p.domain, seed=seed + 1).verdict
        != VERDICT_OF[p.verdict]
    ]
    assert wrong == []


def test_log_rule_fails_for_negative_x_and_says_where() -> None:
    verdict = check_equivalent("ln(x^4)", "4 ln x", ["x"])
    assert verdict.verdict == "incorrect"
    found = verdict.counterexample
    assert found is not None and found.answer_value is None
    assert float(sympy.Rational(dict(found.point)["x"])) < 0
    assert found.reason is not None and "ln" in found.reason
    assert check_equivalent("ln(x^4)", "4 ln x", ["x"], {"x": "positive"}).equivalent


def test_invalid_answer_carries_the_parsers_message_and_column() -> None:
    text = "2w1 + (w2"
    with pytest.raises(MathSyntaxError) as raised:
        parse(text, ["w1", "w2"])
    verdict = check_equivalent("2w1 + w2", text, ["w1", "w2"])
    assert verdict.verdict == "invalid" and not verdict.equivalent
    assert verdict.column == raised.value.column
    assert verdict.message == raised.value.message  # the column apart: a page names it once


def test_a_pole_at_a_sampled_point_gives_no_verdict_there() -> None:
    # x = 2 is the first point tried, and the answer has a pole there.
    assert check_equivalent("x + 2", "(x^2 - 4)/(x - 2)", ["x"]).equivalent
    assert check_equivalent("e^x + 1/(x - 2)", "e^x + (x + 2)/(x^2 - 4)", ["x"]).equivalent


@pytest.mark.parametrize("seed", range(30))
def test_cancellation_at_large_points_is_not_a_difference(seed: int) -> None:
    verdict = check_equivalent("e^x + 2x + 1", "e^x + (x + 1)^2 - x^2", ["x"], seed=seed)
    assert verdict.equivalent


@pytest.mark.parametrize("seed", range(30))
def test_tiny_differences_are_still_differences(seed: int) -> None:
    assert not check_equivalent("sin(x)", "sin(x) + 10^-9", ["x"], seed=seed).equivalent
    assert not check_equivalent("x", "sin(x)", ["x"], seed=seed).equivalent


def test_counterexample_value_is_the_answers_value_there() -> None:
    verdict = check_equivalent("(x + 1)^2", "x^2 + 1", ["x"])
    found = verdict.counterexample
    assert found is not None and found.answer_value is not None
    point = {sympy.Symbol(name, real=True): sympy.Rational(value) for name, value in found.point}
    assert sympy.Rational(found.answer_value) == parse("x^2 + 1").xreplace(point)
    assert parse("(x + 1)^2").xreplace(point) != parse("x^2 + 1").xreplace(point)


def test_no_verdict_of_equivalence_without_points_where_the_expected_answer_is_defined() -> None:
    verdict = check_equivalent("sqrt(-1 - x^2)", "sqrt(-2 - x^2)", ["x"])
    assert verdict.verdict == "incorrect" and "too few points" in verdict.message


def test_a_numeric_answer_gets_no_counterexample_point() -> None:
    verdict = check_equivalent("-12", "12", ["w1", "w2"])
    assert verdict.verdict == "incorrect" and verdict.counterexample is None


def test_bad_domain_or_expected_is_the_callers_error() -> None:
    with pytest.raises(VariableError):
        check_equivalent("x", "x", ["x"], {"x": "negative"})
    with pytest.raises(VariableError):
        check_equivalent("x", "x", ["x"], {"y": "positive"})
    with pytest.raises(EngineError):
        check_equivalent("x +", "x", ["x"])


def test_verdict_json_has_the_api_fields() -> None:
    payload = check_equivalent("2w1", "2 w1", ["w1"]).to_json()
    assert payload["verdict"] == "correct" and payload["equivalent"] is True
    assert {"message", "column", "counterexample"} <= payload.keys()


# -- vectors -------------------------------------------------------------------------------------

# ∇(w1² + 3w2²) = (2w1, 6w2): vector answers are checked by diagnosing them against it.
GRADIENT = problem_from_text("gradient", "w1^2 + 3w2^2")


@pytest.mark.parametrize(
    "text", ["(2w1, 6w2)", "2w1, 6w2", "[2w1,6w2]", " ( 2 w1 , 6w_2 ) ", "⟨2w1, 6w2⟩"]
)
def test_vector_answers_in_every_usual_spelling(text: str) -> None:
    feedback = diagnose(GRADIENT, text)
    assert feedback.verdict == "correct"
    assert [c.verdict for c in feedback.components] == ["correct", "correct"]


def test_vector_verdict_names_the_wrong_component() -> None:
    feedback = diagnose(GRADIENT, "(2w1, 5w2)")
    assert feedback.verdict == "incorrect"
    assert [c.equivalent for c in feedback.components] == [True, False]
    assert "second" in feedback.message and "first" in feedback.message


def test_commas_inside_parentheses_do_not_split() -> None:
    assert [piece for piece, _ in split_components("(w1+1)(w2), 3")] == ["(w1+1)(w2)", " 3"]
    assert [piece for piece, _ in split_components("((a, b), c)")] == ["(a, b)", " c"]


@pytest.mark.parametrize(
    ("text", "component"),
    [("(2w1, 6w2 +)", " 6w2 +"), ("(2w1, 6w2 ^ )", " 6w2 ^ "), ("2w1, (6w2", " (6w2")],
)
def test_vector_error_columns_count_from_the_whole_text(text: str, component: str) -> None:
    with pytest.raises(MathSyntaxError) as raised:
        parse(component, ["w1", "w2"])
    assert raised.value.column is not None
    feedback = diagnose(GRADIENT, text)
    assert feedback.verdict == "invalid"
    assert feedback.column == text.index(component) + raised.value.column


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2w1 6w2", "expected 2 components"),
        ("(2w1, 6w2, 0)", "found 3"),
        ("(2w1, )", "second component is empty"),
        ("(2w1, 6w2]", "matching brackets"),
    ],
)
def test_malformed_vectors_are_invalid_with_a_reason(text: str, fragment: str) -> None:
    feedback = diagnose(GRADIENT, text)
    assert feedback.verdict == "invalid" and fragment in feedback.message


# -- properties ----------------------------------------------------------------------------------

X, Y = sympy.symbols("x y", real=True)
LEAVES = st.sampled_from([X, Y, sympy.Integer(1), sympy.Integer(2), sympy.Integer(-3)])


def _combine(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    return st.one_of(
        st.tuples(children, children).map(lambda p: p[0] + p[1]),
        st.tuples(children, children).map(lambda p: p[0] * p[1]),
        st.tuples(children, st.integers(2, 3)).map(lambda p: p[0] ** p[1]),
        children.map(sympy.sin),
        children.map(sympy.cos),
        st.tuples(st.integers(-2, 2), st.integers(-2, 2)).map(
            lambda c: sympy.exp(c[0] * X + c[1] * Y)
        ),
    )


EXPRESSIONS = st.recursive(LEAVES, _combine, max_leaves=6)
NONZERO_TERMS = st.tuples(
    st.fractions(min_value=-5, max_value=5).filter(lambda c: abs(c) >= sympy.Rational(1, 10)),
    st.sampled_from([sympy.Integer(1), X, Y, X * Y, X**2, sympy.sin(X), sympy.exp(Y)]),
).map(lambda p: sympy.Rational(p[0].numerator, p[0].denominator) * p[1])


@given(EXPRESSIONS)
@settings(max_examples=150, deadline=None)
def test_expression_is_equivalent_to_its_expanded_factored_and_together_forms(
    expr: sympy.Expr,
) -> None:
    for form in (sympy.expand(expr), sympy.factor(expr), sympy.together(expr)):
        assert compare_expressions(expr, form, ["x", "y"], ["real", "real"]).equivalent


@given(EXPRESSIONS)
@settings(max_examples=100, deadline=None)
def test_printed_form_typed_back_is_equivalent(expr: sympy.Expr) -> None:
    assert check_equivalent(expr, to_text(sympy.expand(expr)), ["x", "y"]).equivalent


@given(EXPRESSIONS, NONZERO_TERMS)
@settings(max_examples=200, deadline=None)
def test_adding_a_nonzero_term_makes_it_inequivalent(expr: sympy.Expr, term: sympy.Expr) -> None:
    assert not compare_expressions(expr, expr + term, ["x", "y"], ["real", "real"]).equivalent


@given(st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_any_text_gets_a_verdict_never_an_exception(text: str) -> None:
    verdict = check_equivalent("x^2 + y", text, ["x", "y"])
    assert verdict.verdict in {"correct", "incorrect", "invalid"}
    if verdict.verdict == "invalid":
        assert verdict.message and not verdict.equivalent


@given(st.text(alphabet="xy12+-*/^()., sinexpl", max_size=40))
@settings(max_examples=300, deadline=None)
def test_near_miss_vectors_get_a_verdict_never_an_exception(text: str) -> None:
    feedback = diagnose(problem_from_text("gradient", "x^2 + x y", ["x", "y"]), text)
    assert feedback.verdict in {"correct", "incorrect", "invalid"}
    assert feedback.column is None or 1 <= feedback.column <= len(text) + 1


@given(EXPRESSIONS, st.floats(-30, 30), st.floats(-30, 30))
@settings(max_examples=300, deadline=None)
def test_float_evaluation_error_bound_covers_the_true_error(
    expr: sympy.Expr, x: float, y: float
) -> None:
    try:
        value, error = compile_evaluator(expr, ["x", "y"])((x, y))
    except (Singular, NotReal):
        return
    exact = sympy.N(expr.xreplace({X: sympy.Float(x, 60), Y: sympy.Float(y, 60)}), 40)
    assert abs(value - float(exact)) <= SAFETY * error + 1e-300
