"""Learning-rate schedules: the rate η_t of step t (counted from 0), a pure function of t.

    decay      η·γ^⌊t/s⌋                                    PyTorch's StepLR(step_size=s, gamma=γ)
    cosine     η_min + (η − η_min)(1 + cos(πt/T))/2, t ≤ T;  PyTorch's CosineAnnealingLR closed
               η_min after                                   form (Loshchilov & Hutter 2017,
                                                             without restarts)
    warmup     η·(t + 1)/W for t < W, η after               linear warmup (Goyal et al. 2017);
                                                             PyTorch's LinearLR(start_factor=1/W,
                                                             total_iters=W − 1)
    one-cycle  cosine from η/d up to η over the first        PyTorch's OneCycleLR (Smith & Topin
               fraction p of T steps, then cosine down to    2019), two phases, with its
               η/(d·f) at step T − 1                         defaults p = 0.3, d = 25, f = 10⁴

Exact settings give exact rates (cos(π/4) stays √2/2) and a symbolic peak rate η a formula in η.
"""

from __future__ import annotations

import sympy

from steepest.engine.errors import EvaluationError

ONE_CYCLE_RISE = sympy.Rational(3, 10)
ONE_CYCLE_DIVISOR = sympy.Integer(25)
ONE_CYCLE_FINAL_DIVISOR = sympy.Integer(10**4)


def decay_rate(rate: sympy.Expr, factor: sympy.Expr, every: int, step: int) -> sympy.Expr:
    """The rate multiplied by `factor` once every `every` steps."""
    _require_step(step)
    _require_count(every, "the number of steps between decays")
    return rate * factor ** (step // every)


def cosine_rate(
    rate: sympy.Expr, total: int, step: int, floor: sympy.Expr = sympy.S.Zero
) -> sympy.Expr:
    """Half a cosine from `rate` at step 0 down to `floor` at step `total`, then `floor`."""
    _require_step(step)
    _require_count(total, "the length of the cosine")
    if step >= total:
        return floor
    return floor + (rate - floor) * (1 + sympy.cos(sympy.pi * sympy.Rational(step, total))) / 2


def warmup_rate(rate: sympy.Expr, length: int, step: int) -> sympy.Expr:
    """A straight rise from rate/length at step 0 to `rate` at step length − 1, then `rate`."""
    _require_step(step)
    _require_count(length, "the length of the warmup")
    return rate * sympy.Rational(min(step + 1, length), length)


def one_cycle_rate(
    peak: sympy.Expr,
    total: int,
    step: int,
    rise: sympy.Expr = ONE_CYCLE_RISE,
    divisor: sympy.Expr = ONE_CYCLE_DIVISOR,
    final_divisor: sympy.Expr = ONE_CYCLE_FINAL_DIVISOR,
) -> sympy.Expr:
    """PyTorch's OneCycleLR with cosine annealing: the rise ends at step rise·total − 1 (not
    always a whole step), the fall at step total − 1."""
    _require_step(step)
    if step >= total:
        raise EvaluationError(f"a one-cycle schedule of {total} steps has steps 0 to {total - 1}")
    turn = rise * total - 1
    if not (turn > 0 and turn < total - 1):
        raise EvaluationError(
            f"a one-cycle schedule of {total} steps rising for {rise} of them has no rise or no"
            " fall: the rise must end after step 0 and before the last step"
        )
    start = peak / divisor
    if step <= turn:
        return _cosine_between(start, peak, step / turn)
    return _cosine_between(peak, start / final_divisor, (step - turn) / (total - 1 - turn))


def _cosine_between(start: sympy.Expr, end: sympy.Expr, part: sympy.Expr) -> sympy.Expr:
    """From `start` at part 0 to `end` at part 1 along half a cosine."""
    return end + (start - end) * (1 + sympy.cos(sympy.pi * part)) / 2


def _require_step(step: int) -> None:
    if step < 0:
        raise EvaluationError(f"step {step} is before the first step, step 0")


def _require_count(count: int, what: str) -> None:
    if count < 1:
        raise EvaluationError(f"{what} must be at least 1 step")
