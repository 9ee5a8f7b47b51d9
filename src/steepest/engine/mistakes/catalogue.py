"""The wrong answers a problem invites, worked out from the problem itself, each with a lesson.

`likely_mistakes` lists whole-answer mistakes (swapped components, the opposite sign, a formula
where numbers were asked …); `component_mistakes` lists the mistakes inside one partial
derivative (differentiating by the other variable, not holding it constant, the slips of
`slips.py`). Messages name the mistake and the rule that fixes it, never the full answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

import sympy

from steepest.engine.answer_kinds import SLIP_KINDS, STEP_KINDS, Goal, MistakeCode
from steepest.engine.calculus.derivatives import gradient
from steepest.engine.calculus.points import evaluate_at
from steepest.engine.errors import EngineError
from steepest.engine.mistakes.curvature_mistakes import hessian_mistakes, stable_rate_mistakes
from steepest.engine.mistakes.mistake import Mistake
from steepest.engine.mistakes.partial_mistakes import partial_mistakes, slip_mistake
from steepest.engine.mistakes.slips import slipped_derivative
from steepest.engine.mistakes.step_mistakes import adaptive_mistakes, momentum_mistakes
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.solutions import real_critical_points


@lru_cache(maxsize=256)
def likely_mistakes(problem: Problem) -> tuple[Mistake, ...]:
    """Mistakes that concern the answer as a whole, most telling first."""
    if problem.kind == "partial":
        assert problem.respect is not None
        return component_mistakes(problem, problem.variables.index(problem.respect))
    if problem.kind == "derivative":
        return component_mistakes(problem, 0)
    if problem.kind == "optimum":
        return tuple(_optimum_mistakes(problem))
    if problem.kind == "stable_rate":
        return stable_rate_mistakes(problem)
    if problem.kind == "hessian":
        return hessian_mistakes(problem)
    if problem.kind == "momentum_step":
        return momentum_mistakes(problem)
    if problem.kind in ("adam_step", "rmsprop_step"):
        return adaptive_mistakes(problem)
    if problem.kind == "batch_gradient":
        return _batch_mistakes(problem)
    return tuple(_vector_mistakes(problem))


def _batch_mistakes(problem: Problem) -> tuple[Mistake, ...]:
    size, name = len(problem.examples), problem.name
    return (
        Mistake(
            "summed_not_averaged",
            tuple(size * c for c in problem.expected),
            f"You added up the examples' gradients without dividing by their number: {name} is"
            f" the mean over the batch, so its gradient is the sum divided by {size}.",
            "You added the examples' gradients: the loss is their mean, so divide by their number.",
        ),
        Mistake(
            "sign",
            tuple(-c for c in problem.expected),
            "The sign is off. Differentiating (w·x + b − y)² gives 2·(w·x + b − y) times the"
            " derivative of the inside: take the residual as prediction minus target.",
            "The sign is off: take the residual as prediction minus target.",
        ),
    )


def _vector_mistakes(problem: Problem) -> list[Mistake]:
    expected, n, name = problem.expected, len(problem.expected), problem.name
    found = []
    if problem.kind == "descent":
        sign = (
            f"That is ∇{name}, which points uphill: {name} grows fastest that way."
            f" Gradient descent steps the opposite way, along −∇{name}."
        )
        sign_hint = f"That is the uphill direction: descent goes along −∇{name}."
    else:
        sign = (
            f"That is −∇{name}, the direction of steepest descent. The question asks for"
            f" ∇{name} itself, which points uphill."
        )
        sign_hint = f"Every sign is flipped: ∇{name} itself points uphill."
    found.append(Mistake("sign", tuple(-c for c in expected), sign, sign_hint))
    for i in range(n):
        for j in range(i + 1, n):
            swapped = list(expected)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            order = ", ".join(f"∂{name}/∂{v.name}" for v in problem.variables)
            message = (
                "Your components are in the wrong order. The gradient lists the partial"
                f" derivatives in the order of the variables: ({order})."
            )
            hint = "The components are in the wrong order: list them in the variables' order."
            found.append(Mistake("swapped_components", tuple(swapped), message, hint))
    if problem.point is None:
        return found
    formula = gradient(problem.function, problem.variables)
    if problem.kind == "descent":
        formula = tuple(-g for g in formula)
    at = ", ".join(f"{v.name} = {to_text(c)}" for v, c in problem.point_map.items())
    found.append(
        Mistake(
            "not_evaluated",
            formula,
            f"That is the right formula, but the question asks for numbers: substitute {at}.",
            "That is the formula: the question asks for its numbers at the point.",
        )
    )
    found.append(
        Mistake(
            "point_not_gradient",
            problem.point,
            f"That is the point itself. The question asks for {_asked_vector(problem)} there:"
            f" work out each partial derivative of {name}, then substitute {at}.",
            "That is the point, not the gradient at it: differentiate first, then substitute.",
        )
    )
    found.extend(_swapped_point(problem))
    length = sympy.sqrt(sum(c**2 for c in expected))
    if length != 0 and length != 1:
        found.append(
            Mistake(
                "normalised",
                tuple(c / length for c in expected),
                "That points the right way but has length 1. Give the vector itself, without"
                " dividing by its length.",
                "You divided by the length: give the vector itself, not a unit vector.",
            )
        )
    return found


def _swapped_point(problem: Problem) -> list[Mistake]:
    assert problem.point is not None
    if len(problem.point) != 2 or problem.point[0] == problem.point[1]:
        return []
    swapped = dict(zip(problem.variables, reversed(problem.point), strict=True))
    try:
        values = tuple(
            evaluate_at(g, swapped) for g in gradient(problem.function, problem.variables)
        )
    except EngineError:
        return []
    if problem.kind == "descent":
        values = tuple(-v for v in values)
    first, second = problem.variables
    message = (
        "It looks like the coordinates went in the wrong way round: at"
        f" ({to_text(problem.point[0])}, {to_text(problem.point[1])}), {first.name} ="
        f" {to_text(problem.point[0])} and {second.name} = {to_text(problem.point[1])}."
    )
    hint = "Check which coordinate of the point belongs to which variable."
    return [Mistake("swapped_point", values, message, hint)]


def _asked_vector(problem: Problem) -> str:
    return f"−∇{problem.name}" if problem.kind == "descent" else f"∇{problem.name}"


@lru_cache(maxsize=256)
def component_mistakes(problem: Problem, index: int) -> tuple[Mistake, ...]:
    """Mistakes in one partial derivative, as they show in component `index` of the answer."""
    if problem.kind == "hessian":
        return _hessian_entry_mistakes(problem, index)
    if problem.kind in (*STEP_KINDS, "batch_gradient"):
        return ()  # a wrong landing point or batch gradient is a rule misremembered, named whole
    v = problem.variables[index]
    transform = _component_transform(problem)
    found: list[Mistake] = []
    for mistake in partial_mistakes(problem, v):
        if mistake.code == "sign" and problem.kind == "descent":
            mistake = replace(
                mistake,
                message=(
                    f"This component has the sign of ∂{problem.name}/∂{v.name} itself; the"
                    " descent direction flips the sign of every component of the gradient."
                ),
                hint="This component has the gradient's sign: descent flips every sign.",
            )
        value = transform(mistake.answer[0])
        if value is not None:
            found.append(replace(mistake, answer=(value,)))
    return tuple(found)


def _hessian_entry_mistakes(problem: Problem, index: int) -> tuple[Mistake, ...]:
    """The slips of the second differentiation in entry `index` (row by row): ∂L/∂wi is taken
    right, then differentiated by wj with one of the classic slips."""
    i, j = divmod(index, len(problem.variables))
    first, by = sympy.diff(problem.function, problem.variables[i]), problem.variables[j]
    right = sympy.diff(first, by)
    found = []
    for slip in SLIP_KINDS:
        slipped = slipped_derivative(first, by, slip)
        if slipped.sites and sympy.expand(slipped.result - right) != 0:
            found.append(slip_mistake(slip, slipped.result, slipped, by))
    return tuple(found)


def _component_transform(problem: Problem) -> Callable[[sympy.Expr], sympy.Expr | None]:
    """From a (wrong) partial derivative to what the answer's component would then be."""
    if problem.point is None:
        return lambda expr: expr
    point = problem.point_map
    sign = -1 if problem.kind == "descent" else 1

    def at_point(expr: sympy.Expr) -> sympy.Expr | None:
        try:
            return sign * evaluate_at(expr, point)
        except EngineError:
            return None

    return at_point


