"""The update rules of the optimizers the lessons teach, one step each, in the form the lessons
state them. A step takes the weights w, the gradient g at them and the state the rule carries,
and gives the new weights and state. Every operation is SymPy arithmetic, so exact inputs give
exact outputs (square roots stay radicals) and a symbolic rate gives a formula in it.

    gradient descent     w ← w − ηg
    heavy ball           v ← βv + g,  w ← w − ηv                     (PyTorch's SGD momentum;
                                                                      Polyak 1964 rewritten)
    Nesterov             v ← βv + g,  w ← w − η(g + βv)              (PyTorch's nesterov=True)
    AdaGrad              G ← G + g²,  w ← w − ηg/(√G + ε)             (Duchi et al. 2011, ε as
                                                                      PyTorch places it)
    RMSProp              E ← ρE + (1−ρ)g²,  w ← w − ηg/√(E + ε)        (Hinton, lecture 6e; ε
                                                                      inside the root)
    Adam                 m ← β₁m + (1−β₁)g,  v ← β₂v + (1−β₂)g²,
                         m̂ = m/(1−β₁ᵗ),  v̂ = v/(1−β₂ᵗ),
                         w ← w − ηm̂/(√v̂ + ε)                          (Kingma & Ba 2015,
                                                                      Algorithm 1)

Squares, roots and quotients act on each coordinate alone. The state starts at zero, so the
first heavy-ball step is plain gradient descent and the first Adam step is η·g/(|g| + ε), about
η·sign(g). With ε = 0 a coordinate whose gradient has been 0 at every step so far has 0/0 for
its move; it does not move (the limit as ε → 0).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

import sympy

Vector = tuple[sympy.Expr, ...]

# The published defaults: PyTorch's AdaGrad ε, Hinton's ρ, and Adam's β₁, β₂ and ε.
ADAGRAD_EPSILON = sympy.Rational(1, 10**10)
RMSPROP_DECAY = sympy.Rational(9, 10)
RMSPROP_EPSILON = sympy.Rational(1, 10**8)
ADAM_BETA1 = sympy.Rational(9, 10)
ADAM_BETA2 = sympy.Rational(999, 1000)
ADAM_EPSILON = sympy.Rational(1, 10**8)


@dataclass(frozen=True)
class State:
    """What a rule carries from one step to the next; each vector has one entry per weight."""

    taken: int
    """Steps taken so far: Adam's t is this plus one during a step."""
    first: Vector
    """The heavy ball's and Nesterov's velocity v; Adam's first moment m."""
    second: Vector
    """AdaGrad's sum of squares G; RMSProp's average E[g²]; Adam's second moment v."""


def initial_state(size: int) -> State:
    zeros = (sympy.S.Zero,) * size
    return State(0, zeros, zeros)


class Rule(Protocol):
    """One optimizer with its settings."""

    def step(self, weights: Vector, slope: Vector, state: State) -> tuple[Vector, State]:
        """The weights and state after one step, from the gradient `slope` at `weights`."""
        ...


@dataclass(frozen=True)
class GradientDescent:
    rate: sympy.Expr

    def step(self, weights: Vector, slope: Vector, state: State) -> tuple[Vector, State]:
        moved = tuple(w - self.rate * g for w, g in zip(weights, slope, strict=True))
        return moved, replace(state, taken=state.taken + 1)


@dataclass(frozen=True)
class HeavyBall:
    rate: sympy.Expr
    beta: sympy.Expr

    def step(self, weights: Vector, slope: Vector, state: State) -> tuple[Vector, State]:
        velocity = tuple(self.beta * v + g for v, g in zip(state.first, slope, strict=True))
        moved = tuple(w - self.rate * v for w, v in zip(weights, velocity, strict=True))
        return moved, replace(state, taken=state.taken + 1, first=velocity)


@dataclass(frozen=True)
class Nesterov:
    """The look-ahead of Sutskever et al. (2013) as PyTorch writes it: the gradient is taken at
    the weights themselves, and the step adds β times the new velocity to it. These weights are
    Sutskever's look-ahead point θ + βv, where his form takes its gradient."""

    rate: sympy.Expr
    beta: sympy.Expr

    def step(self, weights: Vector, slope: Vector, state: State) -> tuple[Vector, State]:
        velocity = tuple(self.beta * v + g for v, g in zip(state.first, slope, strict=True))
        moved = tuple(
            w - self.rate * (g + self.beta * v)
            for w, g, v in zip(weights, slope, velocity, strict=True)
        )
        return moved, replace(state, taken=state.taken + 1, first=velocity)


@dataclass(frozen=True)
class AdaGrad:
    rate: sympy.Expr
    epsilon: sympy.Expr = ADAGRAD_EPSILON

    def step(self, weights: Vector, slope: Vector, state: State) -> tuple[Vector, State]:
        total = tuple(s + g**2 for s, g in zip(state.second, slope, strict=True))
        scales = tuple(sympy.sqrt(s) + self.epsilon for s in total)
        moved = _scaled_step(weights, self.rate, slope, scales)
        return moved, replace(state, taken=state.taken + 1, second=total)


@dataclass(frozen=True)
class RMSProp:
    rate: sympy.Expr
    decay: sympy.Expr = RMSPROP_DECAY
    """ρ, the weight of the old average."""
    epsilon: sympy.Expr = RMSPROP_EPSILON
    """Added under the root, as in the rule E[g²] + ε."""

    def step(self, weights: Vector, slope: Vector, state: State) -> tuple[Vector, State]:
        average = _moving_average(self.decay, state.second, tuple(g**2 for g in slope))
        scales = tuple(sympy.sqrt(s + self.epsilon) for s in average)
        moved = _scaled_step(weights, self.rate, slope, scales)
        return moved, replace(state, taken=state.taken + 1, second=average)


@dataclass(frozen=True)
class Adam:
    rate: sympy.Expr
    beta1: sympy.Expr = ADAM_BETA1
    beta2: sympy.Expr = ADAM_BETA2
    epsilon: sympy.Expr = ADAM_EPSILON
    """Added to √v̂, outside the root, as Algorithm 1 does."""

    def step(self, weights: Vector, slope: Vector, state: State) -> tuple[Vector, State]:
        count = state.taken + 1
        first = _moving_average(self.beta1, state.first, slope)
        second = _moving_average(self.beta2, state.second, tuple(g**2 for g in slope))
        # The bias-corrected moments m̂ and v̂.
        unbiased = tuple(m / (1 - self.beta1**count) for m in first)
        scales = tuple(sympy.sqrt(v / (1 - self.beta2**count)) + self.epsilon for v in second)
        moved = _scaled_step(weights, self.rate, unbiased, scales)
        return moved, State(count, first, second)


def _moving_average(weight: sympy.Expr, old: Vector, new: Vector) -> Vector:
    """weight·old + (1 − weight)·new in each coordinate: an exponential moving average."""
    return tuple(weight * o + (1 - weight) * n for o, n in zip(old, new, strict=True))


def _scaled_step(weights: Vector, rate: sympy.Expr, moves: Vector, scales: Vector) -> Vector:
    """w − η·move/scale in each coordinate, where a zero scale (ε = 0 and no gradient yet) means
    no move: the move is then zero too."""
    return tuple(
        w if s == 0 else w - rate * m / s for w, m, s in zip(weights, moves, scales, strict=True)
    )
