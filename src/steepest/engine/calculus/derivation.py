"""A whole gradient derivation: one partial per variable, the stacked gradient, and optionally
its value at a point with the direction of steepest descent there."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy

from steepest.engine.calculus.kinks import Kink, find_kink
from steepest.engine.calculus.points import evaluate_at
from steepest.engine.calculus.real_results import require_real, require_slope, require_workable
from steepest.engine.calculus.rules import Rule, derive_partial
from steepest.engine.errors import VariableError


@dataclass(frozen=True)
class PartialDerivation:
    """∂L/∂variable, found with every other variable of L held frozen."""

    variable: sympy.Symbol
    frozen: tuple[sympy.Symbol, ...]
    rule: Rule
    result: sympy.Expr


@dataclass(frozen=True)
class PointEvaluation:
    """The gradient at one point; tuples follow the order of the derivation's variables."""

    point: tuple[sympy.Expr, ...]
    gradient: tuple[sympy.Expr, ...]
    descent: tuple[sympy.Expr, ...]
    steepest: sympy.Symbol | None
    """The variable with the largest |component|; None on a tie, at a critical point, or where
    the gradient depends on parameters."""
    approximate: tuple[float, ...] | None
    """The gradient as floats, worked out once: exact values like 4*log(2) are slow to size.
    None where it depends on parameters (η, λ), whose values the point does not give."""
    kink: Kink | None = None
    """Where L has a kink at the point, it has no gradient there: `gradient` is then only what
    SymPy's sign(0) = 0 makes of the partials, and no result may show it as the derivative."""

    @property
    def is_critical(self) -> bool:
        return all(component == 0 for component in self.gradient)


@dataclass(frozen=True)
class GradientDerivation:
    function: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    partials: tuple[PartialDerivation, ...]
    gradient: tuple[sympy.Expr, ...]
    evaluation: PointEvaluation | None = None
    name: str = "L"
    """What the function is called in explanations: ∂L/∂w1."""

    @property
    def point(self) -> dict[sympy.Symbol, sympy.Expr] | None:
        """The point of evaluation by variable, in the variables' order."""
        if self.evaluation is None:
            return None
        return dict(zip(self.variables, self.evaluation.point, strict=True))

    @property
    def gradient_at(self) -> tuple[sympy.Expr, ...] | None:
        return None if self.evaluation is None else self.evaluation.gradient


def derive_gradient(
    expr: sympy.Expr,
    variables: Sequence[sympy.Symbol],
    at: Mapping[sympy.Symbol, sympy.Expr] | None = None,
    *,
    name: str = "L",
) -> GradientDerivation:
    variables = tuple(variables)
    if not variables:
        raise VariableError("there are no variables to differentiate with respect to")
    require_workable(expr, name)
    require_slope(expr, name)
    partials = tuple(_partial(expr, variable, variables) for variable in variables)
    gradient = tuple(p.result for p in partials)
    for variable, component in zip(variables, gradient, strict=True):
        require_real(component, f"∂{name}/∂{variable.name}")
    evaluation = None if at is None else _evaluate(expr, gradient, variables, at)
    return GradientDerivation(expr, variables, partials, gradient, evaluation, name)


def _partial(
    expr: sympy.Expr, variable: sympy.Symbol, variables: tuple[sympy.Symbol, ...]
) -> PartialDerivation:
    rule = derive_partial(expr, variable, variables)
    frozen = tuple(v for v in variables if v != variable)
    return PartialDerivation(variable, frozen, rule, rule.result)


def _evaluate(
    expr: sympy.Expr,
    gradient: tuple[sympy.Expr, ...],
    variables: tuple[sympy.Symbol, ...],
    at: Mapping[sympy.Symbol, sympy.Expr],
) -> PointEvaluation:
    missing = [v.name for v in variables if v not in at]
    if missing:
        raise VariableError(f"the point gives no value for {', '.join(missing)}")
    unknown = [str(v) for v in at if v not in variables]
    if unknown:
        raise VariableError(f"the point names {', '.join(unknown)}, which is not a variable")
    point = {v: at[v] for v in variables}
    values = tuple(evaluate_at(component, point) for component in gradient)
    symbolic = any(value.free_symbols for value in values)
    approximate = None if symbolic else tuple(float(value) for value in values)
    return PointEvaluation(
        point=tuple(point[v] for v in variables),
        gradient=values,
        descent=tuple(-value for value in values),
        steepest=None if approximate is None else _steepest(variables, approximate),
        approximate=approximate,
        kink=find_kink(expr, variables, point),
    )


def _steepest(
    variables: tuple[sympy.Symbol, ...], values: tuple[float, ...]
) -> sympy.Symbol | None:
    sizes = [abs(value) for value in values]
    largest = max(sizes)
    if largest == 0 or sizes.count(largest) > 1:
        return None
    return variables[sizes.index(largest)]
