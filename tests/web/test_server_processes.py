"""`STEEPEST_PROCESSES=2` (or `--processes 2`): two server processes share the port and one
practice-problem key, so whichever process takes an answer accepts the other's problem."""

from __future__ import annotations

from pathlib import Path

import httpx

from .live_server import live_server
from .test_practice_api import right_answer

CONNECTIONS = 12  # each a new connection, which the kernel hands to either process


def test_two_processes_serve_and_accept_each_others_practice_problems(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'steepest.sqlite3'}"
    with live_server(database, tmp_path / "log", {"STEEPEST_PROCESSES": "2"}) as server:
        with httpx.Client(base_url=server.url, timeout=20) as client:
            assert client.get("/").status_code == 200
            client.get("/api/progress/partial-derivatives-and-the-gradient")
            csrf = client.cookies["steepest_csrf"]
            cookies = dict(client.cookies)
            problems = [
                client.post("/api/practice/problems", json={"level": 1}).json()["problem"]
                for _ in range(CONNECTIONS)
            ]
        for token in problems:
            with httpx.Client(base_url=server.url, timeout=20, cookies=cookies) as fresh:
                response = fresh.post(
                    "/api/practice/attempts",
                    json={"problem": token, "answer": right_answer(token)},
                    headers={"X-Steepest-CSRF": csrf, "Sec-Fetch-Site": "same-origin"},
                )
            assert response.status_code == 200, response.text
            assert response.json()["feedback"]["correct"] is True
        # Under uvicorn's supervisor, two server processes, which it starts by spawning.
        names = [Path(f"/proc/{pid}/cmdline").read_bytes() for pid in server.processes()]
        assert sum(b"spawn_main" in name for name in names) == 2, names
