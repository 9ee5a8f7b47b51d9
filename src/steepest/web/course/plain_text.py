"""HTML fragments, MathML included, as plain text: for accessible names that must be strings."""

from __future__ import annotations

from html.parser import HTMLParser


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._in_operator = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_operator = tag == "mo"

    def handle_endtag(self, tag: str) -> None:
        self._in_operator = False

    def handle_data(self, data: str) -> None:
        # Operators get spaces around them, as a reader would say "6w2 + 2w1".
        self.parts.append(f" {data.strip()} " if self._in_operator and data.strip() else data)


def plain_text(html: str) -> str:
    """The words and symbols of an HTML fragment, MathML included, without markup."""
    reader = _TextOf()
    reader.feed(html)
    text = " ".join("".join(reader.parts).split())
    return text.replace(" ,", ",").replace("( ", "(").replace(" )", ")")
