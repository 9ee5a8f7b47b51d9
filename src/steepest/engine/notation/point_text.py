"""A point typed as text, such as `w1 = 1, w2 = 1/2`, read into its names and value texts.

The one reader for every place a point is typed: `steepest grad --at`, the box under a worked
example, and a lesson's claims (`value EXPR at w1 = 1, w2 = -2`). Values stay text, because the
engine reads `0.35` and `1/2` exactly (calculus/points.py) where a float would not. Nothing here
needs SymPy, so the web process reads a point without loading it.

The browser has a twin, web/static/js/point-text.js, for its live check; both are held to the
cases in tests/fixtures/points.json. Columns are 1-based and count characters (code points).
"""

from __future__ import annotations

import re

from steepest.engine.errors import LimitExceeded, PointSyntaxError
from steepest.engine.limits import DEFAULT_LIMITS
from steepest.engine.notation.spaces import SPACES

# What is a name by its spelling; which names are variables of the function is the engine's call,
# which also reads `θ` as theta and `w₁` as w1 (symbols.canonical_variable_name). The Greek
# glyphs are those of notation/vocabulary.py, written out because this module loads no tables.
_NAME = re.compile(r"[A-Za-zα-ωϑϕϵϱϰµ][A-Za-z0-9_₀-₉α-ωϑϕϵϱϰµ]*")
# `w_1` and `w1` are one variable (symbols.canonical_variable_name), so giving both is twice.
_INDEX_UNDERSCORE = re.compile(r"_(?=[0-9]+$)")

_PAIRS = "write the point as name=value pairs, like w1=1, w2=2"
_NAME_RULE = (
    "a variable name is a letter with optional digits (w1, x_2) or a Greek letter (theta, θ)"
)


def read_point_text(text: str) -> dict[str, str] | None:
    """`"w1=1, w2 = 1/2"` → {"w1": "1", "w2": "1/2"} in the order written; blank text is no point.

    Raises PointSyntaxError with the column of the mistake, or LimitExceeded for a long text.
    """
    # The bound of one typed expression: the browser's twin knows it as the number 500.
    if len(text) > DEFAULT_LIMITS.max_length:
        raise LimitExceeded(f"the point is longer than {DEFAULT_LIMITS.max_length} characters")
    if not text.strip(SPACES):
        return None
    point: dict[str, str] = {}
    spellings: set[str] = set()
    offset = 0  # where the current item starts, 0-based
    for index, item in enumerate(text.split(",")):
        if not item.strip(SPACES):
            raise _extra_comma(index, offset, len(item))
        name, value = _read_pair(item, offset)
        spelling = _INDEX_UNDERSCORE.sub("", name)
        if spelling in spellings:
            raise PointSyntaxError(f"{name} is given twice", offset + _indent(item) + 1)
        spellings.add(spelling)
        point[name] = value
        offset += len(item) + 1
    return point


def naming_the_point(error: PointSyntaxError, text: str) -> PointSyntaxError:
    """The same mistake, saying which point it is in: for a message read away from the typed text
    (a terminal, a lesson check), where a bare column could be taken for the expression's."""
    return PointSyntaxError(f"{error.message} (column {error.column} of the point {text!r})")


def _read_pair(item: str, offset: int) -> tuple[str, str]:
    column = offset + _indent(item) + 1
    equals = item.find("=")
    if equals < 0:
        raise PointSyntaxError(_PAIRS, column)
    name = item[:equals].strip(SPACES)
    if not name:
        raise PointSyntaxError("each pair needs a variable name before '='", column)
    if not _NAME.fullmatch(name):
        raise PointSyntaxError(_NAME_RULE, column)
    second = item.find("=", equals + 1)
    if second >= 0:
        # Most often a forgotten comma: `w1=1 w2=2`.
        raise PointSyntaxError(
            "a pair has one '=': put a comma between pairs, like w1=1, w2=2", offset + second + 1
        )
    value = item[equals + 1 :].strip(SPACES)
    if not value:
        raise PointSyntaxError(f"{name} needs a value after '='", offset + equals + 2)
    return name, value


def _extra_comma(index: int, offset: int, length: int) -> PointSyntaxError:
    # An empty item sits beside a comma that has nothing to separate: point at that comma.
    if index == 0:
        return PointSyntaxError("a ',' with no pair before it", offset + length + 1)
    return PointSyntaxError("a ',' with no pair after it", offset)


def _indent(item: str) -> int:
    return len(item) - len(item.lstrip(SPACES))
