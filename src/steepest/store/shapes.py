"""Reading untrusted JSON values into typed ones, with errors that say where the problem is.

Every reader takes `where` (a path such as `answers["q1"].at`) and the exception class to raise,
so progress documents, attempts and exported files share one set of rules and messages.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import Any

from steepest.store.errors import StoreInputError

# Largest integer a browser's JSON.parse keeps exactly (Number.MAX_SAFE_INTEGER).
MAX_SAFE_INTEGER = 2**53 - 1
# Ids of lessons, sections, widgets, questions and mistakes: letters, digits and a little
# punctuation, so they are safe in a log line, a URL or an HTML attribute.
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]*")
MAX_NAME_LENGTH = 100


def read_object(
    value: object, where: str, error: type[StoreInputError], allowed: Collection[str]
) -> Mapping[str, Any]:
    """A JSON object whose keys are all in `allowed` (missing keys are the caller's business)."""
    if not isinstance(value, Mapping):
        raise error(f"{where} must be a JSON object")
    unknown = sorted(str(key) for key in value if key not in allowed)
    if unknown:
        known = ", ".join(sorted(allowed))
        raise error(f"{where} has an unknown field {unknown[0]!r} (known fields: {known})")
    return value


def read_mapping(
    value: object, where: str, error: type[StoreInputError], limit: int
) -> dict[str, Any]:
    """A JSON object used as a dictionary: keys are names, at most `limit` of them."""
    if not isinstance(value, Mapping):
        raise error(f"{where} must be a JSON object")
    if len(value) > limit:
        raise error(f"{where} has {len(value)} entries; at most {limit} are kept")
    for key in value:
        read_name(key, f"a key of {where}", error)
    return dict(value)


def read_list(value: object, where: str, error: type[StoreInputError], limit: int) -> list[Any]:
    if not isinstance(value, list):
        raise error(f"{where} must be a JSON array")
    if len(value) > limit:
        raise error(f"{where} has {len(value)} items; at most {limit} are accepted")
    return value


def read_name(value: object, where: str, error: type[StoreInputError]) -> str:
    if not isinstance(value, str):
        raise error(f"{where} must be a string")
    if len(value) > MAX_NAME_LENGTH:
        raise error(f"{where} is longer than {MAX_NAME_LENGTH} characters")
    if not NAME_PATTERN.fullmatch(value):
        raise error(f"{where} ({value!r}) may hold only letters, digits and _ . : -")
    return value


def read_text(value: object, where: str, error: type[StoreInputError], limit: int) -> str:
    if not isinstance(value, str):
        raise error(f"{where} must be a string")
    if len(value) > limit:
        raise error(f"{where} is longer than {limit} characters")
    if "\x00" in value:
        # PostgreSQL text cannot hold NUL; refuse it on every database alike.
        raise error(f"{where} contains a NUL character")
    return value


def read_integer(
    value: object, where: str, error: type[StoreInputError], low: int, high: int
) -> int:
    # bool is an int in Python but `true` is not a number in JSON.
    if not isinstance(value, int) or isinstance(value, bool):
        raise error(f"{where} must be a whole number")
    if not low <= value <= high:
        raise error(f"{where} must be between {low} and {high}")
    return value


def read_bool(value: object, where: str, error: type[StoreInputError]) -> bool:
    if not isinstance(value, bool):
        raise error(f"{where} must be true or false")
    return value


def require(data: Mapping[str, Any], key: str, where: str, error: type[StoreInputError]) -> Any:
    if key not in data:
        raise error(f"{where} is missing the field {key!r}")
    return data[key]
