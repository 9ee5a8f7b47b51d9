"""Claims about the optimizers of lessons 06–08: where K steps of one lead, Polyak's tuned heavy
ball on a quadratic, and a schedule's rate at a step. Each function works out one statement.

    momentum w1^2 + 3w2^2 from w1 = 1, w2 = 1 after 2 steps at rate 0.1 with beta = 0.9
    adam w1^2 + 3w2^2 from w1 = 1, w2 = 1 after 1 step at rate 0.1      (0.9, 0.9): η·sign(g)
    tuned momentum w1^2 + 9w2^2                                          (1/8, 1/4): (η*, β*)
    schedule cosine 0.1 at step 50 with total = 100                      0.05

The rules, their settings and defaults are those of optimizers/rules.py: momentum and nesterov
need `beta`; adagrad takes `eps` (10⁻¹⁰); rmsprop `rho` (0.9) and `eps` (10⁻⁸, under the root);
adam `beta1` (0.9), `beta2` (0.999) and `eps` (10⁻⁸). A rate or setting may be made of the
lesson's parameters, when the position is a formula in them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sympy

from steepest.engine.calculus.quadratic import quadratic_hessian
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.settings import read_settings
from steepest.engine.claims.shapes import Values
from steepest.engine.claims.statements import Statement
from steepest.engine.errors import LimitExceeded, VariableError
from steepest.engine.limits import DEFAULT_LIMITS
from steepest.engine.notation.printing import to_text
from steepest.engine.optimizers import rules
from steepest.engine.optimizers.schedules import (
    ONE_CYCLE_DIVISOR,
    ONE_CYCLE_FINAL_DIVISOR,
    ONE_CYCLE_RISE,
    cosine_rate,
    decay_rate,
    one_cycle_rate,
    warmup_rate,
)
from steepest.engine.optimizers.tuning import tuned_heavy_ball
from steepest.engine.optimizers.walks import optimizer_path

# The settings each rule takes, by the name a statement gives them, with their defaults (None:
# the statement must give it). `eps` and `epsilon` (ε) are one setting.
_SETTINGS: Mapping[str, Mapping[str, sympy.Expr | None]] = {
    "momentum": {"beta": None},
    "nesterov": {"beta": None},
    "adagrad": {"eps": rules.ADAGRAD_EPSILON},
    "rmsprop": {"rho": rules.RMSPROP_DECAY, "eps": rules.RMSPROP_EPSILON},
    "adam": {"beta1": rules.ADAM_BETA1, "beta2": rules.ADAM_BETA2, "eps": rules.ADAM_EPSILON},
}
_RULES: Mapping[str, Callable[..., rules.Rule]] = {
    "momentum": lambda rate, s: rules.HeavyBall(rate, s["beta"]),
    "nesterov": lambda rate, s: rules.Nesterov(rate, s["beta"]),
    "adagrad": lambda rate, s: rules.AdaGrad(rate, s["eps"]),
    "rmsprop": lambda rate, s: rules.RMSProp(rate, s["rho"], s["eps"]),
    "adam": lambda rate, s: rules.Adam(rate, s["beta1"], s["beta2"], s["eps"]),
}
# Whole-number settings of each schedule, then its other ones with their defaults.
_COUNTS = {
    "decay": ("every",),
    "cosine": ("total",),
    "warmup": ("length",),
    "one-cycle": ("total",),
}
_SCHEDULE_SETTINGS: Mapping[str, Mapping[str, sympy.Expr | None]] = {
    "decay": {"factor": None},
    "cosine": {"floor": sympy.S.Zero},
    "warmup": {},
    "one-cycle": {
        "rise": ONE_CYCLE_RISE,
        "divisor": ONE_CYCLE_DIVISOR,
        "final": ONE_CYCLE_FINAL_DIVISOR,
    },
}
# A schedule's step beyond this is not one a lesson states.
MAX_SCHEDULE_STEP = 10**6


def optimizer_claim(statement: Statement, names: ClaimNames) -> Values:
    """The position after K steps of the statement's optimizer, one coordinate per variable."""
    assert statement.steps is not None and statement.rate is not None
    function, variables, point = names.function_and_point(statement)
    assert point is not None  # the grammar requires `from POINT`
    rate = names.read_rate(statement.rate)
    given = read_settings(statement, _SETTINGS[statement.kind], names).values
    rule = _RULES[statement.kind](rate, given)
    symbolic = bool(rate.free_symbols) or any(v.free_symbols for v in given.values())
    path = optimizer_path(rule, function, variables, point, statement.steps, symbolic)
    return Values(path[-1], vector=len(variables) > 1)


def tuned_claim(statement: Statement, names: ClaimNames) -> Values:
    """Polyak's heavy ball for a quadratic: (η*, β*), β* alone, or the factor it settles at."""
    function = names.read(statement.function)
    variables = names.variables_of(function)
    if not variables:
        raise VariableError(f"{to_text(function)} has no variables, so nothing descends")
    tuned = tuned_heavy_ball(
        quadratic_hessian(function, variables), f"the Hessian of {to_text(function)}"
    )
    if statement.variant == "momentum":
        return Values((tuned.rate, tuned.beta), vector=True, note="(the rate η and the momentum β)")
    if statement.variant == "beta":
        return Values((tuned.beta,))
    return Values((tuned.factor,), note="(what each step multiplies the distance by)")


def schedule_claim(statement: Statement, names: ClaimNames) -> Values:
    """The rate a schedule gives at step T (counted from 0)."""
    assert statement.steps is not None and statement.variant is not None
    variant, step = statement.variant, statement.steps
    if step > MAX_SCHEDULE_STEP:
        raise LimitExceeded(f"a schedule's step is at most {MAX_SCHEDULE_STEP}")
    rate = names.read_rate(statement.function)
    settings = read_settings(statement, _SCHEDULE_SETTINGS[variant], names, _COUNTS[variant])
    given, (count,) = settings.values, settings.counts
    if variant == "decay":
        every = count
        if step // every > DEFAULT_LIMITS.max_exponent:
            raise LimitExceeded(f"a decay claim takes at most {DEFAULT_LIMITS.max_exponent} decays")
        return Values((decay_rate(rate, given["factor"], every, step),))
    if variant == "cosine":
        return Values((cosine_rate(rate, count, step, given["floor"]),))
    if variant == "warmup":
        return Values((warmup_rate(rate, count, step),))
    rise, divisor, final = given["rise"], given["divisor"], given["final"]
    return Values((one_cycle_rate(rate, count, step, rise, divisor, final),))
