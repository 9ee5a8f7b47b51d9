"""The Jinja environment the pages render with, and a helper that returns an HTML response."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.responses import HTMLResponse


class Templates:
    def __init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("steepest.web", "templates"),
            autoescape=select_autoescape(default=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(self.render_text(name, **context), status_code=status_code)

    def render_text(self, name: str, **context: Any) -> str:
        return self.env.get_template(name).render(**context)
