"""What a problem asks, in words, and whether an equation's left side names it: `∂L/∂w1 = …`
answers ∂L/∂w1, `x = 1` an optimum."""

from __future__ import annotations

from steepest.engine.answer_kinds import STEP_KINDS
from steepest.engine.answers.equations import LeftSide
from steepest.engine.problems.problem import Problem


def left_side_fits(problem: Problem, left: LeftSide) -> bool:
    """Whether `left` names what `problem` asks."""
    return {
        "partial": problem.kind in ("partial", "derivative")
        and (left.variable is None or left.variable == _respect_name(problem)),
        "derivative": problem.kind in ("partial", "derivative")
        and len(problem.variables) == 1
        and left.variable in (None, _respect_name(problem)),
        "gradient": problem.is_vector and problem.kind not in STEP_KINDS,
        "name": (problem.kind == "optimum" and left.variable in problem.names)
        or (problem.kind == "stable_rate" and left.variable == "eta")
        or (problem.is_matrix and left.variable == "H")
        or (problem.kind in STEP_KINDS and left.variable in (*problem.names, "w")),
        "value": False,
    }[left.named]


def _respect_name(problem: Problem) -> str | None:
    return None if problem.respect is None else problem.respect.name


def asked_words(problem: Problem) -> str:
    """What is asked, for messages: ∂L/∂w1, ∇L, the Hessian of L."""
    name = problem.name
    if problem.kind == "partial":
        return f"∂{name}/∂{_respect_name(problem)}"
    if problem.kind == "derivative":
        return f"{name}′({problem.names[0]})"
    if problem.kind == "optimum":
        return "the place of the optimum" if not problem.names else f"{problem.names[0]}"
    if problem.kind == "stable_rate":
        return "η_max"
    if problem.kind in STEP_KINDS:
        return "where the steps land"
    if problem.is_matrix:
        return f"the Hessian of {name}"
    return f"∇{name}"
