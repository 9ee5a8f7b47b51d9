"""Checking the parameters a lesson gives a widget, in the web process, before any worker runs."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from steepest.errors import SteepestError

_DECIMAL = re.compile(r"\d+(\.\d+)?")
SIGNED_DECIMAL = re.compile(r"-?\d+(\.\d+)?")


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
