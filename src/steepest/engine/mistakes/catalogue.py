"""The wrong answers a problem invites, worked out from the problem itself, each with a lesson.

`likely_mistakes` lists whole-answer mistakes (swapped components, the opposite sign, a formula
where numbers were asked …); `component_mistakes` lists the mistakes inside one partial
derivative (differentiating by the other variable, not holding it constant, the slips of
`slips.py`). Messages name the mistake and the rule that fixes it, never the full answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

import sympy

from steepest.engine.answer_kinds import SLIP_KINDS, STEP_KINDS, Goal, MistakeCode, SlipKind
from steepest.engine.calculus.derivatives import gradient
from steepest.engine.calculus.points import evaluate_at
from steepest.engine.errors import EngineError
from steepest.engine.mistakes.curvature_mistakes import hessian_mistakes, stable_rate_mistakes
from steepest.engine.mistakes.mistake import Mistake
from steepest.engine.mistakes.slips import Slipped, slipped_derivative
from steepest.engine.mistakes.step_mistakes import adaptive_mistakes, momentum_mistakes
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.problem import Problem
from steepest.engine.problems.solutions import real_critical_points


def _names(symbols: Sequence[sympy.Symbol]) -> str:
    return " and ".join(s.name for s in symbols)


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
        ),
        Mistake(
            "sign",
            tuple(-c for c in problem.expected),
            "The sign is off. Differentiating (w·x + b − y)² gives 2·(w·x + b − y) times the"
            " derivative of the inside: take the residual as prediction minus target.",
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
    else:
        sign = (
            f"That is −∇{name}, the direction of steepest descent. The question asks for"
            f" ∇{name} itself, which points uphill."
        )
    found.append(Mistake("sign", tuple(-c for c in expected), sign))
    for i in range(n):
        for j in range(i + 1, n):
            swapped = list(expected)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            order = ", ".join(f"∂{name}/∂{v.name}" for v in problem.variables)
            message = (
                "Your components are in the wrong order. The gradient lists the partial"
                f" derivatives in the order of the variables: ({order})."
            )
            found.append(Mistake("swapped_components", tuple(swapped), message))
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
    return [Mistake("swapped_point", values, message)]


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
    for code, wrong, message in _partial_mistakes(problem, v):
        if code == "sign" and problem.kind == "descent":
            message = (
                f"This component has the sign of ∂{problem.name}/∂{v.name} itself; the descent"
                " direction flips the sign of every component of the gradient."
            )
        value = transform(wrong)
        if value is not None:
            found.append(Mistake(code, (value,), message))
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
            found.append(Mistake(slip, (slipped.result,), _slip_message(slip, slipped, by)))
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


def _partial_mistakes(
    problem: Problem, v: sympy.Symbol
) -> list[tuple[MistakeCode, sympy.Expr, str]]:
    f, name = problem.function, problem.name
    others = [u for u in problem.variables if u != v]
    right = sympy.diff(f, v)
    terms = sympy.Add.make_args(f)
    found: list[tuple[MistakeCode, sympy.Expr, str]] = []
    for u in others:
        message = (
            f"That is ∂{name}/∂{u.name}: you differentiated with respect to {u.name}. Here"
            f" {v.name} is the variable, and {u.name} stays fixed like a number."
        )
        found.append(("wrong_variable", sympy.diff(f, u), message))
    if others:
        held = _names(others)
        message = (
            f"You let {held} change as well. In ∂{name}/∂{v.name} only {v.name} varies and"
            f" {held} {'is' if len(others) == 1 else 'are'} held constant: a term without"
            f" {v.name} contributes 0, and a factor without {v.name} just multiplies."
        )
        total = sympy.Add(*(sympy.diff(f, u) for u in problem.variables))
        own = sympy.Add(*(sympy.diff(t, _own_variable(t, v, problem.variables)) for t in terms))
        found.append(("not_held_constant", total, message))
        found.append(("not_held_constant", own, message))
        constants = [t for t in terms if not t.has(v) and t.free_symbols]
        if constants:
            message = (
                f"The term {to_text(constants[0])} has no {v.name} in it, so with {held} held"
                " fixed it is a constant, and the derivative of a constant is 0. Your answer"
                " kept it."
            )
            found.append(("kept_constant_term", right + sympy.Add(*constants), message))
    numbers = [t for t in terms if t.is_number and t != 0]
    if not others and numbers:
        message = (
            f"The term {to_text(numbers[0])} is a constant: it does not change with {v.name},"
            " so its derivative is 0. Your answer kept it."
        )
        found.append(("kept_constant_term", right + numbers[0], message))
    for slip in SLIP_KINDS:
        for wrong, slipped in _slip_variants(f, terms, v, right, slip):
            found.append((slip, wrong, _slip_message(slip, slipped, v)))
    message = (
        "The sign is off: your answer is the negative of the right one. Check each minus sign."
    )
    found.append(("sign", -right, message))
    return found


def _own_variable(
    term: sympy.Expr, v: sympy.Symbol, variables: Sequence[sympy.Symbol]
) -> sympy.Symbol:
    """The variable a careless learner differentiates a term by: v if present, else its own."""
    if term.has(v):
        return v
    return next((u for u in variables if term.has(u)), v)


def _slip_variants(
    f: sympy.Expr, terms: tuple[sympy.Expr, ...], v: sympy.Symbol, right: sympy.Expr, slip: SlipKind
) -> list[tuple[sympy.Expr, Slipped]]:
    """The slip made everywhere, and made in one term only."""
    variants = []
    everywhere = slipped_derivative(f, v, slip)
    if everywhere.sites:
        variants.append((everywhere.result, everywhere))
    if len(terms) > 1:
        for term in terms:
            once = slipped_derivative(term, v, slip)
            if once.sites:
                variants.append((right - sympy.diff(term, v) + once.result, once))
    return variants


def _slip_message(slip: SlipKind, slipped: Slipped, v: sympy.Symbol) -> str:
    site = slipped.sites[0]
    where = to_text(site)
    if slip == "power_coefficient":
        return (
            f"Check the power rule in {where}: the exponent comes down as a factor"
            " (d/dx xⁿ = n·xⁿ⁻¹). Your answer lowered the power but lost that factor."
        )
    if slip == "constant_factor":
        # The factor itself is not named: when it is all that is left, it is the answer.
        return (
            f"In {where}, a constant factor went missing: the derivative of c·g is c times"
            f" the derivative of g, so factors without {v.name} stay as they are."
        )
    inside = site.base if site.is_Pow else site.args[0]
    return (
        f"In {where}, finish the chain rule: after differentiating the outside, multiply by"
        f" the derivative of the inside, {to_text(inside)}, with respect to {v.name}."
    )


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
            found.append(Mistake(opposite_mistake, (point.location,), message))
        else:
            message = (
                f"{at} is a critical point, but not the {problem.goal} inside"
                f" {to_text(low)} < {x.name} < {to_text(high)}."
            )
            found.append(Mistake("other_critical_point", (point.location,), message))
    for end in (low, high):
        message = (
            f"{x.name} = {to_text(end)} is an end of the allowed range, not a point inside it"
            f" where {name}′ = 0."
        )
        found.append(Mistake("endpoint", (end,), message))
    message = (
        f"That is the {size} value of {name} itself; the question asks for the {x.name}"
        " that gives it."
    )
    found.append(Mistake("value_not_location", (sympy.simplify(f.xreplace({x: best})),), message))
    roots = sympy.solveset(f, x, domain=sympy.Reals)
    if isinstance(roots, sympy.FiniteSet):
        for root in roots:
            message = (
                f"At {x.name} = {to_text(root)}, {name} itself is 0. An optimum is where the"
                f" slope {name}′ is 0, not the function."
            )
            found.append(Mistake("root_not_critical", (root,), message))
    return found
