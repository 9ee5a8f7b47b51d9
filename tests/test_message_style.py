"""Every message a learner can read follows the house style: the column named once (by the page,
from the `column` field), no verdict word repeated under the verdict's head ("✗ Not quite."
then "Not quite: …"), no Python syntax, ln not log, and Greek glyphs, not their names.

The messages come from three places: rendered by the engine with sample values (the parser's
errors for the corpora's unreadable answers, the mistakes of every practice problem with the
hints they carry), the string literals of the raise and verdict calls in the Python source
(engine and web), and the prose strings of the pages' scripts.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from answer_corpus import read_corpus
from steepest.compute.tasks.answers import equivalence
from steepest.compute.tasks.messages import EquivalenceQuery
from steepest.engine.errors import EngineError
from steepest.engine.mistakes.catalogue import component_mistakes, likely_mistakes
from steepest.engine.mistakes.diagnosis import diagnose
from steepest.engine.notation.printing import to_text
from steepest.engine.problems.generator import generate_problem
from steepest.engine.problems.problem import CLASSIFICATIONS, Problem
from steepest.engine.problems.topics import TOPICS
from steepest.errors import SteepestError

SOURCE = Path(__file__).parents[1] / "src" / "steepest"
SCRIPTS = SOURCE / "web" / "static" / "js"

# Each rule: what it catches, and why it is wrong for a learner.
RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # "(column 3 of the point …)" is another matter: a column in some other text, read away from it.
    (re.compile(r"\bat column\b|\(column [^)\s]*\)"), "names the column: the page does, once"),
    (re.compile(r"^\W*Not quite\b"), "repeats the verdict's head"),
    (re.compile(r"\*\*|\bmath\.|\bnp\.|\blambda\s*\w*:"), "Python syntax"),
    (re.compile(r"\blog\b(?! scale)"), "log: the lessons write ln"),
    (re.compile(r"\b(lambda|eta)\b"), "a Greek letter by name: the lessons show λ, η"),
)


def style_faults(message: str, *, head: bool = False) -> list[str]:
    """Why `message` breaks the house style; empty when it does not. A verdict's `head` is the
    one text that may say "Not quite"; what to type, in backticks (`parameters: [eta]`), may
    spell a name out."""
    rules = RULES[:1] + RULES[2:] if head else RULES
    words = re.sub(r"`[^`]*`", "`…`", message)
    return [why for pattern, why in rules if pattern.search(words)]


def test_the_rules_catch_what_the_issue_found() -> None:
    assert style_faults("unexpected 'x' at column 7")
    assert style_faults("Not quite: none of the components is right.")
    assert style_faults("the slope is 2*w**2")
    assert style_faults("log(x) is undefined at 0")
    assert style_faults("lambda must be positive")
    assert not style_faults("The second component is not right; the first is: ln(w) and η.")
    assert not style_faults("declare a rate such as η with `parameters: [eta]`")
    assert not style_faults("the 2 is not a name (column 3 of the point 'w1 = 1, 2')")


# -- rendered by the engine ------------------------------------------------------------------


def _verdict_messages() -> Iterator[str]:
    """The verdict's message on every answer of the notation corpus (η and λ among its names),
    and the parser's on every answer the other corpora call unreadable."""
    for name in ("notation", "equivalence", "adversarial"):
        for row in read_corpus(name):
            if row.verdict != "invalid" and name != "notation":
                continue
            query = EquivalenceQuery(
                row.expected, row.answer, row.variables, row.domain, parameters=row.parameters
            )
            try:
                yield str(equivalence(query)["message"])
            except EngineError as error:
                yield error.message


def test_the_verdicts_and_the_parsers_messages_follow_the_house_style() -> None:
    messages = set(_verdict_messages())
    assert len(messages) >= 30
    faults = {m: style_faults(m) for m in messages if style_faults(m)}
    assert not faults


def _texts(value: object) -> Iterator[str]:
    """Every string field of a mistake: its message, and any hint it carries."""
    assert dataclasses.is_dataclass(value)
    for field in dataclasses.fields(value):
        held = getattr(value, field.name)
        if isinstance(held, str) and field.name != "code":
            yield held
        elif isinstance(held, tuple) and all(isinstance(h, str) for h in held):
            yield from held


def _wrong_answers(problem: Problem) -> list[str]:
    """Answers no mistake explains: every component off by one, and only the first."""
    size = len(problem.expected)
    answers = []
    for off in ([1] * size, [1] + [0] * (size - 1)):
        parts = [to_text(e + d) for e, d in zip(problem.expected, off, strict=True)]
        if problem.is_matrix:
            columns = len(problem.variables)
            rows = [", ".join(parts[i : i + columns]) for i in range(0, size, columns)]
            answers.append(f"[{'; '.join(rows)}]")
        else:
            answers.append(f"({', '.join(parts)})" if size > 1 else parts[0])
    return answers


