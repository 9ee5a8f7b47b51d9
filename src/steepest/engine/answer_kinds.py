"""The vocabularies shared by the engine and its callers, each spelled once, kept free of SymPy.

The store, the web layer, the lessons and the compute workers' callers name verdicts, problem
kinds and mistakes without importing the CAS, so these small vocabularies live apart from the
modules that compute them. Each is a `Literal`; the runtime tuples are derived from it with
`get_args`, and the narrower kinds are nested in the wider ones, so no word is written twice.
"""

from __future__ import annotations

from typing import Literal, get_args

VerdictKind = Literal["correct", "incorrect", "invalid"]
VERDICT_KINDS: tuple[VerdictKind, ...] = get_args(VerdictKind)

DomainKind = Literal["positive", "nonzero", "real"]
"""Where a variable of an answer lives, for the points the equivalence check samples."""
DOMAIN_KINDS: tuple[DomainKind, ...] = get_args(DomainKind)

# Problem kinds, from the narrowest group to all of them.
PointKind = Literal["gradient_at", "descent"]
"""Asked at a point: the answer is numbers."""
VectorKind = Literal["gradient", PointKind]
"""Answered with a vector, typed as `(a, b)`."""
TypedKind = Literal["partial", VectorKind]
"""What a lesson's typed question may ask, and what varied practice draws from."""
CurvatureKind = Literal["stable_rate", "hessian"]
"""About the second derivatives of a loss of two variables or one: the largest learning rate at
which gradient descent converges on a quadratic (a number), and the Hessian (a matrix)."""
StepKind = Literal["momentum_step", "adam_step", "rmsprop_step"]
"""Where an optimizer's steps from a point land: two heavy-ball steps, one Adam step, one
RMSProp step; a number for one weight, a vector for two."""
ProblemKind = Literal[
    TypedKind, "optimum", "derivative", CurvatureKind, "critical_point", StepKind, "batch_gradient"
]
"""`derivative`: L′(w) of a loss of one variable, as a formula; `critical_point`: whether a
point where ∇L = 0 is a minimum, a maximum or a saddle, chosen from the three;
`batch_gradient`: the gradient in (w, b) of a line's mean squared error over a few listed
examples, at a point. Practice only, like the rest past the typed kinds."""
POINT_KINDS: tuple[PointKind, ...] = get_args(PointKind)
VECTOR_KINDS: tuple[VectorKind, ...] = get_args(VectorKind)
TYPED_KINDS: tuple[TypedKind, ...] = get_args(TypedKind)
CURVATURE_KINDS: tuple[CurvatureKind, ...] = get_args(CurvatureKind)
STEP_KINDS: tuple[StepKind, ...] = get_args(StepKind)
PROBLEM_KINDS: tuple[ProblemKind, ...] = get_args(ProblemKind)

Goal = Literal["minimum", "maximum"]
"""What an optimum problem looks for."""
ClassifiedKind = Literal[Goal, "saddle"]
"""A point where the slope is zero, as the surface's critical points are told apart."""
CriticalKind = Literal[ClassifiedKind, "inconclusive"]
"""What the second-derivative test says of a point where the slope is zero."""

# In the order feedback prefers them: sin 2x → cos 2x is a lost chain factor before it is a
# lost constant (the 2 of 2x).
SlipKind = Literal["chain_factor", "power_coefficient", "constant_factor"]
"""A derivative rule applied with its classic slip (see `mistakes.slips`)."""
SLIP_KINDS: tuple[SlipKind, ...] = get_args(SlipKind)

MomentumSlipKind = Literal["velocity_forgotten", "rate_applied_twice", "momentum_on_gradient"]
"""The heavy-ball rule misremembered (see `problems.heavy_ball`)."""
MOMENTUM_SLIP_KINDS: tuple[MomentumSlipKind, ...] = get_args(MomentumSlipKind)

AdaptiveSlipKind = Literal["bias_correction_forgotten", "decay_weight_forgotten", "plain_descent"]
"""Adam's or RMSProp's rule misremembered (see `problems.adaptive`)."""
ADAPTIVE_SLIP_KINDS: tuple[AdaptiveSlipKind, ...] = get_args(AdaptiveSlipKind)

MistakeCode = Literal[
    # In one partial derivative
    SlipKind,
    "wrong_variable",
    "not_held_constant",
    "kept_constant_term",
    "sign",
    "loss_not_derivative",
    "renamed_variable",
    # In the shape of any answer
    "number_for_formula",
    "formula_for_number",
    # In a vector as a whole
    "swapped_components",
    "not_evaluated",
    "normalised",
    "swapped_point",
    "point_not_gradient",
    "one_component_wrong",
    # In an optimum
    "minimum_not_maximum",
    "maximum_not_minimum",
    "other_critical_point",
    "endpoint",
    "value_not_location",
    "root_not_critical",
    # In the largest stable learning rate
    "rate_without_two",
    "smallest_curvature",
    "best_rate",
    "coefficient_not_curvature",
    "ignored_cross_term",
    # In a Hessian
    "missing_mixed_partial",
    "halved_mixed_partial",
    "half_hessian",
    # In telling a critical point's kind
    "ignored_determinant",
    "missed_extremum",
    # In two heavy-ball steps
    MomentumSlipKind,
    # In an Adam or RMSProp step
    AdaptiveSlipKind,
    # In a batch's gradient
    "summed_not_averaged",
    # In any number
    "rounded",
]
"""The mistakes feedback names (see `mistakes.catalogue`); the store records them."""
MISTAKE_CODES: tuple[MistakeCode, ...] = get_args(MistakeCode)
