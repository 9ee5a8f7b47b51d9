"""The HTML pages: the course index, the lesson with every part the issue lists, and errors."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from steepest.lessons import SHIPPED_LESSONS, Lesson, QuestionBlock, load_catalogue

from .page_parts import SLUG, elements, ids_in_order, parse, section_html

SECTION_IDS = [
    "intuition",
    "see-it-move",
    "worked-example",
    "in-the-world",
    "misconceptions",
    "check-yourself",
    "recap",
]


def test_index_links_to_every_lesson(client: TestClient, lesson: Lesson) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert f'href="/lessons/{SLUG}"' in response.text
    assert lesson.title.replace("&", "&amp;") in response.text


def test_index_links_the_next_lesson_once_it_is_written(client: TestClient, lesson: Lesson) -> None:
    assert lesson.next is not None
    assert load_catalogue(SHIPPED_LESSONS).get(lesson.next.slug) is not None
    page = client.get("/").text
    assert f'href="/lessons/{lesson.next.slug}"' in page
    assert lesson.next.title in page
    # Written, it is no longer among the lessons to come (the shipped unit now has none).
    assert 'class="upcoming"' not in page


def test_lesson_sections_have_the_agreed_ids_in_order(lesson_html: str) -> None:
    sections = [a["id"] for t, a in elements(lesson_html, "section") if "data-section" in a]
    assert sections == SECTION_IDS


def test_lesson_header_shows_course_unit_number_time_and_difficulty(
    lesson_html: str, lesson: Lesson
) -> None:
    header = lesson_html[lesson_html.index('<header class="lesson-header">') :]
    header = header[: header.index("</header>")]
    for fact in (
        lesson.course,
        lesson.unit,
        lesson.number_label,
        f"{lesson.reading_minutes} min",
        lesson.difficulty,
    ):
        assert fact.replace("&", "&amp;") in header
    assert lesson.number_label == "02"


def test_skip_link_targets_main(lesson_html: str) -> None:
    links = [a for t, a in elements(lesson_html, "a") if "skip-link" in (a.get("class") or "")]
    assert links and links[0]["href"] == "#main"
    assert "main" in ids_in_order(lesson_html, "main")


def test_math_is_server_rendered_mathml(lesson_html: str) -> None:
    for section_id in ("intuition", "see-it-move", "worked-example", "recap"):
        assert "<math" in section_html(lesson_html, section_id)


def test_best_box_widget_is_in_see_it_move(lesson_html: str) -> None:
    part = section_html(lesson_html, "see-it-move")
    assert 'data-widget="best-box"' in part
    slider = next(a for t, a in elements(part, "input") if a.get("type") == "range")
    assert slider["value"] == "0.35"
    assert slider["step"] == "0.01"
    assert 0 < float(slider["min"] or "") < 0.35 < float(slider["max"] or "") < 3
    assert 'aria-live="polite"' in part


def test_each_widget_says_it_needs_javascript(lesson_html: str) -> None:
    widgets = lesson_html.count('data-widget="')
    assert widgets >= 2
    assert lesson_html.count('<noscript><p class="needs-js">') == widgets


def test_worked_example_shows_engine_steps(lesson_html: str) -> None:
    part = section_html(lesson_html, "worked-example")
    steps = re.findall(r'<li class="step step-(\w+)">', part)
    assert steps == ["partial", "partial", "stack", "evaluate", "descent"]
    assert "with w2 frozen" in part and "with w1 frozen" in part
    assert 'name="expression"' in part and 'name="at"' in part


def test_next_lesson_is_a_link_once_it_is_written(lesson_html: str, lesson: Lesson) -> None:
    assert lesson.next is not None
    assert lesson.next.title in lesson_html
    assert f'href="/lessons/{lesson.next.slug}"' in lesson_html
    assert "Coming next" not in lesson_html


def test_quiz_renders_radios_without_answer_keys(lesson_html: str, lesson: Lesson) -> None:
    questions = [b for s in lesson.sections for b in s.blocks if isinstance(b, QuestionBlock)]
    assert len(questions) == 2
    part = section_html(lesson_html, "check-yourself")
    for question in questions:
        radios = [
            a["value"]
            for t, a in elements(part, "input")
            if a.get("type") == "radio"
            and (a.get("id") or "").startswith(f"question-{question.id}-")
        ]
        assert radios == [o.id for o in question.options]
        # The key must not ship with the page: no explanation, no per-option feedback.
        assert question.explanation_html.strip() not in lesson_html
        for option in question.options:
            if option.feedback_html:
                assert option.feedback_html not in lesson_html
    assert "checked" not in part


def test_pages_have_no_inline_scripts_or_styles(client: TestClient, lesson_html: str) -> None:
    for html in (lesson_html, client.get("/").text, client.get("/lessons/nope").text):
        assert not re.search(r"\sstyle\s*=", html)
        assert "<style" not in html
        for attrs, text in parse(html).scripts:
            # Executed scripts come from files; JSON data blocks are not executed.
            assert attrs.get("src") or attrs.get("type") == "application/json", text[:80]
        assert not re.search(r"\son[a-z]+\s*=", html)


def test_every_asset_the_lesson_links_exists(client: TestClient, lesson_html: str) -> None:
    urls = {a["href"] for t, a in elements(lesson_html, "link") if a.get("href")}
    urls |= {a["src"] for t, a in elements(lesson_html) if t in ("script", "img") and a.get("src")}
    assert urls
    for url in urls:
        assert url and url.startswith("/static/"), url
        response = client.get(url)
        assert response.status_code == 200, url
        if url.endswith(".js"):
            assert "javascript" in response.headers["content-type"]


def test_unknown_lesson_is_a_404_page(client: TestClient) -> None:
    response = client.get("/lessons/no-such-lesson")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no-such-lesson" in response.text


def test_unknown_route_is_a_404_page(client: TestClient) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "<main" in response.text
