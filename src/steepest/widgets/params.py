"""Checking the parameters a lesson gives a widget, in the web process, before any worker runs."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from steepest.errors import SteepestError

_DECIMAL = re.compile(r"\d+(\.\d+)?")
SIGNED_DECIMAL = re.compile(r"-?\d+(\.\d+)?")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


class WidgetParamsError(SteepestError, ValueError):
    """The lesson gave a widget a parameter it cannot use."""


def reject_unknown(widget: str, params: Mapping[str, Any], known: Collection[str]) -> None:
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise WidgetParamsError(f"{widget} has no parameter {unknown[0]!r}")


def decimal_texts(widget: str, params: Mapping[str, Any], keys: Collection[str]) -> dict[str, str]:
    """The given `keys` as exact decimal text ("0.35"), so workers read them without rounding."""
    texts = {}
    for key in keys:
        if key in params:
            text = str(params[key]).strip()
            if not _DECIMAL.fullmatch(text):
                raise WidgetParamsError(f"{widget} {key} must be a decimal number, not {text!r}")
            texts[key] = text
    return texts


def point_texts(widget: str, given: Any) -> tuple[tuple[str, str], ...]:
    """A point the lesson gives, {w1: 1, w2: -0.5}, as (name, exact decimal text) pairs; the
    worker checks that the names are the loss's weights."""
    if not isinstance(given, Mapping) or not given:
        raise WidgetParamsError(f"{widget} start must give each weight a number, as in {{w1: 1}}")
    pairs = []
    for name, value in given.items():
        text = str(value).strip()
        if not _NAME.fullmatch(str(name)) or not SIGNED_DECIMAL.fullmatch(text):
            raise WidgetParamsError(f"{widget} start: {name}: {value} is not a name and a number")
        pairs.append((str(name), text))
    return tuple(pairs)


def whole_number(widget: str, key: str, given: Any, most: int) -> int:
    """A count from 1 to `most`; True and 2.5 are not counts."""
    if isinstance(given, bool) or not isinstance(given, int) or not 1 <= given <= most:
        raise WidgetParamsError(f"{widget} {key} must be a whole number from 1 to {most}")
    return given
