"""The functions of x whose best value on an interval the `optimum` topic asks for: nine
templates at each level, so problems vary (`deal.py`).

    level 1  quadratics    x(a − x) (a rectangle's area), (x − p)² + c, (x − p)(x − q), ...
    level 2  cubics        x(a − 2x)² (the open box), x³ − 3p²x, x²(a − x), ...
    level 3  exp and log   x·e^(−x/k), x − k·ln x, e^(2x) − 2m·eˣ, 2k·ln x − x², ...

Each has one critical point inside its interval, the one asked for, at a whole number or a
simple fraction, surd, ln or e; the engine finds it (`make_problem`), no template states it.
Coefficients are never 1 where a template writes one, so its shape stays its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import sympy

from steepest.engine.answer_kinds import Goal


class Optimum(NamedTuple):
    """A function of x, the open interval it lives on, and which best value is asked."""

    function: sympy.Expr
    interval: tuple[int, int]
    goal: Goal
    name: str = "L"
    """A for an area, V for a volume, L for a function that tells no story."""
    positive: bool = False
    """x must stay positive (a ln of x)."""


Template = Callable[[np.random.Generator, sympy.Symbol], Optimum]


def _n(rng: np.random.Generator, low: int, high: int) -> int:
    """A whole number from low to high, both included."""
    return int(rng.integers(low, high + 1))


def _rectangle(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # A rectangle with perimeter 2a: its area x(a − x) is largest for the square.
    a = 2 * _n(r, 1, 5)
    return Optimum(x * (a - x), (0, a), "maximum", "A")


def _about(r: np.random.Generator) -> tuple[int, tuple[int, int]]:
    """A vertex p and an interval around it."""
    p = _n(r, 1, 4)
    return p, (p - _n(r, 1, 3), p + _n(r, 1, 3))


def _vertex(r: np.random.Generator, x: sympy.Symbol, form: str) -> Optimum:
    p, interval = _about(r)
    c, k = _n(r, 1, 6), _n(r, 2, 4)
    if form == "shifted":
        return Optimum((x - p) ** 2 + c, interval, "minimum")
    if form == "expanded":
        return Optimum(x**2 - 2 * p * x + c, interval, "minimum")
    if form == "capped":
        return Optimum(c - (x - p) ** 2, interval, "maximum")
    if form == "scaled":
        return Optimum(k * (x - p) ** 2, interval, "minimum")
    if form == "monic":
        return Optimum(x**2 - 2 * p * x, interval, "minimum")
    return Optimum(2 * p * x - x**2, interval, "maximum")


def _roots(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # (x − p)(x − q) is smallest halfway between its roots.
    p = _n(r, 1, 3)
    q = p + _n(r, 1, 4)
    return Optimum((x - p) * (x - q), (p, q), "minimum")


def _from_zero(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    a = 2 * _n(r, 1, 5)
    return Optimum(x * (x - a), (0, a), "minimum")


def _box(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # The open box of lesson 02: squares of side x cut from a sheet a wide.
    a = 6 * _n(r, 1, 3)
    return Optimum(x * (a - 2 * x) ** 2, (0, a // 2), "maximum", "V")


def _odd(r: np.random.Generator, x: sympy.Symbol, rising: bool) -> Optimum:
    # x³ − 3p²x has its slope 3(x² − p²) zero at ±p.
    p = _n(r, 1, 4)
    if rising:
        return Optimum(x**3 - 3 * p**2 * x, (0, 2 * p), "minimum")
    return Optimum(3 * p**2 * x - x**3, (0, 2 * p), "maximum")


def _two_roots(r: np.random.Generator) -> tuple[int, int, tuple[int, int]]:
    """Roots 0 < p < q of the slope, p + q even, and an interval holding q but not p: no
    coefficient of the cubic is zero."""
    p = _n(r, 1, 3)
    q = p + 2 * _n(r, 1, 2)
    return p, q, ((p + q) // 2, q + _n(r, 1, 2))


def _monic_cubic(r: np.random.Generator, x: sympy.Symbol, constant: bool) -> Optimum:
    # Slope 3(x − p)(x − q): a local minimum at the larger root q.
    p, q, interval = _two_roots(r)
    c = _n(r, 1, 6) if constant else 0
    function = x**3 - sympy.Rational(3 * (p + q), 2) * x**2 + 3 * p * q * x + c
    return Optimum(function, interval, "minimum")


def _falling_cubic(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # Slope −6(x − p)(x − q): a local maximum at the larger root q.
    p, q, interval = _two_roots(r)
    return Optimum(-2 * x**3 + 3 * (p + q) * x**2 - 6 * p * q * x, interval, "maximum")


def _square_times(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # x²(a − x) has slope x(2a − 3x): largest at 2a/3.
    a = 3 * _n(r, 1, 3)
    return Optimum(x**2 * (a - x), (0, a), "maximum")


def _double_root(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # x(x − a)² has slope (x − a)(3x − a): a local maximum at a/3.
    a = 3 * _n(r, 1, 3)
    return Optimum(x * (x - a) ** 2, (0, a), "maximum")


def _shifted_cubic(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # (x − p)³ − 3k²x has slope 3((x − p)² − k²): a local minimum at p + k.
    p, k = _n(r, 1, 3), _n(r, 1, 2)
    return Optimum((x - p) ** 3 - 3 * k**2 * x, (p, p + 2 * k), "minimum")


def _decay(r: np.random.Generator, x: sympy.Symbol, power: int) -> Optimum:
    # xⁿ·e^(−x/k) is largest at x = n·k.
    k = _n(r, 1, 4)
    return Optimum(x**power * sympy.exp(-x / k), (0, 4 * k * power), "maximum")


def _log_pull(r: np.random.Generator, x: sympy.Symbol, rising: bool) -> Optimum:
    # x − k·ln x is smallest, and ln x − x/k largest, at x = k.
    k = _n(r, 2, 4)
    if rising:
        return Optimum(x - k * sympy.log(x), (0, 4 * k), "minimum", positive=True)
    return Optimum(sympy.log(x) - x / k, (0, 4 * k), "maximum", positive=True)


def _exp_line(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # eˣ − a·x is smallest at ln a.
    a = _n(r, 2, 6)
    return Optimum(sympy.exp(x) - a * x, (0, a), "minimum")


def _x_log(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # x·ln(x/k) has slope ln(x/k) + 1: smallest at k/e.
    k = _n(r, 2, 5)
    return Optimum(x * sympy.log(x / k), (0, k), "minimum", positive=True)


def _bell(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # x·e^(−x²/(2k²)) has slope (1 − x²/k²)·e^(…): largest at k.
    k = _n(r, 1, 3)
    return Optimum(x * sympy.exp(-(x**2) / (2 * k**2)), (0, 3 * k), "maximum")


def _exp_square(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # e^(2x) − 2m·eˣ has slope 2eˣ(eˣ − m): smallest at ln m.
    m = _n(r, 2, 4)
    return Optimum(sympy.exp(2 * x) - 2 * m * sympy.exp(x), (0, m), "minimum")


def _log_square(r: np.random.Generator, x: sympy.Symbol) -> Optimum:
    # 2k·ln x − x² has slope 2k/x − 2x: largest at √k.
    k = _n(r, 1, 4)
    return Optimum(2 * k * sympy.log(x) - x**2, (0, 2 * k), "maximum", positive=True)


OPTIMUM_TEMPLATES: dict[int, tuple[Template, ...]] = {
    1: (
        _rectangle,
        lambda r, x: _vertex(r, x, "shifted"),
        lambda r, x: _vertex(r, x, "expanded"),
        lambda r, x: _vertex(r, x, "capped"),
        lambda r, x: _vertex(r, x, "scaled"),
        lambda r, x: _vertex(r, x, "monic"),
        lambda r, x: _vertex(r, x, "reversed"),
        _roots,
        _from_zero,
    ),
    2: (
        _box,
        lambda r, x: _odd(r, x, rising=True),
        lambda r, x: _odd(r, x, rising=False),
        lambda r, x: _monic_cubic(r, x, constant=False),
        lambda r, x: _monic_cubic(r, x, constant=True),
        _falling_cubic,
        _square_times,
        _double_root,
        _shifted_cubic,
    ),
    3: (
        lambda r, x: _decay(r, x, 1),
        lambda r, x: _decay(r, x, 2),
        lambda r, x: _log_pull(r, x, rising=True),
        lambda r, x: _log_pull(r, x, rising=False),
        _exp_line,
        _x_log,
        _bell,
        _exp_square,
        _log_square,
    ),
}
