"""The bounded pieces requests are made of: every list and mapping a request may carry, and the
variable names in them, has a largest size, taken from the engine's limits (`engine/limits.py`).

FastAPI refuses anything larger with a 422 before a worker sees it, and the OpenAPI document
states each bound (maxItems, maxProperties, maxLength). The engine still checks its limits
itself, for the command line and `steepest check` and in case a schema forgets one:
`tests/web/test_request_bounds.py` checks that every request schema bounds its lists and
mappings. Texts inside them are bounded by the body limit, and read by the engine under its own.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Discriminator, Field, StrictFloat, StrictInt, StrictStr, StringConstraints, Tag

from steepest.engine.limits import DEFAULT_LIMITS, MAX_LEVEL_LINES

MAX_TEXT = DEFAULT_LIMITS.max_length
MAX_VARIABLES = DEFAULT_LIMITS.max_variables

VariableName = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
Variables = Annotated[list[VariableName], Field(max_length=MAX_VARIABLES)]
# Constants a text may hold (η, λ, lr): read whole, never differentiated or asked for at a point.
# With the variables, at most MAX_VARIABLES names in all; the engine says so when there are more.
Parameters = Annotated[
    list[VariableName],
    Field(
        max_length=MAX_VARIABLES,
        description="Constants the text may hold, such as eta or lr: read as one name each,"
        " never differentiated, and not given at a point",
    ),
]

# Text values ("1/2", "pi") are read exactly by the engine; JSON numbers are taken as they are.
# Their size is the engine's to bound (a text's length, an integer's digits), with its words.
Coordinate = StrictInt | StrictFloat | StrictStr
Point = Annotated[dict[VariableName, Coordinate], Field(max_length=MAX_VARIABLES)]

Number = StrictInt | StrictFloat


def _levels_kind(value: object) -> str:
    return "values" if isinstance(value, list) else "count"


# How many level lines, or which: tagged, so that a refusal names the form that was sent rather
# than first saying that a list is not an integer. The engine bounds the count (with its words).
Levels = Annotated[
    Annotated[
        StrictInt,
        Tag("count"),
        Field(json_schema_extra={"minimum": 1, "maximum": MAX_LEVEL_LINES}),
    ]
    | Annotated[list[Number], Tag("values"), Field(min_length=1, max_length=MAX_LEVEL_LINES)],
    Discriminator(_levels_kind),
]
