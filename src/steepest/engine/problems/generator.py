"""Endless practice: new, well-posed problems at three levels, reproducible from a seed.

Each practice topic (`topics.TOPICS`) has its generator in `GENERATORS`. The derivative of a
loss of one weight (`derivative_generator`), the stable rate and the Hessian
(`quadratic_generator`), a critical point's kind (`critical_generator`), two momentum steps
(`momentum_generator`), an Adam or RMSProp step (`adaptive_generator`) and a batch's gradient
(`batch_generator`) have modules of their own; the derivative topics of two variables
(partial, gradient, descent, mixed) and backpropagation are here, and draw a loss in two
variables from the seed's template (`deal.py`; `loss_templates`, `backprop_templates`):

    level 1  polynomial losses            3w1² − 2w1w2 + w2³
    level 2  products                     (2x − 1)(y + 3), (w1 w2 − 2)²
    level 3  exp, log and trig losses     e^(x − 2y), ln(w1² + w2² + 1), sin(πx/2)·y

Points have small integer coordinates, and a problem is kept only when its answer is defined,
not trivially zero, and made of numbers a learner can work out by hand: integers and fractions at
levels 1–2; at level 3 also e, π and their simple combinations, never sin 2 or ln 3.
The same (topic, level, kind, seed) always gives the same problem, so a server can rebuild the
answer key from those four instead of storing it.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy

from steepest.engine.answer_kinds import POINT_KINDS, ProblemKind
from steepest.engine.calculus.derivatives import gradient
from steepest.engine.errors import EngineError, EvaluationError
from steepest.engine.notation.symbols import make_symbol
from steepest.engine.problems.adaptive_generator import adaptive_step_problem
from steepest.engine.problems.backprop_templates import BACKPROP_KNOBS, BACKPROP_TEMPLATES
from steepest.engine.problems.batch_generator import batch_gradient_problem
from steepest.engine.problems.critical_generator import critical_point_problem
from steepest.engine.problems.deal import template_of
from steepest.engine.problems.derivative_generator import derivative_problem
from steepest.engine.problems.draws import MAX_TRIES
from steepest.engine.problems.loss_templates import LOSS_TEMPLATES, Template
from steepest.engine.problems.momentum_generator import momentum_step_problem
from steepest.engine.problems.optimum_templates import OPTIMUM_TEMPLATES
from steepest.engine.problems.problem import Problem, make_problem
from steepest.engine.problems.quadratic_generator import hessian_problem, stable_rate_problem
from steepest.engine.problems.topics import TOPICS

LEVELS = (1, 2, 3)
_NICE_LIMIT = 200
_PAIRS = (("w1", "w2"), ("x", "y"))

Variables = tuple[sympy.Symbol, sympy.Symbol]
# A topic's generator: the problem of one of its kinds at a level, the same for the same seed.
Generator = Callable[[int, ProblemKind, int], Problem]


def generate_problem(topic: str, level: int, kind: ProblemKind, seed: int) -> Problem:
    """A practice problem of `topic`, asking `kind` at `level` (1, 2 or 3), the same for the
    same seed."""
    if topic not in TOPICS:
        raise EvaluationError(f"there is no practice topic {topic!r}")
    if kind not in TOPICS[topic].kinds:
        asked = ", ".join(TOPICS[topic].kinds)
        raise EvaluationError(f"the topic {topic!r} asks {asked}, not {kind}")
    if level not in LEVELS:
        raise EvaluationError(f"the level must be 1, 2 or 3, not {level}")
    return GENERATORS[topic](level, kind, seed)


def _loss_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """A derivative of a loss in two variables, drawn from the seed's template of the level."""
    return _templated_problem(LOSS_TEMPLATES[level], _PAIRS, level, kind, seed)


def _backprop_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """The gradient of a small computation graph's loss at a point: backpropagation."""
    return _templated_problem(
        BACKPROP_TEMPLATES[level], (BACKPROP_KNOBS[level],), level, kind, seed
    )


def _templated_problem(
    templates: tuple[Template, ...],
    pairs: tuple[tuple[str, str], ...],
    level: int,
    kind: ProblemKind,
    seed: int,
) -> Problem:
    """A problem from the seed's template (`deal.template_of`): new numbers until well posed,
    never another template, so the dealt template is the one the learner sees."""
    rng = np.random.default_rng(seed)
    template = templates[template_of(seed, len(templates))]
    for _ in range(MAX_TRIES):
        names = pairs[int(rng.integers(0, len(pairs)))]
        variables = (make_symbol(names[0]), make_symbol(names[1]))
        function, positive = template(rng, variables)
        domain = {name: "positive" for name in positive}
        problem = _well_posed(kind, function, variables, domain, level, seed, rng)
        if problem is not None:
            return problem
    raise EvaluationError(f"no well-posed {kind} problem at level {level} for seed {seed}")


def _well_posed(
    kind: ProblemKind,
    function: sympy.Expr,
    variables: Variables,
    domain: dict[str, str],
    level: int,
    seed: int,
    rng: np.random.Generator,
) -> Problem | None:
    partials = gradient(function, variables)
    if any(p == 0 for p in partials):
        return None  # the loss ignores a variable: a trivial question
    respect = variables[int(rng.integers(0, 2))] if kind == "partial" else None
    point = None
    if kind in POINT_KINDS:
        low = 1 if domain else -2
        point = tuple(sympy.Integer(int(rng.integers(low, 3))) for _ in variables)
    try:
        problem = make_problem(
            kind,
            function,
            variables,
            respect=respect,
            point=point,
            domain=domain,
            level=level,
            seed=seed,
        )
    except EngineError:
        return None  # undefined at the point
    if point is None:
        return problem
    return problem if _nice_answer(problem.expected, exact_only=level < 3) else None


def _nice_answer(values: tuple[sympy.Expr, ...], *, exact_only: bool) -> bool:
    """Numbers a learner can find by hand, not all zero, none huge."""
    if all(v == 0 for v in values):
        return False
    for value in values:
        if exact_only and not value.is_Rational:
            return False
        if value.atoms(sympy.Function) or value.has(sympy.Float):
            return False  # sin(2), ln(3): not something to work out by hand
        if not value.is_real or abs(float(value)) > _NICE_LIMIT:
            return False
        if value.is_Rational and value.q > 12:
            return False
    return True


def _optimum_problem(level: int, kind: ProblemKind, seed: int) -> Problem:
    """The best value of a function of x on an interval, from the seed's template
    (`optimum_templates`)."""
    rng = np.random.default_rng(seed)
    x = make_symbol("x")
    templates = OPTIMUM_TEMPLATES[level]
    drawn = templates[template_of(seed, len(templates))](rng, x)
    return make_problem(
        "optimum",
        drawn.function,
        (x,),
        interval=(sympy.Integer(drawn.interval[0]), sympy.Integer(drawn.interval[1])),
        goal=drawn.goal,
        domain={"x": "positive"} if drawn.positive else {},
        name=drawn.name,
        level=level,
        seed=seed,
    )


GENERATORS: dict[str, Generator] = {
    "partial": _loss_problem,
    "gradient": _loss_problem,
    "descent": _loss_problem,
    "optimum": _optimum_problem,
    "mixed": _loss_problem,
    "derivative": derivative_problem,
    "stable_rate": stable_rate_problem,
    "hessian": hessian_problem,
    "critical_point": critical_point_problem,
    "momentum_step": momentum_step_problem,
    "adam_step": adaptive_step_problem,
    "minibatch_gradient": batch_gradient_problem,
    "backprop": _backprop_problem,
}
"""The generator table: each topic of `topics.TOPICS` and the function making its problems."""
