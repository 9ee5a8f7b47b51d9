"""One partial derivative as a tree of rule applications: steps are data, not text.

Each rule node records what it differentiates, with respect to which variable, which other
variables it holds frozen, the sub-steps it used and the result it assembled from them. No node
calls ``sympy.diff`` on its whole expression; ``check_rule`` does that afterwards, to test the
claim, and stays out of the path that builds derivations.

A function of something other than the bare variable, such as ``sin(2*x)``, is a ``ChainRule``
that wraps the plain rule for the outer function written in a placeholder variable ``u``
(``d/du sin(u) = cos(u)``) together with the step for the inner expression ``u = 2*x``. So the
rule for ``sin`` is always the same node whether it stands alone or sits inside a chain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

import sympy

from steepest.engine.errors import EngineError
from steepest.engine.functions.table import function_of
from steepest.engine.notation.printing import ordered_terms

_PLACEHOLDER_NAMES = ("u", "v", "t", "s", "z", "q")


@dataclass(frozen=True)
class Rule:
    """d(expr)/d(variable) = result, with ``frozen`` the other variables that occur in expr."""

    expr: sympy.Expr
    variable: sympy.Symbol
    result: sympy.Expr
    frozen: tuple[sympy.Symbol, ...]
    rule_name: ClassVar[str]

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return ()


@dataclass(frozen=True)
class ConstantRule(Rule):
    """No ``variable`` in expr; when it has other (frozen) variables, it is still a constant."""

    rule_name: ClassVar[str] = "constant"


@dataclass(frozen=True)
class IdentityRule(Rule):
    rule_name: ClassVar[str] = "identity"


@dataclass(frozen=True)
class PowerRule(Rule):
    """variable^exponent with a constant exponent, including sqrt and 1/x."""

    exponent: sympy.Expr
    rule_name: ClassVar[str] = "power"


@dataclass(frozen=True)
class ConstantMultipleRule(Rule):
    """coefficient·f where the coefficient holds every factor free of the variable."""

    coefficient: sympy.Expr
    factor_step: Rule
    rule_name: ClassVar[str] = "constant multiple"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return (self.factor_step,)


@dataclass(frozen=True)
class SumRule(Rule):
    term_steps: tuple[Rule, ...]
    rule_name: ClassVar[str] = "sum"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return self.term_steps


@dataclass(frozen=True)
class ProductRule(Rule):
    """f·g·…, every factor depending on the variable (constant factors were pulled out first)."""

    factor_steps: tuple[Rule, ...]
    rule_name: ClassVar[str] = "product"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return self.factor_steps


@dataclass(frozen=True)
class QuotientRule(Rule):
    numerator_step: Rule
    denominator_step: Rule
    rule_name: ClassVar[str] = "quotient"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return (self.numerator_step, self.denominator_step)


@dataclass(frozen=True)
class ChainRule(Rule):
    """outer(inner): ``outer`` is the rule for the outer function in ``placeholder``."""

    outer: Rule
    inner_step: Rule
    placeholder: sympy.Symbol
    rule_name: ClassVar[str] = "chain"

    @property
    def inner(self) -> sympy.Expr:
        return self.inner_step.expr

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return (self.outer, self.inner_step)


@dataclass(frozen=True)
class ExpRule(Rule):
    """base^variable with a constant base: e^x, or a^x = e^(x·ln a)."""

    base: sympy.Expr
    rule_name: ClassVar[str] = "exp"


@dataclass(frozen=True)
class LogRule(Rule):
    rule_name: ClassVar[str] = "log"


@dataclass(frozen=True)
class TrigRule(Rule):
    """A trigonometric, inverse trigonometric or hyperbolic function of the variable."""

    function: str
    rule_name: ClassVar[str] = "trig"


@dataclass(frozen=True)
class AbsRule(Rule):
    rule_name: ClassVar[str] = "abs"


@dataclass(frozen=True)
class SignRule(Rule):
    """sign is flat on both sides of 0; its derivative is 0 wherever one exists (not at 0)."""

    rule_name: ClassVar[str] = "sign"


@dataclass(frozen=True)
class GeneralPowerRule(Rule):
    """f^g with the variable in both, through f^g = e^(g·ln f)."""

    base_step: Rule
    exponent_step: Rule
    rule_name: ClassVar[str] = "general power"

    @property
    def substeps(self) -> tuple[Rule, ...]:
        return (self.base_step, self.exponent_step)


def derive_partial(
    expr: sympy.Expr, variable: sympy.Symbol, variables: Sequence[sympy.Symbol]
) -> Rule:
    """The rule tree for ∂expr/∂variable; ``variables`` are all the function's variables."""
    return _Builder(expr, variable, tuple(variables)).build(expr)


