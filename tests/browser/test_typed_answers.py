"""Typed answers with a live preview, checked by the engine; practice; progress on the server."""

from __future__ import annotations

import json
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page

from .conftest import SLUG, OpenPage, PageWatch

pytestmark = pytest.mark.browser


def type_answer(page: Page, question: str, text: str) -> None:
    form = page.locator(f"#question-{question}")
    form.locator("[data-answer-input]").fill(text)
    form.get_by_role("button", name="Check my answer").click()


def verdict_text(page: Page, question: str) -> str:
    verdict = page.locator(f"#question-{question} .verdict")
    verdict.wait_for()
    return verdict.inner_text()


def wait_until_synced(page: Page) -> None:
    page.locator("[data-progress-sync]").filter(
        has_text="Saved in this browser and on the server."
    ).wait_for()


def wait_until_the_server_has(page: Page, questions: list[str], limit_s: float = 15) -> None:
    url = urljoin(page.url, "/api/progress/partial-derivatives-and-the-gradient")
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        stored = page.request.get(url).text()
        if all(f'"{question}"' in stored for question in questions):
            return
        time.sleep(0.1)
    raise AssertionError(f"the server never held answers to {questions}: {stored}")


def test_the_preview_shows_how_the_typed_answer_was_read(
    open_page: OpenPage, watch: PageWatch
) -> None:
    watch.allow(r"status of 422")  # the preview of unfinished input is a 422, by design
    page = open_page()
    form = page.locator("#question-typed-partial-w1")
    form.locator("[data-answer-input]").press_sequentially("2w1^2")
    preview = form.locator("[data-preview]")
    preview.locator("math msup").wait_for()
    # 2·w1², as the engine read it: w1 is a subscripted w, squared.
    assert preview.locator("msup msub mi").text_content() == "w"
    assert preview.locator("msup > mn").text_content() == "2"
    form.locator("[data-answer-input]").press("Backspace")
    page.wait_for_function(
        "() => document.querySelector('#question-typed-partial-w1 [data-preview]')"
        ".classList.contains('preview-error')"
    )
    assert "column 5" in preview.inner_text() or "end of input" in preview.inner_text()


def test_the_preview_refuses_what_the_check_cannot_read_and_names_the_column_once(
    open_page: OpenPage, watch: PageWatch
) -> None:
    watch.allow(r"status of 422")  # the preview of text the check cannot read is a 422
    page = open_page()
    form = page.locator("#question-typed-partial-w1")
    preview = form.locator("[data-preview]")
    form.locator("[data-answer-input]").press_sequentially("2(w1 + 0.5)")
    preview.locator("math mn", has_text="0.5").wait_for()  # as typed: no 1/2, not expanded
    assert preview.locator(".preview-label").text_content() == "Read as:"
    form.locator("[data-answer-input]").fill("")
    form.locator("[data-answer-input]").press_sequentially("2w")
    page.wait_for_function(
        "() => document.querySelector('#question-typed-partial-w1 [data-preview]')"
        ".classList.contains('preview-error')"
    )
    assert "unknown variable 'w'" in preview.inner_text()
    type_answer(page, "typed-partial-w1", "2w")
    said = page.locator("#question-typed-partial-w1 .verdict-feedback").inner_text()
    assert said.count("column") == 1 and "(column 2)" in said


def test_a_wrong_answer_gets_a_hint_and_a_right_one_the_explanation(open_page: OpenPage) -> None:
    page = open_page()
    type_answer(page, "typed-descent", "(2, -12)")
    wrong = verdict_text(page, "typed-descent")
    assert "Not quite" in wrong
    assert page.locator("#question-typed-descent [data-role='hint']").inner_text().strip()
    type_answer(page, "typed-descent", "(-2, 12)")
    page.locator("#question-typed-descent .verdict-right").wait_for()
    solution = page.locator("#question-typed-descent [data-role='solution']").inner_text()
    assert "against the gradient" in solution


def test_input_that_cannot_be_read_costs_nothing(open_page: OpenPage, watch: PageWatch) -> None:
    watch.allow(r"status of 422")
    page = open_page()
    type_answer(page, "typed-partial-w1", "2*w1 +")
    page.locator("#question-typed-partial-w1 .verdict-invalid").wait_for()
    text = verdict_text(page, "typed-partial-w1")
    assert "costs you nothing" in text and "column 7" in text
    assert "1 of" not in page.locator("[data-progress-text]").inner_text().split("·")[-1]


def test_practice_problem_attempt_solution_and_mastery(open_page: OpenPage) -> None:
    page = open_page()
    practice = page.locator("[data-practice]")
    practice.locator("[data-mastery]").filter(has_text="3 right in a row").wait_for()
    practice.get_by_label("Level").select_option("1")
    practice.get_by_role("button", name="New problem").click()
    prompt = practice.locator("[data-practice-prompt]")
    prompt.wait_for()
    assert prompt.inner_text().startswith(("Find", "For"))
    box = practice.locator("[data-answer-input]")
    box.fill("(0, 0)" if box.get_attribute("placeholder") == "(a, b)" else "0")
    practice.get_by_role("button", name="Check my answer").click()
    practice.locator(".verdict").wait_for()
    # A wrong first answer earns a second try; the worked solution comes after it.
    practice.get_by_role("button", name="Check my answer").click()
    solution = practice.locator("[data-practice-solution]")
    solution.get_by_role("heading", name="Worked solution").wait_for()
    assert solution.locator("ol li").count() >= 1
    assert "Level 1" in practice.locator("[data-mastery]").inner_text()


