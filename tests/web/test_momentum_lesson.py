"""Lesson 07, on momentum, served: its typed questions take the answers the published update
rules and SymPy work out (two heavy-ball steps, Polyak's β*, one Nesterov step) and refuse the
likely slips, and its momentum lab starts where the prose says, with the β* mark the prose
states."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest
import sympy

from optimizer_reference import reference_heavy_ball
from steepest.lessons import SHIPPED_LESSONS, load_lesson

from .learner_requests import csrf_headers

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SLUG = "momentum"
w1, w2 = sympy.symbols("w1 w2", real=True)
LESSON_04_BOWL = w1**2 + 3 * w2**2
TUNED_BOWL = w1**2 / 2 + 8 * w2**2
LAB_BOWL = w1**2 / 2 + 5 * w2**2
"""The lab's `curvatures: [1, 10]`: λ·w²/2 along each weight."""
START = np.array([sympy.Integer(1), sympy.Integer(1)], dtype=object)
RATE = sympy.Rational(1, 10)
BETA = sympy.Rational(1, 2)


def verdict(client: TestClient, question: str, text: str) -> object:
    response = client.post(
        f"/api/answers/{SLUG}/{question}", json={"answer": text}, headers=csrf_headers(client)
    )
    assert response.status_code == 200, response.text
    return response.json()["feedback"]["verdict"]


def text_of(values: list[sympy.Expr]) -> str:
    return "(" + ", ".join(str(v) for v in values) + ")" if len(values) > 1 else str(values[0])


def bowl_gradient(w: np.ndarray) -> np.ndarray:
    point = {w1: w[0], w2: w[1]}
    return np.array([sympy.diff(LESSON_04_BOWL, v).subs(point) for v in (w1, w2)], dtype=object)


def walk(steps: int, momentum: sympy.Expr, *, nesterov: bool) -> list[sympy.Expr]:
    """torch.optim.SGD's documented rule, run exactly on Rationals."""
    return list(reference_heavy_ball(bowl_gradient, START, steps, RATE, momentum, nesterov))


def polyak_beta(loss: sympy.Expr) -> sympy.Expr:
    curvatures = sympy.hessian(loss, (w1, w2)).eigenvals(multiple=True)
    kappa = sympy.sqrt(max(curvatures) / min(curvatures))
    return sympy.simplify(((kappa - 1) / (kappa + 1)) ** 2)


def reference_answers() -> dict[str, tuple[str, str]]:
    """Each question's right answer from the reference rules or SymPy, and a likely slip."""
    beta_star = polyak_beta(TUNED_BOWL)
    return {
        # The slip: two steps of plain descent, as if the velocity were forgotten.
        "typed-two-heavy-ball-steps": (
            text_of(walk(2, BETA, nesterov=False)),
            text_of(walk(2, sympy.Integer(0), nesterov=False)),
        ),
        # The slip: the settling factor √β*, not β*.
        "typed-tuned-beta": (text_of([beta_star]), text_of([sympy.sqrt(beta_star)])),
        # The slip: the heavy ball's first step, without the look-ahead.
        "typed-nesterov-first-step": (
            text_of(walk(1, BETA, nesterov=True)),
            text_of(walk(1, BETA, nesterov=False)),
        ),
    }


@pytest.mark.parametrize(
    "question", ["typed-two-heavy-ball-steps", "typed-tuned-beta", "typed-nesterov-first-step"]
)
def test_each_typed_question_takes_the_reference_answer_and_refuses_a_slip(
    client: TestClient, question: str
) -> None:
    right, slip = reference_answers()[question]
    assert right != slip
    assert verdict(client, question, right) == "correct"
    assert verdict(client, question, slip) == "incorrect"


def test_the_lab_starts_on_the_prose_bowl_with_polyaks_beta_marked_as_the_prose_states(
    client: TestClient,
) -> None:
    page = client.get(f"/lessons/{SLUG}").text
    figure = page[page.index('data-widget="momentum-lab"') :]
    opening = '<script type="application/json" data-spec>'
    spec = json.loads(figure[figure.index(opening) + len(opening) : figure.index("</script>")])
    assert (spec["rate"], spec["beta"], spec["start"], spec["steps"]) == (0.15, 0.5, [1, 1], 40)
    # The mark on the β slider is Polyak's β* for the bowl the prose names, w1²/2 + 5w2².
    beta_star = polyak_beta(LAB_BOWL)
    assert spec["tunedBeta"] == pytest.approx(float(beta_star))
    assert spec["threshold"] == pytest.approx(2 / 10)
    # Polyak's η* = 4/(√λmax + √λmin)², the rate mark the prose rounds to 0.231.
    tuned_rate = 4 / (sympy.sqrt(10) + 1) ** 2
    assert spec["tunedRate"] == pytest.approx(float(tuned_rate))
    assert round(float(tuned_rate), 3) == 0.231
    # The prose states that mark as a claim on the same bowl, to the two places it shows.
    lesson = load_lesson(SHIPPED_LESSONS / f"{SLUG}.md")
    tuned = [c for c in lesson.claims if c.statement == "tuned beta 1/2 w1^2 + 5w2^2"]
    assert tuned and {c.shown for c in tuned} == {"about 0.27"}
    assert round(float(beta_star), 2) == 0.27
