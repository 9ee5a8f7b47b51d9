"""Lesson 08, on adaptive steps and schedules, served: its typed questions take the answers the
published rules work out (one Adam step, two AdaGrad steps, a cosine schedule's rate) and refuse
the likely slips, such as Adam without its bias correction; its optimizer race runs the
published rules on the lopsided bowl the prose names, and the prose's first Adam steps move
every weight by the rate."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest
import sympy

from optimizer_reference import (
    FloatGradient,
    reference_adagrad,
    reference_adam,
    reference_heavy_ball,
    reference_rmsprop,
)
from steepest.lessons import SHIPPED_LESSONS, load_lesson

from .learner_requests import csrf_headers

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SLUG = "adaptive-steps-adagrad-rmsprop-adam-and-schedules"
w1, w2 = sympy.symbols("w1 w2", real=True)
LOPSIDED_BOWL = w1**2 + 100 * w2**2
ADAM_QUESTION_BOWL = 3 * w1**2 + w2**2 / 2
# Kingma & Ba's defaults, which the questions keep.
BETA1, BETA2 = 0.9, 0.999


def verdict(client: TestClient, question: str, text: str) -> object:
    response = client.post(
        f"/api/answers/{SLUG}/{question}", json={"answer": text}, headers=csrf_headers(client)
    )
    assert response.status_code == 200, response.text
    return response.json()["feedback"]["verdict"]


def text_of(values: np.ndarray | list[float]) -> str:
    numbers = [f"{float(v):.6g}" for v in values]
    return "(" + ", ".join(numbers) + ")" if len(numbers) > 1 else numbers[0]


def float_gradient(loss: sympy.Expr) -> FloatGradient:
    partials = [sympy.lambdify((w1, w2), sympy.diff(loss, v)) for v in (w1, w2)]

    def gradient(w: np.ndarray) -> np.ndarray:
        slopes: list[float] = [float(p(w[0], w[1])) for p in partials]
        return np.array(slopes)

    return gradient


def adam_without_bias_correction(g: np.ndarray, w: np.ndarray, rate: float) -> np.ndarray:
    """The slip: Algorithm 1's first step with m and v used as they are, not m̂ and v̂."""
    m = (1 - BETA1) * g
    v = (1 - BETA2) * g * g
    moved: np.ndarray = w - rate * m / np.sqrt(v)
    return moved


def ramp_slope(w: np.ndarray) -> np.ndarray:
    """The ramp L = w: its slope is 1 everywhere."""
    return np.ones_like(w)


def cosine_rate(start: float, step: int, total: int) -> float:
    """PyTorch's CosineAnnealingLR in closed form, η_min = 0."""
    return start * (1 + math.cos(math.pi * step / total)) / 2


def reference_answers() -> dict[str, tuple[str, list[str]]]:
    """Each question's right answer from the reference rules, and the likely slips."""
    start = np.array([1.0, -2.0])
    grad = float_gradient(ADAM_QUESTION_BOWL)
    adam = reference_adam(grad, start, 1, 0.05, BETA1, BETA2, 0.0)
    adagrad = reference_adagrad(ramp_slope, np.array([0.0]), 2, 1.0, 0.0)
    return {
        "typed-adam-first-step": (
            text_of(adam),
            [
                text_of(adam_without_bias_correction(grad(start), start, 0.05)),
                # Plain descent: the slopes themselves, times the rate.
                text_of(start - 0.05 * grad(start)),
            ],
        ),
        "typed-adagrad-two-steps": (
            text_of(adagrad),
            # Plain descent, as if the running sum were left out; and the slope divided by the
            # sum itself rather than its root, steps of 1 and then 1/2.
            [text_of([-2.0]), text_of([-1.0 - 1.0 / 2])],
        ),
        # The slip: a straight line from 0.1 down to 0 instead of half a cosine.
        "typed-cosine-rate": (text_of([cosine_rate(0.1, 25, 100)]), [text_of([0.1 * 75 / 100])]),
    }


@pytest.mark.parametrize(
    "question", ["typed-adam-first-step", "typed-adagrad-two-steps", "typed-cosine-rate"]
)
def test_each_typed_question_takes_the_reference_answer_and_refuses_the_slips(
    client: TestClient, question: str
) -> None:
    right, slips = reference_answers()[question]
    assert verdict(client, question, right) == "correct"
    for slip in slips:
        assert slip != right
        assert verdict(client, question, slip) == "incorrect"


def test_the_first_adam_step_the_prose_claims_moves_every_weight_by_the_rate() -> None:
    lesson = load_lesson(SHIPPED_LESSONS / f"{SLUG}.md")
    first_steps = re.compile(
        r"adam w1\^2 \+ 100w2\^2 from w1 = 1, w2 = 1 after 1 step at rate (?P<rate>[0-9.]+)"
    )
    rates = {
        float(match["rate"])
        for claim in lesson.claims
        if (match := first_steps.fullmatch(claim.statement.split(" with ")[0]))
    }
    assert rates >= {0.1, 0.5, 0.001}
    grad = float_gradient(LOPSIDED_BOWL)
    for rate in rates:
        moved = reference_adam(grad, np.array([1.0, 1.0]), 1, rate, BETA1, BETA2, 1e-8)
        # Slopes 2 and 200, a hundredfold apart, yet both weights move by the rate.
        assert moved == pytest.approx([1 - rate, 1 - rate], rel=1e-6)
        # Without the correction both would move (1 − β1)/√(1 − β2) ≈ 3.16 times as far.
        wrong = adam_without_bias_correction(grad(np.array([1.0, 1.0])), np.ones(2), rate)
        assert 1 - wrong == pytest.approx([rate * 0.1 / math.sqrt(0.001)] * 2)


def test_the_race_runs_the_published_rules_on_the_lopsided_bowl_the_prose_names(
    client: TestClient,
) -> None:
    page = client.get(f"/lessons/{SLUG}").text
    race = page[page.index('data-widget="optimizer-race"') :]
    # The table the page shows without JavaScript: where each one is after the last step, 50.
    cells = dict(re.findall(r'<td data-out="([a-z]+-\d)">([^<]*)</td>', race))
    grad, start, steps = float_gradient(LOPSIDED_BOWL), np.array([1.0, 1.0]), 50
    ends = {
        "sgd": reference_heavy_ball(grad, start, steps, 0.009, 0.0, nesterov=False),
        "momentum": reference_heavy_ball(grad, start, steps, 0.009, 0.9, nesterov=False),
        "rmsprop": reference_rmsprop(grad, start, steps, 0.01, 0.9, 1e-8),
        "adam": reference_adam(grad, start, steps, 0.1, BETA1, BETA2, 1e-8),
    }
    for key, end in ends.items():
        shown = [float(cells[f"{key}-{i}"].replace("−", "-")) for i in range(2)]
        assert shown == pytest.approx(end, rel=5e-3, abs=1e-6), key
    # Descent's rate is just under its limit on w1² + 100w2², 2/λmax: 0.01.
    curvatures = sympy.hessian(LOPSIDED_BOWL, (w1, w2)).eigenvals(multiple=True)
    assert 0.009 < float(2 / max(curvatures)) == 0.01