def test_the_chosen_topic_sets_the_problems_the_levels_and_the_mastery(open_page: OpenPage) -> None:
    page = open_page()
    practice = page.locator("[data-practice]")
    practice.locator("[data-mastery]").filter(has_text="3 right in a row").wait_for()
    topic = practice.get_by_label("Topic")
    assert topic.locator("option").all_inner_texts() == [
        "Partial derivatives",
        "Gradients",
        "Descent steps",
    ]
    topic.select_option("descent")
    practice.get_by_role("button", name="New problem").click()
    prompt = practice.locator("[data-practice-prompt]")
    prompt.wait_for()
    assert "step" in prompt.inner_text() or "descent" in prompt.inner_text()
    practice.locator("[data-answer-input]").fill("(0, 0)")
    practice.get_by_role("button", name="Check my answer").click()
    practice.locator(".verdict").wait_for()

    def attempts(name: str) -> int:
        url = urljoin(page.url, f"/api/practice/mastery?topic={name}")
        count: int = json.loads(page.request.get(url).text())["levels"][0]["attempts"]
        return count

    assert (attempts("descent"), attempts("partial"), attempts("mixed")) == (1, 0, 0)
    # Another topic puts the problem away: an answer to it would count for the wrong topic.
    topic.select_option("partial")
    practice.locator("[data-practice-form]").wait_for(state="hidden")
    assert practice.get_by_label("Level").locator("option").first.inner_text() == "1 · polynomials"


def test_progress_reaches_the_server_and_a_fresh_browser_with_the_cookie_gets_it(
    open_page: OpenPage,
) -> None:
    page = open_page()
    type_answer(page, "typed-partial-w1", "2w1")
    page.locator("#question-typed-partial-w1 .verdict-right").wait_for()
    page.locator("label[for='question-partial-w2-6w2']").click()
    page.locator("#question-partial-w2").get_by_role("button", name="Check my answer").click()
    page.locator("#question-partial-w2 .verdict-right").wait_for()
    # "Saved" may still show from an earlier sync: wait until the server holds both answers.
    wait_until_the_server_has(page, ["typed-partial-w1", "partial-w2"])
    cookies = page.context.cookies()
    learner = next(c for c in cookies if c["name"] == "steepest_learner")
    assert learner["httpOnly"] and learner["sameSite"] == "Lax"

    # A new context: no localStorage, only the learner's cookie.
    other = open_page(storage_state={"cookies": cookies, "origins": []})
    other.wait_for_function(
        "() => document.querySelector('[data-progress-text]').textContent.includes('2 of 5')"
    )
    assert other.locator("#question-typed-partial-w1 [data-answer-input]").input_value() == "2w1"
    other.locator("#question-partial-w2 .verdict-right").wait_for()


def test_offline_changes_sync_when_back_online(open_page: OpenPage, watch: PageWatch) -> None:
    watch.allow(r"Failed to load resource|ERR_INTERNET_DISCONNECTED")
    page = open_page()
    wait_until_synced(page)
    page.context.set_offline(True)
    page.evaluate("() => window.dispatchEvent(new Event('offline'))")
    page.get_by_role("button", name="Reset progress").click()
    page.get_by_role("button", name="Yes, reset").click()
    page.locator("[data-progress-sync]").filter(has_text="cannot be reached").wait_for()
    page.context.set_offline(False)
    page.evaluate("() => window.dispatchEvent(new Event('online'))")
    wait_until_synced(page)
    server = page.evaluate(f"() => fetch('/api/progress/{SLUG}').then(r => r.json())")
    assert server["cleared_at"] > 0


def test_export_then_import_into_another_browser(open_page: OpenPage, tmp_path: Path) -> None:
    page = open_page()
    type_answer(page, "typed-partial-w1", "2w1")
    page.locator("#question-typed-partial-w1 .verdict-right").wait_for()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export").click()
    exported = tmp_path / "progress.json"
    download_info.value.save_as(exported)
    document = json.loads(exported.read_text())
    assert document["format"] == "steepest-learner-export"
    assert document["progress"][SLUG]["answers"]["typed-partial-w1"]["correct"] is True

    other = open_page()
    with other.expect_file_chooser() as chooser:
        other.get_by_role("button", name="Import…").click()
    chooser.value.set_files(str(exported))
    other.locator("[data-progress-transfer]").filter(has_text="Imported").wait_for()
    other.wait_for_function(
        "() => document.querySelector('[data-progress-text]').textContent.includes('1 of 5')"
    )