def _optimum_mistakes(problem: Problem) -> list[Mistake]:
    (x,) = problem.variables
    f, name, best = problem.function, problem.name, problem.expected[0]
    assert problem.interval is not None and problem.goal is not None
    low, high = problem.interval
    opposite: Goal = "minimum" if problem.goal == "maximum" else "maximum"
    opposite_mistake: MistakeCode = (
        "minimum_not_maximum" if problem.goal == "maximum" else "maximum_not_minimum"
    )
    size = "largest" if problem.goal == "maximum" else "smallest"
    found = []
    for point in real_critical_points(f, x):
        if point.location == best:
            continue
        at = f"{x.name} = {to_text(point.location)}"
        if point.kind == opposite:
            message = (
                f"At {at} the slope {name}′ is 0, but that critical point is a {opposite}"
                f" ({name} = {to_text(point.value)} there). You want the {size} {name}: check"
                f" the sign of {name}″ at each critical point."
            )
            hint = f"That critical point is a {opposite}: check the sign of {name}″ at each one."
            found.append(Mistake(opposite_mistake, (point.location,), message, hint))
        else:
            message = (
                f"{at} is a critical point, but not the {problem.goal} inside"
                f" {to_text(low)} < {x.name} < {to_text(high)}."
            )
            hint = f"That critical point is not the {problem.goal} inside the range: compare them."
            found.append(Mistake("other_critical_point", (point.location,), message, hint))
    for end in (low, high):
        message = (
            f"{x.name} = {to_text(end)} is an end of the allowed range, not a point inside it"
            f" where {name}′ = 0."
        )
        hint = f"That is an end of the range: look inside it, where {name}′ vanishes."
        found.append(Mistake("endpoint", (end,), message, hint))
    message = (
        f"That is the {size} value of {name} itself; the question asks for the {x.name}"
        " that gives it."
    )
    hint = f"That is the value of {name}: the question asks where it is reached."
    best_value = sympy.simplify(f.xreplace({x: best}))
    found.append(Mistake("value_not_location", (best_value,), message, hint))
    roots = sympy.solveset(f, x, domain=sympy.Reals)
    if isinstance(roots, sympy.FiniteSet):
        for root in roots:
            message = (
                f"At {x.name} = {to_text(root)}, {name} itself is 0. An optimum is where the"
                f" slope {name}′ is 0, not the function."
            )
            hint = f"There {name} itself vanishes: an optimum is where the slope {name}′ does."
            found.append(Mistake("root_not_critical", (root,), message, hint))
    return found
