"""A seeded stream of whole numbers, with no global state, that a browser reproduces exactly.

The generator is the linear congruential one of Numerical Recipes (2nd ed., §7.1):

    s ← (1664525·s + 1013904223) mod 2³²

starting from the seed itself (taken mod 2³²); each draw is the new s. A whole number below n
is ⌊s·n / 2³²⌋, from the draw's high bits (an LCG's low bits repeat with short periods). In
JavaScript, `s = (Math.imul(1664525, s) + 1013904223) >>> 0` steps it, and
`Math.floor(s * n / 4294967296)` is exact while s·n < 2⁵³, that is for n below 2²¹.

Each epoch shuffles with a stream of its own, seeded (seed + (epoch + 1)·2654435769) mod 2³²
(the golden-ratio increment 0x9E3779B9), by the Fisher–Yates shuffle in Durstenfeld's form:
for i from n − 1 down to 1, swap item i with item j, a draw below i + 1.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

MULTIPLIER = 1664525
INCREMENT = 1013904223
MODULUS = 2**32
GOLDEN = 0x9E3779B9

Item = TypeVar("Item")


def draws(seed: int) -> Iterator[int]:
    """The endless stream of draws from `seed`."""
    state = seed % MODULUS
    while True:
        state = (MULTIPLIER * state + INCREMENT) % MODULUS
        yield state


def below(draw: int, bound: int) -> int:
    """A whole number from 0 to bound − 1, from one draw."""
    return draw * bound // MODULUS


def epoch_seed(seed: int, epoch: int) -> int:
    return (seed + (epoch + 1) * GOLDEN) % MODULUS


def shuffled(items: Sequence[Item], seed: int) -> tuple[Item, ...]:
    """`items` in the order of a Fisher–Yates shuffle driven by the stream from `seed`."""
    order = list(items)
    stream = draws(seed)
    for i in range(len(order) - 1, 0, -1):
        j = below(next(stream), i + 1)
        order[i], order[j] = order[j], order[i]
    return tuple(order)
