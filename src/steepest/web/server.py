"""`steepest serve`: run the app under uvicorn."""

from __future__ import annotations

from dataclasses import replace

import uvicorn

from steepest.web.app import create_app
from steepest.web.settings import Settings


def serve(host: str, port: int, database: str | None = None) -> None:
    """Serve on host:port until interrupted; other settings come from `STEEPEST_*` variables.
    `database`, when given, beats STEEPEST_DATABASE_URL."""
    settings = Settings.from_env(None, host=host, port=port)
    if database is not None:
        settings = replace(settings, database=database)
    app = create_app(settings)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
