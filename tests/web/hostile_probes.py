"""The hostile corpus (corpus/hostile.txt), the requests that carry each string to every place
that takes math, and the judge of what comes back: shared by the in-process test
(test_hostile_input.py) and the live-server one (test_hostile_live.py)."""

from __future__ import annotations

import inspect
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from steepest.compute import ComputeMemoryExceeded, ComputePool, ComputeTimeout
from steepest.engine.explain.report import gradient_report
from steepest.web.settings import Settings

from .page_parts import SLUG, elements

CORPUS = Path(__file__).with_name("corpus") / "hostile.txt"
KINDS = {"code injection", "denial of service", "markup injection"}
# Both servers keep the default time limit. A reply that takes longer than that limit and a
# quarter (for the way back on a busy machine) was held up until the pool stopped its call.
REFUSAL_LIMIT_S = 1.25 * Settings.timeout
TYPED_QUESTION = "typed-partial-w1"
NORMAL_EXPRESSION = "w1^2 + 3w2^2"
NORMAL_POINT = {"w1": 1, "w2": -2}
# A message from this set means the pool killed the worker (and will start another).
_MEMORY_MB = inspect.signature(ComputePool).parameters["memory_limit_mb"].default
WORKER_KILLED = {
    ComputeTimeout(Settings.timeout).message,
    ComputeMemoryExceeded(_MEMORY_MB).message,
}

# All the engine may put in a field that the browser inserts as HTML (`…mathml`, `…html`).
ENGINE_TAGS = {"math", "mrow", "mi", "mn", "mo", "msup", "msub", "msubsup", "mfrac", "msqrt"}
ENGINE_TAGS |= {"mroot", "mtable", "mtr", "mtd", "mtext", "mspace", "mstyle", "mover", "munder"}
ENGINE_TAGS |= {"ol", "ul", "li", "p", "span", "code", "var", "strong", "em", "div", "br"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "style"}
# Elements a page may hold no more of than its ordinary rendering does, counted in the raw text:
# escaped markup cannot open one.
RISKY_TAG = re.compile(
    r"<(script|style|iframe|object|embed|img|svg|foreignobject|a|link|meta|base|form|template"
    r"|maction|annotation-xml|textarea)\b",
    re.IGNORECASE,
)
# The only parts of a lesson page that show the learner's input: parsed for a closer look.
ECHOING_FORMS = re.compile(
    rf'<form[^>]*id="(?:try-1|question-{TYPED_QUESTION})".*?</form>', re.DOTALL
)
SCRIPTY = re.compile(r"<script|onerror\s*=|javascript:", re.IGNORECASE)
MARKUP_CHARACTERS = set("<>\"'&")


@dataclass(frozen=True)
class Hostile:
    kind: str
    text: str


def load_corpus(path: Path = CORPUS) -> list[Hostile]:
    """The strings, decoded as the file's header says: `{{TEXT*N}}` in `@ ` lines, escapes."""
    repeat = re.compile(r"\{\{(.+?)\*(\d+)\}\}")
    kind, found = "", []
    for line in path.read_text(encoding="ascii").splitlines():
        if line.startswith("# ---"):
            kind = line.strip("# -").split(":")[0]
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@ "):
            line = repeat.sub(lambda m: m.group(1) * int(m.group(2)), line[2:])
        found.append(Hostile(kind, line.encode("ascii").decode("unicode_escape")))
    return found


HOSTILE = load_corpus()

# What a refusal is at each endpoint.
REFUSE = "a 4xx"
VERDICT = "a 4xx, or 200 with the verdict invalid"
PAGE_REFUSE = "a 4xx page"
PAGE_VERDICT = "a 4xx page, or 200 showing the verdict invalid"


@dataclass(frozen=True)
class Probe:
    endpoint: str
    contract: str
    method: str
    path: str
    body: bytes | None = None
    echo: str = ""
    """For a page: what its box must show, exactly as the learner typed it."""


@dataclass(frozen=True)
class Reply:
    status: int
    text: str
    elapsed_s: float


def probes(text: str, practice_problem: str) -> list[Probe]:
    """One request for every place where a learner's math goes in."""

    def post(endpoint: str, contract: str, path: str, **body: Any) -> Probe:
        # json.dumps escapes to ASCII: even a lone surrogate travels, as a JSON escape.
        return Probe(endpoint, contract, "POST", path, json.dumps(body).encode())

    def page(endpoint: str, contract: str, echo: str, **query: str) -> Probe:
        pairs = (f"{k}={quote(v, safe='', errors='surrogatepass')}" for k, v in query.items())
        return Probe(endpoint, contract, "GET", f"/lessons/{SLUG}?{'&'.join(pairs)}", echo=echo)

    point, both, normal = {"w1": text, "w2": 1}, ["w1", "w2"], NORMAL_EXPRESSION
    answers, equivalent = f"/api/answers/{SLUG}/{TYPED_QUESTION}", "/api/equivalent"
    return [
        post("gradient", REFUSE, "/api/gradient", expression=text),
        post("gradient at", REFUSE, "/api/gradient", expression=normal, at=point),
        post("expected", REFUSE, equivalent, expected=text, answer="2w1", variables=both),
        post("answer", VERDICT, equivalent, expected="2w1", answer=text, variables=both),
        post("preview", REFUSE, "/api/preview", text=text),
        post("surface", REFUSE, "/api/surface", expression=text),
        post("descent", REFUSE, "/api/descent", expression=text, start=NORMAL_POINT, rate=0.1),
        post("descent start", REFUSE, "/api/descent", expression=normal, start=point, rate=0.1),
        post("typed answer", VERDICT, answers, answer=text),
        post("practice", VERDICT, "/api/practice/attempts", problem=practice_problem, answer=text),
        page("try-it form", PAGE_REFUSE, text, expression=text),
        page("try-it point", PAGE_REFUSE, f"w1={text}", expression=normal, at=f"w1={text}"),
        page("typed form", PAGE_VERDICT, text, typed=TYPED_QUESTION, typed_answer=text),
    ]


