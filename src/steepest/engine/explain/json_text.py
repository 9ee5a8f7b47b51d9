"""Expressions in the JSON contract: SymPy's spelling (`2*w1`), read back alike by
`sympy.sympify` and by Steepest's own parser.

SymPy's plain string form is almost that. Four things are not, and are written otherwise here:
- Euler's number prints as `E`, which our parser reads as a variable named E: it is `exp(1)`.
- A variable named like something in SymPy's namespace (`lambda`, a Python keyword; `beta`,
  `gamma` and `zeta`, SymPy functions) is read back by `sympify` as that thing: a Greek letter
  is written as its glyph (`λ`), which both read as a plain variable, and our parser as the
  same variable. Single capitals that SymPy takes (E, I, N, O, Q, S) have no such spelling.
- `Abs(x)` is `abs(x)`: `sympify` reads Python's `abs` as SymPy's Abs.
- Sums keep the printers' cached term order (`notation.printing.ordered_terms`).
"""

from __future__ import annotations

import keyword
from typing import Any

import sympy
from sympy.printing.str import StrPrinter

from steepest.engine.notation.printing import ordered_terms
from steepest.engine.notation.vocabulary import GREEK


def _is_taken(name: str) -> bool:
    """Whether `sympify` reads the name as something other than a variable: a Python keyword
    (`lambda`) or a name in SymPy's namespace (`beta`, `gamma`, `zeta`: functions)."""
    return keyword.iskeyword(name) or hasattr(sympy, name)


class _JsonPrinter(StrPrinter):  # type: ignore[misc]
    def _as_ordered_terms(self, expr: sympy.Expr, order: str | None = None) -> list[sympy.Expr]:
        return list(ordered_terms(expr))

    def _print_Exp1(self, expr: Any) -> str:
        return "exp(1)"

    def _print_Abs(self, expr: Any) -> str:
        # `Abs` is SymPy's name only; Python's `abs` gives SymPy's Abs, and our parser knows it.
        return f"abs({self._print(expr.args[0])})"

    def _print_Symbol(self, expr: Any) -> str:
        name: str = expr.name
        return GREEK.get(name, name) if _is_taken(name) else name


def json_expression(expr: sympy.Basic) -> str:
    """The expression as the JSON contract writes it (see the module's docstring)."""
    text: str = _JsonPrinter().doprint(expr)
    return text
