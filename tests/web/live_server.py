"""A real `steepest serve` in a subprocess, for tests that must go through HTTP and the process
boundary: killing the server, restarting it on the same database.

The server runs in a session (and so a process group) of its own, so `LiveServer.kill()` can
SIGKILL it together with its compute workers and their forkserver, as a crash or the OOM killer
would, without touching the test process.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STEEPEST = Path(sys.executable).with_name("steepest")


class ServerDidNotStart(RuntimeError):
    """`steepest serve` exited, or did not answer in time; the message ends with its log."""


@dataclass
class LiveServer:
    url: str
    process: subprocess.Popen[bytes]
    log: Path
    started_in_s: float
    """From starting the command to the first answered request."""

    def processes(self) -> list[int]:
        """The live processes of the server's group: uvicorn's, and its compute pool's."""
        return _live_members(self.process.pid)

    def kill(self, limit_s: float = 10.0) -> int:
        """SIGKILL the whole process group at once; the server's return code once all are gone."""
        with suppress(ProcessLookupError):  # every process of the group has exited already
            os.killpg(self.process.pid, signal.SIGKILL)
        returncode = self.process.wait(timeout=limit_s)
        _wait_until_group_is_gone(self.process.pid, limit_s)
        return returncode

    def stop(self, limit_s: float = 15.0) -> None:
        """Shut down as a service manager would (SIGTERM: the app closes its store and its pool),
        if still running; SIGKILL whatever is left after `limit_s`."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=limit_s)
            except subprocess.TimeoutExpired:
                self.kill()
                return
        try:
            _wait_until_group_is_gone(self.process.pid, limit_s)
        except AssertionError:
            self.kill()


@contextmanager
def live_server(
    database: str,
    log: Path,
    environment: dict[str, str] | None = None,
    limit_s: float = 30.0,
    cwd: Path = REPO,
) -> Iterator[LiveServer]:
    """`steepest serve --database DATABASE` on a free loopback port, its output in `log`;
    stopped on leaving (unless the test killed it). `environment` adds or replaces variables;
    none of the developer's own STEEPEST_* settings reach the server."""
    port = free_port()
    command = [str(STEEPEST), "serve", "--port", str(port), "--database", database]
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("STEEPEST_")}
    # No rate limit: the tests using this make requests far faster than a learner does.
    env = {**inherited, "STEEPEST_RATE_LIMIT": "0", **(environment or {})}
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = LiveServer(url, process, log, 0.0)
    try:
        _wait_until_answering(server, limit_s)
        server.started_in_s = time.monotonic() - started
        yield server
    finally:
        server.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_answering(server: LiveServer, limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerDidNotStart(
                f"steepest serve exited with {server.process.returncode}:\n{_tail(server.log)}"
            )
        try:
            with urllib.request.urlopen(server.url + "/", timeout=1):
                return
        except OSError:
            time.sleep(0.02)
    raise ServerDidNotStart(
        f"steepest serve did not answer within {limit_s} s:\n{_tail(server.log)}"
    )


def _wait_until_group_is_gone(group: int, limit_s: float) -> None:
    """Until no live process is left in the group. A killed worker whose parent (the forkserver)
    died too is reparented and reaped by init, so it may linger as a zombie for a moment."""
    deadline = time.monotonic() + limit_s
    while _live_members(group):
        if time.monotonic() > deadline:
            raise AssertionError(
                f"processes of group {group} outlived SIGKILL: {_live_members(group)}"
            )
        time.sleep(0.02)


def _live_members(group: int) -> list[int]:
    """The group's processes that are not zombies. Linux's /proc; elsewhere, ask the kernel."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return []
        return [group]
    members = []
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # gone meanwhile
        # pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so split after it.
        state, _ppid, pgrp = stat.rsplit(")", 1)[1].split()[:3]
        if int(pgrp) == group and state != "Z":
            members.append(int(entry.name))
    return members


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
