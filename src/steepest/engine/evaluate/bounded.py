"""Floating-point evaluation that also bounds its own rounding error, and knows the real domain.

Comparing two expressions at a point needs more than their values: (x+1)² − x² at x = 10⁸
cancels eight digits away, so a fixed tolerance would either reject a right answer there or
accept wrong ones everywhere. Each evaluation therefore returns `(value, error)`, where `error`
is a first-order bound on the rounding error accumulated so far, and a comparison allows the
two answers to differ by their combined bound.

Where there is no value, evaluation raises `Singular` (an isolated problem: pick another point)
or `NotReal` (firmly outside the real domain); see functions/error_bounds.py, which also holds
each function's rule, found through the table of functions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import sympy

from steepest.engine.errors import EngineError
from steepest.engine.evaluate.float_value import is_too_large
from steepest.engine.functions.error_bounds import (
    EXP_LIMIT,
    UNIT_ROUNDOFF,
    BoundRule,
    Evaluation,
    NotReal,
    Singular,
    exp_bound,
)
from steepest.engine.functions.table import function_of

Evaluator = Callable[[Sequence[float]], Evaluation]


def compile_evaluator(expr: sympy.Expr, variables: Sequence[str]) -> Evaluator:
    """A function from coordinates (in the order of `variables`) to `(value, error bound)`.

    Symbols are matched by name, so assumptions on the caller's symbols do not matter.
    """
    index = {name: i for i, name in enumerate(variables)}
    return _evaluator(_compile(expr, index))


def _compile(expr: sympy.Expr, index: dict[str, int]) -> Evaluator | sympy.Expr:
    """An evaluator, or the expression itself while it is constant.

    Constants are left as expressions on the way up, so that each largest constant part (π/2,
    √2·e) is worked out once, as a whole, and no part of the tree is walked twice.
    """
    if expr.is_Symbol:
        i = index[expr.name]
        return lambda point: (point[i], 0.0)
    if not expr.args:
        return expr
    compiled = [_compile(arg, index) for arg in expr.args]
    if all(isinstance(part, sympy.Expr) for part in compiled):
        return expr
    parts = [_evaluator(part) for part in compiled]
    if expr.is_Add:
        return _sum(parts)
    if expr.is_Mul:
        return _product(parts)
    if expr.is_Pow:
        return _power(expr, parts[0], parts[1])
    function = function_of(expr)
    if function is not None and len(parts) == 1:
        return _applied(function.bound, parts[0])
    return _by_sympy(expr, index)


def _evaluator(part: Evaluator | sympy.Expr) -> Evaluator:
    return _constant(part) if isinstance(part, sympy.Expr) else part


def _constant(expr: sympy.Expr) -> Evaluator:
    """Constant sub-expressions are worked out once, by SymPy, to 20 digits; a rational number
    needs only one division, correctly rounded."""
    try:
        if expr.is_Rational:
            value = complex(expr.p / expr.q)
        elif is_too_large(expr):
            # Beyond a float, or no real value: screened before SymPy computes all its digits.
            value = complex(math.nan)
        else:
            value = complex(sympy.N(expr, 20))
    except (TypeError, OverflowError):
        value = complex(math.nan)
    if not (math.isfinite(value.real) and math.isfinite(value.imag)):
        return _always(Singular(f"{expr!s} has no finite value"))
    if abs(value.imag) > 1e-15 * max(1.0, abs(value.real)):
        return _always(NotReal(f"{expr!s} is not a real number"))
    result = (value.real, abs(value.real) * UNIT_ROUNDOFF)
    return lambda point: result


def _always(error: EngineError) -> Evaluator:
    def fail(point: Sequence[float]) -> Evaluation:
        raise error

    return fail


def _checked(value: float, error: float) -> Evaluation:
    if not (math.isfinite(value) and math.isfinite(error)):
        raise Singular("overflow")
    return value, error


def _sum(parts: list[Evaluator]) -> Evaluator:
    rounding = (len(parts) - 1) * UNIT_ROUNDOFF

    def evaluate(point: Sequence[float]) -> Evaluation:
        results = [part(point) for part in parts]
        value = sum(v for v, _ in results)
        error = sum(e for _, e in results) + rounding * sum(abs(v) for v, _ in results)
        return _checked(value, error)

    return evaluate


def _product(parts: list[Evaluator]) -> Evaluator:
    rounding = (len(parts) - 1) * UNIT_ROUNDOFF

    def evaluate(point: Sequence[float]) -> Evaluation:
        results = [part(point) for part in parts]
        value = math.prod(v for v, _ in results)
        sizes = [abs(v) for v, _ in results]
        # d(Π vᵢ) = Σ eᵢ Π_{j≠i} |vⱼ|, written without dividing so that a zero factor is fine.
        error = sum(e * math.prod(sizes[:i] + sizes[i + 1 :]) for i, (_, e) in enumerate(results))
        return _checked(value, error + rounding * abs(value))

    return evaluate


def _power(expr: sympy.Expr, base: Evaluator, exponent: Evaluator) -> Evaluator:
    if expr.base is sympy.E:
        return _applied(exp_bound, exponent)
    power = expr.exp
    if power.is_Integer:
        return _integer_power(base, int(power))
    if power.is_number:
        try:
            return _real_power(base, float(power))
        except (TypeError, OverflowError):  # I, zoo, nan: SymPy can hold them, floats cannot
            return _always(NotReal(f"the exponent {power!s} is not a real number"))
    return _variable_power(base, exponent)


def _integer_power(base: Evaluator, n: int) -> Evaluator:
    rounding = (1 + math.log2(abs(n))) * UNIT_ROUNDOFF

    def evaluate(point: Sequence[float]) -> Evaluation:
        b, e = base(point)
        if n < 0 and abs(b) <= 2 * e:
            raise Singular("division by zero")
        try:
            value = b**n
            slope = abs(n) * abs(b) ** (n - 1) if b != 0 or n >= 1 else 0.0
        except (ZeroDivisionError, OverflowError):
            raise Singular("division by zero or overflow") from None
        return _checked(value, slope * e + rounding * abs(value))

    return evaluate


def _real_power(base: Evaluator, p: float) -> Evaluator:
    # SymPy's x**(1/3) is the principal root, which is not real for x < 0: the same here.
    def evaluate(point: Sequence[float]) -> Evaluation:
        b, e = base(point)
        if b < -e:
            raise NotReal("a negative number raised to a fractional power")
        if b == 0 and e == 0 and p > 0:
            return 0.0, 0.0
        if b <= e:
            raise Singular("too close to zero to evaluate a fractional power")
        try:
            value = b**p
        except OverflowError:
            raise Singular("overflow") from None
        return _checked(value, abs(p * value / b) * e + 2 * UNIT_ROUNDOFF * abs(value))

    return evaluate


def _variable_power(base: Evaluator, exponent: Evaluator) -> Evaluator:
    def evaluate(point: Sequence[float]) -> Evaluation:
        b, eb = base(point)
        p, ep = exponent(point)
        if b < -eb:
            raise NotReal("a negative number raised to a variable power")
        if b <= eb:
            raise Singular("too close to zero to evaluate a variable power")
        log_value = p * math.log(b)
        if log_value > EXP_LIMIT:
            raise Singular("overflow")
        value = math.exp(log_value)
        error = abs(value) * (abs(p / b) * eb + abs(math.log(b)) * ep + 3 * UNIT_ROUNDOFF)
        return _checked(value, error)

    return evaluate


def _applied(rule: BoundRule, argument: Evaluator) -> Evaluator:
    def evaluate(point: Sequence[float]) -> Evaluation:
        a, e = argument(point)
        value, error = rule(a, e)
        return _checked(value, error + UNIT_ROUNDOFF * abs(value))

    return evaluate


def _by_sympy(expr: sympy.Expr, index: dict[str, int]) -> Evaluator:
    """Anything the parser cannot produce (Heaviside, Piecewise …): slow, but still right."""
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)

    def evaluate(point: Sequence[float]) -> Evaluation:
        values = {s: sympy.Float(point[index[s.name]]) for s in symbols}
        try:
            value = complex(expr.xreplace(values).evalf(20))
        except (TypeError, OverflowError):
            raise Singular(f"{expr!s} has no value here") from None
        if not (math.isfinite(value.real) and math.isfinite(value.imag)):
            raise Singular(f"{expr!s} has no finite value here")
        if abs(value.imag) > 1e-12 * max(1.0, abs(value.real)):
            raise NotReal(f"{expr!s} is not real here")
        return value.real, 1e-12 * abs(value.real)

    return evaluate
