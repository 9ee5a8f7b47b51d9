"""The form the learner typed, for the preview's "Read as": 2(wx + b − y) stays as it is, not
the 2b + 2wx − 2y that SymPy makes of it, and 0.164 stays 0.164, not 41/250.

Only text that `parse_written` has read is shown, so every check is made there, once; this
parser walks the same grammar again and builds its tree unevaluated, decimals as typed.
"""

from __future__ import annotations

from collections.abc import Sequence

import sympy

from steepest.engine.functions.domain import Condition
from steepest.engine.functions.table import function_builder
from steepest.engine.limits import DEFAULT_LIMITS, Limits
from steepest.engine.notation.lexer import Token, tokenize
from steepest.engine.notation.names import Piece
from steepest.engine.notation.parser import Parser, parse_written
from steepest.engine.notation.symbols import declared_names


def shown_expression(
    text: str,
    variables: Sequence[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    *,
    parameters: Sequence[str] = (),
) -> sympy.Expr:
    """The expression as typed, unevaluated; raises what `parse_written` raises."""
    parse_written(text, variables, limits, parameters=parameters)
    names = declared_names(variables, parameters, limits.max_variables)
    return ShownParser(tokenize(text), names, limits).expression()


class ShownParser(Parser):
    """The parser, building each node as written: nothing is combined, reordered or expanded."""

    def sum(self, terms: Sequence[sympy.Expr]) -> sympy.Expr:
        return sympy.Add(*terms, evaluate=False)

    def product(self, factors: Sequence[sympy.Expr]) -> sympy.Expr:
        return sympy.Mul(*factors, evaluate=False)

    def negated(self, operand: sympy.Expr) -> sympy.Expr:
        if operand.is_Number and not operand.is_negative:
            return -operand
        return sympy.Mul(sympy.S.NegativeOne, operand, evaluate=False)

    def quotient(self, numerator: sympy.Expr, denominator: sympy.Expr) -> sympy.Expr:
        if numerator.is_Mul and numerator.args[0] == 1:
            # 1/2x is read as x/2: the 1 the term started with says nothing once it is shown so.
            numerator = self.product(numerator.args[1:])
        reciprocal = sympy.Pow(denominator, sympy.S.NegativeOne, evaluate=False)
        return sympy.Mul(numerator, reciprocal, evaluate=False)

    def root(self, radicand: sympy.Expr) -> sympy.Expr:
        return sympy.Pow(radicand, sympy.S.Half, evaluate=False)

    def applied(self, function: Piece, argument: sympy.Expr) -> sympy.Expr:
        build = function_builder(function.name)
        assert build is not None  # the text was parsed: the table has every function in it
        # Built on a stand-in, then rebuilt around the argument as typed: log10(x) is shown as
        # it is read, ln(x)/ln(10), and sin(0) stays sin(0).
        stand_in = sympy.Dummy(real=True)
        return _unevaluated(build(stand_in), stand_in, argument)

    def checked_power(
        self, base: sympy.Expr, exponent: sympy.Expr, column: int, start: int
    ) -> sympy.Expr:
        return sympy.Pow(base, exponent, evaluate=False)

    def require_all(self, conditions: list[Condition], column: int) -> None:
        """Nothing to record: the conditions were checked when the text was parsed."""

    def number(self, token: Token) -> sympy.Expr:
        text = token.text.lower().replace("−", "-")
        if text.isdigit():
            return super().number(token)
        mantissa = text.partition("e")[0]
        figures = len(mantissa.replace(".", "").lstrip("0")) or 1
        return sympy.Float(text, figures)


def _unevaluated(expr: sympy.Basic, stand_in: sympy.Dummy, argument: sympy.Expr) -> sympy.Expr:
    if expr == stand_in:
        return argument
    if not expr.args:
        return expr
    args = [_unevaluated(arg, stand_in, argument) for arg in expr.args]
    rebuilt: sympy.Expr = expr.func(*args, evaluate=False)
    return rebuilt
