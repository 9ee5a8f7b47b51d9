"""Build the dataclass of each data directive from its YAML body, checking every field.

    ```{widget} best-box          ```{worked-example}          ```{question}
    sheet: 6                      expression: w1^2 + 3w2^2     id: partial-w2
    default: 0.35                 at: {w1: 1, w2: 1}           prompt: For $L = …$, …
    ```                           ```                          options:
                                                                 - id: a
                                                                   text: $6w_2$
                                                                   feedback: …   (optional)
                                                               answer: a
                                                               explanation: Why $6w_2$ …
                                                               check: {derivative_of: …}
                                                               ```

A typed-answer question names what to ask; the engine works out the answer and checks what
the learner types. It gives a claim's `statement` (with an optional `figures` or `relative`
tolerance), or a `kind` that stands for one (partial + `respect`, gradient, gradient_at or
descent + `at`) about a `function`:

    ```{answer}
    id: typed-partial-w2
    prompt: For $L = w_1^2 + 3w_2^2$, type $\\frac{\\partial L}{\\partial w_2}$.
    statement: partial w1^2 + 3w2^2 wrt w2
    explanation: Hold $w_1$ still …
    hints: [Only $w_2$ moves.]
    ```

A question's optional `check` makes every option a claim: `{claim: STATEMENT}`, or
`{derivative_of, variable, equals}` for a partial derivative; `steepest check` has the engine
confirm that the answer option shows its value and that no other option does. Either kind of
question may carry `hints`, one to MAX_HINTS Markdown texts.

Question ids are unique across both kinds of question in a lesson.

Text fields are Markdown with `$math$`. In YAML, quote a value or use a `|` block if it
contains ": " or " #", or starts with a character YAML reserves ({ [ * & ! | > ' " % @ `).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from markdown_it.utils import EnvType

from steepest.engine.answer_kinds import POINT_KINDS, TYPED_KINDS, TypedKind
from steepest.lessons.claims import note_claim
from steepest.lessons.errors import error_at
from steepest.lessons.model import (
    Block,
    Claim,
    Option,
    QuestionBlock,
    TypedQuestionBlock,
    WidgetBlock,
    WorkedExampleBlock,
)
from steepest.lessons.yaml_fields import YamlMapping

_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_VARIABLE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Past this a decimal answer is a typed-in key rather than a rounded value.
MAX_FIGURES = 15
# More would be a worked solution handed out in pieces: that is what the explanation is for.
MAX_HINTS = 5
_RELATIVE = re.compile(r"(?:0?\.\d+|\d+(?:\.\d*)?)(?:[eE]-?\d+)?")


@dataclass(frozen=True)
class DirectiveSource:
    """What a builder gets: the word after `{name}`, the parsed body, and Markdown renderers
    that take the text and the line it came from (for errors in its math)."""

    argument: str
    body: YamlMapping
    line: int
    env: EnvType
    render_inline: Callable[[str, int], str]
    render_block: Callable[[str, int], str]


def build_widget(source: DirectiveSource) -> WidgetBlock:
    if not _NAME.fullmatch(source.argument):
        raise error_at(
            source.env, source.line, "name the widget after the directive: ```{widget} best-box"
        )
    return WidgetBlock(name=source.argument, params=source.body.frozen(), line=source.line)


def build_worked_example(source: DirectiveSource) -> WorkedExampleBlock:
    _no_argument(source, "worked-example")
    body = source.body
    body.reject_unknown({"expression", "at"}, "a worked example")
    point = body.mapping("at")
    values = {}
    for variable in point.fields():
        if not _VARIABLE.fullmatch(variable):
            raise error_at(source.env, point.line_of(variable), f"'{variable}' is not a variable")
        values[variable] = point.text(variable)
    return WorkedExampleBlock(
        expression=body.text("expression"), at=MappingProxyType(values), line=source.line
    )


def build_question(source: DirectiveSource) -> QuestionBlock:
    _no_argument(source, "question")
    body = source.body
    body.reject_unknown(
        {"id", "prompt", "options", "answer", "explanation", "check", "hints"}, "a question"
    )
    question_id = body.text("id")
    if not _NAME.fullmatch(question_id):
        raise error_at(source.env, body.line_of("id"), "a question id looks like 'partial-w2'")
    items = body.mappings("options")
    options = tuple(_option(source, item) for item in items)
    option_ids = [option.id for option in options]
    if len(options) < 2:
        raise error_at(source.env, body.line_of("options"), "a question needs at least 2 options")
    for position, option_id in enumerate(option_ids):
        if option_id in option_ids[:position]:
            raise error_at(source.env, body.line_of("options"), f"option '{option_id}' repeats")
    answer = body.text("answer")
    if answer not in option_ids:
        raise error_at(
            source.env, body.line_of("answer"), f"the answer '{answer}' is not an option id"
        )
    check = body.optional_mapping("check")
    facts = None
    if check is not None:
        facts = _check_facts(source, question_id, check, items, option_ids.index(answer))
    return QuestionBlock(
        id=question_id,
        prompt_html=source.render_inline(body.text("prompt"), body.line_of("prompt")),
        options=options,
        answer=answer,
        explanation_html=source.render_block(body.text("explanation"), body.line_of("explanation")),
        check=facts,
        hints_html=_hints(source),
    )


_DERIVATIVE_FIELDS = ("derivative_of", "variable", "equals")


def build_typed_question(source: DirectiveSource) -> TypedQuestionBlock:
    _no_argument(source, "answer")
    body = source.body
    body.reject_unknown(_TYPED_FIELDS, "a typed question")
    question_id = body.text("id")
    if not _NAME.fullmatch(question_id):
        raise error_at(source.env, body.line_of("id"), "a question id looks like 'partial-w2'")
    statement = body.optional_text("statement")
    by_kind = _KindFields()
    if statement is None:
        by_kind = _asked_by_kind(source)
    elif any(key in body.fields() for key in _KIND_FIELDS):
        raise error_at(
            source.env,
            source.line,
            "a typed question states its answer with 'statement' or with 'kind' and"
            " 'function', not both",
        )
    figures, relative = _tolerance(source)
    return TypedQuestionBlock(
        id=question_id,
        prompt_html=source.render_inline(body.text("prompt"), body.line_of("prompt")),
        explanation_html=source.render_block(body.text("explanation"), body.line_of("explanation")),
        statement=None if statement is None else " ".join(statement.split()),
        kind=by_kind.kind,
        function=by_kind.function,
        respect=by_kind.respect,
        at=by_kind.at,
        figures=figures,
        relative=relative,
        hints_html=_hints(source),
        line=source.line,
    )


_KIND_FIELDS = ("kind", "function", "respect", "at")
_TYPED_FIELDS = {
    "id", "prompt", "statement", *_KIND_FIELDS, "figures", "relative", "explanation", "hints"
}  # fmt: skip


@dataclass(frozen=True)
class _KindFields:
    """What a question that names a kind asks about; all None for a statement's question."""

    kind: TypedKind | None = None
    function: str | None = None
    respect: str | None = None
    at: Mapping[str, str] | None = None


