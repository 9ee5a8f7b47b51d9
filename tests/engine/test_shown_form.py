"""The learner's form (notation/shown.py): what the preview shows is what was typed, unworked,
and it stands for exactly what the checker parsed."""

from __future__ import annotations

import re

import pytest
import sympy

from answer_corpus import read_corpus
from steepest.engine.errors import EngineError
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import shown_mathml_fragment
from steepest.engine.notation.shown import shown_expression


def _readable_texts() -> list[tuple[str, list[str] | None, list[str]]]:
    """Every text of the corpora that the parser reads, with the names it is read with."""
    found = {}
    for name in ("notation", "equivalence", "adversarial", "adversarial_domains"):
        for row in read_corpus(name):
            for text in (row.expected, row.answer):
                variables = row.variables or None
                try:
                    parse(text, variables, parameters=row.parameters)
                except EngineError:
                    continue
                found[(text, tuple(variables or ()), tuple(row.parameters))] = (
                    text,
                    variables,
                    row.parameters,
                )
    return list(found.values())


def test_the_shown_form_stands_for_what_the_checker_parsed() -> None:
    texts = _readable_texts()
    assert len(texts) > 500
    differ = []
    for text, variables, parameters in texts:
        shown = shown_expression(text, variables, parameters=parameters)
        assert shown_mathml_fragment(shown).startswith("<")
        # Worked out, with each decimal as the exact number it is read as, it is the parse.
        exact = shown.xreplace({f: sympy.Rational(str(f)) for f in shown.atoms(sympy.Float)})
        parsed = parse(text, variables, parameters=parameters)
        worked = exact.doit()
        if worked != parsed and sympy.simplify(worked - parsed) != 0:
            differ.append((text, worked, parsed))
    assert not differ


def _characters(mathml: str) -> str:
    return re.sub(r"<[^>]+>", "", mathml).replace("\u2062", "")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2(wx + b - y)", "2(wx+b−y)"),  # SymPy would expand it: 2b + 2wx − 2y
        ("0.164", "0.164"),  # SymPy's exact reading is 41/250
        ("x*2", "x·2"),
        ("-(a + b)", "−(a+b)"),
        ("a - (b - c)", "a−(b−c)"),
        ("2 - -3", "2−(−3)"),
        ("2*-3", "2·(−3)"),
        ("sin(0) + exp(0)", "sin(0)+e0"),
        ("log10(x)", "ln(x)ln(10)"),
    ],
)
def test_the_shown_form_is_the_typed_one(text: str, shown: str) -> None:
    assert _characters(shown_mathml_fragment(shown_expression(text))) == shown


def test_a_quotient_is_a_fraction_of_its_two_sides() -> None:
    mathml = shown_mathml_fragment(shown_expression("3x/(x + 1)"))
    assert mathml.startswith("<mfrac>") and _characters(mathml) == "3xx+1"
    assert "<mfrac>" not in shown_mathml_fragment(shown_expression("w1*exp(-w2)"))


def test_text_the_parser_refuses_is_refused_with_its_message() -> None:
    with pytest.raises(EngineError) as parsed:
        parse("2w1 + (w2", ["w1", "w2"])
    with pytest.raises(EngineError) as shown:
        shown_expression("2w1 + (w2", ["w1", "w2"])
    assert (shown.value.message, shown.value.column) == (parsed.value.message, parsed.value.column)
