"""Claims about stochastic gradient descent on the seeded data set of optimizers/minibatch.py:
where K steps lead, each on the next minibatch of the shuffled epochs.

    sgd (w x + b - y)^2 from w = 0, b = 0 after 5 steps at rate 0.1
        with seed = 7, examples = 20, batch = 4, slope = 2, intercept = -1, noise = 0.5

EXPR is the loss of one example, in the weights the point names and the data names x and y;
the loss of a batch is its mean over the batch's examples. The data set is the `examples`
points near y = slope·x + intercept drawn from `seed`, and each epoch is cut into batches of
`batch` examples after its own shuffle, as minibatch.py says.
"""

from __future__ import annotations

import sympy

from steepest.engine.calculus.points import read_point
from steepest.engine.claims.names import ClaimNames
from steepest.engine.claims.settings import read_settings
from steepest.engine.claims.shapes import Values
from steepest.engine.claims.statements import Statement
from steepest.engine.errors import VariableError
from steepest.engine.notation.parser import parse
from steepest.engine.notation.symbols import canonical_variable_name, make_symbol
from steepest.engine.optimizers.minibatch import Regression, line_examples, minibatch_gradient
from steepest.engine.optimizers.rules import GradientDescent
from steepest.engine.optimizers.walks import walk

DATA_NAMES = ("x", "y")
_LINE: dict[str, sympy.Expr | None] = {"slope": None, "intercept": None, "noise": None}
_COUNTS = ("seed", "examples", "batch")


def sgd_claim(statement: Statement, names: ClaimNames) -> Values:
    """The weights after K steps of minibatch SGD, in the order the point names them."""
    assert statement.point is not None and statement.steps is not None
    assert statement.rate is not None
    weights = [canonical_variable_name(name) for name, _value in statement.point]
    taken = [name for name in weights if name in DATA_NAMES]
    if taken:
        raise VariableError(f"{taken[0]} names the data in an sgd claim, so it is not a weight")
    loss = parse(statement.function, [*weights, *DATA_NAMES], parameters=names.parameters)
    settings = read_settings(statement, _LINE, names, _COUNTS)
    line = settings.values
    held = sorted(s.name for value in line.values() for s in value.free_symbols)
    if held:
        raise VariableError(f"the data must be numbers, but its line holds {held[0]}")
    seed, count, size = settings.counts
    examples = line_examples(seed, count, line["slope"], line["intercept"], line["noise"])
    symbols = tuple(make_symbol(name) for name in weights)
    x, y = (make_symbol(name) for name in DATA_NAMES)
    problem = Regression(loss, symbols, x, y, examples)
    point = read_point(dict(statement.point), symbols)
    start = tuple(point[symbol] for symbol in symbols)
    rule = GradientDescent(names.read_rate(statement.rate))
    path = walk(rule, minibatch_gradient(problem, size, seed), start, statement.steps)
    return Values(path[-1], vector=len(symbols) > 1)