def _asked_by_kind(source: DirectiveSource) -> _KindFields:
    """A question's `kind`, `function` and the `respect` or `at` its kind needs."""
    body = source.body
    if "kind" not in body.fields():
        raise error_at(
            source.env,
            source.line,
            "a typed question needs a 'statement', or a 'kind' and a 'function'",
        )
    kind = next((k for k in TYPED_KINDS if k == body.text("kind")), None)
    if kind is None:
        raise error_at(
            source.env, body.line_of("kind"), f"the kind is one of {', '.join(TYPED_KINDS)}"
        )
    respect = body.optional_text("respect")
    if (kind == "partial") != (respect is not None):
        raise error_at(
            source.env, source.line, "'respect' names the variable of a partial, and only there"
        )
    point = body.optional_mapping("at")
    if (kind in POINT_KINDS) != (point is not None):
        raise error_at(
            source.env, source.line, "'at' is the point of a gradient_at or descent, and only there"
        )
    at = None
    if point is not None:
        for variable in point.fields():
            if not _VARIABLE.fullmatch(variable):
                raise error_at(
                    source.env, point.line_of(variable), f"'{variable}' is not a variable"
                )
        at = MappingProxyType({variable: point.text(variable) for variable in point.fields()})
    return _KindFields(kind, body.text("function"), respect, at)


