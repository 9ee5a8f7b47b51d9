"""Lesson 06, on minibatch descent, served: its typed questions take the answers SymPy works out
(one minibatch step, a mean loss) and refuse the likely slips, and the lab runs at the settings
the prose's walk claims describe, whose numbers are a direct SymPy run of those walks."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import sympy

from descent_reference import read_number
from minibatch_reference import examples, full_walk, minibatch_walk

from .learner_requests import csrf_headers
from .page_parts import widget_specs

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SLUG = "stochastic-and-minibatch-gradient-descent"
SOURCE = Path(__file__).resolve().parents[2] / "src/steepest/lessons/content" / f"{SLUG}.md"
w, b = sympy.symbols("w b", real=True)
# The worked example's four points (x, y), and the batch of the first two.
POINTS = [(-1, -3), (0, -1), (1, 2), (2, 3)]
RATE = sympy.Rational(1, 10)
SGD_CLAIM = re.compile(
    r"\[(?P<shown>[^\]]+)\]\{claim=\"sgd \(w x \+ b - y\)\^2 from w = 0, b = 0 after (?P<steps>\d+)"
    r" steps? at rate (?P<rate>[\d.]+) with seed = 7, examples = 20, batch = (?P<batch>\d+),"
    r" slope = 2, intercept = -1, noise = 0.5\"\}"
)


def verdict(client: TestClient, question: str, text: str) -> object:
    response = client.post(
        f"/api/answers/{SLUG}/{question}", json={"answer": text}, headers=csrf_headers(client)
    )
    assert response.status_code == 200, response.text
    return response.json()["feedback"]["verdict"]


def mean_loss(points: list[tuple[int, int]]) -> sympy.Expr:
    return sympy.Add(*((w * px + b - py) ** 2 for px, py in points)) / len(points)


def pair(values: tuple[sympy.Expr, sympy.Expr]) -> str:
    return f"({values[0]}, {values[1]})"


def test_one_minibatch_step_is_sympys_and_the_summed_or_uphill_step_is_refused(
    client: TestClient,
) -> None:
    batch = POINTS[:2]
    slope = [sympy.diff(mean_loss(batch), v).subs({w: 0, b: 0}) for v in (w, b)]
    summed = [sympy.diff(mean_loss(batch) * len(batch), v).subs({w: 0, b: 0}) for v in (w, b)]
    step = (-RATE * slope[0], -RATE * slope[1])
    assert verdict(client, "typed-minibatch-step", pair(step)) == "correct"
    assert verdict(client, "typed-minibatch-step", pair((-step[0], -step[1]))) == "incorrect"
    summed_step = (-RATE * summed[0], -RATE * summed[1])
    assert verdict(client, "typed-minibatch-step", pair(summed_step)) == "incorrect"


def test_the_mean_loss_is_sympys_and_the_summed_loss_is_refused(client: TestClient) -> None:
    at_line = {w: 2, b: -1}
    mean = mean_loss(POINTS).subs(at_line)
    assert verdict(client, "typed-mean-loss", str(mean)) == "correct"
    assert verdict(client, "typed-mean-loss", str(mean * len(POINTS))) == "incorrect"


def test_the_lab_runs_at_the_settings_the_prose_states(client: TestClient) -> None:
    page = client.get(f"/lessons/{SLUG}").text
    (browser,) = [spec for spec in widget_specs(page) if "seed" in spec]
    assert (browser["seed"], browser["examples"], browser["batch"], browser["steps"]) == (
        7,
        20,
        4,
        20,
    )
    assert (browser["slope"], browser["intercept"], browser["noise"]) == (2, -1, 0.5)
    assert (browser["rate"], browser["start"]) == (0.1, [0, 0])


def test_every_walk_the_prose_states_is_a_sympy_run_of_the_labs_data() -> None:
    data = examples(7, 20)
    claims = list(SGD_CLAIM.finditer(SOURCE.read_text(encoding="utf-8")))
    # The lab's own settings (batch 4 at rate 0.1) and the full walk beside it are both stated.
    assert {(c["batch"], c["rate"]) for c in claims} >= {("4", "0.1"), ("20", "0.1")}
    start = (sympy.Integer(0), sympy.Integer(0))
    for claim in claims:
        steps, rate = int(claim["steps"]), sympy.Rational(claim["rate"])
        size = int(claim["batch"])
        walk = (
            full_walk(data, rate, start, steps)
            if size == len(data)
            else minibatch_walk(data, size, 7, rate, start, steps)
        )
        numbers = re.findall(r"-?\d+(?:\.\d+)?", claim["shown"].split("=")[-1])
        for text, exact in zip(numbers, walk[-1], strict=True):
            places = len(text.partition(".")[2])
            assert abs(read_number(text) - float(exact)) <= 0.5 * 10.0**-places, claim[0]
