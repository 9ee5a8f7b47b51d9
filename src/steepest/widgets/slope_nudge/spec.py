"""The slope-nudge spec, computed in a compute worker: L and L′ from the engine, the lowest point
in view, the curve in words, a table of nudges worked out exactly, and the figure as served."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import sympy
from sympy.calculus.util import continuous_domain

from steepest.engine.calculus.critical import critical_points
from steepest.engine.calculus.derivatives import partial
from steepest.engine.calculus.points import evaluate_at
from steepest.engine.errors import EvaluationError
from steepest.engine.evaluate.tree import to_tree
from steepest.engine.notation.parser import parse
from steepest.engine.notation.printing import (
    mathml_derivative,
    mathml_equation,
    mathml_fragment,
    mathml_math,
)
from steepest.engine.notation.symbols import order_variables
from steepest.widgets.params import WidgetParamsError
from steepest.widgets.slope_nudge import (
    NAME,
    NudgeRow,
    SlopeNudgeParams,
    SlopeNudgeSpec,
    decimal_text,
    key_step,
    nudges,
)
from steepest.widgets.slope_nudge.figure import frame, static_figure
from steepest.widgets.slope_nudge.number_text import error_text, six_figures


def compute_spec(params: SlopeNudgeParams) -> SlopeNudgeSpec:
    """Everything the widget shows at the start, from the engine."""
    loss = parse(params.expression)
    found = order_variables(loss.free_symbols)
    if len(found) != 1:
        names = ", ".join(s.name for s in found) or "none"
        raise WidgetParamsError(
            f"{NAME} needs a loss of one variable, such as (w - 3)^2 + 1;"
            f" {params.expression} has {len(found)} ({names})"
        )
    (w,) = found
    low, high, start = (Fraction(text) for text in (params.low, params.high, params.start))
    allowed = nudges(low, high)
    nudge = allowed[-1] if params.nudge is None else Fraction(params.nudge)
    slope = partial(loss, w)
    # The nudged point may reach past the range by the largest nudge.
    _require_continuous(loss, w, low, high + allowed[-1], "L")
    _require_no_kink(slope, w, low, high)
    # Away from a kink, sign(u) is a constant ±1: it cannot break the slope's continuity.
    _require_continuous(slope.replace(sympy.sign, lambda _u: 1), w, low, high, "its slope")
    places = _turning_points(loss, w, low, high)
    lowest = None
    if places is not None:
        lowest = min(((p, evaluate_at(loss, {w: p})) for p in places), key=lambda pv: pv[1])

    loss_tree, slope_tree = to_tree(loss), to_tree(slope)
    window = frame(loss_tree, w.name, float(low), float(high))
    step = key_step(low, high)
    # w is shown to the places of the key step, or of the start if it has more.
    decimals = max(len(decimal_text(v).partition(".")[2]) for v in (step, start))
    minimum = None if lowest is None else (float(lowest[0]), float(lowest[1]))
    named = sympy.Function("L")(w)
    # Factored, a polynomial's slope shows where it vanishes: 2(w − 3).
    shown_slope = sympy.factor(slope) if slope.is_polynomial(w) else slope
    return {
        # The browser's part goes to the page as JSON; the rest is rendered on the server.
        "browser": {
            "variable": w.name,
            "low": float(low),
            "high": float(high),
            "start": float(start),
            "step": float(step),
            "decimals": decimals,
            "nudges": [float(h) for h in allowed],
            "nudgeTexts": [decimal_text(h) for h in allowed],
            "nudge": allowed.index(nudge),
            "loss": loss_tree,
            "slope": slope_tree,
            "minimum": None if minimum is None else {"w": minimum[0], "value": minimum[1]},
            "figure": window,
        },
        "loss_mathml": mathml_math(mathml_equation(mathml_fragment(named), mathml_fragment(loss))),
        "slope_mathml": mathml_math(
            mathml_equation(mathml_derivative("L", w, partial=False), mathml_fragment(shown_slope))
        ),
        "description": _curve_in_words(loss, w, low, high, places, lowest),
        "state_text": _state_in_words(loss, slope, w, start, nudge, decimals),
        "start_text": f"{float(start):.{decimals}f}",
        "slope_text": six_figures(float(evaluate_at(slope, {w: sympy.Rational(start)}))),
        "rows": _rows(loss, slope, w, start, allowed, nudge),
        "figure": static_figure(
            loss_tree,
            slope_tree,
            w.name,
            (float(low), float(high), window),
            float(start),
            float(nudge),
            minimum,
        ),
    }


def _require_no_kink(slope: sympy.Expr, w: sympy.Symbol, low: Fraction, high: Fraction) -> None:
    """The derivative of |u| is sign(u), which jumps where u = 0: L has no tangent there."""
    interval = sympy.Interval(sympy.Rational(low), sympy.Rational(high))
    for jump in slope.atoms(sympy.sign):
        if sympy.solveset(jump.args[0], w, domain=interval) is not sympy.S.EmptySet:
            raise WidgetParamsError(
                f"{NAME}: L has a kink in [{decimal_text(low)}, {decimal_text(high)}], where"
                f" {jump.args[0]} = 0: its slope jumps there, and a kink has no tangent"
            )


def _require_continuous(
    expr: sympy.Expr, w: sympy.Symbol, low: Fraction, high: Fraction, what: str
) -> None:
    interval = sympy.Interval(sympy.Rational(low), sympy.Rational(high))
    try:
        continuous = continuous_domain(expr, w, interval) == interval
    except NotImplementedError:
        continuous = False
    if not continuous:
        raise WidgetParamsError(
            f"{NAME}: {what} must have a value everywhere on [{decimal_text(low)},"
            f" {decimal_text(high)}] (the range, and the largest nudge past its end)"
        )


def _turning_points(
    loss: sympy.Expr, w: sympy.Symbol, low: Fraction, high: Fraction
) -> list[sympy.Expr] | None:
    """The ends of the range and every point in it where the slope is zero, in order; None
    when the engine cannot list those points (infinitely many, or none it can solve for)."""
    ends = [sympy.Rational(low), sympy.Rational(high)]
    try:
        inside = critical_points(loss, w, sympy.Interval.open(*ends))
    except EvaluationError:
        return None
    return [ends[0], *inside, ends[1]]


def _short(value: sympy.Expr) -> str:
    """What the words say: integers exactly, anything else to three figures."""
    if value.is_Integer:
        return str(int(value)).replace("-", "\u2212")
    return f"{float(value):.3g}".replace("-", "\u2212")


def _curve_in_words(
    loss: sympy.Expr,
    w: sympy.Symbol,
    low: Fraction,
    high: Fraction,
    places: Sequence[sympy.Expr] | None,
    lowest: tuple[sympy.Expr, sympy.Expr] | None,
) -> str:
    name = w.name
    span = f"Over {_short(sympy.Rational(low))} ≤ {name} ≤ {_short(sympy.Rational(high))}"
    points = places or [sympy.Rational(low), sympy.Rational(high)]
    values = [evaluate_at(loss, {w: p}) for p in points]
    moves = []
    for i in range(1, len(points)):
        before, place, value = values[i - 1], points[i], values[i]
        way = "falls" if value < before else "rises" if value > before else "stays"
        moves.append(f"{way} to {_short(value)} at {name} = {_short(place)}")
    text = f"{span} the loss starts at {_short(values[0])} when {name} = {_short(points[0])}, "
    text += ", then ".join(moves) + "."
    if lowest is not None:
        text += f" Its lowest point in view is L = {_short(lowest[1])} at {name} = "
        text += f"{_short(lowest[0])}."
    return text


def _state_in_words(
    loss: sympy.Expr,
    slope: sympy.Expr,
    w: sympy.Symbol,
    start: Fraction,
    nudge: Fraction,
    decimals: int,
) -> str:
    """The same sentence as the browser writes (`stateText` in js/widgets/slope-nudge.js)."""
    at, h = sympy.Rational(start), sympy.Rational(nudge)
    value = evaluate_at(loss, {w: at})
    quotient = (evaluate_at(loss, {w: at + h}) - value) / h
    name = w.name
    return (
        f"The point sits at {name} = {float(start):.{decimals}f}, where L ="
        f" {six_figures(float(value))} and the tangent has slope"
        f" {six_figures(float(evaluate_at(slope, {w: at})))}. With h = {decimal_text(nudge)},"
        f" the secant to {name} + h has slope {six_figures(float(quotient))}."
    )


def _rows(
    loss: sympy.Expr,
    slope: sympy.Expr,
    w: sympy.Symbol,
    start: Fraction,
    allowed: Sequence[Fraction],
    nudge: Fraction,
) -> list[NudgeRow]:
    """Each nudge at the start, largest first, worked out exactly."""
    at = sympy.Rational(start)
    value = evaluate_at(loss, {w: at})
    exact_slope = evaluate_at(slope, {w: at})
    rows: list[NudgeRow] = []
    for h in reversed(allowed):
        nudged = evaluate_at(loss, {w: at + sympy.Rational(h)})
        quotient = (nudged - value) / sympy.Rational(h)
        rows.append(
            {
                "h": decimal_text(h),
                "nudged": six_figures(float(nudged)),
                "quotient": six_figures(float(quotient)),
                "error": error_text(float(quotient - exact_slope)),
                "current": h == nudge,
            }
        )
    return rows