def _tolerance(source: DirectiveSource) -> tuple[int | None, float | None]:
    """How close a typed number must be: `figures`, or a `relative` tolerance, not both."""
    body = source.body
    figures = body.optional_text("figures")
    if figures is not None and not (figures.isdigit() and 1 <= int(figures) <= MAX_FIGURES):
        raise error_at(
            source.env,
            body.line_of("figures"),
            f"'figures' is a whole number of significant figures, from 1 to {MAX_FIGURES}",
        )
    relative = body.optional_text("relative")
    if relative is None:
        return None if figures is None else int(figures), None
    if figures is not None:
        raise error_at(
            source.env, body.line_of("relative"), "give 'figures' or 'relative', not both"
        )
    fraction = _RELATIVE.fullmatch(relative.strip())
    if fraction is None or not 0 < float(relative) < 1:
        raise error_at(
            source.env,
            body.line_of("relative"),
            "'relative' is a fraction of the value between 0 and 1, such as 0.01",
        )
    return None, float(relative)


def _hints(source: DirectiveSource) -> tuple[str, ...]:
    """A question's hints, each Markdown rendered as a block; revealed one at a time."""
    items = source.body.optional_texts("hints")
    if items is None:
        return ()
    if len(items) > MAX_HINTS:
        raise error_at(
            source.env, source.body.line_of("hints"), f"at most {MAX_HINTS} hints to a question"
        )
    return tuple(source.render_block(text, line) for text, line in items)


DIRECTIVES: Mapping[str, Callable[[DirectiveSource], Block]] = MappingProxyType(
    {
        "widget": build_widget,
        "worked-example": build_worked_example,
        "question": build_question,
        "answer": build_typed_question,
    }
)


def _option(source: DirectiveSource, item: YamlMapping) -> Option:
    item.reject_unknown({"id", "text", "feedback"}, "an option")
    feedback = item.optional_text("feedback")
    return Option(
        id=item.text("id"),
        html=source.render_inline(item.text("text"), item.line_of("text")),
        feedback_html=None
        if feedback is None
        else source.render_inline(feedback, item.line_of("feedback")),
    )


def _check_facts(
    source: DirectiveSource,
    question_id: str,
    check: YamlMapping,
    items: Sequence[YamlMapping],
    answer: int,
) -> Mapping[str, str]:
    """A question's `check` is a claim on every option: the answer option shows the value of
    the check's statement, and no other option does (a distractor that is right after all
    would mark a learner wrong for a right answer). `{claim: STATEMENT}` names any statement;
    `{derivative_of, variable, equals}` a partial derivative, and claims that `equals` is it.
    `steepest check` has the engine confirm each."""
    if "claim" in check.fields():
        check.reject_unknown({"claim"}, "a question's check")
        facts = MappingProxyType({"claim": " ".join(check.text("claim").split())})
        statement = facts["claim"]
    else:
        check.reject_unknown(_DERIVATIVE_FIELDS, "a question's check")
        facts = MappingProxyType({key: check.text(key) for key in _DERIVATIVE_FIELDS})
        statement = f"partial {facts['derivative_of']} wrt {facts['variable']}"
        label = f"the check of question '{question_id}'"
        note_claim(source.env, Claim(check.line_of("equals"), statement, facts["equals"], label))
    for position, item in enumerate(items):
        right = position == answer
        label = f"the answer of question '{question_id}'"
        if not right:
            label = f"option '{item.text('id')}' of question '{question_id}'"
        note_claim(
            source.env, Claim(item.line_of("text"), statement, item.text("text"), label, right)
        )
    return facts


def _no_argument(source: DirectiveSource, name: str) -> None:
    if source.argument:
        raise error_at(source.env, source.line, f"'{{{name}}}' takes nothing after its name")
