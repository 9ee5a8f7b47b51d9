"""Printers: SymPy expressions as MathML for pages, plain text for terminals, strings for JSON.

The plain-text form is what a learner could type back in: it only uses what the engine's grammar
accepts (``^``, ``e``, ``pi``, the functions of the table by their names) and puts parentheses
wherever precedence needs them. The MathML form is presentation MathML that parses as XML. Both
write a function of the table (functions/table.py) as the table says.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Any

import sympy
from mpmath.libmp import prec_to_dps
from mpmath.libmp import to_str as mpf_to_str
from sympy.core.function import AppliedUndef
from sympy.printing.conventions import split_super_sub
from sympy.printing.mathml import MathMLPresentationPrinter
from sympy.printing.pretty.pretty_symbology import greek_unicode
from sympy.printing.str import StrPrinter

from steepest.engine.functions.table import function_of

MATHML_NAMESPACE = "http://www.w3.org/1998/Math/MathML"
MINUS = "\u2212"
# Printing is a large share of the time it takes to explain a gradient, and a derivation prints
# the same sub-expressions several times (as a rule's result and again inside its parent), so
# each printer keeps the most recent answers. Expressions are immutable, so this is safe.
_CACHE_SIZE = 2048
# Fixed-point decimals only: the grammar reads "1e5" as 1·e·5, so no exponent notation.
_NO_EXPONENT_NOTATION = 10**6
_DOUBLE_PRECISION = 53
_ENTITY = re.compile(r"&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_XML_RESERVED = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}


@lru_cache(maxsize=_CACHE_SIZE)
def ordered_terms(expr: sympy.Expr) -> tuple[sympy.Expr, ...]:
    """The terms of a sum in the order the printers show them (x^2 + 2*x + 1).

    Working out that order is the slowest part of printing a sum, and one sum gets printed
    three ways (text, MathML, SymPy string) and split into steps, so it is worked out once.
    """
    return tuple(expr.as_ordered_terms())


class _CachedTermOrder:
    """Printer mixin: sums use ``ordered_terms`` (the printers' default order, from a cache)."""

    def _as_ordered_terms(self, expr: sympy.Expr, order: str | None = None) -> list[sympy.Expr]:
        return list(ordered_terms(expr))


class _MathMLPrinter(_CachedTermOrder, MathMLPresentationPrinter):  # type: ignore[misc]
    """SymPy's presentation printer with the fixes a learner's page needs.

    SymPy writes ⅆ for a derivative in one symbol, ⅇ for e, lower-cases applied function names,
    uses an ASCII hyphen for minus and leaves HTML named entities that an XML parser rejects.
    A function of the table is written as the table says: its glyph before the argument in
    parentheses, bars around it, or e raised to it.
    """

    def _print(self, expr: Any, **kwargs: Any) -> Any:
        function = function_of(expr)
        if function is None:
            return super()._print(expr, **kwargs)
        (argument,) = expr.args
        if function.mathml == "power of e":
            power = self.dom.createElement("msup")
            power.appendChild(self._print_Exp1(None))
            power.appendChild(self._print(argument))
            return power
        row = self.dom.createElement("mrow")
        if function.mathml == "bars":
            row.appendChild(self._element("mo", "|"))
            row.appendChild(self._print(argument))
            row.appendChild(self._element("mo", "|"))
            return row
        row.appendChild(self._element("mi", function.page_name))
        row.appendChild(self._paren_comma_separated(argument))
        return row

    def _print_Mul(self, expr: Any) -> Any:
        # SymPy moves e^(−w2) below a fraction bar as 1/e^(w2): w1·e^(−w2) would read as
        # w1/e^(w2). Keep such a power of e a factor, after the rest of the product.
        decays = [
            f
            for f in expr.args
            if isinstance(f, sympy.exp) and f.args[0].could_extract_minus_sign()
        ]
        if not decays:
            return super()._print_Mul(expr)
        rest = sympy.Mul(*(f for f in expr.args if f not in decays))
        row = self.dom.createElement("mrow")
        if rest == -1:
            row.appendChild(self._element("mo", "-"))
        elif rest != 1:
            row.appendChild(self._print(rest))
        for position, decay in enumerate(decays):
            if position or rest not in (1, -1):
                row.appendChild(self._element("mo", "\u2062"))
            row.appendChild(self._print(decay))
        return row

    def mathml_tag(self, e: Any) -> str:
        if isinstance(e, sympy.Derivative):
            return "\u2202"
        if isinstance(e, AppliedUndef):
            return html.escape(e.func.__name__)
        tag: str = super().mathml_tag(e)
        return tag

    def _print_Exp1(self, e: Any) -> Any:
        return self._element("mi", "e")

    def _print_Pi(self, e: Any) -> Any:
        return self._element("mi", "\u03c0")

    def _print_int(self, p: int) -> Any:
        if p < 0:
            return self._negated(-p)
        return super()._print_int(p)

    def _print_Float(self, e: Any) -> Any:
        if e.is_negative:
            return self._negated(-e)
        return super()._print_Float(e)

    def _print_Symbol(self, sym: Any, style: str = "plain") -> Any:
        name, supers, subs = split_super_sub(sym.name)
        base = self._element("mi", _greek(name))
        if not subs and not supers:
            return base
        tag = "msubsup" if subs and supers else "msub" if subs else "msup"
        scripted = self.dom.createElement(tag)
        scripted.appendChild(base)
        for scripts in (subs, supers):
            if scripts:
                script = " ".join(_greek(s) for s in scripts)
                scripted.appendChild(self._element("mn" if script.isdigit() else "mi", script))
        return scripted

    def _negated(self, positive: Any) -> Any:
        row = self.dom.createElement("mrow")
        row.appendChild(self._element("mo", "-"))
        row.appendChild(self._print(positive))
        return row

    def _element(self, tag: str, text: str) -> Any:
        node = self.dom.createElement(tag)
        node.appendChild(self.dom.createTextNode(html.escape(text, quote=False)))
        return node

    def doprint(self, expr: Any) -> str:
        markup: str = self._print(expr).toxml()
        # SymPy writes text nodes raw, entity references included; turn every reference into
        # its character (XML knows only five named ones) while keeping the reserved ones escaped.
        markup = _ENTITY.sub(_entity_to_text, markup)
        return markup.replace("<mo>-</mo>", f"<mo>{MINUS}</mo>")


def _greek(name: str) -> str:
    return str(greek_unicode.get(name, name))


def _entity_to_text(match: re.Match[str]) -> str:
    text = html.unescape(match.group(0))
    return _XML_RESERVED.get(text, text)


class _SympyStrPrinter(_CachedTermOrder, StrPrinter):  # type: ignore[misc]
    """``sympy.sstr``, with the term order from the cache."""


class _TextPrinter(_SympyStrPrinter):
    """Plain text in the engine's own grammar: a function of the table by its name."""

    def _print(self, expr: Any, **kwargs: Any) -> str:
        function = function_of(expr)
        if function is None:
            text: str = super()._print(expr, **kwargs)
            return text
        (argument,) = expr.args
        return f"{function.name}({self._print(argument)})"

    def _print_Pow(self, expr: Any, rational: bool = False) -> str:
        base, exponent = expr.args
        if exponent == sympy.S.Half:
            return f"sqrt({self._print(base)})"
        if exponent == -sympy.S.Half:
            return f"1/sqrt({self._print(base)})"
        if exponent == -1:
            return f"1/{self._operand(base)}"
        return f"{self._operand(base)}^{self._operand(exponent)}"

    def _operand(self, expr: Any) -> str:
        """Print one side of ``^`` or ``/``, bracketed unless it is a single token or call."""
        text: str = self._print(expr)
        is_token = expr.is_Symbol or expr in (sympy.E, sympy.pi)
        is_plain_number = (expr.is_Integer or expr.is_Float) and not expr.is_negative
        is_call = isinstance(expr, sympy.Function) or (expr.is_Pow and expr.exp == sympy.S.Half)
        if is_token or is_plain_number or is_call:
            return text
        return f"({text})"

    def _print_Exp1(self, expr: Any) -> str:
        return "e"

    def _print_Float(self, expr: Any) -> str:
        if expr._prec == _DOUBLE_PRECISION:
            # The shortest digits that read back to the same double, written out in full.
            return format(Decimal(repr(float(expr))), "f")
        text: str = mpf_to_str(
            expr._mpf_,
            max(1, prec_to_dps(expr._prec)),
            strip_zeros=True,
            min_fixed=-_NO_EXPONENT_NOTATION,
            max_fixed=_NO_EXPONENT_NOTATION,
        )
        return text


class _ShownPrinter(_MathMLPrinter):
    """The learner's form (notation/shown.py), unevaluated: terms and factors in the order
    typed, brackets kept, a quotient as a fraction of what stood on either side of its '/'.

    SymPy's own sums and products reorder an unevaluated tree, print −(a + b) as −a + b, and
    turn w1·e^(−w2) into a fraction, so both are written here."""

    def _print_Add(self, expr: Any, order: str | None = None) -> Any:
        row = self.dom.createElement("mrow")
        for index, term in enumerate(expr.args):
            negative, magnitude = _sign_and_magnitude(term)
            if index or negative:
                row.appendChild(self._element("mo", "-" if negative else "+"))
            row.appendChild(self._operand(magnitude))
        return row

    def _print_Mul(self, expr: Any) -> Any:
        negative, magnitude = _sign_and_magnitude(expr)
        if negative:
            row = self.dom.createElement("mrow")
            row.appendChild(self._element("mo", "-"))
            row.appendChild(self._operand(magnitude, first=True))
            return row
        over = [f.base for f in expr.args if f.is_Pow and f.exp == -1]
        if over:
            fraction = self.dom.createElement("mfrac")
            above = [f for f in expr.args if not (f.is_Pow and f.exp == -1)] or [sympy.Integer(1)]
            fraction.appendChild(self._print(sympy.Mul(*above, evaluate=False)))
            fraction.appendChild(self._print(sympy.Mul(*over, evaluate=False)))
            return fraction
        row = self.dom.createElement("mrow")
        for index, factor in enumerate(expr.args):
            if index:
                digits = factor.is_Number or (factor.is_Pow and factor.base.is_Number)
                row.appendChild(self._element("mo", "\u00b7" if digits else "\u2062"))
            row.appendChild(self._operand(factor, first=index == 0))
        return row

    def _operand(self, expr: Any, *, first: bool = False) -> Any:
        """`expr` as an operand of a sum or a product, bracketed where it would not read as one."""
        node = self._print(expr)
        loose = expr.is_Add or (_sign_and_magnitude(expr)[0] and not first)
        return self._bracketed(node) if loose else node

    def _bracketed(self, node: Any) -> Any:
        row = self.dom.createElement("mrow")
        row.appendChild(self._element("mo", "("))
        row.appendChild(node)
        row.appendChild(self._element("mo", ")"))
        return row


def _sign_and_magnitude(expr: Any) -> tuple[bool, Any]:
    """Whether a term of the learner's form is written with a minus, and what follows it."""
    if expr.is_Number and expr.is_negative:
        return True, -expr
    if expr.is_Mul and len(expr.args) == 2 and expr.args[0] is sympy.S.NegativeOne:
        return True, expr.args[1]
    return False, expr


# The string printers keep a nesting level that decides how floats look, so each call gets its
# own (they cost about a microsecond to build). The MathML printer costs thirty times that and
# reads no such state (it only creates detached nodes from its document), so one is shared.
_MATHML_PRINTER = _MathMLPrinter()
_SHOWN_PRINTER = _ShownPrinter()


@lru_cache(maxsize=_CACHE_SIZE)
def mathml_fragment(expr: sympy.Basic) -> str:
    """The presentation MathML of ``expr`` without the enclosing ``<math>`` element."""
    return _MATHML_PRINTER.doprint(expr)


def shown_mathml_fragment(expr: sympy.Basic) -> str:
    """The presentation MathML of the learner's form of an expression (notation/shown.py),
    without the enclosing ``<math>`` element."""
    return _SHOWN_PRINTER.doprint(expr)


def to_mathml(expr: sympy.Basic, *, display: bool = False) -> str:
    """A complete ``<math>`` element for ``expr``."""
    return mathml_math(mathml_fragment(expr), display=display)


@lru_cache(maxsize=_CACHE_SIZE)
def to_text(expr: sympy.Basic) -> str:
    """Readable plain text that the engine's grammar parses back to the same expression."""
    text: str = _TextPrinter().doprint(expr)
    return text


@lru_cache(maxsize=_CACHE_SIZE)
def to_sympy_str(expr: sympy.Basic) -> str:
    """SymPy's own string form (``2*w1``), which ``sympy.sympify`` reads back; used in JSON."""
    text: str = _SympyStrPrinter().doprint(expr)
    return text


def mathml_math(fragment: str, *, display: bool = False) -> str:
    """Wrap MathML fragments in the ``<math>`` element that a page embeds."""
    mode = ' display="block"' if display else ""
    return f'<math xmlns="{MATHML_NAMESPACE}"{mode}>{fragment}</math>'


def mathml_row(*fragments: str) -> str:
    return f"<mrow>{''.join(fragments)}</mrow>"


def mathml_operator(symbol: str) -> str:
    """An operator such as ``=``, ``+`` or ``·``; a hyphen becomes the minus sign U+2212."""
    symbol = MINUS if symbol == "-" else symbol
    return f"<mo>{html.escape(symbol, quote=False)}</mo>"


def mathml_parenthesized(fragment: str) -> str:
    return mathml_row(mathml_operator("("), fragment, mathml_operator(")"))


def mathml_equation(*sides: str) -> str:
    """``a = b = c`` from the fragments of each side."""
    return mathml_row(*_interleave(sides, mathml_operator("=")))


def mathml_vector(components: Sequence[str]) -> str:
    """A tuple ``(a, b, …)`` from the fragments of its components."""
    return mathml_parenthesized(mathml_row(*_interleave(components, mathml_operator(","))))


def mathml_matrix(rows: Sequence[Sequence[str]]) -> str:
    """A matrix in square brackets from the fragments of its entries, row by row."""
    table = "".join(
        "<mtr>" + "".join(f"<mtd>{entry}</mtd>" for entry in row) + "</mtr>" for row in rows
    )
    return mathml_row(mathml_operator("["), f"<mtable>{table}</mtable>", mathml_operator("]"))


def mathml_derivative(func_name: str, variable: sympy.Symbol, *, partial: bool = True) -> str:
    """The fraction ∂L/∂w1 (or dL/du when ``partial`` is false)."""
    top = (
        mathml_row(_mathml_d(partial), _mathml_name(func_name)) if func_name else _mathml_d(partial)
    )
    bottom = mathml_row(_mathml_d(partial), mathml_fragment(variable))
    return f"<mfrac>{top}{bottom}</mfrac>"


def mathml_gradient(func_name: str) -> str:
    """∇L."""
    return mathml_row(mathml_operator("\u2207"), _mathml_name(func_name))


def _mathml_d(partial: bool) -> str:
    return mathml_operator("\u2202") if partial else '<mi mathvariant="normal">d</mi>'


def _mathml_name(name: str) -> str:
    return mathml_fragment(sympy.Symbol(name))


def _interleave(items: Sequence[str], separator: str) -> list[str]:
    joined: list[str] = []
    for index, item in enumerate(items):
        if index:
            joined.append(separator)
        joined.append(item)
    return joined
