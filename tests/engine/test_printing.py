"""Printers: MathML that parses as XML and fixes SymPy's quirks; text and strings that read back."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy.parsing.sympy_parser import parse_expr

from steepest.engine.functions.function import MathFunction
from steepest.engine.functions.table import TABLE
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import (
    mathml_derivative,
    mathml_equation,
    mathml_fragment,
    mathml_math,
    mathml_vector,
    to_mathml,
    to_sympy_str,
    to_text,
)

w1, w2, x, y, z, theta, L = sympy.symbols("w1 w2 x y z theta L", real=True)
REAL_SYMBOLS = {s.name: s for s in (w1, w2, x, y, z, theta, L)}
MATHML = "{http://www.w3.org/1998/Math/MathML}"

EXAMPLES = [
    w1**2 + 3 * w2**2,
    3 * x**2 * y - 2 * x * y**3,
    2 * sympy.sin(x) * sympy.cos(y),
    sympy.exp(-(x**2) - y**2),
    x * sympy.exp(x * y),
    sympy.log(x**2 + y**2),
    sympy.Abs(x - y),
    sympy.sqrt(x),
    1 / sympy.sqrt(x + y),
    1 / x,
    x**-2,
    (x + 1) ** 2,
    (x - y) ** sympy.Rational(3, 2),
    x ** sympy.Rational(-1, 3),
    2 ** (x * y),
    (-2) ** x,
    sympy.Rational(1, 2) ** x,
    x**y,
    x ** (y**2),
    (x**y) ** z,
    sympy.E,
    sympy.E * x,
    sympy.pi * x**2,
    -x,
    -(x**2),
    x - y,
    sympy.Rational(-3, 2) * x,
    x / (y * z),
    sympy.sin(x) ** 2 + sympy.cos(x) ** 2,
    sympy.tan(x) + sympy.sec(x) + sympy.csc(x) + sympy.cot(x),
    sympy.asin(x) - sympy.acos(y) + sympy.atan(x * y),
    sympy.sinh(x) * sympy.cosh(y) / sympy.tanh(z),
    sympy.sech(x) - sympy.csch(y) * sympy.coth(z),
    sympy.asinh(x) + sympy.acosh(y) ** 2 - sympy.atanh(x * z),
    sympy.asech(x) / sympy.acsch(y) + sympy.acoth(z),
    sympy.sign(x) * sympy.Abs(y),
    theta**2 - 2 * theta,
    sympy.Float(0.5) * x + sympy.Float(-1.25),
    1 / (1 + sympy.exp(-w1 * x - w2)),
]


def read_back_text(text: str) -> sympy.Expr:
    """Read plain text the way the grammar does, with SymPy's parser (allowed in tests)."""
    names = {**REAL_SYMBOLS, "abs": sympy.Abs, "e": sympy.E, "ln": sympy.log}
    parsed = parse_expr(text.replace("^", "**"), local_dict=names)
    # parse_expr gives "0.24740395925452294" 17 digits of precision; the printer promises that
    # the digits read back to the same double, so compare at double precision.
    return parsed.xreplace({f: sympy.Float(float(f)) for f in parsed.atoms(sympy.Float)})


@pytest.mark.parametrize("expr", EXAMPLES, ids=str)
def test_text_reads_back_to_the_same_expression(expr: sympy.Expr) -> None:
    assert read_back_text(to_text(expr)) == expr


@pytest.mark.parametrize("expr", EXAMPLES, ids=str)
def test_text_reads_back_through_the_project_parser(expr: sympy.Expr) -> None:
    # The grammar reads decimals as exact fractions (0.25 is 1/4).
    assert parse(to_text(expr)) == sympy.nsimplify(expr, rational=True)


@pytest.mark.parametrize("expr", EXAMPLES, ids=str)
def test_sympy_string_reads_back_and_matches_sstr(expr: sympy.Expr) -> None:
    text = to_sympy_str(expr)
    assert text == sympy.sstr(expr)
    assert sympy.sympify(text, locals=REAL_SYMBOLS) == expr


@pytest.mark.parametrize(
    "function", [f for f in TABLE.functions if f.mathml == "call"], ids=lambda f: f.name
)
def test_mathml_shows_a_function_by_the_name_pages_use(function: MathFunction) -> None:
    # arcsin for asin, arsinh for asinh (ISO 80000-2), ln for log
    assert f"<mi>{function.page_name}</mi>" in mathml_fragment(function.sympy_class(x))


