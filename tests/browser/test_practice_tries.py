"""The "Practice more" panel of lessons 02 and 03 in Chromium: the prompt once, as MathML; a
wrong answer, then a second try, recorded as one; the mastery line about the level practised;
the worked solution with its rule-by-rule steps; and lesson 03's backpropagation drill, with a
mastery of its own."""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from steepest.engine.notation.printing import to_text

from .conftest import OpenPage, PageWatch
from .test_practice_topics import ask, check, point_text

pytestmark = pytest.mark.browser

BACKPROP = "/lessons/backpropagation"


def mastery(page: Page, topic: str, level: int) -> dict[str, int]:
    """The learner's counts at `level` of `topic`, as the server keeps them."""
    url = urljoin(page.url, f"/api/practice/mastery?topic={topic}")
    counted: dict[str, int] = page.request.get(url).json()["levels"][level - 1]
    return counted


def test_the_prompt_shows_the_function_once_as_mathml(open_page: OpenPage) -> None:
    page = open_page()
    practice, problem = ask(page, level=3)
    prompt = practice.locator("[data-practice-prompt]")
    assert prompt.locator("math").count() == 1
    # The function is typeset, not also typed out: no ASCII copy beside the MathML.
    assert to_text(problem.function) not in prompt.inner_text()
    assert practice.locator("math").count() == 1


def test_a_wrong_answer_then_a_second_try_is_accepted_and_recorded_as_one(
    open_page: OpenPage,
) -> None:
    page = open_page()
    practice, problem = ask(page, level=1)
    # Lesson 02's panel opens on its first topic, partial derivatives: never zero at level 1.
    assert problem.kind == "partial"
    practice.locator("[data-answer-input]").fill("0")
    assert check(practice).startswith("✗")
    assert "one more try" in practice.locator("[data-feedback]").inner_text()
    button = practice.get_by_role("button", name="Check my answer")
    assert button.is_enabled()
    assert practice.locator("[data-practice-solution]").is_hidden()
    practice.locator("[data-answer-input]").fill(to_text(problem.expected[0]))
    assert check(practice).startswith("✓")
    assert button.is_disabled()
    assert "could not" not in practice.inner_text().lower()
    counted = mastery(page, "partial", 1)
    assert (counted["attempts"], counted["retries"], counted["correct"]) == (2, 1, 0)


def test_the_mastery_line_names_the_level_being_practised(open_page: OpenPage) -> None:
    page = open_page()
    practice, _ = ask(page, level=2)
    line = practice.locator("[data-mastery]")
    assert line.inner_text().startswith("Level 2")
    practice.get_by_label("Level").select_option("3")
    assert line.inner_text().startswith("Level 3")


def test_the_worked_solution_shows_the_rule_by_rule_steps(open_page: OpenPage) -> None:
    page = open_page()
    practice, problem = ask(page, level=2)
    practice.locator("[data-answer-input]").fill(to_text(problem.expected[0]))
    assert check(practice).startswith("✓")
    solution = practice.locator("[data-practice-solution]")
    solution.get_by_text("Rule by rule").first.click()
    shown = solution.locator(".rule-name").all_text_contents()
    assert len(shown) >= 2 and solution.locator(".rule-math math").count() == len(shown)
    # The rules the try-it box shows for the same function, from the same engine.
    url = urljoin(page.url, "/api/gradient")
    steps = page.request.post(url, data={"expression": to_text(problem.function)}).json()["steps"]
    assert problem.respect is not None
    (partial,) = [s for s in steps if s.get("variable") == problem.respect.name]
    assert shown == [f"{name} rule" for name in rule_names(partial["rules"])]


def rule_names(rule: dict[str, Any]) -> list[str]:
    """A rule and the rules inside it, in the order a page lists them."""
    return [rule["rule"], *(name for sub in rule["substeps"] for name in rule_names(sub))]


def test_lesson_03_drills_backpropagation_with_a_mastery_of_its_own(open_page: OpenPage) -> None:
    page = open_page(BACKPROP)
    practice, problem = ask(page, level=1)
    topic = practice.locator(".practice-topic").inner_text()
    assert topic.endswith("Backpropagation through a small graph")
    assert problem.kind == "gradient_at" and [v.name for v in problem.variables] == ["w", "b"]
    practice.locator("[data-answer-input]").fill(point_text(problem.expected))
    assert check(practice).startswith("✓")
    assert mastery(page, "backprop", 1)["correct"] == 1
    # Lesson 02 neither offers this drill nor shares its mastery.
    for other in ("partial", "gradient"):
        assert mastery(page, other, 1)["attempts"] == 0
    page.goto(urljoin(page.url, "/lessons/partial-derivatives-and-the-gradient"))
    options = page.locator("[data-practice] [data-practice-topics] option")
    assert "backprop" not in options.evaluate_all("nodes => nodes.map(n => n.value)")


def test_the_preview_reads_the_answer_as_the_problems_check(
    open_page: OpenPage, watch: PageWatch
) -> None:
    watch.allow("status of 422")  # the preview refusing `2w` is a 422 with its message
    page = open_page()
    practice, problem = ask(page, level=1)
    names = sorted(s.name for s in problem.function.free_symbols)
    # A name the problem does not declare, read by the stateless preview as any other name.
    practice.locator("[data-answer-input]").fill("2z" if "z" not in names else "2q")
    preview = practice.locator("[data-preview]")
    page.wait_for_function(
        "(p) => p.classList.contains('preview-error')", arg=preview.element_handle()
    )
    refused = preview.inner_text()
    assert "column" in refused
    practice.locator("[data-answer-input]").fill(f"2{names[0]}")
    page.wait_for_function(
        "(p) => !p.classList.contains('preview-error')", arg=preview.element_handle()
    )
    assert (preview.text_content() or "").startswith("Read as")