class _Builder:
    def __init__(
        self, expr: sympy.Expr, variable: sympy.Symbol, variables: tuple[sympy.Symbol, ...]
    ) -> None:
        self.variable = variable
        self.variables = variables
        taken = {symbol.name for symbol in (*expr.free_symbols, *variables)}
        name = next((n for n in _PLACEHOLDER_NAMES if n not in taken), "u_0")
        self.placeholder = sympy.Symbol(name, real=True)

    def frozen(self, expr: sympy.Expr, variable: sympy.Symbol) -> tuple[sympy.Symbol, ...]:
        present = expr.free_symbols
        return tuple(v for v in self.variables if v != variable and v in present)

    def build(self, expr: sympy.Expr) -> Rule:
        x = self.variable
        frozen = self.frozen(expr, x)
        if not expr.has(x):
            return ConstantRule(expr, x, sympy.S.Zero, frozen)
        if expr == x:
            return IdentityRule(expr, x, sympy.S.One, frozen)
        if expr.is_Add:
            # The order in which the printers show the terms, so steps read left to right.
            steps = tuple(self.build(term) for term in ordered_terms(expr))
            return SumRule(expr, x, sympy.Add(*(s.result for s in steps)), frozen, steps)
        if expr.is_Mul:
            return self._product(expr, frozen)
        if expr.is_Pow:
            return self._power(expr, frozen)
        if isinstance(expr, sympy.Function) and len(expr.args) == 1:
            return self._function_of(expr, expr.args[0], frozen)
        raise EngineError(f"there is no differentiation rule for {expr.func.__name__}")

    def _product(self, expr: sympy.Expr, frozen: tuple[sympy.Symbol, ...]) -> Rule:
        x = self.variable
        constant, varying = expr.as_independent(x, as_Add=False)
        if constant != 1:
            step = self.build(varying)
            return ConstantMultipleRule(expr, x, constant * step.result, frozen, constant, step)
        factors = sympy.Mul.make_args(expr)
        below = [1 / f for f in factors if f.is_Pow and f.exp.is_number and f.exp.is_negative]
        above = [f for f in factors if not (f.is_Pow and f.exp.is_number and f.exp.is_negative)]
        # A fraction with the variable both above and below the bar is what the quotient rule
        # is for; with the variable only below, the chain rule on g^(-n) is shorter, and that is
        # where the power branch sends it.
        if below and above:
            return self._quotient(expr, sympy.Mul(*above), sympy.Mul(*below), frozen)
        steps = tuple(self.build(f) for f in factors)
        terms = []
        for index, step in enumerate(steps):
            others = factors[:index] + factors[index + 1 :]
            terms.append(_tidy(sympy.Mul(step.result, *others)))
        return ProductRule(expr, x, sympy.Add(*terms), frozen, steps)

    def _quotient(
        self,
        expr: sympy.Expr,
        numerator: sympy.Expr,
        denominator: sympy.Expr,
        frozen: tuple[sympy.Symbol, ...],
    ) -> Rule:
        top, bottom = self.build(numerator), self.build(denominator)
        result = _tidy((top.result * denominator - numerator * bottom.result) / denominator**2)
        return QuotientRule(expr, self.variable, result, frozen, top, bottom)

    def _power(self, expr: sympy.Expr, frozen: tuple[sympy.Symbol, ...]) -> Rule:
        base, exponent = expr.args
        x = self.variable
        if not exponent.has(x):
            return self._function_of(expr, base, frozen)
        if not base.has(x):
            return self._function_of(expr, exponent, frozen)
        base_step, exponent_step = self.build(base), self.build(exponent)
        rate = exponent_step.result * sympy.log(base) + exponent * base_step.result / base
        return GeneralPowerRule(expr, x, expr * rate, frozen, base_step, exponent_step)

    def _function_of(
        self, expr: sympy.Expr, argument: sympy.Expr, frozen: tuple[sympy.Symbol, ...]
    ) -> Rule:
        """expr is an outer function of ``argument``: a plain rule, or a chain when it isn't x."""
        x = self.variable
        if argument == x:
            return self._outer(expr, x, frozen)
        u = self.placeholder
        template = expr.xreplace({argument: u})
        outer = self._outer(template, u, self.frozen(template, u))
        inner = self.build(argument)
        result = _tidy(outer.result.xreplace({u: argument}) * inner.result)
        return ChainRule(expr, x, result, frozen, outer, inner, u)

    def _outer(self, expr: sympy.Expr, u: sympy.Symbol, frozen: tuple[sympy.Symbol, ...]) -> Rule:
        """The rule for a function applied to the bare variable ``u``."""
        if expr.is_Pow and expr.base == u:
            n = expr.exp
            return PowerRule(expr, u, n * u ** (n - 1), frozen, n)
        if expr.is_Pow:
            return ExpRule(expr, u, expr * sympy.log(expr.base), frozen, expr.base)
        function = function_of(expr)
        if function is None:
            raise EngineError(f"there is no differentiation rule for {expr.func.__name__}")
        # The table says which rule explains the derivative; the rule classes stay apart
        # because each one's sentence (explain/text.py) says something different.
        result = function.derivative(u)
        match function.steps_rule:
            case "exp":
                return ExpRule(expr, u, result, frozen, sympy.E)
            case "log":
                return LogRule(expr, u, result, frozen)
            case "abs":
                return AbsRule(expr, u, result, frozen)
            case "sign":
                return SignRule(expr, u, result, frozen)
            case "trig":
                return TrigRule(expr, u, result, frozen, function.name)


