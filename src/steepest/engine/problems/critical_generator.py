"""Practice on the second-derivative test: a point where ∇L = 0 is a minimum, a maximum or a
saddle, read off the Hessian there (lesson 05).

    level 1  quadratics      2(w1 − 1)² − 3(w1 − 1)(w2 + 2) + (w2 + 2)²   one critical point
    level 2  cubics          w1³ − 3w1 + 2(w2 − 1)², w1³ + w2³ − 6w1w2     two of them
    level 3  a double well   (w1² − 4)² − 3(w2 − 1)²                      three of them

Each level holds nine templates (`deal.py`): the same function shifted, expanded, factored,
with its weights swapped or a constant added, and kin. The kind of point is drawn first, so the
three answers come up about equally often, and the Hessian at the point is never singular: the
test always has an answer.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy

from steepest.engine.answer_kinds import ProblemKind
from steepest.engine.errors import EngineError, EvaluationError
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.problems.deal import template_of
from steepest.engine.problems.draws import MAX_TRIES, coefficient
from steepest.engine.problems.problem import CLASSIFICATIONS, Problem, make_problem

Variables = tuple[sympy.Symbol, sympy.Symbol]
Point = tuple[int, int]
# A template draws a function and one of its critical points.
Template = Callable[[np.random.Generator, Variables], tuple[sympy.Expr, Point]]


def _centre(rng: np.random.Generator) -> Point:
    """A critical point off both axes, so a shifted form never reads as an unshifted one."""
    return coefficient(rng, 2), coefficient(rng, 2)


def _form(rng: np.random.Generator) -> tuple[int, int, int]:
    """a, b and a cross coefficient c ≠ 0 of a·u² + c·uv + b·v², any kind of point."""
    return coefficient(rng, 4), coefficient(rng, 4), coefficient(rng, 4)


def _quadratic(expanded: bool, cross: bool, constant: bool) -> Template:
    """a·du² (+ c·du·dv) + b·dv² (+ k) about a centre, written out or left about it."""

    def draw(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
        (p, q), (a, b, c) = _centre(rng), _form(rng)
        du, dv = v[0] - p, v[1] - q
        function = a * du**2 + (c * du * dv if cross else 0) + b * dv**2
        function = sympy.expand(function) if expanded else function
        return function + (coefficient(rng, 3) if constant else 0), (p, q)

    return draw


def _factored(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
    (p, q), (a, b, c) = _centre(rng), _form(rng)
    du, dv = v[0] - p, v[1] - q
    if rng.random() < 0.5:
        return du * (a * du + c * dv) + b * dv**2, (p, q)
    return a * du**2 + dv * (c * du + b * dv), (p, q)


def _leaning(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
    """a·(du + dv)² + b·dv²: its Hessian's determinant is 4ab."""
    (p, q), (a, b, _) = _centre(rng), _form(rng)
    return a * (v[0] - p + v[1] - q) ** 2 + b * (v[1] - q) ** 2, (p, q)


