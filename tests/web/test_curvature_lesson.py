"""Lesson 05, on curvature, served: its typed questions take the answers SymPy works out (a
Hessian entry, a condition number, where Newton's step lands) and refuse the likely slips, and
its explorer starts the ball where the prose says."""

from __future__ import annotations

import json
import warnings

import pytest
import sympy

from .learner_requests import csrf_headers

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SLUG = "curvature-hessian-conditioning-and-newton"
w1, w2 = sympy.symbols("w1 w2", real=True)
COUPLED = 3 * w1**2 + 2 * w1 * w2 + 3 * w2**2
SHIFTED = w1**2 + 3 * w2**2 - 2 * w1 - 6 * w2


def verdict(client: TestClient, question: str, text: str) -> object:
    response = client.post(
        f"/api/answers/{SLUG}/{question}", json={"answer": text}, headers=csrf_headers(client)
    )
    assert response.status_code == 200, response.text
    return response.json()["feedback"]["verdict"]


def text_of(values: list[sympy.Expr]) -> str:
    return "(" + ", ".join(str(v) for v in values) + ")" if len(values) > 1 else str(values[0])


def reference_answers() -> dict[str, tuple[str, str]]:
    """Each question's right answer from SymPy, and a likely wrong one."""
    eigenvalues = sorted(sympy.hessian(COUPLED, (w1, w2)).eigenvals(multiple=True))
    (minimum,) = sympy.solve([sympy.diff(SHIFTED, v) for v in (w1, w2)], [w1, w2], dict=True)
    descent_direction = [-sympy.diff(SHIFTED, v).subs({w1: 0, w2: 0}) for v in (w1, w2)]
    return {
        "typed-mixed-partial": (
            text_of([sympy.diff(COUPLED, w1, w2)]),
            text_of([sympy.diff(COUPLED, w1, w1)]),
        ),
        "typed-condition": (
            text_of([eigenvalues[-1] / eigenvalues[0]]),
            text_of([eigenvalues[-1]]),
        ),
        "typed-newton-step": (
            text_of([minimum[w1], minimum[w2]]),
            text_of(descent_direction),
        ),
    }


@pytest.mark.parametrize(
    "question", ["typed-mixed-partial", "typed-condition", "typed-newton-step"]
)
def test_each_typed_question_takes_sympys_answer_and_refuses_a_slip(
    client: TestClient, question: str
) -> None:
    right, slip = reference_answers()[question]
    assert right != slip
    assert verdict(client, question, right) == "correct"
    assert verdict(client, question, slip) == "incorrect"


def test_the_explorer_drops_the_ball_on_the_tilted_bowl_where_the_prose_starts_it(
    client: TestClient,
) -> None:
    page = client.get(f"/lessons/{SLUG}").text
    figure = page[page.index('data-widget="surface-explorer"') :]
    opening = '<script type="application/json" data-spec>'
    spec_text = figure[figure.index(opening) + len(opening) : figure.index("</script>")]
    spec = json.loads(spec_text)
    assert (spec["source"], spec["rate"]) == ("2w1^2 + 2w1 w2 + 2w2^2", 0.3)
    assert spec["start"] == {"w1": 2.0, "w2": -1.0}
    # The engine's one critical point of the bowl is the minimum the prose names.
    assert [(c["kind"], c["point"]) for c in spec["surface"]["critical_points"]] == [
        ("minimum", {"w1": 0.0, "w2": 0.0})
    ]
    # The marker for the widget to come stays in the source, out of the page.
    assert "curvature-explorer goes here" not in page
