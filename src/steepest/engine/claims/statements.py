"""The statements a lesson's claims make, read by hand from a tiny grammar.

    value EXPR at POINT                  a number: EXPR at the point
    value (EXPR, EXPR, …) at POINT       a vector: each EXPR at the point
    slope EXPR wrt VAR at POINT          a number: ∂EXPR/∂VAR at the point
    partial EXPR wrt VAR                 an expression: ∂EXPR/∂VAR
    gradient EXPR [at POINT]             a vector: ∇EXPR (numbers at a point, else expressions)
    descent EXPR at POINT                a vector: −∇EXPR at the point
    max EXPR for VAR in [A, B]           a number: the largest value on the closed interval
    argmax EXPR for VAR in [A, B]        a number: where that value is reached
    min, argmin                          the same for the smallest value
    position EXPR from POINT after K steps at rate R
                                         a vector: where K steps of w ← w − R∇EXPR lead
    factors EXPR at rate R               what one step at rate R multiplies each weight's (or
                                         eigen-direction's) distance to the minimum of a
                                         quadratic EXPR by: 1 − Rλ
    factor EXPR wrt VAR at rate R        the one factor of the weight VAR
    stable rate EXPR                     a set: the rates at which every step on a quadratic
                                         EXPR shrinks every distance, 0 < η < 2/λmax
    best rate EXPR                       a number: the rate 2/(λmin + λmax) that makes the
                                         largest factor |1 − ηλ| on a quadratic EXPR smallest
    where EXPR < EXPR                    a set: the values of the one unknown where it holds
                                         (also <=, >, >=, ≤, ≥)
    hessian EXPR [at POINT]              a matrix: the second partials
    hessian EXPR wrt VAR, VAR [at POINT] one of them
    eigenvalues EXPR [at POINT]          the Hessian's eigenvalues, shown in any order
    condition EXPR [at POINT]            a number: λmax/λmin of a positive-definite Hessian
    momentum EXPR from POINT after K steps at rate R with beta = B
                                         a vector: where K heavy-ball steps lead (optimizers.py
                                         in claims/ has the rules); also nesterov, adagrad,
                                         rmsprop and adam, whose settings have defaults
    sgd EXPR from POINT after K steps at rate R with seed = S, examples = N, batch = B,
        slope = A, intercept = C, noise = σ
                                         a vector: minibatch SGD on a seeded data set, EXPR the
                                         loss of one example (x, y) (claims/stochastic.py)
    tuned momentum EXPR                  (η*, β*): Polyak's best heavy ball for a quadratic
    tuned beta EXPR, tuned factor EXPR   β* alone; the rate (√κ − 1)/(√κ + 1) it settles at
    schedule cosine R at step T with total = N
                                         a number: the scheduled rate at step T; also decay,
                                         warmup and one-cycle
    newton EXPR from POINT [after K steps]
                                         a vector: where K Newton steps, w ← w − H⁻¹∇EXPR,
                                         lead (one step when `after` is left out)

POINT lists every variable once, as in `w1 = 1, w2 = -2`; it is read by the one point reader
(notation/point_text.py), as `steepest grad --at` and the browser read theirs. A gradient's
components come in the order the point names them. EXPR and the numbers are the engine's own
typed math (`x(6 - 2x)^2`, `1/2`, `0.35`); they are parsed later, by `parse`, never evaluated as
code. R is a number or made of the lesson's declared parameters (`eta`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast

from steepest.engine.answers.vectors import read_vector_text
from steepest.engine.errors import MathSyntaxError, PointSyntaxError, VariableError
from steepest.engine.notation.point_text import naming_the_point, read_point_text
from steepest.engine.notation.symbols import canonical_variable_name

ClaimKind = Literal[
    "value", "slope", "partial", "gradient", "descent", "max", "min", "argmax", "argmin",
    "position", "factors", "factor", "stable", "best", "where", "hessian", "eigenvalues",
    "condition", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "tuned", "schedule", "sgd",
    "newton",
]  # fmt: skip

_FORMS = {
    "value": re.compile(r"value\s+(?P<function>.+)\s+at\s+(?P<point>.+)"),
    "slope": re.compile(r"slope\s+(?P<function>.+)\s+wrt\s+(?P<variable>\S+)\s+at\s+(?P<point>.+)"),
    "partial": re.compile(r"partial\s+(?P<function>.+)\s+wrt\s+(?P<variable>\S+)"),
    "gradient": re.compile(r"gradient\s+(?P<function>.+?)(?:\s+at\s+(?P<point>[^\s].*))?"),
    "descent": re.compile(r"descent\s+(?P<function>.+)\s+at\s+(?P<point>.+)"),
    **{
        kind: re.compile(
            kind + r"\s+(?P<function>.+)\s+for\s+(?P<variable>\S+)\s+in\s+"
            r"\[(?P<low>[^,\]]+),(?P<high>[^,\]]+)\]"
        )
        for kind in ("max", "min", "argmax", "argmin")
    },
    "position": re.compile(
        r"position\s+(?P<function>.+)\s+from\s+(?P<point>.+)\s+after\s+(?P<steps>\d+)\s+steps?"
        r"\s+at\s+rate\s+(?P<rate>.+)"
    ),
    "factors": re.compile(r"factors\s+(?P<function>.+)\s+at\s+rate\s+(?P<rate>.+)"),
    "factor": re.compile(
        r"factor\s+(?P<function>.+)\s+wrt\s+(?P<variable>\S+)\s+at\s+rate\s+(?P<rate>.+)"
    ),
    "stable": re.compile(r"stable\s+rate\s+(?P<function>.+)"),
    "best": re.compile(r"best\s+rate\s+(?P<function>.+)"),
    "where": re.compile(r"where\s+(?P<function>.+)"),
    "hessian": re.compile(
        r"hessian\s+(?P<function>.+?)(?:\s+wrt\s+(?P<variable>[^\s,]+)\s*,\s*(?P<second>\S+))?"
        r"(?:\s+at\s+(?P<point>[^\s].*))?"
    ),
    **{
        kind: re.compile(kind + r"\s+(?P<function>.+?)(?:\s+at\s+(?P<point>[^\s].*))?")
        for kind in ("eigenvalues", "condition")
    },
    **{
        kind: re.compile(
            kind + r"\s+(?P<function>.+)\s+from\s+(?P<point>.+)\s+after\s+(?P<steps>\d+)\s+steps?"
            r"\s+at\s+rate\s+(?P<rate>.+?)(?:\s+with\s+(?P<settings>.+))?"
        )
        for kind in ("momentum", "nesterov", "adagrad", "rmsprop", "adam", "sgd")
    },
    "tuned": re.compile(r"tuned\s+(?P<variant>momentum|beta|factor)\s+(?P<function>.+)"),
    "schedule": re.compile(
        r"schedule\s+(?P<variant>decay|cosine|warmup|one-cycle)\s+(?P<function>.+?)"
        r"\s+at\s+step\s+(?P<steps>\d+)(?:\s+with\s+(?P<settings>.+))?"
    ),
    "newton": re.compile(
        r"newton\s+(?P<function>.+)\s+from\s+(?P<point>.+?)(?:\s+after\s+(?P<steps>\d+)\s+steps?)?"
    ),
}
# The relations a `where` statement may state, longest spelling first.
_RELATIONS = {"<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "<": "<", ">": ">"}
_RELATION = re.compile("|".join(re.escape(r) for r in _RELATIONS))
_EXAMPLES = (
    "'value EXPR at x = 1', 'slope EXPR wrt x at x = 1', 'partial EXPR wrt w1', "
    "'gradient EXPR at w1 = 1, w2 = 1', 'descent EXPR at …', 'max EXPR for x in [0, 3]', "
    "'argmax …', 'min …', 'argmin …', 'position EXPR from w1 = 1 after 2 steps at rate 0.1', "
    "'factors EXPR at rate eta', 'factor EXPR wrt w2 at rate eta', 'stable rate EXPR', "
    "'best rate EXPR', 'where abs(1 - 6eta) < 1', 'hessian EXPR', 'eigenvalues EXPR', "
    "'condition EXPR', 'momentum EXPR from w1 = 1 after 2 steps at rate 0.1 with beta = 0.9'"
    " (or nesterov, adagrad, rmsprop, adam, sgd), 'tuned momentum EXPR', "
    "'schedule cosine 0.1 at step 5 with total = 10', "
    "'newton EXPR from w1 = 1, w2 = 1'"
)


@dataclass(frozen=True)
class Statement:
    """One claim's statement, split into its parts; the texts are still unparsed."""

    kind: ClaimKind
    function: str
    variable: str | None = None
    point: tuple[tuple[str, str], ...] | None = None
    """(name, value) pairs in the order written."""
    interval: tuple[str, str] | None = None
    components: tuple[str, ...] | None = None
    """A vector value's expressions, `(EXPR, EXPR)`; `function` then holds the whole text."""
    second: str | None = None
    """The other variable of a Hessian entry, ∂²EXPR/∂VAR∂SECOND."""
    steps: int | None = None
    rate: str | None = None
    relation: str | None = None
    """A `where` statement's relation, `<`, `<=`, `>` or `>=`, between `function` and `bound`."""
    bound: str | None = None
    variant: str | None = None
    """The word that picks what a `tuned` or `schedule` statement finds: `beta`, `cosine`."""
    settings: tuple[tuple[str, str], ...] = ()
    """An optimizer's or a schedule's `with NAME = VALUE, …`: (name, value) pairs as written."""