@pytest.mark.parametrize("expr", EXAMPLES, ids=str)
def test_mathml_is_xml_without_sympy_double_struck_letters(expr: sympy.Expr) -> None:
    markup = to_mathml(expr)
    root = ET.fromstring(markup)
    assert root.tag == f"{MATHML}math"
    assert "\u2146" not in markup  # ⅆ
    assert "\u2147" not in markup  # ⅇ
    assert "&" not in markup.replace("&lt;", "").replace("&gt;", "").replace("&amp;", "")


@pytest.mark.parametrize(
    ("expr", "text"),
    [
        (w1**2 + 3 * w2**2, "w1^2 + 3*w2^2"),
        (2 * sympy.sin(x) * sympy.cos(y), "2*sin(x)*cos(y)"),
        (sympy.exp(-(x**2) - y**2), "exp(-x^2 - y^2)"),
        (sympy.Abs(x), "abs(x)"),
        (sympy.sqrt(x), "sqrt(x)"),
        (sympy.log(x), "ln(x)"),
        (sympy.log(x, 10), "ln(x)/ln(10)"),
        (sympy.pi, "pi"),
        (sympy.E, "e"),
        ((x + 1) ** 2, "(x + 1)^2"),
        (2 ** (x * y), "2^(x*y)"),
        ((-2) ** x, "(-2)^x"),
        (x**-2, "x^(-2)"),
        (1 / x, "1/x"),
        (sympy.Float(1e-7) * x, "0.0000001*x"),
    ],
)
def test_text_uses_the_grammar_spelling(expr: sympy.Expr, text: str) -> None:
    assert to_text(expr) == text


def test_partial_derivative_of_one_symbol_prints_curly_d() -> None:
    markup = to_mathml(sympy.Derivative(x**2, x))
    assert markup.count("\u2202") == 2
    assert "\u2146" not in markup


def test_e_prints_as_a_plain_letter_with_its_exponent_raised() -> None:
    root = ET.fromstring(to_mathml(sympy.exp(x)))
    power = root[0]
    assert power.tag == f"{MATHML}msup"
    assert [power[0].tag, power[0].text] == [f"{MATHML}mi", "e"]
    assert power[1].text == "x"


def test_function_and_symbol_names_keep_their_case() -> None:
    assert "<mi>L</mi>" in to_mathml(sympy.Function("L")(w1, w2))
    assert "<mi>L</mi>" in to_mathml(L)
    assert "<mi>l</mi>" not in to_mathml(sympy.Function("L")(w1, w2))


def test_minus_is_the_unicode_minus_sign() -> None:
    for expr in (x - y, -x, sympy.Integer(-3), sympy.Float(-2.5), sympy.Rational(-1, 2)):
        markup = to_mathml(expr)
        assert "<mo>\u2212</mo>" in markup
        assert "-" not in markup


def test_indexed_names_are_subscripts_and_greek_names_are_letters() -> None:
    root = ET.fromstring(to_mathml(w1))
    assert [(node.tag, node.text) for node in root[0]] == [
        (f"{MATHML}mi", "w"),
        (f"{MATHML}mn", "1"),
    ]
    assert "<mi>\u03b8</mi>" in to_mathml(theta)


def test_names_are_escaped_for_xml() -> None:
    odd = sympy.Symbol("a<b&c", real=True)
    root = ET.fromstring(to_mathml(odd + 1))
    assert "a<b&c" in "".join(root.itertext())


def test_display_mode_is_a_block() -> None:
    assert ET.fromstring(to_mathml(x, display=True)).get("display") == "block"
    assert ET.fromstring(to_mathml(x)).get("display") is None


def test_helpers_build_derivatives_vectors_and_equations() -> None:
    markup = mathml_math(
        mathml_equation(
            mathml_derivative("L", w1),
            mathml_vector([mathml_fragment(x), mathml_fragment(y)]),
        )
    )
    root = ET.fromstring(markup)
    text = "".join(root.itertext())
    assert text == "\u2202L\u2202w1=(x,y)"
    assert root.find(f".//{MATHML}mfrac") is not None


