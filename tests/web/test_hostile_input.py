"""Hostile input (issue 6), in process: every string of corpus/hostile.txt against every
endpoint that takes math.

A string must be refused, with a 4xx and a message or, where an unreadable answer costs the
learner nothing, with the verdict `invalid` and a message, within 2.5 s and by the engine's own
limits rather than by the pool killing a worker. A string that is valid math after all must come
back harmless: no markup but the engine's MathML, pages that echo it escaped. What only a live
server shows (no file written, no process spawned, normal requests fast) is in
test_hostile_live.py.
"""

from __future__ import annotations

import json
import re
import time
import warnings
from collections.abc import Iterator

import pytest

from steepest.compute import ComputeTimeout
from steepest.lessons import SHIPPED_LESSONS
from steepest.web.app import create_app
from steepest.web.settings import Settings

from .learner_requests import csrf_headers
from .page_parts import SLUG, elements

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from .hostile_probes import (
    HOSTILE,
    KINDS,
    NORMAL_EXPRESSION,
    NORMAL_POINT,
    REFUSAL_LIMIT_S,
    TYPED_QUESTION,
    Hostile,
    PageBaseline,
    Probe,
    Reply,
    judge,
    new_practice_problem,
    probes,
    reference_report,
    risky_tags,
)


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """Unlike the shared `client` (10 s), the default time limit, so that 2.5 s means what it
    means on a deployed server; no rate limit."""
    database = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'steepest.sqlite3'}"
    settings = Settings(lesson_dir=SHIPPED_LESSONS, database=database, rate_limit=0)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def page_baseline(hostile_client: TestClient) -> PageBaseline:
    lesson = hostile_client.get(f"/lessons/{SLUG}", params={"expression": "w1^2 + )"})
    long = {"typed": TYPED_QUESTION, "typed_answer": "1" * 501}
    error = hostile_client.get(f"/lessons/{SLUG}", params=long)
    assert (lesson.status_code, error.status_code) == (422, 422)
    tags = {tag for page in (lesson, error) for tag, _ in elements(page.text)}
    return PageBaseline(risky_tags(lesson.text), risky_tags(error.text), tags)


def send_in_process(client: TestClient, probe: Probe) -> Reply:
    headers = {"Content-Type": "application/json", **csrf_headers(client)}
    start = time.perf_counter()
    response = client.request(probe.method, probe.path, content=probe.body, headers=headers)
    return Reply(response.status_code, response.text, time.perf_counter() - start)


def test_the_corpus_holds_60_strings_of_every_kind() -> None:
    assert len(HOSTILE) >= 60
    assert {h.kind for h in HOSTILE} == KINDS
    assert len({h.text for h in HOSTILE}) == len(HOSTILE)


def test_the_judge_sees_what_would_get_through(
    hostile_client: TestClient, page_baseline: PageBaseline
) -> None:
    """The checks can fail: markup echoed raw, foreign MathML, a worker killed."""
    text = '"><img src=x onerror=alert(1)>'
    probe = {p.endpoint: p for p in probes(text, "")}
    page = hostile_client.get(f"/lessons/{SLUG}", params={"expression": "w1^2 + )"}).text
    forged = page.replace('value="w1^2 + )"', f'value="{text}"', 1)
    assert forged != page
    images = page_baseline.lesson["img"]
    assert set(judge(probe["try-it form"], text, Reply(422, forged, 0.1), page_baseline)) >= {
        "the input is echoed unescaped",
        f"{images + 1} <img>, usually {images}",
        "<img onerror=…>",
    }
    mathml = json.dumps({"mathml": "<math><maction><mi>w1</mi></maction></math>"})
    assert judge(probe["preview"], text, Reply(200, mathml, 0.1), page_baseline) == [
        "mathml: <maction> is not the engine's markup"
    ]
    killed = json.dumps({"error": {"message": ComputeTimeout(Settings.timeout).message}})
    too_late = Reply(422, killed, REFUSAL_LIMIT_S + 0.1)
    assert len(judge(probe["gradient"], text, too_late, page_baseline)) == 2


@pytest.mark.parametrize(
    "hostile",
    HOSTILE,
    ids=[f"{i:03d}-{re.sub(r'[^0-9A-Za-z]+', '_', h.text[:24])}" for i, h in enumerate(HOSTILE)],
)
def test_every_endpoint_refuses_it_quickly_and_harmlessly(
    hostile_client: TestClient, page_baseline: PageBaseline, hostile: Hostile
) -> None:
    def send(probe: Probe) -> Reply:
        return send_in_process(hostile_client, probe)

    problems = []
    for probe in probes(hostile.text, new_practice_problem(send)):
        found = judge(probe, hostile.text, send(probe), page_baseline)
        problems += [f"{probe.endpoint}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


def test_the_app_answers_normally_after_the_corpus(hostile_client: TestClient) -> None:
    assert hostile_client.get("/").status_code == 200
    body = {"expression": NORMAL_EXPRESSION, "at": NORMAL_POINT}
    response = hostile_client.post("/api/gradient", json=body)
    assert response.status_code == 200
    assert response.json() == reference_report()


# ----------------------------------------------------------------------------- live server
