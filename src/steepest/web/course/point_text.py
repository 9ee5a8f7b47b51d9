"""The point a learner types next to their own loss, such as `w1=1, w2=1/2`, read into a mapping.

Values stay text: the engine reads `1/2` or `0.35` exactly, while a float would not. The browser
has a twin of this reader in `static/js/point-text.js` so both paths report the same columns.
"""

from __future__ import annotations

import re

from steepest.web.http.errors import PointSyntaxError

_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def read_point_text(text: str) -> dict[str, str] | None:
    """`"w1=1, w2=2"` → {"w1": "1", "w2": "2"}; blank text means no point at all."""
    if not text.strip():
        return None
    point: dict[str, str] = {}
    offset = 0
    for item in text.split(","):
        column = offset + len(item) - len(item.lstrip()) + 1
        name, sep, value = item.partition("=")
        if not sep:
            raise PointSyntaxError("write the point as name=value pairs, like w1=1, w2=2", column)
        if not _NAME.fullmatch(name.strip()):
            raise PointSyntaxError("each pair needs a variable name before '='", column)
        if not value.strip():
            raise PointSyntaxError(
                f"{name.strip()} needs a value after '='", offset + len(name) + 2
            )
        if name.strip() in point:
            raise PointSyntaxError(f"{name.strip()} is given twice", column)
        point[name.strip()] = value.strip()
        offset += len(item) + 1
    return point
