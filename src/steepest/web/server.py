"""`steepest serve`: run the app under uvicorn."""

from __future__ import annotations

import uvicorn

from steepest.web.app import create_app
from steepest.web.settings import Settings


def serve(host: str | None = None, port: int | None = None, database: str | None = None) -> None:
    """Serve until interrupted. Settings come from `STEEPEST_*` variables; each argument given
    (a command-line option) beats its variable."""
    given = {"host": host, "port": port, "database": database}
    settings = Settings.from_env(None, **{k: v for k, v in given.items() if v is not None})
    app = create_app(settings)
    # uvicorn believes X-Forwarded-For/-Proto from the addresses in FORWARDED_ALLOW_IPS
    # (127.0.0.1 unless set), so behind a local proxy the client address is the learner's.
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info", server_header=False)
