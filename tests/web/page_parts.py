"""Pulling pieces out of rendered HTML for assertions, with the standard library's parser."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from typing import Any

SLUG = "partial-derivatives-and-the-gradient"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self._script_text = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def elements(html: str, tag: str | None = None) -> list[tuple[str, dict[str, str | None]]]:
    return [(t, a) for t, a in parse(html).elements if tag is None or t == tag]


def ids_in_order(html: str, tag: str) -> list[str]:
    return [a["id"] or "" for t, a in elements(html, tag) if a.get("id")]


def widget_specs(html: str) -> list[dict[str, Any]]:
    """The JSON spec blocks of every widget, in page order."""
    return [
        json.loads(text)
        for attrs, text in parse(html).scripts
        if attrs.get("type") == "application/json" and "data-spec" in attrs
    ]


def section_html(html: str, section_id: str) -> str:
    start = html.index(f'<section id="{section_id}"')
    return html[start : html.index("</section>", start)]
