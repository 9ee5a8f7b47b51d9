"""Floating-point evaluation that also bounds its own rounding error, and knows the real domain.

Comparing two expressions at a point needs more than their values: (x+1)² − x² at x = 10⁸
cancels eight digits away, so a fixed tolerance would either reject a right answer there or
accept wrong ones everywhere. Each evaluation therefore returns `(value, error)`, where `error`
is a first-order bound on the rounding error accumulated so far, and a comparison allows the
two answers to differ by their combined bound.

Two ways to have no value are kept apart, because the checker treats them differently:
`Singular` is an isolated problem (division by zero, a pole, overflow, or too close to a domain
edge to tell), after which the checker just picks another point; `NotReal` means the point is
firmly outside the expression's real domain (ln of a negative number), which is a real
difference between two expressions when only one of them has it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import sympy

from steepest.engine.errors import EngineError
from steepest.engine.evaluate.float_value import is_too_large

UNIT_ROUNDOFF = 2.0**-53
# exp(709.78) is the largest double; beyond it the value is not wrong, just unrepresentable.
_EXP_LIMIT = 709.0

Evaluation = tuple[float, float]
Evaluator = Callable[[Sequence[float]], Evaluation]


class Singular(EngineError):
    """No trustworthy value at this point, but nearby points are fine."""


class NotReal(EngineError):
    """The point lies outside the expression's real domain; `message` says which operation."""


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
    rule = _FUNCTIONS.get(expr.func)
    if rule is not None and len(parts) == 1:
        return _applied(rule, parts[0])
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
        return _always(Singular(f"{expr} has no finite value"))
    if abs(value.imag) > 1e-15 * max(1.0, abs(value.real)):
        return _always(NotReal(f"{expr} is not a real number"))
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
        return _applied(_exp, exponent)
    power = expr.exp
    if power.is_Integer:
        return _integer_power(base, int(power))
    if power.is_number:
        return _real_power(base, float(power))
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
        if log_value > _EXP_LIMIT:
            raise Singular("overflow")
        value = math.exp(log_value)
        error = abs(value) * (abs(p / b) * eb + abs(math.log(b)) * ep + 3 * UNIT_ROUNDOFF)
        return _checked(value, error)

    return evaluate


# A rule maps (argument, argument's error) to (value, error) or raises Singular / NotReal.
Rule = Callable[[float, float], Evaluation]


def _applied(rule: Rule, argument: Evaluator) -> Evaluator:
    def evaluate(point: Sequence[float]) -> Evaluation:
        a, e = argument(point)
        value, error = rule(a, e)
        return _checked(value, error + UNIT_ROUNDOFF * abs(value))

    return evaluate


def _exp(a: float, e: float) -> Evaluation:
    if a > _EXP_LIMIT:
        raise Singular("overflow")
    value = math.exp(a)
    return value, value * e


def _log(a: float, e: float) -> Evaluation:
    if a < -e:
        raise NotReal("ln of a negative number")
    if a <= 2 * e:
        raise Singular("ln too close to zero")
    return math.log(a), e / a


def _sin(a: float, e: float) -> Evaluation:
    return math.sin(a), e + UNIT_ROUNDOFF


def _cos(a: float, e: float) -> Evaluation:
    return math.cos(a), e + UNIT_ROUNDOFF


def _reciprocal_of(rule: Rule) -> Rule:
    """sec, csc, cot and tan share one danger: a denominator that is zero within its error."""

    def reciprocal(a: float, e: float) -> Evaluation:
        d, de = rule(a, e)
        if abs(d) <= 2 * de:
            raise Singular("division by zero")
        return 1 / d, de / (d * d)

    return reciprocal


def _tan(a: float, e: float) -> Evaluation:
    c, ce = _cos(a, e)
    if abs(c) <= 2 * ce:
        raise Singular("tan at a pole")
    value = math.sin(a) / c
    return value, (1 + value * value) * e


def _cot(a: float, e: float) -> Evaluation:
    s, se = _sin(a, e)
    if abs(s) <= 2 * se:
        raise Singular("cot at a pole")
    value = math.cos(a) / s
    return value, (1 + value * value) * e


def _inverse_sine_like(function: Callable[[float], float], name: str) -> Rule:
    def rule(a: float, e: float) -> Evaluation:
        if abs(a) > 1 + e:
            raise NotReal(f"{name} of a number outside [−1, 1]")
        if abs(a) >= 1 - 2 * e:
            raise Singular(f"{name} too close to ±1")
        return function(a), e / math.sqrt(1 - a * a)

    return rule


def _atan(a: float, e: float) -> Evaluation:
    return math.atan(a), e / (1 + a * a)


def _hyperbolic(function: Callable[[float], float], slope: Callable[[float], float]) -> Rule:
    def rule(a: float, e: float) -> Evaluation:
        if abs(a) > _EXP_LIMIT:
            raise Singular("overflow")
        return function(a), abs(slope(a)) * e

    return rule


def _tanh(a: float, e: float) -> Evaluation:
    value = math.tanh(a)
    return value, (1 - value * value) * e


def _abs(a: float, e: float) -> Evaluation:
    return abs(a), e


def _sign(a: float, e: float) -> Evaluation:
    if abs(a) <= 2 * e and a != 0:
        raise Singular("sign too close to zero")
    return float((a > 0) - (a < 0)), 0.0


_FUNCTIONS: dict[object, Rule] = {
    sympy.exp: _exp,
    sympy.log: _log,
    sympy.sin: _sin,
    sympy.cos: _cos,
    sympy.tan: _tan,
    sympy.cot: _cot,
    sympy.sec: _reciprocal_of(_cos),
    sympy.csc: _reciprocal_of(_sin),
    sympy.asin: _inverse_sine_like(math.asin, "asin"),
    sympy.acos: _inverse_sine_like(math.acos, "acos"),
    sympy.atan: _atan,
    sympy.sinh: _hyperbolic(math.sinh, math.cosh),
    sympy.cosh: _hyperbolic(math.cosh, math.sinh),
    sympy.tanh: _tanh,
    sympy.Abs: _abs,
    sympy.sign: _sign,
}


def _by_sympy(expr: sympy.Expr, index: dict[str, int]) -> Evaluator:
    """Anything the parser cannot produce (Heaviside, Piecewise …): slow, but still right."""
    symbols = sorted(expr.free_symbols, key=lambda s: s.name)

    def evaluate(point: Sequence[float]) -> Evaluation:
        values = {s: sympy.Float(point[index[s.name]]) for s in symbols}
        try:
            value = complex(expr.xreplace(values).evalf(20))
        except (TypeError, OverflowError):
            raise Singular(f"{expr} has no value here") from None
        if not (math.isfinite(value.real) and math.isfinite(value.imag)):
            raise Singular(f"{expr} has no finite value here")
        if abs(value.imag) > 1e-12 * max(1.0, abs(value.real)):
            raise NotReal(f"{expr} is not real here")
        return value.real, 1e-12 * abs(value.real)

    return evaluate