# Random expressions: the printers must agree with the expression for anything the grammar
# can build, not only for the examples above.
UNARY = [*(function.sympy_class for function in TABLE.functions), sympy.sqrt]
LEAVES = st.one_of(
    st.sampled_from([x, y, z, sympy.E, sympy.pi]),
    st.integers(-4, 4).map(sympy.Integer),
    st.sampled_from([sympy.Rational(1, 2), sympy.Rational(-2, 3), sympy.Float(0.25)]),
)

EXPONENTS = st.one_of(
    st.integers(-2, 3).map(sympy.Integer),
    st.sampled_from([x, y, z, sympy.Rational(1, 2), sympy.Rational(-1, 3), x * y, -z, x**2 + y]),
)


def combine(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    pairs = st.tuples(children, children)
    # Exponents come from a short list, not from the recursion: 4^4^4^4 has too many digits.
    powers = st.tuples(children, EXPONENTS)
    return st.one_of(
        pairs.map(lambda p: p[0] + p[1]),
        pairs.map(lambda p: p[0] - p[1]),
        pairs.map(lambda p: p[0] * p[1]),
        pairs.map(lambda p: p[0] / p[1]),
        powers.map(lambda p: p[0] ** p[1]),
        st.tuples(st.sampled_from(UNARY), children).map(lambda p: p[0](p[1])),
    )


EXPRESSIONS = st.recursive(LEAVES, combine, max_leaves=8).filter(
    lambda e: not e.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo, sympy.I)
)


POINTS = [
    {x: sympy.Rational(7, 10), y: sympy.Rational(-13, 10), z: sympy.Rational(2, 5)},
    {x: sympy.Rational(19, 10), y: sympy.Rational(3, 5), z: sympy.Rational(-4, 5)},
    {x: sympy.Rational(-9, 20), y: sympy.Rational(23, 20), z: sympy.Rational(17, 10)},
]


def same_values(a: sympy.Expr, b: sympy.Expr) -> bool:
    """Equal as functions: both sides give the same number (complex ones too) at each point.

    Printed text can read back in another canonical shape, such as 1/(2*(x + y)) as
    1/(2*x + 2*y), so structure alone would reject correct text.
    """
    compared = 0
    for point in POINTS:
        # Floats, not fractions: SymPy would try to work powers such as (7/10)^(7/10) out exactly.
        at = {v: sympy.Float(c, 40) for v, c in point.items()}
        left, right = a.xreplace(at).evalf(30), b.xreplace(at).evalf(30)
        if not (left.is_number and right.is_number and left.is_finite and right.is_finite):
            continue  # a pole of the expression: nothing to compare there
        compared += 1
        if abs(complex(left) - complex(right)) > 1e-9 * max(1.0, abs(complex(left))):
            return False
    return compared > 0


@settings(max_examples=150, deadline=None)
@given(EXPRESSIONS)
def test_any_expression_prints_to_text_that_reads_back(expr: sympy.Expr) -> None:
    read = read_back_text(to_text(expr))
    assert read == expr or same_values(read, expr)


@settings(max_examples=150, deadline=None)
@given(EXPRESSIONS)
def test_any_expression_prints_to_well_formed_mathml(expr: sympy.Expr) -> None:
    markup = to_mathml(expr)
    ET.fromstring(markup)
    assert "\u2146" not in markup and "\u2147" not in markup


@pytest.mark.parametrize(
    ("typed", "before"),
    [("w1*exp(-w2)", "w1"), ("-3x*exp(-x^2)", "x"), ("x/2*exp(-x)", "x")],
)
def test_a_product_with_a_decaying_exponential_is_set_as_a_product_not_a_fraction(
    typed: str, before: str
) -> None:
    markup = mathml_fragment(parse(typed))
    tree = ET.fromstring(markup)
    (decay,) = [power for power in tree.iter("msup") if power[0].text == "e"]
    assert decay[1][0].text == "\u2212"  # e to a negative power: e^(−w2)
    # The exponential follows the rest of the product, on the line, not under a bar.
    assert not any(frac.find(".//msup") is not None for frac in tree.iter("mfrac")), markup
    assert markup.index(before[0]) < markup.index("<mi>e</mi>")


def test_a_quotient_is_still_a_fraction() -> None:
    assert "<mfrac>" in mathml_fragment(parse("w1/w2"))
    assert "<mfrac>" in mathml_fragment(parse("x/(x + 1)"))