def _mistake_messages(topic: str) -> Iterator[str]:
    """The messages of every mistake a topic's problems invite, for a few seeds per level."""
    for kind in TOPICS[topic].kinds:
        for level in (1, 2, 3):
            for seed in range(3):
                problem = generate_problem(topic, level, kind, seed)
                if problem.kind == "critical_point":
                    for choice in CLASSIFICATIONS:
                        yield diagnose(problem, choice).message
                    continue
                for wrong in _wrong_answers(problem):
                    yield diagnose(problem, wrong).message
                for mistake in likely_mistakes(problem):
                    yield from _texts(mistake)
                for index in range(len(problem.expected)):
                    for mistake in component_mistakes(problem, index):
                        yield from _texts(mistake)


@pytest.mark.parametrize("topic", TOPICS)
def test_the_mistakes_messages_follow_the_house_style(topic: str) -> None:
    messages = set(_mistake_messages(topic))
    assert messages
    faults = {m: style_faults(m) for m in messages if style_faults(m)}
    assert not faults


# -- the Python source -----------------------------------------------------------------------

_MESSAGE_CALLS = re.compile(r"(Error|Exceeded|Verdict|Feedback|Judgement|Mistake|Hint)$")


def _refusals() -> set[str]:
    """Every error class whose message a learner may read: SteepestError's, all layers loaded."""
    importlib.import_module("steepest.web.app")
    found, waiting = set(), [SteepestError]
    while waiting:
        for subclass in waiting.pop().__subclasses__():
            found.add(subclass.__name__)
            waiting.append(subclass)
    return found


_REFUSALS = _refusals()


def _literal(node: ast.expr) -> str | None:
    """A string argument as written, each interpolated value shown as '…'."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_literal(part) or "…" for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left), _literal(node.right)
        return None if left is None and right is None else f"{left or '…'}{right or '…'}"
    return None


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def source_messages(path: Path) -> list[str]:
    """The string literals passed to errors, verdicts, feedback and mistakes in one file, and
    those functions return (a message put together in a helper)."""
    written: list[ast.expr] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and (
            _MESSAGE_CALLS.search(_called_name(node)) or _called_name(node) in _REFUSALS
        ):
            written.extend([*node.args, *(k.value for k in node.keywords)])
        elif isinstance(node, ast.Return) and node.value is not None:
            value = node.value
            written.extend([value.body, value.orelse] if isinstance(value, ast.IfExp) else [value])
    texts = [_literal(node) for node in written]
    return [text for text in texts if text is not None and " " in text]


def _source_files() -> list[object]:
    files = sorted(
        path
        for folder in ("engine", "compute", "web/schemas", "web/views", "web/course", "web/http")
        for path in (SOURCE / folder).rglob("*.py")
    )
    return [pytest.param(path, id=path.relative_to(SOURCE).as_posix()) for path in files]


@pytest.mark.parametrize("path", _source_files())
def test_the_messages_written_in_the_source_follow_the_house_style(path: Path) -> None:
    faults = {m: style_faults(m) for m in source_messages(path) if style_faults(m)}
    assert not faults


def test_the_source_scan_finds_the_messages() -> None:
    assert {"UnknownQuestion", "MathSyntaxError", "ProblemTokenError"} <= _REFUSALS
    found = source_messages(SOURCE / "engine" / "notation" / "parser.py")
    assert "unmatched ')'" in found
    assert "…: expected an operator" not in found  # a call's own argument, not an f-string's
    assert any(m.startswith("after …^ only a whole number may follow") for m in found)
    returned = source_messages(SOURCE / "engine" / "answers" / "vectors.py")
    assert "None of the components is right." in returned


# -- the pages' scripts ----------------------------------------------------------------------

# A quoted string or a template literal; prose is what has a space between two words.
_JS_STRING = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`")
_PROSE = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")
# The one place the column is put into words (error-line.js, `withColumn`).
_COLUMN_IN_WORDS = "`${message} (column ${column})`"


def script_strings(path: Path) -> list[str]:
    """The prose strings of a script, without its comments."""
    code = re.sub(r"^\s*//.*$", "", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    strings = [m.group(0) for m in _JS_STRING.finditer(code)]
    return [s for s in strings if _PROSE.search(s) and s != _COLUMN_IN_WORDS]


@pytest.mark.parametrize(
    "path", sorted(SCRIPTS.rglob("*.js")), ids=lambda p: p.relative_to(SCRIPTS).as_posix()
)
def test_the_scripts_words_follow_the_house_style(path: Path) -> None:
    # A script's strings hold the verdicts' heads (answer-box.js), so the head rule is off.
    faults = {s: style_faults(s.strip("\"'`"), head=True) for s in script_strings(path)}
    assert not {s: why for s, why in faults.items() if why}


def test_the_column_is_put_into_words_in_one_place() -> None:
    holders = [p.name for p in sorted(SCRIPTS.rglob("*.js")) if "(column ${" in p.read_text()]
    assert holders == ["error-line.js"]