def read_statement(text: str) -> Statement:
    """Split a claim's statement into its parts, or raise MathSyntaxError saying what is allowed."""
    words = " ".join(text.split())
    kind = words.split(" ", 1)[0]
    form = _FORMS.get(kind)
    found = form.fullmatch(words) if form else None
    if found is None:
        raise MathSyntaxError(f"cannot read the claim {words!r}: write one of {_EXAMPLES}")
    parts = found.groupdict()
    variable, second = (_variable_name(parts.get(key)) for key in ("variable", "second"))
    point = None if parts.get("point") is None else _read_point(parts["point"])
    interval = None
    if parts.get("low") is not None:
        interval = (parts["low"].strip(), parts["high"].strip())
    function = parts["function"].strip()
    relation = bound = None
    if kind == "where":
        function, relation, bound = _inequality(function)
    return Statement(
        cast(ClaimKind, kind),
        function,
        variable,
        point,
        interval,
        components=_components(function) if kind == "value" else None,
        second=second,
        steps=_steps(kind, parts.get("steps")),
        rate=None if parts.get("rate") is None else parts["rate"].strip(),
        relation=relation,
        bound=bound,
        variant=parts.get("variant"),
        settings=() if parts.get("settings") is None else _read_settings(parts["settings"]),
    )


