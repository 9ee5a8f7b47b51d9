"""Which template the next practice problem of a level is drawn from, so problems vary.

A level of a topic holds several templates (a loss's shape: a product, a softplus, ...). The
next problem never repeats one of the last `SPREAD − 1` templates the learner saw at that
level: a level with at least `SPREAD` templates shows no template twice in `SPREAD` draws in a
row. The template rides inside the problem's seed (`seed % count`), so a problem token needs no
field of its own and the generator reads the template back from the seed alone.

No SymPy and no randomness of its own: the caller hands in how to pick, so the server draws
with `secrets` and a test with a seeded generator, through the same rule.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

SPREAD = 8
"""No template comes back within this many consecutive draws of a level."""

_MAX_SEED = 2**62


def next_template(count: int, recent: Sequence[int], pick: Callable[[int], int]) -> int:
    """The template of the next draw among `count`, given the templates of the latest draws
    (oldest first); `pick(n)` chooses one of n, 0 to n − 1."""
    window = min(SPREAD, count) - 1
    barred = set(recent[max(0, len(recent) - window) :]) if window else set()
    free = [template for template in range(count) if template not in barred]
    return free[pick(len(free))]


def seed_of(template: int, count: int, pick: Callable[[int], int]) -> int:
    """A fresh seed whose problem is drawn from `template`."""
    return pick(_MAX_SEED // count) * count + template


def template_of(seed: int, count: int) -> int:
    """The template a seed's problem is drawn from."""
    return seed % count
