"""The practice topics of lessons 01 and 04 to 08 in the "Practice more" panel, in
Chromium: each asks a problem, takes the right answer (typed, a matrix, or a choice) and says so,
with the worked solution and that topic's mastery.

Lessons 01, 04, 06, 07 and 08 are the shipped ones. The Hessian and critical-point topics are served
from a one-lesson course that chooses them, as lesson 05 will."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
import sympy
from playwright.sync_api import Browser, Locator, Page

from steepest.engine.answer_kinds import PROBLEM_KINDS
from steepest.engine.mistakes.catalogue import likely_mistakes
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import Problem
from web.live_server import LiveServer, live_server

from .conftest import OpenPage
from .test_accessibility import axe_script, axe_violations

__all__ = ["axe_script"]  # a fixture, imported to make it visible to these tests

pytestmark = pytest.mark.browser

CURVATURE_LESSON = """\
---
slug: curvature-practice
title: Curvature practice
course: Math for ML
unit: Curvature
number: 1
difficulty: Medium
practice: [hessian, critical_point]
summary: The Hessian, and what it says of a critical point.
---
:::: section intuition
## Build the intuition

The Hessian holds every second derivative.
::::
"""


def ask(page: Page, level: int = 1) -> tuple[Locator, Problem]:
    """A new problem in the panel, and the problem the server rebuilds from its token."""
    practice = page.locator("[data-practice]")
    practice.locator("[data-mastery]").filter(has_text="3 right in a row").wait_for()
    practice.get_by_label("Level").select_option(str(level))
    with page.expect_response("**/api/practice/problems") as served:
        practice.get_by_role("button", name="New problem").click()
    token: str = served.value.json()["problem"]
    topic, level_text, kind_name, seed, _ = token.split(".")
    kind = next(kind for kind in PROBLEM_KINDS if kind == kind_name)
    practice.locator("[data-practice-prompt]").wait_for()
    return practice, generate_problem(topic, int(level_text), kind, int(seed))


def choose_topic(page: Page, topic: str) -> None:
    """Pick a topic, and wait for its mastery: it sets the level the panel recommends."""
    with page.expect_response("**/api/practice/mastery?topic=" + topic):
        page.locator("[data-practice]").get_by_label("Topic").select_option(topic)


def correct(page: Page, topic: str, level: int) -> int:
    """Right answers at `level` of `topic`, as the server counts them for this learner."""
    mastery = page.request.get(urljoin(page.url, f"/api/practice/mastery?topic={topic}")).json()
    count: int = mastery["levels"][level - 1]["correct"]
    return count


def check(practice: Locator) -> str:
    """Check the answer given; the verdict. The worked solution comes after a right answer or
    a second try, not after a wrong first one, which earns that second try."""
    with practice.page.expect_response("**/api/practice/attempts") as answered:
        practice.get_by_role("button", name="Check my answer").click()
    verdict = practice.locator(".verdict")
    verdict.wait_for()
    if not answered.value.json()["can_retry"]:
        practice.locator("[data-practice-solution] ol li").first.wait_for()
    return verdict.inner_text()


def type_and_check(practice: Locator, text: str) -> str:
    practice.locator("[data-answer-input]").fill(text)
    return check(practice)


def test_lesson_01_practises_derivatives_in_w(open_page: OpenPage) -> None:
    page = open_page("/lessons/loss-and-the-derivative-as-a-slope")
    practice, problem = ask(page, level=2)
    assert practice.locator(".practice-topic").inner_text().endswith("Derivatives")
    assert "L′(w)" in practice.locator("[data-practice-prompt]").inner_text()
    assert type_and_check(practice, f"L'(w) = {to_text(problem.expected[0])}").startswith("✓")
    assert correct(page, "derivative", level=2) == 1


def test_lesson_04_practises_the_largest_stable_rate(open_page: OpenPage) -> None:
    page = open_page("/lessons/gradient-descent-and-the-learning-rate")
    choose_topic(page, "stable_rate")
    practice, problem = ask(page, level=3)
    assert "η_max" in practice.locator("[data-practice-prompt]").inner_text()
    # Half the largest stable rate is 1/λmax: the factor 2 forgotten, and named.
    verdict = type_and_check(practice, to_text(problem.expected[0] / 2))
    assert verdict.startswith("✗") and "1/λmax" in verdict
    # A new problem, answered to four figures.
    practice, problem = ask(page, level=3)
    assert type_and_check(practice, f"{float(problem.expected[0]):.4g}").startswith("✓")


def test_lesson_06_practises_a_minibatch_gradient(open_page: OpenPage) -> None:
    page = open_page("/lessons/stochastic-and-minibatch-gradient-descent")
    choose_topic(page, "minibatch_gradient")
    practice, problem = ask(page, level=1)
    assert "mean squared error" in practice.locator("[data-practice-prompt]").inner_text()
    summed = next(m for m in likely_mistakes(problem) if m.code == "summed_not_averaged")
    verdict = type_and_check(practice, point_text(summed.answer))
    assert verdict.startswith("✗") and "without dividing" in verdict
    practice, problem = ask(page, level=1)
    assert type_and_check(practice, point_text(problem.expected)).startswith("✓")
    assert correct(page, "minibatch_gradient", level=1) == 1


def test_lesson_07_practises_two_momentum_steps(open_page: OpenPage) -> None:
    page = open_page("/lessons/momentum")
    choose_topic(page, "momentum_step")
    practice, problem = ask(page, level=2)
    assert "two steps" in practice.locator("[data-practice-prompt]").inner_text()
    forgotten = next(m for m in likely_mistakes(problem) if m.code == "velocity_forgotten")
    verdict = type_and_check(practice, point_text(forgotten.answer))
    assert verdict.startswith("✗") and "velocity was forgotten" in verdict
    practice, problem = ask(page, level=2)
    assert type_and_check(practice, point_text(problem.expected)).startswith("✓")
    assert correct(page, "momentum_step", level=2) == 1


def test_lesson_08_practises_an_adaptive_step(open_page: OpenPage) -> None:
    page = open_page("/lessons/adaptive-steps-adagrad-rmsprop-adam-and-schedules")
    practice, problem = ask(page, level=2)
    assert practice.locator(".practice-topic").inner_text().endswith("Adam and RMSProp steps")
    descent = next(m for m in likely_mistakes(problem) if m.code == "plain_descent")
    verdict = type_and_check(practice, point_text(descent.answer))
    assert verdict.startswith("✗") and "plain gradient-descent step" in verdict
    practice, problem = ask(page, level=2)
    assert type_and_check(practice, point_text(problem.expected)).startswith("✓")
    assert correct(page, "adam_step", level=2) == 1


def point_text(values: tuple[sympy.Expr, ...]) -> str:
    """A point as a learner types it, `(a, b)`."""
    return "(" + ", ".join(to_text(v) for v in values) + ")"


@pytest.fixture(scope="module")
def curvature_course(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    root = tmp_path_factory.mktemp("curvature-course")
    (root / "lessons").mkdir()
    (root / "lessons" / "curvature-practice.md").write_text(CURVATURE_LESSON, encoding="utf-8")
    environment = {"STEEPEST_LESSON_DIR": str(root / "lessons"), "STEEPEST_TIMEOUT": "10"}
    with live_server(
        f"sqlite:///{root / 'store.sqlite3'}", root / "serve.log", environment
    ) as server:
        yield server


@pytest.fixture(params=["light", "dark"])
def curvature_page(
    request: pytest.FixtureRequest, browser: Browser, curvature_course: LiveServer
) -> Iterator[Page]:
    # CSP bypassed for axe's script only; the panel's own code runs as it would anyway.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=request.param, bypass_csp=True
    )
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(curvature_course.url + "/lessons/curvature-practice")
    yield page
    context.close()
    assert errors == []


def test_a_hessian_is_typed_as_a_matrix_and_previewed_as_one(curvature_page: Page) -> None:
    practice, problem = ask(curvature_page, level=2)
    box = practice.locator("[data-answer-input]")
    assert box.get_attribute("placeholder") == "[a, b; c, d]"
    a, b, c, d = (to_text(entry) for entry in problem.expected)
    box.fill(f"[[{a}, {b}], [{c}, {d}]]")
    practice.locator("[data-preview-math] mtable").wait_for()
    assert check(practice).startswith("✓")
    assert practice.locator("[data-practice-solution] .solution-answer mtable").count() == 1


def test_a_critical_point_is_classified_by_choosing(curvature_page: Page) -> None:
    choose_topic(curvature_page, "critical_point")
    practice, problem = ask(curvature_page, level=3)
    assert practice.locator("[data-answer-input]").is_hidden()
    choices = practice.get_by_role("radio")
    assert choices.count() == 3
    practice.get_by_role("button", name="Check my answer").click()
    practice.filter(has_text="Choose an answer first.").wait_for()
    assert problem.classification is not None
    practice.get_by_label(problem.classification, exact=True).check()
    assert check(practice).startswith("✓")
    assert correct(curvature_page, "critical_point", level=3) == 1
    assert correct(curvature_page, "hessian", level=3) == 0


def test_the_choices_and_a_matrix_solution_pass_axe(curvature_page: Page, axe_script: Path) -> None:
    practice, _ = ask(curvature_page, level=1)
    practice.locator("[data-answer-input]").fill("[1, 2; 3, 4]")
    practice.locator("[data-preview-math] mtable").wait_for()
    check(practice)
    assert axe_violations(curvature_page, axe_script) == []
    check(practice)  # the second try shows the worked solution
    assert axe_violations(curvature_page, axe_script) == []
    choose_topic(curvature_page, "critical_point")
    practice, _ = ask(curvature_page, level=1)
    practice.get_by_label("minimum", exact=True).check()
    if check(practice).startswith("✗"):
        practice.get_by_label("maximum", exact=True).check()
        check(practice)
    assert axe_violations(curvature_page, axe_script) == []
