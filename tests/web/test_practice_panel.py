"""The "Practice more" panel offers the topics the lesson's front matter chose, each with what
its levels hold, straight from the topic table."""

from __future__ import annotations

import warnings

from steepest.engine.problems.topics import TOPICS
from steepest.lessons import SHIPPED_LESSONS, load_catalogue
from steepest.lessons.practice import practice_panel

from .page_parts import elements, section_html

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def test_every_shipped_panel_offers_the_lessons_topics_with_their_levels(
    client: TestClient,
) -> None:
    for lesson in load_catalogue(SHIPPED_LESSONS):
        panel = practice_panel(lesson)
        html = client.get(f"/lessons/{lesson.slug}").text
        if panel is None:
            # `practice: none` (lesson 05, until its topics exist): no panel at all.
            assert lesson.practice == () and "data-practice>" not in html
            continue
        part = section_html(html, panel.section_id)
        assert part.count("data-practice>") == 1 and html.count("data-practice>") == 1
        # A choice of topics is a select; a lesson with one topic (lesson 01, by default) names it.
        tag = "option" if len(panel.topics) > 1 else "p"
        options = [a for t, a in elements(part, tag) if a.get("data-topic")]
        assert [a["data-topic"] for a in options] == list(panel.topics)
        for attributes in options:
            topic = TOPICS[str(attributes["data-topic"])]
            assert attributes["data-levels"] == "|".join(topic.levels)
            assert f"{topic.title}</{tag}>" in part
        first = TOPICS[panel.topics[0]]
        levels = [f"{n} · {holds}" for n, holds in enumerate(first.levels, start=1)]
        assert all(f">{label}</option>" in part for label in levels)
