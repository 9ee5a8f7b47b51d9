"""Generated practice problems: one as a page may ask it, and an answer to one diagnosed with the
worked solution. Runs in compute workers, which import the engine once, up front."""

from __future__ import annotations

from steepest.compute.tasks.messages import PracticeAnswer, PracticeKey, PracticeOutcome
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem_types import PublicProblemJson
from steepest.engine.problems.solutions import worked_solution


def practice_problem(key: PracticeKey) -> PublicProblemJson:
    """A generated problem as the page may show it: no answer, no solution."""
    return generate_problem(key.topic, key.level, key.kind, key.seed).to_public_json()


def practice_feedback(attempt: PracticeAnswer) -> PracticeOutcome:
    """The learner's answer to a generated problem, diagnosed, and the worked solution."""
    key = attempt.problem
    problem = generate_problem(key.topic, key.level, key.kind, key.seed)
    return {
        "feedback": diagnose(problem, attempt.answer).to_json(),
        "solution": worked_solution(problem),
    }
