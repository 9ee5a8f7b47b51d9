"""Where the equivalence checker looks: variable domains, and the points it samples in them.

Randomness is injected (a seed turned into a numpy Generator), never drawn from a global state,
so a check is reproducible: the same seed picks the same points.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Literal

import numpy as np

from steepest.engine.errors import VariableError
from steepest.engine.symbols import canonical_variable_name

DomainKind = Literal["positive", "nonzero", "real"]
DOMAIN_KINDS: tuple[DomainKind, ...] = ("positive", "nonzero", "real")

# Small, readable coordinates tried first: a difference found here makes a counterexample a
# learner can check by hand. None is 0 or ±1 alone, where too many different functions agree
# (x² = x at 1, sin x = x at 0).
_NICE = (
    Fraction(2),
    Fraction(-1),
    Fraction(3),
    Fraction(1, 2),
    Fraction(-2),
    Fraction(1),
    Fraction(-1, 3),
    Fraction(5, 2),
)
# Random integers for the exact check come from [-RANGE, RANGE]: the chance that a wrong rational
# answer agrees at one of them is at most (degree / 2·RANGE).
EXACT_RANGE = 10**6


def read_domains(
    domain: Mapping[str, str] | None, variables: Sequence[str]
) -> tuple[DomainKind, ...]:
    """One domain per variable, in order; `real` unless the mapping says otherwise."""
    chosen: dict[str, DomainKind] = {}
    for raw_name, kind in (domain or {}).items():
        name = canonical_variable_name(raw_name)
        if name not in variables:
            raise VariableError(f"the domain names {raw_name!r}, which is not a variable")
        if kind not in DOMAIN_KINDS:
            raise VariableError(
                f"the domain of {name} must be positive, nonzero or real, not {kind!r}"
            )
        chosen[name] = kind
    return tuple(chosen.get(name, "real") for name in variables)


def nice_points(domains: Sequence[DomainKind], count: int) -> list[tuple[Fraction, ...]]:
    """`count` points with small coordinates, each variable cycling at its own offset."""
    points = []
    for i in range(count):
        point = []
        for j, kind in enumerate(domains):
            allowed = [v for v in _NICE if v > 0] if kind == "positive" else list(_NICE)
            point.append(allowed[(i + 3 * j) % len(allowed)])
        points.append(tuple(point))
    return points


def random_integer_points(
    domains: Sequence[DomainKind], rng: np.random.Generator
) -> Iterator[tuple[Fraction, ...]]:
    """Endless integer points drawn uniformly from the domain within ±EXACT_RANGE (never 0)."""
    while True:
        point = []
        for kind in domains:
            magnitude = int(rng.integers(1, EXACT_RANGE + 1))
            negative = kind != "positive" and bool(rng.integers(0, 2))
            point.append(Fraction(-magnitude if negative else magnitude))
        yield tuple(point)


def random_float_points(
    domains: Sequence[DomainKind], rng: np.random.Generator
) -> Iterator[tuple[float, ...]]:
    """Endless points mixing three scales per coordinate: about 1, near 0, and large.

    Most coordinates are of moderate size, where rounding error is smallest; some are near 0
    and some large (up to a few hundred), so that answers agreeing only on one scale (x and
    sin x near 0, say) are still told apart.
    """
    while True:
        point = []
        for kind in domains:
            scale = rng.random()
            if scale < 0.5:
                magnitude = rng.uniform(0.1, 3.0)
            elif scale < 0.75:
                magnitude = 10 ** rng.uniform(-3.0, -1.0)
            else:
                magnitude = 10 ** rng.uniform(0.5, 2.5)
            negative = kind != "positive" and rng.random() < 0.5
            point.append(float(-magnitude if negative else magnitude))
        yield tuple(point)
