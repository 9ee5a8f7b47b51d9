"""A lesson's typed questions about any statement, served: the box shows a vector's shape as the
engine works it out, answers in a declared parameter are judged for every value of it, and a
number is right within the question's tolerance."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
import sympy

from steepest.web.app import create_app
from steepest.web.settings import Settings

from .page_parts import elements

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

SLUG = "one-step"
LESSON = """\
---
slug: one-step
title: One step
course: Math for ML
unit: Tests
number: 1
difficulty: Easy
summary: One step of descent.
parameters: [eta]
---
:::: section check-yourself
## Check yourself

```{answer}
id: where-after-a-step
prompt: On $L = w_1^2$, where does one step of size $\\eta$ from $w_1 = 1$ land?
statement: value w1 - eta * 2w1 at w1 = 1
explanation: The slope is 2 there, so the step is $-2\\eta$.
```

```{answer}
id: which-way
prompt: Which way does descent step from $(1, 1)$ on $L = w_1^2 + 3w_2^2$?
statement: descent w1^2 + 3w2^2 at w1 = 1, w2 = 1
explanation: Against the gradient.
```

```{answer}
id: peak-volume
prompt: What is the largest volume of the box, to within 1 %?
statement: max x(6 - 2x)^2 for x in [0, 3]
relative: 0.01
explanation: At $x = 1$.
```
::::
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    lessons = tmp_path_factory.mktemp("lessons")
    (lessons / f"{SLUG}.md").write_text(LESSON, encoding="utf-8")
    database = f"sqlite:///{tmp_path_factory.mktemp('store') / 'steepest.sqlite3'}"
    settings = Settings(
        lesson_dir=lessons, workers=1, timeout=10.0, database=database, rate_limit=0
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def answer(client: TestClient, question: str, text: str) -> dict[str, object]:
    if "steepest_csrf" not in client.cookies:
        assert client.get(f"/api/progress/{SLUG}").status_code == 200
    headers = {"X-Steepest-CSRF": client.cookies["steepest_csrf"], "Sec-Fetch-Site": "same-origin"}
    response = client.post(
        f"/api/answers/{SLUG}/{question}", json={"answer": text}, headers=headers
    )
    assert response.status_code == 200, response.text
    feedback: dict[str, object] = response.json()["feedback"]
    return feedback


def test_the_box_shows_a_vectors_shape_and_nothing_for_a_number(client: TestClient) -> None:
    page = client.get(f"/lessons/{SLUG}").text
    boxes = {
        attributes["id"]: attributes.get("placeholder")
        for tag, attributes in elements(page, "input")
        if attributes.get("name") == "typed_answer"
    }
    assert boxes == {
        "question-where-after-a-step-answer": None,
        "question-which-way-answer": "(a, b)",
        "question-peak-volume-answer": None,
    }


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("1 - 2eta", "correct"),
        ("1 - 2η", "correct"),
        ("-(2eta - 1)", "correct"),
        ("1 + 2eta", "incorrect"),
        ("1 - eta", "incorrect"),
        ("1 - 2lr", "invalid"),
    ],
)
def test_an_answer_in_the_declared_parameter_is_judged_for_every_value_of_it(
    client: TestClient, text: str, verdict: str
) -> None:
    assert answer(client, "where-after-a-step", text)["verdict"] == verdict


def test_a_vector_statement_is_judged_per_component(client: TestClient) -> None:
    w1, w2 = sympy.symbols("w1 w2", real=True)
    loss = w1**2 + 3 * w2**2
    first = -sympy.diff(loss, w1).subs(w1, 1)
    client.cookies.clear()  # a first try, by a new learner
    feedback = answer(client, "which-way", f"({first}, 6)")
    components = feedback["components"]
    assert isinstance(components, list)
    assert [c["verdict"] for c in components] == ["correct", "incorrect"]
    assert answer(client, "which-way", "(2, 6)")["mistake"] == "sign"


@pytest.mark.parametrize(("text", "right"), [("16", True), ("15.9", True), ("15.7", False)])
def test_a_number_is_right_within_the_relative_tolerance(
    client: TestClient, text: str, right: bool
) -> None:
    assert answer(client, "peak-volume", text)["correct"] is right


def test_without_javascript_the_same_verdict(client: TestClient) -> None:
    response = client.get(
        f"/lessons/{SLUG}", params={"typed": "where-after-a-step", "typed_answer": "1 - 2η"}
    )
    form = response.text[response.text.index('id="question-where-after-a-step"') :]
    assert "Right." in form[: form.index("</form>")]


def test_the_lesson_passes_steepest_check(tmp_path: Path) -> None:
    from steepest.authoring.check import check_lessons

    path = tmp_path / f"{SLUG}.md"
    path.write_text(LESSON, encoding="utf-8")
    report = check_lessons([path])
    assert report.problems == ()
