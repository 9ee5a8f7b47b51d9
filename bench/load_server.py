"""The server that bench/load.py loads, and how that script starts and stops it.

Run as a script (`python bench/load_server.py PORT STATIC_FOLDER`) it serves the app exactly as
`steepest serve` builds it, with one extra mount, `/load-static`, that serves a folder of plain
files through the same middleware. The load script writes the lesson page's own bytes into that
folder once the server answers (StaticFiles looks files up per request), so "the page" and "the
same bytes as a static file" are measured in one process, behind the same gzip, security-header
and body-limit layers. Other settings come from `STEEPEST_*` variables, as for `steepest serve`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

STATIC_MOUNT = "/load-static"
STATIC_FOLDER_VARIABLE = "STEEPEST_LOAD_STATIC_FOLDER"


@contextmanager
def running_server(
    scratch: Path, ready_path: str, processes: int = 1
) -> Iterator[tuple[int, int, Path]]:
    """This script as a server on a free loopback port, with a throwaway database in `scratch`,
    once `ready_path` answers 200: yields (port, pid, static folder); stops it on exit."""
    static_folder = scratch / "static"
    static_folder.mkdir()
    port = _free_port()
    environment = {
        **os.environ,
        # A throwaway database, so a benchmark never writes into anyone's progress.
        "STEEPEST_DATABASE_URL": f"sqlite:///{scratch}/load.sqlite3",
        "STEEPEST_RATE_LIMIT": "0",  # every simulated learner comes from the same address
        "STEEPEST_WORKERS": "2",
        "STEEPEST_PROCESSES": str(processes),
    }
    command = [sys.executable, __file__, str(port), str(static_folder)]
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{port}{ready_path}", process)
        yield port, process.pid, static_folder
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(url: str, process: subprocess.Popen[bytes], limit_s: float = 60) -> None:
    # Imported here: the compute workers re-import this file (see main), and need no HTTP client.
    import urllib.request

    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the load server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.02)
    raise SystemExit(f"the load server did not answer {url} within {limit_s} s")


def app_with_static() -> Any:
    """The app as `steepest serve` builds it, plus the `/load-static` mount; uvicorn calls this
    in each server process when STEEPEST_PROCESSES asks for several."""
    from starlette.staticfiles import StaticFiles

    from steepest.web.app import create_app
    from steepest.web.settings import Settings

    app = create_app(Settings.from_env())
    folder = os.environ[STATIC_FOLDER_VARIABLE]
    app.mount(STATIC_MOUNT, StaticFiles(directory=folder), name="load-static")
    return app


def main() -> None:
    # Imported here, not at the top: every compute worker re-imports this script as its
    # `__main__`, and should not pay for uvicorn and the web app on each start.
    import secrets

    import uvicorn

    port = int(sys.argv[1])
    os.environ[STATIC_FOLDER_VARIABLE] = sys.argv[2]
    processes = int(os.environ.get("STEEPEST_PROCESSES", "1"))
    options: dict[str, Any] = {"host": "127.0.0.1", "port": port, "log_level": "warning"}
    if processes == 1:
        uvicorn.run(app_with_static(), server_header=False, **options)
        return
    # As `steepest serve --processes N` does: one practice-problem key for all the processes.
    os.environ.setdefault("STEEPEST_SECRET", secrets.token_urlsafe(32))
    uvicorn.run(
        "load_server:app_with_static",
        factory=True,
        app_dir=str(Path(__file__).parent),
        workers=processes,
        server_header=False,
        **options,
    )


if __name__ == "__main__":
    main()
