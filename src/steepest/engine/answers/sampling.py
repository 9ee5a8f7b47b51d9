"""Where the equivalence checker looks: variable domains, and the points it samples in them.

Randomness is injected (a seed turned into a numpy Generator), never drawn from a global state,
so a check is reproducible: the same seed picks the same points.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from fractions import Fraction

import numpy as np

from steepest.engine.answer_kinds import DOMAIN_KINDS, DomainKind
from steepest.engine.errors import VariableError
from steepest.engine.notation.symbols import canonical_variable_name

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
_BATCH = 16
# Random float coordinates: this share moderate, the rest log-spread over 10^LOWEST..10^HIGHEST.
MODERATE_SHARE = 0.4
LOWEST_EXPONENT = -3.0
HIGHEST_EXPONENT = 4.0


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
    positive = np.array([kind == "positive" for kind in domains])
    while True:
        # Drawn a batch at a time: a Generator call costs about a microsecond however many
        # numbers it returns, and a check rarely needs more than a batch.
        magnitudes = rng.integers(1, EXACT_RANGE + 1, size=(_BATCH, len(domains)))
        signs = np.where(positive | (rng.random((_BATCH, len(domains))) < 0.5), 1, -1)
        for row in (magnitudes * signs).tolist():
            yield tuple(Fraction(v) for v in row)


def random_float_points(
    domains: Sequence[DomainKind], rng: np.random.Generator
) -> Iterator[tuple[float, ...]]:
    """Endless points mixing two kinds of coordinate: moderate ones (0.1 to 3), where rounding
    error is smallest, and ones log-spread from 10^-3 to 10^4, so that answers agreeing only on
    one scale (x and sin x near 0, abs(x - 500) and 500 - x below 500) are still told apart.
    """
    positive = np.array([kind == "positive" for kind in domains])
    while True:
        scale, moderate, spread, sign = rng.random((4, _BATCH, len(domains)))
        magnitude = np.where(
            scale < MODERATE_SHARE,
            0.1 + 2.9 * moderate,
            10 ** (LOWEST_EXPONENT + (HIGHEST_EXPONENT - LOWEST_EXPONENT) * spread),
        )
        signed = np.where(positive | (sign >= 0.5), magnitude, -magnitude)
        yield from (tuple(row) for row in signed.tolist())
