"""The gradient report as JSON: what `steepest grad --json` prints and `POST /api/gradient` answers.

TypedDicts and no SymPy, so that the processes that only pass a report on (the web server, the
command's parent) can name its shape without importing the CAS. `report.gradient_report` and
`steps_json.derivation_to_json` build it; every key is written out here, nested steps included.
"""

from __future__ import annotations

from typing import Literal, TypedDict

JsonNumber = int | float
"""An int when the value is an integer, otherwise the nearest float."""
JsonValue = int | float | str
"""A JsonNumber, or SymPy text where the value holds parameters, whose values are not given."""


class RuleJson(TypedDict):
    """One differentiation rule applied, with the rules it applied inside it."""

    rule: str
    variable: str
    expression: str
    result: str
    frozen: list[str]
    text: str
    formula: str
    mathml: str
    substeps: list[RuleJson]


class ExplainedStepJson(TypedDict):
    """What every derivation step says: a title, a sentence (text and HTML) and a formula."""

    title: str
    text: str
    formula: str
    mathml: str
    html: str


class PartialStepJson(ExplainedStepJson):
    kind: Literal["partial"]
    variable: str
    frozen: list[str]
    result: str
    rules: RuleJson


class StackStepJson(ExplainedStepJson):
    kind: Literal["stack"]
    result: list[str]


class EvaluateStepJson(ExplainedStepJson):
    kind: Literal["evaluate"]
    point: dict[str, JsonNumber]
    value: list[JsonValue]
    exact: list[str]


class DescentStepJson(ExplainedStepJson):
    kind: Literal["descent"]
    direction: list[JsonValue]
    steepest: str | None
    critical: bool


class KinkJson(TypedDict):
    """One partial at a kink: its slope just left and just right of the point, which differ."""

    variable: str
    left: str
    right: str
    functions: list[str]
    """The abs(u) (or sign(u)) whose u is 0 at the point."""


class KinkStepJson(ExplainedStepJson):
    """In place of the evaluate and descent steps where L has no gradient at the point."""

    kind: Literal["kink"]
    point: dict[str, JsonNumber]
    kinks: list[KinkJson]


DerivationStepJson = (
    PartialStepJson | StackStepJson | EvaluateStepJson | DescentStepJson | KinkStepJson
)


class GradientReportJson(TypedDict):
    expression: str
    variables: list[str]
    partials: dict[str, str]
    gradient: list[str]
    at: dict[str, JsonNumber] | None
    gradient_at: dict[str, JsonValue] | None
    """None without a point, and at a kink, where L has no gradient (see `kinks`)."""
    kinks: list[KinkJson]
    steps: list[DerivationStepJson]