def new_practice_problem(send: Callable[[Probe], Reply]) -> str:
    """A fresh problem for each string: one readable answer uses a problem up (409 after)."""
    body = json.dumps({"level": 1, "kind": "partial"}).encode()
    reply = send(Probe("new problem", "", "POST", "/api/practice/problems", body))
    assert reply.status == 200, reply.text
    problem: str = json.loads(reply.text)["problem"]
    return problem


@dataclass(frozen=True)
class PageBaseline:
    """Ordinary renderings of the lesson and the error page, to compare hostile ones with."""

    lesson: Counter[str]
    error: Counter[str]
    tags: set[str]
    """Every element either holds."""


def judge(probe: Probe, text: str, reply: Reply, baseline: PageBaseline) -> list[str]:
    """What is wrong with the reply to `probe` carrying the hostile `text`."""
    problems = []
    if reply.status != 200 and not 400 <= reply.status < 500:
        problems.append(f"status {reply.status}")
    if reply.elapsed_s >= REFUSAL_LIMIT_S:
        problems.append(f"took {reply.elapsed_s:.2f} s")
    page = probe.method == "GET"
    message, verdict = page_outcome(reply.text) if page else json_outcome(reply.text)
    refused = reply.status >= 400 or verdict == "invalid"
    if refused and not message:
        problems.append("refused without a message")
    if message in WORKER_KILLED:
        problems.append(f"refused only by the pool, which killed a worker: {message!r}")
    if refused and reply.status < 400 and probe.contract in (REFUSE, PAGE_REFUSE):
        problems.append("a verdict where a 4xx was due")
    problems += _page_problems(probe, text, reply, baseline) if page else _json_problems(reply)
    return problems


def json_outcome(body: str) -> tuple[str, str | None]:
    """The message of an error or a verdict, and the verdict."""
    data = json.loads(body)
    if "error" in data:
        return str(data["error"]["message"]), None
    verdict = data.get("feedback", data)
    return str(verdict.get("message", "")), verdict.get("verdict")


def page_outcome(body: str) -> tuple[str, str | None]:
    """The message a page shows about the typed input, and a typed answer's verdict."""
    verdict = "invalid" if 'class="verdict verdict-invalid"' in body else None
    for pattern in (
        r'<p class="error-message">(.*?)</p>',
        r'id="try-1-(?:expression|at)-error"[^>]*>(.*?)</div>',
        r'<p class="verdict-feedback">(.*?)</p>',
    ):
        for shown in re.finditer(pattern, body, re.DOTALL):
            if message := re.sub(r"<[^>]*>", "", shown.group(1)).strip():
                return message, verdict
    return "", verdict


def _json_problems(reply: Reply) -> list[str]:
    problems = [f"markup in the JSON: {m.group(0)!r}" for m in SCRIPTY.finditer(reply.text)]
    for key, value in _strings(json.loads(reply.text)):
        if re.search(r"(^|_)(html|mathml)$", key):
            for tag, attributes in elements(value):
                if tag not in ENGINE_TAGS:
                    problems.append(f"{key}: <{tag}> is not the engine's markup")
                problems += _attribute_problems(tag, attributes, urls=False)
    return problems


def _strings(data: Any, key: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict | list):
        items = data.items() if isinstance(data, dict) else ((key, v) for v in data)
        for name, value in items:
            yield from _strings(value, str(name))


def _attribute_problems(tag: str, attributes: Mapping[str, str | None], urls: bool) -> list[str]:
    problems = []
    for name, value in attributes.items():
        url = name in URL_ATTRIBUTES
        if name.startswith("on") or (url and not urls):
            problems.append(f"<{tag} {name}=…>")
        if url and (value or "").strip().lower().startswith("javascript:"):
            problems.append(f"<{tag} {name}={value!r}>")
    return problems


def risky_tags(page: str) -> Counter[str]:
    return Counter(m.group(1).lower() for m in RISKY_TAG.finditer(page))


def _page_problems(probe: Probe, text: str, reply: Reply, baseline: PageBaseline) -> list[str]:
    error_page = 'class="page page-error"' in reply.text
    usual = baseline.error if error_page else baseline.lesson
    counts = risky_tags(reply.text)
    problems = [f"{n} <{tag}>, usually {usual[tag]}" for tag, n in counts.items() if n > usual[tag]]
    if MARKUP_CHARACTERS & set(text) and text in reply.text:
        problems.append("the input is echoed unescaped")
    found = elements(reply.text if error_page else "".join(ECHOING_FORMS.findall(reply.text)))
    for tag, attributes in found:
        if tag not in baseline.tags | ENGINE_TAGS:
            problems.append(f"an element <{tag}> that no ordinary page has")
        problems += _attribute_problems(tag, attributes, urls=True)
    # Escaped on the way out, unescaped by the parser: the text is back in its box as typed.
    boxes = {attributes.get("value") for tag, attributes in found if tag == "input"}
    if not error_page and probe.echo.isprintable() and probe.echo not in boxes:
        problems.append("the typed text is not in its box as typed")
    return problems


def reference_report() -> Any:
    return json.loads(json.dumps(gradient_report(NORMAL_EXPRESSION, NORMAL_POINT)))


# ----------------------------------------------------------------------------- in process