def _steps(kind: str, text: str | None) -> int | None:
    if text is not None:
        return int(text)
    # Newton's method is claimed one step at a time unless the statement says more.
    return 1 if kind == "newton" else None


def _variable_name(text: str | None) -> str | None:
    if text is None:
        return None
    # Read as declared variables are everywhere: `η`, `eta` and `w_1` are names too.
    try:
        return canonical_variable_name(text)
    except VariableError as error:
        raise MathSyntaxError(str(error)) from None


def _components(function: str) -> tuple[str, ...] | None:
    """The expressions of `(EXPR, EXPR, …)`, or None for a single expression."""
    vector = read_vector_text(function)
    if len(vector.components) < 2 or vector.factor is not None:
        return None
    return tuple(text.strip() for text, _offset in vector.components)


def _inequality(text: str) -> tuple[str, str, str]:
    """`abs(1 - 6eta) < 1` → ("abs(1 - 6eta)", "<", "1")."""
    relations = list(_RELATION.finditer(text))
    if len(relations) != 1:
        raise MathSyntaxError(
            f"cannot read the claim 'where {text}': write one inequality, such as"
            " 'where abs(1 - 6eta) < 1', with one of <, <=, >, >="
        )
    found = relations[0]
    left, right = text[: found.start()].strip(), text[found.end() :].strip()
    if not left or not right:
        raise MathSyntaxError(f"cannot read the claim 'where {text}': a side is missing")
    return left, _RELATIONS[found.group()], right


def _read_settings(text: str) -> tuple[tuple[str, str], ...]:
    """`beta = 0.9, eps = 10^-8`: name = value pairs, as a point is written."""
    try:
        settings = read_point_text(text)
    except PointSyntaxError as error:
        raise MathSyntaxError(f"{error.message} (column {error.column} of {text!r})") from None
    assert settings is not None  # the form matches only non-blank text after `with`
    return tuple(settings.items())


def _read_point(text: str) -> tuple[tuple[str, str], ...]:
    try:
        point = read_point_text(text)
    except PointSyntaxError as error:
        # The check reports the whole claim; the column is the point's, so say which point.
        raise naming_the_point(error, text) from None
    assert point is not None  # every form that has a point matches only non-blank text
    return tuple(point.items())
