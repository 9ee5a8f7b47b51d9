"""The quiz scored by the server, and progress kept in localStorage across a reload."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

from steepest.lessons import SHIPPED_LESSONS, QuestionBlock, TypedQuestionBlock, load_catalogue

from .conftest import SLUG, OpenPage, wait_for_widgets
from .reading_clock import open_with_a_paused_clock, read_section

pytestmark = pytest.mark.browser

LESSON = load_catalogue(SHIPPED_LESSONS).get(SLUG)
assert LESSON is not None
QUESTIONS = [b for s in LESSON.sections for b in s.blocks if isinstance(b, QuestionBlock)]
SECTIONS = [s.id for s in LESSON.sections]
# Progress counts the typed-answer questions too.
ALL_QUESTIONS = len(QUESTIONS) + sum(
    isinstance(b, TypedQuestionBlock) for s in LESSON.sections for b in s.blocks
)


def answer(page: Page, question: QuestionBlock, option_id: str) -> None:
    form = page.locator(f"#question-{question.id}")
    form.locator(f'label[for="question-{question.id}-{option_id}"]').click()
    form.get_by_role("button", name="Check my answer").click()
    form.locator(".verdict").wait_for()


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_wrong_then_right_answer(open_page: OpenPage, question: QuestionBlock) -> None:
    page = open_page()
    form = page.locator(f"#question-{question.id}")
    wrong = next(o for o in question.options if o.id != question.answer)
    answer(page, question, wrong.id)
    assert form.locator(".verdict-wrong .verdict-head").text_content() == "✗ Not quite."
    assert form.locator(".verdict-feedback").count() == (1 if wrong.feedback_html else 0)
    # The explanation waits for the solution; a step of help comes instead.
    assert form.locator(".verdict-explanation").count() == 0
    assert form.locator('[data-role="hint"]').inner_text().strip()
    assert form.locator(".verdict-next").inner_text() == "Try again, or show the solution."
    answer(page, question, question.answer)
    form.locator(".verdict-right").wait_for()
    assert form.locator(".verdict-right .verdict-head").text_content() == "✓ Right."
    assert form.locator(".verdict-feedback").count() == 0
    assert form.locator(".verdict-explanation").inner_text().strip()


def test_quiz_from_the_keyboard(open_page: OpenPage) -> None:
    page = open_page()
    question = QUESTIONS[0]
    ids = [o.id for o in question.options]
    first = page.locator(f"#question-{question.id}-{ids[0]}")
    first.focus()
    page.keyboard.press("Space")
    for _ in range(ids.index(question.answer)):
        page.keyboard.press("ArrowDown")
    assert page.locator(f"#question-{question.id}-{question.answer}").is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator(f"#question-{question.id} .verdict-right").wait_for()


def progress_text(page: Page) -> str:
    return page.locator("[data-progress-text]").inner_text()


def stored(page: Page) -> object:
    raw = page.evaluate(f"localStorage.getItem('steepest:progress:{SLUG}')")
    return None if raw is None else json.loads(raw)


def test_progress_is_restored_after_a_reload_and_can_be_reset(open_page: OpenPage) -> None:
    page = open_with_a_paused_clock(open_page)
    for section in SECTIONS:
        read_section(page, section)
    page.clock.resume()
    page.locator('[data-widget="best-box"] [data-slider]').focus()
    page.keyboard.press("ArrowRight")
    right, wrong = QUESTIONS[1], QUESTIONS[0]
    answer(page, right, right.answer)
    answer(page, wrong, next(o.id for o in wrong.options if o.id != wrong.answer))
    done = (
        f"{len(SECTIONS)} of {len(SECTIONS)} sections read · 1 of 2 widgets tried"
        f" · 1 of {ALL_QUESTIONS} questions right"
    )
    page.wait_for_function(
        "t => document.querySelector('[data-progress-text]').textContent === t", arg=done
    )

    page.reload()
    wait_for_widgets(page)
    assert progress_text(page) == done
    assert page.locator(".toc-list li.is-read").count() == len(SECTIONS)
    assert page.locator("[data-progress-bar]").evaluate("b => [b.value, b.max]") == [
        len(SECTIONS) + 2,
        len(SECTIONS) + 2 + ALL_QUESTIONS,
    ]
    assert page.locator(f"#question-{right.id}-{right.answer}").is_checked()
    page.locator(f"#question-{right.id} .verdict-right").wait_for()
    page.locator(f"#question-{wrong.id} .verdict-wrong").wait_for()

    page.get_by_role("button", name="Reset progress").click()
    page.get_by_role("button", name="Yes, reset").click()
    assert progress_text(page).startswith(f"0 of {len(SECTIONS)} sections read")
    assert page.locator(".toc-list li.is-read").count() == 0
    assert page.locator(".verdict").count() == 0
    assert page.locator("input[type=radio]:checked").count() == 0
    # What is stored is the reset itself, so that other tabs and the server learn of it.
    after_reset = stored(page)
    assert isinstance(after_reset, dict) and after_reset["cleared_at"] > 0
    assert (after_reset["sections"], after_reset["widgets"], after_reset["answers"]) == ({}, {}, {})
    page.reload()
    wait_for_widgets(page)
    assert page.locator(".verdict").count() == 0
