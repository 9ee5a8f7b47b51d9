"""Valid maths never gets a 5xx (issue 13): every line of corpus/valid_maths.tsv through every
endpoint that takes maths, with real worker processes behind one shared app.

Each reply must be a 200 or a 4xx with a message, JSON where JSON is promised, and no result may
hold a complex, infinite or undefined value (`I`, `zoo`, `oo`, `nan`, `∞`). No worker may crash
on the way: a crash is logged by the pool (or as a 500 by the error table), and the log of each
line's requests must hold no error. The requests are those of the hostile-input test
(`hostile_probes.probes`), plus the ones that need a point or an expected answer.
"""

from __future__ import annotations

import json
import logging
import math
import re
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from steepest.lessons import SHIPPED_LESSONS
from steepest.web.app import create_app
from steepest.web.settings import Settings

from .hostile_probes import Probe, Reply, json_outcome, new_practice_problem, page_outcome, probes
from .learner_requests import csrf_headers
from .page_parts import SLUG

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

CORPUS = Path(__file__).with_name("corpus") / "valid_maths.tsv"
QUIZ_QUESTION = "fastest-descent"
# A constant with no real value, spelled as SymPy or the MathML printer writes it.
NOT_REAL = re.compile(r"(?<![\w.])(I|zoo|oo|nan|NaN|Infinity)(?![\w(])|∞|ⅈ|<mi>i</mi>")
# Fields of prose, where a word such as "I" may stand; every other string is a result.
PROSE_KEY = re.compile(r"(^|_)(message|text|title|explanation|feedback|prompt|hint|reason)$")


@dataclass(frozen=True)
class ValidMaths:
    family: str
    expression: str
    point: dict[str, str] | None
    expected: str | None


def load_corpus(path: Path = CORPUS) -> list[ValidMaths]:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        family, expression, point, expected = [*line.split("\t"), "", ""][:4]
        pairs = (pair.split("=", 1) for pair in point.split(",") if pair.strip())
        at = {name.strip(): value.strip() for name, value in pairs} or None
        lines.append(ValidMaths(family, expression, at, expected or None))
    return lines


CORPUS_LINES = load_corpus()


def valid_maths_probes(line: ValidMaths, practice_problem: str) -> list[Probe]:
    """The hostile test's requests for the expression, then those that use the line's point and
    expected answer, and the quiz (whose answer is an option, so maths there is refused)."""

    def post(endpoint: str, path: str, **body: Any) -> Probe:
        return Probe(endpoint, "", "POST", path, json.dumps(body).encode())

    text, point = line.expression, line.point
    expected = line.expected or text
    found = probes(text, practice_problem)
    found += [
        post("equivalent pair", "/api/equivalent", expected=expected, answer=text),
        post("equivalent swapped", "/api/equivalent", expected=text, answer=expected),
        post("quiz", f"/api/quiz/{SLUG}/{QUIZ_QUESTION}", answer=text[:100]),
    ]
    if point is not None:
        joined = ", ".join(f"{name}={value}" for name, value in point.items())
        found += [
            post("gradient at its point", "/api/gradient", expression=text, at=point),
            post("descent from its point", "/api/descent", expression=text, start=point, rate=0.1),
            Probe(
                "try-it at its point",
                "",
                "GET",
                f"/lessons/{SLUG}?" + urlencode({"expression": text, "at": joined}),
            ),
        ]
    return found


def problems_with(probe: Probe, reply: Reply) -> list[str]:
    """What is wrong with a reply to valid maths: a 5xx, no JSON, a result with no real value."""
    if reply.status >= 500:
        return [f"status {reply.status}: {reply.text[:200]}"]
    if not 200 <= reply.status < 500:
        return [f"status {reply.status}"]
    if probe.method == "GET":
        message, _ = page_outcome(reply.text)
        if reply.status >= 400 and not message:
            return ["a refusal page without a message"]
        return []
    try:
        data = json.loads(reply.text)
    except ValueError:
        return [f"not JSON: {reply.text[:200]!r}"]
    message, _ = json_outcome(reply.text)
    if reply.status >= 400:
        return [] if message else ["a refusal without a message"]
    return [f"{key}: {value[:120]!r}" for key, value in _results(data) if NOT_REAL.search(value)]


def _results(data: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Every string and number of a JSON reply but its prose, with its key."""
    if isinstance(data, str):
        if not PROSE_KEY.search(key):
            yield key, data
    elif isinstance(data, float) and not math.isfinite(data):
        yield key, repr(data)
    elif isinstance(data, dict | list):
        items = data.items() if isinstance(data, dict) else ((key, v) for v in data)
        for name, value in items:
            yield from _results(value, str(name))


@pytest.fixture(scope="module")
def maths_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app for the whole corpus, with the default time limit and real workers."""
    database = f"sqlite:///{tmp_path_factory.mktemp('valid') / 'steepest.sqlite3'}"
    settings = Settings(lesson_dir=SHIPPED_LESSONS, database=database, rate_limit=0)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def send(client: TestClient, probe: Probe) -> Reply:
    headers = {"Content-Type": "application/json", **csrf_headers(client)}
    start = time.perf_counter()
    response = client.request(probe.method, probe.path, content=probe.body, headers=headers)
    return Reply(response.status_code, response.text, time.perf_counter() - start)


def test_the_corpus_holds_every_family_in_80_lines_or_more() -> None:
    assert len(CORPUS_LINES) >= 80
    families = {line.family for line in CORPUS_LINES}
    assert families >= {"overflow", "large", "small", "kink", "constant", "negative base"}
    assert families >= {"nesting", "erased domain", "cancellation", "far", "bump"}
    assert len({(line.expression, str(line.point)) for line in CORPUS_LINES}) == len(CORPUS_LINES)


def test_the_judge_sees_a_5xx_a_body_that_is_not_json_and_a_complex_result() -> None:
    probe = valid_maths_probes(CORPUS_LINES[0], "")[0]
    assert problems_with(probe, Reply(500, '{"error": {"message": "x"}}', 0.1))
    assert problems_with(probe, Reply(200, "<html>", 0.1))
    for result in ('{"gradient": ["I"]}', '{"partials": {"x": "zoo*x"}}', '{"value": NaN}'):
        assert problems_with(probe, Reply(200, result, 0.1)), result
    assert not problems_with(probe, Reply(200, '{"gradient": ["2*x"], "message": "I see"}', 0.1))


@pytest.mark.parametrize(
    "line",
    CORPUS_LINES,
    ids=[
        f"{i:03d}-{re.sub(r'[^0-9A-Za-z]+', '_', x.expression[:24])}"
        for i, x in enumerate(CORPUS_LINES)
    ],
)
def test_valid_maths_gets_no_5xx_and_no_value_that_is_not_real(
    maths_client: TestClient, line: ValidMaths, caplog: pytest.LogCaptureFixture
) -> None:
    found = []
    with caplog.at_level(logging.ERROR, logger="steepest"):
        practice = new_practice_problem(lambda probe: send(maths_client, probe))
        for probe in valid_maths_probes(line, practice):
            reply = send(maths_client, probe)
            found += [f"{probe.endpoint}: {problem}" for problem in problems_with(probe, reply)]
    found += [f"logged: {record.getMessage()[:300]}" for record in caplog.records]
    assert not found, "\n".join(found)
