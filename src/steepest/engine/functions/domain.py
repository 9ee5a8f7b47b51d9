"""Domain conditions as data: what an operation needs of its argument to have a real value.

The parser records one `Condition` per node as the learner wrote it (ln u needs u > 0), before
SymPy's automatic simplification can erase it (exp(ln x) becomes x). A function of the table
names its own need with a `Requirement`; powers and quotients get theirs in the parser.

`status_at` decides a condition whose expressions are constants, exactly when they are
rational, otherwise by evaluation at a bounded precision; when that cannot tell (a constant that
may be exactly zero), it says "unknown" rather than guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import sympy
from sympy.core.evalf import PrecisionExhausted

ConditionKind = Literal["positive", "nonnegative", "nonzero", "unit", "positive_or_integer"]
"""u > 0; u ≥ 0; u ≠ 0; −1 ≤ u ≤ 1; u > 0 unless the exponent is an integer (then u ≠ 0 is
not required either: a variable exponent on a negative base is defined at integers)."""
Status = Literal["holds", "boundary", "violated", "unknown"]
"""`boundary`: fails only on the edge (ln 0, a pole), an isolated point; `violated`: firmly
outside (ln of a negative number), an open set of points."""

# Digits asked of evalf when deciding a sign, and the working precision it may use to get them:
# 19601 − 13861·√2 ≈ 3.6·10⁻⁵ needs about ten digits of cancellation.
SIGN_DIGITS = 20
MAX_WORKING_DIGITS = 200
# Periodic and exponential functions of an argument larger than this are not evaluated: their
# first digit needs all the digits of the argument's integer part.
ARGUMENT_LIMIT = 10**50
PERIODIC = (sympy.sin, sympy.cos, sympy.tan, sympy.sec, sympy.csc, sympy.cot)
_BLOW_UP = (
    *PERIODIC,
    sympy.exp,
    sympy.sinh,
    sympy.cosh,
    sympy.tanh,
    sympy.sech,
    sympy.csch,
    sympy.coth,
)


@dataclass(frozen=True)
class Condition:
    kind: ConditionKind
    expr: sympy.Expr
    reason: str
    """Why there is no real value when the condition is violated, as in "ln of a negative
    number"."""
    boundary_reason: str | None = None
    """Why there is none on the boundary (ln of zero), when it differs from `reason`."""
    exponent: sympy.Expr | None = None
    """For `positive_or_integer`, the exponent that may be an integer instead; for a constant
    fractional power, the exponent, to suggest a rewriting."""
    column: int | None = None
    """Where the operation starts in the typed text, once the parser has placed it."""

    @property
    def free_symbols(self) -> set[sympy.Basic]:
        found: set[sympy.Basic] = set(self.expr.free_symbols)
        if self.exponent is not None:
            found |= self.exponent.free_symbols
        return found

    def same_need(self, other: Condition) -> bool:
        """The same requirement, wherever it was written."""
        return (self.kind, self.expr, self.exponent) == (other.kind, other.expr, other.exponent)

    def substituted(self, values: dict[sympy.Symbol, sympy.Expr]) -> Condition:
        exponent = None if self.exponent is None else self.exponent.xreplace(values)
        return Condition(
            self.kind, self.expr.xreplace(values), self.reason, self.boundary_reason, exponent
        )

    def why(self, status: Status) -> str:
        if status == "boundary" and self.boundary_reason:
            return self.boundary_reason
        return self.reason


@dataclass(frozen=True)
class Requirement:
    """A function's condition on its argument: `kind` of `of(u)` (of u itself when None)."""

    kind: ConditionKind
    reason: str
    boundary_reason: str | None = None
    of: Callable[[sympy.Expr], sympy.Expr] | None = None

    def on(self, argument: sympy.Expr) -> Condition:
        target = argument if self.of is None else self.of(argument)
        return Condition(self.kind, target, self.reason, self.boundary_reason)