def _tidy(product: sympy.Expr) -> sympy.Expr:
    """Move whole-number content out of the sums inside a product.

    SymPy spreads a number over a sum (2*(y - x^2) becomes 2*y - 2*x^2) but not a product over
    one, so chaining leaves shapes like -2*x*(2*y - 2*x^2); this gives -4*x*(y - x^2) instead,
    the form ``sympy.diff`` prints, without the cost of ``simplify``.
    """
    if not product.is_Mul:
        return product
    factors: list[sympy.Expr] = []
    for factor in product.args:
        factors.extend(factor.primitive() if factor.is_Add else (factor,))
    return sympy.Mul(*factors)


def check_rule(rule: Rule) -> bool:
    """Whether every node's result equals ``sympy.diff`` of its expression (slow: tests only)."""
    return _claim_holds(rule) and all(check_rule(step) for step in rule.substeps)


def _claim_holds(rule: Rule) -> bool:
    # SymPy differentiates sign(u) to 2·δ(u), or leaves it unevaluated when u may be complex;
    # away from u = 0, where a derivative exists, it is 0, which is what SignRule claims (and
    # so does every rule above it).
    reference = sympy.diff(rule.expr, rule.variable)
    reference = reference.replace(sympy.DiracDelta, lambda *_: sympy.S.Zero)
    reference = reference.replace(_is_sign_derivative, lambda _: sympy.S.Zero)
    difference = rule.result - reference
    return bool(difference == 0 or sympy.simplify(difference) == 0)


def _is_sign_derivative(expr: sympy.Basic) -> bool:
    return isinstance(expr, sympy.Derivative) and isinstance(expr.expr, sympy.sign)
