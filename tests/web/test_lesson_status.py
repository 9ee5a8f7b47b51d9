"""Where a learner stands in a lesson (course/lesson_status.py), and the course index that shows
it, rendered from the server's copy of their progress."""

from __future__ import annotations

import re
import warnings
from typing import Any

from steepest.lessons import Lesson
from steepest.web.course.lesson_status import MasteryGoal, lesson_status

from .learner_requests import csrf_headers
from .page_parts import SLUG

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def mastered(goal: MasteryGoal) -> dict[str, Any]:
    return {
        "sections": dict.fromkeys(goal.sections, 5),
        "answers": {
            q: {"answer": "a", "correct": True, "at": 5, "after_solution": False, "credited_at": 5}
            for q in goal.questions
        },
    }


def test_the_goal_is_what_the_lesson_page_counts(lesson: Lesson, lesson_html: str) -> None:
    goal = MasteryGoal.of(lesson)
    questions = re.search(r'data-questions="([^"]*)"', lesson_html)
    assert questions is not None and goal.questions == tuple(questions.group(1).split())
    assert goal.sections == tuple(
        re.findall(r'<section id="([^"]+)"[^>]*data-section', lesson_html)
    )


def test_the_three_statuses(lesson: Lesson) -> None:
    goal = MasteryGoal.of(lesson)
    done = mastered(goal)
    assert lesson_status(goal, {}) == "not-started"
    assert lesson_status(goal, {"sections": {}, "widgets": {}, "answers": {}}) == "not-started"
    assert lesson_status(goal, {"widgets": {"best-box": 1}}) == "in-progress"
    assert lesson_status(goal, done) == "mastered"
    # Right means credited: a wrong answer after a right one keeps the credit; an answer
    # never credited (wrong, or right only after the solution was shown) is not mastery.
    kept = {"answer": "b", "correct": False, "at": 6, "after_solution": False, "credited_at": 4}
    slipped = {**done, "answers": {**done["answers"], goal.questions[-1]: kept}}
    assert lesson_status(goal, slipped) == "mastered"
    shown = {"answer": "a", "correct": True, "at": 6, "after_solution": True, "credited_at": 0}
    after_solution = {**done, "answers": {**done["answers"], goal.questions[-1]: shown}}
    assert lesson_status(goal, after_solution) == "in-progress"
    one_unread = {**done, "sections": dict.fromkeys(goal.sections[1:], 5)}
    assert lesson_status(goal, one_unread) == "in-progress"


def badge(html: str, slug: str) -> str:
    found = re.search(
        rf'data-role="lesson-progress" data-lesson="{slug}" data-status="([a-z-]+)"', html
    )
    assert found is not None, f"no status for {slug}"
    return found.group(1)


def test_the_index_shows_the_stored_progress_and_creates_no_learner(
    client: TestClient, lesson: Lesson
) -> None:
    client.cookies.clear()
    first = client.get("/")
    assert first.status_code == 200 and "set-cookie" not in first.headers
    assert badge(first.text, SLUG) == "not-started"

    goal = MasteryGoal.of(lesson)
    sent = client.put(f"/api/progress/{SLUG}", json=mastered(goal), headers=csrf_headers(client))
    assert sent.status_code == 200
    assert badge(client.get("/").text, SLUG) == "mastered"
    read_one = {"sections": {goal.sections[0]: 9}, "cleared_at": 8}
    client.put(f"/api/progress/{SLUG}", json=read_one, headers=csrf_headers(client))
    assert badge(client.get("/").text, SLUG) == "in-progress"

    # A cookie the store does not know, or cannot read, shows nothing stored.
    client.cookies.set("steepest_learner", "not a learner id")
    assert badge(client.get("/").text, SLUG) == "not-started"
    client.cookies.clear()
