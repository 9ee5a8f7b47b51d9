"""The browser's progress merge (progress-state.js) agrees with the server's
(steepest.store.progress) on random pairs of states, so neither side undoes the other."""

from __future__ import annotations

import random
from typing import Any

import pytest

from steepest.store.progress import ProgressState

from .conftest import OpenPage

pytestmark = pytest.mark.browser

IDS = ["intuition", "recap", "best-box", "q1", "q2"]


def random_state(rng: random.Random) -> dict[str, Any]:
    def times() -> dict[str, int]:
        return {key: rng.randint(1, 9) for key in rng.sample(IDS, rng.randint(0, 3))}

    def answer() -> dict[str, Any]:
        at = rng.randint(1, 9)
        return {
            "answer": rng.choice(["a", "b", "6w2"]),
            "correct": rng.random() < 0.5,
            "at": at,
            "after_solution": rng.random() < 0.3,
            "credited_at": rng.choice([0, rng.randint(1, at)]),
        }

    answers = {key: answer() for key in rng.sample(IDS, rng.randint(0, 3))}
    state = {
        "sections": times(),
        "widgets": times(),
        "answers": answers,
        "cleared_at": rng.choice([0, 0, 3, 5]),
    }
    return ProgressState.from_json(state).to_json()


def test_browser_and_server_merge_alike(open_page: OpenPage) -> None:
    rng = random.Random(5)
    pairs = [(random_state(rng), random_state(rng)) for _ in range(300)]
    page = open_page()
    merged_in_browser = page.evaluate(
        """async (pairs) => {
            const { merge } = await import('/static/js/progress-state.js');
            return pairs.map(([a, b]) => merge(a, b));
        }""",
        pairs,
    )
    for (a, b), browser in zip(pairs, merged_in_browser, strict=True):
        server = ProgressState.from_json(a).merge(ProgressState.from_json(b)).to_json()
        assert ProgressState.from_json(browser).to_json() == server, (a, b)
