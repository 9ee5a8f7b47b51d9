"""`steepest serve`: run the app under uvicorn."""

from __future__ import annotations

import uvicorn

from steepest.web.app import create_app
from steepest.web.settings import Settings


def serve(host: str, port: int) -> None:
    """Serve on host:port until interrupted; other settings come from `STEEPEST_*` variables."""
    app = create_app(Settings.from_env(host=host, port=port))
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