def _plainly_positive(value: sympy.Expr) -> bool:
    """2π, e^(1/2), √(2π): products and rational powers of positive constants, told apart
    without evaluation (the parser meets them in almost every formula)."""
    if value.is_Rational:
        return bool(value > 0)
    if value in (sympy.E, sympy.pi):
        return True
    if isinstance(value, sympy.Mul):
        return all(_plainly_positive(factor) for factor in value.args)
    if isinstance(value, sympy.Pow):
        return bool(value.exp.is_Rational) and _plainly_positive(value.base)
    return False


def evaluable_in_bounds(value: sympy.Expr) -> bool:
    """Whether evalf, and SymPy's assumptions (which call it), can give the constants of
    `value` to a few digits in bounded work: cos(exp(10^10)) needs exp(10^10) to four billion
    digits before its first digit is known, so no."""
    for node in sympy.postorder_traversal(value):
        argument = node.args[0] if isinstance(node, _BLOW_UP) else None
        if argument is not None and not argument.free_symbols:
            size = sympy.Abs(argument).evalf(5)  # its own arguments were vetted first
            if not size.is_Number or size > ARGUMENT_LIMIT:
                return False
    return True


def bounded_evalf(value: sympy.Expr, digits: int = SIGN_DIGITS) -> sympy.Float | None:
    """`value` to `digits` digits, or None when it is not real or not known in bounded work."""
    if value.has(sympy.zoo, sympy.nan, sympy.oo, -sympy.oo) or not evaluable_in_bounds(value):
        return None
    try:
        number = value.evalf(digits, strict=True, maxn=MAX_WORKING_DIGITS)
    except (PrecisionExhausted, ValueError, TypeError, ArithmeticError):
        return None  # an exact zero SymPy did not see, or a value evalf cannot bound
    return number if isinstance(number, sympy.Float) else None  # complex, or not a number


@lru_cache(maxsize=1024)
def sign_of(value: sympy.Expr) -> int | None:
    """−1, 0 or 1 for a real constant; None when it is not real or not decidable in bounds."""
    # Compared directly: building sympy.sign(value) would consult the assumptions system.
    if value.is_Rational:
        numerator = int(value.p)
        return (numerator > 0) - (numerator < 0)
    if _plainly_positive(value):
        return 1
    number = bounded_evalf(value)
    if number is None:
        return None
    return 0 if number.is_zero else -1 if number.is_negative else 1


def is_integer_constant(value: sympy.Expr) -> bool | None:
    """Whether a real constant is an integer; None when evaluation cannot tell."""
    if value.is_Rational:
        return bool(value.is_Integer)
    if sign_of(value) is None:
        return None
    number = bounded_evalf(value)
    if number is None or abs(number) > ARGUMENT_LIMIT:
        return None
    nearest = sympy.Integer(round(float(number)))
    distance = sign_of(value - nearest)
    return None if distance is None else distance == 0


def status_at(condition: Condition) -> Status:
    """Decide a condition whose expressions no longer hold any variable."""
    sign = sign_of(condition.expr)
    if sign is None:
        return "unknown"
    if condition.kind == "positive":
        return "holds" if sign > 0 else "boundary" if sign == 0 else "violated"
    if condition.kind == "nonnegative":
        return "holds" if sign >= 0 else "violated"
    if condition.kind == "nonzero":
        return "holds" if sign != 0 else "boundary"
    if condition.kind == "unit":
        above, below = sign_of(condition.expr - 1), sign_of(condition.expr + 1)
        if above is None or below is None:
            return "unknown"
        return "violated" if above > 0 or below < 0 else "holds"
    # positive_or_integer
    if sign > 0:
        return "holds"
    assert condition.exponent is not None  # the parser always gives this kind an exponent
    integer = is_integer_constant(condition.exponent)
    if integer is None:
        return "unknown"
    if integer:
        return "holds" if sign != 0 or sign_of(condition.exponent) != -1 else "boundary"
    return "boundary" if sign == 0 else "violated"