def _on_axis(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
    """a·u² + c·u·dv + b·dv²: the critical point (0, q) on an axis."""
    q, (a, b, c) = coefficient(rng, 2), _form(rng)
    dv = v[1] - q
    return a * v[0] ** 2 + c * v[0] * dv + b * dv**2, (0, q)


_QUADRATICS: tuple[Template, ...] = (
    _quadratic(expanded=True, cross=True, constant=False),
    _quadratic(expanded=False, cross=True, constant=False),
    _quadratic(expanded=False, cross=False, constant=False),
    _quadratic(expanded=True, cross=False, constant=False),
    _quadratic(expanded=False, cross=True, constant=True),
    _quadratic(expanded=False, cross=False, constant=True),
    _factored,
    _leaning,
    lambda r, v: _on_axis(r, v),
)


def _one_cubic(rng: np.random.Generator) -> tuple[int, int, int]:
    """k, the sign s of s·(u³ − 3k²u), and where along u a critical point sits (±k)."""
    k, sign = int(rng.integers(1, 3)), 1 if rng.random() < 0.5 else -1
    return k, sign, k if rng.random() < 0.5 else -k


def _cubic_and_square(written: str) -> Template:
    """s·(u³ − 3k²u) in one weight and a square b·(v − q)² in the other, written as asked."""

    def draw(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
        swapped = written in ("swapped", "swapped expanded")
        u, w = (v[1], v[0]) if swapped else v
        k, sign, at = _one_cubic(rng)
        q, b = coefficient(rng, 2), coefficient(rng, 3)
        cubic = sign * (u**3 - 3 * k**2 * u)
        square = b * (w - q) ** 2
        if written in ("expanded", "swapped expanded"):
            square = b * sympy.expand((w - q) ** 2)
        elif written == "constant":
            square += coefficient(rng, 3)
        elif written == "product":
            square = b * w * (w - 2 * q)
        elif written == "factored":
            cubic = sign * u * (u**2 - 3 * k**2)
        return cubic + square, ((q, at) if swapped else (at, q))

    return draw


def _folium(flipped: bool) -> Template:
    """s·(u³ + v³ − 3kuv), or s·(u³ − v³ + 3kuv): a saddle at the origin and an extremum."""

    def draw(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
        u, w = v
        k, sign = int(rng.integers(1, 3)), 1 if rng.random() < 0.5 else -1
        if flipped:
            at = (0, 0) if rng.random() < 0.5 else (k, -k)
            return sign * (u**3 - w**3 + 3 * k * u * w), at
        at = (0, 0) if rng.random() < 0.5 else (k, k)
        return sign * (u**3 + w**3 - 3 * k * u * w), at

    return draw


_CUBICS: tuple[Template, ...] = (
    _cubic_and_square("expanded"),
    _cubic_and_square("about"),
    _cubic_and_square("swapped"),
    _cubic_and_square("constant"),
    _cubic_and_square("product"),
    _cubic_and_square("factored"),
    _folium(flipped=False),
    _folium(flipped=True),
    _cubic_and_square("swapped expanded"),
)


def _well(rng: np.random.Generator) -> tuple[int, int]:
    """k of the well (u² − k²)², and where along u a critical point sits: −k, 0 or k."""
    k = int(rng.integers(1, 3))
    return k, int(rng.choice([-k, 0, k]))


def _double_well(written: str) -> Template:
    """A double well (u² − k²)² in one weight, critical at −k, 0 and k, and a square in the
    other, written as asked."""

    def draw(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
        swapped = written == "swapped"
        u, w = (v[1], v[0]) if swapped else v
        (k, at), q, c = _well(rng), coefficient(rng, 2), coefficient(rng, 3)
        well, square = (u**2 - k**2) ** 2, c * (w - q) ** 2
        if written == "expanded":
            well = sympy.expand(well)
        elif written == "scaled":
            well = int(rng.choice([-3, -2, -1, 2, 3])) * well
        elif written == "constant":
            square += coefficient(rng, 3)
        elif written == "product":
            square = c * w * (w - 2 * q)
        elif written == "factored":
            well = u**2 * (u**2 - 2 * k**2)
        return well + square, ((q, at) if swapped else (at, q))

    return draw


def _two_wells(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
    """A well in each weight: nine critical points, every kind among them."""
    (k, at), (m, across) = _well(rng), _well(rng)
    return (v[0] ** 2 - k**2) ** 2 + (v[1] ** 2 - m**2) ** 2, (at, across)


def _shifted_well(rng: np.random.Generator, v: Variables) -> tuple[sympy.Expr, Point]:
    """A well about u = p: ((u − p)² − k²)² + c·v²."""
    (k, at), p, c = _well(rng), coefficient(rng, 2), coefficient(rng, 3)
    return ((v[0] - p) ** 2 - k**2) ** 2 + c * v[1] ** 2, (p + at, 0)


_DOUBLE_WELLS: tuple[Template, ...] = (
    _double_well("about"),
    _double_well("expanded"),
    _double_well("swapped"),
    _double_well("product"),
    _double_well("scaled"),
    _double_well("constant"),
    _double_well("factored"),
    _two_wells,
    _shifted_well,
)

_TEMPLATES: dict[int, tuple[Template, ...]] = {1: _QUADRATICS, 2: _CUBICS, 3: _DOUBLE_WELLS}


def critical_point_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """A critical point of a polynomial of the level to classify, the same for the same seed."""
    rng = np.random.default_rng(seed)
    wanted = CLASSIFICATIONS[int(rng.integers(0, len(CLASSIFICATIONS)))]
    variables = (make_symbol("w1"), make_symbol("w2"))
    templates = _TEMPLATES[level]
    template = templates[template_of(seed, len(templates))]
    for _ in range(MAX_TRIES):
        function, at = template(rng, variables)
        point = tuple(sympy.Integer(c) for c in at)
        try:
            problem = make_problem(kind, function, variables, point=point, level=level, seed=seed)
        except EngineError:
            continue  # a singular Hessian: the test would say nothing
        if problem.classification == wanted:
            return problem
    raise EvaluationError(f"no critical point to classify at level {level} for seed {seed}")
